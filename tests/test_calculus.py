"""Tests for helpers.calculus: numerical derivatives, losses and gradients, optimisers."""

import numpy as np
import pytest
import torch

from helpers.calculus import (
    add_intercept,
    article_mse_gradient,
    central_difference,
    classify_run,
    clip_by_norm,
    forward_difference,
    gradient_descent,
    logistic_gradient,
    logistic_loss,
    mse_gradient,
    mse_loss,
    newton_method,
    numerical_gradient,
)
from helpers.checks import rel_error


@pytest.fixture
def regression():
    rng = np.random.default_rng(0)
    X = add_intercept(rng.normal(size=(30, 3)))
    y = rng.normal(size=30)
    theta = rng.normal(size=4)
    return theta, X, y


def test_difference_quotients_orders():
    x = np.linspace(-2, 2, 7)
    exact = np.cos(x)
    errs_f = [np.max(np.abs(forward_difference(np.sin, x, h) - exact)) for h in (1e-2, 1e-3)]
    errs_c = [np.max(np.abs(central_difference(np.sin, x, h) - exact)) for h in (1e-2, 1e-3)]
    # forward: error ~ h (ratio ~10); central: error ~ h^2 (ratio ~100)
    assert 7 < errs_f[0] / errs_f[1] < 13
    assert 70 < errs_c[0] / errs_c[1] < 130
    assert errs_c[1] < 1e-6 < errs_f[1]


def test_difference_scalar_and_bad_step():
    assert central_difference(lambda t: t**3, 2.0, 1e-4) == pytest.approx(12.0, rel=1e-7)
    with pytest.raises(ValueError, match="h must be a positive"):
        central_difference(np.sin, 1.0, h=0.0)
    with pytest.raises(TypeError, match="x must hold numeric"):
        forward_difference(np.sin, ["a"])


def test_mse_loss_matches_sklearn_and_gradient_matches_numeric(regression):
    from sklearn.metrics import mean_squared_error

    theta, X, y = regression
    assert mse_loss(theta, X, y) == pytest.approx(0.5 * mean_squared_error(y, X @ theta), rel=1e-12)
    num = numerical_gradient(lambda t: mse_loss(t, X, y), theta)
    assert rel_error(mse_gradient(theta, X, y), num) < 1e-7


def test_mse_gradient_matches_torch_autograd(regression):
    theta, X, y = regression
    t = torch.tensor(theta, requires_grad=True)
    loss = ((torch.tensor(X) @ t - torch.tensor(y)) ** 2).mean() / 2
    loss.backward()
    assert rel_error(mse_gradient(theta, X, y), t.grad.numpy()) < 1e-12


def test_article_gradient_is_twice_the_true_one(regression):
    theta, X, y = regression
    np.testing.assert_allclose(article_mse_gradient(theta, X, y), 2 * mse_gradient(theta, X, y))


def test_mse_shape_errors(regression):
    theta, X, y = regression
    with pytest.raises(ValueError, match="theta must have one entry per column"):
        mse_loss(theta[:3], X, y)
    with pytest.raises(ValueError, match="y must have one entry per row"):
        mse_gradient(theta, X, y[:5])
    with pytest.raises(ValueError, match="X must be 2-D"):
        mse_loss(theta, X[0], y)


def test_logistic_loss_and_gradient_vs_torch():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, 5)) * 3
    y = (rng.random(40) < 0.5).astype(float)
    w = rng.normal(size=5)
    t = torch.tensor(w, requires_grad=True)
    bce = torch.nn.functional.binary_cross_entropy_with_logits
    loss = bce(torch.tensor(X) @ t, torch.tensor(y))
    loss.backward()
    assert logistic_loss(w, X, y) == pytest.approx(loss.item(), rel=1e-12)
    assert rel_error(logistic_gradient(w, X, y), t.grad.numpy()) < 1e-12
    num = numerical_gradient(lambda v: logistic_loss(v, X, y), w)
    assert rel_error(logistic_gradient(w, X, y), num) < 1e-7


