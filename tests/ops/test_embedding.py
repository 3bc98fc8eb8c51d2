"""embedding: a gather forward, a scatter-add backward."""
import numpy as np

from kerasedu.autograd import Tensor
from kerasedu.ops.embedding import embedding
from kerasedu.utils.gradient_check import check_gradients


def test_forward_picks_rows():
    table = np.arange(12.0).reshape(4, 3)
    ids = np.array([[3, 0], [1, 3]])
    out = embedding(ids, table)
    assert out.shape == (2, 2, 3) and out.dtype == np.float32
    np.testing.assert_array_equal(out.data[0, 0], [9, 10, 11])
    np.testing.assert_array_equal(out.data, table[ids])


def test_backward_adds_up_repeated_ids():
    rng = np.random.default_rng(0)
    table = Tensor(rng.standard_normal((50, 4)), requires_grad=True)
    ids = rng.integers(0, 50, (8, 30))                  # many repeats: 240 ids, 50 rows
    out = embedding(ids, table)
    g = rng.standard_normal(out.shape).astype(np.float32)
    out.backward(g)
    expected = np.zeros((50, 4))
    np.add.at(expected, ids.ravel(), g.reshape(-1, 4))  # the textbook scatter-add
    np.testing.assert_allclose(table.grad, expected, rtol=1e-5, atol=1e-5)
    unused = np.setdiff1d(np.arange(50), ids)
    assert np.all(table.grad[unused] == 0)              # rows nobody picked get nothing
    assert table.grad.dtype == np.float32


def test_gradient_matches_central_differences():
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 6, (3, 5))
    errors = check_gradients(lambda i, t: embedding(i, t), [ids, rng.standard_normal((6, 4))],
                             verbose=False)
    assert list(errors) == ["input_1"]                  # integer ids get no gradient
    assert errors["input_1"] < 1e-6


def test_ids_of_any_shape():
    table = np.eye(5)
    assert embedding(np.array(2), table).shape == (5,)
    assert embedding(np.array([[[1, 2]]]), table).shape == (1, 1, 2, 5)
