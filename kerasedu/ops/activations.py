"""Activation functions as ops: f(x) forward, f'(x) * g backward.

>>> x = Tensor(np.array([-1.0, 2.0]), requires_grad=True)
>>> y = relu(x); y.backward(np.ones(2, dtype=np.float32)); x.grad
array([0., 1.], dtype=float32)
"""
from __future__ import annotations

import math

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor


@keras_op
def relu(x) -> Tensor:
    """relu(x) = max(x, 0);  dx = g where x > 0, else 0."""
    x = as_tensor(x)
    out = np.maximum(x.data, 0.0)
    return Tensor.from_op(out, (x,), lambda g: (g * (out > 0),), "relu")


@keras_op
def leaky_relu(x, negative_slope: float = 0.2) -> Tensor:
    """leaky_relu(x) = x if x > 0 else a x (Keras default a = 0.2);  dx = g * (1 or a)."""
    x = as_tensor(x)
    slope = np.where(x.data > 0, np.float32(1.0), np.float32(negative_slope))
    return Tensor.from_op(x.data * slope, (x,), lambda g: (g * slope,), "leaky_relu")


@keras_op
def elu(x, alpha: float = 1.0) -> Tensor:
    """elu(x) = x if x > 0 else a (e^x - 1);  dx = g * (1 if x > 0 else a e^x)."""
    x = as_tensor(x)
    exp_part = np.float32(alpha) * np.expm1(np.minimum(x.data, 0.0))   # min: no overflow for big x
    out = np.where(x.data > 0, x.data, exp_part)
    slope = np.where(x.data > 0, np.float32(1.0), exp_part + np.float32(alpha))
    return Tensor.from_op(out, (x,), lambda g: (g * slope,), "elu")


