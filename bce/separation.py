r"""Does :math:`J` have a minimizer? The exact test for ``l2 = 0``.

With a penalty (``l2 > 0``) :math:`J` always has exactly one minimizer.
Without one, it has none exactly when the data are *separated*
(Albert and Anderson, 1984): when some direction :math:`\theta \ne 0` gives
every row a margin of the right sign or zero,

.. math::

    m_i = (2y_i - 1)\, \tilde x_i^\top \theta \ge 0 \quad \text{for all } i,
    \qquad m_i > 0 \quad \text{for some } i,

with :math:`\tilde x_i = (x_i, 1)` (or :math:`x_i` without an intercept)
and only the rows of positive weight counted. Along such a direction every
term :math:`\log(1 + e^{-m_i t})` falls or stays as :math:`t` grows, and at
least one falls for ever, so :math:`J` keeps decreasing and no point is a
minimizer. *Complete* separation is the case where all margins can be made
positive; *quasi-complete* separation, where some rows of both classes must
lie on the hyperplane :math:`m_i = 0`, is the case that no single iterate
reveals (:doc:`/chapters/newton_irls` shows one:
:math:`x = (-1, 0, 0, 1)`, :math:`y = (0, 0, 1, 1)`).

Such a direction is a feasible point of a linear program, which
:func:`scipy.optimize.linprog` (HiGHS) decides. The solvers of
:mod:`bce.solvers` ask once per fit, and only when ``l2 = 0``.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

__all__ = ["separating_direction"]

# A margin counts as zero (the row lies on the hyperplane) below this
# fraction of |x_i| |theta|: the linear program is solved to a tolerance of
# about 1e-9, not exactly.
_ON_THE_PLANE = 1e-7


def separating_direction(
    X: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None,
    fit_intercept: bool = True,
) -> np.ndarray | None:
    r"""A direction :math:`\theta` along which :math:`J` (``l2 = 0``) falls for ever, or None.

    Parameters
    ----------
    X : ndarray, shape (n, d)
        Checked float64 design matrix (finite).
    y : ndarray, shape (n,)
        Labels, 0.0 or 1.0.
    sample_weight : ndarray, shape (n,), optional
        Rows of weight 0 are left out.
    fit_intercept : bool, default True
        Whether :math:`\theta` has a last entry for the intercept.

    Returns
    -------
    ndarray, shape (d + 1,) or (d,), or None
        :math:`\theta` with all margins :math:`m_i \ge 0` and some
        :math:`m_i > 0` (checked in float64 on the rows themselves, with
        each column scaled to a largest entry of 1, margins below ``1e-7``
        :math:`\lVert\tilde x_i\rVert\lVert\theta\rVert` counting as 0),
        normalised to :math:`\max_j|\theta_j| = 1`; None
        when the data overlap, so that :math:`J` has a minimizer.

    Notes
    -----
    The linear program: find :math:`\theta` with :math:`m_i \ge 0` and
    :math:`\sum_i m_i = 1` (which rules out :math:`\theta = 0` and, by
    scaling, is feasible exactly when a separating direction exists).
    Its size is that of the data: fine for the course's problems; for
    millions of rows prefer ``l2 > 0``, which needs no test at all.
    """
    keep = slice(None) if sample_weight is None else sample_weight > 0
    Xk = X[keep]
    if fit_intercept:
        Xk = np.column_stack([Xk, np.ones(Xk.shape[0])])
    sign = 2.0 * y[keep] - 1.0
    A = sign[:, None] * Xk  # rows: the margins m_i = A_i theta
    scale = np.max(np.abs(A), axis=0)  # columns in units of their range
    scale[scale == 0] = 1.0
    As = A / scale
    res = linprog(
        np.zeros(As.shape[1]), A_ub=-As, b_ub=np.zeros(As.shape[0]),
        A_eq=As.sum(axis=0, keepdims=True), b_eq=[1.0],
        bounds=[(None, None)] * As.shape[1], method="highs",
    )
    if res.status != 0:  # infeasible: the classes overlap
        return None
    # Check the answer in the scaled columns, where no unit dominates: the
    # margins are the same numbers, As @ res.x = A @ (res.x / scale).
    margins = As @ res.x
    size = np.linalg.norm(As, axis=1) * np.linalg.norm(res.x)
    on_plane = np.abs(margins) <= _ON_THE_PLANE * size
    if np.any(margins[~on_plane] < 0) or np.all(on_plane):
        return None  # the program's answer does not survive the check
    theta = res.x / scale
    return theta / np.max(np.abs(theta))
