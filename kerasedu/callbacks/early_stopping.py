"""EarlyStopping: stop training when the watched quantity stops improving."""
from __future__ import annotations

import warnings
from typing import Optional

from kerasedu.callbacks._monitor import check_mode, is_improvement, monitored_number, resolve_mode
from kerasedu.callbacks.callback import Callback


class EarlyStopping(Callback):
    """Stop ``fit`` after ``patience`` epochs without improvement of ``monitor``.

    Each epoch: ``wait += 1``; if the value beats the best so far by more than
    ``min_delta``, remember it (and the weights) and, if it also beats
    ``baseline``, reset ``wait = 0``. When ``wait >= patience``, set
    ``model.stop_training = True``.

    Args:
        monitor: the log key to watch, e.g. "val_loss" or "val_accuracy".
        min_delta: the smallest change that counts as an improvement.
        patience: how many epochs without improvement to allow before stopping.
        verbose: 1 prints "Epoch n: early stopping" when it stops.
        mode: "min", "max" or "auto" (decided from the name of ``monitor``).
        baseline: a value the quantity must beat; epochs that do not beat it
            never reset the patience counter.
        restore_best_weights: at the end of training, put back the weights
            from the best epoch (otherwise the last epoch's weights stay).
        start_from_epoch: epochs of warm-up during which nothing is watched.

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> stopper = EarlyStopping(monitor="loss", patience=0)
    >>> stopper.set_model(model)
    >>> stopper.on_train_begin()
    >>> for epoch, loss in enumerate([0.5, 0.4, 0.45]):
    ...     stopper.on_epoch_end(epoch, {"loss": loss})
    >>> model.stop_training, stopper.stopped_epoch
    (True, 2)
    """

    def __init__(self, monitor: str = "val_loss", min_delta: float = 0, patience: int = 0,
                 verbose: int = 0, mode: str = "auto", baseline: Optional[float] = None,
                 restore_best_weights: bool = False, start_from_epoch: int = 0):
        super().__init__()
        self.monitor = monitor
        self.min_delta = abs(min_delta)
        self.patience = patience
        self.verbose = verbose
        self.mode = check_mode(mode, "EarlyStopping")
        self.baseline = baseline
        self.restore_best_weights = restore_best_weights
        self.start_from_epoch = start_from_epoch
        self._direction: Optional[str] = None     # "min" or "max", decided at the first epoch
        self.on_train_begin()

    def on_train_begin(self, logs: Optional[dict] = None) -> None:
        # reset, so one EarlyStopping can serve several fit() calls
        self.wait = 0
        self.stopped_epoch = 0
        self.best: Optional[float] = None
        self.best_weights = None
        self.best_epoch = 0

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        if self._direction is None:    # late: the model's metrics exist only now
            self._direction = resolve_mode(self.monitor, self.mode, self.model, "EarlyStopping")
        current = self._get_monitor_value(logs)
        if current is None or epoch < self.start_from_epoch:
            return
        if self.restore_best_weights and self.best_weights is None:
            self.best_weights = self.model.get_weights()    # something to restore, at least
            self.best_epoch = epoch

        self.wait += 1
        if is_improvement(current, self.best, self._direction, self.min_delta):
            self.best, self.best_epoch = current, epoch
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            # only a value that also beats the baseline earns more patience
            if self.baseline is None or is_improvement(current, self.baseline, self._direction,
                                                       self.min_delta):
                self.wait = 0
            return
        if self.wait >= self.patience and epoch > 0:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs: Optional[dict] = None) -> None:
        if self.stopped_epoch > 0 and self.verbose > 0:
            print(f"Epoch {self.stopped_epoch + 1}: early stopping")
        if self.restore_best_weights and self.best_weights is not None:
            if self.verbose > 0:
                print(f"Restoring model weights from the end of the best epoch: "
                      f"{self.best_epoch + 1}.")
            self.model.set_weights(self.best_weights)

    def _get_monitor_value(self, logs: Optional[dict]) -> Optional[float]:
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(f"Early stopping conditioned on metric `{self.monitor}` which is not "
                          f"available. Available metrics are: {','.join(logs)}", stacklevel=3)
            return None
        return monitored_number(value, self.monitor, "EarlyStopping")
