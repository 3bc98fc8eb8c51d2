"""Weight initializers: where a network's first numbers come from.

Glorot (Xavier) keeps the variance of activations about the same from layer to
layer; He does the same for ReLU networks, which zero half their inputs.
fan_in / fan_out are the number of inputs / outputs of one unit; for a conv
kernel (kh, kw, in, out) both include the receptive field kh * kw.

>>> import numpy as np
>>> from kerasedu.utils import set_random_seed
>>> set_random_seed(0)
>>> w = get("glorot_uniform")((784, 128))
>>> w.dtype, bool(np.abs(w).max() <= np.sqrt(6 / (784 + 128)))
(dtype('float32'), True)
"""
from __future__ import annotations

import math
from typing import Callable, Optional, Union

import numpy as np

from kerasedu.utils import random as krandom


def compute_fans(shape: tuple) -> tuple[int, int]:
    """(fan_in, fan_out) of a weight shape, as Keras computes them."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = math.prod(shape[:-2])      # e.g. kh * kw for a Conv2D kernel
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class Initializer:
    """Base class: ``init(shape)`` returns a float32 array of that shape."""

    def __call__(self, shape, dtype="float32") -> np.ndarray:
        raise NotImplementedError

    def get_config(self) -> dict:
        return {}

    @classmethod
    def from_config(cls, config: dict) -> "Initializer":
        return cls(**config)


class Zeros(Initializer):
    """All zeros (the default for biases)."""

    def __call__(self, shape, dtype="float32"):
        return np.zeros(shape, dtype=np.float32)


class Ones(Initializer):
    """All ones (BatchNormalization's gamma)."""

    def __call__(self, shape, dtype="float32"):
        return np.ones(shape, dtype=np.float32)


class Constant(Initializer):
    """Every entry equal to ``value``."""

    def __init__(self, value: float = 0.0):
        self.value = float(value)

    def __call__(self, shape, dtype="float32"):
        return np.full(shape, self.value, dtype=np.float32)

    def get_config(self):
        return {"value": self.value}


class RandomNormal(Initializer):
    """w ~ N(mean, stddev^2); Keras default stddev 0.05."""

    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: Optional[int] = None):
        self.mean, self.stddev, self.seed = float(mean), float(stddev), seed

    def __call__(self, shape, dtype="float32"):
        rng = krandom.generator(self.seed)
        return (rng.standard_normal(shape, dtype=np.float32) * np.float32(self.stddev)
                + np.float32(self.mean))

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(Initializer):
    """w ~ U(minval, maxval); Keras default U(-0.05, 0.05)."""

    def __init__(self, minval: float = -0.05, maxval: float = 0.05, seed: Optional[int] = None):
        self.minval, self.maxval, self.seed = float(minval), float(maxval), seed

    def __call__(self, shape, dtype="float32"):
        rng = krandom.generator(self.seed)
        u = rng.random(shape, dtype=np.float32)                     # U(0, 1)
        return u * np.float32(self.maxval - self.minval) + np.float32(self.minval)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class _VarianceScaling(Initializer):
    """Shared by Glorot and He: variance = scale / fan, as a uniform or a normal."""

    scale, mode, distribution = 1.0, "fan_avg", "uniform"

    def __init__(self, seed: Optional[int] = None):
        self.seed = seed

    def __call__(self, shape, dtype="float32"):
        fan_in, fan_out = compute_fans(tuple(shape))
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        variance = self.scale / max(1.0, fan)
        rng = krandom.generator(self.seed)
        if self.distribution == "uniform":
            limit = math.sqrt(3.0 * variance)   # U(-l, l) has variance l^2 / 3
            return rng.uniform(-limit, limit, shape).astype(np.float32)
        # truncated normal within 2 stddev, as Keras; 0.8796... is its stddev correction
        stddev = math.sqrt(variance) / 0.87962566103423978
        values = rng.standard_normal(shape, dtype=np.float32)
        bad = np.abs(values) > 2.0
        while bad.any():                        # redraw the values outside (-2, 2)
            values[bad] = rng.standard_normal(int(bad.sum()), dtype=np.float32)
            bad = np.abs(values) > 2.0
        return values * np.float32(stddev)

    def get_config(self):
        return {"seed": self.seed}


