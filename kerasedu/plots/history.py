"""plot_history: the learning curves of a finished ``fit``, train vs validation."""
from __future__ import annotations

import math
from typing import Any, Union

from kerasedu.plots._figure import new_figure


def plot_history(history: Union[Any, dict], metrics: list[str] | None = None,
                 ncols: int = 3) -> Any:
    """Plot loss and each metric per epoch: one axes per metric, train and validation lines.

    A gap between the two lines is the model learning things that do not
    carry over to new data (overfitting); both lines flat and high means the
    model is too small or the learning rate is off.

    Args:
        history: what ``fit`` returned (a ``History``), or its ``.history`` dict,
            e.g. ``{"loss": [...], "val_loss": [...], "accuracy": [...]}``.
        metrics: which metrics to draw (default: every key without "val_").
        ncols: axes per row.

    Returns:
        The matplotlib Figure.

    >>> fig = plot_history({"loss": [1.0, 0.5, 0.3], "val_loss": [1.1, 0.7, 0.6]})
    >>> [(ax.get_title(), [line.get_label() for line in ax.get_lines()]) for ax in fig.axes]
    [('loss', ['train', 'validation'])]
    """
    logs = getattr(history, "history", history)
    if not isinstance(logs, dict) or not logs:
        raise ValueError("plot_history needs the History that fit() returned (or its .history "
                         f"dict with lists of values), got {type(history).__name__}.")
    names = metrics or [key for key in logs if not key.startswith("val_")]
    names = names or [key[len("val_"):] for key in logs]      # only validation keys given
    if metrics is None:   # Keras sorts its logs (accuracy before loss): draw the loss first
        names = sorted(names, key=lambda name: name != "loss")
    epochs = list(getattr(history, "epoch", None) or range(len(next(iter(logs.values())))))
    ncols = min(ncols, len(names))
    nrows = math.ceil(len(names) / ncols)
    from matplotlib.ticker import MaxNLocator

    fig = new_figure((4.0 * ncols, 3.0 * nrows))
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, name in zip(axes, names):
        if name not in logs and f"val_{name}" not in logs:
            raise ValueError(f"plot_history: no metric named '{name}'. The history has: "
                             f"{sorted(logs)}.")
        x = [e + 1 for e in epochs]                        # epochs counted from 1, as printed
        if name in logs:
            ax.plot(x[:len(logs[name])], logs[name], "o-", label="train", markersize=3)
        if f"val_{name}" in logs:
            values = logs[f"val_{name}"]
            # validation_freq=k gives a value every k-th epoch only: epochs k, 2k, ...
            every = max(1, len(x) // max(1, len(values)))
            ax.plot(x[every - 1::every][:len(values)], values, "s--", label="validation",
                    markersize=3)
        ax.set_title(name)
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # no "epoch 1.5" on short runs
        ax.grid(alpha=0.3)
        ax.legend()
    for ax in axes[len(names):]:
        ax.remove()                                        # empty cells of the grid
    return fig
