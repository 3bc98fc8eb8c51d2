"""UpSampling2D: make an image bigger by repeating (or interpolating) its pixels; no weights."""
from __future__ import annotations

from kerasedu.layers.conv import check_data_format, image_input_error
from kerasedu.layers.layer import Layer
from kerasedu.ops.conv import pair
from kerasedu.ops.upsampling import upsample2d


class UpSampling2D(Layer):
    """y[n, r, c, :] = x[n, r // sh, c // sw, :] ("nearest"), or a bilinear blend.

    Shapes: (batch, rows, cols, channels) -> (batch, rows * sh, cols * sw, channels).

    Args:
        size: an int or (sh, sw): how many times bigger along rows and columns.
        data_format: only "channels_last" (or None).
        interpolation: "nearest" (copies) or "bilinear" (weighted by distance).

    >>> import numpy as np
    >>> UpSampling2D(3)(np.zeros((2, 4, 4, 8))).shape
    (2, 12, 12, 8)
    """

    def __init__(self, size=(2, 2), data_format=None, interpolation: str = "nearest", **kwargs):
        super().__init__(**kwargs)
        self.size = pair(size, "UpSampling2D size")
        self.data_format = check_data_format(data_format, "UpSampling2D")
        if interpolation not in ("nearest", "bilinear"):
            raise ValueError(f"UpSampling2D: interpolation must be 'nearest' or 'bilinear', "
                             f"got {interpolation!r}.")
        self.interpolation = interpolation
        self.input_spec = {"ndim": 4, "error": image_input_error}

    def call(self, inputs):
        return upsample2d(inputs, self.size, self.interpolation)     # (batch, rows*sh, cols*sw, ch)

    def compute_output_shape(self, input_shape):
        n, rows, cols, channels = input_shape
        return (n, None if rows is None else rows * self.size[0],
                None if cols is None else cols * self.size[1], channels)

    def get_config(self) -> dict:
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}
