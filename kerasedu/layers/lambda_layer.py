"""Lambda: wrap any function of tensors as a layer."""
from __future__ import annotations

from typing import Callable, Optional

from kerasedu.layers.layer import Layer


class Lambda(Layer):
    """y = function(x), for quick custom steps. No weights.

    The function receives Tensors and may use ``kerasedu.ops`` or the Tensor
    operators (+, -, *, /, @, [ ]): gradients flow through them.

    >>> import numpy as np
    >>> Lambda(lambda x: x * 2.0)(np.ones((1, 2))).data
    array([[2., 2.]], dtype=float32)
    """

    def __init__(self, function: Callable, output_shape=None, arguments: Optional[dict] = None,
                 _op_name: Optional[str] = None, **kwargs):
        if _op_name and "name" not in kwargs:
            from kerasedu.utils.naming import unique_name
            kwargs["name"] = unique_name(_op_name)
        super().__init__(**kwargs)
        self.function = function
        self._output_shape = output_shape
        self.arguments = arguments or {}

    def call(self, inputs):
        return self.function(inputs, **self.arguments)

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            return super().compute_output_shape(input_shape)   # run it on zeros to see
        if callable(self._output_shape):
            return tuple(self._output_shape(input_shape))
        return (input_shape[0],) + tuple(self._output_shape)

    def get_config(self) -> dict:
        # a function cannot be stored as data: load_model needs it in custom_objects
        return {**super().get_config(), "function": getattr(self.function, "__name__", "lambda"),
                "output_shape": self._output_shape, "arguments": self.arguments}
