"""Conv1D: slide small learned filters along a sequence.  y = activation(conv1d(x, kernel) + bias)"""
from __future__ import annotations

import numpy as np

from kerasedu import activations, initializers, ops
from kerasedu.autograd import Tensor
from kerasedu.layers.conv import check_data_format, output_length
from kerasedu.layers.layer import Layer
from kerasedu.ops.conv import conv2d


def _one_int(value, name: str) -> int:
    """3 or (3,) -> 3: Keras gives 1-D sizes either way."""
    values = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if len(values) != 1 or not isinstance(values[0], (int, np.integer)) or values[0] <= 0:
        raise ValueError(f"Conv1D: {name} must be a positive int (or a 1-tuple), got {value!r}.")
    return int(values[0])


class Conv1D(Layer):
    """1-D convolution: y[n, t, f] = activation(b[f] + sum_{i, ch} x[n, t*s + i*d, ch] K[i, ch, f]).

    A sequence is an image one row high, so this is conv2d on (batch, 1, steps, channels)
    with the kernel (1, k, channels, filters). Used on text (a window of k words at a
    time) and on time series.

    Shapes: x (batch, steps, channels) -> y (batch, new_steps, filters); kernel K
    (kernel_size, channels, filters), bias (filters,).

    Args:
        filters: the number of output channels.
        kernel_size: the window length k.
        strides: the step between windows.
        padding: "valid" (no padding), "same" (new_steps = ceil(steps / strides)) or
            "causal" ((k - 1) * d zeros in front: y_t sees x_t and what came before only).
        dilation_rate: d, the gap between the kernel's taps.
        activation, use_bias, kernel_initializer, bias_initializer: as in Conv2D.
        kernel_/bias_regularizer, activity_regularizer, kernel_/bias_constraint: as in Conv2D.

    >>> layer = Conv1D(8, 5, activation="relu")
    >>> layer(np.zeros((2, 100, 16))).shape, [w.shape for w in layer.weights]
    ((2, 96, 8), [(5, 16, 8), (8,)])
    """

    # kernel_regularizer=..., bias_constraint=... : taken and attached by Layer
    _weight_options = {"kernel": "kernel", "bias": "bias"}

    def __init__(self, filters: int, kernel_size, strides=1, padding: str = "valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias: bool = True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, (int, np.integer)) or filters <= 0:
            raise ValueError(f"Conv1D: filters must be a positive integer, got {filters!r}.")
        self.filters = int(filters)
        self.kernel_size = _one_int(kernel_size, "kernel_size")
        self.strides = _one_int(strides, "strides")
        self.dilation_rate = _one_int(dilation_rate, "dilation_rate")
        self.padding = str(padding).lower()
        if self.padding not in ("valid", "same", "causal"):
            raise ValueError(f"Conv1D: padding must be 'valid', 'same' or 'causal', got {padding!r}.")
        self.data_format = check_data_format(data_format, "Conv1D")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.input_spec = {"ndim": 3, "hint": "Conv1D takes (batch, steps, channels)."}

    def build(self, input_shape) -> None:
        channels = input_shape[-1]
        if channels is None:
            raise ValueError(f"Conv1D layer '{self.name}' needs the channel axis (the last) of its "
                             f"input to have a known size, but got shape {tuple(input_shape)}.")
        self.kernel = self.add_weight(shape=(self.kernel_size, channels, self.filters),
                                      initializer=self.kernel_initializer, name="kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer=self.bias_initializer,
                                    name="bias") if self.use_bias else None
        self.input_spec = {"ndim": 3, "axes": {-1: channels}}
        self.compute_output_shape(input_shape)        # a kernel longer than the sequence: say so now
        self.built = True

    def call(self, inputs):
        x = inputs                                                   # (batch, steps, channels)
        if self.padding == "causal":                                 # zeros in front only
            front = (self.kernel_size - 1) * self.dilation_rate
            x = ops.concatenate([Tensor(np.zeros((x.shape[0], front, x.shape[2]), np.float32)), x], axis=1)
        image = ops.expand_dims(x, 1)                                # (batch, 1, steps, channels)
        kernel = ops.expand_dims(self.kernel, 0)                     # (1, k, channels, filters)
        y = conv2d(image, kernel, self.bias, (1, self.strides),
                   "valid" if self.padding == "causal" else self.padding, (1, self.dilation_rate))
        return self.activation(ops.squeeze(y, 1))                    # (batch, new_steps, filters)

    def compute_output_shape(self, input_shape):
        steps = input_shape[1]
        if self.padding == "causal":
            steps = None if steps is None else steps + (self.kernel_size - 1) * self.dilation_rate
        new_steps = output_length(self, steps, self.kernel_size, self.strides,
                                  "valid" if self.padding == "causal" else self.padding,
                                  self.dilation_rate)
        return (input_shape[0], new_steps, self.filters)

    def get_config(self) -> dict:
        return {**super().get_config(), "filters": self.filters, "kernel_size": (self.kernel_size,),
                "strides": (self.strides,), "padding": self.padding, "data_format": self.data_format,
                "dilation_rate": (self.dilation_rate,),
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer)}
