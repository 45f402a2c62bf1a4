r"""Classification metrics for the binary case, equal to scikit-learn's.

Every function here has the name, the arguments (for a binary problem) and
the result of its namesake in :mod:`sklearn.metrics`; the tests check the
agreement on random inputs, ties and one-class inputs included.
:doc:`/chapters/evaluation` develops them.

Each public function checks its arguments once, at entry, with the
``check_*`` functions of ``bce.validation`` (section "Inputs of
bce.metrics"), and then computes with plain, vectorized NumPy (no loop over
samples) that checks nothing, so that a reader can see each formula at
work. What is there only to agree with scikit-learn (its warnings, the type
of its counts, its text layout) sits in small private helpers whose
docstring says what it is for.

Conventions
-----------
``y_true`` and ``y_pred`` are 1-D arrays of shape (n,) of class labels (ints,
bools, floats that are whole numbers, or strings). One class is the
*positive* one: ``pos_label`` (1 by default) for the counting metrics, the
greater label for :func:`roc_auc_score` and :func:`log_loss`. With it the
four cells of the confusion matrix are

* TP, true positives: positive and predicted positive;
* FP, false positives: negative but predicted positive;
* FN, false negatives: positive but predicted negative;
* TN, true negatives: negative and predicted negative,

each a count, or a sum of ``sample_weight`` when weights are given.

Where this module is stricter than scikit-learn
-----------------------------------------------
scikit-learn silently flattens a column vector of shape (n, 1); here it is
a ValueError naming the argument (as everywhere in :mod:`bce`, see
``bce.validation``), because an (n, 1) column next to an (n,) vector is
the classic source of a silent (n, n) broadcast. Float labels that are not
whole numbers (say ``y_pred`` holding probabilities by mistake), NaN scores,
labels that mix strings and numbers, and a ``pos_label`` that is not one
of two present classes are ValueErrors with a message that says what to do.

Division by zero (``zero_division``)
------------------------------------
Precision is undefined when nothing is predicted positive (TP + FP = 0),
recall when there is no positive sample (TP + FN = 0), F1 when both hold
(2 TP + FP + FN = 0). As in scikit-learn, such a metric is then set to
``zero_division``: ``"warn"`` (default) returns 0.0 and emits
``sklearn.exceptions.UndefinedMetricWarning`` (the very class scikit-learn
uses, so one ``warnings`` filter silences both); ``0.0``, ``1.0`` or
``np.nan`` return that value silently. It is not an error, because it
happens in ordinary use (a cross-validation fold with no positive sample).

``import bce.metrics`` imports NumPy and SciPy only (as ``import bce``
does); scikit-learn, whose parameter constraints check the options and
whose warning class is used, is imported on the first call that needs it.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .losses import _bce_loss
from .validation import (
    check_binary_pair,
    check_binary_target,
    check_bool,
    check_label_pair,
    check_labels_option,
    check_log_loss_input,
    check_metric_options,
    check_metric_weights,
    check_scores,
    check_target_names,
)

__all__ = [
    "confusion_matrix",
    "accuracy_score",
    "precision_score",
    "recall_score",
    "f1_score",
    "classification_report",
    "roc_curve",
    "roc_auc_score",
    "log_loss",
]

# np.trapezoid is NumPy >= 2.0; np.trapz is the same rule in NumPy 1.x.
_trapezoid = getattr(np, "trapezoid", None) or np.trapz

_REPORT_HEADERS = ["precision", "recall", "f1-score", "support"]

# metric -> the samples whose absence makes it 0/0 (scikit-learn's wording)
_MISSING = {"Precision": "predicted", "Recall": "true",
            "F-score": "true nor predicted"}


# ---------------------------------------------------------------------------
# Counting metrics


def confusion_matrix(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    labels: ArrayLike | None = None,
    sample_weight: ArrayLike | None = None,
    normalize: str | None = None,
) -> np.ndarray:
    r"""Confusion matrix: ``C[i, j]`` counts samples of class i predicted as j.

    .. math::

        C_{ij} = \sum_{k=1}^{n} v_k \,[y_k = \ell_i]\,[\hat y_k = \ell_j],

    with :math:`\ell` the ``labels`` and :math:`v` the sample weights (1 by
    default). For a binary problem with labels (0, 1),

    .. code-block:: text

        C = [[TN, FP],
             [FN, TP]]      so   tn, fp, fn, tp = C.ravel()

    Rows are the truth, columns the prediction (scikit-learn's convention;
    some books use the transpose). It works for any number of classes:
    each sample adds its weight to cell ``k * i + j`` of a flat array of
    ``k * k`` cells (one ``np.bincount``), reshaped to (k, k).
    Taught in :doc:`/chapters/evaluation`.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels.
    labels : array_like, shape (k,), optional
        The labels that index the rows and columns, in that order. By
        default the sorted labels present in ``y_true`` or ``y_pred``.
        Samples whose label is not listed are left out. Pass
        ``labels=[0, 1]`` to get a 2 x 2 matrix even when one class is
        absent.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    normalize : {"true", "pred", "all"} or None
        Divide by the row sums (then the diagonal holds the recall of each
        class), by the column sums (the precision of each class), or by the
        total. A zero sum gives zeros, as in scikit-learn.

    Returns
    -------
    ndarray, shape (k, k)
        int64 counts; float64 when weights are floats or ``normalize`` is set.

    Warns
    -----
    UserWarning
        When the matrix is 1 x 1 (one label in all of the data), as
        scikit-learn does: ``tn, fp, fn, tp = C.ravel()`` would fail. Pass
        ``labels``.
    """
    y_true, y_pred, sw = check_label_pair(y_true, y_pred, sample_weight)
    labels = check_labels_option(labels, y_true, y_pred, one_in_y_true=True)
    check_metric_options("confusion_matrix", normalize=normalize)

    k = labels.size
    i, j = _index_in(y_true, labels), _index_in(y_pred, labels)  # -1: unlisted
    keep = (i >= 0) & (j >= 0)
    weights = None if sw is None else sw[keep]
    cm = np.bincount(k * i[keep] + j[keep], weights=weights, minlength=k * k)
    cm = cm.reshape(k, k).astype(_count_dtype(sample_weight))
    if normalize is not None:
        cm = _normalize(cm, normalize)
    if cm.shape == (1, 1):
        _warn_single_label()
    return cm


def _index_in(values: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Position of each value in ``labels`` (no repeats, any order), or -1."""
    order = np.argsort(labels, kind="stable")
    pos = np.searchsorted(labels, values, sorter=order).clip(max=labels.size - 1)
    return np.where(labels[order[pos]] == values, order[pos], -1)


