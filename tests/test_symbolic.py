"""Tests of bce/symbolic.py: the SymPy expressions and the explicit matrices.

``bce.symbolic`` is the independent witness of the numerical modules, so
these tests check it two ways: against SymPy's own differentiation (the
closed forms are what ``sympy.diff`` gives), and against the numerical
:mod:`bce` functions at random numbers (the two sides were written
separately, so agreement means something).
"""

import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

import bce
import bce.symbolic as bs

y, p, z = bs.y, bs.p, bs.z


def at_sigma(expr):
    """Write an expression in p as one in z, with p = sigma(z)."""
    return expr.subs(p, bs.sigma(z))


# --- the scalar derivatives ---------------------------------------------------


def test_dL_dp_is_the_derivative_of_the_loss():
    assert bs.is_zero(sp.diff(bs.bce_expr, p) - bs.dL_dp)
    # SymPy's raw derivative is the unsimplified form the chapter starts from
    assert bs.is_zero(sp.diff(bs.bce_expr, p) - (-y / p + (1 - y) / (1 - p)))


def test_dp_dz_is_the_sigmoid_derivative():
    assert bs.is_zero(sp.diff(bs.sigma(z), z) - at_sigma(bs.dp_dz))


def test_dL_dz_is_derived_and_simplifies_to_p_minus_y():
    # bs.dL_dz is computed by differentiation in bce/symbolic.py, so this
    # literal comparison checks the derivation (and its simplified form)
    assert bs.dL_dz == p - y
    assert bs.dL_dz.free_symbols == {p, y}  # written in p, no z left


def test_chain_rule_gives_p_minus_y():
    # the product of the two typed links equals the derived dL/dz
    assert bs.is_zero(bs.dL_dp * bs.dp_dz - bs.dL_dz)
    # and differentiating in z, without the logit round trip, agrees
    assert bs.is_zero(sp.diff(at_sigma(bs.bce_expr), z) - at_sigma(bs.dL_dz))


def test_logit_form_equals_the_loss():
    assert bs.is_zero(at_sigma(bs.bce_expr) - bs.bce_logit_expr)
    for label in (0, 1):
        flipped = bs.softplus((1 - 2 * label) * z)
        assert bs.is_zero(bs.bce_logit_expr.subs(y, label) - flipped)


def test_wrong_identities_are_rejected():
    # is_zero must be able to say no: each of these is off by a little
    assert not bs.is_zero(bs.dL_dp - (p - y) / p)
    assert not bs.is_zero(bs.dL_dz - (y - p))
    assert not bs.is_zero(at_sigma(bs.bce_expr) - bs.softplus(-z) + y * z)
    assert not bs.is_zero(sp.Matrix([[0, bs.dL_dz]]))


def test_source_dL_dp_is_not_the_derivative():
    claim = bs.source_claims["dL/dp"]
    assert not bs.is_zero(claim - bs.dL_dp)
    # it is the second term of the correct derivative with the wrong sign:
    # the lone term left of -y/p + (1-y)/(1-p) after the first is lost
    assert bs.is_zero(claim + (1 - y) / (1 - p))
    # and it is wrong exactly where y = 1 matters: at y = 1 the truth is -1/p
    assert claim.subs(y, 1) == 0
    assert bs.is_zero(bs.dL_dp.subs(y, 1) + 1 / p)


def test_source_dL_dy_is_the_formal_partial_and_equals_minus_z():
    claim = bs.source_claims["dL/dy"]
    # parsed from the printed text, not the object dL_dy_formal
    assert claim is not bs.dL_dy_formal
    assert bs.is_zero(claim - sp.diff(bs.bce_expr, y))
    assert bs.is_zero(bs.dL_dy_formal - (sp.log(1 - p) - sp.log(p)))
    # -logit(p): at p = sigma(z) it is -z
    assert sp.simplify(sp.expand_log(at_sigma(claim), force=True) + z) == 0


def test_source_dL_dw_is_a_row_with_a_zero_block():
    claim = bs.source_claims["dL/dw"]
    assert claim.shape == (1, 2)
    # y is data: dy/dw = 0 kills the second entry entirely
    second = claim[0, 1].subs(sp.Symbol("dy/dw"), 0)
    assert second == 0
    # even with the true dp/dw = p (1 - p) x, the first entry is not (p - y) x
    x = sp.Symbol("x", real=True)
    first = claim[0, 0].subs(sp.Symbol("dp/dw"), bs.dp_dz * x)
    assert not bs.is_zero(first - bs.dL_dz * x)


