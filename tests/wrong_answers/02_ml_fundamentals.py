"""Plausible student mistakes for the 02_ml_fundamentals assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: least squares
    {
        "cell": "least_squares",
        # normal equations on the raw (uncentred) X, then an intercept bolted on afterwards
        "source": '''
def least_squares(X, y):
    """Least-squares fit with an intercept."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return w, float(y.mean() - X.mean(axis=0) @ w)
''',
        "fails": ["test_least_squares", "test_least_squares_hidden"],
    },
    # ---------------------------------------------------------------- part 2: ridge
    {
        "cell": "ridge",
        # the intercept is penalised too (a column of ones inside the penalty)
        "source": '''
def ridge(X, y, alpha):
    """Ridge regression; the intercept is not penalised."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.c_[np.ones(len(y)), X]
    beta = np.linalg.solve(A.T @ A + alpha * np.eye(A.shape[1]), A.T @ y)
    return beta[1:], float(beta[0])
''',
        "fails": ["test_ridge", "test_ridge_hidden"],
    },
    # ---------------------------------------------------------------- part 3: logistic loss
    {
        "cell": "logistic_loss_grad",
        # summed instead of averaged gradient
        "source": '''
def logistic_loss_grad(w, b, X, y):
    """Mean logistic (cross-entropy) loss and its gradient."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    z = X @ np.asarray(w, dtype=float) + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    p = 0.5 * (1.0 + np.tanh(0.5 * z))
    return float(loss), X.T @ (p - y), float(np.sum(p - y))
''',
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    {
        "cell": "logistic_loss_grad",
        # sign error: gradient of the log-likelihood instead of the loss
        "source": '''
def logistic_loss_grad(w, b, X, y):
    """Mean logistic (cross-entropy) loss and its gradient."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    z = X @ np.asarray(w, dtype=float) + b
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    p = 0.5 * (1.0 + np.tanh(0.5 * z))
    return float(loss), X.T @ (y - p) / len(y), float(np.mean(y - p))
''',
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    # ---------------------------------------------------------------- part 4: k-NN
    {
        "cell": "knn_predict",
        # np.bincount(...).argmax(): ties go to the smallest label, not the nearest neighbour's
        "source": '''
def knn_predict(X_train, y_train, X_query, k):
    """k-NN classification by majority vote; ties go to the label with the nearest member."""
    X_train = np.asarray(X_train, dtype=float)
    X_query = np.asarray(X_query, dtype=float)
    y_train = np.asarray(y_train)
    if k < 1 or k > len(X_train):
        raise ValueError("bad k")
    out = []
    for q in X_query:
        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))
        out.append(np.bincount(y_train[np.argsort(d)[:k]]).argmax())
    return np.array(out)
''',
        "fails": ["test_knn_predict", "test_knn_predict_hidden"],
    },
    # ---------------------------------------------------------------- part 5: Gini
    {
        "cell": "gini_of_split",
        # plain average of the two children, not weighted by their sizes
        "source": '''
def gini_of_split(y_left, y_right):
    """Size-weighted Gini impurity of a binary split."""
    def gini(labels):
        _, counts = np.unique(np.asarray(labels), return_counts=True)
        p = counts / counts.sum()
        return 1.0 - np.sum(p**2)
    return float((gini(y_left) + gini(y_right)) / 2)
''',
        "fails": ["test_gini_of_split", "test_gini_of_split_hidden"],
    },
    # ---------------------------------------------------------------- part 6: precision / recall
    {
        "cell": "precision_recall_f1",
        # precision and recall denominators swapped
        "source": '''
def precision_recall_f1(y_true, y_pred, pos_label=1):
    """Precision, recall and F1 of one class, with 0 for 0/0."""
    t = np.asarray(y_true) == pos_label
    p = np.asarray(y_pred) == pos_label
    tp, fp, fn = np.sum(t & p), np.sum(~t & p), np.sum(t & ~p)
    precision = tp / (tp + fn) if tp + fn > 0 else 0.0
    recall = tp / (tp + fp) if tp + fp > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)
''',
        "fails": ["test_precision_recall_f1", "test_precision_recall_f1_hidden"],
    },
    # ---------------------------------------------------------------- part 7: ROC AUC
    {
        "cell": "roc_auc",
        # ties counted as losses (strict comparison only)
        "source": '''
def roc_auc(y_true, scores):
    """ROC AUC of scores for 0/1 labels, ties counting one half."""
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=float)
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    if len(pos) == 0 or len(neg) == 0:
        raise ValueError("ROC AUC needs both classes in y_true")
    return float((pos[:, None] > neg[None, :]).mean())
''',
        "fails": ["test_roc_auc", "test_roc_auc_hidden"],
    },
    # ---------------------------------------------------------------- part 8: stratified folds
    {
        "cell": "stratified_folds",
        # the round-robin restarts at fold 0 for every class
        "source": '''
def stratified_folds(y, n_splits):
    """Test-index arrays of stratified folds by round-robin dealing of class-sorted indices."""
    y = np.asarray(y)
    if n_splits < 2 or n_splits > len(y):
        raise ValueError("bad n_splits")
    folds = [[] for _ in range(n_splits)]
    for c in np.unique(y):
        for i, idx in enumerate(np.flatnonzero(y == c)):
            folds[i % n_splits].append(idx)
    return [np.sort(np.array(f, dtype=int)) for f in folds]
''',
        "fails": ["test_stratified_folds", "test_stratified_folds_hidden"],
    },
    # ---------------------------------------------------------------- part 9: leakage-free CV
    {
        "cell": "cross_val_accuracy",
        # leakage: the scaler is fitted once on all rows, before the folds are split
        "source": '''
def cross_val_accuracy(X, y, test_folds, fit_predict):
    """Mean accuracy over folds, standardising inside each training fold."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    std = X.std(axis=0)
    std[std == 0] = 1.0
    Xs = (X - X.mean(axis=0)) / std
    accuracies = []
    for test in test_folds:
        train = np.setdiff1d(np.arange(len(y)), test)
        pred = fit_predict(Xs[train], y[train], Xs[test])
        accuracies.append(np.mean(np.asarray(pred) == y[test]))
    return float(np.mean(accuracies))
''',
        "fails": ["test_cross_val_accuracy", "test_cross_val_accuracy_hidden"],
    },
]
