"""Runs: what the playground remembers of each training, and the table comparing them."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Optional

from kerasedu.widgets.controls import describe_change


@dataclass
class Run:
    """One press of Train: the settings used and what came out.

    Attributes:
        number: 1 for the first run, 2 for the next, ...
        settings: the control values, e.g. {"units": 64, "learning_rate": 0.001, ...}.
        history: ``{"loss": [...], "val_loss": [...], ...}``, one value per epoch,
            filled while training runs (so a stopped run keeps what it learned).
        stopped: True if Stop ended it before the last epoch.
        test_loss, test_accuracy: on the test set, after training.
        model: the trained model, to look inside (``plots.plot_dense_weights``).
        error: the error message, if training failed.
    """

    number: int
    settings: dict
    history: dict = field(default_factory=dict)
    stopped: bool = False
    finished: bool = False
    test_loss: Optional[float] = None
    test_accuracy: Optional[float] = None
    seconds: float = 0.0
    model: Any = None
    error: Optional[str] = None

    @property
    def epochs_done(self) -> int:
        """How many epochs ended (a stopped epoch counts: its values are recorded)."""
        return len(self.history.get("loss", []))


def changes(previous: Optional[dict], settings: dict) -> list[str]:
    """What differs from the previous run's settings, one phrase per setting.

    >>> changes({"units": 8, "epochs": 5}, {"units": 16, "epochs": 5})
    ['units 8 -> 16']
    >>> changes(None, {"units": 8})
    []
    """
    if previous is None:
        return []
    return [describe_change(name, previous.get(name), value)
            for name, value in settings.items() if previous.get(name) != value]


def runs_table_html(runs: list[Run], colors: Optional[list[str]] = None) -> str:
    """An HTML table: one row per run, changed settings highlighted, the results.

    >>> table = runs_table_html([Run(1, {"units": 8}), Run(2, {"units": 16})])
    >>> "units 8 -&gt; 16" in table
    True
    """
    if not runs:
        return "<i>No runs yet: choose settings and press Train.</i>"
    names = list(runs[0].settings)
    head = "".join(f"<th>{html.escape(n.replace('_', ' '))}</th>" for n in names)
    rows = []
    for i, run in enumerate(runs):
        previous = runs[i - 1].settings if i else None
        swatch = (f"<span style='color:{colors[i]}'>&#9632;</span> " if colors and i < len(colors)
                  else "")
        cells = []
        for name in names:
            value = run.settings.get(name)
            changed = previous is not None and previous.get(name) != value
            text = f"{value:.3g}" if isinstance(value, float) else str(value)
            style = " style='background:#fff3b0;font-weight:bold'" if changed else ""
            cells.append(f"<td{style}>{html.escape(text)}</td>")
        rows.append("<tr>" + f"<td>{swatch}{run.number}</td>" + "".join(cells)
                    + f"<td>{_result(run)}</td>"
                    + f"<td>{html.escape(', '.join(changes(previous, run.settings)) or '-')}</td>"
                    + "</tr>")
    return ("<table style='border-collapse:collapse;font-size:12px' border='1' cellpadding='3'>"
            f"<tr><th>run</th>{head}<th>result</th><th>changed</th></tr>" + "".join(rows)
            + "</table>")


def _result(run: Run) -> str:
    """'12 epochs, val acc 0.953, test acc 0.948' (or the state of a run in progress)."""
    if run.error:
        return "<span style='color:#c00'>failed</span>"
    parts = [f"{run.epochs_done} epoch{'s' if run.epochs_done != 1 else ''}"
             + (" (stopped)" if run.stopped else "")]
    for key, label in (("loss", "loss"), ("val_accuracy", "val acc")):
        if run.history.get(key):
            parts.append(f"{label} {run.history[key][-1]:.3f}")
    if run.test_accuracy is not None:
        parts.append(f"<b>test acc {run.test_accuracy:.3f}</b>")
    elif not run.finished:
        parts.append("training...")
    return ", ".join(parts)
