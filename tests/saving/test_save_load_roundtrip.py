"""model.save -> load_model gives the same model: architecture, weights, compile, optimizer."""
import json
import zipfile

import numpy as np
import pytest

import kerasedu as keras
from kerasedu.saving import deserialize_model, load_model, model_from_json, save_model
from saving_helpers import (assert_same_weights, classification_data, make_sequential,
                            make_two_in_two_out, two_input_data)


def optimizer_state(model):
    state = model.optimizer.get_state(model.trainable_weights)
    return state["iterations"], state["slots"]


def assert_same_optimizer_state(a, b):
    (ia, sa), (ib, sb) = optimizer_state(a), optimizer_state(b)
    assert ia == ib and ia > 0
    assert [sorted(s) for s in sa] == [sorted(s) for s in sb]
    for slots_a, slots_b in zip(sa, sb):
        for name in slots_a:
            assert np.array_equal(slots_a[name], slots_b[name])


def test_sequential_round_trip(tmp_path):
    x, y = classification_data()
    model = make_sequential()
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    path = tmp_path / "seq.keras"
    model.save(path)
    loaded = load_model(path)
    assert type(loaded) is keras.Sequential and loaded.name == model.name
    assert [l.name for l in loaded.layers] == [l.name for l in model.layers]
    assert loaded.to_json() == model.to_json()
    assert_same_weights(model, loaded)
    assert np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
    assert loaded.compiled and type(loaded.optimizer) is keras.optimizers.Adam
    assert loaded.optimizer.get_config() == model.optimizer.get_config()
    assert_same_optimizer_state(model, loaded)
    assert loaded.evaluate(x, y, verbose=0) == model.evaluate(x, y, verbose=0)
    assert loaded.metrics_names == model.metrics_names == ["loss", "accuracy"]


def test_functional_two_inputs_two_outputs_shared_layer(tmp_path):
    x, y = two_input_data()
    model = make_two_in_two_out()
    model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    path = tmp_path / "graph.keras"
    save_model(model, path)
    loaded = load_model(path)
    assert type(loaded) is keras.models.Functional
    assert loaded.name == "two_by_two"
    assert loaded.input_names == ["left", "right"]
    assert loaded.output_names == ["value", "label"]
    shared = loaded.get_layer("shared")
    assert len(shared._inbound_nodes) == 2                         # still called twice
    assert loaded.count_params() == model.count_params()           # ... with one set of weights
    for a, b in zip(model.predict(x, verbose=0), loaded.predict(x, verbose=0)):
        assert np.array_equal(a, b)
    assert_same_optimizer_state(model, loaded)
    assert loaded.evaluate(x, y, verbose=0) == model.evaluate(x, y, verbose=0)
    assert loaded.metrics_names == model.metrics_names          # compiled with the same settings
    assert "value_mae" in loaded.metrics_names and "label_accuracy" in loaded.metrics_names
    # training on: both take exactly the same steps
    model.fit(x, y, epochs=1, batch_size=24, shuffle=False, verbose=0)
    loaded.fit(x, y, epochs=1, batch_size=24, shuffle=False, verbose=0)
    assert_same_weights(model, loaded)


def test_dict_outputs_and_nested_sequential(tmp_path):
    inputs = keras.Input(shape=(4,), name="features")
    block = keras.Sequential([keras.layers.Dense(6, activation="relu"), keras.layers.Dense(3)],
                             name="block")
    hidden = block(inputs)
    outputs = {"score": keras.layers.Dense(1, name="score_head")(hidden),
               "probs": keras.layers.Dense(2, activation="softmax", name="probs_head")(hidden)}
    model = keras.Model(inputs, outputs)
    path = tmp_path / "nested.keras"
    model.save(path)
    loaded = load_model(path)
    assert sorted(loaded.output_names) == ["probs", "score"]
    assert loaded.output_names == model.output_names
    assert type(loaded.get_layer("block")) is keras.Sequential
    x = np.random.default_rng(0).standard_normal((5, 4)).astype(np.float32)
    a, b = model.predict(x, verbose=0), loaded.predict(x, verbose=0)
    assert sorted(a) == sorted(b) == ["probs", "score"]
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not loaded.compiled                                      # saved uncompiled
    assert "optimizer.npz" not in zipfile.ZipFile(path).namelist()


