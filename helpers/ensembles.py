"""Chapter 2: ensembles of trees, the pieces the forest and boosting notebooks build from scratch.

Bagging and random forests (``notebooks/02_forests_and_importance.ipynb``):

- :func:`bootstrap_indices`        -- the rows each tree of a bagged ensemble is trained on
- :func:`in_bag_counts`            -- how often each row appears in each tree's bootstrap sample
- :func:`oob_average`              -- average the per-tree predictions of each row over the trees that did
  *not* see it (the out-of-bag prediction)
- :func:`averaged_variance`        -- ``rho * sigma2 + (1 - rho) * sigma2 / B``, the variance of an average of
  ``B`` equally correlated predictors
- :func:`variance_and_correlation` -- estimate ``sigma2`` and ``rho`` of single-tree predictions from
  repeated fits

Exact Shapley values by enumeration are :func:`helpers.fairness.shapley_values` (chapter 1); the forest
notebook checks ``shap.TreeExplainer`` against it.

Boosting (``notebooks/02_boosting.ipynb``):

- :func:`adaboost_fit`, :func:`adaboost_decision_function` -- binary discrete AdaBoost with decision stumps
  (weights ``alpha_m = 0.5 log((1 - err_m) / err_m)``); it refuses more than two classes
- :func:`gradient_boosting_fit`, :func:`gradient_boosting_predict` -- least-squares gradient boosting for
  regression with shrinkage and early stopping on a validation set

``tests/test_ensembles.py`` checks each against scikit-learn.
"""

from __future__ import annotations

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from helpers.checks import check_array, check_int, check_number
from helpers.ml import _check_X

__all__ = [
    "bootstrap_indices",
    "in_bag_counts",
    "oob_average",
    "averaged_variance",
    "variance_and_correlation",
    "adaboost_fit",
    "adaboost_decision_function",
    "gradient_boosting_fit",
    "gradient_boosting_predict",
]


def _check_Xy(X, y):
    X = _check_X(X)
    y = check_array(y, "y", ndim=1)
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same number of samples, got {len(X)} and {len(y)}")
    return X, y


# --------------------------------------------------------------------------------------------------
# bagging and out-of-bag predictions
# --------------------------------------------------------------------------------------------------
def bootstrap_indices(n_samples: int, n_estimators: int = 1, *, random_state=None) -> np.ndarray:
    """Row indices of ``n_estimators`` bootstrap samples (``n_samples`` draws with replacement each).

    Parameters
    ----------
    n_samples : int
        Number of rows of the training set, >= 1.
    n_estimators : int
        Number of bootstrap samples, >= 1.
    random_state : int, numpy.random.RandomState, None, or a sequence of int
        A sequence gives one seed per sample (``n_estimators`` is then its length): sample ``b`` is
        ``np.random.RandomState(seeds[b]).randint(0, n_samples, n_samples)``, which is how scikit-learn's
        forests draw the rows of the tree whose ``random_state`` is ``seeds[b]``.

    Returns
    -------
    ndarray of int, shape (n_estimators, n_samples)
    """
    n_samples = check_int(n_samples, "n_samples")
    if isinstance(random_state, (list, tuple, np.ndarray)):
        seeds = [check_int(s, "random_state[i]", minimum=0) for s in random_state]
        if not seeds:
            raise ValueError("random_state must not be an empty sequence")
        return np.stack([np.random.RandomState(s).randint(0, n_samples, n_samples) for s in seeds])
    n_estimators = check_int(n_estimators, "n_estimators")
    rs = random_state if isinstance(random_state, np.random.RandomState) else np.random.RandomState(random_state)
    return np.stack([rs.randint(0, n_samples, n_samples) for _ in range(n_estimators)])


def in_bag_counts(indices, n_samples: int) -> np.ndarray:
    """How many times each row appears in each bootstrap sample.

    Parameters
    ----------
    indices : array_like of int, shape (n_estimators, n_draws)
        Bootstrap row indices, e.g. from :func:`bootstrap_indices`.
    n_samples : int
        Number of rows of the training set.

    Returns
    -------
    ndarray of int, shape (n_estimators, n_samples)
        Zero where a row is out of bag for that tree.
    """
    indices = check_array(indices, "indices", ndim=2, dtype="integer")
    n_samples = check_int(n_samples, "n_samples")
    if indices.size and (indices.min() < 0 or indices.max() >= n_samples):
        raise ValueError(f"indices must lie in [0, n_samples) = [0, {n_samples}), got {indices.min()}..{indices.max()}")
    counts = np.zeros((indices.shape[0], n_samples), dtype=np.int64)
    for b, idx in enumerate(indices):
        counts[b] = np.bincount(idx, minlength=n_samples)
    return counts


