"""Chapter 2: classic machine-learning algorithms and metrics written once in NumPy.

Every function here re-implements something scikit-learn (or SciPy) already provides, so that the
lecture can show how it works; ``tests/test_ml.py`` checks each one against its library counterpart.

Regression
    :func:`least_squares`, :func:`least_squares_gd`, :func:`ridge`, :func:`lasso`,
    :func:`soft_threshold`
Classification
    :func:`sigmoid`, :func:`logistic_loss_grad`, :func:`logistic_regression_gd`,
    :func:`knn_predict`, :func:`lda_fit`, :func:`lda_transform`
Trees
    :func:`gini`, :func:`entropy`, :func:`split_impurity`, :func:`best_split`
Classification metrics
    :func:`confusion_matrix`, :func:`accuracy`, :func:`precision_recall_f1`, :func:`average_ranks`,
    :func:`roc_auc`, :func:`roc_curve`
Regression metrics
    :func:`mse`, :func:`rmse`, :func:`mae`, :func:`r2_score`, :func:`adjusted_r2`
Model selection
    :func:`kfold_indices`, :func:`stratified_kfold_indices`
Tabular data
    :func:`tabular_preprocessor` (scikit-learn's ``ColumnTransformer``: scale the numbers, one-hot the rest)
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.checks import check_array, check_int, check_number
from helpers.linalg import least_squares as qr_least_squares

__all__ = [
    "accuracy",
    "adjusted_r2",
    "average_ranks",
    "best_split",
    "confusion_matrix",
    "entropy",
    "gini",
    "kfold_indices",
    "knn_predict",
    "lasso",
    "lda_fit",
    "lda_transform",
    "least_squares",
    "least_squares_gd",
    "logistic_loss_grad",
    "logistic_regression_gd",
    "mae",
    "mse",
    "precision_recall_f1",
    "r2_score",
    "ridge",
    "rmse",
    "roc_auc",
    "roc_curve",
    "sigmoid",
    "soft_threshold",
    "split_impurity",
    "stratified_kfold_indices",
    "tabular_preprocessor",
]


# --------------------------------------------------------------------------------------------------
# input validation
# --------------------------------------------------------------------------------------------------
def _check_X(X, name: str = "X") -> np.ndarray:
    X = check_array(X, name, ndim=2)
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no rows; need at least one sample")
    return X.astype(np.float64)


def _check_y(y, name: str = "y", *, numeric: bool = True) -> np.ndarray:
    y = check_array(y, name, ndim=1, dtype="numeric" if numeric else None)
    if y.shape[0] == 0:
        raise ValueError(f"{name} is empty")
    return y


def _check_same_length(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if len(a) != len(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same number of samples, got {len(a)} and {len(b)}"
        )


def _check_Xy(X, y, *, numeric_y: bool = True):
    X = _check_X(X)
    y = _check_y(y, numeric=numeric_y)
    _check_same_length(X, y, "X", "y")
    return X, y


def _center(X: np.ndarray, y: np.ndarray, fit_intercept: bool):
    if fit_intercept:
        x_mean, y_mean = X.mean(axis=0), y.mean()
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    return X - x_mean, y - y_mean, x_mean, y_mean


# --------------------------------------------------------------------------------------------------
# linear regression
# --------------------------------------------------------------------------------------------------
def least_squares(X, y, *, fit_intercept: bool = True):
    """Ordinary least squares: minimises ``||y - X w - b||^2``.

    With an intercept the data are centred first, so ``w`` solves the least-squares problem of the centred
    ``Xc, yc`` and ``b = mean(y) - mean(X) @ w``. The problem is solved by
    :func:`helpers.linalg.least_squares` (the thin QR factorisation of chapter 1a), which gives the
    solution of the normal equations ``(Xc^T Xc) w = Xc^T yc`` without forming ``Xc^T Xc``.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    fit_intercept : bool

    Returns
    -------
    coef : ndarray, shape (n_features,)
    intercept : float
        0.0 when ``fit_intercept`` is False.

    Raises
    ------
    numpy.linalg.LinAlgError
        When ``X^T X`` is singular (collinear features, or more features than samples); use
        :func:`ridge` then.
    """
    X, y = _check_Xy(X, y)
    Xc, yc, x_mean, y_mean = _center(X, y.astype(float), fit_intercept)
    rank = np.linalg.matrix_rank(Xc)
    if rank < X.shape[1]:
        raise np.linalg.LinAlgError(
            f"X^T X is singular: X has {X.shape[1]} features but rank {rank} after centring "
            f"(collinear features or fewer samples than features); use ridge() instead"
        )
    coef = qr_least_squares(Xc, yc)
    return coef, float(y_mean - x_mean @ coef)


def least_squares_gd(X, y, *, lr: float = 0.1, n_iter: int = 1000, fit_intercept: bool = True):
    """Least squares by full-batch gradient descent on the mean squared error.

    The loss is ``L(w, b) = mean((X w + b - y)^2) / 2``; its gradient is ``X^T r / n`` and
    ``mean(r)`` with residual ``r = X w + b - y``. Standardise ``X`` first, or a learning rate small
    enough for the largest-scale feature will crawl along the others.

    Returns
    -------
    coef : ndarray, shape (n_features,)
    intercept : float
    losses : ndarray, shape (n_iter,)
        ``L`` before each step.
    """
    X, y = _check_Xy(X, y)
    n_iter = check_int(n_iter, "n_iter")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr}")
    n = X.shape[0]
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = np.empty(n_iter)
    for t in range(n_iter):
        r = X @ w + b - y
        losses[t] = 0.5 * np.mean(r**2)
        w -= lr * (X.T @ r) / n
        if fit_intercept:
            b -= lr * r.mean()
    return w, float(b), losses


def ridge(X, y, alpha: float = 1.0, *, fit_intercept: bool = True):
    """Ridge regression in closed form with an unpenalised intercept.

    Minimises ``||y - X w - b||^2 + alpha ||w||^2`` (scikit-learn's ``Ridge`` objective). Centring
    ``X`` and ``y`` removes ``b`` from the problem, so the intercept is not shrunk; then
    ``(Xc^T Xc + alpha I) w = Xc^T yc`` is solved and ``b = mean(y) - mean(X) @ w``.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    alpha : float >= 0

    Returns
    -------
    coef : ndarray, shape (n_features,)
    intercept : float
    """
    X, y = _check_Xy(X, y)
    alpha = check_number(alpha, "alpha", nonnegative=True)
    Xc, yc, x_mean, y_mean = _center(X, y.astype(float), fit_intercept)
    A = Xc.T @ Xc + alpha * np.eye(X.shape[1])
    coef = np.linalg.solve(A, Xc.T @ yc)
    return coef, float(y_mean - x_mean @ coef)


def soft_threshold(z, t: float):
    """``sign(z) * max(|z| - t, 0)``: the proximal step of the L1 penalty (elementwise)."""
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def lasso(X, y, alpha: float = 1.0, *, fit_intercept: bool = True, max_iter: int = 10_000,
          tol: float = 1e-10):
    """Lasso by cyclic coordinate descent, with scikit-learn's scaling of the objective.

    Minimises ``||y - X w - b||^2 / (2 n) + alpha ||w||_1`` (note the ``1 / (2 n)``: the same
    ``alpha`` means the same model as ``sklearn.linear_model.Lasso``). Each coordinate update is
    exact: ``w_j = S(x_j^T r_j / n, alpha) / (x_j^T x_j / n)`` with ``S`` the soft threshold and
    ``r_j`` the residual without feature ``j``.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    alpha : float >= 0
    max_iter : int
        Maximum number of sweeps over all coordinates.
    tol : float
        Stop when the largest coefficient change in a sweep is below ``tol``.

    Returns
    -------
    coef : ndarray, shape (n_features,)
        Exactly zero for the features the penalty switches off.
    intercept : float
    n_iter : int
        Sweeps used.
    """
    X, y = _check_Xy(X, y)
    alpha = check_number(alpha, "alpha", nonnegative=True)
    max_iter = check_int(max_iter, "max_iter")
    Xc, yc, x_mean, y_mean = _center(X, y.astype(float), fit_intercept)
    n, d = Xc.shape
    col_sq = (Xc**2).sum(axis=0) / n
    w = np.zeros(d)
    r = yc.copy()  # residual yc - Xc @ w
    n_iter = max_iter
    for sweep in range(max_iter):
        max_change = 0.0
        for j in range(d):
            if col_sq[j] == 0.0:
                continue
            old = w[j]
            rho = Xc[:, j] @ r / n + col_sq[j] * old
            new = soft_threshold(rho, alpha) / col_sq[j]
            if new != old:
                r -= Xc[:, j] * (new - old)
                w[j] = new
                max_change = max(max_change, abs(new - old))
        if max_change < tol:
            n_iter = sweep + 1
            break
    return w, float(y_mean - x_mean @ w), n_iter


# --------------------------------------------------------------------------------------------------
# logistic regression
# --------------------------------------------------------------------------------------------------
def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``, computed without overflow for large ``|z|``."""
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    with np.errstate(under="ignore"):  # exp(-1000) underflowing to 0 is the right answer
        out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
        ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _check_binary(y, name: str = "y") -> np.ndarray:
    values = np.unique(y)
    if not np.all(np.isin(values, [0, 1])):
        raise ValueError(f"{name} must contain only 0 and 1, found values {values[:10].tolist()}")
    return y.astype(float)


def logistic_loss_grad(w, b: float, X, y, *, l2: float = 0.0):
    """Mean binary cross-entropy of a logistic model and its gradient.

    ``L = mean(log(1 + exp(z)) - y z) + l2 / 2 ||w||^2`` with ``z = X w + b`` (the bias is not
    penalised). The gradient is ``X^T (p - y) / n + l2 w`` and ``mean(p - y)`` with
    ``p = sigmoid(z)``.

    Parameters
    ----------
    w : array_like, shape (n_features,)
    b : float
    X : array_like, shape (n_samples, n_features)
    y : array_like of {0, 1}, shape (n_samples,)
    l2 : float >= 0

    Returns
    -------
    loss : float
    grad_w : ndarray, shape (n_features,)
    grad_b : float
    """
    X, y = _check_Xy(X, y)
    y = _check_binary(y)
    w = check_array(w, "w", shape=(X.shape[1],)).astype(float)
    l2 = check_number(l2, "l2", nonnegative=True)
    z = X @ w + float(b)
    # log(1 + exp(z)) computed stably as logaddexp(0, z)
    loss = float(np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w))
    err = sigmoid(z) - y
    return loss, X.T @ err / len(y) + l2 * w, float(err.mean())


