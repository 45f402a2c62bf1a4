r"""The binary cross-entropy of one sample, from a probability or a logit.

For a label :math:`y \in \{0, 1\}` and a predicted probability
:math:`p = \sigma(z)`,

.. math::

    \operatorname{BCE}(y, p) = -\bigl[y \log p + (1 - y) \log(1 - p)\bigr]
    = \operatorname{softplus}(z) - y z.

:func:`bce_loss` is the teaching form, from ``p``; :func:`bce_with_logits`
is the form the objective and the trainer use, from ``z``. Both are
elementwise and accept labels anywhere in [0, 1] (soft labels), though the
course uses 0 and 1. See :doc:`/chapters/bce_as_likelihood` for the
likelihood behind the formula and :doc:`/chapters/numerical_stability` for
why the logit form is the one to compute with.

Each public function checks its arguments (``bce.validation``) and then
calls a kernel that checks nothing: :func:`~bce.losses.bce_terms` (from logits: the
loss, :math:`p - y` and :math:`p(1 - p)` of each sample), the one kernel
that :mod:`bce.objective`, the solvers and :mod:`bce.distributed` use, and
``_bce_loss`` (from probabilities), which :func:`bce.metrics.log_loss` uses.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import xlog1py, xlogy

from .functions import _out
from .validation import check_logits, check_probabilities, check_same_shape

__all__ = ["bce_loss", "bce_with_logits", "bce_terms"]


def bce_terms(y: np.ndarray, z: np.ndarray, want_loss: bool = True,
              want_residual: bool = True, want_curvature: bool = False):
    r"""The per-sample kernel: BCE, :math:`p - y` and :math:`p(1-p)` from logits.

    With :math:`e = e^{-|z|} \le 1` (it never overflows) and
    :math:`s = 2y - 1`:

    .. math::

        & \ell = \log(1 + e) + (1 - y)\max(z, 0) + y \max(-z, 0),

        & p - y = \frac{-s}{1 + e^{s z}}, \qquad
        p(1 - p) = \frac{e}{(1 + e)^2}.

    The loss is :math:`(1-y)\operatorname{softplus}(z) + y
    \operatorname{softplus}(-z)`, a sum of terms >= 0 (nothing cancels),
    right for soft labels too. The residual equals :math:`p - y` for
    :math:`y \in \{0, 1\}` only, with full relative precision where
    :math:`p` rounds to :math:`y`; where :math:`e^{sz}` overflows to inf
    (:math:`sz > 709.78`) it is :math:`\mp 0`, where the true value is a
    subnormal number below 5.6e-309 in magnitude. Checks nothing: ``y`` and ``z`` are
    float64 arrays of one shape (``bce.validation``).
    Taught in :doc:`/chapters/stable_gradients`.

    Returns
    -------
    loss, residual, curvature : ndarray or None
        Shape of ``z``; None for what was not asked for.
    """
    loss = residual = curvature = None
    if want_loss or want_curvature:
        e = np.exp(-np.abs(z))
    if want_loss:
        loss = np.log1p(e) + (1.0 - y) * np.maximum(z, 0.0) + y * np.maximum(-z, 0.0)
    if want_residual:
        s = 2.0 * y - 1.0
        with np.errstate(over="ignore"):  # exp(s z) = inf: p - y rounds to -s * 0
            residual = -s / (1.0 + np.exp(s * z))
    if want_curvature:
        curvature = e / (1.0 + e) ** 2
    return loss, residual, curvature


def _bce_loss(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The kernel of :func:`bce_loss` (checks nothing); 0 log 0 = 0."""
    return -(xlogy(y, p) + xlog1py(1.0 - y, -p)) + 0.0  # + 0.0: no -0.0


def bce_loss(y: ArrayLike, p: ArrayLike) -> np.ndarray | np.float64:
    r"""Binary cross-entropy from a probability, elementwise.

    .. math::

        \operatorname{BCE}(y, p) = -\bigl[y \log p + (1 - y)\log(1 - p)\bigr]

    with the convention :math:`0 \log 0 = 0`. Hence a certain and right
    prediction costs nothing, ``bce_loss(0, 0.0) == 0.0`` and
    ``bce_loss(1, 1.0) == 0.0``, and a certain and wrong one costs
    ``inf``: ``bce_loss(1, 0.0) == inf``. No warning is raised in either
    case. The term :math:`\log(1-p)` is computed as ``log1p(-p)``.

    This form cannot do better than the ``p`` it is given: once
    :math:`\sigma(z)` has rounded to 1.0 (from :math:`z \approx 37`), the
    loss of a negative sample is ``inf`` instead of about ``z``. Prefer
    :func:`bce_with_logits` when the logit is available.
    Taught in :doc:`/chapters/stable_gradients`.

    Parameters
    ----------
    y : array_like
        Labels in [0, 1] (usually 0 or 1).
    p : array_like
        Predicted probabilities in [0, 1], the same shape as ``y`` (or one of
        the two is a scalar). A (n, 1) column is never broadcast against an
        (n,) vector: that raises ValueError.

    Returns
    -------
    ndarray or float64
        The loss of each sample, >= 0 (possibly ``inf``), shape of the inputs.
    """
    y = check_probabilities(y, "y")
    p = check_probabilities(p, "p")
    check_same_shape(y, p, "y", "p")
    return _out(_bce_loss(y, p))


def bce_with_logits(y: ArrayLike, z: ArrayLike) -> np.ndarray | np.float64:
    r"""Binary cross-entropy from a logit, elementwise and overflow-free.

    .. math::

        \operatorname{BCE}(y, \sigma(z))
        = \operatorname{softplus}(z) - y z
        = (1 - y)\operatorname{softplus}(z) + y \operatorname{softplus}(-z),

    which for :math:`y \in \{0, 1\}` is :math:`\operatorname{softplus}((1 - 2y) z)`.
    The second form is the one computed (:func:`~bce.losses.bce_terms`), because it is
    also right for soft labels :math:`0 < y < 1`: both terms are >= 0, so
    nothing cancels (the first form subtracts two large numbers when
    :math:`|z|` is large). Thus ``bce_with_logits(1, -1e20) == 1e20`` and
    ``bce_with_logits(0, 37.0) == 37.0`` (to 1e-15 relative), where the
    probability form gives ``inf``.
    Taught in :doc:`/chapters/numerical_stability`.

    Parameters
    ----------
    y : array_like
        Labels in [0, 1] (usually 0 or 1).
    z : array_like
        Logits, finite, the same shape as ``y`` (or one of the two is a
        scalar; no other broadcasting).

    Returns
    -------
    ndarray or float64
        The loss of each sample, finite and >= 0, shape of the inputs.
    """
    y = check_probabilities(y, "y")
    z = check_logits(z, "z", allow_inf=False)
    check_same_shape(y, z, "y", "z")
    y, z = np.broadcast_arrays(y, z)
    loss, _, _ = bce_terms(y, z, want_residual=False)
    return _out(loss)
