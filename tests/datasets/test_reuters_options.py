"""reuters.load_data's options on a tiny hand-made reuters.npz, with answers worked out by hand.

The mirror beside the project has no reuters.npz, so the loader is checked on a file in
the upstream format (keys x and y, object arrays of rank lists), served from a local
mirror folder whose SHA256SUMS vouches for it.

Raw newswires (word ranks) and topics:
    A=[1,2,3] 3, B=[4,5,6,7] 0, C=[8] 45, D=[2,9,10,11,12] 19, E=[3,3] 4
RandomState(113) shuffles the five to [1,0,3,2,4]: B, A, D, C, E.
test_split 0.2 keeps int(5 * 0.8) = 4 for training: B, A, D, C; E is the test set.
"""
import hashlib
import json

import numpy as np
import pytest

from kerasedu.datasets import reuters
from kerasedu.datasets._word_ids import object_array   # a 1-D array of lists, as upstream stores them

pytestmark = pytest.mark.filterwarnings("ignore::kerasedu.utils.file_utils.MirrorCopyWarning")


@pytest.fixture(autouse=True)
def tiny_mirror(tmp_path, monkeypatch):
    folder = tmp_path / "mirror"
    folder.mkdir()
    np.savez(folder / "reuters.npz", x=object_array([[1, 2, 3], [4, 5, 6, 7], [8], [2, 9, 10, 11, 12], [3, 3]]),
             y=np.array([3, 0, 45, 19, 4]))
    (folder / "reuters_word_index.json").write_text(json.dumps({"the": 1, "of": 2, "said": 5}))
    sums = [f"{hashlib.sha256((folder / name).read_bytes()).hexdigest()}  {name}"
            for name in ("reuters.npz", "reuters_word_index.json")]
    (folder / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", str(folder))
    monkeypatch.setenv("KERASEDU_HOME", str(tmp_path / "home"))


def _load(**options):
    (x_train, y_train), (x_test, y_test) = reuters.load_data(**options)
    assert x_train.dtype == object and x_train.ndim == 1
    return [list(t) for t in x_train], y_train.tolist(), [list(t) for t in x_test], y_test.tolist()


def test_the_shuffle_is_the_one_we_worked_out():
    order = np.arange(5)
    np.random.RandomState(113).shuffle(order)
    assert order.tolist() == [1, 0, 3, 2, 4]


def test_defaults():
    # start_char 1, ranks + 3; num_words None -> the largest id, 15, which is itself
    # outside [0, 15) and becomes oov 2 (as in Keras)
    assert _load() == ([[1, 7, 8, 9, 10], [1, 4, 5, 6], [1, 5, 12, 13, 14, 2], [1, 11]], [0, 3, 19, 45],
                       [[1, 6, 6]], [4])


def test_num_words_and_skip_top_replace_with_oov_start_char_included():
    x_train, _, x_test, _ = _load(num_words=8, skip_top=4)
    assert x_train == [[2, 7, 2, 2, 2], [2, 4, 5, 6], [2, 5, 2, 2, 2, 2], [2, 2]]
    assert x_test == [[2, 6, 6]]


def test_maxlen_drops_long_newswires_before_the_split():
    # lengths with start_char: B 5, A 4, D 6, C 2, E 3; maxlen 5 keeps A, C, E; int(3 * 0.8) = 2
    assert _load(maxlen=5) == ([[1, 4, 5, 6], [1, 2]], [3, 45], [[1, 6, 6]], [4])


def test_oov_char_none_drops_words():
    x_train, _, x_test, _ = _load(num_words=8, oov_char=None)
    assert x_train == [[1, 7], [1, 4, 5, 6], [1, 5], [1]] and x_test == [[1, 6, 6]]


def test_no_start_char_and_no_shift():
    x_train, _, _, _ = _load(start_char=None, index_from=0)
    assert x_train == [[4, 5, 6, 7], [1, 2, 3], [2, 9, 10, 11, 2], [8]]


def test_test_split():
    x_train, y_train, x_test, y_test = _load(test_split=0.0)
    assert len(x_train) == 5 and x_test == [] and y_test == []
    assert len(_load(test_split=0.6)[0]) == 2                 # int(5 * 0.4)
    with pytest.raises(ValueError, match="test_split"):
        reuters.load_data(test_split=1.0)


def test_maxlen_that_keeps_nothing_says_so():
    with pytest.raises(ValueError, match="maxlen=2"):
        reuters.load_data(maxlen=2)


def test_word_index_and_label_names():
    assert reuters.get_word_index() == {"the": 1, "of": 2, "said": 5}
    names = reuters.get_label_names()
    assert len(names) == 46 and names[3] == "earn" and names[19] == "money-fx"


def test_the_loader_is_on_the_keras_import_paths():
    import kerasedu as keras
    from kerasedu.datasets import reuters as by_from_import
    assert keras.datasets.reuters is by_from_import
