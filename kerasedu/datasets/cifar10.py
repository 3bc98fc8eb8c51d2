"""CIFAR-10: 60,000 32x32 colour photos in 10 classes.

Labels: 0 airplane, 1 automobile, 2 bird, 3 cat, 4 deer, 5 dog, 6 frog,
7 horse, 8 ship, 9 truck.

>>> (x_train, y_train), (x_test, y_test) = load_data()  # doctest: +SKIP
>>> x_train.shape, y_train.shape  # doctest: +SKIP
((50000, 32, 32, 3), (50000, 1))
"""
from __future__ import annotations

import os
from typing import List, Tuple

import numpy as np

from kerasedu.datasets._safe_pickle import load_pickle
from kerasedu.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
SHA256 = "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce"

Split = Tuple[np.ndarray, np.ndarray]


def _download_files() -> List[str]:
    """Fetch the archive and unpack it (once); return the batches' folder."""
    # Cached under the server's own name, so the cache can be served as a mirror.
    folder = get_file("cifar-10-python.tar.gz", origin=ORIGIN, file_hash=SHA256, extract=True)
    return [os.path.join(folder, "cifar-10-batches-py")]


def load_batch(path: str, label_key: bytes = b"labels") -> Split:
    """Read one pickled batch: ``{b"data": (N, 3072) uint8, label_key: [N ints]}``.

    Each row of ``data`` is three 32x32 planes, red then green then blue. We
    turn that into (N, 32, 32, 3) images: height, width, channels last.
    (CIFAR-100 keeps two lists of labels, b"fine_labels" and b"coarse_labels".)
    """
    batch = load_pickle(path)  # restricted: a tampered archive cannot run code
    planes = np.asarray(batch[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32)
    images = np.ascontiguousarray(planes.transpose(0, 2, 3, 1))
    labels = np.asarray(batch[label_key], dtype=np.uint8).reshape(-1, 1)
    return images, labels


def load_data() -> Tuple[Split, Split]:
    """Load CIFAR-10, downloading (170 MB) and unpacking it the first time.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        (50000, 32, 32, 3) and (10000, 32, 32, 3), and uint8 labels of shape
        (50000, 1) and (10000, 1). Images are always channels-last. The sizes
        come from the batches themselves, so a smaller stand-in archive with
        the same layout loads too.
    """
    (folder,) = _download_files()
    train = [load_batch(os.path.join(folder, f"data_batch_{i}")) for i in range(1, 6)]
    x_train = np.concatenate([images for images, _ in train])
    y_train = np.concatenate([labels for _, labels in train])
    x_test, y_test = load_batch(os.path.join(folder, "test_batch"))
    return (x_train, y_train), (x_test, y_test)
