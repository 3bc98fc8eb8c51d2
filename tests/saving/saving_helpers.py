"""Models shared by the saving tests (imported by name: tests/saving is on sys.path)."""
import numpy as np

import kerasedu as keras


def make_sequential(optimizer="adam"):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dropout(0.25), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def make_two_in_two_out():
    """Two inputs through one shared Dense, merged, then a regression and a class output."""
    a = keras.Input(shape=(3,), name="left")
    b = keras.Input(shape=(3,), name="right")
    shared = keras.layers.Dense(5, activation="tanh", name="shared")
    merged = keras.layers.Concatenate(name="merge")([shared(a), shared(b)])
    value = keras.layers.Dense(1, name="value")(merged)
    label = keras.layers.Dense(2, activation="softmax", name="label")(merged)
    model = keras.Model(inputs=[a, b], outputs=[value, label], name="two_by_two")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=["mse", "sparse_categorical_crossentropy"], loss_weights=[1.0, 0.5],
                  metrics=[["mae"], ["accuracy"]])
    return model


def assert_same_weights(a, b):
    wa, wb = a.get_weights(), b.get_weights()
    assert len(wa) == len(wb)
    for x, y in zip(wa, wb):
        assert x.dtype == y.dtype == np.float32
        assert np.array_equal(x, y)


def classification_data():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((40, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 1).astype(np.int64)
    return x, y


def two_input_data():
    rng = np.random.default_rng(2)
    left = rng.standard_normal((24, 3)).astype(np.float32)
    right = rng.standard_normal((24, 3)).astype(np.float32)
    value = (left.sum(axis=1, keepdims=True) - right[:, :1]).astype(np.float32)
    label = (left[:, 0] > right[:, 0]).astype(np.int64)
    return [left, right], [value, label]
