"""Pooling ops against naive loops, and their gradients against central differences."""
import math

import numpy as np
import pytest

from kerasedu.autograd import Tensor
from kerasedu.ops.pool import avg_pool2d, global_avg_pool, global_max_pool, max_pool2d
from kerasedu.utils.gradient_check import check_gradients

TOL = 1e-6


def windows(H, W, pool, strides, padding):
    """Yield (r, c, [(row, col) of the real pixels in window (r, c)]) in row-major order."""
    (ph, pw), (sh, sw) = pool, strides
    if padding == "same":
        Ho, Wo = math.ceil(H / sh), math.ceil(W / sw)
        top = max((Ho - 1) * sh + ph - H, 0) // 2
        left = max((Wo - 1) * sw + pw - W, 0) // 2
    else:
        Ho, Wo, top, left = (H - ph) // sh + 1, (W - pw) // sw + 1, 0, 0
    for r in range(Ho):
        for c in range(Wo):
            cells = [(r * sh + a - top, c * sw + b - left) for a in range(ph) for b in range(pw)]
            yield r, c, [(i, j) for i, j in cells if 0 <= i < H and 0 <= j < W]


def naive_pool(x, g, pool, strides, padding, kind):
    """Forward and backward by the definition: max (first maximum wins) or mean of real pixels."""
    N, H, W, C = x.shape
    cells = list(windows(H, W, pool, strides, padding))
    Ho, Wo = cells[-1][0] + 1, cells[-1][1] + 1
    out, dx = np.zeros((N, Ho, Wo, C)), np.zeros(x.shape)
    for n in range(N):
        for ch in range(C):
            for r, c, pixels in cells:
                values = [x[n, i, j, ch] for i, j in pixels]
                if kind == "max":
                    first = int(np.argmax(values))          # argmax: the first of equal maxima
                    out[n, r, c, ch] = values[first]
                    dx[(n,) + pixels[first] + (ch,)] += g[n, r, c, ch]
                else:
                    out[n, r, c, ch] = np.mean(values)
                    for i, j in pixels:
                        dx[n, i, j, ch] += g[n, r, c, ch] / len(pixels)
    return out, dx


CASES = [  # (H, W, pool, strides, padding)
    (4, 4, (2, 2), (2, 2), "valid"),
    (5, 7, (2, 2), (2, 2), "valid"),     # odd sizes: the last row / column is dropped
    (5, 7, (2, 2), (2, 2), "same"),      # odd sizes: a padded edge
    (6, 6, (3, 3), (1, 1), "valid"),     # overlapping windows
    (5, 6, (3, 3), (2, 1), "same"),
    (7, 5, (3, 2), (2, 3), "valid"),
    (7, 8, (2, 2), (3, 3), "valid"),     # gaps between windows
    (9, 7, (3, 3), (3, 3), "same"),      # 3x3 tiles with a padded edge
]


