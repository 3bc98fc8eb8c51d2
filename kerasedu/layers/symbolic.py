"""Symbolic tensors: how the Functional API records a graph before any data exists.

``x = Input(shape=(784,))`` gives a KerasTensor: a shape with no numbers. Calling
a layer on it builds the layer and returns another KerasTensor, and writes down
a Node: "layer L was called on these tensors and made those". ``Model(inputs,
outputs)`` later walks the Nodes back from the outputs to find the graph.

>>> from kerasedu.layers import Input, Dense
>>> x = Input(shape=(784,))
>>> y = Dense(10)(x)
>>> y.shape
(None, 10)
"""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from kerasedu.tree import flatten, map_structure  # noqa: F401 - the layers import them from here


class KerasTensor:
    """A placeholder for a tensor in a graph: shape (None = any size) and dtype."""

    def __init__(self, shape, dtype: str = "float32", name: Optional[str] = None):
        self.shape = tuple(None if d is None else int(d) for d in shape)
        self.dtype = str(np.dtype(dtype))
        self.name = name
        self._keras_history: Optional[tuple] = None   # (layer, node_index, tensor_index)

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def __repr__(self) -> str:
        return f"<KerasTensor shape={self.shape}, dtype={self.dtype}, name={self.name}>"

    def __array__(self, *args, **kwargs):
        raise TypeError(
            "A symbolic KerasTensor (from keras.Input or a layer called on one) has no values. "
            "It describes a graph: build a keras.Model(inputs, outputs) and call the model on "
            "real data, e.g. model.predict(x).")

    # Keras lets you write x + y or x * 2 on graph tensors: each becomes a small layer
    # (a real one, not a Lambda, so that the model can be saved and loaded): ScalarOp for a
    # number, and otherwise the keras.ops function itself (broadcasting, as Keras's x + y),
    # recorded by layers/op_layer.py.
    def _op(self, other, op: str, reverse: bool = False):
        from kerasedu.layers import merging
        if not isinstance(other, (int, float, np.integer, np.floating)) or isinstance(other, bool):
            return self._keras_op(op, other, reverse)        # a tensor or an array
        if reverse and op in ("subtract", "divide"):
            op = "reverse_" + op
        return merging.ScalarOp(op, other)(self)

    def _keras_op(self, op: str, other=None, reverse: bool = False):
        from kerasedu import ops
        function = getattr(ops, op)
        if other is None:
            return function(self)
        return function(other, self) if reverse else function(self, other)

    def __add__(self, other):
        return self._op(other, "add")

    def __radd__(self, other):
        return self._op(other, "add", reverse=True)

    def __sub__(self, other):
        return self._op(other, "subtract")

    def __rsub__(self, other):
        return self._op(other, "subtract", reverse=True)

    def __mul__(self, other):
        return self._op(other, "multiply")

    def __rmul__(self, other):
        return self._op(other, "multiply", reverse=True)

    def __truediv__(self, other):
        return self._op(other, "divide")

    def __rtruediv__(self, other):
        return self._op(other, "divide", reverse=True)

    def __matmul__(self, other):
        return self._keras_op("matmul", other)

    def __rmatmul__(self, other):
        return self._keras_op("matmul", other, reverse=True)

    def __pow__(self, other):
        return self._keras_op("power", other)

    def __neg__(self):
        return self._keras_op("negative")

    def __abs__(self):
        return self._keras_op("abs")

    # comparisons give boolean graph tensors (== and != stay identity: tensors are dict keys)
    def __lt__(self, other):
        return self._keras_op("less", other)

    def __le__(self, other):
        return self._keras_op("less_equal", other)

    def __gt__(self, other):
        return self._keras_op("greater", other)

    def __ge__(self, other):
        return self._keras_op("greater_equal", other)

    def __getitem__(self, index):
        from kerasedu import ops
        return ops.getitem(self, index)


class Node:
    """One call of a layer inside a graph: its input and output KerasTensors.

    ``layer(a)`` records call_inputs=a; ``layer(targets, logits)`` records
    call_inputs=targets and extra_args=(logits,); tensors given by keyword
    (``layer(x, mask=m)``) stay in call_kwargs. All of them are input_tensors.
    """

    def __init__(self, layer, call_inputs: Any, outputs: list[KerasTensor],
                 call_kwargs: Optional[dict] = None, extra_args: tuple = ()):
        self.layer = layer
        self.call_inputs = call_inputs            # as passed: a tensor, a list or a dict
        self.extra_args = tuple(extra_args)       # the positional arguments after the first
        self.call_kwargs = call_kwargs or {}
        self.input_tensors = flatten(call_inputs) + [
            t for t in flatten(list(self.extra_args) + list(self.call_kwargs.values()))
            if isinstance(t, KerasTensor)]
        self.outputs = outputs
        self.parent_nodes = [t._keras_history[0]._inbound_nodes[t._keras_history[1]]
                             for t in self.input_tensors if t._keras_history is not None]
        index = len(layer._inbound_nodes)
        layer._inbound_nodes.append(self)
        for i, t in enumerate(outputs):
            t._keras_history = (layer, index, i)


    @property
    def call_args(self) -> tuple:
        """Every positional argument of the call, first one included."""
        return (self.call_inputs,) + self.extra_args


def is_symbolic(structure) -> bool:
    """True if any leaf is a KerasTensor."""
    return any(isinstance(leaf, KerasTensor) for leaf in flatten(structure))
