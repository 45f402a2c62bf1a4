"""Tests of bce/objective.py: J(w, b), its gradient and its Hessian."""

import numpy as np
import pytest
from conftest import make_problem
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import log_loss

import bce

problems = st.builds(
    make_problem,
    n=st.integers(1, 30),
    d=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.1, 1.0, 5.0]),
)
l2s = st.sampled_from([0.0, 0.01, 1.0])


def theta_fn(fn, X, y, l2):
    """fn(X, y, w, b, l2) as a function of theta = (w, b)."""
    return lambda t: fn(X, y, t[:-1], t[-1], l2=l2)


def test_value_by_hand():
    # two samples, one feature: z = (1, -2) with w = 1, b = 0
    X = np.array([[1.0], [-2.0]])
    y = np.array([1.0, 1.0])
    expected = (np.log1p(np.exp(-1.0)) + np.log1p(np.exp(2.0))) / 2
    assert bce.loss(X, y, [1.0], 0.0) == pytest.approx(expected, rel=1e-15)
    # the L2 term adds l2/2 * w^2 = 0.5 * 3 * 1
    assert bce.loss(X, y, [1.0], 0.0, l2=3.0) == pytest.approx(expected + 1.5)


def test_gradient_by_hand():
    X = np.array([[1.0], [-2.0]])
    y = np.array([1.0, 0.0])
    p = 1 / (1 + np.exp(-np.array([1.5, -1.5])))  # w = 1, b = 0.5
    grad_w, grad_b = bce.gradient(X, y, [1.0], 0.5, l2=0.1)
    r = p - y
    assert grad_w.shape == (1,)
    assert grad_w[0] == pytest.approx((1 * r[0] - 2 * r[1]) / 2 + 0.1, rel=1e-14)
    assert grad_b == pytest.approx(r.mean(), rel=1e-14)


@given(problems, l2s)
def test_gradient_equals_finite_differences(problem, l2):
    X, y, w, b = problem
    theta = np.r_[w, b]
    grad = np.r_[bce.gradient(X, y, w, b, l2=l2)]
    num = bce.numerical_gradient(theta_fn(bce.loss, X, y, l2), theta)
    # central differences with h ~ eps^(1/3) |theta| carry an error of order
    # eps^(2/3) ~ 4e-11 times the scale of J and of its third derivative
    np.testing.assert_allclose(grad, num, rtol=1e-6, atol=1e-7)


@given(problems, l2s)
def test_hessian_equals_jacobian_of_gradient(problem, l2):
    X, y, w, b = problem
    theta = np.r_[w, b]
    H = bce.hessian(X, y, w, b, l2=l2)
    J = bce.numerical_jacobian(
        lambda t: np.r_[bce.gradient(X, y, t[:-1], t[-1], l2=l2)], theta
    )
    assert H.shape == (X.shape[1] + 1,) * 2
    np.testing.assert_allclose(H, J, rtol=1e-6, atol=1e-7)


@given(problems, l2s)
def test_hessian_is_symmetric_positive_semidefinite(problem, l2):
    X, y, w, b = problem
    H = bce.hessian(X, y, w, b, l2=l2)
    np.testing.assert_array_equal(H, H.T)
    assert np.linalg.eigvalsh(H).min() >= -1e-12 * max(1.0, np.abs(H).max())


@given(problems, l2s)
def test_loss_is_never_negative(problem, l2):
    assert bce.loss(*problem, l2=l2) >= 0


@given(problems, l2s)
def test_entry_points_agree(problem, l2):
    value, grad_w, grad_b = bce.loss_and_gradient(*problem, l2=l2)
    assert value == bce.loss(*problem, l2=l2)
    g_w, g_b = bce.gradient(*problem, l2=l2)
    np.testing.assert_array_equal(grad_w, g_w)
    assert grad_b == g_b


@given(problems)
def test_loss_is_the_mean_of_bce_with_logits(problem):
    X, y, w, b = problem
    per_sample = bce.bce_with_logits(y, X @ w + b)
    assert bce.loss(X, y, w, b) == pytest.approx(per_sample.mean(), rel=1e-14)


def test_agrees_with_scikit_learn_log_loss(problem):
    X, y, w, b = problem
    p = bce.sigmoid(X @ w + b)
    assert bce.loss(X, y, w, b) == pytest.approx(
        log_loss(y, p, labels=[0, 1]), rel=1e-12
    )


