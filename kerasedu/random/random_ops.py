"""The keras.random functions: random tensors of a given shape, and random ops on tensors.

Floats are float32. Every function takes ``seed`` (an int, a SeedGenerator or None:
see seed_generator.py).

>>> normal((2, 3), seed=1).shape
(2, 3)
>>> bool((normal((2,), seed=1).data == normal((2,), seed=1).data).all())   # an int seed repeats
True
"""
from __future__ import annotations

import numpy as np

from kerasedu.autograd import Tensor
from kerasedu.ops import creation, random as random_op, rearrange
from kerasedu.random.seed_generator import draw_rng


def _float(dtype) -> np.dtype:
    return creation._dtype(dtype)


def normal(shape, mean: float = 0.0, stddev: float = 1.0, dtype=None, seed=None) -> Tensor:
    """Samples of N(mean, stddev^2).

    Args:
        shape: the output shape.
        mean, stddev: the distribution's mean and standard deviation.
        dtype: float32.
        seed: an int, a SeedGenerator or None.

    >>> float(abs(normal((10000,), seed=0).data.mean())) < 0.05
    True
    """
    z = draw_rng(seed).standard_normal(tuple(shape), dtype=np.float32)
    return Tensor((z * np.float32(stddev) + np.float32(mean)).astype(_float(dtype)))


def uniform(shape, minval: float = 0.0, maxval: float = 1.0, dtype=None, seed=None) -> Tensor:
    """Samples of U[minval, maxval).

    Args:
        shape: the output shape.
        minval, maxval: the range.
        dtype: float32 (use randint for integers).
        seed: an int, a SeedGenerator or None.

    >>> x = uniform((100,), 2.0, 3.0, seed=0).data
    >>> bool(x.min() >= 2.0 and x.max() < 3.0)
    True
    """
    if dtype is not None and np.dtype(getattr(dtype, "name", dtype)).kind != "f":
        raise ValueError(f"uniform(dtype={dtype!r}): uniform gives floats; use "
                         f"keras.random.randint for integers.")
    u = draw_rng(seed).random(tuple(shape), dtype=np.float32)
    return Tensor((u * np.float32(maxval - minval) + np.float32(minval)).astype(_float(dtype)))


def truncated_normal(shape, mean: float = 0.0, stddev: float = 1.0, dtype=None, seed=None) -> Tensor:
    """Samples of N(mean, stddev^2) with those more than 2 stddev from the mean drawn again.

    Args:
        shape: the output shape.
        mean, stddev: of the normal distribution before truncation.
        dtype: float32.
        seed: an int, a SeedGenerator or None.

    >>> bool(abs(truncated_normal((1000,), seed=0).data).max() <= 2.0)
    True
    """
    rng = draw_rng(seed)
    z = rng.standard_normal(tuple(shape), dtype=np.float32)
    outside = np.abs(z) > 2.0
    while outside.any():                                   # about 4.6% each round
        z[outside] = rng.standard_normal(int(outside.sum()), dtype=np.float32)
        outside = np.abs(z) > 2.0
    return Tensor((z * np.float32(stddev) + np.float32(mean)).astype(_float(dtype)))


def randint(shape, minval: int, maxval: int, dtype="int32", seed=None) -> Tensor:
    """Random integers in [minval, maxval).

    Args:
        shape: the output shape.
        minval, maxval: the range (maxval excluded).
        dtype: an integer type, int32 by default.
        seed: an int, a SeedGenerator or None.

    >>> x = randint((50,), 0, 3, seed=0).data
    >>> sorted(set(x.tolist())), x.dtype
    ([0, 1, 2], dtype('int32'))
    """
    values = draw_rng(seed).integers(minval, maxval, size=tuple(shape))
    return Tensor(values.astype(np.dtype(dtype)))


