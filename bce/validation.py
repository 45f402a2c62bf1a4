"""Input validation: the one place that turns bad input into a named error.

Every public function of :mod:`bce` passes its arguments through these helpers
before it computes anything, so that a wrong shape, a non-numeric array or a
label outside {0, 1} fails at once, with a message that names the argument
and says what was expected, instead of returning a silent NaN or a broadcast
of the wrong shape.

The checks of the plain functions (:func:`bce.loss`, :func:`bce.gradient`,
...) are cheap on purpose: none makes a pass over all n x d entries of
``X``; a non-finite entry of ``X`` shows in the result, which
:func:`check_finite_result` then explains. A solver checks ``X`` fully,
once per fit (:func:`check_solver_args`). Below the boundary, the kernels
check nothing.
"""

from __future__ import annotations

import math
import numbers
from typing import Union

import numpy as np

__all__ = [
    "InvalidParameterError",
    "as_float_array",
    "check_design",
    "check_labels01",
    "check_probabilities",
    "check_weights",
    "check_intercept",
    "check_l2",
    "check_sample_weight",
    "check_logits",
    "check_real",
    "check_objective_args",
    "check_solver_args",
    "check_magnitude",
    "check_finite_result",
    "check_same_shape",
    "check_bool",
    "check_estimator_input",
    "l2_from_C",
]

#: What a ``random_state`` argument may be (see :func:`_as_generator`).
RandomStateLike = Union[
    None, int, np.random.Generator, np.random.BitGenerator,
    np.random.SeedSequence, np.random.RandomState,
]


class InvalidParameterError(ValueError, TypeError):
    """An option of the wrong type (a float where an int is expected, ...).

    It is both a ValueError and a TypeError, as scikit-learn's exception of
    the same name: the estimator reports every bad parameter as a
    ValueError (scikit-learn's convention), while the plain functions'
    callers may catch the more precise TypeError.
    """


def as_float_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a float64 array, or raise a TypeError naming it.

    Booleans, integers and floats are accepted (no copy is made when the
    input is already a float64 array). Complex numbers, strings, objects and
    ``None`` are refused. The result is always a base-class ``ndarray``:
    a subclass such as ``np.matrix`` is viewed as a plain array (so that
    ``*`` and ``@`` keep their elementwise and 1-D meanings), and a masked
    array is refused, since dropping its mask would silently compute with
    the masked values.

    Raises
    ------
    TypeError
        Naming ``name``, for ``None``, a masked array, a ragged sequence or a
        non-real dtype.
    """
    if value is None:
        raise TypeError(f"{name} must be a real number or array, got None")
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(
            f"{name} must be a plain array, not a masked array: drop the "
            f"masked entries first (e.g. {name}[~{name}.mask]) or fill them "
            f"({name}.filled(value))"
        )
    try:
        arr = np.asarray(value)  # a no-op for a plain ndarray
    except (TypeError, ValueError) as exc:  # ragged lists, ...
        raise TypeError(
            f"{name} must be a real number or a rectangular array of real "
            f"numbers; could not convert it ({exc})"
        ) from None
    kind = arr.dtype.kind
    if kind not in "biuf":
        raise TypeError(
            f"{name} must hold real numbers (bool, int or float), "
            f"got dtype {arr.dtype}"
        )
    if arr.dtype != np.float64:
        arr = arr.astype(np.float64)
    return arr


def _check_finite(arr: np.ndarray, name: str) -> None:
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite; it has {bad} NaN or infinite value(s)")


def check_design(X, y, w=None):
    """Validate a design matrix, labels in {0, 1} and (optionally) weights.

    Parameters
    ----------
    X : array_like, shape (n, d)
        One row per sample. Must be 2-D and real.
    y : array_like, shape (n,)
        Labels, each 0 or 1. A column vector of shape (n, 1) is refused
        rather than broadcast.
    w : array_like, shape (d,), optional
        Weights, one per column of ``X``; must be finite.

    Returns
    -------
    X, y, w : ndarray
        float64 arrays (no copy of ``X`` when it is already float64).
        ``w`` is ``None`` when it was not given.
    """
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (n, d), one row per sample; "
            f"got an array with shape {X.shape}"
        )
    n, d = X.shape
    if n == 0:
        raise ValueError("X must have at least one row (sample); got shape "
                         f"{X.shape}")
    y = check_labels01(y, "y")
    if y.shape != (n,):
        raise ValueError(
            f"y must have shape (n,) = ({n},) to match the rows of X; got "
            f"shape {y.shape}" + (" (flatten it with y.ravel())"
                                  if y.size == n else "")
        )
    if w is not None:
        w = _check_w(w, d)
    return X, y, w


def _check_w(w, d: int) -> np.ndarray:
    """``w`` as a finite float64 array of shape (d,), one weight per column."""
    w = as_float_array(w, "w")
    if w.shape != (d,):
        raise ValueError(
            f"w must have shape (d,) = ({d},), one weight per column of "
            f"X; got shape {w.shape}"
        )
    _check_finite(w, "w")
    return w


def check_labels01(y, name: str = "y") -> np.ndarray:
    """Return ``y`` as float64 after checking that every entry is 0 or 1."""
    arr = as_float_array(y, name)
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of labels of shape (n,); got shape "
            f"{arr.shape}" + (" (flatten it with .ravel())"
                              if arr.ndim == 2 and 1 in arr.shape else "")
        )
    ok = (arr == 0) | (arr == 1)
    if not np.all(ok):
        found = np.unique(arr[~ok])[:5]
        raise ValueError(
            f"{name} must contain only the labels 0 and 1; found "
            f"{found.tolist()}. Map other labels first, e.g. "
            f"y = (labels == positive_label).astype(float)"
        )
    return arr


def check_probabilities(p, name: str) -> np.ndarray:
    """Return ``p`` as float64 after checking that 0 <= p <= 1 everywhere."""
    arr = as_float_array(p, name)
    if np.any(np.isnan(arr)) or np.any((arr < 0) | (arr > 1)):
        raise ValueError(
            f"{name} must lie in the interval [0, 1] (and not be NaN)"
        )
    return arr


def check_weights(w, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Return ``w`` as a finite float64 array of exactly ``shape``."""
    arr = as_float_array(w, name)
    if arr.shape != shape:
        raise ValueError(f"{name} must have shape {shape}; got {arr.shape}")
    _check_finite(arr, name)
    return arr


