"""The benchmarks' hand-written NumPy convnet and kerasedu's convnet give the same loss and gradients.

Two independent implementations of one model: kerasedu's layers and tape, and
every formula written out inline (benchmarks/numpy_convnet.py). If either were
wrong, the benchmark would compare unlike things, and kerasedu's convnet
gradients would be suspect.
"""
import pathlib
import sys

import numpy as np
import pytest

import kerasedu as keras

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_convnet  # noqa: E402
import numpy_convnet  # noqa: E402


def kerasedu_loss_and_grads(params, x, y):
    model = bench_convnet.kerasedu_model()
    model.set_weights(params)
    probs = model(x, training=False)                          # no dropout: both sides deterministic
    loss = keras.losses.categorical_crossentropy(keras.utils.to_categorical(y, 10), probs).mean()
    loss.backward()
    return float(loss.data), [w.grad for w in model.trainable_weights]


@pytest.mark.parametrize("seed", [0, 1])
def test_same_loss_and_gradients_as_kerasedu(seed):
    rng = np.random.default_rng(seed)
    params = numpy_convnet.init_params(rng)
    x = rng.random((6, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, 6)
    loss, grads = numpy_convnet.loss_and_grads(params, x, y, rng, training=False)
    keras_loss, keras_grads = kerasedu_loss_and_grads(params, x, y)
    assert loss == pytest.approx(keras_loss, rel=1e-5)
    for grad, keras_grad, param in zip(grads, keras_grads, params):
        assert grad.shape == param.shape
        np.testing.assert_allclose(grad, keras_grad, rtol=1e-4, atol=1e-6 * np.abs(keras_grad).max())
    assert all(np.abs(g).max() > 0 for g in grads)            # every weight gets some gradient


def test_dropout_zeroes_half_the_features_and_doubles_the_rest():
    rng = np.random.default_rng(0)
    params = numpy_convnet.init_params(rng)
    x = rng.random((64, 28, 28, 1), dtype=np.float32)
    *_, keep, _ = numpy_convnet.forward(params, x, rng, training=True)[1]
    assert set(np.unique(keep)) == {0.0, 2.0}
    assert abs((keep == 0).mean() - 0.5) < 0.02
