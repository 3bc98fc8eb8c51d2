"""Reductions beyond sum/mean/max (ops/math.py): min, prod, var, std, cumsum, logsumexp, argmax, top_k.

Each differentiable one returns ``Tensor.from_op(out, parents, backward)``; the
index-valued ones (argmax, argmin, the indices of top_k) are integers and have no
gradient, as in Keras.

>>> x = Tensor(np.array([[1.0, 5.0, 3.0]]), requires_grad=True)
>>> values, indices = top_k(x, 2)
>>> values.data, indices.data
(array([[5., 3.]], dtype=float32), array([[1, 2]], dtype=int32))
"""
from __future__ import annotations

import builtins

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.math import mean, sqrt


def _keep_axes(g: np.ndarray, a: Tensor, axis, keepdims: bool) -> np.ndarray:
    """g reshaped so that it broadcasts against ``a`` again (the reduced axes as size 1)."""
    if keepdims:
        return g
    if axis is None:
        return np.reshape(g, (1,) * a.ndim)
    return np.expand_dims(g, axis)


@keras_op
def min(x, axis=None, keepdims: bool = False, initial=None) -> Tensor:  # noqa: A001 - the Keras name
    """out = the smallest element over ``axis``; the gradient goes to it (split on ties).

    Args:
        x: input tensor.
        axis: an int, a tuple of ints, or None for all axes.
        keepdims: keep the reduced axes with size 1.
        initial: a value the minimum may not exceed (as NumPy's ``initial``).

    >>> min(np.array([[3.0, 1.0], [2.0, 4.0]]), axis=1).data
    array([1., 2.], dtype=float32)
    """
    x = as_tensor(x)
    out_keep = np.min(x.data, axis=axis, keepdims=True)
    if initial is not None:
        out_keep = np.minimum(out_keep, np.asarray(initial, x.dtype))
    is_min = (x.data == out_keep).astype(x.dtype)
    count = is_min.sum(axis=axis, keepdims=True)
    is_min /= np.where(count == 0, 1, count)

    def backward(g):
        return (_keep_axes(g, x, axis, keepdims) * is_min,)
    out = out_keep if keepdims else np.squeeze(out_keep, axis=axis)
    return Tensor.from_op(np.asarray(out, dtype=x.dtype), (x,), backward, "min")


@keras_op
def prod(x, axis=None, keepdims: bool = False, dtype=None) -> Tensor:
    """out = x_1 * x_2 * ... over ``axis``;  dx_i = g * out / x_i (by the product of the others,
    so that a zero element gets the right gradient).

    Args:
        x: input tensor.
        axis: an int, a tuple of ints, or None for all axes.
        keepdims: keep the reduced axes with size 1.
        dtype: ignored (kerasedu computes in float32).

    >>> prod(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=0).data
    array([3., 8.], dtype=float32)
    """
    x = as_tensor(x)
    out = np.prod(x.data, axis=axis, keepdims=keepdims)

    def backward(g):
        # the product of all the other elements, without dividing by x_i (which may be 0):
        # move the reduced axes to the end, flatten them to n, and multiply the
        # exclusive products from the left and from the right.
        axes = tuple(range(x.ndim)) if axis is None else tuple(np.atleast_1d(axis) % x.ndim)
        last = tuple(range(x.ndim - len(axes), x.ndim))
        moved = np.moveaxis(x.data, axes, last)
        flat = moved.reshape(moved.shape[:x.ndim - len(axes)] + (-1,))          # (..., n)
        ones = np.ones_like(flat[..., :1])
        left = np.cumprod(np.concatenate([ones, flat[..., :-1]], -1), -1)        # x_1 ... x_(i-1)
        right = np.flip(np.cumprod(np.concatenate([ones, np.flip(flat, -1)[..., :-1]], -1), -1), -1)
        others = np.moveaxis((left * right).reshape(moved.shape), last, axes)
        return (_keep_axes(g, x, axis, keepdims) * others,)
    return Tensor.from_op(np.asarray(out, dtype=x.dtype), (x,), backward, "prod")


@keras_op
def var(x, axis=None, keepdims: bool = False) -> Tensor:
    """out = mean((x - mean(x))^2) over ``axis`` (biased: divides by n);
    dx = g * 2 (x - mean(x)) / n.

    Args:
        x: input tensor.
        axis: an int, a tuple of ints, or None for all axes.
        keepdims: keep the reduced axes with size 1.

    >>> var(np.array([1.0, 3.0])).data
    array(1., dtype=float32)
    """
    x = as_tensor(x)
    centered = x.data - x.data.mean(axis=axis, keepdims=True)
    out = np.square(centered).mean(axis=axis, keepdims=keepdims)
    n = x.data.size // builtins.max(np.size(out), 1)      # how many numbers each variance covers

    def backward(g):
        return (_keep_axes(g, x, axis, keepdims) * centered * np.float32(2.0 / n),)
    return Tensor.from_op(np.asarray(out, dtype=x.dtype), (x,), backward, "var")


@keras_op
def std(x, axis=None, keepdims: bool = False) -> Tensor:
    """out = sqrt(var(x)) over ``axis``;  dx = g * (x - mean(x)) / (n * std).

    Args:
        x: input tensor.
        axis: an int, a tuple of ints, or None for all axes.
        keepdims: keep the reduced axes with size 1.

    >>> float(std(np.array([1.0, 3.0])).data)
    1.0
    """
    return sqrt(var(x, axis=axis, keepdims=keepdims))