class GlorotUniform(_VarianceScaling):
    """U(-l, l) with l = sqrt(6 / (fan_in + fan_out)): the Keras default for kernels."""
    scale, mode, distribution = 1.0, "fan_avg", "uniform"


class GlorotNormal(_VarianceScaling):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out))."""
    scale, mode, distribution = 1.0, "fan_avg", "normal"


class HeNormal(_VarianceScaling):
    """Truncated normal with stddev sqrt(2 / fan_in): for ReLU layers."""
    scale, mode, distribution = 2.0, "fan_in", "normal"


class HeUniform(_VarianceScaling):
    """U(-l, l) with l = sqrt(6 / fan_in): for ReLU layers."""
    scale, mode, distribution = 2.0, "fan_in", "uniform"


class Orthogonal(Initializer):
    """A random orthogonal matrix (rows or columns of length 1, at right angles), times gain.

    Keras's default for the recurrent kernels of SimpleRNN, LSTM and GRU: multiplying the
    state by an orthogonal matrix step after step neither grows nor shrinks it. Made as
    the Q of the QR decomposition of a normal random matrix, with Q's columns' signs
    fixed by R's diagonal (so Q is uniformly distributed). A kernel of more than two
    axes is flattened to (product of all but the last, last).

    >>> q = Orthogonal(seed=0)((4, 4))
    >>> bool(np.allclose(q @ q.T, np.eye(4), atol=1e-6))
    True
    """

    def __init__(self, gain: float = 1.0, seed: Optional[int] = None):
        self.gain, self.seed = float(gain), seed

    def __call__(self, shape, dtype="float32"):
        rows, cols = int(np.prod(shape[:-1])), int(shape[-1])
        rng = krandom.generator(self.seed)
        a = rng.standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(a)                         # q: orthonormal columns
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return np.ascontiguousarray((self.gain * q).reshape(shape), dtype=np.float32)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


_BY_NAME = {
    "zeros": Zeros, "ones": Ones, "constant": Constant, "orthogonal": Orthogonal,
    "random_normal": RandomNormal, "random_uniform": RandomUniform,
    "glorot_uniform": GlorotUniform, "glorot_normal": GlorotNormal,
    "he_normal": HeNormal, "he_uniform": HeUniform,
}
# Keras also accepts the class names ("GlorotUniform") and a few aliases
_ALIASES = {cls.__name__.lower(): name for name, cls in _BY_NAME.items()}
_ALIASES.update({"uniform": "random_uniform", "normal": "random_normal"})


def get(identifier: Union[str, Initializer, Callable, dict, None]) -> Callable:
    """An initializer from a name, an instance, a function or a config dict."""
    if identifier is None:
        return Zeros()
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if callable(identifier) and not isinstance(identifier, type):
        return identifier
    if isinstance(identifier, type) and issubclass(identifier, Initializer):
        return identifier()
    if isinstance(identifier, str):
        key = identifier.lower()
        key = key if key in _BY_NAME else _ALIASES.get(key.replace("_", ""), key)
        if key in _BY_NAME:
            return _BY_NAME[key]()
    raise ValueError(f"Unknown initializer: {identifier!r}. "
                     f"Valid names: {', '.join(sorted(_BY_NAME))}.")


def serialize(initializer) -> Union[str, dict]:
    """A JSON-friendly description, as Keras saves it."""
    return {"class_name": type(initializer).__name__, "config": initializer.get_config()}


def deserialize(config: Union[str, dict]) -> Initializer:
    if isinstance(config, str):
        return get(config)
    classes = {cls.__name__: cls for cls in _BY_NAME.values()}
    if config.get("class_name") not in classes:
        raise ValueError(f"Unknown initializer class {config.get('class_name')!r}.")
    return classes[config["class_name"]].from_config(config.get("config", {}))
