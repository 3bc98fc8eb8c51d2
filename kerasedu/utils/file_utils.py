"""Download a file once, check it, keep it: ``keras.utils.get_file``.

Every dataset loader starts here. ``get_file`` looks in the cache first and
downloads only when it has no verified copy. On top of what Keras does, it:

* keeps its cache in ``~/.kerasedu`` (``$KERASEDU_HOME``), and reuses a verified
  copy from Keras's own cache, ``~/.keras`` (``$KERAS_HOME``), if there is one;
* downloads into a temporary file next to the target and renames it into place
  only once its hash is right, so a cut connection never leaves a bad file;
* tries again after a passing failure (a timeout, a dropped connection, a 5xx);
* fetches from a mirror first when ``$KERASEDU_DATA_MIRROR`` is set (a folder or
  an http(s) URL laid out like the upstream server, see ``kerasedu.datasets``);
* explains a failure: the URL, why, where to put the file by hand.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "empty.txt")
>>> open(path, "wb").close()
>>> hash_file(path)
'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
"""
from __future__ import annotations

import hashlib
import http.client
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path
from typing import Dict, Optional, Sequence, Union

from kerasedu.utils.archives import extract_archive
from kerasedu.utils.atomic import atomic_write
from kerasedu.utils.download import TIMEOUT_SECONDS, explain, remove, stream, with_retries

MIRROR_ENV = "KERASEDU_DATA_MIRROR"

# Keras stores some archives under other names than the file on the server;
# these are the names to look for in ~/.keras before downloading again.
_KERAS_CACHE_ALIASES = {
    "cifar-10-python.tar.gz": ("cifar-10-batches-py_archive", "cifar-10-batches-py.tar.gz"),
}
_verified: set = set()  # (path, size, mtime, hash) already checked in this process


class DownloadError(OSError):
    """No source could deliver the file; the message says what to do instead."""


class HashMismatchError(ValueError):
    """The bytes that arrived are not the bytes that were expected."""


class MirrorCopyWarning(UserWarning):
    """The mirror's copy differs from upstream, and its SHA256SUMS vouches for it."""


# --- where the cache lives ---------------------------------------------------


def kerasedu_home() -> str:
    """The folder of kerasedu's cache: ``$KERASEDU_HOME``, else ``~/.kerasedu``."""
    return os.path.expanduser(os.environ.get("KERASEDU_HOME") or os.path.join("~", ".kerasedu"))


def keras_home() -> str:
    """Keras's own cache: ``$KERAS_HOME``, else ``~/.keras`` (only ever read)."""
    return os.path.expanduser(os.environ.get("KERAS_HOME") or os.path.join("~", ".keras"))


def _writable_dir(cache_dir: Optional[str], cache_subdir: str) -> str:
    base = os.path.expanduser(os.fspath(cache_dir)) if cache_dir else kerasedu_home()
    datadir = os.path.join(base, cache_subdir)
    try:
        os.makedirs(datadir, exist_ok=True)
        if os.access(datadir, os.W_OK):
            return datadir
    except OSError:
        pass
    # A read-only home (some school machines) must not stop a lesson.
    fallback = os.path.join(tempfile.gettempdir(), ".kerasedu", cache_subdir)
    print(f"Cannot write to {datadir}; caching in {fallback} instead.")
    os.makedirs(fallback, exist_ok=True)
    return fallback


# --- hashes --------------------------------------------------------------------


def resolve_hasher(algorithm: str, file_hash: Optional[str] = None):
    """A fresh hashlib object: "sha256", "md5", or "auto" (64 hex digits = sha256)."""
    if algorithm == "sha256" or (algorithm == "auto" and file_hash is not None and len(file_hash) == 64):
        return hashlib.sha256()
    if algorithm in ("md5", "auto"):
        return hashlib.md5()  # only to check old, published md5 sums
    raise ValueError(f"hash_algorithm must be 'auto', 'sha256' or 'md5'; got {algorithm!r}.")


