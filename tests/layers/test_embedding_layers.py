"""Embedding: the table, the lookup, mask_zero, and errors a learner can act on."""
import numpy as np
import pytest

from kerasedu.layers import Input
from kerasedu.layers.embedding import Embedding
from kerasedu.utils.gradient_check import check_layer_gradients


def test_weight_shape_initializer_and_lookup():
    layer = Embedding(10000, 16)
    out = layer(np.array([[1, 14, 22, 0]]))
    assert out.shape == (1, 4, 16) and out.dtype == np.float32
    assert [(w.name, w.shape) for w in layer.weights] == [("embeddings", (10000, 16))]
    table = layer.embeddings.data
    assert np.abs(table).max() <= 0.05 and table.std() > 0.02     # U(-0.05, 0.05)
    np.testing.assert_array_equal(out.data[0], table[[1, 14, 22, 0]])
    assert layer.count_params() == 160000


def test_output_shape_symbolic_and_eager():
    layer = Embedding(100, 8, input_length=20)                   # input_length: accepted, ignored
    assert layer(Input(shape=(20,), dtype="int32")).shape == (None, 20, 8)
    assert layer.compute_output_shape((None, None)) == (None, None, 8)
    assert layer(np.zeros((3, 7), np.int64)).shape == (3, 7, 8)


def test_float_ids_that_are_whole_numbers_work():
    layer = Embedding(5, 2)
    ints = layer(np.array([[1, 4]])).data
    np.testing.assert_array_equal(layer(np.array([[1.0, 4.0]], np.float32)).data, ints)
    with pytest.raises(ValueError, match="non-integer ids"):
        layer(np.array([[1.5, 2.0]]))


def test_mask_zero():
    ids = np.array([[5, 3, 0, 0], [2, 0, 0, 0]])
    out = Embedding(10, 4, mask_zero=True)(ids)
    np.testing.assert_array_equal(out._keras_mask, ids != 0)
    assert getattr(Embedding(10, 4)(ids), "_keras_mask", None) is None   # off by default


def test_id_too_large_is_explained():
    layer = Embedding(1000, 8, name="words")
    with pytest.raises(ValueError) as info:
        layer(np.array([[5, 1200, 3], [999, 0, 2]]))
    message = str(info.value)
    assert "'words'" in message and "1200" in message and "input_dim=1000" in message
    assert "at least 1201" in message and "num_words=1000" in message
    with pytest.raises(ValueError, match="negative id -1"):
        layer(np.array([[-1, 2]]))


def test_gradient_and_config():
    layer = Embedding(7, 3, mask_zero=True, embeddings_initializer="random_normal", name="emb")
    ids = np.random.default_rng(0).integers(0, 7, (4, 6))
    errors = check_layer_gradients(layer, ids, verbose=False)
    assert list(errors) == ["emb/embeddings"]                   # ids are integers: no gradient
    assert errors["emb/embeddings"] < 1e-6
    config = layer.get_config()
    assert config["input_dim"] == 7 and config["output_dim"] == 3 and config["mask_zero"] is True
    assert Embedding.from_config(config).get_config() == config


def test_bad_arguments():
    with pytest.raises(ValueError, match="input_dim must be a positive integer"):
        Embedding(0, 4)
    with pytest.raises(ValueError, match="output_dim must be a positive integer"):
        Embedding(10, 2.5)
