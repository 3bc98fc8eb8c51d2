"""``keras.preprocessing.sequence``: where older Keras code finds ``pad_sequences``.

It is the same function as ``kerasedu.utils.pad_sequences``.

>>> pad_sequences([[5, 6, 7]], maxlen=2).tolist()
[[6, 7]]
"""
from kerasedu.utils.sequence_utils import pad_sequences

__all__ = ["pad_sequences"]
