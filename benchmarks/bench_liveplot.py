"""What does LivePlot cost? Time per epoch of fit with and without it, as a ratio.

    python benchmarks/bench_liveplot.py [--epochs 3] [--samples 20000]

Measured where LivePlot really draws: inside a Jupyter kernel (started with
jupyter_client), where every picture is rendered to PNG and sent through a
display handle, exactly as in JupyterLab. The model is the seed's MNIST MLP
(784 -> 128 relu -> 10 softmax) on random float32 data, batch 32, with a
10% validation split; LivePlot adds a point every 10 batches and draws at
most every 0.2 s (or 5x its drawing time). Best of --repeats alternating runs.
Numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time

CELL = """
import json, time
import numpy as np, kerasedu as keras
from kerasedu.widgets import LivePlot
rng = np.random.default_rng(0)
x = rng.random(({samples}, 784), dtype=np.float32)
y = rng.integers(0, 10, {samples})
def epoch_seconds(callbacks):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(128, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    model.fit(x, y, epochs={epochs}, batch_size=32, validation_split=0.1, verbose=0,
              callbacks=callbacks)
    return (time.perf_counter() - start) / {epochs}
epoch_seconds([])                                    # warm-up: imports, caches
plain, with_plot, pictures, drawing = [], [], [], []
for _ in range({repeats}):      # alternate, so a busy moment of the machine hits both sides
    plain.append(epoch_seconds([]))
    live = LivePlot(update_every=10, summary=False)
    with_plot.append(epoch_seconds([live]))
    pictures.append(live.draw_count)
    drawing.append(live.seconds_drawing / {epochs})
best = min(range({repeats}), key=lambda i: with_plot[i])
print("RESULT" + json.dumps({{"plain": min(plain), "liveplot": with_plot[best],
                              "pictures": pictures[best], "drawing": drawing[best]}}))
"""


def run_in_kernel(code: str, timeout: float = 900.0) -> str:
    """Execute code in a fresh python3 kernel; return what it printed."""
    import jupyter_client
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3",
                                                     cwd=tempfile.gettempdir())
    try:
        msg_id = kc.execute(code)
        out, deadline = [], time.time() + timeout
        while time.time() < deadline:
            msg = kc.get_iopub_msg(timeout=deadline - time.time())
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                break
        return "".join(out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    printed = run_in_kernel(CELL.format(epochs=args.epochs, samples=args.samples,
                                        repeats=args.repeats))
    result = json.loads(printed.split("RESULT", 1)[1])
    steps = int(args.samples * 0.9 + 31) // 32
    print(f"MLP 784-128-10, {args.samples} samples ({steps} steps/epoch), {args.epochs} epochs, "
          f"in a Jupyter kernel")
    print(f"  no callback   {result['plain']:7.3f} s/epoch")
    print(f"  LivePlot      {result['liveplot']:7.3f} s/epoch   "
          f"({result['pictures']} pictures sent, {result['drawing']:.3f} s/epoch drawing them)")
    print(f"  ratio         {result['liveplot'] / result['plain']:7.3f}x")


if __name__ == "__main__":
    main()
