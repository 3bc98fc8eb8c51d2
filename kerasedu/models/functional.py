"""Functional models: a graph of layers from ``Model(inputs, outputs)``.

When layers are called on ``Input`` tensors, each call leaves a Node
(layers/symbolic.py). Here we walk the Nodes back from the outputs to the
inputs, sort them so that every node comes after the nodes that feed it, and
to run the model on data we call the layers in that order.

A layer called twice (shared) appears in two nodes but has one set of weights;
its two calls record two ops on the tape, and the gradients from both add up
on the same weights.

>>> import numpy as np, kerasedu as keras
>>> a = keras.Input(shape=(3,), name="a")
>>> b = keras.Input(shape=(3,), name="b")
>>> shared = keras.layers.Dense(4)
>>> merged = keras.layers.Concatenate()([shared(a), shared(b)])
>>> model = keras.Model(inputs=[a, b], outputs=keras.layers.Dense(1)(merged))
>>> model.predict([np.ones((2, 3)), np.zeros((2, 3))], verbose=0).shape
(2, 1)
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.layers.input_layer import InputLayer
from kerasedu.layers.symbolic import KerasTensor, Node, flatten, map_structure
from kerasedu.models.model import Model


class Functional(Model):
    """A model defined by its input and output KerasTensors."""

    def __init__(self, inputs, outputs, name: Optional[str] = None, trainable: bool = True, **kwargs):
        super().__init__(name=name, trainable=trainable)
        if isinstance(inputs, tuple):
            inputs = list(inputs)
        if isinstance(outputs, tuple):
            outputs = list(outputs)
        for t in flatten(inputs) + flatten(outputs):
            if not isinstance(t, KerasTensor):
                raise TypeError(f"Model(inputs, outputs) takes symbolic tensors from keras.Input "
                                f"and layer calls, got {type(t).__name__}. Build the graph first: "
                                f"x = keras.Input(shape=...); y = Dense(...)(x); Model(x, y).")
        self._inputs_struct, self._outputs_struct = inputs, outputs
        self.inputs, self.outputs = flatten(inputs), flatten(outputs)
        self._nodes = _sorted_nodes(self.inputs, self.outputs)
        for node in self._nodes:                # each layer once, in graph order; its weights
            if all(node.layer is not l for l in self._layers):   # belong to the model
                self._layers.append(node.layer)
        self._input_names = [t._keras_history[0].name for t in self.inputs]
        if isinstance(outputs, dict):   # sorted, like flatten(): names and values stay paired
            self._output_names = sorted(outputs)
        else:
            self._output_names = [t._keras_history[0].name for t in self.outputs]
        self.built = True

    # ---- what the model looks like ---------------------------------------------
    @property
    def layers(self):
        return list(self._layers)

    @property
    def output_names(self) -> list[str]:
        return list(self._output_names)

    @property
    def input_names(self) -> list[str]:
        return list(self._input_names)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        shapes = [t.shape for t in self.inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [t.shape for t in self.outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    def compute_output_shape(self, input_shape):
        return self.output_shape

    # ---- running the graph on data ----------------------------------------------
    def call(self, inputs, training=None):
        values = {}                                    # id(KerasTensor) -> Tensor
        for t, value in zip(self.inputs, self._flatten_inputs(inputs)):
            values[id(t)] = value
        for node in self._nodes:
            if isinstance(node.layer, InputLayer):
                continue
            def value(t):
                return values[id(t)] if isinstance(t, KerasTensor) else t
            args = [map_structure(value, a) for a in node.call_args]   # usually one argument
            kwargs = {k: map_structure(value, v) for k, v in node.call_kwargs.items()}
            outputs = node.layer(*args, training=training, **kwargs)
            for t, value in zip(node.outputs, flatten(outputs)):
                values[id(t)] = value
        return map_structure(lambda t: values[id(t)], self._outputs_struct)

    def _flatten_inputs(self, inputs) -> list:
        """Data for each input, in order: one array, a list, or a dict by input name."""
        if isinstance(inputs, dict):
            names = list(self._inputs_struct) if isinstance(self._inputs_struct, dict) else self._input_names
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError(f"Missing data for input(s) {missing}; the model's inputs are "
                                 f"{names} and the data has keys {sorted(inputs)}.")
            return [inputs[n] for n in names]
        data = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
        if len(data) != len(self.inputs):
            raise ValueError(f"The model has {len(self.inputs)} input(s) {self._input_names} but "
                             f"received {len(data)} array(s). Pass a list with one array per "
                             f"input, in the order of Model(inputs=[...]).")
        for array, t, name in zip(data, self.inputs, self._input_names):
            check_input_data(array, t, name)
        return data

    def get_config(self) -> dict:
        from kerasedu.saving import serialize_functional
        return serialize_functional(self)


def check_input_data(array, tensor: KerasTensor, name: str) -> None:
    """Compare the data's sample shape with the shape the input was declared with."""
    expected = tensor.shape[1:]
    got = tuple(array.shape[1:])
    if len(expected) == len(got) and all(e is None or e == g for e, g in zip(expected, got)):
        return
    hint = ""
    if len(got) + 1 == len(expected) and expected[-1] == 1:
        hint = " Add a channel axis: x[..., None]."
    elif None not in expected and np.prod(got, dtype=np.int64) == np.prod(expected, dtype=np.int64):
        hint = (f" The numbers are all there in another shape: reshape the data with "
                f"x.reshape(len(x), {', '.join(map(str, expected))}), or start the model with "
                f"Input(shape={got}) and a Flatten() or Reshape() layer.")
    elif len(got) != len(expected):
        hint = " Reshape the data, or change the input shape of the model."
    raise ValueError(f"Input '{name}' expects samples of shape {expected} (batch shape "
                     f"{tensor.shape}), but received data of shape {tuple(array.shape)}.{hint}")


def _sorted_nodes(inputs: list[KerasTensor], outputs: list[KerasTensor]) -> list[Node]:
    """The nodes between inputs and outputs, each after the nodes it depends on."""
    input_ids = {id(t) for t in inputs}
    order: list[Node] = []
    seen: set[int] = set()

    def visit(tensor: KerasTensor, path: tuple):
        if tensor._keras_history is None:
            raise ValueError(f"{tensor} was not made by a layer call; use keras.Input for inputs.")
        layer, node_index, _ = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        if id(node) in seen:
            return
        if id(tensor) not in input_ids:
            if isinstance(layer, InputLayer):
                raise ValueError(
                    f"Graph disconnected: the output depends on input '{layer.name}', which is "
                    f"not in Model(inputs=...). Add it to the model's inputs.")
            for parent in node.input_tensors:
                visit(parent, path + (layer.name,))
        seen.add(id(node))
        order.append(node)

    for t in outputs:
        visit(t, ())
    return order
