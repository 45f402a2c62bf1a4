r"""The same objective on chunked arrays: loss, gradient, Hessian and a fit on Dask.

The mean loss and its derivatives are sums over rows,

.. math::

    J = \sum_i s_i \ell_i + \tfrac{\lambda}{2}\lVert w\rVert^2, \qquad
    \nabla_w J = \sum_i s_i r_i x_i + \lambda w, \qquad
    H = \sum_i s_i q_i \tilde x_i \tilde x_i^\top + \lambda I_w,

so each block of rows can compute its share where it lives, and only a few
numbers per block (a scalar, a (d,) vector, a (d+1, d+1) matrix) travel to be
added up. This module does exactly that on a :mod:`dask.array` ``X``
chunked by rows: every block runs the very NumPy code of
:mod:`bce.objective` (``_terms``, the one owner of the per-sample
formulas), and Dask's scheduler (threads by default; a
``dask.distributed.Client(address)`` for a cluster) runs the blocks in
parallel and sums the results.

The chapter :doc:`/chapters/scale_out` uses it on a seeded 2,000,000 x 20
array in 8 chunks of 250,000 rows. Importing this module imports Dask;
``import bce`` does not.
"""

from __future__ import annotations

from typing import NamedTuple

import dask
import dask.array as da
import numpy as np
from scipy.linalg import cho_factor, cho_solve

from .objective import _terms
from .validation import check_intercept, check_l2, check_labels01

__all__ = ["as_row_chunked", "partial_sums", "loss", "gradient", "hessian",
           "loss_gradient_hessian", "fit_newton", "DaskFitResult"]


def as_row_chunked(X, y) -> tuple[da.Array, da.Array]:
    """Return ``X`` chunked by rows only (all d columns in each block) and ``y``
    chunked like the rows of ``X``.

    Parameters
    ----------
    X : dask.array.Array or array_like, shape (n, d)
    y : dask.array.Array or array_like, shape (n,)

    Returns
    -------
    X, y : dask.array.Array
        float64, with ``X.chunks[1] == (d,)`` and ``y.chunks[0] == X.chunks[0]``.
    """
    X = da.asarray(X)
    y = da.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n, d); got shape {X.shape}")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape (n,) = ({X.shape[0]},) to match the rows of X; "
            f"got shape {y.shape}"
        )
    if X.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
        raise TypeError("X and y must hold real numbers")
    X = X.astype(np.float64).rechunk({1: -1})
    y = y.astype(np.float64).rechunk({0: X.chunks[0]})
    return X, y


def _block_sums(Xb, yb, w, b, want_hessian):
    """One block's unnormalized sums: (n_b, sum loss, X^T r, sum r[, H])."""
    yb = check_labels01(yb, "y")
    with np.errstate(invalid="ignore", over="ignore"):
        z = Xb @ w + b
    if not np.all(np.isfinite(z)):
        raise ValueError("X must be finite: z = X @ w + b is NaN or infinite "
                         "in a block")
    per_sample, r = _terms(yb, z, True, True)
    out = [float(len(yb)), float(per_sample.sum()), r @ Xb, float(r.sum())]
    if want_hessian:
        e = np.exp(-np.abs(z))
        q = e / (1.0 + e) ** 2
        d = Xb.shape[1]
        H = np.empty((d + 1, d + 1))
        A = Xb * np.sqrt(q)[:, None]
        H[:d, :d] = A.T @ A
        H[:d, d] = H[d, :d] = q @ Xb
        H[d, d] = q.sum()
        out.append(H)
    return tuple(out)


def partial_sums(X: da.Array, y: da.Array, w, b: float, want_hessian: bool = False):
    r"""Per-block sums, added up by Dask: the map-reduce behind this module.

    Parameters
    ----------
    X : dask.array.Array, shape (n, d), chunked by rows (see :func:`as_row_chunked`)
    y : dask.array.Array, shape (n,), chunked like the rows of ``X``
    w : array_like, shape (d,)
    b : float
    want_hessian : bool
        Also sum the blocks' :math:`\tilde X_b^\top \operatorname{diag}(q)
        \tilde X_b`.

    Returns
    -------
    tuple
        ``(n, sum_i loss_i, X^T r, sum_i r_i)`` and, if asked, the summed
        (d + 1, d + 1) matrix; NumPy values, computed in one pass over ``X``.
    """
    X, y = as_row_chunked(X, y)
    w = np.asarray(w, dtype=np.float64)
    if w.shape != (X.shape[1],):
        raise ValueError(f"w must have shape (d,) = ({X.shape[1]},); got {w.shape}")
    b = check_intercept(b)
    blocks = [
        dask.delayed(_block_sums)(xb, yb, w, b, want_hessian)
        for xb, yb in zip(X.to_delayed().ravel(), y.to_delayed().ravel())
    ]
    total = dask.delayed(_add_up)(blocks)
    return total.compute()


