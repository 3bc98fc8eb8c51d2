"""LearningRateScheduler and ReduceLROnPlateau change optimizer.learning_rate."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.callbacks import LambdaCallback
from kerasedu.callbacks.learning_rate_scheduler import LearningRateScheduler
from kerasedu.callbacks.reduce_lr_on_plateau import ReduceLROnPlateau

from callback_helpers import data, make_model


def rates_seen_by_each_epoch(model, x, y, callbacks, epochs):
    """The learning rate the optimizer has while each epoch trains."""
    seen = []
    spy = LambdaCallback(on_train_batch_begin=lambda batch, logs: seen.append(
        model.optimizer.learning_rate) if batch == 0 else None)
    history = model.fit(x, y, epochs=epochs, verbose=0, callbacks=list(callbacks) + [spy])
    return seen, history


def test_schedule_of_epoch_and_lr():
    x, y = data()
    model = make_model(keras.optimizers.SGD(learning_rate=0.1))
    schedule = LearningRateScheduler(lambda epoch, lr: lr if epoch < 2 else lr * 0.1)
    seen, history = rates_seen_by_each_epoch(model, x, y, [schedule], epochs=4)
    assert seen == pytest.approx([0.1, 0.1, 0.01, 0.001])
    assert history.history["learning_rate"] == pytest.approx([0.1, 0.1, 0.01, 0.001])
    assert isinstance(model.optimizer.learning_rate, float)


def test_schedule_of_epoch_only():
    x, y = data()
    model = make_model()
    schedule = LearningRateScheduler(lambda epoch: 0.5 / (epoch + 1))
    seen, _ = rates_seen_by_each_epoch(model, x, y, [schedule], epochs=3)
    assert seen == pytest.approx([0.5, 0.25, 0.5 / 3])


def test_numpy_float_is_stored_as_a_python_float():
    model = make_model()
    schedule = LearningRateScheduler(lambda epoch, lr: np.float64(0.2))
    schedule.set_model(model)
    schedule.on_epoch_begin(0)
    assert type(model.optimizer.learning_rate) is float     # keeps the weights float32


def test_schedule_must_return_a_float():
    schedule = LearningRateScheduler(lambda epoch, lr: "fast")
    schedule.set_model(make_model())
    with pytest.raises(ValueError, match="should be a float. Got: 'fast'"):
        schedule.on_epoch_begin(0)
    with pytest.raises(TypeError, match="needs a function"):
        LearningRateScheduler(0.01)


def test_scheduler_verbose_message(capsys):
    schedule = LearningRateScheduler(lambda epoch, lr: 0.05, verbose=1)
    schedule.set_model(make_model())
    schedule.on_epoch_begin(2)
    assert "Epoch 3: LearningRateScheduler setting learning rate to 0.05." in capsys.readouterr().out


def test_plateau_with_patience_cooldown_and_min_lr(capsys):
    model = make_model(keras.optimizers.SGD(learning_rate=0.1))
    plateau = ReduceLROnPlateau(monitor="loss", factor=0.5, patience=2, cooldown=1, min_lr=0.02,
                                verbose=1)
    plateau.set_model(model)
    plateau.on_train_begin()
    after_each_epoch, logged = [], []
    for epoch in range(9):
        logs = {"loss": 1.0}                            # a plateau from the start
        plateau.on_epoch_end(epoch, logs)
        logged.append(logs["learning_rate"])
        after_each_epoch.append(model.optimizer.learning_rate)
    assert after_each_epoch == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02])
    assert logged == pytest.approx([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02])
    assert "Epoch 3: ReduceLROnPlateau reducing learning rate to 0.05." in capsys.readouterr().out


def test_plateau_keeps_the_rate_while_improving():
    model = make_model(keras.optimizers.SGD(learning_rate=0.1))
    plateau = ReduceLROnPlateau(patience=1)
    plateau.set_model(model)
    for epoch, loss in enumerate([1.0, 0.9, 0.8, 0.7]):
        plateau.on_epoch_end(epoch, {"val_loss": loss})
    assert model.optimizer.learning_rate == 0.1
    plateau.on_epoch_end(4, {"val_loss": 0.69995})      # better by less than min_delta=1e-4
    assert model.optimizer.learning_rate == pytest.approx(0.01)


def test_plateau_mode_max_for_accuracy():
    model = make_model(keras.optimizers.SGD(learning_rate=0.1))
    plateau = ReduceLROnPlateau(monitor="val_accuracy", patience=1)
    plateau.set_model(model)
    for epoch, accuracy in enumerate([0.5, 0.6, 0.7]):
        plateau.on_epoch_end(epoch, {"val_accuracy": accuracy})
    assert model.optimizer.learning_rate == 0.1
    plateau.on_epoch_end(3, {"val_accuracy": 0.65})
    assert model.optimizer.learning_rate == pytest.approx(0.01)


def test_plateau_in_a_real_fit_logs_the_rate():
    x, y = data()
    model = make_model(keras.optimizers.SGD(learning_rate=0.0))      # loss stays flat
    history = model.fit(x, y, epochs=4, verbose=0,
                        callbacks=[ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1)])
    assert history.history["learning_rate"] == [0.0, 0.0, 0.0, 0.0]
    model = make_model(keras.optimizers.SGD(learning_rate=0.01))
    history = model.fit(x, y, epochs=3, verbose=0,
                        callbacks=[ReduceLROnPlateau(monitor="loss", patience=0, min_delta=100.0)])
    assert history.history["learning_rate"] == pytest.approx([0.01, 0.01, 0.001])   # before each cut


def test_plateau_rejects_factor_of_one_or_more():
    with pytest.raises(ValueError, match="does not support a factor >= 1.0"):
        ReduceLROnPlateau(factor=1.0)
