"""kerasedu: the Keras API in plain NumPy, written to be read.

    import kerasedu as keras
    model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
"""
__version__ = "0.1.0"

from kerasedu import (activations, backend, callbacks, config, constraints, initializers, layers,
                      losses, metrics, models, ops, optimizers, preprocessing, random, regularizers,
                      saving, tree, utils)
from kerasedu.autograd import Tensor, Variable
from kerasedu.layers import Input, Layer
from kerasedu.models import Model, Sequential


def __getattr__(name: str):
    """``kerasedu.datasets``, ``plots`` and ``widgets`` load on first use: the core needs NumPy
    alone, and only a download needs urllib and ssl."""
    if name in ("datasets", "plots", "widgets"):
        import importlib
        module = importlib.import_module(f"kerasedu.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'kerasedu' has no attribute {name!r}")