def _count_dtype(sample_weight) -> type:
    """int64 unless weights are floats, so counts print 87, not 87.0 (sklearn)."""
    if sample_weight is None or np.asarray(sample_weight).dtype.kind in "biu":
        return np.int64
    return np.float64


def _normalize(cm: np.ndarray, how: str) -> np.ndarray:
    """``cm`` over row sums, column sums or total: 0, not a 0/0 warning, at 0."""
    total = cm.sum(axis={"true": 1, "pred": 0, "all": None}[how], keepdims=True)
    return np.divide(cm, total, out=np.zeros(cm.shape), where=total != 0)


def _warn_single_label() -> None:
    """Warn (as sklearn) that a 1 x 1 matrix breaks ``tn, fp, fn, tp = ...``."""
    warnings.warn(
        "A single label was found in 'y_true' and 'y_pred'. For the confusion "
        "matrix to have the correct shape, use the 'labels' parameter to pass "
        "all known labels.", UserWarning, stacklevel=3)


def accuracy_score(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    normalize: bool = True,
    sample_weight: ArrayLike | None = None,
) -> float:
    r"""Accuracy, the fraction of correct predictions.

    .. math::

        \text{accuracy} = \frac{\sum_i v_i [\hat y_i = y_i]}{\sum_i v_i}
        = \frac{TP + TN}{TP + TN + FP + FN}.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels (any number of classes).
    normalize : bool, default True
        If False, return the (weighted) number of correct predictions.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights :math:`v` (1 by default).

    Returns
    -------
    float
    """
    y_true, y_pred, sw = check_label_pair(y_true, y_pred, sample_weight)
    normalize = check_bool(normalize, "normalize")

    correct = y_true == y_pred  # (n,) bool
    if normalize:
        return float(np.average(correct, weights=sw))
    return float(np.sum(correct) if sw is None else np.dot(correct, sw))


