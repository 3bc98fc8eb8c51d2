"""Checks for lesson 09 (a CNN on CIFAR-10): shapes and parameters by hand, a convnet with
BatchNormalization, per-class accuracy from a confusion matrix.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only. Nothing here depends on the data: the checks pass on real
CIFAR-10 and on the classroom stand-in alike.
"""
from __future__ import annotations

import numpy as np

from checks import safely, verdict


def exercise_1(flatten_size, total_params) -> None:
    """Input(32, 32, 3) -> Conv2D(32, 3, same) -> MaxPool -> Conv2D(64, 3, same) -> MaxPool
    -> Flatten -> Dense(10): the Flatten length and the parameters, by hand."""
    def check():
        side = 32 // 2 // 2                           # "same" keeps 32; each pooling halves: 16, 8
        want_flatten = side * side * 64               # 4096
        conv1 = 3 * 3 * 3 * 32 + 32                   # 896
        conv2 = 3 * 3 * 32 * 64 + 64                  # 18,496
        dense = want_flatten * 10 + 10                # 40,970
        want_total = conv1 + conv2 + dense
        if flatten_size == 6 * 6 * 64:
            return verdict(False, "", "6 x 6 is what 'valid' padding gives (32 -> 30 -> 15 -> 13 "
                                      "-> 6); here both Conv2D use padding='same', so only the "
                                      "poolings shrink the image.")
        if flatten_size == 8 * 8 * 32 or flatten_size == 8 * 8:
            return verdict(False, "", "Flatten multiplies rows x columns x channels, and the "
                                      "last Conv2D has 64 channels.")
        if flatten_size != want_flatten:
            return verdict(False, "", "follow the rows: 'same' keeps 32, the first pooling "
                                      "gives 16, the second 8; then rows x columns x channels.")
        if total_params == conv1 + conv2 + dense - 32 - 64 - 10:
            return verdict(False, "", "you left out the biases: one per filter or unit.")
        if total_params == 3 * 3 * 3 * 32 + 32 + 3 * 3 * 3 * 64 + 64 + dense:
            return verdict(False, "", "the second Conv2D sees 32 input channels, not 3: its "
                                      "kernel is 3 x 3 x 32 x 64.")
        return verdict(total_params == want_total,
                       f"Flatten gives 8*8*64 = {want_flatten:,} numbers; {conv1:,} + "
                       f"{conv2:,} + {dense:,} = {want_total:,} parameters, most of them in "
                       f"the Dense layer.",
                       "Conv2D: kh*kw*in_channels*filters + filters; Dense: inputs*units + "
                       "units; pooling and Flatten: 0. Build the model and call summary() "
                       "to compare.")
    safely(check, "pass two whole numbers.")


_WANTED_2 = [("Conv2D", (None, 32, 32, 16)), ("BatchNormalization", (None, 32, 32, 16)),
             ("Activation", (None, 32, 32, 16)), ("MaxPooling2D", (None, 16, 16, 16)),
             ("Conv2D", (None, 16, 16, 32)), ("BatchNormalization", (None, 16, 16, 32)),
             ("Activation", (None, 16, 16, 32)), ("MaxPooling2D", (None, 8, 8, 32)),
             ("Flatten", (None, 2048)), ("Dropout", (None, 2048)), ("Dense", (None, 10))]


