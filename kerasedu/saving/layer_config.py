"""One layer <-> one JSON entry: ``{"class_name": "Dense", "config": {...}}``.

Every layer's ``get_config()`` returns the arguments of its ``__init__``, so
``Dense(**config)`` makes the same layer again (without weights: those are
stored separately). Here we make that config pure JSON on the way out and
turn class names back into classes on the way in.

>>> from kerasedu.layers import Dense
>>> entry = serialize_layer(Dense(3, activation="relu", name="hidden"))
>>> entry["class_name"], entry["config"]["units"], entry["config"]["activation"]
('Dense', 3, 'relu')
>>> layer = deserialize_layer(entry)
>>> type(layer).__name__, layer.name, layer.units
('Dense', 'hidden', 3)
"""
from __future__ import annotations

import json
from typing import Any, Optional

import numpy as np

from kerasedu.layers.lambda_layer import Lambda
from kerasedu.layers.layer import Layer
from kerasedu.saving.object_registry import get_layer_class, resolve_custom_objects

_BUILTIN_MODULES = ("kerasedu.layers", "kerasedu.models")


def to_json_value(value: Any, where: str) -> Any:
    """A config value as JSON data: tuples -> lists, NumPy -> Python, functions -> names."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (np.bool_, np.integer, np.floating)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.dtype) or (isinstance(value, type) and issubclass(value, np.generic)):
        return str(np.dtype(value))
    if isinstance(value, (list, tuple)):
        return [to_json_value(v, where) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json_value(v, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(value, Layer):
        return serialize_layer(value)
    if hasattr(value, "get_config"):                  # initializers, losses, ...
        return {"class_name": type(value).__name__,
                "config": to_json_value(value.get_config(), where)}
    if callable(value) and hasattr(value, "__name__"):
        # a function is saved by name only: loading needs it in custom_objects
        return {"class_name": "function", "config": value.__name__}
    raise TypeError(f"{where} holds a {type(value).__name__} ({value!r}), which cannot be saved "
                    f"as JSON. Make get_config() return plain numbers, strings, lists and dicts.")


def serialize_layer(layer: Layer) -> dict:
    """``{"module", "class_name", "config", "registered_name"[, "build_config"]}``, Keras 3 style."""
    cls = type(layer)
    module = cls.__module__
    builtin = module.startswith(_BUILTIN_MODULES)
    entry = {
        "module": module.rsplit(".", 1)[0] if builtin else module,   # for people; never imported
        "class_name": cls.__name__,
        "config": to_json_value(layer.get_config(), f"Layer '{layer.name}' get_config()"),
        "registered_name": None if builtin else cls.__name__,
    }
    input_shape = getattr(layer, "_built_input_shape", None)
    if input_shape is not None:
        entry["build_config"] = {"input_shape": to_json_value(input_shape, "build_config")}
    json.dumps(entry)      # fail now, with the layer's name, rather than in the middle of a save
    return entry


def deserialize_layer(entry: Any, custom_objects: Optional[dict] = None,
                      safe_mode: bool = True) -> Layer:
    """A new layer (no weights yet) from an entry written by ``serialize_layer``."""
    if not isinstance(entry, dict) or not isinstance(entry.get("config"), dict):
        raise ValueError(f"A layer entry in the saved config should be a dict with 'class_name' "
                         f"and 'config', got {str(entry)[:200]}.")
    cls = get_layer_class(entry.get("class_name"), custom_objects, entry.get("registered_name"))
    from kerasedu.models import Functional, Sequential
    if cls in (Sequential, Functional):               # a model used as a layer
        from kerasedu.saving.model_config import deserialize_model
        return deserialize_model(entry, custom_objects, safe_mode)
    name = entry["config"].get("name", entry.get("class_name"))
    where = f"Layer '{name}' ({cls.__name__})"
    config = resolve_custom_objects(entry["config"], custom_objects, where)
    if issubclass(cls, Lambda):
        config["function"] = _lambda_function(config.get("function"), custom_objects, where,
                                              safe_mode)
    try:
        layer = cls.from_config(config)
    except TypeError as error:
        raise TypeError(f"Could not recreate {where} from its saved config: {error}. A custom "
                        f"layer needs a get_config() that returns its __init__ arguments (call "
                        f"super().get_config() and add yours), or a from_config().") from error
    except ValueError as error:      # e.g. an activation known only by its name
        raise ValueError(f"Could not recreate {where} from its saved config: {error} If it names "
                         f"your own function or class, pass it when loading: "
                         f"load_model(path, custom_objects={{'name': object}}).") from error
    _build_from_config(layer, entry.get("build_config"))
    return layer


def _lambda_function(name: Any, custom_objects: Optional[dict], where: str, safe_mode: bool):
    """A Lambda's function must come from custom_objects: files never hold code."""
    if callable(name):                       # resolve_custom_objects already found it
        return name
    function = (custom_objects or {}).get(name) if isinstance(name, str) else None
    if callable(function):
        return function
    mode = ("safe_mode=True refuses to load code from a file" if safe_mode else
            "even with safe_mode=False, kerasedu never stores or runs code from a file")
    hint = (" It was an anonymous lambda (also made by `x + y` on graph tensors): define the "
            "function with def and a name, or use layers such as keras.layers.Add()."
            if name == "<lambda>" else "")
    raise ValueError(f"{where} wraps the Python function {name!r}, and {mode}. Pass the "
                     f"function when loading: load_model(path, custom_objects={{{name!r}: "
                     f"your_function}}).{hint}")


def _build_from_config(layer: Layer, build_config: Optional[dict]) -> None:
    """Make the weights of a layer that is not called in a graph (e.g. a subclassed model)."""
    if layer.built or not isinstance(build_config, dict) or build_config.get("input_shape") is None:
        return
    shape = build_config["input_shape"]
    from kerasedu.models.model import Model
    if isinstance(layer, Model):
        # a subclassed model makes its weights on its first call: call it on zeros
        from kerasedu.autograd import no_grad
        zeros = _zeros_like_shape(shape)
        with no_grad():
            layer(zeros, training=False)
    else:
        layer._build_for(_as_shape(shape))


def _as_shape(shape):
    if isinstance(shape, dict):
        return {k: _as_shape(v) for k, v in shape.items()}
    if shape and isinstance(shape[0], list):
        return [_as_shape(s) for s in shape]
    return tuple(shape)


def _zeros_like_shape(shape):
    shape = _as_shape(shape)
    if isinstance(shape, dict):
        return {k: _zeros_like_shape(v) for k, v in shape.items()}
    if isinstance(shape, list):
        return [_zeros_like_shape(s) for s in shape]
    return np.zeros(tuple(1 if d is None else d for d in shape), dtype=np.float32)
