"""Tests of bce/distributed.py: the objective on Dask arrays equals bce's."""

import dask
import dask.array as da
import numpy as np
import pytest
from conftest import make_problem

import bce
import bce.distributed as bd
import bce.solvers as solvers
from bce.solvers import newton


@pytest.fixture
def chunked():
    X, y, w, b = make_problem(n=1000, d=4, seed=3)
    return X, y, w, b, da.from_array(X, chunks=(170, 2)), da.from_array(y, chunks=300)


@pytest.mark.parametrize("l2", [0.0, 0.05])
def test_loss_gradient_hessian_equal_the_numpy_ones(chunked, l2):
    X, y, w, b, Xd, yd = chunked
    assert bd.loss(Xd, yd, w, b, l2) == pytest.approx(bce.loss(X, y, w, b, l2=l2),
                                                      rel=1e-13)
    gw, gb = bd.gradient(Xd, yd, w, b, l2)
    ew, eb = bce.gradient(X, y, w, b, l2=l2)
    np.testing.assert_allclose(gw, ew, rtol=1e-12, atol=1e-15)
    assert gb == pytest.approx(eb, rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(bd.hessian(Xd, yd, w, b, l2),
                               bce.hessian(X, y, w, b, l2=l2), rtol=1e-12, atol=1e-15)


def test_rechunks_columns_and_aligns_y(chunked):
    *_, Xd, yd = chunked
    Xr, yr = bd.as_row_chunked(Xd, yd)
    assert Xr.chunks[1] == (4,)
    assert yr.chunks[0] == Xr.chunks[0]


def test_fit_equals_in_memory_fit():
    rng = da.random.default_rng(7)
    Xd = rng.standard_normal((20_000, 5), chunks=(4_000, 5))
    w_true = np.array([1.0, -0.5, 0.25, 0.0, 2.0])
    p = 1 / (1 + da.exp(-(Xd @ w_true - 0.3)))
    yd = (rng.random(20_000, chunks=4_000) < p).astype(float)
    X, y = Xd.compute(), yd.compute()
    C = 1.0
    result = bd.fit_newton(Xd, yd, l2=1 / (C * len(y)), tol=1e-10)
    model = bce.LogisticRegression(C=C, tol=1e-10).fit(X, y)
    assert result.converged
    np.testing.assert_allclose(result.w, model.coef_[0], atol=1e-8)
    assert result.b == pytest.approx(model.intercept_[0], abs=1e-8)
    assert all(np.diff(result.loss_history) <= 0)


def chunk(X, y, rows=20):
    return da.from_array(X, chunks=(rows, X.shape[1])), da.from_array(y, chunks=rows)


def test_fit_runs_the_iteration_of_solvers_newton():
    # the same loop on sums over chunks: the same iterates, to rounding
    X, y, _, _ = make_problem(n=300, d=4, seed=2)
    l2 = 1e-3
    result = bd.fit_newton(*chunk(X, y, 70), l2=l2, tol=1e-10)
    ref = newton(X, y, l2, tol=1e-10)
    assert result.converged and result.message == ref.message == "max|grad J| <= tol"
    assert result.n_iter == ref.n_iter
    np.testing.assert_allclose(result.loss_history, ref.loss_history, rtol=1e-13)
    np.testing.assert_allclose(np.r_[result.w, result.b], np.r_[ref.w, ref.b],
                               rtol=1e-12, atol=1e-14)



def _record_passes(monkeypatch, stretch):
    """Record every block's call and every line search of a fit.

    ``calls``: (want_hessian, theta) per block; ``searches``: (theta, full
    trial theta + direction, accepted theta or None) per iteration. With
    ``stretch`` > 1 the Newton direction is made that many times too long,
    so that the line search has to halve it.
    """
    calls, searches = [], []
    block_sums, direction_of, line_search = (
        bd._block_sums, solvers._newton_direction, solvers._line_search)

    def counted(Xb, yb, w, b, want_hessian, want_extremes=False):
        calls.append((want_hessian, np.append(w, b)))
        return block_sums(Xb, yb, w, b, want_hessian, want_extremes)

    def stretched(H, g):
        direction, singular = direction_of(H, g)
        return stretch * direction, singular

    def recorded(problem, theta, f, g, direction, gmax):
        found = line_search(problem, theta, f, g, direction, gmax)
        searches.append((theta, theta + direction,
                         None if found is None else found[0]))
        return found

    monkeypatch.setattr(bd, "_block_sums", counted)
    monkeypatch.setattr(solvers, "_newton_direction", stretched)
    monkeypatch.setattr(solvers, "_line_search", recorded)
    return calls, searches


@pytest.mark.parametrize("stretch", [1.0, 8.0])
def test_fit_passes_and_no_hessian_at_a_backtracked_trial(monkeypatch, stretch):
    # The chapter's count: one pass at the start, then one per iteration
    # whose full step is accepted (it also computes the next Hessian), and
    # m + 2 per iteration that halves the step m times (the full trial, m
    # backtracked trials without a Hessian, one pass for the Hessian at the
    # accepted point; m + 1 if the fit stops there). Counted from the calls
    # of the block function.
    X, y, _, _ = make_problem(n=600, d=3, seed=5)
    ref = newton(X, y, 1e-3, tol=1e-10)  # before the patches
    calls, searches = _record_passes(monkeypatch, stretch)
    with dask.config.set(scheduler="synchronous"):  # blocks run in order
        result = bd.fit_newton(*chunk(X, y, 200), l2=1e-3, tol=1e-10)
    assert result.converged
    np.testing.assert_allclose(np.r_[result.w, result.b], np.r_[ref.w, ref.b],
                               atol=1e-9)
    blocks = 3
    assert len(calls) == blocks * result.n_passes
    passes = calls[::blocks]
    for i, (want_hessian, theta) in enumerate(passes):  # a pass: one theta
        for other in calls[i * blocks:(i + 1) * blocks]:
            assert other[0] == want_hessian and np.array_equal(other[1], theta)
    halvings = []
    for theta, full, accepted in searches:
        assert accepted is not None
        alpha = np.max(np.abs(accepted - theta)) / np.max(np.abs(full - theta))
        halvings.append(round(-np.log2(alpha)))
    assert len(halvings) == result.n_iter
    # every trial is a pass; so is the start, and the Hessian at a
    # backtracked point from which the fit steps again (not the last point)
    backtracked = sum(m > 0 for m in halvings[:-1])
    assert result.n_passes == 1 + sum(m + 1 for m in halvings) + backtracked
    # a Hessian only at theta = 0, at full-step trials and at accepted points
    allowed = [np.zeros(4)] + [s[1] for s in searches] + [s[2] for s in searches]
    with_hessian = [theta for want_hessian, theta in passes if want_hessian]
    for theta in with_hessian:
        assert any(np.array_equal(theta, a) for a in allowed)
    assert len(with_hessian) == 1 + result.n_iter + backtracked
    if stretch == 1.0:  # Newton's own steps: all accepted, n_iter + 1 passes
        assert halvings == [0] * result.n_iter
        assert result.n_passes == result.n_iter + 1 == len(with_hessian)
    else:  # too long by 8: halved, and no Hessian at the halved trials
        assert backtracked >= 3
    # each halved trial is one pass without a Hessian, and only they are
    assert len(passes) - len(with_hessian) == sum(halvings)


def test_fit_on_separable_data_without_penalty_does_not_converge():
    # no minimizer: the coefficients grow without bound while the gradient
    # vanishes; the old fit stopped there and claimed convergence
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 2))
    y = (X @ [1.0, -2.0] + 0.3 > 0).astype(float)
    result = bd.fit_newton(*chunk(X, y), l2=0.0, max_iter=30)
    assert not result.converged and result.n_iter == 30
    assert "no minimizer" in result.message
    assert np.all(np.isfinite(result.w)) and np.isfinite(result.b)
    h = np.array(result.loss_history)
    assert np.all(np.diff(h) <= 16 * np.finfo(float).eps * h[:-1])


