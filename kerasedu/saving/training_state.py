"""What a save needs beyond the weights so that training continues *exactly*.

Resuming from a checkpoint should give the very same numbers as never having
stopped. Three things decide the next steps of ``fit``:

1. the weights                                   -> model.weights.npz
2. the optimizer: its step count and its state   -> optimizer.npz
   (Adam's running means m and v, momentum, ...)
3. the random generator: which samples go in which batch next epoch, which
   units Dropout drops.                          -> metadata.json

For 3 we store the state of kerasedu's generator (and of any layer that has
its own, e.g. ``Dropout(seed=...)``), and ``load_model`` puts it back. So
loading a model also moves the library's random generator to where it was at
the save: that is what makes "train 2 epochs, save, load, train 3 more" equal
to "train 5 epochs". (Like PyTorch users who save ``torch.get_rng_state()``
in their checkpoints.)

>>> from kerasedu.utils import random as krandom
>>> state = random_state(model=None)
>>> first = krandom.generator().random()
>>> restore_random_state(state, model=None, filename="example")
>>> krandom.generator().random() == first
True
"""
from __future__ import annotations

import warnings
from typing import Optional

import numpy as np

from kerasedu.utils import random as krandom


def _layers_with_generators(model) -> dict:
    """name -> layer, for every layer (nested too) holding its own NumPy generator."""
    found, stack = {}, list(getattr(model, "_layers", []) or [])
    while stack:
        layer = stack.pop()
        if isinstance(getattr(layer, "_rng", None), np.random.Generator):
            found[layer.name] = layer
        stack.extend(getattr(layer, "_layers", []) or [])
    return found


def random_state(model) -> dict:
    """The generators' states as JSON-friendly dicts (the 128-bit numbers are Python ints)."""
    return {"global": krandom.generator().bit_generator.state,
            "layers": {name: layer._rng.bit_generator.state
                       for name, layer in _layers_with_generators(model).items()}}


def restore_random_state(state: Optional[dict], model, filename: str) -> None:
    """Put the saved generator states back (a file without them changes nothing)."""
    if not isinstance(state, dict):
        return
    targets = [(krandom.generator(), state.get("global"), "kerasedu's random generator")]
    layers = _layers_with_generators(model)
    for name, saved in (state.get("layers") or {}).items():
        if name in layers:
            targets.append((layers[name]._rng, saved, f"layer '{name}''s generator"))
    for generator, saved, what in targets:
        if saved is None:
            continue
        try:
            generator.bit_generator.state = saved
        except (TypeError, ValueError, KeyError) as error:
            warnings.warn(f"{filename}: could not restore {what} ({error}); training will "
                          f"continue correctly but not repeat the original run exactly.",
                          stacklevel=3)
