"""ModelCheckpoint: save the model (or its weights) while it trains."""
from __future__ import annotations

import os
import warnings
from typing import Optional, Union

from kerasedu.callbacks._monitor import (check_mode, initial_best, is_improvement, monitored_number,
                                          resolve_mode)
from kerasedu.callbacks.callback import Callback


class ModelCheckpoint(Callback):
    """Save the model at the end of every epoch (or every ``save_freq`` batches).

    The file name may hold placeholders filled from the epoch (1-based) and the
    logs: ``"ckpt/{epoch:02d}-{val_loss:.2f}.keras"`` -> ``ckpt/03-0.41.keras``.
    Missing folders are created. Every file is written under a temporary name
    and renamed when complete, so a crash never leaves half a checkpoint.

    File names, as Keras 3 demands:

    * full model (default): ``.keras``, a zip that ``keras.models.load_model``
      reads back with the optimizer state, ready to continue training.
    * ``save_weights_only=True``: ``.weights.h5``. kerasedu keeps the name for
      Keras compatibility of your code, but the file inside is NumPy ``.npz``
      data in a zip, not HDF5: real Keras cannot read it (move weights between
      kerasedu and Keras with ``get_weights()`` / ``set_weights()``).

    Args:
        filepath: where to save; may contain ``{epoch}``, ``{batch}`` and log keys.
        monitor: the log key that decides what "best" means.
        verbose: 1 prints a line each time it saves (or declines to).
        save_best_only: save only when ``monitor`` improved (the first epoch
            always does). Without placeholders the same file is overwritten by
            each better model.
        save_weights_only: save only the weights (``model.save_weights``).
        mode: "min", "max" or "auto" (decided from the name of ``monitor``).
        save_freq: "epoch", or an integer N to save every N batches.
        initial_value_threshold: the value to beat before the first save.

    >>> import numpy as np, tempfile, os, kerasedu as keras
    >>> model = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))])
    >>> model.compile(optimizer="sgd", loss="mse")
    >>> folder = tempfile.mkdtemp()
    >>> checkpoint = ModelCheckpoint(os.path.join(folder, "m-{epoch:02d}.keras"), monitor="loss")
    >>> _ = model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=2, verbose=0,
    ...               callbacks=[checkpoint])
    >>> sorted(os.listdir(folder))
    ['m-01.keras', 'm-02.keras']
    """

    def __init__(self, filepath: Union[str, os.PathLike], monitor: str = "val_loss",
                 verbose: int = 0, save_best_only: bool = False, save_weights_only: bool = False,
                 mode: str = "auto", save_freq: Union[str, int] = "epoch",
                 initial_value_threshold: Optional[float] = None):
        super().__init__()
        self.filepath = os.fspath(filepath)
        self.monitor = monitor
        self.verbose = verbose
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.mode = check_mode(mode, "ModelCheckpoint")
        self.save_freq = save_freq
        self.best = initial_value_threshold
        self._direction: Optional[str] = None
        self._current_epoch = 0
        self._batches_since_save = 0
        if save_freq != "epoch" and (not isinstance(save_freq, int) or isinstance(save_freq, bool)
                                     or save_freq <= 0):
            raise ValueError(f"Unrecognized save_freq: {save_freq!r}. Expected save_freq are "
                             f"'epoch' or a positive integer (save every N batches).")
        _check_extension(self.filepath, save_weights_only)

    # ---- when to save ----------------------------------------------------------
    def on_epoch_begin(self, epoch: int, logs: Optional[dict] = None) -> None:
        self._current_epoch = epoch

    def on_train_batch_end(self, batch: int, logs: Optional[dict] = None) -> None:
        if self.save_freq == "epoch":
            return
        self._batches_since_save += 1
        if self._batches_since_save >= self.save_freq:
            self._batches_since_save = 0
            self._save(self._current_epoch, batch, logs)

    def on_epoch_end(self, epoch: int, logs: Optional[dict] = None) -> None:
        if self.save_freq == "epoch":
            self._save(epoch, None, logs)

    # ---- saving -------------------------------------------------------------------
    def _save(self, epoch: int, batch: Optional[int], logs: Optional[dict]) -> None:
        logs = logs or {}
        if self._direction is None and self.save_best_only:   # only "best" needs a direction
            self._direction = resolve_mode(self.monitor, self.mode, self.model, "ModelCheckpoint")
            if self.best is None:
                self.best = initial_best(self._direction)
        filepath = self._format_path(epoch, batch, logs)
        if not self._should_save(epoch, logs, filepath):
            return
        folder = os.path.dirname(filepath)
        if folder:
            os.makedirs(folder, exist_ok=True)
        if os.path.isdir(filepath):
            raise IsADirectoryError(f"Please specify a non-directory filepath for "
                                    f"ModelCheckpoint. Filepath used is an existing directory: "
                                    f"{filepath}")
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)

    def _should_save(self, epoch: int, logs: dict, filepath: str) -> bool:
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            # Keras 3 warns and saves anyway: better a checkpoint than none
            warnings.warn(f"Can save best model only with {self.monitor} available.",
                          stacklevel=3)
            return True
        current = monitored_number(current, self.monitor, "ModelCheckpoint")
        if is_improvement(current, self.best, self._direction, 0.0):
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {self.best:.5f} to "
                      f"{current:.5f}, saving model to {filepath}")
            self.best = current
            return True
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {self.best:.5f}")
        return False

    def _format_path(self, epoch: int, batch: Optional[int], logs: dict) -> str:
        """Fill ``{epoch}``, ``{batch}`` (both 1-based) and log keys into the file name."""
        values = dict(logs)
        if batch is not None and "batch" not in values:
            values["batch"] = batch + 1
        try:
            return self.filepath.format(epoch=epoch + 1, **values)
        except (KeyError, IndexError, ValueError) as error:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". '
                           f"Reason: {error!r}. The placeholders can be epoch, batch and the "
                           f"log keys {sorted(logs)}.") from error


def _check_extension(filepath: str, save_weights_only: bool) -> None:
    """Keras 3 file names: .weights.h5 for weights, .keras (or legacy .h5) for a whole model."""
    if save_weights_only:
        if not filepath.endswith(".weights.h5"):
            raise ValueError(f"When using `save_weights_only=True` in `ModelCheckpoint`, the "
                             f"filepath provided must end in `.weights.h5` (Keras weights "
                             f"format). Received: filepath={filepath}")
    elif not filepath.endswith((".keras", ".h5")):   # .h5: see saving_api._notice_h5
        raise ValueError(f"The filepath provided must end in `.keras` (Keras model format). "
                         f"Received: filepath={filepath}")
