"""pad_sequences against answers worked out by hand from Keras's rules."""
import numpy as np
import pytest

from kerasedu.preprocessing.sequence import pad_sequences as from_preprocessing
from kerasedu.utils.sequence_utils import pad_sequences

SEQS = [[1], [2, 3], [4, 5, 6]]


def test_defaults_pad_before_to_the_longest():
    out = pad_sequences(SEQS)
    assert out.dtype == np.int32
    assert out.tolist() == [[0, 0, 1], [0, 2, 3], [4, 5, 6]]


def test_post_padding_and_a_padding_value():
    assert pad_sequences(SEQS, padding="post").tolist() == [[1, 0, 0], [2, 3, 0], [4, 5, 6]]
    assert pad_sequences(SEQS, value=-1).tolist() == [[-1, -1, 1], [-1, 2, 3], [4, 5, 6]]


def test_pre_truncation_keeps_the_last_items():
    assert pad_sequences(SEQS, maxlen=2).tolist() == [[0, 1], [2, 3], [5, 6]]


def test_post_truncation_keeps_the_first_items():
    assert pad_sequences(SEQS, maxlen=2, truncating="post").tolist() == [[0, 1], [2, 3], [4, 5]]
    out = pad_sequences(SEQS, maxlen=2, truncating="post", padding="post")
    assert out.tolist() == [[1, 0], [2, 3], [4, 5]]


def test_maxlen_longer_than_every_sequence():
    assert pad_sequences([[7, 8]], maxlen=4).tolist() == [[0, 0, 7, 8]]


def test_maxlen_zero_gives_empty_rows():
    assert pad_sequences(SEQS, maxlen=0).shape == (3, 0)


def test_dtype_and_float_values():
    out = pad_sequences([[0.5, 1.5], [2.5]], dtype="float32", value=9.0)
    assert out.dtype == np.float32 and out.tolist() == [[0.5, 1.5], [9.0, 2.5]]
    # int32 cuts floats, as np.asarray(..., dtype="int32") does
    assert pad_sequences([[1.7]]).tolist() == [[1]]


def test_empty_sequences_become_all_padding():
    assert pad_sequences([[], [1, 2]]).tolist() == [[0, 0], [1, 2]]
    assert pad_sequences([[], []]).shape == (2, 0)
    assert pad_sequences([]).shape == (0, 0)


def test_sequences_of_vectors():
    seqs = [np.ones((1, 2)), np.full((3, 2), 2.0)]
    out = pad_sequences(seqs, dtype="float32", maxlen=2)
    assert out.shape == (2, 2, 2)
    assert out.tolist() == [[[0, 0], [1, 1]], [[2, 2], [2, 2]]]


def test_vectors_of_different_sizes_are_refused():
    with pytest.raises(ValueError, match="Sequence 1 has items of shape"):
        pad_sequences([np.ones((1, 2)), np.ones((1, 3))])


def test_strings_need_dtype_object():
    out = pad_sequences([["a"], ["b", "c"]], dtype=object, value="<pad>")
    assert out.tolist() == [["<pad>", "a"], ["b", "c"]]
    with pytest.raises(ValueError, match="dtype=object"):
        pad_sequences([["a"]], value="<pad>")


def test_numpy_arrays_and_tuples_work():
    assert pad_sequences((np.array([1, 2, 3]), (4,)), maxlen=2).tolist() == [[2, 3], [0, 4]]


@pytest.mark.parametrize("option", ["padding", "truncating"])
def test_bad_words_are_refused_even_for_empty_sequences(option):
    with pytest.raises(ValueError, match=f'{option} must be "pre" or "post"'):
        pad_sequences([[]], **{option: "middle"})


def test_non_sequences_are_refused():
    with pytest.raises(ValueError, match="item 1 is 5"):
        pad_sequences([[1], 5])
    with pytest.raises(ValueError, match="list of sequences"):
        pad_sequences(iter([[1]]))


def test_the_preprocessing_path_is_the_same_function():
    assert from_preprocessing is pad_sequences
