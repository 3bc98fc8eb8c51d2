"""Pictures of data, training and models, drawn with matplotlib.

Every function returns a matplotlib Figure: Jupyter shows it, a script saves it
with ``fig.savefig("name.png")``. matplotlib is imported only when a function
runs, so ``import kerasedu`` needs NumPy alone.

>>> from kerasedu import plots
>>> fig = plots.plot_history({"loss": [0.9, 0.5], "val_loss": [1.0, 0.7]})
>>> fig.axes[0].get_title()
'loss'
"""
from kerasedu.plots.activations import layer_outputs, plot_activations
from kerasedu.plots.confusion import confusion_matrix, plot_confusion_matrix
from kerasedu.plots.decision_boundary import plot_decision_boundary
from kerasedu.plots.history import plot_history
from kerasedu.plots.images import plot_images
from kerasedu.plots.model_graph import model_graph, plot_model
from kerasedu.plots.weights import plot_conv_filters, plot_dense_weights

__all__ = ["confusion_matrix", "layer_outputs", "model_graph", "plot_activations",
           "plot_confusion_matrix", "plot_conv_filters", "plot_decision_boundary",
           "plot_dense_weights", "plot_history", "plot_images", "plot_model"]
