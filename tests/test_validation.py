"""Tests of bce/validation.py helpers not reached through the public functions."""

import re

import numpy as np
import pytest

import bce.datasets
import bce.validation as v


def test_datasets_uses_the_shared_helpers():
    assert bce.datasets._check_int is v._check_int
    assert bce.datasets._as_generator is v._as_generator


@pytest.mark.parametrize("value", [10.0, True, "3", None])
def test_check_int_wrong_type_is_both_type_and_value_error(value):
    # the estimator reports bad parameters as ValueError (scikit-learn),
    # the dataset functions as TypeError: one helper serves both
    with pytest.raises(TypeError, match="n must be an integer >= 1"):
        v._check_int(value, "n", 1)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        v._check_int(value, "n", 1)


def test_check_int_range_and_value():
    with pytest.raises(ValueError, match="n must be an integer >= 2; got 1"):
        v._check_int(1, "n", 2)
    assert v._check_int(np.int64(5), "n", 2) == 5
    assert type(v._check_int(np.int64(5), "n", 2)) is int


@pytest.mark.parametrize("seed", [0, 7, np.int64(3)])
def test_as_generator_from_an_int_is_seeded(seed):
    a = v._as_generator(seed).random(3)
    np.testing.assert_array_equal(a, np.random.default_rng(seed).random(3))


def test_as_generator_accepts_numpy_sources():
    g = np.random.default_rng(1)
    assert v._as_generator(g) is g
    assert isinstance(v._as_generator(None), np.random.Generator)
    assert isinstance(v._as_generator(np.random.SeedSequence(1)), np.random.Generator)
    assert isinstance(v._as_generator(np.random.PCG64(1)), np.random.Generator)
    rs = np.random.RandomState(0)
    assert not np.array_equal(v._as_generator(rs).random(3), v._as_generator(rs).random(3))


@pytest.mark.parametrize("bad", ["seed", 1.5, True])
def test_as_generator_wrong_type(bad):
    with pytest.raises(TypeError, match="random_state must be None, an int >= 0"):
        v._as_generator(bad)
    with pytest.raises(ValueError, match="random_state must be None, an int >= 0"):
        v._as_generator(bad)


def test_as_generator_negative_seed():
    with pytest.raises(ValueError, match=r"random_state must be an int >= 0; got -1"):
        v._as_generator(-1)


def test_as_float_array_returns_a_plain_ndarray():
    with pytest.warns(PendingDeprecationWarning):
        M = np.matrix([[1, 2], [3, 4]])
    arr = v.as_float_array(M, "X")
    assert type(arr) is np.ndarray and arr.dtype == np.float64
    x = np.arange(3.0)
    assert v.as_float_array(x, "x") is x  # no copy of a float64 array


def test_as_float_array_refuses_masked_arrays():
    with pytest.raises(TypeError, match="w must be a plain array, not a masked array"):
        v.as_float_array(np.ma.masked_array([1.0, 2.0], mask=[0, 1]), "w")


# ---------------------------------------------------------------------------
# check_bool: an option is True or False, never read by its truthiness


@pytest.mark.parametrize("value", ["False", "no", 0, 1, 1.0, None, [], np.array(True)])
def test_check_bool_refuses_anything_but_a_bool(value):
    with pytest.raises(v.InvalidParameterError,
                       match=r"flag must be True or False \(a bool\)"):
        v.check_bool(value, "flag")


@pytest.mark.parametrize("value", [True, False, np.True_, np.False_])
def test_check_bool_returns_a_python_bool(value):
    out = v.check_bool(value, "flag")
    assert type(out) is bool and out == bool(value)


# ---------------------------------------------------------------------------
# l2_from_C: lambda = 1 / (C sum(v)), or a named error where it overflows


