"""Broken, foreign or hostile files give clear errors and never run code."""
import io
import json
import zipfile

import numpy as np
import pytest

from kerasedu.saving import load_model
from saving_helpers import make_sequential


@pytest.fixture
def saved(tmp_path):
    """A good .keras file and the contents of its members."""
    path = tmp_path / "good.keras"
    make_sequential().save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return path, members


def write_zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.keras"
    path.write_text("just some text")
    with pytest.raises(ValueError, match=rf"{path} is not a kerasedu .keras model file: it is "
                                         r"not a zip archive"):
        load_model(path)


def test_truncated_file(saved, tmp_path):
    path, _ = saved
    data = path.read_bytes()
    for keep in (len(data) // 2, len(data) - 10, 100):
        cut = tmp_path / f"cut{keep}.keras"
        cut.write_bytes(data[:keep])
        with pytest.raises(ValueError, match=str(cut)):
            load_model(cut)


def test_damaged_bytes_inside_the_weights(saved, tmp_path):
    path, members = saved
    data = bytearray(path.read_bytes())
    start = data.find(b"model.weights.npz") + 100      # inside the stored weights
    data[start:start + 50] = bytes(50)
    damaged = tmp_path / "damaged.keras"
    damaged.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"damaged"):
        load_model(damaged)


def test_zip_without_config(saved, tmp_path):
    _, members = saved
    path = write_zip(tmp_path / "partial.keras", {k: v for k, v in members.items()
                                                  if k != "config.json"})
    with pytest.raises(ValueError, match=r"no 'config.json'"):
        load_model(path)


def test_bad_json(saved, tmp_path):
    _, members = saved
    path = write_zip(tmp_path / "bad.keras", {**members, "config.json": b"{not json"})
    with pytest.raises(ValueError, match=r"'config.json' is not valid JSON"):
        load_model(path)


def test_foreign_hdf5_file(tmp_path):
    path = tmp_path / "from_keras.weights.h5"
    path.write_bytes(b"\x89HDF\r\n\x1a\n" + bytes(100))
    model = make_sequential()
    with pytest.raises(ValueError, match=r"HDF5 file.*get_weights"):
        model.load_weights(path)
    keras_file = tmp_path / "from_keras.keras"
    keras_file.write_bytes(path.read_bytes())
    with pytest.raises(ValueError, match="HDF5"):
        load_model(keras_file)


def test_wrong_weight_shapes_name_the_layer(saved, tmp_path):
    _, members = saved
    with np.load(io.BytesIO(members["model.weights.npz"])) as npz:
        arrays = {k: npz[k] for k in npz.files}
    key = "0000/dense/kernel"
    assert arrays[key].shape == (4, 8)
    arrays[key] = np.zeros((5, 8), np.float32)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path = write_zip(tmp_path / "shapes.keras", {**members, "model.weights.npz": buffer.getvalue()})
    with pytest.raises(ValueError, match=r"Layer 'dense' weight 'dense/kernel' expects shape "
                                         r"\(4, 8\), but .* holds shape \(5, 8\)"):
        load_model(path)


class _OpensAFile:
    """Unpickling this calls open(path, "w"): proof that pickled code ran."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_pickled_arrays_are_refused_and_never_run(saved, tmp_path):
    _, members = saved
    marker = tmp_path / "code_ran.txt"
    hostile = np.empty(1, dtype=object)
    hostile[0] = _OpensAFile(str(marker))
    buffer = io.BytesIO()
    np.savez(buffer, **{"0000/dense/kernel": hostile})          # an object array: a pickle
    path = write_zip(tmp_path / "hostile.keras", {**members, "model.weights.npz": buffer.getvalue()})
    with pytest.raises(ValueError, match="damaged or holds something other than plain arrays"):
        load_model(path)
    assert not marker.exists()


@pytest.mark.parametrize("class_name, module", [("os.system", "os"), ("system", "os"),
                                                ("eval", "builtins"), ("Layer.__subclasses__", "")])
def test_unregistered_class_names_are_refused(saved, tmp_path, class_name, module):
    _, members = saved
    config = json.loads(members["config.json"])
    config["config"]["layers"][1].update(class_name=class_name, module=module)
    path = write_zip(tmp_path / "hostile.keras", {**members,
                                                  "config.json": json.dumps(config).encode()})
    with pytest.raises(ValueError, match=rf"Unknown layer class '{class_name}'"):
        load_model(path)


def test_hostile_compile_settings_are_refused(saved, tmp_path):
    _, members = saved
    config = json.loads(members["config.json"])
    config["compile_config"]["loss"] = {"class_name": "system", "config": {"command": "true"}}
    path = write_zip(tmp_path / "hostile.keras", {**members,
                                                  "config.json": json.dumps(config).encode()})
    with pytest.raises(ValueError, match=r"Unknown loss class 'system'"):
        load_model(path)


def test_missing_file_and_wrong_extension(tmp_path):
    with pytest.raises(FileNotFoundError, match="File not found"):
        load_model(tmp_path / "nothing.keras")
    other = tmp_path / "model.pkl"
    other.write_bytes(b"whatever")
    with pytest.raises(ValueError, match="File format not supported"):
        load_model(other)
    folder = tmp_path / "saved_model.keras"
    folder.mkdir()
    with pytest.raises(ValueError, match="is a folder"):
        load_model(folder)
