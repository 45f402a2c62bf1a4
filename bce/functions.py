"""Elementwise functions of a logit: sigmoid, log-sigmoid, softplus, logit.

These are the ground floor of :mod:`bce`. Each works on a float64 scalar or
array of any shape, never returns NaN for a finite input and raises no
RuntimeWarning, however large ``|z|`` is (``z = +-1000`` included).

The chapter :doc:`/chapters/numerical_stability` derives the branches used
here and measures their error against a 50-digit mpmath reference.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from .validation import check_logits, check_probabilities

__all__ = ["sigmoid", "log_sigmoid", "softplus", "logit"]


def _out(arr: np.ndarray):
    """Return a 0-d result as a NumPy float64 scalar, arrays unchanged."""
    return arr[()] if arr.ndim == 0 else arr


def softplus(x: ArrayLike) -> np.ndarray | np.float64:
    r"""Softplus, :math:`\operatorname{softplus}(x) = \log(1 + e^{x})`.

    Computed as :math:`\max(x, 0) + \operatorname{log1p}(e^{-|x|})`, which
    never overflows (the exponent is never positive) and keeps full relative
    precision: for large negative ``x`` the result is ``exp(x)`` to within
    rounding, for large positive ``x`` it is ``x + exp(-x)``.
    Taught in :doc:`/chapters/numerical_stability`.

    Parameters
    ----------
    x : array_like, any shape
        Real numbers; ``+-inf`` are allowed (softplus(-inf) = 0,
        softplus(inf) = inf), NaN is refused.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``; always >= 0.
    """
    x = check_logits(x, "x")
    with np.errstate(invalid="ignore"):  # inf - inf never happens below
        out = np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))
    return _out(out)


def sigmoid(z: ArrayLike) -> np.ndarray | np.float64:
    r"""Logistic sigmoid, :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Evaluated with :math:`e = e^{-|z|} \le 1`, as :math:`1/(1+e)` for
    :math:`z \ge 0` and :math:`e/(1+e)` for :math:`z < 0`, so the exponential
    never overflows: ``sigmoid(-1000)`` is 0.0 (the true value, about
    :math:`10^{-435}`, is below the smallest float64), ``sigmoid(1000)`` is
    1.0, and no warning is raised.

    Parameters
    ----------
    z : array_like, any shape
        Logits; ``+-inf`` map to 1 and 0, NaN is refused.

    Returns
    -------
    ndarray or float64
        Probabilities in [0, 1], same shape as ``z``.

    See Also
    --------
    log_sigmoid : :math:`\log \sigma(z)` without forming :math:`\sigma(z)`.
    """
    z = check_logits(z, "z")
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1.0, e) / (1.0 + e)
    return _out(out)


def log_sigmoid(z: ArrayLike) -> np.ndarray | np.float64:
    r"""Logarithm of the sigmoid, :math:`\log \sigma(z) = -\operatorname{softplus}(-z)`.

    Computed as :math:`\min(z, 0) - \operatorname{log1p}(e^{-|z|})`; never
    forms :math:`\sigma(z)`, so ``log_sigmoid(-1000)`` is exactly -1000
    (where ``np.log(sigmoid(-1000))`` would be ``-inf`` with a warning).

    Parameters
    ----------
    z : array_like, any shape
        Logits; NaN is refused.

    Returns
    -------
    ndarray or float64
        Values <= 0, same shape as ``z``.
    """
    z = check_logits(z, "z")
    with np.errstate(invalid="ignore"):
        out = np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))
    return _out(out)


def logit(p: ArrayLike) -> np.ndarray | np.float64:
    r"""Log-odds, :math:`\operatorname{logit}(p) = \log p - \log(1 - p)`.

    The inverse of :func:`sigmoid`. Computed as ``log(p) - log1p(-p)``;
    ``logit(0)`` is ``-inf`` and ``logit(1)`` is ``inf`` (no warning).

    Parameters
    ----------
    p : array_like, any shape
        Probabilities in [0, 1].

    Returns
    -------
    ndarray or float64
        Same shape as ``p``.
    """
    p = check_probabilities(p, "p")
    with np.errstate(divide="ignore"):
        out = np.log(p) - np.log1p(-p)
    return _out(out)
