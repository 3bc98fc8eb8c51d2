"""Getting arrays ready for training: checks, validation split, class weights, batches.

Everything here works on "structures": one array, a list of arrays (several
inputs or outputs) or a dict of arrays keyed by input/output name.
"""
from __future__ import annotations

import math
import os
import sys
import warnings
from typing import Iterator, Optional

import numpy as np

from kerasedu.autograd import Tensor
from kerasedu.layers.symbolic import flatten, map_structure


def to_arrays(data, what: str):
    """Turn lists, Tensors and pandas objects into NumPy arrays, and check them."""
    if data is None:
        return None

    def convert(x):
        if isinstance(x, Tensor):
            return x.data
        if hasattr(x, "to_numpy"):                  # pandas DataFrame / Series
            x = x.to_numpy()
        try:
            array = np.asarray(x)
        except ValueError:                          # NumPy 2: ragged lists cannot become an array
            array = np.empty(0, dtype=object)
        if array.dtype == object:
            raise TypeError(
                f"{what} could not be turned into one numeric array (it holds objects of "
                f"mixed type or lists of different lengths, e.g. token-id lists). Pad them to "
                f"one length with keras.utils.pad_sequences(...) first.")
        if array.dtype.kind not in "biuf":
            raise TypeError(f"{what} must be numbers, but it has dtype {array.dtype}. Convert "
                            f"it, e.g. np.asarray({what}, dtype='float32').")
        if array.ndim == 0:
            raise ValueError(f"{what} is a single number; fit/evaluate/predict need a batch of "
                             f"samples, with the samples along the first axis.")
        if array.dtype.kind == "f" and not _all_finite(array):
            warnings.warn(f"{what} contains NaN or infinite values: the loss will become NaN. "
                          f"Clean the data (e.g. np.nan_to_num) before training.",
                          stacklevel=_first_frame_outside_kerasedu())
        return array
    if isinstance(data, (list, tuple)) and not all(_is_array_like(item) for item in data):
        return convert(data)          # a Python list of numbers/lists is one array, not several inputs
    if isinstance(data, tuple):
        data = list(data)
    return map_structure(convert, data)


def _all_finite(array: np.ndarray, chunk: int = 1 << 20) -> bool:
    """No NaN or inf anywhere, checked a million numbers at a time: np.isfinite on all of
    x_train at once would make a temporary as large as the data (47 MB for MNIST)."""
    flat = array.reshape(-1)                       # a view for the usual contiguous array
    return all(np.isfinite(flat[i:i + chunk]).all() for i in range(0, flat.size, chunk))


def _first_frame_outside_kerasedu() -> int:
    """The ``stacklevel`` that makes a warning point at the learner's line, not at kerasedu."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    frame, level = sys._getframe(1), 1          # 1: the function that calls warnings.warn
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _is_array_like(item) -> bool:
    """An array, Tensor, DataFrame or dict: an entry of a list of several inputs/outputs."""
    return hasattr(item, "shape") or isinstance(item, dict)


def num_samples(x, y=None, sample_weight=None) -> int:
    """The common length of all arrays; a clear error if they differ."""
    lengths = {}
    for name, data in (("x", x), ("y", y), ("sample_weight", sample_weight)):
        for i, array in enumerate(flatten(data) if data is not None else []):
            lengths[f"{name}[{i}]" if isinstance(data, (list, dict)) else name] = len(array)
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{k}: {v}" for k, v in lengths.items())
        raise ValueError(f"Data cardinality is ambiguous: the arrays have different numbers of "
                         f"samples ({described}). Make sure x and y have the same length.")
    return next(iter(lengths.values()))


def take(data, index):
    """Select samples from every array of a structure (slice or index array)."""
    if data is None:
        return None
    if isinstance(data, np.ndarray):          # the usual case: one array
        return data[index]
    return map_structure(lambda a: a[index], data)


def split_validation(x, y, sample_weight, validation_split: float):
    """Keras's rule: the LAST fraction of the samples, before any shuffling."""
    if not 0.0 < validation_split < 1.0:
        raise ValueError(f"validation_split must be between 0 and 1, got {validation_split}.")
    n = num_samples(x, y, sample_weight)
    split_at = int(math.floor(n * (1.0 - validation_split)))
    if split_at == 0 or split_at == n:
        raise ValueError(f"validation_split={validation_split} of {n} samples leaves an empty "
                         f"{'training' if split_at == 0 else 'validation'} set. Use more "
                         f"samples or another fraction.")
    train = (take(x, slice(0, split_at)), take(y, slice(0, split_at)),
             take(sample_weight, slice(0, split_at)))
    val = (take(x, slice(split_at, None)), take(y, slice(split_at, None)),
           take(sample_weight, slice(split_at, None)))
    return train, val


def unpack_validation_data(validation_data):
    """(x_val, y_val) or (x_val, y_val, sample_weight_val)."""
    if isinstance(validation_data, (tuple, list)) and len(validation_data) in (2, 3):
        x, y = validation_data[0], validation_data[1]
        w = validation_data[2] if len(validation_data) == 3 else None
        return to_arrays(x, "validation x"), to_arrays(y, "validation y"), to_arrays(w, "validation sample_weight")
    raise ValueError("validation_data must be a tuple (x_val, y_val) or (x_val, y_val, "
                     f"sample_weight_val), got {type(validation_data).__name__}.")


def class_weights_to_sample_weights(y, class_weight: dict) -> np.ndarray:
    """Each sample's weight is the weight of its class (sparse or one-hot labels)."""
    if isinstance(y, (list, dict)):
        raise ValueError("class_weight is only supported for models with a single output.")
    labels = y.argmax(axis=-1) if (y.ndim > 1 and y.shape[-1] > 1) else y.reshape(len(y), -1)[:, 0]
    labels = labels.astype(np.int64)
    missing = set(np.unique(labels).tolist()) - set(int(k) for k in class_weight)
    if missing:
        raise ValueError(f"class_weight has no weight for class(es) {sorted(missing)}. Give a "
                         f"weight for every class in y, e.g. {{0: 1.0, 1: 5.0}}.")
    lookup = np.zeros(max(int(k) for k in class_weight) + 1, dtype=np.float32)
    for k, w in class_weight.items():
        lookup[int(k)] = w
    return lookup[labels]


def batches(n: int, batch_size: int, shuffle: bool, rng: np.random.Generator,
            steps: Optional[int] = None) -> Iterator[np.ndarray]:
    """Index arrays for each batch; the last batch may be smaller (it is kept).

    With ``steps`` larger than one pass over the data, the data is gone through
    again (reshuffled) until ``steps`` batches were made.
    """
    made = 0
    steps = steps if steps is not None else math.ceil(n / batch_size)
    while made < steps:
        order = rng.permutation(n) if shuffle else np.arange(n)
        for start in range(0, n, batch_size):
            if made == steps:
                return
            index = order[start:start + batch_size]
            # a contiguous slice is a view, far cheaper than fancy indexing
            yield slice(start, start + len(index)) if not shuffle else index
            made += 1
