r"""Classification metrics for the binary case, equal to scikit-learn's.

Every function here has the name, the arguments (for a binary problem) and
the result of its namesake in :mod:`sklearn.metrics`; the tests check the
agreement on random inputs, ties and one-class inputs included. They are
written in plain, vectorized NumPy (no loop over samples), so that a reader
can see each formula at work. :doc:`/chapters/evaluation` develops them.

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
:mod:`bce.validation`), because an (n, 1) column next to an (n,) vector is
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

``import bce.metrics`` imports NumPy only; scikit-learn is imported on the
rare path that emits the warning.
"""

from __future__ import annotations

import numbers
import sys
import warnings
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .validation import (
    _check_finite,
    as_float_array,
    check_bool,
    check_sample_weight,
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

_NUMERIC_KINDS = "biuf"
_TEXT_KINDS = "US"
# np.trapezoid is NumPy >= 2.0; np.trapz is the same rule in NumPy 1.x.
_trapezoid = getattr(np, "trapezoid", None) or np.trapz


# ---------------------------------------------------------------------------
# Validation of labels, scores and options


def _as_labels(y, name: str) -> np.ndarray:
    """Return ``y`` as a 1-D array of class labels, or raise naming it.

    Numbers (bool, int, float with whole values) and strings are accepted;
    an object array (a pandas column) is turned into one of the two.
    """
    if y is None:
        raise TypeError(f"{name} must be an array of class labels, got None")
    try:
        arr = np.asarray(y)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise TypeError(f"{name} must be a 1-D array of class labels ({exc})") from None
    if arr.ndim != 1:
        hint = ""
        if arr.ndim == 2 and 1 in arr.shape:
            hint = " (flatten it with .ravel())"
        raise ValueError(
            f"{name} must be a 1-D array of shape (n,), one label per sample; "
            f"got shape {arr.shape}{hint}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty; at least one sample is needed")
    if arr.dtype.kind == "O":
        try:
            classes = np.unique(arr)
        except TypeError:
            raise TypeError(
                f"{name} mixes labels of types that cannot be compared (for "
                "example strings and numbers, or None); use one type"
            ) from None
        is_text = [isinstance(c, str) for c in classes.tolist()]
        is_number = [
            isinstance(c, numbers.Real) and not isinstance(c, str)
            for c in classes.tolist()
        ]
        if all(is_text):
            arr = arr.astype(str)
        elif all(is_number):
            arr = arr.astype(np.float64)
        else:
            raise TypeError(
                f"{name} must hold numbers or strings as labels; found "
                f"{classes[:5].tolist()}"
            )
    kind = arr.dtype.kind
    if kind not in _NUMERIC_KINDS + _TEXT_KINDS:
        raise TypeError(
            f"{name} must hold class labels (ints, bools or strings); got "
            f"dtype {arr.dtype}"
        )
    if kind == "f":
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must not contain NaN or infinite labels")
        fractional = arr != np.round(arr)
        if np.any(fractional):
            example = arr[fractional][0].item()
            raise ValueError(
                f"{name} must hold class labels, but it holds numbers that are "
                f"not whole, such as {example!r}: these look like scores or "
                "probabilities. Threshold them first, e.g. "
                "(p >= 0.5).astype(int)"
            )
    return arr


def _check_same_kind(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    text_a, text_b = a.dtype.kind in _TEXT_KINDS, b.dtype.kind in _TEXT_KINDS
    if text_a != text_b:
        raise ValueError(
            f"{name_a} and {name_b} mix string and numeric labels "
            f"({a.dtype} and {b.dtype}); use the same kind of label in both"
        )


def _check_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if a.shape[0] != b.shape[0]:
        raise ValueError(
            f"{name_a} and {name_b} must have the same length (one entry per "
            f"sample); got {a.shape[0]} and {b.shape[0]}"
        )


def _encode_pair(y_true, y_pred):
    """Validate two label vectors; return (classes, index_true, index_pred).

    ``classes`` are the sorted distinct labels of both; ``index_*`` give,
    for each sample, the position of its label in ``classes``.
    """
    y_true = _as_labels(y_true, "y_true")
    y_pred = _as_labels(y_pred, "y_pred")
    _check_length(y_true, y_pred, "y_true", "y_pred")
    _check_same_kind(y_true, y_pred, "y_true", "y_pred")
    classes, inverse = np.unique(np.concatenate([y_true, y_pred]),
                                 return_inverse=True)
    n = y_true.shape[0]
    return classes, inverse[:n], inverse[n:]


def _label_positions(classes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """For each entry of ``classes``, its position in ``labels``, or -1."""
    sorter = np.argsort(labels, kind="stable")
    pos = np.searchsorted(labels, classes, sorter=sorter)
    pos = np.minimum(pos, labels.size - 1)
    found = labels[sorter[pos]] == classes
    return np.where(found, sorter[pos], -1)


def _as_label_list(labels, name: str, like: np.ndarray) -> np.ndarray:
    arr = _as_labels(labels, name)
    _check_same_kind(like, arr, "the labels of y_true and y_pred", name)
    if np.unique(arr).size != arr.size:
        raise ValueError(f"{name} must not repeat a label; got {arr.tolist()}")
    return arr


def _find_label(classes: np.ndarray, label: Any) -> int:
    """Position of ``label`` in ``classes`` (at most a few entries), or -1."""
    for i, c in enumerate(classes.tolist()):
        if c == label:
            return i
    return -1


def _check_pos_label(pos_label) -> None:
    if pos_label is None or not isinstance(pos_label, (numbers.Real, str, np.bool_)):
        raise TypeError(
            f"pos_label must be a label (a number, bool or string); got {pos_label!r}"
        )


def _check_zero_division(zero_division) -> tuple[float, bool]:
    """Return (value, warn) for ``zero_division`` or raise a ValueError."""
    if isinstance(zero_division, str):
        if zero_division == "warn":
            return 0.0, True
    elif isinstance(zero_division, numbers.Real) and not isinstance(
        zero_division, (bool, np.bool_)
    ):
        value = float(zero_division)
        if value in (0.0, 1.0) or np.isnan(value):
            return value, False
    raise ValueError(
        f"zero_division must be 'warn', 0.0, 1.0 or np.nan; got {zero_division!r}"
    )


def _weights(sample_weight, n: int) -> np.ndarray | None:
    return check_sample_weight(sample_weight, n)


def _as_scores(y_score, name: str, n: int) -> np.ndarray:
    s = as_float_array(y_score, name)
    if s.ndim != 1:
        hint = " (flatten it with .ravel())" if s.ndim == 2 and 1 in s.shape else ""
        raise ValueError(
            f"{name} must be a 1-D array of shape (n,) = ({n},), one score per "
            f"sample; got shape {s.shape}{hint}"
        )
    if s.shape[0] != n:
        raise ValueError(
            f"y_true and {name} must have the same length (one entry per "
            f"sample); got {n} and {s.shape[0]}"
        )
    _check_finite(s, name)
    return s


def _warn(message, category: type[Warning]) -> None:
    """Warn, attributing the warning to the first caller outside this module."""
    level, frame = 1, sys._getframe(0)
    while frame.f_back is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)


def _warn_undefined(message: str) -> None:
    # Imported here so that ``import bce.metrics`` does not import sklearn.
    from sklearn.exceptions import UndefinedMetricWarning

    _warn(message, UndefinedMetricWarning)


_WHY = {
    "precision": ("Precision", "predicted"),
    "recall": ("Recall", "true"),
    "f-score": ("F-score", "true nor predicted"),
}


def _divide(num: np.ndarray, den: np.ndarray, metric: str, zero_division,
            warn_for: tuple[str, ...]) -> np.ndarray:
    """``num / den`` elementwise, with ``zero_division`` where ``den == 0``."""
    value, warn = _check_zero_division(zero_division)
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    undefined = den == 0
    out = num / np.where(undefined, 1.0, den)
    if np.any(undefined):
        out = np.where(undefined, value, out)
        if warn and metric in warn_for:
            title, modifier = _WHY[metric]
            where = "due to" if out.size == 1 else "in labels with"
            _warn_undefined(
                f"{title} is ill-defined and being set to 0.0 {where} no "
                f"{modifier} samples. Use `zero_division` parameter to control "
                "this behavior."
            )
    return out


def _per_label_counts(idx_true: np.ndarray, idx_pred: np.ndarray, n_classes: int,
                      sw: np.ndarray | None):
    """TP, predicted and true totals per class (as scikit-learn counts them)."""
    hit = idx_true == idx_pred
    tp = np.bincount(idx_true[hit], weights=None if sw is None else sw[hit],
                     minlength=n_classes)
    pred = np.bincount(idx_pred, weights=sw, minlength=n_classes)
    true = np.bincount(idx_true, weights=sw, minlength=n_classes)
    if not np.any(hit):
        # scikit-learn's counts are floats when no prediction is right (its
        # TP starts as float zeros); it shows in the report's support column
        tp, pred, true = (c.astype(np.float64) for c in (tp, pred, true))
    return tp, pred, true


def _sums(tp, pred, true):
    """TP, TP + FP and TP + FN, rounded as scikit-learn rounds them.

    scikit-learn first forms FP = pred - TP and FN = true - TP (its
    confusion matrix), then adds TP back; with float weights that can move
    the last bit, so the same steps are taken here.
    """
    return tp, tp + (pred - tp), tp + (true - tp)


def _prf(tp, pred_sum, true_sum, zero_division, warn_for):
    """Precision, recall and F1 from the sums, arrays of equal shape.

    precision = TP / (TP + FP), recall = TP / (TP + FN) and
    F1 = 2 TP / ((TP + FN) + (TP + FP)).
    """
    precision = _divide(tp, pred_sum, "precision", zero_division, warn_for)
    recall = _divide(tp, true_sum, "recall", zero_division, warn_for)
    f1 = _divide(2.0 * np.asarray(tp, dtype=np.float64),
                 1.0 * np.asarray(true_sum, dtype=np.float64) + pred_sum,
                 "f-score", zero_division, warn_for)
    return precision, recall, f1


def _binary_counts(y_true, y_pred, pos_label, sample_weight, func: str):
    """TP, predicted-positive and true-positive totals for ``pos_label``."""
    _check_pos_label(pos_label)
    classes, it, ip = _encode_pair(y_true, y_pred)
    if classes.size > 2:
        raise ValueError(
            f"{func} is for binary problems, but y_true and y_pred together "
            f"hold {classes.size} classes ({classes[:5].tolist()}...). Compare "
            "one class against the rest, e.g. y == label"
        )
    pos = _find_label(classes, pos_label)
    if pos < 0 and classes.size == 2:
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label: it should be one of "
            f"{classes.tolist()}"
        )
    sw = _weights(sample_weight, it.shape[0])
    t, p = it == pos, ip == pos
    tp, pred, true = _per_label_counts(t.astype(np.intp), p.astype(np.intp), 2, sw)
    return _sums(tp[1:], pred[1:], true[1:])


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
    some books use the transpose). It works for any number of classes.

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
    classes, it, ip = _encode_pair(y_true, y_pred)
    n = it.shape[0]
    sw = _weights(sample_weight, n)
    integer_weights = sample_weight is None or np.asarray(sample_weight).dtype.kind in "biu"
    if normalize not in (None, "true", "pred", "all"):
        raise ValueError(
            f"normalize must be None, 'true', 'pred' or 'all'; got {normalize!r}"
        )
    if labels is None:
        k = classes.size
    else:
        labels = _as_label_list(labels, "labels", classes)
        k = labels.size
        where = _label_positions(classes, labels)
        in_true = classes[np.unique(it)]
        it, ip = where[it], where[ip]
        if not np.any(it >= 0):
            raise ValueError(
                f"At least one label specified must be in y_true; labels="
                f"{labels.tolist()} but y_true holds {in_true.tolist()}"
            )
        keep = (it >= 0) & (ip >= 0)
        it, ip = it[keep], ip[keep]
        if sw is not None:
            sw = sw[keep]
    cm = np.bincount(it * k + ip, weights=sw, minlength=k * k).reshape(k, k)
    if sw is not None and integer_weights:
        cm = cm.astype(np.int64)
    if normalize is not None:
        with np.errstate(all="ignore"):
            if normalize == "true":
                cm = cm / cm.sum(axis=1, keepdims=True)
            elif normalize == "pred":
                cm = cm / cm.sum(axis=0, keepdims=True)
            else:
                cm = cm / cm.sum()
        cm = np.nan_to_num(cm)
    if cm.shape == (1, 1):
        _warn(
            "A single label was found in 'y_true' and 'y_pred'. For the "
            "confusion matrix to have the correct shape, use the 'labels' "
            "parameter to pass all known labels.",
            UserWarning,
        )
    return cm


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
    normalize = check_bool(normalize, "normalize")
    _, it, ip = _encode_pair(y_true, y_pred)
    sw = _weights(sample_weight, it.shape[0])
    correct = it == ip
    if normalize:
        return float(np.average(correct, weights=sw))
    if sw is None:
        return float(np.sum(correct))
    return float(np.dot(correct, sw))


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
    tp, pred, true = _binary_counts(y_true, y_pred, pos_label, sample_weight,
                                    "precision_score")
    return float(_prf(tp, pred, true, zero_division, ("precision",))[0][0])


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
    tp, pred, true = _binary_counts(y_true, y_pred, pos_label, sample_weight,
                                    "recall_score")
    return float(_prf(tp, pred, true, zero_division, ("recall",))[1][0])


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
    tp, pred, true = _binary_counts(y_true, y_pred, pos_label, sample_weight,
                                    "f1_score")
    return float(_prf(tp, pred, true, zero_division, ("f-score",))[2][0])


