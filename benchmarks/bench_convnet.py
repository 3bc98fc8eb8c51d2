"""The keras.io "simple MNIST convnet": kerasedu side by side with PyTorch (CPU) and plain NumPy.

    python benchmarks/bench_convnet.py [--epochs 2] [--rounds 1] [--batch-size 128] [--scale 1.0]

Conv2D(32, 3, relu) -> MaxPooling2D(2) -> Conv2D(64, 3, relu) -> MaxPooling2D(2)
-> Flatten -> Dropout(0.5) -> Dense(10, softmax); Adam, batch 128, categorical
cross-entropy on one-hot labels, as on keras.io. ``--scale`` multiplies the
number of filters. Target (issue): kerasedu <= 1.3x PyTorch's epoch time in the
same run (without PyTorch: the plain NumPy loop of numpy_convnet.py), and >= 98%
test accuracy after 2 epochs.
"""
from __future__ import annotations

import os

import numpy as np

import _harness


def load_data():
    from kerasedu.datasets import mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    return (x_train[..., None].astype("float32") / 255.0, y_train.astype("int64"),
            x_test[..., None].astype("float32") / 255.0, y_test.astype("int64"))


def kerasedu_model(scale: float = 1.0):
    """The keras.io convnet in kerasedu, compiled as on keras.io."""
    import kerasedu as keras
    keras.utils.set_random_seed(0)
    L = keras.layers
    model = keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        L.Conv2D(int(32 * scale), kernel_size=(3, 3), activation="relu"),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Conv2D(int(64 * scale), kernel_size=(3, 3), activation="relu"),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Flatten(),
        L.Dropout(0.5),
        L.Dense(10, activation="softmax"),
    ])
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


def torch_model(scale: float = 1.0):
    """The same convnet in PyTorch (NCHW; softmax inside the cross-entropy loss)."""
    import torch
    from torch import nn
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    c1, c2 = int(32 * scale), int(64 * scale)
    return nn.Sequential(nn.Conv2d(1, c1, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(c1, c2, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Dropout(0.5), nn.Linear(c2 * 25, 10))


def run_kerasedu(data, epochs, batch_size, scale, max_steps):
    import kerasedu as keras
    x_train, y_train, x_test, y_test = data
    model = kerasedu_model(scale)
    y_onehot = keras.utils.to_categorical(y_train, 10)
    times = _harness.time_keras_fit(model, x_train, y_onehot, epochs, batch_size, max_steps)
    accuracy = model.evaluate(x_test, keras.utils.to_categorical(y_test, 10), verbose=0)[1]
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


def run_numpy(data, epochs, batch_size, scale, max_steps):
    """The hand-written NumPy loop of numpy_convnet.py: shuffled batches, Adam."""
    import time
    import numpy_convnet
    import numpy_reference
    from kerasedu._memory import keep_freed_memory
    keep_freed_memory()          # the allocator setting kerasedu's fit uses: like against like
    x_train, y_train, x_test, y_test = data
    rng = np.random.default_rng(0)
    params = numpy_convnet.init_params(rng, scale)
    adam = numpy_reference.Adam(params)
    steps = _harness.steps_per_epoch(len(x_train), batch_size, max_steps)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(x_train))
        for i in range(0, steps * batch_size, batch_size):
            idx = order[i:i + batch_size]
            _, grads = numpy_convnet.loss_and_grads(params, x_train[idx], y_train[idx], rng)
            adam.step(grads)
        times.append(time.perf_counter() - start)
    accuracy = numpy_convnet.accuracy(params, x_test, y_test)
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


def run_torch(data, epochs, batch_size, scale, max_steps):
    import torch
    model = torch_model(scale)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in data)
    x_train, x_test = x_train.permute(0, 3, 1, 2).contiguous(), x_test.permute(0, 3, 1, 2).contiguous()
    times = _harness.time_torch_loop(model, torch.nn.functional.cross_entropy, x_train, y_train,
                                     epochs, batch_size, max_steps)
    with torch.no_grad():
        accuracy = np.mean([(model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).float().mean().item()
                            for i in range(0, len(x_test), 1000)])
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


CONTENDERS = {"torch": run_torch, "numpy": run_numpy, "kerasedu": run_kerasedu}

if __name__ == "__main__":
    args = _harness.parse(__doc__.splitlines()[0], default_batch=128)
    if args.child:
        _harness.child(CONTENDERS, load_data, args)
    else:
        print(_harness.table(_harness.compare(__file__, CONTENDERS, args)))
