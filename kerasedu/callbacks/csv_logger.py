"""CSVLogger: one row per epoch in a CSV file, for a spreadsheet or pandas."""
from __future__ import annotations

import csv
import os
from typing import Optional, Union

import numpy as np

from kerasedu.callbacks.callback import Callback


class CSVLogger(Callback):
    """Write ``epoch`` and the logs of each epoch to a CSV file.

    Columns: ``epoch`` (0-based, as Keras), then the log keys in alphabetical
    order, fixed by the first epoch. As in Keras, when the first epoch has no
    validation keys, ``val_<key>`` columns are added anyway (filled with "NA"
    until validation runs). Each row is flushed to disk at once, so the file
    can be watched (``tail -f``, ``pandas.read_csv``) while the model trains.

    Args:
        filename: the CSV file, e.g. "run/log.csv" (its folder is created).
        separator: the string between fields.
        append: True continues an existing file (resuming training) without
            repeating the header; False starts the file afresh.

    >>> import numpy as np, tempfile, os, kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> path = os.path.join(tempfile.mkdtemp(), "log.csv")
    >>> _ = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0,
    ...               callbacks=[CSVLogger(path)])
    >>> open(path).read().splitlines()[0]
    'epoch,loss,val_loss'
    """

    def __init__(self, filename: Union[str, os.PathLike], separator: str = ",",
                 append: bool = False):
        super().__init__()
        self.filename = os.fspath(filename)
        self.sep = separator
        self.append = append
        self.keys: Optional[list[str]] = None
        self.writer = None
        self.csv_file = None
        self.append_header = True

    def on_train_begin(self, logs: Optional[dict] = None) -> None:
        folder = os.path.dirname(self.filename)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if self.append and os.path.exists(self.filename):
            with open(self.filename, encoding="utf-8") as existing:
                self.append_header = not existing.readline()    # an empty file needs one
        else:
            self.append_header = True
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.csv_file = open(self.filename, "a" if self.append else "w",
                             newline="", encoding="utf-8")
        self.writer, self.keys = None, None

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs)
            if self.keys and not any(key.startswith("val_") for key in self.keys):
                self.keys += ["val_" + key for key in self.keys]
        if self.writer is None:
            class Dialect(csv.excel):
                delimiter = self.sep
            self.writer = csv.DictWriter(self.csv_file, fieldnames=["epoch"] + self.keys,
                                         dialect=Dialect)
            if self.append_header:
                self.writer.writeheader()
        row = {"epoch": epoch}
        row.update((key, _cell(logs.get(key, "NA"))) for key in self.keys)
        self.writer.writerow(row)
        self.csv_file.flush()

    def on_train_end(self, logs: Optional[dict] = None) -> None:
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.writer = None


def _cell(value):
    """Numbers as they are; a 1-D array as the text "[a, b, c]".

    (Keras adds its own quotes around that text, so pandas reads '"[a, b, c]"';
    the csv module already quotes fields that hold the separator, so we don't.)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if isinstance(value, (list, tuple, np.ndarray)):
        return f"[{', '.join(map(str, value))}]"
    return value
