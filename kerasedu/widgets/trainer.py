"""What one playground run does: build the model from the settings, train, obey Stop.

The model is ordinary Keras code, the same a learner would write by hand:

    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
"""
from __future__ import annotations

import threading
from typing import Callable

from kerasedu.callbacks.callback import Callback


def build_model(settings: dict, input_shape: tuple, num_classes: int):
    """A compiled MLP: hidden Dense layers (with optional Dropout) and a softmax output.

    >>> model = build_model({"hidden_layers": 2, "units": 8, "activation": "tanh",
    ...                      "dropout": 0.0, "optimizer": "sgd", "learning_rate": 0.1},
    ...                     input_shape=(2,), num_classes=3)
    >>> [(layer.name, layer.units) for layer in model.layers]
    [('hidden_1', 8), ('hidden_2', 8), ('output', 3)]
    >>> model.optimizer.learning_rate
    0.1
    """
    from kerasedu import layers, optimizers
    from kerasedu.layers import Input
    from kerasedu.models import Sequential

    stack = [Input(shape=input_shape, name="input")]
    if len(input_shape) > 1:
        stack.append(layers.Flatten(name="flatten"))       # (28, 28) images -> 784 numbers
    for i in range(int(settings["hidden_layers"])):
        stack.append(layers.Dense(int(settings["units"]), activation=settings["activation"],
                                  name=f"hidden_{i + 1}"))
        if settings.get("dropout", 0.0) > 0:
            stack.append(layers.Dropout(float(settings["dropout"]), name=f"dropout_{i + 1}"))
    stack.append(layers.Dense(num_classes, activation="softmax", name="output"))
    model = Sequential(stack, name="playground_model")
    optimizer = optimizers.get(settings["optimizer"])
    optimizer.learning_rate = float(settings["learning_rate"])
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


class PlaygroundCallback(Callback):
    """Between batches: obey Stop, keep the run's history, report progress.

    Stop is a ``threading.Event`` set by the button (in the kernel's main
    thread); this callback reads it after every batch (in the training
    thread) and sets ``model.stop_training``, which ``fit`` checks right
    after. Only this flag crosses threads: the model is touched by the
    training thread alone.

    Args:
        stop_event: set it to stop training after the current batch.
        history: a dict to fill with the epoch logs as they come.
        report: called as ``report(kind, x, logs)``, kind "batch" or "epoch",
            x the position in epochs (e.g. 2.5 = half-way through the 3rd).
        update_every: report every this many batches.
    """

    def __init__(self, stop_event: threading.Event, history: dict,
                 report: Callable[[str, float, dict], None], update_every: int = 20):
        super().__init__()
        self.stop_event = stop_event
        self.history = history
        self.report = report
        self.update_every = update_every
        self.stopped = False
        self._epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        if self.stop_event.is_set():
            self.model.stop_training = True      # fit ends after this batch
            self.stopped = True
            return
        if self.update_every and (batch + 1) % self.update_every == 0:
            steps = self.params.get("steps") or (batch + 1)
            self.report("batch", self._epoch + (batch + 1) / steps, dict(logs or {}))

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(float(value))
        self.report("epoch", epoch + 1, dict(logs or {}))
