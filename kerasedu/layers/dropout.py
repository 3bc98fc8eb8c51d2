"""Dropout: randomly zero inputs while training, so units cannot rely on each other."""
from __future__ import annotations

from typing import Optional

from kerasedu import ops
from kerasedu.layers.layer import Layer
from kerasedu.utils import random as krandom


class Dropout(Layer):
    """Training: y = x * mask / (1 - rate), mask ~ Bernoulli(1 - rate). Inference: y = x.

    Args:
        rate: the fraction of inputs to drop, in [0, 1).
        noise_shape: share one mask along axes given as 1, e.g. (batch, 1, features).
        seed: a seed of its own (default: the library's generator).

    >>> import numpy as np
    >>> Dropout(0.5)(np.ones((1, 4))).data        # inference: unchanged
    array([[1., 1., 1., 1.]], dtype=float32)
    """

    def __init__(self, rate: float, noise_shape=None, seed: Optional[int] = None, **kwargs):
        super().__init__(**kwargs)
        if not 0.0 <= float(rate) < 1.0:
            raise ValueError(f"Dropout: rate must be in [0, 1), got {rate!r}.")
        self.rate = float(rate)
        self.noise_shape = noise_shape
        self.seed = seed
        self._rng = krandom.generator(seed) if seed is not None else None
        self.supports_masking = True

    def call(self, inputs, training=None):
        if not training or self.rate == 0.0:
            return inputs
        rng = self._rng if self._rng is not None else krandom.generator()
        return ops.dropout(inputs, self.rate, rng, self.noise_shape)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate, "noise_shape": self.noise_shape,
                "seed": self.seed}
