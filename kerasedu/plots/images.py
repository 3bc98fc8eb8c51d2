"""plot_images: a grid of images with their labels; wrong predictions in red."""
from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from kerasedu.plots._figure import as_labels, class_name, new_figure


def plot_images(x, y_true=None, y_pred=None, class_names: Optional[Sequence[str]] = None,
                n: int = 16, ncols: Optional[int] = None, cmap: str = "gray") -> Any:
    """Show the first ``n`` images with their true and predicted labels.

    Each title reads "7" (a label), or "true 7 / pred 1" when predictions are
    given; a wrong prediction's title is red, a right one green, so mistakes
    stand out at a glance.

    Args:
        x: images, (N, H, W), (N, H, W, 1), (N, H, W, 3), or flat (N, H*W) with H == W.
        y_true: labels: ids (N,) or one-hot (N, classes).
        y_pred: predictions: ids (N,) or the model's probabilities (N, classes).
        class_names: a name per class id, e.g. ["T-shirt", "Trouser", ...].
        n: how many images to show.
        ncols: images per row (default: a square-ish grid).
        cmap: colormap for grey images.

    Returns:
        The matplotlib Figure, one axes per image.

    >>> import numpy as np
    >>> x = np.zeros((4, 8, 8), dtype=np.float32)
    >>> fig = plot_images(x, y_true=[0, 1, 2, 3], y_pred=[0, 1, 2, 0])
    >>> [ax.get_title() for ax in fig.axes]
    ['true 0 / pred 0', 'true 1 / pred 1', 'true 2 / pred 2', 'true 3 / pred 0']
    """
    images = _as_images(np.asarray(x))
    count = min(n, len(images))
    if count == 0:
        raise ValueError("plot_images: x has no images.")
    truth = None if y_true is None else as_labels(y_true)
    guess = None if y_pred is None else as_labels(y_pred)
    ncols = ncols or math.ceil(math.sqrt(count))
    nrows = math.ceil(count / ncols)
    fig = new_figure((1.5 * ncols, 1.7 * nrows))
    for i in range(count):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        image = images[i]
        ax.imshow(image, cmap=cmap if image.ndim == 2 else None)
        ax.set_xticks([])
        ax.set_yticks([])
        title, color = _title(i, truth, guess, class_names)
        ax.set_title(title, color=color, fontsize=9)
    return fig


def _title(i: int, truth, guess, class_names) -> tuple[str, str]:
    if guess is None:
        return ("" if truth is None else class_name(truth[i], class_names)), "black"
    if truth is None:
        return f"pred {class_name(guess[i], class_names)}", "black"
    right = int(truth[i]) == int(guess[i])
    text = f"true {class_name(truth[i], class_names)} / pred {class_name(guess[i], class_names)}"
    return text, ("green" if right else "red")


def _as_images(x: np.ndarray) -> np.ndarray:
    """(N, H, W) or (N, H, W, 3) ready for imshow, from the shapes datasets come in."""
    if x.ndim == 2:                                       # flat: (N, H*W)
        side = int(round(math.sqrt(x.shape[1])))
        if side * side != x.shape[1]:
            raise ValueError(f"plot_images: flat images of {x.shape[1]} pixels are not square; "
                             f"reshape x to (N, height, width) first.")
        return x.reshape(len(x), side, side)              # (N, H, W)
    if x.ndim == 4 and x.shape[-1] == 1:
        return x[..., 0]                                  # (N, H, W, 1) -> (N, H, W)
    if x.ndim == 3 or (x.ndim == 4 and x.shape[-1] in (3, 4)):
        if x.ndim == 4 and x.dtype.kind == "f" and x.max() > 1.0:
            return np.clip(x / 255.0, 0.0, 1.0)          # imshow wants floats in [0, 1] for RGB
        return x
    raise ValueError(f"plot_images: expected images of shape (N, H, W), (N, H, W, 1) or "
                     f"(N, H, W, 3), got {x.shape}.")
