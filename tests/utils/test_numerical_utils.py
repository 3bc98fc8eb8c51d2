"""to_categorical against one-hot rows written out by hand."""
import numpy as np
import pytest

from kerasedu.utils.numerical_utils import to_categorical


def test_ids_become_float32_one_hot_rows():
    out = to_categorical([0, 2, 1])
    assert out.dtype == np.float32  # tf.keras's type; Keras 3 gives float64
    assert out.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]


def test_num_classes_adds_columns():
    assert to_categorical([1, 0], num_classes=4).tolist() == [[0, 1, 0, 0], [1, 0, 0, 0]]


def test_a_trailing_axis_of_one_is_dropped():
    y = np.array([[3], [0]], dtype=np.uint8)  # the shape of CIFAR's labels
    assert to_categorical(y).shape == (2, 4)
    assert to_categorical(y, 5)[0].tolist() == [0, 0, 0, 1, 0]


def test_other_shapes_keep_their_axes():
    out = to_categorical([[0, 1], [1, 1], [2, 0]])
    assert out.shape == (3, 2, 3)
    assert out[0].tolist() == [[1, 0, 0], [0, 1, 0]]
    assert to_categorical(2, num_classes=3).tolist() == [0, 0, 1]  # a scalar gives one row
    assert to_categorical([[1]]).shape == (1, 2)


def test_whole_floats_are_accepted_and_fractions_refused():
    assert to_categorical(np.array([1.0, 0.0])).tolist() == [[0, 1], [1, 0]]
    with pytest.raises(ValueError, match="non-integers such as 0.5"):
        to_categorical([0.5, 1.0])


def test_zero_num_classes_means_infer():
    assert to_categorical([1], num_classes=0).shape == (1, 2)


def test_negative_labels_are_refused():
    with pytest.raises(ValueError, match="0 or more, got -1"):
        to_categorical([0, -1, 2])


def test_labels_past_num_classes_are_refused():
    with pytest.raises(ValueError, match="below num_classes=3, got 3. Pass num_classes=4"):
        to_categorical([0, 3], num_classes=3)


def test_non_numbers_and_empty_input_are_explained():
    with pytest.raises(ValueError, match="integer class ids"):
        to_categorical(["cat", "dog"])
    with pytest.raises(ValueError, match="pass num_classes"):
        to_categorical([])
    assert to_categorical([], num_classes=3).shape == (0, 3)
