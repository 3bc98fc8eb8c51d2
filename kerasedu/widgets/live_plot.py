"""LivePlot: a callback that draws the learning curves while ``fit`` runs.

    model.fit(x, y, epochs=10, validation_split=0.1, callbacks=[LivePlot()])

How it stays smooth: one figure, shown once with a display handle
(``handle = display(image, display_id=True)``); later pictures replace it in
place (``handle.update(image)``). No ``clear_output``, so nothing flickers
and the progress bar and prints of the cell stay. JupyterLab, the classic
notebook and VS Code all understand display handles.

With no front end (a script) nothing is drawn during training; at the end
``live.figure`` holds one static figure and a one-line summary is printed.
"""
from __future__ import annotations

import time
from typing import Optional, Sequence

from kerasedu.callbacks.callback import Callback
from kerasedu.widgets._frontend import in_notebook
from kerasedu.widgets.curves import CurvePlot


class LivePlot(Callback):
    """Live learning curves: loss and metrics, train and validation, every epoch and batch.

    Drawing a PNG takes tens of milliseconds, so updates are throttled: every
    ``update_every`` batches at most, and never sooner than ``min_interval``
    seconds (or 5x the last drawing time, whichever is longer) after the last
    picture, so that drawing costs at most about a sixth of the training time.

    Args:
        update_every: add a point every this many batches (the running mean of
            the epoch so far); 0 = only at the end of each epoch.
        min_interval: seconds between two pictures, at least.
        metrics: which metrics to show (default: all in the logs).
        summary: print the final values when training ends.

    Attributes:
        figure: the matplotlib Figure (the last picture drawn).
        curves: the CurvePlot holding every point.

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> live = LivePlot()
    >>> _ = model.fit(np.ones((8, 2)), np.ones((8, 1)), epochs=2, verbose=0,
    ...               callbacks=[live])  # doctest: +ELLIPSIS
    LivePlot: 2 epochs in ... - loss: ...
    >>> live.figure.axes[0].get_title()
    'loss'
    """

    def __init__(self, update_every: int = 10, min_interval: float = 0.2,
                 metrics: Optional[Sequence[str]] = None, summary: bool = True):
        super().__init__()
        self.update_every = int(update_every)
        self.min_interval = float(min_interval)
        self.metrics = metrics
        self.summary = summary
        self.curves: Optional[CurvePlot] = None
        self.figure = None
        self.draw_count = 0           # pictures sent to the front end (for tests and curiosity)
        self.seconds_drawing = 0.0    # time spent making and sending them

    # ---- callback hooks -----------------------------------------------------
    def on_train_begin(self, logs=None):
        self.curves = CurvePlot(self.metrics)
        self._run = self.curves.start_run("train")
        self._notebook = in_notebook()
        self._handle = None
        self._epoch = 0
        self._epochs_done = 0
        self._last_logs: dict = {}
        self._start = self._last_draw = time.perf_counter()
        self._draw_seconds = 0.0
        self.draw_count = 0
        self.seconds_drawing = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if not self.update_every or (batch + 1) % self.update_every or not logs:
            return
        steps = self.params.get("steps") or (batch + 1)
        self.curves.add_logs(self._run, self._epoch + (batch + 1) / steps, logs, kind="batch")
        self._set_title(logs, partial=True)
        self._maybe_draw()

    def on_epoch_end(self, epoch, logs=None):
        self._epochs_done = epoch + 1
        self._last_logs = dict(logs or {})
        self.curves.add_logs(self._run, epoch + 1, self._last_logs)
        self._set_title(self._last_logs)
        self._maybe_draw()

    def on_train_end(self, logs=None):
        self._draw(final=True)
        if self.summary:
            print(self.summary_text(), flush=True)

    # ---- drawing ---------------------------------------------------------------
    def _maybe_draw(self) -> None:
        wait = max(self.min_interval, 5.0 * self._draw_seconds)
        if time.perf_counter() - self._last_draw >= wait:
            self._draw()

    def _draw(self, final: bool = False) -> None:
        if not self._notebook and not final:
            return                         # a script: no page to update; draw once at the end
        began = time.perf_counter()
        png = self.curves.render_png()
        self.figure = self.curves.figure
        if self._notebook:
            from IPython.display import Image, display
            if self._handle is None:
                self._handle = display(Image(data=png, format="png"), display_id=True)
            else:
                self._handle.update(Image(data=png, format="png"))
            self.draw_count += 1
        self._last_draw = time.perf_counter()
        self.seconds_drawing += self._last_draw - began
        if self.draw_count > 1:       # the first picture also paid for importing matplotlib
            self._draw_seconds = self._last_draw - began

    def _set_title(self, logs: dict, partial: bool = False) -> None:
        epochs = self.params.get("epochs", "?")
        where = f"epoch {self._epoch + 1}/{epochs}" + (" (in progress)" if partial else "")
        values = "  ".join(f"{k} {float(v):.4f}" for k, v in logs.items())
        self.curves.title = f"{where}   {values}"

    def summary_text(self) -> str:
        """One line: how many epochs, how long, and the final value of each metric."""
        seconds = time.perf_counter() - self._start
        epochs = self.params.get("epochs")
        done = f"{self._epochs_done} epochs"
        if epochs and self._epochs_done < epochs:
            done = f"{self._epochs_done} of {epochs} epochs (stopped early)"
        values = " - ".join(f"{k}: {float(v):.4f}" for k, v in self._last_logs.items())
        return f"LivePlot: {done} in {seconds:.1f}s - {values}".rstrip(" -")