@pytest.mark.parametrize("C, n, sw, expected", [
    (1.0, 40, None, 1 / 40),
    (0.5, 10, None, 1 / 5),
    (np.inf, 10, None, 0.0),
    (1.0, 3, np.array([1.0, 2.0, 5.0]), 1 / 8),
    (1e-300, 3, np.array([1e300, 1e300, 2e300]), 1 / 4),  # sum of sw: 4e300
    (1.0, 2, np.array([1e308, 1e308]), 1 / 2e308),  # sum overflows; lambda not
])
def test_l2_from_C(C, n, sw, expected):
    assert v.l2_from_C(C, n, sw) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize("C, n, sw, what", [
    (1e-320, 40, None, r"C \* n"),
    (1.0, 40, np.full(40, 1e-320), r"C \* sum\(sample_weight\)"),
    (1e-300, 2, np.array([1e-10, 1e-10]), r"C \* sum\(sample_weight\)"),
])
def test_l2_from_C_names_an_overflowing_penalty(C, n, sw, what):
    with pytest.raises(ValueError, match=rf"penalty 1 / \({what}\) overflows"):
        v.l2_from_C(C, n, sw)


# ---------------------------------------------------------------------------
# check_estimator_input: what validate_data would convert silently


def test_check_estimator_input_refuses_masked_and_dates():
    X = np.ma.masked_array(np.ones((3, 2)), mask=[[1, 0], [0, 0], [0, 0]])
    with pytest.raises(TypeError, match="X must be a plain array"):
        v.check_estimator_input(X)
    dates = np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")
    for bad in (dates.reshape(-1, 1), (dates - dates[0]).reshape(-1, 1)):
        with pytest.raises(TypeError, match="X must hold real numbers; got a date"):
            v.check_estimator_input(bad)


def test_check_estimator_input_reads_dataframe_columns():
    import pandas as pd
    good = pd.DataFrame({"a": [1.0, 2.0], "b": [3, 4]})
    v.check_estimator_input(good)  # no error
    v.check_estimator_input([[1.0, 2.0]])  # a list: validate_data's job
    bad = good.assign(when=pd.to_datetime(["2020-01-01", "2020-01-02"]))
    with pytest.raises(TypeError, match="date or time dtype"):
        v.check_estimator_input(bad)


# ---------------------------------------------------------------------------
# The checkers that the entry points of datasets, numdiff, symbolic, model,
# preprocessing, distributed and plotting call: one refusal table each. A
# row names the argument and what was expected, so it fails if the check
# is removed (the call would then succeed, or fail later with another
# message).


@pytest.mark.parametrize("value, kwargs, error, match", [
    ("2", {}, TypeError, r"^s must be a real number >= 0; got '2'$"),
    (True, {}, TypeError, "s must be a real number >= 0"),
    (None, {}, TypeError, "s must be a real number >= 0; got None"),
    (np.ones(2), {}, TypeError, "s must be a real number"),
    (np.array("1"), {}, TypeError, "s must be a real number"),
    (-1.0, {}, ValueError, r"^s must be a finite number >= 0; got -1.0$"),
    (np.nan, {}, ValueError, "s must be a finite number >= 0; got nan"),
    (np.inf, {}, ValueError, "s must be a finite number >= 0; got inf"),
    (0.0, dict(strict=True), ValueError, "s must be a finite number > 0; got 0.0"),
    ("h", dict(strict=True, allow_none=True, hint=" (the step h)"), TypeError,
     r"^s must be a real number > 0 \(the step h\) or None; got 'h'$"),
])
def test_check_number_refuses(value, kwargs, error, match):
    with pytest.raises(error, match=match):
        v.check_number(value, "s", **kwargs)


@pytest.mark.parametrize("value, kwargs, expected", [
    (2, {}, 2.0), (np.float32(0.5), {}, 0.5), (np.array(3), {}, 3.0),
    (0.0, {}, 0.0), (None, dict(allow_none=True), None),
])
def test_check_number_accepts(value, kwargs, expected):
    out = v.check_number(value, "s", **kwargs)
    assert out == expected and (out is None or type(out) is float)


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "2", None, np.int64(2)])
def test_check_positive_int_refuses(value):
    shown = re.escape(repr(value))
    with pytest.raises(ValueError, match=rf"^n must be a positive int, got {shown}$"):
        v.check_positive_int(value, "n")


@pytest.mark.parametrize("value, options, match", [
    ("last", ("first", None), r"^drop must be 'first' or None; got 'last'$"),
    (1, ("first", None), r"^drop must be 'first' or None; got 1$"),
    ("None", ("first", None), "drop must be 'first' or None; got 'None'"),
    ("ignore", ("error",), r"^drop must be 'error' \(the only option\); got 'ignore'$"),
    (None, ("error",), r"drop must be 'error' \(the only option\); got None"),
    ("lbfgs", ("newton", "gd", "sgd"),
     r"^drop must be one of 'newton', 'gd', 'sgd'; got 'lbfgs'$"),
])
def test_check_option_refuses(value, options, match):
    with pytest.raises(v.InvalidParameterError, match=match):
        v.check_option(value, "drop", options)


