"""Clustering from scratch in NumPy: k-means / k-means++, silhouette, DBSCAN, Gaussian mixtures (EM).

Used by the lecture notebook ``02a_clustering`` and reusable by the RBF chapter (k-means centres) and
the SOM chapter. Every function is checked against scikit-learn in ``tests/test_clustering.py``.

Functions
---------
pairwise_sq_dists
    Squared Euclidean distances between two sets of points.
kmeans_plusplus
    k-means++ seeding (D^2 sampling).
assign_labels, update_centers, kmeans
    The two Lloyd steps (empty clusters keep their previous centre) and the full algorithm with restarts.
inertia
    Within-cluster sum of squares.
silhouette_samples, silhouette_score
    Silhouette coefficients.
dbscan
    Density-based clustering; noise is labelled -1.
gmm_em
    Gaussian mixture with full covariances fitted by expectation-maximisation.
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array

__all__ = [
    "assign_labels",
    "dbscan",
    "gmm_e_step",
    "gmm_em",
    "inertia",
    "kmeans",
    "kmeans_plusplus",
    "pairwise_sq_dists",
    "silhouette_samples",
    "silhouette_score",
    "update_centers",
]


def _data(X):
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    if X.shape[0] == 0:
        raise ValueError("X has no rows")
    return X


def _k(k, n):
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= n:
        raise ValueError(f"n_clusters must be an int in [1, {n}] (the number of samples), got {k!r}")
    return int(k)


def pairwise_sq_dists(A, B) -> np.ndarray:
    """Squared Euclidean distances ``||a_i - b_j||^2`` between rows of A (n, d) and B (k, d): (n, k).

    The course's one pairwise distance (k-means, DBSCAN, silhouettes, the RBF network's hidden layer).
    Computed as ``||a||^2 - 2 a.b + ||b||^2``, which needs no (n, k, d) temporary; the tiny negatives that
    rounding can leave are clipped to 0.
    """
    A = np.asarray(check_array(A, "A", ndim=2), dtype=float)
    B = np.asarray(check_array(B, "B", ndim=2), dtype=float)
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A and B must have the same number of columns, got {A.shape}, {B.shape}")
    d2 = (A * A).sum(axis=1)[:, None] - 2.0 * A @ B.T + (B * B).sum(axis=1)[None, :]
    return np.maximum(d2, 0.0)


def kmeans_plusplus(X, n_clusters: int, random_state=0) -> np.ndarray:
    """k-means++ seeding: first centre uniform, each next one drawn with probability D(x)^2 / sum D^2.

    ``D(x)`` is the distance from ``x`` to the nearest centre chosen so far.

    Parameters
    ----------
    X : array_like of shape (n, d)
    n_clusters : int
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    ndarray of shape (n_clusters, d)
        Rows of ``X``.
    """
    X = _data(X)
    k = _k(n_clusters, X.shape[0])
    rng = np.random.default_rng(random_state)
    idx = [int(rng.integers(X.shape[0]))]
    d2 = pairwise_sq_dists(X, X[idx])[:, 0]
    for _ in range(1, k):
        total = d2.sum()
        if total == 0:  # fewer distinct points than clusters: pick any
            nxt = int(rng.integers(X.shape[0]))
        else:
            nxt = int(rng.choice(X.shape[0], p=d2 / total))
        idx.append(nxt)
        d2 = np.minimum(d2, pairwise_sq_dists(X, X[[nxt]])[:, 0])
    return X[idx].copy()


def assign_labels(X, centers) -> np.ndarray:
    """Index of the nearest centre for every row of X: int array of shape (n,)."""
    return np.argmin(pairwise_sq_dists(_data(X), centers), axis=1)


def update_centers(X, labels, old_centers) -> np.ndarray:
    """Means of the points assigned to each cluster; an empty cluster keeps its previous centre.

    Parameters
    ----------
    X : array_like of shape (n, d)
    labels : array_like of int, shape (n,), values in [0, k)
    old_centers : array_like of shape (k, d)

    Returns
    -------
    ndarray of shape (k, d)
    """
    X = _data(X)
    old = np.asarray(check_array(old_centers, "old_centers", shape=(None, X.shape[1])), dtype=float)
    labels = np.asarray(check_array(labels, "labels", shape=(X.shape[0],), dtype="integer"))
    k = old.shape[0]
    if labels.size and (labels.min() < 0 or labels.max() >= k):
        raise ValueError(f"labels must lie in [0, {k}), got values in [{labels.min()}, {labels.max()}]")
    counts = np.bincount(labels, minlength=k)
    sums = np.zeros_like(old)
    np.add.at(sums, labels, X)
    new = old.copy()
    filled = counts > 0
    new[filled] = sums[filled] / counts[filled, None]
    return new


def inertia(X, labels, centers) -> float:
    """Within-cluster sum of squared distances to the assigned centres."""
    X = _data(X)
    centers = np.asarray(check_array(centers, "centers", shape=(None, X.shape[1])), dtype=float)
    labels = np.asarray(check_array(labels, "labels", shape=(X.shape[0],), dtype="integer"))
    return float(np.sum((X - centers[labels]) ** 2))


def kmeans(X, n_clusters: int, *, init="k-means++", n_init: int = 10, max_iter: int = 300,
           tol: float = 1e-8, random_state=0):
    """Lloyd's k-means with restarts; keeps the run with the lowest inertia.

    Parameters
    ----------
    X : array_like of shape (n, d)
    n_clusters : int
    init : "k-means++", "random" or array_like of shape (k, d)
        Explicit centres imply a single run.
    n_init : int
        Number of restarts (ignored for explicit centres).
    max_iter : int
    tol : float
        Stop when no centre moves by more than ``tol`` (squared shift summed over centres).
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    centers : ndarray (k, d)
    labels : ndarray (n,)
    inertia : float
    n_iter : int
        Iterations of the best run.
    """
    X = _data(X)
    k = _k(n_clusters, X.shape[0])
    rng = np.random.default_rng(random_state)
    explicit = not isinstance(init, str)
    if explicit:
        init_centers = np.asarray(check_array(init, "init", shape=(k, X.shape[1])), dtype=float)
    elif init not in ("k-means++", "random"):
        raise ValueError(f"init must be 'k-means++', 'random' or an array, got {init!r}")
    best = None
    for _ in range(1 if explicit else n_init):
        if explicit:
            C = init_centers.copy()
        elif init == "random":
            C = X[rng.choice(X.shape[0], size=k, replace=False)].copy()
        else:
            C = kmeans_plusplus(X, k, rng)
        n_iter = 0
        while n_iter < max_iter:
            n_iter += 1
            labels = assign_labels(X, C)
            C_new = update_centers(X, labels, C)
            shift = np.sum((C_new - C) ** 2)
            C = C_new
            if shift <= tol:
                break
        labels = assign_labels(X, C)
        score = inertia(X, labels, C)
        if best is None or score < best[2]:
            best = (C, labels, score, n_iter)
    return best


def silhouette_samples(X, labels) -> np.ndarray:
    """Silhouette coefficient ``(b - a) / max(a, b)`` of every sample.

    ``a`` is the mean distance to the other members of its own cluster, ``b`` the smallest mean
    distance to the members of another cluster. Samples in singleton clusters get 0 (as in
    scikit-learn).
    """
    X = _data(X)
    labels = np.asarray(check_array(labels, "labels", shape=(X.shape[0],), dtype="integer"))
    uniq, lab = np.unique(labels, return_inverse=True)
    if not 2 <= uniq.size <= X.shape[0] - 1:
        raise ValueError(f"silhouette needs 2 <= n_clusters <= n_samples - 1, got {uniq.size}")
    from scipy.spatial.distance import cdist  # exact distances: sqrt of pairwise_sq_dists loses ~1e-8

    D = cdist(X, X)
    onehot = np.eye(uniq.size)[lab]
    sums = D @ onehot                       # (n, k): total distance to each cluster
    sizes = onehot.sum(axis=0)
    own = sizes[lab]
    a = np.where(own > 1, sums[np.arange(len(X)), lab] / np.maximum(own - 1, 1), 0.0)
    mean_other = sums / sizes
    mean_other[np.arange(len(X)), lab] = np.inf
    b = mean_other.min(axis=1)
    s = np.where(own > 1, (b - a) / np.maximum(a, b), 0.0)
    return s


def silhouette_score(X, labels) -> float:
    """Mean silhouette coefficient over all samples, in [-1, 1]."""
    return float(np.mean(silhouette_samples(X, labels)))


def dbscan(X, eps: float, min_samples: int = 5) -> np.ndarray:
    """DBSCAN clustering. Noise points get label -1, clusters 0, 1, ... in order of discovery.

    A point is a *core* point if at least ``min_samples`` points (itself included) lie within
    distance ``eps``. Clusters are the connected components of core points (linked when within
    ``eps``), plus the border points within ``eps`` of one of their core points. A border point near
    two clusters joins the one discovered first (scanning points in index order, as scikit-learn does).

    Returns
    -------
    ndarray of int, shape (n,)
    """
    X = _data(X)
    if not eps > 0:
        raise ValueError(f"eps must be positive, got {eps}")
    if isinstance(min_samples, bool) or not isinstance(min_samples, (int, np.integer)) \
            or min_samples < 1:
        raise ValueError(f"min_samples must be a positive int, got {min_samples!r}")
    n = X.shape[0]
    neighbours = pairwise_sq_dists(X, X) <= eps * eps
    core = neighbours.sum(axis=1) >= min_samples
    labels = np.full(n, -1)
    cluster = 0
    for i in range(n):
        if labels[i] != -1 or not core[i]:
            continue
        labels[i] = cluster
        stack = [i]
        while stack:
            p = stack.pop()
            if not core[p]:
                continue
            for q in np.flatnonzero(neighbours[p]):
                if labels[q] == -1:
                    labels[q] = cluster
                    if core[q]:
                        stack.append(q)
        cluster += 1
    return labels


def _log_gauss(X, mean, cov):
    d = X.shape[1]
    L = np.linalg.cholesky(cov)
    z = np.linalg.solve(L, (X - mean).T)
    return -0.5 * (d * np.log(2 * np.pi) + np.sum(z * z, axis=0)) - np.sum(np.log(np.diag(L)))


def gmm_e_step(X, weights, means, covs):
    """Responsibilities ``r[i, j] = P(component j | x_i)`` and the mean log-likelihood per sample.

    Parameters
    ----------
    X : (n, d); weights : (k,); means : (k, d); covs : (k, d, d)

    Returns
    -------
    resp : ndarray (n, k), rows sum to 1
    mean_log_likelihood : float
    """
    X = _data(X)
    logp = np.column_stack([np.log(w) + _log_gauss(X, m, c) for w, m, c in zip(weights, means, covs)])
    top = logp.max(axis=1, keepdims=True)
    log_norm = top + np.log(np.exp(logp - top).sum(axis=1, keepdims=True))
    return np.exp(logp - log_norm), float(log_norm.mean())


def gmm_em(X, n_components: int, *, n_iter: int = 100, tol: float = 1e-8, reg_covar: float = 1e-6,
           init_means=None, random_state=0):
    """Gaussian mixture with full covariances fitted by expectation-maximisation.

    Parameters
    ----------
    X : array_like (n, d)
    n_components : int
    n_iter : int
        Maximum EM iterations.
    tol : float
        Stop when the mean log-likelihood improves by less than ``tol``.
    reg_covar : float
        Added to the covariance diagonals (keeps them invertible).
    init_means : array_like (k, d), optional
        Starting means (default: k-means++ seeding). Start weights are uniform, covariances the
        data covariance.
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    dict with ``weights`` (k,), ``means`` (k, d), ``covariances`` (k, d, d), ``resp`` (n, k),
    ``log_likelihood`` (list of the mean log-likelihood per sample after each E-step; it never
    decreases).
    """
    X = _data(X)
    n, d = X.shape
    k = _k(n_components, n)
    if init_means is None:
        means = kmeans_plusplus(X, k, random_state)
    else:
        means = np.asarray(check_array(init_means, "init_means", shape=(k, d)), dtype=float).copy()
    weights = np.full(k, 1.0 / k)
    covs = np.repeat((np.cov(X.T).reshape(d, d) + reg_covar * np.eye(d))[None], k, axis=0)
    history = []
    resp = None
    for _ in range(n_iter):
        resp, ll = gmm_e_step(X, weights, means, covs)
        history.append(ll)
        if len(history) > 1 and history[-1] - history[-2] < tol:
            break
        nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
        weights = nk / n
        means = resp.T @ X / nk[:, None]
        for j in range(k):
            diff = X - means[j]
            covs[j] = (resp[:, j, None] * diff).T @ diff / nk[j] + reg_covar * np.eye(d)
    return {"weights": weights, "means": means, "covariances": covs, "resp": resp,
            "log_likelihood": history}
