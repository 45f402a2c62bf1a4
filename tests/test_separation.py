"""Tests of bce/separation.py: the exact test for a minimizer when l2 = 0."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bce.separation import separating_direction


def margins(X, y, theta, fit_intercept=True):
    Xt = np.column_stack([X, np.ones(len(X))]) if fit_intercept else X
    return (2 * y - 1) * (Xt @ theta)


def test_complete_separation():
    X = np.array([[-2.0], [-1.0], [1.0], [3.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    theta = separating_direction(X, y)
    m = margins(X, y, theta)
    assert np.all(m > 0)


def test_quasi_complete_separation():
    # one row of each class at x = 0: every separating line passes through
    # both, so some margins are exactly 0 and the others positive
    X = np.array([[-1.0], [0.0], [0.0], [1.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    theta = separating_direction(X, y)
    m = margins(X, y, theta)
    assert theta is not None and m.max() > 0.1
    assert np.all(m > -1e-12)
    np.testing.assert_allclose(m[1:3], 0.0, atol=1e-12)


def test_overlapping_classes_have_a_minimizer():
    X = np.array([[-1.0], [0.0], [0.5], [1.0]])
    y = np.array([0.0, 1.0, 0.0, 1.0])
    assert separating_direction(X, y) is None


def test_weights_of_zero_leave_rows_out():
    X = np.array([[-1.0], [0.0], [0.5], [1.0]])
    y = np.array([0.0, 1.0, 0.0, 1.0])
    sw = np.array([1.0, 0.0, 0.0, 1.0])  # the two overlapping rows dropped
    assert separating_direction(X, y, sw) is not None


def test_without_intercept_the_line_passes_through_0():
    # separable by x > 0.5, but not by a line through the origin
    X = np.array([[0.2], [0.4], [0.6], [0.8]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    assert separating_direction(X, y, fit_intercept=True) is not None
    assert separating_direction(X, y, fit_intercept=False) is None


def test_units_of_the_features_do_not_matter():
    X = np.array([[-1.0, 3.0], [0.0, 1.0], [0.0, 2.0], [1.0, 0.5]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    for scale in (1e-150, 1.0, 1e150):
        found = separating_direction(X * [scale, 1.0], y)
        assert found is not None


@given(st.integers(0, 10_000), st.integers(2, 40), st.integers(1, 4))
def test_random_problems_agree_with_their_construction(seed, n, d):
    """Labels from a hyperplane are separated; duplicating one row with the
    other label makes two rows that no direction can both give a positive
    margin, and with a row of each class on both sides of every hyperplane
    through them (a mirrored copy of the data) none is left at all."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = (X @ rng.normal(size=d) + 0.1 * rng.normal() > 0).astype(float)
    if 0 < y.sum() < n:
        theta = separating_direction(X, y)
        assert theta is not None and np.all(margins(X, y, theta) > -1e-9)
    # the data and their mirror image with flipped labels: every direction
    # that helps a row hurts its mirror, so the classes overlap
    X2 = np.vstack([X, X])
    y2 = np.r_[y, 1 - y]
    assert separating_direction(X2, y2) is None
