r"""Finite differences: the numerical witness that checks every gradient.

A central difference has error :math:`O(h^2)` from truncation and
:math:`O(\varepsilon / h)` from rounding; :math:`h \approx \varepsilon^{1/3}`
(about :math:`6 \times 10^{-6}` times the scale of :math:`x`) balances the
two, leaving a relative error near :math:`\varepsilon^{2/3} \approx 4
\times 10^{-11}` for a smooth function of moderate curvature.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from numpy.typing import ArrayLike

from .validation import check_difference_args, check_scalar_output

__all__ = ["numerical_gradient", "numerical_jacobian", "directional_derivative"]

_EPS_CBRT = np.finfo(np.float64).eps ** (1.0 / 3.0)


def _steps(x: np.ndarray, eps: float | None) -> np.ndarray:
    if eps is None:
        return _EPS_CBRT * np.maximum(1.0, np.abs(x))
    return np.full(x.shape, eps)


def numerical_jacobian(
    f: Callable[[np.ndarray], ArrayLike], x: ArrayLike, eps: float | None = None
) -> np.ndarray:
    r"""Jacobian of ``f`` at ``x`` by central differences.

    .. math::

        J_{\dots, j} \approx \frac{f(x + h_j e_j) - f(x - h_j e_j)}{2 h_j}

    Parameters
    ----------
    f : callable
        Takes an array of the shape of ``x``, returns a scalar or an array
        of a fixed shape ``m``.
    x : array_like, shape ``k``
        Point of evaluation (not modified).
    eps : float, optional
        Step :math:`h`. Default: :math:`\varepsilon^{1/3}\max(1, |x_j|)`.

    Returns
    -------
    ndarray, shape ``m + k``
        ``J[i..., j...] = d f[i...] / d x[j...]``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x`` or ``eps`` is not real.
    ValueError
        If ``x`` is not finite, or ``eps`` is not a finite number > 0.
    """
    x, eps, _ = check_difference_args(f, x, eps)
    return _jacobian(f, x, eps)


def _jacobian(f, x: np.ndarray, eps: float | None) -> np.ndarray:
    """The kernel of :func:`numerical_jacobian` (arguments checked)."""
    x = np.array(x, dtype=np.float64, copy=True)
    h = _steps(x, eps)
    f0 = np.asarray(f(x.copy()), dtype=np.float64)
    out = np.empty(f0.shape + x.shape)
    flat_x, flat_h = x.reshape(-1), h.reshape(-1)
    for j in range(flat_x.size):  # a loop over coordinates, not samples
        xp, xm = flat_x.copy(), flat_x.copy()
        xp[j] += flat_h[j]
        xm[j] -= flat_h[j]
        fp = np.asarray(f(xp.reshape(x.shape)), dtype=np.float64)
        fm = np.asarray(f(xm.reshape(x.shape)), dtype=np.float64)
        idx = (Ellipsis,) + np.unravel_index(j, x.shape) if x.ndim else (Ellipsis,)
        out[idx] = (fp - fm) / (xp[j] - xm[j])
    return out


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: ArrayLike, eps: float | None = None
) -> np.ndarray:
    r"""Gradient of a scalar function by central differences.

    .. math::

        \frac{\partial f}{\partial x_j} \approx
        \frac{f(x + h e_j) - f(x - h e_j)}{2h}

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : array_like, any shape
        Point of evaluation.
    eps : float, optional
        Step :math:`h`; default :math:`\varepsilon^{1/3}\max(1, |x_j|)`.

    Returns
    -------
    ndarray
        Same shape as ``x`` (denominator layout).

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x`` or ``eps`` is not real.
    ValueError
        If ``x`` is not finite, ``f`` does not return a scalar, or ``eps``
        is not a finite number > 0.
    """
    x, eps, _ = check_difference_args(f, x, eps)
    check_scalar_output(np.asarray(f(np.array(x, copy=True))), "numerical_gradient")
    return _jacobian(f, x, eps)


def directional_derivative(
    f: Callable[[np.ndarray], float],
    x: ArrayLike,
    v: ArrayLike,
    eps: float | None = None,
) -> float:
    r"""Derivative of ``f`` at ``x`` along ``v``, in two evaluations.

    .. math::

        D_v f(x) \approx \frac{f(x + h v) - f(x - h v)}{2 h},

    to compare with :math:`\nabla f(x) \cdot v` in one number.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x : array_like, any shape
        Point of evaluation; finite.
    v : array_like, shape of ``x``
        Direction; finite (it is not normalized).
    eps : float, optional
        Step :math:`h > 0`; default :math:`\varepsilon^{1/3}\max(1, \max_j |x_j|)`.

    Returns
    -------
    float
        The central difference above.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x``, ``v`` or ``eps`` is not real.
    ValueError
        If ``x`` or ``v`` is not finite, their shapes differ, or ``eps`` is
        not a finite number > 0.
    """
    x, eps, v = check_difference_args(f, x, eps, v)
    h = _EPS_CBRT * max(1.0, float(np.max(np.abs(x), initial=0.0))) if eps is None else eps
    return float((np.asarray(f(x + h * v)) - np.asarray(f(x - h * v))) / (2 * h))
