"""Checks for lesson 02 (first model): batches per epoch, accuracy by hand, a deeper model.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import math

import numpy as np

from checks import describe as _describe, safely, verdict


def _loss_name(loss) -> str:
    """'categorical_crossentropy' for a name, a Loss object or a function."""
    if isinstance(loss, str):
        name = loss
    else:
        name = getattr(loss, "name", None) or getattr(loss, "__name__", None) or type(loss).__name__
    return name.lower().replace("_", "")


def exercise_1(steps, n_train, batch_size=32) -> None:
    """How many batches (steps) one epoch over n_train samples takes."""
    def check():
        expected = math.ceil(n_train / batch_size)
        if steps == n_train // batch_size and steps != expected:
            return verdict(False, "", f"{n_train} / {batch_size} is not a whole number: the "
                                      "samples left over make one more, smaller batch. Round up.")
        return verdict(steps == expected,
                       f"{n_train:,} samples in batches of {batch_size}: {expected} steps, the "
                       f"number fit prints as {expected}/{expected}.",
                       f"divide the number of samples ({n_train}) by the batch size "
                       f"({batch_size}) and round up (math.ceil).")
    safely(check, "steps should be a whole number.")


def exercise_2(my_accuracy, predictions, y_true) -> None:
    """The accuracy computed by hand from predict's probabilities."""
    def check():
        probabilities = np.asarray(predictions)
        labels = np.asarray(y_true).reshape(-1)
        correct = np.argmax(probabilities, axis=1) == labels
        expected = float(np.mean(correct))
        value = float(my_accuracy)
        if value == correct.sum() and correct.sum() > 1:
            return verdict(False, "", "that is the number of right answers; divide by how many "
                                      "there are (np.mean does both).")
        return verdict(abs(value - expected) < 1e-6,
                       "the fraction of right answers, the same number evaluate reports.",
                       "the predicted class is np.argmax(predictions, axis=1); compare it with "
                       "the labels (==) and take the mean.")
    safely(check, "my_accuracy should be one number between 0 and 1.")


def exercise_3(model, x_test, y_test) -> None:
    """Flatten -> Dense(64, relu) -> Dense(64, relu) -> Dense(10, softmax), categorical loss, trained."""
    def check():
        described = [_describe(layer) for layer in model.layers]
        wanted = ["Flatten", "Dense(64, relu)", "Dense(64, relu)", "Dense(10, softmax)"]
        if described != wanted:
            return verdict(False, "", f"your layers are {described}; the exercise asks for "
                                      f"{wanted}.")
        if not getattr(model, "compiled", False):
            return verdict(False, "", "compile the model before training it.")
        loss = _loss_name(model.loss)
        if loss != "categoricalcrossentropy":
            return verdict(False, "", f"the loss is {model.loss!r}; with one-hot labels use "
                                      "loss=\"categorical_crossentropy\".")
        accuracy = float(np.mean(np.argmax(model.predict(x_test, verbose=0), axis=1)
                                 == np.asarray(y_test).reshape(-1)))
        return verdict(accuracy >= 0.85,
                       "two hidden layers, one-hot labels, test accuracy 85% or more.",
                       f"the test accuracy is {accuracy:.3f}: did you train it (fit with the "
                       "one-hot labels) for at least one epoch?")
    safely(check, "pass the model, x_test and y_test (integer labels).")
