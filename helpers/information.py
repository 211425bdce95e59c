"""Information and estimation: joint tables, entropy, the multivariate Gaussian, the bootstrap (chapter 01c).

The lecture ``01c_information_and_estimation`` writes each of these out first; later notebooks reuse them.

- :func:`joint_from_counts`  -- joint, marginal and conditional distributions of a 2-D table of counts
- :func:`shannon_entropy`, :func:`cross_entropy_pq`, :func:`kl_divergence`, :func:`mutual_information`
  -- information measures of discrete distributions, in nats or bits (``helpers.ml.entropy`` is the
  entropy of a vector of labels, used by decision trees)
- :func:`mvn_logpdf`, :func:`mvn_sample`, :func:`mvn_conditional` -- the multivariate Gaussian
- :func:`bootstrap_percentile_ci` -- the percentile bootstrap confidence interval
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "bootstrap_percentile_ci",
    "cross_entropy_pq",
    "joint_from_counts",
    "kl_divergence",
    "mutual_information",
    "mvn_conditional",
    "mvn_logpdf",
    "mvn_sample",
    "shannon_entropy",
]


def _distribution(p, name: str) -> np.ndarray:
    p = check_array(p, name, ndim=1).astype(float)
    if p.size == 0:
        raise ValueError(f"{name} must not be empty")
    if np.any(p < 0):
        raise ValueError(f"{name} must be a probability vector: it has negative entries")
    if abs(p.sum() - 1.0) > 1e-8:
        raise ValueError(f"{name} must be a probability vector that sums to 1, got sum {p.sum():.6g}")
    return p


def _pair(p, q):
    """Two probability vectors of one shape, and the mask of p's support (where p > 0)."""
    p, q = _distribution(p, "p"), _distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(f"p and q must have the same shape, got {p.shape} and {q.shape}")
    return p, q, p > 0


def _log(x: np.ndarray, base) -> np.ndarray:
    if base is None:
        return np.log(x)
    base = check_number(base, "base", positive=True)
    if base == 1.0:
        raise ValueError("base must not be 1")
    return np.log(x) / np.log(base)


def joint_from_counts(table):
    """Joint, marginal and conditional distributions of a two-way table of counts.

    Parameters
    ----------
    table : array_like, shape (r, c)
        Non-negative counts, rows = values of X, columns = values of Y.

    Returns
    -------
    dict with
        ``joint`` (r, c): P(X = i, Y = j), the counts divided by their total;
        ``px`` (r,): P(X = i), the joint summed over columns;
        ``py`` (c,): P(Y = j), the joint summed over rows;
        ``y_given_x`` (r, c): P(Y = j | X = i), each row of the joint divided by its marginal
        (rows sum to 1; NaN for a row with no counts);
        ``x_given_y`` (r, c): P(X = i | Y = j), each column divided by its marginal.
    """
    T = check_array(table, "table", ndim=2).astype(float)
    if np.any(T < 0) or T.sum() <= 0:
        raise ValueError("table must hold non-negative counts with a positive total")
    joint = T / T.sum()
    px, py = joint.sum(axis=1), joint.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        y_given_x = joint / px[:, None]
        x_given_y = joint / py[None, :]
    return {"joint": joint, "px": px, "py": py, "y_given_x": y_given_x, "x_given_y": x_given_y}


def shannon_entropy(p, base: float | None = None) -> float:
    """Entropy ``H(p) = -sum_i p_i log p_i`` of a discrete distribution (terms with ``p_i = 0`` count 0).

    Parameters
    ----------
    p : array_like, shape (k,)
        Probabilities summing to 1.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.

    Returns
    -------
    float
    """
    p = _distribution(p, "p")
    nz = p > 0
    return float(-np.sum(p[nz] * _log(p[nz], base)))


def cross_entropy_pq(p, q, base: float | None = None) -> float:
    """Cross-entropy ``H(p, q) = -sum_i p_i log q_i`` of ``q`` relative to ``p``.

    Parameters
    ----------
    p, q : array_like, shape (k,)
        Probability vectors. ``inf`` when ``q_i = 0`` where ``p_i > 0``.
    base : float, optional
        None for nats, 2 for bits.

    Returns
    -------
    float
    """
    p, q, nz = _pair(p, q)
    if np.any(q[nz] == 0):
        return float(np.inf)
    return float(-np.sum(p[nz] * _log(q[nz], base)))


def kl_divergence(p, q, base: float | None = None) -> float:
    """Kullback-Leibler divergence ``KL(p || q) = sum_i p_i log(p_i / q_i)`` (not symmetric in p, q).

    Parameters
    ----------
    p, q : array_like, shape (k,)
        Probability vectors.
    base : float, optional
        None for nats, 2 for bits.

    Returns
    -------
    float
        Non-negative; 0 iff ``p == q``; ``inf`` when ``q_i = 0`` where ``p_i > 0``.
    """
    p, q, nz = _pair(p, q)
    if np.any(q[nz] == 0):
        return float(np.inf)
    return float(np.sum(p[nz] * _log(p[nz] / q[nz], base)))


def mutual_information(joint, base: float | None = None) -> float:
    """Mutual information ``I(X; Y) = KL(P(X, Y) || P(X) P(Y))`` of a joint distribution table.

    Parameters
    ----------
    joint : array_like, shape (r, c)
        Joint probabilities (or counts: the table is normalised to sum 1).
    base : float, optional
        None for nats, 2 for bits.

    Returns
    -------
    float
        0 iff X and Y are independent.
    """
    parts = joint_from_counts(joint)
    J = parts["joint"]
    product = np.outer(parts["px"], parts["py"])
    return kl_divergence(J.ravel(), product.ravel(), base)


