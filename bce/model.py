r"""``LogisticRegression``: the course's binary classifier, scikit-learn style.

The estimator minimizes, over :math:`w` (d,) and :math:`b`,

.. math::

    C \sum_{i=1}^{n} v_i \operatorname{BCE}\bigl(y_i, \sigma(x_i^\top w + b)\bigr)
    + \tfrac12 \lVert w \rVert^2

(:math:`v_i` the sample weights, 1 by default), exactly as scikit-learn's
``LogisticRegression(C)`` does. Divided by :math:`C \sum_i v_i` this is the
objective :math:`J` of :mod:`bce.objective` with
:math:`\lambda = 1 / (C \sum_i v_i)`, so the estimator hands the work to a
solver of :mod:`bce.solvers` with that ``l2``.

It is binary only. This module imports scikit-learn; ``import bce`` does not
(``bce.LogisticRegression`` loads this module on first use).
:doc:`/chapters/seven_steps` uses it end to end.
"""

from __future__ import annotations

import warnings

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_is_fitted, validate_data

from .functions import log_sigmoid, sigmoid
from .solvers import _gradient_descent, _newton, _Problem, _sgd
from .validation import (
    RandomStateLike,
    _as_generator,
    _check_int,
    _scaled_weights,
    check_bool,
    check_class_weights,
    check_estimator_input,
    check_finite_result,
    check_magnitude,
    check_option,
    check_random_state,
    check_real,
    check_sample_weight,
    check_two_classes,
    l2_from_C,
)

__all__ = ["LogisticRegression"]

_SOLVERS = ("newton", "gd", "sgd")


