"""Precision, Recall, AUC and the confusion counts: Keras's documented values, and by hand."""
import numpy as np
import pytest

import kerasedu as keras
from kerasedu import metrics


def result_after(metric, y_true, y_pred, sample_weight=None):
    metric.update_state(y_true, y_pred, sample_weight=sample_weight)
    return metric.result()


@pytest.mark.parametrize("metric, y_true, y_pred, plain, weighted", [
    # the examples of the Keras docstrings (keras/src/metrics/confusion_metrics.py)
    (metrics.FalsePositives, [0, 1, 0, 0], [0, 0, 1, 1], 2.0, 1.0),
    (metrics.FalseNegatives, [0, 1, 1, 1], [0, 1, 0, 0], 2.0, 1.0),
    (metrics.TrueNegatives, [0, 1, 0, 0], [1, 1, 0, 0], 2.0, 1.0),
    (metrics.TruePositives, [0, 1, 1, 1], [1, 0, 1, 1], 2.0, 1.0),
    (metrics.Precision, [0, 1, 1, 1], [1, 0, 1, 1], 2 / 3, 1.0),
    (metrics.Recall, [0, 1, 1, 1], [1, 0, 1, 1], 2 / 3, 1.0),
])
def test_keras_documented_values(metric, y_true, y_pred, plain, weighted):
    m = metric()
    assert result_after(m, y_true, y_pred) == pytest.approx(plain)
    m.reset_state()
    assert result_after(m, y_true, y_pred, sample_weight=[0, 0, 1, 0]) == pytest.approx(weighted)


def test_precision_top_k_takes_the_first_of_equal_predictions():
    assert result_after(metrics.Precision(top_k=2), [0, 0, 1, 1], [1, 1, 1, 1]) == 0.0
    assert result_after(metrics.Precision(top_k=4), [0, 0, 1, 1], [1, 1, 1, 1]) == 0.5


def test_counts_add_up_over_batches_and_thresholds_give_one_value_each():
    m = metrics.Precision(thresholds=[0.3, 0.7])
    m.update_state([1, 0], [0.5, 0.5])                  # at 0.3: TP 1, FP 1; at 0.7: nothing
    m.update_state([[1], [1]], [[0.8], [0.2]])          # at 0.3: TP 1; at 0.7: TP 1
    np.testing.assert_allclose(m.result(), [2 / 3, 1.0])


def test_class_id_looks_at_one_column():
    y_true = np.eye(3)[[0, 1, 2, 1]]
    y_pred = np.array([[0.9, 0.1, 0.0], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.1, 0.8, 0.1]])
    assert result_after(metrics.Recall(class_id=1), y_true, y_pred) == 0.5      # found 1 of the 2 ones
    assert result_after(metrics.Precision(class_id=0), y_true, y_pred) == 0.5   # class 0 called twice


@pytest.mark.parametrize("weights, expected", [(None, 0.75), ([1, 0, 0, 1], 1.0)])
def test_auc_keras_documented_values(weights, expected):
    assert result_after(metrics.AUC(num_thresholds=3), [0, 0, 1, 1], [0, 0.5, 0.3, 0.9],
                        weights) == pytest.approx(expected)


def test_roc_auc_approaches_the_exact_area_with_many_thresholds():
    # the exact ROC AUC is the chance that a random positive scores above a random negative
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 400)
    y_pred = np.clip(0.3 * y_true + rng.uniform(0, 0.7, 400), 0, 1)
    pos, neg = y_pred[y_true == 1], y_pred[y_true == 0]
    exact = np.mean(pos[:, None] > neg[None, :]) + 0.5 * np.mean(pos[:, None] == neg[None, :])
    assert result_after(metrics.AUC(num_thresholds=2000), y_true, y_pred) == pytest.approx(exact, abs=2e-3)
    minoring = result_after(metrics.AUC(summation_method="minoring"), y_true, y_pred)
    majoring = result_after(metrics.AUC(summation_method="majoring"), y_true, y_pred)
    assert minoring <= exact <= majoring


