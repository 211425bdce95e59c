"""Chapter 5: forecasting a time series -- splits, windows, baselines and error measures.

- :func:`load_co2_monthly`          -- the Mauna Loa CO2 record bundled with statsmodels, as monthly means
- :func:`chronological_split`       -- train / validation / test blocks in time order
- :func:`make_forecast_windows`     -- (past ``lookback`` values, next ``horizon`` values) pairs
- :func:`seasonal_difference`, :func:`undo_seasonal_difference` -- ``y_t - y_{t-m}`` and its inverse
- :func:`naive_forecast`, :func:`seasonal_naive_forecast` -- the two baselines every forecast must beat
- :func:`mae`, :func:`rmse`, :func:`mase` -- error measures (MASE scaled by the in-sample seasonal-naive error)
- :func:`make_lstm_forecaster`      -- a stacked ``torch.nn.LSTM`` with dropout between layers and a linear head

A series is a 1-D array ``(T,)``; windows are ``X (n, lookback)`` and ``Y (n, horizon)``. Forecasts for the
positions ``start, ..., T - 1`` of a series are 1-D arrays of length ``T - start``.
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "chronological_split",
    "load_co2_monthly",
    "make_forecast_windows",
    "make_lstm_forecaster",
    "mae",
    "mase",
    "naive_forecast",
    "rmse",
    "seasonal_difference",
    "seasonal_naive_forecast",
    "undo_seasonal_difference",
]


def _series(y, name: str = "y") -> np.ndarray:
    return check_array(y, name, ndim=1).astype(float)


def load_co2_monthly():
    """Monthly mean CO2 concentration (ppm) at Mauna Loa, March 1958 to December 2001.

    The weekly flask record of Keeling and Whorf ships with statsmodels (``statsmodels.datasets.co2``); the
    weekly values are averaged per calendar month and the few months without any sample are filled by
    linear interpolation.

    Returns
    -------
    pandas.Series
        526 monthly values indexed by the first day of each month.
    """
    from statsmodels.datasets import co2

    weekly = co2.load_pandas().data["co2"]
    return weekly.resample("MS").mean().interpolate().rename("co2_ppm")


def chronological_split(n: int, val_size: int, test_size: int):
    """Index ranges of a train / validation / test split that keeps time order.

    Parameters
    ----------
    n : int
        Length of the series.
    val_size, test_size : int
        Lengths of the validation and test blocks (the last ``test_size`` positions are the test block,
        the ``val_size`` before them the validation block). ``val_size`` may be 0.

    Returns
    -------
    train, val, test : ndarray of int
        Consecutive, non-overlapping position indices covering ``0 .. n - 1``.
    """
    n = check_int(n, "n")
    val_size = check_int(val_size, "val_size", minimum=0)
    test_size = check_int(test_size, "test_size")
    n_train = n - val_size - test_size
    if n_train < 1:
        raise ValueError(
            f"val_size + test_size must leave at least one training point: n={n}, val_size={val_size}, "
            f"test_size={test_size}"
        )
    idx = np.arange(n)
    return idx[:n_train], idx[n_train:n_train + val_size], idx[n_train + val_size:]


def make_forecast_windows(y, lookback: int, horizon: int = 1):
    """Supervised pairs for forecasting: the past ``lookback`` values and the next ``horizon`` values.

    Window ``k`` uses ``X[k] = y[k : k + lookback]`` and ``Y[k] = y[k + lookback : k + lookback + horizon]``,
    so every target lies strictly after its inputs.

    Parameters
    ----------
    y : array_like, shape (T,)
    lookback : int
        Number of past values ``L`` (>= 1).
    horizon : int
        Number of future values ``h`` (>= 1).

    Returns
    -------
    X : ndarray, shape (T - L - h + 1, L)
    Y : ndarray, shape (T - L - h + 1, h)
    target_start : ndarray of int, shape (T - L - h + 1,)
        Position in ``y`` of each window's first target, ``k + L``.
    """
    y = _series(y)
    lookback = check_int(lookback, "lookback")
    horizon = check_int(horizon, "horizon")
    n = y.shape[0] - lookback - horizon + 1
    if n < 1:
        raise ValueError(
            f"y is too short for lookback={lookback} and horizon={horizon}: need at least "
            f"{lookback + horizon} values, got {y.shape[0]}"
        )
    k = np.arange(n)[:, None]
    X = y[k + np.arange(lookback)]
    Y = y[k + lookback + np.arange(horizon)]
    return X, Y, np.arange(n) + lookback


def seasonal_difference(y, period: int):
    """``d_t = y_t - y_{t - period}`` for ``t = period, ..., T - 1`` (shape ``(T - period,)``)."""
    y = _series(y)
    period = check_int(period, "period")
    if y.shape[0] <= period:
        raise ValueError(f"y must be longer than period={period}, got {y.shape[0]} values")
    return y[period:] - y[:-period]


def undo_seasonal_difference(d_hat, y, start: int, period: int):
    """One-step forecasts of ``y`` from forecasts of its seasonal difference.

    ``y_hat_t = y_{t - period} + d_hat_t`` for ``t = start, ..., start + len(d_hat) - 1``: the value one
    season back is known when ``y_t`` is forecast one step ahead.

    Parameters
    ----------
    d_hat : array_like, shape (n,)
        Forecasts of ``y_t - y_{t - period}``.
    y : array_like, shape (T,)
        The observed series.
    start : int
        Position of the first forecast (>= ``period``).
    period : int
    """
    d_hat = _series(d_hat, "d_hat")
    y = _series(y)
    period = check_int(period, "period")
    start = check_int(start, "start", minimum=period)
    if start - period + d_hat.shape[0] > y.shape[0]:
        raise ValueError(
            f"d_hat has {d_hat.shape[0]} forecasts from start={start}, but y has only {y.shape[0]} values "
            f"to look {period} steps back into"
        )
    return y[start - period:start - period + d_hat.shape[0]] + d_hat


def naive_forecast(y, start: int):
    """Last-value forecast ``y_hat_t = y_{t-1}`` for ``t = start, ..., T - 1`` (shape ``(T - start,)``)."""
    y = _series(y)
    start = check_int(start, "start")
    if start >= y.shape[0]:
        raise ValueError(f"start must be < len(y) = {y.shape[0]}, got {start}")
    return y[start - 1:-1]


def seasonal_naive_forecast(y, start: int, period: int):
    """Value one season ago: ``y_hat_t = y_{t - period}`` for ``t = start, ..., T - 1``."""
    y = _series(y)
    period = check_int(period, "period")
    start = check_int(start, "start", minimum=period)
    if start >= y.shape[0]:
        raise ValueError(f"start must be < len(y) = {y.shape[0]}, got {start}")
    return y[start - period:y.shape[0] - period]


def _pair(y_true, y_pred):
    y_true = check_array(y_true, "y_true", ndim=(1, 2)).astype(float)
    y_pred = check_array(y_pred, "y_pred", ndim=(1, 2)).astype(float)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}")
    if y_true.size == 0:
        raise ValueError("y_true must not be empty")
    return y_true, y_pred


def mae(y_true, y_pred) -> float:
    """Mean absolute error over all entries."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_true - y_pred)))