def _add_up(parts):
    return tuple(sum(values) for values in zip(*parts))


class _Evaluation(NamedTuple):
    loss: float
    grad_w: np.ndarray
    grad_b: float
    hessian: np.ndarray | None


def _evaluate(X, y, w, b, l2, want_hessian) -> _Evaluation:
    l2 = check_l2(l2)
    sums = partial_sums(X, y, w, b, want_hessian)
    n, loss_sum, xr, r_sum = sums[:4]
    w = np.asarray(w, dtype=np.float64)
    value = loss_sum / n + 0.5 * l2 * (w @ w)
    grad_w = xr / n + l2 * w
    H = None
    if want_hessian:
        d = w.size
        H = sums[4] / n
        H[np.arange(d), np.arange(d)] += l2
    return _Evaluation(float(value), grad_w, r_sum / n, H)


def loss(X, y, w, b: float = 0.0, l2: float = 0.0) -> float:
    r""":func:`bce.loss` on a chunked ``X``: the mean BCE plus :math:`\tfrac{\lambda}{2}\lVert w\rVert^2`.

    Parameters
    ----------
    X : dask.array.Array or array_like, shape (n, d)
    y : dask.array.Array or array_like, shape (n,), labels 0 or 1
    w : array_like, shape (d,)
    b : float
    l2 : float

    Returns
    -------
    float
    """
    return _evaluate(X, y, w, b, l2, False).loss


def gradient(X, y, w, b: float = 0.0, l2: float = 0.0) -> tuple[np.ndarray, float]:
    r""":func:`bce.gradient` on a chunked ``X``: :math:`X^\top(p - y)/n + \lambda w` and :math:`\operatorname{mean}(p - y)`.

    Returns
    -------
    grad_w : ndarray, shape (d,)
    grad_b : float
    """
    e = _evaluate(X, y, w, b, l2, False)
    return e.grad_w, e.grad_b


def hessian(X, y, w, b: float = 0.0, l2: float = 0.0) -> np.ndarray:
    r""":func:`bce.hessian` on a chunked ``X``: :math:`\tilde X^\top \operatorname{diag}(p(1-p))\tilde X / n` (+ :math:`\lambda` on the w block).

    Returns
    -------
    ndarray, shape (d + 1, d + 1)
        Bias last.
    """
    return _evaluate(X, y, w, b, l2, True).hessian


def loss_gradient_hessian(X, y, w, b: float = 0.0, l2: float = 0.0):
    """Value, gradient and Hessian from one pass over the blocks of ``X``.

    Returns
    -------
    value : float
    grad_w : ndarray, shape (d,)
    grad_b : float
    H : ndarray, shape (d + 1, d + 1)
    """
    return tuple(_evaluate(X, y, w, b, l2, True))


class DaskFitResult(NamedTuple):
    """Result of :func:`fit_newton`: weights, intercept, iterations, history."""

    w: np.ndarray
    b: float
    n_iter: int
    loss_history: list
    converged: bool


def fit_newton(X, y, l2: float = 0.0, tol: float = 1e-10, max_iter: int = 50,
               ) -> DaskFitResult:
    r"""Minimize :math:`J(w, b)` by Newton's method on a chunked ``X``.

    Each iteration makes one pass over the blocks for the value, the
    gradient and the Hessian together, solves the (d + 1) x (d + 1) system
    by Cholesky on the client, and backtracks (Armijo) with one pass per
    trial step. Stops when :math:`\max_j |\nabla J|_j \le` ``tol``.

    Parameters
    ----------
    X : dask.array.Array or array_like, shape (n, d)
    y : dask.array.Array or array_like, shape (n,)
    l2 : float
        :math:`\lambda`; scikit-learn's ``C`` corresponds to
        :math:`\lambda = 1/(C n)`. Use ``l2 > 0`` on separable data.
    tol : float
    max_iter : int

    Returns
    -------
    DaskFitResult
    """
    X, y = as_row_chunked(X, y)
    d = X.shape[1]
    theta = np.zeros(d + 1)
    history = []
    for it in range(max_iter + 1):
        f, gw, gb, H = loss_gradient_hessian(X, y, theta[:d], theta[d], l2)
        g = np.append(gw, gb)
        history.append(f)
        if np.max(np.abs(g)) <= tol:
            return DaskFitResult(theta[:d].copy(), float(theta[d]), it, history, True)
        if it == max_iter:
            break
        step = -cho_solve(cho_factor(H), g)
        alpha = 1.0
        while alpha > 1e-10:
            trial = theta + alpha * step
            if loss(X, y, trial[:d], trial[d], l2) <= f + 1e-4 * alpha * (g @ step):
                break
            alpha /= 2
        theta = trial
    return DaskFitResult(theta[:d].copy(), float(theta[d]), max_iter, history, False)
