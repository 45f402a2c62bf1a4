r"""Preprocessing: standardization and one-hot encoding, scikit-learn style.

Two transformers that a logistic-regression pipeline needs before the
solver sees the data, each a real scikit-learn transformer (``fit``,
``transform``, ``fit_transform``, ``get_params``, ``clone``, ``Pipeline``):

* :class:`StandardScaler`, :math:`x \mapsto (x - \mu) / s` column by column.
  Gradient descent and SGD converge much faster on standardized columns
  (the Hessian's condition number drops), and the L2 penalty then treats all
  weights alike. :doc:`/chapters/gradient_descent` shows the difference.
* :class:`OneHotEncoder`, categories to 0/1 indicator columns, dropping the
  first category of each feature by default: with an intercept, a full
  one-hot encoding makes the design matrix collinear (see the class).

Both return dense float64 arrays of shape (n, d_out). This module imports
scikit-learn; ``import bce`` does not.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.validation import check_is_fitted, validate_data

from .validation import (
    check_bool,
    check_categorical,
    check_category_columns,
    check_input_features,
    check_known_categories,
    check_option,
)

__all__ = ["StandardScaler", "OneHotEncoder"]


# Mixins to the left of BaseEstimator, as scikit-learn's check_mixin_order asks.
class StandardScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Standardize each column: subtract its mean, divide by its standard deviation.

    For a column :math:`x_{\cdot j}` of ``X`` (n, d), ``fit`` learns

    .. math::

        \mu_j = \frac{1}{n}\sum_{i=1}^{n} x_{ij}, \qquad
        \sigma_j^2 = \frac{1}{n}\sum_{i=1}^{n} (x_{ij} - \mu_j)^2, \qquad
        s_j = \begin{cases} \sigma_j & \text{if column } j \text{ varies} \\
                            1 & \text{if it is constant} \end{cases}

    (the population variance, divisor :math:`n`, not :math:`n - 1`), and
    ``transform`` returns :math:`\tilde x_{ij} = (x_{ij} - \mu_j) / s_j`:
    every varying column gets mean 0 and variance 1. A constant column
    gets scale 1, as in scikit-learn, so it becomes a column of zeros
    instead of 0/0 = NaN. "Constant" allows for rounding: a column counts as
    constant when :math:`\sigma_j^2 \le n\varepsilon\sigma_j^2 +
    (n\varepsilon\mu_j)^2`, the error bound of the two-pass variance
    (Chan, Golub and LeVeque), :math:`\varepsilon` the float64 epsilon.

    The variance is computed by the corrected two-pass formula
    :math:`\sigma_j^2 = \frac1n\bigl[\sum_i t_{ij}^2 - \frac1n(\sum_i t_{ij})^2\bigr]`,
    :math:`t_{ij} = x_{ij} - \mu_j`, as scikit-learn does (the second term
    removes the rounding error of :math:`\mu_j`); the results agree with
    scikit-learn's to the last bit or two.

    Why standardize: the Hessian of the mean BCE is
    :math:`\tilde X^\top \operatorname{diag}(p(1-p)) \tilde X / n`; columns on very
    different scales make it ill-conditioned, and gradient descent then needs
    many more steps. The penalty :math:`\tfrac{\lambda}{2}\lVert w\rVert^2`
    also only treats the weights alike when the columns share a scale.

    Parameters
    ----------
    with_mean : bool, default True
        Subtract :math:`\mu_j`. If False, :math:`\tilde x_{ij} = x_{ij}/s_j`.
    with_std : bool, default True
        Divide by :math:`s_j`. If False, :math:`\tilde x_{ij} = x_{ij}-\mu_j`.

    Attributes
    ----------
    mean_ : ndarray, shape (d,), or None
        :math:`\mu`; None when both ``with_mean`` and ``with_std`` are
        False (as in scikit-learn).
    var_ : ndarray, shape (d,), or None
        :math:`\sigma^2`; None when ``with_std`` is False.
    scale_ : ndarray, shape (d,), or None
        :math:`s` (:math:`\sigma` with 1 for constant columns); None when
        ``with_std`` is False.
    n_features_in_ : int
        d, the number of columns seen in ``fit``.
    n_samples_seen_ : int
        n, the number of rows seen in ``fit``.
    feature_names_in_ : ndarray of str, shape (d,)
        Column names, when ``X`` in ``fit`` was a DataFrame with string names.

    Notes
    -----
    Unlike scikit-learn's scaler, NaN and infinite values are refused (a
    ValueError), and sparse matrices are not accepted: the course's data
    are dense and complete.

    Examples
    --------
    >>> import numpy as np
    >>> from bce.preprocessing import StandardScaler
    >>> X = np.array([[1.0, 5.0], [3.0, 5.0]])
    >>> scaler = StandardScaler().fit(X)
    >>> scaler.mean_, scaler.scale_
    (array([2., 5.]), array([1., 1.]))
    >>> scaler.transform(X)
    array([[-1.,  0.],
           [ 1.,  0.]])
    """

    def __init__(self, *, with_mean: bool = True, with_std: bool = True):
        self.with_mean = with_mean
        self.with_std = with_std

    def fit(self, X: ArrayLike, y=None) -> "StandardScaler":
        """Learn :math:`\\mu`, :math:`\\sigma^2` and :math:`s` from ``X`` (n, d).

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, d)
            Real, finite values.
        y : ignored
            Accepted so that ``fit(X, y)`` works in a ``Pipeline``.

        Returns
        -------
        self
        """
        check_bool(self.with_mean, "with_mean")
        check_bool(self.with_std, "with_std")
        X = validate_data(self, X, dtype=np.float64)
        n = X.shape[0]
        self.n_samples_seen_ = n
        if not (self.with_mean or self.with_std):
            self.mean_ = self.var_ = self.scale_ = None
            return self
        mean = np.sum(X, axis=0) / n
        self.mean_ = mean
        if not self.with_std:
            self.var_ = self.scale_ = None
            return self
        t = X - mean
        var = (np.sum(t**2, axis=0) - np.sum(t, axis=0) ** 2 / n) / n
        eps = np.finfo(np.float64).eps
        constant = var <= n * eps * var + (n * mean * eps) ** 2
        self.var_ = var
        self.scale_ = np.where(constant | (var == 0), 1.0, np.sqrt(var))
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        r"""Return :math:`(X - \mu) / s`, shape (n, d), float64 (a new array).

        Only the steps switched on are applied: :math:`X - \mu` without
        ``with_std``, :math:`X / s` without ``with_mean``.
        """
        check_is_fitted(self, "n_samples_seen_")
        X = validate_data(self, X, dtype=np.float64, reset=False, copy=True)
        if self.with_mean:
            X -= self.mean_
        if self.with_std:
            X /= self.scale_
        return X

    def inverse_transform(self, X: ArrayLike) -> np.ndarray:
        r"""Undo :meth:`transform`: return :math:`\tilde X s + \mu`, shape (n, d)."""
        check_is_fitted(self, "n_samples_seen_")
        X = validate_data(self, X, dtype=np.float64, reset=False, copy=True)
        if self.with_std:
            X *= self.scale_
        if self.with_mean:
            X += self.mean_
        return X


