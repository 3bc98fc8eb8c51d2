"""Playground: train small networks from sliders, watch them learn, compare runs.

    from kerasedu.widgets import Playground
    Playground(dataset="mnist")        # or "fashion_mnist", "moons", "circles", "spirals"

Choose the layers, units, activation, dropout, optimizer, learning rate,
epochs and batch size; press Train. The curves grow while the model trains;
Stop ends the run after the current batch and keeps what it learned. Every
run stays on the same axes and in a table that highlights what you changed,
so you can see what each knob does. On the 2-D toy sets the decision
boundary evolves as in TensorFlow Playground.

Why a thread? A button click reaches the kernel as a message that the kernel
handles only when no cell is running. Training in a background thread lets
the cell finish at once: the kernel stays free, so Stop is heard right away,
and the pictures reach the page through widget updates, which ipywidgets
sends safely from any thread. The alternative, pumping the kernel's message
loop from inside a callback (what the ``jupyter-ui-poll`` package does),
depends on ipykernel internals that changed in ipykernel 7.
"""
from __future__ import annotations

import math
import threading
import time
import traceback
from typing import Optional

from kerasedu.utils.random import set_random_seed
from kerasedu.widgets import views
from kerasedu.widgets.controls import TOY_DATASETS, defaults_for, make_controls, read_settings
from kerasedu.widgets.curves import CurvePlot
from kerasedu.widgets.playground_data import PlaygroundData, load_playground_data
from kerasedu.widgets.runs import Run, runs_table_html
from kerasedu.widgets.trainer import PlaygroundCallback, build_model


