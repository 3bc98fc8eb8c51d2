"""TerminateOnNaN: stop as soon as the loss becomes NaN or infinite."""
from __future__ import annotations

import math
from typing import Optional

from kerasedu.callbacks.callback import Callback


class TerminateOnNaN(Callback):
    """After each batch, stop training if the loss is NaN or Inf.

    Once the loss is NaN every later gradient is NaN too, so the weights are
    lost; stopping at once keeps the last good checkpoint meaningful. Usual
    causes: a learning rate that is too large, or NaN in the data.

    Args:
        raise_error: False (default) stops gracefully with
            ``model.stop_training = True`` (``on_train_end`` still runs);
            True raises a RuntimeError at once.

    >>> import kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> callback = TerminateOnNaN()
    >>> callback.set_model(model)
    >>> callback.on_train_batch_end(3, {"loss": float("nan")})
    Batch 3: Invalid loss, terminating training
    >>> model.stop_training
    True
    """

    def __init__(self, raise_error: bool = False):
        super().__init__()
        self.raise_error = raise_error

    def on_train_batch_end(self, batch: int, logs: Optional[dict] = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is None or math.isfinite(float(loss)):
            return
        if self.raise_error:
            raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. Loss value: "
                               f"{loss}. Terminating training immediately.")
        print(f"Batch {batch}: Invalid loss, terminating training")
        self.model.stop_training = True
