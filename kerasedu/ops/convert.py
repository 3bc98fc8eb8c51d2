"""Moving between NumPy arrays and kerasedu Tensors, and asking what a tensor is (Keras 3's
``keras.ops`` core names: convert_to_tensor, convert_to_numpy, shape, cast, stop_gradient, ...)."""
from __future__ import annotations

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.creation import _dtype


def convert_to_tensor(x, dtype=None, sparse=None, ragged=None) -> Tensor:
    """An array, list or number as a Tensor (a Tensor stays itself).

    Args:
        x: the values.
        dtype: the element type (floats are float32); x's by default.
        sparse, ragged: not supported (dense NumPy only); leave them None.

    >>> convert_to_tensor([1, 2]).shape
    (2,)
    """
    if sparse or ragged:
        raise ValueError("convert_to_tensor: kerasedu has dense NumPy arrays only; "
                         "leave sparse and ragged out.")
    t = as_tensor(x)
    return t if dtype is None else cast.__wrapped__(t, dtype)


def convert_to_numpy(x) -> np.ndarray:
    """A Tensor (or anything array-like) as a NumPy array.

    Args:
        x: a tensor.

    >>> convert_to_numpy(convert_to_tensor([1.0, 2.0]))
    array([1., 2.], dtype=float32)
    """
    return x.data if isinstance(x, Tensor) else np.asarray(x)


def is_tensor(x) -> bool:
    """True for a kerasedu Tensor (a NumPy array is data, not a tensor).

    Args:
        x: anything.

    >>> is_tensor(convert_to_tensor([1.0])), is_tensor([1.0])
    (True, False)
    """
    return isinstance(x, Tensor)


def shape(x) -> tuple:
    """The shape as a tuple of ints; on a symbolic tensor (keras.Input) the batch size is None.

    Args:
        x: a tensor, an array or a symbolic tensor.

    >>> shape(np.zeros((2, 3)))
    (2, 3)
    """
    return tuple(x.shape) if hasattr(x, "shape") else np.shape(x)


def ndim(x) -> int:
    """The number of axes.

    Args:
        x: a tensor.

    >>> ndim(np.zeros((2, 3)))
    2
    """
    return len(shape(x))


def size(x) -> int:
    """The number of elements.

    Args:
        x: a tensor.

    >>> size(np.zeros((2, 3)))
    6
    """
    return int(np.prod(shape(x), dtype=np.int64))


def dtype(x) -> str:
    """The element type's name, e.g. "float32".

    Args:
        x: a tensor.

    >>> dtype(convert_to_tensor([1.0]))
    'float32'
    """
    return str(x.dtype) if hasattr(x, "dtype") else str(np.asarray(x).dtype)


@keras_op
def cast(x, dtype) -> Tensor:
    """x converted to ``dtype``; any float type means float32, kerasedu's float.
    Float to float passes the gradient on (dx = g); to integers or bool it stops.

    Args:
        x: a tensor.
        dtype: e.g. "int32", "bool", "float32".

    >>> cast(np.array([1.7, -0.2]), "int32").data
    array([1, 0], dtype=int32)
    """
    x = as_tensor(x)
    target = _dtype(dtype)
    if target.kind == "f":
        if x.dtype.kind == "f":
            return x                                     # already kerasedu's float type
        return Tensor(x.data.astype(target))
    return Tensor(x.data.astype(target))


@keras_op
def stop_gradient(variable) -> Tensor:
    """The same values, but no gradient flows back through them (a constant).

    Args:
        variable: a tensor.

    >>> w = Tensor(np.ones(2), requires_grad=True)
    >>> stop_gradient(w).requires_grad
    False
    """
    return Tensor(as_tensor(variable).data)