def _counts(t: np.ndarray, p: np.ndarray, sw: np.ndarray | None):
    """TP, FP and FN: (weighted) sums over the samples, axis 0.

    ``t`` and ``p`` are bool, ``y == positive class`` for the truth and the
    prediction, of shape (n,) (one class) or (n, k) (one column per class).
    Taught in :doc:`/chapters/evaluation`.
    """
    v = np.ones(t.shape[0]) if sw is None else sw
    return v @ (t & p), v @ (~t & p), v @ (t & ~p)


def _undefined(metric: str, zero_division: str | float) -> float:
    """A 0/0 metric: ``zero_division`` (or 0.0 and sklearn's warning), not NaN."""
    if not isinstance(zero_division, str):
        return float(zero_division)
    warnings.warn(
        f"{metric} is ill-defined and being set to 0.0 due to no "
        f"{_MISSING[metric]} samples. Use `zero_division` parameter to control "
        "this behavior.", _undefined_metric_warning(), stacklevel=3)
    return 0.0


def _undefined_metric_warning() -> type[Warning]:
    """sklearn's class, imported late: ``import bce.metrics`` stays light."""
    from sklearn.exceptions import UndefinedMetricWarning

    return UndefinedMetricWarning


def precision_score(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    pos_label: Any = 1,
    sample_weight: ArrayLike | None = None,
    zero_division: str | float = "warn",
) -> float:
    r"""Precision: of the samples predicted positive, the fraction that are.

    .. math::

        \text{precision} = \frac{TP}{TP + FP}.

    It answers "when the model says positive, how often is it right?".
    Taught in :doc:`/chapters/evaluation`.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels, at most two classes in all.
    pos_label : label, default 1
        The positive class. It must be one of the two classes when two are
        present (a ValueError otherwise).
    sample_weight : array_like, shape (n,), optional
        Non-negative weights; TP and FP are then sums of weights.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The result when TP + FP = 0 (nothing predicted positive).
        ``"warn"`` returns 0.0 and emits
        ``sklearn.exceptions.UndefinedMetricWarning``; a number returns it
        silently.

    Returns
    -------
    float
    """
    t, p, sw = check_binary_pair(y_true, y_pred, pos_label, sample_weight,
                                 "precision_score")
    check_metric_options("precision_score", zero_division=zero_division)

    tp, fp, fn = _counts(t, p, sw)
    if tp + fp == 0:
        return _undefined("Precision", zero_division)
    return float(tp / (tp + fp))


def recall_score(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    pos_label: Any = 1,
    sample_weight: ArrayLike | None = None,
    zero_division: str | float = "warn",
) -> float:
    r"""Recall (sensitivity, true positive rate): of the positives, the fraction found.

    .. math::

        \text{recall} = \frac{TP}{TP + FN}.

    Taught in :doc:`/chapters/evaluation`.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels, at most two classes in all.
    pos_label : label, default 1
        The positive class (one of the two classes when two are present).
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The result when TP + FN = 0 (no positive sample in ``y_true``).
        ``"warn"`` returns 0.0 and emits
        ``sklearn.exceptions.UndefinedMetricWarning``.

    Returns
    -------
    float
    """
    t, p, sw = check_binary_pair(y_true, y_pred, pos_label, sample_weight,
                                 "recall_score")
    check_metric_options("recall_score", zero_division=zero_division)

    tp, fp, fn = _counts(t, p, sw)
    if tp + fn == 0:
        return _undefined("Recall", zero_division)
    return float(tp / (tp + fn))


