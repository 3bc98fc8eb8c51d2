"""Sequential: layers in a line, each feeding the next.

>>> import kerasedu as keras
>>> model = keras.Sequential([
...     keras.layers.Flatten(input_shape=(28, 28)),
...     keras.layers.Dense(128, activation="relu"),
...     keras.layers.Dense(10, activation="softmax"),
... ])
>>> model.count_params()          # (784*128 + 128) + (128*10 + 10)
101770
"""
from __future__ import annotations

from typing import Optional

from kerasedu.layers.input_layer import InputLayer
from kerasedu.layers.layer import Layer
from kerasedu.layers.symbolic import KerasTensor
from kerasedu.models.functional import check_input_data
from kerasedu.models.model import Model


class Sequential(Model):
    """A stack of layers.

    The model is built (weights made) as soon as the input shape is known: from
    an ``Input``, from ``input_shape=`` on the first layer, from a built model
    as the first layer (a frozen base for transfer learning), or else from the
    first data it sees. ``model.inputs`` and ``model.outputs`` are lists of one
    KerasTensor, as a Functional model's are.
    """

    _checked_shape: tuple = ()           # the last input shape check_input_data accepted

    def __init__(self, layers=None, name: Optional[str] = None, trainable: bool = True):
        super().__init__(name=name, trainable=trainable)
        self._stack: list[Layer] = []
        self._input_layer: Optional[InputLayer] = None
        self.inputs = self.outputs = None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer) -> None:
        """Append a layer (or an ``Input`` / ``InputLayer`` as the first entry)."""
        if isinstance(layer, KerasTensor) and isinstance(layer._keras_history[0], InputLayer):
            layer = layer._keras_history[0]
        if isinstance(layer, InputLayer):
            if self._stack or self._input_layer is not None:
                raise ValueError("An Input can only be the first entry of a Sequential model.")
            self._input_layer = layer
            self._rebuild()
            return
        if not isinstance(layer, Layer):
            raise TypeError(f"Sequential.add() takes a layer instance, got {layer!r}. Did you "
                            f"write Dense instead of Dense(10)?")
        if any(layer is l for l in self._stack):
            raise ValueError(f"Layer '{layer.name}' is already in this Sequential model.")
        self._stack.append(layer)
        self._layers.append(layer)
        if self._input_layer is None and len(self._stack) == 1:
            shape = layer._batch_input_shape or _built_model_input_shape(layer)
            if shape:
                self._input_layer = InputLayer(batch_shape=shape)
        self._rebuild()

    def pop(self) -> Layer:
        """Remove and return the last layer."""
        if not self._stack:
            raise TypeError("There are no layers in the model to pop.")
        layer = self._stack.pop()
        self._layers.remove(layer)
        self._rebuild()
        return layer

    def _rebuild(self) -> None:
        """With a known input shape, call every layer symbolically: builds weights, shapes."""
        self.built = False
        self._checked_shape = ()
        if self._input_layer is None:
            return
        x = self._input_layer.output_tensor
        self.inputs = [x]
        for layer in self._stack:
            x = layer(x)
        self.outputs = [x]
        self.built = True

    def build(self, input_shape=None) -> None:
        """Build for a batch input shape like (None, 28, 28)."""
        if self._input_layer is None:
            self._input_layer = InputLayer(batch_shape=tuple(input_shape))
        self._rebuild()

    def _build_for(self, input_shape) -> None:   # called by Layer.__call__ on first data
        if not self.built:
            self.build(input_shape)

    # ---- running ---------------------------------------------------------------
    def call(self, inputs, training=None):
        if self.inputs is not None and inputs.shape != self._checked_shape:
            check_input_data(inputs, self.inputs[0], self._input_layer.name)
            self._checked_shape = inputs.shape            # fit's batches: checked once
        x = inputs
        for layer in self._stack:
            x = layer(x, training=training)
        return x

    # ---- what the model looks like ------------------------------------------------
    @property
    def layers(self) -> list[Layer]:
        return list(self._stack)            # the InputLayer is not listed, as in Keras

    @property
    def output_names(self) -> list[str]:
        return [self._stack[-1].name] if self._stack else ["output"]

    @property
    def input(self):
        self._require_built("input")
        return self.inputs[0]

    @property
    def output(self):
        self._require_built("output")
        return self.outputs[0]

    @property
    def input_shape(self):
        self._require_built("input_shape")
        return self.inputs[0].shape

    @property
    def output_shape(self):
        self._require_built("output_shape")
        return self.outputs[0].shape

    def compute_output_shape(self, input_shape):
        if not self.built:
            self.build(input_shape)
        return self.outputs[0].shape

    def _require_built(self, what: str) -> None:
        if not self.built:
            raise ValueError(f"Sequential model '{self.name}' has no {what} yet: it is not built. "
                             f"Give the first layer an input shape (keras.Input(shape=...) or "
                             f"input_shape=...), or call it on data first.")

    def get_config(self) -> dict:
        from kerasedu.saving import serialize_sequential
        return serialize_sequential(self)


def _built_model_input_shape(layer) -> Optional[tuple]:
    """The batch input shape of a built model with one input (e.g. a pretrained base), else None."""
    if not isinstance(layer, Model) or not layer.built:
        return None
    inputs = getattr(layer, "inputs", None)
    if isinstance(inputs, list) and len(inputs) == 1:
        return tuple(inputs[0].shape)
    return None
