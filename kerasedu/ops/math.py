"""Elementwise arithmetic and reductions, each with its derivative beside it.

Every op takes Tensors (or arrays / numbers), computes with NumPy, and returns
``Tensor.from_op(out, parents, backward)``; ``backward(g)`` receives
g = dL/d(out) and returns dL/d(parent) for each parent.

>>> a = Tensor(np.array([1.0, 2.0]), requires_grad=True)
>>> y = sum(multiply(a, 3.0))        # y = 3 a0 + 3 a1
>>> y.backward(); a.grad
array([3., 3.], dtype=float32)
"""
from __future__ import annotations

import builtins

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


def add(a, b) -> Tensor:
    """out = a + b  (broadcasting);  da = g, db = g (summed over broadcast axes)."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g, a.shape), unbroadcast(g, b.shape)
    return Tensor.from_op(a.data + b.data, (a, b), backward, "add")


def subtract(a, b) -> Tensor:
    """out = a - b;  da = g, db = -g."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g, a.shape), unbroadcast(-g, b.shape)
    return Tensor.from_op(a.data - b.data, (a, b), backward, "subtract")


def multiply(a, b) -> Tensor:
    """out = a * b;  da = g * b, db = g * a."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g * b.data, a.shape), unbroadcast(g * a.data, b.shape)
    return Tensor.from_op(a.data * b.data, (a, b), backward, "multiply")


def divide(a, b) -> Tensor:
    """out = a / b;  da = g / b, db = -g * a / b^2."""
    a, b = as_tensor(a), as_tensor(b)
    out = a.data / b.data

    def backward(g):
        return unbroadcast(g / b.data, a.shape), unbroadcast(-g * out / b.data, b.shape)
    return Tensor.from_op(out, (a, b), backward, "divide")


def negative(a) -> Tensor:
    """out = -a;  da = -g."""
    a = as_tensor(a)
    return Tensor.from_op(-a.data, (a,), lambda g: (-g,), "negative")


def power(a, exponent: float) -> Tensor:
    """out = a^p for a constant p;  da = g * p * a^(p-1)."""
    a = as_tensor(a)
    p = float(exponent)

    def backward(g):
        return (g * np.float32(p) * a.data ** np.float32(p - 1.0),)
    return Tensor.from_op(a.data ** np.float32(p), (a,), backward, "power")


def exp(a) -> Tensor:
    """out = e^a;  da = g * e^a = g * out."""
    a = as_tensor(a)
    out = np.exp(a.data)
    return Tensor.from_op(out, (a,), lambda g: (g * out,), "exp")


def log(a) -> Tensor:
    """out = ln a;  da = g / a."""
    a = as_tensor(a)
    return Tensor.from_op(np.log(a.data), (a,), lambda g: (g / a.data,), "log")


def sqrt(a) -> Tensor:
    """out = sqrt(a);  da = g / (2 sqrt(a))."""
    a = as_tensor(a)
    out = np.sqrt(a.data)
    return Tensor.from_op(out, (a,), lambda g: (g / (2.0 * out),), "sqrt")


def square(a) -> Tensor:
    """out = a^2;  da = 2 a g."""
    a = as_tensor(a)
    return Tensor.from_op(a.data * a.data, (a,), lambda g: (2.0 * a.data * g,), "square")


def abs(a) -> Tensor:  # noqa: A001 - the Keras name
    """out = |a|;  da = g * sign(a)."""
    a = as_tensor(a)
    return Tensor.from_op(np.abs(a.data), (a,), lambda g: (g * np.sign(a.data),), "abs")


def maximum(a, b) -> Tensor:
    """out = max(a, b) elementwise; the gradient goes to the larger one (to a on ties)."""
    a, b = as_tensor(a), as_tensor(b)
    a_wins = a.data >= b.data

    def backward(g):
        return unbroadcast(g * a_wins, a.shape), unbroadcast(g * ~a_wins, b.shape)
    return Tensor.from_op(np.maximum(a.data, b.data), (a, b), backward, "maximum")


def clip(a, low: float, high: float) -> Tensor:
    """out = min(max(a, low), high);  da = g where low <= a <= high, else 0."""
    a = as_tensor(a)
    inside = (a.data >= low) & (a.data <= high)
    out = np.clip(a.data, np.float32(low), np.float32(high))
    return Tensor.from_op(out, (a,), lambda g: (g * inside,), "clip")


def _spread(g, a: Tensor, axis, keepdims: bool) -> np.ndarray:
    """g put back over the axes a reduction removed: a fresh array of a's shape."""
    if axis is not None and not keepdims:
        g = np.expand_dims(g, axis)        # (batch,) -> (batch, 1): g broadcasts again
    out = np.empty(a.shape, a.dtype)
    out[...] = g
    return out


def sum(a, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A001 - the Keras name
    """out = sum of a over ``axis``;  every summed element gets da = g (broadcast back)."""
    a = as_tensor(a)
    out = a.data.sum(axis=axis, keepdims=keepdims)
    return Tensor.from_op(np.asarray(out, dtype=a.dtype), (a,),
                          lambda g: (_spread(g, a, axis, keepdims),), "sum")


def mean(a, axis=None, keepdims: bool = False) -> Tensor:
    """out = sum(a) / n over ``axis``;  every averaged element gets da = g / n."""
    a = as_tensor(a)
    total = a.data.sum(axis=axis, keepdims=keepdims)
    n = a.data.size // builtins.max(total.size, 1)        # how many numbers each mean covers
    return Tensor.from_op(np.asarray(total / n, dtype=a.dtype), (a,),
                          lambda g: (_spread(g / n, a, axis, keepdims),), "mean")


def max(a, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A001 - the Keras name
    """out = max of a over ``axis``;  the gradient goes to the maximum (split on ties)."""
    a = as_tensor(a)
    out_keep = np.max(a.data, axis=axis, keepdims=True)
    is_max = (a.data == out_keep).astype(a.dtype)
    is_max /= is_max.sum(axis=axis, keepdims=True)

    def backward(g):
        if axis is not None and not keepdims:
            g = np.expand_dims(g, axis)
        elif axis is None and not keepdims:
            g = np.reshape(g, (1,) * a.ndim)
        return (g * is_max,)
    out = out_keep if keepdims else np.squeeze(out_keep, axis=axis)
    return Tensor.from_op(np.asarray(out, dtype=a.dtype), (a,), backward, "max")
