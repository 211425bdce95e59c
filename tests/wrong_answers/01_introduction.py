"""Plausible student mistakes for the 01_introduction assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: standardisation
    {
        "cell": "standardize_train_test",
        # leakage: statistics of all rows, test rows included
        "source": '''
def standardize_train_test(X_train, X_test):
    """Standardise both arrays with the column means and standard deviations of X_train."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    X_all = np.vstack([X_train, X_test])
    mean = X_all.mean(axis=0)
    std = X_all.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    return (X_train - mean) / std, (X_test - mean) / std
''',
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        # the test rows standardised with their own statistics
        "source": '''
def standardize_train_test(X_train, X_test):
    """Standardise both arrays with the column means and standard deviations of X_train."""
    def scale(X):
        X = np.asarray(X, dtype=float)
        std = X.std(axis=0)
        return (X - X.mean(axis=0)) / np.where(std == 0, 1.0, std)
    return scale(X_train), scale(X_test)
''',
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        # sample standard deviation (ddof=1) instead of the population one
        "source": '''
def standardize_train_test(X_train, X_test):
    """Standardise both arrays with the column means and standard deviations of X_train."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0, ddof=1)
    std = np.where(std == 0, 1.0, std)
    return (X_train - mean) / std, (X_test - mean) / std
''',
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        # constant columns not handled: 0 / 0 gives NaN
        "source": '''
def standardize_train_test(X_train, X_test):
    """Standardise both arrays with the column means and standard deviations of X_train."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std
''',
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    {
        "cell": "standardize_train_test",
        # modifies the caller's arrays in place
        "source": '''
def standardize_train_test(X_train, X_test):
    """Standardise both arrays with the column means and standard deviations of X_train."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    X_train -= mean
    X_train /= std
    X_test -= mean
    X_test /= std
    return X_train, X_test
''',
        "fails": ["test_standardize_train_test", "test_standardize_train_test_hidden"],
    },
    # ---------------------------------------------------------------- part 2: accuracy
    {
        "cell": "accuracy",
        # the error rate instead of the accuracy
        "source": '''
def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true labels."""
    return float(np.mean(np.asarray(y_true) != np.asarray(y_pred)))
''',
        "fails": ["test_accuracy", "test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        # list == list is a single bool, not an elementwise comparison
        "source": '''
def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true labels."""
    return np.sum(y_true == y_pred) / len(y_true)
''',
        "fails": ["test_accuracy", "test_accuracy_hidden"],
    },
    {
        "cell": "accuracy",
        # zip silently drops the extra labels: no error for different lengths
        "source": '''
def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true labels."""
    return sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true)
''',
        "fails": ["test_accuracy_hidden"],
    },
    # ---------------------------------------------------------------- part 3: confusion matrix
    {
        "cell": "confusion_matrix",
        # rows and columns swapped (prediction first)
        "source": '''
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C[i, j] of samples with true class i predicted as class j."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[p, t] += 1
    return C
''',
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        # marks a cell instead of counting
        "source": '''
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C[i, j] of samples with true class i predicted as class j."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] = 1
    return C
''',
        "fails": ["test_confusion_matrix", "test_confusion_matrix_hidden"],
    },
    {
        "cell": "confusion_matrix",
        # infers the number of classes from the data, ignoring n_classes
        "source": '''
def confusion_matrix(y_true, y_pred, n_classes):
    """Counts C[i, j] of samples with true class i predicted as class j."""
    k = max(max(y_true), max(y_pred)) + 1
    C = np.zeros((k, k), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C
''',
        "fails": ["test_confusion_matrix_hidden"],
    },
    # ---------------------------------------------------------------- part 4: perceptron step
    {
        "cell": "perceptron_update",
        # a score of exactly 0 is not treated as a mistake: w = 0 never learns
        "source": '''
def perceptron_update(w, b, x, y, lr=1.0):
    """One perceptron learning step on the example (x, y)."""
    w = np.asarray(w, dtype=float)
    x = np.asarray(x, dtype=float)
    if y * (w @ x + b) < 0:
        return w + lr * y * x, b + lr * y
    return w.copy(), b
''',
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        # the learning rate forgotten in the bias update
        "source": '''
def perceptron_update(w, b, x, y, lr=1.0):
    """One perceptron learning step on the example (x, y)."""
    w = np.asarray(w, dtype=float)
    x = np.asarray(x, dtype=float)
    if y * (w @ x + b) <= 0:
        return w + lr * y * x, b + y
    return w.copy(), b
''',
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        # updates the caller's weight array in place
        "source": '''
def perceptron_update(w, b, x, y, lr=1.0):
    """One perceptron learning step on the example (x, y)."""
    if y * (np.dot(w, x) + b) <= 0:
        w += lr * y * x
        b += lr * y
    return w, b
''',
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    {
        "cell": "perceptron_update",
        # updates on every example, also the correctly classified ones
        "source": '''
def perceptron_update(w, b, x, y, lr=1.0):
    """One perceptron learning step on the example (x, y)."""
    return np.asarray(w, dtype=float) + lr * y * np.asarray(x, dtype=float), b + lr * y
''',
        "fails": ["test_perceptron_update", "test_perceptron_update_hidden"],
    },
    # ---------------------------------------------------------------- part 5: majority baseline
    {
        "cell": "majority_baseline_accuracy",
        # leakage: the majority class of the TEST labels
        "source": '''
def majority_baseline_accuracy(y_train, y_test):
    """Test accuracy of always predicting the most frequent training label (ties: smallest label)."""
    labels, counts = np.unique(np.asarray(y_test), return_counts=True)
    majority = labels[np.argmax(counts)]
    return float(np.mean(np.asarray(y_test) == majority))
''',
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        # returns the majority share of the training set instead of the test accuracy
        "source": '''
def majority_baseline_accuracy(y_train, y_test):
    """Test accuracy of always predicting the most frequent training label (ties: smallest label)."""
    labels, counts = np.unique(np.asarray(y_train), return_counts=True)
    return float(counts.max() / counts.sum())
''',
        "fails": ["test_majority_baseline_accuracy", "test_majority_baseline_accuracy_hidden"],
    },
    {
        "cell": "majority_baseline_accuracy",
        # Counter.most_common breaks ties by first occurrence, not by the smallest label
        "source": '''
from collections import Counter


def majority_baseline_accuracy(y_train, y_test):
    """Test accuracy of always predicting the most frequent training label (ties: smallest label)."""
    majority = Counter(list(y_train)).most_common(1)[0][0]
    return float(np.mean(np.asarray(y_test) == majority))
''',
        "fails": ["test_majority_baseline_accuracy_hidden"],
    },
]
