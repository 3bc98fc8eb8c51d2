"""plot_decision_boundary: which class a 2-D model predicts at every point of the plane."""
from __future__ import annotations

from typing import Any, Optional

import numpy as np

from kerasedu.plots._figure import as_labels, new_figure

CLASS_COLORS = ["#e8743b", "#1f77b4", "#2ca02c", "#9467bd", "#d62728", "#8c564b"]


def boundary_grid(x: np.ndarray, resolution: int = 100, margin: float = 0.5):
    """A (resolution x resolution) grid of points covering the data, plus its axes.

    >>> xx, yy, points = boundary_grid(np.array([[0.0, 0.0], [1.0, 2.0]]), resolution=3)
    >>> points.shape, points.dtype
    ((9, 2), dtype('float32'))
    """
    low, high = x.min(axis=0) - margin, x.max(axis=0) + margin        # (2,), (2,)
    xx, yy = np.meshgrid(np.linspace(low[0], high[0], resolution, dtype=np.float32),
                         np.linspace(low[1], high[1], resolution, dtype=np.float32))
    points = np.stack([xx.ravel(), yy.ravel()], axis=1)                 # (res*res, 2)
    return xx, yy, points


def draw_decision_boundary(ax, model, x: np.ndarray, y=None, resolution: int = 100) -> None:
    """Draw on an existing axes: shaded predicted class (darker = more confident), data on top."""
    from matplotlib.colors import to_rgb

    xx, yy, points = boundary_grid(x, resolution)
    probs = np.asarray(model.predict(points, batch_size=4096, verbose=0))
    if probs.shape[-1] == 1:                      # one sigmoid unit: P(class 1)
        probs = np.concatenate([1.0 - probs, probs], axis=1)
    winner = probs.argmax(axis=1)                  # (res*res,)
    confidence = probs.max(axis=1)
    k = probs.shape[1]
    colors = np.array([to_rgb(CLASS_COLORS[c % len(CLASS_COLORS)]) for c in range(k)])
    # fade each class color to white as confidence falls to chance (1 / k)
    strength = np.clip((confidence - 1.0 / k) / (1.0 - 1.0 / k), 0.0, 1.0)[:, None] * 0.6
    rgb = 1.0 - strength * (1.0 - colors[winner])  # (res*res, 3)
    ax.imshow(rgb.reshape(resolution, resolution, 3), origin="lower", interpolation="bilinear",
              extent=(xx.min(), xx.max(), yy.min(), yy.max()), aspect="auto")
    if k == 2:                                     # the boundary itself: P = 0.5
        ax.contour(xx, yy, probs[:, 1].reshape(resolution, resolution), levels=[0.5],
                   colors="#333", linewidths=1.0)
    if y is not None:
        labels = as_labels(y)
        for c in np.unique(labels):
            chosen = labels == c
            ax.scatter(x[chosen, 0], x[chosen, 1], s=10, color=CLASS_COLORS[int(c) % 6],
                       edgecolors="white", linewidths=0.4, label=f"class {c}")
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())


def plot_decision_boundary(model, x, y=None, resolution: int = 100,
                           title: Optional[str] = None) -> Any:
    """Color the plane by the class the model predicts, as TensorFlow Playground does.

    Args:
        model: a model taking 2 features and giving class probabilities (N, k) or (N, 1).
        x: the data points, (N, 2).
        y: their labels (drawn as dots colored by class), optional.
        resolution: grid points per side.
        title: the axes title.

    Returns:
        The matplotlib Figure.

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.Input(shape=(2,)),
    ...                           keras.layers.Dense(2, activation="softmax")])
    >>> x = np.random.default_rng(0).normal(size=(20, 2)).astype(np.float32)
    >>> fig = plot_decision_boundary(model, x, np.arange(20) % 2, resolution=20)
    >>> len(fig.axes[0].collections) >= 2      # the 0.5 contour and the dots
    True
    """
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"plot_decision_boundary draws 2-D data: x must be (N, 2), got {x.shape}.")
    fig = new_figure((4.5, 4.0))
    ax = fig.add_subplot()
    draw_decision_boundary(ax, model, x, y, resolution)
    ax.set_title(title or "decision boundary")
    return fig