@keras_op
def sigmoid(x) -> Tensor:
    """sigmoid(x) = 1 / (1 + e^-x);  dx = g * s (1 - s)."""
    x = as_tensor(x)
    # exp of a negative number only: no overflow warning for large |x|
    e = np.exp(-np.abs(x.data))
    out = np.where(x.data >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    result = Tensor.from_op(out, (x,), lambda g: (g * out * (1.0 - out),), "sigmoid")
    result._keras_logits = x  # lets binary_crossentropy use the stable logits formula
    return result


@keras_op
def tanh(x) -> Tensor:
    """tanh(x);  dx = g * (1 - tanh(x)^2)."""
    x = as_tensor(x)
    out = np.tanh(x.data)
    return Tensor.from_op(out, (x,), lambda g: (g * (1.0 - out * out),), "tanh")


@keras_op
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


@keras_op
def gelu(x, approximate: bool = True) -> Tensor:
    """gelu(x) = x * Phi(x), Phi the standard normal CDF;  dx = g * (Phi(x) + x * phi(x)).
    With approximate=True (the default of keras.ops.gelu; keras.activations.gelu's is False),
    the tanh formula 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
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


@keras_op
def linear(x) -> Tensor:
    """linear(x) = x: the identity, for Dense(..., activation=None)."""
    return as_tensor(x)


@keras_op
def softplus(x) -> Tensor:
    """softplus(x) = log(1 + e^x) = max(x, 0) + log(1 + e^-|x|) (no overflow);  dx = g * sigmoid(x).

    Args:
        x: input tensor.

    >>> round(float(softplus(np.array(0.0)).data), 4)     # log 2
    0.6931
    """
    x = as_tensor(x)
    e = np.exp(-np.abs(x.data))
    out = np.maximum(x.data, 0.0) + np.log1p(e)
    s = np.where(x.data >= 0, 1.0 / (1.0 + e), e / (1.0 + e))       # sigmoid(x)
    return Tensor.from_op(out, (x,), lambda g: (g * s,), "softplus")


@keras_op
def silu(x) -> Tensor:
    """silu(x) = x * sigmoid(x) (also called swish);  dx = g * (s + x s (1 - s)).

    Args:
        x: input tensor.

    >>> silu(np.array([0.0])).data
    array([0.], dtype=float32)
    """
    x = as_tensor(x)
    e = np.exp(-np.abs(x.data))
    s = np.where(x.data >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return Tensor.from_op(x.data * s, (x,), lambda g: (g * (s + x.data * s * (1.0 - s)),), "silu")


swish = silu


@keras_op
def relu6(x) -> Tensor:
    """relu6(x) = min(max(x, 0), 6);  dx = g where 0 < x < 6.

    Args:
        x: input tensor.

    >>> relu6(np.array([-1.0, 3.0, 9.0])).data
    array([0., 3., 6.], dtype=float32)
    """
    x = as_tensor(x)
    inside = (x.data > 0) & (x.data < 6)
    return Tensor.from_op(np.clip(x.data, 0.0, 6.0), (x,), lambda g: (g * inside,), "relu6")


@keras_op
def selu(x) -> Tensor:
    """selu(x) = scale * (x if x > 0 else alpha (e^x - 1)), alpha = 1.6732..., scale = 1.0507...;
    dx = g * scale * (1 if x > 0 else alpha e^x).

    Args:
        x: input tensor.

    >>> round(float(selu(np.array(1.0)).data), 4)
    1.0507
    """
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    x = as_tensor(x)
    exp_part = np.float32(alpha) * np.expm1(np.minimum(x.data, 0.0))
    out = np.float32(scale) * np.where(x.data > 0, x.data, exp_part)
    slope = np.float32(scale) * np.where(x.data > 0, np.float32(1.0), exp_part + np.float32(alpha))
    return Tensor.from_op(out, (x,), lambda g: (g * slope,), "selu")


@keras_op
def softsign(x) -> Tensor:
    """softsign(x) = x / (1 + |x|);  dx = g / (1 + |x|)^2.

    Args:
        x: input tensor.

    >>> softsign(np.array([1.0, -3.0])).data
    array([ 0.5 , -0.75], dtype=float32)
    """
    x = as_tensor(x)
    d = 1.0 + np.abs(x.data)
    return Tensor.from_op(x.data / d, (x,), lambda g: (g / (d * d),), "softsign")


@keras_op
def hard_sigmoid(x) -> Tensor:
    """hard_sigmoid(x) = relu6(x + 3) / 6 (Keras 3's);  dx = g / 6 where -3 < x < 3.

    Args:
        x: input tensor.

    >>> hard_sigmoid(np.array([-4.0, 0.0, 4.0])).data
    array([0. , 0.5, 1. ], dtype=float32)
    """
    x = as_tensor(x)
    inside = (x.data > -3.0) & (x.data < 3.0)
    out = np.clip((x.data + 3.0) / 6.0, 0.0, 1.0)
    return Tensor.from_op(out, (x,), lambda g: (g * inside / 6.0,), "hard_sigmoid")


@keras_op
def log_softmax(x, axis: int = -1) -> Tensor:
    """log_softmax(x) = x - logsumexp(x) (stable);  dx = g - softmax(x) * sum(g).

    Args:
        x: input tensor (logits).
        axis: the axis the probabilities sum to 1 over.

    >>> float(np.exp(log_softmax(np.array([1.0, 2.0])).data).sum())
    1.0
    """
    x = as_tensor(x)
    shifted = x.data - x.data.max(axis=axis, keepdims=True)
    out = shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    probs = np.exp(out)
    return Tensor.from_op(out, (x,), lambda g: (g - probs * g.sum(axis=axis, keepdims=True),),
                          "log_softmax")


@keras_op
def log_sigmoid(x) -> Tensor:
    """log_sigmoid(x) = -softplus(-x) = min(x, 0) - log(1 + e^-|x|);  dx = g * (1 - sigmoid(x)).

    Args:
        x: input tensor.

    >>> round(float(log_sigmoid(np.array(0.0)).data), 4)     # log 0.5
    -0.6931
    """
    x = as_tensor(x)
    e = np.exp(-np.abs(x.data))
    out = np.minimum(x.data, 0.0) - np.log1p(e)
    s = np.where(x.data >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return Tensor.from_op(out, (x,), lambda g: (g * (1.0 - s),), "log_sigmoid")
