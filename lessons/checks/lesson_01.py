"""Checks for lesson 01 (datasets): normalising, one-hot labels, encoding IMDB, padding.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import numpy as np

from checks import safely, verdict


def exercise_1(x_norm, x_raw) -> None:
    """x_norm: x_raw (uint8 pixels 0-255) scaled to [0, 1] as float32."""
    def check():
        x_norm_ = np.asarray(x_norm)
        x_raw_ = np.asarray(x_raw)
        if x_norm_.shape != x_raw_.shape:
            return verdict(False, "", f"the shape changed from {x_raw_.shape} to "
                                      f"{x_norm_.shape}; normalising divides every pixel, "
                                      "it keeps the shape.")
        if x_norm_.max() > 1.0 + 1e-6:
            return verdict(False, "", f"the largest value is {x_norm_.max():g}; divide by 255.0 "
                                      "so that 255 becomes 1.0.")
        if x_norm_.dtype != np.float32:
            return verdict(False, "", f"the dtype is {x_norm_.dtype}; x / 255.0 gives float64 "
                                      "in NumPy: add .astype(\"float32\").")
        ok = np.allclose(x_norm_, x_raw_ / np.float32(255.0), atol=1e-6)
        return verdict(ok,
                       f"{x_norm_.shape} float32, from {x_norm_.min():g} to {x_norm_.max():g}.",
                       "every pixel p should become p / 255 (0 -> 0.0, 255 -> 1.0).")
    safely(check, "pass the normalised array and the original uint8 array.")


def exercise_2(y_onehot, y_labels) -> None:
    """y_onehot: the integer labels y_labels as one-hot rows with 10 columns."""
    def check():
        labels = np.asarray(y_labels).reshape(-1)
        onehot = np.asarray(y_onehot)
        if onehot.shape != (len(labels), 10):
            return verdict(False, "", f"the shape is {onehot.shape}, expected "
                                      f"{(len(labels), 10)}: one row per label, one column per "
                                      "class. Use keras.utils.to_categorical(y, num_classes=10).")
        if not np.array_equal(np.sort(np.unique(onehot)), [0.0, 1.0]) or \
                not np.allclose(onehot.sum(axis=1), 1.0):
            return verdict(False, "", "every row should hold a single 1 and zeros elsewhere.")
        return verdict(np.array_equal(onehot.argmax(axis=1), labels),
                       f"label {labels[0]} became {onehot[0].astype(int).tolist()}.",
                       "the 1 of row i should sit in column y_labels[i]: did you one-hot the "
                       "same labels you passed to the check?")
    safely(check, "pass the one-hot array and the labels it came from.")


def exercise_3(encode_review) -> None:
    """encode_review(text) -> ids as imdb.load_data(num_words=10000) gives them."""
    def check():
        from kerasedu.datasets import imdb
        word_index = imdb.get_word_index()
        words = ["this", "film", "was", "just", "brilliant"]
        ranks = [word_index[w] for w in words]
        expected = [1] + [r + 3 for r in ranks]
        got = encode_review(" ".join(words))
        if isinstance(got, str) or not all(isinstance(i, (int, np.integer)) for i in got):
            return verdict(False, "", f"encode_review should return a list of integers, got "
                                      f"{got!r:.80}.")
        got = list(got)
        if got == ranks or got == [1] + ranks:
            return verdict(False, "", "these are the bare ranks: load_data adds index_from=3 "
                                      "to every rank (\"the\", rank 1, is 4).")
        if got == expected[1:]:
            return verdict(False, "", "a review starts with the number 1 (start of review).")
        if got != expected:
            return verdict(False, "", f"for {' '.join(words)!r} expected {expected}, got {got}.")
        unknown = list(encode_review("this qwxzv film"))
        if unknown != [1, expected[1], 2, expected[2]]:
            return verdict(False, "", f"a word that is not in word_index should become 2; "
                                      f"encode_review('this qwxzv film') gave {unknown}.")
        rare = min((w for w, r in word_index.items() if r + 3 >= 10000), key=word_index.get)
        got_rare = list(encode_review(rare))
        return verdict(got_rare == [1, 2],
                       f"{' '.join(words)!r} -> {expected}.",
                       f"{rare!r} has rank {word_index[rare]}, so its number "
                       f"{word_index[rare] + 3} is outside num_words=10000 and should become 2; "
                       f"got {got_rare}.")
    safely(check, "define encode_review(text) that returns a list of integers.")


def exercise_4(padded) -> None:
    """[[5, 8, 2], [3], [7, 1, 9, 4, 6, 2]] padded to length 4: zeros after, long ones cut at the end."""
    def check():
        got = np.asarray(padded)
        expected = np.array([[5, 8, 2, 0], [3, 0, 0, 0], [7, 1, 9, 4]])
        if got.shape != expected.shape:
            return verdict(False, "", f"the shape is {got.shape}, expected {expected.shape}: "
                                      "pass maxlen=4.")
        if np.array_equal(got[:2], [[0, 5, 8, 2], [0, 0, 0, 3]]):
            return verdict(False, "", "the zeros are in front: padding=\"post\" puts them after.")
        if np.array_equal(got[2], [9, 4, 6, 2]):
            return verdict(False, "", "the long sequence lost its beginning: "
                                      "truncating=\"post\" keeps the first 4 numbers.")
        return verdict(np.array_equal(got, expected),
                       f"padded to 4: {got.tolist()}.",
                       f"expected\n{expected}\nbut got\n{got}")
    safely(check, "pass the array pad_sequences returned.")
