"""Plausible student mistakes for the 01b_calculus assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        "cell": "central_diff",
        "source": '''
def central_diff(f, x, h=1e-5):
    """Central-difference derivative of an elementwise function f at x (float or array)."""
    x = np.asarray(x, dtype=float)
    return (f(x + h) - f(x)) / h
''',
        "fails": ["test_central_diff", "test_central_diff_hidden"],
    },
    {
        "cell": "numerical_grad",
        "source": '''
def numerical_grad(f, x, h=1e-6):
    """Central-difference gradient of a scalar function f at the 1-D array x."""
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        grad[i] = (up - down) / (2 * h)
    return grad
''',
        "fails": ["test_numerical_grad", "test_numerical_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "source": '''
def mse_grad(theta, X, y, lam=0.0):
    """Gradient of J(theta) = 1/(2m) ||X theta - y||^2 + lam/2 ||theta[1:]||^2, shape (n,)."""
    return (1 / len(X)) * np.dot(2 * (X @ theta - y).T, X) + lam * np.r_[0.0, theta[1:]]
''',
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "mse_grad",
        "source": '''
def mse_grad(theta, X, y, lam=0.0):
    """Gradient of J(theta) = 1/(2m) ||X theta - y||^2 + lam/2 ||theta[1:]||^2, shape (n,)."""
    return X.T @ (X @ theta - y) / X.shape[0] + lam * theta
''',
        "fails": ["test_mse_grad", "test_mse_grad_hidden"],
    },
    {
        "cell": "logistic_grads",
        "source": '''
def logistic_grads(w, b, X, y):
    """Gradients (dL/dw, dL/db) of the mean cross-entropy of sigmoid(X w + b)."""
    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    dz = p - y
    return X.T @ dz, float(np.sum(dz))
''',
        "fails": ["test_logistic_grads", "test_logistic_grads_hidden"],
    },
    {
        "cell": "descend",
        "source": '''
def descend(grad, x0, lr, n_steps):
    """Gradient descent from x0; returns all iterates, shape (n_steps + 1, d)."""
    x = np.array(x0, dtype=float)
    path = []
    for _ in range(n_steps):
        x = x - lr * grad(x)
        path.append(x.copy())
    return np.array(path)
''',
        "fails": ["test_descend", "test_descend_hidden"],
    },
    {
        "cell": "newton_minimize",
        "source": '''
def newton_minimize(grad, hess, x0, n_steps):
    """Newton's method from x0; returns the final iterate (1-D array)."""
    x = np.array(x0, dtype=float)
    for _ in range(n_steps):
        x = x - hess(x) @ grad(x)
    return x
''',
        "fails": ["test_newton_minimize", "test_newton_minimize_hidden"],
    },
    {
        "cell": "clip_norm",
        "source": '''
def clip_norm(g, max_norm):
    """Rescale g so that ||g|| <= max_norm, keeping its direction."""
    return np.clip(g, -max_norm, max_norm)
''',
        "fails": ["test_clip_norm", "test_clip_norm_hidden"],
    },
]
