"""Tests of bce/datasets.py: the synthetic generator and the breast-cancer data."""

import subprocess
import sys

import numpy as np
import pytest
import sklearn.datasets
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from bce import LogisticRegression
from bce.datasets import SEPARABLE_MARGIN, load_breast_cancer, make_two_class

few = settings(max_examples=30, deadline=None)


def linearly_separable(X, y):
    """Hard-margin certificate: is there (w, b) with (2y-1)(Xw + b) >= 1?

    A feasibility linear program, independent of how the data were made.
    """
    sign = 2.0 * y - 1.0
    A = -sign[:, None] * np.column_stack([X, np.ones(len(y))])
    res = linprog(np.zeros(X.shape[1] + 1), A_ub=A, b_ub=-np.ones(len(y)),
                  bounds=(None, None), method="highs")
    return res.status == 0  # 0: feasible, 2: infeasible


def diagonal(d):
    return np.full(d, 1 / np.sqrt(d))


# ---------------------------------------------------------------------------
# make_two_class


@few
@given(st.integers(2, 300), st.integers(1, 5), st.floats(0, 10),
       st.booleans(), st.integers(0, 2**32 - 1))
def test_shapes_types_balance_and_seed(n, d, s, separable, seed):
    X, y = make_two_class(n, d, separation=s, separable=separable,
                          random_state=seed)
    assert X.shape == (n, d) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert set(np.unique(y).tolist()) == {0, 1}
    assert y.sum() == n // 2
    assert np.all(np.isfinite(X))
    X2, y2 = make_two_class(n, d, separation=s, separable=separable,
                            random_state=seed)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)


@few
@given(st.integers(2, 300), st.integers(1, 5), st.floats(0, 50),
       st.integers(0, 2**32 - 1))
def test_separable_data_respect_the_margin(n, d, s, seed):
    X, y = make_two_class(n, d, separation=s, separable=True, random_state=seed)
    # every sample on its class's side of u.x = 0, at distance >= the margin
    assert np.min((2 * y - 1) * (X @ diagonal(d))) >= SEPARABLE_MARGIN


@pytest.mark.parametrize("s", [0.0, 1.0, 3.0])
@pytest.mark.parametrize("d", [1, 2, 5])
def test_separable_data_pass_a_hard_margin_check(s, d):
    X, y = make_two_class(300, d, separation=s, separable=True, random_state=7)
    assert linearly_separable(X, y)
    # and a (nearly) unpenalized logistic regression classifies them all
    model = LogisticRegression(C=1e4, max_iter=200).fit(X, y)
    assert model.score(X, y) == 1.0


def test_overlapping_classes_are_not_separable():
    X, y = make_two_class(300, 2, separation=1.0, random_state=7)
    assert not linearly_separable(X, y)


def test_same_seed_same_data_different_seed_different_data():
    a = make_two_class(50, random_state=3)
    b = make_two_class(50, random_state=np.random.default_rng(3))
    c = make_two_class(50, random_state=4)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])
    # a RandomState is accepted too, and advances
    rs = np.random.RandomState(0)
    assert not np.array_equal(make_two_class(10, random_state=rs)[0],
                              make_two_class(10, random_state=rs)[0])


def test_class_means_and_covariance():
    s, d = 3.0, 3
    X, y = make_two_class(40_000, d, separation=s, random_state=0)
    u = diagonal(d)
    # standard error of a mean over 20000 samples: 0.007
    np.testing.assert_allclose(X[y == 1].mean(axis=0), s / 2 * u, atol=0.04)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), -s / 2 * u, atol=0.04)
    np.testing.assert_allclose(np.cov(X[y == 1].T), np.eye(d), atol=0.05)


def test_the_true_model_is_logistic_with_w_equal_s_u():
    # P(y=1|x) = sigmoid(s u.x): an unpenalized fit recovers w* = s u, b* = 0
    s, d = 2.0, 2
    X, y = make_two_class(20_000, d, separation=s, random_state=1)
    model = LogisticRegression(C=np.inf).fit(X, y)
    np.testing.assert_allclose(model.coef_[0], s * diagonal(d), atol=0.1)
    assert abs(model.intercept_[0]) < 0.05
    # the Bayes accuracy is Phi(s/2) = 0.841 for s = 2
    assert model.score(X, y) == pytest.approx(0.841, abs=0.01)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(n_samples=1), ValueError, "n_samples must be an integer >= 2"),
        (dict(n_samples=10.0), TypeError, "n_samples must be an integer"),
        (dict(n_samples=True), TypeError, "n_samples"),
        (dict(n_features=0), ValueError, "n_features must be an integer >= 1"),
        (dict(separation=-1.0), ValueError, "separation must be a finite"),
        (dict(separation=np.nan), ValueError, "separation must be a finite"),
        (dict(separation=np.inf), ValueError, "separation must be a finite"),
        (dict(separation="2"), TypeError, "separation must be a real"),
        (dict(separable="yes"), TypeError, "separable must be True or False"),
        (dict(random_state=-1), ValueError, "random_state"),
        (dict(random_state="seed"), TypeError, "random_state"),
    ],
)
def test_make_two_class_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        make_two_class(**kwargs)


# ---------------------------------------------------------------------------
# load_breast_cancer


def test_breast_cancer():
    X, y = load_breast_cancer()
    assert X.shape == (569, 30) and X.dtype == np.float64
    assert y.shape == (569,) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [212, 357]  # malignant, benign
    ref = sklearn.datasets.load_breast_cancer()
    np.testing.assert_array_equal(X, ref.data)
    np.testing.assert_array_equal(y, ref.target)


def test_breast_cancer_feature_names():
    X, y, names = load_breast_cancer(return_feature_names=True)
    assert isinstance(names, list) and len(names) == X.shape[1] == 30
    assert all(isinstance(name, str) for name in names)
    assert names[0] == "mean radius" and names[-1] == "worst fractal dimension"
    with pytest.raises(TypeError, match="return_feature_names"):
        load_breast_cancer(return_feature_names="yes")


def test_import_is_light():
    # bce.datasets adds no scikit-learn or SciPy module to what bce imports
    code = ("import sys, bce; before = set(sys.modules); import bce.datasets; "
            "new = set(sys.modules) - before; "
            "print(any(m.split('.')[0] in ('sklearn', 'scipy') for m in new))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == "False"
