"""Checks for lesson 03 (Sequential): counting parameters, add(), freezing, set_weights.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import numpy as np

from checks import describe as _describe, safely, verdict


def exercise_1(my_count) -> None:
    """Parameters of Flatten(28, 28) -> Dense(64) -> Dense(32) -> Dense(10), by hand."""
    def check():
        sizes = [784, 64, 32, 10]
        kernels = sum(a * b for a, b in zip(sizes, sizes[1:]))
        biases = sum(sizes[1:])
        if my_count == kernels:
            return verdict(False, "", "you counted the kernels only: each Dense also has one "
                                      "bias per unit.")
        return verdict(my_count == kernels + biases,
                       f"{kernels:,} kernel entries + {biases} biases = {kernels + biases:,}.",
                       "a Dense layer with n inputs and u units has n * u + u parameters; "
                       "Flatten gives 28 * 28 = 784 inputs and has none of its own.")
    safely(check, "my_count should be a whole number.")


def exercise_2(model) -> None:
    """Built with add(): Input(28, 28) -> Flatten -> Dense(32, relu) -> Dense(10, softmax)."""
    def check():
        import kerasedu as keras
        if not isinstance(model, keras.Sequential):
            return verdict(False, "", "start with model = keras.Sequential() and add layers.")
        described = [_describe(layer) for layer in model.layers]
        wanted = ["Flatten", "Dense(32, relu)", "Dense(10, softmax)"]
        if described != wanted:
            return verdict(False, "", f"your layers are {described}; the exercise asks for "
                                      f"{wanted} (the Input is not listed in model.layers).")
        if not model.built or model.input_shape != (None, 28, 28):
            return verdict(False, "", "add keras.Input(shape=(28, 28)) first, so the model is "
                                      "built at once.")
        return verdict(model.count_params() == 784 * 32 + 32 + 32 * 10 + 10,
                       f"built at once, {model.count_params():,} parameters.",
                       "count_params() does not match the layers: build a fresh model.")
    safely(check, "pass the Sequential model you built.")


def exercise_3(model) -> None:
    """The model of exercise 2 with its first Dense frozen."""
    def check():
        dense = [layer for layer in model.layers if type(layer).__name__ == "Dense"]
        if len(dense) != 2:
            return verdict(False, "", "pass the model of exercise 2 (two Dense layers).")
        first, last = dense
        if first.trainable:
            return verdict(False, "", f"layer '{first.name}' is still trainable: "
                                      "set its .trainable to False.")
        if not last.trainable:
            return verdict(False, "", f"only the first Dense should be frozen; set "
                                      f"{last.name}.trainable = True again.")
        trainable = sum(int(np.prod(v.shape)) for v in model.trainable_weights)
        return verdict(trainable == last.count_params(),
                       f"{trainable:,} trainable, {model.count_params() - trainable:,} frozen.",
                       "freeze the Dense layer itself, not the whole model.")
    safely(check, "pass the model of exercise 2.")


def exercise_4(model, x) -> None:
    """The last layer's kernel and bias set to zeros with set_weights: every class 0.1."""
    def check():
        last = model.layers[-1]
        weights = last.get_weights()
        if any(np.any(w != 0) for w in weights):
            return verdict(False, "", f"layer '{last.name}' still has non-zero weights: "
                                      "set_weights([np.zeros(...), np.zeros(...)]) with its "
                                      "kernel's and bias's shapes.")
        others = [w for layer in model.layers[:-1] for w in layer.get_weights()]
        if others and all(np.all(w == 0) for w in others):
            return verdict(False, "", "only the last layer should be zero.")
        probabilities = model.predict(x, verbose=0)
        return verdict(np.allclose(probabilities, 0.1, atol=1e-6),
                       "every output is softmax(0, ..., 0) = 1/10: with no weights, the model "
                       "has no preference at all.",
                       "the predictions are not all 0.1: is the last layer Dense(10, softmax)?")
    safely(check, "pass the model and a few images.")