def check_intercept(b, name: str = "b") -> float:
    """Return the intercept as a Python float; it must be a finite scalar."""
    if isinstance(b, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real scalar, got a bool")
    if isinstance(b, numbers.Real):
        value = float(b)
    else:
        arr = as_float_array(b, name)
        if arr.ndim != 0:
            raise ValueError(
                f"{name} must be a scalar (the intercept); got an array of "
                f"shape {arr.shape}"
            )
        value = float(arr)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite; got {value}")
    return value


def check_l2(l2) -> float:
    """Return the L2 strength as a float; it must be finite and >= 0.

    A real scalar or a 0-d real array is accepted.

    Raises
    ------
    TypeError
        For a bool, a non-number or an array of a non-real dtype.
    ValueError
        For an array that is not 0-d, or a value that is NaN, infinite or
        negative.
    """
    if isinstance(l2, (bool, np.bool_)) or not isinstance(
        l2, (numbers.Real, np.ndarray)
    ):
        raise TypeError(f"l2 must be a real number >= 0, got {type(l2).__name__}")
    if isinstance(l2, np.ndarray):
        if l2.dtype.kind not in "iuf":
            raise TypeError(
                f"l2 must be a real number >= 0, got an array of dtype {l2.dtype}"
            )
        if l2.ndim != 0:
            raise ValueError(
                f"l2 must be a scalar (a number >= 0); got an array of shape "
                f"{l2.shape}"
            )
    value = float(l2)
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"l2 must be a finite number >= 0; got {value}")
    return value


def check_sample_weight(sample_weight, n: int) -> np.ndarray | None:
    """Return sample weights as float64 of shape (n,), or None.

    Weights must be finite, non-negative and not all zero.
    """
    if sample_weight is None:
        return None
    sw = as_float_array(sample_weight, "sample_weight")
    if sw.shape != (n,):
        raise ValueError(
            f"sample_weight must have shape (n,) = ({n},); got {sw.shape}"
        )
    _check_finite(sw, "sample_weight")
    if np.any(sw < 0):
        raise ValueError("sample_weight must be >= 0 everywhere")
    if not np.any(sw > 0):
        raise ValueError(
            "sample_weight is zero everywhere: at least one weight must be "
            "positive"
        )
    return sw


def check_logits(z, name: str, allow_inf: bool = True) -> np.ndarray:
    """Return ``z`` as float64, refusing NaN (and +-inf unless ``allow_inf``)."""
    arr = as_float_array(z, name)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must not contain NaN")
    if not allow_inf:
        _check_finite(arr, name)
    return arr


#: Largest |entry| of X that the solvers accept: beyond about 1e154 the
#: squares x_ij x_ik of the Hessian overflow float64 (:doc:`/chapters/numerics`).
MAX_ABS_X = 1e150


def check_objective_args(X, y, w, b, l2, sample_weight):
    """The checked arguments of :func:`bce.loss` and its siblings.

    Returns ``X, y, w, b, l2, omega``: float64 arrays, the intercept and
    the penalty as floats, and ``omega`` the weight of each sample in the
    mean, summing to 1 (``1/n`` without sample weights). A NaN or inf in
    ``X`` is not looked for here (that would be a pass over all n d
    entries): it shows in the result, and :func:`check_finite_result`
    names it.
    """
    X, y, w = check_design(X, y, w)
    if w is None:
        raise TypeError("w must be given: an array of shape (d,)")
    n = X.shape[0]
    sw = check_sample_weight(sample_weight, n)
    if sw is None:
        omega = np.full(n, 1.0 / n)
    else:
        sw, _ = _scaled_weights(sw)  # exact; the sum cannot overflow
        omega = sw / sw.sum()
    return X, y, w, check_intercept(b), check_l2(l2), omega


def check_finite_result(values, X) -> None:
    """Raise, naming ``X``, when a loss, gradient or Hessian is not finite.

    With finite ``w``, ``b`` and ``l2`` (checked at entry), a non-finite
    result comes from ``X``: a NaN or inf entry, or entries so large that
    ``z = X w + b`` or the Hessian's squares overflow.
    """
    if all(np.all(np.isfinite(v)) for v in values):
        return
    finite = np.isfinite(X)
    if not np.all(finite):
        rows = np.flatnonzero(~finite.all(axis=1))
        raise ValueError(
            f"X must be finite; it has NaN or infinite values in {rows.size} "
            f"row(s) (first: {rows[:5].tolist()})")
    raise ValueError(
        "X is too large in magnitude: z = X @ w + b or the Hessian "
        f"overflows float64 (largest |X| entry {np.max(np.abs(X)):.3g}); "
        "rescale the columns of X, e.g. divide each by its largest |entry| (a "
        "StandardScaler's variance overflows on entries this large)")


def check_solver_args(X, y, l2, sample_weight, fit_intercept, max_iter, tol):
    """The checked arguments of a solver of :mod:`bce.solvers`.

    Returns ``X, y, l2, sw, fit_intercept, max_iter, tol``; ``sw`` is None
    or the sample weights scaled by a power of two so that the largest is
    in [0.5, 1) (exact; see :func:`_scaled_weights`). ``X`` must be finite
    with entries of magnitude at most :data:`MAX_ABS_X`: one pass over X,
    once per fit, so that nothing inside the iterations checks again.
    """
    X, y, _ = check_design(X, y)
    check_magnitude(X)
    sw = check_sample_weight(sample_weight, X.shape[0])
    if sw is not None:
        sw, _ = _scaled_weights(sw)
    return (X, y, check_l2(l2), sw, check_bool(fit_intercept, "fit_intercept"),
            _check_int(max_iter, "max_iter", 1), check_real(tol, "tol"))


def check_magnitude(X: np.ndarray) -> None:
    """Refuse an ``X`` with a NaN, an inf or an entry above :data:`MAX_ABS_X`
    in magnitude. Two reductions (``min`` and ``max``, which propagate NaN)
    and no temporary array of the size of ``X``."""
    if X.size == 0:
        return
    lo, hi = float(X.min()), float(X.max())
    if not (np.isfinite(lo) and np.isfinite(hi)):
        _check_finite(X, "X")  # names the count
    largest = max(-lo, hi)
    if largest > MAX_ABS_X:
        raise ValueError(
            f"X has an entry of magnitude {largest:.3g} > {MAX_ABS_X:g}, where "
            "the Hessian overflows float64; rescale the columns of X, e.g. "
            "divide each by its largest |entry| (a StandardScaler's variance "
            "overflows on entries this large)")


