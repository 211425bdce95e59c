"""Plausible student mistakes for the 02a_clustering assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        "cell": "assign",
        "source": '''
def assign(X, centers):
    """Index of the nearest centre for every row of X, shape (n,)."""
    d2 = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=1)
    return np.argmin(d2, axis=1)
''',
        "fails": ["test_assign", "test_assign_hidden"],
    },
    {
        "cell": "update",
        "source": '''
def update(X, labels, old_centers):
    """New centres (k, d): cluster means; an empty cluster keeps its old centre."""
    new = np.zeros_like(old_centers, dtype=float)
    for j in range(len(new)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(axis=0)
    return new
''',
        "fails": ["test_update", "test_update_hidden"],
    },
    {
        "cell": "kmeanspp_probs",
        "source": '''
def kmeanspp_probs(X, centers):
    """Probability of each row of X being picked as the next k-means++ centre."""
    d = np.sqrt(((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    return d / d.sum()
''',
        "fails": ["test_kmeanspp_probs", "test_kmeanspp_probs_hidden"],
    },
    {
        "cell": "lloyd",
        "source": '''
def lloyd(X, init_centers, n_iter):
    """n_iter rounds of assign + update; returns (final centres, labels for the final centres)."""
    C = np.array(init_centers, dtype=float)
    labels = assign(X, C)
    for _ in range(n_iter):
        C = update(X, labels, C)
    return C, labels
''',
        "fails": ["test_lloyd", "test_lloyd_hidden"],
    },
    {
        "cell": "silhouette",
        "source": '''
def silhouette(X, labels):
    """Mean silhouette coefficient of a clustering."""
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))
    clusters = np.unique(labels)
    s = np.zeros(len(X))
    for i in range(len(X)):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = D[i, own].mean()
        b = min(D[i, labels == c].mean() for c in clusters if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())
''',
        "fails": ["test_silhouette", "test_silhouette_hidden"],
    },
    {
        "cell": "dbscan_labels",
        "source": '''
def dbscan_labels(X, eps, min_samples):
    """DBSCAN cluster labels (noise = -1)."""
    D2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    nbrs = D2 <= eps**2
    core = nbrs.sum(axis=1) >= min_samples
    labels = np.full(len(X), -1)
    cluster = 0
    for i in range(len(X)):
        if labels[i] != -1 or not core[i]:
            continue
        labels[i] = cluster
        stack = [i]
        while stack:
            p = stack.pop()
            for q in np.flatnonzero(nbrs[p] & core):
                if labels[q] == -1:
                    labels[q] = cluster
                    stack.append(q)
        cluster += 1
    return labels
''',
        "fails": ["test_dbscan_labels", "test_dbscan_labels_hidden"],
    },
    {
        "cell": "responsibilities",
        "source": '''
def responsibilities(X, weights, means, covs):
    """GMM E-step: (n, k) posterior probabilities of the components."""
    dens = np.column_stack([multivariate_normal.pdf(X, m, c) for m, c in zip(means, covs)])
    return dens / dens.sum(axis=1, keepdims=True)
''',
        "fails": ["test_responsibilities", "test_responsibilities_hidden"],
    },
]
