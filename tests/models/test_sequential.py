"""Sequential: building, add/pop, summary, weights, as Keras."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.layers import Dense, Dropout, Flatten


def seed_model():
    return keras.Sequential([Flatten(input_shape=(28, 28)), Dense(128, activation="relu"),
                             Dense(10, activation="softmax")])


def test_input_shape_on_the_first_layer_builds_at_once():
    model = seed_model()
    assert model.built
    assert model.output_shape == (None, 10)
    assert [w.shape for w in model.weights] == [(784, 128), (128,), (128, 10), (10,)]
    assert model.count_params() == 784 * 128 + 128 + 128 * 10 + 10


def test_layers_excludes_the_input_layer_and_names_are_keras_style():
    model = keras.Sequential([keras.Input(shape=(4,)), Dense(3), Dense(2)])
    assert [l.name for l in model.layers] == ["dense", "dense_1"]
    assert model.name == "sequential"
    assert keras.Sequential().name == "sequential_1"


def test_unbuilt_model_builds_on_first_data():
    model = keras.Sequential([Dense(3), Dense(2)])
    assert not model.built
    out = model(np.ones((5, 7)))
    assert model.built and out.shape == (5, 2) and model.input_shape == (None, 7)


def test_add_and_pop():
    model = keras.Sequential()
    model.add(keras.Input(shape=(4,)))
    model.add(Dense(3))
    model.add(Dense(2))
    assert model.output_shape == (None, 2)
    popped = model.pop()
    assert popped.units == 2 and model.output_shape == (None, 3) and len(model.layers) == 1
    with pytest.raises(TypeError, match="layer instance"):
        model.add(Dense)


def test_summary_prints_keras_columns_and_totals(capsys):
    seed_model().summary()
    text = capsys.readouterr().out
    assert 'Model: "sequential"' in text
    for piece in ("Layer (type)", "Output Shape", "Param #", "flatten (Flatten)", "(None, 784)",
                  "100,480", "1,290", "Total params: 101,770 (397.54 KB)",
                  "Trainable params: 101,770", "Non-trainable params: 0 (0.00 B)"):
        assert piece in text, piece


def test_get_and_set_weights_round_trip_and_check_shapes():
    a, b = seed_model(), seed_model()
    b.set_weights(a.get_weights())
    x = np.random.rand(3, 28, 28).astype("float32")
    np.testing.assert_array_equal(a.predict(x, verbose=0), b.predict(x, verbose=0))
    with pytest.raises(ValueError, match="expects 4 weight arrays"):
        b.set_weights(a.get_weights()[:2])
    bad = a.get_weights()
    bad[0] = bad[0][:10]
    with pytest.raises(ValueError, match=r"\(784, 128\).*\(10, 128\)"):
        b.set_weights(bad)


def test_trainable_false_freezes_a_layer_during_fit():
    model = keras.Sequential([keras.Input(shape=(3,)), Dense(4), Dense(1)])
    model.layers[0].trainable = False
    frozen = model.layers[0].get_weights()
    assert len(model.trainable_weights) == 2 and len(model.non_trainable_weights) == 2
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.random.rand(16, 3), np.random.rand(16, 1), epochs=2, verbose=0)
    for before, after in zip(frozen, model.layers[0].get_weights()):
        np.testing.assert_array_equal(before, after)


def test_get_layer_by_name_and_index():
    model = seed_model()
    assert model.get_layer("dense_1") is model.layers[2]
    assert model.get_layer(index=0).name == "flatten"
    with pytest.raises(ValueError, match="No layer named 'nope'"):
        model.get_layer("nope")


def test_model_called_on_an_array_returns_a_tensor_with_numpy():
    out = seed_model()(np.zeros((2, 28, 28)))
    assert out.numpy().shape == (2, 10)
    np.testing.assert_allclose(out.numpy().sum(axis=1), 1.0, rtol=1e-6)


def test_dropout_is_active_only_in_training():
    model = keras.Sequential([keras.Input(shape=(100,)), Dropout(0.5)])
    x = np.ones((4, 100), dtype="float32")
    np.testing.assert_array_equal(model.predict(x, verbose=0), x)
    trained = model(x, training=True).numpy()
    assert set(np.unique(trained)) <= {0.0, 2.0} and 0.3 < (trained == 0).mean() < 0.7


def test_symbolic_layer_outputs_allow_feature_extraction():
    model = seed_model()
    features = keras.Model(model.inputs, model.layers[1].output)
    assert features.predict(np.zeros((2, 28, 28)), verbose=0).shape == (2, 128)
