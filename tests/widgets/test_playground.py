"""The playground driven from Python: set the controls, click the buttons, check what trained."""
import os
import re
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from kerasedu import optimizers
from kerasedu.widgets import Playground
from kerasedu.widgets.toy_data import load_toy, make_circles, make_moons, make_spirals


def _wait_for(condition, timeout=60.0, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def test_train_button_trains_the_model_the_controls_describe():
    pg = Playground(dataset="circles")
    settings = {"hidden_layers": 3, "units": 5, "activation": "relu", "dropout": 0.1,
                "optimizer": "sgd", "learning_rate": 0.1, "epochs": 4, "batch_size": 16}
    for name, value in settings.items():
        pg.controls[name].value = value
    pg.train_button.click()                               # what a click in the browser does
    assert pg.running and pg.train_button.disabled and not pg.stop_button.disabled
    assert pg.wait(timeout=120)
    (run,) = pg.runs
    assert run.error is None and run.finished and not run.stopped
    assert {k: run.settings[k] for k in settings} == settings
    dense = [layer for layer in run.model.layers if type(layer).__name__ == "Dense"]
    assert [layer.units for layer in dense] == [5, 5, 5, 2]          # 2 classes of circles
    assert [layer.activation.__name__ for layer in dense] == ["relu"] * 3 + ["softmax"]
    dropouts = [layer.rate for layer in run.model.layers if type(layer).__name__ == "Dropout"]
    assert dropouts == [0.1, 0.1, 0.1]
    assert isinstance(run.model.optimizer, optimizers.SGD)
    assert run.model.optimizer.learning_rate == pytest.approx(0.1)
    assert run.model.optimizer.iterations == 4 * int(np.ceil(500 / 16))   # epochs x batches
    assert sorted(run.history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert run.epochs_done == 4 and all(len(v) == 4 for v in run.history.values())
    assert 0.0 <= run.test_accuracy <= 1.0
    assert f"test accuracy {run.test_accuracy:.4f}" in pg.results.value
    assert not pg.train_button.disabled and pg.stop_button.disabled   # ready for the next run
    assert pg.confusion_image.value[:4] == b"\x89PNG"
    assert "test acc" in pg.runs_table.value


def test_stop_ends_the_run_early_and_keeps_the_history():
    pg = Playground(dataset="moons", epochs=500, update_every=1, min_interval=0.0)
    run = pg.train()
    _wait_for(lambda: run.epochs_done >= 2, what="two epochs")
    pg.stop_button.click()
    assert pg.wait(timeout=60)
    assert run.stopped and run.error is None
    assert 2 <= run.epochs_done < 500
    assert all(len(values) == run.epochs_done for values in run.history.values())
    assert run.model.stop_training is True
    assert run.test_accuracy is not None                # the stopped model is still evaluated
    assert "(stopped)" in pg.runs_table.value and "stopped early" in pg.results.value
    assert pg.stop_button.disabled and not pg.train_button.disabled


def test_train_and_stop_are_never_both_clickable():
    # the browser gets one message per change: the order of the changes is what it sees
    pg = Playground(dataset="moons", epochs=3)
    clickable = []

    def record(change):
        clickable.append((not pg.train_button.disabled, not pg.stop_button.disabled))
    for button in (pg.train_button, pg.stop_button):
        button.observe(record, names="disabled")
    pg.train_button.click()
    assert pg.wait(timeout=60)
    assert clickable[0] == (False, False) and clickable[-1] == (True, False)
    assert (True, True) not in clickable, clickable


def test_the_pictures_change_while_training():
    pg = Playground(dataset="spirals", epochs=500, update_every=1, min_interval=0.0)
    first_curves, first_boundary = pg.curves_image.value, pg.boundary_image.value
    seen_curves, seen_boundaries = set(), set()

    def seen_enough():
        seen_curves.add(pg.curves_image.value)
        seen_boundaries.add(pg.boundary_image.value)
        return (len(seen_curves - {first_curves}) >= 3
                and len(seen_boundaries - {first_boundary}) >= 3)

    run = pg.train()
    _wait_for(seen_enough, timeout=90, what="3 new curve and boundary pictures")
    assert pg.running                                      # all of them while training went on
    assert re.fullmatch(r"run 1, epoch \d+/500", pg.curves.title)
    pg.stop()
    assert pg.wait(timeout=60) and run.error is None


def test_runs_are_overlaid_and_the_table_shows_what_changed():
    pg = Playground(dataset="moons", epochs=3)
    first = pg.train(blocking=True)
    pg.controls["learning_rate"].value = 0.001
    pg.controls["units"].value = 4
    second = pg.train(blocking=True)
    assert [r.number for r in pg.runs] == [1, 2]
    assert first.settings["learning_rate"] == pytest.approx(0.03)
    assert second.settings["learning_rate"] == pytest.approx(0.001)
    assert len(pg.curves.runs) == 2
    loss_axes = pg.curves.figure.axes[0]
    colors = {tuple(line.get_color()) for line in loss_axes.get_lines()
              if list(line.get_xdata()) == [1.0, 2.0, 3.0]}
    assert len(colors) == 2                                # both runs drawn, each its own color
    table = pg.runs_table.value
    assert "learning_rate 0.03 -&gt; 0.001" in table and "units 8 -&gt; 4" in table
    assert table.count("font-weight:bold") == 2            # exactly the two changed cells
    pg.clear_button.click()
    assert pg.runs == [] and pg.curves.runs == [] and pg.results.value == ""
    assert "No runs yet" in pg.runs_table.value


def test_same_seed_same_run():
    pg = Playground(dataset="moons", epochs=2)
    a, b = pg.train(blocking=True), pg.train(blocking=True)
    assert a.history == b.history                          # only what you change differs


def test_bad_dataset_and_setting_names_are_explained():
    with pytest.raises(ValueError, match="unknown dataset 'mnsit'.*mnist"):
        Playground(dataset="mnsit")
    with pytest.raises(ValueError, match="unknown setting.*'unit'"):
        Playground(dataset="moons", unit=3)


def test_toy_datasets_are_float32_and_learnable_shapes():
    for make in (make_moons, make_circles, make_spirals):
        x, y = make(300, seed=3)
        assert x.dtype == np.float32 and x.shape == (300, 2)
        assert np.bincount(y).tolist() == [150, 150]
    (x, _), (xv, _), _ = load_toy("moons", 50, 50, 50)
    assert not np.allclose(x, xv)                          # validation points are new points
    x, y = make_spirals(300, classes=3, noise=0.0, seed=0)
    radius = np.linalg.norm(x, axis=1)
    assert radius.min() > 0.1 and radius.max() <= 1.5 + 1e-6


def _mnist_available() -> bool:
    mirror = os.environ.get("KERASEDU_DATA_MIRROR")
    return bool(mirror) and (Path(mirror) / "mnist.npz").exists()


@pytest.mark.skipif(not _mnist_available(),
                    reason="MNIST needs KERASEDU_DATA_MIRROR with mnist.npz (CI sets it); "
                           "this test does not download")
def test_mnist_playground_trains_on_a_subset(tmp_path, monkeypatch):
    monkeypatch.setenv("KERASEDU_HOME", str(tmp_path))    # copy from the mirror into a temp cache
    pg = Playground(dataset="mnist", epochs=2, train_size=2000)
    run = pg.train(blocking=True)
    data = pg._data
    assert data.x_train.shape == (2000, 28, 28) and data.x_train.dtype == np.float32
    assert data.x_test.shape == (10000, 28, 28)
    assert [type(layer).__name__ for layer in run.model.layers] == ["Flatten", "Dense", "Dense"]
    assert run.test_accuracy > 0.75                        # 2,000 images, 2 epochs: far above 0.1
    assert pg.samples_image.value[:4] == b"\x89PNG"
    assert pg.confusion_image.value[:4] == b"\x89PNG"
