"""Toy 2-D datasets for the playground: two moons, two circles, spirals.

Small enough to train in seconds, and 2-D so the decision boundary can be
drawn. Each generator returns float32 points (n, 2) and integer labels (n,).
"""
from __future__ import annotations

from typing import Optional

import numpy as np


def make_moons(n: int = 500, noise: float = 0.1, seed: Optional[int] = None):
    """Two interleaving half circles: not separable by a straight line.

    >>> x, y = make_moons(100, seed=0)
    >>> x.shape, x.dtype, sorted(set(y.tolist()))
    ((100, 2), dtype('float32'), [0, 1])
    """
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2                                        # alternate: balanced classes
    angle = rng.uniform(0.0, np.pi, n)
    # class 0: the upper arc; class 1: the lower arc, shifted right and down into its gap
    x = np.where(y[:, None] == 0,
                 np.stack([np.cos(angle), np.sin(angle)], axis=1),
                 np.stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)], axis=1))   # (n, 2)
    x = x + rng.normal(0.0, noise, size=(n, 2))
    return x.astype(np.float32), y.astype(np.int64)


def make_circles(n: int = 500, noise: float = 0.08, factor: float = 0.5,
                 seed: Optional[int] = None):
    """A small circle (class 1) inside a big one (class 0): needs a curved boundary.

    >>> x, y = make_circles(100, noise=0.0, seed=0)
    >>> [round(float(np.linalg.norm(x[y == c], axis=1).mean()), 3) for c in (0, 1)]
    [1.0, 0.5]
    """
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    radius = np.where(y == 0, 1.0, factor)
    x = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)     # (n, 2)
    x = x + rng.normal(0.0, noise, size=(n, 2))
    return x.astype(np.float32), y.astype(np.int64)


def make_spirals(n: int = 500, noise: float = 0.1, classes: int = 2, turns: float = 1.25,
                 seed: Optional[int] = None):
    """Interleaved spiral arms, one per class: the hardest of the three.

    Arm k starts at the centre and turns ``turns`` times; radius grows with the angle.

    >>> x, y = make_spirals(90, classes=3, seed=0)
    >>> x.shape, np.bincount(y).tolist()
    ((90, 2), [30, 30, 30])
    """
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    t = rng.uniform(0.0, 1.0, n)                                # position along the arm
    angle = 2.0 * np.pi * (turns * t + y / classes)             # each arm rotated by 1/classes
    radius = 0.1 + 0.9 * t
    x = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], axis=1)     # (n, 2)
    x = 1.5 * x + rng.normal(0.0, noise, size=(n, 2))
    return x.astype(np.float32), y.astype(np.int64)


GENERATORS = {"moons": make_moons, "circles": make_circles, "spirals": make_spirals}


def load_toy(name: str, n_train: int = 500, n_val: int = 200, n_test: int = 500,
             noise: float = 0.1, seed: int = 0):
    """Train, validation and test splits of one toy dataset, drawn independently.

    >>> (x, y), (xv, yv), (xt, yt) = load_toy("moons", 50, 20, 30)
    >>> len(x), len(xv), len(xt)
    (50, 20, 30)
    """
    if name not in GENERATORS:
        raise ValueError(f"Unknown toy dataset {name!r}; choose one of {sorted(GENERATORS)}.")
    make = GENERATORS[name]
    splits = []
    for i, size in enumerate((n_train, n_val, n_test)):
        splits.append(make(size, noise=noise, seed=seed + i))   # different seeds: new points
    return tuple(splits)
