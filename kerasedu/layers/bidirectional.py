"""Bidirectional: read the sequence forwards and backwards, and put the two together."""
from __future__ import annotations

from kerasedu import ops
from kerasedu.layers.layer import Layer

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


class Bidirectional(Layer):
    """Two copies of a recurrent layer: one reads x_1 ... x_T, the other x_T ... x_1.

    At step t the forward copy has seen the words before t, the backward copy the words
    after it; merging them gives each step both sides. The backward copy's outputs are
    put back in the forward order before merging (with return_sequences).

    Args:
        layer: a SimpleRNN, LSTM or GRU; it is copied twice (its own weights are not used).
        merge_mode: "concat" (default: units * 2 features), "sum", "mul", "ave", or None
            for the two outputs as a list.
        backward_layer: your own backward layer instead of a copy with go_backwards flipped.

    >>> import numpy as np
    >>> from kerasedu.layers import LSTM
    >>> Bidirectional(LSTM(4, return_sequences=True))(np.ones((2, 6, 3))).shape
    (2, 6, 8)
    """

    def __init__(self, layer: Layer, merge_mode: str = "concat", weights=None,
                 backward_layer: Layer = None, **kwargs):
        if not hasattr(layer, "go_backwards"):
            raise ValueError(f"Bidirectional wraps a recurrent layer (SimpleRNN, LSTM, GRU); got "
                             f"{type(layer).__name__}.")
        if merge_mode not in MERGE_MODES:
            raise ValueError(f"Bidirectional: merge_mode must be one of {MERGE_MODES}, got "
                             f"{merge_mode!r}.")
        super().__init__(**kwargs)
        config = layer.get_config()
        self.forward_layer = type(layer).from_config({**config, "name": "forward_" + layer.name})
        if backward_layer is None:
            backward_layer = type(layer).from_config(
                {**config, "name": "backward_" + layer.name, "go_backwards": not layer.go_backwards})
        self.backward_layer = backward_layer
        for copy in (self.forward_layer, self.backward_layer):   # padding reads 0 both ways, as Keras
            copy.zero_output_for_mask = layer.return_sequences
        self.merge_mode = merge_mode
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        if weights is not None:
            raise ValueError("Bidirectional(weights=...) is not supported: call set_weights() "
                             "after building.")

    def build(self, input_shape) -> None:
        self.forward_layer._build_for(input_shape)
        self.backward_layer._build_for(input_shape)
        self.built = True

    def call(self, inputs, mask=None, training=None):
        forward = self.forward_layer(inputs, mask=mask, training=training)
        backward = self.backward_layer(inputs, mask=mask, training=training)
        forward_states, backward_states = [], []
        if self.return_state:
            forward, *forward_states = forward
            backward, *backward_states = backward
        if self.return_sequences:                     # (batch, steps, units): back to forward order
            backward = backward[:, ::-1]
        merged = self._merge(forward, backward)
        if self.return_state:
            return (merged if isinstance(merged, list) else [merged]) + forward_states + backward_states
        return merged

    def _merge(self, forward, backward):
        if self.merge_mode == "concat":
            return ops.concatenate([forward, backward], axis=-1)
        if self.merge_mode == "sum":
            return forward + backward
        if self.merge_mode == "mul":
            return forward * backward
        if self.merge_mode == "ave":
            return (forward + backward) * 0.5
        return [forward, backward]

    def compute_output_shape(self, input_shape):
        shape = self.forward_layer.compute_output_shape(input_shape)
        output, states = (shape[0], shape[1:]) if self.return_state else (shape, [])
        if self.merge_mode == "concat":
            output = tuple(output[:-1]) + (output[-1] * 2,)
        outputs = [output, output] if self.merge_mode is None else [output]
        if self.return_state:
            return outputs + list(states) * 2
        return outputs if self.merge_mode is None else output

    def compute_mask(self, inputs, mask=None):
        return mask if self.return_sequences else None

    def get_config(self) -> dict:
        from kerasedu.saving.layer_config import serialize_layer
        config = {**super().get_config(), "merge_mode": self.merge_mode}
        layer_config = {**self.forward_layer.get_config(),
                        "name": self.forward_layer.name[len("forward_"):]}
        config["layer"] = {**serialize_layer(self.forward_layer), "config": layer_config}
        config["layer"].pop("build_config", None)
        return config

    @classmethod
    def from_config(cls, config: dict) -> "Bidirectional":
        from kerasedu.saving.layer_config import deserialize_layer
        config = dict(config)
        layer = deserialize_layer(config.pop("layer"))
        return cls(layer, **config)
