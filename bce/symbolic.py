r"""The course's SymPy expressions: one source of truth for the algebra.

The chapters derive every formula here and the tests compare the numerical
modules of :mod:`bce` against it. This module imports SymPy only, never
NumPy or another part of :mod:`bce`, so that its results are an independent
witness (``import bce`` does not import it, and so does not import SymPy).

Scalar pieces
-------------
``y``, ``p``, ``z``
    The label, the predicted probability and the logit (SymPy symbols; ``p``
    is positive, ``z`` and ``y`` are real).
``bce_expr``
    :math:`L(y, p) = -[y \log p + (1 - y) \log(1 - p)]`.
``dL_dp``, ``dp_dz``
    The correct derivatives, simplified and written out:
    :math:`(p - y) / (p (1 - p))` and :math:`p (1 - p)` (the second in ``p``,
    with :math:`p = \sigma(z)` understood). The tests check them against
    ``sympy.diff``.
``dL_dz``
    :math:`p - y`, *derived* here, not typed: ``sympy.diff`` of
    :math:`L(y, \sigma(z))` in :math:`z`, then written in ``p`` by putting
    :math:`z = \operatorname{logit}(p)`, and simplified. A comparison of it
    with the literal ``p - y`` therefore checks the derivation.
``dL_dy_formal``
    :math:`\partial L / \partial y = -[\log p - \log(1 - p)]`, derived by
    ``sympy.diff`` of the loss in ``y``: a correct partial derivative that
    training never uses (see :doc:`/chapters/scalar_derivative`).
``source_loss_text``, ``source_claims_text``
    The source page's loss and its three derivative claims, as printed
    (copied from the page, character for character).
``source_claims``
    The three claims parsed from ``source_claims_text`` by
    :func:`parse_printed`, so repaired only as far as SymPy needs to parse
    them.

Explicit matrices
-----------------
:func:`explicit_problem` builds X (n x d), y, w and b from named symbols and
returns the mean loss, its gradient (denominator layout, bias last) and its
Hessian, each computed by differentiating the loss entry by entry, together
with the closed forms the course proves equal to them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

# Only the argument checks: nothing numerical of bce computes any result here.
from .validation import check_positive_int

__all__ = [
    "y",
    "p",
    "z",
    "sigma",
    "softplus",
    "bce_expr",
    "bce_logit_expr",
    "dL_dp",
    "dp_dz",
    "dL_dz",
    "dL_dy_formal",
    "source_claims",
    "source_claims_text",
    "source_loss_text",
    "parse_printed",
    "is_zero",
    "ExplicitProblem",
    "explicit_problem",
]

#: The label (real; the data gives it the values 0 and 1).
y = sp.Symbol("y", real=True)
#: The predicted probability, in (0, 1).
p = sp.Symbol("p", positive=True)
#: The logit, z = w^T x + b.
z = sp.Symbol("z", real=True)


def sigma(t: sp.Expr) -> sp.Expr:
    r"""The logistic sigmoid as a SymPy expression, :math:`1 / (1 + e^{-t})`.

    Parameters
    ----------
    t : sympy.Expr
        Any expression (a symbol, a number, an entry of a matrix).

    Returns
    -------
    sympy.Expr
        ``1 / (1 + exp(-t))``.
    """
    return 1 / (1 + sp.exp(-t))


def softplus(t: sp.Expr) -> sp.Expr:
    r"""Softplus as a SymPy expression, :math:`\log(1 + e^{t})`.

    Parameters
    ----------
    t : sympy.Expr
        Any expression.

    Returns
    -------
    sympy.Expr
        ``log(1 + exp(t))``.
    """
    return sp.log(1 + sp.exp(t))


#: L(y, p) = -[y log p + (1 - y) log(1 - p)], the loss of one sample.
bce_expr: sp.Expr = -(y * sp.log(p) + (1 - y) * sp.log(1 - p))

#: The loss written in the logit, softplus(z) - y z (proved equal to
#: ``bce_expr`` at p = sigma(z) in the numerical-stability chapter).
bce_logit_expr: sp.Expr = softplus(z) - y * z

#: dL/dp = (p - y) / (p (1 - p)).
dL_dp: sp.Expr = (p - y) / (p * (1 - p))

#: dp/dz = p (1 - p), the sigmoid's derivative written in p = sigma(z).
dp_dz: sp.Expr = p * (1 - p)

#: z = logit(p), the inverse of the sigmoid: writes a function of z in p.
_logit_p: sp.Expr = sp.log(p / (1 - p))

#: dL/dz = p - y, derived and not typed. It is the derivative of
#: L(y, sigma(z)) in z, written in p (z = logit(p)) and simplified.
dL_dz: sp.Expr = sp.simplify(
    sp.diff(bce_expr.subs(p, sigma(z)), z).subs(z, _logit_p)
)

#: The formal partial derivative dL/dy = -[log p - log(1 - p)] = -logit(p),
#: derived by differentiating the loss in y.
dL_dy_formal: sp.Expr = sp.diff(bce_expr, y)

#: The source's loss as printed (Chinese page, first section).
source_loss_text: str = "L = -[y * log(p) + (1-y) * log(1-p)]"

#: The source's claims as printed (Chinese page, first section).
source_claims_text: dict[str, str] = {
    "dL/dp": "dL/dp = - (1-y)/(1-p)]",
    "dL/dy": "dL/dy = -[log(p) - log(1-p)]",
    "dL/dw": "dL/dw = [dL/dp * dp/dw, dL/dy * dy/dw]",
}

#: Names the printed formulas use for derivatives, and the Python names the
#: parser reads them as (a slash is division in Python).
_PRINTED_NAMES = {"dL/dp": "dL_dp", "dL/dy": "dL_dy",
                  "dp/dw": "dp_dw", "dy/dw": "dy_dw"}


def parse_printed(text: str, names: dict | None = None) -> sp.Expr | sp.Matrix:
    """Parse a formula as the source prints it, repaired only to parse.

    The repairs, and nothing else: the left-hand side up to ``=`` is
    dropped; a closing square bracket that was never opened is dropped;
    the remaining square brackets are read as parentheses, except that a
    bracket around the whole formula holding a comma is read as a row
    matrix; the names ``dL/dp``, ``dL/dy``, ``dp/dw``, ``dy/dw`` are read
    as the expressions given in ``names``, or else as opaque symbols of
    those names. ``y``, ``p`` and ``log`` are this module's ``y``, ``p``
    and the natural logarithm.

    Parameters
    ----------
    text : str
        The formula, for instance ``"dL/dy = -[log(p) - log(1-p)]"``.
    names : dict, optional
        From a printed name (``"dL/dp"``, ...) to the SymPy expression it
        stands for.

    Returns
    -------
    sympy.Expr or sympy.Matrix
        The parsed expression (a (1, k) row for a bracketed list).
    """
    from sympy.parsing.sympy_parser import parse_expr

    rhs = text.split("=", 1)[1].strip() if "=" in text else text.strip()
    kept, depth = [], 0
    for char in rhs:  # drop a closing bracket that was never opened
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    rhs = "".join(kept).strip()
    local = {"y": y, "p": p, "log": sp.log}
    for printed, python in _PRINTED_NAMES.items():
        rhs = rhs.replace(printed, python)
        local[python] = (names or {}).get(printed, sp.Symbol(printed))
    if rhs.startswith("[") and rhs.endswith("]") and "," in rhs:
        entries = rhs[1:-1].split(",")
        return sp.Matrix([[parse_printed(entry, names) for entry in entries]])
    rhs = rhs.replace("[", "(").replace("]", ")")
    return parse_expr(rhs, local_dict=local)


#: The same claims as SymPy objects, parsed from the printed text by
#: :func:`parse_printed`: "dL/dp" loses its stray bracket (leaving the lone
#: second term), "dL/dy" is taken as printed, and "dL/dw" is the stacked
#: pair, with the source's own dL/dp and dL/dy in it and dp/dw and dy/dw
#: left as opaque symbols because the source never says what they are.
source_claims: dict[str, sp.Expr | sp.Matrix] = {}
source_claims["dL/dp"] = parse_printed(source_claims_text["dL/dp"])
source_claims["dL/dy"] = parse_printed(source_claims_text["dL/dy"])
source_claims["dL/dw"] = parse_printed(
    source_claims_text["dL/dw"],
    {"dL/dp": source_claims["dL/dp"], "dL/dy": source_claims["dL/dy"]},
)


def is_zero(expr: sp.Expr | sp.MatrixBase) -> bool:
    """Whether a SymPy expression (or every entry of a matrix) simplifies to 0.

    Parameters
    ----------
    expr : sympy.Expr or sympy.Matrix
        The difference of two expressions believed equal.

    Returns
    -------
    bool
        True when it (each entry) reduces to zero, by expanding and
        cancelling first and by :func:`sympy.simplify` when that fails.
        False means SymPy could not prove it zero, which for the rational
        and exponential expressions of this course means it is not.
    """
    if isinstance(expr, sp.MatrixBase):
        return all(is_zero(entry) for entry in expr)
    # Fast path: the expressions here are rational functions of a few
    # exponentials. Each exp(c * a) becomes t_a ** c, with one fresh symbol
    # t_a per argument a up to a rational factor (so exp(-2 z) is t_z ** -2),
    # and cancelling the rational function to 0 proves the identity.
    if sp.cancel(sp.together(_exp_to_powers(expr))) == 0:
        return True
    # A witness that it is not zero, found fast: its value at a few points in
    # (0, 1)^k (exact rationals, evaluated to 30 digits). Only when every
    # point gives 0 is the slow, general simplify run.
    symbols = sorted(expr.free_symbols, key=sp.default_sort_key)
    for shift in range(3):
        point = {
            s: sp.Rational(2 * k + 3 + shift, 4 * k + 11 + 3 * shift)
            for k, s in enumerate(symbols)
        }
        value = sp.N(expr.subs(point), 30)
        if value.is_number and abs(value) > sp.Float("1e-20", 30):
            return False
    return sp.simplify(expr) == 0


def _exp_to_powers(expr: sp.Expr) -> sp.Expr:
    """Replace each exp(c * a) by t_a ** c (t_a a positive Dummy per a)."""
    bases: dict[sp.Expr, sp.Dummy] = {}
    replacements = {}
    for atom in sorted(expr.atoms(sp.exp), key=sp.default_sort_key):
        content, primitive = sp.expand(atom.args[0]).as_content_primitive()
        if primitive.could_extract_minus_sign():
            content, primitive = -content, -primitive
        base = bases.setdefault(primitive, sp.Dummy(positive=True))
        replacements[atom] = base**content
    return expr.xreplace(replacements)


@dataclass(frozen=True)
class ExplicitProblem:
    r"""A logistic-regression objective written out on explicit symbols.

    Attributes
    ----------
    X : sympy.Matrix
        (n, d) matrix of symbols ``x_i_j``.
    y : sympy.Matrix
        (n, 1) column of label symbols ``y_i``.
    w : sympy.Matrix
        (d, 1) column of weight symbols ``w_j``.
    b : sympy.Symbol
        The bias.
    l2 : sympy.Symbol or 0
        The L2 strength (0 when the problem was built without it).
    theta : sympy.Matrix
        (d + 1, 1), the parameters ``[w; b]`` (bias last).
    z, p : sympy.Matrix
        (n, 1), the logits :math:`Xw + b` and probabilities
        :math:`\sigma(z)`.
    loss : sympy.Expr
        :math:`J = \frac1n \sum_i L(y_i, p_i) + \frac{l2}{2} \|w\|^2`.
    gradient : sympy.Matrix
        (d + 1, 1), :math:`\partial J / \partial \theta_k` entry by entry.
    hessian : sympy.Matrix
        (d + 1, d + 1), second derivatives entry by entry.
    gradient_closed : sympy.Matrix
        (d + 1, 1), :math:`[X^T (p - y) / n + l2\, w;\ \operatorname{mean}(p - y)]`.
    hessian_closed : sympy.Matrix
        (d + 1, d + 1), :math:`\tilde X^T \operatorname{diag}(p (1 - p))
        \tilde X / n` plus ``l2`` on the w block.
    """

    X: sp.Matrix
    y: sp.Matrix
    w: sp.Matrix
    b: sp.Symbol
    l2: sp.Expr
    theta: sp.Matrix
    z: sp.Matrix
    p: sp.Matrix
    loss: sp.Expr
    gradient: sp.Matrix
    hessian: sp.Matrix
    gradient_closed: sp.Matrix
    hessian_closed: sp.Matrix

    def values(self, X, y, w, b, l2=0) -> dict:
        """A substitution dict that gives every symbol a number.

        Parameters
        ----------
        X : sequence of sequences, shape (n, d)
        y : sequence, shape (n,)
        w : sequence, shape (d,)
        b : number
        l2 : number, default 0

        Returns
        -------
        dict
            Symbol -> SymPy number, for ``expr.subs(...)``.
        """
        n, d = self.X.shape
        subs = {}
        for i in range(n):
            for j in range(d):
                subs[self.X[i, j]] = sp.nsimplify(X[i][j])
            subs[self.y[i]] = sp.nsimplify(y[i])
        for j in range(d):
            subs[self.w[j]] = sp.nsimplify(w[j])
        subs[self.b] = sp.nsimplify(b)
        if isinstance(self.l2, sp.Symbol):
            subs[self.l2] = sp.nsimplify(l2)
        return subs


def explicit_problem(n: int, d: int, l2: bool = False) -> ExplicitProblem:
    r"""Build the mean BCE objective on explicit (n, d) symbolic matrices.

    Every entry of X, y, w and b is its own SymPy symbol, so the gradient
    and Hessian are computed by plain differentiation, one entry at a time,
    with no matrix calculus assumed. The closed forms are returned beside
    them; the chapters and tests prove the two equal.

    Parameters
    ----------
    n : int
        Number of samples (rows of X), at least 1. Keep it small (<= 6):
        the expressions grow quickly.
    d : int
        Number of features (columns of X), at least 1.
    l2 : bool, default False
        Add the penalty :math:`\frac{\lambda}{2}\|w\|^2` with a symbol
        ``l2`` (the bias is not penalized).

    Returns
    -------
    ExplicitProblem
        Symbols, the loss
        :math:`J = -\frac1n \sum_i [y_i \log p_i + (1 - y_i)\log(1 - p_i)]
        (+ \frac{\lambda}{2}\|w\|^2)`,
        its gradient ((d + 1, 1), bias last), its Hessian ((d + 1, d + 1))
        and their closed forms.

    Raises
    ------
    ValueError
        If ``n`` or ``d`` is not a positive integer.
    """
    n, d = check_positive_int(n, "n"), check_positive_int(d, "d")
    X = sp.Matrix(n, d, lambda i, j: sp.Symbol(f"x_{i + 1}_{j + 1}", real=True))
    Y = sp.Matrix(n, 1, lambda i, j: sp.Symbol(f"y_{i + 1}", real=True))
    w = sp.Matrix(d, 1, lambda j, k: sp.Symbol(f"w_{j + 1}", real=True))
    b = sp.Symbol("b", real=True)
    lam = sp.Symbol("l2", nonnegative=True) if l2 else sp.Integer(0)

    Z = X * w + sp.Matrix.ones(n, 1) * b
    P = Z.applyfunc(sigma)
    data = sum(
        (bce_expr.subs({y: Y[i], p: P[i]}, simultaneous=True) for i in range(n)),
        sp.Integer(0),
    ) / n
    loss = data + lam / 2 * (w.T * w)[0, 0]

    theta = w.col_join(sp.Matrix([[b]]))
    gradient = sp.Matrix([sp.diff(loss, t) for t in theta])
    hessian = sp.Matrix(d + 1, d + 1, lambda i, j: sp.diff(gradient[i], theta[j]))

    Xt = X.row_join(sp.Matrix.ones(n, 1))
    r = P - Y
    grad_w = X.T * r / n + lam * w
    grad_b = sp.Matrix([[sum(r, sp.Integer(0)) / n]])
    gradient_closed = grad_w.col_join(grad_b)
    S = sp.diag(*[P[i] * (1 - P[i]) for i in range(n)])
    penalty = sp.diag(*([lam] * d + [0]))
    hessian_closed = Xt.T * S * Xt / n + penalty

    return ExplicitProblem(
        X=X,
        y=Y,
        w=w,
        b=b,
        l2=lam,
        theta=theta,
        z=Z,
        p=P,
        loss=loss,
        gradient=gradient,
        hessian=hessian,
        gradient_closed=gradient_closed,
        hessian_closed=hessian_closed,
    )
