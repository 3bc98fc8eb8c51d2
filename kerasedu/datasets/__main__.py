"""Fill the dataset cache, or serve it to a classroom.

    python -m kerasedu.datasets download              # every dataset
    python -m kerasedu.datasets download mnist imdb   # some
    python -m kerasedu.datasets serve [--dir DIR] [--port 8000] [--host 0.0.0.0]

``download`` honours ``KERASEDU_DATA_MIRROR`` and ``KERASEDU_HOME`` like the
loaders do; ``serve`` shares the cache (or ``--dir``) over HTTP with a
``SHA256SUMS`` list, for learners to use as their mirror.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable, Dict, List, Optional

from kerasedu.datasets import (_mirror, boston_housing, cifar10, cifar100, fashion_mnist, imdb, mnist,
                               reuters)


def _imdb_files() -> List[str]:
    return imdb._download_files() + [imdb._download_word_index()]


def _reuters_files() -> List[str]:
    return reuters._download_files() + [reuters._download_word_index()]


# Each entry fetches a dataset's files without parsing them, and returns their paths.
DATASETS: Dict[str, Callable[[], List[str]]] = {
    "mnist": mnist._download_files,
    "fashion_mnist": fashion_mnist._download_files,
    "cifar10": cifar10._download_files,
    "cifar100": cifar100._download_files,
    "imdb": _imdb_files,
    "reuters": _reuters_files,
    "boston_housing": boston_housing._download_files,
}


def download(names: List[str]) -> None:
    """Fetch the named datasets (all if none) into the cache."""
    for name in names or list(DATASETS):
        key = name.replace("-", "_")
        if key not in DATASETS:
            raise SystemExit(f"Unknown dataset {name!r}; choose from: {', '.join(DATASETS)}.")
        for path in DATASETS[key]():
            print(f"{name}: {path}")


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kerasedu.datasets", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    get = commands.add_parser("download", help="fetch datasets into the cache")
    get.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(DATASETS)} (default: all)")
    srv = commands.add_parser("serve", help="serve a folder of datasets as a mirror")
    srv.add_argument("--dir", default=None, help="folder to serve (default: ~/.kerasedu/datasets)")
    srv.add_argument("--port", type=int, default=8000)
    srv.add_argument("--host", default="0.0.0.0", help="0.0.0.0 = reachable from the whole network")
    args = parser.parse_args(argv)
    if args.command == "download":
        download(args.names)
    else:
        _mirror.serve(args.dir, args.host, args.port)


if __name__ == "__main__":
    main(sys.argv[1:])