def check_real(value, name: str, *, minimum: float = 0.0, strict: bool = False,
               allow_inf: bool = False, allow_none: bool = False) -> float | None:
    """Return a real option as a float, checking it is ``>= minimum``
    (``> minimum`` if ``strict``), finite unless ``allow_inf``, and not None
    unless ``allow_none``. A bool is refused."""
    if value is None and allow_none:
        return None
    bound = f"> {minimum:g}" if strict else f">= {minimum:g}"
    kind = "a real number" + ("" if allow_inf else " (finite)")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {kind} {bound}; got {value!r}")
    value = float(value)
    too_small = value <= minimum if strict else value < minimum
    if np.isnan(value) or too_small or (np.isinf(value) and not allow_inf):
        raise ValueError(f"{name} must be {kind} {bound}; got {value!r}")
    return value


def _scaled_weights(sw: np.ndarray) -> tuple[np.ndarray, int]:
    """``sw`` times ``2**-e``, with ``e`` such that its largest entry lies in [0.5, 1).

    Returns the scaled weights and ``e``. The scaling is exact (a power of
    two), so ratios of weights, and with them every normalized weight
    ``sw / sw.sum()``, are bit for bit those of weights of ordinary size;
    but the sum can no longer overflow (weights near 1e308 would make it
    inf). ``sw`` must have a positive entry (:func:`check_sample_weight`).
    """
    _, e = np.frexp(sw.max())
    return np.ldexp(sw, -e), int(e)


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str):
    """Refuse to broadcast two arrays of different shapes (scalars excepted)."""
    if a.ndim and b.ndim and a.shape != b.shape:
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape; got "
            f"{a.shape} and {b.shape} (no broadcasting: a (n, 1) column "
            f"against an (n,) vector would silently give an (n, n) result)"
        )


def check_estimator_input(X, name: str = "X") -> None:
    """Refuse, before scikit-learn's ``validate_data`` converts it, an input
    that it would turn into numbers silently.

    ``validate_data(..., dtype=np.float64)`` drops the mask of a masked
    array (so a fit would use the hidden values) and casts datetime64 and
    timedelta64 to their integer ticks. :func:`as_float_array`, which the
    plain functions such as :func:`bce.loss` use, refuses both; so must the
    estimators. DataFrames are checked column by column.

    Raises
    ------
    TypeError
        Naming ``name``, for a masked array or a date/time dtype.
    """
    if isinstance(X, np.ma.MaskedArray):
        as_float_array(X, name)  # raises, with the advice to fill or drop
    dtypes = getattr(X, "dtypes", None)
    if dtypes is not None and not isinstance(dtypes, np.dtype):
        # a DataFrame: one dtype per column (pandas' own dtypes wrap NumPy's)
        kinds = [np.dtype(getattr(t, "numpy_dtype", t)).kind for t in dtypes]
    else:  # an array, or a list that validate_data will convert and check
        kinds = [X.dtype.kind] if hasattr(X, "dtype") else []
    if any(kind in "mM" for kind in kinds):
        raise TypeError(
            f"{name} must hold real numbers; got a date or time dtype. "
            "Convert it to a number first (e.g. days since a start date)"
        )


def l2_from_C(C: float, n: int, sw: np.ndarray | None = None) -> float:
    r"""The penalty :math:`\lambda = 1 / (C \sum_i v_i)` of scikit-learn's ``C``.

    :math:`\sum_i v_i` is ``n`` without sample weights ``sw``; ``C = inf``
    gives 0. The sum is taken over the weights scaled by a power of two
    (:func:`_scaled_weights`, exact), so weights near 1e308 cannot overflow
    it; the result underflows to 0 rather than warning.

    Raises
    ------
    ValueError
        Naming ``C``, when :math:`\lambda` overflows float64 (``C`` or the
        weights so small that :math:`C \sum_i v_i < 2^{-1022}`, about
        2.2e-308).
    """
    if math.isinf(C):
        return 0.0
    if sw is None:
        total, e = float(n), 0
    else:
        scaled, e = _scaled_weights(sw)
        total = float(scaled.sum())
    mc, ec = math.frexp(float(C))
    mt, et = math.frexp(total)
    try:  # 1 / (mc mt 2**(ec + et + e)), with 1 / (mc mt) in (1, 4]
        return math.ldexp(1.0 / (mc * mt), -(ec + et + e))
    except OverflowError:
        what = "C * n" if sw is None else "C * sum(sample_weight)"
        raise ValueError(
            f"the penalty 1 / ({what}) overflows float64: {what} is below "
            f"2.2e-308 (C = {C!r}). Use a larger C"
            + ("" if sw is None else " or larger sample weights (scaling "
               "the weights up by a factor and C down by the same factor "
               "fits the same model)")
        ) from None


def check_bool(value, name: str) -> bool:
    """Return a boolean option as a bool; anything but True or False is refused.

    An option is never read by its truthiness: the string ``"False"`` is a
    true value in Python, so ``fit_intercept="False"`` would silently fit an
    intercept. As scikit-learn's parameter validation does, only ``bool``
    (and NumPy's ``bool_``) is accepted.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) naming ``name``, for any other value.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(
            f"{name} must be True or False (a bool); got {value!r}")
    return bool(value)


def _check_int(value, name: str, minimum: int) -> int:
    """Return ``value`` as an int, checking that it is an integer >= ``minimum``.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) when ``value`` is not an integer
        (a bool or a float such as ``10.0`` included).
    ValueError
        When it is smaller than ``minimum``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise InvalidParameterError(
            f"{name} must be an integer >= {minimum}; got {value!r}"
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}")
    return int(value)


def _as_generator(random_state: RandomStateLike) -> np.random.Generator:
    """A NumPy Generator from ``random_state``.

    Parameters
    ----------
    random_state : None, int >= 0, Generator, BitGenerator, SeedSequence or RandomState
        A ``RandomState`` is not wrapped: a seed is drawn from it, so that a
        shared ``RandomState`` advances from call to call, as in
        scikit-learn. A Generator is returned as is.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) for any other type.
    ValueError
        For a negative int.
    """
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    accepted = (numbers.Integral, np.random.Generator, np.random.BitGenerator,
                np.random.SeedSequence)
    if random_state is None or (
        isinstance(random_state, accepted)
        and not isinstance(random_state, (bool, np.bool_))
    ):
        if isinstance(random_state, numbers.Integral) and random_state < 0:
            raise ValueError(
                f"random_state must be an int >= 0; got {random_state!r}"
            )
        return np.random.default_rng(random_state)
    raise InvalidParameterError(
        "random_state must be None, an int >= 0, a numpy.random.Generator or "
        f"a numpy.random.RandomState; got {random_state!r}"
    )


