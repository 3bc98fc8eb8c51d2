"""A save that dies half-way leaves the previous file intact (temporary file + os.replace)."""
import os
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from kerasedu.saving import load_model
from kerasedu.utils.atomic import atomic_write

CHILD_SETUP = """
import os, sys, time
import numpy as np
import kerasedu as keras

def model_filled_with(value, units):
    model = keras.Sequential([keras.Input(shape=(units,)), keras.layers.Dense(units)])
    model.set_weights([np.full(w.shape, value, np.float32) for w in model.get_weights()])
    return model
"""


def start_child(script: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD_SETUP + textwrap.dedent(script)],
                            stdout=subprocess.PIPE, text=True)


def constant_value(path) -> float:
    """Load the model and check every weight holds one value; return it."""
    values = {float(v) for w in load_model(path).get_weights() for v in np.unique(w)}
    assert len(values) == 1, values
    return values.pop()


def test_killed_between_writing_and_renaming(tmp_path):
    path = tmp_path / "model.keras"
    child = start_child(f"""
        path = r"{path}"
        model_filled_with(1.0, 8).save(path)              # the good, previous checkpoint
        real_replace = os.replace
        def stall_then_replace(src, dst):                 # the new file is complete, not renamed
            print("WRITTEN", flush=True)
            time.sleep(60)
            real_replace(src, dst)
        os.replace = stall_then_replace
        model_filled_with(2.0, 8).save(path)
    """)
    try:
        assert child.stdout.readline().strip() == "WRITTEN"
        temporary = [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]
        assert len(temporary) == 1 and temporary[0].startswith(".model.keras.")
        child.kill()                                       # SIGKILL: no cleanup code runs
    finally:
        child.kill()
        child.wait(timeout=30)
    assert constant_value(path) == 1.0                     # the previous file, intact
    assert sorted(os.listdir(tmp_path))[-1] == "model.keras"


def test_killed_at_random_moments_while_saving_in_a_loop(tmp_path):
    path = tmp_path / "big.keras"
    rng = np.random.default_rng(0)
    for attempt in range(3):
        child = start_child(f"""
            model = model_filled_with(0.0, 700)            # ~490k weights, ~2 MB a save
            for k in range(1, 10_000):
                model.set_weights([np.full(w.shape, k, np.float32) for w in model.get_weights()])
                model.save(r"{path}")
                print(k, flush=True)
        """)
        try:
            int(child.stdout.readline())                   # at least one complete save
            start = time.monotonic()
            printed = [int(child.stdout.readline())]
            one_save = time.monotonic() - start
            time.sleep(rng.uniform(0, one_save))           # somewhere inside a later save
            child.kill()
            last = max(printed + [int(k) for k in child.stdout.read().split()])
        finally:
            child.kill()
            child.wait(timeout=30)
        value = constant_value(path)                       # loadable, and one whole version
        assert last <= value <= last + 1


def test_an_error_while_writing_keeps_the_old_file(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError, match="disk full"):
        with atomic_write(path) as f:
            f.write(b"half of the new")
            raise RuntimeError("disk full")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["notes.txt"]           # the temporary file is gone
