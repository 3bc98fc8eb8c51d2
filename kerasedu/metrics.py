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

from kerasedu import initializers, losses
from kerasedu.autograd import Tensor, Variable


def _array(x) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else np.asarray(x)


def log_value(value) -> Union[float, list]:
    """A metric's result as fit logs it: a Python float, or a list of floats for a metric
    with one value per threshold, e.g. Precision(thresholds=[0.3, 0.7]).

    >>> log_value(np.float32(0.5)), log_value(np.array([0.25, 1.0]))
    (0.5, [0.25, 1.0])
    """
    values = np.asarray(value, dtype=np.float64)
    return float(values) if values.ndim == 0 else values.tolist()


class Metric:
    """Base class of metrics, as ``keras.metrics.Metric``.

    Your own metric makes its state in ``__init__`` with ``add_variable`` and
    writes three methods (the guide's CategoricalTruePositives):

        update_state(y_true, y_pred, sample_weight=None)   add one batch
        result()                                            the value so far
        reset_state()                                       start over; by default every
                                                            variable is set to zeros

    The built-in metrics here instead write ``compute(y_true, y_pred)``, the
    per-sample values, and inherit a weighted running mean of them
    (``_total / _count``: underscored, so that a subclass may name its own variables
    ``total`` and ``count`` as Keras's examples do).

    >>> class Count(Metric):
    ...     def __init__(self, name="count", **kwargs):
    ...         super().__init__(name=name, **kwargs)
    ...         self.seen = self.add_variable(shape=(), initializer="zeros", name="seen")
    ...     def update_state(self, y_true, y_pred, sample_weight=None):
    ...         self.seen.assign_add(float(len(y_true)))
    ...     def result(self):
    ...         return self.seen
    >>> m = Count()
    >>> m.update_state(np.zeros(3), np.zeros(3)); float(m.result())
    3.0
    >>> m.reset_state(); float(m.result())
    0.0
    """

    def __init__(self, name: Optional[str] = None, dtype=None):
        from kerasedu.utils.naming import to_snake_case
        self.name = name or to_snake_case(type(self).__name__)
        self.dtype = "float32"
        self._variables: list[Variable] = []     # made by add_variable, zeroed by reset_state
        self._total = 0.0   # the built-in running mean: sum of weighted values
        self._count = 0.0   # ... and sum of weights

    # ---- state ------------------------------------------------------------
    def add_variable(self, shape=(), initializer="zeros", dtype=None, aggregation: str = "sum",
                     name: Optional[str] = None) -> Variable:
        """A state variable (not trained): e.g. a running total, made in ``__init__``."""
        shape = tuple(int(d) for d in (shape or ()))
        dtype = np.dtype("float32" if dtype is None else getattr(dtype, "name", dtype))
        value = np.asarray(initializers.get(initializer)(shape, dtype="float32")).astype(dtype)
        variable = Variable(value, name=name or f"variable_{len(self._variables)}", trainable=False)
        variable.path = f"{self.name}/{variable.name}"
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer="zeros", dtype=None, aggregation: str = "sum",
                   name: Optional[str] = None) -> Variable:
        """The older name of ``add_variable``."""
        return self.add_variable(shape, initializer, dtype, aggregation, name)

    @property
    def variables(self) -> list[Variable]:
        return list(self._variables)

    def reset_state(self) -> None:
        """Start over: every variable back to zeros (and the running mean to 0 / 0)."""
        for v in self._variables:
            v.assign(np.zeros(v.shape, v.data.dtype))
        self._total = 0.0
        self._count = 0.0

    def __call__(self, *args, **kwargs):
        """Update with one batch and return the result, as ``metric(y_true, y_pred)``."""
        self.update_state(*args, **kwargs)
        return self.result()

    def update_state(self, y_true, y_pred, sample_weight=None) -> None:
        values = self.compute(_array(y_true), _array(y_pred))            # (batch,) or (batch, ...)
        if sample_weight is None:
            self._total += float(values.sum())
            self._count += values.size
        else:
            w = np.broadcast_to(np.asarray(sample_weight, dtype=np.float32).reshape(
                values.shape[:1] + (1,) * (values.ndim - 1)), values.shape)
            self._total += float((values * w).sum())
            self._count += float(w.sum())

    def compute(self, y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
        """The per-sample values to average. Override in subclasses."""
        raise NotImplementedError

    def result(self) -> float:
        return self._total / self._count if self._count else 0.0

    def get_config(self) -> dict:
        return {"name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> "Metric":
        return cls(**config)

    def __repr__(self) -> str:
        try:
            value = f"{float(np.mean(_array(self.result()))):.4f}"
        except Exception:      # a metric without a result yet
            value = "?"
        return f"<{type(self).__name__} name={self.name} result={value}>"


class Mean(Metric):
    """The weighted mean of the values given: ``update_state(values, sample_weight=None)``."""

    def update_state(self, values, sample_weight=None) -> None:
        if isinstance(values, float) and isinstance(sample_weight, (int, float)):
            self._total += values * float(sample_weight)     # the loss trackers' case: one number
            self._count += float(sample_weight)
            return
        values = np.asarray(_array(values), dtype=np.float64)
        weight = np.ones_like(values) if sample_weight is None else np.broadcast_to(
            np.asarray(sample_weight, dtype=np.float64), values.shape)
        self._total += float((values * weight).sum())
        self._count += float(weight.sum())


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

    def get_config(self) -> dict:
        return {**super().get_config(), "threshold": self.threshold}

    def compute(self, y_true, y_pred):
        return binary_accuracy(y_true, y_pred, self.threshold)


class CategoricalAccuracy(Metric):
    """How often argmax(y_pred) equals argmax(y_true), for one-hot labels."""

    def compute(self, y_true, y_pred):
        return categorical_accuracy(y_true, y_pred)


class SparseCategoricalAccuracy(Metric):
    """How often argmax(y_pred) equals the integer label y_true."""

    def compute(self, y_true, y_pred):
        return sparse_categorical_accuracy(y_true, y_pred)


class TopKCategoricalAccuracy(Metric):
    """How often the one-hot label is among the k highest predictions."""

    def __init__(self, k: int = 5, name: Optional[str] = None, dtype=None):
        self.k = k
        super().__init__(name or "top_k_categorical_accuracy")

    def compute(self, y_true, y_pred):
        return top_k_categorical_accuracy(y_true, y_pred, self.k)

    def get_config(self) -> dict:
        return {**super().get_config(), "k": self.k}


class SparseTopKCategoricalAccuracy(TopKCategoricalAccuracy):
    """How often the integer label is among the k highest predictions."""

    def __init__(self, k: int = 5, name: Optional[str] = None, dtype=None):
        super().__init__(k, name or "sparse_top_k_categorical_accuracy")

    def compute(self, y_true, y_pred):
        return sparse_top_k_categorical_accuracy(y_true, y_pred, self.k)


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


class RootMeanSquaredError(MeanSquaredError):
    """sqrt(mean((y_true - y_pred)^2)) over every sample seen since the last reset."""

    def result(self) -> float:
        return float(np.sqrt(super().result()))


class MeanMetricWrapper(Metric):
    """Turn a function fn(y_true, y_pred) -> per-sample values into a metric."""

    def __init__(self, fn: Callable, name: Optional[str] = None, dtype=None, **kwargs):
        self.fn, self.kwargs = fn, kwargs
        super().__init__(name or getattr(fn, "__name__", "metric"))

    def compute(self, y_true, y_pred):
        out = self.fn(y_true, y_pred, **self.kwargs)
        return np.asarray(out.data if isinstance(out, Tensor) else out, dtype=np.float32)


class _CrossentropyMetric(MeanMetricWrapper):
    """The mean of a cross-entropy loss, watched as a metric (not trained on)."""

    loss_fn: Callable

    def __init__(self, name: Optional[str] = None, dtype=None, from_logits: bool = False):
        self.from_logits = from_logits
        super().__init__(type(self).loss_fn, name, from_logits=from_logits)

    def get_config(self) -> dict:
        return {**super().get_config(), "from_logits": self.from_logits}


class BinaryCrossentropy(_CrossentropyMetric):
    """The mean binary cross-entropy, e.g. BinaryCrossentropy(from_logits=True)."""
    loss_fn = staticmethod(losses.binary_crossentropy)


class CategoricalCrossentropy(_CrossentropyMetric):
    """The mean categorical cross-entropy, for one-hot labels."""
    loss_fn = staticmethod(losses.categorical_crossentropy)


class SparseCategoricalCrossentropy(_CrossentropyMetric):
    """The mean sparse categorical cross-entropy, for integer labels."""
    loss_fn = staticmethod(losses.sparse_categorical_crossentropy)


# ---- function forms, as in keras.metrics: per-sample values --------------------------------
# compile(metrics=[keras.metrics.binary_accuracy]) wraps a function in a running mean,
# named after the function. The loss functions are metrics too (keras.metrics.mean_squared_error).
def binary_accuracy(y_true, y_pred, threshold: float = 0.5) -> np.ndarray:
    """1.0 where (y_pred > threshold) agrees with the 0/1 label, per sample.

    >>> binary_accuracy(np.array([[1], [0]]), np.array([[0.7], [0.6]]))
    array([1., 0.], dtype=float32)
    """
    y_true, y_pred = _array(y_true), _array(y_pred)
    if y_true.ndim == y_pred.ndim - 1:
        y_true = y_true[..., None]
    hits = (y_pred > threshold) == (y_true > 0.5)
    return hits.astype(np.float32).mean(axis=-1)


def categorical_accuracy(y_true, y_pred) -> np.ndarray:
    """1.0 where argmax(y_pred) equals argmax(y_true) (one-hot labels), per sample.

    >>> categorical_accuracy(np.eye(2), np.array([[0.4, 0.6], [0.3, 0.7]]))
    array([0., 1.], dtype=float32)
    """
    y_true, y_pred = _array(y_true), _array(y_pred)
    return (y_true.argmax(axis=-1) == y_pred.argmax(axis=-1)).astype(np.float32)


def sparse_categorical_accuracy(y_true, y_pred) -> np.ndarray:
    """1.0 where argmax(y_pred) equals the integer label, per sample.

    >>> sparse_categorical_accuracy(np.array([1, 0]), np.array([[0.1, 0.9], [0.2, 0.8]]))
    array([1., 0.], dtype=float32)
    """
    y_pred = _array(y_pred)
    labels = _sparse_true(_array(y_true), y_pred)
    return (labels == y_pred.argmax(axis=-1)).astype(np.float32)


def top_k_categorical_accuracy(y_true, y_pred, k: int = 5) -> np.ndarray:
    """1.0 where the one-hot label's class is among the k highest predictions, per sample.

    >>> top_k_categorical_accuracy(np.eye(3)[[2]], np.array([[0.5, 0.2, 0.3]]), k=2)
    array([1.], dtype=float32)
    """
    return sparse_top_k_categorical_accuracy(_array(y_true).argmax(axis=-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k: int = 5) -> np.ndarray:
    """1.0 where the integer label is among the k highest predictions, per sample.

    >>> sparse_top_k_categorical_accuracy(np.array([1]), np.array([[0.5, 0.2, 0.3]]), k=2)
    array([0.], dtype=float32)
    """
    y_pred = _array(y_pred)
    labels = _sparse_true(_array(y_true), y_pred)
    top = np.argsort(y_pred, axis=-1)[..., -k:]                     # (batch, k): the k best classes
    return (top == labels[..., None]).any(axis=-1).astype(np.float32)


mean_squared_error = losses.mean_squared_error
mean_absolute_error = losses.mean_absolute_error
binary_crossentropy = losses.binary_crossentropy
categorical_crossentropy = losses.categorical_crossentropy
sparse_categorical_crossentropy = losses.sparse_categorical_crossentropy


_BY_NAME = {
    "accuracy": Accuracy, "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
    "top_k_categorical_accuracy": TopKCategoricalAccuracy,
    "sparse_top_k_categorical_accuracy": SparseTopKCategoricalAccuracy,
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
    "root_mean_squared_error": RootMeanSquaredError,
}


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


# Precision, Recall, AUC and the counts keep a confusion matrix, in a module of their own;
# imported here (after Metric exists) so that they are keras.metrics.Precision and so on.
from kerasedu.confusion_metrics import (AUC, FalseNegatives, FalsePositives, Precision,  # noqa: E402
                                        Recall, TrueNegatives, TruePositives)

_BY_NAME.update({"precision": Precision, "recall": Recall, "auc": AUC,
                 "true_positives": TruePositives, "false_positives": FalsePositives,
                 "true_negatives": TrueNegatives, "false_negatives": FalseNegatives})
_BY_NAME.update({cls.__name__: cls for cls in set(_BY_NAME.values())})
