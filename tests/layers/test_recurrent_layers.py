"""SimpleRNN, LSTM, GRU and Bidirectional in kerasedu: gradients, masks, dropout, models, errors.

(Outputs and training steps against real Keras are in test_sequence_layers_keras.py.)
"""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import layers
from kerasedu.utils.gradient_check import check_gradients, check_layer_gradients

RNG = np.random.default_rng(0)
X = RNG.standard_normal((3, 5, 4))
MASK = np.array([[True] * 5, [True, True, True, False, False], [False, False, True, True, True]])


@pytest.mark.parametrize("make", [
    lambda: layers.SimpleRNN(3),
    lambda: layers.SimpleRNN(3, return_sequences=True, go_backwards=True),
    lambda: layers.LSTM(3, return_sequences=True),
    lambda: layers.GRU(3),
    lambda: layers.GRU(3, reset_after=False, return_sequences=True),
    lambda: layers.Bidirectional(layers.LSTM(2, return_sequences=True)),
])
def test_gradients_through_time_match_central_differences(make):
    # 1e-4, not the 1e-6 of one-step layers: the gradient reaching the first steps is small
    # (it fades through time), and the check compares number by number
    errors = check_layer_gradients(make(), X, verbose=False)
    assert max(errors.values()) < 1e-4, errors


@pytest.mark.parametrize("make", [lambda: layers.LSTM(3), lambda: layers.GRU(3, return_sequences=True)])
def test_masked_gradients_match_central_differences(make):
    layer = make()
    layer(X.astype(np.float32))
    errors = check_gradients(lambda t: layer(t, mask=MASK), [X], params=layer.weights, verbose=False)
    assert max(errors.values()) < 1e-4, errors


def test_a_padded_step_changes_nothing():
    layer = layers.LSTM(3, return_sequences=True)
    x = X.astype(np.float32)
    out = layer(x, mask=MASK).data
    np.testing.assert_array_equal(out[1, 3], out[1, 2])      # after the end: the last state, kept
    np.testing.assert_array_equal(out[2, :2], 0.0)           # before the start: the zero state
    changed = x.copy()
    changed[1, 3:] = 100.0                                   # what sits in padded steps is ignored
    np.testing.assert_array_equal(layer(changed, mask=MASK).data[:, -1], layer(x, mask=MASK).data[:, -1])


def test_embedding_mask_reaches_the_recurrent_layer():
    ids = np.array([[5, 2, 0, 0], [3, 0, 0, 0]])
    embed = layers.Embedding(10, 4, mask_zero=True)
    lstm = layers.LSTM(3)
    with_mask = lstm(embed(ids)).data
    no_mask = lstm(embed(ids).data).data                     # the plain array: no mask
    short = lstm(embed(ids[:1, :2])).data                    # the first sentence without padding
    np.testing.assert_allclose(with_mask[0], short[0], rtol=1e-6)
    assert not np.allclose(with_mask[0], no_mask[0])


def test_dropout_only_while_training_and_one_mask_for_all_steps():
    layer = layers.GRU(4, dropout=0.5, recurrent_dropout=0.3, seed=1)
    x = X.astype(np.float32)
    inference = layer(x).data
    np.testing.assert_array_equal(layer(x, training=False).data, inference)
    assert not np.allclose(layer(x, training=True).data, inference)


def test_shapes_states_and_summary_parameter_counts():
    out, h, c = layers.LSTM(6, return_state=True)(X.astype(np.float32))
    assert out.shape == h.shape == c.shape == (3, 6)
    np.testing.assert_array_equal(out.data, h.data)
    model = keras.Sequential([keras.Input(shape=(None, 4)),
                              layers.Bidirectional(layers.LSTM(3, return_sequences=True)),
                              layers.GRU(2), layers.Dense(1)])
    # Keras's counts: 2 * 4 * (3 * (4 + 3) + 3) = 192; GRU(2) on 6: 3 * (2 * (6 + 2) + 2 * 2) = 60
    assert [layer.count_params() for layer in model.layers] == [192, 60, 3]
    assert model.output_shape == (None, 1)
    assert model(X.astype(np.float32)).shape == (3, 1)


def test_lstm_forget_gate_bias_starts_at_one_and_the_recurrent_kernel_is_orthogonal():
    layer = layers.LSTM(2)
    layer(X.astype(np.float32))
    np.testing.assert_array_equal(layer.bias.data, [0, 0, 1, 1, 0, 0, 0, 0])
    u = layer.recurrent_kernel.data                          # (2, 8): orthonormal rows
    assert np.abs(u @ u.T - np.eye(2)).max() < 1e-5


def test_text_model_learns_and_survives_saving(tmp_path):
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 20, (200, 8))
    ids[:, :3] *= rng.random((200, 3)) > 0.5                 # some padding in front
    y = (ids == 7).any(axis=1).astype(np.float32)            # does word 7 appear?
    model = keras.Sequential([keras.Input(shape=(8,)), layers.Embedding(20, 8, mask_zero=True),
                              layers.Bidirectional(layers.GRU(8)), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(ids, y, epochs=20, batch_size=32, verbose=0)
    assert history.history["accuracy"][-1] > 0.9, history.history["accuracy"]
    model.save(tmp_path / "text.keras")
    again = keras.models.load_model(tmp_path / "text.keras")
    np.testing.assert_allclose(again.predict(ids, verbose=0), model.predict(ids, verbose=0), rtol=1e-5)


def test_clear_errors():
    with pytest.raises(ValueError, match="stateful"):
        layers.LSTM(3, stateful=True)
    with pytest.raises(ValueError, match="units"):
        layers.GRU(0)
    with pytest.raises(ValueError, match="recurrent layer"):
        layers.Bidirectional(layers.Dense(3))
    with pytest.raises(ValueError, match="merge_mode"):
        layers.Bidirectional(layers.LSTM(3), merge_mode="max")
    with pytest.raises(ValueError, match="lstm"):             # a 2-D input: the layer is named
        layers.LSTM(3)(np.ones((4, 5), np.float32))


def test_initial_state_checks():
    layer = layers.LSTM(3)
    x = X.astype(np.float32)
    zeros = [np.zeros((3, 3), np.float32)] * 2
    np.testing.assert_array_equal(layer(x, initial_state=zeros).data, layer(x).data)
    with pytest.raises(ValueError, match="keeps 2 state"):
        layer(x, initial_state=zeros[:1])
    with pytest.raises(ValueError, match=r"\(batch, units\) = \(3, 3\)"):
        layer(x, initial_state=[np.zeros((3, 5), np.float32)] * 2)
