"""Boston Housing: 506 districts, 13 features each, and the median house price.

A small regression dataset (prices in thousands of dollars, 1970s). Warning,
as in Keras: one feature, "B", encodes an assumption about race; use the data
to discuss such problems, not as a model of house prices.

>>> (x_train, y_train), (x_test, y_test) = load_data()  # doctest: +SKIP
>>> x_train.shape, x_test.shape  # doctest: +SKIP
((404, 13), (102, 13))
"""
from __future__ import annotations

from typing import List, Tuple

import numpy as np

from kerasedu.utils.file_utils import get_file

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/boston_housing.npz"
SHA256 = "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5"

Split = Tuple[np.ndarray, np.ndarray]


def _download_files(path: str = "boston_housing.npz") -> List[str]:
    return [get_file(path, origin=ORIGIN, file_hash=SHA256)]


def load_data(path: str = "boston_housing.npz", test_split: float = 0.2,
              seed: int = 113) -> Tuple[Split, Split]:
    """Load Boston Housing, shuffled with ``seed``, then split in two.

    Args:
        path: Name of the file in the cache folder.
        test_split: Fraction of the samples for the test set, in [0, 1).
        seed: Seed of the shuffle before the split (113 gives Keras's split).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: features of shape (n, 13) and
        prices of shape (n,), as float32. Keras returns float64; we keep the
        library's float32 (the values are the same to 7 digits).
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"test_split must be a fraction in [0, 1), got test_split={test_split!r}; try 0.2.")
    (file,) = _download_files(path)
    with np.load(file, allow_pickle=False) as data:
        x, y = data["x"], data["y"]
    # Same shuffle as Keras: one permutation from RandomState(seed), for x and y.
    order = np.arange(len(x))
    np.random.RandomState(seed).shuffle(order)
    x, y = x[order].astype(np.float32), y[order].astype(np.float32)
    n_train = int(len(x) * (1 - test_split))
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])
