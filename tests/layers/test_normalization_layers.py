"""BatchNormalization: weights in Keras order, training vs inference, moving statistics."""
import numpy as np
import pytest

from kerasedu.layers import Input
from kerasedu.layers.normalization import BatchNormalization
from kerasedu.utils.gradient_check import check_layer_gradients


def batch(shape=(16, 3), seed=0):
    return (np.random.default_rng(seed).standard_normal(shape) * 2 + 5).astype(np.float32)


def test_weights_order_shapes_and_trainability():
    bn = BatchNormalization()
    bn(np.zeros((4, 5, 5, 8)))
    assert [w.name for w in bn.weights] == ["gamma", "beta", "moving_mean", "moving_variance"]
    assert [w.shape for w in bn.weights] == [(8,)] * 4
    assert [w.name for w in bn.trainable_weights] == ["gamma", "beta"]
    assert [w.name for w in bn.non_trainable_weights] == ["moving_mean", "moving_variance"]
    np.testing.assert_array_equal(bn.get_weights()[0], 1.0)    # gamma ones, beta zeros,
    np.testing.assert_array_equal(bn.get_weights()[1], 0.0)    # moving mean 0, variance 1
    np.testing.assert_array_equal(bn.get_weights()[2], 0.0)
    np.testing.assert_array_equal(bn.get_weights()[3], 1.0)
    plain = BatchNormalization(center=False, scale=False)
    plain(np.zeros((2, 3)))
    assert [w.name for w in plain.weights] == ["moving_mean", "moving_variance"]


def test_training_uses_batch_statistics_and_updates_moving_ones():
    x = batch()
    bn = BatchNormalization()
    y = bn(x, training=True).data
    mean, var = x.mean(axis=0), x.var(axis=0)                  # biased variance, as Keras
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(bn.moving_mean.data, 0.99 * 0.0 + 0.01 * mean, rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.data, 0.99 * 1.0 + 0.01 * var, rtol=1e-5)
    bn(x, training=True)                                       # a second step moves them again
    np.testing.assert_allclose(bn.moving_mean.data, 0.99 * (0.01 * mean) + 0.01 * mean, rtol=1e-5)
    assert bn.moving_mean.dtype == np.float32


def test_inference_uses_moving_statistics_and_changes_nothing():
    x = batch()
    bn = BatchNormalization(momentum=0.5, epsilon=0.01)
    bn(x)
    bn.set_weights([np.full(3, 2.0), np.full(3, 1.0), np.full(3, 4.0), np.full(3, 9.0)])
    y = bn(x, training=False).data
    np.testing.assert_allclose(y, 2.0 * (x - 4.0) / np.sqrt(9.0 + 0.01) + 1.0, rtol=1e-5)
    np.testing.assert_array_equal(bn.moving_mean.data, 4.0)    # no update
    np.testing.assert_array_equal(bn(x).data, y)               # default: inference


def test_frozen_layer_uses_moving_statistics_even_in_training():
    x = batch()
    bn = BatchNormalization()
    bn(x)
    bn.trainable = False
    y = bn(x, training=True).data
    np.testing.assert_allclose(y, x / np.sqrt(1.0 + 1e-3), rtol=1e-5)   # moving: mean 0, var 1
    np.testing.assert_array_equal(bn.moving_mean.data, 0.0)
    assert bn.trainable_weights == []


def test_momentum_matters():
    x = batch()
    bn = BatchNormalization(momentum=0.0)                      # forget everything: moving = batch
    bn(x, training=True)
    np.testing.assert_allclose(bn.moving_mean.data, x.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(bn.moving_variance.data, x.var(axis=0), rtol=1e-5)


def test_other_axis_normalizes_that_axis():
    x = batch((6, 3, 4), seed=1)                               # channels on axis 1
    bn = BatchNormalization(axis=1)
    y = bn(x, training=True).data
    assert [w.shape for w in bn.weights] == [(3,)] * 4
    mean, var = x.mean(axis=(0, 2), keepdims=True), x.var(axis=(0, 2), keepdims=True)
    np.testing.assert_allclose(y, (x - mean) / np.sqrt(var + 1e-3), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("shape, axis", [((8, 3), -1), ((4, 3, 3, 2), -1), ((5, 3, 4), 1)])
def test_layer_gradients(training, shape, axis):
    bn = BatchNormalization(axis=axis)
    x = np.random.default_rng(2).standard_normal(shape) * 2 + 1
    bn(x.astype(np.float32))
    bn.set_weights([np.linspace(0.5, 2, w.shape[0]) for w in bn.weights[:2]]
                   + [np.full(bn.weights[2].shape, 0.3), np.full(bn.weights[3].shape, 1.5)])
    errors = check_layer_gradients(bn, x, training=training, verbose=False)
    assert set(errors) == {"input_0", f"{bn.name}/gamma", f"{bn.name}/beta"}
    assert max(errors.values()) < 1e-6, errors


def test_shapes_config_and_errors():
    bn = BatchNormalization(momentum=0.9, epsilon=1e-5, center=False, name="bn")
    assert bn(Input(shape=(7, 7, 16))).shape == (None, 7, 7, 16)
    config = bn.get_config()
    assert config["momentum"] == 0.9 and config["epsilon"] == 1e-5 and config["center"] is False
    assert config["moving_variance_initializer"]["class_name"] == "Ones"
    assert BatchNormalization.from_config(config).get_config() == config
    with pytest.raises(ValueError, match=r"expected axis -1 of the input to have size 16"):
        bn(np.zeros((2, 7, 7, 8)))
    with pytest.raises(ValueError, match=r"axis=3 does not exist in an input of shape \(None, 4\)"):
        BatchNormalization(axis=3)(np.zeros((2, 4)))
