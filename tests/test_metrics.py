"""Tests of bce/metrics.py: each metric equals scikit-learn's namesake.

The property tests draw small binary problems (ints 0/1, ints -1/1 and
strings, with ``pos_label``, optional weights) so that ties, empty classes
and zero divisions come up often, and compare every number with
:mod:`sklearn.metrics`. Warnings are compared too: where scikit-learn emits
an ``UndefinedMetricWarning``, so must ``bce``, and only there.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as skm
from sklearn.exceptions import UndefinedMetricWarning

from bce import metrics as bm

# fewer examples than the "ci" profile (still derandomized): ~20 s in all
few = settings(max_examples=40, deadline=None)

# name -> (negative label, positive label)
LABELS = {
    "int01": (0, 1),
    "int-11": (-1, 1),
    "str": ("no", "yes"),
}
ZERO_DIVISION = ["warn", 0.0, 1.0, np.nan]


@st.composite
def binary_problem(draw, min_n=1, max_n=25, weights=True, scores=False):
    """y_true, y_pred (labels), pos_label, neg_label, sample_weight, scores.

    Scores come from a set of at most four values, so ties are common.
    """
    kind = draw(st.sampled_from(sorted(LABELS)))
    neg, pos = LABELS[kind]
    n = draw(st.integers(min_n, max_n))
    t = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    p = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    labels = np.array([neg, pos])
    sw = None
    if weights and draw(st.booleans()):
        sw = np.array(draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]),
                                    min_size=n, max_size=n)))
        if not np.any(sw > 0):
            sw[0] = 1.0
    s = None
    if scores:
        values = draw(st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.9, 1.0]),
                               min_size=1, max_size=4, unique=True))
        s = np.array(draw(st.lists(st.sampled_from(values), min_size=n,
                                   max_size=n)))
    return dict(y_true=labels[t.astype(int)], y_pred=labels[p.astype(int)],
                pos=pos, neg=neg, sw=sw, scores=s)


def run(f, *args, **kwargs):
    """(result, set of warning categories) of ``f(*args, **kwargs)``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = f(*args, **kwargs)
    return out, {w.category for w in caught}


def assert_same(ours, ref):
    """Equal numbers (NaN equals NaN), to a few units in the last place."""
    np.testing.assert_allclose(np.asarray(ours, dtype=float),
                               np.asarray(ref, dtype=float),
                               rtol=1e-13, atol=0, equal_nan=True)


# ---------------------------------------------------------------------------
# Counting metrics against scikit-learn


@few
@given(binary_problem(), st.booleans())
def test_confusion_matrix_equals_sklearn(d, with_labels):
    labels = [d["neg"], d["pos"]] if with_labels else None
    ours, w_ours = run(bm.confusion_matrix, d["y_true"], d["y_pred"],
                       labels=labels, sample_weight=d["sw"])
    ref, w_ref = run(skm.confusion_matrix, d["y_true"], d["y_pred"],
                     labels=labels, sample_weight=d["sw"])
    assert ours.shape == ref.shape
    np.testing.assert_array_equal(ours, ref)
    assert w_ours == w_ref


@few
@given(binary_problem(), st.sampled_from(["true", "pred", "all"]))
def test_normalized_confusion_matrix_equals_sklearn(d, normalize):
    labels = [d["neg"], d["pos"]]
    ours = bm.confusion_matrix(d["y_true"], d["y_pred"], labels=labels,
                               sample_weight=d["sw"], normalize=normalize)
    ref = skm.confusion_matrix(d["y_true"], d["y_pred"], labels=labels,
                               sample_weight=d["sw"], normalize=normalize)
    assert_same(ours, ref)


def test_confusion_matrix_layout_by_hand():
    y_true = [0, 0, 0, 1, 1, 1, 1]
    y_pred = [0, 1, 1, 0, 1, 1, 1]
    tn, fp, fn, tp = bm.confusion_matrix(y_true, y_pred).ravel()
    assert (tn, fp, fn, tp) == (1, 2, 1, 3)


