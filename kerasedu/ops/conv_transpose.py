"""Transposed 2-D convolution (channels_last): a convolution run backwards.

A convolution gathers: each output pixel is a weighted sum of a kh x kw patch
of the input. A transposed convolution scatters: each input pixel paints a
kh x kw patch of the output, weighted by the kernel, and overlapping patches add
up. With stride s the patches start s pixels apart, so the image grows about s
times: that is how decoders (autoencoders, GANs) upsample.

    cols = x (N*H*W, C) @ K (C, kh*kw*F)           every pixel's patch, one matmul
    full[n, r*s + i, c*s + j, :] += cols[n, r, c, i, j, :]   scatter-add ("col2im")

It is exactly the backward (dL/dx) of conv2d with the same kernel, which is
why its kernel is stored (kh, kw, filters, in_channels): "in" and "out" swap.

Output length along an axis of input length n (Keras's rule, no output_padding):
    "valid": n * s + max(k - s, 0)        (= (n - 1) * s + k when k >= s)
    "same":  n * s
The scatter fills (n - 1) * s + k positions; "same" crops (k - s) // 2 of them
at the start and the rest at the end, as the conv2d it is the gradient of pads.

>>> x = Tensor(np.ones((1, 2, 2, 1)))
>>> conv2d_transpose(x, np.ones((3, 3, 1, 1))).data[0, :, :, 0]   # four 3x3 patches overlap
array([[1., 2., 2., 1.],
       [2., 4., 4., 2.],
       [2., 4., 4., 2.],
       [1., 2., 2., 1.]], dtype=float32)
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor
from kerasedu.ops.conv import IntPair, pair


def deconv_output_length(size: Optional[int], kernel: int, stride: int, padding: str) -> Optional[int]:
    """Output length of a transposed convolution along one axis (None stays None).

    >>> deconv_output_length(7, 3, 2, "same"), deconv_output_length(7, 3, 2, "valid")
    (14, 15)
    """
    if size is None:
        return None
    if padding == "valid":
        return size * stride + max(kernel - stride, 0)
    if padding == "same":
        return size * stride
    raise ValueError(f"padding must be 'valid' or 'same', got {padding!r}.")


def _crop_start(size: int, kernel: int, stride: int, padding: str) -> int:
    """How many of the scattered positions "same" drops at the start: (k - s) // 2."""
    full = (size - 1) * stride + kernel
    out = deconv_output_length(size, kernel, stride, padding)
    return max(full - out, 0) // 2 if padding == "same" else 0


def conv2d_transpose(x, kernel, bias=None, strides: IntPair = (1, 1),
                     padding: str = "valid") -> Tensor:
    """out[n, r*sh + i - top, c*sw + j - left, f] += sum_ch x[n, r, c, ch] * K[i, j, f, ch]  (+ b[f])

    Backward, with g = dL/dout put back in the uncropped frame (zeros where cropped):
        dcols[n, r, c, i, j, :] = g[n, r*sh + i, c*sw + j, :]     (gather: a convolution)
        dx = dcols @ K^T,   dK = x^T @ dcols,   db = sum of g over N, rows, columns

    Args:
        x: (N, H, W, C) images, channels last.
        kernel: (kh, kw, F, C), Keras's layout: F output channels, C input channels.
        bias: (F,) or None.
        strides: an int or a pair: how far apart the painted patches start.
        padding: "valid" or "same" (see the module docstring for the sizes).

    Returns:
        (N, Ho, Wo, F).

    >>> conv2d_transpose(Tensor(np.ones((1, 3, 3, 2))), np.ones((3, 3, 4, 2)), strides=2,
    ...                  padding="same").shape
    (1, 6, 6, 4)
    """
    x, kernel = as_tensor(x), as_tensor(kernel)
    bias = None if bias is None else as_tensor(bias)
    if x.ndim != 4 or kernel.ndim != 4 or kernel.shape[3] != x.shape[3]:
        raise ValueError(f"conv2d_transpose expects x (N, H, W, C) and kernel (kh, kw, F, C) with "
                         f"the same C; got x {x.shape} and kernel {kernel.shape}.")
    N, H, W, C = x.shape
    kh, kw, F, _ = kernel.shape
    sh, sw = pair(strides, "strides")
    Ho, Wo = deconv_output_length(H, kh, sh, padding), deconv_output_length(W, kw, sw, padding)
    top, left = _crop_start(H, kh, sh, padding), _crop_start(W, kw, sw, padding)
    # the scatter's frame: big enough for every patch and for the whole (cropped) output
    Hf, Wf = max((H - 1) * sh + kh, top + Ho), max((W - 1) * sw + kw, left + Wo)

    def rows(i: int) -> slice:      # the rows r*sh + i that kernel row i paints, r = 0..H-1
        return slice(i, i + (H - 1) * sh + 1, sh)

    def columns(j: int) -> slice:   # the columns c*sw + j that kernel column j paints
        return slice(j, j + (W - 1) * sw + 1, sw)

    x2 = x.data.reshape(N * H * W, C)                                         # (N*H*W, C)
    k2 = kernel.data.transpose(3, 0, 1, 2).reshape(C, kh * kw * F)            # (C, kh*kw*F)
    cols = (x2 @ k2).reshape(N, H, W, kh, kw, F)                              # each pixel's patch
    full = np.zeros((N, Hf, Wf, F), dtype=cols.dtype)
    for i in range(kh):
        for j in range(kw):
            full[:, rows(i), columns(j), :] += cols[:, :, :, i, j, :]         # overlaps add up
    out = full[:, top:top + Ho, left:left + Wo, :]                            # (N, Ho, Wo, F)
    if bias is not None:
        out = out + bias.data
    out = np.ascontiguousarray(out)

    def backward(g):
        g_full = np.zeros((N, Hf, Wf, F), dtype=g.dtype)
        g_full[:, top:top + Ho, left:left + Wo, :] = g                        # undo the crop
        dcols = np.empty((N, H, W, kh, kw, F), dtype=g.dtype)
        for i in range(kh):
            for j in range(kw):
                dcols[:, :, :, i, j, :] = g_full[:, rows(i), columns(j), :]
        dcols = dcols.reshape(N * H * W, kh * kw * F)
        dx = (dcols @ k2.T).reshape(N, H, W, C)
        dk = (x2.T @ dcols).reshape(C, kh, kw, F).transpose(1, 2, 3, 0)      # back to (kh, kw, F, C)
        db = g.sum(axis=(0, 1, 2)) if bias is not None else None
        return dx, np.ascontiguousarray(dk), db

    parents = (x, kernel) if bias is None else (x, kernel, bias)
    return Tensor.from_op(out, parents, backward, "conv2d_transpose")