def oob_average(per_tree, in_bag):
    """Average each row's predictions over the trees for which the row is out of bag.

    Parameters
    ----------
    per_tree : array_like, shape (n_estimators, n_samples) or (n_estimators, n_samples, n_outputs)
        Every tree's prediction (a value, or class probabilities) for every training row.
    in_bag : array_like, shape (n_estimators, n_samples)
        In-bag counts or a boolean mask (non-zero: the tree saw the row).

    Returns
    -------
    oob : ndarray, shape (n_samples,) or (n_samples, n_outputs)
        The out-of-bag average; NaN for rows that every tree saw.
    n_oob : ndarray of int, shape (n_samples,)
        Number of trees the average is taken over.
    """
    per_tree = check_array(per_tree, "per_tree", ndim=(2, 3)).astype(np.float64)
    in_bag = check_array(in_bag, "in_bag", ndim=2, dtype=None)
    if in_bag.dtype.kind not in "biu":
        raise TypeError(f"in_bag must hold counts or booleans, got dtype {in_bag.dtype}")
    if in_bag.shape != per_tree.shape[:2]:
        raise ValueError(f"in_bag must have shape {per_tree.shape[:2]} (n_estimators, n_samples), got {in_bag.shape}")
    out = in_bag == 0                                            # (B, n): tree b did not see row i
    n_oob = out.sum(axis=0)
    weights = out.reshape(out.shape + (1,) * (per_tree.ndim - 2))
    total = (per_tree * weights).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        oob = total / n_oob.reshape((-1,) + (1,) * (per_tree.ndim - 2))
    oob[n_oob == 0] = np.nan
    return oob, n_oob


# --------------------------------------------------------------------------------------------------
# the variance of an average of correlated trees
# --------------------------------------------------------------------------------------------------
def averaged_variance(sigma2, rho, n_estimators):
    """Variance of the mean of ``B`` predictors with variance ``sigma2`` and pairwise correlation ``rho``.

    ``rho * sigma2 + (1 - rho) * sigma2 / B``; it falls towards ``rho * sigma2``, not zero, as ``B`` grows.

    Parameters
    ----------
    sigma2 : float or array_like
        Variance of one predictor, >= 0.
    rho : float or array_like
        Pairwise correlation, in [-1, 1].
    n_estimators : int or array_like of int
        Number of predictors averaged, >= 1. Arrays broadcast against each other.

    Returns
    -------
    float or ndarray
    """
    sigma2 = check_array(sigma2, "sigma2").astype(np.float64)
    rho = check_array(rho, "rho").astype(np.float64)
    B = check_array(n_estimators, "n_estimators")
    if np.any(sigma2 < 0):
        raise ValueError("sigma2 must be >= 0")
    if np.any(np.abs(rho) > 1):
        raise ValueError("rho must lie in [-1, 1]")
    if np.any(B < 1) or np.any(B != np.round(B)):
        raise ValueError("n_estimators must be whole numbers >= 1")
    out = rho * sigma2 + (1 - rho) * sigma2 / B
    return float(out) if out.ndim == 0 else out


