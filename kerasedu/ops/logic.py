"""Comparisons and choices: equal, greater, ..., logical_and, where.

A comparison gives a boolean Tensor, with no gradient (a step has derivative 0).
``where`` picks elements of x1 or x2 and sends the gradient to whichever was picked.

>>> x = Tensor(np.array([-1.0, 2.0]))
>>> where(greater(x, 0), x, 0.0).data
array([0., 2.], dtype=float32)
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


def _values(x) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else np.asarray(x)


def _comparison(np_fn, name: str, symbol: str):
    """An elementwise comparison: a boolean Tensor, no gradient."""
    def op(x1, x2) -> Tensor:
        return Tensor(np_fn(_values(x1), _values(x2)))
    op.__name__ = op.__qualname__ = name
    example = np_fn(np.array([1.0, 2.0, 3.0]), 2.0).tolist()
    op.__doc__ = (f"out = (x1 {symbol} x2), elementwise (broadcasting): a boolean tensor.\n\n"
                  f"    Args:\n        x1, x2: tensors or numbers.\n\n"
                  f"    >>> {name}(np.array([1.0, 2.0, 3.0]), 2.0).data.tolist()\n    {example}\n")
    return keras_op(op)


equal = _comparison(np.equal, "equal", "==")
not_equal = _comparison(np.not_equal, "not_equal", "!=")
greater = _comparison(np.greater, "greater", ">")
greater_equal = _comparison(np.greater_equal, "greater_equal", ">=")
less = _comparison(np.less, "less", "<")
less_equal = _comparison(np.less_equal, "less_equal", "<=")
logical_and = _comparison(np.logical_and, "logical_and", "and")
logical_or = _comparison(np.logical_or, "logical_or", "or")
logical_xor = _comparison(np.logical_xor, "logical_xor", "xor")


@keras_op
def logical_not(x) -> Tensor:
    """out = not x, elementwise.

    Args:
        x: a tensor (non-zero counts as True).

    >>> logical_not(np.array([True, False])).data
    array([False,  True])
    """
    return Tensor(np.logical_not(_values(x)))


@keras_op
def isnan(x) -> Tensor:
    """True where x is NaN.

    Args:
        x: a tensor.

    >>> isnan(np.array([1.0, np.nan])).data
    array([False,  True])
    """
    return Tensor(np.isnan(_values(x)))


@keras_op
def isfinite(x) -> Tensor:
    """True where x is neither NaN nor infinite.

    Args:
        x: a tensor.

    >>> isfinite(np.array([1.0, np.inf])).data
    array([ True, False])
    """
    return Tensor(np.isfinite(_values(x)))


@keras_op
def all(x, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A001 - the Keras name
    """True if every element over ``axis`` is true.

    Args:
        x: a tensor.
        axis: an int, a tuple, or None for all axes.
        keepdims: keep the reduced axes with size 1.

    >>> all(np.array([[True, False], [True, True]]), axis=1).data
    array([False,  True])
    """
    return Tensor(np.all(_values(x), axis=axis, keepdims=keepdims))


@keras_op
def any(x, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A001 - the Keras name
    """True if some element over ``axis`` is true.

    Args:
        x: a tensor.
        axis: an int, a tuple, or None for all axes.
        keepdims: keep the reduced axes with size 1.

    >>> any(np.array([[True, False], [False, False]]), axis=1).data
    array([ True, False])
    """
    return Tensor(np.any(_values(x), axis=axis, keepdims=keepdims))


@keras_op
def where(condition, x1=None, x2=None) -> Tensor:
    """out = x1 where condition is true, else x2 (broadcasting);
    dx1 = g where condition, dx2 = g elsewhere.  With only the condition: the indices
    where it is true, as ``np.nonzero`` (a tuple of int32 tensors).

    Args:
        condition: a boolean tensor.
        x1: the values where condition is true.
        x2: the values where it is false.

    >>> where(np.array([True, False]), np.array([1.0, 2.0]), np.array([9.0, 9.0])).data
    array([1., 9.], dtype=float32)
    """
    cond = _values(condition).astype(bool)
    if x1 is None and x2 is None:
        return tuple(Tensor(i.astype(np.int32)) for i in np.nonzero(cond))
    if x1 is None or x2 is None:
        raise ValueError("where(condition, x1, x2): give both x1 and x2, or neither.")
    a, b = as_tensor(x1), as_tensor(x2)

    def backward(g):
        return unbroadcast(np.where(cond, g, 0), a.shape), unbroadcast(np.where(cond, 0, g), b.shape)
    out = np.where(cond, a.data, b.data)
    if a.dtype.kind == "f" or b.dtype.kind == "f":
        out = out.astype(a.dtype if a.dtype.kind == "f" else b.dtype, copy=False)
    return Tensor.from_op(out, (a, b), backward, "where")
