r"""Three solvers that minimize the objective of :mod:`bce.objective`.

Each solver minimizes

.. math::

    J(w, b) = \sum_{i=1}^{n} s_i \operatorname{BCE}\bigl(y_i, \sigma(x_i^\top w + b)\bigr)
              + \frac{\lambda}{2}\lVert w \rVert^2

(:math:`s_i = 1/n`, or the normalized sample weights; the bias is not
penalized) over :math:`\theta = (w, b)`, bias last, or over :math:`w` alone
when ``fit_intercept=False`` (then :math:`b = 0`). Every value, gradient and
Hessian comes from :mod:`bce.objective`; no solver re-derives them.

* :func:`gradient_descent`: :math:`\theta \leftarrow \theta - \eta\,\nabla J`
  with the safe step :math:`\eta = 1/L` (:func:`lipschitz_constant`).
* :func:`sgd`: the same step on shuffled mini-batches, with a decaying step.
* :func:`newton`: :math:`\theta \leftarrow \theta - \alpha H^{-1}\nabla J`
  (iteratively reweighted least squares), :math:`H` factored by Cholesky,
  :math:`\alpha` from a backtracking (Armijo) line search.

Conventions
-----------
* ``X`` is (n, d), ``y`` is (n,) in {0, 1}, ``l2`` is :math:`\lambda \ge 0`,
  ``sample_weight`` is (n,) and non-negative (optional).
* All work is vectorized over samples; the Python loops run over
  iterations, epochs and mini-batches only.
* Each solver starts at :math:`\theta = 0` and returns a
  :class:`SolverResult`. Its ``loss_history`` holds :math:`J` at the start
  and after every iteration (``n_iter + 1`` values), ``grad_history`` the
  matching :math:`\max_j |\partial J / \partial \theta_j|`.

The chapters :doc:`/chapters/gradient_descent`,
:doc:`/chapters/stochastic_gradient_descent` and :doc:`/chapters/newton_irls`
derive these updates; :class:`bce.LogisticRegression` calls them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import scipy.linalg
import scipy.linalg.lapack
from numpy.typing import ArrayLike

from .objective import _hessian, _loss_and_gradient
from .separation import separating_direction
from .validation import (
    RandomStateLike,
    _as_generator,
    _check_int,
    as_float_array,
    check_bool,
    check_design,
    check_l2,
    check_real,
    check_sample_weight,
    check_solver_args,
)

__all__ = [
    "SolverResult",
    "gradient_descent",
    "sgd",
    "newton",
    "lipschitz_constant",
]


class SolverResult(NamedTuple):
    """What a solver returns.

    Attributes
    ----------
    w : ndarray, shape (d,)
        The weights found.
    b : float
        The intercept found (0.0 when ``fit_intercept=False``).
    n_iter : int
        Iterations run (for :func:`sgd`, epochs).
    loss_history : ndarray, shape (n_iter + 1,)
        :math:`J` at the start point and after each iteration (for
        :func:`sgd`, on the full data after each epoch).
    converged : bool
        True when the stopping rule was met before ``max_iter``.
    grad_history : ndarray, shape (n_iter + 1,)
        :math:`\\max_j |\\nabla J|_j` at the same points as ``loss_history``.
    message : str
        Why the solver stopped, in words.
    """

    w: np.ndarray
    b: float
    n_iter: int
    loss_history: np.ndarray
    converged: bool
    grad_history: np.ndarray
    message: str


# ---------------------------------------------------------------------------
# theta = (w, b) <-> the kernels of bce.objective


class _Problem:
    """J as a function of theta = (w, b), bias last, on checked arrays.

    Its methods call the kernels of :mod:`bce.objective` and check nothing
    (the solver checked its arguments once, with
    ``bce.validation.check_solver_args``). :mod:`bce.distributed` has
    a twin with the same methods, backed by sums over chunks.
    """

    def __init__(self, X, y, l2, sw, fit_intercept):
        self.X, self.y, self.l2, self.sw = X, y, l2, sw
        self.fit_intercept = fit_intercept
        self.d = X.shape[1]
        n = X.shape[0]
        self.omega = np.full(n, 1.0 / n) if sw is None else sw / sw.sum()

    def size(self) -> int:
        return self.d + int(self.fit_intercept)

    def split(self, theta: np.ndarray) -> tuple[np.ndarray, float]:
        if self.fit_intercept:
            return theta[: self.d], float(theta[self.d])
        return theta, 0.0

    def logits(self, theta: np.ndarray) -> np.ndarray:
        w, b = self.split(theta)
        with np.errstate(over="ignore", invalid="ignore"):
            return self.X @ w + b

    def loss_grad(self, theta: np.ndarray, rows=None, scale: float = 1.0):
        """J and grad J at theta (J = inf where it overflows); with ``rows``,
        the gradient of the data term on those rows times ``scale`` (the
        mini-batch estimate of :func:`sgd`) plus the full penalty."""
        w, b = self.split(theta)
        X, y, omega = self.X, self.y, self.omega
        if rows is not None:
            X, y, omega = X[rows], y[rows], omega[rows] * scale
        with np.errstate(over="ignore", invalid="ignore"):
            f, grad_w, grad_b = _loss_and_gradient(X, y, w, b, self.l2, omega,
                                                   want_loss=rows is None)
        g = np.append(grad_w, grad_b) if self.fit_intercept else grad_w
        return (f if f is None or np.isfinite(f) else np.inf), g

    def hess(self, theta: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", invalid="ignore"):
            H = _hessian(self.X, self.logits(theta), self.omega, self.l2)
        return H if self.fit_intercept else H[: self.d, : self.d]

    def gauge(self, g: np.ndarray) -> float:
        """The size of the gradient that Newton's stopping rule reads:
        max_j |dJ/dw_j| / rms(x_j), and |dJ/db|; see :func:`_gradient_units`."""
        if not hasattr(self, "_units"):
            self._units = _gradient_units(self.X, self.fit_intercept)
        return _max_abs(g * self._units)

    def no_minimizer(self, theta: np.ndarray) -> bool:
        """True when J has no minimizer; exact (a True is a proof, and so is
        a False). With an intercept, one class only (among rows of positive
        weight) lets b run off; with ``l2 = 0``, separated data (completely,
        as at a theta that classifies every row correctly, or
        quasi-completely: the linear program of :mod:`bce.separation`,
        asked once per fit) let theta run off along a direction."""
        live = slice(None) if self.sw is None else self.sw > 0
        y = self.y[live]
        if self.fit_intercept and np.all(y == y[0]):
            return True
        if self.l2 > 0.0:
            return False
        margins = ((2.0 * self.y - 1.0) * self.logits(theta))[live]
        return bool(np.all(margins > 0)) or self.separated()

    def separated(self) -> bool:
        """Whether the rows are separated; asked once, when first needed."""
        if not hasattr(self, "_separated"):
            self._separated = separating_direction(
                self.X, self.y, self.sw, self.fit_intercept) is not None
        return self._separated

    def max_abs_logit(self, theta: np.ndarray) -> float:
        """max |z_i| over the rows of positive weight."""
        z = self.logits(theta)
        return _max_abs(z if self.sw is None else z[self.sw > 0])


def _gradient_units(X: np.ndarray, fit_intercept: bool) -> np.ndarray:
    r"""Per entry of theta, the factor that makes the gradient unit-free.

    :math:`\partial J / \partial w_j` has the units of :math:`1/w_j`, that
    is of :math:`x_j`: multiplying a feature by :math:`10^{12}` multiplies
    its gradient entry, and the rounding error in it, by :math:`10^{12}`,
    so no fixed ``tol`` on :math:`\max_j |\nabla J|_j` suits every scale.
    Divided by the root mean square :math:`r_j` of column :math:`j` it is
    the gradient with respect to the coefficient of the feature
    :math:`x_j / r_j`, which has no units. Returns :math:`1/r_j` for each
    column (1 for a zero column) and 1 for the intercept. For standardized
    columns :math:`r_j = 1`, and the rule is plain :math:`\max|\nabla J|`.
    """
    rms = np.sqrt(np.einsum("ij,ij->j", X, X) / X.shape[0])  # one pass, no copy
    units = np.ones(X.shape[1] + int(fit_intercept))
    units[: X.shape[1]] = 1.0 / np.where(rms > 0, rms, 1.0)
    return units


def _max_abs(g: np.ndarray) -> float:
    return float(np.max(np.abs(g))) if g.size else 0.0


def _result(problem, theta, losses, grads, converged, message) -> SolverResult:
    w, b = problem.split(theta)
    return SolverResult(
        w=np.array(w, dtype=np.float64), b=float(b), n_iter=len(losses) - 1,
        loss_history=np.asarray(losses, dtype=np.float64), converged=converged,
        grad_history=np.asarray(grads, dtype=np.float64), message=message,
    )


def _not_converged(name: str, k: int, gmax: float, tol: float,
                   no_minimizer: bool) -> str:
    if no_minimizer:
        return (f"{name} reached max_iter={k}: J has no minimizer (l2 = 0 on "
                "separated data, completely or quasi-completely, or a single "
                "class), so theta grows without bound while the gradient "
                "vanishes; use l2 > 0 (C < inf)")
    if gmax <= tol:
        return (f"{name} reached max_iter={k} with max|grad J| = {gmax:.3g} "
                f"<= tol = {tol:.3g}, but its last step was still large")
    return (f"{name} reached max_iter={k} with max|grad J| = {gmax:.3g} > "
            f"tol = {tol:.3g}")


def _lipschitz(problem: _Problem) -> float:
    """The top eigenvalue of H(0), from the kernel (checks nothing)."""
    if problem.size() == 0:
        return 0.0
    H0 = problem.hess(np.zeros(problem.size()))
    return float(max(np.linalg.eigvalsh(H0)[-1], 0.0))


def lipschitz_constant(
    X: ArrayLike,
    l2: float = 0.0,
    *,
    sample_weight: ArrayLike | None = None,
    fit_intercept: bool = True,
) -> float:
    r"""Lipschitz constant :math:`L` of :math:`\nabla J`, for the step :math:`1/L`.

    Since :math:`p(1-p) \le 1/4`, with equality at :math:`z = 0`, the Hessian
    is largest (in the semidefinite order) at :math:`\theta = 0`:

    .. math::

        & H(\theta) \preceq H(0) = \tfrac14 \tilde X^\top S \tilde X
        + \operatorname{diag}(\lambda, \dots, \lambda, 0),

        & L = \lambda_{\max}\bigl(H(0)\bigr)
          \le \tfrac{1}{4}\lambda_{\max}(\tilde X^\top S \tilde X) + \lambda,

    with :math:`\tilde X = [X, \mathbf 1]` (just :math:`X` when
    ``fit_intercept=False``) and :math:`S = \operatorname{diag}(s)`, here
    :math:`1/n` or the normalized sample weights. The right-hand side is the
    textbook bound :math:`\lambda_{\max}(\tilde X^\top \tilde X)/(4n) + \lambda`;
    :math:`L` itself is never larger, so the step :math:`1/L` is at least as
    long and still safe. :math:`H(0)` comes from :func:`bce.hessian`
    (O(n d^2) once); its top eigenvalue from the (d+1) x (d+1) matrix.

    Returns
    -------
    float
        :math:`L \ge 0` (0 only when ``X`` is zero, ``l2 = 0`` and there is
        no intercept).
    """
    X = as_float_array(X, "X")
    n = X.shape[0] if X.ndim else 0
    X, y, l2, sw, fit_intercept, _, _ = check_solver_args(
        X, np.zeros(n), l2, sample_weight, fit_intercept, 1, 0.0)
    return _lipschitz(_Problem(X, y, l2, sw, fit_intercept))


# ---------------------------------------------------------------------------
# Gradient descent and SGD: one loop, two steps


def _descent_loop(problem, epoch, max_iter: int, tol: float, name: str):
    """The loop of :func:`gradient_descent` and :func:`sgd` (:doc:`/chapters/gradient_descent`).

    ``epoch(theta, g)`` is the step that differs: one full gradient step,
    or one pass of mini-batch steps. After each, J and grad J on all the
    data, for the history and the stopping rule.
    Taught in :doc:`/chapters/gradient_descent`.
    """
    theta = np.zeros(problem.size())
    f, g = problem.loss_grad(theta)
    losses, grads = [f], [_max_abs(g)]
    for k in range(max_iter):
        if grads[-1] <= tol and not problem.no_minimizer(theta):
            break
        with np.errstate(over="ignore", invalid="ignore"):
            theta = epoch(theta, g)
        f, g = problem.loss_grad(theta)
        if not np.isfinite(f):
            raise ValueError(
                f"{name} diverged in iteration {k + 1} (J or z = Xw + b "
                "overflowed); use a smaller learning_rate (or None for 1/L), "
                "or standardize X")
        losses.append(f)
        grads.append(_max_abs(g))
    no_minimizer = problem.no_minimizer(theta)
    converged = grads[-1] <= tol and not no_minimizer
    message = ("max|grad J| <= tol" if converged else
               _not_converged(name, max_iter, grads[-1], tol, no_minimizer))
    return _result(problem, theta, losses, grads, converged, message)


def gradient_descent(
    X: ArrayLike,
    y: ArrayLike,
    l2: float = 0.0,
    *,
    sample_weight: ArrayLike | None = None,
    fit_intercept: bool = True,
    max_iter: int = 100,
    tol: float = 1e-8,
    learning_rate: float | None = None,
) -> SolverResult:
    r"""Minimize :math:`J` by batch gradient descent.

    .. math::

        \theta_{k+1} = \theta_k - \eta \nabla J(\theta_k), \qquad
        \eta = 1/L \text{ by default},

    with :math:`L` from :func:`lipschitz_constant`.
    With :math:`\eta = 1/L` every step lowers :math:`J` by at least
    :math:`\lVert\nabla J\rVert^2 / (2L)` (the descent lemma), so
    ``loss_history`` never increases. One iteration is one gradient step on
    all n samples (one :math:`z = Xw + b`, one :math:`X^\top r`).

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
        Labels in {0, 1}.
    l2 : float, default 0.0
        :math:`\lambda \ge 0`.
    sample_weight : array_like, shape (n,), optional
    fit_intercept : bool, default True
        If False, :math:`b = 0` is held fixed.
    max_iter : int, default 100
    tol : float, default 1e-8
        Stop when :math:`\max_j |\nabla J|_j \le` ``tol``, unless the
        iterate proves that no minimizer exists (``l2 = 0`` and every row
        classified correctly, or a single class; see :func:`newton`).
    learning_rate : float, optional
        A fixed step :math:`\eta > 0` instead of :math:`1/L` (steps above
        :math:`2/L` can diverge).

    Returns
    -------
    SolverResult
    """
    X, y, l2, sw, fit_intercept, max_iter, tol = check_solver_args(
        X, y, l2, sample_weight, fit_intercept, max_iter, tol)
    eta = check_real(learning_rate, "learning_rate", strict=True, allow_none=True)
    return _gradient_descent(_Problem(X, y, l2, sw, fit_intercept), eta,
                             max_iter, tol)


def _gradient_descent(problem, eta, max_iter, tol) -> SolverResult:
    """:func:`gradient_descent` on a checked problem (the estimator calls this).

    Taught in :doc:`/chapters/gradient_descent`.
    """
    if eta is None:
        L = _lipschitz(problem)
        eta = 1.0 / L if L > 0 else 1.0  # L = 0: J is constant, grad J = 0

    def step(theta, g):
        return theta - eta * g

    return _descent_loop(problem, step, max_iter, tol, "gradient descent")


def sgd(
    X: ArrayLike,
    y: ArrayLike,
    l2: float = 0.0,
    *,
    sample_weight: ArrayLike | None = None,
    fit_intercept: bool = True,
    max_iter: int = 100,
    tol: float = 1e-8,
    learning_rate: float | None = None,
    batch_size: int = 32,
    random_state: RandomStateLike = None,
) -> SolverResult:
    r"""Minimize :math:`J` by mini-batch stochastic gradient descent.

    Each epoch shuffles the rows (a :class:`numpy.random.Generator` seeded by
    ``random_state``) and cuts them into mini-batches :math:`B` of
    ``batch_size`` rows (the last may be shorter). On each batch

    .. math::

        \theta \leftarrow \theta - \eta_t \nabla J_B(\theta), \qquad
        \eta_t = \frac{\eta_0}{\sqrt{1 + t / m}},

    where :math:`t = 0, 1, 2, \dots` counts mini-batch steps over all epochs
    and :math:`m = \lceil n_+ / \text{batch\_size} \rceil` is the number of
    batches per epoch, so the step decays like :math:`1/\sqrt{\text{epoch}}`.
    :math:`\eta_0` is ``learning_rate``, by default :math:`1/L`
    (:func:`lipschitz_constant` of the full data).

    :math:`J_B` is :math:`J` with the data term restricted to the batch and
    rescaled so that its gradient is an unbiased estimate of
    :math:`\nabla J`: the batch mean (weighted mean) times the batch's share
    :math:`r = \frac{n_+}{|B|}\sum_{i\in B} v_i / \sum_i v_i` of the total
    weight (:math:`r = 1` without sample weights or with equal ones), plus
    the full penalty. The batches are drawn from the :math:`n_+` rows of
    positive weight only: a row of weight 0 carries no data, so weights of
    0 and 1 give exactly the steps of SGD on the rows of weight 1.

    One iteration is one epoch. After each epoch :math:`J` and
    :math:`\nabla J` are evaluated on the full data (one extra pass) for
    ``loss_history`` and for the stopping rule
    :math:`\max_j |\nabla J|_j \le` ``tol``. With a decaying step SGD
    approaches the minimum slowly (its error falls like a power of the
    number of steps, not geometrically), so with the default ``tol=1e-8`` it
    will usually stop at ``max_iter`` instead: judge it by ``loss_history``.

    Parameters
    ----------
    X, y, l2, sample_weight, fit_intercept, max_iter, tol
        As in :func:`gradient_descent`; ``max_iter`` counts epochs.
    learning_rate : float, optional
        :math:`\eta_0 > 0`; default :math:`1/L`.
    batch_size : int, default 32
        Rows per mini-batch (capped at n).
    random_state : None, int, Generator or RandomState
        Seeds the shuffling; an int gives the same result on every call.

    Returns
    -------
    SolverResult
    """
    X, y, l2, sw, fit_intercept, max_iter, tol = check_solver_args(
        X, y, l2, sample_weight, fit_intercept, max_iter, tol)
    eta0 = check_real(learning_rate, "learning_rate", strict=True, allow_none=True)
    batch_size = _check_int(batch_size, "batch_size", 1)
    return _sgd(_Problem(X, y, l2, sw, fit_intercept), eta0, batch_size,
                _as_generator(random_state), max_iter, tol)


def _sgd(problem, eta0, batch_size, rng, max_iter, tol) -> SolverResult:
    """:func:`sgd` on a checked problem (the estimator calls this).

    Taught in :doc:`/chapters/stochastic_gradient_descent`.
    """
    sw = problem.sw
    if eta0 is None:
        L = _lipschitz(problem)
        eta0 = 1.0 / L if L > 0 else 1.0
    # Rows of weight 0 carry no data: batches come from the others only.
    live = np.arange(problem.X.shape[0]) if sw is None else np.flatnonzero(sw > 0)
    n_batches = -(-live.size // batch_size)
    steps_taken = [0]

    def epoch(theta, g):
        order = live[rng.permutation(live.size)]
        for start in range(0, live.size, batch_size):
            rows = order[start:start + batch_size]
            # omega * n_live / |B| on the batch: an unbiased estimate of grad J
            _, g_b = problem.loss_grad(theta, rows, live.size / rows.size)
            theta = theta - eta0 / np.sqrt(1.0 + steps_taken[0] / n_batches) * g_b
            steps_taken[0] += 1
        return theta

    return _descent_loop(problem, epoch, max_iter, tol, "sgd")


# ---------------------------------------------------------------------------
# Newton's method (IRLS)

# The iterate counts as settled when the last Newton step moved no
# coordinate by more than this fraction of (1 + max|theta|) (see `newton`).
_STEP_RTOL = 1e-4
_ARMIJO_C = 1e-4
_MAX_HALVINGS = 60
# |z| beyond which p = sigmoid(z) is within 2.4e-16 of 0 or 1 (1 - sigmoid(36)
# = 2.3e-16, about the spacing of float64 numbers just below 1).
_SATURATED_LOGIT = 36.0


def _singular_rtol(m: int) -> float:
    r"""Relative size below which the scaled Hessian counts as singular.

    ``m**2 * eps`` for an m x m system. Why: the diagonally scaled
    :math:`H_s` (unit diagonal, see :func:`_newton_direction`) has entries
    of magnitude at most 1, so Cholesky's backward error is at most
    :math:`\gamma_m \approx m\varepsilon` per entry (Higham, *Accuracy and
    Stability of Numerical Algorithms*, Thm. 10.3), at most
    :math:`m^2\varepsilon \le m^2\varepsilon\lVert H_s\rVert_1` in the
    1-norm. The solve's relative error is then bounded by
    :math:`m^2\varepsilon/\mathrm{rcond}`: only when
    :math:`\mathrm{rcond} > m^2\varepsilon` is the bound below 1, i.e. does
    the solution carry information rather than rounding noise. The same
    level is the cut-off for the eigenvalues of :math:`H_s`
    (:math:`\lambda_j \le m^2\varepsilon\,\lambda_{\max}` counts as 0).
    Real problems are far from it: the standardized breast-cancer data
    have rcond ~ 1e-2 .. 1e-5 (C from 0.01 to 1e4), the raw ones ~ 1e-5 ..
    1e-7, against :math:`31^2\varepsilon \approx 2\times10^{-13}`.
    """
    return m * m * np.finfo(float).eps


def _solve_psd(H: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, bool]:
    r"""Solve :math:`H\delta = g` where :math:`H` may be singular (the hardened solve).

    The taught step is one Cholesky solve (:func:`_newton_direction`); this
    helper adds what a singular or nearly singular :math:`H` needs
    (:doc:`/chapters/numerics` shows the failure it prevents).

    The rule, and why:

    1. A coordinate with :math:`H_{jj} = 0` has, :math:`H` being positive
       semidefinite, a zero row and column: a zero column of ``X`` and no
       penalty. J does not depend on it, and its gradient entry is exactly
       0; its step is set to exactly 0 (deterministically, so its
       coefficient stays 0) and the rest is solved without it.
    2. The others are scaled by :math:`s = \sqrt{\operatorname{diag} H}`:
       :math:`H_s = S^{-1} H S^{-1}` (unit diagonal), :math:`g_s = S^{-1}g`,
       :math:`\delta = S^{-1}H_s^{-1}g_s`. Measuring a feature in other
       units (a column of ``X`` times c) rescales a row and column of
       :math:`H` but leaves :math:`H_s` and :math:`g_s` unchanged, so the
       decision below, unlike a test on :math:`H` itself, does not depend
       on the units of the features (Newton's step is invariant under such
       rescaling; the test must be too).
    3. Cholesky of :math:`H_s` (LAPACK ``dpotrf``) and its reciprocal
       condition number in the 1-norm (``dpocon``, O(m^2) from the factor).
       Accepted if the factorization succeeds and
       rcond :math:`> m^2\varepsilon` (:func:`_singular_rtol`): then the
       solve is accurate. A test on the pivots of the factor would not do:
       :math:`(\min r_{jj}/\max r_{jj})^2` only bounds
       :math:`1/\operatorname{cond}` from above and misses numerically
       singular matrices.
    4. Otherwise :math:`H` is numerically singular (``l2 = 0`` with
       collinear columns, or probabilities saturated at 0 or 1): a
       pseudo-inverse step from the eigendecomposition of :math:`H_s`,
       keeping the eigenvalues above :math:`m^2\varepsilon\lambda_{\max}`.
       The step has no component along the dropped (near-null) directions
       of :math:`H_s`, along which J is flat to rounding, so coefficients
       that the data do not identify are not moved by noise: the result is
       the minimum-norm step in the scaled coordinates, the same on every
       BLAS up to rounding. Never an explicit inverse.

    Returns
    -------
    delta : ndarray, shape (m,)
        The step (NaN where :math:`H` is not finite, or where a zero
        curvature meets a nonzero gradient entry, which only happens when
        every :math:`p(1-p)` of a column's rows underflowed; the caller then
        takes the steepest-descent direction).
    singular : bool
        True when some direction was dropped (rule 1 or 4): some
        coefficients are not identifiable from the data.
    """
    m = g.size
    delta = np.zeros(m)
    if not np.all(np.isfinite(H)):
        return np.full(m, np.nan), False
    diag = np.diag(H)
    active = diag > 0
    if np.any(g[~active] != 0):
        return np.full(m, np.nan), False
    if not np.any(active):
        return delta, m > 0
    idx = np.flatnonzero(active)
    s = np.sqrt(diag[idx])
    Hs = H[np.ix_(idx, idx)] / s[:, None] / s[None, :]
    gs = g[idx] / s
    rtol = _singular_rtol(idx.size)
    c, info = scipy.linalg.lapack.dpotrf(Hs, lower=False, clean=True)
    if info == 0:
        anorm = float(np.max(np.sum(np.abs(Hs), axis=0)))
        rcond, info = scipy.linalg.lapack.dpocon(c, anorm, uplo="U")
        if info == 0 and rcond > rtol:
            x = scipy.linalg.cho_solve((c, False), gs, check_finite=False)
            delta[idx] = x / s
            return delta, idx.size < m
    lam, V = np.linalg.eigh(Hs)
    keep = lam > rtol * lam[-1]
    Vk = V[:, keep]
    delta[idx] = (Vk @ ((Vk.T @ gs) / lam[keep])) / s
    return delta, bool(idx.size < m or not np.all(keep))


def _newton_direction(H: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, bool]:
    """Step 3 of Newton: the direction -H^{-1} grad J.

    Cholesky where H is safely positive definite; :func:`_solve_psd` decides
    that and handles the singular case. Where rounding broke the direction
    (not finite, or not downhill), steepest descent -grad J instead.
    Returns the direction and whether H was numerically singular.
    Taught in :doc:`/chapters/newton_irls`.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        delta, singular = _solve_psd(H, g)
    direction = -delta
    if not (np.all(np.isfinite(direction)) and g @ direction < 0):
        direction = -g
    return direction, singular