def test_cnn_with_batch_norm_round_trip(tmp_path):
    conv = pytest.importorskip("kerasedu.layers.conv")
    pooling = pytest.importorskip("kerasedu.layers.pooling")
    normalization = pytest.importorskip("kerasedu.layers.normalization")
    classes = [conv.Conv2D, pooling.MaxPooling2D, normalization.BatchNormalization,
               pooling.GlobalAveragePooling2D]
    # until kerasedu.layers exports them, they come in through custom_objects
    custom = {c.__name__: c for c in classes if not hasattr(keras.layers, c.__name__)}
    model = keras.Sequential([keras.Input(shape=(8, 8, 1)), conv.Conv2D(4, 3, padding="same"),
                              normalization.BatchNormalization(), pooling.MaxPooling2D(),
                              pooling.GlobalAveragePooling2D(), keras.layers.Dense(2)])
    model.compile(optimizer="sgd", loss="mse")
    rng = np.random.default_rng(3)
    x = rng.standard_normal((6, 8, 8, 1)).astype(np.float32)
    model.fit(x, rng.standard_normal((6, 2)).astype(np.float32), epochs=2, verbose=0)
    model.save(tmp_path / "cnn.keras")
    loaded = load_model(tmp_path / "cnn.keras", custom_objects=custom)
    assert_same_weights(model, loaded)          # moving mean/variance (non-trainable) included
    assert np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))


def test_archive_layout_and_metadata(tmp_path):
    x, y = classification_data()
    model = make_sequential()
    model.fit(x, y, epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    with zipfile.ZipFile(tmp_path / "m.keras") as archive:
        assert sorted(archive.namelist()) == ["config.json", "metadata.json",
                                              "model.weights.npz", "optimizer.npz"]
        config = json.loads(archive.read("config.json"))
        metadata = json.loads(archive.read("metadata.json"))
    assert config["class_name"] == "Sequential"
    assert [l["class_name"] for l in config["config"]["layers"]] == ["InputLayer", "Dense",
                                                                    "Dropout", "Dense"]
    assert config["compile_config"]["loss"] == "sparse_categorical_crossentropy"
    assert config["compile_config"]["metrics"] == ["accuracy"]
    assert config["compile_config"]["optimizer"]["class_name"] == "Adam"
    assert metadata["kerasedu_version"] == keras.__version__ and "date_saved" in metadata
    assert metadata["random_state"]["global"]["bit_generator"] == "PCG64"


def test_current_learning_rate_is_saved(tmp_path):
    model = make_sequential(keras.optimizers.SGD(learning_rate=0.1, momentum=0.9))
    model.fit(*classification_data(), epochs=1, verbose=0)
    model.optimizer.learning_rate = 0.003                # e.g. set by ReduceLROnPlateau
    model.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras")
    assert loaded.optimizer.learning_rate == 0.003 and loaded.optimizer.momentum == 0.9
    assert_same_optimizer_state(model, loaded)


def test_compile_false_and_json_round_trip(tmp_path):
    x, _ = classification_data()
    model = make_sequential()
    model.save(tmp_path / "m.keras")
    loaded = load_model(tmp_path / "m.keras", compile=False)
    assert not loaded.compiled
    assert np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
    twin = model_from_json(model.to_json())             # architecture only: fresh weights
    assert twin.to_json() == model.to_json()
    assert not np.array_equal(twin.get_weights()[0], model.get_weights()[0])
    assert deserialize_model(json.loads(model.to_json())).count_params() == model.count_params()


def test_save_checks_name_and_overwrite(tmp_path):
    model = make_sequential()
    with pytest.raises(ValueError, match="Invalid filepath extension"):
        model.save(tmp_path / "m.ckpt")
    model.save(tmp_path / "m.h5")             # Keras 3 accepts the legacy name; our zip goes inside
    x = np.ones((2,) + model.input_shape[1:], dtype="float32")
    np.testing.assert_array_equal(load_model(tmp_path / "m.h5").predict(x, verbose=0),
                                  model.predict(x, verbose=0))
    with pytest.raises(ValueError, match="load_weights"):
        load_model(tmp_path / "m.weights.h5")
    model.save(tmp_path / "m.keras")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        model.save(tmp_path / "m.keras", overwrite=False)
    model.save(tmp_path / "sub" / "dir" / "m.keras")    # folders are created
    assert (tmp_path / "sub" / "dir" / "m.keras").exists()
