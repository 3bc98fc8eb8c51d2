"""Activation functions as ops: f(x) forward, f'(x) * g backward.

>>> x = Tensor(np.array([-1.0, 2.0]), requires_grad=True)
>>> y = relu(x); y.backward(np.ones(2, dtype=np.float32)); x.grad
array([0., 1.], dtype=float32)
"""
from __future__ import annotations

import math

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def relu(x) -> Tensor:
    """relu(x) = max(x, 0);  dx = g where x > 0, else 0."""
    x = as_tensor(x)
    out = np.maximum(x.data, 0.0)
    return Tensor.from_op(out, (x,), lambda g: (g * (out > 0),), "relu")


def leaky_relu(x, negative_slope: float = 0.2) -> Tensor:
    """leaky_relu(x) = x if x > 0 else a x (Keras default a = 0.2);  dx = g * (1 or a)."""
    x = as_tensor(x)
    slope = np.where(x.data > 0, np.float32(1.0), np.float32(negative_slope))
    return Tensor.from_op(x.data * slope, (x,), lambda g: (g * slope,), "leaky_relu")


def elu(x, alpha: float = 1.0) -> Tensor:
    """elu(x) = x if x > 0 else a (e^x - 1);  dx = g * (1 if x > 0 else a e^x)."""
    x = as_tensor(x)
    exp_part = np.float32(alpha) * np.expm1(np.minimum(x.data, 0.0))   # min: no overflow for big x
    out = np.where(x.data > 0, x.data, exp_part)
    slope = np.where(x.data > 0, np.float32(1.0), exp_part + np.float32(alpha))
    return Tensor.from_op(out, (x,), lambda g: (g * slope,), "elu")


def sigmoid(x) -> Tensor:
    """sigmoid(x) = 1 / (1 + e^-x);  dx = g * s (1 - s)."""
    x = as_tensor(x)
    # exp of a negative number only: no overflow warning for large |x|
    e = np.exp(-np.abs(x.data))
    out = np.where(x.data >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    result = Tensor.from_op(out, (x,), lambda g: (g * out * (1.0 - out),), "sigmoid")
    result._keras_logits = x  # lets binary_crossentropy use the stable logits formula
    return result


def tanh(x) -> Tensor:
    """tanh(x);  dx = g * (1 - tanh(x)^2)."""
    x = as_tensor(x)
    out = np.tanh(x.data)
    return Tensor.from_op(out, (x,), lambda g: (g * (1.0 - out * out),), "tanh")


def softmax(x, axis: int = -1) -> Tensor:
    """softmax(x)_i = e^x_i / sum_j e^x_j;  dx = s * (g - sum(g * s)).

    The backward is the Jacobian-vector product: ds_i/dx_j = s_i (delta_ij - s_j).
    """
    x = as_tensor(x)
    # subtract the row max: softmax is shift-invariant and exp() cannot overflow
    x_max = x.data.max(axis=axis, keepdims=True)
    e = np.exp(x.data - x_max)
    total = e.sum(axis=axis, keepdims=True)
    out = e / total

    def backward(g):
        return (out * (g - (g * out).sum(axis=axis, keepdims=True)),)
    result = Tensor.from_op(out, (x,), backward, "softmax")
    if axis in (-1, x.ndim - 1):
        # Cross-entropy fuses with softmax, as Keras does: it reads the logits and
        # log(sum_j e^x_j) = max + log(total) from here instead of computing them again.
        result._keras_logits = x
        result._keras_log_sum_exp = x_max + np.log(total)      # (..., 1)
    return result


def gelu(x, approximate: bool = False) -> Tensor:
    """gelu(x) = x * Phi(x), Phi the standard normal CDF (Keras default: exact, erf);
    dx = g * (Phi(x) + x * phi(x)).  With approximate=True, the tanh formula."""
    x = as_tensor(x)
    v = x.data.astype(np.float64)        # erf/tanh in float64, result back to x's dtype
    if approximate:
        c = math.sqrt(2.0 / math.pi)
        inner = c * (v + 0.044715 * v ** 3)
        t = np.tanh(inner)
        out = 0.5 * v * (1.0 + t)
        slope = 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * c * (1.0 + 3 * 0.044715 * v * v)
    else:
        cdf = 0.5 * (1.0 + _erf(v / math.sqrt(2.0)))
        pdf = np.exp(-0.5 * v * v) / math.sqrt(2.0 * math.pi)
        out = v * cdf
        slope = cdf + v * pdf
    slope = slope.astype(x.dtype)
    return Tensor.from_op(out.astype(x.dtype), (x,), lambda g: (g * slope,), "gelu")


_erf = np.vectorize(math.erf, otypes=[np.float64])  # NumPy has no erf; math.erf is exact


def linear(x) -> Tensor:
    """linear(x) = x: the identity, for Dense(..., activation=None)."""
    return as_tensor(x)
