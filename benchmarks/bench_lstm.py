"""Recurrent layers reading IMDB reviews: kerasedu side by side with PyTorch (CPU).

    python benchmarks/bench_lstm.py [--epochs 2] [--rounds 2] [--batch-size 64] [--max-steps 60]
           [--cells lstm gru simple_rnn] [--lengths 50 100 200 400]

Embedding(10000, 32) -> LSTM(32) (or GRU, SimpleRNN) -> Dense(1, sigmoid), the first 4,000
training reviews cut to their last 100 words, Adam, binary cross-entropy, batch 64 (no
mask: PyTorch's nn.LSTM does not take one). Target: kerasedu <= 1.5x PyTorch's epoch time
for each cell, and a time per epoch that grows linearly with the number of steps (the
second table, LSTM, at 50 ... 400 words).

The contender processes get the cell, the length and the number of reviews through the
environment (BENCH_RNN_CELL, BENCH_RNN_MAXLEN, BENCH_RNN_TRAIN): the shared harness passes
only its own flags on.
"""
from __future__ import annotations

import os
import sys

import _harness

WORDS, UNITS = 10000, 32
CELLS = {"lstm": ("LSTM", "LSTM"), "gru": ("GRU", "GRU"), "simple_rnn": ("SimpleRNN", "RNN")}


def setting() -> tuple[str, int, int]:
    """(cell, maxlen, number of training reviews) for this process."""
    return (os.environ.get("BENCH_RNN_CELL", "lstm"), int(os.environ.get("BENCH_RNN_MAXLEN", "100")),
            int(os.environ.get("BENCH_RNN_TRAIN", "4000")))


def load_data():
    from kerasedu.datasets import imdb
    from kerasedu.utils import pad_sequences
    _, maxlen, n_train = setting()
    (x_train, y_train), (x_test, y_test) = imdb.load_data(num_words=WORDS)
    return (pad_sequences(x_train[:n_train], maxlen=maxlen).astype("int64"),
            y_train[:n_train].astype("float32"),
            pad_sequences(x_test[:2000], maxlen=maxlen).astype("int64"), y_test[:2000].astype("float32"))


def run_kerasedu(data, epochs, batch_size, scale, max_steps):
    import kerasedu as keras
    keras.utils.set_random_seed(0)
    cell, maxlen, _ = setting()
    x_train, y_train, x_test, y_test = data
    recurrent = getattr(keras.layers, CELLS[cell][0])(int(UNITS * scale))
    model = keras.Sequential([keras.Input(shape=(maxlen,), dtype="int32"),
                              keras.layers.Embedding(WORDS, UNITS), recurrent,
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
    cell, _, _ = setting()
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in data)
    units = int(UNITS * scale)

    class Reader(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(WORDS, UNITS)
            self.rnn = getattr(nn, CELLS[cell][1])(UNITS, units, batch_first=True)
            self.out = nn.Linear(units, 1)

        def forward(self, ids):
            outputs, _ = self.rnn(self.embedding(ids))      # (batch, steps, units)
            return self.out(outputs[:, -1]).squeeze(1)      # the last state

    model = Reader()
    times = _harness.time_torch_loop(model, nn.functional.binary_cross_entropy_with_logits, x_train,
                                     y_train, epochs, batch_size, max_steps)
    with torch.no_grad():
        accuracy = ((model(x_test) > 0).float() == y_test).float().mean().item()
    return _harness.result(times, accuracy, len(x_train), batch_size, max_steps)


CONTENDERS = {"torch": run_torch, "kerasedu": run_kerasedu}


def compare_cell(cell: str, maxlen: int, args) -> dict:
    os.environ["BENCH_RNN_CELL"], os.environ["BENCH_RNN_MAXLEN"] = cell, str(maxlen)
    return _harness.compare(__file__, CONTENDERS, args)


def cell_tables(args, cells=tuple(CELLS)) -> str:
    """One table per cell at 100 words: s/epoch, ratio, memory, accuracy."""
    parts = []
    for cell in cells:
        print(f"== {cell}", file=sys.stderr, flush=True)
        parts.append(f"{CELLS[cell][0]}(32):\n\n{_harness.table(compare_cell(cell, 100, args))}\n")
    return "\n".join(parts)


def length_table(args, lengths=(50, 100, 200, 400), cell: str = "lstm") -> str:
    """Seconds per epoch against the number of steps (the same reviews, cut longer)."""
    lines = ["| words (steps) | torch s/epoch | kerasedu s/epoch | kerasedu x torch | "
             "kerasedu ms per step of a batch |", "|---|---|---|---|---|"]
    for maxlen in lengths:
        print(f"== {cell}, {maxlen} words", file=sys.stderr, flush=True)
        results = compare_cell(cell, maxlen, args)
        t_torch, t_ours = (_harness.epoch_time(results[n]) for n in ("torch", "kerasedu"))
        batches = results["kerasedu"][0]["steps"]
        lines.append(f"| {maxlen} | {t_torch:.2f} | {t_ours:.2f} | {t_ours / t_torch:.2f} | "
                     f"{t_ours / batches / maxlen * 1000:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    extra = {"--cells": list(CELLS), "--lengths": ["50", "100", "200", "400"]}
    for flag in list(extra):                      # our own flags, taken out before the harness parses
        if flag in sys.argv:
            at = sys.argv.index(flag)
            end = next((i for i in range(at + 1, len(sys.argv)) if sys.argv[i].startswith("--")),
                       len(sys.argv))
            extra[flag] = sys.argv[at + 1:end]
            del sys.argv[at:end]
    args = _harness.parse(__doc__.splitlines()[0], default_batch=64, default_epochs=2)
    if args.child:
        _harness.child(CONTENDERS, load_data, args)
    else:
        print(cell_tables(args, extra["--cells"]))
        if extra["--lengths"]:
            print("\n" + length_table(args, [int(n) for n in extra["--lengths"]]))