# --- Inputs of bce.metrics
#
# Every metric of bce.metrics calls these once, at entry, and then computes
# with arrays that are known to be good. Labels may be numbers or strings;
# the options are checked with scikit-learn's own parameter constraints.

__all__ += [
    "check_class_labels",
    "check_label_pair",
    "check_labels_option",
    "check_target_names",
    "check_binary_pair",
    "check_binary_target",
    "check_scores",
    "check_log_loss_input",
    "check_metric_options",
    "check_metric_weights",
]

_LABEL_KINDS = "biufUS"  # bool, int, unsigned, float, str, bytes


def _ravel_hint(arr: np.ndarray) -> str:
    return " (flatten it with .ravel())" if arr.ndim == 2 and 1 in arr.shape else ""


def _object_labels(arr: np.ndarray, name: str) -> np.ndarray:
    """An object array of labels (a pandas column) as strings or as floats."""
    try:
        classes = np.unique(arr).tolist()
    except TypeError:
        raise TypeError(
            f"{name} mixes labels of types that cannot be compared (for "
            "example strings and numbers, or None); use one type"
        ) from None
    if all(isinstance(c, str) for c in classes):
        return arr.astype(str)
    if all(isinstance(c, numbers.Real) for c in classes):
        return arr.astype(np.float64)
    raise TypeError(
        f"{name} must hold numbers or strings as labels; found {classes[:5]}"
    )


def check_class_labels(y, name: str) -> np.ndarray:
    """Return ``y`` as a 1-D array of class labels, shape (n,), n >= 1.

    Numbers (bool, int, float with whole values) and strings are accepted;
    an object array (a pandas column) becomes one of the two. A column of
    shape (n, 1) is refused, not flattened (scikit-learn flattens it).

    Raises
    ------
    TypeError
        Naming ``name``, for None, a ragged sequence, or labels that are
        neither numbers nor strings (or a mix of both).
    ValueError
        For a shape other than (n,), no sample, NaN or infinite labels, or
        floats that are not whole (probabilities passed as labels).
    """
    if y is None:
        raise TypeError(f"{name} must be an array of class labels, got None")
    try:
        arr = np.asarray(y)
    except (TypeError, ValueError) as exc:  # ragged lists
        raise TypeError(f"{name} must be a 1-D array of class labels ({exc})") from None
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of shape (n,), one label per sample; "
            f"got shape {arr.shape}{_ravel_hint(arr)}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} is empty; at least one sample is needed")
    if arr.dtype.kind == "O":
        arr = _object_labels(arr, name)
    if arr.dtype.kind not in _LABEL_KINDS:
        raise TypeError(
            f"{name} must hold class labels (ints, bools or strings); got "
            f"dtype {arr.dtype}"
        )
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must not contain NaN or infinite labels")
    if arr.dtype.kind == "f" and np.any(arr != np.round(arr)):
        example = arr[arr != np.round(arr)][0].item()
        raise ValueError(
            f"{name} must hold class labels, but it holds numbers that are "
            f"not whole, such as {example!r}: these look like scores or "
            "probabilities. Threshold them first, e.g. (p >= 0.5).astype(int)"
        )
    return arr


#: The largest total weight a metric accepts: its weighted sums, times at
#: most 64 (a loss of up to -log(eps) = 36 per sample, 2 TP in F1, a second
#: difference of the ROC counts), stay below the float64 maximum.
_MAX_TOTAL_WEIGHT = np.finfo(np.float64).max / 64


def check_metric_weights(sample_weight, n: int) -> np.ndarray | None:
    """:func:`check_sample_weight`, and a total that the metrics can sum.

    Weights whose sum exceeds about 2.8e306 are refused: a weighted sum
    would overflow to inf (with a RuntimeWarning) and a ratio of two such
    sums would be NaN. Scaling all weights by one factor changes no ratio.
    """
    sw = check_sample_weight(sample_weight, n)
    if sw is not None:
        with np.errstate(over="ignore"):
            total = np.sum(sw)
        if not total <= _MAX_TOTAL_WEIGHT:
            raise ValueError(
                f"sample_weight sums to {total:.3g}, too close to the float64 "
                f"limit for weighted sums (at most {_MAX_TOTAL_WEIGHT:.3g}); "
                "divide all weights by one factor (no ratio changes)"
            )
    return sw


