r"""The training objective of logistic regression: its value, gradient and Hessian.

This module owns the mathematics that every solver, chapter and benchmark
calls; nothing else in :mod:`bce` re-derives it.

The objective is the (weighted) mean binary cross-entropy plus an L2 penalty
that leaves the intercept alone:

.. math::

    J(w, b) = \sum_{i=1}^{n} \omega_i \operatorname{BCE}(y_i, \sigma(z_i))
              + \frac{\lambda}{2}\lVert w \rVert^2,
    \qquad z = X w + b,

with :math:`\omega_i = 1/n` (the mean) or, given sample weights :math:`v_i`,
:math:`\omega_i = v_i / \sum_j v_j`. A weight of 2 on a row is the same
objective as that row repeated once. (The chapters write :math:`s_i` for
the curvature weight :math:`p_i(1 - p_i)`; :math:`\omega_i` here is the
weight of a sample.)

Conventions
-----------
* ``X`` is (n, d), one row per sample; ``y`` is (n,) with values in {0, 1};
  ``w`` is (d,); ``b`` is a scalar; ``l2`` is :math:`\lambda \ge 0`.
* Gradients are in denominator layout (a gradient has the shape of what it
  differentiates by): :math:`\nabla_w J = X^\top \omega\odot(p - y) + \lambda w`
  is (d,), :math:`\partial J/\partial b = \sum_i \omega_i (p_i - y_i)` is a scalar.
* The Hessian is taken with respect to :math:`\theta = (w, b)`, bias last:
  :math:`H = \tilde X^\top \operatorname{diag}(\omega \odot p \odot (1-p)) \tilde X`
  plus :math:`\lambda` on the diagonal of the :math:`w` block, with
  :math:`\tilde X = [X, \mathbf 1]`, shape (d + 1, d + 1).
* scikit-learn's ``LogisticRegression(C)`` minimizes
  :math:`C \sum_i \operatorname{BCE}_i + \lVert w \rVert^2 / 2`, which has
  the same minimizer when :math:`\lambda = 1 / (C n)`.

The loss is evaluated from logits (the kernel :func:`bce.losses.bce_terms`),
never as ``log(sigmoid(.))``. Each public function checks its arguments once
(``bce.validation.check_objective_args``, O(n + d): a NaN or inf in
``X`` shows in the result and is then named) and calls a kernel that checks
nothing: ``_loss_and_gradient`` (the one loss-and-gradient path, which
the solvers and the estimator's fit use too) or ``_hessian``.

The chapters :doc:`/chapters/matrix_gradient` and
:doc:`/chapters/hessian_convexity` prove these formulas with SymPy.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from .losses import bce_terms
from .validation import check_finite_result, check_objective_args

__all__ = ["loss", "gradient", "hessian", "loss_and_gradient"]


# Rows are processed in blocks of about this many bytes of X (512 KiB):
# small enough that a block read for z = X w is still in the core's own
# cache (L2) when X^T r reads it again; large enough that the Python
# overhead per block stays small. The block-size sweep of bench/run.py
# (the `blocks` rows of bench/RESULTS.md) measures the choice.
_BLOCK_BYTES = 1 << 19


def _row_blocks(n: int, d: int):
    """Slices of consecutive rows, each about ``_BLOCK_BYTES`` of X."""
    step = max(256, _BLOCK_BYTES // (8 * max(d, 1)))
    for start in range(0, n, step):
        yield slice(start, min(start + step, n))


def _penalty(l2: float, w: np.ndarray) -> float:
    """(lambda / 2) |w|^2, exactly 0 when l2 = 0 (even where w @ w overflows)."""
    return 0.5 * l2 * float(w @ w) if l2 else 0.0


def _loss_and_gradient(X, y, w, b, l2, omega, want_loss=True, want_grad=True):
    r"""The kernel: :math:`J`, :math:`\nabla_w J` and :math:`\partial J/\partial b`.

    One pass over ``X``, a block of rows at a time: each block is read for
    :math:`z = X_B w + b` and, while still in cache, for its share of
    :math:`X^\top (\omega \odot (p - y))`. Checks nothing: the arguments
    are those ``bce.validation.check_objective_args`` returns
    (``omega`` sums to 1). Returns ``(value, grad_w, grad_b)``, with None
    for what was not asked for.
    Taught in :doc:`/chapters/matrix_gradient`.
    """
    n, d = X.shape
    value, grad_w, grad_b = 0.0, np.zeros(d), 0.0
    for rows in _row_blocks(n, d):
        Xb = X[rows]
        z = Xb @ w + b
        loss_i, r, _ = bce_terms(y[rows], z, want_loss, want_grad)
        if want_loss:
            value += omega[rows] @ loss_i
        if want_grad:
            r *= omega[rows]
            grad_w += r @ Xb
            grad_b += r.sum()
    if not want_grad:
        return float(value) + _penalty(l2, w), None, None
    grad_w += l2 * w
    value = float(value) + _penalty(l2, w) if want_loss else None
    return value, grad_w, float(grad_b)


def _hessian(X, z, omega, l2):
    r"""The kernel: :math:`H = \tilde X^\top \operatorname{diag}(\omega\odot p
    \odot (1-p)) \tilde X + \lambda I_w`, bias last, from the logits ``z``.

    Block by block, :math:`(\sqrt q X_B)^\top (\sqrt q X_B)`, which NumPy
    hands to BLAS's symmetric rank-k update (half the flops of a general
    product, and exactly symmetric; whether it also takes less time
    depends on the BLAS and the block size); no (n, n) matrix and no
    (n, d) temporary. Checks nothing.
    Taught in :doc:`/chapters/hessian_convexity`.
    """
    d = X.shape[1]
    _, _, curvature = bce_terms(None, z, False, False, True)
    q = omega * curvature
    H = np.zeros((d + 1, d + 1))
    for rows in _row_blocks(*X.shape):
        A = X[rows] * np.sqrt(q[rows])[:, None]
        H[:d, :d] += A.T @ A
    H[:d, d] = H[d, :d] = q @ X
    H[d, d] = q.sum()
    H[np.arange(d), np.arange(d)] += l2
    return H


def loss(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float = 0.0,
    l2: float = 0.0,
    sample_weight: ArrayLike | None = None,
) -> float:
    r"""Mean binary cross-entropy of a linear model, plus an L2 penalty.

    .. math::

        J(w, b) = \frac{1}{n}\sum_{i=1}^{n}
        \operatorname{softplus}\bigl((1 - 2 y_i) z_i\bigr)
        + \frac{\lambda}{2} \lVert w \rVert^2, \qquad z = X w + b

    (a weighted mean when ``sample_weight`` is given; the bias is not
    penalized).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Design matrix, one row per sample.
    y : array_like, shape (n,)
        Labels, 0 or 1.
    w : array_like, shape (d,)
        Weights.
    b : float, default 0.0
        Intercept (bias).
    l2 : float, default 0.0
        L2 strength :math:`\lambda \ge 0`.
    sample_weight : array_like, shape (n,), optional
        Non-negative weights of the samples.

    Returns
    -------
    float
        :math:`J(w, b) \ge 0`.

    Raises
    ------
    ValueError, TypeError
        On a wrong shape or dtype, labels outside {0, 1}, or a NaN/inf in
        ``X`` (found in ``z``), naming the argument.
    """
    args = check_objective_args(X, y, w, b, l2, sample_weight)
    with np.errstate(over="ignore", invalid="ignore"):  # named just below
        value, _, _ = _loss_and_gradient(*args, want_grad=False)
    check_finite_result([value], args[0])
    return value


def gradient(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float = 0.0,
    l2: float = 0.0,
    sample_weight: ArrayLike | None = None,
) -> tuple[np.ndarray, float]:
    r"""Gradient of :func:`loss` with respect to the weights and the bias.

    .. math::

        \nabla_w J = \frac{1}{n} X^\top (p - y) + \lambda w, \qquad
        \frac{\partial J}{\partial b} = \frac{1}{n}\sum_{i=1}^{n}(p_i - y_i),
        \qquad p = \sigma(X w + b).

    Shapes: ``X.T`` is (d, n) and ``p - y`` is (n,), so the product is (d,),
    the shape of ``w`` (denominator layout).

    Parameters
    ----------
    X, y, w, b, l2, sample_weight
        As in :func:`loss`.

    Returns
    -------
    grad_w : ndarray, shape (d,)
    grad_b : float
    """
    args = check_objective_args(X, y, w, b, l2, sample_weight)
    with np.errstate(over="ignore", invalid="ignore"):  # named just below
        _, grad_w, grad_b = _loss_and_gradient(*args, want_loss=False)
    check_finite_result([grad_w, grad_b], args[0])
    return grad_w, grad_b


def loss_and_gradient(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float = 0.0,
    l2: float = 0.0,
    sample_weight: ArrayLike | None = None,
) -> tuple[float, np.ndarray, float]:
    r"""The value and the gradient of :func:`loss` from one pass.

    Computes :math:`z = X w + b` once and shares it, as a solver wants.

    Parameters
    ----------
    X, y, w, b, l2, sample_weight
        As in :func:`loss`.

    Returns
    -------
    value : float
        As :func:`loss`.
    grad_w : ndarray, shape (d,)
    grad_b : float
        As :func:`gradient`.
    """
    args = check_objective_args(X, y, w, b, l2, sample_weight)
    with np.errstate(over="ignore", invalid="ignore"):  # named just below
        value, grad_w, grad_b = _loss_and_gradient(*args)
    check_finite_result([value, grad_w, grad_b], args[0])
    return value, grad_w, grad_b


def hessian(
    X: ArrayLike,
    y: ArrayLike,
    w: ArrayLike,
    b: float = 0.0,
    l2: float = 0.0,
    sample_weight: ArrayLike | None = None,
) -> np.ndarray:
    r"""Hessian of :func:`loss` with respect to :math:`\theta = (w, b)`, bias last.

    .. math::

        H = \frac{1}{n}\tilde X^\top \operatorname{diag}\bigl(p \odot (1 - p)\bigr)
        \tilde X + \begin{bmatrix} \lambda I_d & 0 \\ 0 & 0 \end{bmatrix},
        \qquad \tilde X = [X, \mathbf 1].

    The diagonal matrix is never formed: the rows of ``X`` are scaled by
    the n weights :math:`p_i(1-p_i)/n` instead. :math:`p(1-p)` is computed as
    :math:`e^{-|z|}/(1+e^{-|z|})^2`, which stays accurate where
    :math:`p` has rounded to 0 or 1. ``H`` is symmetric positive
    semidefinite; it is definite when ``l2 > 0``, on any data (the
    intercept's curvature :math:`\tfrac1n\sum_i p_i(1-p_i)` is positive),
    or when :math:`\tilde X` has full column rank. In float64 the
    curvature weights underflow to 0 once :math:`|z_i|` exceeds about
    :math:`745.13 - \ln n` (:doc:`/chapters/hessian_convexity`).

    Parameters
    ----------
    X, y, w, b, l2, sample_weight
        As in :func:`loss`.

    Returns
    -------
    ndarray, shape (d + 1, d + 1)
        Rows and columns ordered as ``(w_1, ..., w_d, b)``.
    """
    X, y, w, b, l2, omega = check_objective_args(X, y, w, b, l2, sample_weight)
    with np.errstate(over="ignore", invalid="ignore"):  # named just below
        H = _hessian(X, X @ w + b, omega, l2)
    check_finite_result([H], X)
    return H