def _nanaverage(a: np.ndarray, weights: np.ndarray | None = None) -> float:
    """Average ignoring NaN (scikit-learn's rule for zero_division=nan)."""
    mask = np.isnan(a)
    if a.size == 0 or np.all(mask):
        return np.nan
    if weights is None:
        return float(np.mean(a[~mask]))
    a, weights = a[~mask], np.asarray(weights, dtype=np.float64)[~mask]
    if np.sum(weights) == 0:
        return float(np.mean(a))
    return float(np.average(a, weights=weights))


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
    (the number of samples of class :math:`c`). Then three summary rows:

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
    output_dict = check_bool(output_dict, "output_dict")
    classes, it, ip = _encode_pair(y_true, y_pred)
    sw = _weights(sample_weight, it.shape[0])
    if isinstance(digits, (bool, np.bool_)) or not isinstance(digits, numbers.Integral) or digits < 0:
        raise ValueError(f"digits must be an integer >= 0; got {digits!r}")
    _check_zero_division(zero_division)
    if labels is None:
        labels_arr = classes
        micro_is_accuracy = True
    else:
        labels_arr = _as_label_list(labels, "labels", classes)
        micro_is_accuracy = bool(np.all(_label_positions(classes, labels_arr) >= 0))
    if target_names is None:
        names = ["%s" % label for label in labels_arr]
    else:
        names = [str(name) for name in np.asarray(target_names).ravel()]
        if len(names) != labels_arr.size:
            raise ValueError(
                f"target_names has {len(names)} names but there are "
                f"{labels_arr.size} labels ({labels_arr.tolist()}); give one "
                "name per label, or pass labels"
            )

    tp_c, pred_c, true_c = _per_label_counts(it, ip, classes.size, sw)
    # counts of each requested label (0 for a label absent from the data)
    where = _label_positions(labels_arr, classes)
    present = where >= 0
    zeros = np.zeros(labels_arr.size, dtype=tp_c.dtype)
    tp, pred, true = (np.where(present, c[np.maximum(where, 0)], zeros)
                      for c in (tp_c, pred_c, true_c))

    warned: set[str] = set()

    def prf(tp_, pred_, true_):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = _prf(tp_, pred_, true_, zero_division,
                       ("precision", "recall", "f-score"))
        for w in caught:  # re-emit each kind of warning once per report
            key = str(w.message).split(" ")[0]
            if key not in warned:
                warned.add(key)
                _warn(w.message, w.category)
        return out

    tp, pred, support = _sums(tp, pred, true)  # support = TP + FN
    p, r, f1 = prf(tp, pred, support)
    headers = ["precision", "recall", "f1-score", "support"]
    rows = list(zip(names, p, r, f1, support))
    averages = {}
    mp, mr, mf = prf(np.array([tp.sum()]), np.array([pred.sum()]),
                     np.array([support.sum()]))
    averages["accuracy" if micro_is_accuracy else "micro avg"] = (
        float(mp[0]), float(mr[0]), float(mf[0]))
    averages["macro avg"] = tuple(_nanaverage(m) for m in (p, r, f1))
    averages["weighted avg"] = tuple(_nanaverage(m, support) for m in (p, r, f1))
    total = np.sum(support)

    if output_dict:
        report: dict = {}
        for name, *scores in rows:
            report[name] = dict(zip(headers, [float(v) for v in scores]))
        for heading, scores in averages.items():
            report[heading] = dict(zip(headers, [float(v) for v in (*scores, total)]))
        if "accuracy" in report:
            report["accuracy"] = report["accuracy"]["precision"]
        return report

    width = max(max(len(name) for name in names), len("weighted avg"), digits)
    head_fmt = "{:>{width}s} " + " {:>9}" * len(headers)
    text = head_fmt.format("", *headers, width=width) + "\n\n"
    row_fmt = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
    for row in rows:
        text += row_fmt.format(*row, width=width, digits=digits)
    text += "\n"
    for heading, scores in averages.items():
        if heading == "accuracy":
            fmt = ("{:>{width}s} " + " {:>9.{digits}}" * 2 + " {:>9.{digits}f}"
                   + " {:>9}\n")
            text += fmt.format(heading, "", "", scores[2], total, width=width,
                               digits=digits)
        else:
            text += row_fmt.format(heading, *scores, total, width=width,
                                   digits=digits)
    return text


