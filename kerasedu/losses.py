"""Losses: how wrong the predictions are, as one number to minimise.

A loss object is called as ``loss(y_true, y_pred, sample_weight=None)``:

1. the per-sample loss is computed (mean over the last axis for mse/mae/bce);
2. it is multiplied by the sample weights, if any;
3. "sum_over_batch_size": the sum is divided by the number of samples.

>>> import numpy as np
>>> float(MeanSquaredError()(np.array([[1.0], [3.0]]), np.array([[2.0], [3.0]])).data)
0.5
"""
from __future__ import annotations

from typing import Callable, Optional, Union

import numpy as np

from kerasedu import ops
from kerasedu.autograd import Tensor, as_tensor


class Loss:
    """Base class: subclasses implement ``call(y_true, y_pred)`` -> per-sample loss."""

    def __init__(self, name: Optional[str] = None, reduction: str = "sum_over_batch_size"):
        if reduction not in ("sum_over_batch_size", "sum", "none", None):
            raise ValueError(f"Unknown reduction {reduction!r}: use 'sum_over_batch_size', "
                             "'sum' or 'none'.")
        self.name = name or _snake(type(self).__name__)
        self.reduction = reduction

    def __call__(self, y_true, y_pred, sample_weight=None) -> Tensor:
        per_sample = self.call(y_true, as_tensor(y_pred))            # (batch,) or (batch, steps)
        if sample_weight is not None:
            weight = np.asarray(sample_weight, dtype=np.float32)
            weight = weight.reshape(weight.shape + (1,) * (per_sample.ndim - weight.ndim))
            per_sample = ops.multiply(per_sample, weight)
        if self.reduction in ("none", None):
            return per_sample
        if self.reduction == "sum":
            return ops.sum(per_sample)
        return ops.mean(per_sample)     # sum over the batch / number of samples

    def call(self, y_true, y_pred: Tensor) -> Tensor:
        raise NotImplementedError

    def get_config(self) -> dict:
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config: dict) -> "Loss":
        return cls(**config)


class MeanSquaredError(Loss):
    """loss = mean((y_true - y_pred)^2) over the last axis."""

    def call(self, y_true, y_pred):
        diff = ops.subtract(y_pred, _as_float(y_true, y_pred))
        return ops.mean(ops.square(diff), axis=-1)


class MeanAbsoluteError(Loss):
    """loss = mean(|y_true - y_pred|) over the last axis."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.abs(ops.subtract(y_pred, _as_float(y_true, y_pred))), axis=-1)


class BinaryCrossentropy(Loss):
    """loss = mean(-(y log p + (1 - y) log(1 - p))) over the last axis.

    Args:
        from_logits: True if y_pred are raw scores (no sigmoid applied yet).
    """

    def __init__(self, from_logits: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.from_logits = from_logits

    def call(self, y_true, y_pred):
        y = _as_float(y_true, y_pred)
        logits = y_pred if self.from_logits else getattr(y_pred, "_keras_logits", None)
        if logits is not None:   # sigmoid + cross-entropy fused: stable, simple gradient
            elementwise = ops.sigmoid_binary_cross_entropy(y, logits)
        else:
            elementwise = ops.binary_cross_entropy(y, y_pred)
        return ops.mean(elementwise, axis=-1)

    def get_config(self):
        return {**super().get_config(), "from_logits": self.from_logits}


class CategoricalCrossentropy(Loss):
    """loss = -sum_c y_c log p_c for one-hot (or soft) labels y of shape (batch, classes)."""

    def __init__(self, from_logits: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.from_logits = from_logits

    def call(self, y_true, y_pred):
        y = _as_float(y_true, y_pred)
        if y.shape != y_pred.shape:
            raise ValueError(
                f"categorical_crossentropy needs one-hot labels of the same shape as the "
                f"predictions {y_pred.shape}, but the labels have shape {y.shape}. For integer "
                f"labels use loss='sparse_categorical_crossentropy', or convert them with "
                f"keras.utils.to_categorical(y).")
        logits = y_pred if self.from_logits else getattr(y_pred, "_keras_logits", None)
        if logits is not None:   # softmax + cross-entropy fused, as Keras does
            return ops.softmax_cross_entropy(y, logits)
        return ops.categorical_cross_entropy(y, y_pred)

    def get_config(self):
        return {**super().get_config(), "from_logits": self.from_logits}


class SparseCategoricalCrossentropy(Loss):
    """loss = -log p[y] for integer labels y of shape (batch,) or (batch, 1)."""

    def __init__(self, from_logits: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.from_logits = from_logits

    def call(self, y_true, y_pred):
        labels = _sparse_labels(y_true, y_pred)
        if self.from_logits:
            return ops.sparse_softmax_cross_entropy(labels, y_pred)
        if hasattr(y_pred, "_keras_logits"):     # y_pred came from softmax: fuse, as Keras does
            return ops.sparse_softmax_cross_entropy(labels, y_pred._keras_logits, softmax=y_pred)
        onehot = np.eye(y_pred.shape[-1], dtype=y_pred.dtype)[labels]     # (..., classes)
        return ops.categorical_cross_entropy(onehot, y_pred)

    def get_config(self):
        return {**super().get_config(), "from_logits": self.from_logits}


def _sparse_labels(y_true, y_pred: Tensor) -> np.ndarray:
    """Integer labels shaped like y_pred without its last axis, checked for range."""
    labels = np.asarray(y_true)
    if labels.ndim == y_pred.ndim and labels.shape[-1] == 1:
        labels = labels[..., 0]                                      # (batch, 1) -> (batch,)
    if labels.shape != y_pred.shape[:-1]:
        hint = ""
        if labels.ndim == y_pred.ndim and labels.shape[-1] == y_pred.shape[-1]:
            hint = " The labels look one-hot: use loss='categorical_crossentropy'."
        elif y_pred.ndim > 2:
            hint = " The model's output has extra axes: did you forget Flatten() before the last Dense?"
        raise ValueError(
            f"sparse_categorical_crossentropy: labels of shape {labels.shape} do not fit "
            f"predictions of shape {y_pred.shape} (expected labels of shape "
            f"{y_pred.shape[:-1]}).{hint}")
    if labels.dtype.kind == "f":
        if not np.all(np.mod(labels, 1) == 0):
            raise ValueError("sparse_categorical_crossentropy needs whole-number class ids as "
                             f"labels, got values like {labels.ravel()[:3]}.")
    labels = labels.astype(np.intp, copy=False)
    classes = y_pred.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        raise ValueError(
            f"sparse_categorical_crossentropy: a label is out of range: found labels from "
            f"{labels.min()} to {labels.max()}, but the model predicts {classes} classes "
            f"(ids 0..{classes - 1}). Give the last layer more units, e.g. "
            f"Dense({labels.max() + 1}), or check the labels.")
    return labels


def _as_float(y_true, y_pred: Tensor) -> np.ndarray:
    """y_true as an array of y_pred's float type, with a clear error on a shape mismatch."""
    y = np.asarray(y_true, dtype=y_pred.dtype)
    if y.ndim == y_pred.ndim - 1 and y_pred.shape[-1] == 1:
        y = y[..., None]                                              # (batch,) -> (batch, 1)
    try:
        np.broadcast_shapes(y.shape, y_pred.shape)
    except ValueError:
        raise ValueError(f"Labels of shape {y.shape} do not match the model's output of shape "
                         f"{y_pred.shape}. Check the last layer's units and the label "
                         f"encoding.") from None
    return y


