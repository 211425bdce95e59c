"""Plausible student mistakes for the 08_som assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "find_bmu",
        "what": "unravels the flat index with the number of rows instead of the number of columns",
        "patch": [
            ("i, j = np.unravel_index(int(np.argmin(d)), d.shape)", "i, j = divmod(int(np.argmin(d)), W.shape[0])"),
        ],
        "fails": ["test_find_bmu", "test_find_bmu_hidden"],
    },
    {
        "cell": "neighbourhood",
        "what": "2 sigma instead of 2 sigma^2 in the denominator",
        "patch": [("np.exp(-d2 / (2 * sigma**2))", "np.exp(-d2 / (2 * sigma))")],
        "fails": ["test_neighbourhood", "test_neighbourhood_hidden"],
    },
    {
        "cell": "update_weights",
        "what": "updates the caller's array in place",
        "patch": [
            ("    return W + learning_rate * h[:, :, None] * (np.asarray(x, dtype=float) - W)",
             "    W += learning_rate * h[:, :, None] * (np.asarray(x, dtype=float) - W)\n"
             "    return W"),
        ],
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {
        "cell": "update_weights",
        "what": "moves only the BMU (forgets the neighbourhood)",
        "patch": [
            ("    W = np.asarray(weights, dtype=float)\n"
             "    h = neighbourhood(W.shape[:2], bmu, sigma)\n"
             "    return W + learning_rate * h[:, :, None] * (np.asarray(x, dtype=float) - W)",
             "    W = np.array(weights, dtype=float)\n"
             "    W[bmu] += learning_rate * (np.asarray(x, dtype=float) - W[bmu])\n"
             "    return W"),
        ],
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {
        "cell": "exponential_decay",
        "what": "treats the time constant as a rate",
        "patch": [
            ("np.exp(-np.asarray(t, dtype=float) / time_constant)",
             "np.exp(-np.asarray(t, dtype=float) * time_constant)"),
        ],
        "fails": ["test_exponential_decay", "test_exponential_decay_hidden"],
    },
    {
        "cell": "quantization_error",
        "what": "mean squared distance instead of mean distance",
        "patch": [
            ("    d = np.sqrt(((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2))\n"
             "    return float(d.min(axis=1).mean())",
             "    d2 = ((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2)\n"
             "    return float(d2.min(axis=1).mean())"),
        ],
        "fails": ["test_quantization_error", "test_quantization_error_hidden"],
    },
]
