"""An LSTM reading IMDB reviews: kerasedu side by side with PyTorch (CPU).

    python benchmarks/bench_lstm.py [--epochs 2] [--rounds 2] [--batch-size 64] [--max-steps 60]

Embedding(10000, 16) -> LSTM(16) -> Dense(1, sigmoid), reviews cut to their last
100 words, Adam, binary cross-entropy, batch 64: lesson 10's recurrent model
(without the mask, which PyTorch's nn.LSTM does not take). No target: the figures
show what a step-by-step Python loop over the tape costs against a compiled LSTM.
"""
from __future__ import annotations

import os

import _harness

MAXLEN, WORDS = 100, 10000


def load_data():
    from kerasedu.datasets import imdb
    from kerasedu.utils import pad_sequences
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=WORDS)
    return (pad_sequences(x_train, maxlen=MAXLEN).astype("int64"), y_train.astype("float32"),
            pad_sequences(x_test[:2000], maxlen=MAXLEN).astype("int64"), y_test[:2000].astype("float32"))


def run_kerasedu(data, epochs, batch_size, scale, max_steps):
    import kerasedu as keras
    keras.utils.set_random_seed(0)
    x_train, y_train, x_test, y_test = data
    units = int(16 * scale)
    model = keras.Sequential([keras.Input(shape=(MAXLEN,), dtype="int32"),
                              keras.layers.Embedding(WORDS, 16), keras.layers.LSTM(units),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    times = _harness.time_keras_fit(model, x_train, y_train, epochs, batch_size, max_steps)
    accuracy = model.evaluate(x_test, y_test, verbose=0)[1]
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


def run_torch(data, epochs, batch_size, scale, max_steps):
    import torch
    from torch import nn
    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in data)
    units = int(16 * scale)

    class Reader(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(WORDS, 16)
            self.lstm = nn.LSTM(16, units, batch_first=True)
            self.out = nn.Linear(units, 1)

        def forward(self, ids):
            _, (h, _) = self.lstm(self.embedding(ids))      # h: (1, batch, units), the last state
            return self.out(h[0]).squeeze(1)

    model = Reader()
    times = _harness.time_torch_loop(model, nn.functional.binary_cross_entropy_with_logits, x_train,
                                     y_train, epochs, batch_size, max_steps)
    with torch.no_grad():
        accuracy = ((model(x_test) > 0).float() == y_test).float().mean().item()
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


CONTENDERS = {"torch": run_torch, "kerasedu": run_kerasedu}

if __name__ == "__main__":
    args = _harness.parse(__doc__.splitlines()[0], default_batch=64, default_epochs=2)
    if args.child:
        _harness.child(CONTENDERS, load_data, args)
    else:
        print(_harness.table(_harness.compare(__file__, CONTENDERS, args)))
