"""A whole model <-> JSON: Sequential as a list of layers, Functional as a graph.

Sequential::

    {"name": "sequential", "layers": [{InputLayer}, {Dense}, {Dense}], ...}

Functional (the Keras 3 layout, which TensorBoard's graph tab can draw)::

    {"name": "model", "layers": [
        {"class_name": "InputLayer", "name": "a", "config": {...}, "inbound_nodes": []},
        {"class_name": "Dense", "name": "shared", "config": {...}, "inbound_nodes": [
            {"args": [{"class_name": "__keras_tensor__",
                       "config": {"shape": [null, 3], "keras_history": ["a", 0, 0]}}],
             "kwargs": {}},
            {"args": [... "keras_history": ["b", 0, 0] ...], "kwargs": {}}]}, ...],
     "input_layers": [["a", 0, 0], ["b", 0, 0]], "output_layers": [["out", 0, 0]]}

Each inbound node is one call of the layer; ``keras_history`` = [layer name,
which call of it, which of its outputs]. A shared layer has several nodes.
To rebuild, we create every layer, then call each one on the tensors its
nodes name, as soon as those exist.

>>> import kerasedu as keras
>>> model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2)])
>>> copy = deserialize_model(serialize_model(model))
>>> type(copy).__name__, copy.output_shape
('Sequential', (None, 2))
"""
from __future__ import annotations

import json
from typing import Any, Optional, Union

from kerasedu.layers.input_layer import InputLayer
from kerasedu.layers.symbolic import KerasTensor, flatten, map_structure
from kerasedu.saving.layer_config import deserialize_layer, serialize_layer, to_json_value
from kerasedu.saving.object_registry import get_layer_class


# ---- saving -------------------------------------------------------------------------
def serialize_sequential(model) -> dict:
    """The config of a Sequential model: its layers in order (the Input first)."""
    entries = []
    if model._input_layer is not None:
        entries.append(serialize_layer(model._input_layer))
    entries += [serialize_layer(layer) for layer in model.layers]
    shape = list(model._input_layer.batch_shape) if model._input_layer is not None else None
    return {"name": model.name, "trainable": model.trainable, "layers": entries,
            "build_input_shape": shape}


def serialize_functional(model) -> dict:
    """The config of a graph model: layers with their inbound nodes, inputs, outputs."""
    names = [layer.name for layer in model.layers]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"Model '{model.name}' has several layers named {duplicates}; a saved "
                         f"graph refers to layers by name. Give each layer a unique name=.")
    in_model = {id(node) for node in model._nodes}
    node_index = {}    # id(node) -> its number among this model's calls of that layer
    for layer in model.layers:
        kept = [node for node in layer._inbound_nodes if id(node) in in_model]
        node_index.update({id(node): i for i, node in enumerate(kept)})

    def tensor_ref(t: KerasTensor) -> list:
        layer, node, index = t._keras_history
        return [layer.name, node_index[id(layer._inbound_nodes[node])], index]

    def argument(value):
        if isinstance(value, KerasTensor):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": list(value.shape), "dtype": value.dtype,
                               "keras_history": tensor_ref(value)}}
        return to_json_value(value, f"a call of a layer in model '{model.name}'")

    layers = []
    for layer in model.layers:
        entry = serialize_layer(layer)
        entry["name"] = layer.name
        nodes = [] if isinstance(layer, InputLayer) else \
            [n for n in layer._inbound_nodes if id(n) in in_model]
        entry["inbound_nodes"] = [{"args": [map_structure(argument, a) for a in n.call_args],
                                   "kwargs": map_structure(argument, dict(n.call_kwargs))}
                                  for n in nodes]
        layers.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": map_structure(tensor_ref, model._inputs_struct),
            "output_layers": map_structure(tensor_ref, model._outputs_struct)}


def serialize_model(model) -> dict:
    """``{"module", "class_name", "config", ...}`` for any model (what ``to_json`` writes)."""
    entry = serialize_layer(model)
    json.dumps(entry)
    return entry


# ---- loading ---------------------------------------------------------------------------
def deserialize_model(config: Union[dict, str], custom_objects: Optional[dict] = None,
                      safe_mode: bool = True):
    """A new model (fresh weights, not compiled) from ``serialize_model`` output or its JSON."""
    if isinstance(config, str):
        config = json.loads(config)
    if not isinstance(config, dict) or not isinstance(config.get("config"), dict):
        raise ValueError("A model config should be a dict like {'class_name': 'Sequential', "
                         f"'config': {{...}}}}, got {str(config)[:200]}.")
    from kerasedu.models import Functional, Sequential
    cls = get_layer_class(config.get("class_name"), custom_objects, config.get("registered_name"))
    inner = config["config"]
    if cls is Sequential:
        return _sequential_from_config(inner, custom_objects, safe_mode)
    if cls is Functional:
        return _functional_from_config(inner, custom_objects, safe_mode)
    return deserialize_layer(config, custom_objects, safe_mode)     # a subclassed model


