"""One helper every plot uses: a matplotlib Figure that shows itself once in Jupyter.

Why not ``plt.figure()``? A pyplot figure in a notebook is drawn twice (once
as the returned value, once when the cell ends), stays in pyplot's list of
open figures, and pyplot is not safe to call from the playground's training
thread. A bare ``matplotlib.figure.Figure`` has none of these problems, but
Jupyter prints it as text unless pyplot's inline backend happens to be active;
``_repr_png_`` below makes it draw itself as a picture everywhere (JupyterLab,
the classic notebook, VS Code). In a script, save it: ``fig.savefig("x.png")``.

matplotlib is imported here, inside functions, so ``import kerasedu`` needs
NumPy alone.
"""
from __future__ import annotations

import io
from typing import Any

_FIGURE_CLASS = None


def new_figure(figsize: tuple[float, float] = (6.4, 4.8), dpi: int = 100,
               layout: str | None = "constrained") -> Any:
    """A matplotlib Figure that Jupyter displays as a PNG.

    Constrained layout keeps labels from overlapping but draws the figure
    twice; pictures redrawn many times a second pass ``layout=None``.

    >>> fig = new_figure((3, 2))
    >>> fig.get_size_inches().tolist()
    [3.0, 2.0]
    """
    return _figure_class()(figsize=figsize, dpi=dpi, layout=layout)


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
                return to_png(self)

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
