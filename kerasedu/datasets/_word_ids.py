"""What imdb and reuters share: texts stored as lists of word ranks, encoded as Keras does.

A word's rank is its place in the frequency list: rank 1 is the most common word.
Loading shifts every rank up by ``index_from`` (3), which frees three ids:
0 for padding, 1 for "start of text" (``start_char``) and 2 for "a word we dropped"
(``oov_char``, out of vocabulary).

>>> encode([np.array([[1, 2], [9]], dtype=object)], num_words=6, skip_top=0,
...        start_char=1, oov_char=2, index_from=3)[0].tolist()
[[1, 4, 5], [1, 2]]
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import numpy as np

Split = Tuple[np.ndarray, np.ndarray]


def shuffled(x: np.ndarray, y: np.ndarray, rng: np.random.RandomState) -> Split:
    """x and y in one random order (Keras's: ``rng.shuffle`` of the indices)."""
    order = np.arange(len(x))
    rng.shuffle(order)
    return x[order], y[order]


def shorter_than(length: int, x: np.ndarray, y: np.ndarray) -> Split:
    """Only the texts of fewer than ``length`` words, with their labels."""
    keep = np.array([len(text) < length for text in x], dtype=bool)
    return x[keep], y[keep]


def object_array(sequences: List[List[int]]) -> np.ndarray:
    """A 1-D array of lists. (np.array would make a 2-D array if all lengths agree.)"""
    out = np.empty(len(sequences), dtype=object)
    for i, sequence in enumerate(sequences):
        out[i] = sequence
    return out


def encode(splits: Sequence[np.ndarray], num_words: Optional[int], skip_top: int,
           start_char: Optional[int], oov_char: Optional[int], index_from: int) -> List[np.ndarray]:
    """Each text as Keras gives it: ``start_char``, then every rank + ``index_from``,
    with ids outside ``[skip_top, num_words)`` replaced by ``oov_char`` (or dropped if None).

    ``num_words`` None or 0 keeps every word: it becomes the largest id over all splits,
    which is itself outside the range and so becomes ``oov_char``, as in Keras.
    """
    head = [] if start_char is None else [start_char]
    if not num_words:   # the largest id there is, over all splits, start_char included
        largest = max(max(text, default=0) for split in splits for text in split) + index_from
        num_words = max(head + [largest])

    # Keep ids in [skip_top, num_words) once index_from is added. Testing the raw
    # rank against bounds shifted down by index_from gives the same answer, in one pass.
    low, high = skip_top - index_from, num_words - index_from
    if oov_char is None:  # drop the ids outside
        start = [c for c in head if skip_top <= c < num_words]

        def encode_one(text: List[int]) -> List[int]:
            return start + [w + index_from for w in text if low <= w < high]
    else:                 # replace them with oov_char
        start = [c if skip_top <= c < num_words else oov_char for c in head]

        def encode_one(text: List[int]) -> List[int]:
            return start + [w + index_from if low <= w < high else oov_char for w in text]

    return [object_array([encode_one(text) for text in split]) for split in splits]
