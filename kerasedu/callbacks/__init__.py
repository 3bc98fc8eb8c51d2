"""Keras callbacks: ``from kerasedu.callbacks import EarlyStopping``."""
from kerasedu.callbacks.callback import Callback
from kerasedu.callbacks.callback_list import CallbackList
from kerasedu.callbacks.history import History
from kerasedu.callbacks.lambda_callback import LambdaCallback
from kerasedu.callbacks.progbar_logger import ProgbarLogger
from kerasedu.callbacks.csv_logger import CSVLogger
from kerasedu.callbacks.early_stopping import EarlyStopping
from kerasedu.callbacks.learning_rate_scheduler import LearningRateScheduler
from kerasedu.callbacks.model_checkpoint import ModelCheckpoint
from kerasedu.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau
from kerasedu.callbacks.tensorboard import TensorBoard
from kerasedu.callbacks.terminate_on_nan import TerminateOnNaN
