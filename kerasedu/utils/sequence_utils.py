"""Make sequences of different lengths one rectangular array: ``pad_sequences``.

A batch must be a rectangle, but reviews and sentences differ in length. So
short sequences get padding and long ones get cut, all to one length.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np


def pad_sequences(
    sequences: Sequence[Sequence[Any]],
    maxlen: Optional[int] = None,
    dtype: Any = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: Any = 0.0,
) -> np.ndarray:
    """Pad (or cut) every sequence to the same length.

    Args:
        sequences: A list of sequences (lists or arrays). The items may be
            numbers, or vectors of one common shape.
        maxlen: Length of the result; default is the longest sequence.
        dtype: dtype of the result (use ``object`` for strings of any length).
        padding: "pre" pads at the start, "post" at the end.
        truncating: "pre" cuts from the start (keeps the last ``maxlen``
            items), "post" from the end (keeps the first).
        value: The padding value.

    Returns:
        Array of shape ``(len(sequences), maxlen) + item_shape``.

    >>> pad_sequences([[1], [2, 3], [4, 5, 6]])
    array([[0, 0, 1],
           [0, 2, 3],
           [4, 5, 6]], dtype=int32)
    >>> pad_sequences([[1], [2, 3], [4, 5, 6]], maxlen=2, padding="post")
    array([[1, 0],
           [2, 3],
           [5, 6]], dtype=int32)
    """
    # Checked up front, so a bad word fails even when every sequence is empty.
    if padding not in ("pre", "post"):
        raise ValueError(f'padding must be "pre" or "post", got padding={padding!r}.')
    if truncating not in ("pre", "post"):
        raise ValueError(f'truncating must be "pre" or "post", got truncating={truncating!r}.')
    if not hasattr(sequences, "__len__"):
        raise ValueError(f"sequences must be a list of sequences, got a {type(sequences).__name__}. "
                         "Wrap a generator in list(...).")
    lengths, item_shape = [], None
    for i, seq in enumerate(sequences):
        if not hasattr(seq, "__len__"):
            raise ValueError(f"sequences must be a list of sequences, but item {i} is {seq!r}. "
                             "For one sequence, pass [seq].")
        lengths.append(len(seq))
        if item_shape is None and len(seq):
            item_shape = np.asarray(seq).shape[1:]  # () for numbers, (d,) for vectors
    item_shape = item_shape or ()
    if maxlen is None:
        maxlen = max(lengths, default=0)

    is_text = np.issubdtype(dtype, np.str_) or np.issubdtype(dtype, np.bytes_)
    if isinstance(value, str) and dtype is not object and not is_text:
        raise ValueError(f"value={value!r} is a string but dtype={dtype!r} holds numbers. "
                         "Pass dtype=object to pad sequences of strings.")

    out = np.full((len(sequences), maxlen) + item_shape, value, dtype=dtype)
    for i, seq in enumerate(sequences):
        if not len(seq) or maxlen == 0:
            continue  # nothing to copy: the row stays all padding
        kept = np.asarray(seq[-maxlen:] if truncating == "pre" else seq[:maxlen], dtype=dtype)
        if kept.shape[1:] != item_shape:
            raise ValueError(f"Sequence {i} has items of shape {kept.shape[1:]}, but the first non-empty "
                             f"sequence has items of shape {item_shape}; all items must have one shape.")
        if padding == "post":
            out[i, : len(kept)] = kept
        else:
            out[i, maxlen - len(kept):] = kept
    return out
