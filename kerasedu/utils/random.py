"""One random number generator for the whole library, so one seed fixes a run.

``set_random_seed(42)`` reseeds it (and Python's and NumPy's global ones, as
Keras does): weight initialisation, shuffling and dropout then repeat bit for bit.
"""
from __future__ import annotations

import random
from typing import Optional

import numpy as np

_rng = np.random.default_rng()


def set_random_seed(seed: int) -> None:
    """Seed every source of randomness kerasedu uses.

    >>> set_random_seed(1); a = generator().random()
    >>> set_random_seed(1); b = generator().random()
    >>> a == b
    True
    """
    global _rng
    if not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"set_random_seed expects a non-negative integer, got {seed!r}.")
    random.seed(int(seed))
    np.random.seed(int(seed) % 2**32)
    _rng = np.random.default_rng(int(seed))


def generator(seed: Optional[int] = None) -> np.random.Generator:
    """The library's generator, or a fresh one when a layer has its own seed."""
    return _rng if seed is None else np.random.default_rng(seed)
