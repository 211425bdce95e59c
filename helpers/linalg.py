"""Linear algebra for machine learning, from scratch in NumPy.

Used by the lecture notebook ``01a_linear_algebra`` (and reusable elsewhere). Each function does one
thing, validates its arguments at the boundary, and is tested against NumPy, SciPy or scikit-learn.

Functions
---------
cosine_similarity
    Pairwise cosine similarities between the rows of two matrices.
gaussian_solve
    Solve ``A x = b`` by Gaussian elimination with partial pivoting.
least_squares, projection_matrix
    Least squares through a QR factorisation, and the orthogonal projector onto a column space.
power_iteration
    Dominant eigenpair of a square matrix.
pca_svd, low_rank_approx
    PCA through the SVD of the centred data; the best rank-k approximation (Eckart-Young).
rotation_2d, affine_matrix, apply_affine
    2-D affine maps as 3 x 3 matrices acting on homogeneous coordinates.
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array

__all__ = [
    "affine_matrix",
    "apply_affine",
    "cosine_similarity",
    "gaussian_solve",
    "least_squares",
    "low_rank_approx",
    "pca_svd",
    "power_iteration",
    "projection_matrix",
    "rotation_2d",
]


def cosine_similarity(A, B=None) -> np.ndarray:
    """Cosine similarity ``a . b / (|a| |b|)`` between every row of ``A`` and every row of ``B``.

    Parameters
    ----------
    A : array_like of shape (n, d)
    B : array_like of shape (k, d), optional
        Defaults to ``A``.

    Returns
    -------
    ndarray of shape (n, k)
        Entries in [-1, 1].

    Raises
    ------
    ValueError
        If a row has zero norm (its direction, hence its cosine, is undefined).
    """
    A = np.asarray(check_array(A, "A", ndim=2), dtype=float)
    B = A if B is None else np.asarray(check_array(B, "B", ndim=2), dtype=float)
    if A.shape[1] != B.shape[1]:
        raise ValueError(
            f"A and B must have the same number of columns, got {A.shape} and {B.shape}"
        )
    na = np.linalg.norm(A, axis=1)
    nb = np.linalg.norm(B, axis=1)
    if np.any(na == 0) or np.any(nb == 0):
        raise ValueError("cosine similarity is undefined for a zero vector (a row is all 0)")
    return np.clip((A / na[:, None]) @ (B / nb[:, None]).T, -1.0, 1.0)


def gaussian_solve(A, b) -> np.ndarray:
    """Solve ``A x = b`` by Gaussian elimination with partial pivoting and back substitution.

    Parameters
    ----------
    A : array_like of shape (n, n)
    b : array_like of shape (n,) or (n, k)

    Returns
    -------
    ndarray shaped like ``b``

    Raises
    ------
    np.linalg.LinAlgError
        If ``A`` is singular to working precision.
    """
    A = np.array(check_array(A, "A", ndim=2), dtype=float)
    n = A.shape[0]
    if A.shape != (n, n):
        raise ValueError(f"A must be square, got shape {A.shape}")
    b = np.array(check_array(b, "b", ndim=(1, 2)), dtype=float)
    if b.shape[0] != n:
        raise ValueError(f"b must have {n} rows to match A {A.shape}, got shape {b.shape}")
    vector = b.ndim == 1
    M = np.hstack([A, b.reshape(n, -1)])
    scale = np.max(np.abs(A)) if A.size else 1.0
    for col in range(n):
        pivot = col + int(np.argmax(np.abs(M[col:, col])))
        if abs(M[pivot, col]) <= 1e-12 * max(scale, 1e-300):
            raise np.linalg.LinAlgError("A is singular (no usable pivot in column %d)" % col)
        if pivot != col:
            M[[col, pivot]] = M[[pivot, col]]
        M[col + 1 :] -= np.outer(M[col + 1 :, col] / M[col, col], M[col])
    x = np.zeros((n, M.shape[1] - n))
    for row in range(n - 1, -1, -1):
        x[row] = (M[row, n:] - M[row, row + 1 : n] @ x[row + 1 :]) / M[row, row]
    return x[:, 0] if vector else x


def least_squares(X, y) -> np.ndarray:
    """Least-squares coefficients ``argmin_w ||X w - y||`` through the thin QR factorisation.

    ``X = Q R`` turns the normal equations ``X^T X w = X^T y`` into the triangular system
    ``R w = Q^T y``, which avoids squaring the condition number of ``X``.

    Parameters
    ----------
    X : array_like of shape (m, n), m >= n, full column rank
    y : array_like of shape (m,)

    Returns
    -------
    ndarray of shape (n,)
    """
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    y = np.asarray(check_array(y, "y", ndim=1), dtype=float)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"y must have one entry per row of X: X {X.shape}, y {y.shape}")
    if X.shape[0] < X.shape[1]:
        raise ValueError(f"X must have at least as many rows as columns, got shape {X.shape}")
    Q, R = np.linalg.qr(X)
    if np.min(np.abs(np.diag(R))) <= 1e-12 * np.max(np.abs(np.diag(R))):
        raise np.linalg.LinAlgError("X does not have full column rank")
    return gaussian_solve(R, Q.T @ y)


def projection_matrix(A) -> np.ndarray:
    """Orthogonal projector ``P = A (A^T A)^{-1} A^T`` onto the column space of ``A`` (m, n).

    Computed as ``Q Q^T`` from a QR factorisation. ``P`` is symmetric, ``P @ P == P``, and
    ``y - P y`` is orthogonal to every column of ``A``.
    """
    A = np.asarray(check_array(A, "A", ndim=2), dtype=float)
    Q, R = np.linalg.qr(A)
    if np.min(np.abs(np.diag(R))) <= 1e-12 * max(np.max(np.abs(np.diag(R))), 1e-300):
        raise np.linalg.LinAlgError("A does not have full column rank")
    return Q @ Q.T


def power_iteration(A, n_iter: int = 1000, tol: float = 1e-12, random_state: int = 0):
    """Dominant eigenpair (largest |eigenvalue|) of a square matrix by power iteration.

    Parameters
    ----------
    A : array_like of shape (n, n)
    n_iter : int
        Maximum number of iterations.
    tol : float
        Stop when the eigenvector changes by less than ``tol`` (up to sign).
    random_state : int
        Seed of the random starting vector.

    Returns
    -------
    eigenvalue : float
        The Rayleigh quotient ``v . A v`` (with its sign).
    eigenvector : ndarray of shape (n,)
        Unit norm, sign fixed so that its largest-magnitude entry is positive.

    Notes
    -----
    Converges at the rate ``|lambda_2 / lambda_1|`` per step, and only when the dominant eigenvalue
    is unique in magnitude (a pair ``+3, -3`` makes the iterates oscillate).
    """
    A = np.asarray(check_array(A, "A", ndim=2), dtype=float)
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"A must be square, got shape {A.shape}")
    v = np.random.default_rng(random_state).normal(size=A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(n_iter):
        w = A @ v
        norm = np.linalg.norm(w)
        if norm == 0:
            return 0.0, v
        w /= norm
        if w @ v < 0:  # a negative eigenvalue flips the sign every step
            w = -w
        done = np.linalg.norm(w - v) < tol
        v = w
        if done:
            break
    v = v * np.sign(v[np.argmax(np.abs(v))])
    return float(v @ A @ v), v


def pca_svd(X, n_components: int | None = None):
    """Principal component analysis through the SVD of the centred data.

    Parameters
    ----------
    X : array_like of shape (m, d)
    n_components : int, optional
        Number of components k (default: min(m, d)).

    Returns
    -------
    components : ndarray of shape (k, d)
        Orthonormal directions of decreasing variance (rows), sign fixed so that the
        largest-magnitude entry of each is positive.
    explained_variance : ndarray of shape (k,)
        Variance of the data along each component, ``s**2 / (m - 1)``.
    explained_variance_ratio : ndarray of shape (k,)
        The same as a fraction of the total variance.
    mean : ndarray of shape (d,)
        Column means that were subtracted; project new data with ``(X_new - mean) @ components.T``.
    """
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    m, d = X.shape
    if m < 2:
        raise ValueError(f"X needs at least 2 rows, got shape {X.shape}")
    k = min(m, d) if n_components is None else n_components
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= min(m, d):
        raise ValueError(f"n_components must be an int in [1, {min(m, d)}], got {n_components!r}")
    mean = X.mean(axis=0)
    _, s, Vt = np.linalg.svd(X - mean, full_matrices=False)
    comps = Vt[:k]
    comps = comps * np.sign(comps[np.arange(k), np.argmax(np.abs(comps), axis=1)])[:, None]
    var = s**2 / (m - 1)
    return comps, var[:k], var[:k] / var.sum(), mean


def low_rank_approx(X, k: int) -> np.ndarray:
    """Best rank-``k`` approximation of ``X`` (m, n) in Frobenius and spectral norm (Eckart-Young).

    Keeps the ``k`` largest singular values: ``U[:, :k] diag(s[:k]) Vt[:k]``. The Frobenius error is
    ``sqrt(sum(s[k:]**2))``.
    """
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k <= min(X.shape):
        raise ValueError(f"k must be an int in [0, {min(X.shape)}], got {k!r}")
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    return (U[:, :k] * s[:k]) @ Vt[:k]


def rotation_2d(angle: float) -> np.ndarray:
    """The 2 x 2 matrix rotating the plane counter-clockwise by ``angle`` radians."""
    if not np.isscalar(angle) or not np.isfinite(angle):
        raise ValueError(f"angle must be a finite number (radians), got {angle!r}")
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def affine_matrix(A, t) -> np.ndarray:
    """The (d+1) x (d+1) homogeneous matrix of the affine map ``x -> A x + t``.

    Parameters
    ----------
    A : array_like of shape (d, d)
    t : array_like of shape (d,)

    Returns
    -------
    ndarray of shape (d + 1, d + 1)
        ``[[A, t], [0, 1]]``. Composition of maps is the matrix product (rightmost applied first).
    """
    A = np.asarray(check_array(A, "A", ndim=2), dtype=float)
    d = A.shape[0]
    if A.shape != (d, d):
        raise ValueError(f"A must be square, got shape {A.shape}")
    t = np.asarray(check_array(t, "t", shape=(d,)), dtype=float)
    M = np.eye(d + 1)
    M[:d, :d] = A
    M[:d, d] = t
    return M


def apply_affine(M, points) -> np.ndarray:
    """Apply a homogeneous matrix ``M`` (d+1, d+1) to ``points`` (n, d); returns (n, d).

    The points get a column of ones, are multiplied by ``M`` and divided by the last coordinate
    (which stays 1 for affine maps).
    """
    M = np.asarray(check_array(M, "M", ndim=2), dtype=float)
    d = M.shape[0] - 1
    if M.shape != (d + 1, d + 1):
        raise ValueError(f"M must be square, got shape {M.shape}")
    P = np.asarray(check_array(points, "points", shape=(None, d)), dtype=float)
    H = np.hstack([P, np.ones((P.shape[0], 1))]) @ M.T
    return H[:, :d] / H[:, d:]