def variance_and_correlation(predictions):
    """Estimate the variance of one tree's prediction and the correlation between two trees.

    The trees of one fit share the training set; the correlation is over training sets *and* the trees'
    own randomness, the sense of ``rho`` in :func:`averaged_variance`.

    Parameters
    ----------
    predictions : array_like, shape (n_fits, n_estimators, n_points)
        ``predictions[r, b, j]``: tree ``b`` of the ensemble fitted on training set ``r``, at test point
        ``j``; ``n_fits >= 2`` and ``n_estimators >= 2``.

    Returns
    -------
    sigma2 : ndarray, shape (n_points,)
        Variance of a single tree's prediction at each point.
    rho : ndarray, shape (n_points,)
        Mean covariance of two different trees of the same fit, divided by ``sigma2``.
    """
    P = check_array(predictions, "predictions", ndim=3).astype(np.float64)
    R, B, _ = P.shape
    if R < 2 or B < 2:
        raise ValueError(f"predictions needs at least 2 fits and 2 trees per fit, got shape {P.shape}")
    D = P - P.mean(axis=(0, 1))
    sigma2 = (D ** 2).mean(axis=(0, 1))
    S = D.sum(axis=1)
    pair_cov = ((S ** 2 - (D ** 2).sum(axis=1)) / (B * (B - 1))).mean(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = np.where(sigma2 > 0, pair_cov / sigma2, 0.0)
    return sigma2, rho


# --------------------------------------------------------------------------------------------------
# AdaBoost (binary, discrete)
# --------------------------------------------------------------------------------------------------
def adaboost_fit(X, y, n_estimators: int = 50, *, random_state=None):
    """Binary discrete AdaBoost with decision stumps.

    Start from equal weights ``w_i = 1/n``; in round ``m`` fit a stump to the weighted data, take its
    weighted error ``err_m``, give it the vote ``alpha_m = 0.5 log((1 - err_m) / err_m)``, multiply the
    weights of the rows it got wrong by ``exp(alpha_m)`` and of the others by ``exp(-alpha_m)``, and
    renormalise. Stops early when a stump is perfect (it is kept) or no better than chance (it is dropped).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
        Exactly two distinct labels. More than two raise ``ValueError``: this is not multi-class SAMME.
    n_estimators : int
        Maximum number of rounds, >= 1.
    random_state : int or None
        Seeds the stumps' tie-breaking exactly as ``AdaBoostClassifier(random_state=...)`` does.

    Returns
    -------
    dict with keys
        ``classes`` (2,), ``stumps`` (list of fitted ``DecisionTreeClassifier``), ``alphas`` (M,),
        ``errors`` (M,) weighted training errors, ``weights`` (M, n_samples) the sample weights each stump
        was fitted with.
    """
    X, y = _check_Xy(X, y)
    classes = np.unique(y)
    if len(classes) != 2:
        raise ValueError(f"adaboost_fit is binary: y must hold exactly 2 classes, got {len(classes)} "
                         "(multi-class AdaBoost, SAMME, adds log(K - 1) to alpha)")
    n_estimators = check_int(n_estimators, "n_estimators")
    rs = np.random.RandomState(random_state)
    w = np.full(len(y), 1.0 / len(y))
    stumps, alphas, errors, weights = [], [], [], []
    for _ in range(n_estimators):
        seed = rs.randint(np.iinfo(np.int32).max)
        stump = DecisionTreeClassifier(max_depth=1, random_state=seed).fit(X, y, sample_weight=w)
        wrong = stump.predict(X) != y
        err = float(np.sum(w[wrong]) / np.sum(w))
        if err >= 0.5:
            break
        weights.append(w.copy())
        stumps.append(stump)
        errors.append(err)
        if err <= 0:
            alphas.append(np.inf)
            break
        alpha = 0.5 * np.log((1 - err) / err)
        alphas.append(alpha)
        w = w * np.exp(np.where(wrong, alpha, -alpha))
        w = w / w.sum()
    if not stumps:
        raise ValueError("the first stump is no better than chance; AdaBoost cannot start")
    return {"classes": classes, "stumps": stumps, "alphas": np.array(alphas), "errors": np.array(errors),
            "weights": np.array(weights)}


def adaboost_decision_function(model, X, *, staged: bool = False) -> np.ndarray:
    """The weighted vote ``F(x) = sum_m alpha_m h_m(x)`` with ``h_m(x) = +1`` for ``classes[1]``, else -1.

    Parameters
    ----------
    model : dict from :func:`adaboost_fit`
    X : array_like, shape (n_samples, n_features)
    staged : bool
        Return the vote after each round, shape (M, n_samples), instead of only the last, (n_samples,).

    Returns
    -------
    ndarray
        Positive values predict ``classes[1]``.
    """
    if not isinstance(model, dict) or not {"stumps", "alphas", "classes"} <= set(model):
        raise TypeError("model must be the dict returned by adaboost_fit")
    X = _check_X(X)
    votes = np.stack([np.where(s.predict(X) == model["classes"][1], 1.0, -1.0) for s in model["stumps"]])
    alphas = np.asarray(model["alphas"], dtype=np.float64)
    if np.isinf(alphas).any():                  # a perfect stump decides alone
        alphas = np.where(np.isinf(alphas), 1.0, 0.0)
    terms = alphas[:, None] * votes
    return np.cumsum(terms, axis=0) if staged else terms.sum(axis=0)


# --------------------------------------------------------------------------------------------------
# gradient boosting for regression (squared loss)
# --------------------------------------------------------------------------------------------------
def gradient_boosting_fit(X, y, n_estimators: int = 100, *, learning_rate: float = 0.1, max_depth: int = 3,
                          random_state=None, X_val=None, y_val=None, n_iter_no_change=None, tol: float = 1e-4):
    """Least-squares gradient boosting: each tree fits the residuals ``y - F(x)``, added with shrinkage.

    ``F_0`` is the mean of ``y``; ``F_m = F_{m-1} + learning_rate * tree_m`` with ``tree_m`` a regression tree
    of depth ``max_depth`` fitted to the residuals (the negative gradient of ``(y - F)^2 / 2``). With a
    validation set and ``n_iter_no_change``, stop after the first round whose validation MSE (plus ``tol``)
    is not below one of the last ``n_iter_no_change`` recorded losses, the rule of scikit-learn's
    ``GradientBoostingRegressor``.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,)
    n_estimators : int
        Maximum number of trees.
    learning_rate : float
        Shrinkage, > 0.
    max_depth : int
    random_state : int or None
        One ``RandomState`` shared by the trees in order, as scikit-learn does.
    X_val, y_val : array_like, optional
        Validation set for early stopping (both or neither).
    n_iter_no_change : int or None
    tol : float

    Returns
    -------
    dict with keys ``init`` (float), ``trees`` (list), ``learning_rate``, ``train_loss`` (M,) training MSE
    after each tree, ``val_loss`` (M,) validation MSE (empty without a validation set), ``n_estimators_``.
    """
    X, y = _check_Xy(X, y)
    y = y.astype(np.float64)
    n_estimators = check_int(n_estimators, "n_estimators")
    learning_rate = check_number(learning_rate, "learning_rate", positive=True)
    max_depth = check_int(max_depth, "max_depth")
    tol = check_number(tol, "tol", nonnegative=True)
    if (X_val is None) != (y_val is None):
        raise ValueError("X_val and y_val must be given together")
    if n_iter_no_change is not None:
        n_iter_no_change = check_int(n_iter_no_change, "n_iter_no_change")
        if X_val is None:
            raise ValueError("n_iter_no_change needs a validation set (X_val, y_val)")
    if X_val is not None:
        X_val, y_val = _check_Xy(X_val, y_val)
        if X_val.shape[1] != X.shape[1]:
            raise ValueError(f"X_val must have {X.shape[1]} columns like X, got {X_val.shape[1]}")
    rs = np.random.RandomState(random_state)
    init = float(y.mean())
    F = np.full(len(y), init)
    F_val = None if X_val is None else np.full(len(y_val), init)
    history = None if n_iter_no_change is None else np.full(n_iter_no_change, np.inf)
    trees, train_loss, val_loss = [], [], []
    for m in range(n_estimators):
        tree = DecisionTreeRegressor(max_depth=max_depth, random_state=rs).fit(X, y - F)
        trees.append(tree)
        F = F + learning_rate * tree.predict(X)
        train_loss.append(float(np.mean((y - F) ** 2)))
        if F_val is not None:
            F_val = F_val + learning_rate * tree.predict(X_val)
            loss = float(np.mean((y_val - F_val) ** 2))
            val_loss.append(loss)
            if history is not None:
                if np.any(loss + tol < history):
                    history[m % n_iter_no_change] = loss
                else:
                    break
    return {"init": init, "trees": trees, "learning_rate": learning_rate, "train_loss": np.array(train_loss),
            "val_loss": np.array(val_loss), "n_estimators_": len(trees)}


def gradient_boosting_predict(model, X, *, staged: bool = False) -> np.ndarray:
    """Predictions ``F_M(x)`` of a model from :func:`gradient_boosting_fit`.

    Parameters
    ----------
    model : dict from :func:`gradient_boosting_fit`
    X : array_like, shape (n_samples, n_features)
    staged : bool
        Return ``F_m(x)`` after every tree, shape (M, n_samples), instead of (n_samples,).
    """
    if not isinstance(model, dict) or not {"init", "trees", "learning_rate"} <= set(model):
        raise TypeError("model must be the dict returned by gradient_boosting_fit")
    X = _check_X(X)
    steps = np.stack([model["learning_rate"] * t.predict(X) for t in model["trees"]])
    F = model["init"] + np.cumsum(steps, axis=0)
    return F if staged else F[-1]