def _snake(name: str) -> str:
    from kerasedu.utils.naming import to_snake_case
    return to_snake_case(name)


# ---- function forms and names, as in keras.losses ---------------------------
def mean_squared_error(y_true, y_pred):
    """Per-sample mean squared error (no batch reduction)."""
    return MeanSquaredError(reduction="none")(y_true, y_pred)


def mean_absolute_error(y_true, y_pred):
    """Per-sample mean absolute error (no batch reduction)."""
    return MeanAbsoluteError(reduction="none")(y_true, y_pred)


def binary_crossentropy(y_true, y_pred, from_logits: bool = False):
    """Per-sample binary cross-entropy (no batch reduction)."""
    return BinaryCrossentropy(from_logits=from_logits, reduction="none")(y_true, y_pred)


def categorical_crossentropy(y_true, y_pred, from_logits: bool = False):
    """Per-sample categorical cross-entropy (no batch reduction)."""
    return CategoricalCrossentropy(from_logits=from_logits, reduction="none")(y_true, y_pred)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits: bool = False):
    """Per-sample sparse categorical cross-entropy (no batch reduction)."""
    return SparseCategoricalCrossentropy(from_logits=from_logits, reduction="none")(y_true, y_pred)


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error

_BY_NAME: dict[str, type] = {
    "mean_squared_error": MeanSquaredError, "mse": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError, "mae": MeanAbsoluteError,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
}
_BY_NAME.update({cls.__name__: cls for cls in set(_BY_NAME.values())})


def get(identifier: Union[str, Loss, Callable, dict]) -> Union[Loss, Callable]:
    """A loss from a name ("mse", "SparseCategoricalCrossentropy"), an object or a function."""
    if isinstance(identifier, Loss) or (callable(identifier) and not isinstance(identifier, type)):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Loss):
        return identifier()
    if isinstance(identifier, dict):
        return _BY_NAME[identifier["class_name"]].from_config(identifier.get("config", {}))
    if isinstance(identifier, str) and identifier in _BY_NAME:
        loss = _BY_NAME[identifier]()
        loss.name = identifier if identifier.islower() else loss.name
        return loss
    valid = sorted(k for k in _BY_NAME if k.islower())
    raise ValueError(f"Unknown loss: {identifier!r}. Valid names: {', '.join(valid)}, "
                     f"or a Loss object / a function (y_true, y_pred).")


def serialize(loss) -> Union[str, dict]:
    if isinstance(loss, Loss):
        return {"class_name": type(loss).__name__, "config": loss.get_config()}
    return getattr(loss, "__name__", str(loss))


deserialize = get
