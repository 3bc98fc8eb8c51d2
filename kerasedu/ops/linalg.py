"""Matrix products: the ops that hold almost all of a network's arithmetic; and norms."""
from __future__ import annotations

import numpy as np

from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor, unbroadcast


@keras_op
def matmul(x1, x2) -> Tensor:
    """out = x1 @ x2;  dx1 = g @ x2^T, dx2 = x1^T @ g (batched over leading axes).

    Args:
        x1: (..., n, k); a 1-D x1 is a row vector.
        x2: (..., k, m); a 1-D x2 is a column vector.

    >>> a = Tensor(np.ones((2, 3)), requires_grad=True)
    >>> matmul(a, np.ones((3, 4))).shape
    (2, 4)
    """
    a, b = as_tensor(x1), as_tensor(x2)
    if a.ndim == 1 or b.ndim == 1:     # a vector: a row (x1) or a column (x2); einsum's backward covers it
        batch = "..." if a.ndim > 1 or b.ndim > 1 else ""
        a_subs = "k" if a.ndim == 1 else "...nk"
        b_subs = "k" if b.ndim == 1 else "...km"
        out_subs = batch + ("n" if a.ndim > 1 else "") + ("m" if b.ndim > 1 else "")
        return einsum.__wrapped__(f"{a_subs},{b_subs}->{out_subs}", a, b)

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


@keras_op
def dot(x1, x2) -> Tensor:
    """NumPy's dot: for vectors sum(x1 * x2), for matrices x1 @ x2, and in general a sum
    over the last axis of x1 and the second-to-last of x2 (the last, if x2 is 1-D).

    Args:
        x1, x2: tensors (a number multiplies).

    >>> dot(np.array([1.0, 2.0]), np.array([3.0, 4.0])).data
    array(11., dtype=float32)
    """
    a, b = as_tensor(x1), as_tensor(x2)
    if a.ndim == 0 or b.ndim == 0:
        from kerasedu.ops.math import multiply
        return multiply(a, b)
    letters = "abcdefghijklmnopqrstuvwxyz"
    a_subs = letters[:a.ndim - 1] + "z"                  # z: the summed axis
    b_rest = letters[a.ndim - 1:a.ndim - 1 + b.ndim - 1]
    b_subs = "z" if b.ndim == 1 else b_rest[:-1] + "z" + b_rest[-1]
    return einsum.__wrapped__(f"{a_subs},{b_subs}->{a_subs[:-1]}{b_rest}", a, b)


@keras_op
def einsum(subscripts: str, *operands) -> Tensor:
    """Einstein summation: multiply the operands and sum over the letters that are not in
    the output ("ij,jk->ik" is matmul). The gradient of an operand is the einsum of g with
    the other operands, giving that operand's letters:  "ij,jk->ik":  dA = einsum("ik,jk->ij", g, B).

    Args:
        subscripts: e.g. "ij,jk->ik" or "bij,bjk->bik"; "..." for leading axes.
        *operands: the tensors, one per comma-separated term.

    >>> einsum("ij,jk->ik", np.ones((2, 3)), np.ones((3, 4))).shape
    (2, 4)
    """
    tensors = [as_tensor(t) for t in operands]
    out = np.einsum(subscripts, *[t.data for t in tensors])
    inputs, output = _parse_einsum(subscripts, [t.ndim for t in tensors])

    def backward(g):
        grads = []
        for i, t in enumerate(tensors):
            if not t.requires_grad:
                grads.append(None)
                continue
            others = [s for j, s in enumerate(inputs) if j != i]
            known = set(output).union(*others)                 # letters that g or the others carry
            target = "".join(c for c in inputs[i] if c in known)
            if len(set(inputs[i])) != len(inputs[i]):
                raise NotImplementedError(f"einsum backward: repeated letters in one operand "
                                          f"({inputs[i]!r}, a trace) are not supported.")
            grad = np.einsum(",".join([output] + others) + "->" + target, g,
                             *[o.data for j, o in enumerate(tensors) if j != i])
            # letters only in this operand were summed away: each element got the same g
            shape = [t.shape[k] if c in known else 1 for k, c in enumerate(inputs[i])]
            grads.append(np.broadcast_to(grad.reshape(shape), t.shape).astype(t.dtype))
        return tuple(grads)
    return Tensor.from_op(np.asarray(out, dtype=tensors[0].dtype), tensors, backward, "einsum")


def _parse_einsum(subscripts: str, ndims: list[int]) -> tuple[list[str], str]:
    """The letters of each operand and of the output, with "..." spelled out as capitals."""
    spec = subscripts.replace(" ", "")
    lhs, arrow, rhs = spec.partition("->")
    terms = lhs.split(",")
    widest = max(n - len(t.replace("...", "")) for t, n in zip(terms, ndims))
    ellipsis = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:max(widest, 0)]
    inputs = []
    for term, n in zip(terms, ndims):
        k = n - len(term.replace("...", ""))
        inputs.append(term.replace("...", ellipsis[len(ellipsis) - k:] if k else ""))
    if arrow:
        output = rhs.replace("...", ellipsis)
    else:      # implicit form: the letters used once, in alphabetical order
        counts = "".join(t.replace("...", "") for t in terms)
        output = ellipsis + "".join(sorted(c for c in set(counts) if counts.count(c) == 1))
    return inputs, output


