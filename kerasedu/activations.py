"""Activations by name: ``Dense(64, activation="relu")`` looks "relu" up here.

Each function takes and returns a Tensor; the math (and its derivative) lives
in ``kerasedu.ops.activations``.

>>> import numpy as np
>>> get("relu")(np.array([-1.0, 2.0])).data
array([0., 2.], dtype=float32)
"""
from __future__ import annotations

from typing import Callable, Optional, Union

from kerasedu import ops


def relu(x):
    """max(x, 0)"""
    return ops.relu(x)


def sigmoid(x):
    """1 / (1 + e^-x)"""
    return ops.sigmoid(x)


def tanh(x):
    """(e^x - e^-x) / (e^x + e^-x)"""
    return ops.tanh(x)


def softmax(x, axis: int = -1):
    """e^x_i / sum_j e^x_j over the last axis"""
    return ops.softmax(x, axis=axis)


def linear(x):
    """x (no activation)"""
    return ops.linear(x)


def elu(x, alpha: float = 1.0):
    """x if x > 0 else alpha (e^x - 1)"""
    return ops.elu(x, alpha)


def leaky_relu(x, negative_slope: float = 0.2):
    """x if x > 0 else negative_slope * x"""
    return ops.leaky_relu(x, negative_slope)


def gelu(x, approximate: bool = False):
    """x * Phi(x), Phi the standard normal CDF"""
    return ops.gelu(x, approximate)


_BY_NAME = {f.__name__: f for f in (relu, sigmoid, tanh, softmax, linear, elu, leaky_relu, gelu)}


def get(identifier: Union[str, Callable, None]) -> Callable:
    """An activation function from its name, a function, or None (linear)."""
    if identifier is None:
        return linear
    if callable(identifier):
        return identifier
    if isinstance(identifier, str) and identifier.lower() in _BY_NAME:
        return _BY_NAME[identifier.lower()]
    raise ValueError(f"Unknown activation: {identifier!r}. "
                     f"Valid names: {', '.join(sorted(_BY_NAME))}, or pass a function.")


def serialize(activation: Optional[Callable]) -> Optional[str]:
    """The name to save in a config ("relu"), or the function's name."""
    if activation is None:
        return "linear"
    return getattr(activation, "__name__", str(activation))


deserialize = get
