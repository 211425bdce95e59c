"""Choosing and checking clusterings, and scoring anomalies, in NumPy.

Used by the lecture notebook ``02a_cluster_validation_and_anomalies``; builds on ``helpers.clustering``
(k-means, the pairwise distances). Every function is checked in ``tests/test_cluster_validation.py``
against scikit-learn or against brute force.

Functions
---------
gmm_n_parameters
    Free parameters of a Gaussian mixture (full, diagonal, tied or spherical covariances).
aic, bic
    Akaike and Bayesian information criteria from a total log-likelihood.
davies_bouldin, calinski_harabasz
    Internal validity indices of a labelled clustering.
gap_statistic
    Tibshirani's gap statistic with uniform reference data sets in the bounding box.
k_medoids, medoid_cost
    k-medoids by PAM (BUILD then SWAP) on any distance matrix, and the cost it minimises.
pca_reconstruction_error
    Anomaly score: squared distance of each point to a PCA subspace fitted on reference data.
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array, check_int, check_number
from helpers.clustering import kmeans

__all__ = [
    "aic",
    "bic",
    "calinski_harabasz",
    "davies_bouldin",
    "gap_statistic",
    "gmm_n_parameters",
    "k_medoids",
    "medoid_cost",
    "pca_reconstruction_error",
]

_COVARIANCE_TYPES = ("full", "diag", "tied", "spherical")


def _data(X, name="X"):
    X = np.asarray(check_array(X, name, ndim=2), dtype=float)
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no rows")
    return X


def _labels(labels, n):
    labels = np.asarray(check_array(labels, "labels", shape=(n,), dtype="integer"))
    uniq, inverse = np.unique(labels, return_inverse=True)
    if not 2 <= uniq.size <= n - 1:
        raise ValueError(f"labels must define between 2 and n_samples - 1 clusters, got {uniq.size}")
    return inverse, uniq.size


def gmm_n_parameters(n_components: int, n_features: int, covariance_type: str = "full") -> int:
    """Number of free parameters of a Gaussian mixture with k components in d dimensions.

    ``k - 1`` mixing weights (they sum to 1), ``k d`` means, and for the covariances ``k d(d+1)/2``
    (full), ``k d`` (diag), ``d(d+1)/2`` (tied: one shared matrix) or ``k`` (spherical).
    """
    k = check_int(n_components, "n_components")
    d = check_int(n_features, "n_features")
    if covariance_type not in _COVARIANCE_TYPES:
        raise ValueError(f"covariance_type must be one of {_COVARIANCE_TYPES}, got {covariance_type!r}")
    cov = {"full": k * d * (d + 1) // 2, "diag": k * d, "tied": d * (d + 1) // 2,
           "spherical": k}[covariance_type]
    return (k - 1) + k * d + cov


def aic(log_likelihood: float, n_parameters: int) -> float:
    """Akaike information criterion ``-2 log L + 2 p`` (lower is better).

    ``log_likelihood`` is the *total* log-likelihood of the data, not the mean per sample.
    """
    ll = check_number(log_likelihood, "log_likelihood")
    p = check_int(n_parameters, "n_parameters", minimum=0)
    return -2.0 * ll + 2.0 * p


def bic(log_likelihood: float, n_parameters: int, n_samples: int) -> float:
    """Bayesian information criterion ``-2 log L + p ln n`` (lower is better).

    ``log_likelihood`` is the *total* log-likelihood of the ``n_samples`` points.
    """
    ll = check_number(log_likelihood, "log_likelihood")
    p = check_int(n_parameters, "n_parameters", minimum=0)
    n = check_int(n_samples, "n_samples")
    return -2.0 * ll + p * np.log(n)


def davies_bouldin(X, labels) -> float:
    """Davies-Bouldin index (lower is better).

    With centroids ``c_i`` and scatters ``s_i`` (mean distance of a cluster's points to its centroid),
    ``DB = mean_i max_{j != i} (s_i + s_j) / ||c_i - c_j||``.

    Parameters
    ----------
    X : array_like (n, d); labels : int array_like (n,) with 2 <= n_clusters <= n - 1
    """
    X = _data(X)
    lab, k = _labels(labels, X.shape[0])
    centroids = np.array([X[lab == j].mean(axis=0) for j in range(k)])
    scatter = np.array([np.linalg.norm(X[lab == j] - centroids[j], axis=1).mean() for j in range(k)])
    sep = np.linalg.norm(centroids[:, None, :] - centroids[None, :, :], axis=2)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (scatter[:, None] + scatter[None, :]) / sep
    ratio[np.eye(k, dtype=bool)] = -np.inf
    ratio[~np.isfinite(ratio) & ~np.eye(k, dtype=bool)] = np.inf   # two clusters with one centroid
    return float(np.mean(ratio.max(axis=1)))


def calinski_harabasz(X, labels) -> float:
    """Calinski-Harabasz index (variance ratio; higher is better).

    ``CH = [B / (k - 1)] / [W / (n - k)]`` with the between-cluster dispersion
    ``B = sum_j n_j ||c_j - c||^2`` and the within-cluster dispersion ``W = sum_i ||x_i - c_{l(i)}||^2``.
    """
    X = _data(X)
    n = X.shape[0]
    lab, k = _labels(labels, n)
    centre = X.mean(axis=0)
    between = within = 0.0
    for j in range(k):
        members = X[lab == j]
        c = members.mean(axis=0)
        between += members.shape[0] * np.sum((c - centre) ** 2)
        within += np.sum((members - c) ** 2)
    if within == 0:
        return float("inf")
    return float(between / (k - 1) / (within / (n - k)))


def gap_statistic(X, k_values, *, n_refs: int = 10, n_init: int = 5, random_state=0) -> dict:
    """Tibshirani, Walther and Hastie's (2001) gap statistic with k-means.

    ``W_k`` is the within-cluster sum of squares of the best k-means clustering (``n_init`` restarts).
    ``Gap(k) = mean_b log W*_kb - log W_k`` over ``n_refs`` reference sets drawn uniformly in the
    bounding box of X, ``s_k = sd_b(log W*_kb) sqrt(1 + 1/n_refs)``, and the chosen k is the smallest
    with ``Gap(k) >= Gap(k+1) - s_{k+1}`` (the largest k tried when none qualifies).

    Parameters
    ----------
    X : array_like (n, d)
    k_values : sequence of int
        Consecutive cluster counts, increasing (e.g. ``range(1, 9)``).
    n_refs : int
    n_init : int
        k-means restarts per fit.
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    dict with ``k`` (ndarray), ``log_w`` (ndarray), ``ref_log_w`` (n_refs, len(k)), ``gap``, ``s`` and
    ``best_k`` (int)
    """
    X = _data(X)
    ks = np.asarray(check_array(list(k_values), "k_values", ndim=1, dtype="integer"))
    if ks.size < 2 or np.any(np.diff(ks) != 1) or ks[0] < 1 or ks[-1] > X.shape[0]:
        raise ValueError("k_values must be at least two consecutive ints in [1, n_samples]")
    n_refs = check_int(n_refs, "n_refs", minimum=2)
    n_init = check_int(n_init, "n_init")
    rng = np.random.default_rng(random_state)

    def log_w(data):
        return [np.log(kmeans(data, int(k), n_init=n_init, random_state=rng)[2]) for k in ks]

    lo, hi = X.min(axis=0), X.max(axis=0)
    observed = np.array(log_w(X))
    refs = np.array([log_w(rng.uniform(lo, hi, size=X.shape)) for _ in range(n_refs)])
    gap = refs.mean(axis=0) - observed
    s = refs.std(axis=0) * np.sqrt(1 + 1 / n_refs)
    ok = np.flatnonzero(gap[:-1] >= gap[1:] - s[1:])
    best = int(ks[ok[0]]) if ok.size else int(ks[-1])
    return {"k": ks, "log_w": observed, "ref_log_w": refs, "gap": gap, "s": s, "best_k": best}


def _distance_matrix(D):
    D = np.asarray(check_array(D, "D", ndim=2), dtype=float)
    if D.shape[0] != D.shape[1] or D.shape[0] == 0:
        raise ValueError(f"D must be a square (n, n) distance matrix, got shape {D.shape}")
    if D.min() < 0:
        raise ValueError("D must hold non-negative distances")
    return D


def medoid_cost(D, medoids) -> float:
    """Sum over points of the distance to the nearest medoid: ``sum_i min_m D[i, m]``."""
    D = _distance_matrix(D)
    medoids = np.asarray(check_array(medoids, "medoids", ndim=1, dtype="integer"))
    if medoids.size == 0 or medoids.min() < 0 or medoids.max() >= D.shape[0]:
        raise ValueError(f"medoids must be a non-empty list of indices in [0, {D.shape[0]})")
    return float(D[:, medoids].min(axis=1).sum())


def k_medoids(D, n_clusters: int, *, max_iter: int = 100) -> dict:
    """k-medoids by PAM (Kaufman and Rousseeuw): a greedy BUILD, then the best swaps until none helps.

    Medoids are data points, and the cost ``sum_i min_m D[i, m]`` uses the distances as they are
    (not squared), so one far outlier moves the solution much less than it moves a k-means centre.
    Deterministic: no random start.

    Parameters
    ----------
    D : array_like (n, n)
        Pairwise distances (any metric).
    n_clusters : int in [1, n]
    max_iter : int
        Maximum number of swaps.

    Returns
    -------
    dict with ``medoids`` (sorted int ndarray (k,)), ``labels`` (n,) (index into ``medoids``),
    ``cost`` (float) and ``n_swaps`` (int)
    """
    D = _distance_matrix(D)
    n = D.shape[0]
    k = check_int(n_clusters, "n_clusters")
    if k > n:
        raise ValueError(f"n_clusters must be <= n_samples ({n}), got {k}")
    max_iter = check_int(max_iter, "max_iter", minimum=0)
    medoids = [int(np.argmin(D.sum(axis=1)))]
    nearest = D[:, medoids[0]].copy()
    while len(medoids) < k:                      # BUILD: add the point that lowers the cost most
        gains = np.maximum(nearest[:, None] - D, 0.0).sum(axis=0)
        gains[medoids] = -np.inf
        medoids.append(int(np.argmax(gains)))
        nearest = np.minimum(nearest, D[:, medoids[-1]])
    medoids = np.array(medoids)
    cost = medoid_cost(D, medoids)
    n_swaps = 0
    while n_swaps < max_iter:                    # SWAP: best (medoid, non-medoid) exchange
        best = (cost, None, None)
        others = np.setdiff1d(np.arange(n), medoids)
        for i in range(k):
            rest = np.delete(medoids, i)
            base = D[:, rest].min(axis=1) if rest.size else np.full(n, np.inf)
            costs = np.minimum(base[:, None], D[:, others]).sum(axis=0)
            j = int(np.argmin(costs))
            if costs[j] < best[0] - 1e-12 * max(1.0, abs(cost)):
                best = (float(costs[j]), i, int(others[j]))
        if best[1] is None:
            break
        cost, i, o = best
        medoids[i] = o
        n_swaps += 1
    medoids = np.sort(medoids)
    return {"medoids": medoids, "labels": np.argmin(D[:, medoids], axis=1),
            "cost": medoid_cost(D, medoids), "n_swaps": n_swaps}


def pca_reconstruction_error(X_reference, X, n_components: int) -> np.ndarray:
    """Anomaly score: squared distance from each row of X to the PCA subspace of ``X_reference``.

    The reference data are centred and their top ``n_components`` right singular vectors ``V`` span the
    subspace; a point's score is ``||(x - mu) - (x - mu) V V^T||^2``.

    Parameters
    ----------
    X_reference : array_like (m, d)
    X : array_like (n, d)
    n_components : int in [1, min(m, d)]

    Returns
    -------
    ndarray (n,)
    """
    ref = _data(X_reference, "X_reference")
    X = np.asarray(check_array(X, "X", shape=(None, ref.shape[1])), dtype=float)
    q = check_int(n_components, "n_components")
    if q > min(ref.shape):
        raise ValueError(f"n_components must be <= min(n_samples, n_features) = {min(ref.shape)}, got {q}")
    mu = ref.mean(axis=0)
    _, _, Vt = np.linalg.svd(ref - mu, full_matrices=False)
    V = Vt[:q].T
    Z = X - mu
    resid = Z - (Z @ V) @ V.T
    return np.sum(resid**2, axis=1)
