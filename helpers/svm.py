"""Chapter 2: support vector machines from scratch in NumPy.

Used by ``notebooks/02_svm.ipynb`` and checked against scikit-learn in ``tests/test_svm.py``:

- :func:`to_signed_labels`   -- two class labels mapped to -1 / +1 (raises on more than two classes)
- :func:`hinge_loss`         -- mean hinge loss ``max(0, 1 - y s)`` of signed labels and scores
- :func:`svm_objective`      -- the soft-margin primal ``0.5 ||w||^2 + C sum_i max(0, 1 - y_i (w.x_i + b))``
- :func:`svm_subgradient`    -- one sub-gradient of :func:`svm_objective` with respect to ``w`` and ``b``
- :func:`fit_linear_svm_subgradient` -- full-batch sub-gradient descent on the primal
- :func:`rbf_kernel`         -- the Gaussian (RBF) kernel matrix ``exp(-gamma ||x - z||^2)``
- :func:`kernel_decision_function` -- the dual decision function ``sum_i a_i K(x_i, x) + b``

Labels are binary throughout: the multi-class and squared-hinge variants are not part of the library.
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.checks import check_array

__all__ = [
    "to_signed_labels",
    "hinge_loss",
    "svm_objective",
    "svm_subgradient",
    "fit_linear_svm_subgradient",
    "rbf_kernel",
    "kernel_decision_function",
]


def _check_positive(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return float(value)


def to_signed_labels(y) -> np.ndarray:
    """Map two class labels to -1 (the smaller) and +1 (the larger).

    Parameters
    ----------
    y : array_like, shape (n_samples,)
        Labels with exactly two distinct values (e.g. 0/1 or -1/+1).

    Returns
    -------
    ndarray of float, shape (n_samples,)
        -1.0 where ``y`` is the smaller label, +1.0 elsewhere.

    Raises
    ------
    ValueError
        If ``y`` is not 1-D or does not hold exactly two distinct labels.
    """
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y.shape}")
    classes = np.unique(y)
    if len(classes) != 2:
        raise ValueError(f"y must hold exactly two classes (a binary SVM), got {len(classes)}: {classes[:5]}")
    return np.where(y == classes[1], 1.0, -1.0)


def _check_signed(y, name: str = "y") -> np.ndarray:
    y = check_array(y, name, ndim=1)
    if not np.all(np.isin(y, (-1, 1))):
        raise ValueError(f"{name} must hold the labels -1 and +1 only (use to_signed_labels), "
                         f"got values {np.unique(y)[:5]}")
    return y.astype(float)


def _check_problem(w, b, X, y):
    X = check_array(X, "X", ndim=2)
    y = _check_signed(y)
    w = check_array(w, "w", shape=(X.shape[1],))
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same number of samples, got {len(X)} and {len(y)}")
    if isinstance(b, bool) or not isinstance(b, numbers.Real):
        raise TypeError(f"b must be a real number, got {type(b).__name__}")
    return w.astype(float), float(b), X.astype(float), y


def hinge_loss(y, scores) -> float:
    """Mean hinge loss of signed labels and real-valued scores.

    Parameters
    ----------
    y : array_like of -1/+1, shape (n_samples,)
    scores : array_like of float, shape (n_samples,)
        Decision values ``w.x + b`` (or any real score; positive means class +1).

    Returns
    -------
    float
        ``mean(max(0, 1 - y * scores))``.
    """
    y = _check_signed(y)
    scores = check_array(scores, "scores", shape=(len(y),))
    return float(np.mean(np.maximum(0.0, 1.0 - y * scores)))


def svm_objective(w, b, X, y, C: float = 1.0) -> float:
    """The soft-margin SVM's primal objective, as scikit-learn's ``SVC`` and ``LinearSVC`` define it.

    Parameters
    ----------
    w : array_like, shape (n_features,)
    b : float
    X : array_like, shape (n_samples, n_features)
    y : array_like of -1/+1, shape (n_samples,)
    C : float > 0
        Cost of a unit of margin violation.

    Returns
    -------
    float
        ``0.5 * ||w||^2 + C * sum_i max(0, 1 - y_i (w.x_i + b))`` (the intercept is not penalised).
    """
    w, b, X, y = _check_problem(w, b, X, y)
    C = _check_positive(C, "C")
    slack = np.maximum(0.0, 1.0 - y * (X @ w + b))
    return float(0.5 * w @ w + C * slack.sum())


def svm_subgradient(w, b, X, y, C: float = 1.0):
    """One sub-gradient of :func:`svm_objective`.

    The hinge ``max(0, 1 - m)`` has slope -1 for ``m < 1`` and 0 for ``m > 1``; at the kink ``m = 1`` any
    value in between is a valid sub-gradient, and this function takes 0 there.

    Parameters
    ----------
    w, b, X, y, C
        As in :func:`svm_objective`.

    Returns
    -------
    grad_w : ndarray, shape (n_features,)
        ``w - C * sum_{i: m_i < 1} y_i x_i`` with margins ``m_i = y_i (w.x_i + b)``.
    grad_b : float
        ``-C * sum_{i: m_i < 1} y_i``.
    """
    w, b, X, y = _check_problem(w, b, X, y)
    C = _check_positive(C, "C")
    active = y * (X @ w + b) < 1.0
    grad_w = w - C * (y[active] @ X[active])
    grad_b = -C * float(y[active].sum())
    return grad_w, grad_b


def fit_linear_svm_subgradient(X, y, C: float = 1.0, *, n_iter: int = 2000, lr: float = 1.0):
    """Train a linear soft-margin SVM by full-batch sub-gradient descent on the primal.

    The step at iteration ``t`` (from 1) is ``lr / (C * n_samples * sqrt(t))`` applied to the
    sub-gradient of :func:`svm_objective`; dividing by ``C n`` makes ``lr`` independent of the data
    size. A sub-gradient step can increase the objective, so the best iterate seen is returned.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Two class labels (any two values; mapped by :func:`to_signed_labels`).
    C : float > 0
    n_iter : int >= 1
        Number of sub-gradient steps (fixed; no stopping rule).
    lr : float > 0
        Base step size.

    Returns
    -------
    w : ndarray, shape (n_features,)
    b : float
    history : ndarray, shape (n_iter + 1,)
        The objective before the first step and after each step.
    """
    X = check_array(X, "X", ndim=2).astype(float)
    y = to_signed_labels(y)
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same number of samples, got {len(X)} and {len(y)}")
    C = _check_positive(C, "C")
    lr = _check_positive(lr, "lr")
    if isinstance(n_iter, bool) or not isinstance(n_iter, numbers.Integral) or n_iter < 1:
        raise ValueError(f"n_iter must be a positive integer, got {n_iter!r}")
    w, b = np.zeros(X.shape[1]), 0.0
    history = [svm_objective(w, b, X, y, C)]
    best = (history[0], w.copy(), b)
    scale = lr / (C * len(y))
    for t in range(1, n_iter + 1):
        grad_w, grad_b = svm_subgradient(w, b, X, y, C)
        step = scale / np.sqrt(t)
        w, b = w - step * grad_w, b - step * grad_b
        history.append(svm_objective(w, b, X, y, C))
        if history[-1] < best[0]:
            best = (history[-1], w.copy(), b)
    return best[1], float(best[2]), np.array(history)


def rbf_kernel(X, Z=None, gamma: float = 1.0) -> np.ndarray:
    """Gaussian (RBF) kernel matrix.

    Parameters
    ----------
    X : array_like, shape (n_x, n_features)
    Z : array_like, shape (n_z, n_features), optional
        Defaults to ``X``.
    gamma : float > 0
        Inverse width: ``K[i, j] = exp(-gamma * ||X[i] - Z[j]||^2)``.

    Returns
    -------
    ndarray, shape (n_x, n_z)
    """
    X = check_array(X, "X", ndim=2).astype(float)
    Z = X if Z is None else check_array(Z, "Z", ndim=2).astype(float)
    if Z.shape[1] != X.shape[1]:
        raise ValueError(f"X and Z must have the same number of features, got {X.shape[1]} and {Z.shape[1]}")
    gamma = _check_positive(gamma, "gamma")
    sq = (X**2).sum(axis=1)[:, None] + (Z**2).sum(axis=1)[None, :] - 2.0 * X @ Z.T
    return np.exp(-gamma * np.maximum(sq, 0.0))


def kernel_decision_function(K, dual_coef, intercept: float) -> np.ndarray:
    """The dual form of a kernel SVM's decision function.

    Parameters
    ----------
    K : array_like, shape (n_support, n_query)
        Kernel values ``K(x_i, x)`` between the support vectors and the query points.
    dual_coef : array_like, shape (n_support,)
        The products ``alpha_i y_i`` (scikit-learn's ``dual_coef_[0]``).
    intercept : float
        The bias ``b``.

    Returns
    -------
    ndarray, shape (n_query,)
        ``sum_i alpha_i y_i K(x_i, x) + b`` for each query point.
    """
    K = check_array(K, "K", ndim=2)
    dual_coef = check_array(dual_coef, "dual_coef", shape=(K.shape[0],))
    if isinstance(intercept, bool) or not isinstance(intercept, numbers.Real):
        raise TypeError(f"intercept must be a real number, got {type(intercept).__name__}")
    return dual_coef @ K + float(intercept)
