"""Small real models and data for the callback tests (tests/callbacks is on sys.path)."""
import numpy as np

import kerasedu as keras


def data():
    """32 samples of a noisy linear target: x (32, 4) -> y (32, 1)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((32, 4)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5], [0.0]], dtype=np.float32)
         + 0.1 * rng.standard_normal((32, 1)).astype(np.float32))
    return x, y


def make_model(optimizer="sgd"):
    """A compiled Dense regression model; pass an optimizer to choose it."""
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])
    return model
