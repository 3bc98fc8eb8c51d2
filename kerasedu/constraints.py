"""Constraints: rules a weight must obey, enforced after every optimizer step.

A regularizer *asks* for small weights (a penalty in the loss); a constraint
*forces* them: after each update the optimizer projects the weight back into
the allowed set, ``w <- constraint(w)``.

    NonNeg      w <- max(w, 0)
    MaxNorm     each unit's incoming weights get norm at most max_value
    UnitNorm    ... norm exactly 1
    MinMaxNorm  ... norm between min_value and max_value

"Each unit's incoming weights" is the column w[:, j] of a Dense kernel
(in, units): the norm is taken over ``axis=0``. For a Conv2D kernel
(kh, kw, in, filters) use ``axis=[0, 1, 2]``.

``Dense(64, kernel_constraint=MaxNorm(3.0))`` sets one (dropout papers use it).

>>> import numpy as np
>>> NonNeg()(np.array([-1.0, 2.0], np.float32))
array([0., 2.], dtype=float32)
"""
from __future__ import annotations

from typing import Callable, Optional, Union

import numpy as np

EPSILON = 1e-7       # Keras's backend.epsilon(): keeps the division by a norm finite


def _values(w) -> np.ndarray:
    """The numbers of a Variable, Tensor or array, as float32."""
    return np.asarray(getattr(w, "data", w), dtype=np.float32)


def _norms(w: np.ndarray, axis) -> np.ndarray:
    """sqrt(sum(w^2)) over ``axis``, kept as size-1 axes so it divides w."""
    axis = tuple(axis) if isinstance(axis, (list, tuple)) else axis
    return np.sqrt(np.sum(np.square(w), axis=axis, keepdims=True))


class Constraint:
    """Base class: ``constraint(w)`` returns the projected weights (default: w unchanged)."""

    def __call__(self, w):
        return w

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> "Constraint":
        return cls(**config)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class NonNeg(Constraint):
    """w <- max(w, 0): no negative weights."""

    def __call__(self, w) -> np.ndarray:
        return np.maximum(_values(w), np.float32(0.0))


class MaxNorm(Constraint):
    """Rescale each unit's weights whose norm exceeds ``max_value`` down to it:

        w <- w * clip(norm, 0, max_value) / (eps + norm)

    Args:
        max_value: the largest norm allowed (default 2).
        axis: the axis (or axes) the norm runs over; 0 for a Dense kernel.

    >>> MaxNorm(1.0)(np.array([[3.0], [4.0]], np.float32)).ravel().astype(float).round(4).tolist()
    [0.6, 0.8]
    """

    def __init__(self, max_value: float = 2.0, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w) -> np.ndarray:
        w = _values(w)
        norms = _norms(w, self.axis)
        desired = np.clip(norms, 0.0, self.max_value)
        return (w * (desired / (EPSILON + norms))).astype(np.float32)

    def get_config(self) -> dict:
        return {"max_value": self.max_value, "axis": self.axis}


class UnitNorm(Constraint):
    """w <- w / (eps + norm): each unit's weights get norm 1.

    >>> UnitNorm()(np.array([[3.0], [4.0]], np.float32)).ravel().astype(float).round(4).tolist()
    [0.6, 0.8]
    """

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w) -> np.ndarray:
        w = _values(w)
        return (w / (EPSILON + _norms(w, self.axis))).astype(np.float32)

    def get_config(self) -> dict:
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Each unit's norm is moved into [min_value, max_value], at speed ``rate``:

        desired = rate * clip(norm, min_value, max_value) + (1 - rate) * norm
        w <- w * desired / (eps + norm)

    rate=1 enforces the bounds at once; a smaller rate moves part of the way each step.

    >>> MinMaxNorm(min_value=1.0, max_value=2.0)(np.array([[0.3], [0.4]], np.float32)).ravel().astype(float).round(4).tolist()
    [0.6, 0.8]
    """

    def __init__(self, min_value: float = 0.0, max_value: float = 1.0, rate: float = 1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w) -> np.ndarray:
        w = _values(w)
        norms = _norms(w, self.axis)
        desired = self.rate * np.clip(norms, self.min_value, self.max_value) + (1 - self.rate) * norms
        return (w * (desired / (EPSILON + norms))).astype(np.float32)

    def get_config(self) -> dict:
        return {"min_value": self.min_value, "max_value": self.max_value,
                "rate": self.rate, "axis": self.axis}


# Aliases as in keras.constraints
max_norm = MaxNorm
non_neg = NonNeg
unit_norm = UnitNorm
min_max_norm = MinMaxNorm

_CLASSES = {cls.__name__: cls for cls in (Constraint, MaxNorm, NonNeg, UnitNorm, MinMaxNorm)}
_BY_NAME = {"max_norm": MaxNorm, "non_neg": NonNeg, "unit_norm": UnitNorm,
            "min_max_norm": MinMaxNorm, "constraint": Constraint}


def get(identifier: Union[str, dict, Constraint, Callable, None]) -> Optional[Callable]:
    """A constraint from None, a name ("non_neg", "max_norm", ...), a config dict, an object
    or a function w -> projected w.

    >>> get("non_neg")
    NonNeg()
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        cls = _BY_NAME.get(identifier) or _CLASSES.get(identifier)
        if cls is None:
            raise ValueError(f"Unknown constraint: {identifier!r}. Valid names: "
                             f"{', '.join(sorted(_BY_NAME))}, or an object such as "
                             f"keras.constraints.MaxNorm(3).")
        return cls()
    if isinstance(identifier, type) and issubclass(identifier, Constraint):
        return identifier()
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret constraint {identifier!r}: give a name, a "
                     f"Constraint object or a function w -> projected w.")


def serialize(constraint) -> Optional[Union[dict, str]]:
    """``{"class_name": "MaxNorm", "config": {...}}`` (a plain function: its name)."""
    if constraint is None:
        return None
    if hasattr(constraint, "get_config"):
        return {"class_name": type(constraint).__name__, "config": constraint.get_config()}
    return getattr(constraint, "__name__", str(constraint))


def deserialize(config: Union[dict, str], custom_objects: Optional[dict] = None):
    """The reverse of ``serialize``; own classes come from ``custom_objects``."""
    if isinstance(config, str):
        if custom_objects and config in custom_objects:
            return custom_objects[config]
        return get(config)
    classes = {**_CLASSES, **(custom_objects or {})}
    cls = classes.get(config.get("class_name"))
    if cls is None:
        raise ValueError(f"Unknown constraint class {config.get('class_name')!r}; pass your own "
                         f"class in custom_objects.")
    return cls.from_config(config.get("config", {}))
