"""Plausible student mistakes for the 02a_clustering assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "assign",
        "what": "squared differences summed over the centres axis instead of the features axis",
        "patch": [
            ("((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)",
             "((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=1)"),
        ],
        "fails": ["test_assign", "test_assign_hidden"],
    },
    {
        "cell": "update",
        "what": "an empty cluster's centre collapses to the origin instead of staying put",
        "patch": [("new = np.array(old_centers, dtype=float)", "new = np.zeros_like(old_centers, dtype=float)")],
        "fails": ["test_update", "test_update_hidden"],
    },
    {
        "cell": "kmeanspp_probs",
        "what": "probabilities proportional to the distance instead of the squared distance",
        "patch": [
            ("    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).min(axis=1)\n"
             "    return d2 / d2.sum()",
             "    d = np.sqrt(((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)).min(axis=1)\n"
             "    return d / d.sum()"),
        ],
        "fails": ["test_kmeanspp_probs", "test_kmeanspp_probs_hidden"],
    },
    {
        "cell": "lloyd",
        "what": "assignments computed once before the loop and never updated",
        "patch": [
            ("    C = np.array(init_centers, dtype=float)",
             "    C = np.array(init_centers, dtype=float)\n"
             "    labels = assign(X, C)"),
            ("        C = update(X, assign(X, C), C)\n"
             "    return C, assign(X, C)",
             "        C = update(X, labels, C)\n"
             "    return C, labels"),
        ],
        "fails": ["test_lloyd", "test_lloyd_hidden"],
    },
    {
        "cell": "silhouette",
        "what": "a(i) averages over the own cluster including the point itself (distance 0)",
        "patch": [("a = D[i, own].sum() / (own.sum() - 1)", "a = D[i, own].mean()")],
        "fails": ["test_silhouette", "test_silhouette_hidden"],
    },
    {
        "cell": "dbscan_labels",
        "what": "only core neighbours are visited: border points stay noise",
        "patch": [
            ("np.flatnonzero(nbrs[p]):", "np.flatnonzero(nbrs[p] & core):"),
            ("                    if core[q]:\n"
             "                        stack.append(q)",
             "                    stack.append(q)"),
        ],
        "fails": ["test_dbscan_labels", "test_dbscan_labels_hidden"],
    },
    {
        "cell": "responsibilities",
        "what": "the mixture weights are left out of the responsibilities",
        "patch": [
            ("    dens = np.column_stack([w * multivariate_normal.pdf(X, m, c)\n"
             "                            for w, m, c in zip(weights, means, covs)])",
             "    dens = np.column_stack([multivariate_normal.pdf(X, m, c) for m, c in zip(means, covs)])"),
        ],
        "fails": ["test_responsibilities", "test_responsibilities_hidden"],
    },
]
