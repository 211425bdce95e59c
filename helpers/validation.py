"""Chapter 2: honest validation. The bias-variance decomposition, time-series leakage, target encoding.

- :func:`bias_variance_decomposition` -- squared bias, variance and noise of a model's predictions over many
  training sets, at fixed test points, from a ``(n_sets, n_points)`` array of predictions
- :func:`monte_carlo_bias_variance`   -- draws the training sets from a known function plus Gaussian noise,
  fits a model on each and returns the decomposition with a Monte-Carlo estimate of the expected test MSE
- :func:`lagged_rolling_mean`         -- a rolling mean of the *previous* ``window`` values (shift first,
  then roll), the leak-free version of ``pandas.Series.rolling(window).mean()``
- :func:`expanding_window_splits`     -- forward-chaining (expanding window) train/test index pairs, the
  folds of ``sklearn.model_selection.TimeSeriesSplit``
- :class:`TargetMeanEncoder`          -- smoothed mean of the target per category (fit on some rows, apply to
  others); fitting and applying it on the same rows is the *naive*, leaky encoding
- :func:`out_of_fold_target_encode`   -- cross-fitted target encoding: each row is encoded by an encoder that
  never saw its label (what ``sklearn.preprocessing.TargetEncoder.fit_transform`` does)

All functions are checked against scikit-learn, pandas or a direct formula in ``tests/test_validation.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "bias_variance_decomposition",
    "monte_carlo_bias_variance",
    "lagged_rolling_mean",
    "expanding_window_splits",
    "TargetMeanEncoder",
    "out_of_fold_target_encode",
]


# --------------------------------------------------------------------------------------------------
# bias and variance
# --------------------------------------------------------------------------------------------------
def bias_variance_decomposition(predictions, f_true, noise_var: float = 0.0) -> dict[str, float]:
    """Squared bias, variance and noise of a learning method at fixed test points.

    With ``predictions[s, j]`` the prediction at test point ``x_j`` of the model trained on the ``s``-th
    training set, and ``mean_j`` its average over the sets,

    - ``bias2    = mean_j (mean_j - f(x_j))**2``
    - ``variance = mean_j mean_s (predictions[s, j] - mean_j)**2`` (population variance over the sets)
    - ``noise    = noise_var``

    and ``expected_mse = bias2 + variance + noise`` is the expected squared error on a fresh noisy label,
    averaged over the test points.

    Parameters
    ----------
    predictions : array_like, shape (n_sets, n_points)
        Predictions of the models trained on ``n_sets >= 2`` training sets.
    f_true : array_like, shape (n_points,)
        The noise-free target ``f(x_j)`` at the test points.
    noise_var : float, default 0.0
        Variance of the label noise, ``>= 0``.

    Returns
    -------
    dict
        ``{"bias2", "variance", "noise", "expected_mse"}``, floats.
    """
    preds = check_array(predictions, "predictions", ndim=2)
    f = check_array(f_true, "f_true", ndim=1)
    noise = check_number(noise_var, "noise_var", nonnegative=True)
    if preds.shape[0] < 2:
        raise ValueError(f"predictions must hold at least 2 training sets (rows), got {preds.shape[0]}")
    if preds.shape[1] != f.shape[0]:
        raise ValueError(
            f"predictions has {preds.shape[1]} test points (columns) but f_true has {f.shape[0]} values"
        )
    mean = preds.mean(axis=0)
    bias2 = float(np.mean((mean - f) ** 2))
    variance = float(np.mean((preds - mean) ** 2))
    return {"bias2": bias2, "variance": variance, "noise": noise, "expected_mse": bias2 + variance + noise}


def monte_carlo_bias_variance(
    fit_predict: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray],
    f: Callable[[np.ndarray], np.ndarray],
    x_test,
    *,
    n_sets: int = 200,
    n_train: int = 30,
    noise_sd: float = 0.3,
    x_low: float = 0.0,
    x_high: float = 1.0,
    random_state: int | None = None,
) -> dict:
    """Estimate bias, variance and expected test MSE by drawing many training sets from a known model.

    Each training set has ``n_train`` inputs drawn uniformly from ``[x_low, x_high]`` and labels
    ``f(x) + noise_sd * N(0, 1)``. ``fit_predict(x_train, y_train, x_test)`` fits a fresh model and returns
    its predictions at ``x_test``. Each set also gets a fresh noisy test label at every test point, so
    the squared errors on those labels give a direct Monte-Carlo estimate of the expected test MSE,
    which :func:`bias_variance_decomposition` predicts as ``bias2 + variance + noise``.

    Parameters
    ----------
    fit_predict : callable
        ``fit_predict(x_train (n_train,), y_train (n_train,), x_test (n_points,)) -> (n_points,)``.
    f : callable
        The true function, vectorised: ``f(x) -> array`` of the same shape as ``x``.
    x_test : array_like, shape (n_points,)
        Fixed test inputs.
    n_sets : int, default 200
        Number of training sets, ``>= 2``.
    n_train : int, default 30
        Size of each training set, ``>= 1``.
    noise_sd : float, default 0.3
        Standard deviation of the label noise, ``>= 0``.
    x_low, x_high : float
        Range of the training inputs (``x_low < x_high``).
    random_state : int or None
        Seed of the NumPy generator that draws the data.

    Returns
    -------
    dict
        The keys of :func:`bias_variance_decomposition` plus ``"test_mse"`` (the Monte-Carlo estimate),
        ``"test_mse_se"`` (its standard error over the sets) and ``"predictions"`` (n_sets, n_points).
    """
    if not callable(fit_predict):
        raise TypeError(f"fit_predict must be callable, got {type(fit_predict).__name__}")
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    xt = check_array(x_test, "x_test", ndim=1)
    n_sets = check_int(n_sets, "n_sets", minimum=2)
    n_train = check_int(n_train, "n_train", minimum=1)
    sd = check_number(noise_sd, "noise_sd", nonnegative=True)
    lo, hi = check_number(x_low, "x_low"), check_number(x_high, "x_high")
    if not lo < hi:
        raise ValueError(f"x_low must be < x_high, got {lo} and {hi}")
    rng = np.random.default_rng(random_state)
    f_test = np.asarray(f(xt), dtype=float)
    preds = np.empty((n_sets, xt.size))
    sq_err = np.empty(n_sets)
    for s in range(n_sets):
        x = rng.uniform(lo, hi, n_train)
        y = f(x) + sd * rng.standard_normal(n_train)
        pred = np.asarray(fit_predict(x, y, xt), dtype=float).reshape(-1)
        if pred.shape != xt.shape:
            raise ValueError(f"fit_predict must return {xt.size} predictions, got shape {pred.shape}")
        preds[s] = pred
        y_new = f_test + sd * rng.standard_normal(xt.size)
        sq_err[s] = np.mean((pred - y_new) ** 2)
    out = bias_variance_decomposition(preds, f_test, sd**2)
    out["test_mse"] = float(sq_err.mean())
    out["test_mse_se"] = float(sq_err.std(ddof=1) / np.sqrt(n_sets))
    out["predictions"] = preds
    return out


# --------------------------------------------------------------------------------------------------
# time series
# --------------------------------------------------------------------------------------------------
def lagged_rolling_mean(series, window: int, shift: int = 1) -> np.ndarray:
    """Mean of the ``window`` values that end ``shift`` steps before each position.

    ``out[t] = mean(series[t - shift - window + 1 : t - shift + 1])``, NaN where that window is not
    complete. With ``shift = 1`` the feature at time ``t`` uses only values up to ``t - 1``, which are
    known when ``series[t]`` is to be predicted; ``shift = 0`` is the leaky ``rolling(window).mean()``
    whose window contains the target itself. Equal to
    ``pandas.Series(series).shift(shift).rolling(window).mean()``.

    Parameters
    ----------
    series : array_like, shape (n,)
        A regularly spaced series without NaN.
    window : int
        Window length, ``>= 1``.
    shift : int, default 1
        Lag of the window's last value, ``>= 0``.

    Returns
    -------
    ndarray, shape (n,)
    """
    x = check_array(series, "series", ndim=1)
    window = check_int(window, "window", minimum=1)
    shift = check_int(shift, "shift", minimum=0)
    out = np.full(x.shape, np.nan)
    csum = np.concatenate([[0.0], np.cumsum(x)])
    ends = np.arange(window - 1 + shift, x.size)          # positions whose window is complete
    last = ends - shift                                    # index of the window's last value
    out[ends] = (csum[last + 1] - csum[last + 1 - window]) / window
    return out


def expanding_window_splits(n_samples: int, n_splits: int = 5, *, test_size: int | None = None,
                            gap: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Forward-chaining folds: train on everything before a test block, never after it.

    The last ``n_splits * test_size`` samples are cut into ``n_splits`` consecutive test blocks (by
    default ``test_size = n_samples // (n_splits + 1)``); the training set of each block is every sample
    before it, minus the ``gap`` samples just before it. Same folds as
    ``sklearn.model_selection.TimeSeriesSplit(n_splits, test_size=test_size, gap=gap)``.

    Parameters
    ----------
    n_samples : int
        Length of the series.
    n_splits : int, default 5
        Number of folds, ``>= 2``.
    test_size : int or None
        Length of each test block, ``>= 1``.
    gap : int, default 0
        Samples left out between the training part and the test block, ``>= 0``.

    Returns
    -------
    list of (train_idx, test_idx)
        Integer index arrays, in time order.
    """
    n = check_int(n_samples, "n_samples", minimum=1)
    k = check_int(n_splits, "n_splits", minimum=2)
    gap = check_int(gap, "gap", minimum=0)
    size = n // (k + 1) if test_size is None else check_int(test_size, "test_size", minimum=1)
    first_test = n - k * size
    if size < 1 or first_test - gap < 1:
        raise ValueError(
            f"n_samples={n} is too small for n_splits={k}, test_size={size} and gap={gap}: "
            "the first training set would be empty"
        )
    idx = np.arange(n)
    return [(idx[: start - gap], idx[start: start + size]) for start in range(first_test, n, size)]


