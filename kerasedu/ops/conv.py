"""2-D convolution (channels_last), written as one big matrix product.

A convolution slides a small kernel over the image. At every output position
(r, c) it takes the kh x kw x C patch under the kernel and dots it with the
kernel, once per filter. Lay every patch out as one row of a matrix ``cols``
("im2col") and the whole layer is a single matmul:

    cols (N*Ho*Wo, kh*kw*C)  @  W (kh*kw*C, F)  =  out (N*Ho*Wo, F)

``sliding_window_view`` gives all the patches as a view without copying;
the one copy is the reshape into ``cols``, and BLAS does the rest.

>>> x = Tensor(np.ones((1, 5, 5, 1)))
>>> conv2d(x, np.ones((3, 3, 1, 2))).shape         # "valid": 5 - 3 + 1 = 3
(1, 3, 3, 2)
"""
from __future__ import annotations

import math
from typing import Optional, Sequence, Union

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from kerasedu.ops._graph import Tensor, as_tensor

IntPair = Union[int, Sequence[int]]


def pair(value: IntPair, name: str = "argument") -> tuple[int, int]:
    """3 -> (3, 3); (3, 5) -> (3, 5): the Keras way of giving a 2-D size.

    >>> pair(3), pair((2, 1))
    ((3, 3), (2, 1))
    """
    values = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(values) != 2 or not all(isinstance(v, (int, np.integer)) and v > 0 for v in values):
        raise ValueError(f"{name} must be a positive int or a tuple of 2 positive ints, got {value!r}.")
    return int(values[0]), int(values[1])


def padding_1d(size: int, kernel: int, stride: int, dilation: int,
               padding: str) -> tuple[int, int, int]:
    """Padding and output length along one axis: (pad_before, pad_after, out_size).

    The kernel covers k_eff = (kernel - 1) * dilation + 1 input positions.
      "valid": no padding;   out = floor((size - k_eff) / stride) + 1
      "same":  out = ceil(size / stride); total pad = max((out - 1) * stride + k_eff - size, 0),
               pad_before = total // 2 and the extra one after (TensorFlow's rule, as Keras).

    >>> padding_1d(28, 3, 1, 1, "valid"), padding_1d(28, 3, 2, 1, "same")
    ((0, 0, 26), (0, 1, 14))
    """
    k_eff = (kernel - 1) * dilation + 1
    if padding == "valid":
        if size < k_eff:
            raise ValueError(
                f"The input is smaller ({size}) than the window ({k_eff}) along a spatial axis, "
                f"so padding='valid' leaves no output. Use padding='same' or a smaller kernel/pool.")
        return 0, 0, (size - k_eff) // stride + 1
    if padding == "same":
        out = math.ceil(size / stride)
        total = max((out - 1) * stride + k_eff - size, 0)
        return total // 2, total - total // 2, out
    raise ValueError(f"padding must be 'valid' or 'same', got {padding!r}.")


def conv_output_length(size: Optional[int], kernel: int, stride: int, padding: str,
                       dilation: int = 1) -> Optional[int]:
    """Output length along one axis, None if the input length is unknown (None).

    >>> conv_output_length(28, 3, 1, "valid"), conv_output_length(None, 3, 1, "valid")
    (26, None)
    """
    return None if size is None else padding_1d(size, kernel, stride, dilation, padding)[2]