def hash_file(fpath: Union[str, os.PathLike], algorithm: str = "sha256", chunk_size: int = 65535) -> str:
    """The hex digest of a file, read in chunks so big files need little memory."""
    hasher = resolve_hasher(algorithm)
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath: Union[str, os.PathLike], file_hash: str, algorithm: str = "auto",
                  chunk_size: int = 65535) -> bool:
    """True when the file's sha256 (or md5) is ``file_hash``."""
    hasher = resolve_hasher(algorithm, file_hash)
    return hash_file(fpath, hasher.name, chunk_size) == file_hash.lower()


def parse_sha256sums(text: str) -> Dict[str, str]:
    """Read the ``sha256sum`` format into ``{relative path: sha256}``.

    >>> parse_sha256sums("ab" * 32 + "  fashion-mnist/a.gz\\n# a comment\\n")
    {'fashion-mnist/a.gz': 'abababababababababababababababababababababababababababababababab'}
    """
    sums = {}
    for line in text.splitlines():
        match = re.match(r"^([0-9a-fA-F]{64}) [ *](.+)$", line.strip())
        if match:
            name = match.group(2).strip()
            sums[name[2:] if name.startswith("./") else name] = match.group(1).lower()
    return sums


def _sidecar_vouches(path: str, file_hash: str, sha256: Optional[str] = None) -> bool:
    """Was this file accepted from a mirror in place of ``file_hash``?

    The sidecar ``<file>.sha256`` remembers the bytes' sha256 and the upstream
    hash they stand in for, so a mirror's copy is not fetched again every time.
    """
    try:
        with open(path + ".sha256", encoding="utf-8") as f:
            lines = f.read().splitlines()
        recorded, stands_in_for = lines[0].split()[0], lines[1].split(":", 1)[1].strip()
    except (OSError, IndexError):
        return False
    return stands_in_for == file_hash.lower() and (sha256 or hash_file(path, "sha256")) == recorded


def _is_verified(path: str, file_hash: Optional[str], algorithm: str) -> bool:
    if file_hash is None:
        return True  # nothing to check against, as in Keras
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, file_hash.lower())
    if key not in _verified:  # hashing 100 MB takes a while: do it once per process
        actual = hash_file(path, algorithm)
        known_sha256 = actual if algorithm == "sha256" else None  # don't hash twice
        if actual != file_hash.lower() and not _sidecar_vouches(path, file_hash, known_sha256):
            return False
        _verified.add(key)
    return True


# --- get_file --------------------------------------------------------------------