def f1_score(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    pos_label: Any = 1,
    sample_weight: ArrayLike | None = None,
    zero_division: str | float = "warn",
) -> float:
    r"""F1 score, the harmonic mean of precision and recall.

    .. math::

        F_1 = \frac{2 \cdot \text{precision} \cdot \text{recall}}
                   {\text{precision} + \text{recall}}
            = \frac{2\,TP}{2\,TP + FP + FN},

    computed from the right-hand form, as scikit-learn does (so F1 is 0,
    not undefined, when TP = 0 but FP + FN > 0).

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels, at most two classes in all.
    pos_label : label, default 1
        The positive class (one of the two classes when two are present).
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        The result when 2 TP + FP + FN = 0 (no positive, true or
        predicted). ``"warn"`` returns 0.0 and emits
        ``sklearn.exceptions.UndefinedMetricWarning``.

    Returns
    -------
    float
    """
    t, p, sw = check_binary_pair(y_true, y_pred, pos_label, sample_weight,
                                 "f1_score")
    check_metric_options("f1_score", zero_division=zero_division)

    tp, fp, fn = _counts(t, p, sw)
    if 2 * tp + fp + fn == 0:
        return _undefined("F-score", zero_division)
    return float(2 * tp / (2 * tp + fp + fn))


# ---------------------------------------------------------------------------
# The classification report


def classification_report(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    *,
    labels: ArrayLike | None = None,
    target_names: ArrayLike | None = None,
    sample_weight: ArrayLike | None = None,
    digits: int = 2,
    output_dict: bool = False,
    zero_division: str | float = "warn",
) -> str | dict:
    r"""Precision, recall, F1 and support of each class, and their averages.

    For each class :math:`c` (taken in turn as the positive class):
    precision :math:`= TP_c/(TP_c+FP_c)`, recall :math:`= TP_c/(TP_c+FN_c)`,
    F1 :math:`= 2TP_c/(2TP_c+FP_c+FN_c)`, support :math:`= TP_c + FN_c`
    (the number of samples of class :math:`c`). The k classes are computed
    together: ``y_true[:, None] == labels`` is an (n, k) table with one
    column per class. Then three summary rows:

    * ``accuracy`` (the micro average, which equals the accuracy when every
      class is listed; with a subset of ``labels`` the row is ``micro avg``
      with the precision, recall and F1 of the pooled counts);
    * ``macro avg``: the plain mean over classes;
    * ``weighted avg``: the mean weighted by support.

    In a binary problem the recall of the positive class is the
    *sensitivity* and the recall of the negative class the *specificity*.
    The text is character for character scikit-learn's.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,)
        True and predicted labels (any number of classes; the course uses
        two).
    labels : array_like, shape (k,), optional
        The classes to report, in that order (default: all, sorted).
    target_names : array_like of str, shape (k,), optional
        Display names of ``labels``, same order. A length that does not
        match is a ValueError (scikit-learn only warns when ``labels`` is
        given).
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    digits : int, default 2
        Digits after the decimal point in the text (ignored by
        ``output_dict``).
    output_dict : bool, default False
        Return a dict ``{name: {"precision": ..., "recall": ...,
        "f1-score": ..., "support": ...}, ..., "accuracy": float,
        "macro avg": {...}, "weighted avg": {...}}`` of Python floats.
    zero_division : {"warn", 0.0, 1.0, np.nan}, default "warn"
        Value of an undefined precision, recall or F1 (see the module
        docstring). With ``np.nan`` the undefined values are left out of
        the averages. ``"warn"`` gives 0.0 and at most one
        ``UndefinedMetricWarning`` per metric.

    Returns
    -------
    str or dict
    """
    y_true, y_pred, sw = check_label_pair(y_true, y_pred, sample_weight)
    classes = check_labels_option(labels, y_true, y_pred)
    names = check_target_names(target_names, classes)
    output_dict = check_bool(output_dict, "output_dict")
    check_metric_options("classification_report", digits=digits,
                         zero_division=zero_division)

    t, p = y_true[:, None] == classes, y_pred[:, None] == classes  # (n, k)
    tp, fp, fn = _counts(t, p, sw)  # each (k,)
    _warn_undefined_per_class(tp, fp, fn, zero_division)
    precision, recall, f1 = _prf(tp, fp, fn, zero_division)
    support = _support_as_sklearn(t, y_true == y_pred, sw)  # tp + fn
    rows = list(zip(names, precision, recall, f1, support))
    listed = np.isin(y_true, classes) & np.isin(y_pred, classes)
    averages = {  # the micro average is the accuracy when every label is listed
        "accuracy" if np.all(listed) else "micro avg":
            [m.item() for m in _prf(tp.sum(), fp.sum(), fn.sum(), zero_division)],
        "macro avg": [_nanaverage(m) for m in (precision, recall, f1)],
        "weighted avg": [_nanaverage(m, support) for m in (precision, recall, f1)],
    }
    if output_dict:
        return _report_dict(rows, averages, np.sum(support))
    return _report_text(rows, averages, np.sum(support), digits)


