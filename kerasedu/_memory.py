"""Keep freed memory in the process, so the next training step reuses it.

Every training step allocates the same big arrays again: activations, their
gradients, the im2col patches. glibc (the C library of most Linux systems)
gives big blocks back to the operating system when NumPy frees them, and the
next step gets fresh pages, which the kernel must first fill with zeros: a
hidden extra pass over every big array, each step. Raising two of glibc's
limits keeps freed memory in the process for the next step. Frameworks keep
freed memory in a pool for the same reason (DeepRec's "CPU Memory Optimization"
page names these page faults; AMD's ZenDNN guide suggests tcmalloc or jemalloc).

On the keras.io MNIST convnet at batch 512, a training step went from 265-278
ms to 212-214 ms (3 alternating runs on a 2-core Intel Xeon); at batch 128 the
difference was lost in that machine's noise. The process keeps its peak memory
after training instead of shrinking back.

Linux with glibc only; elsewhere (macOS, Windows, Alpine's musl) nothing
changes and keep_freed_memory() returns False. Set the environment variable
KERASEDU_KEEP_FREED_MEMORY=0 to leave the C library as it was.

>>> keep_freed_memory()           # doctest: +SKIP
True
"""
from __future__ import annotations

import ctypes
import os
import sys

M_TRIM_THRESHOLD = -1     # free memory at the top of the heap above this goes back to the OS
M_MMAP_THRESHOLD = -3     # blocks above this get their own pages, returned when freed

# the largest M_MMAP_THRESHOLD glibc accepts on 64-bit systems: 32 MB
MMAP_THRESHOLD_MAX = 32 * 1024 * 1024
TRIM_THRESHOLD = 1024 * 1024 * 1024          # keep up to 1 GB of freed memory

_applied = None


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed blocks up to 32 MB for reuse; True if it now does.

    Called once, by the first fit / evaluate / predict; later calls return the
    first answer.
    """
    global _applied
    if _applied is None:
        _applied = _apply()
    return _applied


def _apply() -> bool:
    if os.environ.get("KERASEDU_KEEP_FREED_MEMORY", "1") == "0" or not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):        # not glibc (e.g. Alpine's musl): leave it
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # glibc returns 1 on success. Setting one limit turns off glibc's own adjusting of the
    # other, so both are set.
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
