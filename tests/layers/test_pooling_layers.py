"""Pooling layers: Keras shapes and defaults, config round trips, gradients, masks."""
import numpy as np
import pytest

from kerasedu.layers import Input
from kerasedu.layers.embedding import Embedding
from kerasedu.layers.pooling import (AveragePooling1D, AveragePooling2D, GlobalAveragePooling1D,
                                     GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D,
                                     MaxPooling1D, MaxPooling2D)
from kerasedu.utils.gradient_check import check_layer_gradients


@pytest.mark.parametrize("layer, input_shape, expected", [
    (MaxPooling2D(), (None, 26, 26, 32), (None, 13, 13, 32)),
    (MaxPooling2D(pool_size=(2, 2)), (None, 11, 11, 64), (None, 5, 5, 64)),
    (MaxPooling2D(padding="same"), (None, 11, 11, 64), (None, 6, 6, 64)),
    (MaxPooling2D(3, strides=1), (None, 10, 8, 2), (None, 8, 6, 2)),
    (AveragePooling2D(), (None, 8, 8, 3), (None, 4, 4, 3)),
    (AveragePooling2D((3, 2), strides=(1, 2), padding="same"), (None, 7, 7, 3), (None, 7, 4, 3)),
    (MaxPooling1D(), (None, 9, 4), (None, 4, 4)),
    (AveragePooling1D(3, strides=1, padding="same"), (None, 9, 4), (None, 9, 4)),
    (GlobalAveragePooling1D(), (None, 9, 4), (None, 4)),
    (GlobalMaxPooling1D(keepdims=True), (None, 9, 4), (None, 1, 4)),
    (GlobalAveragePooling2D(), (None, 5, 5, 64), (None, 64)),
    (GlobalMaxPooling2D(keepdims=True), (None, 5, 5, 64), (None, 1, 1, 64)),
])
def test_output_shapes(layer, input_shape, expected):
    assert layer.compute_output_shape(input_shape) == expected
    assert layer(Input(batch_shape=input_shape)).shape == expected
    eager = layer(np.random.default_rng(0).standard_normal((2,) + input_shape[1:]))
    assert eager.shape == (2,) + expected[1:]


def test_defaults_and_config():
    pool = MaxPooling2D()
    config = pool.get_config()
    assert config["pool_size"] == (2, 2) and config["strides"] == (2, 2)     # strides=None -> pool
    assert config["padding"] == "valid" and config["data_format"] == "channels_last"
    assert MaxPooling2D.from_config(config).get_config() == config
    assert AveragePooling2D().pool_size == (2, 2)          # kerasedu's friendly default
    gap = GlobalAveragePooling1D(keepdims=True)
    assert GlobalAveragePooling1D.from_config(gap.get_config()).keepdims is True
    assert pool.weights == [] and gap.weights == []


def test_max_and_average_values():
    x = np.arange(16.0).reshape(1, 4, 4, 1)
    np.testing.assert_array_equal(MaxPooling2D()(x).data[0, :, :, 0], [[5, 7], [13, 15]])
    np.testing.assert_array_equal(AveragePooling2D()(x).data[0, :, :, 0], [[2.5, 4.5], [10.5, 12.5]])
    seq = np.array([[[1.0], [4.0], [2.0], [3.0], [9.0]]])
    np.testing.assert_array_equal(MaxPooling1D()(seq).data.ravel(), [4.0, 3.0])
    np.testing.assert_array_equal(GlobalMaxPooling1D()(seq).data, [[9.0]])
    np.testing.assert_array_equal(GlobalAveragePooling2D()(x).data, [[7.5]])


@pytest.mark.parametrize("layer, shape", [
    (MaxPooling2D(), (2, 5, 6, 3)),
    (AveragePooling2D(3, strides=2, padding="same"), (2, 5, 6, 3)),
    (MaxPooling1D(3, strides=2, padding="same"), (2, 7, 3)),
    (AveragePooling1D(2), (2, 7, 3)),
    (GlobalAveragePooling1D(), (2, 7, 3)),
    (GlobalMaxPooling1D(), (2, 7, 3)),
    (GlobalAveragePooling2D(), (2, 4, 5, 3)),
    (GlobalMaxPooling2D(), (2, 4, 5, 3)),
])
def test_layer_gradients(layer, shape):
    x = np.random.default_rng(1).standard_normal(shape)
    errors = check_layer_gradients(layer, x, verbose=False)
    assert errors["input_0"] < 1e-6


def test_embedding_mask_gives_a_masked_mean():
    emb = Embedding(10, 2, mask_zero=True)
    emb.build((None, 4))
    table = np.arange(20.0).reshape(10, 2)
    emb.set_weights([table])
    ids = np.array([[3, 5, 0, 0], [7, 0, 0, 0]])          # padded with 0 after the words
    pooled = GlobalAveragePooling1D()(emb(ids))
    np.testing.assert_allclose(pooled.data[0], (table[3] + table[5]) / 2)      # not / 4
    np.testing.assert_allclose(pooled.data[1], table[7])
    assert getattr(pooled, "_keras_mask", None) is None   # the steps are gone: no mask after


def test_masked_mean_gradient_reaches_only_real_words():
    emb = Embedding(10, 3, mask_zero=True)
    pooled = GlobalAveragePooling1D()(emb(np.array([[4, 4, 2, 0, 0]])))
    pooled.backward(np.ones((1, 3), np.float32))
    grad = emb.embeddings.grad
    np.testing.assert_allclose(grad[4], 2 / 3)            # used twice, each weighted 1/3
    np.testing.assert_allclose(grad[2], 1 / 3)
    np.testing.assert_allclose(grad[0], 0.0)               # the padding learns nothing


def test_errors_are_explained():
    pool = MaxPooling2D()
    with pytest.raises(ValueError) as info:
        pool(np.zeros((4, 28, 28)))
    assert f"'{pool.name}' (MaxPooling2D)" in str(info.value)
    assert "(4, 28, 28)" in str(info.value) and "x[..., None]" in str(info.value)
    with pytest.raises(ValueError, match="channels_last"):
        GlobalAveragePooling2D(data_format="channels_first")
    with pytest.raises(ValueError, match=r"expected 3 dimensions .* \(2, 5\)"):
        GlobalAveragePooling1D()(np.zeros((2, 5)))
    small = MaxPooling2D(pool_size=3)
    with pytest.raises(ValueError, match=rf"'{small.name}' \(MaxPooling2D\): The input is smaller \(2\)"):
        small(np.zeros((1, 2, 2, 1)))
