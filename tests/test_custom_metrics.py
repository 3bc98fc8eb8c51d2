"""keras.metrics.Metric subclasses written as the guides write them: state made with
add_variable in __init__, update_state / result / reset_state, in fit, evaluate, History
and save/load."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import ops


class TruePositiveCount(keras.metrics.Metric):
    """The guide's CategoricalTruePositives, with the argmax done in NumPy."""

    def __init__(self, name="true_positive_count", **kwargs):
        super().__init__(name=name, **kwargs)
        self.true_positives = self.add_variable(shape=(), name="ctp", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        hits = (np.asarray(y_true).reshape(-1) == np.argmax(np.asarray(y_pred), axis=1)).astype("float32")
        if sample_weight is not None:
            hits = ops.multiply(hits, np.asarray(sample_weight, "float32"))
        self.true_positives.assign_add(ops.sum(hits))

    def result(self):
        return self.true_positives


class MeanOfSquares(keras.metrics.Metric):
    """Two variables and the default reset_state (zeros for every variable)."""

    def __init__(self, name="mean_of_squares", **kwargs):
        super().__init__(name=name, **kwargs)
        self.total = self.add_weight(name="total", initializer="zeros")
        self.seen = self.add_weight(name="seen", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        self.total.assign_add(ops.sum(ops.square(np.asarray(y_pred))))
        self.seen.assign_add(float(np.size(y_pred)))

    def result(self):
        return ops.divide(self.total, ops.maximum(self.seen, 1.0))


def data():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((40, 4)).astype("float32")
    return x, (x[:, 0] > 0).astype("int64")


def model():
    m = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation="softmax")])
    m.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy",
              metrics=[TruePositiveCount(), MeanOfSquares()])
    return m


def test_base_init_does_not_call_reset_state_and_reset_zeroes_variables():
    metric = MeanOfSquares()            # would fail if Metric.__init__ called reset_state first
    assert [v.name for v in metric.variables] == ["total", "seen"]
    metric.update_state(None, np.array([[1.0, 3.0]]))
    assert float(metric.result()) == pytest.approx(5.0)
    metric.reset_state()
    assert [float(v.numpy()) for v in metric.variables] == [0.0, 0.0]
    assert float(metric(None, np.array([2.0]))) == pytest.approx(4.0)   # __call__: update + result


def test_in_fit_evaluate_and_history():
    x, y = data()
    m = model()
    history = m.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_data=(x[:10], y[:10]))
    counts = history.history["true_positive_count"]
    assert len(counts) == 3 and all(0 <= c <= 40 for c in counts)
    assert all(float(c).is_integer() for c in counts)
    assert "val_true_positive_count" in history.history and "val_mean_of_squares" in history.history
    result = m.evaluate(x, y, verbose=0, return_dict=True)
    # reset before evaluate: the count is over these 40 samples only
    predicted = np.argmax(m.predict(x, verbose=0), axis=1)
    assert result["true_positive_count"] == float((predicted == y).sum())
    assert result["mean_of_squares"] == pytest.approx(float(np.mean(m.predict(x, verbose=0) ** 2)), rel=1e-5)


def test_saved_and_loaded(tmp_path):
    x, y = data()
    m = model()
    m.fit(x, y, epochs=1, verbose=0)
    path = tmp_path / "m.keras"
    m.save(path)
    loaded = keras.saving.load_model(path, custom_objects={"TruePositiveCount": TruePositiveCount,
                                                           "MeanOfSquares": MeanOfSquares})
    before = m.evaluate(x, y, verbose=0, return_dict=True)
    after = loaded.evaluate(x, y, verbose=0, return_dict=True)
    assert after == pytest.approx(before)
