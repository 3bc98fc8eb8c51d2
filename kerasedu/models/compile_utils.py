"""What ``compile`` sets up: the loss of each output and the metrics to track.

For a model with outputs named "a" and "b", Keras logs

    loss          the weighted sum  w_a * loss_a + w_b * loss_b
    a_loss        loss_a (unweighted), likewise b_loss
    a_accuracy    each output's metrics, prefixed with the output name

For one output there are no prefixes: "loss", "accuracy".
"""
from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from kerasedu import losses as losses_module
from kerasedu import metrics as metrics_module
from kerasedu import ops
from kerasedu.autograd import Tensor


def per_output(argument, output_names: list[str], what: str) -> list:
    """Spread a compile argument over the outputs: one value for all, a list, or a dict."""
    n = len(output_names)
    if isinstance(argument, dict):
        unknown = set(argument) - set(output_names)
        if unknown:
            raise ValueError(f"compile({what}=...) has keys {sorted(unknown)} that are not output "
                             f"names. The model's outputs are: {output_names}.")
        return [argument.get(name) for name in output_names]
    if isinstance(argument, (list, tuple)) and what != "metrics":
        if len(argument) != n:
            raise ValueError(f"compile({what}=...) got a list of {len(argument)} entries, but the "
                             f"model has {n} output(s) {output_names}.")
        return list(argument)
    if what == "metrics" and isinstance(argument, (list, tuple)) and n > 1 \
            and len(argument) == n and all(isinstance(a, (list, tuple)) or a is None for a in argument):
        return [list(a or []) for a in argument]              # one list per output
    return [argument] * n                                     # the same for every output


class _FunctionLoss:
    """A plain function fn(y_true, y_pred) -> per-sample values, used as a loss."""

    def __init__(self, fn):
        self.fn = fn
        self.name = getattr(fn, "__name__", "loss")

    def __call__(self, y_true, y_pred, sample_weight=None) -> Tensor:
        per_sample = self.fn(y_true, y_pred)
        if not isinstance(per_sample, Tensor):
            per_sample = Tensor(per_sample)
        if sample_weight is not None:
            w = np.asarray(sample_weight, dtype=np.float32)
            per_sample = ops.multiply(per_sample, w.reshape(w.shape + (1,) * (per_sample.ndim - w.ndim)))
        return ops.mean(per_sample) if per_sample.ndim else per_sample


class CompileLoss:
    """The total loss of a batch, and the running means fit logs."""

    def __init__(self, loss, loss_weights, output_names: list[str]):
        self.output_names = output_names
        self.losses = []
        for name, spec in zip(output_names, per_output(loss, output_names, "loss")):
            if spec is None:
                self.losses.append(None)        # this output is not trained
                continue
            resolved = losses_module.get(spec)
            if not isinstance(resolved, losses_module.Loss):
                resolved = _FunctionLoss(resolved)
            self.losses.append(resolved)
        weights = per_output(loss_weights if loss_weights is not None else 1.0, output_names, "loss_weights")
        self.weights = [1.0 if w is None else float(w) for w in weights]
        self.trackers = {"loss": metrics_module.Mean("loss")}
        if len(output_names) > 1:
            for name, loss_obj in zip(output_names, self.losses):
                if loss_obj is not None:
                    self.trackers[f"{name}_loss"] = metrics_module.Mean(f"{name}_loss")

    def __call__(self, y_true: list, y_pred: list, sample_weight: list,
                 added_losses: Sequence = ()) -> Tensor:
        """Weighted sum of each output's loss, plus the model's own losses (add_loss,
        regularizers); updates the running means."""
        total = None
        batch = len(y_pred[0])
        several = len(self.output_names) > 1
        for name, loss_obj, w, yt, yp, sw in zip(self.output_names, self.losses, self.weights,
                                                 y_true, y_pred, sample_weight):
            if loss_obj is None:
                continue
            if yt is None:
                raise ValueError(f"The model has a loss for output '{name}' but no target "
                                 f"data (y) was given for it.")
            value = loss_obj(yt, yp, sample_weight=sw)
            if several:
                self.trackers[f"{name}_loss"].update_state(float(value.data), sample_weight=batch)
            weighted = value if w == 1.0 else ops.multiply(value, w)
            total = weighted if total is None else ops.add(total, weighted)
        for extra in added_losses:
            total = extra if total is None else ops.add(total, extra)
        if total is None:
            raise ValueError("There is no loss to minimise: compile() was given no loss and the "
                             "model adds none with add_loss(). Pass one, e.g. "
                             "model.compile(optimizer='adam', loss='mse').")
        self.trackers["loss"].update_state(float(total.data), sample_weight=batch)
        return total

    def get_config(self) -> dict:
        return {"loss": [losses_module.serialize(l) if l is not None else None for l in self.losses],
                "loss_weights": self.weights}


def flat_first(y: list):
    """The first target array that is not None."""
    for a in y:
        if a is not None:
            return a
    raise ValueError("No target data (y) was given.")


class CompileMetrics:
    """Each output's metrics; strings like 'accuracy' are resolved on the first batch."""

    def __init__(self, metrics, output_names: list[str], weighted: bool = False):
        self.output_names = output_names
        self.specs = [list(s) if isinstance(s, (list, tuple)) else ([] if s is None else [s])
                      for s in per_output(metrics or [], output_names, "metrics")]
        self.metrics: Optional[list[list]] = None      # built on the first batch
        self.weighted = weighted

    def build(self, y_true: list, y_pred: list) -> None:
        self.metrics = []
        prefix = len(self.output_names) > 1
        for name, specs, yt, yp in zip(self.output_names, self.specs, y_true, y_pred):
            built = []
            for spec in specs:
                if spec in ("accuracy", "acc"):
                    metric = metrics_module.resolve_accuracy(spec, np.asarray(yt), yp.shape)
                else:
                    metric = metrics_module.get(spec)
                if prefix:
                    metric.name = f"{name}_{metric.name}"
                built.append(metric)
            self.metrics.append(built)

    def update(self, y_true: list, y_pred: list, sample_weight: list) -> None:
        if self.metrics is None:
            self.build(y_true, y_pred)
        for metrics, yt, yp, sw in zip(self.metrics, y_true, y_pred, sample_weight):
            if yt is None:          # no target for this output (the model adds its own loss)
                continue
            for metric in metrics:
                metric.update_state(yt, yp.data, sample_weight=sw if self.weighted else None)

    def all_metrics(self) -> list:
        return [m for ms in (self.metrics or []) for m in ms]

    def reset(self) -> None:
        for metric in self.all_metrics():
            metric.reset_state()
