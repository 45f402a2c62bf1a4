"""Tests of bce/numdiff.py: central differences."""

import numpy as np
import pytest

import bce


def test_gradient_of_a_quadratic_is_exact_to_rounding():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    f = lambda x: 0.5 * x @ A @ x  # noqa: E731
    x = np.array([0.3, -1.2])
    np.testing.assert_allclose(bce.numerical_gradient(f, x), A @ x, rtol=1e-9)


def test_gradient_keeps_the_shape_of_x():
    x = np.arange(6.0).reshape(2, 3)
    g = bce.numerical_gradient(lambda t: np.sum(t**2), x)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, 2 * x, rtol=1e-8, atol=1e-9)


def test_jacobian_shape_and_values():
    f = lambda x: np.array([x[0] * x[1], np.sin(x[0]), x[1] ** 3])  # noqa: E731
    x = np.array([0.5, 2.0])
    J = bce.numerical_jacobian(f, x)
    expected = np.array([[2.0, 0.5], [np.cos(0.5), 0.0], [0.0, 12.0]])
    assert J.shape == (3, 2)
    np.testing.assert_allclose(J, expected, rtol=1e-8, atol=1e-9)


def test_does_not_modify_x():
    x = np.array([1.0, 2.0])
    bce.numerical_gradient(lambda t: t @ t, x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


def test_directional_derivative():
    f = lambda x: np.sum(np.exp(x))  # noqa: E731
    x, v = np.array([0.1, -0.4, 1.0]), np.array([1.0, 2.0, -1.0])
    assert bce.directional_derivative(f, x, v) == pytest.approx(np.exp(x) @ v, rel=1e-9)


def test_errors():
    with pytest.raises(TypeError, match="callable"):
        bce.numerical_gradient(3.0, [1.0])
    with pytest.raises(ValueError, match="scalar"):
        bce.numerical_gradient(lambda t: t, [1.0, 2.0])
    with pytest.raises(ValueError, match="eps"):
        bce.numerical_gradient(lambda t: t @ t, [1.0], eps=0.0)
    with pytest.raises(ValueError, match="shape of x"):
        bce.directional_derivative(lambda t: t @ t, [1.0, 2.0], [1.0])


@pytest.mark.parametrize("eps", [0.0, -1e-6, np.nan, np.inf])
def test_directional_derivative_checks_eps(eps):
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        bce.directional_derivative(lambda t: t @ t, [1.0, 2.0], [1.0, 0.0], eps=eps)


@pytest.mark.parametrize("fn", [bce.numerical_gradient, bce.numerical_jacobian])
def test_eps_of_the_wrong_type_is_named(fn):
    with pytest.raises(TypeError, match="eps must be a real number > 0"):
        fn(lambda t: t @ t, [1.0, 2.0], eps="1e-6")


def test_directional_derivative_checks_f_and_v():
    with pytest.raises(TypeError, match="f must be callable"):
        bce.directional_derivative(3.0, [1.0, 2.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="v must be finite"):
        bce.directional_derivative(lambda t: t @ t, [1.0, 2.0], [np.nan, 0.0])


@pytest.mark.parametrize("fn", [bce.numerical_gradient, bce.numerical_jacobian])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_non_finite_x_is_named(fn, bad):
    with pytest.raises(ValueError, match="x must be finite"):
        fn(lambda t: t @ t, [bad, 1.0])


def test_directional_derivative_non_finite_x_is_named():
    with pytest.raises(ValueError, match="x must be finite"):
        bce.directional_derivative(lambda t: t @ t, [np.nan, 1.0], [1.0, 0.0])


# ---------------------------------------------------------------------------
# Refusals, at each of the three entry points (checked once, by
# bce.validation.check_difference_args, before f is first called)


def _sq(t):
    return t @ t


_FUNCS = {
    "numerical_gradient": lambda f, x, eps, v: bce.numerical_gradient(f, x, eps),
    "numerical_jacobian": lambda f, x, eps, v: bce.numerical_jacobian(f, x, eps),
    "directional_derivative":
        lambda f, x, eps, v: bce.directional_derivative(f, x, v, eps),
}


@pytest.mark.parametrize("entry", list(_FUNCS))
@pytest.mark.parametrize("f, x, eps, error, match", [
    (3.0, [1.0, 2.0], None, TypeError, r"^f must be callable \(a function of x\)"),
    (_sq, [np.nan, 2.0], None, ValueError, "^x must be finite: the point of evaluation"),
    (_sq, ["a", "b"], None, TypeError, "^x must hold real numbers"),
    (_sq, [1.0, 2.0], 0.0, ValueError, "^eps must be a finite number > 0; got 0.0$"),
    (_sq, [1.0, 2.0], np.inf, ValueError, "^eps must be a finite number > 0; got inf$"),
    (_sq, [1.0, 2.0], True, TypeError, r"^eps must be a real number > 0 \(the step h\)"),
    (_sq, [1.0, 2.0], np.ones(2), TypeError, "^eps must be a real number > 0"),
], ids=["f", "x_nan", "x_str", "eps_0", "eps_inf", "eps_bool", "eps_array"])
def test_refusals(entry, f, x, eps, error, match):
    with pytest.raises(error, match=match):
        _FUNCS[entry](f, x, eps, [1.0, 0.0])


@pytest.mark.parametrize("v, match", [
    ([1.0], r"^v must have the shape of x, \(2,\); got \(1,\)$"),
    ([np.inf, 0.0], "^v must be finite: the direction has NaN or infinite entries$"),
    (["a", "b"], "^v must hold real numbers"),
])
def test_directional_derivative_refuses_a_bad_direction(v, match):
    with pytest.raises((ValueError, TypeError), match=match):
        bce.directional_derivative(_sq, [1.0, 2.0], v)


def test_numerical_gradient_refuses_a_vector_valued_f():
    with pytest.raises(ValueError, match=r"^f must return a scalar for "
                                         r"numerical_gradient; it returned shape \(2,\)"):
        bce.numerical_gradient(lambda t: t, [1.0, 2.0])
