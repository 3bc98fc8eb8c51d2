"""KERASEDU_DATA_MIRROR: fetch from a mirror, trust its SHA256SUMS only for copies it lists.

"Upstream" here is a path on the loopback server whose bytes the test knows;
the mirror serves the same name with the same or other bytes.
"""
import hashlib
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from kerasedu.datasets import _mirror, mnist
from kerasedu.datasets.__main__ import main
from kerasedu.utils.file_utils import HashMismatchError, MirrorCopyWarning, get_file, hash_file

UPSTREAM = b"the upstream bytes\n" * 1000
SHA256 = hashlib.sha256(UPSTREAM).hexdigest()
OTHER = b"the same data, saved differently\n" * 1000
OTHER_SHA256 = hashlib.sha256(OTHER).hexdigest()


@pytest.fixture
def mirror(server, monkeypatch):
    """The loopback server's /mirror/ folder, set as this test's mirror."""
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", server.url + "/mirror")
    return server


def test_a_mirror_with_upstream_bytes_needs_no_sha256sums(mirror, cache, recwarn):
    mirror.serve("/mirror/data.bin", mirror.Reply(UPSTREAM))
    path = get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=SHA256)
    assert hash_file(path) == SHA256
    assert mirror.requests == ["/mirror/data.bin"]  # upstream was never asked
    assert not [w for w in recwarn if issubclass(w.category, MirrorCopyWarning)]
    assert cache.files() == ["data.bin"]


def test_other_bytes_without_sha256sums_are_refused(mirror, cache):
    mirror.serve("/mirror/data.bin", mirror.Reply(OTHER))
    mirror.serve("/upstream/data.bin", mirror.Reply(UPSTREAM))
    with pytest.raises(HashMismatchError, match="does not list it"):
        get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=SHA256)
    assert "/upstream/data.bin" not in mirror.requests  # a bad mirror is reported, not routed around
    assert cache.files() == []


def test_other_bytes_listed_in_sha256sums_are_accepted_once_with_a_notice(mirror, cache):
    mirror.serve("/mirror/data.bin", mirror.Reply(OTHER))
    mirror.serve("/mirror/SHA256SUMS", mirror.Reply(f"{OTHER_SHA256}  data.bin\n".encode()))
    origin = mirror.url + "/upstream/data.bin"
    with pytest.warns(MirrorCopyWarning, match="differs from upstream"):
        path = get_file("data.bin", origin=origin, file_hash=SHA256)
    assert open(path, "rb").read() == OTHER
    assert cache.files() == ["data.bin", "data.bin.sha256"]  # the note of what was verified
    asked = len(mirror.requests)
    assert get_file("data.bin", origin=origin, file_hash=SHA256) == path
    assert len(mirror.requests) == asked  # not downloaded again


def test_a_sha256sums_line_with_another_hash_is_refused(mirror, cache):
    mirror.serve("/mirror/data.bin", mirror.Reply(OTHER))
    mirror.serve("/mirror/SHA256SUMS", mirror.Reply(f"{'0' * 64}  data.bin\n".encode()))
    with pytest.raises(HashMismatchError, match="lists sha256 0000"):
        get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=SHA256)
    assert cache.files() == []


def test_a_mirror_copy_does_not_stand_in_for_another_expected_hash(mirror, cache):
    mirror.serve("/mirror/data.bin", mirror.Reply(OTHER))
    mirror.serve("/mirror/SHA256SUMS", mirror.Reply(f"{OTHER_SHA256}  data.bin\n".encode()))
    with pytest.warns(MirrorCopyWarning):
        get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=SHA256)
    new_upstream = hashlib.sha256(b"v2").hexdigest()
    mirror.serve("/mirror/data.bin", mirror.Reply(b"v2"))
    path = get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=new_upstream)
    assert open(path, "rb").read() == b"v2"
    assert cache.files() == ["data.bin"]  # the old note went with the old file


def test_a_file_missing_from_the_mirror_comes_from_upstream(mirror, cache):
    mirror.serve("/upstream/data.bin", mirror.Reply(UPSTREAM))
    path = get_file("data.bin", origin=mirror.url + "/upstream/data.bin", file_hash=SHA256)
    assert hash_file(path) == SHA256
    assert mirror.requests == ["/mirror/data.bin", "/upstream/data.bin"]


