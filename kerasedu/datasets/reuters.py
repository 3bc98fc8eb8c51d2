"""Reuters: 11,228 newswires as lists of word ids, each labelled with one of 46 topics.

The multi-class companion of IMDB (Deep Learning with Python, chapter 4). Word ids
are frequency ranks shifted up by ``index_from`` (3), exactly as in ``imdb``:
0 is padding, 1 "start of text", 2 "a word we dropped".

>>> (x_train, y_train), (x_test, y_test) = load_data(num_words=10000)  # doctest: +SKIP
>>> len(x_train), len(x_test), get_label_names()[y_train[0]]  # doctest: +SKIP
(8982, 2246, 'earn')
"""
from __future__ import annotations

import json
from typing import Dict, List, Optional, Tuple

import numpy as np

from kerasedu.datasets import _word_ids as word_ids
from kerasedu.datasets._safe_pickle import load_npz
from kerasedu.utils.file_utils import get_file

BASE_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
SHA256 = "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916"
WORD_INDEX_MD5 = "4d44cc38712099c9e383dc6e5f11a921"  # Keras publishes an md5 for this one

# the topic of each label, in label order (Keras's keras.datasets.reuters.get_label_names)
LABEL_NAMES = (
    "cocoa", "grain", "veg-oil", "earn", "acq", "wheat", "copper", "housing", "money-supply",
    "coffee", "sugar", "trade", "reserves", "ship", "cotton", "carcass", "crude", "nat-gas",
    "cpi", "money-fx", "interest", "gnp", "meal-feed", "alum", "oilseed", "gold", "tin",
    "strategic-metal", "livestock", "retail", "ipi", "iron-steel", "rubber", "heat", "jobs",
    "lei", "bop", "zinc", "orange", "pet-chem", "dlr", "gas", "silver", "wpi", "hog", "lead",
)


def _download_files(path: str = "reuters.npz") -> List[str]:
    return [get_file(fname=path, origin=BASE_URL + "reuters.npz", file_hash=SHA256)]


def _download_word_index(path: str = "reuters_word_index.json") -> str:
    return get_file(fname=path, origin=BASE_URL + "reuters_word_index.json", file_hash=WORD_INDEX_MD5)


def load_data(
    path: str = "reuters.npz",
    num_words: Optional[int] = None,
    skip_top: int = 0,
    maxlen: Optional[int] = None,
    test_split: float = 0.2,
    seed: int = 113,
    start_char: Optional[int] = 1,
    oov_char: Optional[int] = 2,
    index_from: int = 3,
) -> Tuple[word_ids.Split, word_ids.Split]:
    """Load the Reuters newswires, downloading them the first time.

    The steps, in Keras's order: shuffle all newswires with ``RandomState(seed)``;
    drop (not cut) those of ``maxlen`` ids or more (start_char included); encode
    the ids as ``imdb`` does; then the first ``1 - test_split`` of them are the
    training set.

    Args:
        path: Name of the file in the cache folder.
        num_words: Keep ids below this (about the ``num_words`` most frequent
            words); None or 0 keeps all.
        skip_top: Also replace ids below this, e.g. to drop very common words.
        maxlen: Drop every newswire whose length (start_char included) is
            ``maxlen`` or more. None keeps all.
        test_split: Fraction of the newswires for the test set, in [0, 1).
        seed: Seed of the shuffle.
        start_char: Id put at the start of every newswire; None puts nothing.
        oov_char: Id for replaced words; None removes them instead.
        index_from: Added to every word id (0-2 are then free for pad,
            start and oov).

    Returns:
        ``(x_train, y_train), (x_test, y_test)``: x are 1-D object arrays of
        Python lists of ints, y are integer topics 0-45 (``get_label_names()``).
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"test_split must be a fraction in [0, 1), got test_split={test_split!r}; try 0.2.")
    (file,) = _download_files(path)
    data = load_npz(file)  # the newswires are pickled object arrays: load them safely
    x, y = word_ids.shuffled(data["x"], data["y"], np.random.RandomState(seed))
    if maxlen:
        x, y = word_ids.shorter_than(maxlen - (start_char is not None), x, y)
        if not len(x):
            raise ValueError(f"No newswire is shorter than maxlen={maxlen}, so none was kept. "
                             "Pass a larger maxlen (most have 50-300 words), or None.")
    (x,) = word_ids.encode([x], num_words, skip_top, start_char, oov_char, index_from)
    n_train = int(len(x) * (1 - test_split))
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])


def get_word_index(path: str = "reuters_word_index.json") -> Dict[str, int]:
    """The dict word -> frequency rank used to encode the newswires.

    Rank 1 is the most frequent word. In ``load_data``'s output a word of rank
    ``r`` appears as id ``r + index_from``.
    """
    with open(_download_word_index(path), encoding="utf-8") as f:
        return json.load(f)


def get_label_names() -> Tuple[str, ...]:
    """The 46 topic names, in label order: ``get_label_names()[y_train[0]]``.

    >>> get_label_names()[:4]
    ('cocoa', 'grain', 'veg-oil', 'earn')
    """
    return LABEL_NAMES
