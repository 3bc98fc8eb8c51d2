"""Read the pickles inside CIFAR and IMDB without letting them run code.

A pickle is a small program: loading one may call any function it names
(``os.system`` included). CIFAR-10's batches are pickled dicts, and IMDB's
``.npz`` keeps its ragged reviews as pickled object arrays. So we unpickle
with a ``find_class`` that hands out only the few things a NumPy array needs;
any other name stops the load with an error.

>>> import io, pickle
>>> import numpy as np
>>> RestrictedUnpickler(io.BytesIO(pickle.dumps({"x": np.arange(3)}))).load()["x"]
array([0, 1, 2])
>>> RestrictedUnpickler(io.BytesIO(pickle.dumps(print))).load()  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
pickle.UnpicklingError: Refusing to unpickle builtins.print: ...
"""
from __future__ import annotations

import io
import os
import pickle
import zipfile
from typing import Any, BinaryIO, Dict, Union

import numpy as np

try:  # NumPy 2 moved numpy.core to numpy._core; files name either
    from numpy._core.multiarray import _reconstruct
except ImportError:  # NumPy 1.x
    from numpy.core.multiarray import _reconstruct


def _latin1_encode(text: str, encoding: str = "utf-8") -> bytes:
    """Python 3 pickles ``bytes`` for protocol 2 as ``_codecs.encode(text, "latin1")``."""
    if encoding not in ("latin1", "latin-1"):
        raise pickle.UnpicklingError(f"Refusing _codecs.encode with encoding {encoding!r}; "
                                     "only latin1 is expected.")
    return text.encode("latin1")


# The only globals an array (or a dict of arrays, lists and bytes) refers to.
_ALLOWED = {
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
    ("numpy.core.multiarray", "_reconstruct"): _reconstruct,
    ("numpy._core.multiarray", "_reconstruct"): _reconstruct,
    ("_codecs", "encode"): _latin1_encode,
}


class RestrictedUnpickler(pickle.Unpickler):
    """An unpickler that can build NumPy arrays, lists, dicts, str and bytes, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"Refusing to unpickle {module}.{name}: a dataset file needs only NumPy arrays, "
                "so it may be corrupted or malicious.") from None


def load_pickle(path: Union[str, os.PathLike], encoding: str = "bytes") -> Any:
    """Unpickle a file safely.

    ``encoding="bytes"`` reads Python 2 strings (as in CIFAR's batches) as bytes.
    """
    with open(path, "rb") as f:
        return RestrictedUnpickler(f, encoding=encoding).load()


def _read_npy(f: BinaryIO) -> np.ndarray:
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, _fortran_order, dtype = np.lib.format.read_array_header_1_0(f)
    else:  # 2.0 and 3.0 have the same layout; 3.0 only allows utf-8 in the header
        shape, _fortran_order, dtype = np.lib.format.read_array_header_2_0(f)
    if not dtype.hasobject:  # plain numbers: NumPy's own reader, pickles off
        f.seek(0)
        return np.lib.format.read_array(f, allow_pickle=False)
    array = RestrictedUnpickler(f).load()  # an object array is stored as one pickle
    if not isinstance(array, np.ndarray) or array.shape != shape:
        raise ValueError(f"The object array in this .npz is malformed: expected shape {shape}.")
    return array


def load_npz(path: Union[str, os.PathLike]) -> Dict[str, np.ndarray]:
    """Like ``dict(np.load(path, allow_pickle=True))``, but pickles cannot run code."""
    arrays = {}
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.endswith(".npy"):
                with archive.open(member) as raw:
                    arrays[member[: -len(".npy")]] = _read_npy(io.BytesIO(raw.read()))
    return arrays
