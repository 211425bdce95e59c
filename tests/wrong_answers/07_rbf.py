"""Plausible student mistakes for the 07_rbf assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "gaussian_activations",
        "what": "the book's text formula: sigma^2 instead of 2 sigma^2 in the denominator",
        "patch": [("a = -d2 / (2 * sigma**2)", "a = -d2 / sigma**2")],
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {
        "cell": "gaussian_activations",
        "what": "no shift: divides the plain Gaussians, which gives 0 / 0 = nan far from every centre",
        "patch": [("e = np.exp(a - a.max(axis=1, keepdims=True))", "e = np.exp(a)")],
        "fails": ["test_gaussian_activations_hidden"],
    },
    {
        "cell": "gaussian_activations",
        "what": "shifts by the largest exponent of the whole matrix instead of each row's",
        "patch": [("a.max(axis=1, keepdims=True)", "a.max()")],
        "fails": ["test_gaussian_activations_hidden"],
    },
    {
        "cell": "width_rule",
        "what": "M taken from the wrong axis: number of features instead of number of centres",
        "patch": [("np.sqrt(2 * len(C))", "np.sqrt(2 * C.shape[1])")],
        "fails": ["test_width_rule", "test_width_rule_hidden"],
    },
    {
        "cell": "width_rule",
        "what": "counts each pair twice (both triangles of the distance matrix), which moves most quantiles",
        "patch": [
            ("    i, j = np.triu_indices(len(C), k=1)\n", ""),
            ("np.quantile(d[i, j], q)", "np.quantile(d[~np.eye(len(C), dtype=bool)], q)"),
        ],
        "fails": ["test_width_rule_hidden"],
    },
    {
        "cell": "nearest_center_widths",
        "what": "root mean squared distance without the division by the number of coordinates d",
        "patch": [("total / np.maximum(counts, 1) / X.shape[1]", "total / np.maximum(counts, 1)")],
        "fails": ["test_nearest_center_widths", "test_nearest_center_widths_hidden"],
    },
    {
        "cell": "nearest_center_widths",
        "what": "leaves a width of 0 for a centre that wins no input (or whose inputs all sit on it)",
        "patch": [("    widths[widths == 0] = widths[widths > 0].mean()\n", "")],
        "fails": ["test_nearest_center_widths_hidden"],
    },
    {
        "cell": "output_weights",
        "what": "adds alpha to every entry of G^T S G instead of to its diagonal",
        "patch": [("alpha * np.eye(G.shape[1])", "alpha")],
        "fails": ["test_output_weights", "test_output_weights_hidden"],
    },
    {
        "cell": "output_weights",
        "what": "weights the targets with sample_weight * T, which only broadcasts for a single target",
        "patch": [("np.linalg.solve(A, Gs.T @ T)", "np.linalg.solve(A, G.T @ (np.asarray(sample_weight) * T))")],
        "fails": ["test_output_weights_hidden"],
        "error": "ValueError",
    },
    {
        "cell": "rbf_predict",
        "what": "bias column put first although the bias is the last row of W",
        "patch": [("np.hstack([G, np.ones((G.shape[0], 1))])", "np.hstack([np.ones((G.shape[0], 1)), G])")],
        "fails": ["test_rbf_predict", "test_rbf_predict_hidden"],
    },
    {
        "cell": "rbf_predict",
        "what": "plain Gaussian activations instead of the normalised ones of Part 1",
        "patch": [
            ("G = normalised_activations(X, centers, sigma)",
             "d2 = ((np.asarray(X)[:, None, :] - np.asarray(centers)[None, :, :]) ** 2).sum(axis=2)\n"
             "    G = np.exp(-d2 / (2 * np.asarray(sigma, dtype=float) ** 2))"),
        ],
        "fails": ["test_rbf_predict_hidden"],
    },
    {
        "cell": "gaussian_activations",
        "what": "calls SciPy's softmax on the exponents (switched off by the tests, the visible one too)",
        "patch": [("    e = np.exp(a - a.max(axis=1, keepdims=True))\n    return e / e.sum(axis=1, keepdims=True)",
                   "    from scipy.special import softmax\n    return softmax(a, axis=1)")],
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    },
    {
        "cell": "width_rule",
        "what": "takes the pair distances from scipy.spatial.distance.pdist (switched off by the tests)",
        "patch": [
            ("    d = np.sqrt(((C[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))\n"
             "    i, j = np.triu_indices(len(C), k=1)\n"
             "    return float(np.quantile(d[i, j], q) / np.sqrt(2 * len(C)))",
             "    from scipy.spatial.distance import pdist\n"
             "    return float(np.quantile(pdist(C), q) / np.sqrt(2 * len(C)))"),
        ],
        "fails": ["test_width_rule", "test_width_rule_hidden"],
    },
    {
        "cell": "nearest_center_widths",
        "what": "squared distances from scipy.spatial.distance.cdist (switched off by the tests)",
        "patch": [("    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)",
                   "    from scipy.spatial.distance import cdist\n    d2 = cdist(X, C, \"sqeuclidean\")")],
        "fails": ["test_nearest_center_widths", "test_nearest_center_widths_hidden"],
    },
    {
        "cell": "nearest_center_widths",
        "what": "nearest centres and their distances from scipy.cluster.vq.vq (switched off by the tests)",
        "patch": [
            ("    d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)\n"
             "    labels = d2.argmin(axis=1)\n"
             "    total = np.bincount(labels, weights=d2[np.arange(len(X)), labels], minlength=len(C))",
             "    from scipy.cluster.vq import vq\n"
             "    labels, dist = vq(X, C)\n"
             "    total = np.bincount(labels, weights=dist**2, minlength=len(C))"),
        ],
        "fails": ["test_nearest_center_widths", "test_nearest_center_widths_hidden"],
    },
    {
        "cell": "output_weights",
        "what": "forms the inverse with np.linalg.inv instead of solving (switched off by the tests)",
        "patch": [("np.linalg.solve(A, Gs.T @ T)", "np.linalg.inv(A) @ (Gs.T @ T)")],
        "fails": ["test_output_weights", "test_output_weights_hidden"],
    },
    {
        "cell": "rbf_predict",
        "what": "hidden layer from the lecture's helpers.rbf.gaussian_rbf, normalised by hand (switched off by the tests)",
        "patch": [("G = normalised_activations(X, centers, sigma)",
                   "from helpers.rbf import gaussian_rbf\n"
                   "    g = gaussian_rbf(X, centers, sigma)\n"
                   "    G = g / g.sum(axis=1, keepdims=True)")],
        "fails": ["test_rbf_predict", "test_rbf_predict_hidden"],
    },
    {
        "cell": "fit_rbf_classifier",
        "what": "the centres drawn with an unseeded generator: a good model, but not the same one twice",
        "patch": [("rng = np.random.default_rng(seed)", "rng = np.random.default_rng()")],
        "fails": ["test_fit_rbf_classifier_hidden"],
    },
    {
        "cell": "fit_rbf_classifier",
        "what": "one-hot targets by np.eye(K)[y], which assumes the labels are 0, 1, ..., K - 1",
        "patch": [("T = (y[:, None] == classes[None, :]).astype(float)", "T = np.eye(len(classes))[y]")],
        "fails": ["test_fit_rbf_classifier_labels_hidden"],
        "error": "IndexError",
    },
    {
        "cell": "fit_rbf_classifier",
        "what": "the k-means rounds through helpers.clustering.kmeans, which the tests disable",
        "patch": [
            ("def fit_rbf_classifier(", "from helpers.clustering import kmeans\n\n\ndef fit_rbf_classifier("),
            ("    C = X[rng.choice(len(X), size=n_centers, replace=False)].copy()\n",
             "    C = kmeans(X, n_centers, random_state=seed)[0]\n"),
        ],
        "fails": ["test_fit_rbf_classifier", "test_fit_rbf_classifier_hidden", "test_fit_rbf_classifier_labels_hidden"],
    },
]
