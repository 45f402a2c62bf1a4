"""Tests of bce/solvers.py: newton (IRLS), gradient_descent and sgd.

The reference optimum J* comes from newton, which itself is checked against
scikit-learn in tests/test_model.py (to 1e-6 in the coefficients; measured
~1e-14).
"""

import numpy as np
import pytest
from conftest import make_problem
from hypothesis import given
from hypothesis import strategies as st
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler

import bce
from bce.solvers import (
    SolverResult,
    gradient_descent,
    lipschitz_constant,
    newton,
    sgd,
)

SOLVERS = [newton, gradient_descent, sgd]


@pytest.fixture(scope="module")
def cancer():
    """Breast cancer (569 x 30), standardized, labels 0/1."""
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y.astype(float)


def l2_of(C, n):
    """scikit-learn's C in the mean convention of bce.objective."""
    return 1.0 / (C * n)


def separable(n=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = (X @ [1.0, -2.0] + 0.3 > 0).astype(float)
    return X, y


def grad_theta(X, y, r, l2, sample_weight=None):
    gw, gb = bce.gradient(X, y, r.w, r.b, l2=l2, sample_weight=sample_weight)
    return np.r_[gw, gb]


# ---------------------------------------------------------------------------
# What every solver returns


@pytest.mark.parametrize("solver", SOLVERS)
def test_result_shape_and_history(solver, problem):
    X, y, _, _ = problem
    r = solver(X, y, 0.1, max_iter=5)
    assert isinstance(r, SolverResult)
    assert r.w.shape == (X.shape[1],) and isinstance(r.b, float)
    assert r.loss_history.shape == r.grad_history.shape == (r.n_iter + 1,)
    # the history is J itself: its first entry is J at theta = 0
    assert r.loss_history[0] == pytest.approx(np.log(2.0), rel=1e-15)
    assert r.loss_history[-1] == pytest.approx(
        bce.loss(X, y, r.w, r.b, l2=0.1), rel=1e-14)
    g = grad_theta(X, y, r, 0.1)
    if solver is newton:  # Newton's rule reads the gradient in the units
        # of standardized features: each w entry over its column's rms
        g = g / np.append(np.sqrt(np.mean(X**2, axis=0)), 1.0)
    assert r.grad_history[-1] == pytest.approx(np.abs(g).max(), rel=1e-12)


@pytest.mark.parametrize("solver", SOLVERS)
def test_without_intercept_b_stays_zero(solver, problem):
    X, y, _, _ = problem
    r = solver(X, y, 0.1, fit_intercept=False, max_iter=500, tol=1e-6)
    assert r.b == 0.0
    if solver is not sgd:
        assert r.converged
        gw, _ = bce.gradient(X, y, r.w, 0.0, l2=0.1)
        assert np.abs(gw).max() <= 1e-6


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("weighted", [False, True])
def test_intercept_only_optimum_is_logit_of_the_mean(solver, weighted):
    # X with no columns: J(b) is minimized where sigmoid(b) = mean(y)
    y = np.array([1.0, 1, 1, 0, 0, 0, 0, 1, 1, 1])
    sw = np.arange(1.0, 11.0) if weighted else None
    X = np.zeros((y.size, 0))
    r = solver(X, y, 0.0, sample_weight=sw, max_iter=2000)
    assert r.converged
    # tol = 1e-8 on dJ/db = mean(p) - mean(y), and d mean(p)/db <= 1/4
    assert r.b == pytest.approx(bce.logit(np.average(y, weights=sw)), abs=1e-7)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(max_iter=0), "max_iter"),
        (dict(max_iter=2.5), "max_iter"),
        (dict(tol=-1.0), "tol"),
        (dict(tol=np.nan), "tol"),
        (dict(l2=-1.0), "l2"),
    ],
)
def test_bad_arguments_are_named(solver, kwargs, match, problem):
    X, y, _, _ = problem
    with pytest.raises(ValueError, match=match):
        solver(X, y, **kwargs)