# ---------------------------------------------------------------------------
# Ranking metrics: ROC


def _binary_target(y_true, pos_label, func: str) -> np.ndarray:
    """``y_true == pos_label`` as 0.0/1.0, with scikit-learn's default rule."""
    y = _as_labels(y_true, "y_true")
    classes = np.unique(y)
    if classes.size > 2:
        raise ValueError(
            f"{func} is for binary problems, but y_true holds {classes.size} "
            f"classes ({classes[:5].tolist()}...). Compare one class against "
            "the rest, e.g. y_true == label"
        )
    if pos_label is None:
        ok = classes.dtype.kind in _NUMERIC_KINDS and any(
            classes.size == len(ref) and np.all(classes == ref)
            for ref in ([0, 1], [-1, 1], [0], [-1], [1])
        )
        if not ok:
            raise ValueError(
                f"y_true takes values in {{{', '.join(map(repr, classes.tolist()))}}} "
                "and pos_label is not specified: either make y_true take "
                "values in {0, 1} or {-1, 1} or pass pos_label explicitly."
            )
        pos_label = 1
    else:
        _check_pos_label(pos_label)
    pos = _find_label(classes, pos_label)
    if pos < 0 and classes.size == 2:
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label: it should be one of "
            f"{classes.tolist()}"
        )
    if pos < 0:
        return np.zeros(y.shape[0])
    return (y == classes[pos]).astype(np.float64)


