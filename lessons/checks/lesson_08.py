"""Checks for lesson 08, callbacks: an EarlyStopping, a learning-rate schedule, your own callback.

    from checks import lesson_08 as check
    check.exercise_1(early_stopping)

The checks do not train anything: they feed made-up logs to (a copy of) your
callback, the way fit would, and look at what it does.
"""
from __future__ import annotations

import contextlib
import copy
import io

import numpy as np

from checks import safely, verdict


class _FakeModel:
    """Just enough of a model for a callback: stop_training, an optimizer, weights."""

    def __init__(self, learning_rate=0.01):
        self.stop_training = False
        self.optimizer = type("Optimizer", (), {"learning_rate": learning_rate})()
        self.metrics = []
        self._weights = [np.zeros(1)]

    def get_weights(self):
        return [w.copy() for w in self._weights]

    def set_weights(self, weights):
        self._weights = [np.array(w) for w in weights]


def _quietly(function, *args):
    """Run a hook without its prints (verbose=1 callbacks talk)."""
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args)


def exercise_1(early_stopping) -> None:
    """EarlyStopping(monitor="val_accuracy", patience=2, restore_best_weights=True)."""
    def check():
        import kerasedu as keras
        if not isinstance(early_stopping, keras.callbacks.EarlyStopping):
            return verdict(False, "", f"early_stopping is a {type(early_stopping).__name__}; make "
                                      "it with keras.callbacks.EarlyStopping(...).")
        if early_stopping.monitor != "val_accuracy":
            return verdict(False, "", f"it watches {early_stopping.monitor!r}; the exercise asks "
                                      "for monitor=\"val_accuracy\" (the accuracy on the "
                                      "validation data).")
        if early_stopping.patience != 2:
            return verdict(False, "", f"patience is {early_stopping.patience}; the exercise allows "
                                      "2 epochs without improvement.")
        if not early_stopping.restore_best_weights:
            return verdict(False, "", "without restore_best_weights=True the model keeps the "
                                      "weights of the last epoch, not of the best one.")
        # Feed it epochs as fit would: the weights "are" the epoch number.
        stopper, model = copy.copy(early_stopping), _FakeModel()   # leave the learner's one alone
        stopper.set_model(model)
        _quietly(stopper.on_train_begin, {})
        accuracies = [0.80, 0.86, 0.85, 0.84, 0.90, 0.91]
        stopped_after = None
        for epoch, accuracy in enumerate(accuracies):
            model.set_weights([np.array([float(epoch)])])
            _quietly(stopper.on_epoch_end, epoch, {"val_accuracy": accuracy, "val_loss": 1.0})
            if model.stop_training:
                stopped_after = epoch
                break
        _quietly(stopper.on_train_end, {})
        if stopped_after != 3:
            where = "never" if stopped_after is None else f"after epoch index {stopped_after}"
            hint = ("A higher accuracy is better: leave mode=\"auto\" (or use mode=\"max\")."
                    if getattr(stopper, "_direction", None) == "min" else
                    "Check min_delta, baseline and start_from_epoch: leave them at their defaults.")
            return verdict(False, "", f"with validation accuracies {accuracies} it should stop "
                                      f"after epoch index 3 (two epochs without beating 0.86), but "
                                      f"it stopped {where}. {hint}")
        if float(model.get_weights()[0][0]) != 1.0:
            return verdict(False, "", "after stopping, the weights should be those of the best "
                                      "epoch (index 1, accuracy 0.86).")
        return verdict(True, "on 0.80, 0.86, 0.85, 0.84 it stops after two epochs without "
                             "progress and puts back the weights of the 0.86 epoch.", "")
    safely(check, "make it with keras.callbacks.EarlyStopping(monitor=..., patience=..., "
                  "restore_best_weights=...).")


