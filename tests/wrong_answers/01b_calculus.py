"""Plausible student mistakes for the 01b_calculus assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "central_diff",
        "what": "returns the plain central difference D(h), without the extrapolation",
        "patch": [("return (4 * d(h / 2) - d(h)) / 3", "return d(h)")],
        "fails": ["test_central_diff", "test_central_diff_hidden"],
    },
    {
        "cell": "central_diff",
        "what": "extrapolates from D(h) and D(2h) instead of D(h/2) and D(h): also O(h^4), but not R(h)",
        "patch": [("return (4 * d(h / 2) - d(h)) / 3", "return (4 * d(h) - d(2 * h)) / 3")],
        "fails": ["test_central_diff_hidden"],
    },
    {
        "cell": "numerical_grad",
        "what": "stacks the differences as rows: the transpose, shape (n, k)",
        "patch": [("np.stack(columns, axis=1)", "np.stack(columns, axis=0)")],
        "fails": ["test_numerical_grad", "test_numerical_grad_hidden"],
    },
    {
        "cell": "numerical_grad",
        "what": "forward difference (f(x + h e_j) - f(x)) / h instead of the central one",
        "patch": [("(up - down) / (2 * h)", "(up - np.asarray(f(x), dtype=float)) / h")],
        "fails": ["test_numerical_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "the weighted sum divided by m instead of by the sum of the weights",
        "patch": [("/ w.sum()", "/ X.shape[0]")],
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "the bias theta[0] is penalised too",
        "patch": [("    penalty[0] = 0.0\n", "")],
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "the penalty is divided by the sum of the weights as well",
        "patch": [("return X.T @ (w * (X @ theta - y)) / w.sum() + penalty",
                   "return (X.T @ (w * (X @ theta - y)) + penalty) / w.sum()")],
        "fails": ["test_mse_grad_hidden"],
    },
    {
        "cell": "logistic_grads",
        "what": "gradient summed over the examples instead of averaged",
        "patch": [("dz = (p - y) / X.shape[0]", "dz = p - y")],
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden"],
    },
    {
        "cell": "logistic_grads",
        "what": "sigmoid with the sign of the exponent wrong, 1 / (1 + exp(z)): equal to 0.5 at z = 0",
        "patch": [("np.exp(-(X @ w + b))", "np.exp(X @ w + b)")],
        "fails": ["test_logistic_grads_hidden"],
    },
    {
        "cell": "descend",
        "what": "no sufficient-decrease term: accepts any step that does not increase f",
        "patch": [("fx - c * t * (g @ g)", "fx")],
        "fails": ["test_descend", "test_descend_hidden"],
    },
    {
        "cell": "descend",
        "what": "t is not reset to lr at each iteration: once shrunk, the step never grows back",
        "patch": [
            ("        t = lr\n", ""),
            ("    path = [x.copy()]\n", "    path = [x.copy()]\n    t = lr\n"),
        ],
        "fails": ["test_descend_hidden"],
    },
    {
        "cell": "newton_minimize",
        "what": "multiplies by the Hessian instead of solving with it",
        "patch": [("x = x - np.linalg.solve(hess(x), grad(x))", "x = x - hess(x) @ grad(x)")],
        "fails": ["test_newton_minimize", "test_newton_minimize_hidden"],
    },
    {
        "cell": "newton_minimize",
        "what": "forms the inverse with np.linalg.inv, which the task says not to do",
        "patch": [("x = x - np.linalg.solve(hess(x), grad(x))", "x = x - np.linalg.inv(hess(x)) @ grad(x)")],
        "fails": ["test_newton_minimize_hidden"],
    },
    {
        "cell": "clip_norm",
        "what": "clips the whole batch by its global norm, as the lecture's clip_by_norm does",
        "patch": [("np.sum(G**2, axis=1, keepdims=True)", "np.sum(G**2)")],
        "fails": ["test_clip_norm", "test_clip_norm_hidden"],
    },
    {
        "cell": "clip_norm",
        "what": "normalises every row, then scales it to min(norm, max_norm): a zero row becomes nan",
        "patch": [("    scale = max_norm / np.maximum(norms, max_norm)\n    return G * scale",
                   "    return G / norms * np.minimum(norms, max_norm)")],
        "fails": ["test_clip_norm_hidden"],
    },
]
