"""Matrix products: the ops that hold almost all of a network's arithmetic."""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


def matmul(a, b) -> Tensor:
    """out = a @ b;  da = g @ b^T, db = a^T @ g (batched over leading axes).

    >>> a = Tensor(np.ones((2, 3)), requires_grad=True)
    >>> matmul(a, np.ones((3, 4))).shape
    (2, 4)
    """
    a, b = as_tensor(a), as_tensor(b)

    def backward(g):
        da = g @ np.swapaxes(b.data, -1, -2) if a.requires_grad else None
        db = np.swapaxes(a.data, -1, -2) @ g if b.requires_grad else None
        if db is not None and db.ndim > b.ndim:  # b was shared across a batch of matrices
            db = unbroadcast(db, b.shape)
        return da, db
    return Tensor.from_op(a.data @ b.data, (a, b), backward, "matmul")


def dense(x, kernel, bias=None) -> Tensor:
    """The Dense layer's op: out = x @ W + b, for x of shape (..., in).

    Backward (with g = dL/dout, shape (..., units)):
        dx = g @ W^T       dW = x^T @ g       db = sum of g over all rows

    >>> x = Tensor(np.ones((4, 3)))
    >>> w = Tensor(np.ones((3, 2)), requires_grad=True)
    >>> dense(x, w, np.zeros(2)).shape
    (4, 2)
    """
    x, kernel = as_tensor(x), as_tensor(kernel)
    bias = None if bias is None else as_tensor(bias)
    x2 = x.data.reshape(-1, x.shape[-1])             # (rows, in): a sequence's steps become rows
    out = x2 @ kernel.data                            # (rows, units)
    if bias is not None:
        out += bias.data
    out = out.reshape(x.shape[:-1] + (kernel.shape[1],))   # (..., units)

    def backward(g):
        g2 = g.reshape(-1, g.shape[-1])               # (rows, units)
        dx = (g2 @ kernel.data.T).reshape(x.shape) if x.requires_grad else None
        dw = x2.T @ g2 if kernel.requires_grad else None
        db = g2.sum(axis=0) if bias is not None and bias.requires_grad else None
        return (dx, dw, db) if bias is not None else (dx, dw)

    parents = (x, kernel, bias) if bias is not None else (x, kernel)
    return Tensor.from_op(out, parents, backward, "dense")