def _prf(tp, fp, fn, zero_division):
    """Precision, recall and F1 of count arrays, ``zero_division`` where 0/0.

    The same formulas as :func:`precision_score`, :func:`recall_score` and
    :func:`f1_score`, for all classes at once; dividing only where the
    denominator is positive avoids NaN and a RuntimeWarning.
    """
    fill = 0.0 if isinstance(zero_division, str) else float(zero_division)

    def ratio(num, den):
        return np.divide(num, den, out=np.full(np.shape(num), fill), where=den > 0)

    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def _warn_undefined_per_class(tp, fp, fn, zero_division) -> None:
    """Warn (as sklearn) once per metric that is 0/0 for some class, silently 0."""
    if not isinstance(zero_division, str):
        return
    for metric, den in [("Precision", tp + fp), ("Recall", tp + fn),
                        ("F-score", 2 * tp + fp + fn)]:
        if np.any(den == 0):
            warnings.warn(
                f"{metric} is ill-defined and being set to 0.0 in labels with "
                f"no {_MISSING[metric]} samples. Use `zero_division` parameter "
                "to control this behavior.", _undefined_metric_warning(),
                stacklevel=3)


def _support_as_sklearn(t: np.ndarray, hits: np.ndarray, sw: np.ndarray | None):
    """TP + FN added and typed as sklearn does, since its text prints it in full."""
    if sw is None:  # int counts, but floats when no prediction is right
        support = t.sum(axis=0)
        return support if np.any(hits) else support.astype(np.float64)
    k, cls, listed = t.shape[1], np.argmax(t, axis=1), np.any(t, axis=1)
    hit = listed & hits  # sample by sample, in order, as np.bincount adds
    tp = np.bincount(cls[hit], weights=sw[hit], minlength=k)
    true = np.bincount(cls[listed], weights=sw[listed], minlength=k)
    return (tp + (true - tp)).astype(np.float64)  # float even with no sample