@pytest.mark.parametrize(
    "solver, kwargs, match",
    [
        (gradient_descent, dict(learning_rate=0.0), "learning_rate"),
        (sgd, dict(learning_rate=-1.0), "learning_rate"),
        (sgd, dict(batch_size=0), "batch_size"),
        (sgd, dict(random_state="seed"), "random_state"),
        (sgd, dict(random_state=-3), "random_state"),
    ],
)
def test_bad_solver_options_are_named(solver, kwargs, match, problem):
    X, y, _, _ = problem
    with pytest.raises(ValueError, match=match):
        solver(X, y, **kwargs)


def test_bad_data_is_reported_by_the_objective_checks(problem):
    X, y, _, _ = problem
    with pytest.raises(ValueError, match="labels 0 and 1"):
        newton(X, 2 * y)
    X = X.copy()
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="X must be finite"):
        gradient_descent(X, y)


# ---------------------------------------------------------------------------
# Newton / IRLS


problems = st.builds(
    make_problem,
    n=st.integers(2, 40),
    d=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([0.1, 1.0, 3.0]),
)


@given(problems, st.sampled_from([1e-3, 0.1, 1.0]), st.booleans())
def test_newton_finds_a_stationary_point(problem, l2, weighted):
    X, y, _, _ = problem
    if np.all(y == y[0]):  # one class: b runs off to infinity
        y[0] = 1.0 - y[0]
    sw = np.linspace(0.5, 2.0, y.size) if weighted else None
    r = newton(X, y, l2, sample_weight=sw)
    assert r.converged and r.n_iter <= 30
    # Newton's rule: the gradient in the units of standardized features
    # (each w entry over its column's root mean square) is at most tol
    rms = np.append(np.sqrt(np.mean(X**2, axis=0)), 1.0)
    assert np.abs(grad_theta(X, y, r, l2, sw) / rms).max() <= 1e-8
    # the line search never lets J rise (beyond rounding, at the very end)
    assert np.all(np.diff(r.loss_history) <= 1e-15)


def test_newton_converges_quadratically(cancer):
    X, y = cancer
    r = newton(X, y, l2_of(1.0, y.size), tol=1e-12)
    g = r.grad_history
    assert r.converged and r.n_iter <= 12
    # measured: ... 2.2e-3, 4.1e-4, 2.0e-5, 5.3e-8, 3.0e-13
    tail = g[-4:]
    q = tail[1:] / tail[:-1]
    # super-linear: the contraction factor itself goes to 0 ...
    assert np.all(np.diff(q) < 0) and q[-1] < 1e-4
    # ... and quadratic: |g_{k+1}| <= M |g_k|^2 with one modest M (~130 here)
    assert np.all(tail[1:] <= 1e3 * tail[:-1] ** 2)


def test_newton_on_separable_data_without_penalty_runs_to_max_iter():
    # no minimizer: J -> 0 as |w| -> infinity. The gradient vanishes, but
    # the run must not claim convergence, and must stay finite.
    X, y = separable()
    r = newton(X, y, 0.0, max_iter=100)
    assert not r.converged and r.n_iter == 100
    assert np.all(np.isfinite(r.w)) and np.isfinite(r.b)
    assert r.loss_history[-1] < 1e-12
    assert "no minimizer" in r.message
    h = r.loss_history  # never rises beyond rounding
    assert np.all(np.diff(h) <= 16 * np.finfo(float).eps * h[:-1])


def test_newton_one_class_does_not_converge():
    X, _, _, _ = make_problem(n=20, d=2)
    r = newton(X, np.ones(20), 1.0, max_iter=30)
    assert not r.converged and np.isfinite(r.b) and r.b > 10


