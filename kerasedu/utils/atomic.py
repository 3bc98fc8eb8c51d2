"""Writing a file so that it is either the old one or the complete new one, never half.

A crash (or Ctrl-C, or a full disk) in the middle of ``open(path, "wb").write(...)``
leaves a damaged file under the real name, and the last good checkpoint is
gone. The cure is old and simple:

1. write everything to a temporary file in the same folder;
2. flush it to the disk (``fsync``);
3. rename it over the real name with ``os.replace``, which is atomic: anyone
   opening ``path`` sees the old file or the new one, nothing in between.

The temporary file must be in the same folder: a rename is only atomic within
one file system.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "notes.txt")
>>> with atomic_write(path) as f:
...     _ = f.write(b"all or nothing")
>>> open(path, "rb").read()
b'all or nothing'
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from typing import BinaryIO, Iterator, Union


@contextlib.contextmanager
def atomic_write(path: Union[str, os.PathLike], overwrite: bool = True) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on success it replaces ``path`` in one step.

    Args:
        path: the final file name. Its folder is created if missing.
        overwrite: False raises FileExistsError if ``path`` already exists.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    path = os.fspath(path)
    if not overwrite and os.path.exists(path):
        raise FileExistsError(f"{path} already exists and overwrite=False. Pass "
                              f"overwrite=True to replace it, or choose another file name.")
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())          # the bytes are on disk before the name points at them
        os.chmod(tmp, 0o644)              # mkstemp makes owner-only files; saved models are shared
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    _sync_folder(folder)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); not possible, nor needed, on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