def _check_same_kind(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if (a.dtype.kind in "US") != (b.dtype.kind in "US"):
        raise ValueError(
            f"{name_a} and {name_b} mix string and numeric labels "
            f"({a.dtype} and {b.dtype}); use the same kind of label in both"
        )


def _check_same_length(n: int, m: int, name_a: str, name_b: str) -> None:
    if n != m:
        raise ValueError(
            f"{name_a} and {name_b} must have the same length (one entry per "
            f"sample); got {n} and {m}"
        )


def check_label_pair(y_true, y_pred, sample_weight=None):
    """Return ``y_true``, ``y_pred`` (label arrays, shape (n,)) and the weights.

    Both pass :func:`check_class_labels`; they must have the same length and
    the same kind of label (both strings or both numbers). The weights are
    those of :func:`check_metric_weights` (None when not given).
    """
    y_true = check_class_labels(y_true, "y_true")
    y_pred = check_class_labels(y_pred, "y_pred")
    _check_same_length(y_true.shape[0], y_pred.shape[0], "y_true", "y_pred")
    _check_same_kind(y_true, y_pred, "y_true", "y_pred")
    return y_true, y_pred, check_metric_weights(sample_weight, y_true.shape[0])


def check_labels_option(labels, y_true: np.ndarray, y_pred: np.ndarray, *,
                        one_in_y_true: bool = False) -> np.ndarray:
    """The labels that index a confusion matrix or a report, shape (k,).

    Without ``labels``, the sorted labels present in ``y_true`` or
    ``y_pred`` (checked arrays). Given ones must be class labels of the same
    kind, without repeats, and with ``one_in_y_true`` at least one of them
    must occur in ``y_true`` (scikit-learn's rule for the confusion matrix).
    """
    present = np.unique(np.concatenate([y_true, y_pred]))
    if labels is None:
        return present
    arr = check_class_labels(labels, "labels")
    _check_same_kind(present, arr, "the labels of y_true and y_pred", "labels")
    if np.unique(arr).size != arr.size:
        raise ValueError(f"labels must not repeat a label; got {arr.tolist()}")
    if one_in_y_true and not np.any(np.isin(arr, y_true)):
        raise ValueError(
            f"At least one label specified must be in y_true; labels="
            f"{arr.tolist()} but y_true holds {np.unique(y_true).tolist()}"
        )
    return arr


def check_target_names(target_names, labels: np.ndarray) -> list[str]:
    """Display names of ``labels``: ``target_names``, one per label, or the labels."""
    if target_names is None:
        return ["%s" % label for label in labels]  # scikit-learn's spelling
    names = [str(name) for name in np.asarray(target_names).ravel()]
    if len(names) != labels.size:
        raise ValueError(
            f"target_names has {len(names)} names but there are "
            f"{labels.size} labels ({labels.tolist()}); give one name per "
            "label, or pass labels"
        )
    return names


def _check_label_type(pos_label) -> None:
    if pos_label is None or not isinstance(pos_label, (numbers.Real, str, np.bool_)):
        raise TypeError(
            f"pos_label must be a label (a number, bool or string); got {pos_label!r}"
        )


def _position(classes: np.ndarray, label) -> int:
    """Position of ``label`` among ``classes`` (at most two entries), or -1."""
    for i, c in enumerate(classes.tolist()):
        if c == label:
            return i
    return -1


def _check_binary(classes: np.ndarray, func: str, where: str) -> None:
    if classes.size > 2:
        raise ValueError(
            f"{func} is for binary problems, but {where} "
            f"{classes.size} classes ({classes[:5].tolist()}...). Compare one "
            "class against the rest, e.g. y == label"
        )


def _check_pos_label_present(pos: int, pos_label, classes: np.ndarray) -> None:
    if pos < 0 and classes.size == 2:
        raise ValueError(
            f"pos_label={pos_label!r} is not a valid label: it should be one of "
            f"{classes.tolist()}"
        )


def check_binary_pair(y_true, y_pred, pos_label, sample_weight, func: str):
    """``y_true == pos_label``, ``y_pred == pos_label`` (bool, (n,)) and the weights.

    As :func:`check_label_pair`; then the two arrays may hold at most two
    classes in all, and ``pos_label`` must be one of them when two are
    present (with one class only, a ``pos_label`` that is absent makes
    every sample negative, as in scikit-learn). ``func`` names the caller.
    """
    _check_label_type(pos_label)
    y_true, y_pred, sw = check_label_pair(y_true, y_pred, sample_weight)
    classes = np.unique(np.concatenate([y_true, y_pred]))
    _check_binary(classes, func, "y_true and y_pred together hold")
    pos = _position(classes, pos_label)
    _check_pos_label_present(pos, pos_label, classes)
    if pos < 0:
        return np.zeros(y_true.shape, bool), np.zeros(y_pred.shape, bool), sw
    return y_true == classes[pos], y_pred == classes[pos], sw


def _default_pos_label(classes: np.ndarray) -> int:
    """scikit-learn's rule: without ``pos_label``, labels must be {0, 1} or {-1, 1}."""
    ok = classes.dtype.kind in "biuf" and any(
        classes.size == len(ref) and np.all(classes == ref)
        for ref in ([0, 1], [-1, 1], [0], [-1], [1])
    )
    if not ok:
        raise ValueError(
            f"y_true takes values in {{{', '.join(map(repr, classes.tolist()))}}} "
            "and pos_label is not specified: either make y_true take "
            "values in {0, 1} or {-1, 1} or pass pos_label explicitly."
        )
    return 1


def check_binary_target(y_true, pos_label, func: str, *,
                        greater_is_positive: bool = False) -> np.ndarray:
    """``y_true`` as 0.0 / 1.0 (float64, shape (n,)), 1.0 for the positive class.

    The positive class is ``pos_label``; without it, 1 (with labels in
    {0, 1} or {-1, 1}, else a ValueError); with ``greater_is_positive`` the
    greater of the (at most two) labels, as scikit-learn's ``roc_auc_score``.
    """
    y = check_class_labels(y_true, "y_true")
    classes = np.unique(y)
    _check_binary(classes, func, "y_true holds")
    if greater_is_positive:
        pos_label = classes[-1].item()
    elif pos_label is None:
        pos_label = _default_pos_label(classes)
    else:
        _check_label_type(pos_label)
    pos = _position(classes, pos_label)
    _check_pos_label_present(pos, pos_label, classes)
    if pos < 0:
        return np.zeros(y.shape[0])
    return (y == classes[pos]).astype(np.float64)


def check_scores(y_score, n: int, name: str = "y_score") -> np.ndarray:
    """Return scores as a finite float64 array of shape (n,), one per sample."""
    s = as_float_array(y_score, name)
    if s.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of shape (n,) = ({n},), one score per "
            f"sample; got shape {s.shape}{_ravel_hint(s)}"
        )
    _check_same_length(n, s.shape[0], "y_true", name)
    _check_finite(s, name)
    return s


def _log_loss_classes(y: np.ndarray, labels) -> np.ndarray:
    """The two classes of a log loss: those of ``y``, or ``labels``."""
    if labels is None:
        classes = np.unique(y)
        if classes.size == 1:
            raise ValueError(
                f"y_true contains only one label ({classes[0]!r}). Please "
                "provide the list of all expected class labels explicitly "
                "through the labels argument, e.g. labels=[0, 1]."
            )
    else:
        classes = np.unique(check_labels_option(labels, y, y))
        if classes.size != 2:
            raise ValueError(
                f"labels must hold the two classes; got {classes.tolist()}")
        if not np.all(np.isin(y, classes)):
            raise ValueError(f"y_true contains labels not in labels={classes.tolist()}")
    _check_binary(classes, "log_loss", "y_true holds")
    return classes