# --------------------------------------------------------------------------------------------------
# target encoding
# --------------------------------------------------------------------------------------------------
def _categories_and_target(categories, y):
    cats = np.asarray(categories)
    if cats.ndim != 1:
        raise ValueError(f"categories must be 1-D (one categorical column), got shape {cats.shape}")
    target = check_array(y, "y", ndim=1)
    if target.shape[0] != cats.shape[0]:
        raise ValueError(f"categories has {cats.shape[0]} rows but y has {target.shape[0]}")
    if cats.shape[0] == 0:
        raise ValueError("categories must not be empty")
    return cats, target


class TargetMeanEncoder:
    """Replace a category by the smoothed mean of the target over the rows that have it.

    ``encoding(c) = (sum of y over rows with c + smooth * prior) / (count(c) + smooth)``, where ``prior`` is
    the mean of ``y`` over all rows seen by :meth:`fit`. Rare categories are pulled towards the prior;
    categories not seen by :meth:`fit` get the prior. This is the m-estimate that
    ``sklearn.preprocessing.TargetEncoder(smooth=m)`` uses.

    Parameters
    ----------
    smooth : float, default 1.0
        Weight ``m >= 0`` of the prior, in pseudo-rows.

    Attributes
    ----------
    categories_ : ndarray, shape (n_categories,)
    encodings_ : ndarray, shape (n_categories,)
    prior_ : float
    """

    def __init__(self, smooth: float = 1.0):
        self.smooth = check_number(smooth, "smooth", nonnegative=True)

    def fit(self, categories, y) -> "TargetMeanEncoder":
        """Learn the encodings from ``categories (n,)`` and a numeric target ``y (n,)``."""
        cats, target = _categories_and_target(categories, y)
        self.categories_, inverse = np.unique(cats, return_inverse=True)
        sums = np.bincount(inverse, weights=target, minlength=self.categories_.size)
        counts = np.bincount(inverse, minlength=self.categories_.size)
        self.prior_ = float(target.mean())
        self.encodings_ = (sums + self.smooth * self.prior_) / (counts + self.smooth)
        return self

    def transform(self, categories) -> np.ndarray:
        """Encode ``categories (n,)`` -> ``(n,)`` floats; unseen categories get :attr:`prior_`."""
        if not hasattr(self, "encodings_"):
            raise ValueError("this TargetMeanEncoder is not fitted yet: call fit first")
        cats = np.asarray(categories)
        if cats.ndim != 1:
            raise ValueError(f"categories must be 1-D (one categorical column), got shape {cats.shape}")
        pos = np.searchsorted(self.categories_, cats).clip(0, self.categories_.size - 1)
        known = self.categories_[pos] == cats
        return np.where(known, self.encodings_[pos], self.prior_)

    def fit_transform(self, categories, y) -> np.ndarray:
        """Fit and encode the same rows: the naive encoding, in which every row sees its own label."""
        return self.fit(categories, y).transform(categories)


