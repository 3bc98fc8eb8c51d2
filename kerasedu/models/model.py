"""Model: a layer that can be compiled and trained.

``Model(inputs, outputs)`` makes a graph model (see functional.py); subclassing
``Model`` and writing ``call`` makes a model from Python code; ``Sequential``
is a stack. All three share compile / fit / evaluate / predict (training.py).
"""
from __future__ import annotations

from typing import Optional

from kerasedu import losses as losses_module
from kerasedu import optimizers
from kerasedu.layers.layer import Layer
from kerasedu.models.compile_utils import CompileLoss, CompileMetrics
from kerasedu.models.training import Trainer


class Model(Trainer, Layer):
    """A trainable stack or graph of layers.

    >>> import kerasedu as keras
    >>> inputs = keras.Input(shape=(4,))
    >>> outputs = keras.layers.Dense(2, activation="softmax")(inputs)
    >>> model = keras.Model(inputs, outputs)
    >>> model.output_shape
    (None, 2)
    """

    # the layers inside convert their own inputs (Embedding wants integer ids)
    _accepts_integer_input = True

    def __new__(cls, *args, **kwargs):
        # Model(inputs, outputs) is a graph model: hand it to Functional
        if cls is Model and (args or "inputs" in kwargs or "outputs" in kwargs):
            from kerasedu.models.functional import Functional
            return Functional(*args, **kwargs)
        return super().__new__(cls)

    def __init__(self, *args, **kwargs):
        super().__init__(**kwargs)
        self.optimizer = None
        self.stop_training = False
        self.history = None

    # ---- compile -------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly: bool = False, steps_per_execution: int = 1,
                jit_compile="auto", auto_scale_loss: bool = True) -> None:
        """Choose how to train: the optimizer, the loss to minimise, the metrics to show.

        Args:
            optimizer: a name ('adam', 'sgd', 'rmsprop', 'adagrad') or an object.
            loss: a name, a Loss object or a function; a list or dict for several outputs.
            loss_weights: how much each output's loss counts in the total.
            metrics: names, objects or functions, e.g. ['accuracy'].
            weighted_metrics: metrics that use sample_weight / class_weight.
        """
        # loss=None is allowed: a model that adds its own loss (add_loss) needs none;
        # fit says so if there is no loss at all.
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self.compiled_loss = CompileLoss(loss, loss_weights, self.output_names)
        self.compiled_metrics = CompileMetrics(metrics, self.output_names)
        self.weighted_metrics_ = CompileMetrics(weighted_metrics, self.output_names, weighted=True)
        self._compile_config = {"optimizer": optimizers.serialize(self.optimizer),
                                "loss": _serialize_nested(loss), "loss_weights": loss_weights,
                                "metrics": _serialize_nested(metrics),
                                "weighted_metrics": _serialize_nested(weighted_metrics)}
        self.compiled = True

    @property
    def metrics_names(self) -> list[str]:
        """'loss', the per-output losses, then the metrics in compile order."""
        if not self.compiled:
            return []
        names = list(self.compiled_loss.trackers)
        names += [m.name for m in self.compiled_metrics.all_metrics()]
        names += [m.name for m in self.weighted_metrics_.all_metrics()]
        return names

    @property
    def metrics(self) -> list:
        if not self.compiled:
            return []
        return (list(self.compiled_loss.trackers.values()) + self.compiled_metrics.all_metrics()
                + self.weighted_metrics_.all_metrics())

    def get_compile_config(self) -> Optional[dict]:
        return getattr(self, "_compile_config", None)

    # ---- outputs and layers -------------------------------------------------
    @property
    def output_names(self) -> list[str]:
        return ["output"]

    @property
    def layers(self) -> list[Layer]:
        return list(self._layers)

    def get_layer(self, name: Optional[str] = None, index: Optional[int] = None) -> Layer:
        """A layer by name or by position in ``model.layers``."""
        if index is not None:
            if not -len(self.layers) <= index < len(self.layers):
                raise ValueError(f"get_layer(index={index}): the model has only "
                                 f"{len(self.layers)} layers.")
            return self.layers[index]
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"No layer named '{name}'. The layers are: "
                         f"{[layer.name for layer in self.layers]}.")

    def summary(self, line_length: Optional[int] = None, print_fn=None, **kwargs) -> None:
        """Print the layers, their output shapes and parameter counts."""
        from kerasedu.models.summary import print_summary
        print_summary(self, line_length=line_length, print_fn=print_fn)

    # ---- saving (implemented in kerasedu.saving) ------------------------------
    def save(self, filepath, overwrite: bool = True, **kwargs) -> None:
        """Save architecture, weights, compile settings and optimizer state to a .keras file."""
        from kerasedu.saving import save_model
        save_model(self, filepath, overwrite=overwrite, **kwargs)

    def save_weights(self, filepath, overwrite: bool = True) -> None:
        from kerasedu.saving import save_weights
        save_weights(self, filepath, overwrite=overwrite)

    def load_weights(self, filepath, **kwargs) -> None:
        from kerasedu.saving import load_weights
        load_weights(self, filepath, **kwargs)

    def to_json(self, **kwargs) -> str:
        import json
        from kerasedu.saving import serialize_model
        return json.dumps(serialize_model(self), **kwargs)


def _serialize_nested(value):
    """Loss/metric arguments as JSON-friendly data (names stay names)."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dict):
        return {k: _serialize_nested(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_serialize_nested(v) for v in value]
    if isinstance(value, losses_module.Loss):
        return losses_module.serialize(value)
    if hasattr(value, "get_config"):
        return {"class_name": type(value).__name__, "config": value.get_config()}
    return getattr(value, "__name__", str(value))
