"""Speed of kerasedu's conv2d, max_pool2d and embedding ops, side by side with references.

Shapes: the keras.io "simple MNIST convnet" at batch 128
    Conv2D(32, 3) on (128, 28, 28, 1) -> MaxPooling2D on (128, 26, 26, 32)
    -> Conv2D(64, 3) on (128, 13, 13, 32) -> MaxPooling2D on (128, 11, 11, 64)
and the IMDB text model's Embedding(10000, 16) on (512, 256) ids.

References: PyTorch CPU (if installed; its default NCHW layout) and a
plain NumPy im2col that gathers the patches with fancy indexing and scatters
the input gradient back with np.add.at (the textbook version).

Run:  python benchmarks/bench_conv_ops.py [--threads 2]    (numbers are printed, never asserted)

--threads sets the BLAS threads of NumPy and PyTorch alike (1 gives steadier
numbers on a busy machine).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

_parser = argparse.ArgumentParser(description="Speed of kerasedu's conv, pool and embedding ops.")
_parser.add_argument("--threads", type=int, default=2, help="BLAS threads of NumPy and PyTorch")
THREADS = _parser.parse_args(sys.argv[1:] if __name__ == "__main__" else []).threads
# OpenBLAS reads this once, when NumPy is first imported: so before the import below
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(THREADS))

import numpy as np  # noqa: E402

from kerasedu.autograd import Tensor  # noqa: E402
from kerasedu.ops.activations import relu  # noqa: E402
from kerasedu.ops.conv import conv2d  # noqa: E402
from kerasedu.ops.embedding import embedding  # noqa: E402
from kerasedu.ops.pool import max_pool2d  # noqa: E402

try:
    import torch
    torch.set_num_threads(THREADS)
except ImportError:           # PyTorch is optional: the NumPy reference is always there
    torch = None

REPEATS = 15


def timeit(fn, repeats: int = REPEATS) -> float:
    """Best wall time of fn() in milliseconds, after one warm-up call.

    The minimum, as Python's timeit module reports: other programs can only
    make a run slower, so the fastest run is the closest to the op's own cost.
    """
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000.0 * min(times)


# ---- kerasedu --------------------------------------------------------------
def kerasedu_conv(x, k, b, need_dx=True):
    def step():
        xt = Tensor(x, requires_grad=need_dx)
        kt, bt = Tensor(k, requires_grad=True), Tensor(b, requires_grad=True)
        out = conv2d(xt, kt, bt)
        out.backward(np.ones(out.shape, np.float32))
    return step


def kerasedu_pool(x):
    def step():
        xt = Tensor(x, requires_grad=True)
        out = max_pool2d(xt, 2)
        out.backward(np.ones(out.shape, np.float32))
    return step


def kerasedu_features(x, k1, b1, k2, b2):
    """conv -> relu -> pool -> conv -> relu -> pool, forward and backward (the convnet's body)."""
    def step():
        params = [Tensor(a, requires_grad=True) for a in (k1, b1, k2, b2)]
        h = max_pool2d(relu(conv2d(Tensor(x), params[0], params[1])), 2)
        h = max_pool2d(relu(conv2d(h, params[2], params[3])), 2)
        h.backward(np.ones(h.shape, np.float32))
    return step


# ---- plain NumPy im2col (fancy indexing + np.add.at) -----------------------
def im2col_indices(H, W, kh, kw):
    Ho, Wo = H - kh + 1, W - kw + 1
    rows = (np.arange(Ho)[:, None, None, None] + np.arange(kh)[None, None, :, None])   # (Ho,1,kh,1)
    cols = (np.arange(Wo)[None, :, None, None] + np.arange(kw)[None, None, None, :])   # (1,Wo,1,kw)
    return np.broadcast_to(rows, (Ho, Wo, kh, kw)), np.broadcast_to(cols, (Ho, Wo, kh, kw))


def reference_conv(x, k, b, need_dx=True):
    N, H, W, C = x.shape
    kh, kw, _, F = k.shape
    rows, cols = im2col_indices(H, W, kh, kw)
    Ho, Wo = rows.shape[:2]

    def step():
        patches = x[:, rows, cols, :].reshape(N * Ho * Wo, kh * kw * C)   # fancy-index gather
        out = patches @ k.reshape(-1, F) + b
        g = np.ones_like(out)
        dk = patches.T @ g
        db = g.sum(axis=0)
        if need_dx:
            dpatches = (g @ k.reshape(-1, F).T).reshape(N, Ho, Wo, kh, kw, C)
            dx = np.zeros_like(x)
            np.add.at(dx, (slice(None), rows, cols, slice(None)), dpatches)  # scatter-add
        return dk, db
    return step


def reference_pool(x):
    N, H, W, C = x.shape

    def step():
        windows = x.reshape(N, H // 2, 2, W // 2, 2, C).transpose(0, 1, 3, 5, 2, 4)
        windows = windows.reshape(N, H // 2, W // 2, C, 4)
        arg = windows.argmax(axis=-1)
        g = np.ones(arg.shape, np.float32)
        dwin = np.zeros(windows.shape, np.float32)
        np.put_along_axis(dwin, arg[..., None], g[..., None], axis=-1)
        return dwin.reshape(N, H // 2, W // 2, C, 2, 2).transpose(0, 1, 4, 2, 5, 3).reshape(x.shape)
    return step


# ---- PyTorch ---------------------------------------------------------------
def torch_conv(x, k, b, need_dx=True):
    xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy()).requires_grad_(need_dx)
    kt = torch.from_numpy(k.transpose(3, 2, 0, 1).copy()).requires_grad_(True)
    bt = torch.from_numpy(b.copy()).requires_grad_(True)

    def step():
        out = torch.nn.functional.conv2d(xt, kt, bt)
        out.backward(torch.ones_like(out))
    return step


def torch_pool(x):
    xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy()).requires_grad_(True)

    def step():
        out = torch.nn.functional.max_pool2d(xt, 2)
        out.backward(torch.ones_like(out))
    return step


def torch_features(x, k1, b1, k2, b2):
    xt = torch.from_numpy(x.transpose(0, 3, 1, 2).copy())
    params = [torch.from_numpy(a).requires_grad_(True) for a in
              (k1.transpose(3, 2, 0, 1).copy(), b1, k2.transpose(3, 2, 0, 1).copy(), b2)]
    F = torch.nn.functional

    def step():
        h = F.max_pool2d(F.relu(F.conv2d(xt, params[0], params[1])), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, params[2], params[3])), 2)
        h.backward(torch.ones_like(h))
    return step


