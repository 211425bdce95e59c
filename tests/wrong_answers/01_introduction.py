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
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
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
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        "what": "sample standard deviation (ddof=1) instead of the population one",
        "patch": [("X_train.std(axis=0)", "X_train.std(axis=0, ddof=1)")],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        "what": "constant columns not handled: 0 / 0 gives NaN",
        "patch": [("    std = np.where(std == 0, 1.0, std)\n", "")],
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
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
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
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
]
