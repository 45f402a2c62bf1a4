"""Input validation: the one place that turns bad input into a named error.

Every public function of :mod:`bce` passes its arguments through these helpers
before it computes anything, so that a wrong shape, a non-numeric array or a
label outside {0, 1} fails at once, with a message that names the argument
and says what was expected, instead of returning a silent NaN or a broadcast
of the wrong shape.

The checks are cheap on purpose. None of them makes a pass over all n x d
entries of ``X``: a non-finite entry of ``X`` is found later, in the n-long
vector ``z = X w + b`` (see :func:`check_logits_finite`), so validating a
large design matrix costs no more than reading its shape and dtype.
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
    "check_logits_finite",
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
        w = as_float_array(w, "w")
        if w.shape != (d,):
            raise ValueError(
                f"w must have shape (d,) = ({d},), one weight per column of "
                f"X; got shape {w.shape}"
            )
        _check_finite(w, "w")
    return X, y, w


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


def check_logits_finite(z: np.ndarray, offset: int = 0) -> None:
    """Raise if ``z = X w + b`` is not finite.

    With finite ``w`` and ``b``, any NaN or infinity in ``X`` makes the
    matching entry of ``z`` non-finite (``inf * 0`` is NaN), so this n-long
    check stands in for a pass over all n x d entries of ``X``. ``offset``
    is the index of the first row of ``z`` in ``X`` (for blocks of rows).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = z.sum()  # one cheap reduction on the common path
    if np.isfinite(total):
        return
    rows = np.flatnonzero(~np.isfinite(z)) + offset
    if rows.size:
        raise ValueError(
            "X must be finite: z = X @ w + b is NaN or infinite in "
            f"{rows.size} row(s) (first: {rows[:5].tolist()}); check X for "
            "NaN/inf, or its scale for overflow"
        )


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
