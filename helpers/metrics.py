"""Chapter 2: metrics beyond the confusion matrix basics of ``helpers.ml``.

Checked against scikit-learn in ``tests/test_metrics.py``:

- :func:`matthews_binary`        -- Matthews correlation coefficient from the 2x2 confusion matrix (two
  classes only; scikit-learn's ``matthews_corrcoef`` generalises it to K classes)
- :func:`specificity`            -- true negative rate ``TN / (TN + FP)``
- :func:`binary_log_loss`        -- mean negative log-likelihood of 0/1 labels under predicted probabilities
- :func:`per_class_scores`       -- precision, recall, F1 and support of every class (no averaging)
- :func:`ndcg_at_k`              -- normalised discounted cumulative gain of score-ranked lists
- :func:`mean_reciprocal_rank`   -- mean of 1 / (rank of the first relevant item)
- :func:`map_at_k`               -- mean over queries of the average precision in the top k

(MRR and MAP@k break ties between equal scores by item order, ``argsort(-scores, kind="stable")``.)
- :func:`mape`, :func:`smape`    -- (symmetric) mean absolute percentage error, as fractions

Labels of the binary functions are 0 (negative) and 1 (positive).
"""

from __future__ import annotations

import numbers

import numpy as np

from helpers.checks import check_array

__all__ = [
    "matthews_binary",
    "specificity",
    "binary_log_loss",
    "per_class_scores",
    "ndcg_at_k",
    "mean_reciprocal_rank",
    "map_at_k",
    "mape",
    "smape",
]


# --------------------------------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------------------------------
def _labels_pair(y_true, y_pred, name_pred: str = "y_pred"):
    y_true = check_array(y_true, "y_true", ndim=1, dtype=None)
    y_pred = check_array(y_pred, name_pred, ndim=1, dtype=None)
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true and {name_pred} must have the same length, got {len(y_true)} and {len(y_pred)}")
    if len(y_true) == 0:
        raise ValueError("y_true is empty")
    return y_true, y_pred


def _binary_counts(y_true, y_pred, func: str):
    """``tn, fp, fn, tp`` of 0/1 labels; more than two classes is an error."""
    y_true, y_pred = _labels_pair(y_true, y_pred)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    if len(labels) > 2:
        raise ValueError(
            f"{func} handles two classes only, got {len(labels)} labels {labels.tolist()}; "
            "for K classes use sklearn.metrics.matthews_corrcoef and friends"
        )
    if not set(labels.tolist()) <= {0, 1}:
        raise ValueError(f"{func} expects labels 0 and 1, got {labels.tolist()}")
    t, p = y_true == 1, y_pred == 1
    return (float(np.sum(~t & ~p)), float(np.sum(~t & p)), float(np.sum(t & ~p)), float(np.sum(t & p)))


def _check_k(k, name: str = "k") -> int:
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(k).__name__}")
    if k < 1:
        raise ValueError(f"{name} must be >= 1, got {k}")
    return int(k)


def _rank_inputs(y_true, scores):
    y_true = check_array(y_true, "y_true", ndim=2)
    scores = check_array(scores, "scores", ndim=2)
    if y_true.shape != scores.shape:
        raise ValueError(f"y_true and scores must have the same shape (n_queries, n_items), "
                         f"got {y_true.shape} and {scores.shape}")
    if np.any(y_true < 0):
        raise ValueError("y_true (relevances) must be >= 0")
    order = np.argsort(-scores, axis=1, kind="stable")
    return np.take_along_axis(y_true.astype(float), order, axis=1)


# --------------------------------------------------------------------------------------------------
# binary classification
# --------------------------------------------------------------------------------------------------
def matthews_binary(y_true, y_pred) -> float:
    """Matthews correlation coefficient of binary predictions.

    ``(TP TN - FP FN) / sqrt((TP + FP)(TP + FN)(TN + FP)(TN + FN))``: the Pearson correlation of the
    0/1 label with the 0/1 prediction. It is 0 when a factor of the denominator is 0 (scikit-learn's
    convention).

    Parameters
    ----------
    y_true, y_pred : array_like of 0/1, shape (n_samples,)

    Returns
    -------
    float in [-1, 1]

    Raises
    ------
    ValueError
        With more than two distinct labels (the multi-class coefficient is a different formula).
    """
    tn, fp, fn, tp = _binary_counts(y_true, y_pred, "matthews_binary")
    den = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)
    return 0.0 if den == 0 else float((tp * tn - fp * fn) / np.sqrt(den))


