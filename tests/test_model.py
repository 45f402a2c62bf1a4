"""Tests of bce/model.py: the scikit-learn-style LogisticRegression."""

import subprocess
import warnings
import sys

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import bce
from bce import LogisticRegression


@pytest.fixture(scope="module")
def cancer():
    """Breast cancer (569 x 30), standardized; y is 0 (malignant) / 1."""
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y


def separable(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, (X @ [1.0, -2.0] + 0.3 > 0).astype(int)


# ---------------------------------------------------------------------------
# scikit-learn's own estimator checks, one test each; none is marked xfail


@parametrize_with_checks([LogisticRegression()])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# ---------------------------------------------------------------------------
# Agreement with scikit-learn


@pytest.mark.parametrize("C", [0.01, 1.0, 100.0])
def test_newton_agrees_with_sklearn(cancer, C):
    X, y = cancer
    ours = LogisticRegression(C=C).fit(X, y)
    ref = SkLogisticRegression(C=C, solver="newton-cholesky", tol=1e-10,
                               max_iter=1000).fit(X, y)
    # measured: <= 5e-14 for all three C
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=0, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=0,
                               atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X),
                               rtol=0, atol=1e-8)
    assert ours.n_iter_.shape == (1,) and ours.n_iter_[0] <= 15


def test_newton_agrees_with_sklearn_weighted_and_without_intercept(cancer):
    X, y = cancer
    sw = np.random.default_rng(1).uniform(0.1, 3.0, size=y.size)
    for fit_intercept in (True, False):
        kw = dict(C=0.5, fit_intercept=fit_intercept)
        ours = LogisticRegression(**kw).fit(X, y, sample_weight=sw)
        ref = SkLogisticRegression(solver="newton-cholesky", tol=1e-10,
                                   max_iter=1000, **kw).fit(X, y,
                                                            sample_weight=sw)
        np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
        np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)
    assert ours.intercept_.tolist() == [0.0]


def test_C_inf_agrees_with_sklearn_when_a_minimizer_exists(cancer):
    X, y = cancer
    X = X[:, :3]  # three features: not separable, so the MLE exists
    ours = LogisticRegression(C=np.inf).fit(X, y)
    ref = SkLogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-10,
                               max_iter=1000).fit(X, y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, atol=1e-6)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, atol=1e-6)


def objective(clf, X, y):
    """J of bce.objective at the fitted parameters (l2 = 1 / (C n))."""
    l2 = 1.0 / (clf.C * len(y))
    return bce.loss(X, y, clf.coef_[0], clf.intercept_[0], l2=l2)


@pytest.mark.parametrize(
    "solver, max_iter, gap",
    [
        # gd: step 1/L, L / mu ~ 2000 at C = 1, so the error shrinks slowly;
        # measured gap 9.9e-5 after 2000 steps (0.3 s), tolerance 1e-3
        ("gd", 2000, 1e-3),
        # sgd: 100 epochs of 18 batches, step decaying like 1/sqrt(epoch);
        # measured gap 4.1e-3 (J* = 0.066) with random_state=0, tolerance 1e-2
        ("sgd", 100, 1e-2),
    ],
)
def test_first_order_solvers_reach_the_same_objective(cancer, solver,
                                                      max_iter, gap):
    X, y = cancer
    J_star = objective(LogisticRegression(C=1.0).fit(X, y), X, y)
    clf = LogisticRegression(C=1.0, solver=solver, max_iter=max_iter,
                             random_state=0)
    # tol = 1e-8 is out of reach in this budget: the fit warns, as it should
    with pytest.warns(ConvergenceWarning, match="max_iter"):
        clf.fit(X, y)
    J = objective(clf, X, y)
    assert clf.loss_history_[-1] == pytest.approx(J, rel=1e-12)
    assert 0 <= J - J_star <= gap
    assert clf.n_iter_[0] == max_iter
    # and the classifier is as good as the exact one on the training data
    assert clf.score(X, y) >= 0.97


def test_intercept_only_optimum_is_logit_of_the_mean():
    # a constant zero column: w has no effect, so b = logit(mean(y)) and
    # w = 0 (the penalty pulls it there), whatever the penalty
    y = np.array([0, 1, 1, 1, 0, 1, 1, 0, 1, 1])
    X = np.zeros((10, 1))
    for C in (1.0, np.inf):
        clf = LogisticRegression(C=C).fit(X, y)
        assert clf.coef_.tolist() == [[0.0]]
        assert clf.intercept_[0] == pytest.approx(np.log(0.7 / 0.3), abs=1e-9)
        np.testing.assert_allclose(clf.predict_proba(X)[:, 1], 0.7, rtol=1e-9)


# ---------------------------------------------------------------------------
# Labels, weights, shapes


