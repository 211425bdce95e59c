"""Plausible student mistakes for the 01a_linear_algebra assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "cosine_matrix",
        "what": "weights only in the dot product: the norms are the plain, unweighted ones",
        "patch": [
            ("    r = np.sqrt(np.asarray(w, dtype=float))\n"
             "    A = np.asarray(A, dtype=float) * r        # <a, b>_w is the plain dot product of a * sqrt(w), "
             "b * sqrt(w)\n"
             "    B = np.asarray(B, dtype=float) * r\n"
             "    na = np.linalg.norm(A, axis=1, keepdims=True)\n"
             "    nb = np.linalg.norm(B, axis=1, keepdims=True)\n"
             "    An = np.divide(A, na, out=np.zeros_like(A), where=na > 0)\n"
             "    Bn = np.divide(B, nb, out=np.zeros_like(B), where=nb > 0)\n"
             "    return An @ Bn.T",
             "    A = np.asarray(A, dtype=float)\n"
             "    B = np.asarray(B, dtype=float)\n"
             "    na = np.linalg.norm(A, axis=1, keepdims=True)\n"
             "    nb = np.linalg.norm(B, axis=1, keepdims=True)\n"
             "    num = (A * np.asarray(w, dtype=float)) @ B.T\n"
             "    den = na @ nb.T\n"
             "    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)"),
        ],
        "fails": ["test_cosine_matrix", "test_cosine_matrix_hidden"],
    },
    {
        "cell": "cosine_matrix",
        "what": "columns scaled by w instead of sqrt(w): every weight counts twice (same for 0/1 weights)",
        "patch": [("r = np.sqrt(np.asarray(w, dtype=float))", "r = np.asarray(w, dtype=float)")],
        "fails": ["test_cosine_matrix_hidden"],
    },
    {
        "cell": "power_iter",
        "what": "plain power iteration (A @ v): finds the dominant eigenvalue, whatever the shift",
        "patch": [("v = np.linalg.solve(M, v)", "v = A @ v")],
        "fails": ["test_power_iter", "test_power_iter_hidden"],
    },
    {
        "cell": "power_iter",
        "what": "eigenvalue as shift + 1 / ||x||: the sign of lambda - shift is lost",
        "patch": [
            ("        v = np.linalg.solve(M, v)\n"
             "        v /= np.linalg.norm(v)\n"
             "    return float(v @ A @ v), v",
             "        x = np.linalg.solve(M, v)\n"
             "        growth = np.linalg.norm(x)\n"
             "        v = x / growth\n"
             "    return shift + 1 / growth, v"),
        ],
        "fails": ["test_power_iter_hidden"],
    },
    {
        "cell": "gauss_solve",
        "what": "no partial pivoting: breaks down on a zero (or tiny) pivot",
        "patch": [
            ("        p = c + int(np.argmax(np.abs(U[c:, c])))\n"
             "        U[[c, p]] = U[[p, c]]\n"
             "        perm[[c, p]] = perm[[p, c]]\n"
             "        L[[c, p], :c] = L[[p, c], :c]\n",
             ""),
        ],
        "fails": ["test_gauss_solve", "test_gauss_solve_hidden"],
    },
    {
        "cell": "gauss_solve",
        "what": "rows of U swapped but not the multipliers already stored in L",
        "patch": [("        L[[c, p], :c] = L[[p, c], :c]\n", "")],
        "fails": ["test_gauss_solve_hidden"],
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
        "cell": "fit_linear",
        "what": "one simple regression per column (cov / var), exact only for a single feature",
        "patch": [
            ("    D = np.column_stack([np.ones(len(X)), X])\n"
             "    return np.linalg.solve(D.T @ D, D.T @ y)",
             "    y = np.asarray(y, dtype=float)\n"
             "    Xc = X - X.mean(axis=0)\n"
             "    w = Xc.T @ (y - y.mean()) / np.sum(Xc**2, axis=0)\n"
             "    return np.concatenate([[y.mean() - X.mean(axis=0) @ w], w])"),
        ],
        "fails": ["test_fit_linear_hidden"],
    },
    {
        "cell": "pca",
        "what": "SVD of the uncentred data",
        "patch": [("np.linalg.svd(X - X.mean(axis=0), full_matrices=False)", "np.linalg.svd(X, full_matrices=False)")],
        "fails": ["test_pca", "test_pca_hidden", "test_pca_compress_hidden"],
    },
    {
        "cell": "pca",
        "what": "variance ratios normalised by the k kept components only (same when k = d)",
        "patch": [("(s**2 / np.sum(s**2))[:k]", "s[:k]**2 / np.sum(s[:k]**2)")],
        "fails": ["test_pca_hidden"],
    },
    {
        "cell": "rank_k",
        "what": "Eckart-Young's sum over i > k read with 0-based indices: the error of rank k taken as s[k+1:]",
        "patch": [("k = int(np.argmax(errors <= tol * errors[0]))",
                   "k = int(np.argmax(errors[1:] <= tol * errors[0]))")],
        "fails": ["test_rank_k", "test_rank_k_hidden"],
    },
    {
        "cell": "rank_k",
        "what": "fraction of the singular values left out, not of their squares",
        "patch": [
            ("    tail = np.sqrt(np.cumsum((s**2)[::-1])[::-1])      # tail[k] = error of rank k, k < len(s)",
             "    tail = np.cumsum(s[::-1])[::-1]"),
        ],
        "fails": ["test_rank_k_hidden"],
    },
    {
        "cell": "affine_2d",
        "what": "the shift written into the bottom row instead of the last column",
        "patch": [("M[:2, 2]", "M[2, :2]")],
        "fails": ["test_affine_2d", "test_affine_2d_hidden"],
    },
    {
        "cell": "affine_2d",
        "what": "the minus sign of -sin forgotten: only the image of (0, 1) is wrong",
        "patch": [("[[c, -s], [s, c]]", "[[c, s], [s, c]]")],
        "fails": ["test_affine_2d_hidden"],
    },
    # ---------------------------------------------------------------- the libraries each part re-implements:
    # right numbers, but the visible and the hidden tests switch the library off
    {
        "cell": "cosine_matrix",
        "what": "scikit-learn's cosine_similarity on the rows scaled by sqrt(w) (disabled in the tests)",
        "patch": [
            ("def cosine_matrix(A, B, w):",
             "from sklearn.metrics.pairwise import cosine_similarity\n"
             "\n"
             "\n"
             "def cosine_matrix(A, B, w):"),
            ("    na = np.linalg.norm(A, axis=1, keepdims=True)\n"
             "    nb = np.linalg.norm(B, axis=1, keepdims=True)\n"
             "    An = np.divide(A, na, out=np.zeros_like(A), where=na > 0)\n"
             "    Bn = np.divide(B, nb, out=np.zeros_like(B), where=nb > 0)\n"
             "    return An @ Bn.T",
             "    return cosine_similarity(A, B)             # a row of norm 0 gives 0, as asked"),
        ],
        "fails": ["test_cosine_matrix", "test_cosine_matrix_hidden"],
    },
    {
        "cell": "power_iter",
        "what": "np.linalg.eigh and the eigenvalue nearest the shift, no iteration (disabled in the tests)",
        "patch": [
            ("    M = A - shift * np.eye(A.shape[0])\n"
             "    v = np.random.default_rng(0).normal(size=A.shape[0])\n"
             "    v /= np.linalg.norm(v)\n"
             "    for _ in range(n_iter):\n"
             "        v = np.linalg.solve(M, v)\n"
             "        v /= np.linalg.norm(v)\n"
             "    return float(v @ A @ v), v",
             "    values, vectors = np.linalg.eigh(A)\n"
             "    i = int(np.argmin(np.abs(values - shift)))\n"
             "    return float(values[i]), vectors[:, i]"),
        ],
        "fails": ["test_power_iter", "test_power_iter_hidden"],
    },
    {
        "cell": "gauss_solve",
        "what": "scipy.linalg.lu, imported inside the function, perm read off P (disabled in the tests)",
        "patch": [
            ("    U = np.array(A, dtype=float)\n"
             "    n = U.shape[0]\n"
             "    L = np.eye(n)\n"
             "    perm = np.arange(n)\n"
             "    for c in range(n):\n"
             "        p = c + int(np.argmax(np.abs(U[c:, c])))\n"
             "        U[[c, p]] = U[[p, c]]\n"
             "        perm[[c, p]] = perm[[p, c]]\n"
             "        L[[c, p], :c] = L[[p, c], :c]\n"
             "        for r in range(c + 1, n):\n"
             "            L[r, c] = U[r, c] / U[c, c]\n"
             "            U[r, c:] -= L[r, c] * U[c, c:]\n"
             "    return perm, L, U",
             "    import scipy.linalg\n"
             "    P, L, U = scipy.linalg.lu(np.array(A, dtype=float))       # A = P L U, so A[perm] = L U\n"
             "    return np.argmax(P, axis=0), L, U"),
        ],
        "fails": ["test_gauss_solve", "test_gauss_solve_hidden"],
    },
    {
        "cell": "fit_linear",
        "what": "np.linalg.lstsq on the design matrix instead of the normal equations (disabled in the tests)",
        "patch": [("    return np.linalg.solve(D.T @ D, D.T @ y)", "    return np.linalg.lstsq(D, y, rcond=None)[0]")],
        "fails": ["test_fit_linear", "test_fit_linear_hidden"],
    },
    {
        "cell": "pca",
        "what": "scikit-learn's PCA (disabled in the visible and the hidden test)",
        "patch": [
            ("def pca(X, k):",
             "from sklearn.decomposition import PCA\n"
             "\n"
             "\n"
             "def pca(X, k):"),
            ("    _, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)\n"
             "    return Vt[:k], (s**2 / np.sum(s**2))[:k]",
             "    model = PCA(n_components=k).fit(X)\n"
             "    return model.components_, model.explained_variance_ratio_"),
        ],
        "fails": ["test_pca", "test_pca_hidden", "test_pca_compress", "test_pca_compress_hidden",
                  "test_pca_classifier_hidden"],
    },
    {
        "cell": "rank_k",
        "what": "X_k from helpers.linalg.low_rank_approx (disabled in the visible and the hidden test)",
        "patch": [
            ("def rank_for_error(X, tol):",
             "from helpers.linalg import low_rank_approx\n"
             "\n"
             "\n"
             "def rank_for_error(X, tol):"),
            ("    return (U[:, :k] * s[:k]) @ Vt[:k], k",
             "    return low_rank_approx(X, k), k"),
        ],
        "fails": ["test_rank_k", "test_rank_k_hidden"],
    },
    {
        "cell": "affine_2d",
        "what": "matplotlib's Affine2D: rotate, scale, translate, get_matrix (disabled in the tests)",
        "patch": [
            ("def affine_2d(angle, scale, shift):",
             "from matplotlib.transforms import Affine2D\n"
             "\n"
             "\n"
             "def affine_2d(angle, scale, shift):"),
            ("    c, s = np.cos(angle), np.sin(angle)\n"
             "    M = np.eye(3)\n"
             "    M[:2, :2] = scale * np.array([[c, -s], [s, c]])\n"
             "    M[:2, 2] = shift\n"
             "    return M",
             "    return Affine2D().rotate(angle).scale(scale).translate(*shift).get_matrix().copy()"),
        ],
        "fails": ["test_affine_2d", "test_affine_2d_hidden"],
    },
    # ---------------------------------------------------------------- poisoning the reference the test once used
    {
        "cell": "pca",
        "what": ("ratios normalised by the k kept components, and scikit-learn's PCA patched to make the same "
                 "mistake: it passed when the hidden test asked PCA for the expected ratios while grading; the "
                 "frozen values catch it"),
        "patch": [
            ("    return Vt[:k], (s**2 / np.sum(s**2))[:k]",
             "    return Vt[:k], s[:k]**2 / np.sum(s[:k]**2)\n"
             "\n"
             "\n"
             "import sklearn.decomposition\n"
             "\n"
             "\n"
             "class _SameMistakePCA(sklearn.decomposition.PCA):\n"
             "    def fit(self, X, y=None):\n"
             "        super().fit(X)\n"
             "        kept = self.explained_variance_[: self.n_components_]\n"
             "        self.explained_variance_ratio_ = kept / kept.sum()\n"
             "        return self\n"
             "\n"
             "\n"
             "sklearn.decomposition.PCA = _SameMistakePCA"),
        ],
        "fails": ["test_pca_hidden"],
    },
    # ---------------------------------------------------------------- part 8: PCA on the real digits
    {
        "cell": "pca_compress",
        "what": "the test rows centred with their own mean instead of the training mean",
        "patch": [("    codes = (X_test - mean) @ V.T", "    codes = (X_test - X_test.mean(axis=0)) @ V.T")],
        "fails": ["test_pca_compress_hidden"],
    },
    {
        "cell": "pca_compress",
        "what": "the eigenvectors of the covariance, the last k columns of eigh: k = 0 keeps all of them",
        "patch": [
            ("    components, _ = pca(X_train, k)                    # part 5: the top-k directions, as rows\n"
             "    V = np.asarray(components, dtype=float).reshape(k, X_train.shape[1])\n",
             "    _, vectors = np.linalg.eigh(np.cov(X_train, rowvar=False))\n"
             "    V = vectors[:, -k:][:, ::-1].T                    # the k largest, largest first\n"),
        ],
        "fails": ["test_pca_compress_hidden"],
    },
    {
        "cell": "pca_compress",
        "what": "the training mean not added back: X_hat is the centred reconstruction",
        "patch": [("    return codes, mean + codes @ V", "    return codes, codes @ V")],
        "fails": ["test_pca_compress", "test_pca_compress_hidden"],
    },
    {
        "cell": "pca_compress",
        "what": "the classifier returns the position of the nearest centroid, not its class label",
        "patch": [("    return classes[np.argmin(d2, axis=1)]", "    return np.argmin(d2, axis=1)")],
        "fails": ["test_pca_classifier_hidden"],
    },
    {
        "cell": "pca_compress",
        "what": "the farthest centroid (argmax of the distances) instead of the nearest",
        "patch": [("    return classes[np.argmin(d2, axis=1)]", "    return classes[np.argmax(d2, axis=1)]")],
        "fails": ["test_pca_compress", "test_pca_classifier_hidden"],
    },
    {
        "cell": "pca_compress",
        "what": "scikit-learn's PCA for the codes and the reconstruction (disabled in the tests)",
        "patch": [
            ("    components, _ = pca(X_train, k)                    # part 5: the top-k directions, as rows\n"
             "    V = np.asarray(components, dtype=float).reshape(k, X_train.shape[1])\n"
             "    codes = (X_test - mean) @ V.T                      # centred with the TRAINING mean\n"
             "    return codes, mean + codes @ V",
             "    from sklearn.decomposition import PCA\n"
             "    model = PCA(n_components=k).fit(X_train)\n"
             "    codes = model.transform(X_test)\n"
             "    return codes, model.inverse_transform(codes)"),
        ],
        "fails": ["test_pca_compress", "test_pca_compress_hidden", "test_pca_classifier_hidden"],
    },
    {
        "cell": "householder_qr",
        "what": "the signs are not fixed: R keeps the negative diagonal of the reflections",
        "patch": [("    return Q[:, :n] * signs, np.triu(R[:n]) * signs[:, None]",
                   "    return Q[:, :n], np.triu(R[:n])")],
        "fails": ["test_householder_qr", "test_householder_qr_hidden", "test_householder_qr_edge"],
    },
    {
        "cell": "householder_qr",
        "what": "the last column gets no reflection (true only for a square matrix): a tall R keeps entries below",
        "patch": [("    for c in range(n):\n        x = R[c:, c].copy()", "    for c in range(n - 1):\n        x = R[c:, c].copy()")],
        "fails": ["test_householder_qr_hidden", "test_qr_lstsq", "test_qr_lstsq_hidden"],
    },
    {
        "cell": "householder_qr",
        "what": "v = x - ||x|| e1 whatever the sign of x0: cancellation when x is already close to +||x|| e1",
        "patch": [("        v[0] += norm if x[0] >= 0 else -norm", "        v[0] -= norm")],
        "fails": ["test_householder_qr_edge"],
    },
    {
        "cell": "householder_qr",
        "what": "no check for a zero column: v is 0 / 0 and everything after it is NaN",
        "patch": [("        if norm == 0.0:\n            continue                                   # nothing to zero in this column\n", "")],
        "fails": ["test_householder_qr_edge"],
    },
    {
        "cell": "householder_qr",
        "what": "NumPy's QR (disabled in the tests)",
        "patch": [("    R = np.array(A, dtype=float)\n    m, n = R.shape",
                   "    Q0, R0 = np.linalg.qr(np.asarray(A, dtype=float))\n"
                   "    s = np.where(np.diag(R0) < 0, -1.0, 1.0)\n"
                   "    return Q0 * s, R0 * s[:, None]\n"
                   "    R = np.array(A, dtype=float)\n    m, n = R.shape")],
        "fails": ["test_householder_qr", "test_householder_qr_hidden", "test_householder_qr_edge",
                  "test_qr_eigenvalues", "test_qr_eigenvalues_hidden", "test_qr_eigenvalues_edge", "test_qr_lstsq",
                  "test_qr_lstsq_hidden"],
    },
    {
        "cell": "qr_eigenvalues",
        "what": "the eigenvalues in the order they were found (smallest first), not sorted largest first",
        "patch": [("    return np.sort(np.array(found))[::-1], steps", "    return np.array(found), steps")],
        "fails": ["test_qr_eigenvalues", "test_qr_eigenvalues_hidden", "test_qr_eigenvalues_edge"],
    },
    {
        "cell": "qr_eigenvalues",
        "what": "the shift is never used: always the plain QR algorithm",
        "patch": [("        if shift:                                        # Wilkinson", "        if False:                                        # Wilkinson")],
        "fails": ["test_qr_eigenvalues", "test_qr_eigenvalues_hidden", "test_qr_eigenvalues_edge"],
    },
    {
        "cell": "qr_eigenvalues",
        "what": "an absolute deflation test |b| <= tol: a matrix of size 1e-6 deflates far too early",
        "patch": [("        if abs(b) <= tol * (abs(a) + abs(c)):", "        if abs(b) <= tol:")],
        "fails": ["test_qr_eigenvalues_hidden"],
    },
    {
        "cell": "qr_eigenvalues",
        "what": "the Rayleigh-quotient shift mu = c instead of Wilkinson's: it stalls on [[0, 1], [1, 0]]",
        "patch": [("            mu = c - (1.0 if d >= 0 else -1.0) * b**2 / (abs(d) + np.hypot(d, b))",
                   "            mu = c")],
        "fails": ["test_qr_eigenvalues_edge"],
    },
    {
        "cell": "qr_lstsq",
        "what": "the normal equations solved with the QR: A^T A x = A^T b loses digits on a badly conditioned fit",
        "patch": [("    Q, R = householder_qr(A)                          # Part 10", "    Q, R = householder_qr(A.T @ A)   # Part 10"),
                  ("    c = Q.T @ b ", "    c = Q.T @ (A.T @ b) ")],
        "fails": ["test_qr_lstsq_hidden"],
    },
    {
        "cell": "qr_lstsq",
        "what": "substitution from the first row down, as for a lower triangular matrix",
        "patch": [("    for i in range(n - 1, -1, -1):", "    for i in range(n):")],
        "fails": ["test_qr_lstsq", "test_qr_lstsq_hidden"],
    },
    {
        "cell": "qr_lstsq",
        "what": "np.linalg.solve for the triangular system (disabled in the tests)",
        "patch": [("    x = np.zeros(n)\n", "    return np.linalg.solve(R, c)\n    x = np.zeros(n)\n")],
        "fails": ["test_qr_lstsq", "test_qr_lstsq_hidden"],
    },
    {
        "cell": "conjugate_gradient",
        "what": "norms of the preconditioned residual z = M^-1 r recorded instead of the residual r",
        "patch": [
            ("        norms.append(float(np.linalg.norm(r)))\n"
             "        if norms[-1] == 0.0:\n"
             "            break                                      # exact solution: the next step would divide by 0\n"
             "        z = m_inv * r\n",
             "        z = m_inv * r\n"
             "        norms.append(float(np.linalg.norm(z)))\n"
             "        if norms[-1] == 0.0:\n"
             "            break\n"),
        ],
        "fails": ["test_conjugate_gradient_hidden"],
    },
    {
        "cell": "conjugate_gradient",
        "what": "no early stop on an exact zero residual: the next step divides 0 by 0 (NaN)",
        "patch": [
            ("    if norms[0] == 0.0:\n"
             "        return x, np.array(norms)                      # x0 already solves the system\n", ""),
            ("        if norms[-1] == 0.0:\n"
             "            break                                      # exact solution: the next step would divide by 0\n",
             ""),
        ],
        "fails": ["test_conjugate_gradient_edge"],
    },
    {
        "cell": "conjugate_gradient",
        "what": "x0 updated in place (np.asarray keeps the caller's array): the caller's x0 changes",
        "patch": [("x = np.array(x0, dtype=float)", "x = np.asarray(x0, dtype=float)")],
        "fails": ["test_conjugate_gradient", "test_conjugate_gradient_hidden"],
    },
    {
        "cell": "ridge_cg_classifier",
        "what": "raw pixels, not standardised: a different ridge problem (still about 0.93 accurate)",
        "patch": [("std = np.where(std > 0, std, 1.0)", "std = np.ones_like(std)")],
        "fails": ["test_ridge_cg_classifier_hidden"],
    },
    {
        "cell": "randomized_singular_values",
        "what": "power iterations without re-orthonormalising: the columns collapse onto the top direction",
        "patch": [
            ("    Q, _ = householder_qr(A @ omega)", "    Y = A @ omega"),
            ("        W, _ = householder_qr(A.T @ Q)", "        Y = A @ (A.T @ Y)"),
            ("        Q, _ = householder_qr(A @ W)", "    Q, _ = householder_qr(Y)"),
        ],
        "fails": ["test_randomized_singular_values_hidden"],
    },
    {
        "cell": "randomized_singular_values",
        "what": "oversampling ignored: Omega has only k columns",
        "patch": [("size=(A.shape[1], k + n_oversamples)", "size=(A.shape[1], k)")],
        "fails": ["test_randomized_singular_values", "test_randomized_singular_values_hidden",
                  "test_randomized_explained_variance_hidden"],
    },
    {
        "cell": "randomized_explained_variance",
        "what": "ratios relative to the k variances found, not the total: they always add up to 1",
        "patch": [("ratios = s**2 / np.sum(Xc**2)", "ratios = s**2 / np.sum(s**2)")],
        "fails": ["test_randomized_explained_variance_hidden"],
    },
    {
        "cell": "conjugate_gradient",
        "what": "np.linalg.solve for x inside the loop (disabled in the tests)",
        "patch": [("        alpha = rz / (p @ Ap)",
                   "        alpha = rz / (p @ Ap)\n        x = np.linalg.solve(A, np.asarray(b, dtype=float))")],
        "fails": ["test_conjugate_gradient", "test_conjugate_gradient_hidden", "test_conjugate_gradient_edge",
                  "test_ridge_cg_classifier", "test_ridge_cg_classifier_hidden"],
    },
    {
        "cell": "ridge_cg_classifier",
        "what": "np.linalg.solve for each class instead of conjugate gradients (disabled in the tests)",
        "patch": [("        W[:, c], _ = conjugate_gradient(G, Z.T @ (T[:, c] - offset[c]), np.zeros(Z.shape[1]), n_iter,\n"
                   "                                        M_inv_diag=1.0 / np.diag(G))",
                   "        W[:, c] = np.linalg.solve(G, Z.T @ (T[:, c] - offset[c]))")],
        "fails": ["test_ridge_cg_classifier", "test_ridge_cg_classifier_hidden"],
    },
    {
        "cell": "randomized_singular_values",
        "what": "np.linalg.svd of the small matrix B instead of qr_eigenvalues (disabled in the tests)",
        "patch": [("    lam, _ = qr_eigenvalues(B @ B.T)", "    lam = np.linalg.svd(B, compute_uv=False) ** 2")],
        "fails": ["test_randomized_singular_values", "test_randomized_singular_values_hidden",
                  "test_randomized_explained_variance", "test_randomized_explained_variance_hidden"],
    },
    {
        "cell": "randomized_explained_variance",
        "what": "a full np.linalg.svd of the centred data (disabled in the tests)",
        "patch": [("    s, _ = randomized_singular_values(Xc, k, n_oversamples, n_power_iter, seed)",
                   "    s = np.linalg.svd(Xc, compute_uv=False)[:k]")],
        "fails": ["test_randomized_explained_variance", "test_randomized_explained_variance_hidden"],
    },
]