def test_fit_with_a_duplicated_column_and_no_penalty():
    # H is singular: no raw LinAlgError from a Cholesky factorization, but
    # the pseudo-inverse step, which splits the weight between the copies
    X, y, _, _ = make_problem(n=80, d=2, seed=3)
    result = bd.fit_newton(*chunk(np.c_[X, X[:, 0]], y), l2=0.0)
    ref = newton(X, y, 0.0, tol=1e-10)
    assert result.converged and "not identifiable" in result.message
    assert result.w[0] == pytest.approx(result.w[2], abs=1e-10)
    np.testing.assert_allclose(
        [result.w[0] + result.w[2], result.w[1], result.b],
        [ref.w[0], ref.w[1], ref.b], atol=1e-9)


def test_fit_line_search_never_takes_a_point_where_J_rose():
    # nearly collinear columns (the fourth is a combination of two others
    # plus noise of size 8e-7): the Newton direction is poor, the old
    # line search gave up after 34 halvings and took its last trial point
    # anyway (J rose by 2e-11). Now a step that lowers J or nothing.
    rng = np.random.default_rng(132)
    X = rng.normal(size=(60, 3))
    a, b = 3 * rng.normal(size=2)
    noise = 10 ** rng.uniform(-9, -6)
    X = np.c_[X, a * X[:, 0] + b * X[:, 1] + noise * rng.normal(size=60)]
    y = (X[:, :3] @ [1.0, -1.0, 0.5] + rng.normal(size=60) > 0).astype(float)
    result = bd.fit_newton(*chunk(X, y, 30), l2=0.0, max_iter=20)
    h = np.array(result.loss_history)
    assert np.all(np.diff(h) <= 16 * np.finfo(float).eps * h[:-1])
    # and it gets as low as the in-memory fit (which stops at tol = 1e-8).
    # The problem is nearly singular, so the last digits of either J depend
    # on the order of the sums (BLAS build, NumPy and Dask versions): 1e-9
    # relative (measured up to 3e-11 with NumPy 1.26 and Dask 2024.8), not
    # the rounding level.
    assert h[-1] <= newton(X, y, 0.0).loss_history[-1] * (1 + 1e-9)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(max_iter=-1), "max_iter"),
        (dict(max_iter=0), "max_iter"),
        (dict(max_iter=2.5), "max_iter"),
        (dict(tol=-1.0), "tol"),
        (dict(tol=np.nan), "tol"),
        (dict(l2=-1.0), "l2"),
    ],
)
def test_fit_bad_arguments_are_named(kwargs, match):
    X, y, _, _ = make_problem(n=40, d=2)
    with pytest.raises(ValueError, match=match):
        bd.fit_newton(*chunk(X, y), **kwargs)


