"""Class ids to one-hot rows: ``to_categorical``.

``categorical_crossentropy`` compares a predicted probability row with a
target row that is 1 at the true class and 0 elsewhere: a one-hot row.
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np


def to_categorical(x: Any, num_classes: Optional[int] = None) -> np.ndarray:
    """Turn integer class ids into one-hot rows.

    Args:
        x: Class ids, integers from 0 to ``num_classes - 1``, of any shape. A
            trailing axis of size 1, as in ``y`` of shape (n, 1), is dropped.
        num_classes: Number of classes; None (or 0) means ``max(x) + 1``.

    Returns:
        float32 array of shape ``x.shape + (num_classes,)``. Keras 3 returns
        float64 for NumPy input; float32 (as in tf.keras) is this library's
        float type throughout, so that is a deliberate difference.

    >>> to_categorical([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    >>> to_categorical([[1], [0]], num_classes=2).shape
    (2, 2)
    """
    labels = np.asarray(x)
    fractions = labels[labels != np.round(labels)] if labels.dtype.kind == "f" else []
    if len(fractions):
        raise ValueError(f"to_categorical needs whole-number class ids, got non-integers such as "
                         f"{float(fractions[0])}. Round them, or use class ids.")
    if labels.dtype.kind not in "biuf":
        raise ValueError(f"to_categorical needs integer class ids, got dtype {labels.dtype}. "
                         "Map labels like 'cat' to ids first, e.g. with a dict.")
    labels = labels.astype(np.int64)
    shape = labels.shape
    if len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]  # (n, 1) -> (n,): the usual shape of y from a loader
    labels = labels.reshape(-1)

    if not num_classes:
        if labels.size == 0:
            raise ValueError("to_categorical got no labels, so it cannot infer num_classes; "
                             "pass num_classes=.")
        num_classes = int(labels.max()) + 1
    if labels.size and labels.min() < 0:
        raise ValueError(f"Class ids must be 0 or more, got {int(labels.min())}. "
                         "Shift the labels so the first class is 0.")
    if labels.size and labels.max() >= num_classes:
        raise ValueError(f"Class ids must be below num_classes={num_classes}, got {int(labels.max())}. "
                         f"Pass num_classes={int(labels.max()) + 1} or more, or check the labels.")

    one_hot = np.zeros((labels.size, num_classes), dtype=np.float32)
    one_hot[np.arange(labels.size), labels] = 1.0
    return one_hot.reshape(shape + (num_classes,))