@pytest.mark.parametrize("value", ["first", np.str_("first"), None])
def test_check_option_accepts(value):
    assert v.check_option(value, "drop", ("first", None)) is value


@pytest.mark.parametrize("value", [-1, "x", 1.5, True, np.random.PCG64(0),
                                   np.random.SeedSequence(0)])
def test_check_random_state_refuses(value):
    with pytest.raises(v.InvalidParameterError,
                       match=r"^random_state must be None, an int >= 0, a numpy"):
        v.check_random_state(value)


@pytest.mark.parametrize("value", [None, 0, np.int64(7), np.random.default_rng(0),
                                   np.random.RandomState(0)])
def test_check_random_state_accepts(value):
    assert v.check_random_state(value) is value


@pytest.mark.parametrize("y, match", [
    (np.linspace(0, 1, 6), "Unknown label type"),  # scikit-learn's check
    (np.array([0, 1, 2, 0]), r"^Only binary classification is supported\. The "
                             "type of the target is multiclass"),
    (np.array([3, 3, 3]), r"exactly two classes; the data contain only 1 class: 3$"),
    (np.array(["a", "a"]), r"only 1 class: 'a'$"),
])
def test_check_two_classes_refuses(y, match):
    with pytest.raises(ValueError, match=match):
        v.check_two_classes(y)


def test_check_two_classes_returns_the_classes_and_0_1():
    classes, y01 = v.check_two_classes(np.array(["b", "a", "b"]))
    assert classes.tolist() == ["a", "b"]
    assert y01.dtype == np.float64 and y01.tolist() == [1.0, 0.0, 1.0]


