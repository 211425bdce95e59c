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
    {
        "cell": "rbf_gradients",
        "what": "forgets the factor 2 of the squared error in dL/dY",
        "patch": [("dY = 2 * R / n", "dY = R / n")],
        "fails": ["test_rbf_gradients", "test_rbf_gradients_hidden", "test_rbf_gradients_hidden_2",
                  "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "rbf_gradients",
        "what": "averages the loss over all n * K entries instead of over the n rows (the visible example has K = 1)",
        "patch": [("loss = float((R**2).sum() / n)", "loss = float((R**2).mean())"),
                  ("dY = 2 * R / n", "dY = 2 * R / R.size")],
        "fails": ["test_rbf_gradients_hidden", "test_rbf_gradients_hidden_2", "test_fit_rbf_gd_hidden",
                  "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "rbf_gradients",
        "what": "dW from the residuals without the 1/n of the mean (right for the one-row example only)",
        "patch": [("dW = G.T @ dY", "dW = 2 * G.T @ R")],
        "fails": ["test_rbf_gradients_hidden", "test_fit_rbf_gd", "test_fit_rbf_gd_hidden", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "rbf_gradients",
        "what": "dL/dsigma with sigma^2 instead of sigma^3 (the visible example has sigma = 1)",
        "patch": [("dsigma = (dE * d2).sum(axis=0) / s**3", "dsigma = (dE * d2).sum(axis=0) / s**2")],
        "fails": ["test_rbf_gradients_hidden_2", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "rbf_gradients",
        "what": "dL/dC divided by sigma instead of sigma^2 (the visible example has sigma = 1)",
        "patch": [("/ s[:, None] ** 2", "/ s[:, None]")],
        "fails": ["test_rbf_gradients_hidden_2", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "ols_select",
        "what": "no check for columns that add nothing new: a column of zeros gives 0 / 0 = nan, which argmax picks",
        "patch": [("usable = pp > 1e-10 * own", "usable = np.ones(len(pp), dtype=bool)")],
        "fails": ["test_ols_select_duplicates_hidden"],
    },
    {
        "cell": "ols_select",
        "what": "ranks candidates by (p^T r)^2 without dividing by p^T p (correlation size, not the drop in RSS)",
        "patch": [("(P.T @ r) ** 2 / np.where(usable, pp, 1.0)", "(P.T @ r) ** 2")],
        "fails": ["test_ols_select", "test_ols_select_hidden", "test_ols_select_duplicates_hidden"],
    },
    {
        "cell": "ols_select",
        "what": "Gaussians with 2 sigma instead of 2 sigma^2 in the denominator (the visible example has sigma = 1)",
        "patch": [("/ (2 * sigma**2))", "/ (2 * sigma))")],
        "fails": ["test_ols_select_hidden", "test_ols_select_duplicates_hidden"],
    },
    {
        "cell": "ols_select",
        "what": "forgets the bias column: neither the residual nor the candidates are centred",
        "patch": [("    P = P - P.mean(axis=0)                                # orthogonal to the bias column\n", ""),
                  ("r = y - y.mean()", "r = y.copy()")],
        "fails": ["test_ols_select", "test_ols_select_hidden", "test_ols_select_duplicates_hidden"],
    },
    {
        "cell": "ols_select",
        "what": "refits with np.linalg.lstsq (switched off by the tests)",
        "patch": [("        q = P[:, k] / np.sqrt(pp[k])\n",
                   "        q = P[:, k] / np.linalg.norm(P[:, k])\n"
                   "        np.linalg.lstsq(P[:, [k]], r, rcond=None)\n")],
        "fails": ["test_ols_select", "test_ols_select_hidden", "test_ols_select_duplicates_hidden"],
    },
    {
        "cell": "fit_rbf_gd",
        "what": "moves only the output weights and biases; the centres and widths stay where they started",
        "patch": [("C, s, W, b = C - lr * dC, s - lr * ds, W - lr * dW, b - lr * db",
                   "W, b = W - lr * dW, b - lr * db")],
        "fails": ["test_fit_rbf_gd_hidden", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "fit_rbf_gd",
        "what": "starts gradient descent from zero output weights instead of the ridge fit",
        "patch": [("W, b = Wb[:-1], Wb[-1]", "W, b = np.zeros_like(Wb[:-1]), np.zeros_like(Wb[-1])")],
        "fails": ["test_fit_rbf_gd", "test_fit_rbf_gd_hidden", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "fit_rbf_gd",
        "what": "the ridge start always with alpha = 1 (the default), whatever alpha is passed",
        "patch": [("weighted_output_weights(H, T, alpha, np.ones(len(X)))",
                   "weighted_output_weights(H, T, 1.0, np.ones(len(X)))")],
        "fails": ["test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "fit_rbf_gd",
        "what": "widths from cluster_widths without the factor sqrt(d): per-coordinate widths underflow in 64-D",
        "patch": [("s = np.sqrt(X.shape[1]) * cluster_widths(X, C)", "s = cluster_widths(X, C)")],
        "fails": ["test_fit_rbf_gd", "test_fit_rbf_gd_hidden", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "rbf_gradients",
        "what": "dL/dsigma by finite differences with helpers.checks.numerical_gradient (switched off by the tests)",
        "patch": [("    dsigma = (dE * d2).sum(axis=0) / s**3\n",
                   "    from helpers.checks import numerical_gradient\n"
                   "    dsigma = numerical_gradient(lambda v: float(((np.exp(-d2 / (2 * v**2)) @ W + b - T) ** 2).sum() / n), s)\n")],
        "fails": ["test_rbf_gradients", "test_rbf_gradients_hidden", "test_rbf_gradients_hidden_2"],
    },
    {
        "cell": "fit_rbf_gd",
        "what": "the ridge start from helpers.rbf.fit_output_weights (switched off by the tests)",
        "patch": [("    Wb = weighted_output_weights(H, T, alpha, np.ones(len(X)))\n",
                   "    from helpers.rbf import fit_output_weights\n"
                   "    Wb = fit_output_weights(H, T, alpha)\n")],
        "fails": ["test_fit_rbf_gd", "test_fit_rbf_gd_hidden", "test_fit_rbf_gd_steps_hidden"],
    },
    {
        "cell": "ols_weights",
        "what": "Gram-Schmidt against the previous column only, not all earlier ones (right for one unit)",
        "patch": [("        for j in range(m):\n", "        for j in range(max(m - 1, 0), m):\n")],
        "fails": ["test_ols_weights_hidden", "test_ols_weights_many_units_hidden"],
    },
    {
        "cell": "ols_weights",
        "what": "substitutes from the first row down, while the later weights are still zero",
        "patch": [("for m in range(k - 1, -1, -1):", "for m in range(k):")],
        "fails": ["test_ols_weights", "test_ols_weights_hidden", "test_ols_weights_many_units_hidden"],
    },
    {
        "cell": "ols_weights",
        "what": "solves A theta = g with np.linalg.solve (switched off by the tests)",
        "patch": [("    theta = np.zeros(k)\n    for m in range(k - 1, -1, -1):\n"
                   "        theta[m] = g[m] - A[m, m + 1:] @ theta[m + 1:]\n",
                   "    theta = np.linalg.solve(A, g)\n")],
        "fails": ["test_ols_weights", "test_ols_weights_hidden", "test_ols_weights_many_units_hidden"],
    },
]