class Playground:
    """An interactive training playground (ipywidgets), also drivable from code.

    Args:
        dataset: "mnist", "fashion_mnist", "moons", "circles" or "spirals".
        update_every: redraw the curves every this many batches (at most).
        min_interval: seconds between two pictures, at least.
        **settings: starting values for the controls, e.g. ``epochs=3, units=32``.

    Attributes:
        controls: dict name -> widget (``pg.controls["epochs"].value = 3``).
        runs: one ``Run`` per press of Train: settings, history, test accuracy, model.
        train_button, stop_button, clear_button: the buttons (``.click()`` works).

    >>> pg = Playground(dataset="moons", epochs=3)
    >>> run = pg.train(blocking=True)
    >>> run.epochs_done, len(pg.runs), 0.0 <= run.test_accuracy <= 1.0
    (3, 1, True)
    """

    def __init__(self, dataset: str = "mnist", update_every: int = 20, min_interval: float = 0.25,
                 **settings):
        import ipywidgets as w

        defaults_for(dataset)                       # fails early on an unknown name
        self.dataset = dataset
        self.update_every, self.min_interval = update_every, min_interval
        self.controls = make_controls(dataset, **settings)
        self.runs: list[Run] = []
        self.curves = CurvePlot(metrics=["loss", "accuracy"])
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._data_key, self._data = None, None
        self._last_draw = {"curves": 0.0, "boundary": 0.0}
        self._draw_cost = {"curves": 0.0, "boundary": 0.0}

        self.train_button = w.Button(description="Train", button_style="success", icon="play")
        self.stop_button = w.Button(description="Stop", button_style="danger", icon="stop",
                                    disabled=True)
        self.clear_button = w.Button(description="Clear runs", icon="trash")
        self.train_button.on_click(lambda _: self._on_train_click())
        self.stop_button.on_click(lambda _: self.stop())
        self.clear_button.on_click(lambda _: self.clear())
        self.status = w.HTML(f"Ready: <b>{dataset}</b>. Choose settings and press Train.")
        self.progress = w.IntProgress(value=0, min=0, max=1, description="epochs")
        self.curves_image = w.Image(value=self.curves.render_png(), format="png")
        self.boundary_image = w.Image(format="png")
        self.confusion_image = w.Image(format="png")
        self.samples_image = w.Image(format="png")
        self.results = w.HTML()
        self.runs_table = w.HTML(runs_table_html([]))
        # stable CSS classes, so a browser test (or a stylesheet) can find the parts
        for name in ("train_button", "stop_button", "clear_button", "status", "curves_image",
                     "boundary_image", "confusion_image", "samples_image", "results",
                     "runs_table"):
            getattr(self, name).add_class(f"kerasedu-{name.replace('_', '-')}")
        if self.is_toy:                               # show the points before any training
            self.boundary_image.value = views.boundary_png(None, self._load(self.settings()))
        self.widget = views.layout(self)

    # ---- what a learner calls ------------------------------------------------------
    @property
    def is_toy(self) -> bool:
        return self.dataset in TOY_DATASETS

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def settings(self) -> dict:
        """The current control values."""
        return read_settings(self.controls)

    def train(self, blocking: bool = False) -> Run:
        """Start a run with the current settings (in a background thread).

        Args:
            blocking: wait until the run ends (for scripts and tests). In a
                notebook leave it False, so Stop can be clicked.

        Returns:
            The new ``Run``; it fills in while training goes on.
        """
        if self.running:
            raise RuntimeError("A run is already training: press Stop or wait for it to end.")
        run = Run(number=len(self.runs) + 1, settings=self.settings())
        self.runs.append(run)
        self._stop.clear()
        self._set_running(True)
        self._thread = threading.Thread(target=self._train, args=(run,), daemon=True,
                                        name=f"playground-run-{run.number}")
        self._thread.start()
        if blocking:
            self.wait()
            if run.error:
                raise RuntimeError(f"Run {run.number} failed:\n{run.error}")
        return run

    def stop(self) -> None:
        """Ask the run to stop after its current batch (the history is kept)."""
        if self.running:
            self._stop.set()
            self.status.value += " &nbsp;<i>stopping...</i>"

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Wait for the current run to end; True if it has ended."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def clear(self) -> None:
        """Forget all runs (not while one is training)."""
        if self.running:
            return
        self.runs = []
        self.curves = CurvePlot(metrics=["loss", "accuracy"])
        self.curves_image.value = self.curves.render_png()
        self.runs_table.value = runs_table_html([])
        self.results.value = ""
        for image in (self.confusion_image, self.samples_image):
            image.layout.display = "none"

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)     # show the widget in Jupyter

    # ---- the run, in the training thread ----------------------------------------------
    def _on_train_click(self) -> None:
        if not self.running:          # a double click must not start two runs
            self.train()

    def _train(self, run: Run) -> None:
        began = time.perf_counter()
        curve = None
        try:
            self.status.value = f"<b>run {run.number}</b>: loading {self.dataset}..."
            data = self._load(run.settings)
            set_random_seed(int(run.settings["seed"]))   # same seed: only your change differs
            run.model = build_model(run.settings, data.input_shape, data.num_classes)
            curve = self.curves.start_run(f"run {run.number}")

            def report(kind: str, x: float, logs: dict) -> None:
                self._report(run, curve, data, kind, x, logs)

            callback = PlaygroundCallback(self._stop, run.history, report,
                                          update_every=self.update_every)
            epochs = int(run.settings["epochs"])
            self.progress.max, self.progress.value = epochs, 0
            run.model.fit(data.x_train, data.y_train, validation_data=(data.x_val, data.y_val),
                          epochs=epochs,
                          batch_size=int(run.settings["batch_size"]), verbose=0,
                          callbacks=[callback])
            run.stopped = callback.stopped
            run.seconds = time.perf_counter() - began
            where = f"{'stopped at' if run.stopped else 'done,'} epoch {run.epochs_done}/{epochs}"
            self.status.value = views.status_html(run, where, {k: v[-1] for k, v in
                                                               run.history.items()})
            run.test_loss, run.test_accuracy = run.model.evaluate(data.x_test, data.y_test,
                                                                  batch_size=1024, verbose=0)
            views.show_results(self, run, data)
        except Exception:                                 # shown on the page, kept on the run
            run.error = traceback.format_exc()
            self.status.value = (f"<span style='color:#c00'><b>run {run.number} failed:</b> "
                                 f"{views.escape(run.error.strip().splitlines()[-1])}</span>")
        finally:
            run.seconds = run.seconds or time.perf_counter() - began
            run.finished = True
            if curve is not None:
                self.curves.drop_batches(curve)           # old runs: epoch points only
                self.curves_image.value = self.curves.render_png()
            self.runs_table.value = runs_table_html(self.runs, views.run_colors(self.curves))
            self._set_running(False)

    def _report(self, run: Run, curve: int, data: PlaygroundData, kind: str, x: float,
                logs: dict) -> None:
        """Progress from the callback: record the point, redraw if it is time."""
        self.curves.add_logs(curve, x, logs, kind=kind)
        epochs = int(run.settings["epochs"])
        if kind == "epoch":
            self.progress.value = int(x)
        where = f"epoch {math.ceil(x)}/{epochs}"            # x = 2.5: half-way through epoch 3
        self.curves.title = f"run {run.number}, {where}"
        if self._due("curves"):
            self.status.value = views.status_html(run, where, logs)
            self._timed("curves", lambda: setattr(self.curves_image, "value",
                                                  self.curves.render_png()))
            self.runs_table.value = runs_table_html(self.runs, views.run_colors(self.curves))
        if data.is_2d and kind == "epoch" and self._due("boundary"):
            self._timed("boundary", lambda: setattr(self.boundary_image, "value",
                                                    views.boundary_png(run.model, data, where)))

    # ---- helpers ------------------------------------------------------------------------
    def _due(self, what: str) -> bool:
        """Throttle: wait min_interval s, or 5x the drawing time (drawing takes <= ~1/6 of
        the time), but at most 2 s, so that the picture keeps moving on a slow machine."""
        wait = max(self.min_interval, min(5.0 * self._draw_cost[what], 2.0))
        return time.perf_counter() - self._last_draw[what] >= wait

    def _timed(self, what: str, draw) -> None:
        began = time.perf_counter()
        draw()
        first = self._last_draw[what] == 0.0       # it also paid for imports: do not count it
        self._last_draw[what] = time.perf_counter()
        if not first:
            self._draw_cost[what] = self._last_draw[what] - began

    def _load(self, settings: dict) -> PlaygroundData:
        key = tuple(settings.get(name) for name in ("train_size", "noise", "seed"))
        if key != self._data_key:
            self._data, self._data_key = load_playground_data(self.dataset, settings), key
        return self._data

    def _set_running(self, running: bool) -> None:
        # Each change reaches the browser as its own message: switch off first, then on,
        # so Train and Stop are never both clickable, not even for a moment.
        buttons_off, buttons_on = [self.train_button, self.clear_button], [self.stop_button]
        if not running:
            buttons_off, buttons_on = buttons_on, buttons_off
        for button in buttons_off:
            button.disabled = True
        for button in buttons_on:
            button.disabled = False
