"""Regularizers: penalties on the weights, added to the loss that fit minimises.

A big weight lets a model bend itself around the noise of a small training set.
A regularizer charges for size, so that fit trades a little training loss for
smaller weights:

    L1:   penalty = l1 * sum(|w|)        pushes weights to exactly 0 (sparse)
    L2:   penalty = l2 * sum(w^2)        shrinks all weights ("weight decay")

``Dense(64, kernel_regularizer=L2(1e-4))`` gives the kernel such a penalty; the
layer lists it in ``layer.losses`` and fit adds ``sum(model.losses)`` to the
loss of each batch. The penalty is built from ops, so its gradient
(2 * l2 * w for L2) reaches the weights through the same tape as the loss.

>>> import numpy as np
>>> float(L2(0.5)(np.ones((5, 5), np.float32)))      # 0.5 * 25 ones
12.5
"""
from __future__ import annotations

from typing import Callable, Optional, Union

import numpy as np

from kerasedu import ops
from kerasedu.autograd import Tensor


class Regularizer:
    """Base class: ``regularizer(weights)`` returns a scalar penalty Tensor.

    A plain function ``fn(weights) -> scalar`` works as a regularizer too.
    """

    def __call__(self, x) -> Tensor:
        return Tensor(np.float32(0.0))

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> "Regularizer":
        return cls(**config)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def _factor(value, name: str) -> float:
    """A penalty factor: a non-negative finite number (None means 0)."""
    value = 0.0 if value is None else value
    if not isinstance(value, (int, float)) or not np.isfinite(value) or value < 0:
        raise ValueError(f"Invalid value for argument {name}: expected a non-negative number, "
                         f"got {name}={value!r}.")
    return float(value)


