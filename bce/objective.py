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

The loss is evaluated from logits (:func:`bce.bce_with_logits`), never as
``log(sigmoid(.))``. Input checks cost O(n + d), not O(n d): a NaN or inf in
``X`` is caught in ``z`` (see ``bce.validation.check_logits_finite``).

The chapters :doc:`/chapters/matrix_gradient` and
:doc:`/chapters/hessian_convexity` prove these formulas with SymPy.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import expit

from .functions import sigmoid, softplus
from .validation import (
    _scaled_weights,
    check_design,
    check_intercept,
    check_l2,
    check_logits_finite,
    check_sample_weight,
)

__all__ = ["loss", "gradient", "hessian", "loss_and_gradient", "Intermediates"]


class Intermediates(NamedTuple):
    """Quantities shared by the loss, the gradient and the Hessian.

    Attributes
    ----------
    X : ndarray, shape (n, d)
    y : ndarray, shape (n,)
    w : ndarray, shape (d,)
    b : float
    l2 : float
    s : ndarray, shape (n,)
        Weight of each sample in the mean, summing to 1 (``1/n`` each
        without sample weights).
    z : ndarray, shape (n,)
        Logits ``X @ w + b``.
    """

    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: float
    l2: float
    s: np.ndarray
    z: np.ndarray


# Rows are processed in blocks of about this many bytes of X (4 MiB): small
# enough that a block read for z = X w is still in the last-level cache when
# X^T r reads it again, so the gradient streams X from memory once; large
# enough that the Python overhead per block stays negligible (measured in
# bench/run.py: 1 MiB blocks cost more in overhead than they save).
_BLOCK_BYTES = 1 << 22


