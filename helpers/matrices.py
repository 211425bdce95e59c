"""Properties of matrices: rank, null space, determinant, condition number, definiteness (chapter 01a).

The lecture ``01a_matrix_properties`` writes each of these out first; later notebooks reuse them from here.

- :func:`row_echelon`        -- reduced row echelon form by Gaussian elimination, with the pivot columns
- :func:`matrix_rank`        -- rank from the singular values, with a tolerance
- :func:`null_space`         -- orthonormal basis of the null space from the SVD
- :func:`in_span`            -- whether a vector is a linear combination of given vectors
- :func:`det_elimination`    -- determinant as the signed product of the pivots
- :func:`condition_number`   -- ratio of the largest to the smallest singular value
- :func:`is_psd`             -- positive semi-definiteness of a symmetric matrix, from its eigenvalues
- :func:`spectral_decomposition` -- A = Q diag(lam) Q^T for a symmetric A
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array, check_number

__all__ = [
    "condition_number",
    "det_elimination",
    "in_span",
    "is_psd",
    "matrix_rank",
    "null_space",
    "row_echelon",
    "spectral_decomposition",
]


def _matrix(A, name: str = "A") -> np.ndarray:
    A = check_array(A, name, ndim=2, shape=(None, None)).astype(float)
    if A.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {A.shape}")
    return A


def _square(A, name: str = "A") -> np.ndarray:
    A = _matrix(A, name)
    if A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be square, got shape {A.shape}")
    return A


def _symmetric(A, name: str = "A") -> np.ndarray:
    A = _square(A, name)
    scale = max(1.0, float(np.abs(A).max()))
    if np.abs(A - A.T).max() > 1e-10 * scale:
        raise ValueError(f"{name} must be symmetric (A == A.T); this test is defined for symmetric matrices")
    return A


def _default_tol(s: np.ndarray, shape: tuple[int, int]) -> float:
    return float(s.max(initial=0.0)) * max(shape) * np.finfo(float).eps


def row_echelon(A, tol: float | None = None):
    """Reduced row echelon form of ``A`` by Gauss-Jordan elimination with partial pivoting.

    Parameters
    ----------
    A : array_like, shape (m, n)
    tol : float, optional
        Entries with absolute value at most ``tol`` count as zero. Default:
        ``max(m, n) * eps * max|A|``.

    Returns
    -------
    R : ndarray, shape (m, n)
        The reduced row echelon form: each pivot is 1 and the only non-zero entry of its column.
    pivots : list of int
        The pivot columns; their number is the rank of ``A``.
    """
    R = _matrix(A).copy()
    m, n = R.shape
    if tol is None:
        tol = max(m, n) * np.finfo(float).eps * max(float(np.abs(R).max()), 1.0)
    else:
        tol = check_number(tol, "tol", nonnegative=True)
    pivots: list[int] = []
    row = 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[best, col]) <= tol:
            R[row:, col] = 0.0
            continue
        R[[row, best]] = R[[best, row]]
        R[row] /= R[row, col]
        others = np.arange(m) != row
        R[others] -= np.outer(R[others, col], R[row])
        pivots.append(col)
        row += 1
    R[np.abs(R) <= tol] = 0.0
    return R, pivots


def matrix_rank(A, tol: float | None = None) -> int:
    """Rank of ``A``: the number of singular values above ``tol``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    tol : float, optional
        Default ``sigma_max * max(m, n) * eps`` (NumPy's convention).

    Returns
    -------
    int
    """
    A = _matrix(A)
    s = np.linalg.svd(A, compute_uv=False)
    tol = _default_tol(s, A.shape) if tol is None else check_number(tol, "tol", nonnegative=True)
    return int(np.sum(s > tol))


def null_space(A, tol: float | None = None) -> np.ndarray:
    """Orthonormal basis of the null space ``{x : A x = 0}`` from the SVD.

    Parameters
    ----------
    A : array_like, shape (m, n)
    tol : float, optional
        Singular values at most ``tol`` count as zero (default as in :func:`matrix_rank`).

    Returns
    -------
    N : ndarray, shape (n, n - rank)
        Orthonormal columns spanning the null space (the right singular vectors of the zero singular
        values).
    """
    A = _matrix(A)
    # the full V is needed only when there are fewer rows than columns; a full U would be wasted work
    _, s, Vt = np.linalg.svd(A, full_matrices=A.shape[0] < A.shape[1])
    tol = _default_tol(s, A.shape) if tol is None else check_number(tol, "tol", nonnegative=True)
    r = int(np.sum(s > tol))
    return Vt[r:].T.copy()


def in_span(vectors, v, tol: float | None = None) -> bool:
    """Whether ``v`` is a linear combination of the rows of ``vectors``.

    Parameters
    ----------
    vectors : array_like, shape (k, n)
        One vector per row.
    v : array_like, shape (n,)
    tol : float, optional
        Rank tolerance, passed to :func:`matrix_rank`.

    Returns
    -------
    bool
        True when appending ``v`` does not raise the rank.
    """
    V = _matrix(vectors, "vectors")
    v = check_array(v, "v", ndim=1, shape=(V.shape[1],)).astype(float)
    return matrix_rank(np.vstack([V, v]), tol) == matrix_rank(V, tol)


def det_elimination(A) -> float:
    """Determinant of a square matrix by Gaussian elimination with partial pivoting.

    Elimination (subtracting multiples of rows) leaves the determinant unchanged, a row swap flips its
    sign, and the determinant of a triangular matrix is the product of its diagonal.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    float
    """
    U = _square(A).copy()
    n = U.shape[0]
    sign = 1.0
    for c in range(n):
        p = c + int(np.argmax(np.abs(U[c:, c])))
        if U[p, c] == 0.0:
            return 0.0
        if p != c:
            U[[c, p]] = U[[p, c]]
            sign = -sign
        U[c + 1:, c:] -= np.outer(U[c + 1:, c] / U[c, c], U[c, c:])
    return float(sign * np.prod(np.diag(U)))


def condition_number(A) -> float:
    """2-norm condition number ``sigma_max / sigma_min`` of ``A`` (``inf`` when ``sigma_min`` is 0).

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    float
        For a square ``A`` it bounds how much a relative error in ``b`` can grow in the solution of
        ``A x = b``.
    """
    s = np.linalg.svd(_matrix(A), compute_uv=False)
    return float(np.inf) if s[-1] == 0.0 else float(s[0] / s[-1])


def is_psd(A, tol: float = 1e-10) -> bool:
    """Whether the symmetric matrix ``A`` is positive semi-definite (all eigenvalues ``>= -tol * max|lam|``).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Must be symmetric.
    tol : float
        Relative tolerance for round-off in the eigenvalues.

    Returns
    -------
    bool
    """
    A = _symmetric(A)
    tol = check_number(tol, "tol", nonnegative=True)
    lam = np.linalg.eigvalsh(A)
    return bool(lam.min() >= -tol * max(float(np.abs(lam).max()), 1e-300))


def spectral_decomposition(A):
    """Eigen-decomposition ``A = Q diag(lam) Q^T`` of a symmetric matrix, largest eigenvalue first.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Must be symmetric.

    Returns
    -------
    lam : ndarray, shape (n,)
        Real eigenvalues in decreasing order.
    Q : ndarray, shape (n, n)
        Orthonormal eigenvectors as columns (``Q.T @ Q = I``).
    """
    lam, Q = np.linalg.eigh(_symmetric(A))
    return lam[::-1].copy(), Q[:, ::-1].copy()
