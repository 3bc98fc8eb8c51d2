"""Making images bigger: nearest-neighbour repetition and bilinear interpolation.

Nearest: every pixel becomes an sh x sw block of copies,
    out[n, r, c, ch] = x[n, r // sh, c // sw, ch]
so the gradient of a pixel is the sum of the gradients of its block.

Bilinear: each output pixel mixes the two nearest input pixels along each axis,
with weights by distance (pixel centres: source = (dest + 0.5) / s - 0.5,
held inside the image at the borders). Along one axis that is a fixed matrix
A (out, in), so the whole op is ``A_rows @ x @ A_cols^T`` per channel, and the
gradient is the same product with the transposed matrices.

>>> upsample2d(Tensor(np.array([[[[1.0], [2.0]]]])), (1, 2)).data[0, :, :, 0]
array([[1., 1., 2., 2.]], dtype=float32)
"""
from __future__ import annotations

import numpy as np

from kerasedu.ops._graph import Tensor, as_tensor


def bilinear_matrix(size: int, scale: int) -> np.ndarray:
    """A (size * scale, size): row o holds the weights of the input pixels for output o.

    >>> bilinear_matrix(2, 2)
    array([[1.  , 0.  ],
           [0.75, 0.25],
           [0.25, 0.75],
           [0.  , 1.  ]], dtype=float32)
    """
    out = np.arange(size * scale)
    source = np.clip((out + 0.5) / scale - 0.5, 0, size - 1)      # where output o looks, in input pixels
    low = np.floor(source).astype(int)
    high = np.minimum(low + 1, size - 1)
    frac = source - low                                           # 0 at the low pixel, 1 at the high one
    matrix = np.zeros((size * scale, size))
    np.add.at(matrix, (out, low), 1 - frac)
    np.add.at(matrix, (out, high), frac)
    return matrix.astype(np.float32)


def upsample2d(x, size=(2, 2), interpolation: str = "nearest") -> Tensor:
    """(N, H, W, C) -> (N, H*sh, W*sw, C), by "nearest" or "bilinear" interpolation.

    >>> upsample2d(Tensor(np.ones((2, 3, 4, 5))), (2, 3)).shape
    (2, 6, 12, 5)
    """
    x = as_tensor(x)
    if x.ndim != 4:
        raise ValueError(f"upsample2d expects images (N, H, W, C), got shape {x.shape}.")
    N, H, W, C = x.shape
    sh, sw = size
    if interpolation == "nearest":
        out = np.repeat(np.repeat(x.data, sh, axis=1), sw, axis=2)            # (N, H*sh, W*sw, C)

        def backward(g):   # each input pixel was copied into an sh x sw block: sum the block
            return (g.reshape(N, H, sh, W, sw, C).sum(axis=(2, 4)),)
        return Tensor.from_op(out, (x,), backward, "upsample2d_nearest")
    if interpolation == "bilinear":
        rows, cols = bilinear_matrix(H, sh), bilinear_matrix(W, sw)          # (H*sh, H), (W*sw, W)
        out = np.einsum("oh,nhwc,pw->nopc", rows, x.data, cols, optimize=True)

        def backward(g):   # the transpose of a linear map: the same matrices, transposed
            return (np.einsum("oh,nopc,pw->nhwc", rows, g, cols, optimize=True).astype(g.dtype),)
        return Tensor.from_op(out.astype(x.data.dtype), (x,), backward, "upsample2d_bilinear")
    raise ValueError(f"UpSampling2D interpolation must be 'nearest' or 'bilinear', "
                     f"got {interpolation!r}.")
