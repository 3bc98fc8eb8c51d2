"""fit / evaluate / predict keep freed memory for the next step: fewer fresh pages from the kernel.

Measured with the kernel's own count of page faults (getrusage ru_minflt): a
fresh page faults when first written, a reused one does not. Each case runs in
its own process, since the setting is process-wide.
"""
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt: Linux only")

# A training step in miniature: 8 arrays of 8 MB made, written, all freed; 6 times.
# Page faults are counted over the last 4 rounds, after glibc has seen the sizes.
STEPS = """
import resource, numpy as np
{setup}
def step():
    arrays = [np.empty(2_000_000, np.float32) for _ in range(8)]
    for a in arrays:
        a.fill(1.0)
    del arrays
step(); step()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(4):
    step()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def page_faults(setup: str) -> int:
    out = subprocess.run([sys.executable, "-c", STEPS.format(setup=setup)], capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip())


def test_freed_memory_is_reused_instead_of_faulted_in_afresh():
    fresh = page_faults("")
    kept = page_faults("from kerasedu._memory import keep_freed_memory; assert keep_freed_memory()")
    assert fresh >= 8, f"without the setting the arrays should come back as new pages ({fresh} faults)"
    assert kept * 4 <= fresh, f"{kept} page faults with the setting, {fresh} without"


def test_fit_applies_it_and_the_environment_variable_turns_it_off():
    fit = ("import numpy as np, kerasedu as keras\n"
           "m = keras.Sequential([keras.layers.Dense(1, input_shape=(2,))]); m.compile('sgd', 'mse')\n"
           "m.fit(np.ones((4, 2)), np.ones((4, 1)), verbose=0)\n"
           "from kerasedu import _memory; print(_memory._applied)")     # None: fit never asked
    on = subprocess.run([sys.executable, "-c", fit], capture_output=True,
                        text=True, check=True).stdout.split()
    off = subprocess.run([sys.executable, "-c", fit], capture_output=True,
                         text=True, check=True,
                         env={**os.environ, "KERASEDU_KEEP_FREED_MEMORY": "0"}).stdout.split()
    assert on[-1] == "True" and off[-1] == "False"
