"""Shared test setup: every test starts from the same seed and fresh layer names."""
import os
from pathlib import Path

import pytest

from kerasedu.utils import clear_session, set_random_seed

REPO = Path(__file__).resolve().parent.parent

# need real Keras; they were run once to record the reference JSON files beside them
collect_ignore = ["reference/make_keras_reference.py", "reference/make_keras_sequence_reference.py"]
# notebooks under tests/ are fixtures opened by the tests themselves, not lessons for nbval
collect_ignore_glob = ["*.ipynb", "*/*.ipynb"]

# The datasets come from the classroom mirror beside the repo (CI sets it too).
if "KERASEDU_DATA_MIRROR" not in os.environ and (REPO.parent / "shared" / "datasets").is_dir():
    os.environ["KERASEDU_DATA_MIRROR"] = str(REPO.parent / "shared" / "datasets")


@pytest.fixture(autouse=True)
def _fresh_state():
    clear_session()
    set_random_seed(1234)
    yield
