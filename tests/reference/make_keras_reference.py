"""Record what real Keras computes, so kerasedu's tests can compare against it.

Not run by the tests (TensorFlow is not a test dependency). It was run once with
TensorFlow 2.21 / Keras 3.15.1 on the CPU:

    python -m venv /tmp/tfvenv && /tmp/tfvenv/bin/pip install tensorflow-cpu
    /tmp/tfvenv/bin/python tests/reference/make_keras_reference.py

and wrote tests/reference/keras_reference.json. Every input is made from a fixed
formula below, so the kerasedu tests rebuild the same inputs and weights.
"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import builders  # noqa: E402
from builders import arr  # noqa: E402

OUT = Path(__file__).with_name("keras_reference.json")


def mlp():
    return builders.mlp(keras)


def functional():
    return builders.functional(keras)


def optimizer_steps():
    x, y = arr((8, 5), 1.0, 0.5), arr((8, 3), 1.0, 1.5)
    cases = {name: make() for name, make in builders.optimizers(keras).items()}
    result = {}
    for name, opt in cases.items():
        model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(3)])
        model.set_weights([arr((5, 3), 0.4), arr(3, 0.1, 1.0)])
        model.compile(optimizer=opt, loss="mse")
        losses = [float(model.train_on_batch(x, y)) for _ in range(3)]
        result[name] = {"losses": losses, "weights": [w.tolist() for w in model.get_weights()]}
    return result


def loss_values():
    probs = np.abs(arr((4, 3), 1.0)) + 0.1
    probs_unnormalised = probs
    logits = arr((4, 3), 2.0, 1.0)
    onehot = np.eye(3, dtype="float32")[[0, 2, 1, 1]]
    sparse = np.array([0, 2, 1, 1])
    binary_true = np.array([[1.0], [0.0], [1.0], [0.0]], dtype="float32")
    binary_prob = np.array([[0.9], [0.2], [0.4], [1.0]], dtype="float32")
    reg_true, reg_pred = arr((4, 2), 1.0), arr((4, 2), 1.0, 0.7)
    weights = np.array([1.0, 0.5, 2.0, 0.0], dtype="float32")
    L = keras.losses
    return {
        "mse": float(L.MeanSquaredError()(reg_true, reg_pred)),
        "mae": float(L.MeanAbsoluteError()(reg_true, reg_pred)),
        "mse_weighted": float(L.MeanSquaredError()(reg_true, reg_pred, sample_weight=weights)),
        "bce": float(L.BinaryCrossentropy()(binary_true, binary_prob)),
        "bce_logits": float(L.BinaryCrossentropy(from_logits=True)(binary_true, logits[:, :1])),
        "cce_unnormalised": float(L.CategoricalCrossentropy()(onehot, probs_unnormalised)),
        "cce_logits": float(L.CategoricalCrossentropy(from_logits=True)(onehot, logits)),
        "scce": float(L.SparseCategoricalCrossentropy()(sparse, probs / probs.sum(-1, keepdims=True))),
        "scce_logits": float(L.SparseCategoricalCrossentropy(from_logits=True)(sparse, logits)),
        "scce_weighted": float(L.SparseCategoricalCrossentropy(from_logits=True)(sparse, logits, sample_weight=weights)),
    }


def fit_logs():
    """History keys, steps and evaluate's return shape for a small classifier."""
    x, y = arr((50, 4), 1.0), (np.arange(50) % 3)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.2, verbose=0, shuffle=False)
    evaluated = model.evaluate(x, y, verbose=0)
    two_out = functional()
    two_out.compile(optimizer="sgd", loss=["sparse_categorical_crossentropy", "mse"],
                    loss_weights=[1.0, 0.5], metrics=[["accuracy"], ["mae"]])
    a, b = arr((10, 3)), arr((10, 3), 1.0, 2.0)
    logs = two_out.fit([a, b], [np.arange(10) % 2, arr((10, 1))], epochs=1, verbose=0).history
    return {"history_keys": list(history.history), "params": history.params,
            "evaluate_len": len(evaluated), "multi_output_keys": list(logs),
            "multi_output_metrics_names": list(two_out.metrics_names)}


def layer_outputs():
    """Conv, pooling, normalisation and embedding layers on fixed inputs."""
    L = keras.layers
    img = arr((2, 7, 6, 3), 1.0, 0.2)
    out = {}
    cases = {name: (make(), img) for name, make in builders.image_layers(keras).items()}
    for name, (layer, x) in cases.items():
        layer.build(x.shape)
        weights = [arr(w.shape, 0.3, 1.0 + k) for k, w in enumerate(layer.get_weights())]
        if weights:
            layer.set_weights(weights)
        out[name] = {"output": np.asarray(layer(x)).tolist(), "shape": list(np.asarray(layer(x)).shape)}
    # BatchNormalization: one training call updates the moving statistics
    bn = L.BatchNormalization()
    x = arr((6, 3), 2.0, 0.4) + 1.0
    bn.build(x.shape)
    bn.set_weights([arr(3, 0.5, 1.0) + 1.0, arr(3, 0.2, 2.0), arr(3, 0.1, 3.0), np.abs(arr(3, 1.0, 4.0)) + 0.5])
    train_out = np.asarray(bn(x, training=True))
    out["batchnorm"] = {"train_output": train_out.tolist(),
                        "weights_after": [w.tolist() for w in bn.get_weights()],
                        "inference_output": np.asarray(bn(x, training=False)).tolist()}
    # Embedding with mask_zero feeding a masked GlobalAveragePooling1D
    ids = np.array([[3, 1, 0, 0], [2, 4, 4, 1]])
    model = builders.masked_text_model(keras)
    out["embedding_gap1d_masked"] = np.asarray(model(ids)).tolist()
    # the keras.io "simple MNIST convnet": parameter counts per layer
    convnet = builders.convnet(keras)
    out["convnet_params"] = [layer.count_params() for layer in convnet.layers]
    out["convnet_shapes"] = [list(layer.output.shape[1:]) for layer in convnet.layers]
    return out


def main():
    x = arr((5, 6), 1.0, 0.3)
    fa, fb = arr((4, 3), 1.0, 0.1), arr((4, 3), 1.0, 0.9)
    f_out = functional().predict([fa, fb], verbose=0)
    reference = {
        "keras_version": keras.__version__,
        "mlp_predict": mlp().predict(x, verbose=0).tolist(),
        "functional_predict": [o.tolist() for o in f_out],
        "optimizers": optimizer_steps(),
        "losses": loss_values(),
        "fit": fit_logs(),
        "layers": layer_outputs(),
    }
    OUT.write_text(json.dumps(reference, indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
