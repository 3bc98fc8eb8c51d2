"""Where a convnet training step goes: kerasedu's ops side by side with PyTorch's.

    python benchmarks/profile_convnet.py [--steps 40] [--batch-size 128]

Trains the keras.io convnet of bench_convnet.py on MNIST for a few steps in each
framework (each in its own process) and prints milliseconds per step by kind of
op, forward and backward. Numbers are printed, never asserted.

- kerasedu: a timer around every op on the tape. An op's backward time is its own;
  its forward time is the time since the previous op ended, so it also holds the
  Python work of the layer that called it. The optimizer is timed around
  ``optimizer.apply``; "rest" is what is left of the step (metrics, logs, the batch).
- PyTorch: the benchmarks' own loop (``_harness.time_torch_loop``) under
  ``torch.profiler``: each aten op's own (self) CPU time, and ``optimizer.step()``
  with the ops inside it; "rest" is what is left of the loop's step time.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import time

import _harness
import bench_convnet

# (kind of op, "fwd" or "bwd") for each kerasedu op name and each PyTorch aten op
KERASEDU_OPS = {"conv2d": "conv2d", "max_pool2d": "max pooling", "relu": "relu", "dropout": "dropout"}
TORCH_OPS = {
    "aten::mkldnn_convolution": ("conv2d", "fwd"), "aten::convolution_backward": ("conv2d", "bwd"),
    "aten::max_pool2d_with_indices": ("max pooling", "fwd"),
    "aten::max_pool2d_with_indices_backward": ("max pooling", "bwd"),
    "aten::clamp_min": ("relu", "fwd"), "aten::relu": ("relu", "fwd"),
    "aten::threshold_backward": ("relu", "bwd"), "aten::bernoulli_": ("dropout", "fwd"),
}
KINDS = ["conv2d", "max pooling", "relu", "dropout", "dense, softmax, loss", "optimizer (Adam)", "rest"]


def batches(steps: int, batch_size: int):
    """The first steps * batch_size MNIST training images, (N, 28, 28, 1) float32, one-hot labels."""
    x_train, y_train, _, _ = bench_convnet.load_data()
    n = steps * batch_size
    return x_train[:n], y_train[:n]


def profile_kerasedu(steps: int, batch_size: int) -> dict:
    import kerasedu as keras
    from kerasedu.autograd import Tensor
    x, y = batches(steps, batch_size)
    y = keras.utils.to_categorical(y, 10)
    model = bench_convnet.kerasedu_model()
    model.fit(x[:2 * batch_size], y[:2 * batch_size], batch_size=batch_size, verbose=0)   # warm up

    seconds = collections.defaultdict(float)          # (kind, "fwd" / "bwd") -> seconds
    last_op_end = [0.0]
    make_op = Tensor.from_op.__func__

    def timed_from_op(cls, data, parents, backward, op=""):
        kind = KERASEDU_OPS.get(op, "dense, softmax, loss")
        seconds[kind, "fwd"] += time.perf_counter() - last_op_end[0]

        def timed_backward(g):
            start = time.perf_counter()
            grads = backward(g)
            seconds[kind, "bwd"] += time.perf_counter() - start
            return grads
        out = make_op(cls, data, parents, timed_backward, op)
        last_op_end[0] = time.perf_counter()
        return out

    apply = model.optimizer.apply

    def timed_apply(grads, variables):
        start = time.perf_counter()
        apply(grads, variables)
        seconds["optimizer (Adam)", "bwd"] += time.perf_counter() - start

    class BatchStart(keras.callbacks.Callback):
        def on_train_batch_begin(self, batch, logs=None):
            last_op_end[0] = time.perf_counter()

    Tensor.from_op = classmethod(timed_from_op)
    model.optimizer.apply = timed_apply
    start = time.perf_counter()
    model.fit(x, y, batch_size=batch_size, verbose=0, callbacks=[BatchStart()])
    total = time.perf_counter() - start
    Tensor.from_op = classmethod(make_op)
    return per_step(seconds, total, steps)


def profile_torch(steps: int, batch_size: int) -> dict:
    import torch
    from torch.profiler import ProfilerActivity, profile
    x, y = batches(steps, batch_size)
    x = torch.from_numpy(x).permute(0, 3, 1, 2).contiguous()          # NCHW
    y = torch.from_numpy(y)
    model = bench_convnet.torch_model()
    seconds = collections.defaultdict(float)
    loss = torch.nn.functional.cross_entropy
    _harness.time_torch_loop(model, loss, x, y, 1, batch_size, None)          # warm up
    total = _harness.time_torch_loop(model, loss, x, y, 1, batch_size, None)[0]
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        _harness.time_torch_loop(model, loss, x, y, 1, batch_size, None)
    for event in prof.key_averages():
        if event.key in TORCH_OPS:                                      # an op's own time
            seconds[TORCH_OPS[event.key]] += event.self_cpu_time_total / 1e6   # microseconds -> s
        elif event.key == "Optimizer.step#Adam.step":                   # the optimizer with its ops
            seconds["optimizer (Adam)", "bwd"] += event.cpu_time_total / 1e6
    return per_step(seconds, total, steps)


def per_step(seconds: dict, total: float, steps: int) -> dict:
    """Milliseconds per step for each (kind, direction), plus "rest" = total - everything listed."""
    ms = {f"{kind}|{way}": 1000.0 * s / steps for (kind, way), s in seconds.items()}
    ms["rest|fwd"] = 1000.0 * total / steps - sum(ms.values())
    ms["step"] = 1000.0 * total / steps
    return ms


def table(results: dict) -> str:
    names = list(results)
    head = "| op | " + " | ".join(f"{n} fwd | {n} bwd" for n in names) + " |"
    lines = [head, "|---|" + "---|---|" * len(names)]
    for kind in KINDS:
        cells = [f"{results[n].get(f'{kind}|{way}', 0.0):.1f}" for n in names for way in ("fwd", "bwd")]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines.append("| whole step (both columns) | " + " | ".join(f"{results[n]['step']:.1f} | " for n in names) + " |")
    return "\n".join(lines)


PROFILERS = {"torch": profile_torch, "kerasedu": profile_kerasedu}


def run(steps: int, batch_size: int, names=None) -> dict:
    """Each framework in its own process; {name: milliseconds per step by (kind|direction)}."""
    results = {}
    for name in names or PROFILERS:
        if name == "torch" and not _harness.available("torch"):
            continue
        out = subprocess.run([sys.executable, __file__, "--child", name, "--steps", str(steps),
                              "--batch-size", str(batch_size)], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{out.stderr[-2000:]}")
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(PROFILERS[args.child](args.steps, args.batch_size)))
    else:
        print(table(run(args.steps, args.batch_size)))
