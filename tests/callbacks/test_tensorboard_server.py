"""The real TensorBoard server reads what the callback wrote (through its HTTP API)."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytest.importorskip("tensorboard")

from kerasedu.callbacks.tensorboard import TensorBoard  # noqa: E402
from callback_helpers import data, make_model  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str, points: int, timeout: float = 60.0):
    """Poll ``url`` until it answers with ``points`` points (the server loads lazily)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                data = json.loads(response.read())
            if len(data) >= points:
                return data
        except (urllib.error.URLError, ConnectionError, json.JSONDecodeError) as error:
            last = error
        time.sleep(0.5)
    raise TimeoutError(f"TensorBoard did not serve {url} within {timeout} s (last: {last!r})")


def test_tensorboard_serves_the_logged_scalars(tmp_path):
    x, y = data()
    history = make_model().fit(x, y, epochs=3, validation_split=0.25, verbose=0,
                               callbacks=[TensorBoard(tmp_path / "logs")])
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", "--logdir", str(tmp_path / "logs"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/data/plugin/scalars/scalars"
        train = get_json(f"{base}?run=train&tag=epoch_loss", points=3)
        validation = get_json(f"{base}?run=validation&tag=epoch_loss", points=3)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    # each point is [wall_time, step, value]
    assert [step for _, step, _ in train] == [0, 1, 2]
    assert [value for _, _, value in train] == pytest.approx(history.history["loss"], rel=1e-6)
    assert [value for _, _, value in validation] == pytest.approx(history.history["val_loss"],
                                                                 rel=1e-6)