def rmse(y_true, y_pred) -> float:
    """Root mean squared error over all entries."""
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.sqrt(np.mean((y_true - y_pred) ** 2)))


def mase(y_true, y_pred, y_train, period: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler, 2006).

    The MAE of the forecasts divided by the in-sample MAE of the (seasonal) naive forecast on the training
    series, ``mean_t |y_t - y_{t - period}|`` over ``t = period, ..., len(y_train) - 1``. Below 1: better than
    that baseline was on the training data.
    """
    y_train = _series(y_train, "y_train")
    period = check_int(period, "period")
    if y_train.shape[0] <= period:
        raise ValueError(f"y_train must be longer than period={period}, got {y_train.shape[0]} values")
    scale = float(np.mean(np.abs(y_train[period:] - y_train[:-period])))
    if scale == 0:
        raise ValueError("y_train is constant at lag period: the MASE scale is zero")
    return mae(y_true, y_pred) / scale


def make_lstm_forecaster(hidden_size: int = 32, num_layers: int = 2, dropout: float = 0.2, horizon: int = 1,
                         input_size: int = 1, random_state: int | None = None):
    """A stacked LSTM forecaster: ``torch.nn.LSTM`` (dropout between layers) and a linear head.

    The model maps windows ``(N, L, input_size)`` to forecasts ``(N, horizon)`` read from the top layer's
    last hidden state. ``torch.nn.LSTM`` applies ``dropout`` to the outputs of every layer except the last.

    Parameters
    ----------
    hidden_size, num_layers, horizon, input_size : int
    dropout : float in [0, 1)
    random_state : int, optional
        Seed for the initial weights (torch's global generator is left untouched).
    """
    import torch
    from torch import nn

    hidden_size = check_int(hidden_size, "hidden_size")
    num_layers = check_int(num_layers, "num_layers")
    horizon = check_int(horizon, "horizon")
    input_size = check_int(input_size, "input_size")
    dropout = check_number(dropout, "dropout", nonnegative=True)
    if dropout >= 1:
        raise ValueError(f"dropout must be in [0, 1), got {dropout}")

    class LSTMForecaster(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(input_size, hidden_size, num_layers=num_layers, batch_first=True,
                                dropout=dropout if num_layers > 1 else 0.0)
            self.head = nn.Linear(hidden_size, horizon)

        def forward(self, x):
            if x.dim() == 2:
                x = x.unsqueeze(-1)
            out, _ = self.lstm(x)
            return self.head(out[:, -1])

    if random_state is None:
        return LSTMForecaster()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(check_int(random_state, "random_state", minimum=0))
        return LSTMForecaster()
