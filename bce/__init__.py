"""bce: binary cross-entropy, derived and built.

The package of the course. The chapters derive each formula, then import it
from here; the tests check it against SymPy, finite differences and
scikit-learn.

Ground floor (elementwise, any shape): :func:`sigmoid`, :func:`log_sigmoid`,
:func:`softplus`, :func:`logit`, :func:`bce_loss`, :func:`bce_with_logits`.

The objective (X is (n, d), y is (n,), w is (d,), b a scalar):
:func:`loss`, :func:`gradient`, :func:`loss_and_gradient`, :func:`hessian`.

Checks: :func:`numerical_gradient`, :func:`numerical_jacobian`,
:func:`directional_derivative`.

The trainer and its companions, loaded on first use (they need
scikit-learn): :class:`LogisticRegression`, :class:`StandardScaler`,
:class:`OneHotEncoder`; the data: :func:`make_two_class`,
:func:`load_breast_cancer`. The submodules ``bce.metrics``, ``bce.solvers``,
``bce.plotting`` (matplotlib), ``bce.symbolic`` (SymPy) and
``bce.distributed`` (Dask) are imported only on request, so ``import bce``
stays light.
"""

from .functions import log_sigmoid, logit, sigmoid, softplus
from .losses import bce_loss, bce_with_logits
from .numdiff import directional_derivative, numerical_gradient, numerical_jacobian
from .objective import gradient, hessian, loss, loss_and_gradient
from .source import show_code

__version__ = "0.1.0"

# Names loaded on first use (PEP 562), so that ``import bce`` does not import
# what they need (scikit-learn for the estimator). One line per name:
# name -> submodule that defines it.
_LAZY = {
    "LogisticRegression": ".model",
    "StandardScaler": ".preprocessing",
    "OneHotEncoder": ".preprocessing",
    "make_two_class": ".datasets",
    "load_breast_cancer": ".datasets",
}


def __getattr__(name):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "sigmoid",
    "log_sigmoid",
    "softplus",
    "logit",
    "bce_loss",
    "bce_with_logits",
    "loss",
    "gradient",
    "loss_and_gradient",
    "hessian",
    "numerical_gradient",
    "numerical_jacobian",
    "directional_derivative",
    "show_code",
    "LogisticRegression",
    "StandardScaler",
    "OneHotEncoder",
    "make_two_class",
    "load_breast_cancer",
]
