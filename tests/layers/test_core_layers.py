"""Core layers: shapes, weights, config round trips and gradient checks."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import layers
from kerasedu.utils.gradient_check import check_gradients, check_layer_gradients

rng = np.random.default_rng(0)


@pytest.mark.parametrize("layer,input_shape,output_shape", [
    (lambda: layers.Dense(5), (4, 3), (4, 5)),
    (lambda: layers.Dense(5), (2, 7, 3), (2, 7, 5)),
    (lambda: layers.Activation("tanh"), (4, 3), (4, 3)),
    (lambda: layers.ReLU(), (4, 3), (4, 3)),
    (lambda: layers.Softmax(), (4, 3), (4, 3)),
    (lambda: layers.Flatten(), (4, 2, 3, 5), (4, 30)),
    (lambda: layers.Reshape((3, 10)), (4, 30), (4, 3, 10)),
    (lambda: layers.Reshape((-1, 5)), (4, 30), (4, 6, 5)),
    (lambda: layers.Dropout(0.5), (4, 3), (4, 3)),
    (lambda: layers.Lambda(lambda x: x[:, :2] * 2.0), (4, 3), (4, 2)),
])
def test_output_shape_eager_and_symbolic_agree(layer, input_shape, output_shape):
    eager = layer()(rng.standard_normal(input_shape))
    assert eager.shape == output_shape
    symbolic = layer()(keras.Input(batch_shape=(None,) + input_shape[1:]))
    assert symbolic.shape == (None,) + output_shape[1:]


@pytest.mark.parametrize("make", [
    lambda: layers.Dense(4, activation="relu"),
    lambda: layers.Dense(4, activation="sigmoid", use_bias=False),
    lambda: layers.Dense(3, activation="softmax"),
    lambda: layers.Dense(3, activation="elu"),
    lambda: layers.Dense(3, activation="gelu"),
    lambda: layers.Dense(3, activation="leaky_relu"),
    lambda: layers.Activation("tanh"),
    lambda: layers.Flatten(),
    lambda: layers.Reshape((2, -1)),
])
def test_layer_gradients_match_central_differences(make):
    x = rng.standard_normal((3, 2, 4))
    layer = make()
    if isinstance(layer, layers.Dense):
        x = x.reshape(3, 8)
    errors = check_layer_gradients(layer, x, verbose=False)
    assert max(errors.values()) < 1e-6, errors


def test_merge_layer_gradients():
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((3, 2))
    errors = check_gradients(lambda x, y: layers.Concatenate()([x, y]), [a, b], verbose=False)
    assert max(errors.values()) < 1e-6
    errors = check_gradients(lambda x, y: layers.Add()([x, y]), [a, a * 2], verbose=False)
    assert max(errors.values()) < 1e-6


def test_dense_weights_are_keras_shapes_and_glorot_uniform():
    layer = layers.Dense(128)
    layer.build((None, 784))
    kernel, bias = layer.get_weights()
    assert kernel.shape == (784, 128) and bias.shape == (128,) and kernel.dtype == np.float32
    limit = np.sqrt(6 / (784 + 128))
    assert np.abs(kernel).max() <= limit and np.abs(kernel).max() > 0.9 * limit
    assert np.all(bias == 0)
    assert [v.path for v in layer.weights] == [f"{layer.name}/kernel", f"{layer.name}/bias"]


@pytest.mark.parametrize("make", [
    lambda: layers.Dense(4, activation="relu", use_bias=False, kernel_initializer="he_normal"),
    lambda: layers.Activation("softmax"),
    lambda: layers.Dropout(0.3, seed=1),
    lambda: layers.Reshape((2, 3)),
    lambda: layers.Concatenate(axis=1),
    lambda: layers.Flatten(),
])
def test_get_config_recreates_the_layer(make):
    layer = make()
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config


def test_lambda_and_activations_by_function():
    out = layers.Dense(2, activation=keras.activations.relu, kernel_initializer="ones")(np.array([[-1.0, -2.0]]))
    np.testing.assert_array_equal(out.numpy(), [[0.0, 0.0]])


def test_add_needs_a_list_and_matching_shapes():
    with pytest.raises(ValueError, match="list of at least 2"):
        layers.Add()(keras.Input(shape=(3,)))
    with pytest.raises(ValueError, match="one shape"):
        layers.Add()([keras.Input(shape=(3,)), keras.Input(shape=(4,))])


def test_concatenate_checks_other_axes():
    with pytest.raises(ValueError, match="match except on axis"):
        layers.Concatenate()([keras.Input(shape=(2, 3)), keras.Input(shape=(4, 3))])


def test_reshape_with_the_wrong_size_is_explained():
    with pytest.raises(ValueError, match=r"cannot reshape a sample of shape \(30,\)"):
        layers.Reshape((4, 4))(keras.Input(shape=(30,)))


def test_dropout_rate_is_checked_and_scales_kept_units():
    with pytest.raises(ValueError, match="rate"):
        layers.Dropout(1.0)
    out = layers.Dropout(0.25)(np.ones((1000, 10)), training=True).numpy()
    assert set(np.unique(out)) <= {0.0, np.float32(1 / 0.75)}
    assert abs(out.mean() - 1.0) < 0.05          # inverted dropout keeps the mean


def test_custom_layer_gets_gradients_for_free():
    class Scale(keras.Layer):
        def build(self, input_shape):
            self.w = self.add_weight(shape=(input_shape[-1],), initializer="random_normal", name="w")

        def call(self, x):
            return keras.ops.tanh(x * self.w)

    layer = Scale()
    errors = check_layer_gradients(layer, rng.standard_normal((3, 4)), verbose=False)
    assert set(errors) == {"input_0", f"{layer.name}/w"} and max(errors.values()) < 1e-6


def test_sublayers_of_a_custom_layer_are_tracked():
    class Block(keras.Layer):
        def __init__(self):
            super().__init__()
            self.inner = [layers.Dense(3), layers.Dense(2)]

        def call(self, x):
            return self.inner[1](self.inner[0](x))

    block = Block()
    block(np.ones((1, 4)))
    assert [w.shape for w in block.weights] == [(4, 3), (3,), (3, 2), (2,)]
    block.trainable = False
    assert block.trainable_weights == [] and len(block.non_trainable_weights) == 4


def test_subclassed_model_trains():
    class TwoLayer(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(8, activation="relu")
            self.out = layers.Dense(1)

        def call(self, x):
            return self.out(self.hidden(x))

    model = TwoLayer()
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    x = rng.standard_normal((64, 3)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    history = model.fit(x, y, epochs=20, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0] / 3
    assert len(model.weights) == 4


def test_rescaling_and_keras_utils_plot_model(tmp_path):
    model = keras.Sequential([keras.Input(shape=(4,)), layers.Rescaling(0.5, offset=1.0), layers.Dense(2)])
    np.testing.assert_allclose(model.layers[0](np.array([[2.0, 4.0, 0.0, -2.0]])).numpy(), [[2.0, 3.0, 1.0, 0.0]])
    figure = keras.utils.plot_model(model, show_shapes=True, show_dtype=True, to_file=tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 1000 and len(figure.axes) >= 1
    assert keras.ops.convert_to_numpy(keras.ops.convert_to_tensor([1.0])).tolist() == [1.0]
