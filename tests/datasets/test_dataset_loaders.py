"""The loaders on the real files, fetched through the mirror (see conftest.py).

The mirror's mnist.npz and imdb.npz hold the real data in other bytes than
upstream's, and its cifar-10-python.tar.gz is a smaller synthetic stand-in in
the upstream format, so sizes are checked by their relations, not by upstream's
counts, where they differ.
"""
import hashlib
import pickle

import numpy as np
import pytest

from kerasedu.datasets import boston_housing, cifar10, fashion_mnist, imdb, mnist
from kerasedu.utils.file_utils import MirrorCopyWarning

pytestmark = pytest.mark.usefixtures("real_mirror")


def test_mnist(cache):
    with pytest.warns(MirrorCopyWarning, match="mnist.npz"):
        (x_train, y_train), (x_test, y_test) = mnist.load_data()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert y_train[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert y_test[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert x_train.max() == 255 and x_train[0, 0, 0] == 0
    assert np.bincount(y_train).tolist()[:2] == [5923, 6742]  # the well-known class counts
    assert cache.files() == ["mnist.npz", "mnist.npz.sha256"]
    (again, _), _ = mnist.load_data()  # from the cache, verified by the sidecar note
    assert np.array_equal(again, x_train)


def test_fashion_mnist(cache):
    (x_train, y_train), (x_test, y_test) = fashion_mnist.load_data()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert y_train[:10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert y_test[:5].tolist() == [9, 2, 1, 1, 6]
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert x_train.flags.writeable  # learners may edit pixels, as with MNIST
    # byte-identical to upstream: no sidecar notes, the upstream hashes matched
    assert cache.files() == ["fashion-mnist/" + name for name in sorted(fashion_mnist.FILES)]


def test_cifar10(cache):
    with pytest.warns(MirrorCopyWarning):
        (x_train, y_train), (x_test, y_test) = cifar10.load_data()
    assert x_train.shape[1:] == x_test.shape[1:] == (32, 32, 3)
    assert len(x_train) == 5 * len(x_test)  # five training batches, one test batch
    assert y_train.shape == (len(x_train), 1) and y_test.shape == (len(x_test), 1)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.uint8)}
    assert set(np.unique(y_train)) == set(range(10))
    # Each raw row is the red plane, then green, then blue: pixel (r, c) of
    # channel k is row[k * 1024 + r * 32 + c].
    with open(cache.root / "cifar-10-python_extracted" / "cifar-10-batches-py" / "test_batch", "rb") as f:
        raw = pickle.load(f, encoding="bytes")  # the test trusts its own fixture data
    row = raw[b"data"][3]
    assert x_test[3, 2, 5].tolist() == [row[k * 1024 + 2 * 32 + 5] for k in range(3)]
    assert y_test[:20, 0].tolist() == raw[b"labels"][:20]
    assert x_test.flags.c_contiguous


def test_boston_housing_matches_keras_split(cache):
    (x_train, y_train), (x_test, y_test) = boston_housing.load_data()
    assert x_train.shape == (404, 13) and x_test.shape == (102, 13)
    assert y_train.shape == (404,) and y_test.shape == (102,)
    assert {a.dtype for a in (x_train, y_train, x_test, y_test)} == {np.dtype(np.float32)}
    with np.load(cache.root / "boston_housing.npz") as raw:
        x, y = raw["x"], raw["y"]
    order = np.arange(506)
    np.random.RandomState(113).shuffle(order)
    assert order[:3].tolist() == [22, 202, 368]
    assert np.allclose(x_train[0], x[22]) and y_train[1] == np.float32(y[202])
    assert np.allclose(x_test[-1], x[order[-1]])


def test_boston_housing_options(cache):
    (x_train, _), (x_test, _) = boston_housing.load_data(test_split=0.1, seed=0)
    assert len(x_train) == int(506 * 0.9) == 455 and len(x_test) == 51
    (other, _), _ = boston_housing.load_data(test_split=0.1, seed=1)
    assert not np.array_equal(x_train, other)
    with pytest.raises(ValueError, match="test_split"):
        boston_housing.load_data(test_split=1.0)


def test_imdb_real_data(cache):
    with pytest.warns(MirrorCopyWarning):
        (x_train, y_train), (x_test, y_test) = imdb.load_data()
    assert x_train.dtype == object and x_train.ndim == 1 and len(x_train) == len(y_train)
    assert len(x_test) == len(y_test) and set(np.unique(y_train)) == {0, 1}
    assert all(isinstance(review, list) and review[0] == 1 for review in x_train[:100])
    raw = np.load(cache.root / "imdb.npz", allow_pickle=True)  # the test trusts its fixture
    order = np.arange(len(raw["x_train"]))
    np.random.RandomState(113).shuffle(order)
    assert x_train[0] == [1] + [w + 3 for w in raw["x_train"][order[0]]]
    assert y_train[0] == raw["y_train"][order[0]]

    word_index = imdb.get_word_index()
    assert word_index["the"] == 1 and word_index["and"] == 2
    words = {rank + 3: word for word, rank in word_index.items()}
    assert all(i in words for i in x_train[0][1:])  # every id decodes to a word


def test_imdb_real_options(cache):
    with pytest.warns(MirrorCopyWarning):
        (x_train, _), (x_test, _) = imdb.load_data(num_words=1000, maxlen=120)
    lengths = [len(r) for r in (*x_train, *x_test)]
    assert 0 < len(x_train) and max(lengths) < 120
    assert max(max(r) for r in x_train) < 1000
    assert cache.files() == ["imdb.npz", "imdb.npz.sha256"]  # the word index is fetched only on demand


def test_imdb_word_index_is_checked_by_its_md5(cache):
    word_index = imdb.get_word_index()
    assert len(word_index) == 88584
    assert hashlib.md5((cache.root / "imdb_word_index.json").read_bytes()).hexdigest() == imdb.WORD_INDEX_MD5
