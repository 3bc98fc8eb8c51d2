"""Pooling (channels_last): the max or the mean of each window, per channel.

A (ph, pw) window has ph * pw positions. Position (a, b) of every window, taken
over the whole image at once, is one strided slice of the input:

    x[:, a : a + (Ho-1)*sh + 1 : sh,  b : b + (Wo-1)*sw + 1 : sw, :]     # (N, Ho, Wo, C)

so pooling is ph * pw elementwise steps over arrays the size of the output
(4 for a 2x2 pool), and backward sends the gradient back through the same slices.

>>> x = Tensor(np.arange(16.0).reshape(1, 4, 4, 1))
>>> max_pool2d(x, 2).data[0, :, :, 0]
array([[ 5.,  7.],
       [13., 15.]], dtype=float32)
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.autograd import is_grad_enabled
from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.conv import IntPair, padding_1d, pair


def _windows(x: np.ndarray, pool_size: IntPair, strides: Optional[IntPair], padding: str,
             fill: float):
    """Pad x with ``fill`` and list the strided slices, one per window position.

    Returns (padded x, [(slice_rows, slice_cols), ...], (Ho, Wo), (top, left), side_by_side),
    side_by_side telling whether the windows are tiles: strides == pool_size.
    """
    (ph, pw) = pair(pool_size, "pool_size")
    (sh, sw) = pair(strides if strides is not None else (ph, pw), "strides")
    H, W = x.shape[1:3]
    top, bottom, Ho = padding_1d(H, ph, sh, 1, padding)
    left, right, Wo = padding_1d(W, pw, sw, 1, padding)
    if top or bottom or left or right:
        x = np.pad(x, ((0, 0), (top, bottom), (left, right), (0, 0)), constant_values=fill)
    positions = [(slice(a, a + (Ho - 1) * sh + 1, sh), slice(b, b + (Wo - 1) * sw + 1, sw))
                 for a in range(ph) for b in range(pw)]
    return x, positions, (Ho, Wo), (top, left), (sh, sw) == (ph, pw)


def max_pool2d(x, pool_size: IntPair = (2, 2), strides: Optional[IntPair] = None,
               padding: str = "valid") -> Tensor:
    """out[n, r, c, ch] = max over the window of x;  the gradient goes to the maximum.

    Ties (common after ReLU: a window of zeros) send the whole gradient to ONE
    element, as TensorFlow does: here the first in row-major window order.
    "same" padding pads with -inf, so padding is never the maximum.

    When a gradient will be needed, forward remembers, for every window and
    channel, WHICH position p held the maximum (0 .. ph*pw - 1); backward sends
    g there and nowhere else. Without a gradient (predict, evaluate) forward
    computes only the maxima.

    Args:
        x: (N, H, W, C).
        pool_size: an int or (ph, pw).
        strides: defaults to pool_size (windows side by side).
        padding: "valid" or "same".

    >>> x = Tensor(np.zeros((1, 2, 2, 1)), requires_grad=True)    # a tie: all four equal
    >>> max_pool2d(x, 2).backward(np.ones((1, 1, 1, 1), np.float32))
    >>> x.grad[0, :, :, 0]
    array([[1., 0.],
           [0., 0.]], dtype=float32)
    """
    x = as_tensor(x)
    xp, positions, (Ho, Wo), (top, left), side_by_side = _windows(x.data, pool_size, strides,
                                                                   padding, -np.inf)
    # Copy position p of every window into win[p] once: NumPy is several times faster on
    # contiguous arrays than on the strided slices.
    win = np.empty((len(positions), x.shape[0], Ho, Wo, x.shape[3]), dtype=xp.dtype)
    for p, (rows, cols) in enumerate(positions):
        win[p] = xp[:, rows, cols]                                   # win: (ph*pw, N, Ho, Wo, C)
    out = win[0].copy()                                              # (N, Ho, Wo, C)
    for p in range(1, len(win)):                                     # the max, one position at a time:
        np.maximum(out, win[p], out=out)                             # faster than win.max(axis=0)
    if not (x.requires_grad and is_grad_enabled()):                  # predict, evaluate: done
        return Tensor.from_op(out, (x,), None, "max_pool2d")

    # winner = the first position p with win[p] == out: count the positions before it,
    # i.e. for how many p = 0, 1, ... the maximum has not been seen yet.
    winner = np.zeros(out.shape, dtype=np.min_scalar_type(len(win) - 1))   # (N, Ho, Wo, C)
    not_seen = np.ones(out.shape, dtype=bool)
    for p in range(len(win) - 1):
        not_seen &= win[p] != out
        winner += not_seen
    del win                                                          # backward needs only `winner`
    padded_shape = xp.shape                                          # (N, Hp, Wp, C)
    pool_hw = pair(pool_size, "pool_size")

    def backward(g):
        if side_by_side:                                             # the usual case: tiles
            dxp = _tiles_backward(g, winner, pool_hw, padded_shape)
        else:                                                        # overlaps or gaps: window by window
            dxp = np.zeros(padded_shape, g.dtype)
            for p, (rows, cols) in enumerate(positions):             # a pixel in two windows gets both
                dxp[:, rows, cols] += g * (winner == p)
        return (dxp[:, top:top + x.shape[1], left:left + x.shape[2]],)
    return Tensor.from_op(out, (x,), backward, "max_pool2d")


def _tiles_backward(g: np.ndarray, winner: np.ndarray, pool_hw: tuple[int, int],
                    padded_shape: tuple) -> np.ndarray:
    """Max pooling's gradient when the windows sit side by side (strides == pool_size).

    Written with long rows: window row a of all windows is one stretch of
    Wo*pw*C numbers in memory, so each NumPy step runs over whole image rows
    instead of C numbers at a time (with C = 32 that is ~25x fewer inner loops).

        dx[n, r*ph + a, c*pw + b, ch] = g[n, r, c, ch]  if winner[n, r, c, ch] == a*pw + b, else 0
    """
    (ph, pw), (N, Ho, Wo, C) = pool_hw, g.shape
    # each window's g and winner repeated beside each of its pw columns
    g_wide = np.repeat(g, pw, axis=2).reshape(N, Ho, 1, Wo * pw * C)             # one row per window row
    winner_wide = np.repeat(winner, pw, axis=2).reshape(N, Ho, 1, Wo * pw * C)
    # the position a*pw + b that each number of window row a stands for
    b = np.repeat(np.arange(Wo * pw) % pw, C)                                   # (Wo*pw*C,)
    position = (np.arange(ph)[:, None] * pw + b).astype(winner.dtype)           # (ph, Wo*pw*C)
    tiles = g_wide * (winner_wide == position)                                  # (N, Ho, ph, Wo*pw*C)
    tiles = tiles.reshape(N, Ho * ph, Wo * pw, C)
    if tiles.shape == padded_shape:                                             # the tiles cover the input
        return tiles
    dxp = np.zeros(padded_shape, g.dtype)              # "valid" with an odd size: the last row or column
    dxp[:, :Ho * ph, :Wo * pw] = tiles                 # was in no window and gets no gradient
    return dxp


def avg_pool2d(x, pool_size: IntPair = (2, 2), strides: Optional[IntPair] = None,
               padding: str = "valid") -> Tensor:
    """out[n, r, c, ch] = mean of x over the window;  each element gets g / count.

    With "same" padding the padded zeros are not counted: a corner window that
    covers 2 real pixels is their mean, not their sum / 4 (as Keras/TensorFlow).

    >>> x = Tensor(np.arange(16.0).reshape(1, 4, 4, 1))
    >>> avg_pool2d(x, 2).data[0, :, :, 0]
    array([[ 2.5,  4.5],
           [10.5, 12.5]], dtype=float32)
    """
    x = as_tensor(x)
    xp, positions, _, (top, left), _ = _windows(x.data, pool_size, strides, padding, 0.0)
    # how many real (non-padded) pixels each window covers: the same slices over a mask of ones
    real = np.zeros(xp.shape[1:3], dtype=x.dtype)
    real[top:top + x.shape[1], left:left + x.shape[2]] = 1.0
    count = sum(real[rows, cols] for rows, cols in positions)[None, :, :, None]   # (1, Ho, Wo, 1)
    total = xp[(slice(None),) + positions[0]].copy()                 # (N, Ho, Wo, C)
    for rows, cols in positions[1:]:
        total += xp[:, rows, cols]
    out = total / count

    def backward(g):
        share = g / count                              # each element's part of the mean
        dxp = np.zeros(xp.shape, dtype=g.dtype)
        for rows, cols in positions:
            dxp[:, rows, cols] += share
        return (dxp[:, top:top + x.shape[1], left:left + x.shape[2]],)
    return Tensor.from_op(out, (x,), backward, "avg_pool2d")


def global_avg_pool(x, axes: tuple[int, ...], mask: Optional[np.ndarray] = None,
                    keepdims: bool = False) -> Tensor:
    """out = mean of x over ``axes`` (the steps, or the rows and columns);  dx = g / count.

    With a mask (batch, steps) of booleans (from Embedding(mask_zero=True)), the
    mean is over the unmasked steps only: out = sum_t m_t x_t / sum_t m_t, and
    dx_t = g * m_t / sum_t m_t. A sample with every step masked gives 0 (Keras: 0/0 = nan).

    Both are a weighted sum, out[b] = w[b] @ x[b] with a row of weights w (1/count
    each, or the mask over its count): one matrix product per sample. BLAS does it
    about 10x faster than x.mean(axis=1), whose inner loop runs along the few channels.

    >>> x = Tensor(np.array([[[1.0], [3.0], [100.0]]]))           # (batch 1, 3 steps, 1 channel)
    >>> global_avg_pool(x, (1,), mask=np.array([[True, True, False]])).data
    array([[2.]], dtype=float32)
    """
    x = as_tensor(x)
    if tuple(axes) != tuple(range(1, x.ndim - 1)):
        raise ValueError(f"global_avg_pool averages the axes between batch and channels, "
                         f"{tuple(range(1, x.ndim - 1))} for this input; got axes={axes}.")
    batch, channels = x.shape[0], x.shape[-1]
    x3 = x.data.reshape(batch, -1, channels)                 # (batch, S, channels): S steps or pixels
    steps = x3.shape[1]
    if mask is None:
        w = np.full((1, 1, steps), 1.0 / steps, dtype=x.dtype)  # one row for every sample
    else:
        m = np.asarray(mask, dtype=x.dtype).reshape(batch, 1, steps)
        w = m / np.maximum(m.sum(axis=-1, keepdims=True), 1.0)  # (batch, 1, S)
    out = w @ x3                                              # (batch, 1, channels)

    def backward(g):
        g3 = g.reshape(batch, 1, channels)
        if mask is None:   # every step gets the same share, g / S: a read-only broadcast view, as
            dx = np.broadcast_to(g3 / steps, x3.shape)        # PyTorch does; nothing writes into gradients
        else:                                                 # (batch, S, 1) * (batch, 1, C)
            dx = np.swapaxes(w, 1, 2) * g3
        return (dx.reshape(x.shape),)
    out_shape = (batch,) + (1,) * len(axes) + (channels,) if keepdims else (batch, channels)
    return Tensor.from_op(out.reshape(out_shape), (x,), backward, "global_avg_pool")


def global_max_pool(x, axes: tuple[int, ...], keepdims: bool = False) -> Tensor:
    """out = max of x over ``axes``;  the gradient goes to the first maximum of each channel.

    >>> global_max_pool(Tensor(np.array([[[1.0], [5.0], [2.0]]])), (1,)).data
    array([[5.]], dtype=float32)
    """
    x = as_tensor(x)
    front = tuple(range(len(axes)))
    moved = np.moveaxis(x.data, axes, front)                # pooled axes first: (P1, P2, ..., rest)
    flat = moved.reshape((-1,) + moved.shape[len(axes):])   # (P, rest): P = positions pooled over
    first = flat.argmax(axis=0)                             # argmax picks the first of equal maxima
    out = np.take_along_axis(flat, first[None], axis=0)[0]  # (rest): batch and channels
    is_max = np.arange(len(flat)).reshape((-1,) + (1,) * first.ndim) == first    # (P, rest)
    is_max = np.moveaxis(is_max.reshape(moved.shape), front, axes)              # x's shape

    def backward(g):
        g = np.expand_dims(g, axes) if not keepdims else g
        return (g * is_max,)
    return Tensor.from_op(np.expand_dims(out, axes) if keepdims else out, (x,), backward,
                          "global_max_pool")
