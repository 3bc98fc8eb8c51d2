"""Weights and optimizer state as named NumPy arrays (the ``.npz`` parts of a save).

Weights are stored in ``model.weights`` order under keys like
``"0003/dense_1/bias"``: the position makes the order unambiguous, the path
is there for people (and for error messages). Loading matches by position,
as Keras does for a model of the same architecture, and checks every shape
before changing anything, so a failed load leaves the model as it was.

>>> import numpy as np, kerasedu as keras
>>> model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(3, name="dense")])
>>> arrays = weights_to_arrays(model)
>>> sorted(arrays)
['0000/dense/kernel', '0001/dense/bias']
>>> set_weights_from_arrays(model, arrays, "example")   # the same values back
"""
from __future__ import annotations

import warnings

import numpy as np


def weights_to_arrays(model) -> dict:
    """Every weight of the model, keyed "<index>/<layer>/<weight>"."""
    return {f"{i:04d}/{_path(v)}": np.asarray(v.data) for i, v in enumerate(model.weights)}


def _path(variable) -> str:
    return getattr(variable, "path", None) or getattr(variable, "name", "variable")


def _ordered(arrays: dict, filename: str, member: str) -> list:
    """(key, array) pairs sorted by the index at the start of each key."""
    try:
        return sorted(arrays.items(), key=lambda item: int(item[0].split("/", 1)[0]))
    except ValueError:
        raise ValueError(f"{filename}: '{member}' has keys that are not '<index>/<path>' "
                         f"({sorted(arrays)[:5]}...). It was not written by kerasedu.") from None


def set_weights_from_arrays(model, arrays: dict, filename: str, member: str = "model.weights.npz",
                            skip_mismatch: bool = False) -> None:
    """Check every saved array against the model's weights, then assign them all."""
    variables = model.weights
    saved = _ordered(arrays, filename, member)
    if not variables and saved:
        raise ValueError(f"Model '{model.name}' has no weights yet, but {filename} holds "
                         f"{len(saved)}. Build the model first: give it an input shape "
                         f"(keras.Input(shape=...)) or call it on data.")
    if len(saved) != len(variables):
        raise ValueError(
            f"{filename} holds {len(saved)} weight arrays, but model '{model.name}' has "
            f"{len(variables)} weights. Expected: {[_path(v) for v in variables]}; received: "
            f"{[key.split('/', 1)[-1] for key, _ in saved]}. Load weights into a model with "
            f"the same architecture as the one that saved them.")
    pairs = []
    for variable, (key, array) in zip(variables, saved):
        if array.shape != variable.shape:
            message = (f"Layer '{_path(variable).split('/')[0]}' weight '{_path(variable)}' "
                       f"expects shape {variable.shape}, but {filename} holds shape "
                       f"{array.shape} (saved as '{key.split('/', 1)[-1]}').")
            if skip_mismatch:
                warnings.warn(message + " Skipped (skip_mismatch=True).", stacklevel=3)
                continue
            raise ValueError(message + " The model's architecture differs from the saved one.")
        pairs.append((variable, array))
    for variable, array in pairs:
        variable.assign(array.astype(np.float32, copy=False))


# ---- optimizer state --------------------------------------------------------------------
def optimizer_to_arrays(optimizer, variables) -> dict:
    """iterations + each slot array, keyed "<index of the weight>/<slot name>"."""
    state = optimizer.get_state(variables)
    arrays = {"iterations": np.array(state["iterations"], dtype=np.int64)}
    for i, slots in enumerate(state["slots"]):
        for name, array in slots.items():
            arrays[f"{i:04d}/{name}"] = np.asarray(array)
    return arrays


def set_optimizer_from_arrays(optimizer, variables, arrays: dict, filename: str) -> None:
    """Give the optimizer back its step count and state, weight by weight."""
    if "iterations" not in arrays:
        raise ValueError(f"{filename}: 'optimizer.npz' has no 'iterations' entry; it was not "
                         f"written by kerasedu.")
    slots = [dict() for _ in variables]
    for key, array in arrays.items():
        if key == "iterations":
            continue
        index, _, name = key.partition("/")
        if not index.isdigit() or not name or int(index) >= len(variables):
            raise ValueError(f"{filename}: 'optimizer.npz' has state '{key}' for a weight the "
                             f"model does not have ({len(variables)} trainable weights).")
        variable = variables[int(index)]
        if array.shape != variable.shape:
            raise ValueError(f"{filename}: optimizer state '{name}' of weight '{_path(variable)}' "
                             f"has shape {array.shape}, expected {variable.shape}.")
        slots[int(index)][name] = array
    optimizer.set_state({"iterations": int(arrays["iterations"]), "slots": slots}, variables)
