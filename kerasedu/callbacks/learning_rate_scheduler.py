"""LearningRateScheduler: set the learning rate from a function of the epoch."""
from __future__ import annotations

import inspect
from typing import Callable, Optional

import numpy as np

from kerasedu.callbacks.callback import Callback


class LearningRateScheduler(Callback):
    """At the start of each epoch: ``optimizer.learning_rate = schedule(epoch, lr)``.

    ``schedule`` gets the epoch (0-based) and the current learning rate and
    returns the new one as a float. A one-argument ``schedule(epoch)`` works too
    (the older form). The rate in use is added to the logs as ``learning_rate``.

    Args:
        schedule: a function (epoch, lr) -> float, or epoch -> float.
        verbose: 1 prints the new rate at the start of each epoch.

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    >>> halve = LearningRateScheduler(lambda epoch, lr: lr * 0.5)
    >>> history = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=3, verbose=0,
    ...                     callbacks=[halve])
    >>> history.history["learning_rate"]
    [0.05, 0.025, 0.0125]
    """

    def __init__(self, schedule: Callable, verbose: int = 0):
        super().__init__()
        if not callable(schedule):
            raise TypeError(f"LearningRateScheduler(schedule) needs a function (epoch, lr) -> "
                            f"new lr, got {schedule!r}.")
        self.schedule = schedule
        self.verbose = verbose

    def on_epoch_begin(self, epoch: int, logs: Optional[dict] = None) -> None:
        optimizer = self.model.optimizer
        if not hasattr(optimizer, "learning_rate"):
            raise ValueError('Optimizer must have a "learning_rate" attribute.')
        learning_rate = self._call_schedule(epoch, float(optimizer.learning_rate))
        if not isinstance(learning_rate, (float, np.float32, np.float64)):
            raise ValueError(f"The output of the `schedule` function should be a float. Got: "
                             f"{learning_rate!r} ({type(learning_rate).__name__}). Return a "
                             f"float, e.g. `return float(lr)` or `return 0.01`.")
        # a Python float: a NumPy float64 scalar would turn float32 weights into float64
        optimizer.learning_rate = float(learning_rate)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting learning rate to "
                  f"{float(learning_rate)}.")

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate)

    def _call_schedule(self, epoch: int, lr: float):
        """schedule(epoch, lr), or schedule(epoch) for a one-argument function."""
        try:
            parameters = inspect.signature(self.schedule).parameters.values()
        except (TypeError, ValueError):          # some builtins have no signature
            return self.schedule(epoch, lr)
        positional = [p for p in parameters
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        takes_varargs = any(p.kind == p.VAR_POSITIONAL for p in parameters)
        if len(positional) >= 2 or takes_varargs:
            return self.schedule(epoch, lr)
        return self.schedule(epoch)
