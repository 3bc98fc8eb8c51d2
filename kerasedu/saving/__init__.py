"""Saving and loading models: ``model.save("m.keras")`` and ``keras.models.load_model``.

    saving_api.py     save_model, load_model, save_weights, load_weights
    model_config.py   model <-> JSON (Sequential, Functional graphs)
    layer_config.py   layer <-> JSON entry
    object_registry.py  names in a file -> trusted classes and functions only
    weights_io.py     weights and optimizer state <-> named arrays
    training_state.py the random generator state, for exact resuming
    archive.py        the zip file, read without trusting it
    atomic.py         write to a temporary file, then rename: never half a file
"""
from kerasedu.saving.layer_config import deserialize_layer, serialize_layer
from kerasedu.saving.model_config import (deserialize_model, serialize_functional, serialize_model,
                                          serialize_sequential)
from kerasedu.saving.saving_api import (load_model, load_weights, model_from_json, save_model,
                                        save_weights)
