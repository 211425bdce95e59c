"""Radial basis function (RBF) networks from scratch (chapter 7).

An RBF network has one hidden layer of Gaussian units and a linear output layer:

    G[i, j] = exp(-||x_i - c_j||^2 / (2 sigma_j^2))        hidden activations, shape (n, M)
    Y_hat   = G @ W (+ b)                                  linear read-out, shape (n, K)

Training is done in cheap stages instead of back-propagation: the centres ``c_j`` come from
k-means on the inputs (:func:`helpers.clustering.kmeans`, chapter 2a's), the widths ``sigma_j`` from a
rule of thumb, and the output weights ``W``
from one regularised least-squares solve.

Functions
---------
- :func:`gaussian_rbf`        the hidden-layer activation matrix ``G``
- :func:`max_center_distance` largest distance between two centres (``d_max``)
- :func:`width_rule`          the book's shared width ``sigma = d_max / sqrt(2 M)``
- :func:`per_center_widths`   one width per centre from its nearest neighbouring centres
- :func:`fit_output_weights`  ridge / least-squares solution of ``G W = T``
- :class:`RBFNetwork`         a scikit-learn compatible classifier built from the pieces above
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.checks import check_array
from helpers.clustering import pairwise_sq_dists

__all__ = [
    "RBFNetwork",  # noqa: F822 (provided by __getattr__ below, from helpers.rbf_network)
    "fit_output_weights",
    "gaussian_rbf",
    "max_center_distance",
    "per_center_widths",
    "width_rule",
]


# --------------------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------------------
def _as_matrix(X, name: str) -> np.ndarray:
    """Validate a 2-D finite numeric array and return it as float64."""
    if hasattr(X, "tocsr") or hasattr(X, "toarray"):  # scipy.sparse matrix / array
        raise TypeError(
            f"{name} is a sparse matrix; RBF networks need dense input "
            "(e.g. OneHotEncoder(sparse_output=False) or ColumnTransformer(sparse_threshold=0))"
        )
    X = check_array(X, name)
    if X.ndim != 2:
        hint = " (Reshape your data with X.reshape(-1, 1) for one feature)" if X.ndim == 1 else ""
        raise ValueError(f"{name} must be 2-D (n_samples, n_features), got shape {X.shape}{hint}")
    X = np.asarray(X, dtype=float)
    if X.shape[0] == 0:
        raise ValueError(f"{name} has 0 sample(s) (shape={X.shape}) while a minimum of 1 is required.")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has 0 feature(s) (shape={X.shape}) while a minimum of 1 is required.")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinite values; impute or drop them first")
    return X


def _check_same_width(X: np.ndarray, C: np.ndarray, xname: str, cname: str) -> None:
    if X.shape[1] != C.shape[1]:
        raise ValueError(f"{xname} has {X.shape[1]} features but {cname} has {C.shape[1]}; they must match")


def _as_sigma(sigma, n_centers: int) -> np.ndarray:
    """Validate a scalar width or one width per centre; return an array broadcastable to (n, M)."""
    s = np.asarray(sigma, dtype=float)
    if s.ndim == 0:
        s = np.full(n_centers, float(s))
    elif s.shape != (n_centers,):
        raise ValueError(
            f"sigma must be a positive scalar or have shape ({n_centers},) (one width per centre), got shape {s.shape}"
        )
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        raise ValueError(f"sigma must be positive and finite, got {sigma!r}")
    return s


# --------------------------------------------------------------------------------------------------
# building blocks
# --------------------------------------------------------------------------------------------------
def gaussian_rbf(X, centers, sigma) -> np.ndarray:
    """Gaussian hidden-layer activations of an RBF network.

    ``G[i, j] = exp(-||X[i] - centers[j]||^2 / (2 * sigma_j^2))``

    Parameters
    ----------
    X : array_like, shape (n, d)
        Inputs, one per row.
    centers : array_like, shape (M, d)
        Centres of the M hidden units.
    sigma : float or array_like of shape (M,)
        Width shared by all units, or one width per unit.

    Returns
    -------
    ndarray, shape (n, M)
        Activations in (0, 1]; exactly 1 where an input sits on a centre.
    """
    X = _as_matrix(X, "X")
    C = _as_matrix(centers, "centers")
    _check_same_width(X, C, "X", "centers")
    s = _as_sigma(sigma, C.shape[0])
    return np.exp(-pairwise_sq_dists(X, C) / (2.0 * s**2)[None, :])


def max_center_distance(centers) -> float:
    """Largest Euclidean distance between two centres (the book's ``d``).

    Parameters
    ----------
    centers : array_like, shape (M, d), M >= 2
    """
    C = _as_matrix(centers, "centers")
    if C.shape[0] < 2:
        raise ValueError(f"need at least 2 centres to measure a distance, got {C.shape[0]}")
    return float(np.sqrt(pairwise_sq_dists(C, C).max()))


def width_rule(centers) -> float:
    """The book's shared width: ``sigma = d_max / sqrt(2 M)``.

    ``d_max`` is the largest distance between two of the ``M`` centres.

    Parameters
    ----------
    centers : array_like, shape (M, d), M >= 2

    Returns
    -------
    float
    """
    C = _as_matrix(centers, "centers")
    d_max = max_center_distance(C)
    if d_max == 0:
        raise ValueError("all centres coincide (d_max = 0): the width rule would give sigma = 0")
    return d_max / np.sqrt(2.0 * C.shape[0])


def per_center_widths(centers, n_neighbors: int = 2, scale: float = 1.0) -> np.ndarray:
    """Per-centre widths: ``scale`` times the mean distance to the ``n_neighbors`` nearest centres.

    Units in crowded regions get narrow receptive fields, isolated units wide ones.

    Parameters
    ----------
    centers : array_like, shape (M, d), M >= 2
    n_neighbors : int
        How many other centres to average over, 1 <= n_neighbors <= M - 1.
    scale : float
        Positive multiplier.

    Returns
    -------
    ndarray, shape (M,)
    """
    C = _as_matrix(centers, "centers")
    m = C.shape[0]
    if m < 2:
        raise ValueError(f"need at least 2 centres for per-centre widths, got {m}")
    if isinstance(n_neighbors, bool) or not isinstance(n_neighbors, numbers.Integral):
        raise TypeError(f"n_neighbors must be an int, got {type(n_neighbors).__name__}")
    if not 1 <= n_neighbors <= m - 1:
        raise ValueError(f"n_neighbors must be between 1 and M - 1 = {m - 1}, got {n_neighbors}")
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    d = np.sqrt(pairwise_sq_dists(C, C))
    np.fill_diagonal(d, np.inf)
    nearest = np.sort(d, axis=1)[:, :n_neighbors]
    widths = scale * nearest.mean(axis=1)
    if np.any(widths <= 0):
        raise ValueError("two centres coincide, so a width would be 0; remove duplicate centres")
    return widths


def fit_output_weights(G, T, alpha: float = 0.0) -> np.ndarray:
    """Output weights of an RBF network: solve ``G W = T`` in the (ridge) least-squares sense.

    ``W = argmin ||G W - T||^2 + alpha ||W||^2 = (G^T G + alpha I)^{-1} G^T T``

    With ``alpha = 0`` the minimum-norm least-squares solution is returned (``numpy.linalg.lstsq``),
    which also works when ``G^T G`` is singular -- unlike the book's explicit inverse.

    Parameters
    ----------
    G : array_like, shape (n, M)
        Hidden activations (possibly with a column of ones for a bias).
    T : array_like, shape (n,) or (n, K)
        Targets.
    alpha : float
        Ridge penalty, >= 0.

    Returns
    -------
    ndarray, shape (M,) or (M, K)
        Same number of dimensions as ``T``.
    """
    G = _as_matrix(G, "G")
    T = check_array(T, "T")
    T = np.asarray(T, dtype=float)
    if T.ndim not in (1, 2):
        raise ValueError(f"T must be 1-D (n,) or 2-D (n, K), got shape {T.shape}")
    if T.shape[0] != G.shape[0]:
        raise ValueError(f"G has {G.shape[0]} rows but T has {T.shape[0]}; they must match")
    if not np.all(np.isfinite(T)):
        raise ValueError("T contains NaN or infinite values")
    if not (np.isfinite(alpha) and alpha >= 0):
        raise ValueError(f"alpha must be a finite number >= 0, got {alpha!r}")
    if alpha == 0:
        return np.linalg.lstsq(G, T, rcond=None)[0]
    A = G.T @ G + alpha * np.eye(G.shape[1])
    return np.linalg.solve(A, G.T @ T)


def __getattr__(name: str):
    """:class:`RBFNetwork` lives in :mod:`helpers.rbf_network` and is imported when first asked for, so that
    the functions above do not cost a scikit-learn import (about 2.5 s): a grading kernel that only needs
    :func:`gaussian_rbf` starts that much faster."""
    if name == "RBFNetwork":
        from helpers.rbf_network import RBFNetwork

        return RBFNetwork
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
