"""kerasedu against real Keras: same weights in, same numbers out.

The expected values in reference/keras_reference.json were computed by Keras
3.15.1 (TensorFlow 2.21) with reference/make_keras_reference.py, which builds
every input and weight from the same fixed formula as ``arr`` below.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import kerasedu as keras
from reference import builders
from reference.builders import arr

REFERENCE = json.loads((Path(__file__).parent / "reference" / "keras_reference.json").read_text())


def mlp():
    return builders.mlp(keras)


def functional():
    return builders.functional(keras)


def test_reference_was_made_by_keras_3():
    assert REFERENCE["keras_version"].startswith("3.")


def test_sequential_predictions_match_keras():
    out = mlp().predict(arr((5, 6), 1.0, 0.3), verbose=0)
    np.testing.assert_allclose(out, REFERENCE["mlp_predict"], atol=1e-4)


def test_functional_shared_layer_predictions_match_keras():
    out = functional().predict([arr((4, 3), 1.0, 0.1), arr((4, 3), 1.0, 0.9)], verbose=0)
    assert len(out) == 2
    for ours, theirs in zip(out, REFERENCE["functional_predict"]):
        np.testing.assert_allclose(ours, theirs, atol=1e-4)


@pytest.mark.parametrize("name,optimizer", list(builders.optimizers(keras).items()))
def test_three_training_steps_match_keras(name, optimizer):
    x, y = arr((8, 5), 1.0, 0.5), arr((8, 3), 1.0, 1.5)
    model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(3)])
    model.set_weights([arr((5, 3), 0.4), arr(3, 0.1, 1.0)])
    model.compile(optimizer=optimizer(), loss="mse")
    losses = [model.train_on_batch(x, y) for _ in range(3)]
    expected = REFERENCE["optimizers"][name]
    np.testing.assert_allclose(losses, expected["losses"], rtol=1e-5)
    for ours, theirs in zip(model.get_weights(), expected["weights"]):
        np.testing.assert_allclose(ours, theirs, atol=1e-5)


def test_loss_values_match_keras():
    probs = np.abs(arr((4, 3), 1.0)) + 0.1
    logits = arr((4, 3), 2.0, 1.0)
    onehot = np.eye(3, dtype="float32")[[0, 2, 1, 1]]
    sparse = np.array([0, 2, 1, 1])
    binary_true = np.array([[1.0], [0.0], [1.0], [0.0]], dtype="float32")
    binary_prob = np.array([[0.9], [0.2], [0.4], [1.0]], dtype="float32")
    reg_true, reg_pred = arr((4, 2), 1.0), arr((4, 2), 1.0, 0.7)
    weights = np.array([1.0, 0.5, 2.0, 0.0], dtype="float32")
    L = keras.losses
    ours = {
        "mse": L.MeanSquaredError()(reg_true, reg_pred),
        "mae": L.MeanAbsoluteError()(reg_true, reg_pred),
        "mse_weighted": L.MeanSquaredError()(reg_true, reg_pred, sample_weight=weights),
        "bce": L.BinaryCrossentropy()(binary_true, binary_prob),
        "bce_logits": L.BinaryCrossentropy(from_logits=True)(binary_true, logits[:, :1]),
        "cce_unnormalised": L.CategoricalCrossentropy()(onehot, probs),
        "cce_logits": L.CategoricalCrossentropy(from_logits=True)(onehot, logits),
        "scce": L.SparseCategoricalCrossentropy()(sparse, probs / probs.sum(-1, keepdims=True)),
        "scce_logits": L.SparseCategoricalCrossentropy(from_logits=True)(sparse, logits),
        "scce_weighted": L.SparseCategoricalCrossentropy(from_logits=True)(sparse, logits, sample_weight=weights),
    }
    for name, value in ours.items():
        assert float(value.data) == pytest.approx(REFERENCE["losses"][name], rel=1e-5), name


def test_fit_history_keys_params_and_evaluate_match_keras():
    x, y = arr((50, 4), 1.0), (np.arange(50) % 3)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.2, verbose=0, shuffle=False)
    expected = REFERENCE["fit"]
    assert list(history.history) == expected["history_keys"]
    assert history.params == expected["params"]
    assert len(model.evaluate(x, y, verbose=0)) == expected["evaluate_len"]
    assert all(isinstance(v, float) for values in history.history.values() for v in values)


def test_multi_output_log_keys_match_keras():
    model = functional()
    model.compile(optimizer="sgd", loss=["sparse_categorical_crossentropy", "mse"],
                  loss_weights=[1.0, 0.5], metrics=[["accuracy"], ["mae"]])
    a, b = arr((10, 3)), arr((10, 3), 1.0, 2.0)
    logs = model.fit([a, b], [np.arange(10) % 2, arr((10, 1))], epochs=1, verbose=0).history
    assert list(logs) == REFERENCE["fit"]["multi_output_keys"]
    # the total is the weighted sum of the per-output losses (first batch = whole data here)
    model2 = functional()
    model2.compile(optimizer=keras.optimizers.SGD(0.0), loss=["sparse_categorical_crossentropy", "mse"],
                   loss_weights=[1.0, 0.5])
    logs = model2.evaluate([a, b], [np.arange(10) % 2, arr((10, 1))], verbose=0, return_dict=True)
    assert logs["loss"] == pytest.approx(logs["cls_loss"] + 0.5 * logs["reg_loss"], rel=1e-5)
