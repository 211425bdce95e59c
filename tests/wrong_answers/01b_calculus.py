"""Plausible student mistakes for the 01b_calculus assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "central_diff",
        "what": "forward difference instead of the central difference",
        "patch": [("return (f(x + h) - f(x - h)) / (2 * h)", "return (f(x + h) - f(x)) / h")],
        "fails": ["test_central_diff", "test_central_diff_hidden"],
    },
    {
        "cell": "numerical_grad",
        "what": "perturbs the caller's array in place and never restores it",
        "patch": [
            ("    x = np.array(x, dtype=float)\n"
             "    grad = np.zeros_like(x)",
             "    grad = np.zeros_like(x, dtype=float)"),
            ("        x[i] = old\n", ""),
        ],
        "fails": ["test_numerical_grad", "test_numerical_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "gradient of (1/m) ||X theta - y||^2: a factor 2 too many",
        "patch": [
            ("    theta = np.asarray(theta, dtype=float)\n"
             "    penalty = lam * theta\n"
             "    penalty[0] = 0.0\n"
             "    return X.T @ (X @ theta - y) / X.shape[0] + penalty",
             "    return (1 / len(X)) * np.dot(2 * (X @ theta - y).T, X) + lam * np.r_[0.0, theta[1:]]"),
        ],
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "the bias theta[0] is penalised too",
        "patch": [
            ("    theta = np.asarray(theta, dtype=float)\n"
             "    penalty = lam * theta\n"
             "    penalty[0] = 0.0\n"
             "    return X.T @ (X @ theta - y) / X.shape[0] + penalty",
             "    return X.T @ (X @ theta - y) / X.shape[0] + lam * theta"),
        ],
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "logistic_grads",
        "what": "gradient summed over the examples instead of averaged",
        "patch": [("dz = (p - y) / X.shape[0]", "dz = p - y")],
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden"],
    },
    {
        "cell": "descend",
        "what": "the path leaves out the starting point",
        "patch": [("path = [x.copy()]", "path = []")],
        "fails": ["test_descend", "test_descend_hidden"],
    },
    {
        "cell": "newton_minimize",
        "what": "multiplies by the Hessian instead of solving with it",
        "patch": [("x = x - np.linalg.solve(hess(x), grad(x))", "x = x - hess(x) @ grad(x)")],
        "fails": ["test_newton_minimize", "test_newton_minimize_hidden"],
    },
    {
        "cell": "clip_norm",
        "what": "clips each component instead of rescaling the whole vector",
        "patch": [
            ("    g = np.array(g, dtype=float)\n"
             "    norm = np.sqrt(np.sum(g**2))\n"
             "    if norm > max_norm:\n"
             "        g = g * (max_norm / norm)\n"
             "    return g",
             "    return np.clip(g, -max_norm, max_norm)"),
        ],
        "fails": ["test_clip_norm", "test_clip_norm_hidden"],
    },
]
