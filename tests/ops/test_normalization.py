"""batch_norm: the formula, training vs inference, and central-difference gradient checks."""
import numpy as np
import pytest

from kerasedu.autograd import Tensor
from kerasedu.ops.normalization import batch_norm, moments
from kerasedu.utils.gradient_check import check_gradients

TOL = 1e-6
EPS = 1e-3


def test_moments_are_per_channel_and_biased():
    x = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 13.0]])
    mean, var = moments(x)
    np.testing.assert_allclose(mean, [3.0, 11.0])
    np.testing.assert_allclose(var, [8 / 3, 2.0])              # divide by 3, not 2
    x4 = np.random.default_rng(0).standard_normal((4, 3, 5, 2))
    mean, var = moments(x4)                                    # over batch, rows and cols
    np.testing.assert_allclose(mean, x4.mean(axis=(0, 1, 2)))
    np.testing.assert_allclose(var, x4.var(axis=(0, 1, 2)))


@pytest.mark.parametrize("training", [True, False])
def test_forward_is_the_formula(training):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 3, 3, 4)).astype(np.float32) * 3 + 2
    gamma, beta = rng.standard_normal(4).astype(np.float32), rng.standard_normal(4).astype(np.float32)
    mean, var = moments(x) if training else (np.full(4, 0.5, np.float32), np.full(4, 2.0, np.float32))
    out = batch_norm(x, gamma, beta, mean, var, EPS, training=training)
    expected = gamma * (x - mean) / np.sqrt(var + EPS) + beta
    assert out.dtype == np.float32 and out.shape == x.shape
    np.testing.assert_allclose(out.data, expected, rtol=1e-5, atol=1e-5)
    if training:   # the batch's own statistics: each channel ends up with mean beta, std ~gamma
        np.testing.assert_allclose(out.data.mean(axis=(0, 1, 2)), beta, atol=1e-5)


@pytest.mark.parametrize("shape", [(8, 3), (4, 3, 2, 5)])
def test_training_gradients_match_central_differences(shape):
    rng = np.random.default_rng(8)
    C = shape[-1]
    inputs = [rng.standard_normal(shape) * 2 + 1, rng.standard_normal(C), rng.standard_normal(C)]
    errors = check_gradients(
        lambda x, gamma, beta: batch_norm(x, gamma, beta, *moments(x.data), EPS, training=True),
        inputs, verbose=False)
    assert set(errors) == {"input_0", "input_1", "input_2"}
    assert max(errors.values()) < TOL, errors


def test_inference_gradients_match_central_differences():
    rng = np.random.default_rng(3)
    mean, var = rng.standard_normal(3), rng.uniform(0.5, 2, 3)
    errors = check_gradients(
        lambda x, gamma, beta: batch_norm(x, gamma, beta, mean, var, EPS, training=False),
        [rng.standard_normal((5, 2, 3)), rng.standard_normal(3), rng.standard_normal(3)],
        verbose=False)
    assert max(errors.values()) < TOL, errors


def test_without_gamma_and_beta():
    rng = np.random.default_rng(4)
    errors = check_gradients(
        lambda x: batch_norm(x, None, None, *moments(x.data), EPS, training=True),
        [rng.standard_normal((7, 2))], verbose=False)
    assert errors["input_0"] < TOL


def test_training_backward_worked_example():
    # the sum over the batch of a normalized channel is always 0, so its gradient is 0 ...
    x = Tensor(np.array([[1.0], [2.0], [6.0]]), requires_grad=True)
    gamma = Tensor(np.array([2.0]), requires_grad=True)
    beta = Tensor(np.array([0.5]), requires_grad=True)
    batch_norm(x, gamma, beta, *moments(x.data), 0.0, training=True).backward(
        np.ones((3, 1), np.float32))
    np.testing.assert_allclose(x.grad, 0.0, atol=1e-6)
    np.testing.assert_allclose(gamma.grad, [0.0], atol=1e-6)   # sum of x_hat = 0
    np.testing.assert_allclose(beta.grad, [3.0])                # one per sample
    # ... while in inference mode each x just gets gamma / sqrt(var + eps)
    x.grad = None
    batch_norm(x, gamma, beta, np.zeros(1), np.full(1, 4.0), 0.0).backward(np.ones((3, 1), np.float32))
    np.testing.assert_allclose(x.grad, 1.0)                     # 2 / sqrt(4)
