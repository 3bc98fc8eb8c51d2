"""What every model benchmark shares: run each framework in its own process, alternate, report.

A benchmark module defines ``CONTENDERS = {name: fn(epochs, batch_size, scale) -> dict}``
where the dict has "times" (seconds per epoch), "accuracy", "steps" and "samples".
``main(module)`` parses the command line, runs rounds that alternate between
contenders (so a slow moment of the machine hits all of them) and prints a
markdown table with ratios to the first contender.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
from typing import Callable, Optional

import numpy as np

IMPORTS = {"numpy": "numpy", "kerasedu": "kerasedu", "torch": "torch", "tf_keras": "tensorflow"}


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def reset_peak() -> float:
    """Forget the peak so far (Linux: write 5 to clear_refs); return the current memory in MB.

    Without this, loading the data (often the biggest moment) would hide training's peak.
    """
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    return _status_mb("VmRSS")


def peak_rss_mb() -> float:
    """The peak resident memory since the last reset_peak(), in MB."""
    return _status_mb("VmHWM")


def available(name: str) -> bool:
    return importlib.util.find_spec(IMPORTS.get(name, name)) is not None


def run_child(module_file: str, name: str, epochs: int, batch_size: int, scale: float,
              max_steps: Optional[int]) -> dict:
    """Run one contender in a fresh Python process; its peak memory is its own."""
    command = [sys.executable, module_file, "--child", name, "--epochs", str(epochs),
               "--batch-size", str(batch_size), "--scale", str(scale)]
    if max_steps:
        command += ["--max-steps", str(max_steps)]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(contenders: dict, load_data: Callable, args) -> None:
    """Inside the child process: load data, measure memory around training, print JSON."""
    data = load_data()
    if available(args.child):                 # import the framework first: its own memory is not training's
        importlib.import_module(IMPORTS.get(args.child, args.child))
    before = reset_peak()
    result = contenders[args.child](data, args.epochs, args.batch_size, args.scale, args.max_steps)
    result["memory_mb"] = peak_rss_mb() - before
    print(json.dumps(result))


def epoch_time(runs: list) -> float:
    """Median seconds per epoch over rounds, leaving out each run's first (warm-up) epoch."""
    return float(np.median([t for r in runs for t in (r["times"][1:] or r["times"])]))


def table(results: dict) -> str:
    """Markdown: s/epoch, samples/s, ratio to the first contender, memory, accuracy."""
    names = list(results)
    base = epoch_time(results[names[0]])
    lines = [f"| framework | s/epoch | samples/s | x {names[0]} | peak train memory (MB) | test accuracy |",
             "|---|---|---|---|---|---|"]
    for name in names:
        runs = results[name]
        t = epoch_time(runs)
        memory = max(r["memory_mb"] for r in runs)
        accuracy = np.mean([r["accuracy"] for r in runs])
        lines.append(f"| {name} | {t:.2f} | {runs[0]['samples'] / t:,.0f} | {t / base:.2f} | "
                     f"{memory:.0f} | {accuracy:.4f} |")
    return "\n".join(lines)


def parse(description: str, default_batch: int, default_epochs: int = 2):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--epochs", type=int, default=default_epochs)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=default_batch)
    parser.add_argument("--scale", type=float, default=1.0, help="width multiplier (filters/units)")
    parser.add_argument("--max-steps", type=int, default=None, help="stop each epoch early (scaling runs)")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--child", default=None)
    return parser.parse_args()


def compare(module_file: str, contenders: dict, args) -> dict:
    """Alternating rounds over the installed contenders; returns name -> list of runs.

    Each round starts with the next contender (round 2 of numpy, kerasedu, torch runs
    kerasedu, torch, numpy), so no contender always runs right after the same other one.
    """
    names = [n for n in (args.only or contenders) if available(n)]
    results: dict = {n: [] for n in names}
    for round_number in range(args.rounds):
        start = round_number % len(names)
        for name in names[start:] + names[:start]:
            results[name].append(run_child(module_file, name, args.epochs, args.batch_size,
                                           args.scale, args.max_steps))
    return results


# ---- the training loops the benchmarks share -------------------------------------------
def steps_per_epoch(n: int, batch_size: int, max_steps: Optional[int]) -> int:
    steps = -(-n // batch_size)                              # ceil(n / batch_size)
    return min(steps, max_steps) if max_steps else steps


def time_keras_fit(model, x, y, epochs: int, batch_size: int, max_steps: Optional[int]) -> list:
    """Seconds of each epoch of one ``model.fit(epochs=...)`` call, as a learner runs it:
    the same code for kerasedu and real Keras. A callback reads the clock at each epoch's
    start and end, so fit's one-time set-up (data checks, callbacks) is not an epoch's."""
    import time
    callback_base = _callback_class(model)
    times: list = []

    class EpochTimer(callback_base):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            times.append(time.perf_counter() - self.start)

    model.fit(x, y, batch_size=batch_size, epochs=epochs, steps_per_epoch=max_steps, verbose=0,
              callbacks=[EpochTimer()])
    return times


def _callback_class(model):
    """keras.callbacks.Callback of the framework the model belongs to (kerasedu or keras)."""
    framework = type(model).__module__.split(".")[0]
    return importlib.import_module(framework).callbacks.Callback


def time_torch_loop(model, loss_fn, x, y, epochs: int, batch_size: int, max_steps: Optional[int]) -> list:
    """Seconds of each epoch of the usual PyTorch loop (Adam, eps 1e-7 as Keras, shuffled batches)."""
    import time
    import torch
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    steps = steps_per_epoch(len(x), batch_size, max_steps)
    times = []
    for _ in range(epochs):
        model.train()
        start = time.perf_counter()
        order = torch.randperm(len(x))
        for i in range(0, steps * batch_size, batch_size):
            idx = order[i:i + batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        times.append(time.perf_counter() - start)
    model.eval()
    return times


def result(times: list, accuracy: float, n: int, batch_size: int, max_steps: Optional[int]) -> dict:
    steps = steps_per_epoch(n, batch_size, max_steps)
    return {"times": times, "accuracy": float(accuracy), "steps": steps, "samples": min(n, steps * batch_size)}