@few
@given(binary_problem(), st.booleans())
def test_accuracy_equals_sklearn(d, normalize):
    ours = bm.accuracy_score(d["y_true"], d["y_pred"], normalize=normalize,
                             sample_weight=d["sw"])
    ref = skm.accuracy_score(d["y_true"], d["y_pred"], normalize=normalize,
                             sample_weight=d["sw"])
    assert isinstance(ours, float)
    assert_same(ours, ref)


@pytest.mark.parametrize("name", ["precision_score", "recall_score", "f1_score"])
@few
@given(d=binary_problem(), zero_division=st.sampled_from(ZERO_DIVISION))
def test_prf_equals_sklearn(name, d, zero_division):
    kwargs = dict(pos_label=d["pos"], sample_weight=d["sw"],
                  zero_division=zero_division)
    ours, w_ours = run(getattr(bm, name), d["y_true"], d["y_pred"], **kwargs)
    ref, w_ref = run(getattr(skm, name), d["y_true"], d["y_pred"], **kwargs)
    assert isinstance(ours, float)
    assert_same(ours, ref)
    assert (UndefinedMetricWarning in w_ours) == (UndefinedMetricWarning in w_ref)


@pytest.mark.parametrize("name", ["precision_score", "recall_score", "f1_score"])
@few
@given(d=binary_problem())
def test_prf_with_the_other_class_as_positive(name, d):
    # pos_label picks the class; swapping it swaps the roles of the cells
    kwargs = dict(pos_label=d["neg"], sample_weight=d["sw"], zero_division=0.0)
    ours = getattr(bm, name)(d["y_true"], d["y_pred"], **kwargs)
    ref = getattr(skm, name)(d["y_true"], d["y_pred"], **kwargs)
    assert_same(ours, ref)


# The zero-division cases, each spelled out: y_true, y_pred and the metrics
# that are undefined (0/0) there.
ZERO_CASES = {
    "no predicted positive": ([0, 1, 1, 0], [0, 0, 0, 0], {"precision_score"}),
    "no true positive": ([0, 0, 0, 0], [0, 1, 0, 1], {"recall_score"}),
    "no positive at all": ([0, 0, 0], [0, 0, 0],
                           {"precision_score", "recall_score", "f1_score"}),
    "no hit": ([1, 1, 0], [0, 0, 1], set()),  # TP = 0 but nothing undefined
}


@pytest.mark.parametrize("zero_division", ZERO_DIVISION)
@pytest.mark.parametrize("case", sorted(ZERO_CASES))
@pytest.mark.parametrize("name", ["precision_score", "recall_score", "f1_score"])
def test_zero_division_cases(name, case, zero_division):
    y_true, y_pred, undefined = ZERO_CASES[case]
    ours, w_ours = run(getattr(bm, name), y_true, y_pred,
                       zero_division=zero_division)
    ref, w_ref = run(getattr(skm, name), y_true, y_pred,
                     zero_division=zero_division)
    assert_same(ours, ref)
    warns = name in undefined and zero_division == "warn"
    assert (UndefinedMetricWarning in w_ours) == warns
    assert (UndefinedMetricWarning in w_ref) == warns
    if name in undefined and zero_division != "warn":
        assert_same(ours, zero_division)


def test_f1_is_zero_not_undefined_when_tp_is_zero():
    # precision and recall are both 0 here, yet F1 = 2TP/(2TP+FP+FN) = 0
    assert bm.f1_score([1, 0], [0, 1], zero_division=1.0) == 0.0


@pytest.mark.parametrize("zero_division", ZERO_DIVISION)
def test_classification_report_zero_division(zero_division):
    y_true, y_pred = [0, 0, 1, 1], [0, 0, 0, 0]
    ours, w_ours = run(bm.classification_report, y_true, y_pred,
                       output_dict=True, zero_division=zero_division)
    ref, w_ref = run(skm.classification_report, y_true, y_pred,
                     output_dict=True, zero_division=zero_division)
    assert_report_equal(ours, ref)
    assert w_ours == w_ref
    assert (UndefinedMetricWarning in w_ours) == (zero_division == "warn")


def assert_report_equal(ours, ref):
    assert list(ours) == list(ref)
    for key, value in ref.items():
        if isinstance(value, dict):
            assert list(ours[key]) == list(value)
            assert_same([ours[key][k] for k in value], list(value.values()))
        else:
            assert_same(ours[key], value)


