"""CIFAR-100: 60,000 32x32 colour photos in 100 classes, grouped in 20 superclasses.

The same photos' format as CIFAR-10; each image has a "fine" label (one of 100
classes: apple, aquarium_fish, baby, ...) and a "coarse" one (one of 20
superclasses: aquatic_mammals, fish, flowers, ...).

>>> (x_train, y_train), (x_test, y_test) = load_data(label_mode="coarse")  # doctest: +SKIP
>>> x_train.shape, int(y_train.max())  # doctest: +SKIP
((50000, 32, 32, 3), 19)
"""
from __future__ import annotations

import os
from typing import List, Tuple

from kerasedu.datasets.cifar10 import Split, load_batch
from kerasedu.utils.file_utils import get_file

ORIGIN = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
SHA256 = "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7"


def _download_files() -> List[str]:
    """Fetch the archive and unpack it (once); return the folder with ``train`` and ``test``."""
    folder = get_file("cifar-100-python.tar.gz", origin=ORIGIN, file_hash=SHA256, extract=True)
    return [os.path.join(folder, "cifar-100-python")]


def load_data(label_mode: str = "fine") -> Tuple[Split, Split]:
    """Load CIFAR-100, downloading (160 MB) and unpacking it the first time.

    Args:
        label_mode: "fine" for the 100 classes, "coarse" for the 20 superclasses.

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: uint8 images of shape
        (50000, 32, 32, 3) and (10000, 32, 32, 3), and uint8 labels of shape
        (50000, 1) and (10000, 1).
    """
    if label_mode not in ("fine", "coarse"):
        raise ValueError(f'label_mode must be "fine" (100 classes) or "coarse" (20 superclasses), '
                         f"got label_mode={label_mode!r}.")
    (folder,) = _download_files()
    key = f"{label_mode}_labels".encode()
    x_train, y_train = load_batch(os.path.join(folder, "train"), label_key=key)
    x_test, y_test = load_batch(os.path.join(folder, "test"), label_key=key)
    return (x_train, y_train), (x_test, y_test)