def _row_blocks(n: int, d: int):
    """Slices of consecutive rows, each about ``_BLOCK_BYTES`` of X."""
    step = max(256, _BLOCK_BYTES // (8 * max(d, 1)))
    for start in range(0, n, step):
        yield slice(start, min(start + step, n))


def _validate(X, y, w, b, l2, sample_weight):
    """Checked float64 inputs and the sample weights omega (summing to 1)."""
    X, y, w = check_design(X, y, w)
    if w is None:
        raise TypeError("w must be given: an array of shape (d,)")
    b = check_intercept(b)
    l2 = check_l2(l2)
    n = X.shape[0]
    sw = check_sample_weight(sample_weight, n)
    if sw is None:
        return X, y, w, b, l2, np.full(n, 1.0 / n)
    sw, _ = _scaled_weights(sw)  # exact; the sum below cannot overflow
    return X, y, w, b, l2, sw / sw.sum()


def _logits(X: np.ndarray, w: np.ndarray, b: float, offset: int = 0) -> np.ndarray:
    # A NaN/inf in X, or an overflow, shows up in z; it is reported by name
    # right here, so the floating-point flags of the product are not needed.
    with np.errstate(invalid="ignore", over="ignore"):
        z = X @ w
    z += b
    check_logits_finite(z, offset)
    return z


def _prepare(X, y, w, b, l2, sample_weight) -> Intermediates:
    X, y, w, b, l2, s = _validate(X, y, w, b, l2, sample_weight)
    return Intermediates(X, y, w, b, l2, s, _logits(X, w, b))


def _terms(y: np.ndarray, z: np.ndarray, want_loss: bool, want_grad: bool):
    """Per-sample loss and residual p - y from the signed logit.

    With t = 1 - 2y (+1 for y = 0, -1 for y = 1) and u = t z:
    BCE = softplus(u) = max(u, 0) + log1p(exp(-|u|)) and
    p - y = t * sigmoid(u). The second form keeps full relative precision
    where p rounds to y (sigmoid(z) - 1 would be exactly 0 for z > 37);
    SciPy's ``expit`` computes sigmoid(u) in one compiled pass, stable for
    every u (measured in bench/run.py: a third less elementwise time than
    building it from exp(-|u|) with NumPy operations). The chapter
    :doc:`/chapters/numerical_stability` derives both forms.
    """
    t = 1.0 - 2.0 * y
    u = t * z
    per_sample = residual = None
    if want_loss:
        per_sample = np.abs(u)
        np.negative(per_sample, out=per_sample)
        np.exp(per_sample, out=per_sample)  # exp(-|u|), in (0, 1]
        np.log1p(per_sample, out=per_sample)
        per_sample += np.maximum(u, 0.0)
    if want_grad:
        residual = expit(u, out=u)
        residual *= t
    return per_sample, residual


def _penalty(l2: float, w: np.ndarray) -> float:
    """The L2 term (lambda / 2) |w|^2: exactly 0 when l2 = 0, whatever w is.

    (0.5 * 0 * (w @ w) would be NaN once w @ w overflows, for |w| beyond
    about 1e154; with l2 > 0 such a penalty is inf, which it is.)
    """
    if l2 == 0.0:
        return 0.0
    with np.errstate(over="ignore"):
        return 0.5 * l2 * float(w @ w)


def _loss(t: Intermediates) -> float:
    per_sample, _ = _terms(t.y, t.z, True, False)
    return float(t.s @ per_sample + _penalty(t.l2, t.w))


def _gradient(t: Intermediates) -> tuple[np.ndarray, float]:
    _, r = _terms(t.y, t.z, False, True)
    r *= t.s  # s * (p - y), shape (n,)
    grad_w = r @ t.X  # = X^T r, (n,) @ (n, d) -> (d,)
    grad_w += t.l2 * t.w
    return grad_w, float(r.sum())


def _hessian(t: Intermediates) -> np.ndarray:
    X, d = t.X, t.X.shape[1]
    e = np.exp(-np.abs(t.z))
    q = t.s * (e / (1.0 + e) ** 2)  # s * p * (1 - p), shape (n,)
    H = np.zeros((d + 1, d + 1))
    Hww = H[:d, :d]
    # Entries of X beyond about 1e154 overflow the squares x_ij x_ik even
    # where z is finite; that is reported by name below (an O(d^2) check),
    # not as a RuntimeWarning and a matrix of inf.
    with np.errstate(over="ignore", invalid="ignore"):
        for rows in _row_blocks(*X.shape):
            # (sqrt(q) X)^T (sqrt(q) X), block by block: NumPy hands A.T @ A
            # to BLAS's symmetric rank-k update (half the flops of a general
            # product), and no n x d temporary is made.
            A = X[rows] * np.sqrt(q[rows])[:, None]
            Hww += A.T @ A
        H[:d, d] = H[d, :d] = q @ X
        H[d, d] = q.sum()
        # The product is symmetric up to rounding; make it exactly so. (Each
        # half is exact, so this equals 0.5 * (Hww + Hww.T) bit for bit, and
        # cannot overflow where that sum would.)
        H[:d, :d] = 0.5 * Hww + 0.5 * Hww.T
        H[np.arange(d), np.arange(d)] += t.l2
    if not np.all(np.isfinite(H)):
        raise ValueError(
            "X is too large in magnitude for the Hessian: X^T diag(p(1-p)) X "
            f"overflows float64 (largest |X| entry {np.max(np.abs(X)):.3g}; "
            "squares of entries beyond about 1e154 overflow); rescale the "
            "columns of X, e.g. with bce.preprocessing.StandardScaler"
        )
    return H


def _fused(X, y, w, b, l2, s, want_loss: bool, want_grad: bool):
    """Loss and gradient in one pass over X, block by block of rows.

    Each block of X is read for z = X w and, while it is still in cache,
    again for its share of X^T r: the gradient costs one trip of X through
    memory, not two.
    """
    n, d = X.shape
    total, grad_w, grad_b = 0.0, np.zeros(d), 0.0
    for rows in _row_blocks(n, d):
        Xb = X[rows]
        z = _logits(Xb, w, b, rows.start)
        per_sample, r = _terms(y[rows], z, want_loss, want_grad)
        if want_loss:
            total += s[rows] @ per_sample
        if want_grad:
            r *= s[rows]
            grad_w += r @ Xb
            grad_b += r.sum()
    value = float(total + _penalty(l2, w)) if want_loss else None
    if want_grad:
        grad_w += l2 * w
    return value, grad_w, float(grad_b)


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
    value, _, _ = _fused(*_validate(X, y, w, b, l2, sample_weight), True, False)
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
    _, grad_w, grad_b = _fused(*_validate(X, y, w, b, l2, sample_weight),
                               False, True)
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
    return _fused(*_validate(X, y, w, b, l2, sample_weight), True, True)


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
    return _hessian(_prepare(X, y, w, b, l2, sample_weight))