@given(st.lists(st.sampled_from([0.0, 1.0]), min_size=2, max_size=50).filter(
    lambda v: 0 < sum(v) < len(v)))
def test_intercept_only_optimum_is_logit_of_mean(labels):
    y = np.array(labels)
    n = y.size
    b_star = float(bce.logit(y.mean()))
    X0 = np.empty((n, 0))  # no features at all
    grad_w, grad_b = bce.gradient(X0, y, np.empty(0), b_star)
    assert grad_w.shape == (0,)
    assert abs(grad_b) < 1e-14
    # and it is a minimum: J is larger on both sides
    J = lambda b: bce.loss(X0, y, np.empty(0), b)  # noqa: E731
    assert J(b_star) < J(b_star + 1e-3) and J(b_star) < J(b_star - 1e-3)


def test_l2_does_not_touch_the_bias(problem):
    X, y, w, b = problem
    g0 = bce.gradient(X, y, w, b, l2=0.0)
    g1 = bce.gradient(X, y, w, b, l2=2.0)
    np.testing.assert_allclose(g1[0] - g0[0], 2.0 * w, rtol=1e-12)
    assert g1[1] == g0[1]
    H0, H1 = bce.hessian(X, y, w, b), bce.hessian(X, y, w, b, l2=2.0)
    d = X.shape[1]
    np.testing.assert_allclose(H1 - H0, np.diag(np.r_[np.full(d, 2.0), 0.0]),
                               atol=1e-15)


def test_weight_two_equals_repeating_the_row(problem):
    X, y, w, b = problem
    sw = np.ones(len(y))
    sw[3] = 2.0
    Xr, yr = np.vstack([X, X[3:4]]), np.r_[y, y[3]]
    for fn in (bce.loss, bce.hessian):
        np.testing.assert_allclose(fn(X, y, w, b, l2=0.1, sample_weight=sw),
                                   fn(Xr, yr, w, b, l2=0.1), rtol=1e-13)
    gw, gb = bce.gradient(X, y, w, b, l2=0.1, sample_weight=sw)
    gwr, gbr = bce.gradient(Xr, yr, w, b, l2=0.1)
    np.testing.assert_allclose(gw, gwr, rtol=1e-12, atol=1e-15)
    assert gb == pytest.approx(gbr, rel=1e-12, abs=1e-15)


