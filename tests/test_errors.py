"""Bad input gets a clear error: the layer or argument, expected vs received, the fix."""
import warnings

import numpy as np
import pytest

import kerasedu as keras
from kerasedu.layers import Dense, Flatten


def mnist_like_model(flatten=True):
    layers = [Flatten()] if flatten else []
    model = keras.Sequential([keras.Input(shape=(784,) if not flatten else (28, 28))] + layers +
                             [Dense(16, activation="relu"), Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def test_forgotten_flatten_is_named():
    dense = Dense(4)
    dense(np.zeros((2, 784)))
    with pytest.raises(ValueError) as err:
        dense(np.zeros((2, 28, 28)))
    message = str(err.value)
    assert "dense" in message and "784" in message and "(2, 28, 28)" in message
    assert "Flatten()" in message


def test_data_of_the_wrong_shape_for_the_model_input():
    model = mnist_like_model()
    with pytest.raises(ValueError, match=r"expects samples of shape \(28, 28\).*\(5, 784\)"):
        model.fit(np.zeros((5, 784)), np.zeros(5), verbose=0)


def test_fit_before_compile():
    model = keras.Sequential([keras.Input(shape=(3,)), Dense(1)])
    with pytest.raises(RuntimeError, match="compile"):
        model.fit(np.zeros((4, 3)), np.zeros(4))
    with pytest.raises(RuntimeError, match="compile"):
        model.evaluate(np.zeros((4, 3)), np.zeros(4))


@pytest.mark.parametrize("kind,name,valid", [
    ("optimizer", "adamw_typo", "adam"), ("loss", "cross_entropy", "sparse_categorical_crossentropy"),
    ("metrics", "acuracy", "accuracy")])
def test_unknown_names_list_the_valid_ones(kind, name, valid):
    model = keras.Sequential([keras.Input(shape=(3,)), Dense(2, activation="softmax")])
    kwargs = {"optimizer": "adam", "loss": "sparse_categorical_crossentropy"}
    kwargs[kind] = [name] if kind == "metrics" else name
    with pytest.raises(ValueError) as err:
        model.compile(**kwargs)
        model.fit(np.zeros((4, 3)), np.zeros(4), verbose=0)
    assert name in str(err.value) and valid in str(err.value)


def test_unknown_activation_lists_the_valid_ones():
    with pytest.raises(ValueError, match="Unknown activation: 'relu6'.*relu, sigmoid"):
        Dense(3, activation="relu6")


def test_sparse_label_out_of_range():
    model = mnist_like_model(flatten=False)
    with pytest.raises(ValueError, match=r"labels from 0 to 12.*10 classes.*Dense\(13\)"):
        model.fit(np.zeros((4, 784)), np.array([0, 1, 12, 3]), verbose=0)


def test_one_hot_labels_with_the_sparse_loss():
    model = mnist_like_model(flatten=False)
    with pytest.raises(ValueError, match="categorical_crossentropy"):
        model.fit(np.zeros((4, 784)), np.eye(10)[[0, 1, 2, 3]], verbose=0)


def test_x_and_y_of_different_lengths():
    model = mnist_like_model(flatten=False)
    with pytest.raises(ValueError, match=r"x: 5, y: 4"):
        model.fit(np.zeros((5, 784)), np.zeros(4), verbose=0)


def test_non_numeric_input():
    model = mnist_like_model(flatten=False)
    with pytest.raises(TypeError, match="numbers"):
        model.fit(np.array([["a"] * 784] * 2), np.zeros(2), verbose=0)
    with pytest.raises(TypeError, match="pad_sequences"):
        model.predict([[1, 2, 3], [1, 2]], verbose=0)


def test_nan_in_the_input_warns():
    model = mnist_like_model(flatten=False)
    x = np.zeros((4, 784))
    x[1, 3] = np.nan
    with pytest.warns(UserWarning, match="NaN") as caught:
        model.fit(x, np.zeros(4), verbose=0)
    assert caught[0].filename == __file__          # it points at the learner's line


def test_bad_batch_size_and_bad_callback():
    model = mnist_like_model(flatten=False)
    with pytest.raises(ValueError, match="batch_size"):
        model.fit(np.zeros((4, 784)), np.zeros(4), batch_size=0, verbose=0)
    with pytest.raises(TypeError, match="instance"):
        model.fit(np.zeros((4, 784)), np.zeros(4), callbacks=[keras.callbacks.History], verbose=0)


def test_unexpected_layer_argument_is_named():
    with pytest.raises(TypeError, match="unit"):
        Dense(3, unit=4)


def test_symbolic_tensor_used_as_data_explains_itself():
    x = keras.Input(shape=(3,))
    with pytest.raises(TypeError, match="no values"):
        np.asarray(x)


def test_right_number_of_values_in_the_wrong_shape_suggests_a_reshape():
    model = mnist_like_model(flatten=False)                   # Input(shape=(784,))
    with pytest.raises(ValueError, match=r"x.reshape\(len\(x\), 784\).*Flatten"):
        model.fit(np.zeros((4, 28, 28)), np.zeros(4), verbose=0)
