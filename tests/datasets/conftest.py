"""Fixtures for the dataset tests.

Every test gets an empty kerasedu cache and an empty Keras cache (so the real
``~/.keras`` and ``~/.kerasedu`` are never touched) and no mirror, unless it
asks for ``real_mirror``: the folder of real dataset files that CI names in
``KERASEDU_DATA_MIRROR`` (default: ``../shared/datasets`` beside the repo).
``server`` is an HTTP server on 127.0.0.1 whose replies a test scripts.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from kerasedu.utils import download, file_utils

_BESIDE_REPO = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"
REAL_MIRROR = os.environ.get("KERASEDU_DATA_MIRROR") or (str(_BESIDE_REPO) if _BESIDE_REPO.is_dir() else None)


class Cache:
    """The kerasedu dataset cache of one test."""

    def __init__(self, root: Path):
        self.root = root

    def files(self) -> List[str]:
        """Every file in the cache, hidden and temporary ones included."""
        if not self.root.exists():
            return []
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Cache:
    monkeypatch.setenv("KERASEDU_HOME", str(tmp_path / "kerasedu_home"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.delenv("KERASEDU_DATA_MIRROR", raising=False)
    monkeypatch.setattr(download, "RETRY_DELAYS_SECONDS", (0.0, 0.0))  # retry, but don't wait
    monkeypatch.setattr(file_utils, "_verified", set())
    return Cache(tmp_path / "kerasedu_home" / "datasets")


@pytest.fixture
def keras_cache(tmp_path) -> Path:
    """The ``datasets`` folder of this test's Keras cache (``$KERAS_HOME``)."""
    folder = tmp_path / "keras_home" / "datasets"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def real_mirror(monkeypatch) -> str:
    if REAL_MIRROR is None:
        pytest.skip("no dataset mirror: set KERASEDU_DATA_MIRROR, or put one at ../shared/datasets")
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", REAL_MIRROR)
    return REAL_MIRROR


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    cut_at: Optional[int] = None  # announce len(body) bytes, send only this many, hang up
    hold: Optional[threading.Event] = None  # after the cut, wait for this before hanging up


class Loopback:
    """Scripted replies by path; ``requests`` records every path asked for."""

    Reply = Reply  # so tests can build replies without importing this file

    def __init__(self) -> None:
        self.routes: Dict[str, List[Reply]] = {}
        self.requests: List[str] = []
        self.url = ""
        self.partial_sent = threading.Event()  # set when a held reply has sent its first part

    def serve(self, path: str, *replies: Reply) -> str:
        """Answer ``path`` with these replies in turn (the last one repeats); returns its URL."""
        self.routes[path] = list(replies)
        return self.url + path


@pytest.fixture
def server():
    state = Loopback()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state.requests.append(self.path)
            replies = state.routes.get(self.path)
            if not replies:
                self.send_error(404, "Not Found")
                return
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
            self.send_response(reply.status)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body[: reply.cut_at])  # HTTP/1.0: the connection closes after
            if reply.hold is not None:
                self.wfile.flush()
                state.partial_sent.set()
                reply.hold.wait(10)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    httpd.shutdown()
    httpd.server_close()
