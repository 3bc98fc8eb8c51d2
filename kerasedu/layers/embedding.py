"""Embedding: turn integer ids (words) into learned vectors."""
from __future__ import annotations

import numpy as np

from kerasedu import initializers
from kerasedu.layers.layer import Layer
from kerasedu.ops.embedding import embedding


class Embedding(Layer):
    """y[..., :] = embeddings[ids[...], :]: row i of the table is the vector of id i.

    Shapes: ids (batch, steps) of integers in [0, input_dim) -> y (batch, steps, output_dim);
    the table ``embeddings`` is (input_dim, output_dim).

    Args:
        input_dim: the vocabulary size: ids go from 0 to input_dim - 1.
        output_dim: the length of each vector.
        embeddings_initializer: default "uniform" = U(-0.05, 0.05), as Keras.
        mask_zero: treat id 0 as padding: later layers that support masks (e.g.
            GlobalAveragePooling1D) skip those steps. Then id 0 cannot be a word.
        input_length: accepted for tf.keras code and ignored.
        embeddings_regularizer, embeddings_constraint, activity_regularizer: as in Dense.

    >>> layer = Embedding(1000, 8, mask_zero=True)
    >>> y = layer(np.array([[4, 25, 0, 0]]))
    >>> y.shape, y._keras_mask.tolist()
    ((1, 4, 8), [[True, True, False, False]])
    """

    _accepts_integer_input = True     # ids stay integers: they are indices, not numbers
    # embeddings_regularizer=..., embeddings_constraint=... : taken and attached by Layer
    _weight_options = {"embeddings": "embeddings"}

    def __init__(self, input_dim: int, output_dim: int, embeddings_initializer="uniform",
                 mask_zero: bool = False, input_length=None, **kwargs):
        super().__init__(**kwargs)
        for arg, value in (("input_dim", input_dim), ("output_dim", output_dim)):
            if not isinstance(value, (int, np.integer)) or value <= 0:
                raise ValueError(f"Embedding: {arg} must be a positive integer, got {value!r}.")
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.mask_zero = bool(mask_zero)
        self.input_length = input_length
        self.supports_masking = self.mask_zero

    def build(self, input_shape) -> None:
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          name="embeddings")
        self.built = True

    def call(self, inputs):
        ids = inputs.data
        if ids.dtype.kind == "f":
            if not np.all(ids == np.round(ids)):
                raise ValueError(f"Embedding layer '{self.name}' received non-integer ids "
                                 f"(e.g. {ids[ids != np.round(ids)].ravel()[0]}). Ids are row "
                                 f"numbers of the table: pass integers.")
            ids = ids.astype(np.int64)
        self._check_ids(ids)
        return embedding(ids, self.embeddings)                 # (batch, steps, output_dim)

    def _check_ids(self, ids: np.ndarray) -> None:
        """NumPy would wrap a negative id around, and fail on a large one with an unhelpful
        IndexError: explain instead."""
        if ids.size == 0:
            return
        low, high = int(ids.min()), int(ids.max())
        if high >= self.input_dim:
            raise ValueError(
                f"Embedding layer '{self.name}' received id {high}, but input_dim={self.input_dim} "
                f"allows ids 0 to {self.input_dim - 1} only. Raise input_dim to at least "
                f"{high + 1}, or keep the vocabulary to input_dim words when loading the data, "
                f"e.g. imdb.load_data(num_words={self.input_dim}).")
        if low < 0:
            raise ValueError(f"Embedding layer '{self.name}' received the negative id {low}; "
                             f"ids must be in [0, {self.input_dim}).")

    def compute_mask(self, inputs, mask=None):
        """With mask_zero: True where there is a real id, False at the padding (id 0)."""
        if not self.mask_zero:
            return None
        return np.asarray(inputs.data if hasattr(inputs, "data") else inputs) != 0

    def compute_output_shape(self, input_shape):
        return tuple(input_shape) + (self.output_dim,)

    def get_config(self) -> dict:
        return {**super().get_config(), "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
                "mask_zero": self.mask_zero, "input_length": self.input_length}
