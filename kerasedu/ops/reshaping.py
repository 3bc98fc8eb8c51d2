"""Ops that move numbers around without changing them: their backward moves them back.

>>> x = Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
>>> y = reshape(x, (3, 2)); y.backward(np.ones((3, 2), dtype=np.float32))
>>> x.grad.shape
(2, 3)
"""
from __future__ import annotations

import numpy as np

from kerasedu.autograd import IndexedGrad
from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor


@keras_op
def reshape(x, newshape) -> Tensor:
    """out = x viewed with a new shape (-1: the size that fits);  dx = g reshaped back."""
    a = as_tensor(x)
    return Tensor.from_op(a.data.reshape(newshape), (a,), lambda g: (g.reshape(a.shape),), "reshape")


@keras_op
def transpose(x, axes=None) -> Tensor:
    """out = x with its axes permuted (reversed by default);  dx = g permuted back."""
    a = as_tensor(x)
    inverse = None if axes is None else np.argsort(axes)
    return Tensor.from_op(np.transpose(a.data, axes), (a,),
                          lambda g: (np.transpose(g, inverse),), "transpose")


@keras_op
def getitem(a, index) -> Tensor:
    """out = a[index];  da is g put back at the same places (zeros elsewhere).

    The backward returns an ``IndexedGrad``: g and its index, not a full zero array;
    the tape adds g into a's gradient buffer at the index, so slicing every step of a
    sequence costs one buffer, not one full array per step.
    """
    a = as_tensor(a)
    if isinstance(index, Tensor):
        index = index.data
    if isinstance(index, tuple):
        index = tuple(i.data if isinstance(i, Tensor) else i for i in index)

    def backward(g):
        return (IndexedGrad(index, g, a.shape, g.dtype),)
    return Tensor.from_op(a.data[index], (a,), backward, "getitem")


@keras_op
def concatenate(xs, axis: int = 0) -> Tensor:
    """out = [a, b, ...] joined along ``axis``;  each input gets its own slice of g."""
    tensors = [as_tensor(t) for t in xs]
    sizes = [t.shape[axis] for t in tensors]
    splits = np.cumsum(sizes)[:-1]

    def backward(g):
        return tuple(np.split(g, splits, axis=axis))
    out = np.concatenate([t.data for t in tensors], axis=axis)
    return Tensor.from_op(out, tensors, backward, "concatenate")


@keras_op
def stack(x, axis: int = 0) -> Tensor:
    """out = the tensors of x stacked on a new ``axis``;  each gets its slice of g."""
    tensors = [as_tensor(t) for t in x]

    def backward(g):
        return tuple(np.take(g, i, axis=axis) for i in range(len(tensors)))
    return Tensor.from_op(np.stack([t.data for t in tensors], axis=axis), tensors, backward, "stack")


@keras_op
def expand_dims(x, axis: int) -> Tensor:
    """out = x with a new axis of size 1;  dx = g with that axis removed."""
    a = as_tensor(x)
    return Tensor.from_op(np.expand_dims(a.data, axis), (a,),
                          lambda g: (g.reshape(a.shape),), "expand_dims")


@keras_op
def squeeze(x, axis=None) -> Tensor:
    """out = x without its axes of size 1 (or only ``axis``);  dx = g reshaped back."""
    a = as_tensor(x)
    return Tensor.from_op(np.squeeze(a.data, axis), (a,),
                          lambda g: (g.reshape(a.shape),), "squeeze")
