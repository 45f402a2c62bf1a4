"""Tests of bce/validation.py helpers not reached through the public functions."""

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