@pytest.mark.parametrize("sw, match", [
    (np.array([0.0, 0.0, 1.0, 1.0]), r"positive sample_weight; only class 'b' has one$"),
    (np.array([2.0, 1.0, 0.0, 0.0]), r"positive sample_weight; only class 'a' has one$"),
])
def test_check_class_weights_refuses(sw, match):
    y01 = np.array([0.0, 0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=match):
        v.check_class_weights(sw, y01, np.array(["a", "b"]))


def test_check_class_weights_accepts():
    y01 = np.array([0.0, 1.0])
    v.check_class_weights(None, y01, np.array([0, 1]))
    v.check_class_weights(np.array([1.0, 1e-300]), y01, np.array([0, 1]))


@pytest.mark.parametrize("X, error, match", [
    (np.array([["a"], [None]], dtype=object), ValueError,
     r"^X must not contain missing values \(None\)$"),
    (np.array([["2020-01-01"]], dtype="datetime64[D]"), TypeError,
     r"^X must hold numbers or strings as categories; got dtype datetime64\[D\]$"),
    (np.array([[1 + 2j]]), TypeError, "numbers or strings as categories"),
])
def test_check_categorical_refuses(X, error, match):
    with pytest.raises(error, match=match):
        v.check_categorical(X)


def test_check_category_columns_refuses_a_mixed_column():
    X = np.array([["a", 1], ["b", "c"]], dtype=object)
    with pytest.raises(TypeError, match=r"^column 1 of X mixes categories of types"):
        v.check_category_columns(X)
    cats = v.check_category_columns(np.array([["b", 2], ["a", 1]], dtype=object))
    assert [c.tolist() for c in cats] == [["a", "b"], [1, 2]]


@pytest.mark.parametrize("X, error, match", [
    (np.array([["a", "z"]]), ValueError,
     r"^Found unknown categories \['z'\] in column 1 \('size'\) during transform"),
    (np.array([[1, "x"]], dtype=object), TypeError,
     r"^column 0 of X holds categories of a type \(object\) that cannot be compared"),
])
def test_check_known_categories_refuses(X, error, match):
    categories = [np.array(["a", "b"]), np.array(["x", "y"])]
    with pytest.raises(error, match=match):
        v.check_known_categories(X, categories, ["color", "size"])


def test_check_known_categories_returns_positions():
    codes = v.check_known_categories(np.array([["b", "x"], ["a", "y"]]),
                                     [np.array(["a", "b"]), np.array(["x", "y"])],
                                     ["c", "s"])
    assert [c.tolist() for c in codes] == [[1, 0], [0, 1]]


@pytest.mark.parametrize("features, fixed, match", [
    (["u"], False, r"^input_features should have length equal to the number of "
                   r"features \(2\), got 1$"),
    (["u", "v", "w"], True, r"number of features \(2\), got 3"),
    (["b", "a"], True, r"^input_features is not equal to feature_names_in_: "
                       r"\['b', 'a'\] != \['a', 'b'\]$"),
])
def test_check_input_features_refuses(features, fixed, match):
    with pytest.raises(ValueError, match=match):
        v.check_input_features(features, ["a", "b"], fixed)


def test_check_input_features_accepts():
    assert v.check_input_features(None, ["a", "b"], True) == ["a", "b"]
    assert v.check_input_features(["u", "v"], ["a", "b"], False) == ["u", "v"]
    assert v.check_input_features(np.array(["a", "b"]), ["a", "b"], True) == ["a", "b"]


def _square(t):
    return t @ t


@pytest.mark.parametrize("f, x, eps, direction, error, match", [
    (3.0, [1.0], None, None, TypeError,
     r"^f must be callable \(a function of x\); got float$"),
    (_square, [np.nan, 1.0], None, None, ValueError,
     r"^x must be finite: the point of evaluation has NaN or infinite entries$"),
    (_square, [np.inf], None, None, ValueError, "x must be finite"),
    (_square, ["a"], None, None, TypeError, "x must hold real numbers"),
    (_square, [1.0, 2.0], None, [1.0], ValueError,
     r"^v must have the shape of x, \(2,\); got \(1,\)$"),
    (_square, [1.0, 2.0], None, [np.nan, 0.0], ValueError,
     r"^v must be finite: the direction has NaN or infinite entries$"),
    (_square, [1.0], 0.0, None, ValueError, r"^eps must be a finite number > 0; got 0.0$"),
    (_square, [1.0], -1e-6, None, ValueError, "eps must be a finite number > 0"),
    (_square, [1.0], "1e-6", None, TypeError,
     r"^eps must be a real number > 0 \(the step h\) or None; got '1e-6'$"),
])
def test_check_difference_args_refuses(f, x, eps, direction, error, match):
    with pytest.raises(error, match=match):
        v.check_difference_args(f, x, eps, direction)


def test_check_difference_args_returns_checked_arrays():
    x, eps, direction = v.check_difference_args(_square, [1, 2], np.float32(0.5))
    assert x.dtype == np.float64 and eps == 0.5 and direction is None


@pytest.mark.parametrize("value, shape", [(np.zeros(2), r"\(2,\)"),
                                          (np.zeros((1, 1)), r"\(1, 1\)")])
def test_check_scalar_output_refuses(value, shape):
    with pytest.raises(ValueError, match=rf"^f must return a scalar for g; it returned "
                                         rf"shape {shape} \(use numerical_jacobian\)$"):
        v.check_scalar_output(value, "g")


# The chunked checkers read only ndim, shape and dtype (or reduce to one
# number), so NumPy arrays stand in for Dask arrays here; tests of
# bce.distributed call them with Dask arrays.

@pytest.mark.parametrize("X, y, error, match", [
    (np.zeros(3), np.zeros(3), ValueError,
     r"^X must be a 2-D array of shape \(n, d\); got shape \(3,\)$"),
    (np.zeros((3, 2)), np.zeros(2), ValueError,
     r"^y must have shape \(n,\) = \(3,\) to match the rows of X; got shape \(2,\)$"),
    (np.zeros((3, 2)), np.zeros((3, 1)), ValueError, r"y must have shape \(n,\) = \(3,\)"),
    (np.full((3, 2), "a"), np.zeros(3), TypeError, "^X and y must hold real numbers$"),
    (np.zeros((3, 2)), np.zeros(3, complex), TypeError, "X and y must hold real numbers"),
])
def test_check_row_chunked_refuses(X, y, error, match):
    with pytest.raises(error, match=match):
        v.check_row_chunked(X, y)


@pytest.mark.parametrize("X, y, w, b, match", [
    (np.zeros((0, 2)), np.zeros(0), np.zeros(2), 0.0,
     r"^X must have at least one row \(sample\); got shape \(0, 2\)$"),
    (np.zeros((2, 2)), np.array([0.0, 2.0]), np.zeros(2), 0.0,
     "^y must contain only the labels 0 and 1$"),
    (np.zeros((2, 2)), np.zeros(2), np.zeros(3), 0.0,
     r"^w must have shape \(d,\) = \(2,\), one weight per column of X; got shape \(3,\)$"),
    (np.zeros((2, 2)), np.zeros(2), np.array([np.nan, 0.0]), 0.0, "^w must be finite"),
    (np.zeros((2, 2)), np.zeros(2), np.zeros(2), np.inf, "^b must be finite"),
])
def test_check_chunked_design_refuses(X, y, w, b, match):
    with pytest.raises(ValueError, match=match):
        v.check_chunked_design(X, y, w, b)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_check_finite_sums_refuses(bad):
    with pytest.raises(ValueError, match=r"^X must be finite: z = X @ w \+ b is NaN "
                                         "or infinite in a block"):
        v.check_finite_sums((1.0, np.array([0.0, bad])))
    sums = (1.0, np.zeros(2))
    assert v.check_finite_sums(sums) is sums


@pytest.mark.parametrize("ax", ["axes", 0, object()])
def test_check_axes_refuses(ax):
    pytest.importorskip("matplotlib")
    with pytest.raises(TypeError, match=r"^ax must be a matplotlib Axes or None; got "):
        v.check_axes(ax)


@pytest.mark.parametrize("histories, error, match", [
    ({}, TypeError, r"^histories must be a non-empty dict from a run name"),
    ([1.0, 2.0], TypeError, r"non-empty dict .*; got list$"),
    ({"a": np.ones((2, 2))}, ValueError,
     r"^histories\['a'\] must be a non-empty 1-D array \(one value per iteration\); "
     r"got shape \(2, 2\)$"),
    ({"a": []}, ValueError, r"histories\['a'\] must be a non-empty 1-D array"),
    ({"a": ["x"]}, TypeError, r"^histories\['a'\] must hold real numbers"),
])
def test_check_histories_refuses(histories, error, match):
    with pytest.raises(error, match=match):
        v.check_histories(histories)


class _Proba:
    def predict_proba(self, X):
        return np.full((len(X), 2), 0.5)


@pytest.mark.parametrize("model, X, y, grid, error, match", [
    (_Proba(), np.zeros((5, 3)), np.zeros(5), 10, ValueError,
     r"^plot_decision_boundary draws 2-D data only: X must have shape \(n, 2\); "
     r"got shape \(5, 3\)"),
    (_Proba(), np.full((2, 2), np.nan), [0, 1], 10, ValueError,
     r"^X must be finite \(no NaN or inf\)$"),
    (_Proba(), np.zeros((2, 2)), [0, 1, 1], 10, ValueError,
     r"^y must have shape \(n,\) = \(2,\), one label per row of X; got shape \(3,\)$"),
    (_Proba(), np.zeros((2, 2)), [0, 1], 1, ValueError,
     r"^grid must be an integer >= 2; got 1$"),
    (_Proba(), np.zeros((2, 2)), [0, 1], 10.0, TypeError, "grid must be an integer >= 2"),
    (_Proba(), np.zeros((3, 2)), [0, 1, 2], 10, ValueError,
     r"^plot_decision_boundary is for two classes; y holds 3$"),
    (object(), np.zeros((2, 2)), [0, 1], 10, TypeError,
     r"^model must be a fitted classifier with predict_proba or decision_function; "
     r"got object$"),
])
def test_check_boundary_args_refuses(model, X, y, grid, error, match):
    with pytest.raises(error, match=match):
        v.check_boundary_args(model, X, y, grid)


@pytest.mark.parametrize("y_true, shown", [([1, 1, 1], r"\[1\]"), (["a"], r"\['a'\]")])
def test_check_both_classes_refuses(y_true, shown):
    with pytest.raises(ValueError, match=rf"^f needs both classes in y_true \(a "
                                         rf"positive and a negative sample\); "
                                         rf"y_true holds only {shown}$"):
        v.check_both_classes(y_true, "f")
    v.check_both_classes([0, 1], "f")  # both: no error
