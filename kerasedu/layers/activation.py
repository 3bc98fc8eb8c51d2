"""Activation: apply an activation function as a layer of its own."""
from __future__ import annotations

from kerasedu import activations
from kerasedu.layers.layer import Layer


class Activation(Layer):
    """y = f(x), elementwise (softmax: over the last axis). No weights.

    >>> import numpy as np
    >>> Activation("relu")(np.array([[-1.0, 1.0]])).data
    array([[0., 1.]], dtype=float32)
    """

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": activations.serialize(self.activation)}


class ReLU(Activation):
    """y = max(x, 0) as a layer."""

    def __init__(self, **kwargs):
        super().__init__("relu", **kwargs)

    def get_config(self) -> dict:
        config = super().get_config()
        config.pop("activation")
        return config


class Softmax(Layer):
    """y = softmax(x) over ``axis`` as a layer."""

    def __init__(self, axis: int = -1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return activations.softmax(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}
