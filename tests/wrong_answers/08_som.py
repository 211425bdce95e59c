"""Plausible student mistakes for the 08_som assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {   # unravels the flat index with the number of rows instead of the number of columns
        "cell": "find_bmu",
        "source": '''
def find_bmu(weights, x):
    """Grid position (i, j) of the node closest to x; weights has shape (rows, cols, d)."""
    W = np.asarray(weights, dtype=float)
    d = np.linalg.norm(W - np.asarray(x, dtype=float), axis=-1)
    i, j = divmod(int(np.argmin(d)), W.shape[0])
    return int(i), int(j)
''',
        "fails": ["test_find_bmu", "test_find_bmu_hidden"],
    },
    {   # 2 sigma instead of 2 sigma^2 in the denominator
        "cell": "neighbourhood",
        "source": '''
def neighbourhood(grid_shape, bmu, sigma):
    """Gaussian weights on the grid around bmu, shape grid_shape."""
    rows = np.arange(grid_shape[0])[:, None]
    cols = np.arange(grid_shape[1])[None, :]
    d2 = (rows - bmu[0]) ** 2 + (cols - bmu[1]) ** 2
    return np.exp(-d2 / (2 * sigma))
''',
        "fails": ["test_neighbourhood", "test_neighbourhood_hidden"],
    },
    {   # updates the caller's array in place
        "cell": "update_weights",
        "source": '''
def update_weights(weights, x, bmu, learning_rate, sigma):
    """New weights (same shape) after one SOM step towards x around bmu."""
    W = np.asarray(weights, dtype=float)
    h = neighbourhood(W.shape[:2], bmu, sigma)
    W += learning_rate * h[:, :, None] * (np.asarray(x, dtype=float) - W)
    return W
''',
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {   # moves only the BMU (forgets the neighbourhood)
        "cell": "update_weights",
        "source": '''
def update_weights(weights, x, bmu, learning_rate, sigma):
    """New weights (same shape) after one SOM step towards x around bmu."""
    W = np.array(weights, dtype=float)
    W[bmu] += learning_rate * (np.asarray(x, dtype=float) - W[bmu])
    return W
''',
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {   # treats the time constant as a rate
        "cell": "exponential_decay",
        "source": '''
def exponential_decay(v0, t, time_constant):
    """v0 * exp(-t / time_constant); t may be a number or an array."""
    return v0 * np.exp(-np.asarray(t, dtype=float) * time_constant)
''',
        "fails": ["test_exponential_decay", "test_exponential_decay_hidden"],
    },
    {   # mean squared distance instead of mean distance
        "cell": "quantization_error",
        "source": '''
def quantization_error(weights, data):
    """Mean distance between each row of data and the weights of its best matching unit."""
    W = np.asarray(weights, dtype=float).reshape(-1, np.shape(weights)[-1])
    X = np.asarray(data, dtype=float)
    d2 = ((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2)
    return float(d2.min(axis=1).mean())
''',
        "fails": ["test_quantization_error", "test_quantization_error_hidden"],
    },
]