def exercise_2(model) -> None:
    """The convnet with BatchNormalization described in the lesson (built, not trained)."""
    def check():
        import kerasedu as keras
        if not isinstance(model, keras.Model):
            return verdict(False, "", "pass a model: keras.Sequential([...]).")
        if not model.built:
            return verdict(False, "", "start the list with keras.Input(shape=(32, 32, 3)) so "
                                      "the model is built at once.")
        if tuple(model.input_shape) != (None, 32, 32, 3):
            return verdict(False, "", f"the input should be (None, 32, 32, 3); yours is "
                                      f"{model.input_shape}.")
        layers = model.layers
        kinds = [type(layer).__name__ for layer in layers]
        wanted_kinds = [kind for kind, _ in _WANTED_2]
        if kinds != wanted_kinds:
            return verdict(False, "", f"your layers are {kinds}; the exercise asks for "
                                      f"{wanted_kinds}.")
        shape = (None, 32, 32, 3)
        for layer, (kind, wanted) in zip(layers, _WANTED_2):
            shape = tuple(layer.compute_output_shape(shape))     # walk the shapes layer by layer
            if shape != wanted:
                hint = ("use padding='same' and the number of filters asked for"
                        if kind == "Conv2D" else "look at the layers before it")
                return verdict(False, "", f"layer '{layer.name}' ({kind}) outputs {shape}, "
                                          f"expected {wanted}: {hint}.")
        convs = [layer for layer in layers if type(layer).__name__ == "Conv2D"]
        if any(getattr(c.activation, "__name__", "") != "linear" for c in convs):
            return verdict(False, "", "leave the Conv2D without activation: the relu comes "
                                      "after BatchNormalization, as Activation('relu').")
        acts = [layer for layer in layers if type(layer).__name__ == "Activation"]
        if any(getattr(a.activation, "__name__", "") != "relu" for a in acts):
            return verdict(False, "", "the Activation layers should be Activation('relu').")
        dropout, dense = layers[-2], layers[-1]
        if abs(dropout.rate - 0.5) > 1e-9:
            return verdict(False, "", f"Dropout rate {dropout.rate}; the exercise asks for 0.5.")
        if getattr(dense.activation, "__name__", "") != "softmax":
            return verdict(False, "", "the last layer should be Dense(10, activation='softmax').")
        want = (3 * 3 * 3 * 16 + 16) + 4 * 16 + (3 * 3 * 16 * 32 + 32) + 4 * 32 + 2048 * 10 + 10
        non_trainable = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
        return verdict(model.count_params() == want and non_trainable == 2 * 16 + 2 * 32,
                       f"{model.count_params():,} parameters, of which {non_trainable} (the "
                       f"moving means and variances) are not trained by the optimizer.",
                       "the layers are right but the parameter count is not: build a fresh model.")
    safely(check, "pass the Sequential model you built.")


def exercise_3(per_class, matrix) -> None:
    """per_class[i] = the fraction of test images of class i that the model got right."""
    def check():
        counts = np.asarray(matrix, dtype=np.float64)
        if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
            return verdict(False, "", "pass the confusion matrix of the lesson as the second "
                                      "argument.")
        got = np.asarray(per_class, dtype=np.float64).ravel()
        k = len(counts)
        if got.shape != (k,):
            return verdict(False, "", f"one number per class: {k} numbers, not {got.size}.")
        rows = counts.sum(axis=1)
        want = np.diag(counts) / np.maximum(rows, 1)
        by_column = np.diag(counts) / np.maximum(counts.sum(axis=0), 1)
        if np.allclose(got, want * 100):
            return verdict(False, "", "those are percentages: give fractions between 0 and 1.")
        if not np.allclose(got, want) and np.allclose(got, by_column):
            return verdict(False, "", "you divided by the column sums (how many images were "
                                      "PREDICTED as each class); divide by the row sums: how "
                                      "many images each class really has.")
        if np.allclose(got, np.diag(counts)):
            return verdict(False, "", "those are counts of right answers: divide each by the "
                                      "number of test images of that class (its row sum).")
        return verdict(np.allclose(got, want),
                       f"the overall accuracy {np.trace(counts) / counts.sum():.3f} hides a "
                       f"spread from {want.min():.2f} to {want.max():.2f} between classes.",
                       "the diagonal of the matrix holds the right answers of each class "
                       "(np.diag), and a row sum (matrix.sum(axis=1)) is how many test images "
                       "that class has.")
    safely(check, "pass an array of 10 fractions and the confusion matrix.")
