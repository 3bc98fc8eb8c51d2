"""The two helpers every op uses: wrap inputs as tensors, and undo broadcasting."""
from __future__ import annotations

import numpy as np

from kerasedu.autograd import Tensor, as_tensor

__all__ = ["Tensor", "as_tensor", "unbroadcast"]


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum ``grad`` down to ``shape``: the backward of NumPy broadcasting.

    If ``b`` of shape (3,) was broadcast to (N, 3) in ``a + b``, each b[j] was
    used N times, so its gradient is the sum of the N copies: grad.sum(axis=0).

    >>> unbroadcast(np.ones((4, 3), dtype=np.float32), (3,))
    array([4., 4., 4.], dtype=float32)
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    grad = grad.sum(axis=tuple(range(extra))) if extra else grad  # leading axes added by broadcasting
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if stretched:                                                  # axes of size 1 that were stretched
        grad = grad.sum(axis=stretched, keepdims=True)
    return grad
