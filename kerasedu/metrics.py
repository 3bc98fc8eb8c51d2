"""Metrics: numbers to watch during training (they do not drive the gradients).

A metric keeps running totals across batches:
``update_state(y_true, y_pred)`` adds one batch, ``result()`` gives the value so
far, ``reset_state()`` starts over (fit resets at each epoch).

>>> import numpy as np
>>> m = SparseCategoricalAccuracy()
>>> m.update_state(np.array([1, 0]), np.array([[0.1, 0.9], [0.2, 0.8]]))
>>> float(m.result())
0.5
"""
from __future__ import annotations

from typing import Callable, Optional, Union

import numpy as np

from kerasedu.autograd import Tensor


def _array(x) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else np.asarray(x)


class Metric:
    """Base class: a weighted running mean of per-sample values."""

    def __init__(self, name: Optional[str] = None, dtype=None):
        from kerasedu.utils.naming import to_snake_case
        self.name = name or to_snake_case(type(self).__name__)
        self.reset_state()

    def reset_state(self) -> None:
        self.total = 0.0   # sum of weighted values
        self.count = 0.0   # sum of weights

    def update_state(self, y_true, y_pred, sample_weight=None) -> None:
        values = self.compute(_array(y_true), _array(y_pred))            # (batch,) or (batch, ...)
        if sample_weight is None:
            self.total += float(values.sum())
            self.count += values.size
        else:
            w = np.broadcast_to(np.asarray(sample_weight, dtype=np.float32).reshape(
                values.shape[:1] + (1,) * (values.ndim - 1)), values.shape)
            self.total += float((values * w).sum())
            self.count += float(w.sum())

    def compute(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """The per-sample values to average. Override in subclasses."""
        raise NotImplementedError

    def result(self) -> float:
        return self.total / self.count if self.count else 0.0

    def get_config(self) -> dict:
        return {"name": self.name}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} name={self.name} result={self.result():.4f}>"


class Mean(Metric):
    """The weighted mean of the values given: ``update_state(values, sample_weight=None)``."""

    def update_state(self, values, sample_weight=None) -> None:
        if isinstance(values, float) and isinstance(sample_weight, (int, float)):
            self.total += values * float(sample_weight)     # the loss trackers' case: one number
            self.count += float(sample_weight)
            return
        values = np.asarray(_array(values), dtype=np.float64)
        weight = np.ones_like(values) if sample_weight is None else np.broadcast_to(
            np.asarray(sample_weight, dtype=np.float64), values.shape)
        self.total += float((values * weight).sum())
        self.count += float(weight.sum())


def _sparse_true(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """Labels shaped like y_pred without its last axis."""
    if y_true.ndim == y_pred.ndim and y_true.shape[-1] == 1:
        y_true = y_true[..., 0]
    return y_true


class Accuracy(Metric):
    """How often y_pred equals y_true exactly."""

    def compute(self, y_true, y_pred):
        return (y_true == y_pred).astype(np.float32)


class BinaryAccuracy(Metric):
    """How often (y_pred > threshold) equals y_true; for one sigmoid output."""

    def __init__(self, name: Optional[str] = None, dtype=None, threshold: float = 0.5):
        self.threshold = threshold
        super().__init__(name or "binary_accuracy")

    def compute(self, y_true, y_pred):
        if y_true.ndim == y_pred.ndim - 1:
            y_true = y_true[..., None]
        hits = (y_pred > self.threshold) == (y_true > 0.5)
        return hits.astype(np.float32).mean(axis=-1)


class CategoricalAccuracy(Metric):
    """How often argmax(y_pred) equals argmax(y_true), for one-hot labels."""

    def compute(self, y_true, y_pred):
        return (y_true.argmax(axis=-1) == y_pred.argmax(axis=-1)).astype(np.float32)


class SparseCategoricalAccuracy(Metric):
    """How often argmax(y_pred) equals the integer label y_true."""

    def compute(self, y_true, y_pred):
        labels = _sparse_true(y_true, y_pred)
        return (labels == y_pred.argmax(axis=-1)).astype(np.float32)


class TopKCategoricalAccuracy(Metric):
    """How often the one-hot label is among the k highest predictions."""

    def __init__(self, k: int = 5, name: Optional[str] = None, dtype=None):
        self.k = k
        super().__init__(name or "top_k_categorical_accuracy")

    def compute(self, y_true, y_pred):
        top = np.argsort(y_pred, axis=-1)[..., -self.k:]
        return (top == y_true.argmax(axis=-1)[..., None]).any(axis=-1).astype(np.float32)


class MeanSquaredError(Metric):
    """mean((y_true - y_pred)^2) over the last axis, averaged over samples."""

    def compute(self, y_true, y_pred):
        y_true = y_true.reshape(y_pred.shape) if y_true.size == y_pred.size else y_true
        return ((y_true - y_pred) ** 2).mean(axis=-1)


class MeanAbsoluteError(Metric):
    """mean(|y_true - y_pred|) over the last axis, averaged over samples."""

    def compute(self, y_true, y_pred):
        y_true = y_true.reshape(y_pred.shape) if y_true.size == y_pred.size else y_true
        return np.abs(y_true - y_pred).mean(axis=-1)


class MeanMetricWrapper(Metric):
    """Turn a function fn(y_true, y_pred) -> per-sample values into a metric."""

    def __init__(self, fn: Callable, name: Optional[str] = None, dtype=None, **kwargs):
        self.fn, self.kwargs = fn, kwargs
        super().__init__(name or getattr(fn, "__name__", "metric"))

    def compute(self, y_true, y_pred):
        out = self.fn(y_true, y_pred, **self.kwargs)
        return np.asarray(out.data if isinstance(out, Tensor) else out, dtype=np.float32)


_BY_NAME = {
    "accuracy": Accuracy, "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "top_k_categorical_accuracy": TopKCategoricalAccuracy,
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
}
_BY_NAME.update({cls.__name__: cls for cls in set(_BY_NAME.values())})


def resolve_accuracy(name: str, y_true: np.ndarray, y_pred_shape: tuple) -> Metric:
    """What 'accuracy' means, decided from shapes alone as Keras does:

    * one output unit (sigmoid)             -> binary accuracy;
    * labels have fewer axes, or last axis 1 -> sparse categorical accuracy;
    * otherwise (one-hot labels)             -> categorical accuracy.
    The metric keeps the name the user wrote ('accuracy' or 'acc').
    """
    if y_pred_shape[-1] == 1:
        return BinaryAccuracy(name=name)
    if y_true.ndim < len(y_pred_shape) or y_true.shape[-1] == 1:
        return SparseCategoricalAccuracy(name=name)
    return CategoricalAccuracy(name=name)


def get(identifier: Union[str, Metric, Callable]) -> Metric:
    """A metric from a name, an object or a function (not 'accuracy': see resolve_accuracy)."""
    if isinstance(identifier, Metric):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Metric):
        return identifier()
    if isinstance(identifier, str) and identifier in _BY_NAME:
        metric = _BY_NAME[identifier]()
        metric.name = identifier if identifier.islower() else metric.name
        return metric
    if callable(identifier):
        return MeanMetricWrapper(identifier)
    valid = sorted(k for k in _BY_NAME if k.islower()) + ["acc"]
    raise ValueError(f"Unknown metric: {identifier!r}. Valid names: {', '.join(valid)}, "
                     f"or a Metric object / a function (y_true, y_pred).")