def test_newton_rank_deficient_without_penalty():
    # a duplicated column makes H singular when l2 = 0: the Cholesky fails
    # (or is refused), the least-squares fallback gives the minimum-norm
    # step, so the two copies share the weight equally
    X, y, _, _ = make_problem(n=80, d=2, seed=3)
    Xd = np.c_[X, X[:, 0]]
    r = newton(Xd, y, 0.0)
    ref = newton(X, y, 0.0)
    assert r.converged
    assert r.w[0] == pytest.approx(r.w[2], abs=1e-10)
    np.testing.assert_allclose(
        [r.w[0] + r.w[2], r.w[1], r.b], [ref.w[0], ref.w[1], ref.b], atol=1e-9)


def test_newton_with_a_zero_column_and_no_penalty():
    X, y, _, _ = make_problem(n=50, d=2, seed=1)
    r = newton(np.c_[X, np.zeros(50)], y, 0.0)
    ref = newton(X, y, 0.0)
    assert r.converged and r.w[2] == 0.0
    np.testing.assert_allclose(r.w[:2], ref.w, atol=1e-10)


def reviewer_problem():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 3))
    y = (X @ [1.0, -1.0, 0.5] + rng.normal(size=200) > 0).astype(float)
    return X, y


@pytest.mark.parametrize("unit", [1e-6, 1e-8, 1e-10, 1e6])
def test_newton_does_not_depend_on_the_units_of_a_feature(unit):
    # a full-rank, well-posed problem with one feature in tiny (or huge)
    # units: Newton's step is invariant under rescaling a column, so the
    # fit must be the unscaled fit, rescaled. The old singularity test on
    # the raw Cholesky pivots refused H and dropped that feature (w = 0).
    X, y = reviewer_problem()
    D = np.array([1.0, unit, 1.0])
    ref = newton(X, y, 0.0)
    r = newton(X * D, y, 0.0)
    assert r.converged and r.message == "max|grad J| <= tol"
    assert r.n_iter == ref.n_iter
    np.testing.assert_allclose(r.w * D, ref.w, rtol=1e-10)
    assert r.b == pytest.approx(ref.b, rel=1e-10)


