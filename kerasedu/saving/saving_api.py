"""save_model / load_model / save_weights / load_weights.

``model.save("m.keras")`` writes one zip (see archive.py) with the
architecture, the weights, the compile settings and the optimizer state;
``keras.models.load_model("m.keras")`` gives back a model that predicts the
same and, compiled, trains on exactly as the original would have.

>>> import os, tempfile, numpy as np, kerasedu as keras
>>> model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
>>> model.compile(optimizer="adam", loss="mse")
>>> path = os.path.join(tempfile.mkdtemp(), "model.keras")
>>> model.save(path)
>>> again = load_model(path)
>>> x = np.ones((4, 3), dtype="float32")
>>> bool(np.array_equal(model.predict(x, verbose=0), again.predict(x, verbose=0)))
True
"""
from __future__ import annotations

import datetime
import json
import os
import warnings
from typing import Optional, Union

from kerasedu import losses as losses_module
from kerasedu import metrics as metrics_module
from kerasedu import optimizers
from kerasedu.saving import archive
from kerasedu.saving.model_config import deserialize_model, serialize_model
from kerasedu.saving.training_state import random_state, restore_random_state
from kerasedu.saving.weights_io import (optimizer_to_arrays, set_optimizer_from_arrays,
                                        set_weights_from_arrays, weights_to_arrays)

FORMAT_VERSION = 1


