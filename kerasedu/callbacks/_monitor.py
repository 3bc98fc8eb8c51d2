"""Watching one number in the logs: is it better than before?

ModelCheckpoint, EarlyStopping and ReduceLROnPlateau all watch a quantity
(``monitor="val_loss"``) and ask the same question each epoch. ``mode`` says
which way is better: "min" (a loss), "max" (an accuracy) or "auto" (guess from
the name, as Keras 3 does).

>>> from kerasedu.callbacks._monitor import resolve_mode, is_improvement
>>> resolve_mode("val_loss", "auto", model=None)
'min'
>>> resolve_mode("val_accuracy", "auto", model=None)
'max'
>>> is_improvement(0.30, best=0.31, mode="min", min_delta=0.0)
True
>>> is_improvement(0.30, best=0.31, mode="min", min_delta=0.05)   # not by enough
False
"""
from __future__ import annotations

import warnings
from typing import Optional

# Names of quantities that go up as the model gets better. Keras 3 asks each
# metric object for a ``_direction``; kerasedu's metrics do not carry one, so
# we read the name, which gives the same answer for the built-in metrics.
_HIGHER_IS_BETTER = ("acc", "accuracy", "auc", "precision", "recall", "f1", "iou")
_LOWER_IS_BETTER = ("loss", "error", "crossentropy", "mse", "mae", "mape", "msle",
                    "hinge", "divergence")


def check_mode(mode: str, owner: str) -> str:
    """Keras warns about an unknown mode and falls back to "auto"."""
    if mode not in ("auto", "min", "max"):
        warnings.warn(f"{owner} mode '{mode}' is unknown, fallback to auto mode.", stacklevel=3)
        return "auto"
    return mode


def resolve_mode(monitor: str, mode: str, model=None, owner: str = "Callback",
                 default: Optional[str] = None) -> str:
    """"min" or "max" for ``monitor``; "auto" is decided from the name.

    Rule (Keras 3): strip ``val_``; "loss" -> min; a metric with a direction
    ("up" -> max, "down" -> min); otherwise a ValueError asking for ``mode``.
    kerasedu also treats names ending in "loss" (``out_loss`` of a
    multi-output model) as min, and reads accuracy-like names as max.

    Args:
        monitor: the log key, e.g. "val_loss" or "accuracy".
        mode: "auto", "min" or "max".
        model: the model, whose metric objects may say their direction.
        owner: the callback's name, for the error message.
        default: what to return instead of raising when the name says nothing
            (ReduceLROnPlateau uses "min", as Keras).
    """
    if mode in ("min", "max"):
        return mode
    name = monitor[len("val_"):] if monitor.startswith("val_") else monitor
    if name == "loss" or name.endswith("_loss"):
        return "min"
    for metric in getattr(model, "metrics", None) or []:
        direction = getattr(metric, "_direction", None)
        if getattr(metric, "name", None) == name and direction in ("up", "down"):
            return "max" if direction == "up" else "min"
    words = name.lower().split("_")
    if any(word in _HIGHER_IS_BETTER for word in words):
        return "max"
    if any(word in _LOWER_IS_BETTER for word in words):
        return "min"
    if default is not None:
        return default
    raise ValueError(
        f"{owner} callback received monitor={monitor}, but Keras isn't able to automatically "
        f"determine whether that metric should be maximized or minimized. Pass `mode='max'` "
        f"in order to monitor based on the highest metric value, or pass `mode='min'` in "
        f"order to use the lowest value.")


def is_improvement(current: float, best: Optional[float], mode: str, min_delta: float) -> bool:
    """True if ``current`` beats ``best`` by more than ``min_delta`` (None: nothing yet).

    min:  current < best - min_delta        max:  current > best + min_delta
    """
    if best is None:
        return True
    if mode == "min":
        return current + abs(min_delta) < best
    return current - abs(min_delta) > best


def monitored_number(value, monitor: str, owner: str) -> float:
    """The watched log value as one float; a clear error for a metric that logs several.

    A metric with several thresholds, e.g. Precision(thresholds=[0.3, 0.7]), logs a
    list (one value per threshold), and a callback cannot tell which one to watch.

    >>> monitored_number(0.25, "val_loss", "EarlyStopping")
    0.25
    """
    if isinstance(value, (list, tuple)) or getattr(value, "size", 1) != 1:
        raise ValueError(
            f"{owner} watches one number, but monitor='{monitor}' logs {len(value)} values "
            f"({value}), one per threshold of a metric with several thresholds. Watch a metric "
            f"with a single threshold, e.g. metrics=[keras.metrics.Precision(thresholds=0.5, "
            f"name='precision_05')] and monitor='val_precision_05'.")
    return float(value)


def initial_best(mode: str) -> float:
    """The worst possible value, so the first epoch always counts as better."""
    return float("inf") if mode == "min" else -float("inf")
