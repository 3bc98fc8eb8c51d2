"""Keras callbacks: ``from kerasedu.callbacks import EarlyStopping``."""
from kerasedu.callbacks.callback import Callback
from kerasedu.callbacks.callback_list import CallbackList
from kerasedu.callbacks.history import History
from kerasedu.callbacks.lambda_callback import LambdaCallback
from kerasedu.callbacks.progbar_logger import ProgbarLogger