def _positive_probability(y_proba, n: int) -> np.ndarray:
    """``y_proba`` of shape (n,) or (n, 2) as P(classes[1]), float64 (n,) in [0, 1]."""
    P = as_float_array(y_proba, "y_proba")
    if P.ndim not in (1, 2) or (P.ndim == 2 and P.shape[1] != 2):
        raise ValueError(
            "y_proba must have shape (n,) (the probability of the positive "
            f"class) or (n, 2) (predict_proba); got shape {P.shape}"
        )
    _check_same_length(n, P.shape[0], "y_true", "y_proba")
    P = check_probabilities(P, "y_proba")
    if P.ndim == 1:
        return P
    if not np.allclose(P.sum(axis=1), 1.0, rtol=np.sqrt(np.finfo(float).eps), atol=0):
        raise ValueError(
            "the rows of y_proba (n, 2) must sum to 1: they should be "
            "probabilities [1 - p, p]"
        )
    return P[:, 1]


def check_log_loss_input(y_true, y_proba, labels=None, sample_weight=None):
    """``y`` (0.0 / 1.0, 1.0 for ``classes[1]``), ``p`` = P(``classes[1]``), weights.

    ``y_true`` holds at most two classes (both, or ``labels`` names them);
    ``y_proba`` is (n,) or the two columns of ``predict_proba``, in [0, 1],
    rows summing to 1 (scikit-learn only warns there).
    """
    y = check_class_labels(y_true, "y_true")
    classes = _log_loss_classes(y, labels)
    p = _positive_probability(y_proba, y.shape[0])
    sw = check_metric_weights(sample_weight, y.shape[0])
    return (y == classes[1]).astype(np.float64), p, sw


def check_metric_options(func: str, **options) -> None:
    """Check options of the metric ``func`` with scikit-learn's constraints.

    Known options: ``zero_division`` ("warn", 0.0, 1.0 or nan),
    ``normalize`` (of the confusion matrix: "true", "pred", "all" or None),
    ``max_fpr`` (in (0, 1] or None) and ``digits`` (an int >= 0). A bool is
    refused for each (scikit-learn reads True as 1). scikit-learn is
    imported here, on the first call, not with ``import bce.metrics``.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) with scikit-learn's message, which
        names the option, the function and the values allowed.
    """
    from sklearn.utils._param_validation import InvalidParameterError as _SkError
    from sklearn.utils._param_validation import (
        Interval, Options, StrOptions, validate_parameter_constraints)

    allowed = {
        "zero_division": [Options(numbers.Real, {0.0, 1.0}), "nan",
                          StrOptions({"warn"})],
        "normalize": [StrOptions({"true", "pred", "all"}), None],
        "max_fpr": [Interval(numbers.Real, 0, 1, closed="right"), None],
        "digits": [Interval(numbers.Integral, 0, None, closed="left")],
    }
    for name, value in options.items():
        if isinstance(value, (bool, np.bool_)):
            raise InvalidParameterError(
                f"The {name!r} parameter of {func} must not be a bool; got {value!r}")
    try:
        validate_parameter_constraints({k: allowed[k] for k in options}, options,
                                       caller_name=func)
    except _SkError as exc:
        raise InvalidParameterError(str(exc)) from None


# --- Numbers, ints and options of the plain functions and the estimators
#
# The plain functions (bce.datasets, bce.numdiff, bce.symbolic) report a
# wrong type as a TypeError and a wrong value as a ValueError; the options
# of the estimators are InvalidParameterError (both), as in scikit-learn.
# scikit-learn's own constraints (Interval, StrOptions) are not used here:
# bce.datasets and bce.numdiff must not import scikit-learn, and the
# messages start with the argument's name ("solver must be ..."), where
# scikit-learn's read "The 'solver' parameter of ... must be ...".

__all__ += [
    "check_number",
    "check_positive_int",
    "check_option",
    "check_random_state",
]


def check_number(value, name: str, *, strict: bool = False,
                 allow_none: bool = False, hint: str = "") -> float | None:
    """Return a real number as a finite float ``>= 0`` (``> 0`` if ``strict``).

    A real scalar or a 0-d real array is accepted; None too when
    ``allow_none`` (and returned as None). ``hint`` follows the bound in
    the message of a wrong type, e.g. ``" (the step h)"``.

    Raises
    ------
    TypeError
        Naming ``name``, for a bool, a non-number or an array that is not
        0-d and real.
    ValueError
        For NaN, an infinite value or one below the bound.
    """
    if value is None and allow_none:
        return None
    bound = "> 0" if strict else ">= 0"
    real = isinstance(value, numbers.Real) or (
        isinstance(value, np.ndarray) and value.ndim == 0
        and value.dtype.kind in "iuf")
    if isinstance(value, (bool, np.bool_)) or not real:
        raise TypeError(f"{name} must be a real number {bound}{hint}"
                        f"{' or None' if allow_none else ''}; got {value!r}")
    number = float(value)
    if not np.isfinite(number) or number < 0 or (strict and number == 0):
        raise ValueError(f"{name} must be a finite number {bound}; got {number!r}")
    return number


