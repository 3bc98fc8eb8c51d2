"""Preparing raw data for a model, as in ``keras.preprocessing``.

>>> from kerasedu.preprocessing.sequence import pad_sequences
>>> pad_sequences([[1, 2], [3]]).tolist()
[[1, 2], [0, 3]]
"""
from kerasedu.preprocessing import sequence

__all__ = ["sequence"]