def test_pr_auc_by_hand():
    # thresholds -1e-7, 0.5, 1 + 1e-7; labels [0, 1, 1], predictions [0.2, 0.4, 0.8]
    # counts per threshold: TP [2, 1, 0], FP [1, 0, 0], FN [0, 1, 2]
    # piece 1: dTP = 1, P 3 -> 1, slope = 1/2, intercept = 1 - 1/2 = 1/2, area = 1/2 (1 + 1/2 ln 3) / 2
    # piece 2: dTP = 1, P 1 -> 0, slope = 1, intercept = 0, ratio 1, area = 1 * 1 / 2
    expected = 0.5 * (1 + 0.5 * np.log(3)) / 2 + 0.5
    m = metrics.AUC(num_thresholds=3, curve="PR")
    assert result_after(m, [0, 1, 1], [0.2, 0.4, 0.8]) == pytest.approx(expected)
    riemann = metrics.AUC(num_thresholds=3, curve="PR", summation_method="majoring")
    # recall [1, 0.5, 0], precision [2/3, 1, 0]: widths 0.5 and 0.5, heights max(2/3, 1) and max(1, 0)
    assert result_after(riemann, [0, 1, 1], [0.2, 0.4, 0.8]) == pytest.approx(1.0)


def test_auc_from_logits_is_auc_of_the_sigmoid():
    logits = np.array([-2.0, 0.5, -0.3, 3.0])
    a = result_after(metrics.AUC(from_logits=True), [0, 0, 1, 1], logits)
    b = result_after(metrics.AUC(), [0, 0, 1, 1], 1 / (1 + np.exp(-logits)))
    assert a == pytest.approx(b)


# Two labels (columns), four samples; thresholds -1e-7, 0.25, 0.5, 0.75, 1 + 1e-7.
# Worked out in Keras's MultiAUCTest (keras/src/metrics/confusion_metrics_test.py):
#   label 0: recall [1, 1, 0.5, 0.5, 0], false positive rate [1, 0.5, 0, 0, 0]  ->  ROC AUC 0.875
#   label 1: recall [1, 1, 0, 0, 0],     false positive rate [1, 0, 0, 0, 0]    ->  ROC AUC 1.0
Y_PRED_2 = np.array([[0, 0.5, 0.3, 0.9], [0.1, 0.2, 0.3, 0.4]]).T
Y_GOOD_2 = np.array([[0, 0, 1, 1], [0, 0, 1, 1]]).T
Y_BAD_2 = np.array([[0, 0, 1, 1], [1, 1, 0, 0]]).T


@pytest.mark.parametrize("kwargs, y_true, sample_weight, expected, tol", [
    ({"multi_label": True}, Y_GOOD_2, None, (0.875 + 1.0) / 2, 1e-6),
    ({"multi_label": True, "label_weights": [0.75, 0.25]}, Y_GOOD_2, None, 0.875 * 0.75 + 0.25, 1e-6),
    ({"multi_label": True, "thresholds": [0.5]}, Y_GOOD_2, None, (0.75 + 0.5) / 2, 1e-6),
    # weighted: label 0's recall [1, 1, 4/7, 4/7, 0] and false positive rate [1, 2/3, 0, 0, 0]
    ({"multi_label": True}, Y_GOOD_2, [1, 2, 3, 4], (1 - 0.5 * (3 / 7) * (2 / 3) + 1.0) / 2, 1e-6),
    # PR by Davis & Goadrich, worked by hand: label 0 is 0.75 + ln(3) / 8 (Keras's test comment
    # rounds it to 0.917 and allows 0.1); label 1 is 1 when right, 1 - ln(2) when backwards
    ({"multi_label": True, "curve": "PR"}, Y_GOOD_2, None, (0.75 + np.log(3) / 8 + 1.0) / 2, 1e-9),
    ({"multi_label": True, "curve": "PR"}, Y_BAD_2, None, (0.75 + np.log(3) / 8 + 1 - np.log(2)) / 2, 1e-9),
    ({"multi_label": False}, Y_GOOD_2, None, 1 - 3 / 32, 1e-6),                # one curve of 8 points
    ({"multi_label": False, "label_weights": [0.75, 0.25]}, Y_GOOD_2, None, 1 - 0.625 * 0.375 / 2, 1e-6),
    ({"multi_label": False}, Y_GOOD_2, np.arange(8.0).reshape(4, 2), 1 - (1 / 3) * (1 - 3 / 11) / 2, 1e-6),
])
def test_auc_with_several_labels_as_keras(kwargs, y_true, sample_weight, expected, tol):
    auc = metrics.AUC(**{"num_thresholds": 5, **kwargs})
    assert result_after(auc, y_true, Y_PRED_2, sample_weight) == pytest.approx(expected, abs=tol)