def logistic_regression_gd(X, y, *, lr: float = 0.5, n_iter: int = 2000, l2: float = 0.0):
    """Fit a binary logistic regression by full-batch gradient descent.

    Minimises the loss of :func:`logistic_loss_grad`. With ``l2 > 0`` the result is scikit-learn's
    ``LogisticRegression(C=1 / (l2 * n_samples))``: its objective is ``C`` times the summed loss
    plus ``||w||^2 / 2``, which is the same function scaled by ``C n``.

    Returns
    -------
    coef : ndarray, shape (n_features,)
    intercept : float
    losses : ndarray, shape (n_iter,)
    """
    X, y = _check_Xy(X, y)
    y = _check_binary(y)
    n_iter = check_int(n_iter, "n_iter")
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr}")
    w = np.zeros(X.shape[1])
    b = 0.0
    losses = np.empty(n_iter)
    for t in range(n_iter):
        losses[t], gw, gb = logistic_loss_grad(w, b, X, y, l2=l2)
        w -= lr * gw
        b -= lr * gb
    return w, float(b), losses


# --------------------------------------------------------------------------------------------------
# k nearest neighbours and LDA
# --------------------------------------------------------------------------------------------------
def knn_predict(X_train, y_train, X_query, k: int = 5):
    """k-nearest-neighbour classification by majority vote (Euclidean distance).

    Ties in the vote go to the smallest class label, as in scikit-learn's ``KNeighborsClassifier``
    with uniform weights. Distances are computed for all pairs at once: memory grows like
    ``n_query * n_train``.

    Parameters
    ----------
    X_train : array_like, shape (n_train, n_features)
    y_train : array_like, shape (n_train,)
        Integer (or any sortable) labels.
    X_query : array_like, shape (n_query, n_features)
    k : int, 1 <= k <= n_train

    Returns
    -------
    ndarray, shape (n_query,)
    """
    X_train = _check_X(X_train, "X_train")
    y_train = _check_y(y_train, "y_train", numeric=False)
    _check_same_length(X_train, y_train, "X_train", "y_train")
    X_query = _check_X(X_query, "X_query")
    if X_query.shape[1] != X_train.shape[1]:
        raise ValueError(
            f"X_query must have {X_train.shape[1]} features like X_train, got {X_query.shape[1]}"
        )
    k = check_int(k, "k")
    if k > len(X_train):
        raise ValueError(f"k={k} is larger than the number of training samples ({len(X_train)})")
    d2 = (
        (X_query**2).sum(axis=1)[:, None]
        - 2.0 * X_query @ X_train.T
        + (X_train**2).sum(axis=1)[None, :]
    )
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    classes, codes = np.unique(y_train, return_inverse=True)
    votes = np.zeros((len(X_query), len(classes)), dtype=int)
    np.add.at(votes, (np.repeat(np.arange(len(X_query)), k), codes[nearest].ravel()), 1)
    return classes[np.argmax(votes, axis=1)]  # argmax takes the first (smallest) class on ties


