"""Plausible student mistakes for the 08_som assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "find_bmu",
        "what": "unravels the flat indices with the number of rows instead of the number of columns",
        "patch": [("ncols = W.shape[1]", "ncols = W.shape[0]")],
        "fails": ["test_find_bmu", "test_find_bmu_hidden"],
    },
    {
        "cell": "find_bmu",
        "what": "takes the runner-up among the nodes farther than the BMU, so a node tied with the BMU is skipped",
        "patch": [
            ('    first, second = np.argsort(d, kind="stable")[:2]\n',
             "    first = int(d.argmin())\n"
             "    second = int(np.where(d == d[first], np.inf, d).argmin())\n"),
        ],
        "fails": ["test_find_bmu_hidden"],
    },
    {
        "cell": "neighbourhood",
        "what": "flat grid: forgets the way round the back of the torus",
        "patch": [
            ("    di = np.minimum(di, nx - di)[:, None]\n    dj = np.minimum(dj, ny - dj)[None, :]\n",
             "    di = di[:, None]\n    dj = dj[None, :]\n"),
        ],
        "fails": ["test_neighbourhood", "test_neighbourhood_hidden"],
    },
    {
        "cell": "neighbourhood",
        "what": "wraps the columns with the number of rows (only right on square grids)",
        "patch": [("np.minimum(dj, ny - dj)", "np.minimum(dj, nx - dj)")],
        "fails": ["test_neighbourhood_hidden"],
    },
    {
        "cell": "update_weights",
        "what": "writes the new weights into the caller's array",
        "patch": [("new = flat.copy()", "new = flat")],
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {
        "cell": "update_weights",
        "what": "divides by every node's total h, so a node that gets no weight at all becomes nan",
        "patch": [
            ("    moved = den > 0\n    new[moved] = (H.T @ X)[moved] / den[moved, None]\n",
             "    new = (H.T @ X) / den[:, None]\n"),
        ],
        "fails": ["test_update_weights_hidden"],
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
        "cell": "exponential_decay",
        "what": "a step schedule: t // time_constant decays once per whole time constant (the visible times are "
                "all multiples of it)",
        "patch": [
            ("np.exp(-np.asarray(t, dtype=float) / time_constant)",
             "np.exp(-(np.asarray(t, dtype=float) // time_constant))"),
        ],
        "fails": ["test_exponential_decay_hidden"],
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
    {
        "cell": "quantization_error",
        "what": "Manhattan (L1) distance instead of Euclidean: the same on the visible 1-D example",
        "patch": [
            ("d = np.sqrt(((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2))",
             "d = np.abs(X[:, None, :] - W[None, :, :]).sum(axis=2)"),
        ],
        "fails": ["test_quantization_error_hidden"],
    },
    {
        "cell": "find_bmu",
        "what": "asks scipy.spatial.KDTree for the two nearest nodes (switched off by the tests, the visible one too)",
        "patch": [
            ("    d = np.linalg.norm(W - np.asarray(x, dtype=float), axis=-1).ravel()\n"
             "    first, second = np.argsort(d, kind=\"stable\")[:2]\n",
             "    from scipy.spatial import KDTree\n"
             "    first, second = KDTree(W.reshape(-1, W.shape[-1])).query(np.asarray(x, dtype=float), k=2)[1]\n"),
        ],
        "fails": ["test_find_bmu", "test_find_bmu_hidden"],
    },
    {
        "cell": "neighbourhood",
        "what": "returns the lecture's helpers.som.gaussian_neighbourhood (flat grid; switched off by the tests)",
        "patch": [
            ("    nx, ny = grid_shape\n"
             "    di = np.abs(np.arange(nx) - bmu[0])\n"
             "    dj = np.abs(np.arange(ny) - bmu[1])\n"
             "    di = np.minimum(di, nx - di)[:, None]\n"
             "    dj = np.minimum(dj, ny - dj)[None, :]\n"
             "    return np.exp(-(di**2 + dj**2) / (2 * sigma**2))",
             "    from helpers.som import gaussian_neighbourhood\n"
             "    return gaussian_neighbourhood(grid_shape, bmu, sigma)"),
        ],
        "fails": ["test_neighbourhood", "test_neighbourhood_hidden"],
    },
    {
        "cell": "update_weights",
        "what": "weights from the lecture's helpers.som.gaussian_neighbourhood (switched off by the tests)",
        "patch": [
            ("    H = np.stack([torus_neighbourhood((nx, ny), divmod(int(b), ny), sigma)",
             "    from helpers.som import gaussian_neighbourhood\n"
             "    H = np.stack([gaussian_neighbourhood((nx, ny), divmod(int(b), ny), sigma)"),
        ],
        "fails": ["test_update_weights", "test_update_weights_hidden"],
    },
    {
        "cell": "exponential_decay",
        "what": "helpers.som.exponential_decay with max_iter = 3 * time_constant (switched off by the tests)",
        "patch": [
            ("    return v0 * np.exp(-np.asarray(t, dtype=float) / time_constant)",
             "    import helpers.som\n"
             "    return helpers.som.exponential_decay(v0, np.asarray(t, dtype=float), 3 * time_constant)"),
        ],
        "fails": ["test_exponential_decay", "test_exponential_decay_hidden"],
    },
    {
        "cell": "quantization_error",
        "what": "each sample's distance to its nearest node from scipy.cluster.vq.vq (switched off by the tests)",
        "patch": [
            ("    d = np.sqrt(((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2))\n"
             "    return float(d.min(axis=1).mean())",
             "    from scipy.cluster.vq import vq\n"
             "    return float(vq(X, W)[1].mean())"),
        ],
        "fails": ["test_quantization_error", "test_quantization_error_hidden"],
    },
    {
        "cell": "quantization_error",
        "what": "poisoning: Manhattan distance, and helpers.som.SOM.quantization_error patched to match (the old "
                "hidden test took its expected value from it)",
        "patch": [
            ("d = np.sqrt(((X[:, None, :] - W[None, :, :]) ** 2).sum(axis=2))",
             "d = np.abs(X[:, None, :] - W[None, :, :]).sum(axis=2)"),
            ("    return float(d.min(axis=1).mean())",
             "    return float(d.min(axis=1).mean())\n"
             "\n"
             "\n"
             "import helpers.som as _som_module\n"
             "\n"
             "\n"
             "def _l1_quantization_error(self, data):\n"
             "    return quantization_error(self.weights, data)\n"
             "\n"
             "\n"
             "_som_module.SOM.quantization_error = _l1_quantization_error"),
        ],
        "fails": ["test_quantization_error_hidden"],
    },
    {
        "cell": "train_som",
        "what": "the radius never shrinks (sigma0 at every step): an ordered but blurred map",
        "patch": [("batch_update(W, X, exponential_decay(sigma0, t, time_constant))", "batch_update(W, X, sigma0)")],
        "fails": ["test_train_som_hidden"],
    },
    {
        "cell": "train_som",
        "what": "time constant 1 instead of the one that ends at sigma_end: the radius collapses and the map folds",
        "patch": [("time_constant = (n_iter - 1) / np.log(sigma0 / sigma_end) if n_iter > 1 else 1.0",
                   "time_constant = 1.0")],
        "fails": ["test_train_som_topography_hidden"],
    },
    {
        "cell": "train_som",
        "what": "the initial rows drawn with an unseeded generator: not the same map twice",
        "patch": [("rng = np.random.default_rng(seed)", "rng = np.random.default_rng()")],
        "fails": ["test_train_som_hidden"],
    },
    {
        "cell": "train_som",
        "what": "the radius from helpers.som.exponential_decay, which the tests disable",
        "patch": [
            ("def train_som(", "from helpers import som\n\n\ndef train_som("),
            ("exponential_decay(sigma0, t, time_constant)", "som.exponential_decay(sigma0, t, n_iter)"),
        ],
        "fails": ["test_train_som", "test_train_som_hidden", "test_train_som_topography_hidden"],
    },
]
