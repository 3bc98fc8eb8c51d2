"""The data a playground trains on: MNIST-like images or a toy 2-D set, in three splits.

Images come from ``kerasedu.datasets`` (downloaded once, or read from
``KERASEDU_DATA_MIRROR``), imported only when a run needs them. The training
set is a subset (``train_size``) so that a run takes seconds; the validation
set is the last 5,000 training images, cut to 2,000; the test set is the
whole official test set.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Optional

import numpy as np

from kerasedu.widgets.controls import TOY_DATASETS
from kerasedu.widgets.toy_data import load_toy

FASHION_NAMES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                 "Sneaker", "Bag", "Boot"]
_CACHE: dict = {}          # dataset name -> the full arrays, so a second run starts at once


@dataclass
class PlaygroundData:
    """Three splits and what the model needs to know about them."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    num_classes: int
    class_names: Optional[list] = None

    @property
    def input_shape(self) -> tuple:
        return tuple(self.x_train.shape[1:])

    @property
    def is_2d(self) -> bool:
        """True for toy points in the plane: the decision boundary can be drawn."""
        return self.input_shape == (2,)


def load_playground_data(dataset: str, settings: dict) -> PlaygroundData:
    """The splits for a dataset name and the run's settings (train_size, noise, seed).

    >>> data = load_playground_data("circles", {"noise": 0.1, "seed": 0})
    >>> data.x_train.shape, data.num_classes, data.is_2d
    ((500, 2), 2, True)
    """
    if dataset in TOY_DATASETS:
        (x, y), (xv, yv), (xt, yt) = load_toy(dataset, noise=float(settings.get("noise", 0.1)),
                                              seed=int(settings.get("seed", 0)))
        return PlaygroundData(x, y, xv, yv, xt, yt, num_classes=int(y.max()) + 1)
    if dataset not in _CACHE:
        module = importlib.import_module(f"kerasedu.datasets.{dataset}")
        (x_train, y_train), (x_test, y_test) = module.load_data()
        # pixels 0..255 -> 0..1 floats: large inputs make the first updates far too big
        _CACHE[dataset] = ((x_train.astype(np.float32) / 255.0, y_train.astype(np.int64)),
                           (x_test.astype(np.float32) / 255.0, y_test.astype(np.int64)))
    (x_train, y_train), (x_test, y_test) = _CACHE[dataset]
    n = min(int(settings.get("train_size", 5000)), len(x_train) - 5000)
    return PlaygroundData(x_train[:n], y_train[:n], x_train[-5000:][:2000], y_train[-5000:][:2000],
                          x_test, y_test, num_classes=10,
                          class_names=FASHION_NAMES if dataset == "fashion_mnist" else None)
