"""IMDB: movie reviews as lists of word ids, labelled positive (1) or negative (0).

Word ids are frequency ranks: id 1 is the most common word ("the"). When
loaded, every id is shifted up by ``index_from`` (3) to keep 0 for padding,
1 for "start of review" and 2 for "word we dropped" (out of vocabulary).

>>> (x_train, y_train), (x_test, y_test) = load_data(num_words=10000)  # doctest: +SKIP
>>> index = {rank + 3: word for word, rank in get_word_index().items()}  # doctest: +SKIP
>>> words = [index.get(i, "?") for i in x_train[0]]  # doctest: +SKIP
"""
from __future__ import annotations

import json
from typing import Dict, List, Optional, Tuple

import numpy as np

from kerasedu.datasets import _word_ids as word_ids
from kerasedu.datasets._safe_pickle import load_npz
from kerasedu.utils.file_utils import get_file

BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
SHA256 = "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f"
WORD_INDEX_MD5 = "bfafd718b763782e994055a2d397834f"  # Keras publishes an md5 for this one

Split = word_ids.Split


def _download_files(path: str = "imdb.npz") -> List[str]:
    return [get_file(fname=path, origin=BASE_URL + "imdb.npz", file_hash=SHA256)]


def _download_word_index(path: str = "imdb_word_index.json") -> str:
    return get_file(fname=path, origin=BASE_URL + "imdb_word_index.json", file_hash=WORD_INDEX_MD5)


def load_data(
    path: str = "imdb.npz",
    num_words: Optional[int] = None,
    skip_top: int = 0,
    maxlen: Optional[int] = None,
    seed: int = 113,
    start_char: Optional[int] = 1,
    oov_char: Optional[int] = 2,
    index_from: int = 3,
) -> Tuple[Split, Split]:
    """Load the IMDB reviews, downloading them the first time.

    The steps, in Keras's order: shuffle train, then test, with one
    ``RandomState(seed)``; put ``start_char`` first and add ``index_from`` to
    every id; drop (not cut) reviews of ``maxlen`` ids or more; replace ids
    outside ``[skip_top, num_words)`` with ``oov_char``.

    Args:
        path: Name of the file in the cache folder.
        num_words: Keep ids below this (about the ``num_words`` most frequent
            words); None or 0 keeps all.
        skip_top: Also replace ids below this, e.g. to drop very common words.
        maxlen: Drop every review whose length (start_char included) is
            ``maxlen`` or more. None keeps all.
        seed: Seed of the shuffle.
        start_char: Id put at the start of every review; None puts nothing.
        oov_char: Id for replaced words; None removes them instead.
        index_from: Added to every word id (0-2 are then free for pad,
            start and oov).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: x are 1-D object arrays of
        Python lists of ints (as in tf.keras; Keras 3 returns plain lists), y
        are integer labels, 1 for positive.

    Raises:
        ValueError: ``maxlen`` is so small that a split has no review left.
    """
    (file,) = _download_files(path)
    data = load_npz(file)  # the reviews are pickled object arrays: load them safely
    rng = np.random.RandomState(seed)
    x_train, y_train = word_ids.shuffled(data["x_train"], data["y_train"], rng)
    x_test, y_test = word_ids.shuffled(data["x_test"], data["y_test"], rng)

    if maxlen:  # a review becomes (start_char +) len(review) ids long
        length = maxlen - (start_char is not None)
        x_train, y_train = word_ids.shorter_than(length, x_train, y_train)
        x_test, y_test = word_ids.shorter_than(length, x_test, y_test)
        if not len(x_train) or not len(x_test):
            raise ValueError(f"No review is shorter than maxlen={maxlen}, so none was kept. "
                             "Pass a larger maxlen (most reviews have 100-500 words), or None.")
    x_train, x_test = word_ids.encode([x_train, x_test], num_words, skip_top, start_char,
                                      oov_char, index_from)
    return (x_train, y_train), (x_test, y_test)


def get_word_index(path: str = "imdb_word_index.json") -> Dict[str, int]:
    """The dict word -> frequency rank used to encode the reviews.

    Rank 1 is the most frequent word. In ``load_data``'s output a word of rank
    ``r`` appears as id ``r + index_from``.

    >>> get_word_index()["the"]  # doctest: +SKIP
    1
    """
    with open(_download_word_index(path), encoding="utf-8") as f:
        return json.load(f)
