"""conv2d against a naive loop convolution, and its gradients against central differences."""
import math

import numpy as np
import pytest

from kerasedu.autograd import Tensor, float64_mode
from kerasedu.ops.conv import conv2d, conv_output_length, padding_1d, pair
from kerasedu.utils.gradient_check import check_gradients

TOL = 1e-6


def naive_conv2d(x, k, b=None, strides=(1, 1), padding="valid", dilation=(1, 1)):
    """The definition, one output pixel at a time, with TensorFlow's "same" padding rule."""
    N, H, W, C = x.shape
    kh, kw, _, F = k.shape
    (sh, sw), (dh, dw) = strides, dilation
    ekh, ekw = (kh - 1) * dh + 1, (kw - 1) * dw + 1
    if padding == "same":
        Ho, Wo = math.ceil(H / sh), math.ceil(W / sw)
        ph, pw = max((Ho - 1) * sh + ekh - H, 0), max((Wo - 1) * sw + ekw - W, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        Ho, Wo = (H - ekh) // sh + 1, (W - ekw) // sw + 1
    out = np.zeros((N, Ho, Wo, F))
    for n in range(N):
        for r in range(Ho):
            for c in range(Wo):
                for f in range(F):
                    total = 0.0 if b is None else b[f]
                    for i in range(kh):
                        for j in range(kw):
                            for ch in range(C):
                                total += x[n, r * sh + i * dh, c * sw + j * dw, ch] * k[i, j, ch, f]
                    out[n, r, c, f] = total
    return out


# (H, W, C, F, kernel, strides, padding, dilation): odd sizes, strides 1/2, dilation, both paddings
CASES = [
    (5, 5, 1, 2, (3, 3), (1, 1), "valid", (1, 1)),
    (7, 6, 3, 4, (3, 2), (1, 1), "valid", (1, 1)),
    (7, 7, 2, 3, (3, 3), (2, 2), "valid", (1, 1)),
    (8, 9, 2, 3, (3, 3), (1, 1), "same", (1, 1)),
    (7, 8, 2, 3, (3, 3), (2, 2), "same", (1, 1)),
    (6, 6, 2, 2, (4, 4), (2, 2), "same", (1, 1)),     # even kernel: the extra pad goes bottom/right
    (9, 8, 2, 3, (3, 3), (1, 1), "valid", (2, 2)),
    (9, 7, 2, 3, (3, 2), (1, 1), "same", (2, 3)),
    (10, 11, 2, 3, (2, 3), (2, 3), "valid", (1, 1)),
    # one channel: conv2d builds its patches tap by tap (C > 1: one copy of the window view)
    (9, 8, 1, 3, (3, 2), (2, 2), "same", (1, 1)),
    (9, 9, 1, 2, (3, 3), (1, 1), "valid", (2, 2)),
]


@pytest.mark.parametrize("H, W, C, F, kernel, strides, padding, dilation", CASES)
def test_forward_matches_naive_loops(H, W, C, F, kernel, strides, padding, dilation):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, H, W, C)).astype(np.float32)
    k = rng.standard_normal(kernel + (C, F)).astype(np.float32)
    b = rng.standard_normal(F).astype(np.float32)
    out = conv2d(x, k, b, strides=strides, padding=padding, dilation_rate=dilation)
    expected = naive_conv2d(x.astype(np.float64), k, b, strides, padding, dilation)
    assert out.shape == expected.shape
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.data, expected, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("H, W, C, F, kernel, strides, padding, dilation", CASES)
def test_gradients_match_central_differences(H, W, C, F, kernel, strides, padding, dilation):
    # (relative error per entry: an entry whose true gradient is ~1e-4 shows the finite
    # difference's own rounding as ~1e-6, so the seed matters a little; 5, 6, 7 all pass)
    rng = np.random.default_rng(7)
    inputs = [rng.standard_normal((2, H, W, C)), rng.standard_normal(kernel + (C, F)),
              rng.standard_normal(F)]
    errors = check_gradients(
        lambda x, k, b: conv2d(x, k, b, strides=strides, padding=padding, dilation_rate=dilation),
        inputs, verbose=False)
    assert set(errors) == {"input_0", "input_1", "input_2"}      # x, kernel and bias all checked
    assert max(errors.values()) < TOL, errors


def test_gradient_check_without_bias():
    rng = np.random.default_rng(3)
    errors = check_gradients(lambda x, k: conv2d(x, k, padding="same"),
                             [rng.standard_normal((1, 5, 4, 2)), rng.standard_normal((3, 3, 2, 2))],
                             verbose=False)
    assert max(errors.values()) < TOL, errors


def test_worked_example_by_hand():
    # a 3x3 image 1..9 and a 2x2 kernel [[1, 0], [0, -1]]: out = top-left - bottom-right = -4
    x = np.arange(1.0, 10.0).reshape(1, 3, 3, 1)
    k = np.array([[1.0, 0.0], [0.0, -1.0]]).reshape(2, 2, 1, 1)
    out = conv2d(x, k, np.array([0.5]))
    np.testing.assert_array_equal(out.data[0, :, :, 0], [[-3.5, -3.5], [-3.5, -3.5]])


