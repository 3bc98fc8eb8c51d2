"""Checks for lesson 04, the Functional API.

    from checks import lesson_04 as check
    check.exercise_1(model)

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import numpy as np

from checks import safely, verdict


def _first_problem(problems):
    """The hint of the first (condition, hint) pair whose condition is False, or None."""
    for ok, hint in problems:
        if not ok:
            return hint
    return None


def _shapes(model):
    return [tuple(t.shape) for t in model.inputs], [tuple(t.shape) for t in model.outputs]


def exercise_1(model) -> None:
    """Two inputs "a" (5 numbers) and "b" (3 numbers); two outputs "sum" (1 number)
    and "label" (3 class probabilities)."""
    def check():
        if not hasattr(model, "inputs") or not hasattr(model, "output_names"):
            return verdict(False, "", "build it with keras.Model(inputs=[a, b], outputs=[...]), "
                                      "where a and b come from keras.Input.")
        in_shapes, _ = _shapes(model)
        inputs = dict(zip(model.input_names, in_shapes))
        outputs = dict(zip(model.output_names, [tuple(t.shape) for t in model.outputs]))
        hint = _first_problem([
            (len(model.inputs) == 2, f"the model has {len(model.inputs)} input(s); it needs two: "
                                     "keras.Model(inputs=[a, b], ...)."),
            (set(inputs) == {"a", "b"}, f"the inputs are named {sorted(inputs)}; name them with "
                                        "keras.Input(shape=..., name='a') and name='b'."),
            (inputs.get("a") == (None, 5) and inputs.get("b") == (None, 3),
             f"the input shapes are {inputs}; 'a' should be shape=(5,) and 'b' shape=(3,)."),
            (sorted(outputs) == ["label", "sum"],
             f"the outputs are named {sorted(outputs)}; an output is named after its last "
             "layer: Dense(1, name='sum') and Dense(3, activation='softmax', name='label')."),
            (outputs.get("sum") == (None, 1) and outputs.get("label") == (None, 3),
             f"the output shapes are {outputs}; 'sum' needs 1 unit and 'label' 3 units."),
        ])
        if hint:
            return verdict(False, "", hint)
        rng = np.random.default_rng(0)
        data = {"a": rng.standard_normal((4, 5)), "b": rng.standard_normal((4, 3))}
        pred = model.predict({name: data[name] for name in model.input_names}, verbose=0)
        pred = dict(zip(model.output_names, pred if isinstance(pred, list) else
                        [pred[k] for k in model.output_names]))
        rows_sum_to_one = np.allclose(pred["label"].sum(axis=1), 1.0, atol=1e-4)
        moved = model.predict({"a": data["a"], "b": np.zeros_like(data["b"])}, verbose=0)
        moved = dict(zip(model.output_names, moved if isinstance(moved, list) else
                         [moved[k] for k in model.output_names]))
        uses_b = not np.allclose(moved["sum"], pred["sum"]) or not np.allclose(moved["label"], pred["label"])
        hint = _first_problem([
            (rows_sum_to_one, "'label' gives class probabilities: use activation='softmax'."),
            (uses_b, "the outputs do not change when 'b' changes: merge the two branches, "
                     "e.g. keras.layers.Concatenate()([ha, b]), before the output layers."),
        ])
        return verdict(hint is None, "Two inputs, two outputs, named so that compile, fit and "
                       "the logs can refer to them by name.", hint or "")
    safely(check, "build the graph from keras.Input tensors, then keras.Model(inputs, outputs).")


EXPECTED_KEYS = ["digit_accuracy", "digit_loss", "even_accuracy", "even_loss", "loss",
                 "val_digit_accuracy", "val_digit_loss", "val_even_accuracy", "val_even_loss",
                 "val_loss"]


def exercise_2(keys) -> None:
    """The keys of history.history for outputs 'digit' and 'even', accuracy on both,
    and validation_split=0.2."""
    def check():
        given = set(keys)
        expected = set(EXPECTED_KEYS)
        if given == expected:
            return verdict(True, "The total 'loss', each output's '<name>_loss' and "
                           "'<name>_accuracy', and the same ten numbers again with 'val_'.", "")
        missing, extra = sorted(expected - given), sorted(given - expected)
        if "loss" in missing:
            hint = "the weighted total of the output losses is logged as plain 'loss'."
        elif any(k in extra for k in ("accuracy", "val_accuracy")):
            hint = "with several outputs every metric gets the output's name in front: " \
                   "'digit_accuracy', not 'accuracy'."
        elif missing and all(k.startswith("val_") for k in missing):
            hint = "validation_split adds a 'val_' copy of every key."
        elif any(k.endswith("_loss") for k in missing):
            hint = "each output also logs its own (unweighted) loss: '<output name>_loss'."
        else:
            hint = f"missing {missing}, not expected {extra}."
        return verdict(False, "", hint)
    safely(check, "give a list of strings, e.g. ['loss', 'digit_loss', ...].")


def exercise_3(model) -> None:
    """A siamese model: two (784,) inputs, one sigmoid output, and one layer with
    weights used on both inputs."""
    def check():
        in_shapes, out_shapes = _shapes(model)
        hint = _first_problem([
            (in_shapes == [(None, 784), (None, 784)],
             f"the inputs have shapes {in_shapes}; make two keras.Input(shape=(784,))."),
            (out_shapes == [(None, 1)], f"the outputs have shapes {out_shapes}; end with one "
                                        "Dense(1, activation='sigmoid')."),
        ])
        if hint:
            return verdict(False, "", hint)
        nodes = getattr(model, "_nodes", [])
        calls = {}
        for node in nodes:
            if node.layer.weights:
                calls[id(node.layer)] = (node.layer, calls.get(id(node.layer), (None, 0))[1] + 1)
        shared = [layer for layer, n in calls.values() if n >= 2]
        if not shared:
            return verdict(False, "", "no layer with weights is used twice. Create the Dense "
                           "layer once (encoder = keras.layers.Dense(32, ...)) and call that "
                           "same object on both inputs: encoder(left), encoder(right).")
        rng = np.random.default_rng(1)
        a, b = rng.random((3, 784)), rng.random((3, 784))
        p = np.asarray(model.predict([a, b], verbose=0))
        if not (np.all(p >= 0) and np.all(p <= 1)):
            return verdict(False, "", "the output should be a probability: activation='sigmoid'.")
        n_weights = sum(v.data.size for v in model.trainable_weights)
        layer = shared[0]
        return verdict(True, f"'{layer.name}' is called twice but has one set of weights; the "
                       f"whole model has {n_weights:,} parameters.", "")
    safely(check, "keras.Model(inputs=[left, right], outputs=...) with one Dense "
                         "layer object called on both inputs.")
