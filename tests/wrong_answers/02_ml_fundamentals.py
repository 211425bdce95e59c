"""Plausible student mistakes for the 02_ml_fundamentals assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: weighted least squares
    {
        "cell": "least_squares",
        "what": "centred with the plain means instead of the weighted means (only the normal equations weighted)",
        "patch": [("s @ X / s.sum(), s @ y / s.sum()", "X.mean(axis=0), y.mean()")],
        "fails": ["test_least_squares", "test_least_squares_hidden"],
    },
    {
        "cell": "least_squares",
        "what": "rows scaled by the weights instead of their square roots: the squares s^2 weight the residuals",
        "patch": [("Xc.T @ (s[:, None] * Xc), Xc.T @ (s * yc)", "Xc.T @ (s[:, None] ** 2 * Xc), Xc.T @ (s**2 * yc)")],
        "fails": ["test_least_squares_hidden"],
    },
    # ---------------------------------------------------------------- part 2: ridge towards a prior
    {
        "cell": "ridge",
        "what": "the prior enters the right-hand side without its factor alpha",
        "patch": [("Xc.T @ yc + alpha * w_prior", "Xc.T @ yc + w_prior")],
        "fails": ["test_ridge", "test_ridge_hidden"],
    },
    {
        "cell": "ridge",
        "what": "intercept from the shifted coefficients v = w - w_prior, but with the mean of the original y",
        "patch": [("float(y_mean - x_mean @ w)", "float(y_mean - x_mean @ (w - w_prior))")],
        "fails": ["test_ridge_hidden"],
    },
    # ---------------------------------------------------------------- part 3: balanced logistic loss
    {
        "cell": "logistic_loss_grad",
        "what": "the class weights left out: the lecture's plain mean loss and gradient",
        "patch": [("c = np.where(y == 1, n / (2 * n_pos), n / (2 * (n - n_pos)))", "c = np.ones(n)")],
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    {
        "cell": "logistic_loss_grad",
        "what": "log(1 + exp(z)) computed directly: it overflows to inf for large logits",
        "patch": [("np.logaddexp(0.0, z)", "np.log(1.0 + np.exp(z))")],
        "fails": ["test_logistic_loss_grad_hidden"],
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
    {
        "cell": "knn_predict",
        "what": "on a tie, the nearest neighbour's label even when that label is not among the tied ones",
        "patch": [("        out[i] = next(lab for lab in labels if lab in tied)",
                   "        out[i] = labels[0] if len(tied) > 1 else tied[0]")],
        "fails": ["test_knn_predict_hidden"],
    },
    # ---------------------------------------------------------------- part 5: weighted Gini
    {
        "cell": "gini_of_split",
        "what": "class fractions counted by samples; the weights only set each side's share",
        "patch": [("np.array([weights[labels == c].sum() for c in np.unique(labels)]) / total",
                   "np.unique(labels, return_counts=True)[1] / len(labels)")],
        "fails": ["test_gini_of_split", "test_gini_of_split_hidden"],
    },
    {
        "cell": "gini_of_split",
        "what": "a side of total weight 0 divides 0 by 0 (nan) instead of having impurity 0",
        "patch": [("        if total == 0:\n            return 0.0\n", "")],
        "fails": ["test_gini_of_split_hidden"],
    },
    # ---------------------------------------------------------------- part 6: macro precision / recall
    {
        "cell": "precision_recall_f1",
        "what": "macro F1 as the harmonic mean of macro precision and macro recall",
        "patch": [("return float(macro[0]), float(macro[1]), float(macro[2])",
                   "return float(macro[0]), float(macro[1]), float(2 * macro[0] * macro[1] / (macro[0] + macro[1]))")],
        "fails": ["test_precision_recall_f1", "test_precision_recall_f1_hidden"],
    },
    {
        "cell": "precision_recall_f1",
        "what": "classes taken from y_true only: a class that is only predicted is left out of the average",
        "patch": [("np.unique(np.concatenate([y_true, y_pred]))", "np.unique(y_true)")],
        "fails": ["test_precision_recall_f1_hidden"],
    },
    # ---------------------------------------------------------------- part 7: partial ROC AUC
    {
        "cell": "roc_auc",
        "what": "one ROC point per sample instead of per distinct score: tied scores make a staircase",
        "patch": [("last_of_tie = np.r_[s[1:] != s[:-1], True]", "last_of_tie = np.ones(len(s), dtype=bool)")],
        "fails": ["test_roc_auc", "test_roc_auc_hidden"],
    },
    {
        "cell": "roc_auc",
        "what": "only the ROC points with FPR <= max_fpr are integrated: the segment crossing max_fpr is dropped",
        "patch": [
            ("    i = int(np.searchsorted(fpr, max_fpr))                  # fpr[i - 1] < max_fpr <= fpr[i]\n"
             "    t_cut = tpr[i - 1] + (tpr[i] - tpr[i - 1]) * (max_fpr - fpr[i - 1]) / (fpr[i] - fpr[i - 1])\n"
             "    fx, ty = np.r_[fpr[:i], max_fpr], np.r_[tpr[:i], t_cut]",
             "    fx, ty = fpr[fpr <= max_fpr], tpr[fpr <= max_fpr]"),
        ],
        "fails": ["test_roc_auc_hidden"],
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
        "fails": ["test_holdout_knn_hidden", "test_stratified_folds", "test_stratified_folds_hidden"],
    },
    {
        "cell": "stratified_folds",
        "what": "only n_splits < 2 rejected: n_splits > len(y) silently gives empty folds",
        "patch": [("    if n_splits < 2 or n_splits > len(y):", "    if n_splits < 2:")],
        "fails": ["test_stratified_folds_hidden"],
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
        "fails": ["test_cross_val_accuracy", "test_cross_val_accuracy_hidden", "test_holdout_knn_hidden"],
    },
    {
        "cell": "cross_val_accuracy",
        "what": "the pooled fraction of correct test rows instead of the mean of the fold accuracies",
        "patch": [("        accuracies.append(np.mean(np.asarray(pred) == y[test]))\n"
                   "    return float(np.mean(accuracies))",
                   "        accuracies.extend(np.asarray(pred) == y[test])\n"
                   "    return float(np.mean(accuracies))")],
        "fails": ["test_cross_val_accuracy_hidden", "test_holdout_knn_hidden"],
    },

    # ---------------------------------------------------------------- each part's forbidden library call
    # The right numbers (or nearly) from a function the part switches off: both of its tests disable it.
    {
        "cell": "least_squares",
        "what": "np.linalg.lstsq on [1, X] and y scaled by sqrt(s) (a forbidden least-squares solver)",
        "patch": [("    x_mean, y_mean = s @ X / s.sum(), s @ y / s.sum()\n"
                   "    Xc, yc = X - x_mean, y - y_mean\n"
                   "    w = np.linalg.solve(Xc.T @ (s[:, None] * Xc), Xc.T @ (s * yc))\n"
                   "    return w, float(y_mean - x_mean @ w)",
                   "    A = np.sqrt(s)[:, None] * np.c_[np.ones(len(X)), X]\n"
                   "    coef = np.linalg.lstsq(A, np.sqrt(s) * y, rcond=None)[0]\n"
                   "    return coef[1:], float(coef[0])")],
        "fails": ["test_least_squares", "test_least_squares_hidden"],
    },
    {
        "cell": "least_squares",
        "what": "statsmodels' WLS (a forbidden regression fit)",
        "patch": [("    x_mean, y_mean = s @ X / s.sum(), s @ y / s.sum()\n"
                   "    Xc, yc = X - x_mean, y - y_mean\n"
                   "    w = np.linalg.solve(Xc.T @ (s[:, None] * Xc), Xc.T @ (s * yc))\n"
                   "    return w, float(y_mean - x_mean @ w)",
                   "    import statsmodels.api as sm\n"
                   "    coef = sm.WLS(y, np.c_[np.ones(len(X)), X], weights=s).fit().params\n"
                   "    return coef[1:], float(coef[0])")],
        "fails": ["test_least_squares", "test_least_squares_hidden"],
    },
    {
        "cell": "ridge",
        "what": "scikit-learn's Ridge on the target y - X w_prior, plus w_prior (forbidden)",
        "patch": [("    x_mean, y_mean = X.mean(axis=0), y.mean()\n"
                   "    Xc, yc = X - x_mean, y - y_mean\n"
                   "    A = Xc.T @ Xc + alpha * np.eye(X.shape[1])\n"
                   "    w = np.linalg.solve(A, Xc.T @ yc + alpha * w_prior)\n"
                   "    return w, float(y_mean - x_mean @ w)",
                   "    from sklearn.linear_model import Ridge\n"
                   "    model = Ridge(alpha=alpha).fit(X, y - X @ w_prior)\n"
                   "    return model.coef_ + w_prior, float(model.intercept_)")],
        "fails": ["test_ridge", "test_ridge_hidden"],
    },
    {
        "cell": "logistic_loss_grad",
        "what": "the loss from sklearn.metrics.log_loss with sample weights c (forbidden)",
        "patch": [("    loss = np.mean(c * (np.logaddexp(0.0, z) - y * z))\n"
                   "    p = 0.5 * (1.0 + np.tanh(0.5 * z))\n",
                   "    p = 0.5 * (1.0 + np.tanh(0.5 * z))\n"
                   "    from sklearn.metrics import log_loss\n"
                   "    loss = log_loss(y, p, sample_weight=c)\n")],
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    {
        "cell": "logistic_loss_grad",
        "what": "the gradient from helpers.checks.numerical_gradient instead of derived (forbidden)",
        "patch": [("    p = 0.5 * (1.0 + np.tanh(0.5 * z))\n"
                   "    err = c * (p - y)\n"
                   "    return float(loss), X.T @ err / n, float(err.mean())",
                   "    from helpers.checks import numerical_gradient\n"
                   "\n"
                   "    def loss_of(v):\n"
                   "        zv = X @ v[:-1] + v[-1]\n"
                   "        return np.mean(c * (np.logaddexp(0.0, zv) - y * zv))\n"
                   "\n"
                   "    g = numerical_gradient(loss_of, np.r_[np.asarray(w, dtype=float), b])\n"
                   "    return float(loss), g[:-1], float(g[-1])")],
        "fails": ["test_logistic_loss_grad", "test_logistic_loss_grad_hidden"],
    },
    {
        "cell": "knn_predict",
        "what": "scikit-learn's KNeighborsClassifier (forbidden; its ties go to the smallest label)",
        "patch": [("    out = np.empty(len(X_query), dtype=y_train.dtype)\n"
                   "    for i, q in enumerate(X_query):\n"
                   "        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))\n"
                   "        labels = y_train[np.argsort(d)[:k]]          # nearest first\n"
                   "        counts = np.bincount(labels)\n"
                   "        tied = np.flatnonzero(counts == counts.max())\n"
                   "        # the first label in distance order that is among the tied ones\n"
                   "        out[i] = next(lab for lab in labels if lab in tied)\n"
                   "    return out",
                   "    from sklearn.neighbors import KNeighborsClassifier\n"
                   "    return KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_query)")],
        "fails": ["test_holdout_knn", "test_holdout_knn_heldout_hidden", "test_holdout_knn_hidden", "test_knn_predict", "test_knn_predict_hidden"],
    },
    {
        "cell": "knn_predict",
        "what": "the k nearest found by scikit-learn's NearestNeighbors (a forbidden neighbour search), the vote by hand",
        "patch": [("    for i, q in enumerate(X_query):\n"
                   "        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))\n"
                   "        labels = y_train[np.argsort(d)[:k]]          # nearest first\n",
                   "    from sklearn.neighbors import NearestNeighbors\n"
                   "    nearest = NearestNeighbors(n_neighbors=k).fit(X_train).kneighbors(X_query, return_distance=False)\n"
                   "    for i in range(len(X_query)):\n"
                   "        labels = y_train[nearest[i]]                 # nearest first\n")],
        "fails": ["test_holdout_knn", "test_holdout_knn_heldout_hidden", "test_holdout_knn_hidden", "test_knn_predict", "test_knn_predict_hidden"],
    },
    {
        "cell": "gini_of_split",
        "what": "helpers.ml.split_impurity (forbidden; it counts samples, not weights)",
        "patch": [("    W_l, W_r = float(np.sum(w_left)), float(np.sum(w_right))\n"
                   "    return float((W_l * gini(y_left, w_left) + W_r * gini(y_right, w_right)) / (W_l + W_r))",
                   "    from helpers.ml import split_impurity\n"
                   "    return split_impurity(y_left, y_right)")],
        "fails": ["test_gini_of_split", "test_gini_of_split_hidden"],
    },
    {
        "cell": "precision_recall_f1",
        "what": "the macro averages of sklearn.metrics.classification_report (forbidden)",
        "patch": [("    scores = []\n"
                   "    for c in np.unique(np.concatenate([y_true, y_pred])):\n",
                   "    from sklearn.metrics import classification_report\n"
                   "    macro = classification_report(y_true, y_pred, output_dict=True, zero_division=0)[\"macro avg\"]\n"
                   "    return macro[\"precision\"], macro[\"recall\"], macro[\"f1-score\"]\n"
                   "    scores = []\n"
                   "    for c in np.unique(np.concatenate([y_true, y_pred])):\n")],
        "fails": ["test_precision_recall_f1", "test_precision_recall_f1_hidden"],
    },
    {
        "cell": "roc_auc",
        "what": "the ROC points from sklearn.metrics.roc_curve (forbidden), cut at max_fpr by hand",
        "patch": [("    order = np.argsort(-scores, kind=\"stable\")\n"
                   "    s, y = scores[order], y_true[order]\n"
                   "    last_of_tie = np.r_[s[1:] != s[:-1], True]              # one ROC point per distinct score\n"
                   "    tpr = np.r_[0.0, np.cumsum(y == 1)[last_of_tie] / n_pos]\n"
                   "    fpr = np.r_[0.0, np.cumsum(y == 0)[last_of_tie] / n_neg]\n",
                   "    from sklearn.metrics import roc_curve\n"
                   "    fpr, tpr, _ = roc_curve(y_true, scores, drop_intermediate=False)\n")],
        "fails": ["test_roc_auc", "test_roc_auc_hidden"],
    },
    {
        "cell": "stratified_folds",
        "what": "the test folds of scikit-learn's StratifiedKFold (forbidden; it deals the folds differently)",
        "patch": [("    order = np.argsort(y, kind=\"stable\")\n"
                   "    return [np.sort(order[f::n_splits]) for f in range(n_splits)]",
                   "    from sklearn.model_selection import StratifiedKFold\n"
                   "    return [np.sort(test) for _, test in StratifiedKFold(n_splits).split(np.zeros(len(y)), y)]")],
        "fails": ["test_holdout_knn", "test_holdout_knn_heldout_hidden", "test_holdout_knn_hidden", "test_stratified_folds", "test_stratified_folds_hidden"],
    },
    # ---------------------------------------------------------------- part 10: multi-class MCC
    {
        "cell": "multiclass_mcc",
        "what": "the mean of the one-vs-rest binary MCCs (right for two classes, wrong for more)",
        "patch": [("    t = np.array([np.sum(y_true == k) for k in classes], dtype=float)\n"
                   "    p = np.array([np.sum(y_pred == k) for k in classes], dtype=float)\n"
                   "    s = float(len(y_true))\n"
                   "    c = float(np.sum(y_true == y_pred))\n"
                   "    denominator = np.sqrt((s**2 - np.sum(p**2)) * (s**2 - np.sum(t**2)))\n"
                   "    if denominator == 0:\n"
                   "        return 0.0\n"
                   "    return float((c * s - np.sum(p * t)) / denominator)",
                   "    scores = []\n"
                   "    for k in classes:\n"
                   "        a, b = y_true == k, y_pred == k\n"
                   "        tp, tn, fp, fn = np.sum(a & b), np.sum(~a & ~b), np.sum(~a & b), np.sum(a & ~b)\n"
                   "        d = np.sqrt(float((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)))\n"
                   "        scores.append(0.0 if d == 0 else (tp * tn - fp * fn) / d)\n"
                   "    return float(np.mean(scores))")],
        "fails": ["test_multiclass_mcc_hidden"],
    },
    {
        "cell": "multiclass_mcc",
        "what": "the classes taken from y_true only: a class that is only predicted drops out of sum p_k^2",
        "patch": [("np.unique(np.concatenate([y_true, y_pred]))", "np.unique(y_true)")],
        "fails": ["test_multiclass_mcc_hidden"],
    },
    {
        "cell": "multiclass_mcc",
        "what": "scikit-learn's matthews_corrcoef (forbidden)",
        "patch": [("    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)\n",
                   "    from sklearn.metrics import matthews_corrcoef\n"
                   "    return float(matthews_corrcoef(y_true, y_pred))\n")],
        "fails": ["test_multiclass_mcc", "test_multiclass_mcc_hidden"],
    },
    # ---------------------------------------------------------------- part 11: one SAMME round
    {
        "cell": "samme_round",
        "what": "the binary vote ln((1 - eps) / eps) without the ln(K - 1) term (right only for two classes)",
        "patch": [(" + np.log(n_classes - 1)", "")],
        "fails": ["test_samme_round_hidden"],
    },
    {
        "cell": "samme_round",
        "what": "the lecture's binary AdaBoost vote, half the log-odds",
        "patch": [("alpha = float(np.log((1 - err) / err)", "alpha = float(0.5 * np.log((1 - err) / err)")],
        "fails": ["test_samme_round", "test_samme_round_hidden"],
    },
    {
        "cell": "samme_round",
        "what": "the new weights not normalised to sum to 1",
        "patch": [("return alpha, new / new.sum()", "return alpha, new")],
        "fails": ["test_samme_round", "test_samme_round_hidden"],
    },
    # ---------------------------------------------------------------- part 12: squared hinge
    {
        "cell": "squared_hinge",
        "what": "the class weights ignored (every sample weighs 1)",
        "patch": [("c = np.where(y == 1, class_weight[1], class_weight[-1])", "c = np.ones(len(y))")],
        "fails": ["test_squared_hinge_hidden"],
    },
    {
        "cell": "squared_hinge",
        "what": "the class weights swapped: the positive class gets c_neg",
        "patch": [("class_weight[1], class_weight[-1]", "class_weight[-1], class_weight[1]")],
        "fails": ["test_squared_hinge_hidden"],
    },
    {
        "cell": "squared_hinge",
        "what": "the plain hinge's sub-gradient (-C c y on violated margins) for the squared hinge's gradient",
        "patch": [("g = -2.0 * C * c * m * y", "g = -C * c * (m > 0) * y")],
        "fails": ["test_squared_hinge", "test_squared_hinge_hidden"],
    },
    {
        "cell": "squared_hinge",
        "what": "the gradient by torch.autograd (forbidden: derive it)",
        "patch": [("    g = -2.0 * C * c * m * y            # d loss / d f_i for f_i = w . x_i + b\n"
                   "    return float(loss), w + X.T @ g, float(np.sum(g))",
                   "    import torch\n"
                   "    wt = torch.tensor(w, requires_grad=True)\n"
                   "    bt = torch.tensor(float(b), dtype=torch.float64, requires_grad=True)\n"
                   "    mt = torch.clamp(1.0 - torch.tensor(y * 1.0) * (torch.tensor(X) @ wt + bt), min=0.0)\n"
                   "    lt = 0.5 * wt @ wt + C * torch.sum(torch.tensor(c * 1.0) * mt**2)\n"
                   "    gw, gb = torch.autograd.grad(lt, (wt, bt))\n"
                   "    return float(loss), gw.numpy(), float(gb)")],
        "fails": ["test_squared_hinge", "test_squared_hinge_hidden"],
    },
    # ---------------------------------------------------------------- part 13: model selection on the credit data
    {
        "cell": "holdout_knn",
        "what": "k chosen with the lowest cross-validated accuracy (argmin for argmax)",
        "patch": [("k_values[int(np.argmax(scores))]", "k_values[int(np.argmin(scores))]")],
        "fails": ["test_holdout_knn", "test_holdout_knn_hidden"],
    },
    {
        "cell": "holdout_knn",
        "what": "the neighbour search of scikit-learn's KNeighborsClassifier for the final predictions (disabled)",
        "patch": [("    test_pred = knn_predict((X_train - mean) / std, y_train, (X[test_idx] - mean) / std, best_k)",
                   "    from sklearn.neighbors import KNeighborsClassifier\n"
                   "    model = KNeighborsClassifier(best_k).fit((X_train - mean) / std, y_train)\n"
                   "    test_pred = model.predict((X[test_idx] - mean) / std)")],
        "fails": ["test_holdout_knn", "test_holdout_knn_hidden", "test_holdout_knn_heldout_hidden"],
    },
    {
        "cell": "holdout_knn",
        "what": "k chosen by cross-validation on all rows, the held-out rows included",
        "patch": [("folds = stratified_folds(y_train, n_splits)", "folds = stratified_folds(y, n_splits)"),
                  ("cross_val_accuracy(X_train, y_train, folds, fit_predict)",
                   "cross_val_accuracy(X, y, folds, fit_predict)")],
        "fails": ["test_holdout_knn_hidden"],
    },
    {
        "cell": "holdout_knn",
        "what": "scaling before the split: the final model standardised with the mean and std of all rows",
        "patch": [("    mean = X_train.mean(axis=0)\n    std = X_train.std(axis=0)",
                   "    mean = X.mean(axis=0)\n    std = X.std(axis=0)")],
        "fails": ["test_holdout_knn_heldout_hidden"],
    },
    {
        "cell": "holdout_knn",
        "what": "the test rows standardised with their own mean and std (a scaler fitted on the test rows)",
        "patch": [("(X[test_idx] - mean) / std, best_k)",
                   "(X[test_idx] - X[test_idx].mean(axis=0)) / np.where(X[test_idx].std(axis=0) > 0, "
                   "X[test_idx].std(axis=0), 1.0), best_k)")],
        "fails": ["test_holdout_knn_heldout_hidden"],
    },
    # ---------------------------------------------------------------- part 15: a classification tree
    {
        "cell": "tree_split",
        "what": "a later feature replaces the best one on a tie (>= instead of strictly better)",
        "patch": [("if best is None or decrease[k] > best[2] + 1e-12:",
                   "if best is None or decrease[k] >= best[2] - 1e-12:")],
        "fails": ["test_tree_split", "test_tree_split_hidden", "test_tree_structure_hidden", "test_tree_credit_hidden"],
    },
    {
        "cell": "tree_split",
        "what": "the weights ignored: every sample counts 1 in the class totals",
        "patch": [("onehot[np.arange(n), codes] = w", "onehot[np.arange(n), codes] = 1.0")],
        "fails": ["test_tree_split", "test_tree_split_hidden"],
    },
    {
        "cell": "tree_split",
        "what": "no guard for a side that weighs nothing: its Gini is 0 / 0 (Part 5 says 0)",
        "patch": [("g_l = np.where(W_l > 0, 1.0 - np.sum(left**2, axis=1) / W_l**2, 0.0)",
                   "g_l = 1.0 - np.sum(left**2, axis=1) / W_l**2"),
                  ("g_r = np.where(W_r > 0, 1.0 - np.sum(right**2, axis=1) / W_r**2, 0.0)",
                   "g_r = 1.0 - np.sum(right**2, axis=1) / W_r**2")],
        "fails": ["test_tree_split_hidden"],
        "error": "IndexError",
    },
    {
        "cell": "tree_fit",
        "what": "a leaf predicts the label of its first sample instead of the most frequent label",
        "patch": [('{"value": int(labels[np.argmax(counts)])}', '{"value": int(y[rows][0])}')],
        "fails": ["test_tree_structure_hidden", "test_tree_credit_hidden"],
    },
    {
        "cell": "tree_fit",
        "what": "the tree grown with helpers.ml.best_split (forbidden; it knows no min_samples_leaf)",
        "patch": [("split = best_split(X[rows], y[rows], np.ones(len(rows)), min_samples_leaf)",
                   "from helpers.ml import best_split as library_split\n"
                   "        split = library_split(X[rows], y[rows])")],
        "fails": ["test_tree_split", "test_tree_structure_hidden", "test_tree_credit_hidden"],
    },
    {
        "cell": "tree_importance",
        "what": "the totals divided by their sum even for a single leaf: 0 / 0 gives NaN",
        "patch": [("return gain / gain.sum() if gain.sum() > 0 else gain", "return gain / gain.sum()")],
        "fails": ["test_tree_importance_hidden"],
    },
]
