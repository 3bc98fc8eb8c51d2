"""plot_activations: what each layer outputs for one input (feature maps)."""
from __future__ import annotations

import math
from typing import Any, Optional, Sequence

import numpy as np

from kerasedu.plots._figure import new_figure


_PASS_THROUGH = ("InputLayer", "Flatten", "Reshape", "Dropout")


def layer_outputs(model, x_one_sample, layer_names: Optional[Sequence[str]] = None) -> dict:
    """Each chosen layer's output for one sample, as ``{layer name: array without batch axis}``.

    A model that ends at those layers shares the trained weights:
    ``Model(model.inputs, [layer.output, ...])`` (works for Sequential once built
    and for Functional models).

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="h")])
    >>> {k: v.shape for k, v in layer_outputs(model, np.ones(4, dtype=np.float32)).items()}
    {'h': (3,)}
    """
    from kerasedu.models import Model

    if not getattr(model, "built", False) or getattr(model, "inputs", None) is None:
        raise ValueError(f"plot_activations: model '{model.name}' is not built; give it an "
                         f"input shape (keras.Input(shape=...)) or train it first.")
    # by default skip layers that only move numbers around: they show nothing new
    names = list(layer_names) if layer_names else [l.name for l in model.layers
                                                    if type(l).__name__ not in _PASS_THROUGH]
    layers = [model.get_layer(name) for name in names]
    probe = Model(model.inputs, [layer.output for layer in layers])
    x = np.asarray(x_one_sample, dtype=np.float32)
    if x.ndim == len(_input_shape(model)) - 1:
        x = x[None]                                      # add the batch axis: (1, ...)
    outputs = probe.predict(x, verbose=0)
    outputs = outputs if isinstance(outputs, list) else [outputs]
    return {name: out[0] for name, out in zip(names, outputs)}


def plot_activations(model, x_one_sample, layer_names: Optional[Sequence[str]] = None,
                     max_maps: int = 16, cmap: str = "viridis") -> Any:
    """Draw what each layer produces for one input: feature maps, then unit values.

    Rows, top to bottom: the input, then the layers. A Conv2D/pooling output
    (H, W, C) shows its first ``max_maps`` channels as images (what each filter
    found where), a Dense output (units,) shows as a strip of colored cells.

    Args:
        model: a built Sequential or Functional model (single input).
        x_one_sample: one input, with or without the batch axis, e.g. x_test[0].
        layer_names: the layers to show (default: all of them).
        max_maps: at most this many channels per layer.
        cmap: the colormap.

    Returns:
        The matplotlib Figure with one subfigure per layer, titled with the layer
        name and output shape.

    >>> import numpy as np, kerasedu as keras
    >>> model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, name="h")])
    >>> fig = plot_activations(model, np.ones(4, dtype=np.float32))
    >>> [sub.get_suptitle() for sub in fig.subfigs]
    ['input (4,)', 'h (3,)']
    """
    sample = np.asarray(x_one_sample, dtype=np.float32)
    outputs = {"input": sample[0] if sample.ndim == len(_input_shape(model)) else sample}
    outputs.update(layer_outputs(model, x_one_sample, layer_names))
    ncols = max(min(max_maps, value.shape[-1]) if value.ndim == 3 else 1
                for value in outputs.values())
    ncols = min(ncols, 8)
    heights = [(math.ceil(min(max_maps, v.shape[-1]) / ncols) * 1.2 + 0.4) if v.ndim == 3 else 0.9
               for v in outputs.values()]
    fig = new_figure((max(6.0, 1.2 * ncols), sum(heights)))
    subfigs = fig.subfigures(len(outputs), 1, height_ratios=heights, squeeze=False)[:, 0]
    for sub, (name, value) in zip(subfigs, outputs.items()):
        sub.suptitle(f"{name} {tuple(value.shape)}", fontsize=9)
        if value.ndim == 3:                              # (H, W, C): one image per channel
            count = min(max_maps, value.shape[-1])
            rows = math.ceil(count / ncols)
            for c in range(count):
                ax = sub.add_subplot(rows, ncols, c + 1)
                ax.imshow(value[:, :, c], cmap=cmap)
                ax.set_xticks([])
                ax.set_yticks([])
        else:                                            # (units,) or anything else: a strip
            flat = value.reshape(1, -1)                  # (1, units)
            ax = sub.add_subplot()
            ax.imshow(flat, cmap=cmap, aspect="auto")
            ax.set_yticks([])
            ax.set_xlabel("unit", fontsize=8)
    return fig


def _input_shape(model) -> tuple:
    """The batch input shape of a single-input model, e.g. (None, 28, 28, 1)."""
    inputs = model.inputs if hasattr(model.inputs, "shape") else model.inputs[0]
    return tuple(inputs.shape)