@pytest.mark.parametrize(
    "labels",
    [("benign", "malignant"), (-1, 1), (2, 5), (False, True), (0.0, 1.0)],
)
def test_any_two_labels(cancer, labels):
    X, y01 = cancer
    neg, pos = labels
    y = np.where(y01 == 1, pos, neg)
    clf = LogisticRegression().fit(X, y)
    ref = LogisticRegression().fit(X, y01)
    assert list(clf.classes_) == sorted(labels)
    assert clf.classes_[1] == pos  # the positive class is classes_[1]
    np.testing.assert_array_equal(clf.coef_, ref.coef_)
    np.testing.assert_array_equal(clf.predict(X), np.where(ref.predict(X) == 1,
                                                           pos, neg))
    assert clf.predict(X).dtype == np.asarray(y).dtype


def test_positive_class_is_the_larger_label(cancer):
    X, y = cancer
    names = np.array(["yes", "no"])[y]  # 1 -> "no": "no" < "yes"
    clf = LogisticRegression().fit(X, names)
    ref = LogisticRegression().fit(X, y)
    assert list(clf.classes_) == ["no", "yes"]
    # P(classes_[1] = "yes") = P(y = 0): the model is mirrored
    np.testing.assert_allclose(clf.coef_, -ref.coef_, atol=1e-12)
    np.testing.assert_allclose(clf.predict_proba(X), ref.predict_proba(X)[:, ::-1],
                               atol=1e-12)


def test_prediction_methods_are_consistent(cancer):
    X, y = cancer
    clf = LogisticRegression().fit(X, y)
    z = clf.decision_function(X)
    P = clf.predict_proba(X)
    assert z.shape == (len(y),) and P.shape == (len(y), 2)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_allclose(P[:, 1], bce.sigmoid(z), rtol=1e-15)
    np.testing.assert_array_equal(clf.predict(X), (z > 0).astype(int))
    # log_sigmoid is the more accurate of the two where P is near 1
    np.testing.assert_allclose(clf.predict_log_proba(X), np.log(P), rtol=1e-12,
                               atol=1e-15)
    assert clf.score(X, y) == np.mean(clf.predict(X) == y)
    assert clf.loss_history_.shape == (clf.n_iter_[0] + 1,)
    assert clf.n_features_in_ == 30


@pytest.mark.parametrize("solver", ["newton", "gd"])
def test_weight_two_equals_a_repeated_row(cancer, solver):
    X, y = cancer
    X, y = X[:120, :5], y[:120]
    sw = np.ones(120)
    sw[::3] = 2.0
    sw[1::7] = 0.0
    rows = np.repeat(np.arange(120), sw.astype(int))
    kw = dict(solver=solver, max_iter=20_000, tol=1e-9)
    a = LogisticRegression(**kw).fit(X, y, sample_weight=sw)
    b = LogisticRegression(**kw).fit(X[rows], y[rows])
    np.testing.assert_allclose(a.coef_, b.coef_, atol=1e-7)
    np.testing.assert_allclose(a.intercept_, b.intercept_, atol=1e-7)


def test_bad_sample_weights(cancer):
    X, y = cancer
    with pytest.raises(ValueError, match="sample_weight"):
        LogisticRegression().fit(X, y, sample_weight=-np.ones(len(y)))
    with pytest.raises(ValueError, match="sample_weight"):
        LogisticRegression().fit(X, y, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match=r"\bclass\b"):
        LogisticRegression().fit(X, y, sample_weight=y.astype(float))
    with pytest.raises(ValueError, match="zero everywhere"):
        LogisticRegression().fit(X, y, sample_weight=np.zeros(len(y)))


def test_binary_only(cancer):
    X, y = cancer
    with pytest.raises(ValueError, match="Only binary classification"):
        LogisticRegression().fit(X, np.arange(len(y)) % 3)
    with pytest.raises(ValueError, match="1 class"):
        LogisticRegression().fit(X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="Unknown label type"):
        LogisticRegression().fit(X, np.linspace(0, 1, len(y)))



@pytest.mark.parametrize("labels, shown", [([3, 5], "3"), (["a", "b"], "'a'")])
def test_messages_show_labels_not_numpy_reprs(cancer, labels, shown):
    X, y = cancer
    one = np.full(len(y), labels[0], dtype=np.asarray(labels).dtype)
    with pytest.raises(ValueError, match=rf"only 1 class: {shown}$"):
        LogisticRegression().fit(X, one)
    two = np.where(y == 1, labels[1], labels[0])
    with pytest.raises(ValueError, match=rf"only class {shown} has one$"):
        LogisticRegression().fit(X, two, sample_weight=(y == 0).astype(float))