def lda_fit(X, y, n_components: int | None = None):
    """Fisher's linear discriminant directions.

    Solves the generalised eigenproblem ``S_b v = lambda S_w v`` (equivalently the eigenvectors of
    ``S_w^{-1} S_b``) with between-class scatter ``S_b = sum_c n_c (m_c - m)(m_c - m)^T`` and
    within-class scatter ``S_w = sum_c sum_{i in c} (x_i - m_c)(x_i - m_c)^T``. Directions are
    scaled so that the projected data have unit within-class variance (``v^T S_w v = n``), the
    scaling of scikit-learn's ``LinearDiscriminantAnalysis(solver="svd").transform`` (version 1.9).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    n_components : int, optional
        At most ``min(n_classes - 1, n_features)`` (the default).

    Returns
    -------
    W : ndarray, shape (n_features, n_components)
        Columns ordered by decreasing eigenvalue (class separation).
    mean : ndarray, shape (n_features,)
        The overall mean, subtracted before projecting.
    eigenvalues : ndarray, shape (n_components,)
    """
    import scipy.linalg

    X, y = _check_Xy(X, y, numeric_y=False)
    classes = np.unique(y)
    n, d = X.shape
    if len(classes) < 2:
        raise ValueError("y must contain at least two classes")
    if n <= len(classes):
        raise ValueError(f"need more samples ({n}) than classes ({len(classes)})")
    max_comp = min(len(classes) - 1, d)
    if n_components is None:
        n_components = max_comp
    n_components = check_int(n_components, "n_components")
    if n_components > max_comp:
        raise ValueError(f"n_components must be <= min(n_classes - 1, n_features) = {max_comp}")
    mean = X.mean(axis=0)
    S_w = np.zeros((d, d))
    S_b = np.zeros((d, d))
    for c in classes:
        Xc = X[y == c]
        mc = Xc.mean(axis=0)
        D = Xc - mc
        S_w += D.T @ D
        S_b += len(Xc) * np.outer(mc - mean, mc - mean)
    evals, evecs = scipy.linalg.eigh(S_b, S_w)  # v^T S_w v = 1
    order = np.argsort(evals)[::-1][:n_components]
    W = evecs[:, order] * np.sqrt(n)
    return W, mean, evals[order]


