"""The Functional API: several inputs and outputs, dicts, shared layers."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.layers import Add, Concatenate, Dense, Input, Lambda
from kerasedu.utils.gradient_check import check_gradients


def test_shared_layer_has_one_set_of_weights_and_gradients_add_up():
    a, b = Input(shape=(3,)), Input(shape=(3,))
    shared = Dense(2, activation="tanh")
    model = keras.Model([a, b], Add()([shared(a), shared(b)]))
    assert len(model.weights) == 2                        # one kernel, one bias
    xa, xb = np.random.rand(4, 3), np.random.rand(4, 3)
    errors = check_gradients(lambda ta, tb: model([ta, tb]), [xa, xb], params=model.weights,
                             verbose=False)
    assert max(errors.values()) < 1e-6


def test_gradient_of_a_shared_layer_is_the_sum_of_both_calls():
    a, b = Input(shape=(2,)), Input(shape=(2,))
    shared = Dense(1, use_bias=False, kernel_initializer="ones")
    model = keras.Model([a, b], Add()([shared(a), shared(b)]))
    xa, xb = np.array([[1.0, 2.0]]), np.array([[10.0, 20.0]])
    out = model([xa, xb])
    out.backward()
    np.testing.assert_allclose(shared.kernel.grad, (xa + xb).T)   # d(xa W + xb W)/dW


def test_dict_inputs_and_outputs_by_name():
    title = Input(shape=(4,), name="title")
    body = Input(shape=(6,), name="body")
    h = Concatenate()([title, body])
    model = keras.Model({"title": title, "body": body},
                        {"priority": Dense(1, name="priority")(h), "dept": Dense(3, activation="softmax", name="dept")(h)})
    assert model.output_names == ["dept", "priority"]     # sorted, as flatten() orders dicts
    model.compile(optimizer="adam", loss={"priority": "mse", "dept": "sparse_categorical_crossentropy"},
                  metrics={"dept": ["accuracy"]})
    x = {"title": np.random.rand(20, 4), "body": np.random.rand(20, 6)}
    y = {"priority": np.random.rand(20, 1), "dept": np.arange(20) % 3}
    history = model.fit(x, y, epochs=2, verbose=0)
    assert set(history.history) == {"loss", "priority_loss", "dept_loss", "dept_accuracy"}
    out = model.predict(x, verbose=0)
    assert out["priority"].shape == (20, 1) and out["dept"].shape == (20, 3)


def test_layers_in_graph_order_include_input_layers():
    x = Input(shape=(3,))
    model = keras.Model(x, Dense(1)(Dense(2)(x)))
    assert [type(l).__name__ for l in model.layers] == ["InputLayer", "Dense", "Dense"]


def test_disconnected_graph_is_a_clear_error():
    a, b = Input(shape=(3,)), Input(shape=(3,))
    out = Add()([Dense(2)(a), Dense(2)(b)])
    with pytest.raises(ValueError, match="Graph disconnected"):
        keras.Model(a, out)


def test_wrong_number_of_input_arrays_is_a_clear_error():
    a, b = Input(shape=(3,)), Input(shape=(3,))
    model = keras.Model([a, b], Add()([a, b]))
    with pytest.raises(ValueError, match="2 input"):
        model.predict(np.zeros((2, 3)), verbose=0)


def test_operators_on_keras_tensors_become_layers_that_can_be_saved(tmp_path):
    x = Input(shape=(3,))
    y = 1.0 - Dense(3, kernel_initializer="ones", use_bias=False)(x) * 2.0 + x   # 1 - 6 + 1
    model = keras.Model(x, y / 2.0)
    np.testing.assert_allclose(model.predict(np.ones((1, 3)), verbose=0), [[-2.0, -2.0, -2.0]])
    # x + tensor is keras.ops.add (broadcasting, as in Keras 3), recorded as an OpLayer
    assert {type(l).__name__ for l in model.layers} >= {"ScalarOp", "OpLayer"}
    model.save(tmp_path / "ops.keras")
    loaded = keras.models.load_model(tmp_path / "ops.keras")
    np.testing.assert_allclose(loaded.predict(np.ones((1, 3)), verbose=0), [[-2.0, -2.0, -2.0]])


def test_lambda_layer_output_shape_is_inferred():
    x = Input(shape=(None, 4))
    y = Lambda(lambda t: t.mean(axis=1))(x)
    assert y.shape == (None, 4)


def test_nested_model_as_a_layer():
    inner = keras.Sequential([keras.Input(shape=(4,)), Dense(3)])
    x = Input(shape=(4,))
    outer = keras.Model(x, Dense(1)(inner(x)))
    assert len(outer.weights) == 4
    assert outer.predict(np.ones((2, 4)), verbose=0).shape == (2, 1)


def test_summary_of_a_branching_model_has_connected_to(capsys):
    a, b = Input(shape=(3,), name="a"), Input(shape=(3,), name="b")
    keras.Model([a, b], Concatenate()([a, b])).summary()
    text = capsys.readouterr().out
    assert "Connected to" in text and "a[0][0]" in text and "b[0][0]" in text


def test_summary_lists_a_shared_layer_once_with_both_connections(capsys):
    a, b = Input(shape=(3,), name="left"), Input(shape=(3,), name="right")
    shared = Dense(2, name="encoder")
    keras.Model([a, b], Concatenate()([shared(a), shared(b)])).summary()
    text = capsys.readouterr().out
    assert text.count("encoder (Dense)") == 1
    assert "left[0][0]" in text and "right[0][0]" in text
    assert "Total params: 8 (32.00 B)" in text
