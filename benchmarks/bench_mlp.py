"""The seed MLP on MNIST: kerasedu side by side with a hand-written NumPy loop (and peers).

    python benchmarks/bench_mlp.py [--epochs 2] [--rounds 2] [--batch-size 32]

Model: Flatten(28, 28) -> Dense(128, relu) -> Dense(10, softmax), Adam, batch 32,
sparse categorical cross-entropy. The NumPy loop is the same model written out
by hand: the floor for a NumPy implementation. PyTorch and TensorFlow-Keras run
when installed. Target (issue): kerasedu <= 1.25x the NumPy loop's epoch time,
peak memory <= 1.5x.
"""
from __future__ import annotations

import os
import time

import numpy as np

import _harness
from numpy_reference import Adam, glorot


def load_data():
    from kerasedu.datasets import mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    return (x_train.astype("float32") / 255.0, y_train.astype("int64"),
            x_test.astype("float32") / 255.0, y_test.astype("int64"))


def keras_api_run(keras, data, epochs, batch_size, scale, max_steps):
    """The model in the Keras API: the very same code trains kerasedu and real Keras."""
    keras.utils.set_random_seed(0)
    x_train, y_train, x_test, y_test = data
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(int(128 * scale), activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    times = _harness.time_keras_fit(model, x_train, y_train, epochs, batch_size, max_steps)
    accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


def run_kerasedu(data, epochs, batch_size, scale, max_steps):
    import kerasedu
    return keras_api_run(kerasedu, data, epochs, batch_size, scale, max_steps)


def run_tf_keras(data, epochs, batch_size, scale, max_steps):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    return keras_api_run(keras, data, epochs, batch_size, scale, max_steps)


def run_numpy(data, epochs, batch_size, scale, max_steps):
    from kerasedu._memory import keep_freed_memory
    keep_freed_memory()          # the allocator setting kerasedu's fit uses: like against like
    x_train, y_train, x_test, y_test = data
    rng = np.random.default_rng(0)
    x_train, x_test = x_train.reshape(-1, 784), x_test.reshape(-1, 784)
    hidden = int(128 * scale)
    params = [glorot(rng, (784, hidden), 784, hidden), np.zeros(hidden, np.float32),
              glorot(rng, (hidden, 10), hidden, 10), np.zeros(10, np.float32)]
    adam = Adam(params)
    times = []
    steps = _harness.steps_per_epoch(len(x_train), batch_size, max_steps)
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(x_train))
        for i in range(0, steps * batch_size, batch_size):
            idx = order[i:i + batch_size]
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
            adam.step(grads)
        times.append(time.perf_counter() - start)
    w1, b1, w2, b2 = params
    pred = (np.maximum(x_test @ w1 + b1, 0) @ w2 + b2).argmax(axis=1)
    return _harness.result(times, (pred == y_test).mean(), len(x_train), batch_size, max_steps)


def run_torch(data, epochs, batch_size, scale, max_steps):
    import torch
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in data)
    hidden = int(128 * scale)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, 10))
    times = _harness.time_torch_loop(model, torch.nn.functional.cross_entropy, x_train, y_train,
                                     epochs, batch_size, max_steps)
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


CONTENDERS = {"numpy": run_numpy, "kerasedu": run_kerasedu, "torch": run_torch, "tf_keras": run_tf_keras}

if __name__ == "__main__":
    args = _harness.parse(__doc__.splitlines()[0], default_batch=32)
    if args.child:
        _harness.child(CONTENDERS, load_data, args)
    else:
        print(_harness.table(_harness.compare(__file__, CONTENDERS, args)))
