r"""The course's two running data sets.

* :func:`make_two_class`: a seeded synthetic problem, two Gaussian classes
  (optionally made linearly separable), small enough to plot in 2-D and to
  reason about exactly.
* :func:`load_breast_cancer`: the Wisconsin diagnostic breast-cancer data
  (569 x 30) that scikit-learn ships inside its package (nothing is
  downloaded).

Every chapter draws its examples from these two, so results can be compared
from chapter to chapter (the JAX cookbook's "running example" habit).
``import bce.datasets`` imports NumPy only; SciPy and scikit-learn are
imported inside the functions that need them.
"""

from __future__ import annotations

import numpy as np

from .validation import (RandomStateLike, _as_generator, _check_int, check_bool,
                         check_number)

__all__ = ["make_two_class", "load_breast_cancer", "SEPARABLE_MARGIN"]

#: With ``separable=True``, every sample lies at least this far from the
#: hyperplane :math:`u^\top x = 0` on its own class's side, so the two classes
#: are at least ``2 * SEPARABLE_MARGIN`` apart along :math:`u`.
SEPARABLE_MARGIN = 0.25


def make_two_class(
    n_samples: int = 200,
    n_features: int = 2,
    *,
    separation: float = 2.0,
    separable: bool = False,
    random_state: RandomStateLike = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two Gaussian classes whose means are ``separation`` apart.

    With the unit direction :math:`u = (1, \dots, 1)/\sqrt{d}` (the diagonal)
    and :math:`s` = ``separation``, the samples of class :math:`y \in \{0,1\}`
    are drawn from

    .. math::

        x \sim \mathcal N\!\bigl((2y - 1)\,\tfrac{s}{2}\,u,\; I_d\bigr),

    so the means :math:`\pm\frac{s}{2}u` are :math:`s` apart and
    :math:`u^\top x = 0` is the Bayes decision boundary. For these classes the
    true model *is* logistic: :math:`P(y = 1 \mid x) = \sigma(s\,u^\top x)`,
    i.e. :math:`w^\ast = s\,u`, :math:`b^\ast = 0` (equal covariances make
    the log-odds linear). ``n_samples // 2`` samples have label 1 and the
    rest label 0, in shuffled order.

    Separable data (``separable=True``). The component :math:`t = u^\top x`
    of each sample is instead drawn from its class's normal distribution
    :math:`\mathcal N((2y-1)s/2, 1)` *truncated* to
    :math:`(2y-1)\,t \ge m` with :math:`m` = :data:`~bce.datasets.SEPARABLE_MARGIN`
    (0.25); the components orthogonal to :math:`u` are unchanged. Hence
    every sample lies at distance at least :math:`m` from the hyperplane
    :math:`u^\top x = 0`, on its class's side: the hyperplane separates the
    classes with a margin of at least :math:`m`, whatever ``separation``
    (even 0). The truncated normal is sampled exactly by the inverse CDF,
    :math:`t = \mu - \Phi^{-1}\bigl(U\,\Phi(\mu - m)\bigr)` for class 1 with
    :math:`\mu = s/2`, :math:`U \sim \mathcal U(0, 1]` (class 0 by symmetry),
    so no sample is dropped or moved and ``n_samples`` is exact. On such
    data the unpenalized BCE has no minimizer (:math:`\lVert w\rVert \to
    \infty`), the case :doc:`/chapters/convexity` studies.

    Parameters
    ----------
    n_samples : int, default 200
        n, the number of rows, >= 2 (so that both classes occur).
    n_features : int, default 2
        d, the number of columns, >= 1.
    separation : float, default 2.0
        :math:`s`, the distance between the two class means, finite and
        >= 0. Larger means easier: the Bayes accuracy of the non-separable
        problem is :math:`\Phi(s/2)` (0.84 for the default).
    separable : bool, default False
        Truncate the classes as described above so that the hyperplane
        :math:`u^\top x = 0` separates them.
    random_state : None, int >= 0, numpy.random.Generator or RandomState
        The seed: the same int gives the same data, on every machine.

    Returns
    -------
    X : ndarray of float64, shape (n_samples, n_features)
    y : ndarray of int64, shape (n_samples,)
        Labels 0 and 1; ``y.sum() == n_samples // 2``.

    Examples
    --------
    >>> from bce.datasets import make_two_class
    >>> X, y = make_two_class(6, 3, random_state=0)
    >>> X.shape, y.tolist()
    ((6, 3), [1, 0, 1, 1, 0, 0])
    """
    n = _check_int(n_samples, "n_samples", 2)
    d = _check_int(n_features, "n_features", 1)
    s = check_number(separation, "separation")
    separable = check_bool(separable, "separable")
    rng = _as_generator(random_state)

    y = rng.permutation(np.r_[np.zeros(n - n // 2, np.int64), np.ones(n // 2, np.int64)])
    sign = 2.0 * y - 1.0  # -1 for class 0, +1 for class 1
    u = np.full(d, 1.0 / np.sqrt(d))
    Z = rng.standard_normal((n, d))
    if not separable:
        return Z + np.outer(sign * (s / 2), u), y

    from scipy.special import ndtr, ndtri

    # t = sign * (s/2 + e), e ~ N(0, 1) truncated to e >= m - s/2, by the
    # inverse of the upper tail: P(e >= x) = ndtr(-x)
    U = 1.0 - rng.random(n)  # in (0, 1], so ndtri never sees 0
    e = -ndtri(U * ndtr(s / 2 - SEPARABLE_MARGIN))
    e = np.maximum(e, SEPARABLE_MARGIN - s / 2)  # guard the last rounding bit
    t = sign * (s / 2 + e)
    X = Z + np.outer(t - Z @ u, u)  # replace the component along u by t
    return X, y


def load_breast_cancer(
    *, return_feature_names: bool = False
) -> tuple[np.ndarray, np.ndarray] | tuple[np.ndarray, np.ndarray, list[str]]:
    r"""The Wisconsin diagnostic breast-cancer data, from scikit-learn's copy.

    569 tumours, 30 real features each (mean, standard error and "worst"
    value of ten measurements of cell nuclei: radius, texture, perimeter,
    ...). The labels are scikit-learn's: ``0`` = malignant (212 samples),
    ``1`` = benign (357), so the default positive class of the metrics is
    *benign*; use ``1 - y`` to make malignant the positive class. The file
    is bundled with scikit-learn, so nothing is downloaded.

    The columns are on very different scales (areas in the hundreds,
    smoothness near 0.1): standardize them
    (:class:`bce.preprocessing.StandardScaler`) before gradient descent.

    Parameters
    ----------
    return_feature_names : bool, default False
        Also return the 30 column names.

    Returns
    -------
    X : ndarray of float64, shape (569, 30)
    y : ndarray of int64, shape (569,)
        0 (malignant) or 1 (benign).
    feature_names : list of str, length 30
        Only with ``return_feature_names=True``; e.g. ``"mean radius"``.

    References
    ----------
    W. N. Street, W. H. Wolberg and O. L. Mangasarian (1993), "Nuclear
    feature extraction for breast tumor diagnosis", Proc. SPIE 1905.
    """
    return_feature_names = check_bool(return_feature_names,
                                      "return_feature_names")
    from sklearn.datasets import load_breast_cancer as _load

    bunch = _load()
    X = np.ascontiguousarray(bunch.data, dtype=np.float64)
    y = np.asarray(bunch.target, dtype=np.int64)
    if return_feature_names:
        return X, y, [str(name) for name in bunch.feature_names]
    return X, y
