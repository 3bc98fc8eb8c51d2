"""Looking inside a trained layer: Dense weights as images, Conv2D filters as small tiles.

Blue and red use one symmetric color scale (white = 0), so a unit's picture
reads as "this pixel pushes the unit up (red) or down (blue)".
"""
from __future__ import annotations

import math
from typing import Any, Optional

import numpy as np

from kerasedu.plots._figure import new_figure


def plot_dense_weights(layer, image_shape: tuple[int, int] = (28, 28), n: int = 32,
                       ncols: int = 8, cmap: str = "RdBu_r") -> Any:
    """Each unit's incoming weights, reshaped to the input image: what the unit looks for.

    For the first Dense layer after ``Flatten`` on MNIST, the kernel is (784, units);
    column j reshaped to 28x28 is the template unit j matches the image against.

    Args:
        layer: a built Dense layer whose input is a flattened image.
        image_shape: the shape the inputs came from, e.g. (28, 28) or (32, 32, 3)
            (a colour input shows the mean over the channels).
        n: how many units to show (the first n).
        ncols: images per row.
        cmap: a diverging colormap (the middle color is 0).

    Returns:
        The matplotlib Figure, one axes per unit titled "unit j", then the colorbar.

    >>> import numpy as np, kerasedu as keras
    >>> dense = keras.layers.Dense(3)
    >>> _ = dense(np.zeros((1, 16), dtype=np.float32))
    >>> [ax.get_title() for ax in plot_dense_weights(dense, image_shape=(4, 4)).axes]
    ['unit 0', 'unit 1', 'unit 2', '']
    """
    kernel = _kernel(layer, ndim=2, what="a Dense layer")       # (in, units)
    if kernel.shape[0] != int(np.prod(image_shape)):
        raise ValueError(
            f"plot_dense_weights: layer '{layer.name}' has {kernel.shape[0]} inputs, but "
            f"image_shape={tuple(image_shape)} has {int(np.prod(image_shape))} pixels. Pass the "
            f"shape of the images that were flattened into this layer.")
    count = min(n, kernel.shape[1])
    templates = kernel[:, :count].T.reshape((count,) + tuple(image_shape))   # (count, H, W[, C])
    if templates.ndim == 4:
        templates = templates.mean(axis=-1)                     # colour: average the channels
    limit = float(np.abs(templates).max()) or 1.0               # one symmetric scale for all
    ncols = min(ncols, count)
    nrows = math.ceil(count / ncols)
    fig = new_figure((1.3 * ncols + 0.8, 1.4 * nrows + 0.4))
    axes = [fig.add_subplot(nrows, ncols, j + 1) for j in range(count)]
    for j, ax in enumerate(axes):
        image = ax.imshow(templates[j], cmap=cmap, vmin=-limit, vmax=limit)
        ax.set_title(f"unit {j}", fontsize=8)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
    fig.suptitle(f"{layer.name}: incoming weights of each unit", fontsize=10)
    return fig


def plot_conv_filters(layer, n: int = 32, max_inputs: int = 8, cmap: str = "RdBu_r") -> Any:
    """The filters of a Conv2D layer: kernel (kh, kw, in_channels, filters).

    * 1 input channel (grey images): one tile per filter.
    * 3 input channels (colour images): each filter as a colour picture, its
      weights scaled to [0, 1] (the way AlexNet's first filters are shown).
    * more channels (a deeper layer): a grid, one row per input channel
      (the first ``max_inputs``), one column per filter.

    Args:
        layer: a built Conv2D layer.
        n: how many filters to show (the first n).
        max_inputs: at most this many input-channel rows for deep layers.
        cmap: a diverging colormap for single-channel tiles.

    Returns:
        The matplotlib Figure, one axes per tile; first-row tiles titled "filter j".

    >>> import numpy as np
    >>> from kerasedu.layers.conv import Conv2D
    >>> conv = Conv2D(8, 3)
    >>> _ = conv(np.zeros((1, 28, 28, 1), dtype=np.float32))
    >>> len(plot_conv_filters(conv).axes)          # 8 filters and a colorbar
    9
    """
    kernel = _kernel(layer, ndim=4, what="a Conv2D layer")      # (kh, kw, in, filters)
    kh, kw, channels, filters = kernel.shape
    count = min(n, filters)
    limit = float(np.abs(kernel).max()) or 1.0
    if channels == 3:                                           # colour filters
        ncols = min(8, count)
        nrows = math.ceil(count / ncols)
        fig = new_figure((1.1 * ncols, 1.3 * nrows + 0.4))
        for j in range(count):
            ax = fig.add_subplot(nrows, ncols, j + 1)
            w = kernel[:, :, :, j]                              # (kh, kw, 3)
            ax.imshow((w - w.min()) / (np.ptp(w) or 1.0))        # stretch to [0, 1] for RGB
            _tile(ax, f"filter {j}")
    elif channels == 1:
        ncols = min(8, count)
        nrows = math.ceil(count / ncols)
        fig = new_figure((1.1 * ncols + 0.8, 1.3 * nrows + 0.4))
        axes = [fig.add_subplot(nrows, ncols, j + 1) for j in range(count)]
        for j, ax in enumerate(axes):
            image = ax.imshow(kernel[:, :, 0, j], cmap=cmap, vmin=-limit, vmax=limit)
            _tile(ax, f"filter {j}")
        fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
    else:                                                       # rows: inputs, columns: filters
        count = min(count, 16)
        rows = min(channels, max_inputs)
        fig = new_figure((0.9 * count + 0.9, 0.9 * rows + 0.6))
        axes = fig.subplots(rows, count, squeeze=False)
        for c in range(rows):
            for j in range(count):
                ax = axes[c, j]
                image = ax.imshow(kernel[:, :, c, j], cmap=cmap, vmin=-limit, vmax=limit)
                _tile(ax, f"filter {j}" if c == 0 else "")
            axes[c, 0].set_ylabel(f"in {c}", fontsize=7)
        fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
    fig.suptitle(f"{layer.name}: {count} of {filters} filters, {kh}x{kw}, "
                 f"{channels} input channel{'s' if channels > 1 else ''}", fontsize=10)
    return fig


def _tile(ax, title: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=7)


def _kernel(layer, ndim: int, what: str) -> np.ndarray:
    """The layer's kernel as a NumPy array, with an error a learner can act on."""
    if not getattr(layer, "built", False) or not layer.weights:
        raise ValueError(f"Layer '{getattr(layer, 'name', layer)}' has no weights yet: build the "
                         f"model (give it an input shape) or train it first.")
    kernel = getattr(layer, "kernel", None)
    kernel = np.asarray(kernel.data if kernel is not None else layer.get_weights()[0])
    if kernel.ndim != ndim:
        raise ValueError(f"Expected {what} with a {ndim}-D kernel, but layer '{layer.name}' "
                         f"({type(layer).__name__}) has a kernel of shape {kernel.shape}.")
    return kernel
