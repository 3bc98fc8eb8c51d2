"""keras.regularizers: the penalties by their formulas, names, configs, and in layers."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import regularizers

W = np.array([[1.0, -2.0], [0.5, 0.0]], np.float32)


def test_penalties_by_formula():
    assert float(regularizers.L1(0.1)(W)) == pytest.approx(0.1 * 3.5)
    assert float(regularizers.L2(0.1)(W)) == pytest.approx(0.1 * 5.25)
    assert float(regularizers.L1L2(0.1, 0.2)(W)) == pytest.approx(0.35 + 0.2 * 5.25)
    assert float(regularizers.L1L2()(W)) == 0.0
    # orthogonal rows: a single pair, |cos| between (1, -2) and (0.5, 0) = 1/sqrt(5)
    assert float(regularizers.OrthogonalRegularizer(1.0)(W)) == pytest.approx(1 / np.sqrt(5), rel=1e-5)


def test_names_give_keras_defaults():
    assert regularizers.get("l1").get_config() == {"l1": pytest.approx(0.01)}
    assert regularizers.get("l2").get_config() == {"l2": pytest.approx(0.01)}
    assert regularizers.get("l1_l2").get_config() == {"l1": pytest.approx(0.01), "l2": pytest.approx(0.01)}
    assert regularizers.get(None) is None
    with pytest.raises(ValueError, match="Unknown regularizer"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match="non-negative"):
        regularizers.L2(-1.0)


def test_config_round_trip():
    for reg in (regularizers.L1(0.3), regularizers.L2(0.2), regularizers.L1L2(0.1, 0.4),
                regularizers.OrthogonalRegularizer(0.5, mode="columns")):
        again = regularizers.deserialize(regularizers.serialize(reg))
        assert type(again) is type(reg) and again.get_config() == reg.get_config()


def test_penalty_has_a_gradient():
    layer = keras.layers.Dense(2, kernel_regularizer=regularizers.L2(0.5), kernel_initializer="ones")
    layer(np.ones((1, 3)))
    (penalty,) = layer.losses
    assert float(penalty) == pytest.approx(0.5 * 6)
    penalty.backward()
    np.testing.assert_allclose(layer.kernel.grad, 2 * 0.5 * np.ones((3, 2)))     # d(l2 w^2) = 2 l2 w


@pytest.mark.parametrize("make", [
    lambda **kw: keras.layers.Dense(3, **kw),
    lambda **kw: keras.layers.Conv2D(2, 3, **kw),
    lambda **kw: keras.layers.Conv1D(2, 3, **kw),
    lambda **kw: keras.layers.SimpleRNN(2, recurrent_regularizer="l2", **kw),
    lambda **kw: keras.layers.LSTM(2, recurrent_regularizer="l2", **kw),
    lambda **kw: keras.layers.GRU(2, recurrent_regularizer="l2", **kw),
])
def test_layers_take_kernel_bias_activity_regularizers_and_save_them(make):
    layer = make(kernel_regularizer=regularizers.L2(0.1), bias_regularizer="l1",
                 activity_regularizer=regularizers.L1(0.2))
    config = layer.get_config()
    assert config["kernel_regularizer"] == {"class_name": "L2", "config": {"l2": pytest.approx(0.1)}}
    assert config["bias_regularizer"]["class_name"] == "L1"
    assert config["activity_regularizer"]["config"] == {"l1": pytest.approx(0.2)}
    again = type(layer).from_config(config)
    assert again.kernel_regularizer.get_config() == layer.kernel_regularizer.get_config()
    shape = (2, 5, 5, 3) if isinstance(layer, keras.layers.Conv2D) else (2, 6, 3)
    if isinstance(layer, keras.layers.Dense):
        shape = (2, 4)
    layer(np.ones(shape, np.float32))
    expected = 3 + (1 if isinstance(layer, (keras.layers.SimpleRNN, keras.layers.LSTM, keras.layers.GRU)) else 0)
    assert len(layer.losses) == expected          # activity + kernel + bias (+ recurrent)


def test_embedding_regularizer_and_activity_divided_by_batch():
    layer = keras.layers.Embedding(5, 2, embeddings_initializer="ones",
                                   embeddings_regularizer=regularizers.L1(0.1),
                                   activity_regularizer=regularizers.L1(1.0))
    layer(np.array([[1, 2, 3], [0, 0, 0]]))
    activity, weights = layer.losses
    assert float(activity) == pytest.approx(12 / 2)        # sum |y| = 2*3*2 ones, / batch 2
    assert float(weights) == pytest.approx(0.1 * 10)
    assert layer.get_config()["embeddings_regularizer"]["class_name"] == "L1"


def test_saved_and_loaded_with_the_model(tmp_path):
    model = keras.Sequential([keras.Input(shape=(4,)),
                              keras.layers.Dense(3, kernel_regularizer=regularizers.L1L2(0.1, 0.2),
                                                 kernel_constraint=keras.constraints.MaxNorm(1.5)),
                              keras.layers.Dense(1, activity_regularizer="l2")])
    model.compile(optimizer="sgd", loss="mse")
    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    dense = loaded.layers[0]
    assert dense.kernel_regularizer.get_config() == {"l1": pytest.approx(0.1), "l2": pytest.approx(0.2)}
    assert dense.kernel.regularizer is dense.kernel_regularizer
    assert dense.kernel_constraint.get_config()["max_value"] == 1.5
    assert loaded.layers[1].activity_regularizer.get_config() == {"l2": pytest.approx(0.01)}
    x = np.ones((2, 4), np.float32)
    model(x), loaded(x)
    assert sum(float(l) for l in loaded.losses) == pytest.approx(sum(float(l) for l in model.losses), rel=1e-5)
