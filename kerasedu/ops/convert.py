"""Moving between NumPy arrays and kerasedu Tensors (Keras 3's ``keras.ops`` names)."""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def convert_to_tensor(x) -> Tensor:
    """An array, list or number as a Tensor (a Tensor stays itself).

    >>> convert_to_tensor([1, 2]).shape
    (2,)
    """
    return as_tensor(x)


def convert_to_numpy(x) -> np.ndarray:
    """A Tensor (or anything array-like) as a NumPy array.

    >>> convert_to_numpy(convert_to_tensor([1.0, 2.0]))
    array([1., 2.], dtype=float32)
    """
    return x.data if isinstance(x, Tensor) else np.asarray(x)
