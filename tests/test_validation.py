"""Tests for helpers.validation: each function against scikit-learn, pandas or a direct formula."""

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit
from sklearn.preprocessing import TargetEncoder

from helpers.validation import (
    TargetMeanEncoder,
    bias_variance_decomposition,
    expanding_window_splits,
    lagged_rolling_mean,
    monte_carlo_bias_variance,
    out_of_fold_target_encode,
)


def test_decomposition_matches_direct_formula():
    rng = np.random.default_rng(0)
    preds = rng.normal(size=(40, 7)) + np.arange(7)
    f = rng.normal(size=7)
    out = bias_variance_decomposition(preds, f, 0.25)
    assert out["bias2"] == pytest.approx(np.mean((preds.mean(0) - f) ** 2), rel=1e-12)
    assert out["variance"] == pytest.approx(np.var(preds, axis=0).mean(), rel=1e-12)
    # the average squared error against the noise-free f is bias2 + variance, exactly
    assert np.mean((preds - f) ** 2) == pytest.approx(out["bias2"] + out["variance"], rel=1e-12)
    assert out["expected_mse"] == pytest.approx(out["bias2"] + out["variance"] + 0.25)


def test_monte_carlo_identity_and_known_case():
    f = np.sin
    x_test = np.linspace(0, 3, 9)

    def mean_model(x, y, xt):
        return np.full(xt.shape, y.mean())

    out = monte_carlo_bias_variance(mean_model, f, x_test, n_sets=800, n_train=10, noise_sd=0.5,
                                    x_low=0.0, x_high=3.0, random_state=1)
    assert abs(out["test_mse"] - out["expected_mse"]) < 4 * out["test_mse_se"]
    # variance of the mean of 10 labels: (Var f(X) + sigma^2) / 10 with X ~ U(0, 3)
    xs = np.linspace(0, 3, 200001)
    var_f = np.var(np.sin(xs))
    assert out["variance"] == pytest.approx((var_f + 0.25) / 10, rel=0.15)
    assert out["predictions"].shape == (800, 9)
    again = monte_carlo_bias_variance(mean_model, f, x_test, n_sets=800, n_train=10, noise_sd=0.5,
                                      x_low=0.0, x_high=3.0, random_state=1)
    assert again["test_mse"] == out["test_mse"]


def test_lagged_rolling_mean_matches_pandas():
    x = np.random.default_rng(2).normal(size=50)
    for window, shift in [(1, 0), (3, 0), (7, 1), (4, 3)]:
        ref = pd.Series(x).shift(shift).rolling(window).mean().to_numpy()
        np.testing.assert_allclose(lagged_rolling_mean(x, window, shift), ref, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("n, k, size, gap", [(100, 5, None, 0), (37, 3, None, 2), (50, 4, 6, 1)])
def test_expanding_window_splits_match_sklearn(n, k, size, gap):
    ours = expanding_window_splits(n, k, test_size=size, gap=gap)
    ref = list(TimeSeriesSplit(k, test_size=size, gap=gap).split(np.zeros(n)))
    assert len(ours) == len(ref)
    for (a_tr, a_te), (b_tr, b_te) in zip(ours, ref):
        np.testing.assert_array_equal(a_tr, b_tr)
        np.testing.assert_array_equal(a_te, b_te)


def _cat_data(seed, n=300, levels=40):
    rng = np.random.default_rng(seed)
    cats = rng.integers(0, levels, n)
    y = (rng.random(n) < 0.3).astype(float)
    return cats, y


def test_target_mean_encoder_matches_sklearn():
    cats, y = _cat_data(3)
    new = np.array([0, 5, 39, 1000])                       # 1000 was never seen
    ours = TargetMeanEncoder(smooth=2.0).fit(cats, y).transform(new)
    ref = TargetEncoder(smooth=2.0, target_type="continuous").fit(cats[:, None], y)
    np.testing.assert_allclose(ours, ref.transform(new[:, None]).ravel(), rtol=1e-12)
    assert ours[-1] == pytest.approx(y.mean())


@pytest.mark.parametrize("splitter", [KFold(5, shuffle=True, random_state=0),
                                      StratifiedKFold(4, shuffle=True, random_state=1)])
def test_out_of_fold_matches_sklearn_fit_transform(splitter):
    cats, y = _cat_data(4)
    ours = out_of_fold_target_encode(cats, y, cv=splitter, smooth=1.5)
    ref = TargetEncoder(smooth=1.5, target_type="continuous", cv=splitter).fit_transform(cats[:, None], y)
    np.testing.assert_allclose(ours, ref.ravel(), rtol=1e-12)
    # and it differs from the naive encoding, which sees each row's own label
    assert not np.allclose(ours, TargetMeanEncoder(1.5).fit_transform(cats, y))


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match="f_true"):
        bias_variance_decomposition(np.zeros((3, 4)), np.zeros(5))
    with pytest.raises(ValueError, match="at least 2 training sets"):
        bias_variance_decomposition(np.zeros((1, 4)), np.zeros(4))
    with pytest.raises(ValueError, match="noise_var"):
        bias_variance_decomposition(np.zeros((3, 4)), np.zeros(4), -1.0)
    with pytest.raises(TypeError, match="fit_predict"):
        monte_carlo_bias_variance(None, np.sin, np.zeros(3))
    with pytest.raises(ValueError, match="x_low"):
        monte_carlo_bias_variance(lambda x, y, t: t, np.sin, np.zeros(3), x_low=1.0, x_high=0.0)
    with pytest.raises(ValueError, match="window"):
        lagged_rolling_mean(np.zeros(5), 0)
    with pytest.raises(TypeError, match="window"):
        lagged_rolling_mean(np.zeros(5), 2.5)
    with pytest.raises(ValueError, match="too small"):
        expanding_window_splits(5, 5)
    with pytest.raises(ValueError, match="rows but y"):
        TargetMeanEncoder().fit(np.zeros(4), np.zeros(3))
    with pytest.raises(ValueError, match="not fitted"):
        TargetMeanEncoder().transform(np.zeros(3))
    with pytest.raises(ValueError, match="smooth"):
        TargetMeanEncoder(smooth=-1.0)
    with pytest.raises(TypeError, match="cv must be"):
        out_of_fold_target_encode(np.zeros(4), np.zeros(4), cv="five")
