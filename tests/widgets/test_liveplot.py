"""LivePlot: the curves it records, its script path (one figure, one summary line), and a
real Jupyter kernel showing one picture that is updated in place through a display handle."""
import base64
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

import kerasedu as keras
from kerasedu.widgets import LivePlot, make_moons


def _model():
    model = keras.Sequential([keras.Input(shape=(2,)),
                              keras.layers.Dense(8, activation="tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def test_script_path_prints_a_summary_and_leaves_one_figure(capsys):
    import matplotlib.pyplot as plt
    x, y = make_moons(128, seed=0)
    live = LivePlot(update_every=1)
    history = _model().fit(x, y, epochs=3, batch_size=32, validation_split=0.25, verbose=0,
                           callbacks=[live])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("LivePlot: 3 epochs in ")
    assert f"val_loss: {history.history['val_loss'][-1]:.4f}" in out[0]
    assert f"accuracy: {history.history['accuracy'][-1]:.4f}" in out[0]
    assert live.draw_count == 0                      # no front end: nothing sent while training
    assert plt.get_fignums() == []                   # and no pyplot windows left behind
    fig = live.figure
    assert [ax.get_title() for ax in fig.axes] == ["loss", "accuracy"]
    loss_ax = fig.axes[0]
    epoch_lines = [l for l in loss_ax.get_lines() if list(l.get_xdata()) == [1.0, 2.0, 3.0]]
    ys = sorted(tuple(np.round(l.get_ydata(), 6)) for l in epoch_lines)
    expected = sorted(tuple(np.round(history.history[k], 6)) for k in ("loss", "val_loss"))
    assert ys == expected                            # train and validation, per epoch
    batch_line = max(loss_ax.get_lines(), key=lambda l: len(l.get_xdata()))
    assert len(batch_line.get_xdata()) == 3 * 3      # 96 samples / 32 = 3 batches, x 3 epochs
    assert list(batch_line.get_xdata()[:3]) == pytest.approx([1 / 3, 2 / 3, 1.0])
    assert fig.get_suptitle().startswith("epoch 3/3")


def test_early_stop_is_reported_in_the_summary(capsys):
    class StopAfterTwo(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            if epoch == 1:
                self.model.stop_training = True
    x, y = make_moons(64, seed=1)
    live = LivePlot(update_every=0)
    _model().fit(x, y, epochs=10, verbose=0, callbacks=[StopAfterTwo(), live])
    assert "2 of 10 epochs (stopped early)" in capsys.readouterr().out
    assert all(len(line.get_xdata()) == 2 for line in live.figure.axes[0].get_lines())


# ---- in a real Jupyter kernel ------------------------------------------------------
CELL = """
import time
import numpy as np, kerasedu as keras
from kerasedu.widgets import LivePlot, make_moons
x, y = make_moons(2000, seed=0)
model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(32, activation="tanh"),
                          keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print("before fit")
live = LivePlot(update_every=5, min_interval=0.05)
# a few ms per batch, as a bigger model would take: the run lasts a few seconds
slow = keras.callbacks.LambdaCallback(on_train_batch_end=lambda batch, logs: time.sleep(0.004))
model.fit(x, y, epochs=8, batch_size=16, validation_split=0.2, verbose=0, callbacks=[slow, live])
"""


def test_in_a_kernel_one_display_is_updated_in_place(tmp_path, monkeypatch):
    jupyter_client = pytest.importorskip("jupyter_client")
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3", cwd=str(tmp_path))
    try:
        msg_id = kc.execute(CELL)
        messages, deadline = [], time.time() + 120
        while time.time() < deadline:
            msg = kc.get_iopub_msg(timeout=deadline - time.time())
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        reply = kc.get_shell_msg(timeout=10)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    kinds = [m["msg_type"] for m in messages]
    assert "clear_output" not in kinds                    # no flicker, other output stays
    shown = [m for m in messages if m["msg_type"] == "display_data"]
    updates = [m for m in messages if m["msg_type"] == "update_display_data"]
    assert len(shown) == 1, kinds                          # one picture ...
    display_id = shown[0]["content"]["transient"]["display_id"]
    assert len(updates) >= 3                               # ... replaced in place several times
    assert {u["content"]["transient"]["display_id"] for u in updates} == {display_id}
    pictures = [base64.b64decode(m["content"]["data"]["image/png"]) for m in shown + updates]
    assert all(p[:4] == b"\x89PNG" for p in pictures)
    assert len(set(pictures)) == len(pictures)             # each update shows something new
    text = "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")
    assert text.startswith("before fit")                   # the cell's own output is kept
    assert "LivePlot: 8 epochs in" in text and "val_accuracy:" in text
