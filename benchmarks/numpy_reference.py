"""What the hand-written NumPy references of bench_mlp and numpy_convnet share.

Keras's default kernel initializer and Adam, written out with plain NumPy. Both
loops use them, so both compare kerasedu against the same arithmetic.

>>> rng = np.random.default_rng(0)
>>> params = [glorot(rng, (3, 2), 3, 2)]
>>> Adam(params).step([np.ones((3, 2), np.float32)])      # the first step moves by lr: 0.001
>>> bool(np.allclose(params[0], glorot(np.random.default_rng(0), (3, 2), 3, 2) - 0.001, atol=1e-6))
True
"""
from __future__ import annotations

import math

import numpy as np

TINY = np.finfo(np.float32).tiny      # float32's smallest normal number, about 1.2e-38


def glorot(rng: np.random.Generator, shape: tuple, fan_in: int, fan_out: int) -> np.ndarray:
    """Keras's default kernel initializer: uniform in +-sqrt(6 / (fan_in + fan_out))."""
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, shape).astype(np.float32)


class Adam:
    """m += (1 - b1)(g - m);  v += (1 - b2)(g^2 - v);  p -= lr_t m / (sqrt(v) + eps), in place."""

    def __init__(self, params: list, lr: float = 0.001, eps: float = 1e-7):
        self.params, self.lr, self.eps, self.t = params, lr, eps, 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, grads: list) -> None:
        self.t += 1
        # math.sqrt, not np.sqrt: an np.float64 scalar would turn the update into float64
        lr_t = self.lr * math.sqrt(1 - 0.999 ** self.t) / (1 - 0.9 ** self.t)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m += 0.1 * (g - m)
            v += 0.001 * (g * g - v)
            p -= lr_t * m / (np.sqrt(v) + self.eps)
            # every 16 steps, flush to zero what decayed below float32's normal range, as
            # kerasedu's optimizers do (Intel CPUs compute with subnormal numbers many times slower)
            if self.t % 16 == 0:
                m *= np.abs(m) >= TINY
                v *= np.abs(v) >= TINY