def _line_search(problem, theta, f, g, direction, gmax):
    """Step 4 of Newton: the first alpha = 1, 1/2, 1/4, ... with Armijo's decrease.

    Armijo: J(theta + alpha d) <= J(theta) + c alpha grad J . d, c = 1e-4.
    Near the minimum J stops changing in floating point; the full step is
    then still taken if J rose by no more than rounding and the gradient
    got smaller (:func:`_rounding_level`). Returns ``(theta, J, grad J)`` at
    the new point, or None when no trial qualifies (then the caller keeps
    ``theta``: it never moves to a point where J rose).
    Taught in :doc:`/chapters/newton_irls`.
    """
    slope = float(g @ direction)  # < 0 for a descent direction
    alpha = 1.0
    for i in range(_MAX_HALVINGS):
        trial = theta + alpha * direction
        f_new, g_new = problem.loss_grad(trial)
        if f_new <= f + _ARMIJO_C * alpha * slope:
            return trial, f_new, g_new
        if i == 0 and _rounding_level(f_new, f) and problem.gauge(g_new) < gmax:
            return trial, f_new, g_new
        alpha *= 0.5
    return None


def _rounding_level(f_new: float, f: float) -> bool:
    """Whether J rose by no more than rounding, 16 eps |J| (see :func:`_line_search`)."""
    return f_new <= f + 16 * np.finfo(float).eps * abs(f)


