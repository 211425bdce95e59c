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
        "fails": ["test_numerical_grad", "test_numerical_grad_hidden", "test_fit_power_law", "test_fit_power_law_hidden"],
        # part 13 passes this (2, m) Jacobian on to levenberg_marquardt, whose J.T @ J then has the wrong shape
        "error": "ValueError",
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
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden",
                  "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "logistic_grads",
        "what": "sigmoid with the sign of the exponent wrong, 1 / (1 + exp(z)): equal to 0.5 at z = 0",
        "patch": [("np.exp(-(X @ w + b))", "np.exp(X @ w + b)")],
        "fails": ["test_logistic_grads_hidden",
                  "test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
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
        "what": "forms the inverse with np.linalg.inv, which the task says not to do (both tests disable it)",
        "patch": [("x = x - np.linalg.solve(hess(x), grad(x))", "x = x - np.linalg.inv(hess(x)) @ grad(x)")],
        "fails": ["test_newton_minimize", "test_newton_minimize_hidden"],
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
    # the Hessian evaluated once: exact on the visible test's quadratic, wrong on a curved function
    {
        "cell": "newton_minimize",
        "what": "evaluates the Hessian once at x0 and reuses it (a chord method): right only for a quadratic",
        "patch": [("    for _ in range(n_steps):\n        x = x - np.linalg.solve(hess(x), grad(x))",
                   "    H = hess(x)\n    for _ in range(n_steps):\n        x = x - np.linalg.solve(H, grad(x))")],
        "fails": ["test_newton_minimize_hidden"],
    },
    # the library functions each part re-implements: both tests of the part disable them
    {
        "cell": "central_diff",
        "what": "returns SciPy's adaptive derivative (scipy.differentiate.derivative) instead of R(h)",
        "patch": [("def richardson_diff(", "from scipy.differentiate import derivative\n\n\ndef richardson_diff("),
                  ("\n    def d(step):\n        return (f(x + step) - f(x - step)) / (2 * step)\n\n"
                   "    return (4 * d(h / 2) - d(h)) / 3", "    return derivative(f, x).df")],
        "fails": ["test_central_diff", "test_central_diff_hidden"],
    },
    {
        "cell": "numerical_grad",
        "what": "calls scipy.optimize.approx_fprime, which returns the Jacobian of a vector function",
        "patch": [("def numerical_jacobian(", "from scipy.optimize import approx_fprime\n\n\ndef numerical_jacobian("),
                  ("    columns = []\n"
                   "    for j in range(x.size):\n"
                   "        step = np.zeros_like(x)\n"
                   "        step[j] = h\n"
                   "        up = np.asarray(f(x + step), dtype=float)\n"
                   "        down = np.asarray(f(x - step), dtype=float)\n"
                   "        columns.append((up - down) / (2 * h))\n"
                   "    return np.stack(columns, axis=1)", "    return approx_fprime(x, f, h)")],
        "fails": ["test_numerical_grad", "test_numerical_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "what": "helpers.calculus.mse_gradient on the rows scaled by sqrt(w), rescaled from 1/m to 1/sum(w)",
        "patch": [("def mse_grad(", "from helpers.calculus import mse_gradient\n\n\ndef mse_grad("),
                  ("    return X.T @ (w * (X @ theta - y)) / w.sum() + penalty",
                   "    sw = np.sqrt(w)\n"
                   "    return mse_gradient(theta, X * sw[:, None], y * sw) * len(y) / w.sum() + penalty")],
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "logistic_grads",
        "what": "helpers.calculus.logistic_gradient with the bias as an extra weight on a column of ones",
        "patch": [("def logistic_grads(", "from helpers.calculus import logistic_gradient\n\n\ndef logistic_grads("),
                  ("    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))\n"
                   "    dz = (p - y) / X.shape[0]\n"
                   "    return X.T @ dz, float(np.sum(dz))",
                   "    g = logistic_gradient(np.r_[w, b], np.column_stack([X, np.ones(len(X))]), y)\n"
                   "    return g[:-1], float(g[-1])")],
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden",
                  "test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "logistic_grads",
        "what": "lets torch's autograd do the chain rule (loss.backward())",
        "patch": [("def logistic_grads(", "import torch\n\n\ndef logistic_grads("),
                  ("    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))\n"
                   "    dz = (p - y) / X.shape[0]\n"
                   "    return X.T @ dz, float(np.sum(dz))",
                   "    wt = torch.tensor(np.asarray(w, dtype=float), requires_grad=True)\n"
                   "    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)\n"
                   "    z = torch.tensor(np.asarray(X, dtype=float)) @ wt + bt\n"
                   "    target = torch.tensor(np.asarray(y, dtype=float))\n"
                   "    torch.nn.functional.binary_cross_entropy_with_logits(z, target).backward()\n"
                   "    return wt.grad.numpy(), float(bt.grad)")],
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden",
                  "test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "descend",
        "what": "takes the step length from scipy.optimize.line_search (Wolfe conditions) instead of backtracking",
        "patch": [("def backtracking_descent(",
                   "from scipy.optimize import line_search\n\n\ndef backtracking_descent("),
                  ("        t = lr\n        while not f(x - t * g) <= fx - c * t * (g @ g):\n            t *= shrink\n",
                   "        t = line_search(f, grad, x, -g)[0] or lr\n")],
        "fails": ["test_descend", "test_descend_hidden",
                  "test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "clip_norm",
        "what": "helpers.calculus.clip_by_norm applied to each row",
        "patch": [("def clip_per_example(", "from helpers.calculus import clip_by_norm\n\n\ndef clip_per_example("),
                  ("    norms = np.sqrt(np.sum(G**2, axis=1, keepdims=True))\n"
                   "    scale = max_norm / np.maximum(norms, max_norm)\n"
                   "    return G * scale",
                   "    return np.array([clip_by_norm(g, max_norm) for g in G])")],
        "fails": ["test_clip_norm", "test_clip_norm_hidden"],
    },
    # ---------------------------------------------------------------- part 8: logistic regression on real data
    {
        "cell": "fit_logistic_ridge",
        "what": "the penalty also pulls the bias towards 0 (lam * v instead of lam * w)",
        "patch": [
            ("        return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (v[:n] @ v[:n]))",
             "        return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (v @ v))"),
            ("        return np.append(dw + lam * v[:n], db)          # the penalty leaves the bias alone",
             "        return np.append(dw, db) + lam * v"),
        ],
        "fails": ["test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "fit_logistic_ridge",
        "what": "the penalty's gradient taken as 2 lam w (the derivative of lam ||w||^2, not of lam/2 ||w||^2)",
        "patch": [("        return np.append(dw + lam * v[:n], db)", "        return np.append(dw + 2 * lam * v[:n], db)")],
        "fails": ["test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "fit_logistic_ridge",
        "what": "the cross-entropy summed over the rows, not averaged: the penalty counts m times less",
        "patch": [
            ("        return float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (v[:n] @ v[:n]))",
             "        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * lam * (v[:n] @ v[:n]))"),
            ("        return np.append(dw + lam * v[:n], db)",
             "        return np.append(len(y) * dw + lam * v[:n], len(y) * db)"),
        ],
        "fails": ["test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "fit_logistic_ridge",
        "what": "fixed steps of size lr instead of the line search: lr = 4 > 2 / lambda_max once lam = 2, so it diverges",
        "patch": [
            ("    path = backtracking_descent(cost, gradient, np.zeros(n + 1), lr, n_steps)    # part 5\n"
             "    v = path[-1]\n",
             "    v = np.zeros(n + 1)\n"
             "    for _ in range(n_steps):\n"
             "        v = v - lr * gradient(v)\n"),
        ],
        "fails": ["test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "fit_logistic_ridge",
        "what": "the first iterate of the path returned instead of the last (the starting point 0)",
        "patch": [("    v = path[-1]", "    v = path[0]")],
        "fails": ["test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "fit_logistic_ridge",
        "what": "the course's helpers.ml.logistic_regression_gd (disabled in the tests)",
        "patch": [
            ("    path = backtracking_descent(cost, gradient, np.zeros(n + 1), lr, n_steps)    # part 5\n"
             "    v = path[-1]\n"
             "    return v[:n], float(v[n])",
             "    from helpers.ml import logistic_regression_gd\n"
             "    w, b, _ = logistic_regression_gd(X, y, lr=1.0, n_iter=3000, l2=lam)\n"
             "    return w, b"),
        ],
        "fails": ["test_fit_logistic_ridge", "test_fit_logistic_ridge_hidden", "test_fit_logistic_ridge_penalty"],
    },
    {
        "cell": "tape_forward",
        "what": "every argument read as a name: a constant such as 3.0 in (\"t\", \"mul\", (3.0, \"x\")) raises KeyError",
        "patch": [("return values[arg] if isinstance(arg, str) else float(arg)", "return values[arg]")],
        "fails": ["test_tape_forward_hidden", "test_tape_gradients_hidden"],
        "error": "KeyError",
    },
    {
        "cell": "tape_forward",
        "what": "the inputs wrapped in the course's helpers.autodiff.Value (disabled in the tests)",
        "patch": [("values = {name: float(v) for name, v in inputs.items()}",
                   "from helpers.autodiff import Value\n"
                   "    values = {name: Value(float(v)).data for name, v in inputs.items()}")],
        "fails": ["test_tape_forward", "test_tape_forward_hidden", "test_tape_gradients",
                  "test_tape_gradients_hidden", "test_tape_gradients_edge"],
    },
    {
        "cell": "tape_forward",
        "what": "an unknown op is skipped silently instead of raising ValueError",
        "patch": [("        else:\n            raise ValueError(f\"unknown op {op!r} in the step computing {out!r}\")\n", "")],
        "fails": ["test_tape_forward_hidden"],
    },
    {
        "cell": "tape_forward",
        "what": "log computed as the base-10 logarithm",
        "patch": [("float(np.log(a))", "float(np.log10(a))")],
        "fails": ["test_tape_forward", "test_tape_forward_hidden", "test_tape_gradients", "test_tape_gradients_hidden"],
    },
    {
        "cell": "tape_gradients",
        "what": "adjoints overwritten instead of summed: a name used by two steps keeps only the last contribution",
        "patch": [("adjoint[arg] += g * d", "adjoint[arg] = g * d")],
        "fails": ["test_tape_gradients_hidden", "test_tape_gradients_edge"],
    },
    {
        "cell": "tape_gradients",
        "what": "the local derivatives keyed by argument name, so x * x passes back x once instead of twice",
        "patch": [("for arg, d in zip(args, local):", "for arg, d in dict(zip(args, local)).items():")],
        "fails": ["test_tape_gradients_edge"],
    },
    {
        "cell": "tape_gradients",
        "what": "steps the output does not reach are skipped, so an unused input is missing from grads",
        "patch": [
            ("adjoint = {name: 0.0 for name in values}\n    adjoint[tape[-1][0]] = 1.0",
             "adjoint = {tape[-1][0]: 1.0}"),
            ("        g = adjoint[out]\n", "        if out not in adjoint:\n            continue\n        g = adjoint[out]\n"),
            ("adjoint[arg] += g * d", "adjoint[arg] = adjoint.get(arg, 0.0) + g * d"),
            ("{name: adjoint[name] for name in inputs}", "{name: g for name, g in adjoint.items() if name in inputs}"),
        ],
        "fails": ["test_tape_gradients_edge"],
    },
    {
        "cell": "tape_gradients",
        "what": "the expression rebuilt from the course's helpers.autodiff.Value nodes (disabled in the tests)",
        "patch": [("    values = run_tape(tape, inputs)\n",
                   "    from helpers.autodiff import Value\n"
                   "    nodes = {name: Value(float(v)) for name, v in inputs.items()}\n"
                   "    values = run_tape(tape, inputs)\n")],
        "fails": ["test_tape_gradients", "test_tape_gradients_hidden", "test_tape_gradients_edge"],
    },
    {
        "cell": "tape_gradients",
        "what": "the backward sweep visits the steps in tape order instead of reverse order",
        "patch": [("in reversed(tape):", "in tape:")],
        "fails": ["test_tape_gradients", "test_tape_gradients_hidden", "test_tape_gradients_edge"],
    },
    {
        "cell": "tape_gradients",
        "what": "the power rule as p a^p instead of p a^(p - 1)",
        "patch": [("args[1] * a ** (args[1] - 1)", "args[1] * a ** args[1]")],
        "fails": ["test_tape_gradients", "test_tape_gradients_hidden"],
    },
    {
        "cell": "tape_gradients",
        "what": "the derivative of sin taken as -cos",
        "patch": [("local = (float(np.cos(a)),)", "local = (-float(np.cos(a)),)")],
        "fails": ["test_tape_gradients_hidden"],
    },
    {
        "cell": "tape_gradients",
        "what": "the derivative of log a taken as 1 / log a (the step's output) instead of 1 / a",
        "patch": [("local = (1.0 / a,)", "local = (1.0 / values[out],)")],
        "fails": ["test_tape_gradients", "test_tape_gradients_hidden"],
    },
]
WRONG_ANSWERS += [
    {
        "cell": "hessian_fd",
        "what": "the mixed term divided by 2 h^2 instead of 4 h^2",
        "patch": [("(pp - pm - mp + mm) / (4 * h**2)", "(pp - pm - mp + mm) / (2 * h**2)")],
        "fails": ["test_hessian_fd", "test_hessian_fd_hidden"],
    },
    {
        "cell": "hessian_fd",
        "what": "a one-sided mixed difference (f(x+hi+hj) - f(x+hi) - f(x+hj) + f(x)) / h^2: exact only on quadratics",
        "patch": [("(pp - pm - mp + mm) / (4 * h**2)",
                   "(pp - f(x + steps[i]) - f(x + steps[j]) + f0) / h**2")],
        "fails": ["test_hessian_fd_hidden"],
    },
    {
        "cell": "classify_critical_point",
        "what": "classifies by the signs of the diagonal entries of H instead of its eigenvalues",
        "patch": [("lam = np.linalg.eigvalsh((H + H.T) / 2)", "lam = np.diag(H)")],
        "fails": ["test_critical_point_hidden", "test_critical_point_edge"],
    },
    {
        "cell": "classify_critical_point",
        "what": "any zero eigenvalue gives 'degenerate', even when others have both signs (a sure saddle)",
        "patch": [("    if np.any(lam > tol) and np.any(lam < -tol):",
                   "    if np.any(np.abs(lam) <= tol):\n        return \"degenerate\"\n"
                   "    if np.any(lam > tol) and np.any(lam < -tol):")],
        "fails": ["test_critical_point_edge"],
    },
    {
        "cell": "levenberg_marquardt",
        "what": "Levenberg's damping lam * I instead of Marquardt's lam * diag(J^T J)",
        "patch": [("lam * np.diag(np.diag(JtJ))", "lam * np.eye(len(theta))")],
        "fails": ["test_levenberg_marquardt", "test_levenberg_marquardt_edge"],
    },
    {
        "cell": "levenberg_marquardt",
        "what": "the Jacobian computed once at theta0, before the loop (exact only for a linear residual)",
        "patch": [("        J = np.asarray(jac_fn(theta), dtype=float)\n", ""),
                  ("    costs = [cost]\n", "    costs = [cost]\n    J = np.asarray(jac_fn(theta), dtype=float)\n")],
        "fails": ["test_levenberg_marquardt_hidden", "test_levenberg_marquardt_edge",
                  "test_fit_power_law", "test_fit_power_law_hidden"],
    },
    {
        "cell": "levenberg_marquardt",
        "what": "records the trial cost of every step, so a rejected step shows a cost that was never reached",
        "patch": [("        costs.append(cost)\n", "        costs.append(cost_new)\n")],
        "fails": ["test_levenberg_marquardt_edge"],
    },
    {
        "cell": "fit_power_law",
        "what": "returns the log-log start: Levenberg-Marquardt run for 0 iterations",
        "patch": [("np.array([np.exp(log_a), p]), n_iter)", "np.array([np.exp(log_a), p]), 0)")],
        "fails": ["test_fit_power_law", "test_fit_power_law_hidden"],
    },
    {
        "cell": "fit_power_law",
        "what": "starts from a = log a (the intercept not turned back by exp): converges, but from another start",
        "patch": [("np.array([np.exp(log_a), p])", "np.array([log_a, p])")],
        "fails": ["test_fit_power_law_hidden"],
    },
    {
        "cell": "hessian_fd",
        "what": "the diagonal taken from the course's numerical_gradient (disabled in the tests)",
        "patch": [("    f0 = float(f(x))\n",
                   "    f0 = float(f(x))\n    from helpers.checks import numerical_gradient\n"
                   "    slope = numerical_gradient(f, x)\n")],
        "fails": ["test_hessian_fd", "test_hessian_fd_hidden"],
    },
    {
        "cell": "classify_critical_point",
        "what": "a minimum checked with the course's helpers.matrices.is_psd (disabled in the tests)",
        "patch": [("    if np.all(lam > tol):",
                   "    from helpers.matrices import is_psd\n    if is_psd(H) and np.all(lam > tol):")],
        "fails": ["test_critical_point", "test_critical_point_hidden", "test_critical_point_edge"],
    },
    {
        "cell": "levenberg_marquardt",
        "what": "starts from SciPy's least_squares answer (disabled in the tests)",
        "patch": [("    theta = np.array(theta0, dtype=float)\n",
                   "    from scipy.optimize import least_squares\n"
                   "    theta = least_squares(residual_fn, np.array(theta0, dtype=float), jac=jac_fn, method=\"lm\").x\n")],
        "fails": ["test_levenberg_marquardt", "test_levenberg_marquardt_hidden", "test_levenberg_marquardt_edge",
                  "test_fit_power_law", "test_fit_power_law_hidden"],
    },
    {
        "cell": "fit_power_law",
        "what": "the log-log start from np.polyfit (disabled in the tests)",
        "patch": [("(log_a, p), *_ = np.linalg.lstsq(design, np.log(y), rcond=None)",
                   "p, log_a = np.polyfit(np.log(x), np.log(y), 1)")],
        "fails": ["test_fit_power_law", "test_fit_power_law_hidden"],
    },
]
