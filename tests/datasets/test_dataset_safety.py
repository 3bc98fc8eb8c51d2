"""A tampered dataset file must not run code or write outside the cache."""
import io
import os
import pickle
import tarfile
import zipfile

import numpy as np
import pytest

from kerasedu.datasets._safe_pickle import RestrictedUnpickler, load_npz, load_pickle
from kerasedu.utils.file_utils import extract_archive


class _Evil:
    """Unpickling this would call os.system: the classic pickle attack."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_a_pickle_that_runs_a_command_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    batch = tmp_path / "data_batch_1"
    evil = {b"data": np.zeros((1, 3072), np.uint8), b"labels": [_Evil(marker)]}
    batch.write_bytes(pickle.dumps(evil, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match="system"):
        load_pickle(batch)
    assert not marker.exists()


def test_a_cifar_style_batch_loads(tmp_path):
    # Python 3 writes bytes at protocol 2 through _codecs.encode: allowed, latin1 only.
    batch = tmp_path / "data_batch_1"
    data = np.arange(2 * 3072, dtype=np.uint8).reshape(2, 3072)
    batch.write_bytes(pickle.dumps({b"batch_label": b"x", b"data": data, b"labels": [3, 4]}, protocol=2))
    loaded = load_pickle(batch)
    assert np.array_equal(loaded[b"data"], data) and loaded[b"labels"] == [3, 4]
    assert loaded[b"batch_label"] == b"x"


def test_codecs_encode_with_another_codec_is_refused():
    payload = pickle.dumps((b"abc",), protocol=2).replace(b"latin1", b"rot_13")
    with pytest.raises(pickle.UnpicklingError, match="rot_13"):
        RestrictedUnpickler(io.BytesIO(payload)).load()


def test_npz_object_arrays_load_and_malicious_ones_do_not(tmp_path):
    good = np.empty(2, dtype=object)
    good[:] = [[1, 2], [3]]
    np.savez(tmp_path / "good.npz", x=good, y=np.arange(3, dtype=np.int64))
    arrays = load_npz(tmp_path / "good.npz")
    assert arrays["x"].tolist() == [[1, 2], [3]] and arrays["y"].tolist() == [0, 1, 2]

    marker = tmp_path / "pwned"
    bad = np.empty(1, dtype=object)
    bad[0] = _Evil(marker)
    np.savez(tmp_path / "bad.npz", x=bad)
    with pytest.raises(pickle.UnpicklingError):
        load_npz(tmp_path / "bad.npz")
    assert not marker.exists()


def _tar(path, add):
    with tarfile.open(path, "w:gz") as archive:
        add(archive)


def _file(archive, name, data=b"x"):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


@pytest.mark.parametrize("name", ["../escaped.txt", "ok/../../escaped.txt", "/tmp/escaped-kerasedu.txt"])
def test_members_outside_the_folder_are_refused(tmp_path, name):
    archive = tmp_path / "a.tar.gz"
    _tar(archive, lambda t: (_file(t, "ok/fine.txt"), _file(t, name)))
    target = tmp_path / "out" / "a"
    with pytest.raises(ValueError, match="outside"):
        extract_archive(str(archive), str(target))
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "out" / "escaped.txt").exists()
    assert os.listdir(tmp_path / "out") == []  # no half-extracted or temporary folder


def test_links_are_refused(tmp_path):
    def add(archive):
        link = tarfile.TarInfo("data/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    _tar(tmp_path / "a.tar.gz", add)
    with pytest.raises(ValueError, match="link"):
        extract_archive(str(tmp_path / "a.tar.gz"), str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_zip_traversal_is_refused_and_good_zips_extract(tmp_path):
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as archive:
        archive.writestr("../escaped.txt", b"x")
    with pytest.raises(ValueError, match="outside"):
        extract_archive(str(tmp_path / "bad.zip"), str(tmp_path / "out"))
    with zipfile.ZipFile(tmp_path / "good.zip", "w") as archive:
        archive.writestr("d/a.txt", b"A")
    assert extract_archive(str(tmp_path / "good.zip"), str(tmp_path / "out"))
    assert (tmp_path / "out" / "d" / "a.txt").read_bytes() == b"A"
    assert not extract_archive(str(tmp_path / "good.zip"), str(tmp_path / "o2"), archive_format="tar")
    with pytest.raises(ValueError, match="archive_format"):
        extract_archive(str(tmp_path / "good.zip"), str(tmp_path / "o3"), archive_format="rar")
