"""Tests for helpers.forecast: windows, differences, baselines and error measures against NumPy, pandas,
scikit-learn and statsmodels references; the LSTM forecaster against torch.nn.LSTM."""

import numpy as np
import pandas as pd
import pytest
import torch
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.metrics import mean_absolute_error, root_mean_squared_error
from statsmodels.tsa.statespace.tools import diff as sm_diff

from helpers.forecast import (
    chronological_split,
    load_co2_monthly,
    mae,
    make_forecast_windows,
    make_lstm_forecaster,
    mase,
    naive_forecast,
    rmse,
    seasonal_difference,
    seasonal_naive_forecast,
    undo_seasonal_difference,
)


@pytest.fixture
def series():
    return np.random.default_rng(0).normal(size=60).cumsum()


def test_chronological_split_is_ordered_and_complete():
    tr, va, te = chronological_split(50, 7, 9)
    assert (len(tr), len(va), len(te)) == (34, 7, 9)
    assert np.array_equal(np.concatenate([tr, va, te]), np.arange(50))
    assert tr.max() < va.min() and va.max() < te.min()
    tr, va, te = chronological_split(10, 0, 3)
    assert len(va) == 0 and len(tr) == 7


def test_chronological_split_rejects_bad_sizes():
    with pytest.raises(ValueError, match="at least one training point"):
        chronological_split(10, 5, 5)
    with pytest.raises(TypeError, match="test_size must be an int"):
        chronological_split(10, 2, 2.5)


@pytest.mark.parametrize("lookback, horizon", [(1, 1), (5, 1), (4, 3)])
def test_windows_match_sliding_window_view(series, lookback, horizon):
    X, Y, first = make_forecast_windows(series, lookback, horizon)
    ref = sliding_window_view(series, lookback + horizon)
    assert np.array_equal(X, ref[:, :lookback]) and np.array_equal(Y, ref[:, lookback:])
    assert np.array_equal(series[first], Y[:, 0])
    assert first.min() == lookback


def test_windows_reject_short_series_and_bad_arguments():
    with pytest.raises(ValueError, match="too short for lookback=3 and horizon=2"):
        make_forecast_windows(np.arange(4.0), 3, 2)
    with pytest.raises(ValueError, match="y must be 1-D"):
        make_forecast_windows(np.zeros((5, 2)), 2)
    with pytest.raises(ValueError, match="lookback must be >= 1"):
        make_forecast_windows(np.arange(5.0), 0)


def test_seasonal_difference_matches_pandas_and_statsmodels(series):
    d = seasonal_difference(series, 12)
    assert np.allclose(d, pd.Series(series).diff(12).to_numpy()[12:])
    assert np.allclose(d, sm_diff(series, k_diff=0, k_seasonal_diff=1, seasonal_periods=12))
    with pytest.raises(ValueError, match="longer than period=12"):
        seasonal_difference(np.arange(12.0), 12)


def test_undo_seasonal_difference_inverts_the_difference(series):
    d = seasonal_difference(series, 4)
    back = undo_seasonal_difference(d[10:], series, start=14, period=4)
    assert np.allclose(back, series[14:])
    with pytest.raises(ValueError, match="start must be >= 4"):
        undo_seasonal_difference(d, series, start=2, period=4)
    with pytest.raises(ValueError, match="d_hat has 61 forecasts"):
        undo_seasonal_difference(np.zeros(61), series, start=4, period=4)


def test_baselines_match_pandas_shift(series):
    s = pd.Series(series)
    assert np.allclose(naive_forecast(series, 40), s.shift(1).to_numpy()[40:])
    assert np.allclose(seasonal_naive_forecast(series, 40, 12), s.shift(12).to_numpy()[40:])
    with pytest.raises(ValueError, match="start must be >= 12"):
        seasonal_naive_forecast(series, 5, 12)
    with pytest.raises(ValueError, match="start must be < len"):
        naive_forecast(series, 60)


def test_metrics_match_sklearn():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=30), rng.normal(size=30)
    assert np.isclose(mae(a, b), mean_absolute_error(a, b))
    assert np.isclose(rmse(a, b), root_mean_squared_error(a, b))
    A, B = rng.normal(size=(10, 3)), rng.normal(size=(10, 3))
    assert np.isclose(mae(A, B), np.abs(A - B).mean())
    with pytest.raises(ValueError, match="same shape"):
        mae(a, b[:-1])
    with pytest.raises(ValueError, match="must not be empty"):
        rmse([], [])


def test_mase_scale_and_value(series):
    train = series[:40]
    scale = np.mean(np.abs(train[4:] - train[:-4]))
    truth, pred = series[40:], series[40:] + 0.5
    assert np.isclose(mase(truth, pred, train, period=4), 0.5 / scale)
    # the seasonal-naive forecast on its own training series has MASE exactly 1
    assert np.isclose(mase(train[4:], seasonal_naive_forecast(train, 4, 4), train, 4), 1.0)
    with pytest.raises(ValueError, match="scale is zero"):
        mase([1.0], [2.0], np.ones(10), 1)


def test_lstm_forecaster_is_a_stacked_torch_lstm():
    model = make_lstm_forecaster(hidden_size=8, num_layers=2, dropout=0.3, horizon=3, random_state=0)
    assert model.lstm.num_layers == 2 and model.lstm.dropout == pytest.approx(0.3)
    x = torch.randn(5, 7, 1)
    model.eval()
    out_ref, _ = model.lstm(x)
    assert torch.allclose(model(x), model.head(out_ref[:, -1]))
    assert model(x[..., 0]).shape == (5, 3)
    again = make_lstm_forecaster(hidden_size=8, num_layers=2, dropout=0.3, horizon=3, random_state=0)
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), again.parameters()))
    with pytest.raises(ValueError, match="dropout must be in"):
        make_lstm_forecaster(dropout=1.0)


def test_load_co2_monthly():
    co2 = load_co2_monthly()
    assert len(co2) == 526 and not co2.isna().any()
    assert co2.index.freqstr == "MS" and 310 < co2.iloc[0] < 320