def test_multi_label_auc_is_the_mean_of_per_label_aucs():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 2, (50, 3)), rng.random((50, 3))
    per_label = [result_after(metrics.AUC(), y_true[:, j], y_pred[:, j]) for j in range(3)]
    together = metrics.AUC(multi_label=True)
    together.update_state(y_true[:25], y_pred[:25])          # two batches add up like one
    together.update_state(y_true[25:], y_pred[25:])
    assert together.result() == pytest.approx(np.mean(per_label))
    assert result_after(metrics.AUC(multi_label=True), y_true, y_true) == 1.0


def test_auc_arguments_we_do_not_support_say_so():
    with pytest.raises(ValueError, match="label_weights"):
        metrics.AUC(label_weights=[[1.0, 2.0]])
    with pytest.raises(ValueError, match="curve"):
        metrics.AUC(curve="PRGAIN")
    with pytest.raises(ValueError, match="num_thresholds"):
        metrics.AUC(num_thresholds=1)


def test_root_mean_squared_error():
    m = metrics.RootMeanSquaredError()
    m.update_state([[0.0], [0.0]], [[3.0], [4.0]])
    assert m.result() == pytest.approx(np.sqrt(12.5))


def test_in_compile_fit_and_a_saved_model(tmp_path):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((64, 4)).astype(np.float32)
    y = (x[:, 0] + 0.3 * rng.standard_normal(64) > 0).astype(np.float32)
    keras.utils.set_random_seed(4)
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["accuracy", metrics.Precision(), metrics.Recall(name="rec"), "auc",
                           metrics.AUC(curve="PR", name="prc"), metrics.TruePositives(name="tp")])
    # "prc" says nothing by its name: EarlyStopping learns from the metric that higher is better
    stop = keras.callbacks.EarlyStopping(monitor="val_prc", patience=5)
    history = model.fit(x, y, epochs=2, batch_size=16, validation_split=0.25, verbose=0,
                        callbacks=[stop])
    assert stop._direction == "max"
    assert sorted(history.history) == sorted(
        ["accuracy", "auc", "loss", "prc", "precision", "rec", "tp",
         "val_accuracy", "val_auc", "val_loss", "val_prc", "val_precision", "val_rec", "val_tp"])
    logs = model.evaluate(x, y, verbose=0, return_dict=True)
    predicted = model.predict(x, verbose=0)[:, 0] > 0.5
    assert logs["tp"] == np.sum(predicted & (y == 1))
    assert logs["precision"] == pytest.approx(np.sum(predicted & (y == 1)) / max(np.sum(predicted), 1))
    assert 0.5 < logs["auc"] <= 1.0

    model.save(tmp_path / "model.keras")
    loaded = keras.models.load_model(tmp_path / "model.keras")
    assert loaded.evaluate(x, y, verbose=0, return_dict=True) == pytest.approx(logs)


def test_several_thresholds_in_fit_log_one_value_each(capsys):
    x = np.linspace(-1, 1, 32, dtype=np.float32).reshape(-1, 1)
    y = (x[:, 0] > 0).astype(np.float32)
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="sgd", loss="binary_crossentropy",
                  metrics=[metrics.Recall(thresholds=[0.2, 0.5, 0.8])])
    history = model.fit(x, y, epochs=2, batch_size=8, verbose=2)
    assert [len(values) for values in history.history["recall"]] == [3, 3]
    assert all(a >= b >= c for a, b, c in history.history["recall"])   # a higher bar finds fewer
    assert "recall: [" in capsys.readouterr().out
    loss, recall = model.evaluate(x, y, verbose=0)
    assert isinstance(loss, float) and len(recall) == 3


def test_multi_label_auc_in_fit_logs_one_number_and_survives_saving(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 10)).astype(np.float32)
    y = (x[:, :3] > 0).astype(np.float32)                    # three yes/no labels per sample
    model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Dense(3, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=[metrics.AUC(multi_label=True, label_weights=[1.0, 1.0, 2.0], name="auc")])
    history = model.fit(x, y, epochs=2, verbose=0)
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in history.history["auc"])
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    assert again.evaluate(x, y, verbose=0, return_dict=True)["auc"] == pytest.approx(
        model.evaluate(x, y, verbose=0, return_dict=True)["auc"])