@few
@given(d=binary_problem(), zero_division=st.sampled_from(ZERO_DIVISION),
       with_labels=st.booleans(), digits=st.integers(1, 5))
def test_classification_report_equals_sklearn(d, zero_division, with_labels,
                                              digits):
    kwargs = dict(sample_weight=d["sw"], zero_division=zero_division)
    if with_labels:
        kwargs["labels"] = [d["neg"], d["pos"]]
        kwargs["target_names"] = ["negative", "positive"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        ours = bm.classification_report(d["y_true"], d["y_pred"],
                                        output_dict=True, **kwargs)
        ref = skm.classification_report(d["y_true"], d["y_pred"],
                                        output_dict=True, **kwargs)
        ours_text = bm.classification_report(d["y_true"], d["y_pred"],
                                             digits=digits, **kwargs)
        ref_text = skm.classification_report(d["y_true"], d["y_pred"],
                                             digits=digits, **kwargs)
    assert_report_equal(ours, ref)
    assert ours_text == ref_text


@pytest.mark.parametrize("labels", [None, [1], [0, 1, 2], [2]])
@pytest.mark.parametrize("weighted", [False, True])
def test_classification_report_text_with_any_weights(labels, weighted):
    # weights that are not sums of powers of two: the support column is
    # printed in full, so it must be added as scikit-learn adds it
    rng = np.random.default_rng(3)
    for n in (1, 7, 60):
        y_true, y_pred = rng.integers(0, 2, n), rng.integers(0, 2, n)
        if n == 1:
            y_pred = 1 - y_true  # no prediction right: float counts
        kwargs = dict(labels=labels, digits=4, zero_division=0.0,
                      sample_weight=rng.uniform(0, 3, n) if weighted else None)
        assert (bm.classification_report(y_true, y_pred, **kwargs)
                == skm.classification_report(y_true, y_pred, **kwargs))


def test_classification_report_only_one_label_of_two_requested():
    # a subset of labels: the summary row is "micro avg", not "accuracy"
    y_true, y_pred = [0, 1, 1, 0, 1], [0, 1, 0, 1, 1]
    ours = bm.classification_report(y_true, y_pred, labels=[1], output_dict=True)
    ref = skm.classification_report(y_true, y_pred, labels=[1], output_dict=True)
    assert "micro avg" in ours
    assert_report_equal(ours, ref)


# ---------------------------------------------------------------------------
# Ranking metrics and the loss against scikit-learn


@few
@given(d=binary_problem(min_n=2, scores=True), drop=st.booleans())
def test_roc_curve_equals_sklearn_with_ties(d, drop):
    kwargs = dict(pos_label=d["pos"], sample_weight=d["sw"],
                  drop_intermediate=drop)
    ours, w_ours = run(bm.roc_curve, d["y_true"], d["scores"], **kwargs)
    ref, w_ref = run(skm.roc_curve, d["y_true"], d["scores"], **kwargs)
    for a, b in zip(ours, ref):
        assert a.shape == b.shape
        assert_same(a, b)
    assert (UndefinedMetricWarning in w_ours) == (UndefinedMetricWarning in w_ref)


@few
@given(d=binary_problem(min_n=2, scores=True))
def test_roc_auc_equals_sklearn_with_ties(d):
    y_true, s, sw = d["y_true"], d["scores"], d["sw"]
    ours, w_ours = run(bm.roc_auc_score, y_true, s, sample_weight=sw)
    ref, w_ref = run(skm.roc_auc_score, y_true, s, sample_weight=sw)
    assert isinstance(ours, float)
    assert_same(ours, ref)
    assert (UndefinedMetricWarning in w_ours) == (UndefinedMetricWarning in w_ref)


@few
@given(d=binary_problem(min_n=2, weights=False, scores=True))
def test_auc_is_the_mann_whitney_statistic(d):
    # AUC = P(s+ > s-) + P(s+ = s-)/2 over all (positive, negative) pairs;
    # the positive class of roc_auc_score is the greater label
    y = d["y_true"] == np.unique(d["y_true"])[-1]
    s = d["scores"]
    if y.all() or not y.any():
        return
    diff = s[y][:, None] - s[~y][None, :]
    expected = np.mean((diff > 0) + 0.5 * (diff == 0))
    assert bm.roc_auc_score(d["y_true"], s) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("max_fpr", [0.1, 0.35, 0.5, 1.0])
def test_partial_auc_equals_sklearn(max_fpr):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 80)
    s = np.round(y + rng.normal(size=80), 1)  # rounded: ties
    assert_same(bm.roc_auc_score(y, s, max_fpr=max_fpr),
                skm.roc_auc_score(y, s, max_fpr=max_fpr))


