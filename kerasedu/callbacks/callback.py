"""Callback: code that fit / evaluate / predict call at fixed moments.

Override any hook; ``self.model`` is the model being trained and
``self.params`` holds {'verbose', 'epochs', 'steps'}. Numbers are 0-based.

>>> class PrintLoss(Callback):
...     def on_epoch_end(self, epoch, logs=None):
...         print(f"epoch {epoch}: loss {logs['loss']:.3f}")
"""
from __future__ import annotations

from typing import Optional


class Callback:
    """Base class with every hook doing nothing."""

    def __init__(self):
        self.model = None
        self.params: dict = {}

    def set_model(self, model) -> None:
        self.model = model

    def set_params(self, params: dict) -> None:
        self.params = params

    # training
    def on_train_begin(self, logs: Optional[dict] = None): pass
    def on_train_end(self, logs: Optional[dict] = None): pass
    def on_epoch_begin(self, epoch: int, logs: Optional[dict] = None): pass
    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None): pass
    def on_train_batch_begin(self, batch: int, logs: Optional[dict] = None):
        self.on_batch_begin(batch, logs)    # as Keras: old callbacks override on_batch_begin
    def on_train_batch_end(self, batch: int, logs: Optional[dict] = None):
        self.on_batch_end(batch, logs)
    # evaluation (also the validation inside fit)
    def on_test_begin(self, logs: Optional[dict] = None): pass
    def on_test_end(self, logs: Optional[dict] = None): pass
    def on_test_batch_begin(self, batch: int, logs: Optional[dict] = None): pass
    def on_test_batch_end(self, batch: int, logs: Optional[dict] = None): pass
    # prediction
    def on_predict_begin(self, logs: Optional[dict] = None): pass
    def on_predict_end(self, logs: Optional[dict] = None): pass
    def on_predict_batch_begin(self, batch: int, logs: Optional[dict] = None): pass
    def on_predict_batch_end(self, batch: int, logs: Optional[dict] = None): pass

    # the old names of the training batch hooks (Keras 2 tutorials override these)
    def on_batch_begin(self, batch: int, logs: Optional[dict] = None): pass
    def on_batch_end(self, batch: int, logs: Optional[dict] = None): pass
