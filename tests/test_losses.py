"""Tests of bce/losses.py: bce_loss (from p) and bce_with_logits (from z)."""

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bce
from bce.losses import bce_terms

mpmath.mp.dps = 50
labels = st.sampled_from([0.0, 1.0])
logits = st.floats(-1e3, 1e3, allow_nan=False)


def test_values_by_hand():
    # -log(0.8) and -log(1 - 0.8)
    assert bce.bce_loss(1, 0.8) == pytest.approx(0.22314355131420976, rel=1e-15)
    assert bce.bce_loss(0, 0.8) == pytest.approx(1.6094379124341003, rel=1e-14)
    assert bce.bce_with_logits(1, 0.0) == pytest.approx(np.log(2), rel=1e-15)


def test_certain_predictions():
    assert bce.bce_loss(1, 0.0) == np.inf  # certain and wrong
    assert bce.bce_loss(0, 1.0) == np.inf
    assert bce.bce_loss(0, 0.0) == 0.0  # certain and right: 0 log 0 = 0
    assert bce.bce_loss(1, 1.0) == 0.0


def test_logit_form_on_extremes():
    assert bce.bce_with_logits(1, -1e20) == 1e20
    assert bce.bce_with_logits(0, 1e20) == 1e20
    assert bce.bce_with_logits(0, 37.0) == pytest.approx(37.0, rel=1e-15)
    assert bce.bce_with_logits(1, 1000.0) == 0.0
    # exp(-40), kept to full relative precision (not 0 from 1 - p)
    assert bce.bce_with_logits(1, 40.0) == pytest.approx(np.exp(-40.0), rel=1e-14)


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logit_form_within_a_few_ulp_of_mpmath(y):
    z = np.concatenate([np.linspace(-1000, 1000, 2001), np.linspace(-40, 40, 801)])
    got = bce.bce_with_logits(np.full_like(z, y), z)
    ref = np.array([
        float(mpmath.log1p(mpmath.exp(mpmath.mpf(float(v)) * (1 - 2 * y))))
        for v in z
    ])
    assert np.all(np.isfinite(got))
    assert np.max(np.abs(got - ref) / np.spacing(np.abs(ref))) <= 4


@given(labels, logits)
def test_never_negative(y, z):
    assert bce.bce_with_logits(y, z) >= 0


@given(labels, logits)
def test_symmetry_of_labels(y, z):
    assert bce.bce_with_logits(y, z) == bce.bce_with_logits(1 - y, -z)


@given(labels, st.floats(-15, 15))
def test_two_forms_agree_where_p_is_representable(y, z):
    # the p form inherits the rounding of 1 - p: a relative error near
    # eps * e^|z| / |z|, below 1e-9 for |z| <= 15 (see numerical_stability)
    p = bce.sigmoid(z)
    assert bce.bce_loss(y, p) == pytest.approx(bce.bce_with_logits(y, z),
                                               rel=1e-9, abs=1e-15)


@given(st.floats(0, 1), st.floats(-50, 50))
def test_soft_labels_equal_softplus_minus_yz(y, z):
    expected = bce.softplus(z) - y * z
    assert bce.bce_with_logits(y, z) == pytest.approx(expected, rel=1e-9, abs=1e-12)


@given(labels, st.floats(-30, 30))
def test_derivative_in_z_is_p_minus_y(y, z):
    num = bce.numerical_gradient(lambda t: bce.bce_with_logits(y, t[0]), [z])[0]
    assert num == pytest.approx(bce.sigmoid(z) - y, abs=1e-8)


def test_no_broadcast_of_column_against_vector():
    y = np.zeros((4, 1))
    p = np.full(4, 0.5)
    with pytest.raises(ValueError, match="same shape"):
        bce.bce_loss(y, p)
    with pytest.raises(ValueError, match="same shape"):
        bce.bce_with_logits(y, p)


def test_scalar_label_against_vector_is_allowed():
    np.testing.assert_allclose(bce.bce_with_logits(1, np.zeros(3)), np.log(2))


@pytest.mark.parametrize(
    "y, p, match",
    [(2.0, 0.5, "y must lie"), (0.0, 1.5, "p must lie"), (0.0, np.nan, "p must lie"),
     (-0.1, 0.5, "y must lie")],
)
def test_out_of_range_is_refused(y, p, match):
    with pytest.raises(ValueError, match=match):
        bce.bce_loss(y, p)


def test_non_finite_logit_is_refused():
    with pytest.raises(ValueError, match="z must be finite"):
        bce.bce_with_logits(1.0, np.inf)


# --- the per-sample kernel, bce.losses.bce_terms -------------------------


@settings(max_examples=200, deadline=None)
@given(z=st.floats(-1000.0, 1000.0), label=st.sampled_from([0.0, 1.0]))
def test_bce_terms_match_a_500_digit_reference(z, label):
    # expected values from mpmath, independent of the kernel's formulas
    import mpmath

    with mpmath.workdps(500):  # 1 - p near 1e-435 needs the digits
        p = 1 / (1 + mpmath.exp(-mpmath.mpf(z)))
        loss_ref = -(label * mpmath.log(p) + (1 - label) * mpmath.log(1 - p))
        r_ref, q_ref = p - label, p * (1 - p)
    loss, r, q = bce_terms(np.array([label]), np.array([z]), True, True, True)
    for got, ref in ((loss[0], loss_ref), (r[0], r_ref), (q[0], q_ref)):
        assert abs(got - float(ref)) <= 1e-14 * abs(float(ref)) + 1e-300


def test_bce_terms_gives_only_what_is_asked():
    y, z = np.array([0.0, 1.0]), np.array([-2.0, 3.0])
    loss, r, q = bce_terms(y, z, want_loss=False, want_residual=False)
    assert loss is None and r is None and q is None
    loss, r, q = bce_terms(y, z)
    assert loss.shape == r.shape == (2,) and q is None