def exercise_2(schedule) -> None:
    """A schedule(epoch, lr) that halves the rate every 2 epochs, from 0.01."""
    def check():
        import kerasedu as keras
        if not callable(schedule):
            return verdict(False, "", "schedule should be a function: def schedule(epoch, lr): ...")
        model = _FakeModel(learning_rate=0.01)
        scheduler = keras.callbacks.LearningRateScheduler(schedule)
        scheduler.set_model(model)
        rates = []
        for epoch in range(8):            # what fit does at the start of each epoch
            scheduler.on_epoch_begin(epoch, {})
            rates.append(float(model.optimizer.learning_rate))
        expected = [0.01 * 0.5 ** (epoch // 2) for epoch in range(8)]
        if np.allclose(rates, expected, rtol=1e-6, atol=0):
            return verdict(True, "0.01, 0.01, 0.005, 0.005, 0.0025, ...: halved every two "
                                 "epochs.", "")
        shown = ", ".join(f"{r:g}" for r in rates)
        if np.allclose(rates, [0.01 * 0.5 ** epoch for epoch in range(8)], rtol=1e-6):
            hint = "it halves every epoch. Halve only when the epoch is even (epoch % 2 == 0), " \
                   "or compute 0.01 * 0.5 ** (epoch // 2)."
        elif np.allclose(rates, [0.01 * 0.5 ** ((epoch + 1) // 2) for epoch in range(8)],
                         rtol=1e-6):
            hint = "epochs count from 0: the first halving comes at epoch 2, not at epoch 1."
        elif np.allclose(rates, [0.01 * 0.5 ** (epoch // 2 + 1) for epoch in range(8)],
                         rtol=1e-6):
            hint = "epochs 0 and 1 should keep the starting rate 0.01."
        else:
            hint = "the rate at epoch e should be 0.01 * 0.5 ** (e // 2)."
        return verdict(False, "", f"starting from 0.01 your rates for epochs 0-7 are {shown}; "
                                  f"{hint}")
    safely(check, "the schedule gets (epoch, lr) and returns the new rate as a float.")


def exercise_3(callback_class) -> None:
    """A Callback that sets model.stop_training once the training accuracy reaches 0.9."""
    def check():
        import kerasedu as keras
        make = callback_class if isinstance(callback_class, type) else None
        if make is None:
            return verdict(False, "", "pass the class itself (StopWhenAccurate), not an instance "
                                      "or a function.")
        if not issubclass(make, keras.callbacks.Callback):
            return verdict(False, "", "the class should subclass keras.callbacks.Callback.")
        callback, model = make(), _FakeModel()
        callback.set_model(model)
        _quietly(callback.on_train_begin, {})
        accuracies = [0.62, 0.85, 0.93, 0.95]          # training accuracy, epoch by epoch
        val_accuracies = [0.60, 0.80, 0.88, 0.94]      # validation: not what the exercise asks
        stopped_after = None
        for epoch, (accuracy, val_accuracy) in enumerate(zip(accuracies, val_accuracies)):
            logs = {"accuracy": accuracy, "loss": 1.0 - accuracy,
                    "val_accuracy": val_accuracy, "val_loss": 1.0 - val_accuracy}
            _quietly(callback.on_epoch_begin, epoch, {})
            _quietly(callback.on_epoch_end, epoch, logs)
            if model.stop_training:
                stopped_after = epoch
                break
        if stopped_after == 2:
            return verdict(True, "it lets training go on at 62% and 85%, and stops it at 93%.", "")
        if stopped_after is None:
            return verdict(False, "", "training accuracies 0.62, 0.85, 0.93, 0.95 went by and it "
                                      "never stopped: in on_epoch_end, when logs[\"accuracy\"] "
                                      ">= 0.9, set self.model.stop_training = True.")
        if stopped_after < 2:
            return verdict(False, "", f"it stopped after an epoch with training accuracy "
                                      f"{accuracies[stopped_after]}; it should stop only once "
                                      "logs[\"accuracy\"] is 0.9 or more.")
        return verdict(False, "", "it went on after an epoch with training accuracy 0.93. Watch "
                                  "the training accuracy, logs[\"accuracy\"] (not val_accuracy), "
                                  "and stop as soon as it is 0.9 or more.")
    safely(check, "define class StopWhenAccurate(keras.callbacks.Callback) with an "
                  "on_epoch_end(self, epoch, logs=None) method; it must work with no "
                  "arguments: StopWhenAccurate().")