@keras_op
def norm(x, ord=None, axis=None, keepdims: bool = False) -> Tensor:  # noqa: A002 - the Keras name
    """Vector or matrix norms, as ``np.linalg.norm``:

    vectors (axis an int, or x 1-D):  ||x||_p = (sum |x_i|^p)^(1/p) (p = 2 by default,
        inf: max |x_i|, -inf: min |x_i|, 0: the number of non-zeros);
    matrices (axis a pair, or x 2-D with ord given): "fro" sqrt(sum x_ij^2), "nuc" the sum
        of singular values, 2 / -2 the largest / smallest singular value, 1 / -1 the max / min
        column sum of |x|, inf / -inf the max / min row sum of |x|;
    ord None with axis None: the 2-norm of all the elements.

    Gradients: dx = g * sign(x) |x|^(p-1) / ||x||^(p-1) for p-norms; for the max-type norms
    g goes to the winning element, column or row; for singular values dx = g * U V^T over
    the singular vectors used.

    Args:
        x: input tensor.
        ord: the order (see above).
        axis: None, an int (vector norms) or a pair of ints (matrix norms).
        keepdims: keep the reduced axes with size 1.

    >>> float(norm(np.array([3.0, 4.0])).data)
    5.0
    """
    x = as_tensor(x)
    data = x.data
    if axis is None and (ord is None or data.ndim == 1):
        axes = tuple(range(data.ndim))
        vector = True
        if ord is not None:
            axes = (0,)
    elif axis is None:
        axes, vector = (0, 1), False
        if data.ndim != 2:
            raise ValueError(f"norm(ord={ord!r}) with axis=None needs a 1-D or 2-D x, got shape "
                             f"{data.shape}; give axis=-1 (vectors) or axis=(-2, -1) (matrices).")
    else:
        axes = tuple(np.atleast_1d(axis) % data.ndim)
        vector = len(axes) == 1
    out_keep = _norm_forward(data, ord, axes, vector)                  # reduced axes kept, size 1
    grad_keep = _norm_grad(data, ord, axes, vector, out_keep)          # d norm / dx, x's shape

    def backward(g):
        g = g if keepdims else np.expand_dims(g, axes)
        return ((g * grad_keep).astype(x.dtype),)
    out = out_keep if keepdims else np.squeeze(out_keep, axis=axes)
    return Tensor.from_op(np.asarray(out, dtype=x.dtype), (x,), backward, "norm")


def _norm_forward(data, ord, axes, vector: bool) -> np.ndarray:
    if vector:
        if ord is None and len(axes) > 1:                              # all elements, flattened
            return np.sqrt(np.sum(np.square(data), axis=axes, keepdims=True))
        return np.linalg.norm(data, ord=ord, axis=axes[0], keepdims=True)
    return np.linalg.norm(data, ord=ord, axis=axes, keepdims=True)


def _norm_grad(data, ord, axes, vector: bool, out) -> np.ndarray:
    """d norm / d x for each element (x's shape), the formulas of norm's docstring."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if vector:
            p = 2.0 if ord is None else float(ord)
            a = np.abs(data)
            if p == 2.0:
                grad = data / out
            elif np.isinf(p):
                best = a == out
                grad = np.sign(data) * best / np.sum(best, axis=axes, keepdims=True)
            elif p == 0.0:
                grad = np.zeros_like(data)
            else:
                grad = np.sign(data) * a ** (p - 1.0) / out ** (p - 1.0)
            return np.nan_to_num(grad)                                 # 0 at the kink x = 0
        if ord in (None, "fro"):
            return np.nan_to_num(data / out)
        rows, cols = axes
        if ord in (1, -1, np.inf, -np.inf):
            along = rows if ord in (1, -1) else cols                   # 1: column sums (over rows)
            sums = np.sum(np.abs(data), axis=along, keepdims=True)
            best = sums == (np.max if ord in (1, np.inf) else np.min)(sums, axis=(rows, cols), keepdims=True)
            best = best / np.sum(best, axis=(rows, cols), keepdims=True)
            return np.sign(data) * best
        # singular values: move the two axes last, SVD, d sigma_i = u_i v_i^T
        moved = np.moveaxis(data, (rows, cols), (-2, -1)).astype(np.float64)
        u, s, vt = np.linalg.svd(moved, full_matrices=False)
        if ord == "nuc":
            grad = u @ vt
        else:
            i = 0 if ord == 2 else -1
            grad = u[..., :, i:i + 1 if i == 0 else None] @ vt[..., i:i + 1 if i == 0 else None, :]
        return np.moveaxis(grad, (-2, -1), (rows, cols))