def lda_transform(X, W, mean):
    """Project ``X`` (n_samples, n_features) onto LDA directions ``W`` from :func:`lda_fit`."""
    X = _check_X(X)
    W = check_array(W, "W", ndim=2)
    if W.shape[0] != X.shape[1]:
        raise ValueError(f"W must have {X.shape[1]} rows (one per feature), got {W.shape[0]}")
    return (X - np.asarray(mean, dtype=float)) @ W


# --------------------------------------------------------------------------------------------------
# decision-tree impurities
# --------------------------------------------------------------------------------------------------
def _class_fractions(y) -> np.ndarray:
    y = check_array(y, "y", ndim=1, dtype=None)
    if len(y) == 0:
        raise ValueError("y is empty: the impurity of an empty node is undefined")
    _, counts = np.unique(y, return_counts=True)
    return counts / counts.sum()


def gini(y) -> float:
    """Gini impurity ``1 - sum_c p_c^2`` of the labels in one node."""
    p = _class_fractions(y)
    return float(1.0 - np.sum(p**2))


def entropy(y) -> float:
    """Shannon entropy in bits, ``-sum_c p_c log2 p_c``, of the labels in one node."""
    p = _class_fractions(y)
    return float(-np.sum(p * np.log2(p)))


_IMPURITY = {"gini": gini, "entropy": entropy}


