"""Turning names from a file back into classes and functions, safely.

A saved config says ``"class_name": "Dense"``. Loading must find the class
``Dense`` -- but only among classes we trust: the layers of
``kerasedu.layers``, the model classes, and whatever the user hands over in
``custom_objects``. A name is never imported or evaluated, so a file that
says ``"class_name": "os.system"`` gets an error, not a shell.

>>> get_layer_class("Dense").__name__
'Dense'
>>> get_layer_class("os.system")
Traceback (most recent call last):
...
ValueError: Unknown layer class 'os.system' in the saved config. kerasedu only creates its own layers and the classes given in custom_objects. If 'os.system' is your own class, pass it when loading: load_model(path, custom_objects={'os.system': os.system}).
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from kerasedu import activations
from kerasedu import layers as layers_module
from kerasedu.layers.layer import Layer


def _builtin_layer_classes() -> dict:
    """Every Layer subclass exported by ``kerasedu.layers``, and the model classes."""
    from kerasedu.models import Functional, Sequential
    classes = {name: obj for name, obj in vars(layers_module).items()
               if isinstance(obj, type) and issubclass(obj, Layer)}
    classes.update({"Sequential": Sequential, "Functional": Functional, "Model": Functional})
    return classes


def get_layer_class(class_name: Any, custom_objects: Optional[dict] = None,
                    registered_name: Any = None) -> type:
    """The class for ``class_name``: custom_objects first (as Keras), then kerasedu's layers."""
    custom_objects = custom_objects or {}
    for key in (registered_name, class_name):
        if isinstance(key, str) and key in custom_objects:
            cls = custom_objects[key]
            if not (isinstance(cls, type) and issubclass(cls, Layer)):
                raise TypeError(f"custom_objects['{key}'] should be a Layer or Model class, got "
                                f"{cls!r}.")
            return cls
    classes = _builtin_layer_classes()
    if isinstance(class_name, str) and class_name in classes:
        return classes[class_name]
    raise ValueError(
        f"Unknown layer class {class_name!r} in the saved config. kerasedu only creates its own "
        f"layers and the classes given in custom_objects. If {class_name!r} is your own class, "
        f"pass it when loading: load_model(path, custom_objects={{{class_name!r}: {class_name}}}).")


def get_function(name: Any, custom_objects: Optional[dict], where: str) -> Callable:
    """A function saved by name: from custom_objects, else a kerasedu activation."""
    custom_objects = custom_objects or {}
    if isinstance(name, str) and callable(custom_objects.get(name)):
        return custom_objects[name]
    if isinstance(name, str) and name in getattr(activations, "_BY_NAME", {}):
        return activations.get(name)
    raise ValueError(f"{where} uses the function {name!r}, which is not a kerasedu function. "
                     f"A saved file holds only the name of a function, never its code: pass the "
                     f"function when loading, e.g. custom_objects={{{name!r}: {name}}}.")


def resolve_custom_objects(value: Any, custom_objects: Optional[dict], where: str, key: str = ""):
    """Replace names of user objects inside a config with the objects themselves.

    * ``{"class_name": "function", "config": "my_fn"}`` -> the function ``my_fn``;
    * ``{"class_name": "MyInit", "config": {...}}`` with MyInit in custom_objects
      -> ``MyInit.from_config(...)``;
    * a string that is a key of custom_objects (e.g. ``activation="my_act"``)
      -> that object. The "name" entry is left alone: a layer may be named like
      a function.
    """
    custom_objects = custom_objects or {}
    if isinstance(value, dict):
        class_name = value.get("class_name")
        if class_name == "function" and "config" in value:
            return get_function(value["config"], custom_objects, where)
        if isinstance(class_name, str) and class_name in custom_objects and "config" in value:
            cls = custom_objects[class_name]
            config = resolve_custom_objects(value["config"], custom_objects, where)
            if hasattr(cls, "from_config"):
                return cls.from_config(config)
            return cls(**config) if isinstance(config, dict) else cls()
        return {k: resolve_custom_objects(v, custom_objects, where, k) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve_custom_objects(v, custom_objects, where) for v in value]
    if isinstance(value, str) and key != "name" and value in custom_objects:
        return custom_objects[value]
    return value
