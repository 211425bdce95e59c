"""Plausible student mistakes for the 01_introduction assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: standardisation
    {
        "cell": "standardize_train_test",
        "what": "leakage: statistics of all rows, test rows included",
        "patch": [
            ("    mean = X_train.mean(axis=0)\n"
             "    std = X_train.std(axis=0)",
             "    X_all = np.vstack([X_train, X_test])\n"
             "    mean = X_all.mean(axis=0)\n"
             "    std = X_all.std(axis=0)"),
        ],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "the test rows standardised with their own statistics",
        "patch": [
            ("    X_train = np.asarray(X_train, dtype=float)\n"
             "    X_test = np.asarray(X_test, dtype=float)\n"
             "    mean = X_train.mean(axis=0)\n"
             "    std = X_train.std(axis=0)\n"
             "    std = np.where(std == 0, 1.0, std)\n"
             "    return (X_train - mean) / std, (X_test - mean) / std",
             "    def scale(X):\n"
             "        X = np.asarray(X, dtype=float)\n"
             "        std = X.std(axis=0)\n"
             "        return (X - X.mean(axis=0)) / np.where(std == 0, 1.0, std)\n"
             "    return scale(X_train), scale(X_test)"),
        ],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "sample standard deviation (ddof=1) instead of the population one",
        "patch": [("X_train.std(axis=0)", "X_train.std(axis=0, ddof=1)")],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "constant columns not handled: 0 / 0 gives NaN",
        "patch": [("    std = np.where(std == 0, 1.0, std)\n", "")],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier", "test_fit_softmax_classifier_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "modifies the caller's arrays in place",
        "patch": [
            ("    return (X_train - mean) / std, (X_test - mean) / std",
             "    X_train -= mean\n"
             "    X_train /= std\n"
             "    X_test -= mean\n"
             "    X_test /= std\n"
             "    return X_train, X_test"),
        ],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier", "test_fit_softmax_classifier_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "no float conversion, results written into np.zeros_like(X): integer input is truncated",
        "patch": [
            ("    X_train = np.asarray(X_train, dtype=float)\n"
             "    X_test = np.asarray(X_test, dtype=float)\n",
             "    X_train = np.asarray(X_train)\n"
             "    X_test = np.asarray(X_test)\n"),
            ("    return (X_train - mean) / std, (X_test - mean) / std",
             "    Z_train = np.zeros_like(X_train)\n"
             "    Z_test = np.zeros_like(X_test)\n"
             "    Z_train[:] = (X_train - mean) / std\n"
             "    Z_test[:] = (X_test - mean) / std\n"
             "    return Z_train, Z_test"),
        ],
        "fails": ["test_standardize_train_test_hidden"],
    },
    # the library the part re-implements: right numbers, but the tests switch the library off
    {
        "cell": "standardize_train_test",
        "what": "calls scikit-learn's StandardScaler (disabled in the visible and the hidden test)",
        "patch": [
            ("def standardize_train_test(X_train, X_test):",
             "from sklearn.preprocessing import StandardScaler\n"
             "\n"
             "\n"
             "def standardize_train_test(X_train, X_test):"),
            ("    mean = X_train.mean(axis=0)\n"
             "    std = X_train.std(axis=0)\n"
             "    std = np.where(std == 0, 1.0, std)\n"
             "    return (X_train - mean) / std, (X_test - mean) / std",
             "    scaler = StandardScaler().fit(X_train)\n"
             "    return scaler.transform(X_train), scaler.transform(X_test)"),
        ],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden", "test_fit_softmax_classifier", "test_fit_softmax_classifier_hidden", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "standardize_train_test",
        "what": "calls scipy.stats.zmap (the test rows scored against the training rows; disabled in the tests)",
        "patch": [
            ("def standardize_train_test(X_train, X_test):",
             "from scipy import stats\n"
             "\n"
             "\n"
             "def standardize_train_test(X_train, X_test):"),
            ("    mean = X_train.mean(axis=0)\n"
             "    std = X_train.std(axis=0)\n"
             "    std = np.where(std == 0, 1.0, std)\n"
             "    return (X_train - mean) / std, (X_test - mean) / std",
             "    Z_train, Z_test = stats.zmap(X_train, X_train), stats.zmap(X_test, X_train)\n"
             "    const = X_train.std(axis=0) == 0               # zmap divides by 0 there: only centre\n"
             "    Z_train[:, const] = (X_train - X_train.mean(axis=0))[:, const]\n"
             "    Z_test[:, const] = (X_test - X_train.mean(axis=0))[:, const]\n"
             "    return Z_train, Z_test"),
        ],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    # ---------------------------------------------------------------- part 2: top-k accuracy
    {
        "cell": "accuracy",
        "what": "ignores k: the ordinary accuracy of the argmax prediction",
        "patch": [
            ("    true_score = scores[np.arange(len(y_true)), y_true]\n"
             "    n_higher = np.sum(scores > true_score[:, None], axis=1)    # classes that beat the true one\n"
             "    return float(np.mean(n_higher < k))",
             "    return float(np.mean(np.argmax(scores, axis=1) == y_true))"),
        ],
        "fails": ["test_accuracy", "test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        "what": "off by one: a hit when at most k classes score higher",
        "patch": [("np.mean(n_higher < k)", "np.mean(n_higher <= k)")],
        "fails": ["test_accuracy", "test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        "what": "the first k columns of argsort: ties broken by position, so a tied true class can miss",
        "patch": [
            ("    true_score = scores[np.arange(len(y_true)), y_true]\n"
             "    n_higher = np.sum(scores > true_score[:, None], axis=1)    # classes that beat the true one\n"
             "    return float(np.mean(n_higher < k))",
             "    top = np.argsort(-scores, axis=1)[:, :k]\n"
             "    return float(np.mean(np.any(top == y_true[:, None], axis=1)))"),
        ],
        "fails": ["test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        "what": "zip silently drops the extra labels: no error for different lengths",
        "patch": [
            ("    y_true = np.asarray(y_true)\n"
             "    scores = np.asarray(scores, dtype=float)\n"
             "    if scores.ndim != 2 or y_true.shape != (scores.shape[0],):\n"
             '        raise ValueError(f"expected y_true of shape (n,) and scores of shape (n, K), "\n'
             '                         f"got {y_true.shape} and {scores.shape}")\n'
             "    true_score = scores[np.arange(len(y_true)), y_true]\n"
             "    n_higher = np.sum(scores > true_score[:, None], axis=1)    # classes that beat the true one\n"
             "    return float(np.mean(n_higher < k))",
             "    hits = [np.sum(np.asarray(row) > row[t]) < k for t, row in zip(y_true, scores)]\n"
             "    return float(np.mean(hits))"),
        ],
        "fails": ["test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        "what": "calls scikit-learn's top_k_accuracy_score (disabled in the visible and the hidden test)",
        "patch": [
            ("def top_k_accuracy(y_true, scores, k=1):",
             "from sklearn.metrics import top_k_accuracy_score\n"
             "\n"
             "\n"
             "def top_k_accuracy(y_true, scores, k=1):"),
            ("    true_score = scores[np.arange(len(y_true)), y_true]\n"
             "    n_higher = np.sum(scores > true_score[:, None], axis=1)    # classes that beat the true one\n"
             "    return float(np.mean(n_higher < k))",
             "    return float(top_k_accuracy_score(y_true, scores, k=k, labels=np.arange(scores.shape[1])))"),
        ],
        "fails": ["test_accuracy", "test_accuracy_hidden"],
    },
    # ---------------------------------------------------------------- part 3: confusion matrix
    {
        "cell": "confusion_matrix",
        "what": "rows and columns swapped (prediction first)",
        "patch": [("C[t, p] += 1", "C[p, t] += 1")],
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        "what": "marks a cell instead of counting",
        "patch": [("C[t, p] += 1", "C[t, p] = 1")],
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        "what": "infers the number of classes from the data, ignoring n_classes",
        "patch": [
            ("    C = np.zeros((n_classes, n_classes), dtype=int)",
             "    k = max(max(y_true), max(y_pred)) + 1\n"
             "    C = np.zeros((k, k), dtype=int)"),
        ],
        "fails": ["test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        "what": "calls scikit-learn's confusion_matrix, imported inside the function (disabled in the tests)",
        "patch": [
            ("    C = np.zeros((n_classes, n_classes), dtype=int)\n"
             "    for t, p in zip(np.asarray(y_true), np.asarray(y_pred)):\n"
             "        C[t, p] += 1\n"
             "    return C",
             "    import sklearn.metrics\n"
             "    return sklearn.metrics.confusion_matrix(y_true, y_pred, labels=np.arange(n_classes))"),
        ],
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        "what": "a cross-tabulation with scipy.stats.contingency.crosstab (disabled in the tests)",
        "patch": [
            ("def confusion_matrix(y_true, y_pred, n_classes):",
             "from scipy.stats.contingency import crosstab\n"
             "\n"
             "\n"
             "def confusion_matrix(y_true, y_pred, n_classes):"),
            ("    C = np.zeros((n_classes, n_classes), dtype=int)\n"
             "    for t, p in zip(np.asarray(y_true), np.asarray(y_pred)):\n"
             "        C[t, p] += 1\n"
             "    return C",
             "    levels = np.arange(n_classes)\n"
             "    return crosstab(np.asarray(y_true), np.asarray(y_pred), levels=(levels, levels)).count"),
        ],
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    # ---------------------------------------------------------------- part 4: perceptron step
    {
        "cell": "perceptron_update",
        "what": "a score of exactly 0 is not treated as a mistake: w = 0 never learns",
        "patch": [("if y * (w @ x + b) <= 0:", "if y * (w @ x + b) < 0:")],
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        "what": "the learning rate forgotten in the bias update",
        "patch": [("w + lr * y * x, b + lr * y", "w + lr * y * x, b + y")],
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        "what": "updates the caller's weight array in place",
        "patch": [
            ("    w = np.asarray(w, dtype=float)\n"
             "    x = np.asarray(x, dtype=float)\n"
             "    if y * (w @ x + b) <= 0:\n"
             "        return w + lr * y * x, b + lr * y\n"
             "    return w.copy(), b",
             "    if y * (np.dot(w, x) + b) <= 0:\n"
             "        w += lr * y * x\n"
             "        b += lr * y\n"
             "    return w, b"),
        ],
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        "what": "updates on every example, also the correctly classified ones",
        "patch": [
            ("    w = np.asarray(w, dtype=float)\n"
             "    x = np.asarray(x, dtype=float)\n"
             "    if y * (w @ x + b) <= 0:\n"
             "        return w + lr * y * x, b + lr * y\n"
             "    return w.copy(), b",
             "    return np.asarray(w, dtype=float) + lr * y * np.asarray(x, dtype=float), b + lr * y"),
        ],
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        "what": "the bias left out of the mistake test: y * (w @ x) <= 0 (the visible cases have b = 0)",
        "patch": [("if y * (w @ x + b) <= 0:", "if y * (w @ x) <= 0:")],
        "fails": ["test_perceptron_update_hidden"],
    },
    # ---------------------------------------------------------------- part 5: majority baseline
    {
        "cell": "majority_baseline_accuracy",
        "what": "leakage: the majority class of the TEST labels",
        "patch": [("np.asarray(y_train)", "np.asarray(y_test)")],
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        "what": "returns the majority share of the training set instead of the test accuracy",
        "patch": [
            ("    majority = labels[np.argmax(counts)]        # np.unique sorts, argmax takes the first maximum\n"
             "    return float(np.mean(np.asarray(y_test) == majority))",
             "    return float(counts.max() / counts.sum())"),
        ],
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        "what": "Counter.most_common breaks ties by first occurrence, not by the smallest label",
        "patch": [
            ("def majority_baseline_accuracy(y_train, y_test):",
             "from collections import Counter\n"
             "\n"
             "\n"
             "def majority_baseline_accuracy(y_train, y_test):"),
            ("    labels, counts = np.unique(np.asarray(y_train), return_counts=True)\n"
             "    majority = labels[np.argmax(counts)]        # np.unique sorts, argmax takes the first maximum",
             "    majority = Counter(list(y_train)).most_common(1)[0][0]"),
        ],
        "fails": ["test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        "what": "scores scikit-learn's DummyClassifier (disabled in the visible and the hidden test)",
        "patch": [
            ("def majority_baseline_accuracy(y_train, y_test):",
             "from sklearn.dummy import DummyClassifier\n"
             "\n"
             "\n"
             "def majority_baseline_accuracy(y_train, y_test):"),
            ("    labels, counts = np.unique(np.asarray(y_train), return_counts=True)\n"
             "    majority = labels[np.argmax(counts)]        # np.unique sorts, argmax takes the first maximum\n"
             "    return float(np.mean(np.asarray(y_test) == majority))",
             "    y_train, y_test = np.asarray(y_train), np.asarray(y_test)\n"
             "    model = DummyClassifier(strategy=\"most_frequent\").fit(np.zeros((len(y_train), 1)), y_train)\n"
             "    return float(model.score(np.zeros((len(y_test), 1)), y_test))"),
        ],
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        "what": "pandas' Series.mode for the majority class (its smallest mode; disabled in the tests)",
        "patch": [
            ("def majority_baseline_accuracy(y_train, y_test):",
             "import pandas as pd\n"
             "\n"
             "\n"
             "def majority_baseline_accuracy(y_train, y_test):"),
            ("    labels, counts = np.unique(np.asarray(y_train), return_counts=True)\n"
             "    majority = labels[np.argmax(counts)]        # np.unique sorts, argmax takes the first maximum",
             "    majority = pd.Series(list(y_train)).mode().iloc[0]"),
        ],
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    # ---------------------------------------------------------------- part 6: softmax regression on the digits
    {
        "cell": "fit_softmax_classifier",
        "what": "predict returns the column index of the best score, not the class label",
        "patch": [("return classes[np.argmax(Z_new @ W + b, axis=1)]", "return np.argmax(Z_new @ W + b, axis=1)")],
        "fails": ["test_fit_softmax_classifier_hidden"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "predict scales the new rows with their own statistics (a single image becomes all zeros)",
        "patch": [("_, Z_new = standardize_train_test(X_train, X)", "Z_new, _ = standardize_train_test(X, X[:1])")],
        "fails": ["test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "standardises the caller's arrays in place",
        "patch": [
            ("    X_train = np.array(X_train, dtype=float)      # a private copy: the caller may change theirs later\n",
             "    X_train = np.asarray(X_train, dtype=float)\n"),
            ("    Z, _ = standardize_train_test(X_train, X_train[:1])\n",
             "    mean, std = X_train.mean(axis=0), X_train.std(axis=0)\n"
             "    std[std == 0] = 1.0\n"
             "    X_train -= mean\n"
             "    X_train /= std\n"
             "    Z = X_train\n"),
            ("        _, Z_new = standardize_train_test(X_train, X)\n",
             "        Z_new = np.asarray(X, dtype=float)\n"
             "        Z_new -= mean\n"
             "        Z_new /= std\n"),
        ],
        "fails": ["test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "the gradient summed over the rows instead of averaged: a step n times too long",
        "patch": [("G = (P - Y) / n", "G = P - Y")],
        "fails": ["test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "gradient ascent: the step is added instead of subtracted",
        "patch": [("W -= lr * (Z.T @ G)", "W += lr * (Z.T @ G)"), ("b -= lr * G.sum(axis=0)", "b += lr * G.sum(axis=0)")],
        "fails": ["test_fit_softmax_classifier", "test_fit_softmax_classifier_hidden",
                  "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "the loss recorded after each step instead of before it (losses[0] is not log K)",
        "patch": [
            ("        losses[t] = -np.mean(np.log(np.sum(P * Y, axis=1)))\n", ""),
            ("        b -= lr * G.sum(axis=0)\n",
             "        b -= lr * G.sum(axis=0)\n"
             "        losses[t] = -np.mean(np.log(np.sum(probabilities(Z @ W + b) * Y, axis=1)))\n"),
        ],
        "fails": ["test_fit_softmax_classifier", "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "fit_softmax_classifier",
        "what": "scikit-learn's LogisticRegression instead of gradient descent (disabled in the tests)",
        "patch": [
            ("    for t in range(n_steps):",
             "    from sklearn.linear_model import LogisticRegression\n"
             "    model = LogisticRegression(max_iter=200).fit(Z, y_train)\n"
             "    W, b = model.coef_.T, model.intercept_\n"
             "    for t in range(0):"),
        ],
        "fails": ["test_fit_softmax_classifier", "test_fit_softmax_classifier_hidden",
                  "test_fit_softmax_classifier_rows"],
    },
    {
        "cell": "kfold_indices",
        "what": "the remainder n % k goes to the last fold, so the sizes differ by more than one",
        "patch": [("size = n // k + (1 if j < n % k else 0)", "size = n // k + (n % k if j == k - 1 else 0)")],
        "fails": ["test_kfold_indices_hidden", "test_cross_val_accuracy_hidden", "test_select_by_cv_hidden"],
    },
    {
        "cell": "kfold_indices",
        "what": "each fold sorted instead of kept in the shuffled order",
        "patch": [("folds.append(order[start:start + size])", "folds.append(np.sort(order[start:start + size]))")],
        "fails": ["test_kfold_indices", "test_kfold_indices_hidden"],
    },
    {
        "cell": "kfold_indices",
        "what": "no check of k: k = 1 or k > n gives folds instead of a ValueError",
        "patch": [("    if not 2 <= k <= n:\n        raise ValueError(f\"expected 2 <= k <= n, got k={k} and n={n}\")\n", "")],
        "fails": ["test_kfold_indices_edge"],
    },
    {
        "cell": "kfold_indices",
        "what": "the course's helpers.ml.kfold_indices (disabled in the tests)",
        "patch": [("    order = np.random.default_rng(seed).permutation(n)\n",
                   "    from helpers.ml import kfold_indices as course_kfold\n"
                   "    return [test for _, test in course_kfold(n, k, shuffle=True, random_state=seed)]\n"
                   "    order = np.random.default_rng(seed).permutation(n)\n")],
        "fails": ["test_kfold_indices", "test_kfold_indices_hidden", "test_kfold_indices_edge",
                  "test_cross_val_accuracy", "test_cross_val_accuracy_hidden", "test_cross_val_accuracy_inputs",
                  "test_select_by_cv", "test_select_by_cv_hidden"],
    },
    {
        "cell": "cross_val_accuracy",
        "what": "the seed argument ignored: the folds of seed 0 every time",
        "patch": [("in kfold_indices(len(y), k, seed):", "in kfold_indices(len(y), k, 0):")],
        "fails": ["test_cross_val_accuracy_hidden", "test_cross_val_accuracy_inputs", "test_select_by_cv_hidden"],
    },
    {
        "cell": "cross_val_accuracy",
        "what": "X used as given: a Python list of rows cannot be indexed by an index array",
        "patch": [("    X = np.asarray(X)\n", "")],
        "fails": ["test_cross_val_accuracy_inputs"],
        "error": "TypeError",
    },
    {
        "cell": "cross_val_accuracy",
        "what": "the training rows in the shuffled order of the other folds instead of ascending order",
        "patch": [("train = np.flatnonzero(~in_test)       # ascending order",
                   "train = np.concatenate([f for f in kfold_indices(len(y), k, seed) if f is not test])")],
        "fails": ["test_cross_val_accuracy"],
    },
    {
        "cell": "cross_val_accuracy",
        "what": "scikit-learn's KFold for the folds (disabled in the tests)",
        "patch": [("    for test in kfold_indices(len(y), k, seed):\n",
                   "    from sklearn.model_selection import KFold\n"
                   "    for _, test in KFold(k, shuffle=True, random_state=seed).split(X):\n")],
        "fails": ["test_cross_val_accuracy", "test_cross_val_accuracy_hidden", "test_cross_val_accuracy_inputs",
                  "test_select_by_cv", "test_select_by_cv_hidden"],
    },
    {
        "cell": "select_by_cv",
        "what": "each candidate scored on its own folds (seed + i): the comparison is no longer paired",
        "patch": [("for c in candidates:", "for i, c in enumerate(candidates):"),
                  ("X, y, k, seed)", "X, y, k, seed + i)")],
        "fails": ["test_select_by_cv_hidden"],
    },
    {
        "cell": "select_by_cv",
        "what": "returns the index of the best candidate instead of the candidate",
        "patch": [("return candidates[int(np.argmax(means))], means", "return int(np.argmax(means)), means")],
        "fails": ["test_select_by_cv", "test_select_by_cv_hidden"],
    },
    {
        "cell": "select_by_cv",
        "what": "the folds from the course's helpers.ml.kfold_indices (disabled in the tests)",
        "patch": [("        means.append(float(np.mean(cross_val_accuracy(fit, predict, X, y, k, seed))))\n",
                   "        from helpers.ml import kfold_indices as course_kfold\n"
                   "        accs = [np.mean(predict(fit(X[tr], y[tr]), X[te]) == y[te])\n"
                   "                for tr, te in course_kfold(len(y), k, shuffle=True, random_state=seed)]\n"
                   "        means.append(float(np.mean(accs)))\n")],
        "fails": ["test_select_by_cv", "test_select_by_cv_hidden"],
    },
    {
        "cell": "stratified_fold_indices",
        "what": "the labels sorted with the default (unstable) argsort, which scrambles the order inside a class",
        "patch": [('np.argsort(y[order], kind="stable")', "np.argsort(y[order])")],
        "fails": ["test_stratified_fold_indices", "test_stratified_fold_indices_hidden"],
    },
    {
        "cell": "stratified_fold_indices",
        "what": "y used as given: a Python list of labels cannot be indexed by an index array",
        "patch": [("    y = np.asarray(y)\n", "")],
        "fails": ["test_stratified_fold_indices_hidden"],
        "error": "TypeError",
    },
    {
        "cell": "stratified_fold_indices",
        "what": "the regrouped indices cut into consecutive slices instead of dealt round robin",
        "patch": [("return [order[j::k] for j in range(k)]", "return np.array_split(order, k)")],
        "fails": ["test_stratified_fold_indices", "test_stratified_fold_indices_hidden"],
    },
    {
        "cell": "stratified_fold_indices",
        "what": "the course's helpers.ml.stratified_kfold_indices (disabled in the tests)",
        "patch": [("    order = np.random.default_rng(seed).permutation(len(y))\n",
                   "    from helpers.ml import stratified_kfold_indices as course_folds\n"
                   "    return [test for _, test in course_folds(y, k, shuffle=True, random_state=seed)]\n"
                   "    order = np.random.default_rng(seed).permutation(len(y))\n")],
        "fails": ["test_stratified_fold_indices", "test_stratified_fold_indices_hidden"],
    },
    # ---------------------------------------------------------------- part 10: the averaged perceptron
    {
        "cell": "train_perceptron",
        "what": "a new generator every epoch: every epoch visits the examples in the same order",
        "patch": [("    rng = np.random.default_rng(seed)\n", ""),
                  ("for i in rng.permutation(n):", "for i in np.random.default_rng(seed).permutation(n):")],
        "fails": ["test_train_perceptron_hidden", "test_train_perceptron_average"],
    },
    {
        "cell": "train_perceptron",
        "what": "the step counter reset at the start of every epoch (the average of one epoch's weights)",
        "patch": [("    step = 0\n    for epoch in range(epochs):\n",
                   "    for epoch in range(epochs):\n        step = 0\n")],
        "fails": ["test_train_perceptron_average", "test_perceptron_digits", "test_perceptron_digits_hidden"],
    },
    {
        "cell": "train_perceptron",
        "what": "no averaging: returns the last weights whatever average says",
        "patch": [("    if average:\n        return W - U / step, b - c / step, mistakes\n", "")],
        "fails": ["test_train_perceptron", "test_train_perceptron_average", "test_perceptron_digits_hidden"],
    },
    {
        "cell": "train_perceptron",
        "what": "only the true row is updated; the predicted row keeps its weights",
        "patch": [("                W[pred] -= X[i]\n", ""), ("                b[pred] -= 1.0\n", ""),
                  ("                U[pred] -= step * X[i]\n", ""), ("                c[pred] -= step\n", "")],
        "fails": ["test_train_perceptron", "test_train_perceptron_hidden", "test_train_perceptron_average",
                  "test_perceptron_digits_hidden"],
    },
    {
        "cell": "train_perceptron",
        "what": "scikit-learn's Perceptron (disabled in the tests)",
        "patch": [("    X = np.asarray(X, dtype=float)\n    y = np.asarray(y)\n    n, d = X.shape\n",
                   "    from sklearn.linear_model import Perceptron\n"
                   "    model = Perceptron(max_iter=epochs, tol=None, random_state=seed).fit(X, y)\n"
                   "    return model.coef_, model.intercept_, np.zeros(epochs, dtype=int)\n"
                   "    X = np.asarray(X, dtype=float)\n    y = np.asarray(y)\n    n, d = X.shape\n")],
        "fails": ["test_train_perceptron", "test_train_perceptron_hidden", "test_train_perceptron_average",
                  "test_perceptron_digits", "test_perceptron_digits_hidden"],
    },
    {
        "cell": "perceptron_predict",
        "what": "the biases left out of the scores",
        "patch": [(" + np.asarray(b, dtype=float)", "")],
        "fails": ["test_perceptron_predict_hidden"],
    },
    # ---------------------------------------------------------------- part 11: learning curves
    {
        "cell": "learning_curve",
        "what": "ignores seed: always shuffles with seed 0",
        "patch": [("rng = np.random.default_rng(seed)", "rng = np.random.default_rng(0)")],
        "fails": ["test_learning_curve_hidden", "test_learning_curve_edge"],
    },
    {
        "cell": "learning_curve",
        "what": "no check of the sizes: a size larger than the pool silently trains on fewer rows",
        "patch": [("    if any(not 1 <= m <= n - n_test for m in sizes):\n"
                   "        raise ValueError(f\"expected every size in [1, {n - n_test}], got {list(sizes)}\")\n", "")],
        "fails": ["test_learning_curve_edge"],
    },
    {
        "cell": "learning_curve",
        "what": "scikit-learn's learning_curve (disabled in the tests)",
        "patch": [("    rng = np.random.default_rng(seed)\n",
                   "    from sklearn.model_selection import learning_curve as sk_learning_curve\n"
                   "    sizes, train_scores, test_scores = sk_learning_curve(fit, X, y, train_sizes=sizes)\n"
                   "    return train_scores.mean(axis=1), test_scores.mean(axis=1)\n")],
        "fails": ["test_learning_curve", "test_learning_curve_hidden", "test_learning_curve_edge"],
    },
    {
        "cell": "learning_curve",
        "what": "the pool taken in ascending order (np.setdiff1d), so the training rows are not a random sample",
        "patch": [("test, pool = order[:n_test], order[n_test:]",
                   "test = order[:n_test]\n        pool = np.setdiff1d(np.arange(n), test)")],
        "fails": ["test_learning_curve", "test_learning_curve_hidden", "test_learning_curve_edge"],
    },
]
