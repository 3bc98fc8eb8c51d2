"""Checks for lesson 05 (a tour of the layers): shapes and parameters by hand, an edge
kernel, pooling by hand, counting the weights of Embedding and BatchNormalization.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import math

import numpy as np

from checks import safely, verdict


def _shape(value) -> tuple:
    """(14, 14, 10) from a tuple, a list or an array; a leading None (the batch) is dropped."""
    shape = tuple(value)
    if len(shape) == 4 and shape[0] is None:
        shape = shape[1:]
    return tuple(int(d) for d in shape)


def exercise_1(valid_shape, same_shape, params) -> None:
    """Conv2D(10, kernel_size=5, strides=2) on a (32, 32, 3) image: both paddings, and parameters."""
    def check():
        rows_valid = math.floor((32 - 5) / 2) + 1            # = ceil((32 - 5 + 1) / 2) = 14
        rows_same = math.ceil(32 / 2)                         # = 16
        want_valid, want_same = (rows_valid, rows_valid, 10), (rows_same, rows_same, 10)
        want_params = 5 * 5 * 3 * 10 + 10
        got_valid, got_same = _shape(valid_shape), _shape(same_shape)
        if len(got_valid) != 3 or len(got_same) != 3:
            return verdict(False, "", "give each shape as (rows, columns, channels), "
                                      "e.g. (20, 20, 10), without the batch axis.")
        if got_valid[2] != 10 or got_same[2] != 10:
            return verdict(False, "", "the last axis of a Conv2D output has one channel per "
                                      "filter: here 10, whatever the input had.")
        if got_valid == (28, 28, 10):
            return verdict(False, "", "28 = 32 - 5 + 1 is right for strides=1; with strides=2 "
                                      "the window jumps 2 pixels: ceil(28 / 2).")
        if got_valid != want_valid:
            return verdict(False, "", "padding='valid': out = ceil((32 - 5 + 1) / 2) "
                                      "(or floor((32 - 5) / 2) + 1, the same number).")
        if got_same == (32, 32, 10):
            return verdict(False, "", "padding='same' keeps the size only when strides=1: "
                                      "with strides=2 it is ceil(32 / 2).")
        if got_same != want_same:
            return verdict(False, "", "padding='same': out = ceil(32 / 2); the kernel size "
                                      "does not matter.")
        if params == 5 * 5 * 3 * 10:
            return verdict(False, "", "that is the kernel alone: add one bias per filter.")
        if params in (5 * 5 * 10 + 10, 5 * 5 * 10):
            return verdict(False, "", "each filter is 5 x 5 x 3: it looks at all 3 input "
                                      "channels at once.")
        return verdict(params == want_params,
                       f"valid {want_valid}, same {want_same}, and 5*5*3*10 + 10 = "
                       f"{want_params} parameters either way: padding and strides change "
                       f"the output, not the kernel.",
                       "parameters = kh * kw * input_channels * filters + filters.")
    safely(check, "pass two tuples and a whole number, e.g. exercise_1((20, 20, 10), "
                  "(20, 20, 10), 100).")


def _edge_images() -> dict:
    """Small test images (1, 12, 12, 1): a vertical edge, a horizontal edge, flat grey."""
    vertical = np.zeros((12, 12), np.float32)
    vertical[:, 6:] = 1.0                          # dark left half, bright right half
    return {"vertical": vertical, "horizontal": vertical.T.copy(),
            "flat": np.full((12, 12), 0.5, np.float32)}


def _respond(kernel: np.ndarray, image: np.ndarray) -> np.ndarray:
    import kerasedu as keras
    layer = keras.layers.Conv2D(1, 3, use_bias=False)
    x = image[None, :, :, None]                    # (1, 12, 12, 1)
    layer(x)                                       # build, then load the kernel
    layer.set_weights([kernel.reshape(3, 3, 1, 1)])
    return np.asarray(layer(x))[0, :, :, 0]        # (10, 10)


def exercise_2(my_kernel) -> None:
    """A 3x3 kernel that responds to vertical edges, not to horizontal ones or flat regions."""
    def check():
        kernel = np.asarray(my_kernel, dtype=np.float32)
        if kernel.size != 9:
            return verdict(False, "", f"a 3x3 kernel has 9 numbers; yours has shape "
                                      f"{kernel.shape}.")
        kernel = kernel.reshape(3, 3)
        scale = float(np.abs(kernel).max())
        if scale == 0.0:
            return verdict(False, "", "a kernel of zeros answers 0 everywhere: it detects nothing.")
        images = _edge_images()
        strength = {name: float(np.abs(_respond(kernel, image)).max())
                    for name, image in images.items()}
        if strength["flat"] > 1e-4 * scale:
            return verdict(False, "", f"on a flat grey image your kernel answers "
                                      f"{strength['flat']:.3g}, not 0: make its 9 numbers add "
                                      f"up to 0 (sum now {kernel.sum():.3g}).")
        if strength["vertical"] <= strength["horizontal"]:
            return verdict(False, "", "it answers a horizontal edge at least as strongly as a "
                                      "vertical one: it should compare the LEFT column with the "
                                      "RIGHT column, the same in every row.")
        if strength["horizontal"] > 0.1 * strength["vertical"]:
            return verdict(False, "", f"it still answers horizontal edges "
                                      f"({strength['horizontal']:.2f} vs "
                                      f"{strength['vertical']:.2f} for vertical): make the three "
                                      f"rows of the kernel alike, e.g. [a, 0, -a] in every row.")
        return verdict(True,
                       f"strong on a vertical edge ({strength['vertical']:.2f}), silent on a "
                       f"horizontal edge ({strength['horizontal']:.2f}) and on a flat image.",
                       "")
    safely(check, "my_kernel should be a 3x3 array of numbers.")


GRID = np.array([[1, 3, 2, 0],
                 [5, 6, 1, 2],
                 [0, 2, 9, 4],
                 [1, 1, 3, 7]], dtype=np.float32)


def exercise_3(my_max, my_avg) -> None:
    """2x2 max pooling and average pooling of GRID, by hand (or with NumPy)."""
    def check():
        want_max = GRID.reshape(2, 2, 2, 2).max(axis=(1, 3))
        want_avg = GRID.reshape(2, 2, 2, 2).mean(axis=(1, 3))
        got_max = np.asarray(my_max, dtype=np.float32).squeeze()
        got_avg = np.asarray(my_avg, dtype=np.float32).squeeze()
        if got_max.shape != (2, 2) or got_avg.shape != (2, 2):
            return verdict(False, "", f"a 4x4 grid pooled 2x2 (strides 2) gives 2x2; you gave "
                                      f"{got_max.shape} and {got_avg.shape}.")
        if np.allclose(got_max, want_avg) and np.allclose(got_avg, want_max):
            return verdict(False, "", "you swapped them: my_max first, then my_avg.")
        if np.allclose(got_max, GRID[::2, ::2]):
            return verdict(False, "", "that is the top-left number of each window: max "
                                      "pooling keeps the LARGEST of the four.")
        if not np.allclose(got_max, want_max):
            return verdict(False, "", "max pooling: the top-left output is the largest of the "
                                      "four numbers in the top-left 2x2 window, (1, 3, 5, 6).")
        if np.allclose(got_avg, want_avg * 4):
            return verdict(False, "", "those are the sums of the windows: divide by 4.")
        return verdict(np.allclose(got_avg, want_avg),
                       f"max {want_max.tolist()}, mean {want_avg.tolist()}.",
                       "average pooling: the mean of each 2x2 window, e.g. (1+3+5+6)/4 = 3.75.")
    safely(check, "pass two 2x2 arrays, e.g. np.array([[1, 2], [3, 4]]).")


def exercise_4(embedding_params, bn_trainable, bn_non_trainable) -> None:
    """Embedding(10_000, 16): parameters; BatchNormalization on 32 channels: (non-)trainable."""
    def check():
        if embedding_params == 10_000 * 16 + 16:
            return verdict(False, "", "an Embedding has no bias: it only looks up rows of its "
                                      "table.")
        if embedding_params != 10_000 * 16:
            return verdict(False, "", "the table has one row of 16 numbers per id, and there "
                                      "are 10,000 ids.")
        if (bn_trainable, bn_non_trainable) == (32 * 4, 0):
            return verdict(False, "", "only gamma and beta are learned by the optimizer; "
                                      "moving_mean and moving_variance are statistics.")
        if (bn_trainable, bn_non_trainable) == (32 * 2 + 2, 2):
            return verdict(False, "", "each of the four weights has one number PER CHANNEL.")
        return verdict((bn_trainable, bn_non_trainable) == (64, 64),
                       "160,000 numbers in the table; BatchNormalization has 32 gammas and 32 "
                       "betas (trainable) and 32 moving means and 32 moving variances (not).",
                       "BatchNormalization keeps four arrays of one number per channel: gamma, "
                       "beta (trainable), moving_mean, moving_variance (not trainable).")
    safely(check, "pass three whole numbers.")
