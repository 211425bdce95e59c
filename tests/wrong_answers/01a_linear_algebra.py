"""Plausible student mistakes for the 01a_linear_algebra assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        "cell": "cosine_matrix",
        "source": '''
def cosine_matrix(A, B):
    """Cosine similarity between every row of A (n, d) and every row of B (k, d); shape (n, k)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    return (A / np.linalg.norm(A, axis=1, keepdims=True)) @ B.T
''',
        "fails": ["test_cosine_matrix", "test_cosine_matrix_hidden"],
    },
    {
        "cell": "power_iter",
        "source": '''
def power_iter(A, n_iter=500):
    """Dominant eigenpair (eigenvalue with its sign, unit eigenvector) of the square matrix A."""
    A = np.asarray(A, dtype=float)
    v = np.random.default_rng(0).normal(size=A.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(n_iter):
        w = A @ v
        lam = np.linalg.norm(w)
        v = w / lam
    return lam, v
''',
        "fails": ["test_power_iter", "test_power_iter_hidden"],
    },
    {
        "cell": "gauss_solve",
        "source": '''
def gauss_solve(A, b):
    """Solve A x = b by Gaussian elimination with partial pivoting; returns x of shape (n,)."""
    A = np.array(A, dtype=float)
    b = np.array(b, dtype=float)
    n = len(b)
    for c in range(n):
        for r in range(c + 1, n):
            f = A[r, c] / A[c, c]
            A[r, c:] -= f * A[c, c:]
            b[r] -= f * b[c]
    x = np.zeros(n)
    for r in range(n - 1, -1, -1):
        x[r] = (b[r] - A[r, r + 1:] @ x[r + 1:]) / A[r, r]
    return x
''',
        "fails": ["test_gauss_solve", "test_gauss_solve_hidden"],
    },
    {
        "cell": "fit_linear",
        "source": '''
def fit_linear(X, y):
    """Least-squares [intercept, weights...] for y ~ b + X w; X has shape (m, n)."""
    X = np.asarray(X, dtype=float)
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return np.concatenate([[np.mean(y)], w])
''',
        "fails": ["test_fit_linear", "test_fit_linear_hidden"],
    },
    {
        "cell": "pca",
        "source": '''
def pca(X, k):
    """Top-k principal directions (k, d) and their explained-variance ratios (k,)."""
    X = np.asarray(X, dtype=float)
    _, s, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt[:k], (s**2 / np.sum(s**2))[:k]
''',
        "fails": ["test_pca", "test_pca_hidden"],
    },
    {
        "cell": "rank_k",
        "source": '''
def rank_k(X, k):
    """Best rank-k approximation of X (same shape)."""
    U, s, Vt = np.linalg.svd(np.asarray(X, dtype=float), full_matrices=False)
    return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]
''',
        "fails": ["test_rank_k", "test_rank_k_hidden"],
    },
    {
        "cell": "affine_2d",
        "source": '''
def affine_2d(angle, scale, shift):
    """3 x 3 homogeneous matrix of: rotate by angle, then scale, then translate by shift."""
    c, s = np.cos(angle), np.sin(angle)
    M = np.eye(3)
    M[:2, :2] = scale * np.array([[c, -s], [s, c]])
    M[2, :2] = shift
    return M
''',
        "fails": ["test_affine_2d", "test_affine_2d_hidden"],
    },
]