def test_unfitted_and_wrong_width(cancer):
    X, y = cancer
    with pytest.raises(NotFittedError):
        LogisticRegression().predict(X)
    clf = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="30 features"):
        clf.predict(X[:, :5])


def test_feature_names_from_a_dataframe(cancer):
    pd = pytest.importorskip("pandas")
    X, y = cancer
    df = pd.DataFrame(X, columns=[f"f{j}" for j in range(30)])
    clf = LogisticRegression().fit(df, y)
    assert list(clf.feature_names_in_) == list(df.columns)


# ---------------------------------------------------------------------------
# Convergence warnings, C = inf


@pytest.mark.parametrize("solver", ["newton", "gd", "sgd"])
def test_C_inf_on_separable_data_warns_and_stays_finite(solver):
    X, y = separable()
    max_iter = 100 if solver == "newton" else 20
    clf = LogisticRegression(C=np.inf, solver=solver, max_iter=max_iter,
                             random_state=0)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        clf.fit(X, y)
    assert clf.n_iter_[0] == max_iter
    assert np.all(np.isfinite(clf.coef_)) and np.all(np.isfinite(clf.intercept_))
    assert clf.score(X, y) >= 0.95


def test_too_few_iterations_warn(cancer):
    X, y = cancer
    with pytest.warns(ConvergenceWarning, match="max_iter=2"):
        clf = LogisticRegression(max_iter=2).fit(X, y)
    assert clf.n_iter_[0] == 2


def test_sgd_is_reproducible(cancer):
    X, y = cancer
    kw = dict(solver="sgd", max_iter=3, random_state=42)
    with pytest.warns(ConvergenceWarning):
        a = LogisticRegression(**kw).fit(X, y)
    with pytest.warns(ConvergenceWarning):
        b = LogisticRegression(**kw).fit(X, y)
    np.testing.assert_array_equal(a.coef_, b.coef_)
    np.testing.assert_array_equal(a.loss_history_, b.loss_history_)


# ---------------------------------------------------------------------------
# Parameters


@pytest.mark.parametrize(
    "params, name",
    [
        (dict(solver="foo"), "solver"),
        (dict(solver=None), "solver"),
        (dict(C=0.0), "C"),
        (dict(C=-1.0), "C"),
        (dict(C=np.nan), "C"),
        (dict(C="1"), "C"),
        (dict(max_iter=0), "max_iter"),
        (dict(max_iter=10.0), "max_iter"),
        (dict(tol=-1e-3), "tol"),
        (dict(batch_size=0), "batch_size"),
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(learning_rate=-0.1), "learning_rate"),
        (dict(fit_intercept="yes"), "fit_intercept"),
        (dict(random_state=-1), "random_state"),
        (dict(random_state="x"), "random_state"),
        (dict(random_state=np.random.SeedSequence(0)), "random_state"),
        (dict(solver="Newton"), "solver"),
    ],
)
def test_bad_parameters_are_named_in_fit(params, name, cancer):
    X, y = cancer
    clf = LogisticRegression(**params)  # the constructor only stores them
    assert clf.get_params()[next(iter(params))] is next(iter(params.values()))
    with pytest.raises(ValueError, match=rf"^{name} must"):
        clf.fit(X, y)


@pytest.mark.parametrize("params, match", [
    (dict(solver="foo"), r"^solver must be one of 'newton', 'gd', 'sgd'; got 'foo'$"),
    (dict(random_state=-1), r"^random_state must be None, an int >= 0, a "
                            r"numpy\.random\.Generator or a numpy\.random\.RandomState; "
                            r"got -1$"),
])
def test_bad_option_messages_list_what_is_allowed(params, match, cancer):
    X, y = cancer
    with pytest.raises(ValueError, match=match):
        LogisticRegression(**params).fit(X, y)


def test_defaults():
    clf = LogisticRegression()
    assert clf.get_params() == dict(
        C=1.0, solver="newton", fit_intercept=True, max_iter=100, tol=1e-8,
        learning_rate=None, batch_size=32, random_state=None,
    )


# ---------------------------------------------------------------------------
# The scikit-learn ecosystem


def test_clone_pipeline_cross_val_score_grid_search():
    X, y = load_breast_cancer(return_X_y=True)
    clf = LogisticRegression(C=0.5)
    copy = clone(clf)
    assert copy is not clf and copy.get_params() == clf.get_params()

    pipe = make_pipeline(StandardScaler(), LogisticRegression())
    scores = cross_val_score(pipe, X, y, cv=3)
    assert scores.shape == (3,) and scores.min() > 0.93

    grid = GridSearchCV(pipe, {"logisticregression__C": [0.01, 1.0]}, cv=3)
    grid.fit(X, y)
    assert grid.best_params_["logisticregression__C"] in (0.01, 1.0)
    assert grid.score(X, y) > 0.95


