"""Metrics from the confusion matrix: Precision, Recall, AUC and the four counts.

For a yes/no question (is this email spam?) every prediction is one of four kinds:

                      label 1               label 0
    predicted 1    true positive (TP)    false positive (FP)
    predicted 0    false negative (FN)   true negative (TN)

A prediction counts as "1" when y_pred > threshold (0.5 by default). These metrics
add up TP, FP, TN and FN over the batches of an epoch, one count per threshold, and
compute their result from the totals (not as a mean of per-batch values):

    precision = TP / (TP + FP)     of what we called positive, how much was right
    recall    = TP / (TP + FN)     of what was positive, how much we found

>>> m = Precision()
>>> m.update_state([0, 1, 1, 1], [1, 0, 1, 1])          # 2 right of the 3 called positive
>>> round(m.result(), 4)
0.6667
"""
from __future__ import annotations

from typing import Optional, Sequence, Union

import numpy as np

from kerasedu.metrics import Metric, _array

Thresholds = Union[float, Sequence[float], None]


def _divide_no_nan(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a / b, and 0 where b is 0 (a precision with nothing predicted positive is 0)."""
    return np.divide(a, b, out=np.zeros_like(a), where=b != 0)


class _ConfusionCounts(Metric):
    """Keeps TP, FP, TN and FN per threshold, summed over every batch since the last reset.

    Args:
        thresholds: a float or a list of floats; y_pred > threshold counts as positive.
        top_k: only the k highest predictions of each sample can count as positive.
        class_id: look at this one class (a column of y_true and y_pred) only.
    """

    default_threshold = 0.5

    def __init__(self, thresholds: Thresholds = None, top_k: Optional[int] = None,
                 class_id: Optional[int] = None, name: Optional[str] = None, dtype=None):
        self.init_thresholds, self.top_k, self.class_id = thresholds, top_k, class_id
        if thresholds is None:     # with top_k, every one of the k best counts as positive
            thresholds = self.default_threshold if top_k is None else -np.inf
        self.thresholds = np.atleast_1d(np.asarray(thresholds, dtype=np.float64))    # (T,)
        super().__init__(name)
        self.reset_state()                 # the counts exist from the start

    # AUC(multi_label=True) counts each label (column) apart: (T, labels) instead of (T,)
    per_label = False

    def reset_state(self) -> None:
        shape = (len(self.thresholds), 1) if self.per_label else (len(self.thresholds),)
        self.tp, self.fp, self.tn, self.fn = (np.zeros(shape) for _ in range(4))   # (T, 1) grows to (T, L)

    def update_state(self, y_true, y_pred, sample_weight=None) -> None:
        y_true, y_pred = _array(y_true), _array(y_pred).astype(np.float64)
        if y_true.ndim == y_pred.ndim - 1 and y_pred.shape[-1] == 1:
            y_true = y_true[..., None]                       # (batch,) labels for a (batch, 1) output
        y_true = y_true.reshape(y_pred.shape)
        if self.top_k is not None:                           # keep the k best of each sample
            y_pred = _keep_top_k(y_pred, self.top_k)
        weight = _weights(sample_weight, y_pred.shape)
        if self.class_id is not None:
            y_true, y_pred, weight = y_true[..., self.class_id], y_pred[..., self.class_id], weight[..., self.class_id]
        # one row per prediction, one column per label (a single column unless per_label)
        columns = y_pred.shape[-1] if self.per_label else 1
        positive = y_true.reshape(-1, columns) > 0.5                   # (n, L) the labels as True/False
        weight = weight.reshape(-1, columns)                           # (n, L)
        called_positive = y_pred.reshape(1, -1, columns) > self.thresholds[:, None, None]   # (T, n, L)
        # the weight of the predictions called positive that are positive (TP) or negative (FP);
        # what is not called positive is the rest: FN = all positives - TP, TN = all negatives - FP
        tp = np.einsum("tnl,nl->tl", called_positive, weight * positive)      # (T, L)
        fp = np.einsum("tnl,nl->tl", called_positive, weight * ~positive)     # (T, L)
        if not self.per_label:
            tp, fp = tp[:, 0], fp[:, 0]                                # (T,)
        self.tp = self.tp + tp
        self.fp = self.fp + fp
        self.fn = self.fn + (np.sum(weight * positive, axis=0) - tp)
        self.tn = self.tn + (np.sum(weight * ~positive, axis=0) - fp)

    def get_config(self) -> dict:
        return {**super().get_config(), "thresholds": self.init_thresholds}

    @staticmethod
    def _one_or_all(values: np.ndarray):
        """A float for one threshold, the array for several (as Keras)."""
        return float(values[0]) if len(values) == 1 else values


def _weights(sample_weight, shape: tuple) -> np.ndarray:
    """Sample weights stretched to y_pred's shape: one per sample, per sample and label, or ones."""
    if sample_weight is None:
        return np.ones(shape)
    weight = np.asarray(sample_weight, dtype=np.float64)
    return np.broadcast_to(weight.reshape(weight.shape + (1,) * (len(shape) - weight.ndim)), shape)


def _keep_top_k(y_pred: np.ndarray, k: int) -> np.ndarray:
    """y_pred with everything but each sample's k highest values set to -inf (ties: the first)."""
    order = np.argsort(-y_pred, axis=-1, kind="stable")[..., :k]     # the k best, first on ties
    kept = np.full(y_pred.shape, -np.inf)
    np.put_along_axis(kept, order, np.take_along_axis(y_pred, order, axis=-1), axis=-1)
    return kept


class TruePositives(_ConfusionCounts):
    """The number (or total sample weight) of true positives: label 1, predicted 1."""

    def __init__(self, thresholds: Thresholds = None, name: Optional[str] = None, dtype=None):
        super().__init__(thresholds, name=name)

    def result(self):
        return self._one_or_all(self.tp)


class FalsePositives(TruePositives):
    """The number (or total sample weight) of false positives: label 0, predicted 1.

    >>> m = FalsePositives(); m.update_state([0, 1, 0, 0], [0, 0, 1, 1]); m.result()
    2.0
    """

    def result(self):
        return self._one_or_all(self.fp)


class TrueNegatives(TruePositives):
    """The number (or total sample weight) of true negatives: label 0, predicted 0."""

    def result(self):
        return self._one_or_all(self.tn)


class FalseNegatives(TruePositives):
    """The number (or total sample weight) of false negatives: label 1, predicted 0."""

    def result(self):
        return self._one_or_all(self.fn)


class Precision(_ConfusionCounts):
    """TP / (TP + FP): of the samples predicted positive, the fraction that are positive."""

    _direction = "up"            # higher is better: EarlyStopping(monitor=..., mode="auto") reads it

    def result(self):
        return self._one_or_all(_divide_no_nan(self.tp, self.tp + self.fp))

    def get_config(self) -> dict:
        return {**super().get_config(), "top_k": self.top_k, "class_id": self.class_id}


class Recall(Precision):
    """TP / (TP + FN): of the positive samples, the fraction predicted positive.

    >>> m = Recall(); m.update_state([0, 1, 1, 1], [1, 0, 1, 1]); round(m.result(), 4)
    0.6667
    """

    def result(self):
        return self._one_or_all(_divide_no_nan(self.tp, self.tp + self.fn))


class AUC(_ConfusionCounts):
    """The area under the ROC curve (or the precision-recall curve), from counts at many thresholds.

    At each of ``num_thresholds`` thresholds, evenly spaced in [0, 1] (plus one just
    below 0 and one just above 1), the counts give one point of the curve:
        ROC:  x = false positive rate FP / (FP + TN),  y = recall TP / (TP + FN)
        PR:   x = recall,                              y = precision
    The area is the sum over neighbouring points of width x_i - x_{i+1} times a height:
    their mean ("interpolation", the trapezoid rule), their minimum ("minoring") or
    maximum ("majoring"). For PR with "interpolation", TP and TP + FP vary linearly
    between thresholds instead of precision itself (Davis & Goadrich, 2006), as Keras does.

    Args:
        num_thresholds: how many thresholds (> 1); ignored when ``thresholds`` is given.
        curve: "ROC" or "PR".
        summation_method: "interpolation", "minoring" or "majoring".
        thresholds: your own thresholds in [0, 1] (the two end points are added).
        multi_label: False: one AUC over all labels, every prediction a point of one curve.
            True: one AUC per label (column), and their mean.
        label_weights: one weight per label. With multi_label, the weights of the labels'
            AUCs in their mean; without, how much each label's predictions count.
        from_logits: y_pred are logits: sigmoid is applied first.

    >>> m = AUC(num_thresholds=3)                   # thresholds -1e-7, 0.5, 1 + 1e-7
    >>> m.update_state([0, 0, 1, 1], [0, 0.5, 0.3, 0.9]); m.result()
    0.75
    """

    _direction = "up"

    def __init__(self, num_thresholds: int = 200, curve: str = "ROC",
                 summation_method: str = "interpolation", name: Optional[str] = None, dtype=None,
                 thresholds: Optional[Sequence[float]] = None, multi_label: bool = False,
                 num_labels: Optional[int] = None, label_weights=None, from_logits: bool = False):
        if str(curve).upper() not in ("ROC", "PR"):
            raise ValueError(f"AUC: curve must be 'ROC' or 'PR', got curve={curve!r}.")
        if summation_method not in ("interpolation", "minoring", "majoring"):
            raise ValueError(f"AUC: summation_method must be 'interpolation', 'minoring' or "
                             f"'majoring', got {summation_method!r}.")
        if label_weights is not None and (np.ndim(label_weights) != 1 or np.any(np.asarray(label_weights) < 0)):
            raise ValueError(f"AUC: label_weights must be a list of non-negative weights, one per label; "
                             f"got {label_weights!r}.")
        if thresholds is None and num_thresholds <= 1:
            raise ValueError(f"AUC: num_thresholds must be an integer > 1, got {num_thresholds}.")
        self.curve, self.summation_method, self.from_logits = str(curve).upper(), summation_method, from_logits
        self.multi_label, self.num_labels, self.label_weights = bool(multi_label), num_labels, label_weights
        self.per_label = self.multi_label                  # count TP, FP, TN, FN per label
        self.custom_thresholds = None if thresholds is None else sorted(float(t) for t in thresholds)
        inner = self.custom_thresholds if thresholds is not None else [
            (i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)]
        self.num_thresholds = len(inner) + 2
        epsilon = 1e-7                     # end points just outside [0, 1]: 0 and 1 are counted right
        super().__init__([0.0 - epsilon] + inner + [1.0 + epsilon], name=name)

    def update_state(self, y_true, y_pred, sample_weight=None) -> None:
        y_pred = _array(y_pred).astype(np.float64)
        if self.from_logits:
            y_pred = 1.0 / (1.0 + np.exp(-y_pred))
        if self.label_weights is not None and not self.multi_label:
            # one AUC over all labels: label j's predictions count label_weights[j] times
            sample_weight = _weights(sample_weight, y_pred.shape) * np.asarray(self.label_weights, np.float64)
        super().update_state(y_true, y_pred, sample_weight)

    def result(self) -> float:
        areas = self._areas()                   # one area, or one per label (multi_label=True)
        if not self.multi_label:
            return float(areas)
        if self.label_weights is None:          # the mean of the labels' AUCs, or their weighted mean
            return float(np.mean(areas))
        weights = np.asarray(self.label_weights, np.float64)
        return float(_divide_no_nan(np.sum(areas * weights), np.sum(weights)))

    def _areas(self) -> np.ndarray:
        """The area under each curve: counts are (T,) or (T, labels), thresholds increasing."""
        tp, fp, tn, fn = self.tp, self.fp, self.tn, self.fn
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self._interpolated_pr_auc()
        recall = _divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = _divide_no_nan(fp, fp + tn), recall
        else:
            x, y = recall, _divide_no_nan(tp, tp + fp)
        heights = {"interpolation": (y[:-1] + y[1:]) / 2, "minoring": np.minimum(y[:-1], y[1:]),
                   "majoring": np.maximum(y[:-1], y[1:])}[self.summation_method]
        return np.sum((x[:-1] - x[1:]) * heights, axis=0)     # x falls as the threshold rises

    def _interpolated_pr_auc(self) -> float:
        """PR area with TP and P = TP + FP linear between neighbouring thresholds A and B:
        each piece is  slope * (dTP + intercept * log(P_A / P_B)) / (TP_B + FN_B)."""
        tp, fp, fn = self.tp, self.fp, self.fn
        p = tp + fp                                               # predicted positive
        dtp, dp = tp[:-1] - tp[1:], p[:-1] - p[1:]
        slope = _divide_no_nan(dtp, np.maximum(dp, 0))            # precision's slope dTP / dP
        intercept = tp[1:] - slope * p[1:]
        both = (p[:-1] > 0) & (p[1:] > 0)
        ratio = np.ones_like(p[1:])
        ratio[both] = p[:-1][both] / p[1:][both]
        pieces = _divide_no_nan(slope * (dtp + intercept * np.log(ratio)), np.maximum(tp[1:] + fn[1:], 0))
        return np.sum(pieces, axis=0)

    def get_config(self) -> dict:
        config = {"name": self.name, "num_thresholds": self.num_thresholds, "curve": self.curve,
                  "summation_method": self.summation_method, "multi_label": self.multi_label,
                  "num_labels": self.num_labels, "label_weights": self.label_weights,
                  "from_logits": self.from_logits}
        if self.custom_thresholds is not None:
            config["thresholds"] = self.custom_thresholds
        return config