def split_impurity(y_left, y_right, criterion: str = "gini") -> float:
    """Impurity of a split: the children's impurities weighted by their sizes."""
    if criterion not in _IMPURITY:
        raise ValueError(f"criterion must be 'gini' or 'entropy', got {criterion!r}")
    f = _IMPURITY[criterion]
    n_l, n_r = len(y_left), len(y_right)
    if n_l == 0 or n_r == 0:
        raise ValueError("both sides of a split must be non-empty")
    return (n_l * f(y_left) + n_r * f(y_right)) / (n_l + n_r)


def best_split(X, y, criterion: str = "gini"):
    """The single best axis-aligned split ``x[feature] <= threshold``, as a decision stump finds it.

    Every feature and every midpoint between consecutive distinct sorted values is tried; the
    split with the lowest weighted child impurity wins (ties: the first feature, then the lowest
    threshold).

    Returns
    -------
    feature : int
    threshold : float
    impurity_decrease : float
        Parent impurity minus the weighted child impurity.
    """
    X, y = _check_Xy(X, y, numeric_y=False)
    if criterion not in _IMPURITY:
        raise ValueError(f"criterion must be 'gini' or 'entropy', got {criterion!r}")
    classes, codes = np.unique(y, return_inverse=True)
    n, k = len(y), len(classes)
    onehot = np.eye(k)[codes]
    parent = _IMPURITY[criterion](y)

    def impurity(counts, size):
        p = counts / size[:, None]
        if criterion == "gini":
            return 1.0 - np.sum(p**2, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            return -np.sum(np.where(p > 0, p * np.log2(p), 0.0), axis=1)

    best = (None, None, -np.inf)
    for j in range(X.shape[1]):
        order = np.argsort(X[:, j], kind="stable")
        xs = X[order, j]
        left = np.cumsum(onehot[order], axis=0)[:-1]  # counts for the first i+1 samples
        valid = xs[1:] > xs[:-1]  # only cut between distinct values
        if not np.any(valid):
            continue
        size_l = np.arange(1, n, dtype=float)
        right = left[-1] + onehot[order][-1] - left
        child = (size_l * impurity(left, size_l) + (n - size_l) * impurity(right, n - size_l)) / n
        child = np.where(valid, child, np.inf)
        i = int(np.argmin(child))
        if parent - child[i] > best[2] + 1e-12:
            best = (j, float((xs[i] + xs[i + 1]) / 2.0), float(parent - child[i]))
    if best[0] is None:
        raise ValueError("no split possible: every feature is constant")
    return best


# --------------------------------------------------------------------------------------------------
# classification metrics
# --------------------------------------------------------------------------------------------------
def _check_pair(y_true, y_pred, name_pred: str = "y_pred"):
    y_true = _check_y(y_true, "y_true", numeric=False)
    y_pred = _check_y(y_pred, name_pred, numeric=False)
    _check_same_length(y_true, y_pred, "y_true", name_pred)
    return y_true, y_pred


def confusion_matrix(y_true, y_pred, labels=None):
    """Counts ``C[i, j]`` of samples with true label ``labels[i]`` predicted as ``labels[j]``.

    ``labels`` defaults to the sorted union of both label sets (scikit-learn's convention).
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    labels = np.unique(np.concatenate([y_true, y_pred])) if labels is None else np.asarray(labels)
    index = {lab: i for i, lab in enumerate(labels.tolist())}
    C = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        if t in index and p in index:
            C[index[t], index[p]] += 1
    return C


def accuracy(y_true, y_pred) -> float:
    """Fraction of exact matches."""
    y_true, y_pred = _check_pair(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def precision_recall_f1(y_true, y_pred, *, pos_label=1, zero_division: float = 0.0):
    """Precision, recall and F1 of the class ``pos_label``.

    Follows scikit-learn's conventions: precision ``TP / (TP + FP)`` and recall ``TP / (TP + FN)``
    are ``zero_division`` when their denominator is 0; F1 is ``2 TP / (2 TP + FP + FN)``, which is
    ``zero_division`` only when ``TP + FP + FN = 0`` (the class appears neither in ``y_true`` nor in
    ``y_pred``).

    Returns
    -------
    precision, recall, f1 : float
    """
    y_true, y_pred = _check_pair(y_true, y_pred)
    if not (np.isnan(zero_division) or zero_division in (0, 1)):
        raise ValueError(f"zero_division must be 0, 1 or nan, got {zero_division}")
    t, p = y_true == pos_label, y_pred == pos_label
    tp = float(np.sum(t & p))
    fp = float(np.sum(~t & p))
    fn = float(np.sum(t & ~p))

    def ratio(num, den):
        return num / den if den > 0 else float(zero_division)

    return ratio(tp, tp + fp), ratio(tp, tp + fn), ratio(2 * tp, 2 * tp + fp + fn)


def average_ranks(x) -> np.ndarray:
    """Ranks 1..n of ``x``; tied values share their average rank (as ``scipy.stats.rankdata``)."""
    x = check_array(x, "x", ndim=1)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    # start of each run of equal values in sorted order
    starts = np.flatnonzero(np.r_[True, xs[1:] != xs[:-1]])
    ends = np.r_[starts[1:], len(x)]  # exclusive
    run_rank = (starts + 1 + ends) / 2.0  # mean of ranks starts+1 .. ends
    ranks = np.empty(len(x))
    ranks[order] = np.repeat(run_rank, ends - starts)
    return ranks


def _check_scores(y_true, scores):
    y_true = _check_y(y_true, "y_true")
    scores = _check_y(scores, "scores")
    _check_same_length(y_true, scores, "y_true", "scores")
    y = _check_binary(y_true, "y_true")
    n_pos = int(y.sum())
    if n_pos == 0 or n_pos == len(y):
        raise ValueError("ROC AUC needs both classes in y_true; only one is present")
    return y, scores.astype(float), n_pos


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve from ranks (the Mann-Whitney U statistic).

    AUC is the probability that a random positive scores higher than a random negative, with ties
    counted as one half. Average ranks of tied scores give exactly that:
    ``AUC = (sum of positive ranks - n_pos (n_pos + 1) / 2) / (n_pos n_neg)``.

    Parameters
    ----------
    y_true : array_like of {0, 1}, shape (n,)
    scores : array_like of float, shape (n,)
        Higher means "more positive"; any monotone transform gives the same AUC.
    """
    y, scores, n_pos = _check_scores(y_true, scores)
    n_neg = len(y) - n_pos
    r = average_ranks(scores)
    return float((r[y == 1].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def roc_curve(y_true, scores):
    """ROC curve points at every distinct score threshold.

    Returns
    -------
    fpr, tpr : ndarray, shape (n_thresholds + 1,)
        Starting at (0, 0) (threshold above every score) and ending at (1, 1).
    thresholds : ndarray, shape (n_thresholds + 1,)
        Decreasing; the first is ``inf``. A sample is predicted positive when
        ``score >= threshold``.
    """
    y, scores, n_pos = _check_scores(y_true, scores)
    order = np.argsort(-scores, kind="stable")
    s, yy = scores[order], y[order]
    last_of_run = np.r_[s[1:] != s[:-1], True]
    tp = np.cumsum(yy)[last_of_run]
    fp = np.cumsum(1 - yy)[last_of_run]
    fpr = np.r_[0.0, fp / (len(y) - n_pos)]
    tpr = np.r_[0.0, tp / n_pos]
    return fpr, tpr, np.r_[np.inf, s[last_of_run]]


# --------------------------------------------------------------------------------------------------
# regression metrics
# --------------------------------------------------------------------------------------------------
def _check_reg(y_true, y_pred):
    y_true = _check_y(y_true, "y_true").astype(float)
    y_pred = _check_y(y_pred, "y_pred").astype(float)
    _check_same_length(y_true, y_pred, "y_true", "y_pred")
    return y_true, y_pred


def mse(y_true, y_pred) -> float:
    """Mean squared error."""
    y_true, y_pred = _check_reg(y_true, y_pred)
    return float(np.mean((y_true - y_pred) ** 2))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error, in the units of ``y``."""
    return float(np.sqrt(mse(y_true, y_pred)))


def mae(y_true, y_pred) -> float:
    """Mean absolute error."""
    y_true, y_pred = _check_reg(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def r2_score(y_true, y_pred) -> float:
    """Coefficient of determination ``1 - SS_res / SS_tot``.

    It is 1 for a perfect fit, 0 for always predicting ``mean(y_true)`` and negative (without lower
    bound) for anything worse, as happens on test data.
    """
    y_true, y_pred = _check_reg(y_true, y_pred)
    ss_tot = np.sum((y_true - y_true.mean()) ** 2)
    if ss_tot == 0:
        raise ValueError("R^2 is undefined when y_true is constant")
    return float(1.0 - np.sum((y_true - y_pred) ** 2) / ss_tot)


def adjusted_r2(y_true, y_pred, n_features: int) -> float:
    """``1 - (1 - R^2) (n - 1) / (n - k - 1)`` for a model with ``k = n_features`` predictors."""
    n_features = check_int(n_features, "n_features", 0)
    n = len(np.asarray(y_true))
    if n - n_features - 1 <= 0:
        raise ValueError(f"need n_samples > n_features + 1, got {n} and {n_features}")
    return float(1.0 - (1.0 - r2_score(y_true, y_pred)) * (n - 1) / (n - n_features - 1))


# --------------------------------------------------------------------------------------------------
# cross-validation indices
# --------------------------------------------------------------------------------------------------
def _check_splits(n_splits, n_samples: int) -> int:
    if isinstance(n_splits, bool) or not isinstance(n_splits, numbers.Integral):
        raise TypeError(f"n_splits must be an int, got {type(n_splits).__name__}")
    if n_splits < 2:
        raise ValueError(
            f"n_splits must be at least 2 (one fold to test, one to train), got {n_splits}"
        )
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is larger than the number of samples ({n_samples})")
    return int(n_splits)


def kfold_indices(n_samples: int, n_splits: int = 5, *, shuffle: bool = False, random_state=None):
    """Train/test index pairs of k-fold cross-validation, as ``sklearn.model_selection.KFold``.

    The (optionally shuffled) indices are cut into ``n_splits`` consecutive folds; the first
    ``n_samples % n_splits`` folds get one extra sample. Shuffling uses
    ``np.random.RandomState(random_state).shuffle``, like scikit-learn with an integer ``random_state``.
    Both index arrays are returned in ascending order.

    Returns
    -------
    list of (train_idx, test_idx) ndarray pairs
    """
    n_samples = check_int(n_samples, "n_samples")
    n_splits = _check_splits(n_splits, n_samples)
    idx = np.arange(n_samples)
    if shuffle:
        np.random.RandomState(random_state).shuffle(idx)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    folds, start = [], 0
    for size in sizes:
        test = idx[start:start + size]
        in_test = np.zeros(n_samples, dtype=bool)
        in_test[test] = True
        folds.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
        start += size
    return folds


def stratified_kfold_indices(y, n_splits: int = 5, *, shuffle: bool = False, random_state=None):
    """Stratified k-fold indices, identical to ``sklearn.model_selection.StratifiedKFold``.

    Classes are numbered in order of first appearance. The samples, sorted by class, are dealt
    round-robin to the folds to decide how many of each class every fold receives; then within each
    class the first members (in data order, or shuffled) fill fold 0, the next fold 1, and so on.
    Every fold's class proportions therefore match the whole data set's to within one sample.

    Raises
    ------
    ValueError
        If ``n_splits < 2`` or some class has fewer than ``n_splits`` members (a fold would miss it;
        scikit-learn only warns).
    """
    y = _check_y(y, "y", numeric=False)
    n_splits = _check_splits(n_splits, len(y))
    _, first, inverse = np.unique(y, return_index=True, return_inverse=True)
    # renumber classes by first appearance
    rank_of_class = np.argsort(np.argsort(first))
    codes = rank_of_class[inverse]
    counts = np.bincount(codes)
    if counts.min() < n_splits:
        raise ValueError(
            f"n_splits={n_splits} is larger than the smallest class ({counts.min()} members)"
        )
    sorted_codes = np.sort(codes)
    allocation = np.array(
        [np.bincount(sorted_codes[i::n_splits], minlength=len(counts)) for i in range(n_splits)]
    )
    rng = np.random.RandomState(random_state) if shuffle else None
    test_fold = np.empty(len(y), dtype=int)
    for c in range(len(counts)):
        fold_of_member = np.repeat(np.arange(n_splits), allocation[:, c])
        if rng is not None:
            rng.shuffle(fold_of_member)
        test_fold[codes == c] = fold_of_member
    all_idx = np.arange(len(y))
    return [(all_idx[test_fold != f], all_idx[test_fold == f]) for f in range(n_splits)]


# --------------------------------------------------------------------------------------------------
# tabular data
# --------------------------------------------------------------------------------------------------
def tabular_preprocessor(frame, drop=(), *, dense: bool = False):
    """The preprocessing of a table with numeric and categorical columns (the bank-marketing data, say).

    A scikit-learn ``ColumnTransformer`` that standardises the numeric columns of ``frame`` (``StandardScaler``)
    and one-hot encodes the others (``OneHotEncoder``, unknown categories at prediction time ignored), in
    the order of ``frame``'s columns, numeric block first. Columns named in ``drop`` (and any column not in
    ``frame``) are left out of the output. It is unfitted: put it first in a pipeline, which fits it on
    the training rows only.

    Parameters
    ----------
    frame : pandas.DataFrame
        Only its column names and dtypes are read (to decide which columns are numeric).
    drop : iterable of str
        Columns to leave out, e.g. ``("duration",)``, a feature known only after the outcome.
    dense : bool
        One-hot columns as a dense array (for estimators that need one) rather than a sparse matrix.
    """
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a pandas DataFrame, got {type(frame).__name__}")
    drop = [drop] if isinstance(drop, str) else list(drop)
    unknown = sorted(set(drop) - set(frame.columns))
    if unknown:
        raise ValueError(f"drop names columns that frame does not have: {unknown}")
    kept = [c for c in frame.columns if c not in drop]
    numeric = [c for c in kept if pd.api.types.is_numeric_dtype(frame[c])]
    categorical = [c for c in kept if c not in numeric]
    return ColumnTransformer([
        ("num", StandardScaler(), numeric),
        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=not dense), categorical),
    ])
