"""Every core op: a central-difference gradient check in float64 (relative error < 1e-6)."""
import numpy as np
import pytest

from kerasedu import ops
from kerasedu.utils.gradient_check import check_gradients

rng = np.random.default_rng(0)
TOL = 1e-6


def away_from(values, point=0.0, gap=0.1):
    """Move values away from a kink (relu at 0) so finite differences are smooth."""
    return np.where(np.abs(values - point) < gap, values + 2 * gap, values)


CASES = {
    "add (broadcast)": (lambda a, b: ops.add(a, b), [rng.standard_normal((4, 3)), rng.standard_normal(3)]),
    "subtract": (lambda a, b: ops.subtract(a, b), [rng.standard_normal((4, 3)), rng.standard_normal((4, 1))]),
    "multiply": (lambda a, b: ops.multiply(a, b), [rng.standard_normal((4, 3)), rng.standard_normal((1, 3))]),
    "divide": (lambda a, b: ops.divide(a, b), [rng.standard_normal((4, 3)), rng.uniform(1, 2, (4, 3))]),
    "negative": (lambda a: ops.negative(a), [rng.standard_normal((3, 2))]),
    "power": (lambda a: ops.power(a, 3.0), [rng.uniform(0.5, 2, (3, 2))]),
    "exp": (lambda a: ops.exp(a), [rng.standard_normal((3, 2))]),
    "log": (lambda a: ops.log(a), [rng.uniform(0.5, 2, (3, 2))]),
    "sqrt": (lambda a: ops.sqrt(a), [rng.uniform(0.5, 2, (3, 2))]),
    "square": (lambda a: ops.square(a), [rng.standard_normal((3, 2))]),
    "abs": (lambda a: ops.abs(a), [away_from(rng.standard_normal((3, 2)))]),
    "maximum": (lambda a, b: ops.maximum(a, b), [rng.standard_normal((3, 2)), rng.standard_normal((3, 2)) + 0.5]),
    "clip": (lambda a: ops.clip(a, -0.5, 0.5), [away_from(away_from(rng.standard_normal((4, 3)), 0.5), -0.5)]),
    "sum axis": (lambda a: ops.sum(a, axis=1), [rng.standard_normal((3, 4))]),
    "sum all": (lambda a: ops.sum(a), [rng.standard_normal((3, 4))]),
    "mean keepdims": (lambda a: ops.mean(a, axis=0, keepdims=True), [rng.standard_normal((3, 4))]),
    "max axis": (lambda a: ops.max(a, axis=-1), [rng.standard_normal((3, 4))]),
    "reshape": (lambda a: ops.reshape(a, (2, 6)), [rng.standard_normal((3, 4))]),
    "transpose": (lambda a: ops.transpose(a, (1, 0, 2)), [rng.standard_normal((2, 3, 4))]),
    "getitem": (lambda a: ops.getitem(a, (slice(None), [0, 2, 2])), [rng.standard_normal((3, 4))]),
    "concatenate": (lambda a, b: ops.concatenate([a, b], axis=1), [rng.standard_normal((2, 3)), rng.standard_normal((2, 2))]),
    "stack": (lambda a, b: ops.stack([a, b], axis=1), [rng.standard_normal((2, 3)), rng.standard_normal((2, 3))]),
    "expand/squeeze": (lambda a: ops.squeeze(ops.expand_dims(a, 1), 1), [rng.standard_normal((2, 3))]),
    "matmul": (lambda a, b: ops.matmul(a, b), [rng.standard_normal((4, 3)), rng.standard_normal((3, 5))]),
    "matmul batched": (lambda a, b: ops.matmul(a, b), [rng.standard_normal((2, 4, 3)), rng.standard_normal((3, 5))]),
    "dense": (lambda x, w, b: ops.dense(x, w, b), [rng.standard_normal((4, 3)), rng.standard_normal((3, 5)), rng.standard_normal(5)]),
    "dense 3-D input": (lambda x, w: ops.dense(x, w), [rng.standard_normal((2, 4, 3)), rng.standard_normal((3, 5))]),
    "relu": (lambda a: ops.relu(a), [away_from(rng.standard_normal((4, 3)))]),
    "leaky_relu": (lambda a: ops.leaky_relu(a, 0.2), [away_from(rng.standard_normal((4, 3)))]),
    "elu": (lambda a: ops.elu(a), [away_from(rng.standard_normal((4, 3)))]),
    "sigmoid": (lambda a: ops.sigmoid(a), [rng.standard_normal((4, 3)) * 3]),
    "tanh": (lambda a: ops.tanh(a), [rng.standard_normal((4, 3))]),
    "softmax": (lambda a: ops.softmax(a), [rng.standard_normal((4, 5))]),
    "softmax axis 0": (lambda a: ops.softmax(a, axis=0), [rng.standard_normal((4, 5))]),
    "gelu": (lambda a: ops.gelu(a), [rng.standard_normal((4, 3))]),
    "gelu tanh": (lambda a: ops.gelu(a, approximate=True), [rng.standard_normal((4, 3))]),
    "sparse softmax CE": (lambda z: ops.sparse_softmax_cross_entropy(np.array([0, 2, 1, 4]), z), [rng.standard_normal((4, 5))]),
    "sparse softmax CE, softmax reused": (lambda z: ops.sparse_softmax_cross_entropy(np.array([[0, 2], [1, 4]]), z, softmax=ops.softmax(z)), [rng.standard_normal((2, 2, 5))]),
    "softmax CE": (lambda z: ops.softmax_cross_entropy(np.eye(5)[[1, 0, 3, 3]], z), [rng.standard_normal((4, 5))]),
    "categorical CE on probabilities": (lambda p: ops.categorical_cross_entropy(np.eye(3)[[0, 2, 1]], p), [rng.uniform(0.1, 1.0, (3, 3))]),
    "sigmoid BCE": (lambda z: ops.sigmoid_binary_cross_entropy(np.array([[1.0], [0.0], [1.0]]), z), [rng.standard_normal((3, 1))]),
    "BCE on probabilities": (lambda p: ops.binary_cross_entropy(np.array([[1.0], [0.0], [1.0]]), p), [rng.uniform(0.1, 0.9, (3, 1))]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_op_gradient_matches_central_differences(name):
    fn, inputs = CASES[name]
    errors = check_gradients(fn, inputs, verbose=False)
    assert errors, "nothing was checked"
    assert max(errors.values()) < TOL, errors


def test_dropout_gradient_uses_the_same_mask():
    x = np.random.default_rng(1).standard_normal((4, 6))
    errors = check_gradients(lambda t: ops.dropout(t, 0.5, np.random.default_rng(7)), [x], verbose=False)
    assert max(errors.values()) < TOL


def test_a_wrong_backward_is_caught():
    """The checker itself must be able to fail: a deliberately wrong derivative."""
    from kerasedu.autograd import Tensor

    def bad_square(a):
        return Tensor.from_op(a.data ** 2, (a,), lambda g: (g * a.data,))   # missing the 2
    errors = check_gradients(bad_square, [np.array([1.0, 2.0])], verbose=False)
    assert errors["input_0"] > 0.1


def test_unbroadcast_sums_stretched_axes():
    from kerasedu.ops._graph import unbroadcast
    g = np.ones((2, 3, 4), dtype=np.float32)
    assert unbroadcast(g, (3, 1)).tolist() == [[8.0]] * 3
    assert unbroadcast(g, (4,)).tolist() == [6.0] * 4
