"""Chapter 1: group-fairness metrics and model-agnostic explanations, from scratch in NumPy.

Used by the lecture notebook ``01_fairness_and_explainability``; checked in ``tests/test_fairness.py`` on
hand-made cases and against ``sklearn.inspection`` and ``shap``.

Fairness (binary decisions ``y_pred`` in {0, 1}, one group label per person):

- :func:`group_rates`                  -- per group: size, selection rate, true- and false-positive rate
- :func:`disparate_impact_ratio`       -- lowest selection rate / highest (the four-fifths rule: >= 0.8)
- :func:`demographic_parity_difference` -- highest selection rate - lowest
- :func:`equalised_odds_gaps`          -- largest TPR gap and largest FPR gap between groups
- :func:`group_threshold_predictions`  -- decisions with one score threshold per group (post-processing)

Explanations (``predict`` maps an array ``(n, d)`` to scores ``(n,)``):

- :func:`permutation_importance`  -- drop of a score when one column is shuffled (global)
- :func:`partial_dependence`      -- average prediction with one feature set to each grid value (global)
- :func:`shapley_values`          -- exact interventional Shapley values by enumerating all coalitions (local)
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable, Mapping

import numpy as np

from helpers.checks import check_array

__all__ = [
    "demographic_parity_difference",
    "disparate_impact_ratio",
    "equalised_odds_gaps",
    "group_rates",
    "group_threshold_predictions",
    "partial_dependence",
    "permutation_importance",
    "shapley_values",
]


def _binary(y, name: str) -> np.ndarray:
    a = check_array(y, name, ndim=1, dtype=None)
    if a.dtype.kind == "b":
        return a.astype(int)
    if a.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold 0/1 (or bool) values, got dtype {a.dtype}")
    if not np.isin(a, (0, 1)).all():
        raise ValueError(f"{name} must hold only 0 and 1 (binary decisions), got values {np.unique(a)[:5]}")
    return a.astype(int)


def _groups(group, n: int) -> np.ndarray:
    g = np.asarray(group)
    if g.ndim != 1 or g.shape[0] != n:
        raise ValueError(f"group must be 1-D with one label per sample ({n}), got shape {g.shape}")
    if np.unique(g).size < 2:
        raise ValueError("group must contain at least two different groups to compare")
    return g


def group_rates(y_true, y_pred, group) -> dict:
    """Per-group size, selection rate, true-positive rate and false-positive rate.

    Parameters
    ----------
    y_true : array_like of 0/1, shape (n,) or None
        True outcomes. ``None``: only sizes and selection rates are computed.
    y_pred : array_like of 0/1, shape (n,)
        Decisions (1 = selected, e.g. offered the product).
    group : array_like, shape (n,)
        Group label of each sample (any hashable values, at least two distinct).

    Returns
    -------
    dict
        ``{label: {"n": int, "selection_rate": float, "tpr": float, "fpr": float}}`` in sorted label order.
        ``tpr`` (``fpr``) is NaN for a group with no positives (negatives) and absent when ``y_true`` is None.
    """
    y_pred = _binary(y_pred, "y_pred")
    g = _groups(group, y_pred.shape[0])
    if y_true is not None:
        y_true = _binary(y_true, "y_true")
        if y_true.shape != y_pred.shape:
            raise ValueError(f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}")
    out = {}
    for label in np.unique(g):
        m = g == label
        row = {"n": int(m.sum()), "selection_rate": float(y_pred[m].mean())}
        if y_true is not None:
            pos, neg = m & (y_true == 1), m & (y_true == 0)
            row["tpr"] = float(y_pred[pos].mean()) if pos.any() else float("nan")
            row["fpr"] = float(y_pred[neg].mean()) if neg.any() else float("nan")
        out[label.item() if hasattr(label, "item") else label] = row
    return out


def _selection_rates(y_pred, group) -> list[float]:
    """Each group's selection rate (share predicted positive), from :func:`group_rates`."""
    return [r["selection_rate"] for r in group_rates(None, y_pred, group).values()]


