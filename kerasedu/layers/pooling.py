"""Pooling layers: shrink images (or sequences) by keeping the max or the mean of each window.

They have no weights. ``MaxPooling2D()`` halves the rows and columns of an image;
the global poolings reduce every channel to one number (a common end of a
convnet, and of a text model after Embedding).
"""
from __future__ import annotations

from kerasedu import ops
from kerasedu.layers.conv import (check_data_format, check_padding, image_input_error,
                                  output_length)
from kerasedu.layers.layer import Layer
from kerasedu.ops.conv import pair
from kerasedu.ops.pool import avg_pool2d, global_avg_pool, global_max_pool, max_pool2d


class _Pooling2D(Layer):
    """Shared by MaxPooling2D and AveragePooling2D: windows of pool_size, moved by strides."""

    _pool = staticmethod(max_pool2d)

    def __init__(self, pool_size=(2, 2), strides=None, padding: str = "valid", data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        self.pool_size = pair(pool_size, f"{name} pool_size")
        # Keras: strides=None means windows side by side (strides = pool_size)
        self.strides = self.pool_size if strides is None else pair(strides, f"{name} strides")
        self.padding = check_padding(padding, name)
        self.data_format = check_data_format(data_format, name)
        self.input_spec = {"ndim": 4, "error": image_input_error}

    def build(self, input_shape) -> None:
        if len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        self.compute_output_shape(input_shape)        # a window larger than the image: say so now
        self.built = True

    def call(self, inputs):
        return self._pool(inputs, self.pool_size, self.strides, self.padding)

    def compute_output_shape(self, input_shape):
        if len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        rows, cols = (output_length(self, input_shape[1 + a], self.pool_size[a], self.strides[a],
                                    self.padding) for a in (0, 1))
        return (input_shape[0], rows, cols, input_shape[3])

    def get_config(self) -> dict:
        return {**super().get_config(), "pool_size": self.pool_size, "strides": self.strides,
                "padding": self.padding, "data_format": self.data_format}


class MaxPooling2D(_Pooling2D):
    """y = the max of each pool_size window, per channel.

    Args:
        pool_size: an int or (ph, pw); default (2, 2) halves rows and columns.
        strides: default None = pool_size.
        padding: "valid" (drop a leftover edge: 11 -> 5) or "same" (11 -> 6).
        data_format: only "channels_last" (or None).

    >>> import numpy as np
    >>> MaxPooling2D()(np.zeros((2, 26, 26, 32))).shape
    (2, 13, 13, 32)
    """

    _pool = staticmethod(max_pool2d)


class AveragePooling2D(_Pooling2D):
    """y = the mean of each pool_size window, per channel ("same": padding not counted).

    pool_size defaults to (2, 2) as in tf.keras (Keras 3 makes you give it): a
    friendlier default that breaks no Keras program.

    >>> import numpy as np
    >>> AveragePooling2D(pool_size=3, strides=1, padding="same")(np.zeros((1, 5, 5, 2))).shape
    (1, 5, 5, 2)
    """

    _pool = staticmethod(avg_pool2d)


class _Pooling1D(Layer):
    """Shared by MaxPooling1D and AveragePooling1D: a sequence is an image with one column."""

    _pool = staticmethod(max_pool2d)

    def __init__(self, pool_size=2, strides=None, padding: str = "valid", data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.pool_size = int(pool_size[0] if isinstance(pool_size, (tuple, list)) else pool_size)
        strides = self.pool_size if strides is None else strides
        self.strides = int(strides[0] if isinstance(strides, (tuple, list)) else strides)
        self.padding = check_padding(padding, type(self).__name__)
        self.data_format = check_data_format(data_format, type(self).__name__)
        self.input_spec = {"ndim": 3}

    def call(self, inputs):
        x = ops.expand_dims(inputs, 2)                                   # (batch, steps, 1, channels)
        y = self._pool(x, (self.pool_size, 1), (self.strides, 1), self.padding)
        return ops.squeeze(y, 2)                                         # (batch, new_steps, channels)

    def compute_output_shape(self, input_shape):
        steps = output_length(self, input_shape[1], self.pool_size, self.strides, self.padding)
        return (input_shape[0], steps, input_shape[2])

    def get_config(self) -> dict:
        return {**super().get_config(), "pool_size": self.pool_size, "strides": self.strides,
                "padding": self.padding, "data_format": self.data_format}


class MaxPooling1D(_Pooling1D):
    """y = the max of each window of pool_size steps, per channel.

    >>> import numpy as np
    >>> MaxPooling1D(2)(np.zeros((4, 10, 8))).shape
    (4, 5, 8)
    """

    _pool = staticmethod(max_pool2d)


class AveragePooling1D(_Pooling1D):
    """y = the mean of each window of pool_size steps, per channel.

    >>> import numpy as np
    >>> AveragePooling1D(3, strides=1, padding="same")(np.zeros((4, 10, 8))).shape
    (4, 10, 8)
    """

    _pool = staticmethod(avg_pool2d)


class _GlobalPooling(Layer):
    """Shared by the global poolings: reduce the steps (1D) or rows and columns (2D) away."""

    _ndim = 3

    def __init__(self, data_format=None, keepdims: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = check_data_format(data_format, type(self).__name__)
        self.keepdims = bool(keepdims)
        self.input_spec = {"ndim": self._ndim}
        self._axes = tuple(range(1, self._ndim - 1))        # (1,) or (1, 2): all but batch, channels

    def build(self, input_shape) -> None:
        if self._ndim == 4 and len(input_shape) != 4:
            raise image_input_error(self, input_shape)
        self.built = True

    def compute_output_shape(self, input_shape):
        if self.keepdims:
            return (input_shape[0],) + (1,) * (self._ndim - 2) + (input_shape[-1],)
        return (input_shape[0], input_shape[-1])

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format, "keepdims": self.keepdims}


class GlobalAveragePooling1D(_GlobalPooling):
    """(batch, steps, features) -> (batch, features): the mean over the steps.

    With a mask (from ``Embedding(mask_zero=True)``), padded steps are left out of
    the mean. (If every step of a sample is masked, the result is 0, not nan.)

    >>> import numpy as np
    >>> GlobalAveragePooling1D()(np.ones((2, 5, 16))).shape
    (2, 16)
    """

    _ndim = 3

    def __init__(self, data_format="channels_last", keepdims: bool = False, **kwargs):
        super().__init__(data_format, keepdims, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        return global_avg_pool(inputs, self._axes, mask=mask, keepdims=self.keepdims)

    def compute_mask(self, inputs, mask=None):
        return None                               # the steps are gone, and their mask with them


class GlobalMaxPooling1D(_GlobalPooling):
    """(batch, steps, features) -> (batch, features): the max over the steps.

    >>> import numpy as np
    >>> GlobalMaxPooling1D()(np.ones((2, 5, 16))).shape
    (2, 16)
    """

    _ndim = 3

    def __init__(self, data_format="channels_last", keepdims: bool = False, **kwargs):
        super().__init__(data_format, keepdims, **kwargs)

    def call(self, inputs):
        return global_max_pool(inputs, self._axes, keepdims=self.keepdims)


class GlobalAveragePooling2D(_GlobalPooling):
    """(batch, rows, cols, channels) -> (batch, channels): the mean of each channel.

    >>> import numpy as np
    >>> GlobalAveragePooling2D()(np.ones((2, 7, 7, 64))).shape
    (2, 64)
    """

    _ndim = 4

    def call(self, inputs):
        return global_avg_pool(inputs, self._axes, keepdims=self.keepdims)


class GlobalMaxPooling2D(_GlobalPooling):
    """(batch, rows, cols, channels) -> (batch, channels): the max of each channel.

    >>> import numpy as np
    >>> GlobalMaxPooling2D(keepdims=True)(np.ones((2, 7, 7, 64))).shape
    (2, 1, 1, 64)
    """

    _ndim = 4

    def call(self, inputs):
        return global_max_pool(inputs, self._axes, keepdims=self.keepdims)