def _roc(y01: np.ndarray, score: np.ndarray, sw: np.ndarray | None,
         drop_intermediate: bool):
    """Counts FP and TP at each distinct threshold (as scikit-learn)."""
    if sw is not None:
        keep = sw != 0
        y01, score, sw = y01[keep], score[keep], sw[keep]
    order = np.argsort(-score, kind="stable")  # descending, ties in input order
    score, y01 = score[order], y01[order]
    weight = 1.0 if sw is None else sw[order]
    # the last index of each run of equal scores: one threshold per run
    last = np.r_[np.flatnonzero(np.diff(score)), y01.size - 1]
    tps = np.cumsum(y01 * weight)[last]
    if sw is None:
        fps = 1 + last - tps
    else:
        fps = np.cumsum((1 - y01) * weight)[last]
    thresholds = score[last]
    if drop_intermediate and fps.size > 2:
        # keep a point only where the curve bends (a non-zero second
        # difference); collinear points change neither the plot nor the AUC
        corner = np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True]
        fps, tps, thresholds = fps[corner], tps[corner], thresholds[corner]
    fps = np.r_[0.0, fps]
    tps = np.r_[0.0, tps]
    thresholds = np.r_[np.inf, thresholds]
    return fps, tps, thresholds


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

        \mathrm{TPR}(t) = \frac{TP(t)}{TP + FN} = \frac{\#\{i: y_i = 1,\ s_i \ge t\}}{\#\{i: y_i = 1\}},
        \qquad
        \mathrm{FPR}(t) = \frac{FP(t)}{FP + TN} = \frac{\#\{i: y_i = 0,\ s_i \ge t\}}{\#\{i: y_i = 0\}}

    (weighted sums with ``sample_weight``). The scores are sorted once,
    descending; the cumulative sum of the labels gives TP at every cut,
    and tied scores form a single threshold (a diagonal step of the curve).
    The first threshold is ``inf`` (nothing predicted positive, the point
    (0, 0)); the others are the distinct scores, decreasing.

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
    y01 = _binary_target(y_true, pos_label, "roc_curve")
    score = _as_scores(y_score, "y_score", y01.shape[0])
    sw = _weights(sample_weight, y01.shape[0])
    fps, tps, thresholds = _roc(y01, score, sw,
                                check_bool(drop_intermediate, "drop_intermediate"))
    return (*_rates(fps, tps), thresholds)


def _rates(fps: np.ndarray, tps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if fps[-1] <= 0:
        _warn_undefined("No negative samples in y_true, false positive value "
                        "should be meaningless")
        fpr = np.full(fps.shape, np.nan)
    else:
        fpr = fps / fps[-1]
    if tps[-1] <= 0:
        _warn_undefined("No positive samples in y_true, true positive value "
                        "should be meaningless")
        tpr = np.full(tps.shape, np.nan)
    else:
        tpr = tps / tps[-1]
    return fpr, tpr


def roc_auc_score(
    y_true: ArrayLike,
    y_score: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    max_fpr: float | None = None,
) -> float:
    r"""Area under the ROC curve (trapezoidal rule), binary case.

    .. math::

        \mathrm{AUC} = \int_0^1 \mathrm{TPR}\; d\,\mathrm{FPR}
        = P(s^+ > s^-) + \tfrac12 P(s^+ = s^-),

    the probability that a random positive sample scores above a random
    negative one, a tie counting one half (the Mann-Whitney statistic; the
    tests check this identity). 0.5 is chance, 1 a perfect ranking.

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
    y = _as_labels(y_true, "y_true")
    score = _as_scores(y_score, "y_score", y.shape[0])
    sw = _weights(sample_weight, y.shape[0])
    if max_fpr is not None and (
        isinstance(max_fpr, (bool, np.bool_)) or not isinstance(max_fpr, numbers.Real)
        or not 0 < max_fpr <= 1
    ):
        raise ValueError(f"max_fpr must be in (0, 1]; got {max_fpr!r}")
    classes = np.unique(y)
    if classes.size > 2:
        raise ValueError(
            f"roc_auc_score is for binary problems, but y_true holds "
            f"{classes.size} classes ({classes[:5].tolist()}...)"
        )
    if classes.size != 2:
        _warn_undefined("Only one class is present in y_true. ROC AUC score is "
                        "not defined in that case.")
        return np.nan
    y01 = (y == classes[1]).astype(np.float64)
    fps, tps, _ = _roc(y01, score, sw, True)
    fpr, tpr = _rates(fps, tps)
    if max_fpr is None or max_fpr == 1:
        return float(_trapezoid(tpr, fpr))
    stop = np.searchsorted(fpr, max_fpr, "right")
    x_interp = [fpr[stop - 1], fpr[stop]]
    y_interp = [tpr[stop - 1], tpr[stop]]
    tpr = np.append(tpr[:stop], np.interp(max_fpr, x_interp, y_interp))
    fpr = np.append(fpr[:stop], max_fpr)
    partial = float(_trapezoid(tpr, fpr))
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
    the model's probabilities.

    Clipping. As scikit-learn, ``p`` is clipped to
    :math:`[\varepsilon, 1 - \varepsilon]` with :math:`\varepsilon` the
    float64 machine epsilon (about 2.2e-16), so a certain and wrong
    prediction costs :math:`-\log\varepsilon \approx 36.04` instead of
    ``inf``, and one sample cannot make the mean infinite. The clip changes
    nothing for :math:`p \in [\varepsilon, 1-\varepsilon]`. The term
    :math:`\log(1-p)` is computed as ``log1p(-p)``, which keeps full
    precision for small ``p`` where ``log(1 - p)`` rounds (the difference
    from scikit-learn is a few units in the 16th digit). To avoid both the
    clip and the rounding of :math:`p` altogether, work from logits with
    :func:`bce.bce_with_logits`.

    Parameters
    ----------
    y_true : array_like, shape (n,)
        True labels, two classes; the positive class is the greater label
        (``classes[1]``; 1 for 0/1 labels).
    y_proba : array_like, shape (n,) or (n, 2)
        Probability of the positive class, in [0, 1]; or the two columns
        of ``predict_proba`` (probabilities of ``classes[0]`` and
        ``classes[1]``), whose rows must sum to 1 (a ValueError otherwise,
        where scikit-learn only warns).
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
    normalize = check_bool(normalize, "normalize")
    y = _as_labels(y_true, "y_true")
    n = y.shape[0]
    if labels is None:
        classes = np.unique(y)
        if classes.size == 1:
            raise ValueError(
                f"y_true contains only one label ({classes[0]!r}). Please "
                "provide the list of all expected class labels explicitly "
                "through the labels argument, e.g. labels=[0, 1]."
            )
    else:
        classes = np.unique(_as_label_list(labels, "labels", y))
        if classes.size != 2:
            raise ValueError(
                f"labels must hold the two classes; got {classes.tolist()}"
            )
        if not np.all(_label_positions(np.unique(y), classes) >= 0):
            raise ValueError(
                f"y_true contains labels not in labels={classes.tolist()}"
            )
    if classes.size > 2:
        raise ValueError(
            f"log_loss here is for binary problems, but y_true holds "
            f"{classes.size} classes ({classes[:5].tolist()}...)"
        )
    P = as_float_array(y_proba, "y_proba")
    if P.ndim not in (1, 2) or (P.ndim == 2 and P.shape[1] != 2):
        raise ValueError(
            "y_proba must have shape (n,) (the probability of the positive "
            f"class) or (n, 2) (predict_proba); got shape {P.shape}"
        )
    if P.shape[0] != n:
        raise ValueError(
            f"y_true and y_proba must have the same length (one entry per "
            f"sample); got {n} and {P.shape[0]}"
        )
    if np.any(np.isnan(P)) or np.any((P < 0) | (P > 1)):
        raise ValueError("y_proba must lie in the interval [0, 1] (and not be NaN)")
    sw = _weights(sample_weight, n)
    t = y == classes[1]
    eps = np.finfo(np.float64).eps
    if P.ndim == 1:
        p = np.clip(P, eps, 1 - eps)
        losses = -np.where(t, np.log(p), np.log1p(-p))
    else:
        if not np.allclose(P.sum(axis=1), 1.0, rtol=np.sqrt(eps), atol=0):
            raise ValueError(
                "the rows of y_proba (n, 2) must sum to 1: they should be "
                "probabilities [1 - p, p]"
            )
        Q = np.clip(P, eps, 1 - eps)
        losses = -np.log(np.where(t, Q[:, 1], Q[:, 0]))
    if normalize:
        return float(np.average(losses, weights=sw))
    if sw is None:
        return float(np.sum(losses))
    return float(np.dot(losses, sw))
