"""Ops that make new tensors: ones, zeros, full, arange, eye, one_hot. They have no inputs
to differentiate, so they return constant Tensors.

Floats are float32 (kerasedu's only float type); integers are int32, as Keras's.

>>> ones((2, 3)).shape
(2, 3)
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor


def _dtype(dtype, default=np.float32) -> np.dtype:
    """A requested dtype, with every float type read as float32 (see config.set_floatx)."""
    if dtype is None:
        return np.dtype(default)
    dtype = np.dtype(getattr(dtype, "name", dtype))
    return np.dtype(np.float32) if dtype.kind == "f" else dtype


def ones(shape, dtype=None) -> Tensor:
    """A tensor of ones.

    Args:
        shape: the shape, e.g. (2, 3).
        dtype: float32 by default.

    >>> ones((1, 2)).data
    array([[1., 1.]], dtype=float32)
    """
    return Tensor(np.ones(shape, _dtype(dtype)))


def zeros(shape, dtype=None) -> Tensor:
    """A tensor of zeros.

    Args:
        shape: the shape, e.g. (2, 3).
        dtype: float32 by default.

    >>> zeros((2,)).data
    array([0., 0.], dtype=float32)
    """
    return Tensor(np.zeros(shape, _dtype(dtype)))


def full(shape, fill_value, dtype=None) -> Tensor:
    """A tensor with every element equal to ``fill_value``.

    Args:
        shape: the shape.
        fill_value: the value; its type gives the dtype when ``dtype`` is None.
        dtype: the element type.

    >>> full((2,), 7).data
    array([7, 7], dtype=int32)
    """
    default = np.int32 if isinstance(fill_value, (int, np.integer)) and not isinstance(fill_value, bool) \
        else (np.bool_ if isinstance(fill_value, bool) else np.float32)
    return Tensor(np.full(shape, fill_value, _dtype(dtype, default)))


@keras_op
def ones_like(x, dtype=None) -> Tensor:
    """Ones with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        dtype: the element type; x's by default.

    >>> ones_like(np.zeros((1, 2))).data
    array([[1., 1.]], dtype=float32)
    """
    return full_like(x, 1, dtype)


@keras_op
def zeros_like(x, dtype=None) -> Tensor:
    """Zeros with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        dtype: the element type; x's by default.

    >>> zeros_like(np.ones(2)).data
    array([0., 0.], dtype=float32)
    """
    return full_like(x, 0, dtype)


@keras_op
def full_like(x, fill_value, dtype=None) -> Tensor:
    """``fill_value`` everywhere, with the shape (and by default the dtype) of ``x``.

    Args:
        x: a tensor.
        fill_value: the value.
        dtype: the element type; x's by default.

    >>> full_like(np.ones(2), 3.0).data
    array([3., 3.], dtype=float32)
    """
    data = x.data if isinstance(x, Tensor) else np.asarray(x)
    return Tensor(np.full(data.shape, fill_value, _dtype(dtype, data.dtype)))


def arange(start, stop=None, step=1, dtype=None) -> Tensor:
    """Evenly spaced values in [start, stop): int32 when all the arguments are integers.

    Args:
        start: the first value (or the stop, when ``stop`` is None).
        stop: the end, not included.
        step: the spacing.
        dtype: the element type.

    >>> arange(3).data, arange(0.0, 1.0, 0.5).data
    (array([0, 1, 2], dtype=int32), array([0. , 0.5], dtype=float32))
    """
    if stop is None:
        start, stop = 0, start
    integers = all(isinstance(v, (int, np.integer)) for v in (start, stop, step))
    return Tensor(np.arange(start, stop, step).astype(_dtype(dtype, np.int32 if integers else np.float32)))


def linspace(start, stop, num: int = 50, endpoint: bool = True, retstep: bool = False,
             dtype=None, axis: int = 0) -> Tensor:
    """``num`` evenly spaced values from start to stop (included when endpoint=True).

    Args:
        start, stop: the ends.
        num: how many values.
        endpoint: whether stop is the last value.
        retstep: also return the spacing.
        dtype: float32 by default.
        axis: where the new axis goes, for array-valued start/stop.

    >>> linspace(0.0, 1.0, 3).data
    array([0. , 0.5, 1. ], dtype=float32)
    """
    values = np.linspace(start, stop, num, endpoint=endpoint, retstep=retstep, axis=axis)
    if retstep:
        return Tensor(values[0].astype(_dtype(dtype))), values[1]
    return Tensor(values.astype(_dtype(dtype)))


def eye(N: int, M=None, k: int = 0, dtype=None) -> Tensor:
    """An N x M matrix with ones on the k-th diagonal.

    Args:
        N: rows.
        M: columns (N by default).
        k: which diagonal: 0 the main one, > 0 above it.
        dtype: float32 by default.

    >>> eye(2).data
    array([[1., 0.],
           [0., 1.]], dtype=float32)
    """
    return Tensor(np.eye(N, M, k, dtype=_dtype(dtype)))


def identity(n: int, dtype=None) -> Tensor:
    """The n x n identity matrix.

    Args:
        n: its size.
        dtype: float32 by default.

    >>> identity(2).data.tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    return eye(n, dtype=dtype)


@keras_op
def one_hot(x, num_classes: int, axis: int = -1, dtype=None, sparse: bool = False) -> Tensor:
    """out[..., c] = 1 if x == c else 0: class ids as vectors. An id outside
    [0, num_classes) (e.g. -1) gives a row of zeros, as in Keras.

    Args:
        x: integer class ids, any shape.
        num_classes: the length of each vector.
        axis: where the new axis goes (the last by default).
        dtype: float32 by default.
        sparse: not supported (NumPy arrays are dense).

    >>> one_hot(np.array([0, 2, -1]), 3).data
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 0., 0.]], dtype=float32)
    """
    if sparse:
        raise ValueError("one_hot(sparse=True): kerasedu has dense NumPy arrays only; "
                         "leave sparse out.")
    ids = np.asarray(x.data if isinstance(x, Tensor) else x)
    if ids.dtype.kind == "f":
        ids = ids.astype(np.int64)                         # Keras casts float ids to int
    out = (ids[..., None] == np.arange(num_classes)).astype(_dtype(dtype))   # (..., num_classes)
    if axis not in (-1, out.ndim - 1):
        out = np.moveaxis(out, -1, axis)
    return Tensor(out)
