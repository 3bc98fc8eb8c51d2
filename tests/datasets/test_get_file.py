"""get_file against a real HTTP server on 127.0.0.1: download, verify, cache, fail well.

After every test the cache holds verified files or nothing: no partial or
temporary file may be left behind.
"""
import hashlib
import io
import os
import signal
import sys
import tarfile
import threading
import time

import pytest

from kerasedu.utils.file_utils import DownloadError, HashMismatchError, get_file, hash_file

PAYLOAD = bytes(range(256)) * 1000  # 256 kB: several chunks, so progress and cuts are real
SHA256 = hashlib.sha256(PAYLOAD).hexdigest()
MD5 = hashlib.md5(PAYLOAD).hexdigest()


def test_downloads_verifies_and_then_uses_the_cache(server, cache):
    url = server.serve("/data.bin", server.Reply(PAYLOAD))
    path = get_file("data.bin", origin=url, file_hash=SHA256)
    assert path == str(cache.root / "data.bin")
    assert open(path, "rb").read() == PAYLOAD
    assert get_file("data.bin", origin=url, file_hash=SHA256) == path
    assert server.requests == ["/data.bin"]  # the second call read the cache
    assert cache.files() == ["data.bin"]


def test_fname_defaults_to_the_url_and_md5_hashes_work(server, cache):
    url = server.serve("/files/data.bin", server.Reply(PAYLOAD))
    assert get_file(origin=url, file_hash=MD5).endswith("data.bin")  # 32 hex digits: md5
    assert get_file(origin=url, md5_hash=MD5, force_download=True).endswith("data.bin")
    assert len(server.requests) == 2  # force_download fetched again
    assert cache.files() == ["data.bin"]


def test_a_corrupted_download_raises_and_caches_nothing(server, cache):
    url = server.serve("/data.bin", server.Reply(PAYLOAD[:-1] + b"X"))
    with pytest.raises(HashMismatchError, match="corrupted") as error:
        get_file("data.bin", origin=url, file_hash=SHA256)
    assert url in str(error.value)
    assert cache.files() == []


def test_a_dropped_connection_is_retried(server, cache):
    url = server.serve("/data.bin", server.Reply(PAYLOAD, cut_at=100_000), server.Reply(PAYLOAD))
    path = get_file("data.bin", origin=url, file_hash=SHA256)
    assert server.requests == ["/data.bin", "/data.bin"]
    assert hash_file(path) == SHA256
    assert cache.files() == ["data.bin"]


def test_a_connection_that_always_drops_fails_cleanly(server, cache):
    url = server.serve("/data.bin", server.Reply(PAYLOAD, cut_at=100_000))
    with pytest.raises(DownloadError, match="closed after 100,000 of 256,000 bytes") as error:
        get_file("data.bin", origin=url, file_hash=SHA256)
    assert url in str(error.value)
    assert len(server.requests) == 3  # one try and two retries
    assert cache.files() == []  # the partial file is gone


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_ctrl_c_during_a_download_leaves_nothing_behind(server, cache):
    release = threading.Event()
    url = server.serve("/data.bin", server.Reply(PAYLOAD, cut_at=100_000, hold=release))

    def press_ctrl_c():  # a real SIGINT, once the download is under way
        if server.partial_sent.wait(10):
            time.sleep(0.1)
            os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    try:
        with pytest.raises(KeyboardInterrupt):
            get_file("data.bin", origin=url, file_hash=SHA256)
    finally:
        release.set()
    assert cache.files() == []  # the partial download was deleted


def test_a_dropped_connection_without_a_hash_still_fails(server, cache):
    # No hash to catch it: the byte count against Content-Length must.
    url = server.serve("/data.bin", server.Reply(PAYLOAD, cut_at=10))
    with pytest.raises(DownloadError):
        get_file("data.bin", origin=url)
    assert cache.files() == []


def test_a_404_is_not_retried_and_the_error_says_what_to_do(server, cache):
    url = server.url + "/missing.npz"
    with pytest.raises(DownloadError) as error:
        get_file("missing.npz", origin=url, file_hash=SHA256)
    message = str(error.value)
    assert url in message and "404" in message
    assert str(cache.root / "missing.npz") in message  # where to put it by hand
    assert "KERASEDU_DATA_MIRROR" in message  # and how to use a mirror
    assert server.requests == ["/missing.npz"]
    assert cache.files() == []


def test_a_server_error_is_retried(server, cache):
    url = server.serve("/data.bin", server.Reply(b"busy", status=503), server.Reply(PAYLOAD))
    assert hash_file(get_file("data.bin", origin=url, file_hash=SHA256)) == SHA256
    assert len(server.requests) == 2