class OneHotEncoder(TransformerMixin, BaseEstimator):
    r"""Encode categorical columns as 0/1 indicator columns.

    ``fit`` learns, for each column :math:`j` of ``X`` (n, d), its sorted
    categories :math:`c_{j1} < \dots < c_{jk_j}`; ``transform`` replaces the
    column by the indicators

    .. math::

        e_{i,(j,l)} = [x_{ij} = c_{jl}], \qquad l = 2, \dots, k_j
        \quad (\text{or } l = 1, \dots, k_j \text{ with } \texttt{drop=None}),

    so the output has :math:`\sum_j (k_j - 1)` columns (:math:`\sum_j k_j`
    with ``drop=None``), in the order of the columns and then of the
    categories. With ``drop="first"`` the first category of each column is
    the *reference level*: a row of that category has zeros in all of the
    column's indicators, and each remaining weight :math:`w_{(j,l)}` is the
    change in the logit from the reference category to :math:`c_{jl}`.

    Why ``drop="first"`` is the default. The model has an intercept, i.e.
    the design matrix is :math:`\tilde X = [E, \mathbf 1]`. In a full one-hot
    encoding each row has exactly one 1 among a feature's :math:`k_j`
    indicators, so those columns sum to :math:`\mathbf 1`, the intercept's
    column of ones: :math:`\tilde X` has linearly dependent columns (the
    "dummy-variable trap"). Then :math:`\tilde X^\top \tilde X` and the
    Hessian :math:`\tilde X^\top \operatorname{diag}(p(1-p))\tilde X / n` are
    singular, and the unpenalized optimum is not unique: adding :math:`t` to
    every indicator weight of a feature and subtracting :math:`t` from
    :math:`b` changes no prediction. Newton's method cannot solve with a
    singular Hessian, and the weights cannot be read. Dropping one
    indicator per feature removes the dependence. (With an L2 penalty the
    optimum is unique either way, so ``drop=None`` is fine there, and it is
    what a model without an intercept needs.)

    Parameters
    ----------
    drop : {"first", None}, default "first"
        ``"first"``: leave out the indicator of each column's first (least)
        category. None: keep all indicators. A column with a single category
        gives no indicator at all with ``"first"``.
    handle_unknown : {"error"}, default "error"
        A category not seen in ``fit`` raises a ValueError in ``transform``
        that names the column and the unknown values. (It is the only
        option: with a dropped first category, an all-zero encoding of an
        unknown value would be read as the reference category.)

    Attributes
    ----------
    categories_ : list of ndarray
        ``categories_[j]`` holds the sorted categories of column j, shape
        (k_j,).
    drop_idx_ : ndarray of int, shape (d,), or None
        Index in ``categories_[j]`` of the dropped category (0 for each
        column with ``drop="first"``); None with ``drop=None``.
    n_features_in_ : int
        d, the number of input columns seen in ``fit``.
    feature_names_in_ : ndarray of str, shape (d,)
        Column names, when ``X`` in ``fit`` was a DataFrame with string names.

    Notes
    -----
    Categories are numbers or strings, one type per column; missing values
    (None, NaN) are refused. The output is always a dense float64 array.

    Examples
    --------
    >>> import numpy as np
    >>> from bce.preprocessing import OneHotEncoder
    >>> X = np.array([["red"], ["green"], ["blue"], ["green"]])
    >>> enc = OneHotEncoder().fit(X)
    >>> enc.categories_
    [array(['blue', 'green', 'red'], dtype='<U5')]
    >>> enc.transform(X)
    array([[0., 1.],
           [1., 0.],
           [0., 0.],
           [1., 0.]])
    >>> enc.get_feature_names_out().tolist()
    ['x0_green', 'x0_red']
    """

    _DROPS = ("first", None)

    def __init__(self, *, drop: str | None = "first", handle_unknown: str = "error"):
        self.drop = drop
        self.handle_unknown = handle_unknown

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.categorical = True
        tags.input_tags.string = True
        return tags

    def _validate_params(self) -> None:
        check_option(self.drop, "drop", self._DROPS)
        check_option(self.handle_unknown, "handle_unknown", ("error",))

    def _check_X(self, X, reset: bool) -> np.ndarray:
        return check_categorical(validate_data(self, X, dtype=None, reset=reset))

    def fit(self, X: ArrayLike, y=None) -> "OneHotEncoder":
        """Learn the sorted categories of each column of ``X`` (n, d).

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, d)
            Categories: numbers or strings, one type per column.
        y : ignored

        Returns
        -------
        self
        """
        self._validate_params()
        X = self._check_X(X, reset=True)
        self.categories_ = check_category_columns(X)
        self.drop_idx_ = (None if self.drop is None
                          else np.zeros(len(self.categories_), dtype=np.intp))
        return self

    def transform(self, X: ArrayLike) -> np.ndarray:
        """Return the indicator columns, shape (n, d_out), dense float64.

        ``d_out`` is :math:`\\sum_j (k_j - 1)` with ``drop="first"``,
        :math:`\\sum_j k_j` with ``drop=None``.

        Raises
        ------
        ValueError
            When a column holds a category not seen in ``fit``.
        """
        check_is_fitted(self, "categories_")
        X = self._check_X(X, reset=False)
        codes = check_known_categories(X, self.categories_, self._input_names())
        n = X.shape[0]
        skip = 0 if self.drop is None else 1
        widths = [cats.size - skip for cats in self.categories_]
        out = np.zeros((n, sum(widths)), dtype=np.float64)
        rows = np.arange(n)
        offset = 0
        for j, code in enumerate(codes):  # a loop over columns
            hot = code >= skip
            out[rows[hot], offset + code[hot] - skip] = 1.0
            offset += widths[j]
        return out

    def _input_names(self) -> list[str]:
        if hasattr(self, "feature_names_in_"):
            return [str(name) for name in self.feature_names_in_]
        return [f"x{j}" for j in range(self.n_features_in_)]

    def get_feature_names_out(self, input_features: ArrayLike | None = None) -> np.ndarray:
        """Names of the output columns: ``"<feature>_<category>"``, shape (d_out,).

        Parameters
        ----------
        input_features : array_like of str, shape (d,), optional
            The input column names. Default: ``feature_names_in_`` if ``fit``
            saw a DataFrame, else ``x0, x1, ...``.

        Returns
        -------
        ndarray of object (str), shape (d_out,)
        """
        check_is_fitted(self, "categories_")
        names = check_input_features(input_features, self._input_names(),
                                     hasattr(self, "feature_names_in_"))
        skip = 0 if self.drop is None else 1
        out = [f"{name}_{cat}" for name, cats in zip(names, self.categories_)
               for cat in cats.tolist()[skip:]]
        return np.asarray(out, dtype=object)
