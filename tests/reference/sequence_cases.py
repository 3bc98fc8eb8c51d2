"""Sequence layers (recurrent, Conv1D) built the same way for real Keras and for kerasedu
(see make_keras_sequence_reference.py).

Each case is a layer or a small model, weights from ``arr`` (no random numbers),
run on fixed inputs; the tests compare kerasedu's numbers with Keras's.
"""
import numpy as np

from builders import arr

X = arr((2, 5, 3), 1.0, 0.3)                                  # (batch, steps, features)
# sample 0: 3 real steps then padding; sample 1: padding first, as pad_sequences does by default
MASK = np.array([[True, True, True, False, False], [False, True, True, True, True]])


def _weights(layer, seed: float):
    """Weights of the layer's shapes from arr, each with its own offset and scale."""
    return [arr(w.shape, 0.6, seed + i) for i, w in enumerate(layer.weights)]


# name -> (layer class name, layer kwargs, call with the mask?)
LAYER_CASES = {
    "simple_rnn": ("SimpleRNN", {"units": 4}, False),
    "simple_rnn_sequences_backwards": ("SimpleRNN", {"units": 4, "return_sequences": True,
                                                     "go_backwards": True}, False),
    "lstm_state": ("LSTM", {"units": 4, "return_state": True}, False),
    "lstm_sequences_masked": ("LSTM", {"units": 4, "return_sequences": True}, True),
    "lstm_masked_last": ("LSTM", {"units": 4}, True),
    "gru": ("GRU", {"units": 4, "return_sequences": True}, False),
    "gru_masked": ("GRU", {"units": 4}, True),
    "gru_reset_before": ("GRU", {"units": 4, "reset_after": False, "return_sequences": True}, False),
    "bidirectional_concat": ("Bidirectional", {"layer": ("LSTM", {"units": 3, "return_sequences": True})},
                             True),
    "bidirectional_sum_last": ("Bidirectional", {"layer": ("GRU", {"units": 3}), "merge_mode": "sum"},
                               False),
}


def make_layer(keras, class_name: str, kwargs: dict):
    if class_name == "Bidirectional":
        inner_class, inner_kwargs = kwargs["layer"]
        return keras.layers.Bidirectional(make_layer(keras, inner_class, inner_kwargs),
                                          **{k: v for k, v in kwargs.items() if k != "layer"})
    return getattr(keras.layers, class_name)(**kwargs)


def run_layer_case(keras, name: str) -> list:
    """The layer's outputs (a list: one, or the output and the states) on X."""
    class_name, kwargs, masked = LAYER_CASES[name]
    layer = make_layer(keras, class_name, kwargs)
    layer.build((None,) + X.shape[1:])
    layer.set_weights(_weights(layer, 1.0))
    outputs = layer(X, mask=MASK) if masked else layer(X)
    return [keras.ops.convert_to_numpy(o) for o in (outputs if isinstance(outputs, (list, tuple))
                                                    else [outputs])]


IDS = np.array([[0, 0, 3, 7, 2, 9], [4, 1, 8, 8, 5, 6], [0, 0, 0, 0, 2, 3]])   # 0 = padding
LABELS = np.array([[1.0], [0.0], [1.0]], dtype="float32")

TRAINING_CASES = {"embedding_lstm_sgd": "LSTM", "embedding_gru_sgd": "GRU"}


def run_training_case(keras, name: str) -> list:
    """Weights after 3 SGD steps of Embedding(mask_zero) -> recurrent -> Dense(sigmoid)."""
    recurrent = getattr(keras.layers, TRAINING_CASES[name])(4)
    model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Embedding(10, 3, mask_zero=True),
                              recurrent, keras.layers.Dense(1, activation="sigmoid")])
    model.set_weights([arr(w.shape, 0.6, 2.0 + i) for i, w in enumerate(model.weights)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="binary_crossentropy")
    for _ in range(3):
        model.train_on_batch(IDS, LABELS)
    return [np.asarray(w) for w in model.get_weights()]


def run_initial_state_case(keras) -> list:
    """An LSTM decoder started from given states (seq2seq), in the Functional API: its outputs."""
    sequence, h0, c0 = keras.Input(shape=(5, 3)), keras.Input(shape=(4,)), keras.Input(shape=(4,))
    decoder = keras.layers.LSTM(4, return_sequences=True)
    model = keras.Model([sequence, h0, c0], decoder(sequence, initial_state=[h0, c0]))
    model.set_weights(_weights(decoder, 3.0))
    h, c = arr((2, 4), 0.5, 0.1), arr((2, 4), 0.8, 0.2)
    return [np.asarray(model.predict([X, h, c], verbose=0))]


CONV1D_CASES = {
    "valid_strides_2": {"filters": 4, "kernel_size": 3, "strides": 2},
    "same": {"filters": 4, "kernel_size": 2, "padding": "same", "activation": "relu"},
    "causal_dilation_2": {"filters": 4, "kernel_size": 2, "padding": "causal", "dilation_rate": 2},
}


def run_conv1d_case(keras, name: str) -> np.ndarray:
    layer = keras.layers.Conv1D(**CONV1D_CASES[name])
    layer.build((None,) + X.shape[1:])
    layer.set_weights(_weights(layer, 4.0))
    return np.asarray(keras.ops.convert_to_numpy(layer(X)))
