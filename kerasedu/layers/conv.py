"""Conv2D: slide small learned filters over an image.  y = activation(conv2d(x, kernel) + bias)"""
from __future__ import annotations

from kerasedu import activations, initializers
from kerasedu.layers.layer import Layer
from kerasedu.ops.conv import conv2d, conv_output_length, pair


def check_data_format(data_format, layer: str) -> str:
    """Only channels_last (batch, rows, cols, channels) is supported: say so clearly."""
    data_format = "channels_last" if data_format is None else str(data_format).lower()
    if data_format != "channels_last":
        raise ValueError(
            f"{layer}: kerasedu supports data_format='channels_last' only (images shaped "
            f"(batch, rows, cols, channels)), got {data_format!r}. Move the channel axis last, "
            f"e.g. np.transpose(x, (0, 2, 3, 1)), and leave data_format out.")
    return data_format


def check_padding(padding, layer: str) -> str:
    padding = str(padding).lower()
    if padding not in ("valid", "same"):
        raise ValueError(f"{layer}: padding must be 'valid' or 'same', got {padding!r}.")
    return padding


def image_input_error(layer: Layer, input_shape) -> ValueError:
    """The error for a non-image input, with the fix spelled out for this shape."""
    shape = tuple(input_shape)
    shown = "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"
    if len(shape) == 3:
        hint = (f"Images need a channel axis, even grayscale ones: add it with x[..., None] "
                f"(or np.expand_dims(x, -1)), or put Reshape(({shape[1]}, {shape[2]}, 1)) "
                f"before this layer.")
    elif len(shape) == 2:
        hint = "Did you Flatten() before this layer? Image layers need (rows, cols, channels)."
    else:
        hint = "Image layers take 4-D input: (batch, rows, cols, channels)."
    return ValueError(
        f"Input 0 of layer '{layer.name}' ({type(layer).__name__}) is incompatible: expected "
        f"4 dimensions (batch, rows, cols, channels), but received shape {shown}. {hint}")


def output_length(layer: Layer, size, window: int, stride: int, padding: str,
                  dilation: int = 1):
    """``conv_output_length``, with the layer named in the error (a window larger than the input)."""
    try:
        return conv_output_length(size, window, stride, padding, dilation)
    except ValueError as error:
        raise ValueError(f"Layer '{layer.name}' ({type(layer).__name__}): {error}") from None


class Conv2D(Layer):
    """2-D convolution: y[n, r, c, f] = activation(b[f] + sum_{i,j,ch} x[n, r+i, c+j, ch] K[i, j, ch, f]).

    Shapes: x (batch, rows, cols, channels) -> y (batch, new_rows, new_cols, filters);
    kernel K (kh, kw, channels, filters), bias (filters,).
    Parameters: kh * kw * channels * filters + filters.

    Args:
        filters: the number of output channels (filters learned).
        kernel_size: an int or (kh, kw).
        strides: an int or a pair: the step between windows.
        padding: "valid" (no padding: 28 -> 26 for a 3x3 kernel) or "same"
            (pad so that rows = ceil(rows / stride): 28 -> 28, or 14 with stride 2).
        data_format: only "channels_last" (or None).
        dilation_rate: an int or a pair: gaps between the kernel's taps.
        activation: a name ("relu", ...) or a function; None = linear.
        use_bias: whether to add b.
        kernel_initializer, bias_initializer: how K and b start.
        kernel_regularizer, bias_regularizer, activity_regularizer: penalties added to
            ``layer.losses`` (see kerasedu/regularizers.py).
        kernel_constraint, bias_constraint: projections after each step (kerasedu/constraints.py).

    >>> import numpy as np
    >>> layer = Conv2D(32, 3, activation="relu")
    >>> layer(np.zeros((2, 28, 28, 1))).shape
    (2, 26, 26, 32)
    >>> [w.shape for w in layer.weights]
    [(3, 3, 1, 32), (32,)]
    """

    # kernel_regularizer=..., bias_constraint=... : taken and attached by Layer
    _weight_options = {"kernel": "kernel", "bias": "bias"}

    def __init__(self, filters: int, kernel_size, strides=(1, 1), padding: str = "valid",
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias: bool = True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros", **kwargs):
        super().__init__(**kwargs)
        if not isinstance(filters, int) or filters <= 0:
            raise ValueError(f"Conv2D: filters must be a positive integer, got {filters!r}.")
        self.filters = filters
        self.kernel_size = pair(kernel_size, "Conv2D kernel_size")
        self.strides = pair(strides, "Conv2D strides")
        self.padding = check_padding(padding, "Conv2D")
        self.data_format = check_data_format(data_format, "Conv2D")
        self.dilation_rate = pair(dilation_rate, "Conv2D dilation_rate")
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
            raise ValueError(f"Conv2D layer '{self.name}' needs the channel axis (the last) of "
                             f"its input to have a known size, but got shape {tuple(input_shape)}.")
        self.kernel = self.add_weight(shape=self.kernel_size + (channels, self.filters),
                                      initializer=self.kernel_initializer, name="kernel")
        self.bias = self.add_weight(shape=(self.filters,), initializer=self.bias_initializer,
                                    name="bias") if self.use_bias else None
        self.input_spec = {"ndim": 4, "axes": {-1: channels}, "error": image_input_error}
        self.compute_output_shape(input_shape)        # a kernel larger than the image: say so now
        self.built = True

    def call(self, inputs):
        x = conv2d(inputs, self.kernel, self.bias, self.strides, self.padding,
                   self.dilation_rate)                          # (batch, new_rows, new_cols, filters)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        rows, cols = (output_length(self, input_shape[1 + a], self.kernel_size[a], self.strides[a],
                                    self.padding, self.dilation_rate[a]) for a in (0, 1))
        return (input_shape[0], rows, cols, self.filters)

    def get_config(self) -> dict:
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding, "data_format": self.data_format,
                "dilation_rate": self.dilation_rate,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer)}
