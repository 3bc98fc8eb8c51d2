"""keras.metrics' function forms and cross-entropy metrics, as Keras tutorials use them."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import losses, metrics

RNG = np.random.default_rng(0)
PROBS = RNG.dirichlet(np.ones(4), size=6).astype(np.float32)          # (6, 4) softmax-like
LABELS = np.array([0, 3, 1, 1, 2, 0])
ONE_HOT = np.eye(4, dtype=np.float32)[LABELS]


@pytest.mark.parametrize("fn, metric, y_true, y_pred", [
    (metrics.binary_accuracy, metrics.BinaryAccuracy(), np.array([[1.0], [0.0], [1.0]]),
     np.array([[0.9], [0.7], [0.2]])),
    (metrics.categorical_accuracy, metrics.CategoricalAccuracy(), ONE_HOT, PROBS),
    (metrics.sparse_categorical_accuracy, metrics.SparseCategoricalAccuracy(), LABELS, PROBS),
    (metrics.top_k_categorical_accuracy, metrics.TopKCategoricalAccuracy(k=2), ONE_HOT, PROBS),
    (metrics.sparse_top_k_categorical_accuracy, metrics.SparseTopKCategoricalAccuracy(k=2), LABELS, PROBS),
])
def test_function_forms_give_the_per_sample_values_the_classes_average(fn, metric, y_true, y_pred):
    kwargs = {"k": 2} if "top_k" in fn.__name__ else {}
    values = fn(y_true, y_pred, **kwargs)
    assert values.shape == (len(y_pred),) and values.dtype == np.float32
    assert set(np.unique(values)) <= {0.0, 1.0}
    metric.update_state(y_true, y_pred)
    assert metric.result() == pytest.approx(values.mean())


def test_top_k_by_hand():
    y_pred = np.array([[0.1, 0.5, 0.4], [0.6, 0.3, 0.1]])
    np.testing.assert_array_equal(metrics.sparse_top_k_categorical_accuracy([2, 2], y_pred, k=2), [1.0, 0.0])
    np.testing.assert_array_equal(metrics.top_k_categorical_accuracy(np.eye(3)[[0, 0]], y_pred, k=1), [0.0, 1.0])


@pytest.mark.parametrize("metric, loss_fn, y_true, from_logits", [
    (metrics.BinaryCrossentropy, losses.binary_crossentropy, np.array([[1.0], [0.0], [1.0]]), True),
    (metrics.CategoricalCrossentropy, losses.categorical_crossentropy, ONE_HOT, False),
    (metrics.SparseCategoricalCrossentropy, losses.sparse_categorical_crossentropy, LABELS, False),
])
def test_crossentropy_metrics_are_the_mean_of_the_loss(metric, loss_fn, y_true, from_logits):
    y_pred = RNG.standard_normal((len(y_true), 1)).astype(np.float32) if from_logits else PROBS
    m = metric(from_logits=from_logits)
    m.update_state(y_true[:2], y_pred[:2])
    m.update_state(y_true[2:], y_pred[2:])
    expected = loss_fn(y_true, y_pred, from_logits=from_logits).data.mean()
    assert m.result() == pytest.approx(float(expected), rel=1e-6)
    assert m.name == loss_fn.__name__


def test_the_loss_functions_are_metrics_too():
    assert metrics.mean_squared_error is losses.mean_squared_error
    assert metrics.sparse_categorical_crossentropy is losses.sparse_categorical_crossentropy


def small_classifier():
    keras.utils.set_random_seed(1)
    model = keras.Sequential([keras.Input(shape=(5,)), keras.layers.Dense(4, activation="softmax")])
    return model


def test_compile_with_functions_and_objects_logs_their_names(tmp_path):
    # as in Keras tutorials: metrics=[metrics.binary_accuracy], BinaryCrossentropy(from_logits=True, ...)
    x = RNG.standard_normal((32, 5)).astype(np.float32)
    y = RNG.integers(0, 4, 32)
    model = small_classifier()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=[metrics.sparse_categorical_accuracy,
                           metrics.SparseCategoricalCrossentropy(name="sce"),
                           "sparse_top_k_categorical_accuracy"])
    history = model.fit(x, y, epochs=2, batch_size=8, verbose=0)
    assert sorted(history.history) == ["loss", "sce", "sparse_categorical_accuracy",
                                       "sparse_top_k_categorical_accuracy"]
    # the cross-entropy metric is the loss itself: the same running mean over the epoch
    assert history.history["sce"] == pytest.approx(history.history["loss"], rel=1e-5)

    path = tmp_path / "model.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert loaded.evaluate(x, y, verbose=0, return_dict=True) == pytest.approx(
        model.evaluate(x, y, verbose=0, return_dict=True))


def test_crossentropy_metric_from_logits_on_a_logits_model():
    # the TensorFlow "overfit and underfit" tutorial watches BinaryCrossentropy(from_logits=True)
    x = RNG.standard_normal((16, 3)).astype(np.float32)
    y = (x[:, :1] > 0).astype(np.float32)
    keras.utils.set_random_seed(2)
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True),
                  metrics=[metrics.BinaryCrossentropy(from_logits=True, name="binary_crossentropy"),
                           "accuracy"])
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    assert logs["binary_crossentropy"] == pytest.approx(logs["loss"], rel=1e-5)
