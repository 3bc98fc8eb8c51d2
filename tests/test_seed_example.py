"""The README's example, exactly as a learner runs it, on the real MNIST data."""
import os

import pytest

import kerasedu as keras
from kerasedu.datasets import mnist

pytestmark = pytest.mark.skipif(not os.environ.get("KERASEDU_DATA_MIRROR"),
                                reason="needs the MNIST file: set KERASEDU_DATA_MIRROR (CI does)")


def test_seed_example_reaches_97_5_percent_on_mnist(tmp_path, monkeypatch):
    monkeypatch.setenv("KERASEDU_HOME", str(tmp_path))     # a fresh cache, filled from the mirror
    keras.utils.set_random_seed(0)
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0

    model = keras.Sequential([
        keras.layers.Flatten(input_shape=(28, 28)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=5, verbose=0)
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)

    assert history.history["loss"] == sorted(history.history["loss"], reverse=True)  # falls each epoch
    assert accuracy >= 0.975, f"test accuracy {accuracy:.4f}"
