"""Conv2D as a Keras layer: shapes, weights, config, gradients and error messages."""
import numpy as np
import pytest

from kerasedu.layers import Input
from kerasedu.layers.conv import Conv2D
from kerasedu.layers.pooling import MaxPooling2D
from kerasedu.utils.gradient_check import check_layer_gradients


@pytest.mark.parametrize("kwargs, input_shape, expected", [
    ({"filters": 32, "kernel_size": 3}, (None, 28, 28, 1), (None, 26, 26, 32)),
    ({"filters": 64, "kernel_size": (3, 3)}, (None, 13, 13, 32), (None, 11, 11, 64)),
    ({"filters": 8, "kernel_size": 3, "padding": "same"}, (None, 28, 28, 1), (None, 28, 28, 8)),
    ({"filters": 8, "kernel_size": 3, "padding": "same", "strides": 2}, (None, 28, 28, 1),
     (None, 14, 14, 8)),
    ({"filters": 8, "kernel_size": 3, "strides": 2}, (None, 28, 28, 1), (None, 13, 13, 8)),
    ({"filters": 4, "kernel_size": (5, 3), "dilation_rate": 2}, (None, 20, 20, 3),
     (None, 12, 16, 4)),
    ({"filters": 4, "kernel_size": 3}, (None, None, None, 3), (None, None, None, 4)),
])
def test_output_shapes_as_keras(kwargs, input_shape, expected):
    layer = Conv2D(**kwargs)
    assert layer.compute_output_shape(input_shape) == expected
    assert layer(Input(batch_shape=input_shape)).shape == expected            # symbolic
    concrete = tuple(9 if d is None else d for d in input_shape)
    eager = layer(np.zeros(concrete, np.float32)).shape
    assert eager[0] == 9 and eager[3] == expected[3]
    if expected[1] is not None:
        assert eager == (9,) + expected[1:]


def test_weights_shapes_order_and_initial_values():
    layer = Conv2D(32, 3)
    layer(np.zeros((1, 28, 28, 1)))
    assert [w.name for w in layer.weights] == ["kernel", "bias"]
    assert [w.shape for w in layer.weights] == [(3, 3, 1, 32), (32,)]
    assert layer.count_params() == 3 * 3 * 1 * 32 + 32               # 320, as in the Keras summary
    limit = np.sqrt(6 / (9 * 1 + 9 * 32))                             # glorot: fans include 3x3
    assert np.abs(layer.kernel.data).max() <= limit
    assert np.all(layer.bias.data == 0)
    no_bias = Conv2D(4, 3, use_bias=False)
    no_bias(np.zeros((1, 5, 5, 2)))
    assert [w.shape for w in no_bias.weights] == [(3, 3, 2, 4)]


def test_computes_a_convolution_with_given_weights():
    layer = Conv2D(1, 2, activation="relu")
    layer(np.zeros((1, 3, 3, 1)))
    layer.set_weights([np.array([[1.0, 0.0], [0.0, -1.0]]).reshape(2, 2, 1, 1), np.array([5.0])])
    x = np.arange(1.0, 10.0).reshape(1, 3, 3, 1)        # each window: top-left - bottom-right = -4
    np.testing.assert_array_equal(layer(x).data[0, :, :, 0], [[1.0, 1.0], [1.0, 1.0]])


def test_get_config_round_trip():
    layer = Conv2D(16, (3, 5), strides=2, padding="same", dilation_rate=1, activation="relu",
                   use_bias=False, kernel_initializer="he_normal", name="my_conv")
    config = layer.get_config()
    assert config["filters"] == 16 and config["kernel_size"] == (3, 5)
    assert config["strides"] == (2, 2) and config["padding"] == "same"
    assert config["data_format"] == "channels_last" and config["activation"] == "relu"
    clone = Conv2D.from_config(config)
    assert clone.get_config() == config


@pytest.mark.parametrize("kwargs", [
    {"filters": 3, "kernel_size": 3, "activation": "tanh"},
    {"filters": 2, "kernel_size": (2, 3), "strides": 2, "padding": "same"},
    {"filters": 2, "kernel_size": 3, "dilation_rate": 2, "padding": "same", "activation": "sigmoid"},
])
def test_layer_gradients(kwargs):
    x = np.random.default_rng(0).standard_normal((2, 7, 6, 3))
    layer = Conv2D(**kwargs)
    errors = check_layer_gradients(layer, x, verbose=False)
    assert set(errors) == {"input_0", f"{layer.name}/kernel", f"{layer.name}/bias"}
    assert max(errors.values()) < 1e-6, errors


def test_missing_channel_axis_is_explained():
    layer = Conv2D(32, 3)
    with pytest.raises(ValueError) as info:
        layer(np.zeros((4, 28, 28)))                       # MNIST as loaded: no channel axis
    message = str(info.value)
    assert f"'{layer.name}' (Conv2D)" in message
    assert "expected 4 dimensions" in message and "(4, 28, 28)" in message   # the shape received
    assert "x[..., None]" in message and "Reshape((28, 28, 1))" in message
    with pytest.raises(ValueError, match=r"Reshape\(\(28, 28, 1\)\)"):
        Conv2D(32, 3)(Input(shape=(28, 28)))               # the same in the functional API


def test_wrong_channel_count_after_build_is_explained():
    layer = Conv2D(4, 3)
    layer(np.zeros((1, 8, 8, 3)))
    with pytest.raises(ValueError, match=r"expected axis -1 of the input to have size 3.*\(1, 8, 8, 2\)"):
        layer(np.zeros((1, 8, 8, 2)))


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="channels_last"):
        Conv2D(8, 3, data_format="channels_first")
    with pytest.raises(ValueError, match="padding must be 'valid' or 'same'"):
        Conv2D(8, 3, padding="causal")
    with pytest.raises(ValueError, match="filters must be a positive integer"):
        Conv2D(0, 3)
    with pytest.raises(ValueError, match="kernel_size"):
        Conv2D(8, (3, 3, 3))


def test_simple_mnist_convnet_shapes():
    # the keras.io "simple MNIST convnet" feature extractor, eagerly, on a small batch
    x = np.zeros((3, 28, 28, 1), np.float32)
    for layer, shape in [(Conv2D(32, 3, activation="relu"), (3, 26, 26, 32)),
                         (MaxPooling2D(pool_size=(2, 2)), (3, 13, 13, 32)),
                         (Conv2D(64, (3, 3), activation="relu"), (3, 11, 11, 64)),
                         (MaxPooling2D(pool_size=(2, 2)), (3, 5, 5, 64))]:
        x = layer(x)
        assert x.shape == shape
