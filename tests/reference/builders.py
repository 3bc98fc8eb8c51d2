"""Inputs and models built the same way for real Keras and for kerasedu.

make_keras_reference.py calls these with ``keras`` (TensorFlow's) to record the
reference values; the tests call them with ``kerasedu`` and compare. Every
number comes from ``arr``: a fixed formula, no random generator.
"""
import numpy as np


def arr(shape, scale=1.0, offset=0.0):
    """A deterministic float32 array: a smooth pattern of the given shape."""
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.37 + offset) * scale).reshape(shape).astype("float32")


def mlp(keras):
    model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    model.set_weights([arr((6, 4), 0.5), arr(4, 0.1, 1.0), arr((4, 3), 0.7, 2.0), arr(3, 0.1, 3.0)])
    return model


def functional(keras):
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(3,), name="b")
    shared = keras.layers.Dense(4, activation="tanh", name="shared")
    h = keras.layers.Concatenate()([shared(a), shared(b)])
    out1 = keras.layers.Dense(2, activation="softmax", name="cls")(h)
    out2 = keras.layers.Dense(1, name="reg")(keras.layers.Add()([shared(a), shared(b)]))
    model = keras.Model([a, b], [out1, out2])
    model.set_weights([arr((3, 4), 0.6), arr(4, 0.1, 1.0), arr((8, 2), 0.5, 2.0), arr(2, 0.1, 3.0),
                       arr((4, 1), 0.5, 4.0), arr(1, 0.1, 5.0)])
    return model


def optimizers(keras):
    """The optimizer settings stepped three times on a Dense(3) regression."""
    O = keras.optimizers
    return {"sgd": lambda: O.SGD(learning_rate=0.1),
            "sgd_momentum": lambda: O.SGD(learning_rate=0.1, momentum=0.9),
            "sgd_nesterov": lambda: O.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
            "adam": lambda: O.Adam(learning_rate=0.01),
            "rmsprop": lambda: O.RMSprop(learning_rate=0.01),
            "adagrad": lambda: O.Adagrad(learning_rate=0.1)}


def image_layers(keras):
    """Conv and pooling layers applied to arr((2, 7, 6, 3), 1.0, 0.2)."""
    L = keras.layers
    return {"conv_valid": lambda: L.Conv2D(4, 3),
            "conv_same_stride2": lambda: L.Conv2D(4, 3, strides=2, padding="same"),
            "conv_same_even_kernel": lambda: L.Conv2D(2, (2, 4), padding="same", activation="relu"),
            "conv_dilated": lambda: L.Conv2D(2, 2, dilation_rate=2),
            "maxpool": lambda: L.MaxPooling2D(),
            "maxpool_same_stride1": lambda: L.MaxPooling2D(3, strides=1, padding="same"),
            "avgpool_same": lambda: L.AveragePooling2D(2, padding="same"),
            "gap2d": lambda: L.GlobalAveragePooling2D()}


def convnet(keras):
    """The keras.io "simple MNIST convnet"."""
    L = keras.layers
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), L.Conv2D(32, 3, activation="relu"),
                             L.MaxPooling2D(2), L.Conv2D(64, 3, activation="relu"), L.MaxPooling2D(2),
                             L.Flatten(), L.Dropout(0.5), L.Dense(10, activation="softmax")])


def masked_text_model(keras):
    model = keras.Sequential([keras.Input(shape=(4,), dtype="int32"),
                              keras.layers.Embedding(5, 3, mask_zero=True),
                              keras.layers.GlobalAveragePooling1D()])
    model.set_weights([arr((5, 3), 1.0, 0.5)])
    return model
