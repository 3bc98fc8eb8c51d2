"""EarlyStopping, driven with crafted loss sequences and in a real fit."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu.callbacks.early_stopping import EarlyStopping

from callback_helpers import data, make_model


def drive(callback, model, values, key="val_loss"):
    """Call on_epoch_end with the given values until the callback stops training."""
    callback.set_model(model)
    model.stop_training = False
    callback.on_train_begin()
    epochs_run = 0
    for epoch, value in enumerate(values):
        callback.on_epoch_end(epoch, {key: value})
        epochs_run += 1
        if model.stop_training:
            break
    callback.on_train_end()
    return epochs_run


def test_patience_counts_epochs_without_improvement():
    model = make_model()
    stopper = EarlyStopping(patience=2)
    assert drive(stopper, model, [1.0, 0.9, 0.95, 0.96, 0.97, 0.98]) == 4
    assert stopper.stopped_epoch == 3
    assert stopper.best == 0.9 and stopper.best_epoch == 1


def test_patience_zero_stops_at_first_worse_epoch():
    stopper = EarlyStopping(patience=0)
    assert drive(stopper, make_model(), [1.0, 0.5, 0.6, 0.1]) == 3


def test_min_delta_small_improvements_do_not_count():
    model = make_model()
    assert drive(EarlyStopping(patience=1, min_delta=0.05), model, [1.0, 0.99, 0.98, 0.97]) == 2
    assert drive(EarlyStopping(patience=1, min_delta=0.0), model, [1.0, 0.99, 0.98, 0.97]) == 4


def test_baseline_not_beaten_gives_no_extra_patience():
    model = make_model()
    flat = [0.8, 0.8, 0.8, 0.8]
    assert drive(EarlyStopping(patience=2, baseline=0.5), model, flat) == 2
    assert drive(EarlyStopping(patience=2), model, flat) == 3
    # beating the baseline resets the counter as usual
    assert drive(EarlyStopping(patience=2, baseline=0.5), model, [0.4, 0.45, 0.45, 0.45]) == 3


def test_start_from_epoch_ignores_the_warm_up():
    model = make_model()
    values = [1.0, 0.5, 0.9, 0.95]
    assert drive(EarlyStopping(patience=0), model, values) == 3
    stopper = EarlyStopping(patience=0, start_from_epoch=2)
    assert drive(stopper, model, values) == 4
    assert stopper.best == 0.9          # the warm-up values were never compared


def test_restore_best_weights_puts_back_the_best_epoch(capsys):
    model = make_model()
    stopper = EarlyStopping(patience=1, restore_best_weights=True, verbose=1)
    stopper.set_model(model)
    stopper.on_train_begin()
    for epoch, loss in enumerate([0.9, 0.3, 0.5, 0.6]):
        model.set_weights([np.full(w.shape, epoch, np.float32) for w in model.get_weights()])
        stopper.on_epoch_end(epoch, {"val_loss": loss})
        if model.stop_training:
            break
    stopper.on_train_end()
    assert all(np.all(w == 1.0) for w in model.get_weights())        # epoch 1 was best
    out = capsys.readouterr().out
    assert "Epoch 3: early stopping" in out
    assert "Restoring model weights from the end of the best epoch: 2." in out


def test_mode_auto_maximises_accuracy():
    stopper = EarlyStopping(monitor="val_accuracy", patience=0)
    assert drive(stopper, make_model(), [0.5, 0.6, 0.55], key="val_accuracy") == 3
    assert stopper.best == 0.6


def test_mode_auto_cannot_guess_an_unknown_metric():
    with pytest.raises(ValueError, match="Pass `mode='max'`"):
        drive(EarlyStopping(monitor="val_wobble"), make_model(), [1.0], key="val_wobble")
    stopper = EarlyStopping(monitor="val_wobble", mode="max", patience=0)
    assert drive(stopper, make_model(), [1.0, 2.0, 1.5], key="val_wobble") == 3


def test_unknown_mode_warns_and_falls_back_to_auto():
    with pytest.warns(UserWarning, match="mode 'lowest' is unknown"):
        stopper = EarlyStopping(mode="lowest")
    assert stopper.mode == "auto"


def test_missing_monitor_key_warns_with_the_available_keys():
    stopper = EarlyStopping(monitor="val_loss")
    stopper.set_model(make_model())
    with pytest.warns(UserWarning, match="Available metrics are: loss,mae"):
        stopper.on_epoch_end(0, {"loss": 1.0, "mae": 0.5})
    assert not stopper.model.stop_training


def test_stops_a_real_fit():
    x, y = data()
    model = make_model(keras.optimizers.SGD(learning_rate=0.0))      # the loss cannot change
    history = model.fit(x, y, epochs=10, verbose=0,
                        callbacks=[EarlyStopping(monitor="loss", patience=1)])
    assert len(history.history["loss"]) == 2


def test_one_instance_can_serve_two_fits():
    x, y = data()
    model = make_model(keras.optimizers.SGD(learning_rate=0.0))
    stopper = EarlyStopping(monitor="loss", patience=1)
    first = model.fit(x, y, epochs=10, verbose=0, callbacks=[stopper])
    second = model.fit(x, y, epochs=10, verbose=0, callbacks=[stopper])
    assert len(first.history["loss"]) == len(second.epoch) == 2


@pytest.mark.parametrize("make_callback", [
    lambda: EarlyStopping(monitor="precision", mode="max"),
    lambda: keras.callbacks.ReduceLROnPlateau(monitor="precision", mode="max"),
    lambda: keras.callbacks.ModelCheckpoint("best.keras", monitor="precision", save_best_only=True),
])
def test_watching_a_metric_with_several_thresholds_is_a_clear_error(make_callback, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    x, y = data()
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[keras.metrics.Precision(thresholds=[0.3, 0.7])])
    with pytest.raises(ValueError, match=r"monitor='precision' logs 2 values.*thresholds=0.5"):
        model.fit(x, (y > 0).astype(np.float32), epochs=1, verbose=0, callbacks=[make_callback()])
