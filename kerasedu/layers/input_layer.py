"""Input and InputLayer: where a graph starts."""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.layers.layer import Layer
from kerasedu.layers.symbolic import KerasTensor, Node


class InputLayer(Layer):
    """The layer behind ``Input``: it has no weights and only passes data on.

    Args:
        shape: the shape of one sample, without the batch axis, e.g. (28, 28).
        batch_size: a fixed batch size (rarely needed).
        dtype: "float32" (default), or "int32" for token ids fed to Embedding.
    """

    _accepts_integer_input = True

    def __init__(self, shape=None, batch_size: Optional[int] = None, dtype=None,
                 batch_shape=None, name: Optional[str] = None, **kwargs):
        if shape is None and "input_shape" in kwargs:
            shape = kwargs.pop("input_shape")        # the tf.keras spelling
        if batch_shape is None and "batch_input_shape" in kwargs:
            batch_shape = kwargs.pop("batch_input_shape")
        super().__init__(name=name or None, **{k: v for k, v in kwargs.items() if k == "trainable"})
        if batch_shape is None:
            if shape is None:
                raise ValueError("Input needs a shape, e.g. keras.Input(shape=(28, 28)).")
            if isinstance(shape, int):
                shape = (shape,)
            batch_shape = (batch_size,) + tuple(shape)
        self.batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        self.dtype = str(np.dtype(dtype or "float32"))
        self.built = True
        self.output_tensor = KerasTensor(self.batch_shape, self.dtype, name=self.name)
        Node(self, [], [self.output_tensor])

    def call(self, inputs):
        return inputs

    def get_config(self) -> dict:
        return {"name": self.name, "batch_shape": list(self.batch_shape), "dtype": self.dtype}


def Input(shape=None, batch_size: Optional[int] = None, dtype=None, name: Optional[str] = None,
          batch_shape=None, **kwargs) -> KerasTensor:
    """A symbolic input for the Functional API (or the first entry of a Sequential).

    >>> x = Input(shape=(28, 28))
    >>> x.shape
    (None, 28, 28)
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, name=name,
                       batch_shape=batch_shape, **kwargs)
    return layer.output_tensor
