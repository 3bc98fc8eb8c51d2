"""Checks for lesson 06, compile in depth: losses, optimizers, learning rates, metrics.

    from checks import lesson_06 as check
    check.exercise_1(z, y, my_loss)

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import numpy as np

from checks import safely, verdict


def exercise_1(logits, labels, value) -> None:
    """The mean sparse categorical cross-entropy of ``logits`` (N, C) for integer ``labels``."""
    def check():
        import kerasedu as keras
        z = np.asarray(logits, dtype=np.float64)
        y = np.asarray(labels).astype(int)
        reference = float(keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, z))
        v = float(np.asarray(value))
        if np.isclose(v, reference, rtol=1e-4, atol=1e-5):
            return verdict(True, f"{v:.4f}: softmax, pick the probability of the true class, "
                           "-log, then the mean over the samples.", "")
        n = len(y)
        log_p = z - z.max(axis=1, keepdims=True)
        log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        picked = -log_p[np.arange(n), y]
        if np.isclose(v, picked.sum(), rtol=1e-4):
            hint = "that is the sum over the samples; Keras reports the mean."
        elif np.isclose(v, -picked.mean(), rtol=1e-4):
            hint = "the sign: the loss is -log(p), a positive number."
        elif np.isclose(v, float(np.mean(-np.log(np.clip(z[np.arange(n), y], 1e-12, None)))), rtol=1e-4):
            hint = "these are logits, not probabilities: apply softmax first."
        else:
            hint = ("p = exp(z) / exp(z).sum(axis=1, keepdims=True), then "
                    "-np.log(p[np.arange(N), y]).mean().")
        return verdict(False, "", f"you got {v:.4f}, Keras gives {reference:.4f}; {hint}")
    safely(check, "pass the logits, the labels and your loss (one number).")


def exercise_2(w0, g1, g2, learning_rate, w_after) -> None:
    """Two Adam steps (gradients g1 then g2) from w0 with default betas and epsilon."""
    def check():
        import kerasedu as keras
        w = keras.Variable(np.array(w0, dtype=np.float32))
        adam = keras.optimizers.Adam(learning_rate=learning_rate)
        adam.apply([np.asarray(g1, np.float32)], [w])
        after_one = w.numpy().copy()
        adam.apply([np.asarray(g2, np.float32)], [w])
        mine = np.asarray(w_after, dtype=np.float64)
        if mine.shape != w.shape:
            return verdict(False, "", f"w_after has shape {mine.shape}, the weights {w.shape}.")
        if np.allclose(mine, w.numpy(), rtol=1e-5, atol=1e-6):
            return verdict(True, "Two Adam steps by hand agree with keras.optimizers.Adam.", "")
        if np.allclose(mine, after_one, rtol=1e-5, atol=1e-6):
            hint = "that is the weight after the first step only; apply the second gradient too."
        else:
            hint = ("keep m and v from step 1; at step t use lr * sqrt(1 - b2**t) / (1 - b1**t) "
                    "* m / (sqrt(v) + eps), with m = b1*m + (1-b1)*g and v = b2*v + (1-b2)*g**2.")
        return verdict(False, "", hint)
    safely(check, "pass w0, g1, g2, the learning rate and your weights after two steps.")


def exercise_3(learning_rate, x_train, y_train) -> None:
    """A learning rate for SGD that brings the training loss below 0.5 in 3 epochs
    (a fixed small model, the first 2,000 samples, batch size 32)."""
    def check():
        import random

        import kerasedu as keras
        from kerasedu.utils import random as krandom
        lr = float(learning_rate)
        saved = (krandom._rng, np.random.get_state(), random.getstate())  # leave the lesson's seed alone
        try:
            keras.utils.set_random_seed(0)
            model = keras.Sequential([keras.Input(shape=(784,)),
                                      keras.layers.Dense(32, activation="relu"),
                                      keras.layers.Dense(10, activation="softmax")])
            model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr),
                          loss="sparse_categorical_crossentropy")
            x = np.asarray(x_train[:2000], dtype=np.float32).reshape(-1, 784)
            history = model.fit(x, y_train[:2000], epochs=3, batch_size=32, verbose=0)
        finally:
            krandom._rng = saved[0]
            np.random.set_state(saved[1])
            random.setstate(saved[2])
        losses = history.history["loss"]
        last = losses[-1]
        if np.isfinite(last) and last < 0.5:
            return verdict(True, f"learning_rate={lr:g} brings the loss below 0.5 in 3 epochs "
                           "Try x10 and /10 to see both ways of failing.", "")
        steadily_down = all(b < a for a, b in zip(losses, losses[1:]))
        if not np.all(np.isfinite(losses)) or not steadily_down or losses[0] > 2.6:
            hint = (f"with learning_rate={lr:g} the loss went " + " -> ".join(f"{v:.2f}" for v in losses)
                    + ": the steps are too big (the loss jumps up or gets stuck near 2.3, "
                    "the loss of guessing). Try a smaller one (/10).")
        else:
            hint = (f"with learning_rate={lr:g} the loss went {losses[0]:.2f} -> {last:.2f}: "
                    "going the right way, but slowly. Try a bigger one (x10).")
        return verdict(False, "", hint)
    safely(check, "pass a positive number, e.g. check.exercise_3(0.01, x_train, y_train).")


def exercise_4(answers: dict) -> None:
    """Which accuracy 'accuracy' becomes for cases "a", "b" and "c" of the lesson."""
    def check():
        from kerasedu.metrics import resolve_accuracy
        cases = {"a": (np.zeros((8, 1)), (8, 10)),           # a column of class ids, 10 softmax units
                 "b": (np.zeros((8, 10)), (8, 10)),          # one-hot labels, 10 softmax units
                 "c": (np.zeros(8), (8, 1))}                 # 0/1 labels, one sigmoid unit
        names = {"BinaryAccuracy": "binary_accuracy", "CategoricalAccuracy": "categorical_accuracy",
                 "SparseCategoricalAccuracy": "sparse_categorical_accuracy"}
        wrong = []
        for case, (y, shape) in cases.items():
            expected = names[type(resolve_accuracy("accuracy", y, shape)).__name__]
            if str(answers.get(case, "")).strip().lower() != expected:
                wrong.append(case)
        if not wrong:
            return verdict(True, "Keras reads the shapes of labels and predictions to choose.", "")
        return verdict(False, "", f"case(s) {wrong} are not right yet. One output unit means "
                       "binary; labels with one axis fewer than the predictions, or with a last "
                       "axis of size 1, are class ids (sparse); labels shaped like the predictions "
                       "are one-hot (categorical).")
    safely(check, "pass a dict like {'a': 'binary_accuracy', 'b': ..., 'c': ...}.")
