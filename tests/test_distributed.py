"""Tests of bce/distributed.py: the objective on Dask arrays equals bce's."""

import dask.array as da
import numpy as np
import pytest
from conftest import make_problem

import bce
import bce.distributed as bd


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


def test_import_bce_does_not_import_dask():
    import subprocess
    import sys

    code = "import sys, bce; assert 'dask' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
