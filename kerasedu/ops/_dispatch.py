"""How a public op notices a symbolic tensor (``keras.Input``) and records a graph node instead.

In the Functional API, ``x = keras.ops.relu(inputs)`` is called on a KerasTensor,
which has a shape but no numbers. Every public op is wrapped with
:func:`keras_op`: when one of its arguments is symbolic, the call is handed to
the Functional API, which wraps it in a layer (``kerasedu/layers/op_layer.py``)
and returns a new KerasTensor; otherwise the op simply runs.

The ops cannot import the layers (the layers import the ops), so the layers
register themselves here when they are imported: ``SYMBOLIC["types"]`` is the
KerasTensor class and ``SYMBOLIC["call"]`` the function that records the node.

>>> import kerasedu as keras
>>> x = keras.Input(shape=(3,))
>>> keras.ops.relu(x).shape
(None, 3)
"""
from __future__ import annotations

import functools
from typing import Callable

# Filled in by kerasedu/layers/op_layer.py: the symbolic tensor type(s) and the recorder.
SYMBOLIC: dict = {"types": (), "call": None}


def has_symbolic(args, kwargs) -> bool:
    """True if an argument, or an item of a list/tuple argument, is a symbolic tensor."""
    types = SYMBOLIC["types"]
    if not types:
        return False
    for value in (*args, *kwargs.values()):
        if isinstance(value, types):
            return True
        if isinstance(value, (list, tuple)):        # concatenate([a, b]), stack, einsum operands
            for item in value:
                if isinstance(item, types):
                    return True
    return False


def keras_op(fn: Callable) -> Callable:
    """Make ``fn`` work on symbolic tensors too (see the module docstring).

    The wrapper costs one loop over the arguments per call; the op itself is unchanged
    and stays reachable as ``fn.__wrapped__``.
    """
    @functools.wraps(fn)
    def op(*args, **kwargs):
        if has_symbolic(args, kwargs):
            return SYMBOLIC["call"](op, args, kwargs)
        return fn(*args, **kwargs)
    return op