def test_subfolders_of_datasets_are_folders_on_the_mirror(mirror, cache):
    mirror.serve("/mirror/fashion-mnist/t10k.gz", mirror.Reply(UPSTREAM))
    subdir = os.path.join("datasets", "fashion-mnist")
    get_file("t10k.gz", origin="http://127.0.0.1:1/x/t10k.gz", cache_subdir=subdir, file_hash=SHA256)
    assert mirror.requests == ["/mirror/fashion-mnist/t10k.gz"]
    assert cache.files() == ["fashion-mnist/t10k.gz"]


def test_a_local_folder_works_as_a_mirror(tmp_path, monkeypatch, cache):
    folder = tmp_path / "usb stick"  # a space, to check the path becomes a proper URL
    folder.mkdir()
    (folder / "data.bin").write_bytes(OTHER)
    (folder / "SHA256SUMS").write_text(f"{OTHER_SHA256} *data.bin\n")  # binary-mode marker
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", str(folder))
    with pytest.warns(MirrorCopyWarning):
        path = get_file("data.bin", origin="http://127.0.0.1:1/data.bin", file_hash=SHA256)
    assert open(path, "rb").read() == OTHER


@pytest.fixture
def served(tmp_path):
    """``make_server`` on a folder, on 127.0.0.1; yields (folder, base URL)."""
    folder = tmp_path / "classroom"
    (folder / "fashion-mnist").mkdir(parents=True)
    (folder / "data.bin").write_bytes(OTHER)
    (folder / "fashion-mnist" / "a.gz").write_bytes(UPSTREAM)
    (folder / "data.bin.sha256").write_text("a sidecar note, not data\n")
    (folder / ".data.bin.123.part").write_bytes(b"half a download")
    httpd = _mirror.make_server(str(folder), host="127.0.0.1", port=0)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_serve_lists_the_data_files_in_sha256sums(served):
    folder, url = served
    sums = urllib.request.urlopen(url + "/SHA256SUMS", timeout=5).read().decode()
    assert sums == f"{OTHER_SHA256}  data.bin\n{SHA256}  fashion-mnist/a.gz\n"
    assert (folder / "SHA256SUMS").read_text() == sums  # also saved for copying along
    assert urllib.request.urlopen(url + "/fashion-mnist/a.gz", timeout=5).read() == UPSTREAM


def test_learners_download_through_a_served_folder(served, monkeypatch, cache):
    _, url = served
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", url)
    with pytest.warns(MirrorCopyWarning):
        path = get_file("data.bin", origin="http://127.0.0.1:1/data.bin", file_hash=SHA256)
    assert open(path, "rb").read() == OTHER


def test_a_teachers_cache_serves_mnist_to_a_learner(real_mirror, tmp_path, monkeypatch):
    with pytest.warns(MirrorCopyWarning):  # the shared mnist.npz is not upstream's bytes
        (_, y_teacher), _ = mnist.load_data()
    teacher_cache = Path(os.environ["KERASEDU_HOME"]) / "datasets"
    httpd = _mirror.make_server(str(teacher_cache), host="127.0.0.1", port=0)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        learner_home = tmp_path / "learner"
        monkeypatch.setenv("KERASEDU_HOME", str(learner_home))
        monkeypatch.setenv("KERASEDU_DATA_MIRROR", f"http://127.0.0.1:{httpd.server_address[1]}/")
        with pytest.warns(MirrorCopyWarning):
            (_, y_learner), _ = mnist.load_data()
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (y_learner == y_teacher).all()
    assert sorted(p.name for p in (learner_home / "datasets").iterdir()) == ["mnist.npz", "mnist.npz.sha256"]


def test_cli_download_fills_the_cache(real_mirror, cache, capsys):
    main(["download", "boston-housing"])
    assert cache.files() == ["boston_housing.npz"]
    assert "boston-housing: " in capsys.readouterr().out
    with pytest.raises(SystemExit, match="Unknown dataset 'nope'"):
        main(["download", "nope"])


def test_cli_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "kerasedu.datasets", "serve", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--port" in result.stdout and "--dir" in result.stdout
