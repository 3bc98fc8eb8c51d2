"""Checks for lesson 00 (welcome): reading the source, a tiny model, reading a History.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import inspect
import re

import numpy as np

from checks import describe as _describe, safely, verdict


def exercise_1(op_name) -> None:
    """The op Dense.call uses to compute x @ W + b (read in its source)."""
    def check():
        import kerasedu as keras
        source = inspect.getsource(keras.layers.Dense.call)
        expected = re.search(r"ops\.(\w+)\(", source).group(1)
        given = str(op_name).strip().split(".")[-1].rstrip("()")
        return verdict(
            given == expected,
            f"Dense.call computes x @ W + b with ops.{expected}. Its forward and backward are "
            f"in kerasedu/ops/: try print(inspect.getsource(keras.ops.{expected})).",
            "run print(inspect.getsource(keras.layers.Dense.call)) and look for "
            "ops.<name>(...); write that name as a string, e.g. op_name = \"matmul\".")
    safely(check, "op_name should be a string such as \"matmul\".")


def exercise_2(model, history) -> None:
    """A Sequential model Dense(8, relu) -> Dense(1, sigmoid), trained to >= 85% accuracy."""
    def check():
        import kerasedu as keras
        if not isinstance(model, keras.Sequential):
            return verdict(False, "", "make the model with keras.Sequential([...]).")
        layers = model.layers
        described = [_describe(layer) for layer in layers]
        if described != ["Dense(8, relu)", "Dense(1, sigmoid)"]:
            return verdict(False, "", f"your model's layers are {described}; the exercise asks "
                                      "for Dense(8, activation=\"relu\") then "
                                      "Dense(1, activation=\"sigmoid\").")
        if model.input_shape != (None, 2):
            return verdict(False, "", f"the model's input shape is {model.input_shape}; each "
                                      "point has 2 numbers: keras.Input(shape=(2,)).")
        if not hasattr(history, "history") or "accuracy" not in history.history:
            return verdict(False, "", "pass the History that model.fit(...) returns, and "
                                      "compile with metrics=[\"accuracy\"].")
        accuracy = history.history["accuracy"][-1]
        return verdict(accuracy >= 0.85,
                       f"{model.count_params()} weights learned to tell inside from outside "
                       "(final accuracy 85% or more).",
                       f"the final accuracy is {accuracy:.2f}; train for more epochs "
                       "(e.g. epochs=100) and run the cell again.")
    safely(check, "build the model, compile it, and pass model and history.")


def exercise_3(best_epoch, history) -> None:
    """The epoch (counted from 1) with the lowest training loss."""
    def check():
        losses = history.history["loss"]
        expected = int(np.argmin(losses)) + 1
        if best_epoch == expected - 1:
            return verdict(False, "", "Python counts from 0 but epochs are counted from 1 "
                                      "(as fit prints 'Epoch 1/...'): add 1.")
        return verdict(best_epoch == expected,
                       f"the loss was lowest after epoch {expected}.",
                       "np.argmin(history.history[\"loss\"]) gives the position of the "
                       "smallest loss; epochs are counted from 1.")
    safely(check, "best_epoch should be a whole number, history the History from fit.")
