"""Plausible student mistakes for the 02a_clustering assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

# Both DBSCAN mistakes below label border points while the clusters grow (they replace the solution's
# growing loop, which only follows core points), so the solution's final pass (each border point joins its
# nearest core point) is removed from them.
GROW_FROM_CORES = ("            for q in np.flatnonzero(nbrs[p] & core):\n"
                   "                if labels[q] == -1:\n"
                   "                    labels[q] = cluster\n"
                   "                    stack.append(q)")
NO_NEAREST_CORE_PASS = (
    "    for i in np.flatnonzero(~core):\n"
    "        near = np.flatnonzero(nbrs[i] & core)\n"
    "        if len(near):\n"
    "            labels[i] = labels[near[np.argmin(D2[i, near])]]\n",
    "",
)

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
        "cell": "assign",
        "what": "the squared distance compared with max_dist (right only when max_dist is 1)",
        "patch": [("d2.min(axis=1) > max_dist**2", "d2.min(axis=1) > max_dist")],
        "fails": ["test_assign_hidden"],
    },
    {
        "cell": "update",
        "what": "an empty cluster's centre collapses to the origin instead of staying put",
        "patch": [("new = np.array(old_centers, dtype=float)", "new = np.zeros_like(old_centers, dtype=float)")],
        "fails": ["test_update", "test_update_hidden"],
    },
    {
        "cell": "update",
        "what": "only clusters with no points keep their centre: a cluster whose points all weigh 0 gets NaN",
        "patch": [("if w.sum() > 0:", "if len(w):")],
        "fails": ["test_update_hidden"],
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
        "cell": "kmeanspp_probs",
        "what": "D^2 measured to the most recently chosen centre only, not to the nearest of all centres",
        "patch": [
            ("    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2).min(axis=1)\n",
             "    d2 = ((X - centers[-1]) ** 2).sum(axis=1)\n"),
        ],
        "fails": ["test_kmeanspp_probs_hidden"],
    },
    {
        "cell": "lloyd",
        "what": "assignments computed once before the loop and never updated",
        "patch": [
            ("    ones = np.ones(len(X))",
             "    ones = np.ones(len(X))\n"
             "    labels = assign(X, C, np.inf)"),
            ("        C = update(X, assign(X, C, np.inf), C, ones)\n"
             "    return C, assign(X, C, np.inf)",
             "        C = update(X, labels, C, ones)\n"
             "    return C, labels"),
        ],
        "fails": ["test_lloyd", "test_lloyd_hidden"],
    },
    {
        "cell": "lloyd",
        "what": "the labels returned are the assignment made before the last update, not for the final centres",
        "patch": [
            ("        C = update(X, assign(X, C, np.inf), C, ones)\n"
             "    return C, assign(X, C, np.inf)",
             "        labels = assign(X, C, np.inf)\n"
             "        C = update(X, labels, C, ones)\n"
             "    return C, labels"),
        ],
        "fails": ["test_lloyd_hidden"],
    },
    {
        "cell": "silhouette",
        "what": "a(i) averages over the own cluster including the point itself (distance 0)",
        "patch": [("a = D[i, own].sum() / (own.sum() - 1)", "a = D[i, own].mean()")],
        "fails": ["test_silhouette", "test_silhouette_hidden"],
    },
    {
        "cell": "silhouette",
        "what": "no special case for a point alone in its cluster: a = 0 / 0 makes the mean NaN",
        "patch": [
            ("        if own.sum() == 1:\n"
             "            continue\n",
             ""),
        ],
        "fails": ["test_silhouette_hidden"],
    },
    {
        "cell": "dbscan_labels",
        "what": "the lecture's rule: a border point joins the first cluster that reaches it, not the nearest",
        "patch": [
            (GROW_FROM_CORES,
             "            for q in np.flatnonzero(nbrs[p]):\n"
             "                if labels[q] == -1:\n"
             "                    labels[q] = cluster\n"
             "                    if core[q]:\n"
             "                        stack.append(q)"),
            NO_NEAREST_CORE_PASS,
        ],
        "fails": ["test_dbscan_labels", "test_dbscan_labels_hidden"],
    },
    {
        "cell": "dbscan_labels",
        "what": "every cluster that reaches a border point overwrites its label: the last one wins",
        "patch": [
            (GROW_FROM_CORES,
             "            for q in np.flatnonzero(nbrs[p]):\n"
             "                if not core[q]:\n"
             "                    labels[q] = cluster\n"
             "                elif labels[q] == -1:\n"
             "                    labels[q] = cluster\n"
             "                    stack.append(q)"),
            NO_NEAREST_CORE_PASS,
        ],
        "fails": ["test_dbscan_labels_hidden"],
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
    {
        "cell": "responsibilities",
        "what": "the Gaussian's normalising constant left out (it cancels only when all covariances are equal)",
        "patch": [
            ("    dens = np.column_stack([w * multivariate_normal.pdf(X, m, c)\n"
             "                            for w, m, c in zip(weights, means, covs)])",
             "    dens = np.column_stack([w * np.exp(-0.5 * np.einsum('ij,jk,ik->i', X - m, np.linalg.inv(c), X - m))\n"
             "                            for w, m, c in zip(weights, means, covs)])"),
        ],
        "fails": ["test_responsibilities_hidden"],
    },
]