def test_clip_by_norm_matches_torch():
    rng = np.random.default_rng(2)
    g = rng.normal(size=(3, 4)) * 10
    p = torch.nn.Parameter(torch.zeros(3, 4, dtype=torch.float64))
    p.grad = torch.tensor(g)
    torch.nn.utils.clip_grad_norm_([p], max_norm=1.5)
    out = clip_by_norm(g, 1.5)
    np.testing.assert_allclose(out, p.grad.numpy(), rtol=1e-6)
    assert np.linalg.norm(out) == pytest.approx(1.5)
    small = np.array([0.1, -0.2])
    np.testing.assert_array_equal(clip_by_norm(small, 1.0), small)
    assert clip_by_norm(small, 1.0) is not small
    with pytest.raises(ValueError, match="max_norm"):
        clip_by_norm(g, -1)


def test_gradient_descent_reaches_least_squares(regression):
    _, X, y = regression
    path = gradient_descent(lambda t: mse_gradient(t, X, y), np.zeros(4), lr=0.5, n_steps=500)
    assert path.shape == (501, 4)
    np.testing.assert_array_equal(path[0], np.zeros(4))
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(path[-1], expected, atol=1e-8)


def test_gradient_descent_matches_torch_sgd():
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    x0 = np.array([1.0, -2.0])
    path = gradient_descent(lambda x: A @ x, x0, lr=0.1, n_steps=5)
    p = torch.nn.Parameter(torch.tensor(x0))
    opt = torch.optim.SGD([p], lr=0.1)
    for _ in range(5):
        opt.zero_grad()
        (0.5 * p @ torch.tensor(A) @ p).backward()
        opt.step()
    np.testing.assert_allclose(path[-1], p.detach().numpy(), rtol=1e-12)


def test_gradient_descent_divergence_and_clipping():
    # f(x) = x^2: lr > 1 diverges, lr = 1 oscillates, lr < 1 converges
    path = gradient_descent(lambda x: 2 * x, 1.0, lr=1.1, n_steps=50)
    assert abs(path[-1, 0]) > 1e3
    assert classify_run(path[:, 0] ** 2) == "diverged"
    clipped = gradient_descent(lambda x: 2 * x, 100.0, lr=0.1, n_steps=3, max_norm=1.0)
    np.testing.assert_allclose(clipped[:, 0], [100.0, 99.9, 99.8, 99.7])
    with pytest.raises(ValueError, match="lr"):
        gradient_descent(lambda x: x, 1.0, lr=0, n_steps=3)
    with pytest.raises(ValueError, match="n_steps"):
        gradient_descent(lambda x: x, 1.0, lr=0.1, n_steps=-1)


def test_newton_one_step_on_quadratic_and_root_of_cubic_gradient():
    A = np.array([[3.0, 0.5], [0.5, 1.0]])
    b = np.array([1.0, 2.0])
    path = newton_method(lambda x: A @ x - b, lambda x: A, np.array([5.0, -5.0]), n_steps=1)
    np.testing.assert_allclose(path[-1], np.linalg.solve(A, b), rtol=1e-12)
    # f(x) = x^4/4 - x: minimum at x = 1; Newton converges quadratically
    path = newton_method(lambda x: x**3 - 1, lambda x: 3 * x**2, 2.0, n_steps=8)
    assert abs(path[-1, 0] - 1.0) < 1e-12
    # compare to scipy's Newton root finder on the derivative
    from scipy.optimize import newton

    root = newton(lambda x: x**3 - 1, 2.0, fprime=lambda x: 3 * x**2)
    assert path[-1, 0] == pytest.approx(root, abs=1e-12)


def test_classify_run():
    assert classify_run([4.0, 2.0, 1.0, 1.0]) == "converged"
    assert classify_run([4.0, 3.9, 3.8]) == "stalled"
    assert classify_run([1.0, 2.0, np.inf], tol=1e-3) == "diverged"
    assert classify_run([1.0, 5.0]) == "diverged"
    with pytest.raises(ValueError, match="at least 2"):
        classify_run([1.0])