def _nanaverage(a: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Average skipping NaN (sklearn's, for zero_division=nan), no 0/0 warning."""
    keep = ~np.isnan(a)
    if not np.any(keep):
        return np.nan
    if weights is None or np.sum(weights[keep]) == 0:
        return float(np.mean(a[keep]))
    return float(np.average(a[keep], weights=weights[keep]))


def _report_dict(rows: list, averages: dict, total) -> dict:
    """The report as scikit-learn's ``output_dict=True`` builds it."""
    report = {name: dict(zip(_REPORT_HEADERS, map(float, scores)))
              for name, *scores in rows}
    for heading, scores in averages.items():
        report[heading] = dict(zip(_REPORT_HEADERS, map(float, (*scores, total))))
    if "accuracy" in report:
        report["accuracy"] = report["accuracy"]["precision"]
    return report


def _report_text(rows: list, averages: dict, total, digits: int) -> str:
    """The report as text, character for character scikit-learn's layout."""
    width = max(max(len(row[0]) for row in rows), len("weighted avg"), digits)
    head_fmt = "{:>{width}s} " + " {:>9}" * len(_REPORT_HEADERS)
    text = head_fmt.format("", *_REPORT_HEADERS, width=width) + "\n\n"
    row_fmt = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
    for row in rows:
        text += row_fmt.format(*row, width=width, digits=digits)
    text += "\n"
    accuracy_fmt = ("{:>{width}s} " + " {:>9.{digits}}" * 2
                    + " {:>9.{digits}f}" + " {:>9}\n")
    for heading, scores in averages.items():
        if heading == "accuracy":
            text += accuracy_fmt.format(heading, "", "", scores[2], total,
                                        width=width, digits=digits)
        else:
            text += row_fmt.format(heading, *scores, total, width=width,
                                   digits=digits)
    return text


# ---------------------------------------------------------------------------
# Ranking metrics: ROC and AUC


def roc_curve(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    pos_label: Any = None,
    sample_weight: ArrayLike | None = None,
    drop_intermediate: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Receiver operating characteristic: FPR and TPR at every threshold.

    Predicting "positive" when :math:`s_i \ge t` gives, at threshold
    :math:`t`,

    .. math::

        & \mathrm{TPR}(t) = \frac{TP(t)}{TP + FN} = \frac{\#\{i: y_i = 1,\ s_i \ge t\}}{\#\{i: y_i = 1\}},

        & \mathrm{FPR}(t) = \frac{FP(t)}{FP + TN} = \frac{\#\{i: y_i = 0,\ s_i \ge t\}}{\#\{i: y_i = 0\}}

    (weighted sums with ``sample_weight``). The scores are sorted once,
    descending; the cumulative sum of the labels gives TP at every cut,
    and tied scores form a single threshold (a diagonal step of the curve).
    The first threshold is ``inf`` (nothing predicted positive, the point
    (0, 0)); the others are the distinct scores, decreasing.
    Taught in :doc:`/chapters/evaluation`.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, two classes at most.
    y_score : array_like, shape (n,)
        Scores, finite: probabilities :math:`p` or logits :math:`z`; greater
        means more positive.
    pos_label : label, optional
        The positive class. Without it, ``y_true`` must take values in
        {0, 1} or {-1, 1} and the positive class is 1.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights; samples of weight 0 are left out.
    drop_intermediate : bool, default True
        Drop thresholds whose point lies on the segment between its
        neighbours (no effect on the plotted curve or on the AUC).

    Returns
    -------
    fpr, tpr : ndarray, shape (m,)
        Increasing rates, from (0, 0) to (1, 1).
    thresholds : ndarray, shape (m,)
        Decreasing; ``thresholds[0]`` is ``inf``.

    Warns
    -----
    UndefinedMetricWarning
        When ``y_true`` has no negative (then ``fpr`` is all NaN) or no
        positive sample (``tpr`` is all NaN), as in scikit-learn.
    """
    y = check_binary_target(y_true, pos_label, "roc_curve")
    s = check_scores(y_score, y.shape[0])
    sw = check_metric_weights(sample_weight, y.shape[0])
    drop_intermediate = check_bool(drop_intermediate, "drop_intermediate")

    fps, tps, thresholds = _roc_counts(y, s, sw, drop_intermediate)
    return _rate(fps, "negative"), _rate(tps, "positive"), thresholds


def _roc_counts(y: np.ndarray, s: np.ndarray, sw: np.ndarray | None,
                drop_intermediate: bool):
    """FP and TP counts at each threshold, from (0, 0); the thresholds.

    ``y`` is 0.0/1.0, ``s`` the scores, ``sw`` the weights (or None), all
    (n,). One threshold per distinct score, plus ``inf`` first.
    Taught in :doc:`/chapters/evaluation`.
    """
    v = np.ones(y.shape) if sw is None else sw
    keep = v != 0  # as scikit-learn: samples of weight 0 are left out
    y, s, v = y[keep], s[keep], v[keep]
    order = np.argsort(-s, kind="stable")  # descending scores
    y, s, v = y[order], s[order], v[order]
    last = np.r_[np.flatnonzero(s[1:] != s[:-1]), s.size - 1]  # end of tie runs
    tps = np.cumsum(y * v)[last]
    fps = np.cumsum((1 - y) * v)[last]
    thresholds = s[last]
    if drop_intermediate and fps.size > 2:
        # keep a point only where the curve bends (a non-zero second
        # difference); collinear points change neither the plot nor the AUC
        bend = np.r_[True, (np.diff(fps, 2) != 0) | (np.diff(tps, 2) != 0), True]
        fps, tps, thresholds = fps[bend], tps[bend], thresholds[bend]
    return np.r_[0.0, fps], np.r_[0.0, tps], np.r_[np.inf, thresholds]


def _rate(counts: np.ndarray, which: str) -> np.ndarray:
    """``counts / counts[-1]``; NaN and sklearn's warning, not 0/0, if it is 0."""
    if counts[-1] > 0:
        return counts / counts[-1]
    kind = "false" if which == "negative" else "true"
    warnings.warn(f"No {which} samples in y_true, {kind} positive value should "
                  "be meaningless", _undefined_metric_warning(), stacklevel=3)
    return np.full(counts.shape, np.nan)


def roc_auc_score(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    max_fpr: float | None = None,
) -> float:
    r"""Area under the ROC curve (trapezoidal rule), binary case.

    .. math::

        & \mathrm{AUC} = \int_0^1 \mathrm{TPR}\; d\,\mathrm{FPR}
        \approx \sum_{j=1}^{m-1} (\mathrm{FPR}_{j+1} - \mathrm{FPR}_j)\,
        \frac{\mathrm{TPR}_{j+1} + \mathrm{TPR}_j}{2}

        & \phantom{\mathrm{AUC}} = P(s^+ > s^-) + \tfrac12 P(s^+ = s^-),

    over the m points of :func:`roc_curve` (the sum is exact: the curve is
    a polygon). It is the probability that a random positive sample scores
    above a random negative one, a tie counting one half (the Mann-Whitney
    statistic; the tests check this identity). 0.5 is chance, 1 a perfect
    ranking.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, two classes; the positive class is the greater label
        (``np.unique(y_true)[1]``: 1 for 0/1 labels), as in scikit-learn.
    y_score : array_like, shape (n,)
        Scores of the positive class, finite.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    max_fpr : float in (0, 1], optional
        Return the standardized partial AUC over FPR in [0, max_fpr]
        (McClish correction), as scikit-learn.

    Returns
    -------
    float
        NaN, with an ``UndefinedMetricWarning``, when ``y_true`` holds one
        class only (scikit-learn's behaviour).
    """
    y = check_binary_target(y_true, None, "roc_auc_score", greater_is_positive=True)
    s = check_scores(y_score, y.shape[0])
    sw = check_metric_weights(sample_weight, y.shape[0])
    check_metric_options("roc_auc_score", max_fpr=max_fpr)

    if np.all(y == y[0]):
        return _undefined_auc()
    fps, tps, _ = _roc_counts(y, s, sw, drop_intermediate=True)
    fpr, tpr = _rate(fps, "negative"), _rate(tps, "positive")
    if max_fpr is not None and max_fpr < 1:
        return _mcclish_partial_auc(fpr, tpr, max_fpr)
    return float(_trapezoid(tpr, fpr))


def _undefined_auc() -> float:
    """NaN and sklearn's warning for one class in y_true (sklearn >= 1.6)."""
    warnings.warn("Only one class is present in y_true. ROC AUC score is not "
                  "defined in that case.", _undefined_metric_warning(),
                  stacklevel=3)
    return np.nan


def _mcclish_partial_auc(fpr: np.ndarray, tpr: np.ndarray, max_fpr: float) -> float:
    """sklearn's partial AUC over FPR <= max_fpr, rescaled to [0.5, 1] (McClish)."""
    if np.isnan(fpr[-1]) or np.isnan(tpr[-1]):  # a class of weight 0 only
        return np.nan
    stop = np.searchsorted(fpr, max_fpr, "right")
    tpr_cut = np.interp(max_fpr, [fpr[stop - 1], fpr[stop]],
                        [tpr[stop - 1], tpr[stop]])
    partial = float(_trapezoid(np.append(tpr[:stop], tpr_cut),
                               np.append(fpr[:stop], max_fpr)))
    min_area, max_area = 0.5 * max_fpr**2, max_fpr
    return 0.5 * (1 + (partial - min_area) / (max_area - min_area))


# ---------------------------------------------------------------------------
# The loss


def log_loss(
    y_true: ArrayLike,
    y_proba: ArrayLike,
    *,
    normalize: bool = True,
    sample_weight: ArrayLike | None = None,
    labels: ArrayLike | None = None,
) -> float:
    r"""Log loss: the mean binary cross-entropy of predicted probabilities.

    .. math::

        \mathrm{LogLoss} = \frac{1}{\sum_i v_i} \sum_{i=1}^{n}
        v_i \bigl[-y_i \log p_i - (1 - y_i) \log(1 - p_i)\bigr],

    the mean of :func:`bce.bce_loss` (weights :math:`v`, 1 by default),
    i.e. the first term of the course's objective :math:`J` evaluated at
    the model's probabilities. It is computed with the kernel of
    :func:`bce.bce_loss`, ``-(xlogy(y, p) + xlog1py(1 - y, -p))``, so that
    :math:`\log(1-p)` is ``log1p(-p)``, which keeps full precision for small
    ``p`` (the difference from scikit-learn's ``log(1 - p)`` is a few units
    in the 16th digit).

    Clipping. As scikit-learn, ``p`` is clipped to
    :math:`[\varepsilon, 1 - \varepsilon]` with :math:`\varepsilon` the
    float64 machine epsilon (about 2.2e-16), so a certain and wrong
    prediction costs :math:`-\log\varepsilon \approx 36.04` instead of
    ``inf``, and one sample cannot make the mean infinite. The clip changes
    nothing for :math:`p \in [\varepsilon, 1-\varepsilon]`. To avoid both
    the clip and the rounding of :math:`p` altogether, work from logits
    with :func:`bce.bce_with_logits`.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, two classes; the positive class is the greater label
        (``classes[1]``; 1 for 0/1 labels).
    y_proba : array_like, shape (n,) or (n, 2)
        Probability of the positive class, in [0, 1]; or the two columns
        of ``predict_proba`` (probabilities of ``classes[0]`` and
        ``classes[1]``), whose rows must sum to 1 (a ValueError otherwise,
        where scikit-learn only warns); then ``p`` is the second column.
    normalize : bool, default True
        If False, return the (weighted) sum instead of the mean.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights.
    labels : array_like, shape (2,), optional
        The two classes, needed when ``y_true`` holds only one of them.

    Returns
    -------
    float
    """
    y, p, sw = check_log_loss_input(y_true, y_proba, labels, sample_weight)
    normalize = check_bool(normalize, "normalize")

    eps = np.finfo(np.float64).eps
    p = np.clip(p, eps, 1 - eps)
    losses = _bce_loss(y, p)  # -(xlogy(y, p) + xlog1py(1 - y, -p)), per sample
    if normalize:
        return float(np.average(losses, weights=sw))
    return float(np.sum(losses) if sw is None else np.dot(losses, sw))