def disparate_impact_ratio(y_pred, group) -> float:
    """Lowest group selection rate divided by the highest.

    The US "four-fifths rule" flags adverse impact when this ratio is below 0.8. Returns ``nan`` when no
    group is selected at all (0 / 0).

    Parameters
    ----------
    y_pred : array_like of 0/1, shape (n,)
    group : array_like, shape (n,)

    Returns
    -------
    float in [0, 1]
    """
    rates = _selection_rates(y_pred, group)
    hi = max(rates)
    return float(min(rates) / hi) if hi > 0 else float("nan")


def demographic_parity_difference(y_pred, group) -> float:
    """Highest group selection rate minus the lowest (0 means demographic parity).

    Parameters
    ----------
    y_pred : array_like of 0/1, shape (n,)
    group : array_like, shape (n,)

    Returns
    -------
    float in [0, 1]
    """
    rates = _selection_rates(y_pred, group)
    return float(max(rates) - min(rates))


def equalised_odds_gaps(y_true, y_pred, group) -> tuple[float, float]:
    """Largest between-group differences of the true-positive and the false-positive rate.

    Equalised odds (Hardt, Price and Srebro, 2016) asks for both gaps to be zero: the decision is
    independent of the group given the true outcome.

    Parameters
    ----------
    y_true, y_pred : array_like of 0/1, shape (n,)
    group : array_like, shape (n,)

    Returns
    -------
    tpr_gap, fpr_gap : float
    """
    rates = group_rates(y_true, y_pred, group)
    tpr = np.array([r["tpr"] for r in rates.values()])
    fpr = np.array([r["fpr"] for r in rates.values()])
    if np.isnan(tpr).any() or np.isnan(fpr).any():
        raise ValueError("every group needs both positive and negative examples in y_true to compare TPR and FPR")
    return float(tpr.max() - tpr.min()), float(fpr.max() - fpr.min())


def group_threshold_predictions(scores, group, thresholds: Mapping) -> np.ndarray:
    """Decisions ``scores >= thresholds[group]``: one threshold per group.

    Parameters
    ----------
    scores : array_like, shape (n,)
        Model scores (e.g. predicted probabilities).
    group : array_like, shape (n,)
    thresholds : mapping
        ``{group label: threshold}``; every label of ``group`` needs an entry.

    Returns
    -------
    ndarray of int (0/1), shape (n,)
    """
    s = check_array(scores, "scores", ndim=1)
    g = np.asarray(group)
    if g.shape != s.shape:
        raise ValueError(f"group must have one label per score ({s.shape[0]}), got shape {g.shape}")
    if not isinstance(thresholds, Mapping):
        raise TypeError(f"thresholds must be a mapping from group label to threshold, got {type(thresholds).__name__}")
    missing = set(np.unique(g).tolist()) - set(thresholds)
    if missing:
        raise ValueError(f"thresholds has no entry for group(s) {sorted(missing, key=str)}")
    t = np.array([thresholds[label] for label in g.tolist()], dtype=float)
    return (s >= t).astype(int)


def _predict_fn(predict) -> Callable:
    if not callable(predict):
        raise TypeError("predict must be a callable mapping an array (n, d) to scores (n,), "
                        f"got {type(predict).__name__}")
    return predict


def _seed(random_state):
    if random_state is not None and not isinstance(random_state, numbers.Integral | np.random.Generator):
        raise TypeError(f"random_state must be None, an int or a numpy Generator, got {type(random_state).__name__}")
    return np.random.default_rng(random_state)


def permutation_importance(predict, X, y, score, *, n_repeats: int = 5, random_state=None):
    """Permutation importance: how much a score drops when one column's values are shuffled.

    For each column ``j`` and each repeat, the rows of column ``j`` are permuted (breaking its link with
    ``y`` and with the other columns, keeping its distribution) and the model is scored again; the
    importance is ``score(y, predict(X)) - score(y, predict(X_permuted))``.

    Parameters
    ----------
    predict : callable
        ``predict(X) -> (n,)`` scores or labels, whatever ``score`` expects.
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    score : callable
        ``score(y_true, y_pred) -> float``, higher is better (e.g. ``roc_auc_score``).
    n_repeats : int
        Shuffles per column.
    random_state : None, int or numpy Generator

    Returns
    -------
    importances : ndarray, shape (d, n_repeats)
        The score drops; average over axis 1 for the importance of each column.
    """
    predict = _predict_fn(predict)
    X = check_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y must have one entry per row of X ({X.shape[0]}), got {y.shape[0]}")
    if not callable(score):
        raise TypeError(f"score must be a callable score(y_true, y_pred), got {type(score).__name__}")
    if not isinstance(n_repeats, numbers.Integral) or n_repeats < 1:
        raise ValueError(f"n_repeats must be a positive int, got {n_repeats!r}")
    rng = _seed(random_state)
    base = float(score(y, predict(X)))
    out = np.empty((X.shape[1], n_repeats))
    Xp = X.astype(float, copy=True)
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            Xp[:, j] = X[rng.permutation(X.shape[0]), j]
            out[j, r] = base - float(score(y, predict(Xp)))
        Xp[:, j] = X[:, j]
    return out


