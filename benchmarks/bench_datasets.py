"""How much does ``mnist.load_data()`` cost over a plain ``np.load`` once the file is cached?

    python benchmarks/bench_datasets.py [--runs 7]

It fills a temporary cache (from ``$KERASEDU_DATA_MIRROR``, else
``../shared/datasets`` beside the repo, else the internet), then times:

* ``np.load``: reading the four arrays from the cached file, nothing else;
* ``load_data``, hash checked: what the first call in a new Python process
  pays (the file's sha256 is computed to make sure the cache is sound);
* ``load_data``, repeat: later calls in the same process, which skip the hash
  because the file's size and modification time have not changed.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kerasedu.datasets import mnist  # noqa: E402
from kerasedu.utils import file_utils  # noqa: E402


def _time_interleaved(fns: dict, runs: int) -> dict:
    """Time each function ``runs`` times, taking turns, so a busy moment hits all alike."""
    times = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    beside = REPO.parent / "shared" / "datasets"
    if not os.environ.get("KERASEDU_DATA_MIRROR") and beside.is_dir():
        os.environ["KERASEDU_DATA_MIRROR"] = str(beside)
    homes = [tempfile.mkdtemp(prefix="kerasedu-bench-"), tempfile.mkdtemp(prefix="keras-bench-")]
    os.environ["KERASEDU_HOME"], os.environ["KERAS_HOME"] = homes  # never touch ~/.keras
    try:
        _run(runs)
    finally:
        for home in homes:
            shutil.rmtree(home, ignore_errors=True)


def _run(runs: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", file_utils.MirrorCopyWarning)
        (path,) = mnist._download_files()  # fill the cache; not timed

    def plain():
        with np.load(path, allow_pickle=False) as data:
            return [data[k] for k in ("x_train", "y_train", "x_test", "y_test")]

    def hash_checked():
        file_utils._verified.clear()  # forget this process's check: pay for the hash
        mnist.load_data()

    results = _time_interleaved({
        "np.load (baseline)": plain,
        "load_data, hash checked": hash_checked,
        "load_data, repeat": mnist.load_data,
    }, runs)
    base = statistics.median(results["np.load (baseline)"])
    size = os.path.getsize(path) / 1e6
    print(f"mnist.npz, {size:.1f} MB, warm cache, {runs} runs each (median, min, max):")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"  {name:26s} {median * 1e3:7.1f} ms  (min {min(times) * 1e3:6.1f}, "
              f"max {max(times) * 1e3:6.1f})  {median / base:5.2f}x np.load")


if __name__ == "__main__":
    main()
