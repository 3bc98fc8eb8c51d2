"""A ``keras.ops`` call inside a Functional model, recorded as a layer.

``x = keras.ops.mean(inputs, axis=1)`` on a symbolic tensor cannot compute
anything yet. The op's wrapper (``kerasedu/ops/_dispatch.py``) hands the call to
:func:`record_op_call`, which replaces every KerasTensor among the arguments by a
numbered slot, keeps the other arguments (``axis=1``), and calls an
:class:`OpLayer` on the KerasTensors. When the model runs, the layer puts the real
tensors into the slots and calls the op: gradients flow through it as through
any op. The layer's config is the op's name and its arguments, so the model can
be saved and loaded when those arguments are plain data (numbers, strings, lists,
slices, small arrays).

>>> import kerasedu as keras
>>> inputs = keras.Input(shape=(4, 3))
>>> pooled = keras.ops.mean(inputs, axis=1)
>>> pooled.shape, type(pooled._keras_history[0]).__name__
((None, 3), 'OpLayer')
"""
from __future__ import annotations

from typing import Any

import numpy as np

from kerasedu import ops, tree
from kerasedu.autograd import Tensor, no_grad
from kerasedu.layers.layer import Layer
from kerasedu.layers.symbolic import KerasTensor, is_symbolic
from kerasedu.ops import _dispatch
from kerasedu.utils.naming import unique_name


class _Slot:
    """Where the i-th symbolic tensor goes among an op's arguments."""

    def __init__(self, index: int):
        self.index = index

    def __repr__(self) -> str:
        return f"<tensor {self.index}>"


class OpLayer(Layer):
    """y = ops.<op>(*args, **kwargs) with the graph's tensors in the argument slots.

    Args:
        op: the name of a function in ``kerasedu.ops`` ("mean", "concatenate", ...).
        arguments: {"args": [...], "kwargs": {...}}, with each tensor replaced by a slot
            (in a saved config, by ``{"__tensor__": i}``).
    """

    _accepts_integer_input = True        # ids, masks and argmax results pass through unchanged

    def __init__(self, op: str, arguments: dict, **kwargs):
        super().__init__(**kwargs)
        function = getattr(ops, op, None)
        if not callable(function):
            raise ValueError(f"OpLayer '{self.name}': keras.ops has no op named {op!r}.")
        self.op, self.function = op, function
        self.arguments = _decode(arguments)
        self._input_dtypes: list[str] = []

    def __call__(self, inputs, *args, **kwargs):
        if is_symbolic(inputs):          # remember the dtypes: the trace below uses them
            self._input_dtypes = [t.dtype for t in tree.flatten(inputs)]
        outputs = super().__call__(inputs, *args, **kwargs)
        if is_symbolic(outputs):         # an argmax gives int32, a comparison bool
            for t, dtype in zip(tree.flatten(outputs), self._output_dtypes):
                t.dtype = dtype
        return outputs

    def call(self, inputs):
        tensors = inputs if isinstance(inputs, (list, tuple)) else [inputs]

        def fill(value):
            return tensors[value.index] if isinstance(value, _Slot) else value
        args = tree.map_structure(fill, self.arguments["args"])
        kwargs = tree.map_structure(fill, self.arguments["kwargs"])
        return self.function(*args, **kwargs)

    def compute_output_shape(self, input_shape):
        """Run the op on zeros twice, with 2 and then 3 for every None: sizes that change
        with the batch are None (the op may drop or move the batch axis, so no axis is
        assumed to be it)."""
        shapes = input_shape if isinstance(input_shape, list) else [input_shape]
        dtypes = self._input_dtypes or ["float32"] * len(shapes)
        traced = []
        for size in (2, 3):
            zeros = [Tensor(np.zeros(tuple(size if d is None else d for d in s), dtype))
                     for s, dtype in zip(shapes, dtypes)]
            with no_grad(), np.errstate(all="ignore"):       # log(0) and 1/0 are fine here
                traced.append(self.call(zeros if isinstance(input_shape, list) else zeros[0]))
        first, second = tree.flatten(traced[0]), tree.flatten(traced[1])
        for value in first:
            if not isinstance(value, Tensor):
                raise TypeError(f"keras.ops.{self.op} returned a {type(value).__name__} on "
                                f"symbolic tensors; only ops that return tensors can be used "
                                f"in a Functional model.")
        self._output_dtypes = [str(t.dtype) for t in first]
        out = [tuple(p if p == q else None for p, q in zip(a.shape, b.shape))
               for a, b in zip(first, second)]
        return out if isinstance(traced[0], (list, tuple)) else out[0]

    def get_config(self) -> dict:
        return {**super().get_config(), "op": self.op,
                "arguments": _encode(self.arguments, f"Layer '{self.name}' (keras.ops.{self.op})")}


def record_op_call(op, args: tuple, kwargs: dict):
    """A public op called on symbolic tensors: make an OpLayer and call it on them."""
    tensors: list[KerasTensor] = []

    def to_slot(value):
        if isinstance(value, KerasTensor):
            tensors.append(value)
            return _Slot(len(tensors) - 1)
        return value
    arguments = {"args": tree.map_structure(to_slot, list(args)),
                 "kwargs": tree.map_structure(to_slot, dict(kwargs))}
    name = "get_item" if op.__name__ == "getitem" else op.__name__     # Keras's name for x[...]
    layer = OpLayer(op.__name__, arguments, name=unique_name(name))
    return layer(tensors if len(tensors) > 1 else tensors[0])


_dispatch.SYMBOLIC["types"] = (KerasTensor,)
_dispatch.SYMBOLIC["call"] = record_op_call


# ---- arguments <-> JSON -------------------------------------------------------------
def _encode(value: Any, where: str) -> Any:
    """Arguments as JSON data; tuples, slices, ... are tagged so that _decode restores them."""
    if isinstance(value, _Slot):
        return {"__tensor__": value.index}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if value is Ellipsis:
        return {"__ellipsis__": True}
    if isinstance(value, slice):
        return {"__slice__": [_encode(v, where) for v in (value.start, value.stop, value.step)]}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v, where) for v in value]}
    if isinstance(value, list):
        return [_encode(v, where) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"__dict__": {k: _encode(v, where) for k, v in value.items()}}
    if isinstance(value, (np.ndarray, Tensor)):
        array = np.asarray(value.data if isinstance(value, Tensor) else value)
        return {"__array__": array.tolist(), "dtype": str(array.dtype)}
    if isinstance(value, np.dtype) or (isinstance(value, type) and issubclass(value, np.generic)):
        return str(np.dtype(value))
    raise ValueError(
        f"{where} was called with a {type(value).__name__} argument ({value!r:.80}), which "
        f"cannot be saved in a model file. Pass plain numbers, strings, lists or arrays to the "
        f"op, or write the step as a custom Layer with get_config() and load it with "
        f"custom_objects.")


def _decode(value: Any) -> Any:
    """The inverse of _encode (already-decoded values pass through unchanged)."""
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__tensor__" in value:
        return _Slot(int(value["__tensor__"]))
    if "__ellipsis__" in value:
        return Ellipsis
    if "__slice__" in value:
        return slice(*[_decode(v) for v in value["__slice__"]])
    if "__tuple__" in value:
        return tuple(_decode(v) for v in value["__tuple__"])
    if "__array__" in value:
        return np.asarray(value["__array__"], dtype=value["dtype"])
    if "__dict__" in value:
        return {k: _decode(v) for k, v in value["__dict__"].items()}
    return {k: _decode(v) for k, v in value.items()}
