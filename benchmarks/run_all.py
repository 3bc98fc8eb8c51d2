"""Run every model benchmark and write the tables into benchmarks/README.md.

    KERASEDU_DATA_MIRROR=../shared/datasets python benchmarks/run_all.py [--quick]

Each framework trains in its own process, in rounds that alternate between
frameworks; figures are ratios within one run, so a busy machine affects all
contenders alike. Takes about 20 minutes on 2 cores (--quick: about 4).
"""
from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import types
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _harness  # noqa: E402
import bench_convnet  # noqa: E402
import bench_imdb  # noqa: E402
import bench_lstm  # noqa: E402
import bench_mlp  # noqa: E402
import profile_convnet  # noqa: E402


def options(**values) -> types.SimpleNamespace:
    defaults = dict(epochs=2, rounds=1, batch_size=32, scale=1.0, max_steps=None, only=None)
    return types.SimpleNamespace(**{**defaults, **values})


def section(title: str, module, note: str, **values) -> str:
    print(f"== {title}", flush=True)
    results = _harness.compare(module.__file__, module.CONTENDERS, options(**values))
    return f"### {title}\n\n{note}\n\n{_harness.table(results)}\n"


def scaling(title: str, module, what: str, settings: list, **values) -> str:
    """Seconds per 1,000 samples as one setting grows (a few steps each, not whole epochs).

    The ratio is kerasedu's to the first contender installed, as in the main tables.
    """
    print(f"== {title}", flush=True)
    names = [n for n in module.CONTENDERS if _harness.available(n)]
    first = names[0]
    lines = [f"| {what} | " + " | ".join(f"{n} (s / 1k samples)" for n in names) + f" | kerasedu x {first} |",
             "|---" * (len(names) + 2) + "|"]
    for label, extra in settings:
        per_k = {}
        for name in names:
            run = _harness.run_child(module.__file__, name, 2, extra.get("batch_size", values.get("batch_size")),
                                     extra.get("scale", 1.0), extra.get("max_steps", values.get("max_steps")))
            per_k[name] = _harness.epoch_time([run]) / run["samples"] * 1000
        ratio = per_k["kerasedu"] / per_k[first]
        lines.append(f"| {label} | " + " | ".join(f"{per_k[n]:.3f}" for n in names) + f" | {ratio:.2f} |")
    return f"### {title}\n\n" + "\n".join(lines) + "\n"


