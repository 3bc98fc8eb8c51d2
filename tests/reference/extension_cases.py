"""The extension API's cases, run the same way on real Keras and on kerasedu.

make_keras_extension_reference.py runs them with Keras 3 (JAX backend) and writes
keras_extension_reference.json; tests/layers/test_extension_keras.py runs them
with kerasedu and compares. Every number comes from ``arr`` (a fixed formula).
"""
import numpy as np

from builders import arr

CONV_TRANSPOSE_CASES = {
    "valid_k3_s1": {"filters": 2, "kernel_size": 3},
    "valid_k3_s2": {"filters": 3, "kernel_size": 3, "strides": 2},
    "same_k3_s2": {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"},
    "same_k4_s2": {"filters": 2, "kernel_size": 4, "strides": 2, "padding": "same"},
    "valid_k2_s3": {"filters": 2, "kernel_size": 2, "strides": 3},
    "same_k2x3_s3x1_relu": {"filters": 2, "kernel_size": (2, 3), "strides": (3, 1),
                            "padding": "same", "activation": "relu"},
}
UPSAMPLING_CASES = {
    "nearest_2": {"size": 2},
    "nearest_3x2": {"size": (3, 2)},
    "bilinear_2": {"size": 2, "interpolation": "bilinear"},
    "bilinear_3x2": {"size": (3, 2), "interpolation": "bilinear"},
}
REGULARIZER_CASES = {
    "L1": ("L1", {"l1": 0.03}),
    "L2": ("L2", {"l2": 0.02}),
    "L1L2": ("L1L2", {"l1": 0.01, "l2": 0.05}),
    "orthogonal_rows": ("OrthogonalRegularizer", {"factor": 0.2}),
    "orthogonal_columns": ("OrthogonalRegularizer", {"factor": 0.3, "mode": "columns"}),
}
CONSTRAINT_CASES = {
    "MaxNorm": ("MaxNorm", {"max_value": 0.8}),
    "MaxNorm_axis1": ("MaxNorm", {"max_value": 0.5, "axis": 1}),
    "NonNeg": ("NonNeg", {}),
    "UnitNorm": ("UnitNorm", {}),
    "MinMaxNorm": ("MinMaxNorm", {"min_value": 0.9, "max_value": 1.1, "rate": 0.5}),
}
X = arr((8, 5), 1.0, 0.3)
Y = arr((8, 2), 1.0, 1.7)


def run_conv_transpose_case(keras, name: str) -> np.ndarray:
    layer = keras.layers.Conv2DTranspose(**CONV_TRANSPOSE_CASES[name])
    x = arr((2, 4, 5, 3), 1.0, 0.2)
    layer(x)
    layer.set_weights([arr(w.shape, 0.5, 1.0 + i) for i, w in enumerate(layer.weights)])
    return np.asarray(layer(x))


def run_upsampling_case(keras, name: str) -> np.ndarray:
    return np.asarray(keras.layers.UpSampling2D(**UPSAMPLING_CASES[name])(arr((2, 3, 4, 2), 1.0, 0.4)))


def run_regularizer_case(keras, name: str) -> float:
    cls, kwargs = REGULARIZER_CASES[name]
    w = keras.ops.convert_to_tensor(arr((4, 3), 1.0, 0.5))
    return float(np.asarray(getattr(keras.regularizers, cls)(**kwargs)(w)))


def run_constraint_case(keras, name: str) -> np.ndarray:
    cls, kwargs = CONSTRAINT_CASES[name]
    w = keras.ops.convert_to_tensor(arr((4, 3), 1.0, 0.5))
    return np.asarray(getattr(keras.constraints, cls)(**kwargs)(w))


def _activity_penalty_layer(keras):
    """The guide's ActivityRegularizationLayer: add_loss(0.1 * sum(inputs)) -- here of squares,
    so that the loss stays bounded."""

    class ActivityPenalty(keras.layers.Layer):
        def call(self, inputs):
            self.add_loss(keras.ops.multiply(keras.ops.sum(keras.ops.square(inputs)), 0.01))
            return inputs

    return ActivityPenalty()


def _model(keras, **dense_kwargs):
    model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(4, activation="tanh", **dense_kwargs),
                              _activity_penalty_layer(keras), keras.layers.Dense(2)])
    model.set_weights([arr(w.shape, 0.6, 0.5 + i) for i, w in enumerate(model.weights)])
    return model


def run_fit_case(keras, name: str) -> dict:
    """Three epochs of SGD, no shuffling: the losses logged and the final weights."""
    if name == "add_loss":
        model = _model(keras)
    elif name == "kernel_l2_bias_l1_activity_l2":
        model = _model(keras, kernel_regularizer=keras.regularizers.L2(0.05),
                       bias_regularizer="l1", activity_regularizer=keras.regularizers.L2(0.02))
    elif name == "max_norm_non_neg":
        model = _model(keras, kernel_constraint=keras.constraints.MaxNorm(0.7),
                       bias_constraint=keras.constraints.NonNeg())
    else:
        raise KeyError(name)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    history = model.fit(X, Y, batch_size=4, epochs=3, shuffle=False, verbose=0,
                        validation_data=(X[:3], Y[:3]))
    return {"loss": history.history["loss"], "val_loss": history.history["val_loss"],
            "weights": [np.asarray(w).tolist() for w in model.get_weights()],
            "evaluate": float(model.evaluate(X, Y, verbose=0)),
            "losses_after_call": [float(np.asarray(l)) for l in _losses_of_call(model)]}


def _losses_of_call(model):
    model(X[:2])
    return model.losses


FIT_CASES = ["add_loss", "kernel_l2_bias_l1_activity_l2", "max_norm_non_neg"]
