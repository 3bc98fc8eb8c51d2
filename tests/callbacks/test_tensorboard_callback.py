"""TensorBoard callback: the event files, read back with TensorBoard's own reader."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("tensorboard")

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator  # noqa: E402
from tensorboard.plugins.graph import keras_util  # noqa: E402
from tensorboard.util import tensor_util  # noqa: E402

from kerasedu.callbacks.tensorboard import TensorBoard  # noqa: E402
from callback_helpers import data, make_model  # noqa: E402


def read_run(folder):
    """Every tensor summary of one run folder: tag -> [(step, value array)]."""
    accumulator = EventAccumulator(str(folder), size_guidance={"tensors": 0})
    accumulator.Reload()
    return {tag: [(e.step, tensor_util.make_ndarray(e.tensor_proto))
                  for e in accumulator.Tensors(tag)]
            for tag in accumulator.Tags()["tensors"]}


def test_epoch_scalars_in_train_and_validation(tmp_path):
    x, y = data()
    history = make_model().fit(x, y, epochs=3, validation_split=0.25, verbose=0,
                               callbacks=[TensorBoard(tmp_path)])
    assert sorted(os.listdir(tmp_path)) == ["train", "validation"]
    train, validation = read_run(tmp_path / "train"), read_run(tmp_path / "validation")
    for run, prefix in ((train, ""), (validation, "val_")):
        for key in ("loss", "mae"):
            steps = [step for step, _ in run[f"epoch_{key}"]]
            values = [float(v) for _, v in run[f"epoch_{key}"]]
            assert steps == [0, 1, 2]
            assert values == pytest.approx(history.history[prefix + key], rel=1e-6)
    assert [float(v) for _, v in train["epoch_learning_rate"]] == pytest.approx([0.01] * 3)
    assert "epoch_val_loss" not in train and "epoch_learning_rate" not in validation
    assert not any(tag.startswith("batch_") for tag in train)        # update_freq="epoch"
    assert "evaluation_loss_vs_iterations" in validation


def test_a_metric_with_several_thresholds_gets_one_curve_per_threshold(tmp_path):
    import kerasedu as keras
    x, y = data()
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[keras.metrics.Precision(thresholds=[0.3, 0.7])])
    history = model.fit(x, (y > 0).astype(np.float32), epochs=2, verbose=0,
                        callbacks=[TensorBoard(tmp_path)])
    train = read_run(tmp_path / "train")
    for i in (0, 1):                           # epoch_precision/0 for 0.3, /1 for 0.7
        values = [float(v) for _, v in train[f"epoch_precision/{i}"]]
        assert values == pytest.approx([epoch[i] for epoch in history.history["precision"]], rel=1e-6)
    assert "epoch_precision" not in train


def test_batch_scalars_every_n_batches(tmp_path):
    x, y = data()                                 # 32 samples, batch 4: 8 batches an epoch
    make_model().fit(x, y, batch_size=4, epochs=2, verbose=0,
                     callbacks=[TensorBoard(tmp_path, update_freq=3)])
    train = read_run(tmp_path / "train")
    assert [step for step, _ in train["batch_loss"]] == [3, 6, 9, 12, 15]
    make_model().fit(x, y, batch_size=4, epochs=1, verbose=0,
                     callbacks=[TensorBoard(tmp_path / "b", update_freq="batch")])
    assert [step for step, _ in read_run(tmp_path / "b" / "train")["batch_mae"]] == list(range(1, 9))


def test_weight_histograms_and_images(tmp_path):
    x, y = data()
    model = make_model()
    model.fit(x, y, epochs=2, verbose=0,
              callbacks=[TensorBoard(tmp_path, histogram_freq=1, write_images=True)])
    train = read_run(tmp_path / "train")
    kernel = model.layers[0].kernel
    tag = f"{kernel.path}/histogram"                      # e.g. "dense/kernel/histogram"
    assert [step for step, _ in train[tag]] == [0, 1]
    buckets = train[tag][-1][1]                           # (30, 3): left, right, count
    assert buckets.shape == (30, 3) and buckets[:, 2].sum() == kernel.data.size
    assert buckets[0, 0] == pytest.approx(kernel.data.min())
    assert buckets[-1, 1] == pytest.approx(kernel.data.max())
    image = train[f"{kernel.path}/image"][-1][1]          # [width, height, png]
    assert image[0] == b"8" and image[1] == b"4"          # the (4, 8) kernel drawn wide
    assert image[2].startswith(b"\x89PNG\r\n\x1a\n")


def test_model_graph_is_readable_by_the_graph_plugin(tmp_path):
    x, y = data()
    model = make_model()
    model.fit(x, y, epochs=1, verbose=0, callbacks=[TensorBoard(tmp_path)])
    (_, config), = read_run(tmp_path / "train")["keras"]
    graph = keras_util.keras_model_to_graph_def(json.loads(config.item()))
    names = [node.name.split("/")[-1] for node in graph.node]
    assert names == ["input_layer", "dense", "dense_1"]


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="update_freq must be"):
        TensorBoard(update_freq="sometimes")
    with pytest.raises(ValueError, match="Profiling is not available"):
        TensorBoard(profile_batch=2)


def test_clear_error_without_the_tensorboard_package(tmp_path):
    code = ("import sys; sys.modules['tensorboard'] = None\n"      # as if not installed
            "from kerasedu.callbacks.tensorboard import TensorBoard\n"
            "try:\n    TensorBoard('logs')\n"
            "except ImportError as error:\n    print(error)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path)
    assert "pip install tensorboard" in result.stdout
    assert "kerasedu[lessons]" in result.stdout
