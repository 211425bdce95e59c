"""Tests for helpers.autodiff: the scalar reverse-mode engine, dual numbers and quadrature rules."""

import math

import numpy as np
import pytest
import scipy.integrate
import torch

from helpers.autodiff import (
    Dual,
    Value,
    log_log_slope,
    monte_carlo_integral,
    riemann_sum,
    simpson_rule,
    topological_order,
    trapezoid_rule,
)


def expression(a, b, c):
    """Uses every operation of the engines; works on Value, Dual and torch tensors alike."""
    u = (a * b + c.exp()) / (1 + b**2) - 3 * (a - c).tanh()
    v = (a * a + 1.0).log() * (b + c).relu() + 2.0 / (c * c + 1) - (1 - a) ** 3
    return u * v + a


@pytest.fixture
def points():
    return np.random.default_rng(0).normal(size=(25, 3))


def _torch_grad(point):
    t = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    out = expression(t[0], t[1], t[2])
    out.backward()
    return out.item(), t.grad.numpy()


def test_value_matches_torch_on_random_points(points):
    for point in points:
        xs = [Value(float(p)) for p in point]
        out = expression(*xs)
        out.backward()
        ref_val, ref_grad = _torch_grad(point)
        assert out.data == pytest.approx(ref_val, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose([x.grad for x in xs], ref_grad, rtol=1e-10, atol=1e-12)


def test_dual_matches_torch_on_random_points(points):
    for point in points:
        _, ref_grad = _torch_grad(point)
        for j in range(3):
            duals = [Dual(float(p), 1.0 if k == j else 0.0) for k, p in enumerate(point)]
            assert expression(*duals).tangent == pytest.approx(ref_grad[j], rel=1e-10, abs=1e-12)


def test_shared_node_accumulates_and_backward_is_repeatable():
    x = Value(1.5)
    y = x * x * x + x  # x is used four times
    y.backward()
    assert x.grad == pytest.approx(3 * 1.5**2 + 1)
    y.backward()  # gradients are reset, not accumulated across calls
    assert x.grad == pytest.approx(3 * 1.5**2 + 1)


def test_topological_order_puts_parents_first():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    e = d.tanh() * c
    order = topological_order(e)
    assert order[-1] is e
    assert len(order) == len({id(n) for n in order}) == 6
    pos = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for parent in node._parents:
            assert pos[id(parent)] < pos[id(node)]


def test_deep_graph_does_not_recurse():
    x = Value(0.1)
    y = x
    for _ in range(5000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad == pytest.approx(1.0)


def test_relu_derivative_and_reflected_operators():
    a = Value(-2.0)
    out = 3 - a.relu() + 1 / (a * a)
    out.backward()
    assert a.grad == pytest.approx(2 / 8)  # relu contributes 0 for a < 0; d(a^-2) = -2 a^-3
    assert (2 - Dual(3.0, 1.0)).tangent == -1.0
    assert (1 / Dual(2.0, 1.0)).tangent == pytest.approx(-0.25)


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(TypeError, match="data must be a real number"):
        Value("3")
    with pytest.raises(TypeError, match="cannot combine a Value"):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="exponent must be a plain number"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="log needs a positive argument"):
        Value(-1.0).log()
    with pytest.raises(ValueError, match="log needs a positive argument"):
        Dual(0.0, 1.0).log()
    with pytest.raises(TypeError, match="tangent must be a real number"):
        Dual(1.0, None)
    with pytest.raises(TypeError, match="root must be a Value"):
        topological_order(3.0)


def test_dual_counts_operations():
    Dual.n_ops = 0
    x = Dual(1.0, 1.0)
    (x * x + 1.0).exp()
    assert Dual.n_ops == 3


def test_quadrature_matches_scipy():
    f = lambda x: np.exp(-x) * np.cos(3 * x)  # noqa: E731
    a, b, n = 0.0, 2.0, 40
    x = np.linspace(a, b, n + 1)
    assert trapezoid_rule(f, a, b, n) == pytest.approx(scipy.integrate.trapezoid(f(x), x=x), rel=1e-12)
    assert simpson_rule(f, a, b, n) == pytest.approx(scipy.integrate.simpson(f(x), x=x), rel=1e-12)
    exact = scipy.integrate.quad(f, a, b)[0]
    assert abs(simpson_rule(f, a, b, n) - exact) < 1e-6
    assert abs(riemann_sum(f, a, b, n, "midpoint") - exact) < 2e-3
    h = (b - a) / n
    assert riemann_sum(f, a, b, n, "left") == pytest.approx(h * np.sum(f(x[:-1])), rel=1e-12)
    assert riemann_sum(f, a, b, n, "right") == pytest.approx(h * np.sum(f(x[1:])), rel=1e-12)


def test_orders_of_the_rules():
    f = np.exp
    exact = math.e - 1
    ns = np.array([8, 16, 32, 64])
    err = {name: [abs(rule(f, 0.0, 1.0, int(n)) - exact) for n in ns]
           for name, rule in [("left", riemann_sum), ("trap", trapezoid_rule), ("simp", simpson_rule)]}
    assert log_log_slope(1 / ns, err["left"]) == pytest.approx(1, abs=0.1)
    assert log_log_slope(1 / ns, err["trap"]) == pytest.approx(2, abs=0.1)
    assert log_log_slope(1 / ns, err["simp"]) == pytest.approx(4, abs=0.1)


def test_monte_carlo_is_seeded_and_within_its_error():
    f = lambda x: x**2  # noqa: E731
    est1, se1 = monte_carlo_integral(f, 0.0, 3.0, 4000, random_state=1)
    est2, se2 = monte_carlo_integral(f, 0.0, 3.0, 4000, random_state=1)
    assert (est1, se1) == (est2, se2)
    assert abs(est1 - 9.0) < 4 * se1
    # the standard error of the uniform-sample mean: (b - a) * std(f(U)) / sqrt(n); std(U^2) = 9 * 2/sqrt(45)
    assert se1 == pytest.approx(3 * 9 * 2 / math.sqrt(45) / math.sqrt(4000), rel=0.05)


def test_log_log_slope_recovers_a_power_law():
    h = np.logspace(-3, -1, 6)
    assert log_log_slope(h, 7 * h**2.5) == pytest.approx(2.5)


def test_integration_bad_inputs():
    with pytest.raises(TypeError, match="f must be a callable"):
        trapezoid_rule(3.0, 0.0, 1.0, 10)
    with pytest.raises(ValueError, match="a < b"):
        simpson_rule(np.sin, 1.0, 0.0, 10)
    with pytest.raises(ValueError, match="n must be even"):
        simpson_rule(np.sin, 0.0, 1.0, 7)
    with pytest.raises(ValueError, match="rule must be one of"):
        riemann_sum(np.sin, 0.0, 1.0, 10, rule="upper")
    with pytest.raises(ValueError, match="one value per point"):
        trapezoid_rule(lambda x: 1.0, 0.0, 1.0, 10)
    with pytest.raises(ValueError, match="n must be at least 2"):
        monte_carlo_integral(np.sin, 0.0, 1.0, 1)
    with pytest.raises(ValueError, match="steps and errors must be positive"):
        log_log_slope([0.1, 0.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="errors must be 1-D"):
        log_log_slope([0.1, 0.2], np.ones((2, 2)))