def check_positive_int(value, name: str) -> int:
    """Return ``value`` if it is a Python int >= 1 (a bool is refused).

    Raises
    ------
    ValueError
        Naming ``name``, for anything else.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive int, got {value!r}")
    return value


def check_option(value, name: str, options: tuple):
    """Return ``value`` if it is one of ``options`` (strings, or None).

    A string matches by equality (a non-string never does), None by
    identity.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) naming ``name`` and the options.
    """
    if any(value is None if option is None
           else isinstance(value, str) and value == option for option in options):
        return value
    shown = [repr(option) for option in options]
    allowed = (f"{shown[0]} (the only option)" if len(shown) == 1
               else " or ".join(shown) if len(shown) == 2
               else "one of " + ", ".join(shown))
    raise InvalidParameterError(f"{name} must be {allowed}; got {value!r}")


def check_random_state(random_state):
    """Return the ``random_state`` of an estimator if it is None, an int >= 0,
    a ``numpy.random.Generator`` or a ``numpy.random.RandomState``.

    Raises
    ------
    InvalidParameterError
        (a ValueError and a TypeError) for anything else, a negative int
        included.
    """
    if (random_state is None
            or isinstance(random_state, (np.random.Generator, np.random.RandomState))
            or (isinstance(random_state, numbers.Integral)
                and not isinstance(random_state, (bool, np.bool_))
                and random_state >= 0)):
        return random_state
    raise InvalidParameterError(
        "random_state must be None, an int >= 0, a numpy.random.Generator or "
        f"a numpy.random.RandomState; got {random_state!r}"
    )


# --- Targets of bce.LogisticRegression

__all__ += ["check_two_classes", "check_class_weights"]


def _label(value):
    """A class label as the Python object it stands for, for messages.

    NumPy 2 writes a NumPy scalar's repr as ``np.int64(0)`` or
    ``np.str_('a')``; the message should read ``0`` or ``'a'``.
    """
    return value.item() if isinstance(value, np.generic) else value


def check_two_classes(y) -> tuple[np.ndarray, np.ndarray]:
    """The two classes of an estimator's target and ``y`` as 0.0 / 1.0.

    ``y`` is the 1-D target that ``validate_data`` returned. It must be a
    classification target (scikit-learn's ``check_classification_targets``
    refuses continuous values) with exactly two classes. Returns
    ``classes`` (sorted, shape (2,)) and ``y01`` (float64, shape (n,), 1.0
    for ``classes[1]``).

    Raises
    ------
    ValueError
        For a continuous or multiclass target, or one class only.
    """
    from sklearn.utils.multiclass import check_classification_targets, type_of_target

    check_classification_targets(y)
    y_type = type_of_target(y, input_name="y")
    if y_type != "binary":
        raise ValueError(
            "Only binary classification is supported. The type of the "
            f"target is {y_type}; LogisticRegression needs exactly two "
            "classes"
        )
    classes, y01 = np.unique(y, return_inverse=True)
    if classes.size != 2:
        raise ValueError(
            "LogisticRegression needs samples of exactly two classes; "
            f"the data contain only 1 class: {_label(classes[0])!r}"
        )
    return classes, y01.astype(np.float64).reshape(-1)


def check_class_weights(sw: np.ndarray | None, y01: np.ndarray,
                        classes: np.ndarray) -> None:
    """Refuse checked sample weights that leave a class with no positive weight."""
    if sw is None:
        return
    weighted = [bool(np.any(sw[y01 == k] > 0)) for k in (0, 1)]
    if not all(weighted):
        alive = _label(classes[weighted.index(True)])
        raise ValueError(
            "LogisticRegression needs both classes to have a positive "
            f"sample_weight; only class {alive!r} has one"
        )


# --- Categories of bce.preprocessing.OneHotEncoder
#
# ``X`` is what scikit-learn's ``validate_data(..., dtype=None)`` returned:
# 2-D, with the number of columns checked against fit.

__all__ += [
    "check_categorical",
    "check_category_columns",
    "check_known_categories",
    "check_input_features",
]


def check_categorical(X: np.ndarray) -> np.ndarray:
    """Return ``X`` (n, d) if it holds numbers or strings, none missing.

    A NaN or inf never gets here: ``validate_data`` refuses it (in a float
    or an object array) before.

    Raises
    ------
    ValueError
        For a None (in an object array).
    TypeError
        For a dtype that is neither a number nor a string (dates, ...).
    """
    if X.dtype.kind == "O":
        if np.any(X == None):  # noqa: E711 (elementwise on an object array)
            raise ValueError("X must not contain missing values (None)")
    elif X.dtype.kind not in "biufUS":
        raise TypeError(
            f"X must hold numbers or strings as categories; got dtype {X.dtype}"
        )
    return X


def check_category_columns(X: np.ndarray) -> list[np.ndarray]:
    """The sorted categories of each column of ``X``, ``[(k_j,), ...]``.

    Whether a column's categories can be sorted is only known by sorting
    them, so the check returns them.

    Raises
    ------
    TypeError
        Naming the column, when it mixes types that cannot be sorted.
    """
    categories = []
    for j in range(X.shape[1]):  # a loop over columns
        try:
            categories.append(np.unique(X[:, j]))
        except TypeError:
            raise TypeError(
                f"column {j} of X mixes categories of types that cannot be "
                "sorted (e.g. strings and numbers); use one type per column"
            ) from None
    return categories


def check_known_categories(X: np.ndarray, categories: list[np.ndarray],
                           names: list[str]) -> list[np.ndarray]:
    """The position of each entry of ``X`` among its column's ``categories``.

    Returns one int array of shape (n,) per column. ``names`` are the
    input column names, for the message.

    Raises
    ------
    TypeError
        When a column's entries cannot be compared with the categories seen
        in fit (numbers where fit saw strings, ...).
    ValueError
        Naming the column and the values, for a category not seen in fit.
    """
    codes = []
    for j, cats in enumerate(categories):  # a loop over columns
        column = X[:, j]
        try:
            code = np.minimum(np.searchsorted(cats, column), cats.size - 1)
            known = np.asarray(cats[code] == column, dtype=bool)
        except TypeError:
            raise TypeError(
                f"column {j} of X holds categories of a type ({X.dtype}) "
                "that cannot be compared with those seen in fit "
                f"({cats[:5].tolist()})"
            ) from None
        if not known.all():
            unknown = np.unique(column[~known].astype(str))[:5].tolist()
            raise ValueError(
                f"Found unknown categories {unknown} in column {j} "
                f"({names[j]!r}) during transform; the categories seen in fit "
                f"are {cats[:10].tolist()}. Refit on data that include "
                "them, or map them to a known category first."
            )
        codes.append(code)
    return codes


def check_input_features(input_features, names_in: list[str],
                         fixed: bool) -> list[str]:
    """The input names of ``get_feature_names_out``, as strings.

    ``names_in`` are the estimator's own (one per input column); with
    ``fixed`` (fit saw a DataFrame's names) a given list must equal them.
    Without ``input_features``, ``names_in``.

    Raises
    ------
    ValueError
        For a list of the wrong length, or one that differs from the names
        seen in fit.
    """
    if input_features is None:
        return names_in
    names = [str(name) for name in np.asarray(input_features).ravel()]
    if len(names) != len(names_in):
        raise ValueError(
            f"input_features should have length equal to the number of "
            f"features ({len(names_in)}), got {len(names)}"
        )
    if fixed and names != names_in:
        raise ValueError(
            f"input_features is not equal to feature_names_in_: {names} != {names_in}"
        )
    return names


# --- Arguments of the finite differences (bce.numdiff)

__all__ += ["check_difference_args", "check_scalar_output"]


def _check_finite_point(value, name: str, what: str) -> np.ndarray:
    arr = as_float_array(value, name)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite: {what} has NaN or infinite "
                         "entries")
    return arr


def check_difference_args(f, x, eps, v=None):
    """The checked arguments of a finite difference: ``x, eps, v``.

    ``f`` must be callable; ``x`` (the point) and ``v`` (a direction, if
    given, of the shape of ``x``) finite float64 arrays; ``eps`` (the step
    h) None or a finite number > 0. ``v`` is returned as None when not
    given.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x``, ``v`` or ``eps`` is not real.
    ValueError
        If ``x`` or ``v`` is not finite, their shapes differ, or ``eps`` is
        not a finite number > 0.
    """
    if not callable(f):
        raise TypeError(f"f must be callable (a function of x); got {type(f).__name__}")
    x = _check_finite_point(x, "x", "the point of evaluation")
    if v is not None:
        v = as_float_array(v, "v")
        if v.shape != x.shape:
            raise ValueError(f"v must have the shape of x, {x.shape}; got {v.shape}")
        v = _check_finite_point(v, "v", "the direction")
    eps = check_number(eps, "eps", strict=True, allow_none=True,
                       hint=" (the step h)")
    return x, eps, v


def check_scalar_output(value, func: str) -> None:
    """Refuse an ``f(x)`` that is not a scalar, for the function ``func``."""
    if np.ndim(value) != 0:
        raise ValueError(
            f"f must return a scalar for {func}; it returned shape "
            f"{np.shape(value)} (use numerical_jacobian)"
        )


# --- Chunked arrays of bce.distributed
#
# These read only the ``ndim``, ``shape`` and ``dtype`` of a Dask array, or
# reduce it to one number, so that this module does not import Dask.

__all__ += ["check_row_chunked", "check_chunked_design", "check_finite_sums"]


def check_row_chunked(X, y) -> None:
    """Refuse an ``X`` that is not 2-D, a ``y`` that is not (n,) to match
    its rows, or either of a dtype that is not real. Nothing is computed."""
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n, d); got shape {X.shape}")
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape (n,) = ({X.shape[0]},) to match the rows of X; "
            f"got shape {y.shape}"
        )
    if X.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
        raise TypeError("X and y must hold real numbers")


def check_chunked_design(X, y, w, b) -> tuple[np.ndarray, float]:
    """The checked ``w`` (finite, (d,)) and ``b`` for a row-chunked ``X`` and ``y``.

    ``X`` must have a row, and ``y`` hold only 0 and 1: one pass over
    ``y`` (a Dask reduction, computed here), none over ``X``, whose NaN or
    inf shows in the sums (:func:`check_finite_sums`).

    Raises
    ------
    ValueError
        Naming the argument.
    """
    if X.shape[0] == 0:
        raise ValueError(f"X must have at least one row (sample); got shape {X.shape}")
    if not bool(((y == 0) | (y == 1)).all()):
        raise ValueError("y must contain only the labels 0 and 1")
    return _check_w(w, X.shape[1]), check_intercept(b)


def check_finite_sums(sums):
    """Return the blocks' sums; a NaN or inf in them comes from ``X`` (``w``
    and ``b`` are checked finite), and is named so."""
    if not all(np.all(np.isfinite(v)) for v in sums):
        raise ValueError("X must be finite: z = X @ w + b is NaN or infinite "
                         "in a block (check X for NaN/inf, or its scale)")
    return sums


# --- Arguments of the figures (bce.plotting)
#
# matplotlib is imported inside check_axes, which only bce.plotting calls.

__all__ += ["check_axes", "check_histories", "check_boundary_args",
            "check_both_classes"]


def check_axes(ax) -> None:
    """Refuse an ``ax`` that is neither None nor a matplotlib Axes."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")


