"""Conv1D: gradients, the causal padding's promise, a text model, clear errors.

(Outputs against real Keras are in test_sequence_layers_keras.py.)
"""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import layers
from kerasedu.utils.gradient_check import check_layer_gradients

X = np.random.default_rng(0).standard_normal((2, 9, 3))


@pytest.mark.parametrize("kwargs", [{"kernel_size": 3}, {"kernel_size": 2, "strides": 2, "padding": "same"},
                                    {"kernel_size": 3, "padding": "causal", "dilation_rate": 2}])
def test_gradients_match_central_differences(kwargs):
    errors = check_layer_gradients(layers.Conv1D(4, **kwargs), X, verbose=False)
    assert max(errors.values()) < 1e-6, errors


def test_causal_output_never_sees_the_future():
    layer = layers.Conv1D(2, 3, padding="causal")
    x = X.astype(np.float32)
    later_changed = x.copy()
    later_changed[:, 5:] = 100.0
    np.testing.assert_array_equal(layer(later_changed).data[:, :5], layer(x).data[:, :5])
    assert not np.allclose(layer(later_changed).data[:, 5:], layer(x).data[:, 5:])


def test_text_model_with_conv1d_and_pooling():
    model = keras.Sequential([keras.Input(shape=(20,), dtype="int32"), layers.Embedding(50, 8),
                              layers.Conv1D(16, 5, activation="relu"), layers.MaxPooling1D(2),
                              layers.Conv1D(16, 3, activation="relu"), layers.GlobalMaxPooling1D(),
                              layers.Dense(1, activation="sigmoid")])
    assert model.output_shape == (None, 1)
    assert [layer.output.shape for layer in model.layers[1:4]] == [(None, 16, 16), (None, 8, 16), (None, 6, 16)]
    model.compile(optimizer="adam", loss="binary_crossentropy")
    ids = np.random.default_rng(0).integers(0, 50, (32, 20))
    history = model.fit(ids, (ids[:, 0] > 25).astype(np.float32), epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_clear_errors():
    with pytest.raises(ValueError, match="padding"):
        layers.Conv1D(4, 3, padding="full")
    with pytest.raises(ValueError, match="kernel_size"):
        layers.Conv1D(4, (3, 3))
    with pytest.raises(ValueError, match=r"\(batch, steps, channels\)"):
        layers.Conv1D(4, 3)(np.ones((2, 8, 8, 1), np.float32))
    with pytest.raises(ValueError, match="conv1d"):          # the window is longer than the sequence
        layers.Conv1D(4, 5)(np.ones((2, 3, 2), np.float32))
