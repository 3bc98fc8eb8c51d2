"""Dense: the fully connected layer.  output = activation(inputs @ kernel + bias)"""
from __future__ import annotations

from kerasedu import activations, initializers, ops
from kerasedu.layers.layer import Layer


class Dense(Layer):
    """Every input connected to every unit: y = activation(x @ W + b).

    Shapes: x (batch, ..., in) -> y (batch, ..., units); W is (in, units), b is (units,).
    Parameters: in * units + units.

    Args:
        units: the number of outputs.
        activation: a name ("relu", "softmax", ...) or a function; None = linear.
        use_bias: whether to add b.
        kernel_initializer, bias_initializer: how W and b start.
        kernel_regularizer, bias_regularizer, activity_regularizer: penalties added to
            ``layer.losses`` (see kerasedu/regularizers.py).
        kernel_constraint, bias_constraint: projections after each step (kerasedu/constraints.py).

    >>> import numpy as np
    >>> layer = Dense(3, activation="relu")
    >>> layer(np.ones((2, 4))).shape
    (2, 3)
    >>> [w.shape for w in layer.weights]
    [(4, 3), (3,)]
    """

    # kernel_regularizer=..., bias_constraint=... : taken and attached by Layer
    _weight_options = {"kernel": "kernel", "bias": "bias"}

    def __init__(self, units: int, activation=None, use_bias: bool = True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(units, int) or units <= 0:
            raise ValueError(f"Dense: units must be a positive integer, got {units!r}.")
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.input_spec = {"min_ndim": 2}

    def build(self, input_shape) -> None:
        in_features = input_shape[-1]
        if in_features is None:
            raise ValueError(f"Dense layer '{self.name}' needs the last axis of its input to "
                             f"have a known size, but got shape {input_shape}.")
        self.kernel = self.add_weight(shape=(in_features, self.units), name="kernel",
                                      initializer=self.kernel_initializer)
        self.bias = self.add_weight(shape=(self.units,), name="bias",
                                    initializer=self.bias_initializer) if self.use_bias else None
        self.input_spec = {"min_ndim": 2, "axes": {-1: in_features}}
        self.built = True

    def call(self, inputs):
        x = ops.dense(inputs, self.kernel, self.bias)   # (batch, ..., units)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[:-1]) + (self.units,)

    def get_config(self) -> dict:
        return {**super().get_config(), "units": self.units,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer)}
