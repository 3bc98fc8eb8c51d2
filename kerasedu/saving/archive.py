"""The zip files kerasedu saves, and reading them back without trusting them.

A ``.keras`` file is a zip archive, as in Keras 3::

    metadata.json        who wrote it and when (+ the random generator state)
    config.json          the architecture and the compile settings (JSON)
    model.weights.npz    every weight, in ``model.weights`` order (NumPy .npz)
    optimizer.npz        the optimizer's step count and state arrays

Keras stores the weights as HDF5 (``model.weights.h5``); kerasedu uses
NumPy's ``.npz`` so that NumPy alone can read them.

Reading is safe: JSON is only data, and ``np.load(..., allow_pickle=False)``
refuses pickled objects, so nothing in a file can run code. Anything wrong
with the file (not a zip, truncated, a member missing or damaged) becomes a
ValueError that names the file and the problem.

>>> import io, numpy as np
>>> data = npz_bytes({"0000/dense/kernel": np.ones((2, 3), np.float32)})
>>> read_npz_bytes(data, "example.keras", "model.weights.npz")["0000/dense/kernel"].shape
(2, 3)
"""
from __future__ import annotations

import io
import json
import os
import zipfile
import zlib
from typing import Optional, Union

import numpy as np

from kerasedu.utils.atomic import atomic_write

_HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


def write_archive(path: Union[str, os.PathLike], members: dict, overwrite: bool = True) -> None:
    """Write a zip holding ``members`` (name -> bytes), atomically."""
    with atomic_write(path, overwrite=overwrite) as f:
        # ZIP_STORED: the arrays hardly compress, and storing them is fast
        with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)


def open_archive(path: Union[str, os.PathLike], kind: str = "kerasedu file") -> zipfile.ZipFile:
    """Open a saved file for reading, or explain why it is not one."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"File not found: filepath={path}. Please ensure the file is "
                                f"an accessible `.keras` or `.weights.h5` file.")
    if os.path.isdir(path):
        raise ValueError(f"{path} is a folder, not a {kind}. (TensorFlow SavedModel folders "
                         f"cannot be read by kerasedu.) Give the path of a `.keras` file.")
    with open(path, "rb") as f:
        head = f.read(8)
    if head == _HDF5_SIGNATURE:
        raise ValueError(
            f"{path} is an HDF5 file, written by real Keras (legacy `.h5` model or a "
            f"`.weights.h5` weights file). kerasedu cannot read HDF5. To move weights from Keras "
            f"to kerasedu, build the same model in both, then in Keras: "
            f"`np.savez('w.npz', *model.get_weights())`, and in kerasedu: "
            f"`data = np.load('w.npz'); model.set_weights([data[k] for k in data.files])`.")
    if not zipfile.is_zipfile(path):
        raise ValueError(f"{path} is not a {kind}: it is not a zip archive. It may be "
                         f"truncated (an interrupted save, copy or download) or a different kind "
                         f"of file. Save it again with model.save('....keras').")
    try:
        return zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"{path} is a damaged zip archive ({error}).") from error


def read_member(archive: zipfile.ZipFile, name: str, path: str, required: bool = True) -> Optional[bytes]:
    """The bytes of one member; a clear error if it is missing or damaged."""
    if name not in archive.namelist():
        if not required:
            return None
        raise ValueError(f"{path} is not a complete kerasedu file: it has no '{name}' (it holds "
                         f"{sorted(archive.namelist())}). It may have been written by another "
                         f"program, or damaged.")
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise ValueError(f"{path}: '{name}' is damaged ({error}). The file was probably "
                         f"changed or truncated after it was saved.") from error


def read_json(archive: zipfile.ZipFile, name: str, path: str, required: bool = True) -> Optional[dict]:
    """A JSON member, parsed; it must be a JSON object."""
    data = read_member(archive, name, path, required)
    if data is None:
        return None
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: '{name}' is not valid JSON ({error}). The file is damaged "
                         f"or was not written by kerasedu.") from error
    if not isinstance(value, dict):
        raise ValueError(f"{path}: '{name}' should hold a JSON object, found "
                         f"{type(value).__name__}.")
    return value


def npz_bytes(arrays: dict) -> bytes:
    """Arrays (name -> array) as the bytes of a ``.npz`` file."""
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def read_npz_bytes(data: bytes, path: str, name: str) -> dict:
    """Arrays from ``.npz`` bytes, without pickles; only plain numbers are accepted."""
    arrays = {}
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            for key in npz.files:
                arrays[key] = npz[key]
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as error:
        raise ValueError(f"{path}: '{name}' is damaged or holds something other than plain "
                         f"arrays ({error}).") from error
    for key, array in arrays.items():
        if array.dtype.kind not in "biuf":
            raise ValueError(f"{path}: '{name}' entry '{key}' has dtype {array.dtype}; weights "
                             f"must be numbers.")
    return arrays


def read_npz(archive: zipfile.ZipFile, name: str, path: str, required: bool = True) -> Optional[dict]:
    data = read_member(archive, name, path, required)
    return None if data is None else read_npz_bytes(data, path, name)
