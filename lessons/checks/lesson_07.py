"""Checks for lesson 07 (fit, evaluate, predict): steps with a validation split, the best
epoch of a History, what validation_split trains on, probabilities to labels.

Each exercise_k prints a verdict (see checks.verdict) and returns None, so a cell
shows the verdict only.
"""
from __future__ import annotations

import math

import numpy as np

from checks import safely, verdict


def exercise_1(train_samples, steps, last_batch, n=1_000, validation_split=0.2,
               batch_size=64) -> None:
    """fit(x, y, validation_split=0.2, batch_size=64) on n samples: train size, steps, last batch."""
    def check():
        train = int(math.floor(n * (1 - validation_split)))
        expected_steps = math.ceil(train / batch_size)
        expected_last = train - (expected_steps - 1) * batch_size
        if int(train_samples) == n - train:
            return verdict(False, "", f"{n - train} is the size of the validation part; the model "
                                      f"trains on the rest.")
        if int(train_samples) != train:
            return verdict(False, "", f"validation_split={validation_split} keeps the last "
                                      f"{validation_split:.0%} of the {n} samples for validation: "
                                      "the model trains on the other samples.")
        if int(steps) == math.ceil(n / batch_size) and int(steps) != expected_steps:
            return verdict(False, "", "only the training samples are cut into batches, not the "
                                      "validation ones.")
        if int(steps) == train // batch_size and int(steps) != expected_steps:
            return verdict(False, "", f"{train} / {batch_size} is not a whole number: the samples "
                                      "left over make one more, smaller batch. Round up.")
        if int(steps) != expected_steps:
            return verdict(False, "", "steps = the training samples divided by the batch size, "
                                      "rounded up (math.ceil).")
        if int(last_batch) in (0, batch_size) and expected_last != batch_size:
            return verdict(False, "", f"the last batch holds what is left after "
                                      f"{expected_steps - 1} full batches of {batch_size}.")
        return verdict(int(last_batch) == expected_last,
                       f"{train} training samples: {expected_steps - 1} full batches of "
                       f"{batch_size} and a last one of {expected_last}, {expected_steps} steps "
                       f"per epoch.",
                       f"the last batch holds what is left after {expected_steps - 1} full "
                       f"batches of {batch_size}.")
    safely(check, "train_samples, steps and last_batch should be whole numbers.")


def exercise_2(best_epoch, history) -> None:
    """The epoch (counted from 1, as printed) with the lowest val_loss of a History."""
    def check():
        logs = getattr(history, "history", history)
        val_loss = np.asarray(logs["val_loss"], dtype=np.float64)
        expected = int(np.argmin(val_loss)) + 1
        value = float(best_epoch)
        if value != int(value) or not 0 <= value <= len(val_loss):
            return verdict(False, "", f"{best_epoch!r} is not an epoch number between 1 and "
                                      f"{len(val_loss)}: find the position of the smallest "
                                      "value, not the value (np.argmin).")
        value = int(value)
        if value == expected - 1:
            return verdict(False, "", "nearly: np.argmin counts from 0, like history.epoch, but "
                                      "fit prints the first epoch as 'Epoch 1': add 1.")
        train_best = int(np.argmin(logs["loss"])) + 1
        if value == train_best and value != expected:
            return verdict(False, "", "that is where the *training* loss is lowest; the "
                                      "question is about history.history['val_loss'].")
        return verdict(value == expected,
                       "the epoch with the lowest validation loss: the one EarlyStopping "
                       "(lesson 8) would keep.",
                       "use np.argmin on history.history['val_loss'], then add 1.")
    safely(check, "best_epoch should be one whole number.")


