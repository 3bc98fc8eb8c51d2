"""SeedGenerator: a seed that moves on at every use, so a layer's random numbers differ
from call to call yet repeat from run to run.

A ``seed`` argument of a keras.random function can be
    * an int: the same numbers every call (a fixed, "stateless" seed);
    * a SeedGenerator: new numbers every call, the same sequence for the same seed;
    * None: the library's generator, which ``keras.utils.set_random_seed`` reseeds.

>>> gen = SeedGenerator(42)
>>> a, b = draw_rng(gen).random(), draw_rng(gen).random()
>>> gen2 = SeedGenerator(42)
>>> a != b, draw_rng(gen2).random() == a
(True, True)
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.utils import random as library_rng
from kerasedu.utils.naming import unique_name


class SeedGenerator:
    """A (seed, counter) pair; ``next()`` hands out the pair and counts up.

    Args:
        seed: an int; None draws one from the library's generator (so that
            ``set_random_seed`` makes it repeat).
        name: a name, "seed_generator" by default.
    """

    def __init__(self, seed: Optional[int] = None, name: Optional[str] = None, **kwargs):
        if kwargs:
            raise ValueError(f"SeedGenerator: unrecognized keyword arguments {sorted(kwargs)}.")
        self.name = name or unique_name("seed_generator")
        self._initial_seed = seed
        if seed is None:
            seed = int(library_rng.generator().integers(1, 10**9))
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
            raise ValueError(f"SeedGenerator: seed must be an integer, got seed={seed!r}.")
        self.state = np.array([int(seed), 0], dtype=np.int64)     # (seed, how many draws so far)

    def next(self, ordered: bool = True) -> np.ndarray:
        """The current (seed, counter), then count up: the next draw gets fresh numbers."""
        current = self.state.copy()
        self.state[1] += 1
        return current

    def get_config(self) -> dict:
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config: dict) -> "SeedGenerator":
        return cls(**config)

    def __repr__(self) -> str:
        return f"<SeedGenerator name={self.name}, state={self.state.tolist()}>"


def draw_rng(seed) -> np.random.Generator:
    """A NumPy generator for one random op, from the op's ``seed`` argument (see the module)."""
    if isinstance(seed, SeedGenerator):
        return np.random.default_rng(seed.next().tolist())      # a seed sequence from (seed, counter)
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return np.random.default_rng(int(seed) & 0xFFFFFFFF)
    if seed is None:
        return library_rng.generator()
    raise ValueError(f"seed should be an int, a keras.random.SeedGenerator or None; got "
                     f"{type(seed).__name__} ({seed!r}).")