def test_extreme_logits_stay_finite_and_right():
    # z = +-1000 exactly: certain predictions, right and wrong
    X = np.array([[1000.0], [-1000.0], [1000.0], [-1000.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    value = bce.loss(X, y, [1.0], 0.0)
    assert value == pytest.approx((0 + 0 + 1000 + 1000) / 4, rel=1e-15)
    grad_w, grad_b = bce.gradient(X, y, [1.0], 0.0)
    # p - y = (0, 0, 1, -1); X^T (p - y) / n = (1000 + 1000) / 4
    assert grad_w[0] == pytest.approx(500.0, rel=1e-15)
    assert grad_b == pytest.approx(0.0, abs=1e-300)
    H = bce.hessian(X, y, [1.0], 0.0)
    assert np.all(np.isfinite(H)) and np.all(H >= 0)


class TestValidation:
    def test_X_must_be_2d(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match=r"X must be a 2-D array of shape \(n, d\)"):
            bce.loss(X[:, 0], y, w[:1], b)

    def test_y_column_is_not_broadcast(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match=r"y must be a 1-D array.*ravel"):
            bce.gradient(X, y[:, None], w, b)

    def test_y_length_must_match(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match=r"y must have shape \(n,\) = \(40,\)"):
            bce.loss(X, y[:-1], w, b)

    def test_y_must_be_0_or_1(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match=r"y must contain only the labels 0 and 1"):
            bce.loss(X, 2 * y - 1, w, b)

    def test_w_length(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match=r"w must have shape \(d,\) = \(3,\)"):
            bce.hessian(X, y, np.r_[w, 1.0], b)

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
    def test_non_finite_X_is_named(self, problem, bad):
        X, y, w, b = problem
        X = X.copy()
        X[5, 1] = bad
        with pytest.raises(ValueError, match=r"X must be finite.*first: \[5\]"):
            bce.gradient(X, y, w, b)

    def test_non_finite_X_is_found_even_where_w_is_zero(self, problem):
        X, y, w, b = problem
        X = X.copy()
        X[2, 0] = np.inf
        with pytest.raises(ValueError, match="X must be finite"):
            bce.loss(X, y, np.zeros_like(w), b)

    def test_strings_are_a_type_error(self, problem):
        X, y, w, b = problem
        with pytest.raises(TypeError, match="X must hold real numbers"):
            bce.loss(X.astype(str), y, w, b)

    def test_b_must_be_scalar(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match="b must be a scalar"):
            bce.loss(X, y, w, np.zeros(3))

    @pytest.mark.parametrize("l2", [-1.0, np.nan, np.inf])
    def test_l2_range(self, problem, l2):
        with pytest.raises(ValueError, match="l2 must be a finite number >= 0"):
            bce.loss(*problem, l2=l2)

    def test_l2_type(self, problem):
        with pytest.raises(TypeError, match="l2 must be a real number"):
            bce.loss(*problem, l2="0.1")

    def test_sample_weight(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match="sample_weight must be >= 0"):
            bce.loss(X, y, w, b, sample_weight=-np.ones(len(y)))
        with pytest.raises(ValueError, match=r"sample_weight must have shape"):
            bce.loss(X, y, w, b, sample_weight=np.ones(3))

    def test_int_and_bool_inputs_are_accepted(self, problem):
        X, y, w, b = problem
        value = bce.loss(X, y.astype(bool), w, b)
        assert value == bce.loss(X, y.astype(int), w, b) == bce.loss(X, y, w, b)

    def test_l2_array_must_be_0d(self, problem):
        with pytest.raises(ValueError, match=r"l2 must be a scalar.*shape \(1,\)"):
            bce.loss(*problem, l2=np.array([0.1]))
        assert bce.loss(*problem, l2=np.array(0.1)) == bce.loss(*problem, l2=0.1)

    def test_l2_string_array_is_a_type_error(self, problem):
        with pytest.raises(TypeError, match="l2 must be a real number"):
            bce.loss(*problem, l2=np.array("a"))

    def test_zero_sample_weights_are_named(self, problem):
        X, y, w, b = problem
        with pytest.raises(ValueError, match="sample_weight is zero everywhere"):
            bce.loss(X, y, w, b, sample_weight=np.zeros(len(y)))

    def test_matrix_subclass_is_read_as_a_plain_array(self, problem):
        X, y, w, b = problem
        with pytest.warns(PendingDeprecationWarning):
            M = np.matrix(X)
        assert bce.loss(M, y, w, b) == bce.loss(X, y, w, b)
        np.testing.assert_array_equal(bce.gradient(M, y, w, b)[0],
                                      bce.gradient(X, y, w, b)[0])
        np.testing.assert_array_equal(bce.hessian(M, y, w, b),
                                      bce.hessian(X, y, w, b))

    def test_masked_X_is_refused_by_name(self, problem):
        X, y, w, b = problem
        with pytest.raises(TypeError, match="X must be a plain array, not a masked"):
            bce.loss(np.ma.masked_array(X, mask=X > 1), y, w, b)


# Weights scaled by these factors must give the same objective; at 1e308 the
# sum of the weights overflows unless the weights are rescaled first.
weight_scales = st.sampled_from([1e-300, 1e-8, 3.0, 1e8, 1e300, 1e308])


@given(problems, l2s, weight_scales, st.integers(0, 2**32 - 1))
def test_scaling_the_sample_weights_changes_nothing(problem, l2, c, seed):
    X, y, w, b = problem
    sw = np.random.default_rng(seed).uniform(0.01, 1.0, size=len(y))
    sw[0] = 1.0  # so that c * sw stays finite
    args = (X, y, w, b)
    np.testing.assert_allclose(bce.loss(*args, l2, sw * c),
                               bce.loss(*args, l2, sw), rtol=1e-13)
    gw, gb = bce.gradient(*args, l2, sw * c)
    gw0, gb0 = bce.gradient(*args, l2, sw)
    np.testing.assert_allclose(gw, gw0, rtol=1e-13, atol=1e-300)
    assert gb == pytest.approx(gb0, rel=1e-13, abs=1e-300)
    np.testing.assert_allclose(bce.hessian(*args, l2, sw * c),
                               bce.hessian(*args, l2, sw), rtol=1e-13, atol=1e-300)


def test_huge_sample_weights_give_the_unweighted_loss():
    # all weights equal, however large: the plain mean (was 0.0 and a warning)
    X, y, w, b = make_problem(n=5)
    assert bce.loss(X, y, w, b, sample_weight=np.full(5, 1e308)) == pytest.approx(
        bce.loss(X, y, w, b), rel=1e-15)


def test_hessian_overflow_in_X_is_named():
    X, y, w, b = make_problem(n=20)
    # z = X w + b is unchanged and finite; the squares of X overflow
    with pytest.raises(ValueError, match="X is too large in magnitude: .*Hessian overflows"):
        bce.hessian(X * 1e160, y, w * 1e-160, b)


def make_big_problem(**kwargs):
    # make_problem draws y with 1 / (1 + exp(-z)), which overflows (to the
    # right p = 0) for logits below about -709
    with np.errstate(over="ignore"):
        return make_problem(**kwargs)


# Logits up to several hundred: p rounds to exactly 0 or 1 for most samples.
big_problems = st.builds(
    make_big_problem,
    n=st.integers(1, 30),
    d=st.integers(1, 5),
    seed=st.integers(0, 2**32 - 1),
    scale=st.just(200.0),
)


@given(big_problems, l2s)
def test_large_logits_give_finite_values_without_warnings(problem, l2):
    # pyproject turns every warning into an error, so "no warning" is
    # checked by the calls themselves
    X, y, w, b = problem
    value, grad_w, grad_b = bce.loss_and_gradient(X, y, w, b, l2)
    H = bce.hessian(X, y, w, b, l2)
    assert np.isfinite(value) and value >= 0
    assert np.all(np.isfinite(grad_w)) and np.isfinite(grad_b)
    assert np.all(np.isfinite(H))
    assert np.min(np.linalg.eigvalsh(H)) >= -1e-12 * max(1.0, np.abs(H).max())
    assert value == bce.loss(X, y, w, b, l2)


def test_several_row_blocks_agree_with_one(monkeypatch):
    # _BLOCK_BYTES = 240 gives blocks of the minimum 256 rows: 3 blocks here
    X, y, w, b = make_problem(n=700, d=3, seed=4)
    sw = np.random.default_rng(5).uniform(0.5, 2.0, size=700)
    one = [bce.loss_and_gradient(X, y, w, b, 0.1, sw), bce.hessian(X, y, w, b, 0.1, sw)]
    monkeypatch.setattr(bce.objective, "_BLOCK_BYTES", 240)
    assert len(list(bce.objective._row_blocks(700, 3))) == 3
    many = [bce.loss_and_gradient(X, y, w, b, 0.1, sw), bce.hessian(X, y, w, b, 0.1, sw)]
    (v1, gw1, gb1), H1 = one
    (v3, gw3, gb3), H3 = many
    assert v3 == pytest.approx(v1, rel=1e-14)
    np.testing.assert_allclose(gw3, gw1, rtol=1e-13, atol=1e-16)
    assert gb3 == pytest.approx(gb1, rel=1e-13, abs=1e-16)
    np.testing.assert_allclose(H3, H1, rtol=1e-13, atol=1e-16)
    X = X.copy()
    X[600, 1] = np.nan  # in the third block: the row index counts from X's top
    with pytest.raises(ValueError, match=r"X must be finite.*first: \[600\]"):
        bce.gradient(X, y, w, b)


def test_no_penalty_means_no_overflow_of_w_squared():
    """l2 = 0 and |w| beyond 1e154 (w @ w overflows): the loss is still exact."""
    X_tiny, y2 = np.array([[1e-160], [-1e-160]]), np.array([1.0, 0.0])
    X_unit = np.array([[1.0], [-1.0]])
    for fn in (bce.loss, bce.gradient):
        got = fn(X_tiny, y2, np.array([2e160]), 0.0)
        want = fn(X_unit, y2, np.array([2.0]), 0.0)
        if fn is bce.loss:
            assert np.isfinite(got) and got == pytest.approx(want, rel=1e-12)
        else:
            assert got[1] == pytest.approx(want[1], rel=1e-12)


def test_hessian_entries_near_the_float64_limit_are_exact():
    """H_ww = x^2 / 4 = 1.56e308 fits float64; symmetrizing must not overflow."""
    x = 2.5e154
    H = bce.hessian(np.array([[x]]), np.array([1.0]), np.array([0.0]))
    assert np.all(np.isfinite(H))
    assert H[0, 0] == 0.25 * x * x and H[0, 1] == H[1, 0] == 0.25 * x
    with pytest.raises(ValueError, match="too large in magnitude"):
        bce.hessian(np.array([[4e154]]), np.array([1.0]), np.array([0.0]))
