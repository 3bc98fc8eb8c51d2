"""Batch normalization: standardize each channel, then scale and shift it.

    x_hat = (x - mu) / sqrt(var + eps)        y = gamma * x_hat + beta

mu and var are per channel (the last axis), over all the other axes (the batch,
and the rows and columns of an image). Training uses the batch's own mu and
var, so they depend on x and the backward has two extra terms; inference uses
the layer's moving averages, which are constants.

>>> x = Tensor(np.array([[1.0], [3.0]]))
>>> mean, var = moments(x.data)
>>> batch_norm(x, None, None, mean, var, epsilon=0.0, training=True).data
array([[-1.],
       [ 1.]], dtype=float32)
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def moments(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel mean and (biased, divide by M) variance over all axes but the last.

    >>> moments(np.array([[1.0, 0.0], [3.0, 0.0]]))
    (array([2., 0.]), array([1., 0.]))
    """
    x2 = x.reshape(-1, x.shape[-1])                         # (M, C): M = every position of a channel
    mean = x2.mean(axis=0)                                  # (C,)
    var = np.square(x2 - mean).mean(axis=0)                 # (C,): two passes, no cancellation
    return mean, var


def batch_norm(x, gamma, beta, mean: np.ndarray, var: np.ndarray, epsilon: float = 1e-3,
               training: bool = False) -> Tensor:
    """y = gamma * (x - mean) / sqrt(var + eps) + beta, per channel (the last axis).

    Backward with g = dL/dy, s = 1 / sqrt(var + eps), sums over the M positions of a channel:
        dbeta  = sum(g)          dgamma = sum(g * x_hat)
        training (mean, var are the batch's own, so they move with x):
            dx = gamma * s * (g - mean(g) - x_hat * mean(g * x_hat))
        inference (mean, var are constants):
            dx = gamma * s * g

    Args:
        x: (..., C).
        gamma, beta: (C,) Tensors, or None for no scale (1) / no shift (0).
        mean, var: (C,) arrays. With training=True they must be ``moments(x.data)``.
        epsilon: added to the variance, so a constant channel does not divide by 0.
        training: whether mean and var are the batch statistics of x.

    >>> x = Tensor(np.array([[0.0], [2.0]]), requires_grad=True)
    >>> y = batch_norm(x, None, None, *moments(x.data), epsilon=0.0, training=True)
    >>> y.backward(np.array([[1.0], [1.0]], np.float32)); x.grad   # a shift changes nothing
    array([[0.],
           [0.]], dtype=float32)
    """
    x = as_tensor(x)
    gamma = None if gamma is None else as_tensor(gamma)
    beta = None if beta is None else as_tensor(beta)
    C = x.shape[-1]
    x2 = x.data.reshape(-1, C)                                 # (M, C)
    inv_std = 1.0 / np.sqrt(var + epsilon)                     # (C,)  s
    x_hat = (x2 - mean) * inv_std                              # (M, C)
    out = x_hat * gamma.data if gamma is not None else x_hat.copy()
    if beta is not None:
        out += beta.data

    def backward(g):
        g2 = g.reshape(-1, C)                                  # (M, C)
        dbeta = g2.sum(axis=0)                                 # (C,)
        dgamma = (g2 * x_hat).sum(axis=0)                      # (C,)
        dx = None
        if x.requires_grad:
            scale = inv_std * gamma.data if gamma is not None else inv_std     # gamma * s, (C,)
            if training:
                M = g2.shape[0]
                # g - mean(g) - x_hat * mean(g * x_hat), reusing the two sums above
                dx = (g2 - dbeta / M - x_hat * (dgamma / M)) * scale
            else:
                dx = g2 * scale
            dx = dx.reshape(x.shape)
        grads = [dx]
        if gamma is not None:
            grads.append(dgamma if gamma.requires_grad else None)
        if beta is not None:
            grads.append(dbeta if beta.requires_grad else None)
        return tuple(grads)

    parents = (x,) + tuple(p for p in (gamma, beta) if p is not None)
    return Tensor.from_op(out.reshape(x.shape), parents, backward, "batch_norm")