def _mean_cov(mean, cov):
    mean = check_array(mean, "mean", ndim=1).astype(float)
    d = mean.shape[0]
    cov = check_array(cov, "cov", ndim=2, shape=(d, d)).astype(float)
    if np.abs(cov - cov.T).max() > 1e-10 * max(1.0, float(np.abs(cov).max())):
        raise ValueError("cov must be symmetric")
    try:
        L = np.linalg.cholesky(cov)
    except np.linalg.LinAlgError:
        raise ValueError("cov must be positive definite (its Cholesky factorisation failed)") from None
    return mean, cov, L


def mvn_logpdf(X, mean, cov) -> np.ndarray:
    """Log-density of the multivariate normal ``N(mean, cov)`` at the rows of ``X``.

    ``log p(x) = -1/2 [d log(2 pi) + log det(cov) + (x - mean)^T cov^{-1} (x - mean)]``, computed through
    the Cholesky factor ``cov = L L^T`` (``log det = 2 sum log diag L``; one triangular solve).

    Parameters
    ----------
    X : array_like, shape (n, d) or (d,)
    mean : array_like, shape (d,)
    cov : array_like, shape (d, d), symmetric positive definite

    Returns
    -------
    ndarray, shape (n,) (a float for a single point)
    """
    mean, cov, L = _mean_cov(mean, cov)
    X = check_array(X, "X", ndim=(1, 2)).astype(float)
    single = X.ndim == 1
    X = np.atleast_2d(X)
    if X.shape[1] != mean.shape[0]:
        raise ValueError(f"X must have {mean.shape[0]} columns (the length of mean), got shape {X.shape}")
    Z = np.linalg.solve(L, (X - mean).T)          # L z = x - mean, so |z|^2 is the Mahalanobis distance
    d = mean.shape[0]
    out = -0.5 * (d * np.log(2 * np.pi) + 2 * np.sum(np.log(np.diag(L))) + np.sum(Z**2, axis=0))
    return float(out[0]) if single else out


def mvn_sample(mean, cov, n: int, random_state=None) -> np.ndarray:
    """Draw ``n`` samples of ``N(mean, cov)`` as ``mean + L z`` with ``cov = L L^T`` and ``z ~ N(0, I)``.

    Parameters
    ----------
    mean : array_like, shape (d,)
    cov : array_like, shape (d, d), symmetric positive definite
    n : int
    random_state : int or numpy Generator, optional

    Returns
    -------
    ndarray, shape (n, d)
    """
    mean, _, L = _mean_cov(mean, cov)
    n = check_int(n, "n")
    rng = np.random.default_rng(random_state)
    return mean + rng.standard_normal((n, mean.shape[0])) @ L.T


def mvn_conditional(mean, cov, given, values):
    """Distribution of the other coordinates of ``N(mean, cov)`` given ``x[given] = values``.

    With blocks ``a`` (the rest) and ``b`` (given): mean ``mu_a + S_ab S_bb^{-1} (values - mu_b)`` and
    covariance ``S_aa - S_ab S_bb^{-1} S_ba`` (the Schur complement), which does not depend on ``values``.

    Parameters
    ----------
    mean : array_like, shape (d,)
    cov : array_like, shape (d, d)
    given : sequence of int
        Indices of the observed coordinates.
    values : array_like, shape (len(given),)

    Returns
    -------
    cond_mean : ndarray, shape (d - len(given),)
    cond_cov : ndarray, shape (d - len(given), d - len(given))
    """
    mean, cov, _ = _mean_cov(mean, cov)
    d = mean.shape[0]
    b = np.asarray(given, dtype=int).ravel()
    if b.size == 0 or b.size >= d or len(set(b.tolist())) != b.size or b.min() < 0 or b.max() >= d:
        raise ValueError(f"given must hold distinct indices in [0, {d}) and leave at least one free, got {b}")
    values = check_array(values, "values", ndim=1, shape=(b.size,)).astype(float)
    a = np.setdiff1d(np.arange(d), b)
    S_ab, S_bb = cov[np.ix_(a, b)], cov[np.ix_(b, b)]
    K = np.linalg.solve(S_bb, S_ab.T).T            # S_ab S_bb^{-1}
    return mean[a] + K @ (values - mean[b]), cov[np.ix_(a, a)] - K @ S_ab.T


def bootstrap_percentile_ci(x, statistic: Callable = np.mean, *, n_resamples: int = 2000,
                            confidence: float = 0.95, random_state=None):
    """Percentile bootstrap confidence interval for ``statistic`` of the sample ``x``.

    Draw ``n_resamples`` samples of size ``n`` from ``x`` with replacement, compute the statistic on each,
    and return the ``(1 - confidence)/2`` and ``(1 + confidence)/2`` quantiles of those values.

    Parameters
    ----------
    x : array_like, shape (n,)
    statistic : callable
        Maps an array of shape (..., n) to shape (...) when called with ``axis=-1`` (``np.mean``,
        ``np.median``, ...).
    n_resamples : int
    confidence : float in (0, 1)
    random_state : int or numpy Generator, optional

    Returns
    -------
    (low, high) : tuple of float
    """
    x = check_array(x, "x", ndim=1).astype(float)
    if x.size < 2:
        raise ValueError(f"x must hold at least 2 values, got {x.size}")
    if not callable(statistic):
        raise TypeError(f"statistic must be a callable such as np.mean, got {type(statistic).__name__}")
    n_resamples = check_int(n_resamples, "n_resamples")
    confidence = check_number(confidence, "confidence")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    rng = np.random.default_rng(random_state)
    idx = rng.integers(0, x.size, size=(n_resamples, x.size))
    values = np.asarray(statistic(x[idx], axis=-1), dtype=float)
    alpha = (1 - confidence) / 2
    low, high = np.quantile(values, [alpha, 1 - alpha])
    return float(low), float(high)
