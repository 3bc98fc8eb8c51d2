"""imdb.load_data's options on a tiny hand-made imdb.npz, with answers worked out by hand.

The file is served from a local mirror folder whose SHA256SUMS vouches for it.

Raw reviews (word ranks) and labels:
    train: A=[1,2,3] 0, B=[4,5,6,7] 1, C=[8] 0, D=[2,9,10,11,12] 1
    test:  E=[3,3] 1, F=[13,1,4,5] 0, G=[7] 1
RandomState(113) shuffles train to [3,2,0,1] (D,C,A,B), then test to [1,0,2] (F,E,G).
"""
import hashlib

import numpy as np
import pytest

from kerasedu.datasets import imdb
from kerasedu.utils.file_utils import MirrorCopyWarning

pytestmark = pytest.mark.filterwarnings("ignore::kerasedu.utils.file_utils.MirrorCopyWarning")


def _objects(reviews):
    out = np.empty(len(reviews), dtype=object)
    for i, review in enumerate(reviews):
        out[i] = review
    return out


@pytest.fixture(autouse=True)
def tiny_mirror(tmp_path, monkeypatch):
    folder = tmp_path / "mirror"
    folder.mkdir()
    np.savez(folder / "imdb.npz",
             x_train=_objects([[1, 2, 3], [4, 5, 6, 7], [8], [2, 9, 10, 11, 12]]),
             y_train=np.array([0, 1, 0, 1]),
             x_test=_objects([[3, 3], [13, 1, 4, 5], [7]]), y_test=np.array([1, 0, 1]))
    sha = hashlib.sha256((folder / "imdb.npz").read_bytes()).hexdigest()
    (folder / "SHA256SUMS").write_text(f"{sha}  imdb.npz\n")
    monkeypatch.setenv("KERASEDU_DATA_MIRROR", str(folder))


def _load(**options):
    (x_train, y_train), (x_test, y_test) = imdb.load_data(**options)
    return [list(r) for r in x_train], y_train.tolist(), [list(r) for r in x_test], y_test.tolist()


def test_the_shuffle_is_the_one_we_worked_out():
    rng = np.random.RandomState(113)
    train, test = np.arange(4), np.arange(3)
    rng.shuffle(train)
    rng.shuffle(test)
    assert train.tolist() == [3, 2, 0, 1] and test.tolist() == [1, 0, 2]


def test_defaults():
    with pytest.warns(MirrorCopyWarning):
        x_train, y_train, x_test, y_test = _load()
    # start_char 1, ids + 3; num_words None -> the largest id, 16, which is
    # itself outside [0, 16) and becomes oov 2 (as in Keras).
    assert x_train == [[1, 5, 12, 13, 14, 15], [1, 11], [1, 4, 5, 6], [1, 7, 8, 9, 10]]
    assert y_train == [1, 0, 0, 1]
    assert x_test == [[1, 2, 4, 7, 8], [1, 6, 6], [1, 10]]
    assert y_test == [0, 1, 1]


def test_return_types():
    (x_train, y_train), _ = imdb.load_data()
    assert x_train.dtype == object and x_train.shape == (4,) and isinstance(x_train[0], list)
    assert np.issubdtype(y_train.dtype, np.integer)
    # reviews of one length stay a 1-D array of lists (np.array would make it 2-D)
    (x_train, _), (x_test, _) = imdb.load_data(num_words=4, oov_char=None, start_char=None)
    assert [list(r) for r in x_test] == [[], [], []] and x_test.shape == (3,)


def test_maxlen_drops_long_reviews_and_keeps_labels_aligned():
    # lengths with start_char: D 6, C 2, A 4, B 5 | F 5, E 3, G 2; keep < 5.
    # The largest id left is 11 (C), which becomes oov.
    x_train, y_train, x_test, y_test = _load(maxlen=5)
    assert x_train == [[1, 2], [1, 4, 5, 6]] and y_train == [0, 0]
    assert x_test == [[1, 6, 6], [1, 10]] and y_test == [1, 1]


def test_maxlen_too_small_raises():
    with pytest.raises(ValueError, match="maxlen=2"):
        imdb.load_data(maxlen=2)


def test_num_words_and_skip_top_become_oov():
    # keep ids in [5, 10); the start_char 1 is below skip_top, so it too becomes 2.
    x_train, _, x_test, _ = _load(num_words=10, skip_top=5)
    assert x_train == [[2, 5, 2, 2, 2, 2], [2, 2], [2, 2, 5, 6], [2, 7, 8, 9, 2]]
    assert x_test == [[2, 2, 2, 7, 8], [2, 6, 6], [2, 2]]


def test_oov_char_none_removes_words():
    x_train, _, x_test, _ = _load(num_words=8, oov_char=None)
    assert x_train == [[1, 5], [1], [1, 4, 5, 6], [1, 7]]
    assert x_test == [[1, 4, 7], [1, 6, 6], [1]]


def test_no_start_char_and_no_offset():
    # ids as stored; the largest, 13, becomes oov.
    x_train, _, x_test, _ = _load(start_char=None, index_from=0)
    assert x_train == [[2, 9, 10, 11, 12], [8], [1, 2, 3], [4, 5, 6, 7]]
    assert x_test == [[2, 1, 4, 5], [3, 3], [7]]


def test_custom_start_oov_and_index_from():
    x_train, _, _, _ = _load(start_char=7, oov_char=9, index_from=10, num_words=20)
    assert x_train == [[7, 12, 19, 9, 9, 9], [7, 18], [7, 11, 12, 13], [7, 14, 15, 16, 17]]


def test_the_seed_decides_the_order_and_repeats():
    # RandomState(7) shuffles train to [2, 1, 0, 3] and test to [0, 1, 2].
    x_train, y_train, _, y_test = _load(seed=7)
    assert x_train[0] == [1, 11] and y_train == [0, 1, 0, 1] and y_test == [1, 0, 1]  # C first
    assert _load(seed=7) == _load(seed=7)
    assert _load(seed=7) != _load(seed=113)


def test_the_file_is_cached_with_its_mirror_note(cache, monkeypatch):
    imdb.load_data()
    assert cache.files() == ["imdb.npz", "imdb.npz.sha256"]
    monkeypatch.delenv("KERASEDU_DATA_MIRROR")  # no mirror and no upstream: offline
    assert _load()[1] == [1, 0, 0, 1]  # still loads: the note vouches for the copy