def _converged_message(problem, theta, singular: bool, head: str) -> str:
    """``head``, plus what a converged fit should tell about itself."""
    notes = []
    if singular:
        notes.append("Hessian numerically singular: coefficients not "
                     "identifiable (minimum-norm step in the scaled "
                     "coordinates)")
    if problem.l2 == 0.0 and problem.max_abs_logit(theta) > _SATURATED_LOGIT:
        notes.append(
            f"fitted probabilities numerically 0 or 1 (some |z| > "
            f"{_SATURATED_LOGIT:g}): with l2 = 0 the data may be "
            "quasi-completely separated, where J has no minimizer and the "
            "coefficients depend on tol"
        )
    return "; ".join([head, *notes])


def _newton_loop(problem, max_iter: int, tol: float, name: str = "newton"):
    """The iteration of :func:`newton`, in numbered steps (:doc:`/chapters/newton_irls`).

    ``problem`` is a :class:`_Problem`, or an object with its methods:
    :func:`bce.distributed.fit_newton` runs this very loop on sums over
    chunks. Returns ``theta, losses, grads, converged, message``.
    Taught in :doc:`/chapters/newton_irls`.
    """
    # 1. Set up: theta = 0, with J and its gradient there.
    theta = np.zeros(problem.size())
    f, g = problem.loss_grad(theta)
    losses, grads, step, singular = [f], [problem.gauge(g)], 0.0, False
    for k in range(max_iter + 1):
        # 2. Check: a small gradient, a small last step, and a minimizer.
        if (grads[-1] <= tol and step <= _STEP_RTOL
                and not problem.no_minimizer(theta)):
            return (theta, losses, grads, True,
                    _converged_message(problem, theta, singular, "max|grad J| <= tol"))
        if k == max_iter:
            break
        # 3. Solve H delta = -grad J.
        direction, singular = _newton_direction(problem.hess(theta), g)
        # 4. Line search along it.
        found = _line_search(problem, theta, f, g, direction, grads[-1])
        if found is None:
            return (theta, losses, grads, *_stalled(problem, theta, grads[-1],
                                                    tol, singular, name))
        # 5. Update, and record.
        theta_new, f, g = found
        step = _max_abs(theta_new - theta) / (1.0 + _max_abs(theta_new))
        theta = theta_new
        losses.append(f)
        grads.append(problem.gauge(g))
    return (theta, losses, grads, False,
            _not_converged(name, max_iter, grads[-1], tol,
                           problem.no_minimizer(theta)))