def check_histories(histories) -> dict[str, np.ndarray]:
    """Loss histories as ``{str(name): float64 array (m,)}``, m >= 1.

    Raises
    ------
    TypeError
        If ``histories`` is not a non-empty mapping, or a run's values are
        not real.
    ValueError
        If a run's values are not a non-empty 1-D array.
    """
    from collections.abc import Mapping

    if not isinstance(histories, Mapping) or len(histories) == 0:
        raise TypeError(
            "histories must be a non-empty dict from a run name to its loss "
            f"values, e.g. {{'gd': model.loss_history_}}; got {type(histories).__name__}"
        )
    curves = {}
    for name, values in histories.items():
        arr = as_float_array(values, f"histories[{name!r}]")
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(
                f"histories[{name!r}] must be a non-empty 1-D array (one value "
                f"per iteration); got shape {arr.shape}"
            )
        curves[str(name)] = arr
    return curves


def check_boundary_args(model, X, y, grid):
    """The checked ``X`` (finite float64, (n, 2)), ``y`` ((n,), at most two
    classes), its ``classes`` and ``grid`` (an int >= 2) of a decision-boundary
    plot; ``model`` must have ``predict_proba`` or ``decision_function``.

    Raises
    ------
    ValueError
        Naming the argument: a shape, a NaN or inf in ``X``, more than two
        classes, ``grid`` < 2.
    TypeError
        For a ``model`` without either method.
    """
    X = as_float_array(X, "X")
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            "plot_decision_boundary draws 2-D data only: X must have shape "
            f"(n, 2); got shape {X.shape}. Select two columns, or project "
            "the data first"
        )
    if not np.all(np.isfinite(X)):
        raise ValueError("X must be finite (no NaN or inf)")
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(
            f"y must have shape (n,) = ({X.shape[0]},), one label per row of "
            f"X; got shape {y.shape}"
        )
    grid = _check_int(grid, "grid", 2)
    classes = np.unique(y)
    if classes.size > 2:
        raise ValueError(
            f"plot_decision_boundary is for two classes; y holds {classes.size}"
        )
    if not (hasattr(model, "predict_proba") or hasattr(model, "decision_function")):
        raise TypeError(
            "model must be a fitted classifier with predict_proba or "
            f"decision_function; got {type(model).__name__}"
        )
    return X, y, classes, grid


def check_both_classes(y_true, func: str) -> None:
    """Refuse a 1-D ``y_true`` with samples of one class only (``func``
    names the caller); other shapes are left to the metric's own checks."""
    y = np.asarray(y_true)
    if y.ndim == 1 and y.size and np.unique(y).size < 2:
        raise ValueError(
            f"{func} needs both classes in y_true (a positive and a "
            f"negative sample); y_true holds only {np.unique(y).tolist()}"
        )
