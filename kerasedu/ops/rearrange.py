"""More ops that move elements without changing them: split, tile, repeat, flip, swapaxes,
moveaxis, broadcast_to, take, take_along_axis. Each backward sends g back to where
every element came from (summing where one element was copied several times).

>>> x = Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
>>> left, right = split(x, [1], axis=1)
>>> left.shape, right.shape
((2, 1), (2, 2))
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


@keras_op
def split(x, indices_or_sections, axis: int = 0) -> list[Tensor]:
    """The pieces of x cut along ``axis``: into n equal parts, or at the given indices;
    each piece's gradient goes back into its own slice of dx.

    Args:
        x: input tensor.
        indices_or_sections: an int n (the axis must divide into n equal parts) or a list
            of indices where to cut, e.g. [2, 5].
        axis: the axis to cut.

    >>> [p.shape for p in split(np.zeros((4, 6)), 3, axis=1)]
    [(4, 2), (4, 2), (4, 2)]
    """
    x = as_tensor(x)
    length = x.shape[axis]
    if isinstance(indices_or_sections, (int, np.integer)):
        n = int(indices_or_sections)
        if n <= 0 or length % n:
            raise ValueError(f"split: axis {axis} of x (shape {x.shape}) has size {length}, which "
                             f"does not divide into {n} equal parts. Pass a list of indices "
                             f"instead, e.g. split(x, [2, 5], axis={axis}).")
        cuts = list(range(length // n, length, length // n))
    else:
        cuts = [int(i) for i in indices_or_sections]
    bounds = [0] + [min(max(c, 0), length) for c in cuts] + [length]
    pieces = []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        index = [slice(None)] * x.ndim
        index[axis] = slice(start, stop)
        index = tuple(index)

        def backward(g, index=index):
            grad = np.zeros(x.shape, x.dtype)
            grad[index] = g                                 # this piece's slice of dx
            return (grad,)
        pieces.append(Tensor.from_op(x.data[index], (x,), backward, "split"))
    return pieces


@keras_op
def tile(x, repeats) -> Tensor:
    """out = x repeated ``repeats`` times along each axis (np.tile);
    dx = the sum of g over every copy.

    Args:
        x: input tensor.
        repeats: an int or one int per axis.

    >>> tile(np.array([1.0, 2.0]), 2).data
    array([1., 2., 1., 2.], dtype=float32)
    """
    x = as_tensor(x)
    out = np.tile(x.data, repeats)
    reps = (1,) * (out.ndim - len(np.atleast_1d(repeats))) + tuple(np.atleast_1d(repeats))
    base = (1,) * (out.ndim - x.ndim) + x.shape                  # x's shape with out's rank

    def backward(g):
        # (r0, s0, r1, s1, ...): each copy along its own axis, then summed away
        split_shape = [n for pair in zip(reps, base) for n in pair]
        summed = g.reshape(split_shape).sum(axis=tuple(range(0, 2 * out.ndim, 2)))
        return (summed.reshape(x.shape),)
    return Tensor.from_op(out, (x,), backward, "tile")


@keras_op
def repeat(x, repeats, axis=None) -> Tensor:
    """out = each element repeated ``repeats`` times along ``axis`` (np.repeat);
    dx = the sum of g over each element's copies.

    Args:
        x: input tensor.
        repeats: an int, or one count per element along axis.
        axis: the axis; None repeats the flattened x.

    >>> repeat(np.array([1.0, 2.0]), 2).data
    array([1., 1., 2., 2.], dtype=float32)
    """
    x = as_tensor(x)
    data = x.data.reshape(-1) if axis is None else x.data
    along = 0 if axis is None else axis
    out = np.repeat(data, repeats, axis=along)
    owner = np.repeat(np.arange(data.shape[along]), repeats)    # which element each copy is of

    def backward(g):
        grad = np.zeros(data.shape, x.dtype)
        np.add.at(np.moveaxis(grad, along, 0), owner, np.moveaxis(g, along, 0))   # sum the copies
        return (grad.reshape(x.shape),)
    return Tensor.from_op(out, (x,), backward, "repeat")


@keras_op
def flip(x, axis=None) -> Tensor:
    """out = x in reverse order along ``axis`` (all axes when None);  dx = g flipped back.

    Args:
        x: input tensor.
        axis: an int, a tuple, or None.

    >>> flip(np.array([1.0, 2.0, 3.0])).data
    array([3., 2., 1.], dtype=float32)
    """
    x = as_tensor(x)
    return Tensor.from_op(np.flip(x.data, axis), (x,), lambda g: (np.flip(g, axis),), "flip")


@keras_op
def swapaxes(x, axis1: int, axis2: int) -> Tensor:
    """out = x with two axes exchanged;  dx = g with them exchanged back.

    Args:
        x: input tensor.
        axis1, axis2: the two axes.

    >>> swapaxes(np.zeros((2, 3, 4)), 0, 2).shape
    (4, 3, 2)
    """
    x = as_tensor(x)
    return Tensor.from_op(np.swapaxes(x.data, axis1, axis2), (x,),
                          lambda g: (np.swapaxes(g, axis1, axis2),), "swapaxes")


@keras_op
def moveaxis(x, source, destination) -> Tensor:
    """out = x with axis ``source`` moved to ``destination``;  dx = g with it moved back.

    Args:
        x: input tensor.
        source, destination: an int or a list of ints each.

    >>> moveaxis(np.zeros((2, 3, 4)), 0, -1).shape
    (3, 4, 2)
    """
    x = as_tensor(x)
    return Tensor.from_op(np.moveaxis(x.data, source, destination), (x,),
                          lambda g: (np.moveaxis(g, destination, source),), "moveaxis")


@keras_op
def broadcast_to(x, shape) -> Tensor:
    """out = x stretched to ``shape`` by broadcasting;  dx = g summed over the stretched axes.

    Args:
        x: input tensor.
        shape: the target shape.

    >>> broadcast_to(np.array([1.0, 2.0]), (2, 2)).data
    array([[1., 2.],
           [1., 2.]], dtype=float32)
    """
    x = as_tensor(x)
    out = np.array(np.broadcast_to(x.data, shape))          # a real copy, not a read-only view
    return Tensor.from_op(out, (x,), lambda g: (unbroadcast(g, x.shape),), "broadcast_to")


@keras_op
def take(x, indices, axis=None) -> Tensor:
    """out = the elements of x at ``indices`` along ``axis`` (np.take);
    dx = zeros with g added back at those places (an index used twice gets both).

    Args:
        x: input tensor.
        indices: integer indices.
        axis: the axis; None takes from the flattened x.

    >>> take(np.array([10.0, 20.0, 30.0]), [2, 0]).data
    array([30., 10.], dtype=float32)
    """
    x = as_tensor(x)
    ids = np.asarray(indices.data if isinstance(indices, Tensor) else indices, dtype=np.intp)
    data = x.data.reshape(-1) if axis is None else x.data
    along = 0 if axis is None else axis % x.ndim

    def backward(g):
        grad = np.zeros(data.shape, x.dtype)
        moved = np.moveaxis(grad, along, 0)                      # a view: writes go to grad
        g_moved = np.moveaxis(g, tuple(range(along, along + ids.ndim)), tuple(range(ids.ndim)))
        np.add.at(moved, ids, g_moved)
        return (grad.reshape(x.shape),)
    return Tensor.from_op(np.take(data, ids, axis=along), (x,), backward, "take")


@keras_op
def take_along_axis(x, indices, axis=None) -> Tensor:
    """out = np.take_along_axis(x, indices, axis): one index per position;
    dx = zeros with g added back at the chosen places.

    Args:
        x: input tensor.
        indices: integer indices, same rank as x.
        axis: the axis to index along.

    >>> take_along_axis(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1], [0]]), axis=1).data
    array([[2.],
           [3.]], dtype=float32)
    """
    x = as_tensor(x)
    ids = np.asarray(indices.data if isinstance(indices, Tensor) else indices, dtype=np.intp)

    def backward(g):
        grad = np.zeros(x.shape, x.dtype)
        np.add.at(grad, _full_index(ids, axis, x.ndim), g)
        return (grad,)
    return Tensor.from_op(np.take_along_axis(x.data, ids, axis=axis), (x,), backward,
                          "take_along_axis")


def _full_index(ids: np.ndarray, axis: int, ndim: int) -> tuple:
    """The fancy index that take_along_axis uses: ids on ``axis``, aranges on the others."""
    index = []
    for i in range(ndim):
        if i == axis % ndim:
            index.append(ids)
        else:
            shape = [1] * ndim
            shape[i] = ids.shape[i]
            index.append(np.arange(ids.shape[i]).reshape(shape))
    return tuple(index)
