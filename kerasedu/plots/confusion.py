"""The confusion matrix: for each true class, how often each class was predicted."""
from __future__ import annotations

from typing import Any, Optional, Sequence

import numpy as np

from kerasedu.plots._figure import as_labels, class_name, new_figure


def confusion_matrix(y_true, y_pred, num_classes: Optional[int] = None) -> np.ndarray:
    """Count matrix C: C[i, j] = how many samples of true class i were predicted as j.

    >>> confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2]).tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    truth, guess = as_labels(y_true).ravel(), as_labels(y_pred).ravel()
    if len(truth) != len(guess):
        raise ValueError(f"confusion_matrix: y_true has {len(truth)} labels but y_pred has "
                         f"{len(guess)}; pass one prediction per sample.")
    k = num_classes or int(max(truth.max(initial=0), guess.max(initial=0))) + 1
    if truth.min(initial=0) < 0 or guess.min(initial=0) < 0 or max(truth.max(initial=0),
                                                                    guess.max(initial=0)) >= k:
        raise ValueError(f"confusion_matrix: labels must be class ids 0..{k - 1}.")
    # one bincount over the pair index i * k + j counts every (true, pred) pair at once
    counts = np.bincount(truth * k + guess, minlength=k * k)   # (k*k,)
    return counts.reshape(k, k)                                  # (k, k)


def plot_confusion_matrix(y_true, y_pred, class_names: Optional[Sequence[str]] = None,
                          normalize: bool = False, cmap: str = "Blues") -> Any:
    """Draw the confusion matrix with the count (or fraction) written in each cell.

    The diagonal holds the right answers; a bright cell off the diagonal is a
    pair of classes the model mixes up (for digits, often 4 and 9).

    Args:
        y_true: labels: ids (N,) or one-hot (N, classes).
        y_pred: predictions: ids (N,) or probabilities (N, classes).
        class_names: a name per class id.
        normalize: divide each row by its total: the fraction of each true class.
        cmap: the colormap.

    Returns:
        The matplotlib Figure; its image holds the matrix (``fig.axes[0].images[0]``).

    >>> fig = plot_confusion_matrix([0, 1, 1], [0, 1, 0])
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['1', '0', '1', '1']
    """
    num_classes = len(class_names) if class_names is not None else None
    matrix = confusion_matrix(y_true, y_pred, num_classes)
    shown = matrix.astype(np.float64)
    if normalize:
        totals = matrix.sum(axis=1, keepdims=True)
        shown = shown / np.maximum(totals, 1)                  # a class with no samples: row of 0
    k = len(matrix)
    size = min(1.0 + 0.55 * k, 9.0)
    fig = new_figure((size + 1.2, size))
    ax = fig.add_subplot()
    image = ax.imshow(shown, cmap=cmap, vmin=0.0)
    fig.colorbar(image, ax=ax, fraction=0.046)
    names = [class_name(i, class_names) for i in range(k)]
    ax.set_xticks(range(k), names, rotation=45 if max(len(s) for s in names) > 2 else 0)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title("confusion matrix" + (" (fraction of each true class)" if normalize else ""))
    threshold = shown.max() / 2.0
    for i in range(k):
        for j in range(k):
            text = f"{shown[i, j]:.2f}" if normalize else str(matrix[i, j])
            # white text on dark cells, black on light ones
            ax.text(j, i, text, ha="center", va="center", fontsize=8 if k > 10 else 10,
                    color="white" if shown[i, j] > threshold else "black")
    return fig
