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
:mod:`bce.objective` (its kernels ``_loss_and_gradient`` and ``_hessian``,
over :func:`bce.losses.bce_terms`), and Dask's scheduler (threads by default; a
``dask.distributed.Client(address)`` for a cluster) runs the blocks in
parallel and sums the results.

The chapter :doc:`/chapters/scale_out` uses it on a seeded 2,000,000 x 20
array written to files in 8 chunks of 250,000 rows (``da.to_npy_stack``)
and read back chunk by chunk (``da.from_npy_stack``), and counts the passes
over ``X`` that :func:`fit_newton` makes. Importing this module imports
Dask; ``import bce`` does not.
"""

from __future__ import annotations

from typing import NamedTuple

import dask
import dask.array as da
import numpy as np

from .objective import _hessian, _loss_and_gradient, _penalty
from .solvers import _newton_loop
from .validation import (
    _check_int,
    check_chunked_design,
    check_finite_sums,
    check_l2,
    check_real,
    check_row_chunked,
)

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
    check_row_chunked(X, y)
    X = X.astype(np.float64).rechunk({1: -1})
    y = y.astype(np.float64).rechunk({0: X.chunks[0]})
    return X, y


def _block_sums(Xb, yb, w, b, want_hessian, want_extremes=False):
    r"""One block's unnormalized sums: (n_b, sum loss, X^T r, sum r[, H]).

    The kernels of :mod:`bce.objective`, called with unit sample weights
    and no penalty, so that they return the block's plain sums. With
    ``want_extremes`` the sums are followed by ``(sum y, min margin,
    max |z|)``, margins :math:`(2y_i - 1) z_i`, which :func:`fit_newton`
    needs to tell whether J has a minimizer. Checks nothing.
    Taught in :doc:`/chapters/scale_out`.
    """
    ones = np.ones(len(yb))
    with np.errstate(over="ignore", invalid="ignore"):  # named by check_finite_sums
        value, xr, r_sum = _loss_and_gradient(Xb, yb, w, b, 0.0, ones)
        out = [float(len(yb)), value, xr, r_sum]
        if want_hessian or want_extremes:
            z = Xb @ w + b
        if want_hessian:
            out.append(_hessian(Xb, z, ones, 0.0))
    if not want_extremes:
        return tuple(out)
    margins = (2.0 * yb - 1.0) * z
    extremes = (float(yb.sum()), float(np.min(margins, initial=np.inf)),
                float(np.max(np.abs(z), initial=0.0)))
    return tuple(out), extremes


def _check_arguments(X, y, w, b):
    """X and y chunked alike, labels 0 or 1, w and b finite: checked once."""
    X, y = as_row_chunked(X, y)
    w, b = check_chunked_design(X, y, w, b)  # w finite: named, not "X must be finite"
    return X, y, w, b


def _delayed_blocks(X, y, w, b, want_hessian, want_extremes=False):
    """One delayed :func:`_block_sums` per row block (arguments checked)."""
    return [
        dask.delayed(_block_sums)(xb, yb, w, b, want_hessian, want_extremes)
        for xb, yb in zip(X.to_delayed().ravel(), y.to_delayed().ravel())
    ]


def partial_sums(X: da.Array, y: da.Array, w, b: float, want_hessian: bool = False):
    r"""Per-block sums, added up by Dask: the map-reduce behind this module.

    Parameters
    ----------
    X : dask.array.Array, shape (n, d), chunked by rows (see :func:`as_row_chunked`)
    y : dask.array.Array, shape (n,), chunked like the rows of ``X``
    w : array_like, shape (d,)
        Finite.
    b : float
    want_hessian : bool
        Also sum the blocks' :math:`\tilde X_b^\top \operatorname{diag}(q)
        \tilde X_b`.

    Returns
    -------
    tuple
        ``(n, sum_i loss_i, X^T r, sum_i r_i)`` and, if asked, the summed
        (d + 1, d + 1) matrix; NumPy values, computed in one pass over ``X``.

    Raises
    ------
    ValueError
        Naming the argument: ``X`` without rows, ``w`` of the wrong shape or
        not finite, labels other than 0 and 1, a NaN or inf in ``X``.
    """
    X, y, w, b = _check_arguments(X, y, w, b)
    blocks = _delayed_blocks(X, y, w, b, want_hessian)
    return check_finite_sums(dask.delayed(_add_up)(blocks).compute())


def _add_up(parts):
    return tuple(sum(values) for values in zip(*parts))


def _add_up_with_extremes(parts):
    sums = _add_up([p[0] for p in parts])
    y_sums, min_margins, max_abs_z = zip(*(p[1] for p in parts))
    return sums, (sum(y_sums), min(min_margins), max(max_abs_z))


class _Evaluation(NamedTuple):
    loss: float
    grad_w: np.ndarray
    grad_b: float
    hessian: np.ndarray | None


def _evaluate(X, y, w, b, l2, want_hessian) -> _Evaluation:
    l2 = check_l2(l2)
    return _from_sums(partial_sums(X, y, w, b, want_hessian), w, l2, want_hessian)


def _from_sums(sums, w, l2, want_hessian) -> _Evaluation:
    """J, its gradient and Hessian from the summed blocks (divide by n once)."""
    n, loss_sum, xr, r_sum = sums[:4]
    w = np.asarray(w, dtype=np.float64)
    value = loss_sum / n + _penalty(l2, w)
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
    """Result of :func:`fit_newton`: weights, intercept, iterations, history.

    Attributes
    ----------
    w : ndarray, shape (d,)
    b : float
    n_iter : int
        Newton steps taken.
    loss_history : list of float
        :math:`J` at the start and after each step (``n_iter + 1`` values).
    converged : bool
        As :attr:`bce.solvers.SolverResult.converged`.
    message : str
        Why the fit stopped, as :attr:`bce.solvers.SolverResult.message`.
    n_passes : int
        Passes over the blocks of ``X``: ``n_iter + 1`` when every full
        Newton step is accepted (see :func:`fit_newton`).
    """

    w: np.ndarray
    b: float
    n_iter: int
    loss_history: list
    converged: bool
    message: str = ""
    n_passes: int = 0


class _Point(NamedTuple):
    """Everything the Newton loop asks about one theta, from one pass.

    ``hess`` is None when that pass did not compute the Hessian.
    """

    loss: float
    grad: np.ndarray
    hess: np.ndarray
    y_sum: float
    n: float
    min_margin: float
    max_abs_z: float


class _ChunkedProblem:
    """J on a chunked X, seen as a function of theta = (w, b), bias last.

    It offers the methods of :class:`bce.solvers._Problem` that the Newton
    loop of :mod:`bce.solvers` calls, computed from the blocks' sums. Each
    new theta costs one pass over ``X``: value, gradient and the margins
    that :meth:`no_minimizer` needs, and the Hessian only where it will
    probably be used. The loop asks for the Hessian at the accepted point,
    and its line search then tries the full Newton step (alpha = 1) first:
    so the pass after each :meth:`hess` computes the Hessian too, and the
    passes at backtracked trials (alpha = 1/2, 1/4, ...) do not. An
    accepted full step thus delivers the next Hessian with no pass of its
    own; an accepted backtracked point costs one more pass, for its
    Hessian. The last point is kept, so asking again costs nothing.
    ``passes`` counts the passes.
    """

    fit_intercept = True

    def __init__(self, X, y, l2):
        self.X, self.y, self.l2 = X, y, l2
        self.d = X.shape[1]
        self._theta, self._point = None, None
        self._full_step_next = True  # the first point (theta = 0) needs H
        self.passes = 0

    def size(self) -> int:
        return self.d + 1

    def _at(self, theta: np.ndarray, want_hessian: bool = False) -> _Point:
        new = self._theta is None or not np.array_equal(theta, self._theta)
        if new or (want_hessian and self._point.hess is None):
            w, b = theta[: self.d], float(theta[self.d])
            blocks = _delayed_blocks(self.X, self.y, w, b, want_hessian, True)
            sums, (y_sum, min_margin, max_abs_z) = (
                dask.delayed(_add_up_with_extremes)(blocks).compute())
            e = _from_sums(sums, w, self.l2, want_hessian)
            self._theta, self.passes = theta.copy(), self.passes + 1
            self._point = _Point(e.loss, np.append(e.grad_w, e.grad_b),
                                 e.hessian, y_sum, sums[0], min_margin, max_abs_z)
        return self._point

    def loss_grad(self, theta: np.ndarray):
        t = self._at(theta, want_hessian=self._full_step_next)
        self._full_step_next = False
        return (t.loss if np.isfinite(t.loss) else np.inf), t.grad

    def gauge(self, g: np.ndarray) -> float:
        """max|g|: the stopping rule here is in the units of the features."""
        return float(np.max(np.abs(g)))

    def hess(self, theta: np.ndarray) -> np.ndarray:
        H = self._at(theta, want_hessian=True).hess
        self._full_step_next = True  # the line search tries alpha = 1 next
        return H

    def no_minimizer(self, theta: np.ndarray) -> bool:
        """One class only, or (``l2 = 0``) every margin > 0: no minimizer.

        The test of :meth:`bce.solvers._Problem.no_minimizer`, from the sums.
        """
        t = self._at(theta)
        if t.y_sum == 0.0 or t.y_sum == t.n:
            return True
        return self.l2 == 0.0 and t.min_margin > 0.0

    def max_abs_logit(self, theta: np.ndarray) -> float:
        return self._at(theta).max_abs_z


def fit_newton(X, y, l2: float = 0.0, tol: float = 1e-10, max_iter: int = 50,
               ) -> DaskFitResult:
    r"""Minimize :math:`J(w, b)` by Newton's method on a chunked ``X``.

    The iteration is :func:`bce.solvers.newton`'s, run on sums over the
    blocks instead of in-memory arrays: each trial point of the line search
    makes one pass over the blocks for the value and the gradient, and the
    pass at the full Newton step (alpha = 1) computes the Hessian there as
    well, so that an accepted full step needs no pass for the next
    Hessian; backtracked trials (alpha < 1) compute none, and a
    backtracked point that is accepted costs one more pass, for its
    Hessian. Passes over ``X``: one at the start, then one per iteration
    whose full step is accepted and ``m + 2`` per iteration that halves
    the step ``m`` times (``m + 1`` if the fit stops there), counted in
    ``DaskFitResult.n_passes``. The
    (d + 1) x (d + 1) system is solved on the client by the rule of
    :func:`bce.solvers.newton` (Cholesky of the diagonally scaled Hessian
    when its condition estimate shows that the solve is accurate, else the
    pseudo-inverse step: never a raw ``LinAlgError`` on collinear columns);
    the step length comes from the same backtracking (Armijo) line search,
    which never accepts a point where :math:`J` rose; and the same stopping
    rule applies: :math:`\max_j |\nabla J|_j \le` ``tol``, a last step below
    ``1e-4 * (1 + max|theta|)``, and no proof that :math:`J` has no
    minimizer (one class, or with ``l2 = 0`` all rows classified correctly:
    then the fit runs to ``max_iter`` and reports ``converged=False``, since
    the coefficients grow without bound). Sharing the code is what makes
    the two fits agree, iteration for iteration.

    Parameters
    ----------
    X : dask.array.Array or array_like, shape (n, d)
        n >= 1.
    y : dask.array.Array or array_like, shape (n,)
        Labels 0 and 1.
    l2 : float
        :math:`\lambda \ge 0`; scikit-learn's ``C`` corresponds to
        :math:`\lambda = 1/(C n)`. Use ``l2 > 0`` on separable data.
    tol : float
        ``>= 0``.
    max_iter : int
        ``>= 1``.

    Returns
    -------
    DaskFitResult

    Raises
    ------
    ValueError
        Naming the argument: a bad ``l2``, ``tol`` or ``max_iter``, an
        ``X`` without rows, labels other than 0 and 1, NaN or inf in ``X``.
    """
    X, y, _, _ = _check_arguments(X, y, np.zeros(np.shape(X)[-1]), 0.0)
    l2, max_iter = check_l2(l2), _check_int(max_iter, "max_iter", 1)
    tol = check_real(tol, "tol")
    problem = _ChunkedProblem(X, y, l2)
    check_finite_sums([problem.loss_grad(np.zeros(problem.size()))[1]])  # NaN/inf in X
    theta, losses, grads, converged, message = _newton_loop(
        problem, max_iter, tol, name="fit_newton")
    d = problem.d
    return DaskFitResult(theta[:d].copy(), float(theta[d]), len(losses) - 1,
                         [float(v) for v in losses], converged, message,
                         problem.passes)