def specificity(y_true, y_pred) -> float:
    """True negative rate ``TN / (TN + FP)`` of 0/1 predictions (0 when there are no negatives).

    Parameters
    ----------
    y_true, y_pred : array_like of 0/1, shape (n_samples,)
    """
    tn, fp, _, _ = _binary_counts(y_true, y_pred, "specificity")
    return 0.0 if tn + fp == 0 else tn / (tn + fp)


def binary_log_loss(y_true, proba, *, eps: float | None = None) -> float:
    """Mean negative log-likelihood ``-mean(y log p + (1 - y) log(1 - p))``.

    Parameters
    ----------
    y_true : array_like of 0/1, shape (n_samples,)
    proba : array_like of float in [0, 1], shape (n_samples,)
        Predicted probability of class 1.
    eps : float, optional
        Probabilities are clipped to ``[eps, 1 - eps]`` so that a certain mistake costs a large but finite
        amount; default: the machine epsilon of float64 (as scikit-learn).

    Returns
    -------
    float
    """
    y_true = check_array(y_true, "y_true", ndim=1)
    proba = check_array(proba, "proba", ndim=1).astype(float)
    if len(y_true) != len(proba):
        raise ValueError(f"y_true and proba must have the same length, got {len(y_true)} and {len(proba)}")
    if not set(np.unique(y_true).tolist()) <= {0, 1}:
        raise ValueError(f"y_true must hold 0/1 labels, got {np.unique(y_true).tolist()}")
    if np.any((proba < 0) | (proba > 1)):
        raise ValueError("proba must lie in [0, 1]")
    eps = np.finfo(np.float64).eps if eps is None else float(eps)
    if not 0 < eps < 0.5:
        raise ValueError(f"eps must be in (0, 0.5), got {eps}")
    p = np.clip(proba, eps, 1 - eps)
    return float(-np.mean(y_true * np.log(p) + (1 - y_true) * np.log1p(-p)))


# --------------------------------------------------------------------------------------------------
# multi-class: per-class scores (the averaging is done in the notebook)
# --------------------------------------------------------------------------------------------------
def per_class_scores(y_true, y_pred, labels=None):
    """Precision, recall, F1 and support of each class, one-vs-rest, with 0 for 0/0.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n_samples,)
    labels : array_like, optional
        The classes, in output order; default: the sorted union of both label sets.

    Returns
    -------
    labels : ndarray, shape (n_classes,)
    table : ndarray, shape (4, n_classes)
        Rows: precision, recall, F1, support (number of true samples of the class).
    """
    y_true, y_pred = _labels_pair(y_true, y_pred)
    labels = np.unique(np.concatenate([y_true, y_pred])) if labels is None else np.asarray(labels)
    table = np.zeros((4, len(labels)))
    for j, c in enumerate(labels.tolist()):
        t, p = y_true == c, y_pred == c
        tp, fp, fn = np.sum(t & p), np.sum(~t & p), np.sum(t & ~p)
        table[0, j] = tp / (tp + fp) if tp + fp else 0.0
        table[1, j] = tp / (tp + fn) if tp + fn else 0.0
        table[2, j] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        table[3, j] = np.sum(t)
    return labels, table


# --------------------------------------------------------------------------------------------------
# ranking
# --------------------------------------------------------------------------------------------------
def _dcg_tie_averaged(gain, score, k: int) -> float:
    """DCG@k of one query; items with equal scores share the mean discount of the positions they occupy."""
    discount = np.zeros(len(gain))
    discount[:k] = 1 / np.log2(np.arange(2, min(k, len(gain)) + 2))
    cum = np.concatenate([[0.0], np.cumsum(discount)])
    values, inverse, counts = np.unique(-score, return_inverse=True, return_counts=True)
    group_gain = np.bincount(inverse, weights=gain, minlength=len(values)) / counts
    ends = np.cumsum(counts)
    return float(np.sum(group_gain * (cum[ends] - cum[ends - counts])))