def collinear(seed):
    """Three random columns and a fourth = 0.3 x0 + 1.7 x1 (up to rounding)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(100, 3))
    y = (X @ [1.0, -1.0, 0.5] + rng.normal(size=100) > 0).astype(float)
    return X, np.c_[X, 0.3 * X[:, 0] + 1.7 * X[:, 1]], y


@pytest.mark.parametrize("seed", range(5))
def test_newton_on_collinear_columns_is_determined_and_unit_free(seed):
    # l2 = 0 and a column that is a combination of two others: J is flat
    # along (0.3, 1.7, 0, -1, 0) up to rounding, so H is numerically
    # singular (cond > 1/eps), though Cholesky may well succeed. The
    # coefficients along that direction are not identifiable: the step
    # must leave them alone (pseudo-inverse of the scaled H), not fill them
    # with rounding noise. Checked: the fit is the reduced problem's fit
    # (same J, same z), says so in its message, is no longer than the
    # reduced coefficients (minimum-norm-like), and does not change when
    # the fourth column is measured in other units (the old code moved by
    # 0.06 .. 3 there: noise).
    X3, X, y = collinear(seed)
    ref = newton(X3, y, 0.0)
    r = newton(X, y, 0.0)
    D = np.array([1.0, 1.0, 1.0, 1e3])
    s = newton(X * D, y, 0.0)
    assert r.converged and s.converged
    theta, theta_ref = np.r_[r.w, r.b], np.r_[ref.w, ref.b]
    np.testing.assert_allclose(np.r_[s.w * D, s.b], theta, atol=1e-6)
    assert r.loss_history[-1] == pytest.approx(ref.loss_history[-1], rel=1e-12)
    np.testing.assert_allclose(X @ r.w + r.b, X3 @ ref.w + ref.b, atol=1e-6)
    assert np.linalg.norm(theta) <= np.linalg.norm(theta_ref)
    assert "coefficients not identifiable" in r.message


def test_newton_converged_message_is_plain_on_a_well_posed_problem(cancer):
    X, y = cancer
    for C in (0.01, 1.0, 100.0):
        assert newton(X, y, l2_of(C, y.size)).message == "max|grad J| <= tol"


def test_newton_on_quasi_separated_data_does_not_report_a_plain_optimum():
    # quasi-complete separation: x > 0 is class 1, x < 0 class 0, and the
    # two rows at x = 0 have one label each. J has no minimizer (w -> inf),
    # yet no point has all margins > 0, so _no_minimizer cannot prove it.
    # The old code reported converged=True, w = 37.8, "max|grad J| <= tol".
    X = np.array([[-2.0], [-1.0], [0.0], [0.0], [1.0], [2.0]])
    y = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    r = newton(X, y, 0.0)
    assert not r.converged or "numerically 0 or 1" in r.message
    # the same in two dimensions, with rows of both classes on the line
    # x0 - 2 x1 + 0.5 = 0: here the run stops when the curvature along the
    # divergent direction falls below rounding, and its message says what
    # that means
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X @ [1.0, -2.0] + 0.5 > 0).astype(float)
    t = rng.normal(size=4)
    B = np.c_[2 * t - 0.5, t]
    X, y = np.r_[X, B, B], np.r_[y, np.zeros(4), np.ones(4)]
    r = newton(X, y, 0.0)
    assert not r.converged or "numerically 0 or 1" in r.message
    assert np.all(np.isfinite(r.w))
    # with a penalty the minimizer exists, and nothing is said
    r = newton(X, y, 0.01)
    assert r.converged and r.message == "max|grad J| <= tol"


@pytest.mark.parametrize("solver", [newton, gradient_descent])
def test_integer_weights_equal_repeated_rows(solver):
    X, y, _, _ = make_problem(n=30, d=3, seed=5)
    counts = np.random.default_rng(0).integers(0, 4, size=30)
    l2 = 0.01
    a = solver(X, y, l2, sample_weight=counts, max_iter=3000)
    b = solver(np.repeat(X, counts, axis=0), np.repeat(y, counts), l2,
               max_iter=3000)
    assert a.converged and b.converged
    np.testing.assert_allclose(np.r_[a.w, a.b], np.r_[b.w, b.b], atol=1e-7)
    np.testing.assert_allclose(a.loss_history[-1], b.loss_history[-1],
                               rtol=1e-12)


# ---------------------------------------------------------------------------
# Gradient descent


def test_lipschitz_constant_bounds_every_hessian():
    X, y, _, _ = make_problem(n=60, d=3, seed=2)
    l2 = 0.05
    L = lipschitz_constant(X, l2)
    Xt = np.c_[X, np.ones(60)]
    textbook = np.linalg.eigvalsh(Xt.T @ Xt).max() / (4 * 60) + l2
    assert L <= textbook * (1 + 1e-12)
    H0 = bce.hessian(X, y, np.zeros(3), 0.0, l2=l2)
    assert L == pytest.approx(np.linalg.eigvalsh(H0).max(), rel=1e-12)
    rng = np.random.default_rng(0)
    for _ in range(20):
        H = bce.hessian(X, y, rng.normal(size=3), rng.normal(), l2=l2)
        assert np.linalg.eigvalsh(H).max() <= L * (1 + 1e-12)
    # without an intercept: the w block only
    L0 = lipschitz_constant(X, l2, fit_intercept=False)
    assert L0 == pytest.approx(np.linalg.eigvalsh(H0[:3, :3]).max(), rel=1e-12)


@given(problems, st.sampled_from([0.0, 0.01, 1.0]))
def test_gd_loss_never_increases_with_the_1_over_L_step(problem, l2):
    X, y, _, _ = problem
    r = gradient_descent(X, y, l2, max_iter=50)
    # descent lemma: each step lowers J by >= |grad|^2 / (2L); allow rounding
    assert np.all(np.diff(r.loss_history) <= 1e-15)


def test_gd_on_breast_cancer(cancer):
    X, y = cancer
    l2 = l2_of(1.0, y.size)
    J_star = newton(X, y, l2).loss_history[-1]
    k = 2000
    r = gradient_descent(X, y, l2, max_iter=k)
    h = r.loss_history
    assert not r.converged and r.n_iter == k
    assert np.all(np.diff(h) <= 1e-15)
    # the O(1/k) guarantee for convex J with step 1/L, started at 0:
    # J_k - J* <= L |theta*|^2 / (2k), for every k
    ref = newton(X, y, l2)
    L = lipschitz_constant(X, l2)
    bound = L * (ref.w @ ref.w + ref.b**2) / (2 * np.arange(1, k + 1))
    assert np.all(h[1:] - J_star <= bound)
    # the measured gap (9.9e-5 at k = 2000) is far below that bound (~1e-2):
    # J is strongly convex (mu >= l2 = 1/569) so the error also shrinks
    # geometrically, but slowly (L / mu ~ 2000). Tolerance 1e-3 leaves a
    # 10x margin for BLAS rounding differences; gd itself is deterministic.
    assert 0 <= h[-1] - J_star <= 1e-3


def test_gd_with_a_fixed_learning_rate(problem):
    X, y, _, _ = problem
    r = gradient_descent(X, y, 0.1, learning_rate=0.5, max_iter=3)
    # one step by hand: theta_1 = -0.5 grad J(0)
    gw, gb = bce.gradient(X, y, np.zeros(X.shape[1]), 0.0, l2=0.1)
    r1 = gradient_descent(X, y, 0.1, learning_rate=0.5, max_iter=1)
    np.testing.assert_allclose(np.r_[r1.w, r1.b], -0.5 * np.r_[gw, gb],
                               rtol=1e-14)
    assert r.n_iter == 3


def test_gd_divergence_is_reported(problem):
    """eta * l2 > 2: w grows geometrically until J overflows, a named error."""
    X, y, _, _ = problem
    with pytest.raises(ValueError, match="learning_rate"):
        gradient_descent(X, y, 1.0, learning_rate=10.0, max_iter=2000)


def test_gd_with_a_huge_step_and_no_penalty_bounces_but_stays_finite(problem):
    """l2 = 0: the data gradient is bounded, so even eta = 1e306 stays finite.

    (|grad J| <= max|x| + 1, so each step moves theta by at most eta times
    that; nothing overflows and the run ends at max_iter, not converged.)
    """
    X, y, _, _ = problem
    res = gradient_descent(X, y, 0.0, learning_rate=1e306, max_iter=50)
    assert not res.converged and np.all(np.isfinite(res.loss_history))
    assert res.loss_history.max() > 1e300  # the bounce is huge
    assert "> tol" in res.message


# ---------------------------------------------------------------------------
# Mini-batch SGD


def test_sgd_is_reproducible_with_random_state(cancer):
    X, y = cancer
    l2 = l2_of(1.0, y.size)
    a = sgd(X, y, l2, max_iter=5, random_state=7)
    b = sgd(X, y, l2, max_iter=5, random_state=7)
    c = sgd(X, y, l2, max_iter=5, random_state=8)
    np.testing.assert_array_equal(a.w, b.w)
    np.testing.assert_array_equal(a.loss_history, b.loss_history)
    assert not np.array_equal(a.w, c.w)
    # a Generator is used as given (and advanced)
    g = sgd(X, y, l2, max_iter=5, random_state=np.random.default_rng(7))
    np.testing.assert_array_equal(a.w, g.w)
    # a legacy RandomState works too
    sgd(X, y, l2, max_iter=1, random_state=np.random.RandomState(0))


def test_sgd_on_breast_cancer(cancer):
    X, y = cancer
    l2 = l2_of(1.0, y.size)
    J_star = newton(X, y, l2).loss_history[-1]  # 0.06636
    r = sgd(X, y, l2, max_iter=100, random_state=0)
    # tol = 1e-8 is out of reach for SGD with a decaying step: it runs all
    # its epochs (documented)
    assert not r.converged and r.n_iter == 100
    assert r.loss_history[-1] < r.loss_history[0]
    # measured gap: 4.1e-3 after 100 epochs (1800 steps of a step decaying
    # like 1/sqrt(epoch)); L / mu ~ 2000 makes this problem slow for any
    # first-order method (gd: 1e-4 after 2000 full steps). The tolerance,
    # 1e-2 (15% of J*), leaves a 2.5x margin for this fixed seed.
    assert 0 <= r.loss_history[-1] - J_star <= 1e-2
    # on the better-conditioned C = 0.01 the same budget gets much closer:
    # measured 1.7e-6
    l2 = l2_of(0.01, y.size)
    J_star = newton(X, y, l2).loss_history[-1]
    r = sgd(X, y, l2, max_iter=100, random_state=0)
    assert 0 <= r.loss_history[-1] - J_star <= 1e-4


@pytest.mark.parametrize("batch_size", [1, 7, 10_000])
def test_sgd_batch_sizes(batch_size, problem):
    X, y, _, _ = problem
    r = sgd(X, y, 0.1, batch_size=batch_size, max_iter=30, random_state=0)
    assert r.loss_history[-1] < r.loss_history[0]


def test_sgd_full_batch_first_epoch_is_a_gd_step(problem):
    # one batch holding all rows, first step eta_0 = 1/L: exactly gd's step
    X, y, _, _ = problem
    a = sgd(X, y, 0.1, batch_size=X.shape[0], max_iter=1, random_state=0)
    b = gradient_descent(X, y, 0.1, max_iter=1)
    np.testing.assert_allclose(np.r_[a.w, a.b], np.r_[b.w, b.b], rtol=1e-12)


def test_sgd_with_sample_weights_approaches_the_weighted_optimum(cancer):
    # the batch gradients are rescaled by each batch's share of the total
    # weight, so they are unbiased estimates of the weighted full gradient
    X, y = cancer
    sw = np.random.default_rng(0).integers(0, 4, size=y.size).astype(float)
    l2 = l2_of(0.01, sw.sum())
    J_star = newton(X, y, l2, sample_weight=sw).loss_history[-1]
    r = sgd(X, y, l2, sample_weight=sw, max_iter=100, random_state=0)
    # measured gap: 8.9e-7; tolerance as for the unweighted C = 0.01 case
    assert 0 <= r.loss_history[-1] - J_star <= 1e-4


@pytest.mark.parametrize("solver", [gradient_descent, sgd])
def test_first_order_solvers_on_separable_data_without_penalty(solver):
    X, y = separable()
    kwargs = dict(random_state=0) if solver is sgd else {}
    r = solver(X, y, 0.0, max_iter=20, **kwargs)
    assert not r.converged and r.n_iter == 20
    assert np.all(np.isfinite(r.w)) and np.isfinite(r.b)


def test_gd_claims_no_convergence_once_the_data_are_separated():
    # gd separates these data after ~90 steps, when max|grad| ~ 0.008; it
    # drops below tol = 0.007 only later, when the iterate already proves
    # that no minimizer exists (l2 = 0, all margins > 0)
    X, y = separable()
    r = gradient_descent(X, y, 0.0, max_iter=150, tol=0.007)
    assert r.grad_history[-1] < 0.007
    assert np.all((2 * y - 1) * (X @ r.w + r.b) > 0)
    assert not r.converged and r.n_iter == 150
    assert "no minimizer" in r.message


def test_max_iter_message_does_not_claim_a_missing_minimizer():
    """Newton stopped by max_iter with a small gradient on ordinary data."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 4))
    y = (X @ [1.0, -1.0, 0.5, 0.0] + rng.normal(size=200) > 0).astype(float)
    assert not newton(X, y, 0.0).message.startswith("newton reached")  # converges
    for max_iter in (1, 2, 3, 4):
        res = newton(X, y, 0.0, tol=1e-3, max_iter=max_iter)
        if not res.converged:
            assert "no minimizer" not in res.message, res.message