# ClassifierMixin goes first: scikit-learn's check_mixin_order requires mixins
# to the left of BaseEstimator (so that their tags and methods take effect).
class LogisticRegression(ClassifierMixin, BaseEstimator):
    r"""Binary logistic regression with an L2 penalty, trained by a ``bce`` solver.

    Minimizes

    .. math::

        C \sum_{i=1}^{n} v_i \bigl[-y_i \log p_i - (1 - y_i)\log(1 - p_i)\bigr]
        + \tfrac12 \lVert w \rVert^2, \qquad p = \sigma(X w + b),

    with :math:`y_i = 1` for the class ``classes_[1]``, :math:`v_i` the
    sample weights (1 by default) and the intercept :math:`b` not penalized,
    as scikit-learn's ``LogisticRegression(C=C)``. Dividing by
    :math:`C \sum_i v_i` gives the course's objective :math:`J` (a weighted
    mean loss plus :math:`\tfrac{\lambda}{2}\lVert w\rVert^2`) with
    :math:`\lambda = 1/(C \sum_i v_i)`; ``C=np.inf`` means :math:`\lambda = 0`.

    Binary only: ``y`` must hold exactly two classes (any two labels: ints,
    strings, ...); a multiclass ``y`` raises a ValueError.

    Parameters
    ----------
    C : float, default 1.0
        Inverse strength of the penalty, > 0; ``np.inf`` switches it off
        (then on linearly separable data no minimizer exists: the fit runs to
        ``max_iter`` and warns).
    solver : {"newton", "gd", "sgd"}, default "newton"
        ``"newton"``: Newton's method / IRLS with a line search
        (:func:`bce.solvers.newton`); ``"gd"``: batch gradient descent with
        the step :math:`1/L` (:func:`bce.solvers.gradient_descent`);
        ``"sgd"``: mini-batch SGD with a decaying step
        (:func:`bce.solvers.sgd`).
    fit_intercept : bool, default True
        Whether to fit :math:`b`; if False, :math:`b = 0`.
    max_iter : int, default 100
        Maximum number of iterations (epochs for ``"sgd"``), >= 1.
    tol : float, default 1e-8
        Stop when :math:`\max_j |\nabla J|_j \le` ``tol`` (:math:`J` in the
        mean convention above), >= 0. ``"sgd"`` rarely gets there: it
        usually runs all ``max_iter`` epochs and warns.
    learning_rate : float or None, default None
        Step size (``"gd"``) or initial step :math:`\eta_0` (``"sgd"``), > 0;
        None means :math:`1/L`, with :math:`L` the Lipschitz constant of
        :math:`\nabla J`. Ignored by ``"newton"``.
    batch_size : int, default 32
        Rows per mini-batch for ``"sgd"``, >= 1; ignored otherwise.
    random_state : None, int, numpy.random.Generator or RandomState
        Seeds the shuffling of ``"sgd"`` (an int makes fits reproducible);
        ignored otherwise.

    Attributes
    ----------
    classes_ : ndarray, shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    coef_ : ndarray, shape (1, d)
        The weights :math:`w`.
    intercept_ : ndarray, shape (1,)
        The intercept :math:`b` (0.0 when ``fit_intercept=False``).
    n_iter_ : ndarray of int, shape (1,)
        Iterations (epochs for ``"sgd"``) run, as in scikit-learn.
    loss_history_ : ndarray, shape (n_iter_[0] + 1,)
        :math:`J` (mean convention) at the start point :math:`w = 0, b = 0`
        and after each iteration.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of str, shape (n_features_in_,)
        Column names, when ``X`` in ``fit`` was a DataFrame with string names.

    Examples
    --------
    >>> import numpy as np
    >>> from bce import LogisticRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array(["no", "no", "yes", "yes"])
    >>> clf = LogisticRegression(C=10.0).fit(X, y)
    >>> clf.classes_
    array(['no', 'yes'], dtype='<U3')
    >>> clf.predict([[0.5], [2.5]])
    array(['no', 'yes'], dtype='<U3')
    >>> clf.predict_proba([[1.5]]).round(3)
    array([[0.5, 0.5]])
    """

    def __init__(
        self,
        C: float = 1.0,
        solver: str = "newton",
        fit_intercept: bool = True,
        max_iter: int = 100,
        tol: float = 1e-8,
        learning_rate: float | None = None,
        batch_size: int = 32,
        random_state: RandomStateLike = None,
    ):
        self.C = C
        self.solver = solver
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _validate_params(self) -> None:
        check_real(self.C, "C", strict=True, allow_inf=True)
        check_option(self.solver, "solver", _SOLVERS)
        check_bool(self.fit_intercept, "fit_intercept")
        _check_int(self.max_iter, "max_iter", 1)
        check_real(self.tol, "tol")
        check_real(self.learning_rate, "learning_rate", strict=True,
                    allow_none=True)
        _check_int(self.batch_size, "batch_size", 1)
        check_random_state(self.random_state)

    def fit(
        self, X: ArrayLike, y: ArrayLike, sample_weight: ArrayLike | None = None
    ) -> "LogisticRegression":
        """Fit the model to ``X`` (n, d) and the labels ``y`` (n,).

        Parameters
        ----------
        X : array_like or DataFrame, shape (n, d)
        y : array_like, shape (n,)
            Exactly two distinct labels.
        sample_weight : array_like, shape (n,), optional
            Non-negative weights; a weight of 2 is the same as repeating the
            row. Both classes need some positive weight.

        Returns
        -------
        self

        Warns
        -----
        ConvergenceWarning
            When the solver stops before its stopping rule is met (usually
            at ``max_iter``); the attributes hold the last iterate.
        """
        self._validate_params()
        check_estimator_input(X)
        X, y = validate_data(self, X, y, dtype=np.float64)
        classes, y01 = check_two_classes(y)
        sw = check_sample_weight(sample_weight, X.shape[0])
        check_class_weights(sw, y01, classes)
        l2 = l2_from_C(float(self.C), X.shape[0], sw)
        check_magnitude(X)
        # X, y and the options are checked: from here on, the kernels only
        problem = _Problem(X, y01, l2, None if sw is None else _scaled_weights(sw)[0],
                           self.fit_intercept)
        if self.solver == "newton":
            result = _newton(problem, self.max_iter, self.tol)
        elif self.solver == "gd":
            result = _gradient_descent(problem, self.learning_rate,
                                       self.max_iter, self.tol)
        else:
            result = _sgd(problem, self.learning_rate, self.batch_size,
                          _as_generator(self.random_state), self.max_iter,
                          self.tol)

        self.classes_ = classes
        self.coef_ = result.w.reshape(1, -1)
        self.intercept_ = np.array([result.b])
        self.n_iter_ = np.array([result.n_iter], dtype=np.int32)
        self.loss_history_ = result.loss_history
        if not result.converged:
            # the solver's message on data without a minimizer already says
            # what to do (a finite C); more iterations would not help
            advice = ("" if "no minimizer" in result.message else
                      " Increase max_iter, standardize X, or lower C "
                      "(stronger penalty).")
            warnings.warn(
                f"LogisticRegression(solver={self.solver!r}) did not converge: "
                f"{result.message}.{advice}",
                ConvergenceWarning,
                stacklevel=2,
            )
        return self

    def decision_function(self, X: ArrayLike) -> np.ndarray:
        """The logits :math:`z = X w + b`, shape (n,); > 0 means ``classes_[1]``."""
        check_is_fitted(self)
        check_estimator_input(X)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        with np.errstate(over="ignore", invalid="ignore"):  # named just below
            z = X @ self.coef_[0] + self.intercept_[0]
        check_finite_result([z], X)
        return z

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        r"""Class probabilities, shape (n, 2): :math:`[1 - p, p]`, :math:`p = \sigma(z)`.

        Column ``k`` is the probability of ``classes_[k]``. Both columns come
        from the sigmoid (:math:`1 - p = \sigma(-z)`), so neither loses
        precision when the other is close to 1.
        """
        z = self.decision_function(X)
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def predict_log_proba(self, X: ArrayLike) -> np.ndarray:
        """Logarithm of :meth:`predict_proba`, shape (n, 2)."""
        z = self.decision_function(X)
        return np.column_stack([log_sigmoid(-z), log_sigmoid(z)])

    def predict(self, X: ArrayLike) -> np.ndarray:
        """The predicted labels, shape (n,): ``classes_[1]`` where :math:`z > 0`."""
        z = self.decision_function(X)
        return self.classes_[(z > 0).astype(np.intp)]