def test_empty_X_and_nonfinite_w_are_named():
    empty = da.zeros((0, 2), chunks=5), da.zeros(0, chunks=5)
    with pytest.raises(ValueError, match="X must have at least one row"):
        bd.fit_newton(*empty, l2=0.1)
    with pytest.raises(ValueError, match="X must have at least one row"):
        bd.loss(*empty, np.zeros(2), 0.0)
    X = da.ones((10, 2), chunks=5)
    with pytest.raises(ValueError, match="w must be finite"):
        bd.loss(X, da.zeros(10, chunks=5), np.array([np.nan, 1.0]), 0.0)


def test_bad_input_is_named():
    X = da.zeros((10, 2), chunks=5)
    with pytest.raises(ValueError, match=r"y must have shape \(n,\) = \(10,\)"):
        bd.loss(X, da.zeros(9, chunks=5), np.zeros(2), 0.0)
    with pytest.raises(ValueError, match="y must contain only the labels 0 and 1"):
        bd.loss(X, da.full(10, 2.0, chunks=5), np.zeros(2), 0.0)
    with pytest.raises(ValueError, match=r"w must have shape \(d,\) = \(2,\)"):
        bd.gradient(X, da.zeros(10, chunks=5), np.zeros(3), 0.0)
    bad = da.from_array(np.array([[0.0, np.nan]] * 10), chunks=5)
    with pytest.raises(ValueError, match="X must be finite"):
        bd.loss(bad, da.zeros(10, chunks=5), np.ones(2), 0.0)


_X10 = da.zeros((10, 2), chunks=5)
_Y10 = da.zeros(10, chunks=5)


@pytest.mark.parametrize("call, error, match", [
    (lambda: bd.as_row_chunked(da.zeros(10, chunks=5), _Y10), ValueError,
     r"^X must be a 2-D array of shape \(n, d\); got shape \(10,\)$"),
    (lambda: bd.as_row_chunked(_X10, da.zeros((10, 1), chunks=5)), ValueError,
     r"^y must have shape \(n,\) = \(10,\) to match the rows of X"),
    (lambda: bd.as_row_chunked(da.from_array(np.full((4, 2), "a")), da.zeros(4)),
     TypeError, "^X and y must hold real numbers$"),
    (lambda: bd.loss(_X10, da.zeros(10, chunks=5).astype(complex), np.zeros(2)),
     TypeError, "^X and y must hold real numbers$"),
    (lambda: bd.loss(da.zeros((0, 2), chunks=5), da.zeros(0, chunks=5), np.zeros(2)),
     ValueError, r"^X must have at least one row \(sample\)"),
    (lambda: bd.loss(_X10, da.full(10, 0.5, chunks=5), np.zeros(2)), ValueError,
     "^y must contain only the labels 0 and 1$"),
    (lambda: bd.hessian(_X10, _Y10, np.zeros(3)), ValueError,
     r"^w must have shape \(d,\) = \(2,\), one weight per column of X"),
    (lambda: bd.loss(_X10, _Y10, np.array([1.0, np.inf])), ValueError, "^w must be finite"),
    (lambda: bd.loss(_X10, _Y10, np.zeros(2), b=np.nan), ValueError, "^b must be finite"),
    (lambda: bd.loss(_X10, _Y10, np.zeros(2), b=np.zeros(2)), ValueError,
     "^b must be a scalar"),
    (lambda: bd.partial_sums(da.full((10, 2), np.inf, chunks=5), _Y10, np.ones(2), 0.0),
     ValueError, r"^X must be finite: z = X @ w \+ b is NaN or infinite in a block"),
    (lambda: bd.fit_newton(da.full((10, 2), np.nan, chunks=5), _Y10, l2=0.1),
     ValueError, r"^X must be finite: z = X @ w \+ b is NaN or infinite in a block"),
], ids=["X_1d", "y_column", "X_strings", "y_complex", "no_rows", "labels", "w_shape",
        "w_inf", "b_nan", "b_array", "X_inf_sums", "X_nan_fit"])
def test_refusals(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_import_bce_does_not_import_dask():
    import subprocess
    import sys

    code = "import sys, bce; assert 'dask' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
