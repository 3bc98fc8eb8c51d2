"""How the playground looks: its layout, and the pictures and text it shows."""
from __future__ import annotations

import html
from typing import Optional

import numpy as np

from kerasedu.plots._figure import new_figure, to_png
from kerasedu.plots.confusion import plot_confusion_matrix
from kerasedu.plots.decision_boundary import CLASS_COLORS, draw_decision_boundary
from kerasedu.plots.images import plot_images

escape = html.escape


def layout(pg):
    """Controls on the left; status and curves on the right; results and runs below."""
    import ipywidgets as w

    buttons = w.HBox([pg.train_button, pg.stop_button, pg.clear_button])
    for button in buttons.children:
        button.layout = w.Layout(width="108px")
    left = w.VBox([w.HTML(f"<b>Model and training</b> &middot; {escape(pg.dataset)}"),
                   *pg.controls.values(), buttons], layout=w.Layout(width="345px"))
    right = w.VBox([pg.status, pg.progress, pg.curves_image], layout=w.Layout(flex="1"))
    pictures = [pg.boundary_image] if pg.is_toy else []
    pictures += [pg.confusion_image, pg.samples_image]
    for image in pictures:
        # hidden until there is something to show (an empty image shows as "broken")
        image.layout = w.Layout(max_width="100%", margin="0 8px 0 0",
                                display=None if image.value else "none")
    return w.VBox([w.HBox([left, right]), pg.results, w.HBox(pictures),
                   w.HTML("<b>Runs</b> (changes from the run before are highlighted)"),
                   pg.runs_table])


def status_html(run, where: str, logs: dict) -> str:
    """'run 2 · epoch 3/10 · loss 0.2345 · accuracy 0.9123 ...' for the status line.

    >>> from kerasedu.widgets.runs import Run
    >>> status_html(Run(2, {}), "epoch 3/10", {"loss": 0.5})
    '<b>run 2</b> &middot; <b>epoch 3/10</b> &middot; loss 0.5000'
    """
    values = " &middot; ".join(f"{escape(k)} {float(v):.4f}" for k, v in logs.items())
    return f"<b>run {run.number}</b> &middot; <b>{where}</b> &middot; {values}"


def run_colors(curves) -> list[str]:
    """The color of each run's curves, as CSS colors for the runs table."""
    from matplotlib.colors import to_hex
    return [to_hex(run["color"]) for run in curves.runs]


def boundary_png(model, data, title: Optional[str] = None) -> bytes:
    """The decision boundary over the training points (just the points before training).

    Redrawn many times while training, so it is kept cheap: fixed margins
    (constrained layout would draw it twice) and no ticks (ticks cost the most).
    """
    fig = new_figure((3.8, 3.8), dpi=70, layout=None, show=False)
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.92)
    ax = fig.add_subplot()
    ax.set_xticks([])
    ax.set_yticks([])
    if model is None:
        for c in range(data.num_classes):
            chosen = data.y_train == c
            ax.scatter(data.x_train[chosen, 0], data.x_train[chosen, 1], s=10,
                       color=CLASS_COLORS[c], edgecolors="white", linewidths=0.4)
        ax.set_title("training data (press Train)", fontsize=10)
    else:
        draw_decision_boundary(ax, model, data.x_train, data.y_train, resolution=80)
        ax.set_title(f"decision boundary, {title}", fontsize=10)
    return to_png(fig)


def show_results(pg, run, data) -> None:
    """After a run: test accuracy, confusion matrix, sample predictions (or final boundary)."""
    probs = run.model.predict(data.x_test, batch_size=1024, verbose=0)      # (N, classes)
    predicted = probs.argmax(axis=1)
    wrong = int(np.sum(predicted != data.y_test))
    stopped = " (stopped early)" if run.stopped else ""
    pg.results.value = (f"<b>Run {run.number}{stopped}: test accuracy "
                        f"{run.test_accuracy:.4f}</b> (loss {run.test_loss:.4f}): {wrong} of "
                        f"{len(data.y_test)} test samples wrong; {run.epochs_done} epochs in "
                        f"{run.seconds or 0:.1f} s.")
    fig = plot_confusion_matrix(data.y_test, predicted, class_names=data.class_names
                                or [str(c) for c in range(data.num_classes)])
    fig.set_size_inches(5.4 if data.num_classes > 3 else 3.6, 4.6 if data.num_classes > 3 else 3.0)
    pg.confusion_image.value = to_png(fig, dpi=70)
    fig._kerasedu_shown = True      # it lives in the widget: not again when the cell ends
    pg.confusion_image.layout.display = None
    if data.is_2d:
        title = f"run {run.number}, test accuracy {run.test_accuracy:.3f}"
        pg.boundary_image.value = boundary_png(run.model, data, title)
    else:
        # the first few test images and the first few mistakes, red when wrong
        mistakes = np.flatnonzero(predicted[10:] != data.y_test[10:])[:6] + 10
        chosen = np.concatenate([np.arange(10), mistakes])
        fig = plot_images(data.x_test[chosen], data.y_test[chosen], predicted[chosen],
                          class_names=data.class_names, n=16, ncols=8)
        pg.samples_image.value = to_png(fig, dpi=70)
        fig._kerasedu_shown = True
        pg.samples_image.layout.display = None
