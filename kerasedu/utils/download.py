"""Downloading one URL to a file: one attempt at a time, retried when it may help.

Used by ``get_file`` (file_utils.py): ``with_retries(lambda: stream(url, path), url)``.
"""
from __future__ import annotations

import http.client
import os
import ssl
import sys
import time
import urllib.error
import urllib.request
from typing import Callable, Optional, Sequence

RETRY_DELAYS_SECONDS: Sequence[float] = (1.0, 3.0)  # two more tries, then give up
TIMEOUT_SECONDS = 30.0
CHUNK_BYTES = 1 << 16


def with_retries(action: Callable[[], None], url: str) -> None:
    for delay in (*RETRY_DELAYS_SECONDS, None):
        try:
            return action()
        except (OSError, http.client.HTTPException) as error:
            if delay is None or not _is_transient(error):
                raise
            print(f"\nDownload of {url} failed ({explain(error)}); trying again in {delay:g} s.")
            time.sleep(delay)


def _is_transient(error: BaseException) -> bool:
    """Could the same request work a moment later?"""
    if isinstance(error, urllib.error.HTTPError):
        return error.code in (408, 429) or error.code >= 500  # 404 stays 404
    if isinstance(error, urllib.error.URLError):
        # A missing local file or a refused certificate won't change by waiting.
        return not isinstance(error.reason, (FileNotFoundError, ssl.SSLCertVerificationError))
    return isinstance(error, (TimeoutError, ConnectionError, http.client.HTTPException))


def explain(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        hint = " (the file is not at this address)" if error.code == 404 else ""
        return f"HTTP {error.code} {error.reason}{hint}"
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, ssl.SSLCertVerificationError):
        return (f"the server's SSL certificate could not be verified ({reason.verify_message}); behind a "
                "proxy that inspects HTTPS, point SSL_CERT_FILE at its certificate, or use a mirror")
    if isinstance(reason, FileNotFoundError):
        return "no such file"
    return f"{type(reason).__name__}: {reason}"


class IncompleteDownload(ConnectionError):
    """The server promised more bytes than it sent."""


def stream(url: str, path: str) -> None:
    """One attempt: copy the response to ``path`` chunk by chunk, with a bar."""
    request = urllib.request.Request(url, headers={"User-Agent": "kerasedu"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response, open(path, "wb") as out:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        bar, received = _ProgressBar(total), 0
        for chunk in iter(lambda: response.read(CHUNK_BYTES), b""):
            out.write(chunk)
            received += len(chunk)
            bar.update(received)
        bar.close(received)
    if total is not None and received != total:  # http.client does not check this for us
        raise IncompleteDownload(f"the connection closed after {received:,} of {total:,} bytes")


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


class _ProgressBar:
    """``[=====>........] 4.2 MB/11.5 MB``, redrawn at most every 0.2 s."""

    def __init__(self, total: Optional[int], width: int = 30):
        self.total, self.width, self.last = total, width, 0.0

    def update(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return  # redrawing on every 64 kB chunk would flood a notebook
        self.last = now
        if self.total:
            filled = int(self.width * min(done / self.total, 1.0))
            arrow = ">" if filled < self.width else ""
            bar = ("=" * filled + arrow).ljust(self.width, ".")
            text = f"[{bar}] {_size(done)}/{_size(self.total)}"
        else:
            text = _size(done)
        sys.stdout.write("\r" + text)
        sys.stdout.flush()

    def close(self, done: int) -> None:
        self.update(done, force=True)
        sys.stdout.write("\n")



def remove(path: str) -> None:
    """Delete a file if it is there."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass  # already gone (perhaps another notebook got there first)
