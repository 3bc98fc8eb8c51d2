"""Serve a folder of datasets to a classroom, with a ``SHA256SUMS`` list.

The folder is laid out like the upstream server (``mnist.npz``,
``fashion-mnist/...``), which is just what kerasedu's cache looks like, so a
teacher can serve ``~/.kerasedu/datasets`` and each learner sets
``KERASEDU_DATA_MIRROR=http://<teacher's address>:8000``.

``SHA256SUMS`` lists every served file's hash. A learner's download that
differs from upstream is accepted only if this list vouches for it.

>>> import os, tempfile
>>> folder = tempfile.mkdtemp()
>>> with open(os.path.join(folder, "a.txt"), "w") as f:
...     _ = f.write("hi\\n")
>>> print(sha256sums_text(folder), end="")
98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4  a.txt
"""
from __future__ import annotations

import functools
import io
import os
import socket
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional

from kerasedu.utils.file_utils import hash_file, kerasedu_home


def _is_served_data(name: str) -> bool:
    # Hidden and temporary files, sidecar notes and unpacked folders are not data.
    hidden = name.startswith(".") or name == "SHA256SUMS"
    return not (hidden or name.endswith((".sha256", ".part", "_extracted")))


def sha256sums_text(directory: str) -> str:
    """The ``sha256sum`` lines for every data file under ``directory``."""
    lines = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if _is_served_data(d))
        for name in sorted(f for f in files if _is_served_data(f)):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, directory).replace(os.sep, "/")
            lines.append(f"{hash_file(path, 'sha256')}  {relative}\n")
    return "".join(lines)


class MirrorRequestHandler(SimpleHTTPRequestHandler):
    """Serves files from the folder, and ``/SHA256SUMS`` from memory."""

    sha256sums = b""

    def send_head(self):
        if self.path.split("?", 1)[0] != "/SHA256SUMS":
            return super().send_head()
        # Made when the server starts, so it also works for a read-only folder.
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(self.sha256sums)))
        self.end_headers()
        return io.BytesIO(self.sha256sums)


def make_server(directory: str, host: str = "0.0.0.0", port: int = 8000) -> ThreadingHTTPServer:
    """An HTTP server for ``directory``, not yet started (call ``serve_forever``).

    ``SHA256SUMS`` is computed now (this reads every file once) and, if the
    folder is writable, also saved there so it can be copied with the data.
    """
    directory = os.path.abspath(directory)
    sums = sha256sums_text(directory)
    tmp = os.path.join(directory, f".SHA256SUMS.{os.getpid()}.part")
    try:  # write then rename, so nobody copies half a list
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(sums)
        os.replace(tmp, os.path.join(directory, "SHA256SUMS"))
    except OSError:
        pass  # a read-only folder: the list is still served from memory
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    handler = type("Handler", (MirrorRequestHandler,), {"sha256sums": sums.encode("utf-8")})
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=directory))


def serve(directory: Optional[str] = None, host: str = "0.0.0.0", port: int = 8000) -> None:
    """Serve ``directory`` (default: the kerasedu cache) until Ctrl-C."""
    directory = directory or os.path.join(kerasedu_home(), "datasets")
    if not os.path.isdir(directory):
        raise SystemExit(f"Nothing to serve: {directory} is not a folder. Fill the cache first with "
                         "`python -m kerasedu.datasets download`, or pass --dir FOLDER.")
    print(f"Hashing the files in {directory} ...")
    server = make_server(directory, host, port)
    port = server.server_address[1]
    address = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    print(f"Serving {directory} on port {port}. On each learner's machine, set\n"
          f"    KERASEDU_DATA_MIRROR=http://{address}:{port}\n"
          "(or this machine's IP address instead of its name; in a notebook:\n"
          "import os; os.environ['KERASEDU_DATA_MIRROR'] = '...'). Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        server.server_close()