def test_sgd_with_huge_sample_weights_equals_unit_weights():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(100, 3))
    y = (X[:, 0] + rng.normal(size=100) > 0).astype(float)
    ref = sgd(X, y, 0.01, sample_weight=np.ones(100), random_state=0, max_iter=5)
    big = sgd(X, y, 0.01, sample_weight=np.full(100, 5e306), random_state=0,
              max_iter=5)
    np.testing.assert_allclose(big.w, ref.w, rtol=1e-12, atol=1e-15)
    assert big.b == pytest.approx(ref.b, rel=1e-12, abs=1e-15)


# ---------------------------------------------------------------------------
# Defects found by trying bad inputs (each test fails on the code before)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("value", ["False", 0, None])
def test_fit_intercept_must_be_a_bool(solver, value, problem):
    X, y, _, _ = problem
    with pytest.raises(ValueError, match="fit_intercept must be True or False"):
        solver(X, y, 0.1, fit_intercept=value)


def quasi_separated():
    """x = (-1, 0, 0, 1), y = (0, 0, 1, 1): separated at x = 0, with one row
    of each class on the boundary. J(w, 0) = (2 log 2 + 2 log(1 + e^-w)) / 4
    falls for ever as w grows; no point has all margins > 0."""
    return np.array([[-1.0], [0.0], [0.0], [1.0]]), np.array([0.0, 0.0, 1.0, 1.0])


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("max_iter", [5, 300])
def test_quasi_complete_separation_never_converges(solver, max_iter):
    X, y = quasi_separated()
    r = solver(X, y, 0.0, max_iter=max_iter)
    assert not r.converged and r.n_iter == max_iter
    assert "no minimizer" in r.message
    # J did fall along the way, towards its infimum log(2) / 2, which it
    # never passes; after many Newton steps (w ~ max_iter) the excess is
    # about e^{-w}, below float64's resolution, so J may equal the infimum
    # to the last ulp, and the test allows rounding and nothing more
    infimum = np.log(2) / 2
    assert r.loss_history[-1] < r.loss_history[0]
    assert r.loss_history[-1] >= infimum * (1 - 4 * np.finfo(float).eps)


