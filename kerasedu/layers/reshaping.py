"""Flatten and Reshape: change the shape of each sample, keep the numbers."""
from __future__ import annotations

import math

from kerasedu import ops
from kerasedu.layers.layer import Layer


class Flatten(Layer):
    """(batch, d1, d2, ...) -> (batch, d1 * d2 * ...). No weights.

    >>> import numpy as np
    >>> Flatten()(np.zeros((32, 28, 28))).shape
    (32, 784)
    """

    def call(self, inputs):
        return ops.reshape(inputs, (inputs.shape[0], -1))   # (batch, features)

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        return (input_shape[0], None if None in rest else math.prod(rest))


class Reshape(Layer):
    """(batch, ...) -> (batch, *target_shape); one entry may be -1 (inferred).

    >>> import numpy as np
    >>> Reshape((7, 112))(np.zeros((2, 784))).shape
    (2, 7, 112)
    """

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)

    def call(self, inputs):
        return ops.reshape(inputs, (inputs.shape[0],) + self.target_shape)

    def compute_output_shape(self, input_shape):
        known = math.prod(d for d in self.target_shape if d != -1)
        if -1 in self.target_shape:
            rest = input_shape[1:]
            inferred = None if None in rest else math.prod(rest) // known
            return (input_shape[0],) + tuple(inferred if d == -1 else d for d in self.target_shape)
        if None not in input_shape[1:] and math.prod(input_shape[1:]) != known:
            raise ValueError(
                f"Reshape layer '{self.name}': cannot reshape a sample of shape "
                f"{tuple(input_shape[1:])} ({math.prod(input_shape[1:])} numbers) into "
                f"{self.target_shape} ({known} numbers). Use -1 for one axis to infer it.")
        return (input_shape[0],) + self.target_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": list(self.target_shape)}


class Rescaling(Layer):
    """y = x * scale + offset, e.g. ``Rescaling(1.0 / 255)`` turns pixels 0..255 into 0..1.

    >>> import numpy as np
    >>> Rescaling(1.0 / 255)(np.array([[0, 255]])).data
    array([[0., 1.]], dtype=float32)
    """

    def __init__(self, scale: float, offset: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale, self.offset = float(scale), float(offset)

    def call(self, inputs):
        return ops.add(ops.multiply(inputs, self.scale), self.offset)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "scale": self.scale, "offset": self.offset}