class L1L2(Regularizer):
    """penalty = l1 * sum(|x|) + l2 * sum(x^2).

    Args:
        l1: the L1 factor (default 0).
        l2: the L2 factor (default 0).

    >>> round(float(L1L2(l1=0.1, l2=0.01)(np.array([[1.0, -2.0]], np.float32))), 6)  # 0.1*3 + 0.01*5
    0.35
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0):
        self.l1 = _factor(l1, "l1")
        self.l2 = _factor(l2, "l2")

    def __call__(self, x) -> Tensor:
        penalty = Tensor(np.float32(0.0))
        if self.l1:
            penalty = ops.add(penalty, ops.multiply(ops.sum(ops.abs(x)), np.float32(self.l1)))
        if self.l2:
            penalty = ops.add(penalty, ops.multiply(ops.sum(ops.square(x)), np.float32(self.l2)))
        return penalty

    def get_config(self) -> dict:
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """penalty = l1 * sum(|x|).

    >>> round(float(L1(0.01)(np.array([3.0, -4.0], np.float32))), 6)
    0.07
    """

    def __init__(self, l1: float = 0.01):
        self.l1 = _factor(l1, "l1")

    def __call__(self, x) -> Tensor:
        return ops.multiply(ops.sum(ops.abs(x)), np.float32(self.l1))

    def get_config(self) -> dict:
        return {"l1": self.l1}


class L2(Regularizer):
    """penalty = l2 * sum(x^2)   (no 1/2: Keras's convention).

    >>> round(float(L2(0.01)(np.array([3.0, -4.0], np.float32))), 6)
    0.25
    """

    def __init__(self, l2: float = 0.01):
        self.l2 = _factor(l2, "l2")

    def __call__(self, x) -> Tensor:
        return ops.multiply(ops.sum(ops.square(x)), np.float32(self.l2))

    def get_config(self) -> dict:
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """Pushes the rows (or columns) of a 2-D kernel to be orthogonal to each other.

    With u_i the rows made unit length (mode="rows"; columns for mode="columns"),
    n of them:

        penalty = factor * 0.5 * sum_{i != j} |u_i . u_j| / (n (n-1) / 2)

    i.e. ``factor`` times the mean |cosine| between two different rows.

    >>> float(OrthogonalRegularizer(factor=1.0)(np.eye(3, dtype=np.float32)))
    0.0
    """

    def __init__(self, factor: float = 0.01, mode: str = "rows"):
        if mode not in ("rows", "columns"):
            raise ValueError(f"OrthogonalRegularizer: mode must be 'rows' or 'columns', "
                             f"got {mode!r}.")
        self.factor = _factor(factor, "factor")
        self.mode = mode

    def __call__(self, x) -> Tensor:
        if len(np.shape(x)) != 2:
            raise ValueError(f"OrthogonalRegularizer works on 2-D kernels (a Dense kernel), "
                             f"got shape {tuple(np.shape(x))}.")
        axis = 1 if self.mode == "rows" else 0
        squares = ops.sum(ops.square(x), axis=axis, keepdims=True)
        unit = ops.divide(x, ops.sqrt(ops.maximum(squares, np.float32(1e-12))))
        if self.mode == "rows":
            product = ops.matmul(unit, ops.transpose(unit))          # (rows, rows) cosines
        else:
            product = ops.matmul(ops.transpose(unit), unit)          # (cols, cols) cosines
        size = product.shape[0]
        off_diagonal = ops.multiply(product, 1.0 - np.eye(size, dtype=np.float32))
        num_pairs = size * (size - 1.0) / 2.0
        return ops.multiply(ops.sum(ops.abs(off_diagonal)), np.float32(self.factor * 0.5 / num_pairs))

    def get_config(self) -> dict:
        return {"factor": self.factor, "mode": self.mode}


# Aliases as in keras.regularizers: l1(0.01) is L1(0.01)
l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

_BY_NAME = {"l1": L1, "l2": L2, "l1_l2": L1L2, "l1l2": L1L2,
            "orthogonal_regularizer": OrthogonalRegularizer}
_CLASSES = {cls.__name__: cls for cls in (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)}


def get(identifier: Union[str, dict, Regularizer, Callable, None]) -> Optional[Callable]:
    """A regularizer from None, a name ("l1", "l2", "l1_l2"), a config dict, an object or a
    function. Names give the defaults: "l2" is L2(0.01), "l1_l2" is L1L2(0.01, 0.01).

    >>> get("l2")
    L2(l2=0.01)
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier) or _CLASSES.get(identifier)
        if cls is None:
            raise ValueError(f"Unknown regularizer: {identifier!r}. Valid names: 'l1', 'l2', "
                             f"'l1_l2', or an object such as keras.regularizers.L2(1e-4).")
        if cls is L1L2 and identifier != "L1L2":
            return L1L2(l1=0.01, l2=0.01)     # "l1_l2": both 0.01, as Keras documents
        return cls()
    if isinstance(identifier, type) and issubclass(identifier, Regularizer):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer {identifier!r}: give a name ('l2'), a "
                     f"Regularizer object or a function weights -> scalar.")


def serialize(regularizer) -> Optional[Union[dict, str]]:
    """``{"class_name": "L2", "config": {"l2": 0.01}}`` (a plain function: its name)."""
    if regularizer is None:
        return None
    if hasattr(regularizer, "get_config"):
        return {"class_name": type(regularizer).__name__, "config": regularizer.get_config()}
    return getattr(regularizer, "__name__", str(regularizer))


def deserialize(config: Union[dict, str], custom_objects: Optional[dict] = None):
    """The reverse of ``serialize``; own classes come from ``custom_objects``."""
    if isinstance(config, str):
        if custom_objects and config in custom_objects:
            return custom_objects[config]
        return get(config)
    classes = {**_CLASSES, **(custom_objects or {})}
    cls = classes.get(config.get("class_name"))
    if cls is None:
        raise ValueError(f"Unknown regularizer class {config.get('class_name')!r}; pass your own "
                         f"class in custom_objects.")
    return cls.from_config(config.get("config", {}))