def get_file(
    fname: Optional[str] = None,
    origin: Optional[str] = None,
    untar: bool = False,
    md5_hash: Optional[str] = None,
    file_hash: Optional[str] = None,
    cache_subdir: str = "datasets",
    hash_algorithm: str = "auto",
    extract: bool = False,
    archive_format: Union[str, Sequence[str], None] = "auto",
    cache_dir: Optional[str] = None,
    force_download: bool = False,
) -> str:
    """Download a file from a URL unless a verified copy is already cached.

    Args:
        fname: Name of the file in the cache; defaults to the last part of ``origin``.
        origin: URL of the file.
        untar: Deprecated; same as ``extract=True, archive_format="tar"``.
        md5_hash: Deprecated; same as ``file_hash`` with ``hash_algorithm="md5"``.
        file_hash: Expected sha256 (64 hex digits) or md5 of the file.
        cache_subdir: Folder under the cache dir (or an absolute path).
        hash_algorithm: "auto", "sha256" or "md5".
        extract: Unpack a tar or zip archive; the folder's path is returned.
        archive_format: "auto" (tar, then zip), "tar", "zip", or None.
        cache_dir: Cache folder; default ``$KERASEDU_HOME`` or ``~/.kerasedu``.
        force_download: Download even if a good copy is cached.

    Returns:
        The path of the file (or of the extracted folder).

    Raises:
        DownloadError: No source could deliver the file (the message says why).
        HashMismatchError: The file arrived with the wrong hash; nothing was kept.

    >>> path = get_file("mnist.npz",  # doctest: +SKIP
    ...     origin="https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz")
    """
    if origin is None:
        raise ValueError("get_file needs `origin`, the URL to download from; got origin=None. "
                         "Pass e.g. origin='https://example.com/data.npz'.")
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    if file_hash is not None:
        hash_algorithm = resolve_hasher(hash_algorithm, file_hash).name
    provided = bool(fname)
    fname = os.fspath(fname) if fname else os.path.basename(urllib.parse.urlsplit(origin).path)
    if not fname:
        raise ValueError(f"Cannot tell a file name from origin={origin!r}; pass fname='data.npz'.")
    if "/" in fname or os.sep in fname or fname in (".", ".."):
        raise ValueError(f"fname must be a plain file name, got fname={fname!r}. "
                         "To choose the folder, pass cache_dir= or cache_subdir= instead.")

    datadir = _writable_dir(cache_dir, cache_subdir)
    extract = extract or untar
    archive_format = "tar" if untar else archive_format
    if extract and provided and "." in fname:  # Keras 3's naming, so the layouts match
        target = os.path.join(datadir, fname)
        extraction_dir = os.path.join(datadir, fname[: fname.find(".")] + "_extracted")
    elif extract:
        target = os.path.join(datadir, fname + "_archive")
        extraction_dir = os.path.join(datadir, fname)
    else:
        target = os.path.join(datadir, fname)

    source = None
    if not force_download:
        in_keras = cache_dir is None and not os.path.isabs(cache_subdir)
        source = _usable_copy(target, file_hash, hash_algorithm, cache_subdir if in_keras else None)
    fresh = source is None
    if fresh:
        _download_from_sources(origin, target, file_hash, hash_algorithm, _mirror_name(cache_subdir, origin))
        source = target
    if not extract:
        return source
    if fresh or not os.path.isdir(extraction_dir):
        if not extract_archive(source, extraction_dir, archive_format):
            warnings.warn(f"Could not extract {source}: it is not a {archive_format} archive.", stacklevel=2)
    return extraction_dir


def _mirror_name(cache_subdir: str, origin: str) -> str:
    """Where a mirror keeps the file: "datasets/fashion-mnist" + ".../t10k-labels-idx1-ubyte.gz"
    becomes "fashion-mnist/t10k-labels-idx1-ubyte.gz" (the server's name, not ``fname``)."""
    parts = () if os.path.isabs(cache_subdir) else Path(cache_subdir).parts
    parts = parts[1:] if parts[:1] == ("datasets",) else parts
    return "/".join(parts + (os.path.basename(urllib.parse.urlsplit(origin).path),))


def _usable_copy(target: str, file_hash: Optional[str], algorithm: str,
                 keras_subdir: Optional[str]) -> Optional[str]:
    """A cached copy that passes the hash check, from our cache or Keras's."""
    if os.path.exists(target):
        if _is_verified(target, file_hash, algorithm):
            return target
        print(f"A local file was found at {target}, but its {algorithm} hash is not {file_hash}: "
              "it is incomplete or outdated, so it was removed and will be downloaded again.")
        remove(target)  # the cache holds verified files or nothing
    if keras_subdir is None or file_hash is None:
        return None  # a copy we cannot check is not worth trusting
    name = os.path.basename(target)
    for candidate in (name,) + _KERAS_CACHE_ALIASES.get(name, ()):
        path = os.path.join(keras_home(), keras_subdir, candidate)
        if os.path.isfile(path) and _is_verified(path, file_hash, algorithm):
            print(f"Using the verified copy in Keras's cache: {path}")
            return path
    return None


# --- downloading -------------------------------------------------------------------


def mirror_base_url() -> Optional[str]:
    """``$KERASEDU_DATA_MIRROR`` as a URL ending in "/", or None when unset."""
    base = os.environ.get(MIRROR_ENV, "").strip()
    if not base:
        return None
    if "://" in base:
        return base.rstrip("/") + "/"
    return Path(base).expanduser().resolve().as_uri() + "/"  # a folder: file:// URL


