"""Tests of bce/functions.py: sigmoid, log_sigmoid, softplus, logit."""

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bce

mpmath.mp.dps = 50
GRID = np.concatenate([np.linspace(-1000, 1000, 2001), np.linspace(-40, 40, 801),
                       [-745.2, -709.8, -37.0, -18.0, 0.0, 18.0, 33.3, 37.0]])
finite = st.floats(-1e6, 1e6, allow_nan=False)


def _ref(fn, grid):
    return np.array([float(fn(mpmath.mpf(float(v)))) for v in grid])


def _ulps(got, ref):
    """Distance in units of the last place of the (float64-rounded) reference."""
    return np.abs(got - ref) / np.spacing(np.abs(ref))


@pytest.mark.parametrize(
    "fn, ref",
    [
        (bce.sigmoid, lambda t: 1 / (1 + mpmath.exp(-t))),
        (bce.log_sigmoid, lambda t: -mpmath.log1p(mpmath.exp(-t))),
        (bce.softplus, lambda t: mpmath.log1p(mpmath.exp(t))),
    ],
    ids=["sigmoid", "log_sigmoid", "softplus"],
)
def test_within_a_few_ulp_of_mpmath_on_minus_1000_to_1000(fn, ref):
    got = fn(GRID)
    assert np.all(np.isfinite(got))
    assert np.max(_ulps(got, _ref(ref, GRID))) <= 4


def test_extreme_logits_are_exact_and_finite():
    assert bce.sigmoid(-1000.0) == 0.0
    assert bce.sigmoid(1000.0) == 1.0
    assert bce.sigmoid(0.0) == 0.5
    assert bce.log_sigmoid(-1000.0) == -1000.0
    assert bce.log_sigmoid(1000.0) == 0.0
    assert bce.softplus(1000.0) == 1000.0
    assert bce.softplus(-1000.0) == 0.0
    # softplus(-40) is exp(-40) to full precision, not log(1 + tiny) = 0
    assert bce.softplus(-40.0) == pytest.approx(np.exp(-40.0), rel=1e-15)


def test_infinities_are_limits():
    z = np.array([-np.inf, np.inf])
    np.testing.assert_array_equal(bce.sigmoid(z), [0.0, 1.0])
    np.testing.assert_array_equal(bce.softplus(z), [0.0, np.inf])
    np.testing.assert_array_equal(bce.log_sigmoid(z), [-np.inf, 0.0])


@pytest.mark.parametrize("fn", [bce.sigmoid, bce.log_sigmoid, bce.softplus])
def test_nan_is_refused(fn):
    with pytest.raises(ValueError, match="NaN"):
        fn(np.array([0.0, np.nan]))


@pytest.mark.parametrize("fn", [bce.sigmoid, bce.log_sigmoid, bce.softplus])
def test_non_numeric_is_refused(fn):
    with pytest.raises(TypeError, match="real numbers"):
        fn(np.array(["a", "b"]))
    with pytest.raises(TypeError):
        fn(np.array([1 + 2j]))


def test_shapes_and_scalars_are_kept():
    z = np.zeros((3, 2))
    assert bce.sigmoid(z).shape == (3, 2)
    assert np.ndim(bce.sigmoid(0.0)) == 0
    assert isinstance(bce.sigmoid(0.0), np.floating)


@given(finite)
def test_sigmoid_symmetry(z):
    # sigma(-z) = 1 - sigma(z), up to rounding of the subtraction
    assert bce.sigmoid(-z) == pytest.approx(1 - bce.sigmoid(z), abs=2e-16)


@given(finite)
def test_log_sigmoid_identity(z):
    # log sigma(z) - log sigma(-z) = z
    diff = bce.log_sigmoid(z) - bce.log_sigmoid(-z)
    assert diff == pytest.approx(z, rel=1e-12, abs=1e-12)


@given(finite)
def test_softplus_identity(z):
    # softplus(z) - softplus(-z) = z
    assert bce.softplus(z) - bce.softplus(-z) == pytest.approx(z, rel=1e-12, abs=1e-12)


@given(st.floats(-30, 30))
def test_logit_inverts_sigmoid(z):
    # 1 - sigma(z) carries an absolute rounding error near eps, so the round
    # trip loses about eps * e^|z| (the condition number of logit at p)
    tol = 4e-16 * (1 + np.exp(abs(z)))
    assert bce.logit(bce.sigmoid(z)) == pytest.approx(z, abs=tol)


def test_logit_ends():
    np.testing.assert_array_equal(bce.logit([0.0, 0.5, 1.0]), [-np.inf, 0.0, np.inf])
    with pytest.raises(ValueError, match=r"p must lie in the interval \[0, 1\]"):
        bce.logit(1.5)


def test_sigmoid_derivative_matches_finite_differences():
    z = np.linspace(-10, 10, 21)
    num = np.array([bce.numerical_gradient(lambda t: bce.sigmoid(t[0]), [v])[0]
                    for v in z])
    p = bce.sigmoid(z)
    np.testing.assert_allclose(num, p * (1 - p), rtol=1e-8, atol=1e-10)


def test_array_subclasses_come_back_as_plain_arrays():
    with pytest.warns(PendingDeprecationWarning):
        z = np.matrix([[-1.0, 0.0, 2.0]])
    for fn in (bce.sigmoid, bce.log_sigmoid, bce.softplus):
        out = fn(z)
        assert type(out) is np.ndarray
        np.testing.assert_array_equal(out, fn(np.asarray(z)))


def test_masked_arrays_are_refused_by_name():
    with pytest.raises(TypeError, match="z must be a plain array, not a masked array"):
        bce.sigmoid(np.ma.masked_array([0.0, 1.0], mask=[0, 1]))
