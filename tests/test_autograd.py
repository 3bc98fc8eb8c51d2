"""The tape: order of backward, accumulation for shared tensors, no_grad, dtypes."""
import numpy as np
import pytest

from kerasedu import ops
from kerasedu.autograd import Tensor, Variable, float64_mode, is_grad_enabled, no_grad


def test_backward_of_a_chain_applies_the_chain_rule():
    x = Tensor(np.array([1.0, 2.0, 3.0]), requires_grad=True)
    y = ops.sum(ops.multiply(ops.exp(x), 2.0))         # y = 2 sum(e^x)
    y.backward()
    np.testing.assert_allclose(x.grad, 2.0 * np.exp([1.0, 2.0, 3.0]), rtol=1e-6)


def test_a_tensor_used_twice_gets_the_sum_of_both_gradients():
    w = Tensor(np.array([3.0]), requires_grad=True)
    y = ops.add(ops.multiply(w, 2.0), ops.multiply(w, 5.0))   # y = 7 w
    y.backward()
    assert w.grad.tolist() == [7.0]


def test_diamond_graph_visits_each_node_once():
    x = Tensor(np.array([2.0]), requires_grad=True)
    a = ops.square(x)                 # x^2
    b = ops.add(a, a)                 # 2 x^2, a used twice
    c = ops.multiply(b, a)            # 2 x^4
    c.backward()
    assert x.grad.tolist() == pytest.approx([8.0 * 2.0 ** 3])   # d(2x^4)/dx = 8 x^3


def test_no_grad_records_nothing_and_restores_the_flag():
    w = Tensor(np.ones(2), requires_grad=True)
    with no_grad():
        assert not is_grad_enabled()
        y = ops.multiply(w, 2.0)
    assert is_grad_enabled()
    assert not y.requires_grad and y._parents == ()


def test_constants_get_no_gradient_and_no_graph():
    a = Tensor(np.ones(3))
    b = ops.multiply(a, 2.0)
    assert not b.requires_grad and b._backward is None


def test_tensors_are_float32_except_integer_ids_and_in_float64_mode():
    assert Tensor([1.0, 2.0]).dtype == np.float32
    assert Tensor(np.array([1, 2])).dtype.kind == "i"
    with float64_mode():
        assert Tensor([1.0]).dtype == np.float64
    assert Tensor([1.0]).dtype == np.float32


def test_ops_keep_float32():
    x = Tensor(np.random.rand(4, 3), requires_grad=True)
    w = Tensor(np.random.rand(3, 2), requires_grad=True)
    y = ops.sum(ops.softmax(ops.dense(x, w, np.zeros(2, np.float32))))
    y.backward()
    assert y.dtype == x.grad.dtype == w.grad.dtype == np.float32


def test_tensor_operators_build_the_same_graph_as_ops():
    x = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    y = ((x * 3.0 + 1.0) / 2.0 - x) ** 2.0
    y.sum().backward()
    # y = (0.5 x + 0.5)^2, dy/dx = (0.5 x + 0.5)
    np.testing.assert_allclose(x.grad, 0.5 * np.array([1.0, 2.0]) + 0.5)


def test_variable_assign_checks_shape_and_keeps_dtype():
    v = Variable(np.zeros((2, 2)), name="kernel")
    v.assign(np.ones((2, 2), dtype=np.float64))
    assert v.dtype == np.float32 and v.numpy().sum() == 4.0
    with pytest.raises(ValueError, match=r"shape \(2, 2\).*\(3,\)"):
        v.assign(np.ones(3))


def test_deep_graph_does_not_hit_the_recursion_limit():
    x = Tensor(np.array([1.0]), requires_grad=True)
    y = x
    for _ in range(5000):
        y = ops.add(y, 1.0)
    y.backward()
    assert x.grad.tolist() == [1.0]


# ---- slices: each gradient lands in its place in one buffer ---------------------------------
def test_slice_gradients_land_in_place_and_add_up():
    rng = np.random.default_rng(0)
    x = Tensor(rng.normal(size=(3, 5, 4)), requires_grad=True)
    weights = rng.normal(size=(5, 3, 4)).astype(np.float32)
    loss = ops.sum(x[:, 0] * weights[0])
    for t in range(1, 5):
        loss = loss + ops.sum(x[:, t] * weights[t])
    loss = loss + ops.sum(x[:, ::-1][:, 0])                   # a reversed view: step 4 once more
    loss.backward()
    expected = np.transpose(weights, (1, 0, 2)).copy()
    expected[:, 4] += 1.0
    np.testing.assert_allclose(x.grad, expected, rtol=1e-6)


def test_getitem_backward_returns_the_slice_and_its_index_not_a_full_array():
    x = Tensor(np.zeros((64, 100, 128)), requires_grad=True)
    g = np.ones((64, 128), np.float32)
    (grad,) = x[:, 7]._backward(g)
    assert not isinstance(grad, np.ndarray)                   # no (64, 100, 128) array per step
    assert grad.values is g and grad.index == (slice(None), 7)
    np.testing.assert_array_equal(grad.dense()[:, 7], g)


def test_fancy_indices_that_repeat_add_up():
    x = Tensor(np.arange(4.0), requires_grad=True)
    ops.sum(x[np.array([1, 1, 3])]).backward()
    assert x.grad.tolist() == [0.0, 2.0, 0.0, 1.0]
    y = Tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)
    ops.sum(y[np.array([[True, False, True], [False, False, True]])]).backward()
    assert y.grad.tolist() == [[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]


def test_accumulating_in_place_never_writes_into_an_array_someone_else_holds():
    x = Tensor(np.ones(3), requires_grad=True)
    seed = np.array([1.0, 2.0, 3.0], np.float32)
    y = ops.add(x, x)                                         # add's backward hands out g twice
    z = ops.add(y, x[:])
    z.backward(seed)
    assert seed.tolist() == [1.0, 2.0, 3.0]                   # the caller's array is untouched
    assert y.grad.tolist() == [1.0, 2.0, 3.0]
    assert x.grad.tolist() == [3.0, 6.0, 9.0]


def test_a_second_backward_adds_to_the_gradient_without_changing_the_first_array():
    x = Tensor(np.ones(2), requires_grad=True)
    ops.sum(x[:1]).backward()
    first = x.grad
    ops.sum(x[1:]).backward()
    assert first.tolist() == [1.0, 0.0] and x.grad.tolist() == [1.0, 1.0]