def _stalled(problem, theta, gmax, tol, singular, name):
    """``converged, message`` when no step lowers J (see :func:`_line_search`)."""
    no_minimizer = problem.no_minimizer(theta)
    if gmax <= tol and not no_minimizer:
        return True, _converged_message(
            problem, theta, singular,
            "max|grad J| <= tol; no step lowers J further (rounding)")
    return False, (
        f"{name} stopped: no step along the search direction lowers J "
        f"(max|grad J| = {gmax:.3g} {'<=' if gmax <= tol else '>'} tol = "
        f"{tol:.3g}{'; J has no minimizer' if no_minimizer else ''})")


def newton(
    X: ArrayLike,
    y: ArrayLike,
    l2: float = 0.0,
    *,
    sample_weight: ArrayLike | None = None,
    fit_intercept: bool = True,
    max_iter: int = 100,
    tol: float = 1e-8,
) -> SolverResult:
    r"""Minimize :math:`J` by Newton's method (IRLS) with a line search.

    .. math::

        H(\theta_k)\,\delta_k = \nabla J(\theta_k), \qquad
        \theta_{k+1} = \theta_k - \alpha_k \delta_k,

    with :math:`H` the Hessian of :func:`bce.hessian`. This is iteratively
    reweighted least squares: each step solves a weighted least-squares
    problem with weights :math:`p(1-p)`. The chapter
    :doc:`/chapters/newton_irls` derives it; :doc:`/chapters/numerics` shows
    each safeguard below on the input that needs it.

    * The system is solved by Cholesky when :math:`H`, scaled to a unit
      diagonal, is safely positive definite (reciprocal condition number
      above :math:`m^2\varepsilon`); otherwise (``l2 = 0`` with collinear
      columns, or saturated probabilities) by the pseudo-inverse step,
      which leaves alone the coefficients the data do not determine.
    * :math:`\alpha_k` is the first of 1, 1/2, 1/4, ... that lowers
      :math:`J` by Armijo's rule (or, near the minimum, raises it by no
      more than rounding while the gradient shrinks).
    * Stopping rule: the gradient in the units of standardized features,
      :math:`\max(\max_j |\partial J/\partial w_j| / r_j,
      |\partial J/\partial b|) \le` ``tol`` (:math:`r_j` the root mean
      square of column :math:`j`; ``grad_history`` holds this measure), a
      last step below ``1e-4 * (1 + max|theta|)``, and a minimizer exists.
      With ``l2 = 0`` on separated data (completely or quasi-completely)
      or, with an intercept, a single class, :math:`J` has no minimizer:
      the run ends at ``max_iter`` with ``converged=False`` and a message
      that says so, whatever ``max_iter`` is.

    Parameters
    ----------
    X, y, l2, sample_weight, fit_intercept, max_iter, tol
        As in :func:`gradient_descent`.

    Returns
    -------
    SolverResult
        ``converged`` is also False (before ``max_iter``) if no step along the
        search direction (Newton's, or steepest descent where rounding broke
        it) lowers :math:`J`; ``message`` says which. A
        converged run's ``message`` is ``"max|grad J| <= tol"``, followed
        by "Hessian numerically singular: coefficients not identifiable"
        when the last Newton system was singular (see above), and by the
        saturation note above.
    """
    X, y, l2, sw, fit_intercept, max_iter, tol = check_solver_args(
        X, y, l2, sample_weight, fit_intercept, max_iter, tol)
    return _newton(_Problem(X, y, l2, sw, fit_intercept), max_iter, tol)


def _newton(problem, max_iter, tol) -> SolverResult:
    """:func:`newton` on a checked problem (the estimator calls this)."""
    theta, losses, grads, converged, message = _newton_loop(problem, max_iter, tol)
    return _result(problem, theta, losses, grads, converged, message)
