"""The TensorFlow text-classification model on IMDB: kerasedu side by side with PyTorch.

    python benchmarks/bench_imdb.py [--epochs 3] [--rounds 2] [--batch-size 512]

Embedding(10000, 16) -> GlobalAveragePooling1D -> Dense(16, relu) -> Dense(1, sigmoid),
reviews padded to 256 words, Adam, binary cross-entropy, batch 512. Target
(issue): kerasedu no slower than PyTorch.
"""
from __future__ import annotations

import os

import _harness

MAXLEN, WORDS = 256, 10000


def load_data():
    from kerasedu.datasets import imdb
    from kerasedu.utils import pad_sequences
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=WORDS)
    return (pad_sequences(x_train, maxlen=MAXLEN, padding="post").astype("int64"),
            y_train.astype("float32"),
            pad_sequences(x_test, maxlen=MAXLEN, padding="post").astype("int64"),
            y_test.astype("float32"))


def run_kerasedu(data, epochs, batch_size, scale, max_steps):
    import kerasedu as keras
    keras.utils.set_random_seed(0)
    x_train, y_train, x_test, y_test = data
    model = keras.Sequential([
        keras.Input(shape=(MAXLEN,), dtype="int32"),
        keras.layers.Embedding(WORDS, int(16 * scale)),
        keras.layers.GlobalAveragePooling1D(),
        keras.layers.Dense(int(16 * scale), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
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
    width = int(16 * scale)

    class TextModel(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(WORDS, width)
            self.hidden = nn.Linear(width, width)
            self.out = nn.Linear(width, 1)

        def forward(self, ids):
            h = self.embedding(ids).mean(dim=1)          # GlobalAveragePooling1D
            return self.out(torch.relu(self.hidden(h))).squeeze(1)

    model = TextModel()
    times = _harness.time_torch_loop(model, nn.functional.binary_cross_entropy_with_logits, x_train,
                                     y_train, epochs, batch_size, max_steps)
    with torch.no_grad():
        accuracy = ((model(x_test) > 0).float() == y_test).float().mean().item()
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


CONTENDERS = {"torch": run_torch, "kerasedu": run_kerasedu}

if __name__ == "__main__":
    args = _harness.parse(__doc__.splitlines()[0], default_batch=512, default_epochs=3)
    if args.child:
        _harness.child(CONTENDERS, load_data, args)
    else:
        print(_harness.table(_harness.compare(__file__, CONTENDERS, args)))