def _sequential_from_config(config: dict, custom_objects, safe_mode):
    from kerasedu.models import Sequential
    model = Sequential(name=config.get("name"))
    for entry in _list(config, "layers"):
        model.add(deserialize_layer(entry, custom_objects, safe_mode))
    if not model.built and config.get("build_input_shape"):
        model.build(tuple(config["build_input_shape"]))
    if config.get("trainable") is False:
        model.trainable = False
    return model


def _functional_from_config(config: dict, custom_objects, safe_mode):
    from kerasedu.models import Functional
    order, layers, pending = [], {}, {}
    for entry in _list(config, "layers"):
        layer = deserialize_layer(entry, custom_objects, safe_mode)
        name = entry.get("name", layer.name)
        order.append(name)
        layers[name] = layer
        pending[name] = list(entry.get("inbound_nodes") or [])
        if not all(isinstance(n, dict) and isinstance(n.get("args", []), list) for n in pending[name]):
            raise ValueError(f"Layer '{name}' has inbound nodes in a format kerasedu does not "
                             f"read (expected Keras 3 {{'args': [...], 'kwargs': {{...}}}} dicts; "
                             f"configs from Keras 2 / tf.keras are not supported).")
    tensors = {}       # (layer name, node index, tensor index) -> KerasTensor
    calls = {name: 0 for name in order}
    for name in order:
        if isinstance(layers[name], InputLayer):
            tensors[(name, 0, 0)] = layers[name].output_tensor
            calls[name] = 1

    # Call each layer on its saved inputs, in the order of its nodes, as soon as
    # they exist. The original build order always makes progress; a file whose
    # nodes wait on tensors nobody makes is broken.
    while any(pending.values()):
        progress = False
        for name in order:
            while pending[name] and all(ref in tensors for ref in _refs(pending[name][0])):
                node = pending[name].pop(0)
                args = _replace_tensors(node.get("args", []), tensors)
                kwargs = _replace_tensors(node.get("kwargs", {}), tensors)
                outputs = layers[name](*args, **kwargs)
                for i, t in enumerate(flatten(outputs)):
                    tensors[(name, calls[name], i)] = t
                calls[name] += 1
                progress = True
        if not progress:
            waiting = {n: sorted(set(_refs(p[0])) - set(tensors)) for n, p in pending.items() if p}
            raise ValueError(f"The saved graph of model '{config.get('name')}' cannot be rebuilt: "
                             f"these layers wait for tensors that no layer makes: {waiting}.")

    def tensor(ref):
        key = (ref[0], ref[1], ref[2]) if _is_ref(ref) else None
        if key not in tensors:
            raise ValueError(f"The saved model '{config.get('name')}' names {ref} as an input or "
                             f"output, but no such tensor was rebuilt.")
        return tensors[key]

    inputs = _map_refs(tensor, config.get("input_layers"))
    outputs = _map_refs(tensor, config.get("output_layers"))
    model = Functional(inputs, outputs, name=config.get("name"))
    if config.get("trainable") is False:
        model.trainable = False
    return model


# ---- small helpers ---------------------------------------------------------------------
def _list(config: dict, key: str) -> list:
    value = config.get(key)
    if not isinstance(value, list):
        raise ValueError(f"The saved model config should have a list under '{key}', got "
                         f"{type(value).__name__}.")
    return value


def _is_ref(value: Any) -> bool:
    """[layer name, node index, tensor index]."""
    return (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and isinstance(value[1], int) and isinstance(value[2], int))


def _history(tensor_config: dict) -> tuple:
    ref = tensor_config.get("config", {}).get("keras_history")
    if not _is_ref(ref):
        raise ValueError(f"A saved graph tensor has a bad keras_history: {ref!r}.")
    return tuple(ref)


def _is_tensor(value: Any) -> bool:
    return isinstance(value, dict) and value.get("class_name") == "__keras_tensor__"


def _refs(value: Any) -> list:
    """Every (layer, node, tensor) that a saved call reads."""
    if _is_tensor(value):
        return [_history(value)]
    if isinstance(value, dict):
        return [ref for v in value.values() for ref in _refs(v)]
    if isinstance(value, list):
        return [ref for v in value for ref in _refs(v)]
    return []


def _replace_tensors(value: Any, tensors: dict) -> Any:
    """The saved call arguments, with each saved tensor replaced by the rebuilt one."""
    if _is_tensor(value):
        return tensors[_history(value)]
    if isinstance(value, dict):
        return {k: _replace_tensors(v, tensors) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_tensors(v, tensors) for v in value]
    return value


def _map_refs(fn, structure):
    """input_layers / output_layers: one ref, a list of refs, or a dict of refs."""
    if _is_ref(structure):
        return fn(structure)
    if isinstance(structure, dict):
        return {k: _map_refs(fn, v) for k, v in structure.items()}
    if isinstance(structure, list):
        return [_map_refs(fn, v) for v in structure]
    raise ValueError(f"The saved model's input_layers/output_layers hold {structure!r}, "
                     f"expected [layer name, node index, tensor index] entries.")