def exercise_3(spy, history, never_seen, steps, n=50, validation_split=0.2) -> None:
    """The spy trained with validation_split=0.2 on ids 0..n-1; the learner's predictions."""
    def check():
        train = int(math.floor(n * (1 - validation_split)))
        logs = getattr(history, "history", {})
        epochs = len(logs.get("loss", []))
        batches = list(getattr(spy, "batches", []))
        seen = [i for batch in batches for i in batch]
        if not batches or epochs == 0:
            return verdict(False, "", "train the fresh spy model with fit(...) and pass its spy "
                                      "and the History fit returned.")
        if "val_loss" not in logs:
            return verdict(False, "", "the History has no val_loss: fit did no validation. "
                                      "Pass validation_split=... to fit.")
        if set(seen) != set(range(train)):
            return verdict(False, "", f"the spy saw {len(set(seen))} different ids "
                                      f"({min(seen)}..{max(seen)}); keeping 20% for validation "
                                      f"should leave {train} for training. Did you use "
                                      "validation_split=0.2 (the fraction kept apart) on ids_50?")
        if sorted(seen) != sorted(list(range(train)) * epochs):
            return verdict(False, "", "each training id should appear once per epoch: pass "
                                      "the spy of a fresh make_spy_model() and fit it once.")
        actual_steps = len(batches) // epochs
        try:
            predicted = sorted(int(i) for i in never_seen)
        except TypeError:
            return verdict(False, "", "never_seen should be a list of ids, e.g. [3, 4, 5].")
        if predicted != list(range(train, n)):
            return verdict(False, "", f"your fit is right, but never_seen is not: look at which "
                                      f"ids the spy saw (spy_3.batches). validation_split takes "
                                      "its part from the end of the data.")
        return verdict(int(steps) == actual_steps,
                       f"ids {train}..{n - 1} were only used for val_loss; each epoch trained on "
                       f"the {train} others, in {actual_steps} steps.",
                       f"your fit and never_seen are right; steps is not. The model trains on "
                       f"{train} samples: how many batches is that?")
    safely(check, "pass spy_3, history_3, never_seen (a list) and steps_3 (a number).")


def exercise_4(digit_labels, nine_labels, digit_probabilities, nine_probabilities,
               threshold=0.3) -> None:
    """argmax of softmax rows; sigmoid probabilities (N, 1) above 0.3 -> 0/1 labels (N,)."""
    def check():
        probs = np.asarray(digit_probabilities)
        p_nine = np.asarray(nine_probabilities).reshape(-1)
        digits = np.asarray(digit_labels)
        nines = np.asarray(nine_labels)
        n = len(probs)
        if digits.shape != (n,):
            hint = ("np.argmax without axis gives one number for the whole array: use axis=1, "
                    "one answer per row." if digits.ndim == 0 else
                    f"digit_labels has shape {digits.shape}, expected ({n},): take the argmax "
                    "along axis=1 (across the 10 classes of each row).")
            return verdict(False, "", hint)
        if not np.array_equal(digits, np.argmax(probs, axis=1)):
            return verdict(False, "", "digit_labels should be the most probable class of each "
                                      "row: np.argmax(digit_probabilities, axis=1).")
        if nines.shape != (n,):
            return verdict(False, "", f"nine_labels has shape {nines.shape}, expected ({n},), "
                                      "like the labels: take column 0 first (p[:, 0]) or use "
                                      ".ravel().")
        if not np.isin(nines, (0, 1)).all():
            return verdict(False, "", "nine_labels should hold 0 and 1 only: compare the "
                                      "probabilities with the threshold, then .astype(int).")
        if np.array_equal(nines, (p_nine > 0.5).astype(int)) and \
                not np.array_equal(nines, (p_nine > threshold).astype(int)):
            return verdict(False, "", f"that is the usual threshold 0.5; this detector should "
                                      f"say yes above {threshold}.")
        right = (np.array_equal(nines, (p_nine > threshold).astype(int))
                 or np.array_equal(nines, (p_nine >= threshold).astype(int)))
        return verdict(right,
                       f"argmax for softmax, a threshold ({threshold}) for a sigmoid: {n} "
                       f"answers of each kind.",
                       f"nine_labels should be 1 where the probability is above {threshold}.")
    safely(check, "pass the two label arrays and the two probability arrays.")
