"""Loss ops: per-sample losses with hand-written, numerically stable gradients.

Each returns a Tensor of shape (batch, ...) without the last axis: one loss per
sample (and per time step). ``kerasedu.losses`` averages it over the batch.

The fused forms are the important lesson here. softmax followed by
cross-entropy has the simple gradient  d loss / d logits = softmax - onehot,
and computing it that way never divides by a tiny probability.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu import config
from kerasedu.ops._dispatch import keras_op
from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.activations import softmax as softmax_op

EPSILON = 1e-7  # Keras's default epsilon; the ops read config.epsilon(), which set_epsilon changes


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax(z) = z - max - log(sum(e^(z - max))): stable for any z."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def sparse_softmax_cross_entropy(labels, logits, softmax: Optional[Tensor] = None) -> Tensor:
    """loss_n = -log softmax(z_n)[y_n] = log(sum_j e^z_nj) - z_n[y_n];
    dz_n = g_n * (softmax(z_n) - onehot(y_n)).

    Args:
        labels: int array of shape (...,), class ids.
        logits: Tensor of shape (..., C).
        softmax: the softmax op's output for these logits, when the model ends in
            one: its probabilities and log-sum-exp are reused, not computed again.

    >>> z = Tensor(np.array([[2.0, 0.0]]), requires_grad=True)
    >>> loss = sparse_softmax_cross_entropy(np.array([0]), z)
    >>> round(float(loss.data[0]), 4)     # -log(e^2 / (e^2 + 1))
    0.1269
    """
    logits = as_tensor(logits)
    classes = logits.shape[-1]
    z = logits.data.reshape(-1, classes)                             # (rows, C): one row per sample (and step)
    rows = np.arange(len(z))
    ids = np.asarray(labels, dtype=np.intp).reshape(-1)              # (rows,)
    if softmax is None:                       # from logits: the softmax op computes it (a constant here)
        softmax = softmax_op(Tensor(logits.data))
    probs = softmax.data.reshape(-1, classes)                        # (rows, C)
    log_sum_exp = softmax._keras_log_sum_exp.reshape(-1)             # (rows,): log(sum_j e^z_j), stable
    loss = log_sum_exp - z[rows, ids]                                # never log(0), however wrong

    def backward(g):                                                 # g: (...,)
        g = g.reshape(-1, 1)                                         # (rows, 1)
        grad = probs * g                                             # g * softmax, (rows, C)
        grad[rows, ids] -= g[:, 0]                                   # g * (softmax - onehot)
        return (grad.reshape(logits.shape),)
    return Tensor.from_op(loss.reshape(logits.shape[:-1]), (logits,), backward,
                          "sparse_softmax_cross_entropy")


def softmax_cross_entropy(targets, logits) -> Tensor:
    """loss_n = -sum_c y_nc log softmax(z_n)_c;  dz_n = g_n * (softmax(z_n) sum_c y_nc - y_n)."""
    logits = as_tensor(logits)
    y = np.asarray(targets, dtype=logits.dtype)
    log_p = _log_softmax(logits.data)

    def backward(g):
        p = np.exp(log_p)
        return ((p * y.sum(axis=-1, keepdims=True) - y) * g[..., None],)
    return Tensor.from_op(-(y * log_p).sum(axis=-1), (logits,), backward, "softmax_cross_entropy")


def categorical_cross_entropy(targets, probs) -> Tensor:
    """For probabilities that did not come from a softmax op (Keras's formula):
    p = clip(p / sum(p), eps, 1 - eps);  loss_n = -sum_c y_nc log p_nc.
    The backward goes through the normalisation and zeroes clipped entries."""
    probs = as_tensor(probs)
    y = np.asarray(targets, dtype=probs.dtype)
    total = probs.data.sum(axis=-1, keepdims=True)
    q = probs.data / total
    eps = config.epsilon()
    inside = (q > eps) & (q < 1.0 - eps)
    qc = np.clip(q, eps, 1.0 - eps)

    def backward(g):
        dq = -y / qc * inside * g[..., None]                   # d loss / d q
        # q = p / S:  dp_j = (dq_j - sum_i dq_i q_i) / S
        return ((dq - (dq * q).sum(axis=-1, keepdims=True)) / total,)
    return Tensor.from_op(-(y * np.log(qc)).sum(axis=-1), (probs,), backward,
                          "categorical_cross_entropy")


def sigmoid_binary_cross_entropy(targets, logits) -> Tensor:
    """Elementwise loss = max(z, 0) - z y + log(1 + e^-|z|)  (= -y log s - (1-y) log(1-s));
    dz = g * (sigmoid(z) - y). The per-sample mean over the last axis is done by the caller."""
    logits = as_tensor(logits)
    z = logits.data
    y = np.asarray(targets, dtype=z.dtype)
    loss = np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def backward(g):
        return ((s - y) * g,)
    return Tensor.from_op(loss.astype(z.dtype), (logits,), backward, "sigmoid_binary_cross_entropy")


def binary_cross_entropy(targets, probs) -> Tensor:
    """Elementwise loss = -(y log p + (1-y) log(1-p)), p clipped to [eps, 1-eps];
    dp = g * (p - y) / (p (1 - p)) inside the clip range, 0 outside."""
    probs = as_tensor(probs)
    y = np.asarray(targets, dtype=probs.dtype)
    eps = config.epsilon()
    p = np.clip(probs.data, eps, 1.0 - eps)
    inside = (probs.data > eps) & (probs.data < 1.0 - eps)
    loss = -(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))

    def backward(g):
        return (g * (p - y) / (p * (1.0 - p)) * inside,)
    return Tensor.from_op(loss.astype(probs.dtype), (probs,), backward, "binary_cross_entropy")


# ---- Keras 3's public loss ops (keras.ops.binary_crossentropy, ...) ----------------------
# Unlike the fused ops above (which a Model picks for you), these follow Keras's formulas to
# the letter: probabilities are clipped to [eps, 1 - eps]; logits go through log-sigmoid or
# log-softmax. They return one loss per element (binary) or per sample (categorical).

@keras_op
def binary_crossentropy(target, output, from_logits: bool = False) -> Tensor:
    """loss = -(y log p + (1 - y) log(1 - p)) elementwise, p = clip(output, eps, 1 - eps),
    or p = sigmoid(output) computed stably when from_logits=True.  No mean is taken.

    Args:
        target: the labels y, same shape as output.
        output: probabilities p, or logits when from_logits=True.
        from_logits: whether output is logits.

    >>> loss = binary_crossentropy(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    >>> np.round(loss.data, 4)
    array([0.6931, 0.6931], dtype=float32)
    """
    if from_logits:
        return sigmoid_binary_cross_entropy(target, output)
    return binary_cross_entropy(target, output)


@keras_op
def categorical_crossentropy(target, output, from_logits: bool = False, axis: int = -1) -> Tensor:
    """loss = -sum_c y_c log p_c over ``axis``, with p = clip(output / sum(output), eps, 1 - eps),
    or p = softmax(output) (as log-softmax, stable) when from_logits=True.

    Args:
        target: one-hot (or soft) labels, same shape as output.
        output: probabilities, or logits when from_logits=True.
        from_logits: whether output is logits.
        axis: the class axis.

    >>> loss = categorical_crossentropy(np.array([[0.0, 1.0]]), np.array([[0.5, 0.5]]))
    >>> np.round(loss.data, 4)
    array([0.6931], dtype=float32)
    """
    output = as_tensor(output)
    y = np.asarray(target.data if isinstance(target, Tensor) else target)
    if axis not in (-1, output.ndim - 1):             # the fused ops work on the last axis
        from kerasedu.ops.rearrange import moveaxis
        output, y = moveaxis(output, axis, -1), np.moveaxis(y, axis, -1)
    if from_logits:
        return softmax_cross_entropy(y, output)
    return categorical_cross_entropy(y, output)


@keras_op
def sparse_categorical_crossentropy(target, output, from_logits: bool = False,
                                    axis: int = -1) -> Tensor:
    """loss = -log p[y] for integer labels y, p as in categorical_crossentropy
    (a trailing size-1 axis of the labels is dropped, as Keras does).

    Args:
        target: integer class ids, shape (...,) or (..., 1).
        output: probabilities (..., C), or logits when from_logits=True.
        from_logits: whether output is logits.
        axis: the class axis.

    >>> loss = sparse_categorical_crossentropy(np.array([1]), np.array([[0.5, 0.5]]))
    >>> np.round(loss.data, 4)
    array([0.6931], dtype=float32)
    """
    output = as_tensor(output)
    ids = np.asarray(target.data if isinstance(target, Tensor) else target)
    if ids.ndim == output.ndim and ids.shape[-1] == 1:
        ids = ids[..., 0]
    classes = output.shape[axis]
    one_hot = (ids.astype(np.int64)[..., None] == np.arange(classes)).astype(output.dtype)
    return categorical_crossentropy.__wrapped__(np.moveaxis(one_hot, -1, axis), output,
                                                from_logits=from_logits, axis=axis)

