"""ModelCheckpoint: file names, best-only logic, batch frequency, formats."""
import os

import numpy as np
import pytest

from kerasedu.callbacks.model_checkpoint import ModelCheckpoint
from kerasedu.saving import load_model

from callback_helpers import data, make_model


def test_file_names_are_formatted_from_epoch_and_logs(tmp_path):
    x, y = data()
    pattern = str(tmp_path / "ckpt" / "{epoch:02d}-{val_loss:.2f}.keras")   # folder is created
    history = make_model().fit(x, y, epochs=3, validation_split=0.25, verbose=0,
                               callbacks=[ModelCheckpoint(pattern)])
    expected = [f"{e + 1:02d}-{v:.2f}.keras" for e, v in enumerate(history.history["val_loss"])]
    assert sorted(os.listdir(tmp_path / "ckpt")) == sorted(expected)


def test_checkpoint_is_the_model_at_that_epoch(tmp_path):
    x, y = data()
    model = make_model("adam")
    path = tmp_path / "last.keras"
    model.fit(x, y, epochs=2, verbose=0, callbacks=[ModelCheckpoint(path, monitor="loss")])
    loaded = load_model(path)
    assert np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
    assert loaded.optimizer.iterations == model.optimizer.iterations == 2


def test_save_best_only_saves_improvements_and_says_so(tmp_path, capsys):
    checkpoint = ModelCheckpoint(str(tmp_path / "m-{epoch}.keras"), save_best_only=True, verbose=1)
    checkpoint.set_model(make_model())
    for epoch, val_loss in enumerate([0.5, 0.6, 0.4, 0.4]):
        checkpoint.on_epoch_begin(epoch)
        checkpoint.on_epoch_end(epoch, {"loss": 1.0, "val_loss": val_loss})
    assert sorted(os.listdir(tmp_path)) == ["m-1.keras", "m-3.keras"]
    out = capsys.readouterr().out
    assert f"Epoch 1: val_loss improved from inf to 0.50000, saving model to {tmp_path}" in out
    assert "Epoch 2: val_loss did not improve from 0.50000" in out
    assert "Epoch 3: val_loss improved from 0.50000 to 0.40000" in out
    assert "Epoch 4: val_loss did not improve from 0.40000" in out


def test_save_best_only_overwrites_one_file_when_there_is_no_placeholder(tmp_path):
    model = make_model()
    path = tmp_path / "best.keras"
    checkpoint = ModelCheckpoint(path, save_best_only=True)
    checkpoint.set_model(model)
    checkpoint.on_epoch_end(0, {"val_loss": 0.5})
    first_weights = model.get_weights()
    model.set_weights([w + 1.0 for w in first_weights])
    checkpoint.on_epoch_end(1, {"val_loss": 0.7})        # worse: the file keeps epoch 1
    assert all(np.array_equal(a, b) for a, b in zip(load_model(path).get_weights(), first_weights))
    checkpoint.on_epoch_end(2, {"val_loss": 0.1})        # better: overwritten
    assert np.array_equal(load_model(path).get_weights()[1], first_weights[1] + 1.0)


def test_mode_max_and_initial_value_threshold(tmp_path):
    checkpoint = ModelCheckpoint(str(tmp_path / "{epoch}.keras"), monitor="val_accuracy",
                                 save_best_only=True, initial_value_threshold=0.7)
    checkpoint.set_model(make_model())
    for epoch, accuracy in enumerate([0.6, 0.8, 0.75, 0.9]):
        checkpoint.on_epoch_end(epoch, {"val_accuracy": accuracy})
    assert sorted(os.listdir(tmp_path)) == ["2.keras", "4.keras"]


def test_missing_monitor_warns_and_saves_anyway(tmp_path):
    checkpoint = ModelCheckpoint(str(tmp_path / "m.keras"), save_best_only=True)
    checkpoint.set_model(make_model())
    with pytest.warns(UserWarning, match="Can save best model only with val_loss available"):
        checkpoint.on_epoch_end(0, {"loss": 1.0})
    assert os.path.exists(tmp_path / "m.keras")


def test_save_freq_in_batches(tmp_path):
    x, y = data()                                         # 32 samples, batch 8: 4 batches an epoch
    checkpoint = ModelCheckpoint(str(tmp_path / "e{epoch}-b{batch}.keras"), save_freq=2)
    make_model().fit(x, y, batch_size=8, epochs=2, verbose=0, callbacks=[checkpoint])
    assert sorted(os.listdir(tmp_path)) == ["e1-b2.keras", "e1-b4.keras", "e2-b2.keras",
                                            "e2-b4.keras"]


def test_weights_only_checkpoints_load_into_a_fresh_model(tmp_path):
    x, y = data()
    model = make_model()
    path = tmp_path / "w.weights.h5"
    model.fit(x, y, epochs=1, verbose=0,
              callbacks=[ModelCheckpoint(path, monitor="loss", save_weights_only=True)])
    fresh = make_model()
    fresh.load_weights(path)
    assert np.array_equal(fresh.predict(x, verbose=0), model.predict(x, verbose=0))


@pytest.mark.parametrize("filepath, weights_only, message", [
    ("model.ckpt", False, "must end in `.keras`"),
    ("model.h5", True, "must end in `.weights.h5`"),
    ("weights.npz", True, "must end in `.weights.h5`"),
    ("model.keras", True, "must end in `.weights.h5`"),
])
def test_file_extension_is_checked_at_once(filepath, weights_only, message):
    with pytest.raises(ValueError, match=message):
        ModelCheckpoint(filepath, save_weights_only=weights_only)


def test_bad_save_freq_and_bad_placeholder(tmp_path):
    with pytest.raises(ValueError, match="Unrecognized save_freq"):
        ModelCheckpoint("m.keras", save_freq="batch")
    checkpoint = ModelCheckpoint(str(tmp_path / "{val_acc}.keras"))
    checkpoint.set_model(make_model())
    with pytest.raises(KeyError, match="Failed to format this callback filepath"):
        checkpoint.on_epoch_end(0, {"loss": 1.0})


def test_legacy_h5_name_for_a_whole_model_is_accepted_as_in_keras_3(tmp_path, capsys):
    """tf.keras tutorials write ModelCheckpoint('best-model.h5', save_best_only=True); Keras 3 runs it."""
    x, y = data()
    model = make_model("adam")
    path = tmp_path / "best-model.h5"
    model.fit(x, y, epochs=2, verbose=0,
              callbacks=[ModelCheckpoint(str(path), monitor="loss", save_best_only=True)])
    assert "not HDF5" in capsys.readouterr().out         # the learner is told what the file holds
    loaded = load_model(path)
    assert np.array_equal(loaded.predict(x, verbose=0), model.predict(x, verbose=0))
