"""Chapter 3: normalisation layers, GELU, label smoothing, mixup, calibration and the constrained view of L2.

Forward passes only: the backward pass of batch normalisation is left to the students.

- :func:`batchnorm_forward`  -- ``torch.nn.BatchNorm1d``'s forward pass, train mode (batch statistics, running
  averages updated) or eval mode (running averages), ``X (N, D)``
- :func:`layernorm_forward`  -- ``torch.nn.LayerNorm(D)``'s forward pass: per-sample statistics over the last axis
- :func:`gelu`               -- exact (``x * Phi(x)``) and tanh-approximated GELU, as ``torch.nn.functional.gelu``
- :func:`smooth_labels`      -- label-smoothed target distributions, torch's convention (``eps / K`` everywhere)
- :func:`mixup`              -- seeded mixup of a batch of inputs and target distributions
- :func:`expected_calibration_error` -- the binned gap between confidence and accuracy
- :func:`solve_norm_constrained_quadratic` -- ``min 1/2 w'Aw - b'w`` subject to ``||w|| <= radius``, from the
  KKT conditions (bisection on the multiplier)
- :func:`kkt_residuals`      -- how far a point and multipliers are from satisfying the KKT conditions

All are checked against torch, SciPy or scikit-learn in ``tests/test_regularisation.py``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

import numpy as np
from scipy.special import erf

from helpers.checks import check_array, check_int

__all__ = [
    "batchnorm_forward",
    "layernorm_forward",
    "gelu",
    "smooth_labels",
    "mixup",
    "expected_calibration_error",
    "solve_norm_constrained_quadratic",
    "kkt_residuals",
]


def _check_unit_interval(value, name: str, *, closed_right: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    ok = 0.0 <= value <= 1.0 if closed_right else 0.0 <= value < 1.0
    if not ok:
        interval = "[0, 1]" if closed_right else "[0, 1)"
        raise ValueError(f"{name} must be in {interval}, got {value}")
    return value


def _check_positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not float(value) > 0:
        raise ValueError(f"{name} must be > 0, got {value}")
    return float(value)


def _check_vector(v, name: str, length: int) -> np.ndarray:
    return check_array(v, name, ndim=1, shape=(length,)).astype(float)


# --------------------------------------------------------------------------------------------------
# normalisation layers
# --------------------------------------------------------------------------------------------------
def batchnorm_forward(X, gamma, beta, running_mean=None, running_var=None, *, training: bool = True,
                      momentum: float = 0.1, eps: float = 1e-5):
    """Batch normalisation of a batch of feature vectors (``torch.nn.BatchNorm1d``'s forward pass).

    Train mode normalises every feature (column) with the mean and the *biased* variance of the batch and
    moves the running averages towards the batch statistics, torch's way: the running variance is updated
    with the *unbiased* variance. Eval mode normalises with the running averages and changes nothing.

    Parameters
    ----------
    X : array_like, shape (N, D)
        A batch of N samples with D features; in train mode N must be at least 2.
    gamma, beta : array_like, shape (D,)
        Scale and shift applied after the normalisation.
    running_mean, running_var : array_like, shape (D,), optional
        The running averages (torch starts them at 0 and 1, and so do we when they are omitted).
    training : bool
        Train mode (batch statistics) or eval mode (running averages).
    momentum : float in [0, 1]
        Weight of the new batch statistics in the running averages.
    eps : float > 0
        Added to the variance before the square root.

    Returns
    -------
    out : ndarray, shape (N, D)
    running_mean, running_var : ndarray, shape (D,)
        The updated running averages (new arrays; the inputs are not modified).
    """
    X = check_array(X, "X", ndim=2).astype(float)
    n, d = X.shape
    gamma = _check_vector(gamma, "gamma", d)
    beta = _check_vector(beta, "beta", d)
    running_mean = np.zeros(d) if running_mean is None else _check_vector(running_mean, "running_mean", d).copy()
    running_var = np.ones(d) if running_var is None else _check_vector(running_var, "running_var", d).copy()
    momentum = _check_unit_interval(momentum, "momentum", closed_right=True)
    eps = _check_positive(eps, "eps")
    if not isinstance(training, bool):
        raise TypeError(f"training must be a bool, got {type(training).__name__}")
    if training:
        if n < 2:
            raise ValueError(f"X must hold at least 2 samples in train mode (a batch of {n} has no spread "
                             f"to normalise with), got shape {X.shape}; use training=False")
        mean = X.mean(axis=0)
        var = X.var(axis=0)
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
    out = (X - mean) / np.sqrt(var + eps) * gamma + beta
    return out, running_mean, running_var


def layernorm_forward(X, gamma, beta, *, eps: float = 1e-5):
    """Layer normalisation over the last axis (``torch.nn.LayerNorm(D)``'s forward pass).

    Every sample is normalised with its own mean and biased variance over its D features, the same way in
    training and evaluation: nothing depends on the other samples of the batch.

    Parameters
    ----------
    X : array_like, shape (..., D)
        Any number of leading axes; D features last.
    gamma, beta : array_like, shape (D,)
        Per-feature scale and shift.
    eps : float > 0
        Added to the variance before the square root.

    Returns
    -------
    ndarray, shape (..., D)
    """
    X = check_array(X, "X").astype(float)
    if X.ndim < 1 or X.shape[-1] < 1:
        raise ValueError(f"X must have at least one axis with features, got shape {X.shape}")
    d = X.shape[-1]
    gamma = _check_vector(gamma, "gamma", d)
    beta = _check_vector(beta, "beta", d)
    eps = _check_positive(eps, "eps")
    mean = X.mean(axis=-1, keepdims=True)
    var = X.var(axis=-1, keepdims=True)
    return (X - mean) / np.sqrt(var + eps) * gamma + beta


# --------------------------------------------------------------------------------------------------
# activation
# --------------------------------------------------------------------------------------------------
def gelu(x, approximate: str = "none"):
    """The Gaussian error linear unit, ``x * Phi(x)`` with ``Phi`` the standard normal CDF.

    Parameters
    ----------
    x : array_like, any shape
    approximate : {"none", "tanh"}
        ``"none"``: the exact form ``x / 2 * (1 + erf(x / sqrt(2)))``; ``"tanh"``: the approximation
        ``x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x**3)))`` (torch's two modes).

    Returns
    -------
    ndarray of floats, the shape of ``x``
    """
    x = check_array(x, "x").astype(float)
    if approximate == "none":
        return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))
    if approximate == "tanh":
        return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))
    raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")


# --------------------------------------------------------------------------------------------------
# targets: label smoothing and mixup
# --------------------------------------------------------------------------------------------------
def _check_labels(y, n_classes) -> tuple[np.ndarray, int]:
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    y = check_array(y, "y", ndim=1, dtype="integer")
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(f"y must hold labels in 0..{n_classes - 1}, got values from {y.min()} to {y.max()}")
    return y.astype(np.int64), int(n_classes)


def smooth_labels(y, n_classes: int, eps: float = 0.1):
    """Label-smoothed target distributions.

    Mixes the one-hot target with the uniform distribution: ``(1 - eps) * onehot + eps / K``. The true
    class gets ``1 - eps + eps / K`` and every other class ``eps / K`` (torch's ``label_smoothing``).

    Parameters
    ----------
    y : array_like of int, shape (N,)
        Labels in ``0 .. n_classes - 1``.
    n_classes : int >= 2
    eps : float in [0, 1]

    Returns
    -------
    ndarray, shape (N, n_classes); every row sums to 1
    """
    y, k = _check_labels(y, n_classes)
    eps = _check_unit_interval(eps, "eps", closed_right=True)
    onehot = np.eye(k)[y]
    return (1.0 - eps) * onehot + eps / k


def mixup(X, Y, alpha: float = 0.2, *, random_state=None):
    """Mixup: convex combinations of a batch with a shuffled copy of itself.

    One ``lam ~ Beta(alpha, alpha)`` is drawn for the batch and a random permutation ``perm``;
    ``X_mix = lam * X + (1 - lam) * X[perm]`` and the same for the targets.

    Parameters
    ----------
    X : array_like, shape (N, ...)
        Inputs.
    Y : array_like, shape (N, K)
        Target distributions (one-hot or smoothed rows).
    alpha : float > 0
        Parameter of the Beta distribution; small values keep ``lam`` near 0 or 1.
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    X_mix : ndarray, shape of X
    Y_mix : ndarray, shape (N, K)
    lam : float
    perm : ndarray of int, shape (N,)
    """
    X = check_array(X, "X").astype(float)
    if X.ndim < 1:
        raise ValueError("X must have a batch axis, got a scalar")
    Y = check_array(Y, "Y", ndim=2, shape=(X.shape[0], None)).astype(float)
    alpha = _check_positive(alpha, "alpha")
    rng = np.random.default_rng(random_state)
    lam = float(rng.beta(alpha, alpha))
    perm = rng.permutation(X.shape[0])
    return lam * X + (1 - lam) * X[perm], lam * Y + (1 - lam) * Y[perm], lam, perm


# --------------------------------------------------------------------------------------------------
# calibration
# --------------------------------------------------------------------------------------------------
def expected_calibration_error(proba, y, n_bins: int = 10) -> float:
    """Expected calibration error of a classifier's top-class confidence.

    The samples are binned by their confidence ``max_k p_k`` into ``n_bins`` equal-width bins of (0, 1]
    (right edges included); ECE is the sample-weighted mean over the bins of ``|accuracy - mean confidence|``.

    Parameters
    ----------
    proba : array_like, shape (N, K)
        Predicted class probabilities (rows summing to 1).
    y : array_like of int, shape (N,)
        True labels.
    n_bins : int >= 1

    Returns
    -------
    float in [0, 1]
    """
    proba = check_array(proba, "proba", ndim=2).astype(float)
    n, k = proba.shape
    if n == 0:
        raise ValueError("proba must hold at least one sample")
    if np.any(proba < 0) or not np.allclose(proba.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError("proba must hold probabilities: non-negative rows that sum to 1")
    y = check_array(y, "y", ndim=1, shape=(n,), dtype="integer")
    n_bins = check_int(n_bins, "n_bins")
    confidence = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y).astype(float)
    bins = np.clip(np.ceil(confidence * n_bins).astype(int) - 1, 0, n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        members = bins == b
        if members.any():
            ece += members.mean() * abs(correct[members].mean() - confidence[members].mean())
    return float(ece)


# --------------------------------------------------------------------------------------------------
# the constrained view of L2 regularisation
# --------------------------------------------------------------------------------------------------
def _norm_solution(A, b, lam):
    return np.linalg.solve(A + lam * np.eye(len(b)), b)


def solve_norm_constrained_quadratic(A, b, radius: float, *, tol: float = 1e-12, max_iter: int = 200):
    """Minimise ``1/2 w'Aw - b'w`` subject to ``||w|| <= radius`` through its KKT conditions.

    With the constraint written as ``g(w) = (||w||**2 - radius**2) / 2 <= 0`` and its multiplier
    ``lam >= 0``, stationarity reads ``A w - b + lam w = 0``, so ``w(lam) = (A + lam I)^-1 b``: the ridge
    solution with penalty ``lam / 2 ||w||**2``. If ``w(0)`` lies inside the ball the constraint is inactive
    and ``lam = 0``; otherwise ``||w(lam)||`` decreases with ``lam`` and bisection finds the ``lam`` with
    ``||w(lam)|| = radius`` (complementary slackness: ``lam * g(w) = 0``).

    Parameters
    ----------
    A : array_like, shape (D, D)
        Symmetric positive definite.
    b : array_like, shape (D,)
    radius : float > 0
    tol : float > 0
        Bisection stops when the bracket on ``lam`` is narrower than ``tol * max(1, lam)``.
    max_iter : int
        Most bisection steps.

    Returns
    -------
    w : ndarray, shape (D,)
    lam : float
        The multiplier of the norm constraint (0 when it is inactive).
    """
    A = check_array(A, "A", ndim=2).astype(float)
    d = A.shape[0]
    if A.shape != (d, d):
        raise ValueError(f"A must be square, got shape {A.shape}")
    if not np.allclose(A, A.T, rtol=1e-10, atol=1e-12):
        raise ValueError("A must be symmetric")
    if d == 0 or np.linalg.eigvalsh(A).min() <= 0:
        raise ValueError("A must be positive definite (the problem is then convex with one minimiser)")
    b = _check_vector(b, "b", d)
    radius = _check_positive(radius, "radius")
    tol = _check_positive(tol, "tol")
    w = _norm_solution(A, b, 0.0)
    if np.linalg.norm(w) <= radius:
        return w, 0.0
    lo, hi = 0.0, 1.0
    while np.linalg.norm(_norm_solution(A, b, hi)) > radius:
        lo, hi = hi, 2.0 * hi
    for _ in range(max_iter):
        mid = 0.5 * (lo + hi)
        if np.linalg.norm(_norm_solution(A, b, mid)) > radius:
            lo = mid
        else:
            hi = mid
        if hi - lo <= tol * max(1.0, hi):
            break
    lam = 0.5 * (lo + hi)
    return _norm_solution(A, b, lam), float(lam)


def kkt_residuals(grad_f: Callable, constraints: Callable, jacobian: Callable, w, lam) -> dict[str, float]:
    """How far ``(w, lam)`` is from the KKT conditions of ``min f(w)`` subject to ``g(w) <= 0``.

    Parameters
    ----------
    grad_f : callable, ``w -> (D,)``
        Gradient of the objective.
    constraints : callable, ``w -> (M,)``
        The constraint values ``g_i(w)``; feasible means every ``g_i(w) <= 0``.
    jacobian : callable, ``w -> (M, D)``
        Row i is the gradient of ``g_i``.
    w : array_like, shape (D,)
    lam : array_like, shape (M,)
        The multipliers, one per constraint.

    Returns
    -------
    dict with the four residuals (all 0 at a KKT point):
        ``stationarity``  ``max |grad f(w) + sum_i lam_i grad g_i(w)|``;
        ``primal``        ``max(0, max_i g_i(w))``;
        ``dual``          ``max(0, max_i -lam_i)``;
        ``complementary`` ``max_i |lam_i g_i(w)|``.
    """
    w = check_array(w, "w", ndim=1).astype(float)
    lam = np.atleast_1d(check_array(lam, "lam", ndim=(0, 1)).astype(float))
    g = np.atleast_1d(np.asarray(constraints(w), dtype=float))
    if g.shape != lam.shape:
        raise ValueError(f"lam must have one multiplier per constraint: {g.size} constraints, got {lam.size}")
    J = np.asarray(jacobian(w), dtype=float).reshape(g.size, w.size)
    gf = np.asarray(grad_f(w), dtype=float)
    if gf.shape != w.shape:
        raise ValueError(f"grad_f must return an array of shape {w.shape}, got {gf.shape}")
    return {
        "stationarity": float(np.abs(gf + J.T @ lam).max()),
        "primal": float(max(0.0, g.max())),
        "dual": float(max(0.0, (-lam).max())),
        "complementary": float(np.abs(lam * g).max()),
    }