def dropout(inputs, rate: float, noise_shape=None, seed=None) -> Tensor:
    """out = inputs * mask / (1 - rate), mask ~ Bernoulli(1 - rate); differentiable
    (dx = g * mask / (1 - rate)).

    Args:
        inputs: a tensor.
        rate: the fraction of elements set to 0.
        noise_shape: the mask's shape (None entries take the input's size), to drop
            whole rows or channels.
        seed: an int, a SeedGenerator or None.

    >>> out = dropout(np.ones((2, 4)), 0.5, seed=0).data
    >>> sorted(set(out.ravel().tolist())) <= [0.0, 2.0]
    True
    """
    return random_op.dropout(inputs, rate, draw_rng(seed), noise_shape)


def shuffle(x, axis: int = 0, seed=None) -> Tensor:
    """x with its slices along ``axis`` in a random order (the gradient goes back to where
    each slice came from).

    Args:
        x: a tensor.
        axis: the axis to shuffle.
        seed: an int, a SeedGenerator or None.

    >>> sorted(shuffle(np.array([1.0, 2.0, 3.0]), seed=0).data.tolist())
    [1.0, 2.0, 3.0]
    """
    data = x.data if isinstance(x, Tensor) else np.asarray(x)
    order = draw_rng(seed).permutation(data.shape[axis])
    return rearrange.take(x, order, axis=axis)


def categorical(logits, num_samples: int, dtype="int32", seed=None) -> Tensor:
    """Class ids drawn from softmax(logits), one row of logits per batch entry.

    Args:
        logits: (batch, classes) unnormalised log-probabilities.
        num_samples: how many ids to draw per row.
        dtype: an integer type, int32 by default.
        seed: an int, a SeedGenerator or None.

    >>> categorical(np.array([[0.0, -np.inf, 0.0]]), 5, seed=0).shape
    (1, 5)
    """
    z = np.asarray(logits.data if isinstance(logits, Tensor) else logits, dtype=np.float64)
    if z.ndim != 2:
        raise ValueError(f"categorical: logits should be 2-D (batch, classes), got shape {z.shape}.")
    p = np.exp(z - z.max(axis=1, keepdims=True))
    cdf = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)             # (batch, classes)
    u = draw_rng(seed).random((z.shape[0], num_samples))                   # (batch, num_samples)
    ids = (u[:, :, None] >= cdf[:, None, :]).sum(axis=2)                    # inverse CDF
    return Tensor(np.minimum(ids, z.shape[1] - 1).astype(np.dtype(dtype)))


def gamma(shape, alpha: float, dtype=None, seed=None) -> Tensor:
    """Samples of Gamma(alpha, scale 1).

    Args:
        shape: the output shape.
        alpha: the shape parameter.
        dtype: float32.
        seed: an int, a SeedGenerator or None.

    >>> bool((gamma((10,), 2.0, seed=0).data > 0).all())
    True
    """
    return Tensor(draw_rng(seed).gamma(alpha, size=tuple(shape)).astype(_float(dtype)))


def binomial(shape, counts, probabilities, dtype=None, seed=None) -> Tensor:
    """Samples of Binomial(counts, probabilities), as floats (Keras's default dtype).

    Args:
        shape: the output shape.
        counts: the number of trials.
        probabilities: the success probability.
        dtype: float32 by default.
        seed: an int, a SeedGenerator or None.

    >>> binomial((3,), 5, 0.0, seed=0).data
    array([0., 0., 0.], dtype=float32)
    """
    return Tensor(draw_rng(seed).binomial(counts, probabilities, size=tuple(shape))
                  .astype(_float(dtype)))


def beta(shape, alpha, beta, dtype=None, seed=None) -> Tensor:
    """Samples of Beta(alpha, beta), in [0, 1].

    Args:
        shape: the output shape.
        alpha, beta: the two shape parameters.
        dtype: float32.
        seed: an int, a SeedGenerator or None.

    >>> x = beta((10,), 2.0, 3.0, seed=0).data
    >>> bool(((x >= 0) & (x <= 1)).all())
    True
    """
    return Tensor(draw_rng(seed).beta(alpha, beta, size=tuple(shape)).astype(_float(dtype)))
