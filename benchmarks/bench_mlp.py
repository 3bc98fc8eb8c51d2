"""The seed MLP on MNIST: kerasedu side by side with a plain NumPy loop (and peers).

    python benchmarks/bench_mlp.py [--epochs 2] [--rounds 2]

Model: Flatten(28, 28) -> Dense(128, relu) -> Dense(10, softmax), Adam, batch 32,
sparse categorical cross-entropy. Each framework trains in a fresh subprocess
(so peak memory is its own); rounds alternate between frameworks so that a
slow moment of the machine hits all of them. Prints seconds per epoch, steps
per second, peak training memory and test accuracy, and each time as a ratio
to the plain NumPy loop. PyTorch and TensorFlow-Keras run only when installed.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
BATCH = 32


def load_mnist():
    """MNIST as float32 in [0, 1], through kerasedu.datasets (mirror or cache)."""
    from kerasedu.datasets import mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    return (x_train.astype("float32") / 255.0, y_train.astype("int64"),
            x_test.astype("float32") / 255.0, y_test.astype("int64"))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---- the contenders: each returns (epoch_seconds list, test accuracy) ----------
def run_kerasedu(data, epochs):
    import kerasedu as keras
    keras.utils.set_random_seed(0)
    x_train, y_train, x_test, y_test = data
    model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    times = []
    for epoch in range(epochs):
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=BATCH, epochs=epoch + 1, initial_epoch=epoch, verbose=0)
        times.append(time.perf_counter() - start)
    return times, model.evaluate(x_test, y_test, verbose=0)[1]


def run_numpy(data, epochs):
    """The same model written out by hand: the floor for a NumPy implementation."""
    x_train, y_train, x_test, y_test = data
    rng = np.random.default_rng(0)
    x_train, x_test = x_train.reshape(-1, 784), x_test.reshape(-1, 784)

    def glorot(fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32)
    params = [glorot(784, 128), np.zeros(128, np.float32), glorot(128, 10), np.zeros(10, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = 0
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(x_train))
        for i in range(0, len(x_train), BATCH):
            idx = order[i:i + BATCH]
            x, y = x_train[idx], y_train[idx]
            w1, b1, w2, b2 = params
            h = x @ w1 + b1
            a = np.maximum(h, 0.0)
            z = a @ w2 + b2
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            dz = p
            dz[np.arange(len(y)), y] -= 1.0
            dz /= len(y)
            grads = [None, None, a.T @ dz, dz.sum(axis=0)]
            da = dz @ w2.T
            da *= h > 0
            grads[0], grads[1] = x.T @ da, da.sum(axis=0)
            t += 1
            # math.sqrt, not np.sqrt: an np.float64 scalar would turn the update into float64
            step = 0.001 * math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
            for p_, g, m_, v_ in zip(params, grads, m, v):
                m_ += 0.1 * (g - m_)
                v_ += 0.001 * (g * g - v_)
                p_ -= step * m_ / (np.sqrt(v_) + 1e-7)
        times.append(time.perf_counter() - start)
    w1, b1, w2, b2 = params
    pred = (np.maximum(x_test @ w1 + b1, 0) @ w2 + b2).argmax(axis=1)
    return times, float((pred == y_test).mean())


def run_torch(data, epochs):
    import torch
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in data)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 128), torch.nn.ReLU(),
                                torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x_train))
        for i in range(0, len(x_train), BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    return times, accuracy


def run_tf_keras(data, epochs):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    keras.utils.set_random_seed(0)
    x_train, y_train, x_test, y_test = data
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    times = []
    for epoch in range(epochs):
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=BATCH, epochs=epoch + 1, initial_epoch=epoch, verbose=0)
        times.append(time.perf_counter() - start)
    return times, model.evaluate(x_test, y_test, verbose=0)[1]


CONTENDERS = {"numpy": run_numpy, "kerasedu": run_kerasedu, "torch": run_torch, "tf_keras": run_tf_keras}
IMPORTS = {"numpy": "numpy", "kerasedu": "kerasedu", "torch": "torch", "tf_keras": "tensorflow"}


def child(name: str, epochs: int) -> None:
    """Run one contender in this process and print its figures as JSON."""
    data = load_mnist()
    before = peak_rss_mb()
    times, accuracy = CONTENDERS[name](data, epochs)
    print(json.dumps({"name": name, "times": times, "accuracy": float(accuracy),
                      "memory_mb": peak_rss_mb() - before}))


def available(name: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(IMPORTS[name]) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.epochs)
        return
    names = [n for n in (args.only or CONTENDERS) if available(n)]
    results: dict[str, list] = {n: [] for n in names}
    for _ in range(args.rounds):
        for name in names:                               # alternate: numpy, kerasedu, ...
            out = subprocess.run([sys.executable, __file__, "--child", name, "--epochs", str(args.epochs)],
                                 capture_output=True, text=True, check=True)
            results[name].append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(report(results))


def report(results: dict) -> str:
    """A markdown table; each epoch time is the median over rounds and epochs after the first."""
    def epoch_time(runs):
        times = [t for r in runs for t in (r["times"][1:] or r["times"])]   # epoch 1 warms caches
        return float(np.median(times))
    base = epoch_time(results["numpy"]) if "numpy" in results else None
    steps = -(-60000 // BATCH)
    lines = ["| framework | s/epoch | steps/s | x plain NumPy | peak train memory (MB) | test accuracy |",
             "|---|---|---|---|---|---|"]
    for name, runs in results.items():
        t = epoch_time(runs)
        ratio = f"{t / base:.2f}" if base else "-"
        memory = max(r["memory_mb"] for r in runs)
        accuracy = np.mean([r["accuracy"] for r in runs])
        lines.append(f"| {name} | {t:.2f} | {steps / t:.0f} | {ratio} | {memory:.0f} | {accuracy:.4f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
