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

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


@keras_op
def add(a, b) -> Tensor:
    """out = a + b  (broadcasting);  da = g, db = g (summed over broadcast axes)."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g, a.shape), unbroadcast(g, b.shape)
    return Tensor.from_op(a.data + b.data, (a, b), backward, "add")


@keras_op
def subtract(a, b) -> Tensor:
    """out = a - b;  da = g, db = -g."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g, a.shape), unbroadcast(-g, b.shape)
    return Tensor.from_op(a.data - b.data, (a, b), backward, "subtract")


@keras_op
def multiply(a, b) -> Tensor:
    """out = a * b;  da = g * b, db = g * a."""
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        return unbroadcast(g * b.data, a.shape), unbroadcast(g * a.data, b.shape)
    return Tensor.from_op(a.data * b.data, (a, b), backward, "multiply")


@keras_op
def divide(a, b) -> Tensor:
    """out = a / b;  da = g / b, db = -g * a / b^2."""
    a, b = as_tensor(a), as_tensor(b)
    out = a.data / b.data

    def backward(g):
        return unbroadcast(g / b.data, a.shape), unbroadcast(-g * out / b.data, b.shape)
    return Tensor.from_op(out, (a, b), backward, "divide")


@keras_op
def negative(a) -> Tensor:
    """out = -a;  da = -g."""
    a = as_tensor(a)
    return Tensor.from_op(-a.data, (a,), lambda g: (-g,), "negative")


@keras_op
def power(a, exponent) -> Tensor:
    """out = a^p for a constant p (a number or an array);  da = g * p * a^(p-1)."""
    a = as_tensor(a)
    p = np.asarray(exponent.data if isinstance(exponent, Tensor) else exponent, dtype=a.dtype)

    def backward(g):
        return (g * p * a.data ** (p - 1),)
    return Tensor.from_op(a.data ** p, (a,), backward, "power")


@keras_op
def exp(a) -> Tensor:
    """out = e^a;  da = g * e^a = g * out."""
    a = as_tensor(a)
    out = np.exp(a.data)
    return Tensor.from_op(out, (a,), lambda g: (g * out,), "exp")


@keras_op
def log(a) -> Tensor:
    """out = ln a;  da = g / a."""
    a = as_tensor(a)
    return Tensor.from_op(np.log(a.data), (a,), lambda g: (g / a.data,), "log")


@keras_op
def sqrt(a) -> Tensor:
    """out = sqrt(a);  da = g / (2 sqrt(a))."""
    a = as_tensor(a)
    out = np.sqrt(a.data)
    return Tensor.from_op(out, (a,), lambda g: (g / (2.0 * out),), "sqrt")


@keras_op
def square(a) -> Tensor:
    """out = a^2;  da = 2 a g."""
    a = as_tensor(a)
    return Tensor.from_op(a.data * a.data, (a,), lambda g: (2.0 * a.data * g,), "square")


@keras_op
def abs(a) -> Tensor:  # noqa: A001 - the Keras name
    """out = |a|;  da = g * sign(a)."""
    a = as_tensor(a)
    return Tensor.from_op(np.abs(a.data), (a,), lambda g: (g * np.sign(a.data),), "abs")


@keras_op
def maximum(a, b) -> Tensor:
    """out = max(a, b) elementwise; the gradient goes to the larger one (to a on ties)."""
    a, b = as_tensor(a), as_tensor(b)
    a_wins = a.data >= b.data

    def backward(g):
        return unbroadcast(g * a_wins, a.shape), unbroadcast(g * ~a_wins, b.shape)
    return Tensor.from_op(np.maximum(a.data, b.data), (a, b), backward, "maximum")


@keras_op
def clip(x, x_min, x_max) -> Tensor:
    """out = min(max(x, x_min), x_max);  dx = g where x_min <= x <= x_max, else 0."""
    a = as_tensor(x)
    low, high = np.asarray(x_min, a.dtype), np.asarray(x_max, a.dtype)
    inside = (a.data >= low) & (a.data <= high)
    out = np.clip(a.data, low, high)
    return Tensor.from_op(out, (a,), lambda g: (g * inside,), "clip")


def _spread(g, a: Tensor, axis, keepdims: bool) -> np.ndarray:
    """g put back over the axes a reduction removed: a fresh array of a's shape."""
    if axis is not None and not keepdims:
        g = np.expand_dims(g, axis)        # (batch,) -> (batch, 1): g broadcasts again
    out = np.empty(a.shape, a.dtype)
    out[...] = g
    return out