def ndcg_at_k(y_true, scores, k: int, *, gains: str = "linear") -> float:
    """Mean NDCG@k over queries.

    Items are ranked by decreasing score; the gain of relevance ``r`` at rank ``i`` (1-based) is
    ``g(r) / log2(i + 1)``, summed over the top ``k`` (DCG@k), divided by the same sum for the ideal
    ordering (IDCG@k). Items with tied scores share the average discount of the ranks they occupy, so
    the result does not depend on how ties are broken (as scikit-learn's ``ndcg_score``). A query
    without relevant items scores 0.

    Parameters
    ----------
    y_true : array_like of float >= 0, shape (n_queries, n_items)
        Relevance of every item.
    scores : array_like of float, shape (n_queries, n_items)
    k : int >= 1
    gains : {"linear", "exponential"}
        ``g(r) = r`` (scikit-learn's ``ndcg_score``) or ``g(r) = 2**r - 1``.

    Returns
    -------
    float in [0, 1]
    """
    k = _check_k(k)
    if gains not in ("linear", "exponential"):
        raise ValueError(f"gains must be 'linear' or 'exponential', got {gains!r}")
    _rank_inputs(y_true, scores)                      # validation only
    rel = np.asarray(y_true, dtype=float)
    scores = np.asarray(scores, dtype=float)
    g = rel if gains == "linear" else 2.0**rel - 1
    out = []
    for gq, sq in zip(g, scores):
        idcg = _dcg_tie_averaged(gq, gq, k)
        out.append(_dcg_tie_averaged(gq, sq, k) / idcg if idcg > 0 else 0.0)
    return float(np.mean(out))


def mean_reciprocal_rank(y_true, scores) -> float:
    """Mean over queries of ``1 / rank`` of the first relevant item (0 when a query has none).

    Parameters
    ----------
    y_true : array_like of 0/1, shape (n_queries, n_items)
    scores : array_like of float, shape (n_queries, n_items)
    """
    ranked = _rank_inputs(y_true, scores) > 0
    first = np.argmax(ranked, axis=1)
    rr = np.where(ranked.any(axis=1), 1.0 / (first + 1), 0.0)
    return float(rr.mean())


def map_at_k(y_true, scores, k: int) -> float:
    """Mean average precision at k.

    For one query, ``AP@k = sum_{i <= k} P@i * rel_i / min(k, n_relevant)``, where ``P@i`` is the
    precision of the top ``i`` and ``rel_i`` is 1 when the item at rank ``i`` is relevant; a query
    without relevant items scores 0.

    Parameters
    ----------
    y_true : array_like of 0/1, shape (n_queries, n_items)
    scores : array_like of float, shape (n_queries, n_items)
    k : int >= 1
    """
    k = _check_k(k)
    ranked = (_rank_inputs(y_true, scores) > 0)[:, :k].astype(float)
    n_rel = (np.asarray(y_true) > 0).sum(axis=1)
    precision_at_i = np.cumsum(ranked, axis=1) / np.arange(1, ranked.shape[1] + 1)
    den = np.minimum(k, n_rel)
    ap = np.divide((precision_at_i * ranked).sum(axis=1), den, out=np.zeros(len(den)), where=den > 0)
    return float(ap.mean())


# --------------------------------------------------------------------------------------------------
# percentage errors
# --------------------------------------------------------------------------------------------------
def _reg_pair(y_true, y_pred):
    y_true = check_array(y_true, "y_true", ndim=1).astype(float)
    y_pred = check_array(y_pred, "y_pred", ndim=1).astype(float)
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true and y_pred must have the same length, got {len(y_true)} and {len(y_pred)}")
    if len(y_true) == 0:
        raise ValueError("y_true is empty")
    return y_true, y_pred


def mape(y_true, y_pred) -> float:
    """Mean absolute percentage error ``mean(|y - yhat| / |y|)`` as a fraction (0.1 = 10 %).

    A zero target makes its term infinite, so the result is ``inf`` (scikit-learn instead divides by
    ``max(|y|, eps)`` and returns a huge finite number).

    Parameters
    ----------
    y_true, y_pred : array_like of float, shape (n_samples,)
    """
    y_true, y_pred = _reg_pair(y_true, y_pred)
    err = np.abs(y_true - y_pred)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y_true == 0, np.where(err == 0, 0.0, np.inf), err / np.abs(y_true))
    return float(terms.mean())


def smape(y_true, y_pred) -> float:
    """Symmetric MAPE ``mean(2 |y - yhat| / (|y| + |yhat|))`` as a fraction in [0, 2] (0/0 counts 0).

    Parameters
    ----------
    y_true, y_pred : array_like of float, shape (n_samples,)
    """
    y_true, y_pred = _reg_pair(y_true, y_pred)
    den = np.abs(y_true) + np.abs(y_pred)
    terms = np.divide(2 * np.abs(y_true - y_pred), den, out=np.zeros_like(den), where=den > 0)
    return float(terms.mean())
