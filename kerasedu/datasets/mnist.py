"""MNIST: 70,000 handwritten digits, 28x28 grey pixels, labels 0-9.

>>> (x_train, y_train), (x_test, y_test) = load_data()  # doctest: +SKIP
>>> x_train.shape, y_train[:10]  # doctest: +SKIP
((60000, 28, 28), array([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], dtype=uint8))

License: Yann LeCun and Corinna Cortes hold the copyright of MNIST, a
derivative of NIST's data, shared under CC BY-SA 3.0.
"""
from __future__ import annotations

from typing import List, Tuple

import numpy as np

from kerasedu.utils.file_utils import get_file

ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"

Split = Tuple[np.ndarray, np.ndarray]


def _download_files(path: str = "mnist.npz") -> List[str]:
    """Fetch (or find in the cache) the one file this dataset needs."""
    return [get_file(fname=path, origin=ORIGIN, file_hash=SHA256)]


def load_data(path: str = "mnist.npz") -> Tuple[Split, Split]:
    """Load MNIST, downloading it the first time.

    Args:
        path: Name of the file in the cache folder (``~/.kerasedu/datasets``).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        (60000, 28, 28) and (10000, 28, 28), pixel values 0-255, and uint8
        labels of shape (60000,) and (10000,).
    """
    (file,) = _download_files(path)
    # The file holds plain uint8 arrays, so pickles stay off: safe to open.
    with np.load(file, allow_pickle=False) as data:
        return (data["x_train"], data["y_train"]), (data["x_test"], data["y_test"])
