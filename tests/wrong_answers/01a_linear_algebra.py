"""Plausible student mistakes for the 01a_linear_algebra assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "cosine_matrix",
        "what": "only the rows of A are normalised, not those of B",
        "patch": [
            ("    An = A / np.linalg.norm(A, axis=1, keepdims=True)\n"
             "    Bn = B / np.linalg.norm(B, axis=1, keepdims=True)\n"
             "    return An @ Bn.T",
             "    return (A / np.linalg.norm(A, axis=1, keepdims=True)) @ B.T"),
        ],
        "fails": ["test_cosine_matrix", "test_cosine_matrix_hidden"],
    },
    {
        "cell": "power_iter",
        "what": "eigenvalue taken as the norm ||A v||: the sign of a negative dominant eigenvalue is lost",
        "patch": [
            ("        v = A @ v\n"
             "        v /= np.linalg.norm(v)\n"
             "    return float(v @ A @ v), v",
             "        w = A @ v\n"
             "        lam = np.linalg.norm(w)\n"
             "        v = w / lam\n"
             "    return lam, v"),
        ],
        "fails": ["test_power_iter", "test_power_iter_hidden"],
    },
    {
        "cell": "gauss_solve",
        "what": "no partial pivoting: breaks down on a zero (or tiny) pivot",
        "patch": [
            ("        p = c + int(np.argmax(np.abs(A[c:, c])))\n"
             "        A[[c, p]] = A[[p, c]]\n"
             "        b[[c, p]] = b[[p, c]]\n",
             ""),
        ],
        "fails": ["test_gauss_solve", "test_gauss_solve_hidden"],
    },
    {
        "cell": "fit_linear",
        "what": "fit without the column of ones, then mean(y) reported as the intercept",
        "patch": [
            ("    D = np.column_stack([np.ones(len(X)), X])\n"
             "    return np.linalg.solve(D.T @ D, D.T @ y)",
             "    w = np.linalg.solve(X.T @ X, X.T @ y)\n"
             "    return np.concatenate([[np.mean(y)], w])"),
        ],
        "fails": ["test_fit_linear", "test_fit_linear_hidden"],
    },
    {
        "cell": "pca",
        "what": "SVD of the uncentred data",
        "patch": [("np.linalg.svd(X - X.mean(axis=0), full_matrices=False)", "np.linalg.svd(X, full_matrices=False)")],
        "fails": ["test_pca", "test_pca_hidden"],
    },
    {
        "cell": "rank_k",
        "what": "keeps the k smallest singular values instead of the k largest",
        "patch": [("return U[:, :k] @ np.diag(s[:k]) @ Vt[:k]", "return U[:, -k:] @ np.diag(s[-k:]) @ Vt[-k:]")],
        "fails": ["test_rank_k", "test_rank_k_hidden"],
    },
    {
        "cell": "affine_2d",
        "what": "the shift written into the bottom row instead of the last column",
        "patch": [("M[:2, 2]", "M[2, :2]")],
        "fails": ["test_affine_2d", "test_affine_2d_hidden"],
    },
]