probabilities = st.sampled_from([0.0, 1e-20, 1e-3, 0.2, 0.5, 0.7, 1 - 1e-9, 1.0])


@few
@given(d=binary_problem(min_n=2), data=st.data(), normalize=st.booleans())
def test_log_loss_equals_sklearn(d, data, normalize):
    y = d["y_true"]
    n = y.shape[0]
    p = np.array(data.draw(st.lists(probabilities, min_size=n, max_size=n)))
    labels = None if np.unique(y).size == 2 else [d["neg"], d["pos"]]
    kwargs = dict(sample_weight=d["sw"], normalize=normalize, labels=labels)
    ours = bm.log_loss(y, p, **kwargs)
    ref = skm.log_loss(y, p, **kwargs)
    # log1p(-p) against scikit-learn's log(1 - p): a few ulp per term
    assert ours == pytest.approx(ref, rel=1e-12, abs=1e-15)
    # the two columns of predict_proba give the same value
    two = bm.log_loss(y, np.column_stack([1 - p, p]), **kwargs)
    assert two == pytest.approx(skm.log_loss(y, np.column_stack([1 - p, p]),
                                             **kwargs), rel=1e-12, abs=1e-15)


def test_log_loss_is_the_mean_bce():
    import bce

    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 50)
    p = rng.uniform(0.01, 0.99, 50)
    assert bm.log_loss(y, p) == pytest.approx(np.mean(bce.bce_loss(y, p)),
                                              rel=1e-13)


def test_log_loss_clips_certain_wrong_predictions():
    eps = np.finfo(np.float64).eps
    assert bm.log_loss([1, 0], [0.0, 0.0]) == pytest.approx(-np.log(eps) / 2)


# ---------------------------------------------------------------------------
# Clear errors: one table per checker of bce.validation ("Inputs of
# bce.metrics"), each row (function, keyword arguments, exception, message).


def row(f, exc, match, case, **kwargs):
    return pytest.param(f, kwargs, exc, match, id=f"{f.__name__}-{case}")


