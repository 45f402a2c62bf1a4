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
# Clear errors


PAIR_METRICS = [bm.confusion_matrix, bm.accuracy_score, bm.precision_score,
                bm.recall_score, bm.f1_score, bm.classification_report]
SCORE_METRICS = [bm.roc_curve, bm.roc_auc_score, bm.log_loss]


@pytest.mark.parametrize("f", PAIR_METRICS + SCORE_METRICS,
                         ids=lambda f: f.__name__)
def test_wrong_lengths(f):
    second = [0.2, 0.8, 0.6] if f in SCORE_METRICS else [0, 1, 1]
    with pytest.raises(ValueError, match="same length"):
        f([0, 1, 1, 0], second)


@pytest.mark.parametrize("f", PAIR_METRICS + SCORE_METRICS,
                         ids=lambda f: f.__name__)
def test_column_vector_y_true_is_refused(f):
    second = [0.2, 0.8, 0.6] if f in SCORE_METRICS else [0, 1, 1]
    with pytest.raises(ValueError, match=r"y_true must be a 1-D.*ravel"):
        f(np.array([[0], [1], [1]]), second)


@pytest.mark.parametrize("f", PAIR_METRICS, ids=lambda f: f.__name__)
def test_2d_y_pred_is_refused(f):
    with pytest.raises(ValueError, match="y_pred must be a 1-D"):
        f([0, 1, 1], np.array([[0, 1, 1], [1, 0, 0]]))


@pytest.mark.parametrize("f", [bm.roc_curve, bm.roc_auc_score],
                         ids=lambda f: f.__name__)
def test_2d_scores_are_refused(f):
    with pytest.raises(ValueError, match="y_score must be a 1-D"):
        f([0, 1, 1], np.ones((3, 2)))


def test_log_loss_refuses_wrong_proba_shape():
    with pytest.raises(ValueError, match="y_proba must have shape"):
        bm.log_loss([0, 1, 1], np.full((3, 3), 1 / 3))


@pytest.mark.parametrize("f", [bm.precision_score, bm.recall_score, bm.f1_score],
                         ids=lambda f: f.__name__)
def test_more_than_two_classes(f):
    with pytest.raises(ValueError, match="binary"):
        f([0, 1, 2], [0, 1, 1])


@pytest.mark.parametrize("f", SCORE_METRICS, ids=lambda f: f.__name__)
def test_more_than_two_classes_with_scores(f):
    with pytest.raises(ValueError, match="binary"):
        f([0, 1, 2], [0.1, 0.5, 0.9])


@pytest.mark.parametrize("f", [bm.roc_curve, bm.roc_auc_score],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_scores(f, bad):
    with pytest.raises(ValueError, match="y_score must be finite"):
        f([0, 1, 1], [0.1, bad, 0.9])


def test_nan_probability_in_log_loss():
    with pytest.raises(ValueError, match="y_proba must lie in"):
        bm.log_loss([0, 1, 1], [0.1, np.nan, 0.9])


def test_probabilities_as_predictions_are_refused():
    with pytest.raises(ValueError, match="y_pred must hold class labels.*0.2"):
        bm.accuracy_score([0, 1], [0.2, 0.7])


def test_single_class_roc_auc_is_nan_with_a_warning_as_sklearn():
    # scikit-learn (>= 1.6) no longer raises here: NaN and a warning
    with pytest.warns(UndefinedMetricWarning, match="Only one class"):
        ours = bm.roc_auc_score([1, 1, 1], [0.1, 0.5, 0.9])
    with pytest.warns(UndefinedMetricWarning):
        ref = skm.roc_auc_score([1, 1, 1], [0.1, 0.5, 0.9])
    assert np.isnan(ours) and np.isnan(ref)


def test_single_class_log_loss_needs_labels():
    with pytest.raises(ValueError, match="labels"):
        bm.log_loss([1, 1], [0.5, 0.9])


def test_string_labels_need_pos_label():
    with pytest.raises(ValueError, match="pos_label=1 is not a valid label"):
        bm.precision_score(["a", "b"], ["a", "a"])
    with pytest.raises(ValueError, match="pos_label"):
        bm.roc_curve(["a", "b"], [0.2, 0.7])


def test_mixed_label_kinds():
    with pytest.raises(ValueError, match="mix string and numeric"):
        bm.accuracy_score(["a", "b"], [0, 1])


def test_bad_options():
    with pytest.raises(ValueError, match="zero_division"):
        bm.precision_score([0, 1], [0, 1], zero_division=0.5)
    with pytest.raises(ValueError, match="normalize"):
        bm.confusion_matrix([0, 1], [0, 1], normalize="rows")
    with pytest.raises(ValueError, match="max_fpr"):
        bm.roc_auc_score([0, 1], [0.1, 0.9], max_fpr=0)
    with pytest.raises(TypeError, match="pos_label"):
        bm.precision_score([0, 1], [0, 1], pos_label=None)
    with pytest.raises(TypeError, match="y_true"):
        bm.accuracy_score(None, [0, 1])
    with pytest.raises(ValueError, match="sample_weight must have shape"):
        bm.accuracy_score([0, 1], [0, 1], sample_weight=[1.0])


def test_import_does_not_import_sklearn():
    import subprocess
    import sys

    code = "import sys, bce.metrics; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Boolean options are bools: the string "False" is not False


@pytest.mark.parametrize("call, option", [
    (lambda v: bm.accuracy_score([0, 1], [0, 0], normalize=v), "normalize"),
    (lambda v: bm.log_loss([0, 1], [0.2, 0.7], normalize=v), "normalize"),
    (lambda v: bm.roc_curve([0, 1, 1], [0.2, 0.7, 0.4], drop_intermediate=v),
     "drop_intermediate"),
    (lambda v: bm.classification_report([0, 1], [0, 0], output_dict=v,
                                        zero_division=0), "output_dict"),
])
@pytest.mark.parametrize("value", ["False", "no", 0, None])
def test_boolean_options_refuse_non_bools(call, option, value):
    with pytest.raises(ValueError, match=f"{option} must be True or False"):
        call(value)
    call(False)  # and a real bool is accepted