@pytest.mark.parametrize("kind, op", [("max", max_pool2d), ("avg", avg_pool2d)])
@pytest.mark.parametrize("H, W, pool, strides, padding", CASES)
def test_forward_and_backward_match_naive_loops(kind, op, H, W, pool, strides, padding):
    rng = np.random.default_rng(0)
    x = Tensor(rng.standard_normal((2, H, W, 3)), requires_grad=True)
    out = op(x, pool, strides, padding)
    g = rng.standard_normal(out.shape).astype(np.float32)
    out.backward(g)
    expected_out, expected_dx = naive_pool(x.data.astype(np.float64), g, pool, strides, padding, kind)
    assert out.shape == expected_out.shape and out.dtype == np.float32
    np.testing.assert_allclose(out.data, expected_out, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(x.grad, expected_dx, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("op", [max_pool2d, avg_pool2d])
@pytest.mark.parametrize("H, W, pool, strides, padding", CASES)
def test_gradients_match_central_differences(op, H, W, pool, strides, padding):
    x = np.random.default_rng(1).standard_normal((2, H, W, 3))
    errors = check_gradients(lambda t: op(t, pool, strides, padding), [x], verbose=False)
    assert errors["input_0"] < TOL, errors


@pytest.mark.parametrize("H, W, pool, strides, padding", CASES)
def test_max_pool_with_many_ties_matches_the_naive_loop(H, W, pool, strides, padding):
    # small integers after a ReLU: most windows hold the maximum twice or more
    rng = np.random.default_rng(2)
    x = Tensor(np.maximum(rng.integers(-2, 3, (2, H, W, 4)), 0).astype(np.float32), requires_grad=True)
    out = max_pool2d(x, pool, strides, padding)
    g = rng.standard_normal(out.shape).astype(np.float32)
    out.backward(g)
    expected_out, expected_dx = naive_pool(x.data.astype(np.float64), g, pool, strides, padding, "max")
    np.testing.assert_array_equal(out.data, expected_out)
    np.testing.assert_allclose(x.grad, expected_dx, rtol=1e-6, atol=1e-6)


def test_max_pool_ties_go_to_the_first_element():
    # after ReLU a window is often all zeros: Keras/TF give the gradient to ONE element
    x = Tensor(np.array([[0.0, 0.0, 3.0, 3.0], [0.0, 0.0, 1.0, 3.0]]).reshape(1, 2, 4, 1),
               requires_grad=True)
    out = max_pool2d(x, 2)
    out.backward(np.array([[5.0, 7.0]], np.float32).reshape(1, 1, 2, 1))
    np.testing.assert_array_equal(out.data.ravel(), [0.0, 3.0])
    np.testing.assert_array_equal(x.grad[0, :, :, 0], [[5, 0, 7, 0], [0, 0, 0, 0]])


def test_max_pool_without_gradient_gives_the_same_maxima_and_no_backward():
    from kerasedu.autograd import no_grad
    x = Tensor(np.random.default_rng(0).standard_normal((2, 6, 6, 3)), requires_grad=True)
    with_grad = max_pool2d(x, 2)
    with no_grad():
        without = max_pool2d(x, 2)
    np.testing.assert_array_equal(without.data, with_grad.data)
    assert with_grad.requires_grad and not without.requires_grad


def test_avg_pool_same_padding_counts_only_real_pixels():
    x = np.arange(1.0, 10.0).reshape(1, 3, 3, 1)
    out = avg_pool2d(x, 2, 2, "same").data[0, :, :, 0]       # 3 -> 2 windows, the extra pad after
    np.testing.assert_allclose(out, [[(1 + 2 + 4 + 5) / 4, (3 + 6) / 2], [(7 + 8) / 2, 9.0]])


def test_max_pool_same_padding_is_never_the_maximum():
    x = -np.ones((1, 3, 3, 1))                      # all negative: a zero pad would win
    assert np.all(max_pool2d(x, 2, 2, "same").data == -1.0)


def test_mnist_convnet_shapes():
    assert max_pool2d(np.zeros((2, 26, 26, 32)), 2).shape == (2, 13, 13, 32)
    assert max_pool2d(np.zeros((2, 11, 11, 64)), 2).shape == (2, 5, 5, 64)
    assert max_pool2d(np.zeros((2, 11, 11, 64)), 2, padding="same").shape == (2, 6, 6, 64)


def test_global_average_pool_with_and_without_mask():
    x = np.arange(12.0).reshape(2, 3, 2)             # (batch, steps, features)
    np.testing.assert_allclose(global_avg_pool(x, (1,)).data, x.mean(axis=1))
    mask = np.array([[True, False, True], [False, False, False]])
    out = global_avg_pool(x, (1,), mask=mask, keepdims=True).data
    np.testing.assert_allclose(out[0, 0], (x[0, 0] + x[0, 2]) / 2)
    np.testing.assert_allclose(out[1, 0], [0.0, 0.0])  # every step masked: 0, not nan


def test_global_average_pool_masked_gradient():
    x = Tensor(np.ones((1, 4, 2)), requires_grad=True)
    global_avg_pool(x, (1,), mask=np.array([[True, True, True, False]])).backward(
        np.ones((1, 2), np.float32))
    np.testing.assert_allclose(x.grad[0, :, 0], [1 / 3, 1 / 3, 1 / 3, 0.0])


def test_global_max_pool_ties_and_values():
    x = Tensor(np.array([[[1.0, 2.0], [4.0, 2.0], [4.0, 0.0]]]), requires_grad=True)
    out = global_max_pool(x, (1,))
    out.backward(np.ones((1, 2), np.float32))
    np.testing.assert_array_equal(out.data, [[4.0, 2.0]])
    np.testing.assert_array_equal(x.grad[0], [[0, 1], [1, 0], [0, 0]])   # first maximum only


@pytest.mark.parametrize("mask", [None, np.array([[True, True, False, True, False],
                                                  [False, True, True, True, True]])])
def test_global_average_pool_1d_gradients(mask):
    x = np.random.default_rng(2).standard_normal((2, 5, 3))
    errors = check_gradients(lambda t: global_avg_pool(t, (1,), mask=mask), [x], verbose=False)
    assert errors["input_0"] < TOL


@pytest.mark.parametrize("op", [global_avg_pool, global_max_pool])
@pytest.mark.parametrize("keepdims", [False, True])
def test_global_2d_gradients(op, keepdims):
    x = np.random.default_rng(3).standard_normal((2, 4, 5, 3))
    out = op(Tensor(x), (1, 2), keepdims=keepdims)
    assert out.shape == ((2, 1, 1, 3) if keepdims else (2, 3))
    errors = check_gradients(lambda t: op(t, (1, 2), keepdims=keepdims), [x], verbose=False)
    assert errors["input_0"] < TOL
