"""Train 2 epochs, save, load, train 3 more == train 5 epochs in one go, bit for bit."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kerasedu as keras
from kerasedu.callbacks.model_checkpoint import ModelCheckpoint
from kerasedu.saving import load_model
from kerasedu.utils import random as krandom
from kerasedu.utils import set_random_seed
from saving_helpers import assert_same_weights

SEED = 7


def make_model(dropout_seed=None):
    """Shuffling, Dropout and Adam: all three must be restored for an exact resume."""
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dropout(0.3, seed=dropout_seed), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    return model


@pytest.fixture
def regression_data():
    rng = np.random.default_rng(5)
    x = rng.standard_normal((60, 4)).astype(np.float32)
    return x, (x @ np.array([[1.0], [-1.0], [2.0], [0.5]], np.float32)).astype(np.float32)


def five_epochs_in_one_go(x, y, **model_kwargs):
    set_random_seed(SEED)
    model = make_model(**model_kwargs)
    model.fit(x, y, batch_size=8, epochs=5, verbose=0)
    return model


def disturb_the_random_generator():
    """As if a new Python session, or other work, happened between save and load."""
    set_random_seed(12345)
    krandom.generator().random(1000)


@pytest.mark.parametrize("dropout_seed", [None, 3])
def test_resume_after_save_and_load_is_exact(regression_data, tmp_path, dropout_seed):
    x, y = regression_data
    reference = five_epochs_in_one_go(x, y, dropout_seed=dropout_seed)
    set_random_seed(SEED)
    model = make_model(dropout_seed=dropout_seed)
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    model.save(tmp_path / "after2.keras")
    disturb_the_random_generator()
    resumed = load_model(tmp_path / "after2.keras")
    resumed.fit(x, y, batch_size=8, initial_epoch=2, epochs=5, verbose=0)
    assert_same_weights(reference, resumed)
    assert resumed.optimizer.iterations == reference.optimizer.iterations == 5 * 8


def test_the_random_state_is_what_makes_it_exact(regression_data, tmp_path):
    x, y = regression_data
    reference = five_epochs_in_one_go(x, y)
    set_random_seed(SEED)
    model = make_model()
    model.fit(x, y, batch_size=8, epochs=2, verbose=0)
    model.save(tmp_path / "after2.keras")
    resumed = load_model(tmp_path / "after2.keras")
    disturb_the_random_generator()                    # after loading: other batches, other masks
    resumed.fit(x, y, batch_size=8, initial_epoch=2, epochs=5, verbose=0)
    assert not np.array_equal(resumed.get_weights()[0], reference.get_weights()[0])


def test_resume_from_a_model_checkpoint(regression_data, tmp_path):
    x, y = regression_data
    set_random_seed(SEED)
    reference = make_model()
    reference.fit(x, y, batch_size=8, epochs=5, verbose=0,
                  callbacks=[ModelCheckpoint(str(tmp_path / "ckpt-{epoch}.keras"), monitor="loss")])
    disturb_the_random_generator()
    resumed = load_model(tmp_path / "ckpt-2.keras")
    resumed.fit(x, y, batch_size=8, initial_epoch=2, epochs=5, verbose=0)
    assert_same_weights(reference, resumed)


def test_resume_in_a_new_python_process(regression_data, tmp_path):
    x, y = regression_data
    np.savez(tmp_path / "data.npz", x=x, y=y)
    set_random_seed(SEED)
    reference = make_model()
    reference.fit(x, y, batch_size=8, epochs=5, verbose=0,
                  callbacks=[ModelCheckpoint(str(tmp_path / "ckpt-{epoch}.keras"), monitor="loss")])
    script = textwrap.dedent(f"""
        import numpy as np
        from kerasedu.saving import load_model
        data = np.load(r"{tmp_path / 'data.npz'}")
        model = load_model(r"{tmp_path / 'ckpt-3.keras'}")
        model.fit(data["x"], data["y"], batch_size=8, initial_epoch=3, epochs=5, verbose=0)
        np.savez(r"{tmp_path / 'resumed.npz'}", *model.get_weights())
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    with np.load(tmp_path / "resumed.npz") as resumed:
        weights = [resumed[f"arr_{i}"] for i in range(len(resumed.files))]
    assert all(np.array_equal(a, b) for a, b in zip(weights, reference.get_weights()))
