"""Fashion-MNIST: 70,000 28x28 grey photos of clothes in 10 classes.

A drop-in replacement for MNIST (same shapes and dtypes), harder to classify.
Labels: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal,
6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot.

>>> (x_train, y_train), (x_test, y_test) = load_data()  # doctest: +SKIP
>>> x_train.shape, y_test.shape  # doctest: +SKIP
((60000, 28, 28), (10000,))

License: copyright Zalando SE, MIT license.
"""
from __future__ import annotations

import gzip
import os
from typing import List, Tuple

import numpy as np

from kerasedu.utils.file_utils import get_file

BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
# Keras does not check these files; we do, with their published sha256.
FILES = {
    "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
}

Split = Tuple[np.ndarray, np.ndarray]


def _download_files() -> List[str]:
    """Fetch the four files into ``datasets/fashion-mnist/``, in ``FILES`` order."""
    subdir = os.path.join("datasets", "fashion-mnist")
    return [get_file(name, origin=BASE_URL + name, cache_subdir=subdir, file_hash=sha)
            for name, sha in FILES.items()]


def _read_idx(path: str, header_bytes: int) -> np.ndarray:
    """The bytes after the header of a gzipped IDX file, as uint8.

    An IDX header is a 4-byte magic number and one 4-byte size per axis: 8
    bytes for a label file (1 axis), 16 for an image file (3 axes).
    """
    with gzip.open(path, "rb") as f:
        # frombuffer gives a read-only view; the copy is writable, as MNIST's arrays are.
        return np.frombuffer(f.read(), dtype=np.uint8, offset=header_bytes).copy()


def load_data() -> Tuple[Split, Split]:
    """Load Fashion-MNIST, downloading it the first time.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        (60000, 28, 28) and (10000, 28, 28), uint8 labels of shape (60000,)
        and (10000,).
    """
    train_labels, train_images, test_labels, test_images = _download_files()
    y_train = _read_idx(train_labels, 8)
    x_train = _read_idx(train_images, 16).reshape(len(y_train), 28, 28)
    y_test = _read_idx(test_labels, 8)
    x_test = _read_idx(test_images, 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