def row(name, ours, others):
    """One printed line: our time, then each reference's time and its ratio to ours."""
    text = f"{name:40s} kerasedu {ours:7.2f} ms"
    for label, ms in others:
        text += f" | {label} {ms:7.2f} ms (kerasedu/{label} = {ours / ms:4.2f})"
    print(text)


def main() -> None:
    rng = np.random.default_rng(0)
    x1 = rng.random((128, 28, 28, 1), dtype=np.float32)
    k1, b1 = rng.standard_normal((3, 3, 1, 32), dtype=np.float32) * 0.3, np.zeros(32, np.float32)
    x2 = rng.standard_normal((128, 13, 13, 32), dtype=np.float32)
    k2, b2 = rng.standard_normal((3, 3, 32, 64), dtype=np.float32) * 0.06, np.zeros(64, np.float32)
    p1 = np.maximum(rng.standard_normal((128, 26, 26, 32), dtype=np.float32), 0)   # after ReLU
    p2 = np.maximum(rng.standard_normal((128, 11, 11, 64), dtype=np.float32), 0)

    print(f"forward + backward, best of {REPEATS}, batch 128, float32"
          + ("" if torch else "   (PyTorch not installed: NumPy reference only)"))
    if hasattr(os, "getloadavg"):   # other programs running skew every number: say how busy we are
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
              f"{THREADS} BLAS thread(s) for NumPy and PyTorch")
    cases = [
        ("conv1 3x3 1->32 (dx, dK, db)", kerasedu_conv(x1, k1, b1), reference_conv(x1, k1, b1),
         torch and torch_conv(x1, k1, b1)),
        ("conv1 3x3 1->32 (dK, db: first layer)", kerasedu_conv(x1, k1, b1, False),
         reference_conv(x1, k1, b1, False), torch and torch_conv(x1, k1, b1, False)),
        ("conv2 3x3 32->64 (dx, dK, db)", kerasedu_conv(x2, k2, b2), reference_conv(x2, k2, b2),
         torch and torch_conv(x2, k2, b2)),
        ("max_pool 2x2 on 26x26x32", kerasedu_pool(p1), reference_pool(p1), torch and torch_pool(p1)),
        ("max_pool 2x2 on 11x11x64", kerasedu_pool(p2), reference_pool(p2[:, :10, :10]),
         torch and torch_pool(p2)),
        ("conv-relu-pool x2 (the convnet body)", kerasedu_features(x1, k1, b1, k2, b2), None,
         torch and torch_features(x1, k1, b1, k2, b2)),
    ]
    for name, ours, reference, theirs in cases:
        others = []
        if reference is not None:
            others.append(("numpy-im2col", timeit(reference, 5)))
        if theirs:
            others.append(("torch", timeit(theirs)))
        row(name, timeit(ours), others)

    # ---- Embedding backward: the scatter-add into a (10000, 16) table --------
    ids = np.minimum(rng.zipf(1.3, (512, 256)), 9999)        # word ids: a few very frequent
    table = Tensor(rng.uniform(-0.05, 0.05, (10000, 16)).astype(np.float32), requires_grad=True)
    g = rng.standard_normal((512, 256, 16), dtype=np.float32)
    flat, g2 = ids.reshape(-1), g.reshape(-1, 16)

    def ours_embedding():
        embedding(ids, table).backward(g)

    def add_at():
        dtable = np.zeros((10000, 16), np.float32)
        np.add.at(dtable, flat, g2)

    def sort_reduceat():
        order = np.argsort(flat, kind="stable")
        sorted_ids = flat[order]
        starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
        dtable = np.zeros((10000, 16), np.float32)
        dtable[sorted_ids[starts]] = np.add.reduceat(g2[order], starts, axis=0)

    others = [("np.add.at", timeit(add_at)), ("sort+reduceat", timeit(sort_reduceat))]
    if torch:
        tt = torch.from_numpy(table.data.copy()).requires_grad_(True)
        ti, tg = torch.from_numpy(ids), torch.from_numpy(g)
        others.append(("torch", timeit(lambda: torch.nn.functional.embedding(ti, tt).backward(tg))))
    row("embedding 512x256 ids, 10000x16 table", timeit(ours_embedding), others)


if __name__ == "__main__":
    main()
