"""Plausible student mistakes for the 07_rbf assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {   # the book's text formula: sigma^2 instead of 2 sigma^2 in the denominator
        "cell": "gaussian_activations",
        "source": '''
def gaussian_activations(X, centers, sigma):
    """Gaussian RBF activations, shape (n, M); sigma is a float or an array of shape (M,)."""
    X = np.asarray(X, dtype=float)
    C = np.asarray(centers, dtype=float)
    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return np.exp(-d2 / np.asarray(sigma, dtype=float) ** 2)
''',
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {   # distances instead of squared distances
        "cell": "gaussian_activations",
        "source": '''
def gaussian_activations(X, centers, sigma):
    """Gaussian RBF activations, shape (n, M); sigma is a float or an array of shape (M,)."""
    X = np.asarray(X, dtype=float)
    C = np.asarray(centers, dtype=float)
    d = np.sqrt(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))
    return np.exp(-d / (2 * np.asarray(sigma, dtype=float) ** 2))
''',
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {   # M taken from the wrong axis: number of features instead of number of centres
        "cell": "width_rule",
        "source": '''
def width_rule(centers):
    """sigma = d_max / sqrt(2 M) for centres of shape (M, d)."""
    C = np.asarray(centers, dtype=float)
    d = np.sqrt(((C[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))
    return float(d.max() / np.sqrt(2 * C.shape[1]))
''',
        "fails": ["test_width_rule", "test_width_rule_hidden"],
    },
    {   # forgets to exclude the centre itself (distance 0) from its neighbours
        "cell": "nearest_center_widths",
        "source": '''
def nearest_center_widths(centers, p=2):
    """Mean distance from each centre to its p nearest other centres, shape (M,)."""
    C = np.asarray(centers, dtype=float)
    d = np.sqrt(((C[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))
    return np.sort(d, axis=1)[:, :p].mean(axis=1)
''',
        "fails": ["test_nearest_center_widths", "test_nearest_center_widths_hidden"],
    },
    {   # adds alpha to every entry of G^T G instead of to its diagonal
        "cell": "output_weights",
        "source": '''
def output_weights(G, T, alpha=1e-6):
    """Ridge least-squares weights W (shape (M,) or (M, K)) solving G W ~ T."""
    G = np.asarray(G, dtype=float)
    T = np.asarray(T, dtype=float)
    return np.linalg.solve(G.T @ G + alpha, G.T @ T)
''',
        "fails": ["test_output_weights", "test_output_weights_hidden"],
    },
    {   # the book's explicit inverse: correct numbers, but the hidden test forbids inv
        "cell": "output_weights",
        "source": '''
def output_weights(G, T, alpha=1e-6):
    """Ridge least-squares weights W (shape (M,) or (M, K)) solving G W ~ T."""
    G = np.asarray(G, dtype=float)
    T = np.asarray(T, dtype=float)
    return np.linalg.inv(G.T @ G + alpha * np.eye(G.shape[1])) @ G.T @ T
''',
        "fails": ["test_output_weights_hidden"],
    },
    {   # bias column put first although the bias is the last row of W
        "cell": "rbf_predict",
        "source": '''
def rbf_predict(X, centers, sigma, W, classes):
    """Labels (shape (n,)) predicted by an RBF network whose last weight row is the bias."""
    G = gaussian_activations(X, centers, sigma)
    H = np.hstack([np.ones((G.shape[0], 1)), G])
    scores = H @ np.asarray(W, dtype=float)
    return np.asarray(classes)[scores.argmax(axis=1)]
''',
        "fails": ["test_rbf_predict", "test_rbf_predict_hidden"],
    },
]