def _download_from_sources(origin: str, target: str, file_hash: Optional[str], algorithm: str,
                           mirror_name: str) -> None:
    """Try the mirror (if any), then the origin; explain every failure."""
    mirror = mirror_base_url()
    sources = [(origin, None)]
    if mirror:
        sources.insert(0, (mirror + urllib.parse.quote(mirror_name), mirror))
    failures = []
    for url, from_mirror in sources:
        print(f"Downloading data from {url}")
        try:
            _download(url, target, file_hash, algorithm, from_mirror, mirror_name)
            return
        except HashMismatchError:
            raise  # wrong bytes are a problem to see, not to route around
        except (OSError, http.client.HTTPException, ValueError) as error:
            failures.append(f"  {url}: {explain(error)}")
            print(f"Failed: {explain(error)}")
    raise DownloadError("\n".join(
        [f"Could not download {os.path.basename(target)}:"] + failures + [
            "What you can do:",
            "  - check your internet connection (behind a proxy? set HTTPS_PROXY=http://host:port)"
            " and try again;",
            f"  - or get the file by hand and put it at {target} (it will be checked against its hash);",
            f"  - or use a mirror that holds {mirror_name}: set {MIRROR_ENV} to its folder or http(s) URL "
            "(a teacher can start one with `python -m kerasedu.datasets serve`).",
        ]))


def _download(url: str, target: str, file_hash: Optional[str], algorithm: str,
              mirror: Optional[str], mirror_name: str) -> None:
    """Download to a temporary file, check it, then rename it into place."""
    name = os.path.basename(target)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=f".{name}.", suffix=".part")
    os.close(fd)
    try:
        with_retries(lambda: stream(url, tmp), url)
        vouched = _check(tmp, url, file_hash, algorithm, mirror, mirror_name)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; datasets are not secret
        remove(target + ".sha256")  # a note about the old file
        os.replace(tmp, target)  # atomic: readers see the old file or the new, never half
        if vouched:  # remember why this non-upstream copy is fine (see _sidecar_vouches)
            note = (f"{vouched}  {name}\n# stands in for: {file_hash.lower()}\n"
                    f"# verified by: {mirror}SHA256SUMS\n")
            with atomic_write(target + ".sha256") as f:
                f.write(note.encode("utf-8"))
    finally:  # also on Ctrl-C: never leave a partial file behind
        remove(tmp)



def _check(path: str, url: str, file_hash: Optional[str], algorithm: str,
           mirror: Optional[str], mirror_name: str) -> Optional[str]:
    """Raise unless the file is right; return its sha256 if only the mirror vouches for it."""
    if file_hash is None:
        return None
    first = hash_file(path, algorithm)
    if first == file_hash.lower():
        return None
    actual = first if algorithm == "sha256" else hash_file(path, "sha256")
    if mirror is None:
        raise HashMismatchError(
            f"The file from {url} is incomplete or corrupted: its {algorithm} hash is not {file_hash}. "
            "It was deleted, nothing was cached. Try again; if it keeps happening the file at that "
            "address has changed (pass the new file_hash= only if you trust the source).")
    listed = _mirror_sums(mirror).get(mirror_name)
    if listed != actual:
        said = "does not list it" if listed is None else f"lists sha256 {listed}"
        raise HashMismatchError(
            f"The mirror's copy of {mirror_name} ({url}) has sha256 {actual}, not the upstream hash "
            f"{file_hash}, and the mirror's SHA256SUMS {said}. It was deleted, nothing was cached. "
            f"Ask whoever runs the mirror to refresh it, or unset {MIRROR_ENV} to download from "
            "upstream.")
    warnings.warn(MirrorCopyWarning(
        f"The mirror's copy of {mirror_name} differs from upstream; accepted because the mirror's "
        "SHA256SUMS lists its hash."), stacklevel=5)  # stacklevel 5: the loader that asked
    return actual


def _mirror_sums(mirror: str) -> Dict[str, str]:
    try:
        with urllib.request.urlopen(mirror + "SHA256SUMS", timeout=TIMEOUT_SECONDS) as response:
            return parse_sha256sums(response.read(1 << 20).decode("utf-8", "replace"))
    except (OSError, http.client.HTTPException, ValueError):
        return {}  # no SHA256SUMS: only upstream hashes count
