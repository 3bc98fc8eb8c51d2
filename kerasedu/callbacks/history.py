"""History: records the logs of every epoch; ``fit`` returns it."""
from __future__ import annotations

from typing import Optional

from kerasedu.callbacks.callback import Callback
from kerasedu.metrics import log_value


class History(Callback):
    """``history.history['loss']`` is the list of epoch losses; ``history.epoch`` the
    epoch numbers (0-based)."""

    def __init__(self):
        super().__init__()
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def on_train_begin(self, logs: Optional[dict] = None) -> None:
        self.epoch = []     # a second fit() starts a fresh History, as in Keras

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(log_value(value))
        if self.model is not None:
            self.model.history = self
