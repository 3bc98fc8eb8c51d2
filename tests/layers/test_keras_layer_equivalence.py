"""Conv, pooling, BatchNormalization and Embedding against values recorded from real Keras.

See tests/reference/make_keras_reference.py (``layer_outputs``) for how each
number was produced; the weights come from the same ``arr`` formula.
"""
import json
from pathlib import Path

import numpy as np
import pytest

import kerasedu as keras
from reference import builders
from reference.builders import arr

REFERENCE = json.loads((Path(__file__).parent.parent / "reference" / "keras_reference.json").read_text())["layers"]
L = keras.layers


CASES = builders.image_layers(keras)


@pytest.mark.parametrize("name", list(CASES))
def test_layer_output_matches_keras(name):
    img = arr((2, 7, 6, 3), 1.0, 0.2)
    layer = CASES[name]()
    layer(img)                                                    # build
    layer.set_weights([arr(w.shape, 0.3, 1.0 + k) for k, w in enumerate(layer.get_weights())])
    out = layer(img).numpy()
    assert list(out.shape) == REFERENCE[name]["shape"]
    np.testing.assert_allclose(out, REFERENCE[name]["output"], atol=1e-5)


def test_batch_normalization_training_step_and_moving_statistics_match_keras():
    bn = L.BatchNormalization()
    x = arr((6, 3), 2.0, 0.4) + 1.0
    bn(x)
    bn.set_weights([arr(3, 0.5, 1.0) + 1.0, arr(3, 0.2, 2.0), arr(3, 0.1, 3.0), np.abs(arr(3, 1.0, 4.0)) + 0.5])
    expected = REFERENCE["batchnorm"]
    np.testing.assert_allclose(bn(x, training=True).numpy(), expected["train_output"], atol=1e-5)
    for ours, theirs in zip(bn.get_weights(), expected["weights_after"]):
        np.testing.assert_allclose(ours, theirs, atol=1e-6)
    np.testing.assert_allclose(bn(x, training=False).numpy(), expected["inference_output"], atol=1e-5)


def test_embedding_mask_and_masked_average_match_keras():
    ids = np.array([[3, 1, 0, 0], [2, 4, 4, 1]])
    model = builders.masked_text_model(keras)
    np.testing.assert_allclose(model.predict(ids, verbose=0), REFERENCE["embedding_gap1d_masked"], atol=1e-6)


def test_simple_mnist_convnet_shapes_and_parameter_counts_match_keras():
    convnet = builders.convnet(keras)
    assert [layer.count_params() for layer in convnet.layers] == REFERENCE["convnet_params"]
    assert [list(layer.output.shape[1:]) for layer in convnet.layers] == REFERENCE["convnet_shapes"]
