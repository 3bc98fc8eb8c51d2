"""fit, evaluate and predict: the training loop, read top to bottom.

    for epoch in epochs:
        for batch in batches:
            y_pred = model(x, training=True)          # forward
            loss = loss_fn(y, y_pred)                 # how wrong
            loss.backward()                           # gradients (the tape)
            optimizer.apply(grads, weights)           # update
            metrics.update(y, y_pred)                 # what we watch
            callbacks.on_train_batch_end(...)         # progress bar, ...
        validation, then callbacks.on_epoch_end(...)  # History, EarlyStopping, ...

``Trainer`` is mixed into ``Model``; it expects ``self(x, training=...)``,
``self.output_names`` and ``self.trainable_weights``.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from kerasedu._memory import keep_freed_memory
from kerasedu.autograd import Tensor, no_grad
from kerasedu.callbacks import CallbackList, History
from kerasedu.layers.layer import _LOSSES_USED, TRAINABLE_CHANGES
from kerasedu.layers.symbolic import flatten
from kerasedu.metrics import log_value
from kerasedu.models import data as data_utils
from kerasedu.utils import random as krandom


class Trainer:
    """compile / fit / evaluate / predict, as in Keras."""

    compiled = False
    # the trainable weights, looked up again only when some layer's `trainable` changed
    _trainable_cache: tuple = (-1, [])

    # ---- one step --------------------------------------------------------
    def train_step(self, x, y, sample_weight=None) -> dict:
        """One gradient step on one batch; returns the running logs."""
        y_pred = self(x, training=True)                              # forward, recorded
        y_true, y_pred_list, weights = self._align(y, y_pred, sample_weight)
        variables = self._trainable_weights_now()
        # the compiled loss + sum(model.losses): add_loss values and weight penalties
        loss = self.compiled_loss(y_true, y_pred_list, weights, self._model_losses(variables))
        for v in variables:
            v.grad = None
        loss.backward()                                              # fills v.grad
        self.optimizer.apply([v.grad for v in variables], variables)
        for v in variables:                          # constraints project after the step, as Keras
            if v.constraint is not None:
                v.assign(v.constraint(v))
        self.compiled_metrics.update(y_true, y_pred_list, weights)
        self.weighted_metrics_.update(y_true, y_pred_list, weights)
        return self._logs()

    def test_step(self, x, y, sample_weight=None) -> dict:
        """Loss and metrics on one batch, without gradients or updates."""
        with no_grad():
            y_pred = self(x, training=False)
            y_true, y_pred_list, weights = self._align(y, y_pred, sample_weight)
            self.compiled_loss(y_true, y_pred_list, weights,
                               self._model_losses(self._trainable_weights_now()))
        self.compiled_metrics.update(y_true, y_pred_list, weights)
        self.weighted_metrics_.update(y_true, y_pred_list, weights)
        return self._logs()

    def predict_step(self, x):
        with no_grad():
            y_pred = self(x, training=False)
        return _to_numpy(y_pred)

    # ---- fit --------------------------------------------------------------
    def fit(self, x=None, y=None, batch_size: Optional[int] = None, epochs: int = 1,
            verbose="auto", callbacks=None, validation_split: float = 0.0, validation_data=None,
            shuffle: bool = True, class_weight: Optional[dict] = None, sample_weight=None,
            initial_epoch: int = 0, steps_per_epoch: Optional[int] = None,
            validation_steps: Optional[int] = None, validation_batch_size: Optional[int] = None,
            validation_freq: int = 1) -> History:
        """Train the model for ``epochs`` passes over (x, y); returns a History.

        >>> import numpy as np, kerasedu as keras
        >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
        >>> model.compile(optimizer="sgd", loss="mse")
        >>> history = model.fit(np.ones((8, 2)), np.ones((8, 1)), epochs=2, verbose=0)
        >>> len(history.history["loss"])
        2
        """
        self._assert_compiled("fit")
        keep_freed_memory()               # each step reuses the last one's memory (see kerasedu/_memory.py)
        batch_size = self._check_batch_size(batch_size)
        x = data_utils.to_arrays(x, "x")
        y = data_utils.to_arrays(y, "y")
        sample_weight = data_utils.to_arrays(sample_weight, "sample_weight")
        if x is None:
            raise ValueError("fit() needs training data: model.fit(x_train, y_train, ...).")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("Pass either class_weight or sample_weight to fit(), not both.")
            sample_weight = data_utils.class_weights_to_sample_weights(y, class_weight)
        if validation_data is not None:
            val = data_utils.unpack_validation_data(validation_data)
        elif validation_split:
            (x, y, sample_weight), val = data_utils.split_validation(x, y, sample_weight, validation_split)
        else:
            val = None
        n = data_utils.num_samples(x, y, sample_weight)
        steps = steps_per_epoch or math.ceil(n / batch_size)

        callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, model=self,
                                 verbose=verbose, epochs=epochs, steps=steps)
        self.stop_training = False
        rng = krandom.generator()
        logs: dict = {}
        epoch_logs: dict = {}
        callbacks.on_train_begin()
        for epoch in range(initial_epoch, epochs):
            self._reset_metrics()
            callbacks.on_epoch_begin(epoch)
            for step, index in enumerate(data_utils.batches(n, batch_size, shuffle, rng, steps)):
                callbacks.on_train_batch_begin(step)
                logs = self.train_step(data_utils.take(x, index), data_utils.take(y, index),
                                       data_utils.take(sample_weight, index))
                callbacks.on_train_batch_end(step, logs=logs)
                if self.stop_training:
                    break
            epoch_logs = dict(logs)
            if val is not None and (epoch + 1) % validation_freq == 0:
                val_logs = self.evaluate(val[0], val[1], sample_weight=val[2],
                                         batch_size=validation_batch_size or batch_size,
                                         steps=validation_steps, verbose=0,
                                         callbacks=callbacks, return_dict=True)
                epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
            callbacks.on_epoch_end(epoch, logs=_sorted(epoch_logs))
            if self.stop_training:
                break
        callbacks.on_train_end(logs=_sorted(epoch_logs))   # the last epoch's logs, val_* too (Keras 3)
        return callbacks.history

    # ---- evaluate -----------------------------------------------------------
    def evaluate(self, x=None, y=None, batch_size: Optional[int] = None, verbose="auto",
                 sample_weight=None, steps: Optional[int] = None, callbacks=None,
                 return_dict: bool = False):
        """Loss and metrics on (x, y): a number, a list [loss, metric, ...] or a dict."""
        self._assert_compiled("evaluate")
        keep_freed_memory()               # each step reuses the last one's memory (see kerasedu/_memory.py)
        batch_size = self._check_batch_size(batch_size)
        x = data_utils.to_arrays(x, "x")
        y = data_utils.to_arrays(y, "y")
        sample_weight = data_utils.to_arrays(sample_weight, "sample_weight")
        n = data_utils.num_samples(x, y, sample_weight)
        steps = steps or math.ceil(n / batch_size)
        if not isinstance(callbacks, CallbackList):
            callbacks = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=1, steps=steps)
        self._reset_metrics()
        logs: dict = {}
        callbacks.on_test_begin()
        for step, index in enumerate(data_utils.batches(n, batch_size, False, None, steps)):
            callbacks.on_test_batch_begin(step)
            logs = self.test_step(data_utils.take(x, index), data_utils.take(y, index),
                                  data_utils.take(sample_weight, index))
            callbacks.on_test_batch_end(step, logs=logs)
        logs = _sorted(logs)
        callbacks.on_test_end(logs=logs)
        if return_dict:
            return logs
        values = [logs[name] for name in self.metrics_names]
        return values[0] if len(values) == 1 else values

    # ---- predict ------------------------------------------------------------
    def predict(self, x, batch_size: Optional[int] = None, verbose="auto",
                steps: Optional[int] = None, callbacks=None):
        """The model's outputs for x, as NumPy arrays (batch by batch, no dropout)."""
        keep_freed_memory()
        batch_size = self._check_batch_size(batch_size)
        x = data_utils.to_arrays(x, "x")
        n = data_utils.num_samples(x)
        steps = steps or math.ceil(n / batch_size)
        callbacks = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                 verbose=verbose, epochs=1, steps=steps)
        callbacks.on_predict_begin()
        outputs = []
        for step, index in enumerate(data_utils.batches(n, batch_size, False, None, steps)):
            callbacks.on_predict_batch_begin(step)
            outputs.append(self.predict_step(data_utils.take(x, index)))
            callbacks.on_predict_batch_end(step, logs={"outputs": outputs[-1]})
        callbacks.on_predict_end()
        return _concatenate(outputs)

    # ---- single batches (tf.keras names) --------------------------------------
    def train_on_batch(self, x, y=None, sample_weight=None, return_dict: bool = False):
        self._assert_compiled("train_on_batch")
        self._reset_metrics()
        logs = self.train_step(data_utils.to_arrays(x, "x"), data_utils.to_arrays(y, "y"), sample_weight)
        return logs if return_dict else _values(logs, self.metrics_names)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict: bool = False):
        self._assert_compiled("test_on_batch")
        self._reset_metrics()
        logs = self.test_step(data_utils.to_arrays(x, "x"), data_utils.to_arrays(y, "y"), sample_weight)
        return logs if return_dict else _values(logs, self.metrics_names)

    def predict_on_batch(self, x):
        return self.predict_step(data_utils.to_arrays(x, "x"))

    # ---- helpers --------------------------------------------------------------
    def _trainable_weights_now(self) -> list:
        """``self.trainable_weights``, recomputed only after a ``trainable`` change anywhere
        (walking every layer on every batch would cost more than a small model's math)."""
        version, weights = self._trainable_cache
        if version != TRAINABLE_CHANGES[0] or not weights:
            weights = self.trainable_weights
            self._trainable_cache = (TRAINABLE_CHANGES[0], weights)
        return weights

    def _model_losses(self, variables: list) -> list:
        """``model.losses`` for the call just made, with the cached trainable weights:
        the add_loss values of every layer, then each weight's regularizer penalty."""
        penalties = [v.regularizer(v) for v in variables if v.regularizer is not None]
        return (self._added_losses() + penalties) if _LOSSES_USED[0] else penalties

    def _align(self, y, y_pred, sample_weight):
        """Targets, predictions and weights as lists with one entry per output."""
        preds = flatten(y_pred) if isinstance(y_pred, (list, tuple, dict)) else [y_pred]
        names = self.output_names
        if isinstance(y, dict):
            unknown = set(y) - set(names)
            if unknown:
                raise ValueError(f"y has keys {sorted(unknown)} that are not output names; the "
                                 f"model's outputs are {names}.")
            targets = [y.get(name) for name in names]
        elif isinstance(y, (list, tuple)) and len(names) > 1:
            if len(y) != len(names):
                raise ValueError(f"The model has {len(names)} outputs {names} but y is a list "
                                 f"of {len(y)} arrays. Give one target array per output.")
            targets = list(y)
        else:
            if len(names) > 1:
                raise ValueError(f"The model has {len(names)} outputs {names}: give y as a list "
                                 f"or a dict with one target array per output.")
            targets = [y]
        if isinstance(sample_weight, dict):
            weights = [sample_weight.get(name) for name in names]
        elif isinstance(sample_weight, (list, tuple)):
            weights = list(sample_weight)
        else:
            weights = [sample_weight] * len(names)
        return targets, preds, weights

    def _logs(self) -> dict:
        logs = {name: tracker.result() for name, tracker in self.compiled_loss.trackers.items()}
        for metric in self.compiled_metrics.all_metrics() + self.weighted_metrics_.all_metrics():
            logs[metric.name] = metric.result()
        return logs

    def _reset_metrics(self) -> None:
        for tracker in self.compiled_loss.trackers.values():
            tracker.reset_state()
        self.compiled_metrics.reset()
        self.weighted_metrics_.reset()

    def _assert_compiled(self, method: str) -> None:
        if not self.compiled:
            raise RuntimeError(f"You must compile the model before calling {method}(): "
                               f"model.compile(optimizer='adam', loss='...', metrics=['accuracy']).")

    @staticmethod
    def _check_batch_size(batch_size) -> int:
        if batch_size is None:
            return 32
        if not isinstance(batch_size, (int, np.integer)) or batch_size <= 0:
            raise ValueError(f"batch_size must be a positive integer, got {batch_size!r}.")
        return int(batch_size)


def _sorted(logs: dict) -> dict:
    """Keras 3 logs keys in alphabetical order, as plain Python floats (a list of floats
    for a metric with several thresholds)."""
    return {key: log_value(logs[key]) for key in sorted(logs)}


def _values(logs: dict, names: list):
    values = [log_value(logs[name]) for name in names if name in logs]
    return values[0] if len(values) == 1 else values


def _to_numpy(y_pred):
    if isinstance(y_pred, Tensor):
        return y_pred.data
    if isinstance(y_pred, dict):
        return {k: _to_numpy(v) for k, v in y_pred.items()}
    return [_to_numpy(v) for v in y_pred]


def _concatenate(batches: list):
    first = batches[0]
    if isinstance(first, dict):
        return {k: np.concatenate([b[k] for b in batches]) for k in first}
    if isinstance(first, list):
        return [np.concatenate([b[i] for b in batches]) for i in range(len(first))]
    return np.concatenate(batches)