def test_backward_worked_example():
    # with g = 1 everywhere, dK[i, j] = sum of the pixels tap (i, j) saw; db = number of outputs
    x = Tensor(np.arange(1.0, 10.0).reshape(1, 3, 3, 1), requires_grad=True)
    k = Tensor(np.ones((2, 2, 1, 1)), requires_grad=True)
    b = Tensor(np.zeros(1), requires_grad=True)
    conv2d(x, k, b).backward(np.ones((1, 2, 2, 1), np.float32))
    np.testing.assert_array_equal(k.grad[:, :, 0, 0], [[1 + 2 + 4 + 5, 2 + 3 + 5 + 6],
                                                      [4 + 5 + 7 + 8, 5 + 6 + 8 + 9]])
    np.testing.assert_array_equal(b.grad, [4.0])
    # each pixel's gradient counts how many windows it is in: the centre is in all 4
    np.testing.assert_array_equal(x.grad[0, :, :, 0], [[1, 2, 1], [2, 4, 2], [1, 2, 1]])


def test_same_padding_rule_keras_tensorflow():
    assert padding_1d(28, 3, 1, 1, "same") == (1, 1, 28)
    assert padding_1d(28, 3, 2, 1, "same") == (0, 1, 14)       # total 1: the extra pad at the end
    assert padding_1d(28, 4, 1, 1, "same") == (1, 2, 28)
    assert padding_1d(5, 3, 1, 2, "same") == (2, 2, 5)         # dilated kernel covers 5
    assert padding_1d(13, 3, 1, 1, "valid") == (0, 0, 11)
    assert padding_1d(11, 2, 2, 1, "valid") == (0, 0, 5)       # the last row is dropped
    assert conv_output_length(None, 3, 1, "same") is None


def test_errors_are_explained():
    with pytest.raises(ValueError, match="smaller .* than the window"):
        conv2d(np.zeros((1, 2, 2, 1)), np.zeros((3, 3, 1, 1)))
    with pytest.raises(ValueError, match="padding must be 'valid' or 'same'"):
        conv2d(np.zeros((1, 4, 4, 1)), np.zeros((3, 3, 1, 1)), padding="full")
    with pytest.raises(ValueError, match=r"x \(1, 4, 4, 2\) and kernel \(3, 3, 1, 1\)"):
        conv2d(np.zeros((1, 4, 4, 2)), np.zeros((3, 3, 1, 1)))
    with pytest.raises(ValueError, match="strides"):
        pair((1, 2, 3), "strides")


def test_no_input_gradient_when_not_needed():
    # the first layer's input needs no gradient: backward must not spend time on it
    x = Tensor(np.ones((1, 4, 4, 1)))
    k = Tensor(np.ones((3, 3, 1, 2)), requires_grad=True)
    conv2d(x, k).backward(np.ones((1, 2, 2, 2), np.float32))
    assert x.grad is None
    assert k.grad.shape == (3, 3, 1, 2)


def test_dtypes_are_kept():
    x = Tensor(np.ones((1, 4, 4, 1)), requires_grad=True)
    k = Tensor(np.ones((3, 3, 1, 2)), requires_grad=True)
    out = conv2d(x, k, np.zeros(2, np.float32), padding="same")
    out.backward(np.ones(out.shape, np.float32))
    assert out.dtype == x.grad.dtype == k.grad.dtype == np.float32
    with float64_mode():
        x64 = Tensor(np.ones((1, 4, 4, 1)), requires_grad=True)
        out = conv2d(x64, Tensor(np.ones((3, 3, 1, 2))))
        out.backward(np.ones(out.shape))
        assert out.dtype == x64.grad.dtype == np.float64


def test_matches_torch_if_installed():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    x = Tensor(rng.standard_normal((3, 13, 13, 8)), requires_grad=True)
    k = Tensor(rng.standard_normal((3, 3, 8, 16)), requires_grad=True)
    b = Tensor(rng.standard_normal(16), requires_grad=True)
    out = conv2d(x, k, b, strides=2)
    g = rng.standard_normal(out.shape).astype(np.float32)
    out.backward(g)
    xt = torch.tensor(x.data.transpose(0, 3, 1, 2), requires_grad=True)    # torch: NCHW, OIHW
    kt = torch.tensor(k.data.transpose(3, 2, 0, 1), requires_grad=True)
    bt = torch.tensor(b.data, requires_grad=True)
    yt = torch.nn.functional.conv2d(xt, kt, bt, stride=2)
    yt.backward(torch.tensor(g.transpose(0, 3, 1, 2)))
    np.testing.assert_allclose(out.data, yt.detach().numpy().transpose(0, 2, 3, 1), atol=1e-4)
    np.testing.assert_allclose(x.grad, xt.grad.numpy().transpose(0, 2, 3, 1), atol=1e-4)
    np.testing.assert_allclose(k.grad, kt.grad.numpy().transpose(2, 3, 1, 0), atol=1e-4)
    np.testing.assert_allclose(b.grad, bt.grad.numpy(), atol=1e-4)
