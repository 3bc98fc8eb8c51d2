"""ReduceLROnPlateau: take smaller steps when progress stalls."""
from __future__ import annotations

import warnings
from typing import Optional

from kerasedu.callbacks._monitor import (check_mode, initial_best, is_improvement, monitored_number,
                                          resolve_mode)
from kerasedu.callbacks.callback import Callback


class ReduceLROnPlateau(Callback):
    """Multiply the learning rate by ``factor`` after ``patience`` epochs without improvement.

    new_lr = max(lr * factor, min_lr). After a reduction, ``cooldown`` epochs
    pass before the counting starts again. The rate in use is added to the
    logs as ``learning_rate``.

    Args:
        monitor: the log key to watch.
        factor: the multiplier, below 1 (0.1 divides the rate by ten).
        patience: epochs without improvement before reducing.
        verbose: 1 prints a line on each reduction.
        mode: "min", "max" or "auto" (from the name; names that say nothing mean min).
        min_delta: the smallest change that counts as an improvement.
        cooldown: epochs to wait after a reduction before watching again.
        min_lr: the learning rate never goes below this.

    >>> import kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    >>> plateau = ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)
    >>> plateau.set_model(model)
    >>> plateau.on_train_begin()
    >>> for epoch, loss in enumerate([1.0, 1.0, 1.0]):
    ...     plateau.on_epoch_end(epoch, {"loss": loss})
    >>> model.optimizer.learning_rate
    0.025
    """

    def __init__(self, monitor: str = "val_loss", factor: float = 0.1, patience: int = 10,
                 verbose: int = 0, mode: str = "auto", min_delta: float = 1e-4, cooldown: int = 0,
                 min_lr: float = 0.0, **kwargs):
        super().__init__()
        if factor >= 1.0:
            raise ValueError(f"ReduceLROnPlateau does not support a factor >= 1.0. Received "
                             f"factor={factor}. Use e.g. factor=0.1 to divide the rate by 10.")
        if "epsilon" in kwargs:      # the old tf.keras name of min_delta
            min_delta = kwargs.pop("epsilon")
        if kwargs:
            raise TypeError(f"ReduceLROnPlateau got unexpected argument(s) {sorted(kwargs)}.")
        self.monitor = monitor
        self.factor = float(factor)
        self.patience = patience
        self.verbose = verbose
        self.mode = check_mode(mode, "Learning rate reduction")
        self.min_delta = min_delta
        self.cooldown = cooldown
        self.min_lr = float(min_lr)
        self._direction: Optional[str] = None
        self._reset()

    def _reset(self) -> None:
        self.wait = 0
        self.cooldown_counter = 0
        self.best: Optional[float] = None

    def on_train_begin(self, logs: Optional[dict] = None) -> None:
        self._reset()

    def in_cooldown(self) -> bool:
        return self.cooldown_counter > 0

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        logs = logs if logs is not None else {}
        optimizer = self.model.optimizer
        logs["learning_rate"] = float(optimizer.learning_rate)
        if self._direction is None:
            self._direction = resolve_mode(self.monitor, self.mode, self.model,
                                           "ReduceLROnPlateau", default="min")
        if self.best is None:
            self.best = initial_best(self._direction)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Learning rate reduction is conditioned on metric `{self.monitor}` "
                          f"which is not available. Available metrics are: {','.join(logs)}.",
                          stacklevel=3)
            return
        current = monitored_number(current, self.monitor, "ReduceLROnPlateau")
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if is_improvement(current, self.best, self._direction, self.min_delta):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                old_lr = float(optimizer.learning_rate)
                if old_lr > self.min_lr:
                    new_lr = max(old_lr * self.factor, self.min_lr)
                    optimizer.learning_rate = new_lr
                    if self.verbose > 0:
                        print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing learning rate "
                              f"to {new_lr}.")
                    self.cooldown_counter = self.cooldown
                    self.wait = 0
