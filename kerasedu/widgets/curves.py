"""CurvePlot: learning curves of one or more runs, updated in place and drawn to PNG.

Redrawing a whole figure for every new point is slow and, with
``clear_output``, flickers. Here each series is one matplotlib Line2D whose
data we replace (``line.set_data``); the figure is drawn to PNG bytes, which
a display handle or an ``ipywidgets.Image`` shows in place.

One axes per metric (loss, accuracy, ...). For each run, in its own color:
    - epoch-end training values (solid line, dots),
    - validation values (dashed line, squares),
    - the running mean inside the current epoch, every few batches (thin, faint).
"""
from __future__ import annotations

import threading
from typing import Optional, Sequence

from kerasedu.plots._figure import new_figure, to_png

_STYLES = {"train": dict(linestyle="-", marker="o", markersize=3, linewidth=1.6),
           "val": dict(linestyle="--", marker="s", markersize=3, linewidth=1.4),
           "batch": dict(linestyle="-", linewidth=0.8, alpha=0.35)}


class CurvePlot:
    """Learning curves for several runs on shared axes.

    Args:
        metrics: the metrics to show, e.g. ["loss", "accuracy"]; default: each
            one as it first appears in the logs.
        height: inches per row of axes.
        dpi: resolution of the PNG.

    >>> curves = CurvePlot()
    >>> run = curves.start_run("run 1")
    >>> curves.add_logs(run, 1.0, {"loss": 0.9, "val_loss": 1.0})
    >>> curves.add_logs(run, 2.0, {"loss": 0.5, "val_loss": 0.7})
    >>> curves.render_png()[:4]
    b'\\x89PNG'
    >>> curves.figure.axes[0].get_title(), len(curves.figure.axes[0].get_lines())
    ('loss', 2)
    """

    def __init__(self, metrics: Optional[Sequence[str]] = None, height: float = 2.8, dpi: int = 80):
        self.metrics = list(metrics) if metrics else []
        self._fixed_metrics = bool(metrics)
        self.height, self.dpi = height, dpi
        self.runs: list[dict] = []
        self.figure = None
        self.title = ""
        self._axes: dict[str, object] = {}
        self._lock = threading.Lock()        # the training thread adds points while others read

    def start_run(self, label: str, color: Optional[str] = None) -> int:
        """Begin a new run (a new color); returns its index for ``add_logs``."""
        from matplotlib import colormaps
        with self._lock:
            color = color or colormaps["tab10"](len(self.runs) % 10)
            self.runs.append({"label": label, "color": color, "points": {}, "lines": {}})
            return len(self.runs) - 1

    def add_logs(self, run: int, x: float, logs: dict, kind: str = "epoch") -> None:
        """Add the values in ``logs`` at position x (in epochs).

        Args:
            run: the index from ``start_run``.
            x: where on the epoch axis, e.g. 3.0 after epoch 3, 2.5 half-way through epoch 3.
            logs: ``{"loss": ..., "val_loss": ..., "accuracy": ...}`` as callbacks receive them.
            kind: "epoch" for end-of-epoch values, "batch" for the running mean inside one.
        """
        with self._lock:
            points = self.runs[run]["points"]
            for key, value in logs.items():
                is_val = key.startswith("val_")
                metric = key[4:] if is_val else key
                if metric not in self.metrics:
                    if self._fixed_metrics:
                        continue
                    self.metrics.append(metric)
                series = "batch" if kind == "batch" else ("val" if is_val else "train")
                if series == "batch" and is_val:
                    continue
                xs, ys = points.setdefault((metric, series), ([], []))
                xs.append(float(x))
                ys.append(float(value))

    def drop_batches(self, run: int) -> None:
        """Forget a run's within-epoch points (keeps old runs uncluttered)."""
        with self._lock:
            points = self.runs[run]["points"]
            for key in [k for k in points if k[1] == "batch"]:
                del points[key]

    def render_png(self) -> bytes:
        """Update the lines from the points and draw the figure as PNG bytes."""
        with self._lock:
            self._update_figure()
            return to_png(self.figure, dpi=self.dpi)

    # ---- drawing ---------------------------------------------------------------
    def _update_figure(self) -> None:
        metrics = self.metrics or ["loss"]
        if self.figure is None or list(self._axes) != metrics:
            self._new_layout(metrics)         # a new metric appeared: new axes, new lines
        for run in self.runs:
            for (metric, series), (xs, ys) in run["points"].items():
                line = run["lines"].get((metric, series))
                if line is None:
                    (line,) = self._axes[metric].plot([], [], color=run["color"], **_STYLES[series])
                    run["lines"][(metric, series)] = line
                line.set_data(xs, ys)         # in place: no new artists, no flicker
                if series != "batch":         # markers help on 10 epochs, hide the line on 300
                    line.set_marker(_STYLES[series]["marker"] if len(xs) <= 40 else "")
            for key in [k for k in run["lines"] if k not in run["points"]]:
                run["lines"].pop(key).remove()
        for ax in self._axes.values():
            ax.relim()
            ax.autoscale_view()
        self._legend()
        self.figure.suptitle(self.title, fontsize=10)

    def _new_layout(self, metrics: list[str]) -> None:
        from matplotlib.ticker import MaxNLocator
        # fixed margins, not constrained layout: that would draw every picture twice
        self.figure = new_figure((4.2 * len(metrics), self.height), dpi=self.dpi, layout=None, show=False)
        self.figure.subplots_adjust(left=0.36 / len(metrics) / 2.1, right=0.98, bottom=0.17,
                                    top=0.82, wspace=0.22)
        axes = self.figure.subplots(1, len(metrics), squeeze=False)[0]
        self._axes = dict(zip(metrics, axes))
        for metric, ax in self._axes.items():
            ax.set_title(metric, fontsize=10)
            ax.set_xlabel("epoch")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))   # epochs 1, 2, 3, not 1.25
            ax.grid(alpha=0.3)
        for run in self.runs:
            run["lines"] = {}                  # lines belonged to the old axes

    def _legend(self) -> None:
        from matplotlib.lines import Line2D
        handles = [Line2D([], [], color=run["color"], linewidth=2, label=run["label"])
                   for run in self.runs[-8:]]            # the last 8 runs, to keep it readable
        handles += [Line2D([], [], color="gray", label="train", **_STYLES["train"]),
                    Line2D([], [], color="gray", label="validation", **_STYLES["val"])]
        first = next(iter(self._axes.values()))
        first.legend(handles=handles, fontsize=7, loc="best")
