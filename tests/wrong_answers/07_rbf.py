"""Plausible student mistakes for the 07_rbf assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "gaussian_activations",
        "what": "the book's text formula: sigma^2 instead of 2 sigma^2 in the denominator",
        "patch": [("np.exp(-d2 / (2 * sigma**2))", "np.exp(-d2 / sigma**2)")],
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {
        "cell": "gaussian_activations",
        "what": "distances instead of squared distances",
        "patch": [
            ("d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)",
             "d = np.sqrt(((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))"),
            ("np.exp(-d2 /", "np.exp(-d /"),
        ],
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {
        "cell": "width_rule",
        "what": "M taken from the wrong axis: number of features instead of number of centres",
        "patch": [("float(d.max() / np.sqrt(2 * C.shape[0]))", "float(d.max() / np.sqrt(2 * C.shape[1]))")],
        "fails": ["test_width_rule", "test_width_rule_hidden"],
    },
    {
        "cell": "nearest_center_widths",
        "what": "forgets to exclude the centre itself (distance 0) from its neighbours",
        "patch": [("    np.fill_diagonal(d, np.inf)\n", "")],
        "fails": ["test_nearest_center_widths", "test_nearest_center_widths_hidden"],
    },
    {
        "cell": "output_weights",
        "what": "adds alpha to every entry of G^T G instead of to its diagonal",
        "patch": [("alpha * np.eye(G.shape[1])", "alpha")],
        "fails": ["test_output_weights", "test_output_weights_hidden"],
    },
    {
        "cell": "output_weights",
        "what": "the book's explicit inverse: correct numbers, but the hidden test forbids inv",
        "patch": [("np.linalg.solve(A, G.T @ T)", "np.linalg.inv(A) @ G.T @ T")],
        "fails": ["test_output_weights_hidden"],
    },
    {
        "cell": "rbf_predict",
        "what": "bias column put first although the bias is the last row of W",
        "patch": [("np.hstack([G, np.ones((G.shape[0], 1))])", "np.hstack([np.ones((G.shape[0], 1)), G])")],
        "fails": ["test_rbf_predict", "test_rbf_predict_hidden"],
    },
]