def step_profile(title: str, steps: int) -> str:
    """Milliseconds per convnet step by kind of op, forward and backward (profile_convnet.py)."""
    print(f"== {title}", flush=True)
    note = ("kerasedu: a timer around every op (an op's forward time also holds its layer's Python "
            "work); PyTorch: torch.profiler's own time of each aten op. Where PyTorch frees and "
            "re-allocates memory every step, page faults land on whichever op touches new memory first.")
    return f"### {title}\n\n{note}\n\n{profile_convnet.table(profile_convnet.run(steps, 128))}\n"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor()) if os.path.exists("/proc/cpuinfo") else platform.processor()
    versions = [f"Python {platform.python_version()}", f"NumPy {np.__version__}"]
    for name in ("torch", "tensorflow"):
        if _harness.available(name):
            versions.append(f"{name} {__import__(name).__version__}")
    return f"{os.cpu_count()} cores ({cpu}), " + ", ".join(versions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and steps")
    parser.add_argument("--output", default=str(HERE / "README.md"))
    args = parser.parse_args()
    q = args.quick
    parts = [
        section("Seed MLP on MNIST (batch 32, Adam)", bench_mlp,
                "Target: kerasedu <= 1.25x the hand-written NumPy loop, peak memory <= 1.5x.",
                epochs=2 if q else 3, rounds=1 if q else 9, batch_size=32, max_steps=400 if q else None),
        section("keras.io simple MNIST convnet (batch 128, Adam)", bench_convnet,
                "Target: kerasedu <= 1.3x PyTorch's epoch time (without PyTorch: the plain NumPy loop of "
                "`numpy_convnet.py`), >= 98% test accuracy after 2 epochs.",
                epochs=2, rounds=1 if q else 2, batch_size=128, max_steps=60 if q else None),
        section("IMDB text model: Embedding(10000, 16) -> GlobalAveragePooling1D -> Dense(16) -> Dense(1) "
                "(maxlen 256, batch 512)", bench_imdb, "Target: kerasedu no slower than PyTorch.",
                epochs=3 if q else 4, rounds=1 if q else 3, batch_size=512),
        section("IMDB LSTM: Embedding(10000, 16) -> LSTM(16) -> Dense(1) (the last 100 words, batch 64)",
                bench_lstm, "No target: a loop of Python steps over the tape against PyTorch's compiled LSTM.",
                epochs=2, rounds=1 if q else 2, batch_size=64, max_steps=20 if q else 100),
        scaling("Convnet: time per 1,000 samples against batch size", bench_convnet, "batch size",
                [(str(b), {"batch_size": b, "max_steps": max(2, (2 if q else 6) * 128 // b)}) for b in (32, 128, 512)]),
        scaling("Convnet: time per 1,000 samples against the number of filters (batch 128)", bench_convnet,
                "filters (conv1/conv2)",
                [(f"{int(32 * s)}/{int(64 * s)}", {"batch_size": 128, "scale": s, "max_steps": 4 if q else 12})
                 for s in (0.5, 1.0, 2.0)]),
        scaling("IMDB text model: time per 1,000 samples against batch size", bench_imdb, "batch size",
                [(str(b), {"batch_size": b, "max_steps": max(4, (40 if q else 400) * 32 // b)}) for b in (32, 128, 512)]),
        step_profile("Convnet: where a training step goes (ms per step, batch 128)", 20 if q else 60),
        scaling("MLP: time per 1,000 samples against batch size", bench_mlp, "batch size",
                [(str(b), {"batch_size": b, "max_steps": max(4, (20 if q else 100) * 32 // b)}) for b in (32, 128, 512)]),
    ]
    header = f"""# Benchmarks

Speed and memory of kerasedu side by side with a plain NumPy reference and the peers installed
(PyTorch on the CPU; TensorFlow-Keras when installed). Nothing here is asserted by the tests.

Regenerate this file with `python benchmarks/run_all.py` (about 20 minutes; `--quick` for a
rough look). Single benchmarks: `bench_mlp.py`, `bench_convnet.py`, `bench_imdb.py`, `bench_lstm.py`,
`bench_conv_ops.py` (the ops alone), `profile_convnet.py` (a convnet step, op by op),
`bench_datasets.py`, `bench_liveplot.py`. The plain NumPy references are written out in
`bench_mlp.py` and `numpy_convnet.py`. Each needs the datasets (`KERASEDU_DATA_MIRROR` or
the cache) and `pip install torch` for the PyTorch column.

How: every framework trains in its own process (so peak memory is its own: the peak resident
memory during training, above what the loaded data already used), rounds alternate between
frameworks, and the epoch time is the median over rounds leaving out each run's first epoch.
kerasedu and Keras train with one `fit(epochs=...)` call, timed per epoch by a callback (as a
learner runs it: fit's one-time checks are not in any epoch); the NumPy and PyTorch loops are
timed around each epoch. Ratios compare contenders measured in the same run. This 2-core
virtual machine's speed drifts by 10-20% within minutes, so one round can be off by that much;
the ratios are the figures to read. They also depend on the processor: PyTorch's convolutions
(oneDNN) gain more from AVX-512 than NumPy's matrix products and copies do, so the convnet
ratio to PyTorch is about 1.2-1.4x on an AMD EPYC and about 1.6-2x on an Intel Xeon with
AVX-512. The ratio to the plain NumPy loop compares the same arithmetic on any processor.

Last run: {datetime.date.today().isoformat()}{" (--quick)" if q else ""}, on {machine()}.

"""
    Path(args.output).write_text(header + "\n".join(parts))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
