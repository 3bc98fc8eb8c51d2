"""Checks for lesson 11, under the hood: gradients by hand, the tape, a custom layer.

    from checks import lesson_11 as check
    check.exercise_1(x, W, b, G, dW, db, dx)

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import numpy as np

from checks import safely, verdict


def _close(a, b) -> bool:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-4, atol=1e-6)


def exercise_1(x, W, b, G, dW, db, dx) -> None:
    """dL/dW, dL/db and dL/dx of y = x @ W + b, given G = dL/dy."""
    def check():
        from kerasedu import Tensor, ops
        tx = Tensor(x, requires_grad=True)
        tw = Tensor(W, requires_grad=True)
        tb = Tensor(b, requires_grad=True)
        ops.dense(tx, tw, tb).backward(np.asarray(G, dtype=np.float32))
        problems = []
        for name, mine, ref, formula in (("dW", dW, tw.grad, "x.T @ G"), ("db", db, tb.grad, "G.sum(axis=0)"),
                                         ("dx", dx, tx.grad, "G @ W.T")):
            mine = np.asarray(mine)
            if mine.shape != ref.shape:
                problems.append(f"{name} has shape {mine.shape} but must have the shape of "
                                f"{name[1:]}, {ref.shape}: {name} = {formula}")
            elif not _close(mine, ref):
                problems.append(f"{name} has the right shape but other values: {name} = {formula}")
        if not problems:
            return verdict(True, "dW = x^T G, db = the column sums of G, dx = G W^T: "
                           "the same numbers as kerasedu's backward.", "")
        return verdict(False, "", "; ".join(problems) + ".")
    safely(check, "pass x, W, b, G and your three gradients as NumPy arrays.")


def exercise_2(logits, labels, dz) -> None:
    """d(mean sparse cross-entropy)/d(logits) for integer labels."""
    def check():
        import kerasedu as keras
        from kerasedu import Tensor
        z = Tensor(logits, requires_grad=True)
        y = np.asarray(labels).astype(int)
        keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, z).backward()
        mine = np.asarray(dz, dtype=np.float64)
        if _close(mine, z.grad):
            return verdict(True, "(softmax(z) - onehot(y)) / N: no division by a probability "
                           "anywhere, which is why the fused form is stable.", "")
        n = len(y)
        if mine.shape != z.shape:
            hint = f"dz has shape {mine.shape}; it must have the shape of the logits, {z.shape}."
        elif _close(mine / n, z.grad):
            hint = "divide by N: the loss is the mean over the samples."
        elif _close(-mine, z.grad):
            hint = "the sign: it is p - onehot, not onehot - p."
        else:
            hint = "p = softmax(z) row by row, then subtract 1 at each sample's true class, then / N."
        return verdict(False, "", hint)
    safely(check, "pass the logits, the labels and your gradient dz (same shape as the logits).")


def exercise_3(layer_class) -> None:
    """A ParametricReLU layer: y = relu(x) - alpha * relu(-x), one alpha per feature,
    made in build(), starting at 0.25; gradients checked by central differences."""
    def check():
        import kerasedu as keras
        layer = layer_class()
        if not isinstance(layer, keras.layers.Layer):
            return verdict(False, "", "the class should subclass keras.layers.Layer.")
        if layer.weights:
            return verdict(False, "", "make alpha in build(self, input_shape), not in __init__: "
                           "the number of features is known only then.")
        x = np.random.default_rng(0).standard_normal((6, 5)).astype(np.float32)
        y = np.asarray(layer(x))
        weights = layer.trainable_weights
        if len(weights) != 1 or tuple(weights[0].shape) != (5,):
            return verdict(False, "", f"expected one trainable weight of shape (5,) for inputs "
                           f"with 5 features, found {[tuple(w.shape) for w in weights]}: "
                           "self.alpha = self.add_weight(shape=(input_shape[-1],), ...).")
        alpha = weights[0]
        if not np.allclose(alpha.numpy(), 0.25):
            return verdict(False, "", "alpha should start at 0.25: initializer=keras.initializers."
                           "Constant(0.25).")

        def reference(a):
            return np.maximum(x, 0) - a * np.maximum(-x, 0)
        if y.shape != x.shape or not np.allclose(y, reference(0.25), atol=1e-6):
            return verdict(False, "", "the output is not relu(x) - alpha * relu(-x): positive "
                           "inputs pass unchanged, negative ones are multiplied by alpha.")
        new_alpha = np.linspace(-0.5, 0.5, 5).astype(np.float32)
        alpha.assign(new_alpha)
        if not np.allclose(np.asarray(layer(x)), reference(new_alpha), atol=1e-6):
            return verdict(False, "", "with other values of alpha the output is wrong: "
                           "use the weight (self.alpha) in call(), one value per feature.")
        errors = keras.utils.check_layer_gradients(layer, x.astype(np.float64), verbose=False)
        worst = max(errors.values())
        if worst > 1e-6:
            return verdict(False, "", f"a gradient disagrees with central differences (relative "
                           f"error {worst:.1e}): build call() from kerasedu.ops or Tensor "
                           "operators, not np.* functions, so that every step is recorded.")
        return verdict(True, "the layer computes the right thing, and its gradients (for x "
                       "and for alpha) pass the central-difference check: you wrote none.", "")
    safely(check, "pass the class itself (ParametricReLU), not an instance.")
