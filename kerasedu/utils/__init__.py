"""Utilities: ``keras.utils.to_categorical``, ``pad_sequences``, ``set_random_seed``, ..."""
from kerasedu.utils.gradient_check import check_gradients, check_layer_gradients
from kerasedu.utils.naming import clear_session
from kerasedu.utils.numerical_utils import to_categorical
from kerasedu.utils.random import set_random_seed
from kerasedu.utils.sequence_utils import pad_sequences


def __getattr__(name: str):
    """``get_file`` loads on first use: only downloads need urllib and ssl."""
    if name == "get_file":
        from kerasedu.utils.file_utils import get_file
        return get_file
    raise AttributeError(f"module 'kerasedu.utils' has no attribute {name!r}")


def plot_model(model, *args, **kwargs):
    """Draw a model's layer graph (Keras's ``keras.utils.plot_model``, drawn with matplotlib
    instead of graphviz; see ``kerasedu.plots.plot_model``). Extra Keras arguments such as
    ``show_shapes`` or ``to_file`` are accepted; ``to_file`` saves the picture."""
    from kerasedu.plots import plot_model as draw
    to_file = kwargs.pop("to_file", None)
    for keras_only in ("show_dtype", "show_layer_names", "rankdir", "expand_nested",
                       "dpi", "show_layer_activations", "show_trainable"):
        kwargs.pop(keras_only, None)
    figure = draw(model, *args, **kwargs)
    if to_file:
        figure.savefig(to_file)
    return figure


__all__ = ["plot_model", "check_gradients", "check_layer_gradients", "clear_session", "get_file",
           "pad_sequences", "set_random_seed", "to_categorical"]
