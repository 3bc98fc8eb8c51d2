"""The keras.io MNIST convnet written out by hand in plain NumPy: the reference for bench_convnet.

No layers, no autograd, no fit loop: every forward and backward formula inline,
the way a NumPy user would first write it (im2col with ``sliding_window_view``,
max pooling with a reshape). bench_convnet times it beside kerasedu, so the
ratio shows what kerasedu's layers, tape and fit loop cost over the bare
arithmetic, on any machine, with or without PyTorch.

Model (channels last, as Keras): Conv2D(32, 3, relu) -> MaxPooling2D(2) ->
Conv2D(64, 3, relu) -> MaxPooling2D(2) -> Flatten -> Dropout(0.5) -> Dense(10,
softmax); categorical cross-entropy, Adam (lr 0.001, eps 1e-7, as Keras).

>>> rng = np.random.default_rng(0)
>>> params = init_params(rng)
>>> x = rng.random((4, 28, 28, 1), dtype=np.float32)
>>> loss, grads = loss_and_grads(params, x, np.array([0, 1, 2, 3]), rng, training=True)
>>> [g.shape for g in grads] == [p.shape for p in params]
True
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from numpy_reference import glorot


def init_params(rng: np.random.Generator, scale: float = 1.0) -> list[np.ndarray]:
    """[K1, b1, K2, b2, W, b]: conv kernels (kh, kw, C, F), the dense kernel (1600, 10)."""
    f1, f2 = int(32 * scale), int(64 * scale)
    return [glorot(rng, (3, 3, 1, f1), 9, 9 * f1), np.zeros(f1, np.float32),
            glorot(rng, (3, 3, f1, f2), 9 * f1, 9 * f2), np.zeros(f2, np.float32),
            glorot(rng, (25 * f2, 10), 25 * f2, 10), np.zeros(10, np.float32)]


def conv_forward(x: np.ndarray, k: np.ndarray, b: np.ndarray):
    """'valid' 3x3 convolution as one matmul: out = cols @ K + b.  Returns (out, cols)."""
    N, H, W, C = x.shape
    kh, kw, _, F = k.shape
    Ho, Wo = H - kh + 1, W - kw + 1
    windows = sliding_window_view(x, (kh, kw), axis=(1, 2))              # (N, Ho, Wo, C, kh, kw)
    cols = windows.transpose(0, 1, 2, 4, 5, 3).reshape(N * Ho * Wo, kh * kw * C)   # the copy
    out = cols @ k.reshape(-1, F) + b                                    # (N*Ho*Wo, F)
    return out.reshape(N, Ho, Wo, F), cols


def conv_backward(g: np.ndarray, cols: np.ndarray, k: np.ndarray, x_shape: tuple, need_dx: bool):
    """dK = cols^T g,  db = sum g,  dx = col2im(g K^T): each tap's share added back in place."""
    N, H, W, C = x_shape
    kh, kw, _, F = k.shape
    g2 = g.reshape(-1, F)                                                # (N*Ho*Wo, F)
    dk = (cols.T @ g2).reshape(k.shape)
    db = g2.sum(axis=0)
    if not need_dx:
        return None, dk, db
    Ho, Wo = H - kh + 1, W - kw + 1
    dcols = (g2 @ k.reshape(-1, F).T).reshape(N, Ho, Wo, kh, kw, C)
    dx = np.zeros(x_shape, np.float32)
    for i in range(kh):
        for j in range(kw):
            dx[:, i:i + Ho, j:j + Wo, :] += dcols[:, :, :, i, j, :]
    return dx, dk, db


def pool_forward(x: np.ndarray):
    """2x2 max pooling ('valid': an odd last row or column is dropped).  Returns (out, x6)."""
    N, H, W, C = x.shape
    x6 = x[:, :H // 2 * 2, :W // 2 * 2].reshape(N, H // 2, 2, W // 2, 2, C)
    return x6.max(axis=(2, 4)), x6


def pool_backward(g: np.ndarray, out: np.ndarray, x6: np.ndarray, x_shape: tuple) -> np.ndarray:
    """g goes to the maximum of each window. Tied maxima all get it; after ReLU a tie is
    almost always a window of zeros, whose ReLU gradient is 0 anyway."""
    is_max = x6 == out[:, :, None, :, None, :]                           # (N, Ho, 2, Wo, 2, C)
    dx = np.zeros(x_shape, np.float32)
    N, Ho, _, Wo, _, C = x6.shape
    dx[:, :Ho * 2, :Wo * 2] = (is_max * g[:, :, None, :, None, :]).reshape(N, Ho * 2, Wo * 2, C)
    return dx


def forward(params: list, x: np.ndarray, rng: np.random.Generator, training: bool):
    """Logits of a batch, and what backward needs."""
    k1, b1, k2, b2, w, b = params
    h1, cols1 = conv_forward(x, k1, b1)
    a1 = np.maximum(h1, 0.0)                                             # (N, 26, 26, 32)
    p1, win1 = pool_forward(a1)                                          # (N, 13, 13, 32)
    h2, cols2 = conv_forward(p1, k2, b2)
    a2 = np.maximum(h2, 0.0)                                             # (N, 11, 11, 64)
    p2, win2 = pool_forward(a2)                                          # (N, 5, 5, 64)
    flat = p2.reshape(len(x), -1)                                        # (N, 1600)
    keep = (rng.random(flat.shape, dtype=np.float32) >= 0.5) / np.float32(0.5) if training else 1.0
    dropped = flat * keep
    logits = dropped @ w + b                                             # (N, 10)
    return logits, (x, cols1, a1, p1, win1, cols2, a2, p2, win2, keep, dropped)


def loss_and_grads(params: list, x: np.ndarray, y: np.ndarray, rng: np.random.Generator,
                   training: bool = True):
    """Mean cross-entropy of softmax(logits) against integer labels y, and its gradients."""
    k1, b1, k2, b2, w, b = params
    logits, (x, cols1, a1, p1, win1, cols2, a2, p2, win2, keep, dropped) = forward(params, x, rng, training)
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = float(-np.log(p[rows, y] + 1e-7).mean())
    dz = p
    dz[rows, y] -= 1.0                                                   # softmax + cross-entropy
    dz /= len(y)
    dw, db = dropped.T @ dz, dz.sum(axis=0)
    dflat = (dz @ w.T) * keep
    da2 = pool_backward(dflat.reshape(p2.shape), p2, win2, a2.shape) * (a2 > 0)
    dp1, dk2, db2 = conv_backward(da2, cols2, k2, p1.shape, need_dx=True)
    da1 = pool_backward(dp1, p1, win1, a1.shape) * (a1 > 0)
    _, dk1, db1 = conv_backward(da1, cols1, k1, x.shape, need_dx=False)  # the images need no gradient
    return loss, [dk1, db1, dk2, db2, dw, db]


def accuracy(params: list, x: np.ndarray, y: np.ndarray, batch_size: int = 128) -> float:
    """Share of x whose largest logit is its label (no dropout)."""
    rng = np.random.default_rng(0)
    right = sum(int((forward(params, x[i:i + batch_size], rng, training=False)[0].argmax(axis=1)
                     == y[i:i + batch_size]).sum()) for i in range(0, len(x), batch_size))
    return right / len(x)
