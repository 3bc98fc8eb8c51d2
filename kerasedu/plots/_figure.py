"""One helper every plot uses: a matplotlib Figure that shows itself once in Jupyter.

Why not ``plt.figure()``? A pyplot figure in a notebook is drawn twice (once
as the returned value, once when the cell ends), stays in pyplot's list of
open figures, and pyplot is not safe to call from the playground's training
thread. A bare ``matplotlib.figure.Figure`` has none of these problems, but
on its own Jupyter would show it only as the cell's last value.

So we do what pyplot's inline backend does, without pyplot: a figure made in
a notebook (on the main thread) is shown when the cell ends, unless the cell
already showed it as its value. ``fig = plot_history(h)``, ``plot_history(h)``
and ``plot_history(h); plt.show()`` all show it exactly once, and changes made
to ``fig`` later in the same cell are in the picture. In a script, save it:
``fig.savefig("x.png")``.

matplotlib is imported here, inside functions, so ``import kerasedu`` needs
NumPy alone.
"""
from __future__ import annotations

import io
from typing import Any

_FIGURE_CLASS = None


def new_figure(figsize: tuple[float, float] = (6.4, 4.8), dpi: int | None = None,
               layout: str | None = "constrained", show: bool = True) -> Any:
    """A matplotlib Figure that Jupyter displays as a PNG.

    Args:
        figsize: width and height in inches.
        dpi: dots per inch; None follows matplotlib's ``rcParams["figure.dpi"]``.
        layout: "constrained" keeps labels from overlapping but draws the figure
            twice; pictures redrawn many times a second pass None.
        show: show it when the notebook cell ends (False for pictures the
            widgets turn into PNG themselves).

    >>> fig = new_figure((3, 2))
    >>> fig.get_size_inches().tolist()
    [3.0, 2.0]
    """
    if dpi is None:
        from matplotlib import rcParams
        dpi = rcParams["figure.dpi"]
    fig = _figure_class()(figsize=figsize, dpi=dpi, layout=layout)
    if show:
        _show_when_the_cell_ends(fig)
    return fig


_pending: list = []           # figures made in the running cell, not shown yet
_hook_registered = False


def _show_when_the_cell_ends(fig) -> None:
    """In a notebook, on the main thread: display ``fig`` after the cell, if nothing did."""
    global _hook_registered
    import threading
    if threading.current_thread() is not threading.main_thread():
        return                                  # the playground's thread shows its own pictures
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "kernel"):
        return                                  # a script or a terminal IPython: nothing to show in
    if not _hook_registered:
        shell.events.register("post_run_cell", _show_pending)
        _hook_registered = True
    _pending.append(fig)


def _show_pending(*args) -> None:
    from IPython.display import display
    figures = list(_pending)
    _pending.clear()
    for fig in figures:
        if not getattr(fig, "_kerasedu_shown", False):
            display(fig)


def to_png(fig, dpi: int | None = None) -> bytes:
    """The figure drawn as PNG bytes (with the Agg renderer, no screen needed)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, facecolor="white")
    return buffer.getvalue()


def _figure_class():
    """Make the Figure subclass on first use, so matplotlib is imported only then."""
    global _FIGURE_CLASS
    if _FIGURE_CLASS is None:
        from matplotlib.figure import Figure

        class KerasEduFigure(Figure):
            """A matplotlib Figure with a PNG picture for Jupyter."""

            def _repr_png_(self) -> bytes:
                self._kerasedu_shown = True     # shown as the cell's value: not again at its end
                return to_png(self)

            def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
                # IPython asks this before matplotlib's own Figure formatter (registered once
                # pyplot's inline backend starts), so the "already shown" mark is always set.
                return {"image/png": self._repr_png_(), "text/plain": repr(self)}

        _FIGURE_CLASS = KerasEduFigure
    return _FIGURE_CLASS


def as_labels(y) -> Any:
    """Class ids from labels: integers stay, one-hot rows or probabilities become argmax.

    >>> import numpy as np
    >>> as_labels(np.array([[0.1, 0.9], [0.8, 0.2]])).tolist()
    [1, 0]
    >>> as_labels([3, 1]).tolist()
    [3, 1]
    """
    import numpy as np
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:       # one-hot or probabilities: (N, classes)
        return np.argmax(y, axis=1)
    if y.ndim == 2 and y.shape[1] == 1:      # (N, 1): a sigmoid output or a column of ids
        y = y[:, 0]
        if y.dtype.kind == "f" and np.all((y >= 0) & (y <= 1)) and not np.all(y == np.round(y)):
            return (y > 0.5).astype(np.int64)
    return y.astype(np.int64) if y.dtype.kind in "fb" else y


def class_name(label, class_names) -> str:
    """'cat' from 3 and a list of names, or '3' without names."""
    if class_names is not None and 0 <= int(label) < len(class_names):
        return str(class_names[int(label)])
    return str(label)
