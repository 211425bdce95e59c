"""Chapter 2: tools for a rare positive class.

Checked in ``tests/test_imbalance.py`` (against imbalanced-learn, torch autograd and scikit-learn):

- :func:`smote`                -- SMOTE's synthetic minority points ``x + u (x_nn - x)``, drawn in the same
  order as ``imblearn.over_sampling.SMOTE`` so that both give the same points for the same seed
- :func:`focal_loss`           -- binary focal loss of logits (torch), optionally alpha-balanced
- :func:`focal_loss_grad`      -- its gradient with respect to the logits, in closed form
- :func:`recall_at_precision`  -- the best recall of a score among thresholds that reach a precision
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.checks import check_array

__all__ = ["smote", "focal_loss", "focal_loss_grad", "recall_at_precision"]


def _check_int(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def smote(X_minority, n_new: int, *, k_neighbors: int = 5, random_state=None):
    """Synthetic minority examples by SMOTE (Chawla et al., 2002).

    Each new point picks a minority example ``x`` and one of its ``k_neighbors`` nearest minority
    neighbours ``x_nn`` (Euclidean distance, ``x`` itself excluded) and returns ``x + u (x_nn - x)`` with
    ``u ~ Uniform(0, 1)``: a point on the segment between them. The pair is drawn as one integer in
    ``[0, n_minority * k_neighbors)`` and then ``u``, both from ``numpy.random.RandomState(random_state)``,
    which is the order imbalanced-learn uses.

    Parameters
    ----------
    X_minority : array_like of float, shape (n_minority, n_features)
        The examples of the class to over-sample (only them).
    n_new : int >= 0
        Number of synthetic examples.
    k_neighbors : int >= 1
        Must be smaller than ``n_minority``.
    random_state : int, numpy.random.RandomState or None

    Returns
    -------
    ndarray, shape (n_new, n_features)
    """
    X = check_array(X_minority, "X_minority", ndim=2).astype(float)
    n_new = _check_int(n_new, "n_new", 0)
    k = _check_int(k_neighbors, "k_neighbors", 1)
    if k >= len(X):
        raise ValueError(f"k_neighbors must be smaller than the number of minority examples ({len(X)}), got {k}")
    rs = random_state if isinstance(random_state, np.random.RandomState) else np.random.RandomState(random_state)
    sq = (X**2).sum(axis=1)
    d2 = sq[:, None] + sq[None, :] - 2 * X @ X.T
    np.fill_diagonal(d2, np.inf)
    neighbours = np.argsort(d2, axis=1, kind="stable")[:, :k]
    pick = rs.randint(low=0, high=len(X) * k, size=n_new)
    u = rs.uniform(size=n_new)[:, None]
    rows, cols = pick // k, pick % k
    return X[rows] + u * (X[neighbours[rows, cols]] - X[rows])


def _alpha_t(targets, alpha):
    if alpha is None:
        return 1.0
    alpha = float(alpha)
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1) or None, got {alpha}")
    return alpha * targets + (1 - alpha) * (1 - targets)


def _check_logits_targets(logits, targets, gamma):
    import torch

    if not isinstance(logits, torch.Tensor) or not isinstance(targets, torch.Tensor):
        raise TypeError("logits and targets must be torch tensors")
    if logits.shape != targets.shape:
        raise ValueError(f"logits and targets must have the same shape, got {tuple(logits.shape)} and "
                         f"{tuple(targets.shape)}")
    if not torch.all((targets == 0) | (targets == 1)):
        raise ValueError("targets must hold 0/1 values")
    gamma = float(gamma)
    if gamma < 0:
        raise ValueError(f"gamma must be >= 0, got {gamma}")
    return gamma


def focal_loss(logits, targets, *, gamma: float = 2.0, alpha: float | None = None):
    """Mean binary focal loss ``-alpha_t (1 - p_t)**gamma log(p_t)`` (Lin et al., 2017).

    ``p = sigmoid(logit)`` and ``p_t`` is ``p`` for a positive, ``1 - p`` for a negative. ``gamma = 0`` and
    ``alpha = None`` give the binary cross-entropy. ``alpha`` weights the positives by ``alpha`` and the
    negatives by ``1 - alpha``. Computed from ``logsigmoid`` so that large logits do not overflow.

    Parameters
    ----------
    logits : torch.Tensor, shape (n,)
    targets : torch.Tensor of 0/1 floats, shape (n,)
    gamma : float >= 0
    alpha : float in (0, 1) or None

    Returns
    -------
    torch.Tensor, a scalar (differentiable)
    """
    import torch
    import torch.nn.functional as F

    gamma = _check_logits_targets(logits, targets, gamma)
    log_pt = F.logsigmoid(torch.where(targets == 1, logits, -logits))
    pt = log_pt.exp()
    return (-_alpha_t(targets, alpha) * (1 - pt) ** gamma * log_pt).mean()


def focal_loss_grad(logits, targets, *, gamma: float = 2.0, alpha: float | None = None):
    """Gradient of :func:`focal_loss` with respect to the logits, in closed form.

    With ``s = 2 y - 1`` and ``p_t = sigmoid(s z)``, the derivative of one term is
    ``s alpha_t (1 - p_t)**gamma (gamma p_t log(p_t) + p_t - 1)``; the mean divides by ``n``.

    Parameters
    ----------
    logits, targets : torch.Tensor, shape (n,)
    gamma, alpha : as in :func:`focal_loss`

    Returns
    -------
    torch.Tensor, shape (n,)
    """
    import torch
    import torch.nn.functional as F

    gamma = _check_logits_targets(logits, targets, gamma)
    s = 2 * targets - 1
    log_pt = F.logsigmoid(s * logits)
    pt = log_pt.exp()
    g = s * _alpha_t(targets, alpha) * (1 - pt) ** gamma * (gamma * pt * log_pt + pt - 1)
    return g / logits.numel() if isinstance(g, torch.Tensor) else g


def recall_at_precision(y_true, scores, min_precision: float) -> float:
    """Highest recall over all thresholds ``score >= t`` whose precision is at least ``min_precision``.

    Parameters
    ----------
    y_true : array_like of 0/1, shape (n_samples,)
    scores : array_like of float, shape (n_samples,)
    min_precision : float in (0, 1]

    Returns
    -------
    float (0 when no threshold reaches the precision)
    """
    y = check_array(y_true, "y_true", ndim=1)
    s = check_array(scores, "scores", ndim=1).astype(float)
    if len(y) != len(s):
        raise ValueError(f"y_true and scores must have the same length, got {len(y)} and {len(s)}")
    if not set(np.unique(y).tolist()) <= {0, 1} or y.sum() == 0:
        raise ValueError("y_true must hold 0/1 labels with at least one positive")
    min_precision = float(min_precision)
    if not 0 < min_precision <= 1:
        raise ValueError(f"min_precision must be in (0, 1], got {min_precision}")
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(s_sorted)), len(s) - 1]   # last index of each distinct score
    tp = np.cumsum(y_sorted)[last]
    precision = tp / (last + 1)
    recall = tp / y.sum()
    ok = precision >= min_precision
    return float(recall[ok].max()) if ok.any() else 0.0