def partial_dependence(predict, X, feature: int, grid) -> np.ndarray:
    """Partial dependence of the prediction on one feature (the average of the ICE curves).

    ``pd(v) = mean_i predict(x_i with feature set to v)``, for each ``v`` in ``grid``.

    Parameters
    ----------
    predict : callable
        ``predict(X) -> (n,)``.
    X : array_like, shape (n, d)
        The data over which to average.
    feature : int
        Column index in ``[0, d)``.
    grid : array_like, shape (m,)
        Values at which to evaluate.

    Returns
    -------
    ndarray, shape (m,)
    """
    predict = _predict_fn(predict)
    X = check_array(X, "X", ndim=2)
    if not isinstance(feature, numbers.Integral) or not 0 <= feature < X.shape[1]:
        raise ValueError(f"feature must be a column index in [0, {X.shape[1]}), got {feature!r}")
    grid = check_array(grid, "grid", ndim=1)
    n = X.shape[0]
    stacked = np.tile(X.astype(float), (grid.size, 1))
    stacked[:, feature] = np.repeat(grid, n)
    return np.asarray(predict(stacked), dtype=float).reshape(grid.size, n).mean(axis=1)


def shapley_values(predict, x, background, *, max_features: int = 12) -> tuple[np.ndarray, float]:
    """Exact interventional Shapley values of one prediction, by enumerating every coalition.

    The value of a coalition ``S`` is the average prediction when the features in ``S`` take ``x``'s values
    and the others take each background row's values: ``v(S) = mean_b f(x_S, b_{not S})``. Then

    ``phi_j = sum over S not containing j of |S|! (d - |S| - 1)! / d! * (v(S + {j}) - v(S))``,

    and ``sum_j phi_j = f(x) - v(empty)`` (efficiency / additivity).

    Parameters
    ----------
    predict : callable
        ``predict(X) -> (n,)``.
    x : array_like, shape (d,)
        The instance to explain.
    background : array_like, shape (m, d)
        Reference rows (the "absent" features are drawn from them).
    max_features : int
        Refuse ``d`` above this (the cost grows as ``2**d * m`` predictions).

    Returns
    -------
    phi : ndarray, shape (d,)
        The Shapley values.
    base_value : float
        ``v(empty)``, the mean prediction over the background.
    """
    predict = _predict_fn(predict)
    x = check_array(x, "x", ndim=1)
    B = check_array(background, "background", ndim=2)
    d = x.shape[0]
    if B.shape[1] != d:
        raise ValueError(f"background must have {d} columns like x, got shape {B.shape}")
    if d > max_features:
        raise ValueError(f"x has {d} features: exact enumeration needs 2**{d} coalitions; "
                         f"max_features is {max_features}")
    masks = np.array(list(itertools.product((0, 1), repeat=d)), dtype=bool)  # (2**d, d)
    rows = np.where(masks[:, None, :], x[None, None, :], B[None, :, :])  # (2**d, m, d)
    values = np.asarray(predict(rows.reshape(-1, d)), dtype=float).reshape(len(masks), -1).mean(axis=1)
    index = {tuple(m): i for i, m in enumerate(masks)}
    weights = [math.factorial(k) * math.factorial(d - k - 1) / math.factorial(d) for k in range(d)]
    phi = np.zeros(d)
    for i, m in enumerate(masks):
        size = int(m.sum())
        for j in np.flatnonzero(~m):
            with_j = m.copy()
            with_j[j] = True
            phi[j] += weights[size] * (values[index[tuple(with_j)]] - values[i])
    return phi, float(values[0])
