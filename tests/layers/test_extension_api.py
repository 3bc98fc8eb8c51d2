"""add_loss / losses, add_weight's arguments, Variable.assign*, layers called with several
tensors, Sequential on a built base, on_train_end's logs, the merge functions."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import ops


class ActivityRegularizationLayer(keras.layers.Layer):
    def call(self, inputs):
        self.add_loss(ops.multiply(ops.sum(inputs), 0.1))
        return inputs


def test_add_loss_is_cleared_at_each_outer_call_and_collected_from_sublayers():
    inner = ActivityRegularizationLayer()
    x = np.ones((2, 3), np.float32)
    inner(x)
    inner(x)
    assert [round(float(l), 5) for l in inner.losses] == [0.6]      # not 0.6 twice

    class Outer(keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.penalty = ActivityRegularizationLayer()
            self.dense = keras.layers.Dense(2, kernel_initializer="ones",
                                            kernel_regularizer=keras.regularizers.L1(0.5))

        def call(self, x):
            self.add_loss(1.0)
            return self.dense(self.penalty(x))

    outer = Outer()
    outer(x)
    outer(x)
    assert sorted(round(float(l), 5) for l in outer.losses) == [0.6, 1.0, 3.0]   # own, sublayer, L1


def test_fit_minimises_add_loss_and_logs_it():
    inputs = keras.Input(shape=(3,))
    hidden = keras.layers.Dense(4, kernel_initializer="ones")(inputs)
    outputs = keras.layers.Dense(1)(ActivityRegularizationLayer()(hidden))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    x, y = np.ones((8, 3), np.float32), np.zeros((8, 1), np.float32)
    model(x)
    mse = float(np.mean(model.predict(x, verbose=0) ** 2))
    logged = model.evaluate(x, y, verbose=0)
    assert logged == pytest.approx(mse + 0.1 * 4 * 3 * 8 / 1, rel=1e-4)   # sum over the whole batch
    history = model.fit(x, y, batch_size=8, epochs=5, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]


def test_compile_without_loss_when_the_model_adds_its_own():
    class LogisticEndpoint(keras.layers.Layer):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

        def call(self, targets, logits, sample_weights=None):
            self.add_loss(self.loss_fn(targets, logits, sample_weights))
            return ops.softmax(logits)

    inputs = keras.Input(shape=(3,), name="inputs")
    targets = keras.Input(shape=(10,), name="targets")
    logits = keras.layers.Dense(10)(inputs)
    predictions = LogisticEndpoint(name="predictions")(targets, logits)
    assert predictions.shape == (None, 10)
    model = keras.Model(inputs=[inputs, targets], outputs=predictions)
    model.compile(optimizer="adam")
    rng = np.random.default_rng(0)
    data = {"inputs": rng.random((6, 3)), "targets": rng.random((6, 10))}
    history = model.fit(data, epochs=3, verbose=0)
    assert len(history.history["loss"]) == 3 and np.isfinite(history.history["loss"]).all()
    node = model.get_layer("predictions")._inbound_nodes[0]
    assert len(node.input_tensors) == 2


def test_compile_without_any_loss_says_so_at_fit():
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd")
    with pytest.raises(ValueError, match="no loss to minimise"):
        model.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)


def test_several_positional_and_keyword_tensors_and_save_load(tmp_path):
    class Blend(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)

        def call(self, a, b, scale=None):
            out = ops.add(a, ops.multiply(b, 2.0))
            return out if scale is None else ops.multiply(out, scale)

    a, b, s = keras.Input(shape=(3,)), keras.Input(shape=(3,)), keras.Input(shape=(1,))
    out = Blend(name="blend")(a, b, scale=s)
    model = keras.Model([a, b, s], out)
    xa, xb, xs = np.ones((2, 3)), np.full((2, 3), 2.0), np.full((2, 1), 3.0)
    np.testing.assert_allclose(model.predict([xa, xb, xs], verbose=0), np.full((2, 3), 15.0))
    path = tmp_path / "blend.keras"
    model.save(path)
    loaded = keras.saving.load_model(path, custom_objects={"Blend": Blend})
    np.testing.assert_allclose(loaded.predict([xa, xb, xs], verbose=0), np.full((2, 3), 15.0))


def test_add_weight_with_keras_arguments_and_variable_assign():
    layer = keras.layers.Layer()
    w = layer.add_weight(shape=(2, 2), initializer="ones", regularizer="l2",
                         constraint="non_neg", trainable=True, name="w")
    counter = layer.add_variable((), initializer="zeros", dtype="int32", trainable=False, name="n")
    assert w.path == f"{layer.name}/w" and w.regularizer.get_config() == {"l2": pytest.approx(0.01)}
    assert isinstance(w.constraint, keras.constraints.NonNeg)
    assert counter.dtype == np.int32 and not counter.trainable
    w.assign_sub(np.full((2, 2), 0.5))
    w.assign_add(ops.ones((2, 2)) if hasattr(ops, "ones") else np.ones((2, 2)))
    np.testing.assert_allclose(w.numpy(), 1.5)
    w.assign(0.0)
    assert float(w.numpy().sum()) == 0.0
    counter.assign_add(3)
    assert int(counter.numpy()) == 3
    with pytest.raises(ValueError, match="shape"):
        w.assign(np.ones(3))
    with pytest.raises(TypeError, match="unexpected keyword"):
        layer.add_weight(shape=(2,), initialiser="zeros")


def test_sequential_on_a_built_frozen_base_and_inputs_outputs_lists():
    base = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(4, activation="relu")])
    base.trainable = False
    model = keras.Sequential([base, keras.layers.Dense(2)])
    assert model.built and model.input_shape == (None, 6) and model.output_shape == (None, 2)
    assert isinstance(model.inputs, list) and isinstance(model.outputs, list)
    assert model.inputs[0].shape == (None, 6)
    assert len(model.trainable_weights) == 2 and len(model.non_trainable_weights) == 2
    frozen = [w.numpy().copy() for w in base.weights]
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 6)), np.ones((4, 2)), verbose=0)
    for before, w in zip(frozen, base.weights):
        np.testing.assert_array_equal(before, w.numpy())
    # the guide's feature extractor: Model(inputs=seq.inputs, outputs=[l.output for l in seq.layers])
    plain = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(4), keras.layers.Dense(2)])
    extractor = keras.Model(inputs=plain.inputs, outputs=[layer.output for layer in plain.layers])
    assert [o.shape for o in extractor.predict(np.ones((1, 6)), verbose=0)] == [(1, 4), (1, 2)]


def test_on_train_end_receives_the_last_epoch_logs_with_validation():
    seen = {}

    class Recorder(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen["epoch"] = dict(logs)

        def on_train_end(self, logs=None):
            seen["end"] = dict(logs)

    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    x = np.arange(16, dtype="float32").reshape(8, 2) / 10
    model.fit(x, x[:, :1], epochs=2, verbose=0, validation_split=0.25, callbacks=[Recorder()])
    assert seen["end"] == seen["epoch"]
    assert sorted(seen["end"]) == ["loss", "mae", "val_loss", "val_mae"]


def test_merge_functions():
    a, b = keras.Input(shape=(2,)), keras.Input(shape=(2,))
    outs = [keras.layers.average([a, b]), keras.layers.multiply([a, b]), keras.layers.subtract([a, b]),
            keras.layers.maximum([a, b]), keras.layers.minimum([a, b]), keras.layers.add([a, b])]
    model = keras.Model([a, b], outs)
    xa, xb = np.array([[1.0, 4.0]]), np.array([[3.0, 2.0]])
    got = model.predict([xa, xb], verbose=0)
    expected = [[[2, 3]], [[3, 8]], [[-2, 2]], [[3, 4]], [[1, 2]], [[4, 6]]]
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e)
    assert isinstance(model.layers[-2], keras.layers.Minimum) or any(
        isinstance(l, keras.layers.Minimum) for l in model.layers)


def test_conv2d_transpose_and_upsampling_layers_save_and_train(tmp_path):
    inputs = keras.Input(shape=(4, 4, 1))
    x = keras.layers.Conv2DTranspose(3, 3, activation="relu", kernel_regularizer="l2")(inputs)
    x = keras.layers.UpSampling2D(2, interpolation="bilinear")(x)
    outputs = keras.layers.Conv2DTranspose(1, 2, strides=2, padding="same")(x)
    model = keras.Model(inputs, outputs)
    assert model.output_shape == (None, 24, 24, 1)
    model.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(0)
    x_data = rng.random((4, 4, 4, 1)).astype("float32")
    history = model.fit(x_data, rng.random((4, 24, 24, 1)), epochs=3, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]
    path = tmp_path / "ae.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    np.testing.assert_allclose(loaded.predict(x_data, verbose=0), model.predict(x_data, verbose=0), rtol=1e-5)
    assert loaded.layers[1].get_config()["kernel_regularizer"]["class_name"] == "L2"
