"""save_weights / load_weights with Keras 3 file names (but NumPy data inside)."""
import zipfile

import numpy as np
import pytest

import kerasedu as keras
from saving_helpers import assert_same_weights, classification_data, make_sequential


def test_round_trip_into_a_fresh_model(tmp_path):
    x, y = classification_data()
    model = make_sequential()
    model.fit(x, y, epochs=1, verbose=0)
    path = tmp_path / "model.weights.h5"
    model.save_weights(path)
    fresh = make_sequential()                        # other layer names: dense_2, dense_3, ...
    assert fresh.layers[0].name != model.layers[0].name
    fresh.load_weights(path)
    assert_same_weights(model, fresh)
    assert np.array_equal(fresh.predict(x, verbose=0), model.predict(x, verbose=0))


def test_the_file_is_a_zip_of_npz_not_hdf5(tmp_path):
    path = tmp_path / "model.weights.h5"
    make_sequential().save_weights(path)
    assert path.read_bytes()[:2] == b"PK"            # a zip archive, readable by NumPy alone
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["metadata.json", "model.weights.npz"]


def test_weights_can_come_from_a_keras_file(tmp_path):
    model = make_sequential()
    model.fit(*classification_data(), epochs=1, verbose=0)
    model.save(tmp_path / "full.keras")
    fresh = make_sequential()
    fresh.load_weights(tmp_path / "full.keras")
    assert_same_weights(model, fresh)


def test_file_names_are_checked(tmp_path):
    model = make_sequential()
    with pytest.raises(ValueError, match=r"must end in `.weights.h5`"):
        model.save_weights(tmp_path / "model.npz")
    with pytest.raises(ValueError, match="File format not supported"):
        model.load_weights(tmp_path / "model.npz")
    model.save_weights(tmp_path / "w.weights.h5")
    with pytest.raises(FileExistsError):
        model.save_weights(tmp_path / "w.weights.h5", overwrite=False)


def test_a_different_architecture_is_refused_and_left_unchanged(tmp_path):
    make_sequential().save_weights(tmp_path / "w.weights.h5")
    wider = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3)])
    before = wider.get_weights()
    with pytest.raises(ValueError, match=r"weight 'dense_\d+/kernel' expects shape \(4, 16\), "
                                         r"but .* holds shape \(4, 8\) \(saved as 'dense/kernel'\)"):
        wider.load_weights(tmp_path / "w.weights.h5")
    assert all(np.array_equal(a, b) for a, b in zip(before, wider.get_weights()))
    deeper = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8),
                               keras.layers.Dense(8), keras.layers.Dense(3)])
    with pytest.raises(ValueError, match=r"holds 4 weight arrays, but model '.*' has 6 weights"):
        deeper.load_weights(tmp_path / "w.weights.h5")


def test_skip_mismatch_loads_what_fits(tmp_path):
    source = make_sequential()
    source.save_weights(tmp_path / "w.weights.h5")
    other = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8),
                              keras.layers.Dense(5)])                # a different head
    with pytest.warns(UserWarning, match="Skipped"):
        other.load_weights(tmp_path / "w.weights.h5", skip_mismatch=True)
    assert np.array_equal(other.get_weights()[0], source.get_weights()[0])
    assert other.get_weights()[2].shape == (8, 5)


def test_an_unbuilt_model_is_told_to_build_first(tmp_path):
    make_sequential().save_weights(tmp_path / "w.weights.h5")
    unbuilt = keras.Sequential([keras.layers.Dense(8), keras.layers.Dense(3)])
    with pytest.raises(ValueError, match="has no weights yet.*Build the model first"):
        unbuilt.load_weights(tmp_path / "w.weights.h5")
