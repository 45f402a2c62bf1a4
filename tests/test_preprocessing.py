"""Tests of bce/preprocessing.py: StandardScaler and OneHotEncoder.

Both are compared with their scikit-learn namesakes on random data, run
through scikit-learn's own estimator checks, and used in a ``Pipeline``
with ``bce.LogisticRegression``.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn import preprocessing as skp
from sklearn.base import clone
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.utils.estimator_checks import parametrize_with_checks

from bce import LogisticRegression
from bce.preprocessing import OneHotEncoder, StandardScaler

few = settings(max_examples=40, deadline=None)


# ---------------------------------------------------------------------------
# scikit-learn's estimator checks


@parametrize_with_checks([StandardScaler(), StandardScaler(with_mean=False),
                          OneHotEncoder(), OneHotEncoder(drop=None)])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


# ---------------------------------------------------------------------------
# StandardScaler


@st.composite
def real_matrix(draw):
    """(n, d) float matrices on mixed scales, some columns constant."""
    n = draw(st.integers(1, 30))
    d = draw(st.integers(1, 4))
    X = draw(hnp.arrays(np.float64, (n, d),
                        elements=st.floats(-1e3, 1e3, allow_subnormal=False)))
    scale = draw(hnp.arrays(np.float64, d, elements=st.sampled_from(
        [1e-6, 1.0, 1e4])))
    X = X * scale
    constant = draw(hnp.arrays(bool, d))
    X[:, constant] = X[0, constant]  # constant columns (any value)
    return X


@few
@given(real_matrix(), st.booleans(), st.booleans())
def test_scaler_equals_sklearn(X, with_mean, with_std):
    ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    ref = skp.StandardScaler(with_mean=with_mean, with_std=with_std).fit(X)
    for name in ("mean_", "var_", "scale_"):
        a, b = getattr(ours, name), getattr(ref, name)
        assert (a is None) == (b is None), name
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=0, err_msg=name)
    assert ours.n_samples_seen_ == ref.n_samples_seen_
    assert ours.n_features_in_ == X.shape[1]
    Z = ours.transform(X)
    assert Z.dtype == np.float64 and Z.shape == X.shape
    np.testing.assert_allclose(Z, ref.transform(X), rtol=1e-12, atol=1e-12)
    # inverse_transform undoes transform (to rounding, relative to |X|)
    back = ours.inverse_transform(Z)
    np.testing.assert_allclose(back, X, rtol=1e-12,
                               atol=1e-12 * (np.max(np.abs(X)) + 1))
    np.testing.assert_allclose(back, ref.inverse_transform(Z), rtol=1e-12,
                               atol=1e-12)


def test_scaler_by_hand():
    X = np.array([[1.0, 10.0, 7.0], [3.0, 30.0, 7.0], [5.0, 20.0, 7.0]])
    scaler = StandardScaler().fit(X)
    np.testing.assert_array_equal(scaler.mean_, [3.0, 20.0, 7.0])
    # population variance (divisor n = 3): (4 + 0 + 4)/3 and (100 + 100)/3
    np.testing.assert_allclose(scaler.var_, [8 / 3, 200 / 3, 0.0])
    # the constant column gets scale 1 (not 0), so it maps to zeros
    np.testing.assert_allclose(scaler.scale_, [np.sqrt(8 / 3),
                                               np.sqrt(200 / 3), 1.0])
    Z = scaler.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(Z.std(axis=0), [1.0, 1.0, 0.0])
    assert np.all(np.isfinite(Z))


def test_column_constant_up_to_rounding_gets_scale_1():
    # values one or two ulp apart: sigma ~ 8e-16 is rounding noise, within
    # the two-pass error bound, so the scale is 1 (as in scikit-learn);
    # dividing by sigma would blow the noise up to values near +-1
    X = 3.7 * np.array([[1.0], [1.0 + 2**-52], [1.0], [1.0 + 2**-51]])
    scaler = StandardScaler().fit(X)
    assert 0 < scaler.var_[0] < 1e-30
    assert scaler.scale_[0] == 1.0 == skp.StandardScaler().fit(X).scale_[0]
    assert np.max(np.abs(scaler.transform(X))) < 1e-14


def test_scaler_does_not_modify_its_input():
    X = np.arange(6.0).reshape(3, 2)
    before = X.copy()
    scaler = StandardScaler().fit(X)
    scaler.inverse_transform(scaler.transform(X))
    np.testing.assert_array_equal(X, before)


def test_scaler_keeps_feature_names():
    df = pd.DataFrame({"age": [20.0, 40.0, 60.0], "dose": [1.0, 2.0, 4.0]})
    scaler = StandardScaler().fit(df)
    assert scaler.feature_names_in_.tolist() == ["age", "dose"]
    assert scaler.get_feature_names_out().tolist() == ["age", "dose"]


def test_scaler_errors():
    with pytest.raises(NotFittedError):
        StandardScaler().transform([[1.0]])
    with pytest.raises(ValueError, match="NaN"):
        StandardScaler().fit([[1.0], [np.nan]])
    with pytest.raises(ValueError, match="2D array"):
        StandardScaler().fit([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="with_mean must be True or False"):
        StandardScaler(with_mean="yes").fit([[1.0], [2.0]])
    scaler = StandardScaler().fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match="features"):
        scaler.transform(np.ones((3, 3)))


# ---------------------------------------------------------------------------
# OneHotEncoder


@st.composite
def categorical_matrix(draw):
    """(n, d) object arrays: each column holds ints or strings."""
    n = draw(st.integers(1, 25))
    d = draw(st.integers(1, 3))
    columns = []
    for _ in range(d):
        pool = draw(st.sampled_from([[3, 1, 2, 7], ["b", "a", "c", "zz"],
                                     [0, 1]]))
        k = draw(st.integers(1, len(pool)))
        columns.append(draw(st.lists(st.sampled_from(pool[:k]), min_size=n,
                                     max_size=n)))
    X = np.empty((n, d), dtype=object)
    for j, column in enumerate(columns):
        X[:, j] = column
    return X


@few
@given(categorical_matrix(), st.sampled_from(["first", None]))
def test_encoder_equals_sklearn(X, drop):
    ours = OneHotEncoder(drop=drop).fit(X)
    ref = skp.OneHotEncoder(drop=drop, sparse_output=False).fit(X)
    assert len(ours.categories_) == len(ref.categories_)
    for a, b in zip(ours.categories_, ref.categories_):
        assert a.tolist() == b.tolist()
    E = ours.transform(X)
    assert E.dtype == np.float64 and isinstance(E, np.ndarray)
    np.testing.assert_array_equal(E, ref.transform(X))
    assert ours.get_feature_names_out().tolist() == \
        ref.get_feature_names_out().tolist()
    names = [f"f{j}" for j in range(X.shape[1])]
    assert ours.get_feature_names_out(names).tolist() == \
        ref.get_feature_names_out(names).tolist()


def test_encoder_by_hand():
    X = np.array([["red", "S"], ["green", "M"], ["blue", "S"], ["green", "L"]])
    enc = OneHotEncoder().fit(X)
    assert [c.tolist() for c in enc.categories_] == [["blue", "green", "red"],
                                                     ["L", "M", "S"]]
    np.testing.assert_array_equal(enc.drop_idx_, [0, 0])
    # blue and L are the reference levels: all zeros in their block
    np.testing.assert_array_equal(enc.transform(X), [[0, 1, 0, 1],
                                                     [1, 0, 1, 0],
                                                     [0, 0, 0, 1],
                                                     [1, 0, 0, 0]])
    assert enc.get_feature_names_out().tolist() == ["x0_green", "x0_red",
                                                    "x1_M", "x1_S"]
    full = OneHotEncoder(drop=None).fit_transform(X)
    assert full.shape == (4, 6) and enc.fit(X).drop is not None
    np.testing.assert_array_equal(full.sum(axis=1), 2.0)  # one 1 per feature
    assert OneHotEncoder(drop=None).fit(X).drop_idx_ is None


def test_why_drop_first_is_the_default():
    # with the intercept's column of ones, a full one-hot design is
    # collinear (its indicator columns sum to that column): X~^T X~ is singular
    rng = np.random.default_rng(0)
    X = rng.choice(["a", "b", "c"], size=(50, 2))
    ones = np.ones((50, 1))
    full = np.hstack([OneHotEncoder(drop=None).fit_transform(X), ones])
    dropped = np.hstack([OneHotEncoder().fit_transform(X), ones])
    assert np.linalg.matrix_rank(full) == full.shape[1] - 2  # one per feature
    assert np.linalg.matrix_rank(dropped) == dropped.shape[1]
    assert np.linalg.cond(full.T @ full) > 1e15
    assert np.linalg.cond(dropped.T @ dropped) < 1e3


def test_single_category_column_gives_no_indicator_with_drop_first():
    X = np.array([["a", 1], ["a", 2]], dtype=object)
    assert OneHotEncoder().fit_transform(X).shape == (2, 1)
    assert OneHotEncoder(drop=None).fit_transform(X).shape == (2, 3)


def test_encoder_with_a_dataframe():
    df = pd.DataFrame({"color": ["r", "g", "r"], "size": [1, 2, 2]})
    enc = OneHotEncoder().fit(df)
    assert enc.get_feature_names_out().tolist() == ["color_r", "size_2"]
    np.testing.assert_array_equal(enc.transform(df), [[1, 0], [0, 1], [1, 1]])


def test_unknown_category_is_a_clear_error():
    enc = OneHotEncoder().fit(np.array([["a", "x"], ["b", "y"]]))
    with pytest.raises(ValueError, match=r"unknown categories \['c'\] in column 0"):
        enc.transform(np.array([["c", "x"]]))
    with pytest.raises(ValueError, match=r"unknown categories \['z'\] in column 1"):
        enc.transform(np.array([["a", "z"]]))


_AB = np.array([["a"], ["b"]])


@pytest.mark.parametrize("call, error, match", [
    (lambda: OneHotEncoder(drop="last").fit(_AB), ValueError,
     r"^drop must be 'first' or None; got 'last'$"),
    (lambda: OneHotEncoder(handle_unknown="ignore").fit(_AB), ValueError,
     r"^handle_unknown must be 'error' \(the only option\); got 'ignore'$"),
    (lambda: OneHotEncoder().transform(_AB), NotFittedError, "not fitted"),
    (lambda: OneHotEncoder().fit(np.array([["a"], [None]], dtype=object)),
     ValueError, r"^X must not contain missing values \(None\)$"),
    (lambda: OneHotEncoder().fit(np.array([[1.0], [np.nan]])), ValueError,
     "contains NaN"),  # scikit-learn's validate_data refuses NaN and inf
    (lambda: OneHotEncoder().fit(np.array([["2020-01-01"]], dtype="datetime64[D]")),
     TypeError, "^X must hold numbers or strings as categories; got dtype datetime64"),
    (lambda: OneHotEncoder().fit(np.array([["a"], [1]], dtype=object)), TypeError,
     "^column 0 of X mixes categories of types that cannot be sorted"),
    (lambda: OneHotEncoder().fit(_AB).transform(np.array([["a", "b"]])), ValueError,
     "features"),
    (lambda: OneHotEncoder().fit(_AB).transform(np.array([[1]], dtype=object)),
     TypeError, r"^column 0 of X holds categories of a type \(object\) that cannot "
     "be compared with those seen in fit"),
    (lambda: OneHotEncoder().fit(_AB).transform(np.array([["c"]])), ValueError,
     r"^Found unknown categories \['c'\] in column 0 \('x0'\)"),
    (lambda: OneHotEncoder().fit(_AB).get_feature_names_out(["u", "v"]), ValueError,
     r"^input_features should have length equal to the number of features \(1\), "
     "got 2$"),
    (lambda: OneHotEncoder().fit(pd.DataFrame({"c": ["a", "b"]}))
     .get_feature_names_out(["z"]), ValueError,
     r"^input_features is not equal to feature_names_in_: \['z'\] != \['c'\]$"),
], ids=["drop", "handle_unknown", "not_fitted", "None", "NaN", "dates",
        "mixed_column", "width", "type_in_transform", "unknown", "names_length",
        "names_differ"])
def test_encoder_refusals(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ---------------------------------------------------------------------------
# In scikit-learn's machinery


@pytest.mark.parametrize("estimator", [StandardScaler(with_std=False),
                                       OneHotEncoder(drop=None)])
def test_clone_and_params(estimator):
    copy = clone(estimator)
    assert copy is not estimator
    assert copy.get_params() == estimator.get_params()
    assert StandardScaler().get_params() == {"with_mean": True, "with_std": True}
    assert OneHotEncoder().get_params() == {"drop": "first",
                                            "handle_unknown": "error"}


def test_pipeline_with_logistic_regression():
    X, y = load_breast_cancer(return_X_y=True)
    ours = make_pipeline(StandardScaler(), LogisticRegression(C=1.0)).fit(X, y)
    ref = make_pipeline(skp.StandardScaler(), SkLogisticRegression(
        C=1.0, solver="newton-cholesky", tol=1e-10)).fit(X, y)
    np.testing.assert_allclose(ours[-1].coef_, ref[-1].coef_, atol=1e-6)
    np.testing.assert_allclose(ours.predict_proba(X), ref.predict_proba(X),
                               atol=1e-8)
    assert ours.score(X, y) == ref.score(X, y)
    assert clone(ours).get_params()["standardscaler__with_mean"] is True


def test_column_transformer_with_both():
    rng = np.random.default_rng(0)
    n = 200
    df = pd.DataFrame({"age": rng.normal(50, 10, n),
                       "group": rng.choice(["a", "b", "c"], n)})
    logit = 0.08 * (df["age"] - 50) + df["group"].map({"a": -1, "b": 0, "c": 1})
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

    def pipe(scaler, encoder, model):
        return make_pipeline(ColumnTransformer([("num", scaler, ["age"]),
                                                ("cat", encoder, ["group"])]),
                             model)

    ours = pipe(StandardScaler(), OneHotEncoder(),
                LogisticRegression(C=np.inf)).fit(df, y)
    ref = pipe(skp.StandardScaler(),
               skp.OneHotEncoder(drop="first", sparse_output=False),
               SkLogisticRegression(C=np.inf, solver="newton-cholesky",
                                    tol=1e-10)).fit(df, y)
    np.testing.assert_allclose(ours[-1].coef_, ref[-1].coef_, atol=1e-6)
    assert ours[0].get_feature_names_out().tolist() == [
        "num__age", "cat__group_b", "cat__group_c"]