def _metadata(kind: str, model) -> bytes:
    from kerasedu import __version__
    data = {"format": kind, "format_version": FORMAT_VERSION, "kerasedu_version": __version__,
            "date_saved": datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")}
    if kind == "kerasedu.keras":
        data["random_state"] = random_state(model)
    return json.dumps(data, indent=2).encode("utf-8")


# ---- the whole model ------------------------------------------------------------------
_h5_noticed: set = set()


def _notice_h5(filepath: str) -> None:
    """tf.keras-era tutorials save whole models as `.h5` (Keras 3 still accepts it, as a
    legacy HDF5 file). kerasedu accepts the name but writes its own zip format; say so once."""
    if os.path.abspath(filepath) not in _h5_noticed:      # once per file, not every epoch
        _h5_noticed.add(os.path.abspath(filepath))
        print(f"Note: {os.path.basename(filepath)} is saved in kerasedu's .keras format (a zip), "
              f"not HDF5: kerasedu.models.load_model reads it back; real Keras cannot. "
              f"Prefer a name ending in .keras.")


def save_model(model, filepath: Union[str, os.PathLike], overwrite: bool = True, **kwargs) -> None:
    """Save architecture, weights, compile settings and optimizer state to a ``.keras`` file.

    Args:
        model: the model to save.
        filepath: a path ending in ``.keras``.
        overwrite: False raises FileExistsError if the file exists (Keras asks instead).
    """
    filepath = os.fspath(filepath)
    kwargs.pop("zipped", None)            # Keras 3: a .keras file is always a zip here
    if kwargs:
        raise TypeError(f"save_model() got unexpected argument(s) {sorted(kwargs)}. kerasedu "
                        f"saves everything (architecture, weights, optimizer) to one .keras file.")
    if not filepath.endswith((".keras", ".h5")):
        raise ValueError(f"Invalid filepath extension for saving. Please add a `.keras` "
                         f"extension for the native Keras format. Received: filepath={filepath}")
    if filepath.endswith(".h5"):
        _notice_h5(filepath)
    config = serialize_model(model)
    members = {}
    compile_config = model.get_compile_config() if getattr(model, "compiled", False) else None
    if compile_config is not None:
        # the optimizer as it is now: a callback may have changed its learning rate
        compile_config = dict(compile_config, optimizer=optimizers.serialize(model.optimizer))
        if callable(model.optimizer._learning_rate):
            warnings.warn("The optimizer's learning rate is a Python function (a schedule); a "
                          "file cannot hold code, so the loaded model uses its value at step 0.",
                          stacklevel=2)
        config["compile_config"] = json.loads(json.dumps(compile_config, default=_not_json))
        members["optimizer.npz"] = archive.npz_bytes(
            optimizer_to_arrays(model.optimizer, model.trainable_weights))
    members["metadata.json"] = _metadata("kerasedu.keras", model)
    members["config.json"] = json.dumps(config, indent=2).encode("utf-8")
    members["model.weights.npz"] = archive.npz_bytes(weights_to_arrays(model))
    archive.write_archive(filepath, members, overwrite=overwrite)


def load_model(filepath: Union[str, os.PathLike], custom_objects: Optional[dict] = None,
               compile: bool = True, safe_mode: bool = True):
    """The model saved in a ``.keras`` file, compiled and ready to continue training.

    Args:
        filepath: a ``.keras`` file written by ``model.save`` / ``ModelCheckpoint``.
        custom_objects: your own classes and functions by name, e.g.
            ``{"MyLayer": MyLayer, "my_loss": my_loss}``: a file holds only names.
        compile: False skips the optimizer and loss (enough for ``predict``).
        safe_mode: kept for Keras compatibility. kerasedu never runs code from a
            file in either mode; a Lambda layer's function must come from
            ``custom_objects``.

    Loading also restores kerasedu's random generator to its state at the
    save (see training_state.py), so that resumed training is exact.
    """
    filepath = os.fspath(filepath)
    if filepath.endswith(".weights.h5") or not filepath.endswith((".keras", ".h5")):
        raise ValueError(f"File format not supported: filepath={filepath}. kerasedu (like "
                         f"Keras 3) loads models from `.keras` files; weights-only files "
                         f"(`.weights.h5`) go to model.load_weights().")
    with archive.open_archive(filepath, "kerasedu .keras model file") as zf:
        config = archive.read_json(zf, "config.json", filepath)
        metadata = archive.read_json(zf, "metadata.json", filepath, required=False) or {}
        weights = archive.read_npz(zf, "model.weights.npz", filepath)
        optimizer_arrays = archive.read_npz(zf, "optimizer.npz", filepath, required=False)
    model = deserialize_model(config, custom_objects, safe_mode)
    set_weights_from_arrays(model, weights, filepath)
    compile_config = config.get("compile_config")
    if compile and isinstance(compile_config, dict):
        _compile_from_config(model, compile_config, custom_objects, filepath)
        if optimizer_arrays is not None:
            set_optimizer_from_arrays(model.optimizer, model.trainable_weights,
                                      optimizer_arrays, filepath)
    restore_random_state(metadata.get("random_state"), model, filepath)
    return model


def model_from_json(json_string: str, custom_objects: Optional[dict] = None):
    """A new, uncompiled model from ``model.to_json()`` (architecture only, fresh weights)."""
    return deserialize_model(json.loads(json_string), custom_objects)


def _not_json(value):
    raise TypeError(f"compile() settings hold {value!r}, which cannot be saved as JSON.")


def _compile_from_config(model, config: dict, custom_objects, filepath: str) -> None:
    """compile() again with the saved optimizer, loss and metrics."""
    custom_objects = custom_objects or {}
    try:
        optimizer = _optimizer_from_config(config.get("optimizer"), custom_objects)
        model.compile(optimizer=optimizer,
                      loss=_resolve(config.get("loss"), custom_objects, losses_module),
                      loss_weights=config.get("loss_weights"),
                      metrics=_resolve(config.get("metrics"), custom_objects, metrics_module),
                      weighted_metrics=_resolve(config.get("weighted_metrics"), custom_objects,
                                                metrics_module))
    except (ValueError, TypeError, KeyError) as error:
        raise ValueError(f"{filepath}: the model was loaded, but compiling it with the saved "
                         f"settings failed: {error} If the loss or a metric is your own "
                         f"function or class, pass it in custom_objects={{'name': object}}; or "
                         f"load with compile=False and call compile() yourself.") from error


def _optimizer_from_config(config, custom_objects: dict):
    if isinstance(config, dict) and config.get("class_name") in custom_objects:
        return custom_objects[config["class_name"]].from_config(config.get("config", {}))
    return optimizers.get(config)


def _resolve(value, custom_objects: dict, module):
    """Saved loss/metric settings back into names, objects or functions."""
    if isinstance(value, str):
        return custom_objects.get(value, value)
    if isinstance(value, list):
        return [_resolve(v, custom_objects, module) for v in value]
    if isinstance(value, dict) and isinstance(value.get("class_name"), str) and "config" in value:
        name, config = value["class_name"], value["config"]
        cls = custom_objects.get(name)
        if cls is None:
            cls = getattr(module, name, None)
            base = module.Loss if module is losses_module else module.Metric
            if not (isinstance(cls, type) and issubclass(cls, base)):   # never any other name
                raise ValueError(f"Unknown {base.__name__.lower()} class {name!r} in the saved "
                                 f"compile settings.")
        return cls.from_config(config) if hasattr(cls, "from_config") else cls(**config)
    if isinstance(value, dict):
        return {k: _resolve(v, custom_objects, module) for k, v in value.items()}
    return value


# ---- weights only ---------------------------------------------------------------------------
def save_weights(model, filepath: Union[str, os.PathLike], overwrite: bool = True) -> None:
    """Save only the weights, to a file whose name ends in ``.weights.h5``.

    The name is Keras 3's, so your code reads the same in both; the content is
    kerasedu's: a zip with NumPy ``.npz`` data, not HDF5. Real Keras cannot
    read it (and kerasedu cannot read Keras's HDF5 files). To move weights
    between the two, build the same model in both and copy
    ``model.get_weights()`` into ``other.set_weights(...)`` (e.g. via np.savez).
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith(".weights.h5"):
        raise ValueError(f"The filename must end in `.weights.h5`. Received: filepath={filepath}")
    members = {"metadata.json": _metadata("kerasedu.weights", model),
               "model.weights.npz": archive.npz_bytes(weights_to_arrays(model))}
    archive.write_archive(filepath, members, overwrite=overwrite)


def load_weights(model, filepath: Union[str, os.PathLike], skip_mismatch: bool = False,
                 **kwargs) -> None:
    """Load weights saved by ``save_weights`` (``.weights.h5``) or inside a ``.keras`` file.

    Args:
        skip_mismatch: True skips (with a warning) weights whose shape differs.
    """
    filepath = os.fspath(filepath)
    if not filepath.endswith((".weights.h5", ".keras")):
        raise ValueError(f"File format not supported: filepath={filepath}. Keras 3 only "
                         f"supports V3 `.keras` and `.weights.h5` files.")
    with archive.open_archive(filepath, "kerasedu weights file") as zf:
        weights = archive.read_npz(zf, "model.weights.npz", filepath)
    set_weights_from_arrays(model, weights, filepath, skip_mismatch=skip_mismatch)