def conv2d(x, kernel, bias=None, strides: IntPair = (1, 1), padding: str = "valid",
           dilation_rate: IntPair = (1, 1)) -> Tensor:
    """out[n, r, c, f] = b[f] + sum_{i, j, ch} xp[n, r*sh + i*dh, c*sw + j*dw, ch] * K[i, j, ch, f]

    xp is x with the padding added. Backward, with g = dL/dout of shape (N, Ho, Wo, F):
        dK = cols^T @ g            (the same patches, now weighting the output gradients)
        db = sum of g over N, Ho, Wo      (the last row of cols^T @ g, by the bias trick)
        dxp[n, r*sh + i*dh, c*sw + j*dw, :] += g[n, r, c, :] @ K[i, j]^T   for each tap (i, j)

    Args:
        x: (N, H, W, C) images, channels last.
        kernel: (kh, kw, C, F), the Keras layout.
        bias: (F,) or None.
        strides, dilation_rate: an int or a pair (rows, columns).
        padding: "valid" (no padding) or "same" (out = ceil(in / stride)).

    Returns:
        (N, Ho, Wo, F).

    >>> x = Tensor(np.arange(16.0).reshape(1, 4, 4, 1))
    >>> conv2d(x, np.ones((2, 2, 1, 1)), strides=2).data[0, :, :, 0]   # sums of 2x2 blocks
    array([[10., 18.],
           [42., 50.]], dtype=float32)
    """
    x, kernel = as_tensor(x), as_tensor(kernel)
    bias = None if bias is None else as_tensor(bias)
    if x.ndim != 4 or kernel.ndim != 4 or kernel.shape[2] != x.shape[3]:
        raise ValueError(f"conv2d expects x (N, H, W, C) and kernel (kh, kw, C, F) with the same C; "
                         f"got x {x.shape} and kernel {kernel.shape}.")
    N, H, W, C = x.shape
    kh, kw, _, F = kernel.shape
    (sh, sw), (dh, dw) = pair(strides, "strides"), pair(dilation_rate, "dilation_rate")
    top, bottom, Ho = padding_1d(H, kh, sh, dh, padding)
    left, right, Wo = padding_1d(W, kw, sw, dw, padding)
    xp = x.data
    if top or bottom or left or right:
        xp = np.pad(xp, ((0, 0), (top, bottom), (left, right), (0, 0)))   # (N, Hp, Wp, C)

    def tap_rows(i: int) -> slice:          # the rows r*sh + i*dh that kernel row i reads, r = 0..Ho-1
        return slice(i * dh, i * dh + (Ho - 1) * sh + 1, sh)

    def tap_columns(j: int) -> slice:       # the columns c*sw + j*dw that kernel column j reads
        return slice(j * dw, j * dw + (Wo - 1) * sw + 1, sw)

    M, K = N * Ho * Wo, kh * kw * C                                      # rows and columns of cols
    # The bias trick: one more column of ones in cols, and the bias as one more row of
    # the kernel, make  out = cols @ W + b  a single product (no pass over the output to
    # add b), and the backward's cols^T @ g then holds db as its last row.
    extra = 1 if bias is not None else 0
    if C > 1:
        cols = np.empty((M, K + extra), dtype=xp.dtype)                  # (N*Ho*Wo, kh*kw*C [+ 1])
        # (i, j, ch) order, as the Keras kernel is stored, so the kernel reshapes for free
        patches = cols[:, :K].reshape(N, Ho, Wo, kh, kw, C)
        # all windows as a view: (N, Hp-kh_eff+1, Wp-kw_eff+1, C, kh_eff, kw_eff); then keep
        # every stride-th position and every dilation-th tap inside the window; one copy
        win = sliding_window_view(xp, ((kh - 1) * dh + 1, (kw - 1) * dw + 1), axis=(1, 2))
        win = win[:, ::sh, ::sw, :, ::dh, ::dw]                          # (N, Ho, Wo, C, kh, kw)
        patches[...] = win.transpose(0, 1, 2, 4, 5, 3)
    else:
        # One channel (a grayscale image): store cols transposed, one row per tap (i, j).
        # Each row is then the whole image shifted by (i*dh, j*dw), copied in long runs; a
        # tap as a column of cols would be written one number at a time (4x slower here).
        cols_t = np.empty((K + extra, M), dtype=xp.dtype)                # (kh*kw [+ 1], N*Ho*Wo)
        for i in range(kh):
            for j in range(kw):
                cols_t[i * kw + j].reshape(N, Ho, Wo)[...] = xp[:, tap_rows(i), tap_columns(j), 0]
        cols = cols_t.T           # the same (N*Ho*Wo, kh*kw [+ 1]) matrix as a view: BLAS reads either
    w2 = kernel.data.reshape(K, F)                                       # (kh*kw*C, F)
    if bias is not None:
        cols[:, K] = 1.0
        w2 = np.concatenate([w2, bias.data[None, :]])                    # (kh*kw*C + 1, F)
    out = (cols @ w2).reshape(N, Ho, Wo, F)

    def backward(g):
        g2 = g.reshape(M, F)                                             # (N*Ho*Wo, F)
        needs_dw2 = kernel.requires_grad or (bias is not None and bias.requires_grad)
        dw2 = cols.T @ g2 if needs_dw2 else None                         # (K [+ 1], F)
        dkernel = dw2[:K].reshape(kernel.shape) if kernel.requires_grad else None
        dbias = dw2[K] if bias is not None and bias.requires_grad else None
        dx = None
        if x.requires_grad:
            dxp = np.zeros(xp.shape, dtype=g.dtype)                      # (N, Hp, Wp, C)
            tap = np.empty((M, C), dtype=g.dtype)                        # reused by every tap
            for i in range(kh):
                for j in range(kw):
                    # tap (i, j) read the rows and columns tap_rows(i), tap_columns(j): send g back there.
                    # One small matmul per tap, added to a shifted slice (never np.add.at: 4x slower).
                    np.matmul(g2, kernel.data[i, j].T, out=tap)          # (N*Ho*Wo, C)
                    dxp[:, tap_rows(i), tap_columns(j), :] += tap.reshape(N, Ho, Wo, C)
            dx = dxp[:, top:top + H, left:left + W, :]                   # drop the padding
        return (dx, dkernel) if bias is None else (dx, dkernel, dbias)

    parents = (x, kernel) if bias is None else (x, kernel, bias)
    return Tensor.from_op(out, parents, backward, "conv2d")
