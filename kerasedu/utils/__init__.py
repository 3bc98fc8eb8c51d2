"""Utilities: ``keras.utils.to_categorical``, ``pad_sequences``, ``set_random_seed``, ..."""
from kerasedu.utils.file_utils import get_file
from kerasedu.utils.gradient_check import check_gradients, check_layer_gradients
from kerasedu.utils.naming import clear_session
from kerasedu.utils.numerical_utils import to_categorical
from kerasedu.utils.random import set_random_seed
from kerasedu.utils.sequence_utils import pad_sequences

__all__ = ["check_gradients", "check_layer_gradients", "clear_session", "get_file",
           "pad_sequences", "set_random_seed", "to_categorical"]