@keras_op
def cumsum(x, axis=None, dtype=None) -> Tensor:
    """out_i = x_1 + ... + x_i along ``axis`` (None: over the flattened x);
    dx_i = g_i + ... + g_n: each x_i is in every later sum, so g is summed from the end.

    Args:
        x: input tensor.
        axis: the axis to sum along; None flattens x first.
        dtype: ignored (kerasedu computes in float32).

    >>> cumsum(np.array([1.0, 2.0, 3.0])).data
    array([1., 3., 6.], dtype=float32)
    """
    x = as_tensor(x)
    data = x.data.reshape(-1) if axis is None else x.data
    along = 0 if axis is None else axis
    out = np.cumsum(data, axis=along)

    def backward(g):
        reverse = np.flip(np.cumsum(np.flip(g, along), axis=along), along)
        return (reverse.reshape(x.shape),)
    return Tensor.from_op(out.astype(x.dtype, copy=False), (x,), backward, "cumsum")


@keras_op
def logsumexp(x, axis=None, keepdims: bool = False) -> Tensor:
    """out = log(sum(e^x)) = m + log(sum(e^(x - m))), m = max(x): no overflow for big x;
    dx = g * softmax(x) = g * e^(x - out).

    Args:
        x: input tensor.
        axis: an int, a tuple of ints, or None for all axes.
        keepdims: keep the reduced axes with size 1.

    >>> round(float(logsumexp(np.array([1000.0, 1000.0])).data), 2)     # 1000 + log 2
    1000.69
    """
    x = as_tensor(x)
    m = np.max(x.data, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)                  # all -inf: shift by 0 instead of nan
    out_keep = m + np.log(np.sum(np.exp(x.data - m), axis=axis, keepdims=True))
    weights = np.exp(x.data - out_keep)                   # softmax(x) over axis

    def backward(g):
        return (_keep_axes(g, x, axis, keepdims) * weights,)
    out = out_keep if keepdims else np.squeeze(out_keep, axis=axis)
    return Tensor.from_op(np.asarray(out, dtype=x.dtype), (x,), backward, "logsumexp")


@keras_op
def moments(x, axes, keepdims: bool = False, synchronized: bool = False) -> tuple[Tensor, Tensor]:
    """The mean and the (biased) variance of x over ``axes``, both differentiable.

    Args:
        x: input tensor.
        axes: an int or a list of axes to reduce.
        keepdims: keep the reduced axes with size 1.
        synchronized: ignored (one device only).

    >>> mean, variance = moments(np.array([[1.0, 2.0], [3.0, 6.0]]), axes=[0])
    >>> mean.data, variance.data
    (array([2., 4.], dtype=float32), array([1., 4.], dtype=float32))
    """
    axis = tuple(axes) if isinstance(axes, (list, tuple)) else axes
    return mean(x, axis=axis, keepdims=keepdims), var(x, axis=axis, keepdims=keepdims)


def _arg_reduce(np_fn, x, axis, keepdims: bool) -> Tensor:
    data = x.data if isinstance(x, Tensor) else np.asarray(x)
    out = np_fn(data.reshape(-1) if axis is None else data, axis=0 if axis is None else axis)
    if keepdims:
        out = np.reshape(out, (1,) * data.ndim) if axis is None else np.expand_dims(out, axis)
    return Tensor(np.asarray(out, dtype=np.int32))          # indices: int32, as Keras


@keras_op
def argmax(x, axis=None, keepdims: bool = False) -> Tensor:
    """The index of the largest element along ``axis`` (the first one on ties); int32, no gradient.

    Args:
        x: input tensor.
        axis: the axis to search; None searches the flattened x.
        keepdims: keep the reduced axis with size 1.

    >>> argmax(np.array([[1.0, 3.0, 3.0], [4.0, 0.0, 1.0]]), axis=1).data
    array([1, 0], dtype=int32)
    """
    return _arg_reduce(np.argmax, x, axis, keepdims)


@keras_op
def argmin(x, axis=None, keepdims: bool = False) -> Tensor:
    """The index of the smallest element along ``axis`` (the first one on ties); int32, no gradient.

    Args:
        x: input tensor.
        axis: the axis to search; None searches the flattened x.
        keepdims: keep the reduced axis with size 1.

    >>> argmin(np.array([2.0, 0.0, 0.0])).data
    array(1, dtype=int32)
    """
    return _arg_reduce(np.argmin, x, axis, keepdims)


@keras_op
def top_k(x, k: int, sorted: bool = True) -> tuple[Tensor, Tensor]:  # noqa: A002 - the Keras name
    """The k largest values along the last axis and their indices (ties: the lower index first);
    d values / dx puts g back at the chosen indices, 0 elsewhere.

    Args:
        x: input tensor, (..., n).
        k: how many to keep, k <= n.
        sorted: kerasedu always returns them largest first.

    >>> values, indices = top_k(np.array([1.0, 4.0, 4.0, 2.0]), k=2)
    >>> values.data, indices.data
    (array([4., 4.], dtype=float32), array([1, 2], dtype=int32))
    """
    x = as_tensor(x)
    n = x.shape[-1]
    if not 0 <= k <= n:
        raise ValueError(f"top_k: k={k} must be between 0 and the size of the last axis ({n}), "
                         f"for x of shape {x.shape}.")
    order = np.argsort(-x.data, axis=-1, kind="stable")[..., :k]      # (..., k): stable keeps ties in order
    values = np.take_along_axis(x.data, order, axis=-1)

    def backward(g):
        grad = np.zeros(x.shape, x.dtype)
        np.put_along_axis(grad, order, g, axis=-1)                   # the k indices are distinct
        return (grad,)
    return Tensor.from_op(values, (x,), backward, "top_k"), Tensor(order.astype(np.int32))
