"""Calculus and optimisation for machine learning, written out in NumPy.

Used by the lecture notebook ``01b_calculus`` and by later chapters that need a small, tested
optimiser or a numerical derivative. Everything here is deliberately plain: loops where a loop is
clearer, and input validation at the boundary so that a wrong shape fails with a message that names
the argument.

Functions
---------
forward_difference, central_difference
    Numerical derivatives of a scalar function of one variable (vectorised over the points).
numerical_gradient
    Central-difference gradient of a scalar function of a vector (re-exported from
    :mod:`helpers.checks`).
add_intercept, mse_loss, mse_gradient, article_mse_gradient
    The linear-regression cost ``J(theta) = 1/(2m) * ||X theta - y||^2``, its true gradient, and the
    gradient printed in the calculus article (twice the true one), kept for "check the source".
logistic_loss, logistic_gradient
    Mean binary cross-entropy of a logistic model and its gradient (the chain rule at work).
gradient_descent, newton_method
    First- and second-order minimisers that return the whole trajectory.
clip_by_norm
    Gradient clipping by global norm, as ``torch.nn.utils.clip_grad_norm_`` does it.
classify_run
    Label a loss curve as ``"converged"``, ``"stalled"`` or ``"diverged"``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks import check_array, numerical_gradient
from helpers.ml import sigmoid

__all__ = [
    "add_intercept",
    "article_mse_gradient",
    "central_difference",
    "classify_run",
    "clip_by_norm",
    "forward_difference",
    "gradient_descent",
    "logistic_gradient",
    "logistic_loss",
    "mse_gradient",
    "mse_loss",
    "newton_method",
    "numerical_gradient",
]


def _check_step(h: float, name: str = "h") -> float:
    if isinstance(h, bool) or not np.isscalar(h) or not np.isfinite(h) or h <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {h!r}")
    return float(h)


def forward_difference(f: Callable, x, h: float = 1e-5) -> np.ndarray:
    """Forward-difference derivative ``(f(x + h) - f(x)) / h`` of a scalar function.

    Parameters
    ----------
    f : callable
        Maps a float array to a float array of the same shape, elementwise (e.g. ``np.sin``).
    x : float or array_like of shape (n,)
        Points at which to differentiate.
    h : float
        Step size (> 0). The truncation error is O(h).

    Returns
    -------
    ndarray of the same shape as ``x``
    """
    h = _check_step(h)
    x = np.asarray(check_array(x, "x"), dtype=float)
    return (np.asarray(f(x + h), dtype=float) - np.asarray(f(x), dtype=float)) / h


def central_difference(f: Callable, x, h: float = 1e-5) -> np.ndarray:
    """Central-difference derivative ``(f(x + h) - f(x - h)) / (2h)`` of a scalar function.

    The truncation error is O(h^2): halving ``h`` divides it by about four, until round-off
    (about ``eps * |f| / h``) takes over for very small ``h``.

    Parameters
    ----------
    f : callable
        Elementwise function of a float array.
    x : float or array_like of shape (n,)
        Points at which to differentiate.
    h : float
        Step size (> 0).

    Returns
    -------
    ndarray of the same shape as ``x``
    """
    h = _check_step(h)
    x = np.asarray(check_array(x, "x"), dtype=float)
    return (np.asarray(f(x + h), dtype=float) - np.asarray(f(x - h), dtype=float)) / (2 * h)


def add_intercept(X) -> np.ndarray:
    """Prepend a column of ones to ``X`` of shape (m, n), giving (m, n + 1)."""
    X = check_array(X, "X", ndim=2)
    return np.hstack([np.ones((X.shape[0], 1)), X.astype(float)])


def _check_regression(theta, X, y):
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    theta = np.asarray(check_array(theta, "theta", ndim=1), dtype=float)
    y = np.asarray(check_array(y, "y", ndim=1), dtype=float)
    if X.shape[1] != theta.shape[0]:
        raise ValueError(
            f"theta must have one entry per column of X: X has shape {X.shape}, "
            f"theta has shape {theta.shape}"
        )
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"y must have one entry per row of X: X has shape {X.shape}, y has shape {y.shape}"
        )
    return theta, X, y


def mse_loss(theta, X, y) -> float:
    """Half mean squared error ``J(theta) = 1/(2m) * sum_i (x_i . theta - y_i)^2``.

    Parameters
    ----------
    theta : array_like of shape (n,)
    X : array_like of shape (m, n)
        Design matrix (add the intercept column yourself, see :func:`add_intercept`).
    y : array_like of shape (m,)
    """
    theta, X, y = _check_regression(theta, X, y)
    r = X @ theta - y
    return float(r @ r / (2 * X.shape[0]))


def mse_gradient(theta, X, y) -> np.ndarray:
    """Gradient of :func:`mse_loss`: ``X.T (X theta - y) / m``, shape (n,).

    The factor 1/2 in the cost cancels the 2 that differentiating the square brings down.
    """
    theta, X, y = _check_regression(theta, X, y)
    return X.T @ (X @ theta - y) / X.shape[0]


def article_mse_gradient(theta, X, y) -> np.ndarray:
    """The gradient printed in the calculus article: ``2 X.T (X theta - y) / m``.

    Kept only to reproduce the article's mistake: for the cost ``1/(2m) * ||X theta - y||^2`` it is
    exactly twice :func:`mse_gradient` (it is the gradient of ``1/m * ||X theta - y||^2`` instead).
    """
    return 2.0 * mse_gradient(theta, X, y)


def logistic_loss(w, X, y) -> float:
    """Mean binary cross-entropy of ``p = sigmoid(X w)`` against labels ``y`` in {0, 1}.

    Computed stably as ``mean(log(1 + exp(z)) - y z)`` with ``z = X w``.
    """
    w, X, y = _check_regression(w, X, y)
    z = X @ w
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def logistic_gradient(w, X, y) -> np.ndarray:
    """Gradient of :func:`logistic_loss`: ``X.T (sigmoid(X w) - y) / m``, shape (n,).

    Chain rule: dL/dz_i = (p_i - y_i) / m, and dz_i/dw = x_i.
    """
    w, X, y = _check_regression(w, X, y)
    return X.T @ (sigmoid(X @ w) - y) / X.shape[0]


def clip_by_norm(grad, max_norm: float) -> np.ndarray:
    """Rescale ``grad`` so that its Euclidean norm is at most ``max_norm``.

    The direction is kept; only the length changes (unlike clipping each entry to
    ``[-max_norm, max_norm]``, which turns the vector).

    Parameters
    ----------
    grad : array_like, any shape
    max_norm : float
        Positive threshold.

    Returns
    -------
    ndarray shaped like ``grad`` (a new array)
    """
    max_norm = _check_step(max_norm, "max_norm")
    g = np.array(check_array(grad, "grad"), dtype=float)
    norm = np.sqrt(np.sum(g * g))
    if norm > max_norm:
        g *= max_norm / norm
    return g


def _start_path(x0, n_steps):
    """Validate a starting point and step count; return ``x0`` as a 1-D float array and the path array
    of shape (n_steps + 1, d) with row 0 filled in."""
    if isinstance(n_steps, bool) or not isinstance(n_steps, (int, np.integer)) or n_steps < 0:
        raise ValueError(f"n_steps must be a non-negative int, got {n_steps!r}")
    x = np.atleast_1d(np.array(check_array(x0, "x0"), dtype=float))
    if x.ndim != 1:
        raise ValueError(f"x0 must be a scalar or 1-D, got shape {x.shape}")
    path = np.empty((n_steps + 1, x.size))
    path[0] = x
    return x, path


def gradient_descent(
    grad: Callable,
    x0,
    lr: float,
    n_steps: int,
    *,
    max_norm: float | None = None,
) -> np.ndarray:
    """Plain gradient descent ``x <- x - lr * grad(x)``, returning every iterate.

    Parameters
    ----------
    grad : callable
        Maps an array shaped like ``x0`` to the gradient (same shape).
    x0 : float or array_like of shape (d,)
        Starting point.
    lr : float
        Learning rate (> 0).
    n_steps : int
        Number of updates (>= 0).
    max_norm : float, optional
        If given, each gradient is clipped with :func:`clip_by_norm` before the update.

    Returns
    -------
    ndarray of shape (n_steps + 1, d)
        Row 0 is ``x0``. Once an iterate overflows, the remaining rows are ``nan``: divergence
        stays visible instead of raising.
    """
    lr = _check_step(lr, "lr")
    x, path = _start_path(x0, n_steps)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(n_steps):
            if not np.all(np.isfinite(x)):  # overflowed: nothing sensible to evaluate any more
                path[t + 1 :] = np.nan
                break
            g = np.asarray(grad(x), dtype=float).reshape(x.shape)
            if max_norm is not None and np.all(np.isfinite(g)):
                g = clip_by_norm(g, max_norm)
            x = x - lr * g
            path[t + 1] = x
    return path


def newton_method(grad: Callable, hess: Callable, x0, n_steps: int) -> np.ndarray:
    """Newton's method for minimisation ``x <- x - H(x)^{-1} grad(x)``, returning every iterate.

    Parameters
    ----------
    grad : callable
        Gradient, array of shape (d,) -> (d,).
    hess : callable
        Hessian, array of shape (d,) -> (d, d) (a scalar is accepted when d = 1).
    x0 : float or array_like of shape (d,)
    n_steps : int

    Returns
    -------
    ndarray of shape (n_steps + 1, d)

    Notes
    -----
    Newton's method looks for a zero of the gradient: on a non-convex function it is as happy to
    walk to a maximum or a saddle as to a minimum.
    """
    x, path = _start_path(x0, n_steps)
    for t in range(n_steps):
        g = np.asarray(grad(x), dtype=float).reshape(x.size)
        H = np.asarray(hess(x), dtype=float).reshape(x.size, x.size)
        x = x - np.linalg.solve(H, g)
        path[t + 1] = x
    return path


def classify_run(losses, *, tol: float = 1e-6) -> str:
    """Label a loss curve ``"diverged"``, ``"converged"`` or ``"stalled"``.

    Parameters
    ----------
    losses : array_like of shape (T,)
        Loss after each step, T >= 2.
    tol : float
        Size of the last change below which the run counts as converged.

    Returns
    -------
    str
        ``"diverged"`` if any loss is non-finite or the final loss exceeds the first;
        ``"converged"`` if the last step changed the loss by less than ``tol``;
        otherwise ``"stalled"`` (still going downhill, too slowly to have arrived).
    """
    tol = _check_step(tol, "tol")
    losses = np.asarray(check_array(losses, "losses", ndim=1, allow_nan=True), dtype=float)
    if losses.size < 2:
        raise ValueError(f"losses needs at least 2 values, got {losses.size}")
    if not np.all(np.isfinite(losses)) or losses[-1] > losses[0]:
        return "diverged"
    if abs(losses[-1] - losses[-2]) < tol:
        return "converged"
    return "stalled"
