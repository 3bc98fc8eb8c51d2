"""Ops that use randomness: dropout."""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def dropout(x, rate: float, rng: np.random.Generator, noise_shape=None) -> Tensor:
    """Inverted dropout: out = x * mask / (1 - rate), mask_i ~ Bernoulli(1 - rate);
    dx = g * mask / (1 - rate).  Scaling in training keeps E[out] = x, so
    inference needs no change.

    >>> x = Tensor(np.ones((2, 4)))
    >>> out = dropout(x, 0.5, np.random.default_rng(0))
    >>> sorted(set(out.data.ravel().tolist())) in ([0.0, 2.0], [2.0], [0.0])
    True
    """
    x = as_tensor(x)
    shape = x.shape if noise_shape is None else tuple(
        x.shape[i] if n is None else n for i, n in enumerate(noise_shape))
    keep = rng.random(shape, dtype=np.float32) >= np.float32(rate)
    scale = keep * np.float32(1.0 / (1.0 - rate))                  # 0 or 1/(1-rate)
    return Tensor.from_op(x.data * scale, (x,), lambda g: (g * scale,), "dropout")