def test_quasi_separation_with_a_penalty_converges():
    X, y = quasi_separated()
    r = newton(X, y, 0.01)
    assert r.converged and "no minimizer" not in r.message


def test_newton_stopping_rule_is_unit_free(cancer):
    # Newton's stopping test read max|grad J| in the features' own units:
    # with X * 1e12 the rounding error of the gradient alone is above tol,
    # and the fit ran to max_iter = 100. Now X and X * 1e12 stop alike.
    X, y = cancer
    X, y = X[:200, :5], y[:200]
    base = newton(X, y, 0.01)
    for scale in (1e-8, 1e12):
        r = newton(X * scale, y, 0.01 * scale**2)  # the same model, rescaled
        assert r.converged and r.n_iter <= base.n_iter + 1
        np.testing.assert_allclose(r.w * scale, base.w, rtol=1e-7, atol=1e-9)
        assert r.b == pytest.approx(base.b, rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_sgd_with_zero_weights_is_sgd_on_the_other_rows(seed):
    # weights on 8 of 40 rows, batch_size=1: the old per-batch scaling took
    # rare steps 5 times too long and ended 39-167% above the optimum
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] + rng.normal(size=40) > 0).astype(float)
    sw = np.zeros(40)
    sw[rng.choice(40, size=8, replace=False)] = 1.0
    live = sw > 0
    weighted = sgd(X, y, 0.05, sample_weight=sw, batch_size=1, max_iter=200,
                   random_state=seed)
    plain = sgd(X[live], y[live], 0.05, batch_size=1, max_iter=200,
                random_state=seed)
    np.testing.assert_allclose(weighted.w, plain.w, rtol=1e-12, atol=1e-14)
    best = newton(X[live], y[live], 0.05, tol=1e-12).loss_history[-1]
    assert weighted.loss_history[-1] < best * 1.01