@keras_op
def sum(a, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A001 - the Keras name
    """out = sum of a over ``axis``;  every summed element gets da = g (broadcast back)."""
    a = as_tensor(a)
    out = a.data.sum(axis=axis, keepdims=keepdims)
    return Tensor.from_op(np.asarray(out, dtype=a.dtype), (a,),
                          lambda g: (_spread(g, a, axis, keepdims),), "sum")


@keras_op
def mean(a, axis=None, keepdims: bool = False) -> Tensor:
    """out = sum(a) / n over ``axis``;  every averaged element gets da = g / n."""
    a = as_tensor(a)
    total = a.data.sum(axis=axis, keepdims=keepdims)
    n = a.data.size // builtins.max(total.size, 1)        # how many numbers each mean covers
    return Tensor.from_op(np.asarray(total / n, dtype=a.dtype), (a,),
                          lambda g: (_spread(g / n, a, axis, keepdims),), "mean")


@keras_op
def max(a, axis=None, keepdims: bool = False, initial=None) -> Tensor:  # noqa: A001 - the Keras name
    """out = max of a over ``axis``;  the gradient goes to the maximum (split on ties)."""
    a = as_tensor(a)
    out_keep = np.max(a.data, axis=axis, keepdims=True)
    if initial is not None:                       # a floor for the maximum, as NumPy's initial
        out_keep = np.maximum(out_keep, np.asarray(initial, a.dtype))
    is_max = (a.data == out_keep).astype(a.dtype)
    count = is_max.sum(axis=axis, keepdims=True)
    is_max /= np.where(count == 0, 1, count)      # 0 when initial won: no gradient to a

    def backward(g):
        if axis is not None and not keepdims:
            g = np.expand_dims(g, axis)
        elif axis is None and not keepdims:
            g = np.reshape(g, (1,) * a.ndim)
        return (g * is_max,)
    out = out_keep if keepdims else np.squeeze(out_keep, axis=axis)
    return Tensor.from_op(np.asarray(out, dtype=a.dtype), (a,), backward, "max")


@keras_op
def minimum(a, b) -> Tensor:
    """out = min(a, b) elementwise; the gradient goes to the smaller one (to a on ties)."""
    a, b = as_tensor(a), as_tensor(b)
    a_wins = a.data <= b.data

    def backward(g):
        return unbroadcast(g * a_wins, a.shape), unbroadcast(g * ~a_wins, b.shape)
    return Tensor.from_op(np.minimum(a.data, b.data), (a, b), backward, "minimum")


@keras_op
def log1p(a) -> Tensor:
    """out = ln(1 + a), exact for tiny a;  da = g / (1 + a)."""
    a = as_tensor(a)
    return Tensor.from_op(np.log1p(a.data), (a,), lambda g: (g / (1.0 + a.data),), "log1p")


@keras_op
def expm1(a) -> Tensor:
    """out = e^a - 1, exact for tiny a;  da = g * e^a = g * (out + 1)."""
    a = as_tensor(a)
    out = np.expm1(a.data)
    return Tensor.from_op(out, (a,), lambda g: (g * (out + 1.0),), "expm1")


@keras_op
def reciprocal(a) -> Tensor:
    """out = 1 / a;  da = -g / a^2 = -g * out^2."""
    a = as_tensor(a)
    out = 1.0 / a.data
    return Tensor.from_op(out, (a,), lambda g: (-g * out * out,), "reciprocal")


@keras_op
def rsqrt(a) -> Tensor:
    """out = 1 / sqrt(a);  da = -g / (2 a sqrt(a)) = -g * out^3 / 2."""
    a = as_tensor(a)
    out = 1.0 / np.sqrt(a.data)
    return Tensor.from_op(out, (a,), lambda g: (-0.5 * g * out * out * out,), "rsqrt")


def _step_function(np_fn, name: str):
    """An op whose derivative is 0 almost everywhere (sign, round, floor, ceil): no backward."""
    def op(x) -> Tensor:
        x = as_tensor(x)
        return Tensor.from_op(np_fn(x.data), (x,), lambda g: (np.zeros_like(g),), name)
    op.__name__ = op.__qualname__ = name
    op.__doc__ = (f"out = {name}(x), elementwise; its derivative is 0 (almost everywhere).\n\n"
                  f"    >>> {name}(np.array([-1.5, 0.2, 2.7])).data.tolist()\n"
                  f"    {np_fn(np.array([-1.5, 0.2, 2.7], np.float32)).tolist()}\n")
    return keras_op(op)


sign = _step_function(np.sign, "sign")
floor = _step_function(np.floor, "floor")
ceil = _step_function(np.ceil, "ceil")
round = _step_function(np.round, "round")  # noqa: A001 - the Keras name (half to even, as NumPy)
absolute = abs
