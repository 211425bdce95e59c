"""Plausible student mistakes for the 02_ml_fundamentals assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: least squares
    {
        "cell": "least_squares",
        "what": "normal equations on the raw (uncentred) X, then an intercept bolted on afterwards",
        "patch": [
            ("    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
             "    Xc, yc = X - x_mean, y - y_mean\n"
             "    w = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)\n"
             "    return w, float(y_mean - x_mean @ w)",
             "    w = np.linalg.solve(X.T @ X, X.T @ y)\n"
             "    return w, float(y.mean() - X.mean(axis=0) @ w)"),
        ],
        "fails": ["test_least_squares", "test_least_squares_hidden"],
    },
    # ---------------------------------------------------------------- part 2: ridge
    {
        "cell": "ridge",
        "what": "the intercept is penalised too (a column of ones inside the penalty)",
        "patch": [
            ("    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
             "    Xc, yc = X - x_mean, y - y_mean\n"
             "    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)\n"
             "    return w, float(y_mean - x_mean @ w)",
             "    A = np.c_[np.ones(len(y)), X]\n"
             "    beta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)\n"
             "    return beta[1:], float(beta[0])"),
        ],
        "fails": ["test_ridge", "test_ridge_hidden"],
    },
    # ---------------------------------------------------------------- part 3: logistic loss
    {
        "cell": "logistic_loss_grad",
        "what": "summed instead of averaged gradient",
        "patch": [("X.T @ err / len(y), float(err.mean())", "X.T @ err, float(err.sum())")],
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    {
        "cell": "logistic_loss_grad",
        "what": "sign error: gradient of the log-likelihood instead of the loss",
        "patch": [("err = p - y", "err = y - p")],
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    # ---------------------------------------------------------------- part 4: k-NN
    {
        "cell": "knn_predict",
        "what": "np.bincount(...).argmax(): ties go to the smallest label, not the nearest neighbour's",
        "patch": [
            ("        counts = np.bincount(labels)\n"
             "        tied = np.flatnonzero(counts == counts.max())\n"
             "        # the first label in distance order that is among the tied ones\n"
             "        out[i] = next(lab for lab in labels if lab in tied)",
             "        out[i] = np.bincount(labels).argmax()"),
        ],
        "fails": ["test_knn_predict", "test_knn_predict_hidden"],
    },
    # ---------------------------------------------------------------- part 5: Gini
    {
        "cell": "gini_of_split",
        "what": "plain average of the two children, not weighted by their sizes",
        "patch": [
            ("float((n_l * gini(y_left) + n_r * gini(y_right)) / (n_l + n_r))",
             "float((gini(y_left) + gini(y_right)) / 2)"),
        ],
        "fails": ["test_gini_of_split", "test_gini_of_split_hidden"],
    },
    # ---------------------------------------------------------------- part 6: precision / recall
    {
        "cell": "precision_recall_f1",
        "what": "precision and recall denominators swapped",
        "patch": [
            ("precision = tp / (tp + fp) if tp + fp > 0", "precision = tp / (tp + fn) if tp + fn > 0"),
            ("recall = tp / (tp + fn) if tp + fn > 0", "recall = tp / (tp + fp) if tp + fp > 0"),
        ],
        "fails": ["test_precision_recall_f1", "test_precision_recall_f1_hidden"],
    },
    # ---------------------------------------------------------------- part 7: ROC AUC
    {
        "cell": "roc_auc",
        "what": "ties counted as losses (strict comparison only)",
        "patch": [("(greater + 0.5 * ties)", "greater")],
        "fails": ["test_roc_auc", "test_roc_auc_hidden"],
    },
    # ---------------------------------------------------------------- part 8: stratified folds
    {
        "cell": "stratified_folds",
        "what": "the round-robin restarts at fold 0 for every class",
        "patch": [
            ('    order = np.argsort(y, kind="stable")\n'
             "    return [np.sort(order[f::n_splits]) for f in range(n_splits)]",
             "    folds = [[] for _ in range(n_splits)]\n"
             "    for c in np.unique(y):\n"
             "        for i, idx in enumerate(np.flatnonzero(y == c)):\n"
             "            folds[i % n_splits].append(idx)\n"
             "    return [np.sort(np.array(f, dtype=int)) for f in folds]"),
        ],
        "fails": ["test_stratified_folds", "test_stratified_folds_hidden"],
    },
    # ---------------------------------------------------------------- part 9: leakage-free CV
    {
        "cell": "cross_val_accuracy",
        "what": "leakage: the scaler is fitted once on all rows, before the folds are split",
        "patch": [
            ("    y = np.asarray(y)",
             "    y = np.asarray(y)\n"
             "    std = X.std(axis=0)\n"
             "    std[std == 0] = 1.0\n"
             "    Xs = (X - X.mean(axis=0)) / std"),
            ("        mean = X[train].mean(axis=0)\n"
             "        std = X[train].std(axis=0)\n"
             "        std[std == 0] = 1.0\n"
             "        pred = fit_predict((X[train] - mean) / std, y[train], (X[test] - mean) / std)",
             "        pred = fit_predict(Xs[train], y[train], Xs[test])"),
        ],
        "fails": ["test_cross_val_accuracy", "test_cross_val_accuracy_hidden"],
    },
]
