"""Utilities: ``keras.utils.to_categorical``, ``pad_sequences``, ``set_random_seed``, ..."""
from kerasedu.utils.naming import clear_session
from kerasedu.utils.random import set_random_seed