def test_import_bce_does_not_import_sklearn():
    code = (
        "import sys, bce\n"
        "assert 'sklearn' not in sys.modules, 'import bce loaded sklearn'\n"
        "assert 'LogisticRegression' in bce.__all__\n"
        "cls = bce.LogisticRegression\n"
        "assert 'sklearn' in sys.modules and cls.__module__ == 'bce.model'\n"
        "try:\n"
        "    bce.no_such_name\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_huge_sample_weights_give_a_vanishing_penalty():
    """l2 = 1 / (C sum(sw)) with sum(sw) beyond float64: no overflow, l2 -> 0."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 3))
    y = (X[:, 0] + rng.normal(size=80) > 0).astype(int)
    unpenalized = LogisticRegression(C=np.inf).fit(X, y)
    big = LogisticRegression(C=1.0).fit(X, y, sample_weight=np.full(80, 5e306))
    np.testing.assert_allclose(big.coef_, unpenalized.coef_, rtol=0, atol=1e-8)
    assert big.intercept_[0] == pytest.approx(unpenalized.intercept_[0], abs=1e-8)


# ---------------------------------------------------------------------------
# Defects found by trying bad inputs (each test fails on the code before)


def small_problem(n=40, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    return X, (X[:, 0] + rng.normal(size=n) > 0).astype(int)


def test_fit_and_predict_refuse_masked_arrays():
    X, y = small_problem()
    Xm = np.ma.masked_array(X, mask=np.zeros_like(X, dtype=bool))
    Xm.mask[0, 0] = True  # the old fit used the hidden value
    with pytest.raises(TypeError, match="not a masked array"):
        LogisticRegression().fit(Xm, y)
    clf = LogisticRegression().fit(X, y)
    with pytest.raises(TypeError, match="not a masked array"):
        clf.predict(Xm)


def test_fit_refuses_dates():
    X, y = small_problem()
    days = np.datetime64("2020-01-01") + np.arange(40).reshape(-1, 1)
    with pytest.raises(TypeError, match="date or time dtype"):
        LogisticRegression().fit(days, y)


@pytest.mark.parametrize("C, sample_weight, what", [
    (1e-320, None, r"C \* n"),
    (1.0, 1e-320, r"C \* sum\(sample_weight\)"),
])
def test_a_penalty_that_overflows_is_named(C, sample_weight, what):
    X, y = small_problem()
    sw = None if sample_weight is None else np.full(40, sample_weight)
    with pytest.raises(ValueError, match=rf"penalty 1 / \({what}\) overflows"):
        LogisticRegression(C=C).fit(X, y, sample_weight=sw)


def test_huge_features_converge_like_standard_ones():
    X, y = small_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no ConvergenceWarning
        small = LogisticRegression(C=np.inf).fit(X, y)
        huge = LogisticRegression(C=np.inf).fit(X * 1e12, y)
    assert huge.n_iter_[0] <= small.n_iter_[0] + 1
    np.testing.assert_allclose(huge.coef_ * 1e12, small.coef_, rtol=1e-8)


def test_predict_rows_whose_logit_overflows_are_refused_by_name():
    # z = 2e308 - 1.9e308 = 1e307 > 0, but X @ w overflows on the way
    # (inf - inf = NaN): once, that predicted the other class with a
    # RuntimeWarning; the boundary now names the cause instead
    X, y = small_problem()
    clf = LogisticRegression().fit(X, y)
    clf.coef_ = np.array([[2.0, 1.9]])
    clf.intercept_ = np.array([0.0])
    rows = np.array([[1e308, -1e308], [-1e308, 1e308]])
    for method in (clf.decision_function, clf.predict, clf.predict_proba):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match="X is too large in magnitude"):
                method(rows)
    # rows of ordinary size next to them are unaffected
    z = clf.decision_function(np.array([[1.0, -1.0]]))
    np.testing.assert_allclose(z, [0.1], rtol=1e-12)


@pytest.mark.parametrize("max_iter", [100, 1000])
def test_no_minimizer_is_reported_whatever_max_iter(max_iter):
    # C = inf, 1-D data separated at 0 with one row of each class at 0
    # (quasi-complete separation): the old fit stopped at w = 710 at
    # max_iter = 1000 and reported convergence
    X = np.array([[-2.0], [-1.0], [0.0], [0.0], [1.0], [2.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    with pytest.warns(ConvergenceWarning, match="no minimizer") as record:
        LogisticRegression(C=np.inf, max_iter=max_iter).fit(X, y)
    assert "use l2 > 0 (C < inf)" in str(record[0].message)
    assert "Increase max_iter" not in str(record[0].message)