def test_source_claims_text_names_the_same_claims():
    assert set(bs.source_claims_text) == set(bs.source_claims)
    assert bs.source_claims_text["dL/dp"].endswith("]")  # the stray bracket


def test_source_claims_are_parsed_from_the_printed_text():
    assert bs.parse_printed(bs.source_claims_text["dL/dw"]).shape == (1, 2)
    # the printed loss is the course's loss (typed separately)
    assert bs.is_zero(bs.parse_printed(bs.source_loss_text) - bs.bce_expr)
    # the stray bracket is dropped, so one term remains: -(1 - y)/(1 - p)
    assert bs.is_zero(bs.source_claims["dL/dp"] + (1 - y) / (1 - p))
    # the first entry of "dL/dw" carries the source's own dL/dp
    dp_dw = sp.Symbol("dp/dw")
    entry = bs.source_claims["dL/dw"][0, 0]
    assert bs.is_zero(entry - bs.source_claims["dL/dp"] * dp_dw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-[y/p - (1-y)/(1-p)]", -y / p + (1 - y) / (1 - p)),
        ("f = [(1-y)/(1-p)]]", (1 - y) / (1 - p)),  # one stray bracket
        ("[y, p * dp/dw]", sp.Matrix([[y, p * sp.Symbol("dp/dw")]])),
    ],
)
def test_parse_printed_repairs_only_what_it_says(text, expected):
    parsed = bs.parse_printed(text)
    assert bs.is_zero(parsed - expected)
    # and it can fail: a sign flip is seen
    assert not bs.is_zero(parsed + expected)


# --- the explicit matrices ----------------------------------------------------


@pytest.mark.parametrize(("n", "d", "l2"), [(1, 1, False), (2, 1, True), (3, 2, False), (4, 3, True)])
def test_explicit_gradient_and_hessian_equal_the_closed_forms(n, d, l2):
    prob = bs.explicit_problem(n, d, l2=l2)
    assert prob.X.shape == (n, d)
    assert prob.gradient.shape == prob.gradient_closed.shape == (d + 1, 1)
    assert prob.hessian.shape == prob.hessian_closed.shape == (d + 1, d + 1)
    assert bs.is_zero(prob.gradient - prob.gradient_closed)
    assert bs.is_zero(prob.hessian - prob.hessian_closed)


def test_explicit_closed_forms_can_fail():
    prob = bs.explicit_problem(2, 1, l2=True)
    # forgetting the 1/n of the mean, or penalizing the bias, is caught
    assert not bs.is_zero(prob.gradient - 2 * prob.gradient_closed)
    bias_penalized = prob.hessian_closed + sp.diag(0, prob.l2)
    assert not bs.is_zero(prob.hessian - bias_penalized)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_explicit_problem_agrees_with_the_numerical_bce(seed):
    n, d = 3, 2
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    yv = (rng.random(n) < 0.5).astype(float)
    w = rng.normal(size=d)
    b = float(rng.normal())
    l2 = 0.3
    prob = bs.explicit_problem(n, d, l2=True)
    subs = prob.values(X.tolist(), yv.tolist(), w.tolist(), b, l2)

    def num(expr):
        return np.array(sp.N(expr.subs(subs), 30), dtype=float)

    assert float(num(prob.loss)) == pytest.approx(
        bce.loss(X, yv, w, b, l2=l2), rel=1e-12
    )
    grad_w, grad_b = bce.gradient(X, yv, w, b, l2=l2)
    np.testing.assert_allclose(
        num(prob.gradient).ravel(), np.append(grad_w, grad_b), rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(
        num(prob.hessian), bce.hessian(X, yv, w, b, l2=l2), rtol=1e-12, atol=1e-14
    )


def test_explicit_problem_without_l2_has_no_l2_symbol():
    prob = bs.explicit_problem(2, 2)
    assert prob.l2 == 0
    names = {s.name for s in prob.loss.free_symbols}
    assert names == {"x_1_1", "x_1_2", "x_2_1", "x_2_2", "y_1", "y_2", "w_1", "w_2", "b"}


@pytest.mark.parametrize("bad", [0, -1, 1.5, True, "2", None])
def test_explicit_problem_rejects_bad_sizes(bad):
    with pytest.raises(ValueError, match="n must be a positive int"):
        bs.explicit_problem(bad, 1)
    with pytest.raises(ValueError, match="d must be a positive int"):
        bs.explicit_problem(1, bad)


def test_import_bce_does_not_import_sympy():
    code = "import sys, bce; print('sympy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