def out_of_fold_target_encode(categories, y, *, cv=5, smooth: float = 1.0,
                              random_state: int | None = None) -> np.ndarray:
    """Cross-fitted target encoding of the training rows.

    The rows are split into folds; the rows of each fold are encoded by a :class:`TargetMeanEncoder`
    fitted on the other folds only, so no row's encoding contains its own label. (New data are encoded
    by an encoder fitted on all training rows.)

    Parameters
    ----------
    categories : array_like, shape (n,)
    y : array_like, shape (n,)
        Numeric target (0/1 for a binary one).
    cv : int or splitter, default 5
        Number of shuffled folds (``>= 2``; ``KFold(cv, shuffle=True, random_state=random_state)``) or an
        object with a scikit-learn style ``split(X, y)`` method whose test folds cover every row once.
    smooth : float, default 1.0
        See :class:`TargetMeanEncoder`.
    random_state : int or None
        Seed of the shuffled folds when ``cv`` is an int.

    Returns
    -------
    ndarray, shape (n,)
    """
    from sklearn.model_selection import KFold

    cats, target = _categories_and_target(categories, y)
    if isinstance(cv, (int, np.integer)) and not isinstance(cv, bool):
        splitter = KFold(check_int(cv, "cv", minimum=2), shuffle=True, random_state=random_state)
    elif hasattr(cv, "split") and not isinstance(cv, str):
        splitter = cv
    else:
        raise TypeError(f"cv must be an int or an object with a split method, got {type(cv).__name__}")
    out = np.full(cats.shape[0], np.nan)
    seen = np.zeros(cats.shape[0], dtype=int)
    for train_idx, test_idx in splitter.split(np.zeros((cats.shape[0], 1)), target):
        enc = TargetMeanEncoder(smooth).fit(cats[train_idx], target[train_idx])
        out[test_idx] = enc.transform(cats[test_idx])
        seen[test_idx] += 1
    if not np.all(seen == 1):
        raise ValueError("the test folds of cv must cover every row exactly once")
    return out
