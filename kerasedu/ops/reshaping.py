"""Ops that move numbers around without changing them: their backward moves them back.

>>> x = Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
>>> y = reshape(x, (3, 2)); y.backward(np.ones((3, 2), dtype=np.float32))
>>> x.grad.shape
(2, 3)
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def reshape(a, shape) -> Tensor:
    """out = a viewed with a new shape;  da = g reshaped back."""
    a = as_tensor(a)
    return Tensor.from_op(a.data.reshape(shape), (a,), lambda g: (g.reshape(a.shape),), "reshape")


def transpose(a, axes=None) -> Tensor:
    """out = a with its axes permuted;  da = g permuted back by the inverse permutation."""
    a = as_tensor(a)
    inverse = None if axes is None else np.argsort(axes)
    return Tensor.from_op(np.transpose(a.data, axes), (a,),
                          lambda g: (np.transpose(g, inverse),), "transpose")


def getitem(a, index) -> Tensor:
    """out = a[index];  da is zeros with g added back at the same places."""
    a = as_tensor(a)
    if isinstance(index, Tensor):
        index = index.data

    def backward(g):
        grad = np.zeros(a.shape, dtype=np.float32)
        np.add.at(grad, index, g)  # add.at: an index may pick the same element twice
        return (grad,)
    return Tensor.from_op(a.data[index], (a,), backward, "getitem")


def concatenate(tensors, axis: int = -1) -> Tensor:
    """out = [a, b, ...] joined along ``axis``;  each input gets its own slice of g."""
    tensors = [as_tensor(t) for t in tensors]
    sizes = [t.shape[axis] for t in tensors]
    splits = np.cumsum(sizes)[:-1]

    def backward(g):
        return tuple(np.split(g, splits, axis=axis))
    out = np.concatenate([t.data for t in tensors], axis=axis)
    return Tensor.from_op(out, tensors, backward, "concatenate")


def stack(tensors, axis: int = 0) -> Tensor:
    """out = inputs stacked on a new ``axis``;  each input gets its slice of g."""
    tensors = [as_tensor(t) for t in tensors]

    def backward(g):
        return tuple(np.take(g, i, axis=axis) for i in range(len(tensors)))
    return Tensor.from_op(np.stack([t.data for t in tensors], axis=axis), tensors, backward, "stack")


def expand_dims(a, axis: int) -> Tensor:
    """out = a with a new axis of size 1;  da = g with that axis removed."""
    a = as_tensor(a)
    return Tensor.from_op(np.expand_dims(a.data, axis), (a,),
                          lambda g: (g.reshape(a.shape),), "expand_dims")


def squeeze(a, axis=None) -> Tensor:
    """out = a without its axes of size 1;  da = g reshaped back."""
    a = as_tensor(a)
    return Tensor.from_op(np.squeeze(a.data, axis), (a,),
                          lambda g: (g.reshape(a.shape),), "squeeze")
