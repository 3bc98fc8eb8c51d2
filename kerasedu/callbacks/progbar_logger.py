"""The progress bar fit / evaluate / predict print, in the style of Keras 3.

    Epoch 1/5
    1875/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.9263 - loss: 0.2567

verbose=1 redraws one line in place with a carriage return (\r), which works in
a terminal and in Jupyter; verbose=2 prints one line per epoch.
"""
from __future__ import annotations

import sys
import time
from typing import Optional

import numpy as np

from kerasedu.callbacks.callback import Callback


class Progbar:
    """A text progress bar: ``update(current, values)``; redraws at most every 0.05 s."""

    def __init__(self, target: Optional[int], width: int = 20, verbose: int = 1,
                 interval: float = 0.05, stream=None):
        self.target, self.width, self.verbose, self.interval = target, width, verbose, interval
        self.stream = stream
        self.start = time.time()
        self.last_draw = 0.0

    def update(self, current: int, values: Optional[dict] = None, finalize: bool = False) -> None:
        now = time.time()
        if self.verbose == 1 and not finalize and now - self.last_draw < self.interval:
            return                       # printing every batch would cost more than training
        if self.verbose == 2 and not finalize:
            return
        self.last_draw = now
        elapsed = now - self.start
        per_step = elapsed / max(current, 1)
        if self.target is not None:
            progress = f"{current}/{self.target}"
            done = int(self.width * current / self.target) if self.target else self.width
            bar = "━" * done + " " * (self.width - done) if self.verbose == 1 else ""
        else:
            progress, bar = f"{current}", ""
        if finalize or self.target is None:
            timing = f"{_format_time(elapsed)} {_format_step(per_step)}"
        else:
            timing = f"{_format_time(per_step * (self.target - current))} {_format_step(per_step)}"
        metrics = "".join(f" - {k}: {_format_value(v)}" for k, v in (values or {}).items())
        if self.verbose == 2:
            line = f"{progress} - {_format_time(elapsed)} - {_format_step(per_step)}{metrics}"
        else:
            line = f"{progress} {bar} {timing}{metrics}"
        stream = self.stream or sys.stdout
        if self.verbose == 1:
            stream.write("\r" + line + ("\n" if finalize else ""))
        else:
            stream.write(line + "\n")
        stream.flush()


def _format_time(seconds: float) -> str:
    if seconds >= 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(round(seconds))}s"


def _format_step(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.0f}s/step"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/step"
    return f"{seconds * 1e6:.0f}us/step"


def _format_value(value) -> str:
    values = np.asarray(value, dtype=np.float64)
    if values.ndim > 0:                         # one value per threshold: [0.5000, 0.6667]
        return "[" + ", ".join(_format_value(v) for v in values.ravel()) + "]"
    value = float(values)
    return f"{value:.4f}" if abs(value) >= 1e-3 or value == 0 else f"{value:.4e}"


class ProgbarLogger(Callback):
    """Prints "Epoch i/E" and a progress bar while fit / evaluate / predict run."""

    def __init__(self):
        super().__init__()
        self.progbar: Optional[Progbar] = None
        self._in_fit = False

    def _verbose(self) -> int:
        verbose = self.params.get("verbose", 1)
        return 1 if verbose == "auto" else int(verbose)

    def on_train_begin(self, logs=None):
        self._in_fit = True

    def on_train_end(self, logs=None):
        self._in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        if self._verbose() and self.params.get("epochs", 1) > 1:
            print(f"Epoch {epoch + 1}/{self.params['epochs']}", flush=True)
        self.progbar = Progbar(self.params.get("steps"), verbose=self._verbose())

    def on_train_batch_end(self, batch, logs=None):
        if self.progbar is not None:
            self.progbar.update(batch + 1, logs)

    def on_epoch_end(self, epoch, logs=None):
        if self.progbar is not None:
            steps = self.params.get("steps") or 0
            self.progbar.update(self.progbar.target or steps, logs, finalize=True)

    def on_test_begin(self, logs=None):
        if not self._in_fit:
            self.progbar = Progbar(self.params.get("steps"), verbose=self._verbose())

    def on_test_batch_end(self, batch, logs=None):
        if not self._in_fit and self.progbar is not None:
            self.progbar.update(batch + 1, logs)

    def on_test_end(self, logs=None):
        if not self._in_fit and self.progbar is not None:
            self.progbar.update(self.progbar.target or 0, logs, finalize=True)

    def on_predict_begin(self, logs=None):
        self.progbar = Progbar(self.params.get("steps"), verbose=self._verbose())

    def on_predict_batch_end(self, batch, logs=None):
        if self.progbar is not None:
            self.progbar.update(batch + 1)

    def on_predict_end(self, logs=None):
        if self.progbar is not None:
            self.progbar.update(self.progbar.target or 0, finalize=True)
