"""CSVLogger: header, rows, separator, append, flushing each epoch."""
import csv

import pytest

from kerasedu.callbacks import LambdaCallback
from kerasedu.callbacks.csv_logger import CSVLogger

from callback_helpers import data, make_model


def read_rows(path, separator=","):
    with open(path, newline="") as f:
        return list(csv.reader(f, delimiter=separator))


def test_columns_are_epoch_then_sorted_keys(tmp_path):
    x, y = data()
    path = tmp_path / "log.csv"
    history = make_model().fit(x, y, epochs=3, validation_split=0.25, verbose=0,
                               callbacks=[CSVLogger(path)])
    rows = read_rows(path)
    assert rows[0] == ["epoch", "loss", "mae", "val_loss", "val_mae"]
    assert [row[0] for row in rows[1:]] == ["0", "1", "2"]          # 0-based, as Keras
    for key_index, key in enumerate(rows[0][1:], start=1):
        assert [float(row[key_index]) for row in rows[1:]] == history.history[key]


def test_validation_columns_exist_even_without_validation(tmp_path):
    x, y = data()
    path = tmp_path / "log.csv"
    make_model().fit(x, y, epochs=2, verbose=0, callbacks=[CSVLogger(path)])
    rows = read_rows(path)
    assert rows[0] == ["epoch", "loss", "mae", "val_loss", "val_mae"]
    assert rows[1][3:] == ["NA", "NA"]


def test_separator_and_append(tmp_path):
    x, y = data()
    path = tmp_path / "run" / "log.tsv"                  # the folder is created
    model = make_model()
    model.fit(x, y, epochs=2, verbose=0, callbacks=[CSVLogger(path, separator="\t")])
    model.fit(x, y, epochs=3, initial_epoch=2, verbose=0,
              callbacks=[CSVLogger(path, separator="\t", append=True)])
    rows = read_rows(path, "\t")
    assert rows[0][0] == "epoch" and sum(row[0] == "epoch" for row in rows) == 1
    assert [row[0] for row in rows[1:]] == ["0", "1", "2"]
    model.fit(x, y, epochs=1, verbose=0, callbacks=[CSVLogger(path, separator="\t")])
    assert len(read_rows(path, "\t")) == 2                # append=False starts afresh


def test_each_row_is_on_disk_when_the_epoch_ends(tmp_path):
    x, y = data()
    path = tmp_path / "log.csv"
    rows_seen = []
    peek = LambdaCallback(on_epoch_end=lambda epoch, logs: rows_seen.append(len(read_rows(path))))
    make_model().fit(x, y, epochs=3, verbose=0, callbacks=[CSVLogger(path), peek])
    assert rows_seen == [2, 3, 4]                        # header + one row per finished epoch


def test_array_values_are_written_as_lists(tmp_path):
    import numpy as np
    logger = CSVLogger(tmp_path / "log.csv")
    logger.on_train_begin()
    logger.on_epoch_end(0, {"loss": 0.5, "val_loss": 0.6, "per_class": np.array([1, 2])})
    logger.on_train_end()
    assert read_rows(tmp_path / "log.csv")[1] == ["0", "0.5", "[1, 2]", "0.6"]
