"""Conv2DTranspose's and UpSampling2D's ops: gradient checks, worked examples, and the
fact that a transposed convolution is the input-gradient of conv2d."""
import numpy as np
import pytest

from kerasedu.autograd import Tensor
from kerasedu.ops.conv import conv2d
from kerasedu.ops.conv_transpose import conv2d_transpose, deconv_output_length
from kerasedu.ops.upsampling import bilinear_matrix, upsample2d
from kerasedu.utils.gradient_check import check_gradients

TOL = 1e-6


@pytest.mark.parametrize("kernel,strides,padding", [
    ((3, 3), (1, 1), "valid"), ((3, 3), (2, 2), "same"), ((4, 4), (2, 2), "same"),
    ((2, 3), (3, 1), "valid"), ((2, 2), (3, 3), "same")])
def test_conv2d_transpose_gradients(kernel, strides, padding):
    rng = np.random.default_rng(0)
    inputs = [rng.standard_normal((2, 3, 4, 2)), rng.standard_normal(kernel + (3, 2)),
              rng.standard_normal(3)]
    errors = check_gradients(lambda x, k, b: conv2d_transpose(x, k, b, strides, padding),
                             inputs, verbose=False)
    assert set(errors) == {"input_0", "input_1", "input_2"}
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("strides,padding", [((1, 1), "valid"), ((2, 2), "same"), ((2, 2), "valid")])
def test_conv2d_transpose_is_the_input_gradient_of_conv2d(strides, padding):
    # y = conv2d(x, K) is linear in x: dL/dx for dL/dy = g equals conv2d_transpose(g, K)
    rng = np.random.default_rng(1)
    kernel = rng.standard_normal((3, 3, 2, 4)).astype(np.float32)     # conv2d: (kh, kw, in=2, out=4)
    size = deconv_output_length(5, 3, strides[0], padding)
    x = Tensor(rng.standard_normal((1, size, size, 2)), requires_grad=True)
    y = conv2d(x, kernel, strides=strides, padding=padding)
    assert y.shape[1] == 5
    g = rng.standard_normal(y.shape).astype(np.float32)
    y.backward(g)
    # the same kernel array read as (kh, kw, filters=2, in=4) by the transposed op
    np.testing.assert_allclose(conv2d_transpose(g, kernel, strides=strides, padding=padding).data,
                               x.grad, rtol=1e-4, atol=1e-5)


def test_output_lengths_follow_keras():
    assert deconv_output_length(4, 3, 1, "valid") == 6          # (4 - 1) * 1 + 3
    assert deconv_output_length(4, 2, 3, "valid") == 12         # 4 * 3 + max(2 - 3, 0)
    assert deconv_output_length(4, 3, 2, "same") == 8
    assert deconv_output_length(None, 3, 2, "same") is None


def test_upsample_nearest_worked_example_and_gradient():
    x = np.array([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 2, 2, 1)
    out = upsample2d(x, (2, 2)).data[0, :, :, 0]
    np.testing.assert_array_equal(out, [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]])
    rng = np.random.default_rng(2)
    for interpolation in ("nearest", "bilinear"):
        errors = check_gradients(lambda t: upsample2d(t, (2, 3), interpolation),
                                 [rng.standard_normal((2, 3, 2, 2))], verbose=False)
        assert max(errors.values()) < TOL, (interpolation, errors)


def test_bilinear_rows_are_weights_that_sum_to_one():
    m = bilinear_matrix(5, 3)
    np.testing.assert_allclose(m.sum(axis=1), 1.0, rtol=1e-6)
    assert m.shape == (15, 5)
    np.testing.assert_allclose(m[7], [0, 0, 1, 0, 0])        # output 7's centre is input 2's