def test_an_unreachable_server_names_the_url(server, cache):
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}/data.bin"
    with pytest.raises(DownloadError, match="ConnectionRefused") as error:
        get_file("data.bin", origin=url, file_hash=SHA256)
    assert url in str(error.value)
    assert cache.files() == []


def test_a_cached_file_with_a_bad_hash_is_downloaded_again(server, cache):
    cache.root.mkdir(parents=True)
    (cache.root / "data.bin").write_bytes(PAYLOAD[:1000])  # a truncated earlier download
    url = server.serve("/data.bin", server.Reply(PAYLOAD))
    path = get_file("data.bin", origin=url, file_hash=SHA256)
    assert server.requests == ["/data.bin"]
    assert hash_file(path) == SHA256
    assert cache.files() == ["data.bin"]


def test_a_cached_file_with_a_bad_hash_is_removed_even_if_the_download_fails(server, cache):
    cache.root.mkdir(parents=True)
    (cache.root / "data.bin").write_bytes(b"stale")
    with pytest.raises(DownloadError):
        get_file("data.bin", origin=server.url + "/data.bin", file_hash=SHA256)
    assert cache.files() == []


def test_a_verified_copy_in_the_keras_cache_is_used_without_downloading(server, cache, keras_cache):
    (keras_cache / "data.bin").write_bytes(PAYLOAD)
    path = get_file("data.bin", origin=server.url + "/data.bin", file_hash=SHA256)
    assert path == str(keras_cache / "data.bin")
    assert server.requests == []
    assert cache.files() == []


def test_a_bad_copy_in_the_keras_cache_is_ignored_and_left_alone(server, cache, keras_cache):
    (keras_cache / "data.bin").write_bytes(b"not it")
    url = server.serve("/data.bin", server.Reply(PAYLOAD))
    assert get_file("data.bin", origin=url, file_hash=SHA256) == str(cache.root / "data.bin")
    assert server.requests == ["/data.bin"]
    assert (keras_cache / "data.bin").read_bytes() == b"not it"  # never write to Keras's cache


def test_bad_arguments_are_explained():
    with pytest.raises(ValueError, match="origin"):
        get_file("data.bin")
    with pytest.raises(ValueError, match="plain file name"):
        get_file("sub/data.bin", origin="http://127.0.0.1/data.bin")
    with pytest.raises(ValueError, match="hash_algorithm"):
        get_file("data.bin", origin="http://127.0.0.1/data.bin", file_hash=SHA256, hash_algorithm="sha1")


def _tar_gz(members: dict) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_extract_unpacks_once_with_keras_names(server, cache):
    archive = _tar_gz({"stuff/a.txt": b"A", "stuff/b.txt": b"B"})
    url = server.serve("/stuff.tar.gz", server.Reply(archive))
    sha = hashlib.sha256(archive).hexdigest()
    folder = get_file("stuff.tar.gz", origin=url, file_hash=sha, extract=True)
    assert folder == str(cache.root / "stuff_extracted")  # Keras 3: name up to the first dot
    assert open(os.path.join(folder, "stuff", "b.txt"), "rb").read() == b"B"
    # untar=True with a name without a dot: the archive is "<name>_archive".
    folder2 = get_file("pack", origin=url, file_hash=sha, untar=True)
    assert folder2 == str(cache.root / "pack")
    assert cache.files() == ["pack/stuff/a.txt", "pack/stuff/b.txt", "pack_archive",
                             "stuff.tar.gz", "stuff_extracted/stuff/a.txt", "stuff_extracted/stuff/b.txt"]
    get_file("stuff.tar.gz", origin=url, file_hash=sha, extract=True)
    assert len(server.requests) == 2  # the third call used the cache


def test_a_keras_archive_under_its_keras_name_is_unpacked_into_our_cache(server, cache, keras_cache, monkeypatch):
    from kerasedu.utils import file_utils
    # Keras 3 caches cifar10's archive as "cifar-10-batches-py_archive"; same idea, small file.
    monkeypatch.setitem(file_utils._KERAS_CACHE_ALIASES, "stuff.tar.gz", ("stuff_archive",))
    archive = _tar_gz({"stuff/a.txt": b"A"})
    (keras_cache / "stuff_archive").write_bytes(archive)
    folder = get_file("stuff.tar.gz", origin=server.url + "/stuff.tar.gz",
                      file_hash=hashlib.sha256(archive).hexdigest(), extract=True)
    assert server.requests == []
    assert folder == str(cache.root / "stuff_extracted")
    assert cache.files() == ["stuff_extracted/stuff/a.txt"]
