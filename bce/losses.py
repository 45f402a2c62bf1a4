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
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import xlog1py, xlogy

from .functions import _out, softplus
from .validation import as_float_array, check_probabilities, check_same_shape

__all__ = ["bce_loss", "bce_with_logits"]


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
    out = -(xlogy(y, p) + xlog1py(1.0 - y, -p))
    return _out(out + 0.0)  # + 0.0 turns a -0.0 into 0.0


def bce_with_logits(y: ArrayLike, z: ArrayLike) -> np.ndarray | np.float64:
    r"""Binary cross-entropy from a logit, elementwise and overflow-free.

    .. math::

        \operatorname{BCE}(y, \sigma(z))
        = \operatorname{softplus}(z) - y z
        = (1 - y)\operatorname{softplus}(z) + y \operatorname{softplus}(-z),

    which for :math:`y \in \{0, 1\}` is :math:`\operatorname{softplus}((1 - 2y) z)`.
    The second form, :math:`(1 - y)\operatorname{softplus}(z)
    + y\operatorname{softplus}(-z)`, is the one computed, because it is also
    right for soft labels :math:`0 < y < 1`: both terms are >= 0, so
    nothing cancels (the first form, :math:`\operatorname{softplus}(z) - y z`,
    subtracts two large numbers when :math:`|z|` is large), and
    :func:`~bce.softplus` never overflows. Thus
    ``bce_with_logits(1, -1e20) == 1e20`` and
    ``bce_with_logits(0, 37.0) == 37.0`` (to 1e-15 relative), where the
    probability form gives ``inf``.

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
    z = as_float_array(z, "z")
    if not np.all(np.isfinite(z)):
        raise ValueError("z must be finite (logits); it has NaN or inf values")
    check_same_shape(y, z, "y", "z")
    out = (1.0 - y) * softplus(z) + y * softplus(-z)
    return _out(np.asarray(out))
