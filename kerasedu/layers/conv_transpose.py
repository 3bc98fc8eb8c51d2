"""Conv2DTranspose: a learned upsampling, each input pixel paints a kernel-sized patch.

y = activation(conv2d_transpose(x, kernel) + bias); see kerasedu/ops/conv_transpose.py.
"""
from __future__ import annotations

from kerasedu import activations, initializers
from kerasedu.layers.conv import check_data_format, check_padding, image_input_error
from kerasedu.layers.layer import Layer
from kerasedu.ops.conv import pair
from kerasedu.ops.conv_transpose import conv2d_transpose, deconv_output_length


class Conv2DTranspose(Layer):
    """Transposed 2-D convolution: what a decoder uses to grow an image back.

    Shapes: x (batch, rows, cols, channels) -> y (batch, new_rows, new_cols, filters) with
    new_rows = rows * stride + max(k - stride, 0) ("valid") or rows * stride ("same");
    kernel (kh, kw, filters, channels) -- note filters before channels, as Keras --
    and bias (filters,). Parameters: kh * kw * channels * filters + filters.

    Args:
        filters: the number of output channels.
        kernel_size: an int or (kh, kw).
        strides: an int or a pair: 2 doubles the size.
        padding: "valid" or "same".
        output_padding: only None (Keras's default) is supported.
        data_format: only "channels_last" (or None).
        dilation_rate: only 1 is supported.
        activation, use_bias, kernel_initializer, bias_initializer: as in Conv2D.
        kernel_/bias_regularizer, activity_regularizer, kernel_/bias_constraint: as in Conv2D.

    >>> import numpy as np
    >>> layer = Conv2DTranspose(16, 3, strides=2, padding="same")
    >>> layer(np.zeros((2, 7, 7, 8))).shape, [w.shape for w in layer.weights]
    ((2, 14, 14, 16), [(3, 3, 16, 8), (16,)])
    """

    # kernel_regularizer=..., bias_constraint=... : taken and attached by Layer
    _weight_options = {"kernel": "kernel", "bias": "bias"}

    def __init__(self, filters: int, kernel_size, strides=(1, 1), padding: str = "valid",
                 output_padding=None, data_format=None, dilation_rate=(1, 1), activation=None,
                 use_bias: bool = True, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, int) or filters <= 0:
            raise ValueError(f"Conv2DTranspose: filters must be a positive integer, got {filters!r}.")
        if output_padding is not None:
            raise ValueError("Conv2DTranspose: kerasedu supports output_padding=None only; the "
                             "output size follows from strides and padding (see the docstring).")
        if pair(dilation_rate, "Conv2DTranspose dilation_rate") != (1, 1):
            raise ValueError("Conv2DTranspose: kerasedu supports dilation_rate=1 only.")
        self.filters = filters
        self.kernel_size = pair(kernel_size, "Conv2DTranspose kernel_size")
        self.strides = pair(strides, "Conv2DTranspose strides")
        self.padding = check_padding(padding, "Conv2DTranspose")
        self.data_format = check_data_format(data_format, "Conv2DTranspose")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.input_spec = {"ndim": 4, "error": image_input_error}

    def build(self, input_shape) -> None:
        if len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        channels = input_shape[-1]
        if channels is None:
            raise ValueError(f"Conv2DTranspose layer '{self.name}' needs the channel axis (the "
                             f"last) of its input to have a known size, got {tuple(input_shape)}.")
        self.kernel = self.add_weight(shape=self.kernel_size + (self.filters, channels),
                                      initializer=self.kernel_initializer, name="kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer=self.bias_initializer,
                                    name="bias") if self.use_bias else None
        self.input_spec = {"ndim": 4, "axes": {-1: channels}, "error": image_input_error}
        self.built = True

    def call(self, inputs):
        x = conv2d_transpose(inputs, self.kernel, self.bias, self.strides,
                             self.padding)                      # (batch, new_rows, new_cols, filters)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        rows, cols = (deconv_output_length(input_shape[1 + a], self.kernel_size[a], self.strides[a],
                                           self.padding) for a in (0, 1))
        return (input_shape[0], rows, cols, self.filters)

    def get_config(self) -> dict:
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "output_padding": None,
                "data_format": self.data_format, "dilation_rate": (1, 1),
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer)}
