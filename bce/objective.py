r"""The training objective of logistic regression: its value, gradient and Hessian.

This module owns the mathematics that every solver, chapter and benchmark
calls; nothing else in :mod:`bce` re-derives it.

The objective is the (weighted) mean binary cross-entropy plus an L2 penalty
that leaves the intercept alone:

.. math::

    J(w, b) = \sum_{i=1}^{n} s_i \operatorname{BCE}(y_i, \sigma(z_i))
              + \frac{\lambda}{2}\lVert w \rVert^2,
    \qquad z = X w + b,

with :math:`s_i = 1/n` (the mean) or, given sample weights :math:`v_i`,
:math:`s_i = v_i / \sum_j v_j`. A weight of 2 on a row is the same
objective as that row repeated once.

Conventions
-----------
* ``X`` is (n, d), one row per sample; ``y`` is (n,) with values in {0, 1};
  ``w`` is (d,); ``b`` is a scalar; ``l2`` is :math:`\lambda \ge 0`.
* Gradients are in denominator layout (a gradient has the shape of what it
  differentiates by): :math:`\nabla_w J = X^\top s\odot(p - y) + \lambda w`
  is (d,), :math:`\partial J/\partial b = \sum_i s_i (p_i - y_i)` is a scalar.
* The Hessian is taken with respect to :math:`\theta = (w, b)`, bias last:
  :math:`H = \tilde X^\top \operatorname{diag}(s \odot p \odot (1-p)) \tilde X`
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

from .functions import sigmoid, softplus
from .validation import (
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


def _prepare(X, y, w, b, l2, sample_weight) -> Intermediates:
    X, y, w = check_design(X, y, w)
    if w is None:
        raise TypeError("w must be given: an array of shape (d,)")
    b = check_intercept(b)
    l2 = check_l2(l2)
    n = X.shape[0]
    sw = check_sample_weight(sample_weight, n)
    s = np.full(n, 1.0 / n) if sw is None else sw / sw.sum()
    # A NaN/inf in X, or an overflow, shows up in z; it is reported by name
    # just below, so the floating-point flags of the product are not needed.
    with np.errstate(invalid="ignore", over="ignore"):
        z = X @ w + b
    check_logits_finite(z)
    return Intermediates(X, y, w, b, l2, s, z)


def _loss(t: Intermediates) -> float:
    # BCE(y, sigma(z)) = softplus((1 - 2 y) z) for y in {0, 1}
    per_sample = softplus((1.0 - 2.0 * t.y) * t.z)
    return float(t.s @ per_sample + 0.5 * t.l2 * (t.w @ t.w))


def _gradient(t: Intermediates) -> tuple[np.ndarray, float]:
    r = t.s * (sigmoid(t.z) - t.y)  # s * (p - y), shape (n,)
    grad_w = t.X.T @ r + t.l2 * t.w  # (d, n) @ (n,) -> (d,)
    return grad_w, float(r.sum())


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
    return _loss(_prepare(X, y, w, b, l2, sample_weight))


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
    return _gradient(_prepare(X, y, w, b, l2, sample_weight))


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

    Returns
    -------
    value : float
        As :func:`loss`.
    grad_w : ndarray, shape (d,)
    grad_b : float
        As :func:`gradient`.
    """
    t = _prepare(X, y, w, b, l2, sample_weight)
    grad_w, grad_b = _gradient(t)
    return _loss(t), grad_w, grad_b


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
    semidefinite (definite when ``l2 > 0`` and the intercept direction is
    seen by the data).

    Parameters
    ----------
    X, y, w, b, l2, sample_weight
        As in :func:`loss`.

    Returns
    -------
    ndarray, shape (d + 1, d + 1)
        Rows and columns ordered as ``(w_1, ..., w_d, b)``.
    """
    t = _prepare(X, y, w, b, l2, sample_weight)
    e = np.exp(-np.abs(t.z))
    q = t.s * (e / (1.0 + e) ** 2)  # s * p * (1 - p), shape (n,)
    d = t.X.shape[1]
    H = np.empty((d + 1, d + 1))
    H[:d, :d] = t.X.T @ (t.X * q[:, None])
    H[:d, d] = H[d, :d] = t.X.T @ q
    H[d, d] = q.sum()
    H[:d, :d] += t.l2 * np.eye(d)
    # The product above is symmetric up to rounding; make it exactly so.
    H[:d, :d] = 0.5 * (H[:d, :d] + H[:d, :d].T)
    return H