def assert_refused(f, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        f(**kwargs)


PAIR_METRICS = [bm.confusion_matrix, bm.accuracy_score, bm.precision_score,
                bm.recall_score, bm.f1_score, bm.classification_report]
SCORE_METRICS = [bm.roc_curve, bm.roc_auc_score, bm.log_loss]
BINARY_METRICS = [bm.precision_score, bm.recall_score, bm.f1_score]
ROC_METRICS = [bm.roc_curve, bm.roc_auc_score]
SECOND = {bm.roc_curve: "y_score", bm.roc_auc_score: "y_score",
          bm.log_loss: "y_proba"}  # the name of the second argument


def args(f, y_true, second):
    """The two data arguments of ``f`` by name (y_pred, y_score or y_proba)."""
    return {"y_true": y_true, SECOND.get(f, "y_pred"): second}


def second_of(f, n=3):
    return [0.2, 0.8, 0.6][:n] if f in SCORE_METRICS else [0, 1, 1][:n]


# check_class_labels: a label array is 1-D, not empty, of labels
LABEL_ARRAY_REFUSALS = [
    *(row(f, ValueError, r"y_true must be a 1-D.*ravel", "column-y_true",
          **args(f, np.array([[0], [1], [1]]), second_of(f)))
      for f in PAIR_METRICS + SCORE_METRICS),
    *(row(f, ValueError, "y_pred must be a 1-D", "2d-y_pred",
          **args(f, [0, 1, 1], np.array([[0, 1, 1], [1, 0, 0]])))
      for f in PAIR_METRICS),
    row(bm.accuracy_score, TypeError, "y_true", "None", y_true=None, y_pred=[0, 1]),
    row(bm.accuracy_score, ValueError, r"y_pred must hold class labels.*0\.2",
        "probabilities-as-labels", y_true=[0, 1], y_pred=[0.2, 0.7]),
    row(bm.accuracy_score, ValueError, "y_true is empty", "empty",
        y_true=[], y_pred=[]),
    row(bm.confusion_matrix, ValueError, "y_true must not contain NaN",
        "nan-label", y_true=[0.0, np.nan], y_pred=[0, 1]),
    row(bm.accuracy_score, TypeError, "y_true mixes labels",
        "object-mix", y_true=np.array(["a", 1, None], dtype=object),
        y_pred=[0, 1, 1]),
    row(bm.accuracy_score, TypeError, "y_pred must hold class labels",
        "complex", y_true=[0, 1], y_pred=np.array([0j, 1j])),
    row(bm.roc_curve, TypeError, "y_true must be a 1-D array of class labels",
        "ragged", y_true=[[0, 1], [1]], y_score=[0.2, 0.7]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", LABEL_ARRAY_REFUSALS)
def test_label_arrays_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_label_pair, check_scores, check_log_loss_input: one entry per sample
LENGTH_REFUSALS = [
    *(row(f, ValueError, "same length", "lengths",
          **args(f, [0, 1, 1, 0], second_of(f)))
      for f in PAIR_METRICS + SCORE_METRICS),
    row(bm.accuracy_score, ValueError, "mix string and numeric", "kinds",
        y_true=["a", "b"], y_pred=[0, 1]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", LENGTH_REFUSALS)
def test_pairs_of_arrays_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_binary_pair, check_binary_target: two classes, a valid pos_label
POSITIVE_CLASS_REFUSALS = [
    *(row(f, ValueError, "binary", "three-classes",
          y_true=[0, 1, 2], y_pred=[0, 1, 1]) for f in BINARY_METRICS),
    *(row(f, ValueError, "binary", "three-classes",
          **args(f, [0, 1, 2], [0.1, 0.5, 0.9])) for f in SCORE_METRICS),
    row(bm.precision_score, ValueError, "pos_label=1 is not a valid label",
        "strings", y_true=["a", "b"], y_pred=["a", "a"]),
    row(bm.roc_curve, ValueError, "pos_label", "strings-default",
        y_true=["a", "b"], y_score=[0.2, 0.7]),
    row(bm.roc_curve, ValueError, "pos_label='c' is not a valid label",
        "absent", y_true=["a", "b"], y_score=[0.2, 0.7], pos_label="c"),
    row(bm.precision_score, TypeError, "pos_label", "None",
        y_true=[0, 1], y_pred=[0, 1], pos_label=None),
    row(bm.recall_score, TypeError, "pos_label must be a label", "list",
        y_true=[0, 1], y_pred=[0, 1], pos_label=[1]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", POSITIVE_CLASS_REFUSALS)
def test_the_positive_class_is_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_metric_options: scikit-learn's constraints, bools refused
OPTION_REFUSALS = [
    row(bm.precision_score, ValueError, "zero_division", "0.5",
        y_true=[0, 1], y_pred=[0, 1], zero_division=0.5),
    row(bm.f1_score, ValueError, "zero_division.*bool", "bool",
        y_true=[0, 1], y_pred=[0, 1], zero_division=True),
    row(bm.classification_report, ValueError, "zero_division", "str",
        y_true=[0, 1], y_pred=[0, 1], zero_division="nan"),
    row(bm.confusion_matrix, ValueError, "normalize", "rows",
        y_true=[0, 1], y_pred=[0, 1], normalize="rows"),
    row(bm.roc_auc_score, ValueError, "max_fpr", "0",
        y_true=[0, 1], y_score=[0.1, 0.9], max_fpr=0),
    row(bm.roc_auc_score, TypeError, "max_fpr", "str",
        y_true=[0, 1], y_score=[0.1, 0.9], max_fpr="0.5"),
    row(bm.classification_report, ValueError, "digits", "negative",
        y_true=[0, 1], y_pred=[0, 1], digits=-1),
    row(bm.classification_report, TypeError, "digits", "float",
        y_true=[0, 1], y_pred=[0, 1], digits=2.0),
]


@pytest.mark.parametrize("f, kwargs, exc, match", OPTION_REFUSALS)
def test_options_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_labels_option, check_target_names: the labels a table is indexed by
LABELS_REFUSALS = [
    row(bm.confusion_matrix, ValueError, "labels must not repeat", "repeat",
        y_true=[0, 1], y_pred=[0, 1], labels=[1, 1]),
    row(bm.confusion_matrix, ValueError, "At least one label specified must "
        "be in y_true", "none-in-y_true", y_true=[0, 1], y_pred=[0, 1],
        labels=[2]),
    row(bm.classification_report, ValueError, "mix string and numeric",
        "kinds", y_true=[0, 1], y_pred=[0, 1], labels=["a", "b"]),
    row(bm.classification_report, ValueError, "target_names has 3 names",
        "target_names", y_true=[0, 1], y_pred=[0, 1],
        target_names=["a", "b", "c"]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", LABELS_REFUSALS)
def test_labels_options_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_sample_weight: shape (n,), finite, >= 0, not all 0
SAMPLE_WEIGHT_REFUSALS = [
    row(bm.accuracy_score, ValueError, "sample_weight must have shape",
        "shape", y_true=[0, 1], y_pred=[0, 1], sample_weight=[1.0]),
    row(bm.roc_curve, ValueError, "sample_weight must be >= 0", "negative",
        y_true=[0, 1], y_score=[0.1, 0.9], sample_weight=[1.0, -1.0]),
    row(bm.log_loss, ValueError, "sample_weight is zero everywhere", "zeros",
        y_true=[0, 1], y_proba=[0.1, 0.9], sample_weight=[0, 0]),
    row(bm.confusion_matrix, ValueError, "sample_weight must be finite", "nan",
        y_true=[0, 1], y_pred=[0, 1], sample_weight=[1.0, np.nan]),
    row(bm.accuracy_score, ValueError, "sample_weight sums to", "overflow",
        y_true=[0, 1], y_pred=[0, 1], sample_weight=[1e308, 1e308]),
    row(bm.roc_auc_score, ValueError, "sample_weight sums to", "overflow",
        y_true=[0, 1], y_score=[0.1, 0.9], sample_weight=[1e307, 0]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", SAMPLE_WEIGHT_REFUSALS)
def test_sample_weights_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_scores: finite, shape (n,)
SCORE_REFUSALS = [
    *(row(f, ValueError, "y_score must be a 1-D", "2d",
          y_true=[0, 1, 1], y_score=np.ones((3, 2))) for f in ROC_METRICS),
    *(row(f, ValueError, "y_score must be finite", f"{bad}",
          y_true=[0, 1, 1], y_score=[0.1, bad, 0.9])
      for f in ROC_METRICS for bad in (np.nan, np.inf)),
    row(bm.roc_curve, TypeError, "y_score must hold real numbers", "strings",
        y_true=[0, 1], y_score=["a", "b"]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", SCORE_REFUSALS)
def test_scores_are_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# check_log_loss_input: two classes, probabilities in [0, 1]
LOG_LOSS_REFUSALS = [
    row(bm.log_loss, ValueError, "y_proba must have shape", "3-columns",
        y_true=[0, 1, 1], y_proba=np.full((3, 3), 1 / 3)),
    row(bm.log_loss, ValueError, "y_proba must lie in", "nan",
        y_true=[0, 1, 1], y_proba=[0.1, np.nan, 0.9]),
    row(bm.log_loss, ValueError, "y_proba must lie in", "above-1",
        y_true=[0, 1], y_proba=[0.1, 1.5]),
    row(bm.log_loss, ValueError, "rows of y_proba", "rows-sum",
        y_true=[0, 1], y_proba=[[0.5, 0.6], [0.1, 0.9]]),
    row(bm.log_loss, ValueError, "labels", "one-class",
        y_true=[1, 1], y_proba=[0.5, 0.9]),
    row(bm.log_loss, ValueError, "labels must hold the two classes",
        "three-labels", y_true=[1, 1], y_proba=[0.5, 0.9], labels=[0, 1, 2]),
    row(bm.log_loss, ValueError, "y_true contains labels not in labels",
        "outside", y_true=[1, 2], y_proba=[0.5, 0.9], labels=[0, 1]),
]


@pytest.mark.parametrize("f, kwargs, exc, match", LOG_LOSS_REFUSALS)
def test_log_loss_input_is_checked(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


# inputs at the edges, each of which once gave a RuntimeWarning (0/0, log 0,
# an overflow) in a naive version; now a number, NaN or inf, and no warning
EDGE_CASES = [
    (bm.confusion_matrix, dict(y_true=[0, 0], y_pred=[0, 0], labels=[0, 1],
                               normalize="true")),
    (bm.precision_score, dict(y_true=[0, 0], y_pred=[0, 0])),
    (bm.f1_score, dict(y_true=["a", "a"], y_pred=["a", "a"], pos_label="b")),
    (bm.classification_report, dict(y_true=[0, 0], y_pred=[0, 0],
                                    labels=[0, 1, 2], zero_division=np.nan)),
    (bm.roc_curve, dict(y_true=[1, 1], y_score=[-1e308, 1e308])),
    (bm.roc_auc_score, dict(y_true=[0, 1, 1], y_score=[0.1, 0.9, 0.3],
                            sample_weight=[0, 1, 1], max_fpr=0.5)),
    (bm.log_loss, dict(y_true=[0, 1], y_proba=[1.0, 0.0])),
    (bm.log_loss, dict(y_true=[0, 1], y_proba=[[0.0, 1.0], [1.0, 0.0]])),
    (bm.accuracy_score, dict(y_true=[0, 1], y_pred=[0, 1],
                             sample_weight=[1e306, 1e306])),
]


@pytest.mark.parametrize("f, kwargs", EDGE_CASES,
                         ids=[f.__name__ for f, _ in EDGE_CASES])
def test_no_runtime_warning_at_the_edges(f, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        warnings.simplefilter("error", RuntimeWarning)
        f(**kwargs)


def test_single_class_roc_auc_is_nan_with_a_warning_as_sklearn():
    # scikit-learn (>= 1.6) no longer raises here: NaN and a warning
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        ours = bm.roc_auc_score([1, 1, 1], [0.1, 0.5, 0.9])
    with pytest.warns(UndefinedMetricWarning):
        ref = skm.roc_auc_score([1, 1, 1], [0.1, 0.5, 0.9])
    assert np.isnan(ours) and np.isnan(ref)


def test_import_does_not_import_sklearn():
    import subprocess
    import sys

    code = "import sys, bce.metrics; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Boolean options are bools: the string "False" is not False (check_bool)


BOOL_OPTIONS = [
    (bm.accuracy_score, dict(y_true=[0, 1], y_pred=[0, 0]), "normalize"),
    (bm.log_loss, dict(y_true=[0, 1], y_proba=[0.2, 0.7]), "normalize"),
    (bm.roc_curve, dict(y_true=[0, 1, 1], y_score=[0.2, 0.7, 0.4]),
     "drop_intermediate"),
    (bm.classification_report, dict(y_true=[0, 1], y_pred=[0, 0],
                                    zero_division=0), "output_dict"),
]
BOOL_REFUSALS = [
    row(f, ValueError, f"{option} must be True or False", f"{option}={value!r}",
        **kwargs, **{option: value})
    for f, kwargs, option in BOOL_OPTIONS for value in ["False", "no", 0, None]
]


@pytest.mark.parametrize("f, kwargs, exc, match", BOOL_REFUSALS)
def test_boolean_options_refuse_non_bools(f, kwargs, exc, match):
    assert_refused(f, kwargs, exc, match)


@pytest.mark.parametrize("f, kwargs, option", BOOL_OPTIONS,
                         ids=lambda v: getattr(v, "__name__", None))
def test_boolean_options_accept_bools(f, kwargs, option):
    f(**kwargs, **{option: False})
    f(**kwargs, **{option: np.bool_(True)})
