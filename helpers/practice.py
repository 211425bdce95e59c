"""ML in practice: experiment tracking with MLflow and A/B-testing tools.

Used by the lecture notebook ``08a_ml_in_practice``. The two-proportion z-test itself lives in
:mod:`helpers.stats`. The statistics are checked against ``statsmodels`` and ``scipy``, the tracking
helpers by reading runs back with ``MlflowClient``, in ``tests/test_practice.py``.

Functions
---------
local_tracking
    Context manager: a throw-away MLflow store (SQLite + artefact folder) in a temporary directory,
    the previous tracking URI restored and the folder deleted on exit.
log_training_run
    Log one training run: params, per-epoch metrics (``step=epoch``), the history as a JSON artefact
    and optional figures.
sample_size_two_proportions, power_two_proportions
    Visitors per group needed to detect p1 vs p2, and the power of a given size.
bonferroni, benjamini_hochberg
    Multiple-comparison corrections (reject mask and adjusted p-values).
simulate_peeking
    False-positive rate of a two-proportion test checked after every batch vs once at the end.
beta_posterior_prob_better
    Bayesian A/B: P(p_B > p_A) under independent Beta posteriors.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
import warnings
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import integrate
from scipy import stats as _st

from helpers.checks import check_array

__all__ = [
    "TrackingStore",
    "benjamini_hochberg",
    "beta_posterior_prob_better",
    "bonferroni",
    "local_tracking",
    "log_training_run",
    "power_two_proportions",
    "sample_size_two_proportions",
    "simulate_peeking",
]


def _rate(p, name):
    if not 0 < p < 1:
        raise ValueError(f"{name} must be a rate strictly between 0 and 1, got {p}")
    return float(p)


def _alpha_power(alpha, power=None):
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    if power is not None and not 0 < power < 1:
        raise ValueError(f"power must be in (0, 1), got {power}")


def sample_size_two_proportions(p1: float, p2: float, *, alpha: float = 0.05, power: float = 0.8,
                                method: str = "pooled") -> int:
    """Visitors per group for a two-sided two-proportion z-test to detect ``p1`` vs ``p2``.

    Parameters
    ----------
    p1, p2 : float
        Baseline and target conversion rates (different, in (0, 1)).
    alpha : float
        Two-sided significance level.
    power : float
        Desired probability of rejecting when the true rates are ``p1`` and ``p2``.
    method : {"pooled", "arcsine"}
        "pooled": the textbook formula
        ``n = (z_{1-a/2} sqrt(2 pbar qbar) + z_{power} sqrt(p1 q1 + p2 q2))^2 / (p1 - p2)^2``.
        "arcsine": ``n = 2 ((z_{1-a/2} + z_{power}) / h)^2`` with Cohen's ``h = 2 asin(sqrt p2) -
        2 asin(sqrt p1)`` (the transform has variance 1/n per group, the difference 2/n), what
        ``statsmodels``' ``NormalIndPower`` solves (up to the far tail).

    Returns
    -------
    int
        Rounded up.
    """
    p1, p2 = _rate(p1, "p1"), _rate(p2, "p2")
    if p1 == p2:
        raise ValueError("p1 and p2 must differ: no sample size detects a zero effect")
    _alpha_power(alpha, power)
    za = _st.norm.ppf(1 - alpha / 2)
    zb = _st.norm.ppf(power)
    if method == "pooled":
        pbar = (p1 + p2) / 2
        num = za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        n = num**2 / (p1 - p2) ** 2
    elif method == "arcsine":
        h = 2 * np.arcsin(np.sqrt(p2)) - 2 * np.arcsin(np.sqrt(p1))
        n = 2 * ((za + zb) / h) ** 2
    else:
        raise ValueError(f"method must be 'pooled' or 'arcsine', got {method!r}")
    return int(np.ceil(n - 1e-9))


def power_two_proportions(p1: float, p2: float, n: int, *, alpha: float = 0.05) -> float:
    """Power of the two-sided pooled two-proportion z-test with ``n`` visitors per group.

    Normal approximation, ignoring the (negligible) probability of rejecting in the wrong tail:
    ``Phi((|p1 - p2| sqrt(n) - z_{1-a/2} sqrt(2 pbar qbar)) / sqrt(p1 q1 + p2 q2))``.
    """
    p1, p2 = _rate(p1, "p1"), _rate(p2, "p2")
    _alpha_power(alpha)
    if n <= 0:
        raise ValueError(f"n must be positive, got {n}")
    za = _st.norm.ppf(1 - alpha / 2)
    pbar = (p1 + p2) / 2
    num = abs(p1 - p2) * np.sqrt(n) - za * np.sqrt(2 * pbar * (1 - pbar))
    return float(_st.norm.cdf(num / np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))))


def _pvals(pvals):
    p = np.asarray(check_array(pvals, "pvals", ndim=1), dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("pvals must lie in [0, 1]")
    return p


def bonferroni(pvals, alpha: float = 0.05):
    """Bonferroni correction: reject where ``p <= alpha / m``; adjusted ``min(1, m p)``.

    Controls the family-wise error rate (probability of at least one false rejection).

    Returns
    -------
    reject : ndarray of bool (m,)
    adjusted : ndarray (m,)
    """
    p = _pvals(pvals)
    _alpha_power(alpha)
    adjusted = np.minimum(1.0, p * p.size)
    return adjusted <= alpha, adjusted


def benjamini_hochberg(pvals, alpha: float = 0.05):
    """Benjamini-Hochberg step-up procedure controlling the false discovery rate.

    Sort the p-values, find the largest ``i`` with ``p_(i) <= i alpha / m`` and reject the ``i``
    smallest. Adjusted p-values: ``min_{j >= i} m p_(j) / j``, capped at 1.

    Returns
    -------
    reject : ndarray of bool (m,), in the input order
    adjusted : ndarray (m,), in the input order
    """
    p = _pvals(pvals)
    _alpha_power(alpha)
    m = p.size
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    adj_sorted = np.minimum(1.0, np.minimum.accumulate(ranked[::-1])[::-1])
    adjusted = np.empty(m)
    adjusted[order] = adj_sorted
    return adjusted <= alpha, adjusted


def simulate_peeking(p: float = 0.1, *, batch: int = 200, n_looks: int = 20, n_sims: int = 2000,
                     alpha: float = 0.05, random_state=0) -> dict:
    """Simulate A/A tests (no true difference) analysed after every batch of visitors.

    Each simulated experiment adds ``batch`` visitors per group ``n_looks`` times; after each look
    the pooled two-proportion z statistic is computed.

    Returns
    -------
    dict with
        ``fpr_fixed``: fraction of experiments significant at the final look only (about ``alpha``);
        ``fpr_peeking``: fraction significant at *any* look (stopping at the first significant one);
        ``z``: ndarray (n_sims, n_looks) of the z statistics.
    """
    _rate(p, "p")
    _alpha_power(alpha)
    rng = np.random.default_rng(random_state)
    ka = rng.binomial(batch, p, size=(n_sims, n_looks)).cumsum(axis=1)
    kb = rng.binomial(batch, p, size=(n_sims, n_looks)).cumsum(axis=1)
    n = batch * np.arange(1, n_looks + 1)
    pooled = (ka + kb) / (2 * n)
    se = np.sqrt(pooled * (1 - pooled) * 2 / n)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(se > 0, (kb - ka) / n / se, 0.0)
    crit = _st.norm.ppf(1 - alpha / 2)
    hit = np.abs(z) > crit
    return {"fpr_fixed": float(hit[:, -1].mean()), "fpr_peeking": float(hit.any(axis=1).mean()),
            "z": z}


def beta_posterior_prob_better(k_a: int, n_a: int, k_b: int, n_b: int, *,
                               prior: tuple[float, float] = (1.0, 1.0)) -> float:
    """P(p_B > p_A | data) with independent ``Beta(prior)`` priors and binomial data.

    The posteriors are ``Beta(a0 + k, b0 + n - k)``; the probability is the integral
    ``int f_B(x) F_A(x) dx`` computed by adaptive quadrature.
    """
    for name, k, n in (("a", k_a, n_a), ("b", k_b, n_b)):
        if not 0 <= k <= n or n <= 0:
            raise ValueError(f"need 0 <= k_{name} <= n_{name} and n_{name} > 0, got k={k}, n={n}")
    a0, b0 = prior
    if a0 <= 0 or b0 <= 0:
        raise ValueError(f"prior parameters must be positive, got {prior}")
    post_a = _st.beta(a0 + k_a, b0 + n_a - k_a)
    post_b = _st.beta(a0 + k_b, b0 + n_b - k_b)
    lo = min(post_a.ppf(1e-12), post_b.ppf(1e-12))
    hi = max(post_a.isf(1e-12), post_b.isf(1e-12))
    val, _ = integrate.quad(lambda x: post_b.pdf(x) * post_a.cdf(x), lo, hi, limit=200,
                            epsabs=1e-12, epsrel=1e-10)
    return float(min(1.0, max(0.0, val)))


# --------------------------------------------------------------------------------------------------
# Experiment tracking (MLflow is imported lazily: it takes a second or two to import)
# --------------------------------------------------------------------------------------------------

_TRACKING_ENV = "MLFLOW_TRACKING_URI"


@dataclass(frozen=True)
class TrackingStore:
    """Where :func:`local_tracking` keeps its runs.

    Attributes
    ----------
    uri : str
        Tracking URI, ``sqlite:///<root>/mlflow.db``.
    root : pathlib.Path
        The temporary folder holding the database and the ``artifacts/`` folder.
    experiment_id : str
        The experiment created in the store; pass it to ``mlflow.start_run(experiment_id=...)``.
    """

    uri: str
    root: Path
    experiment_id: str


@contextmanager
def local_tracking(experiment: str = "course", *, quiet: bool = True):
    """A throw-away MLflow tracking store in a temporary folder.

    Creates ``<tmp>/mlflow.db`` (SQLite backend) and an experiment whose artefacts go to
    ``<tmp>/artifacts``, sets the global tracking URI to it, and yields a :class:`TrackingStore`.
    On exit any run left active is ended, the previous tracking URI (and ``MLFLOW_TRACKING_URI``)
    is restored, and the folder is deleted: nothing is left behind and no server is needed.

    Parameters
    ----------
    experiment : str
        Name of the experiment to create.
    quiet : bool
        Raise the ``mlflow`` logger to WARNING inside the block (MLflow logs INFO lines to stderr when it
        creates the database tables); the previous level is restored on exit.

    Yields
    ------
    TrackingStore
    """
    if not isinstance(experiment, str) or not experiment:
        raise ValueError(f"experiment must be a non-empty string, got {experiment!r}")
    import mlflow  # before touching the logger: importing MLflow configures it

    logger = logging.getLogger("mlflow")
    old_level = logger.level
    if quiet:
        logger.setLevel(logging.WARNING)
    old_env = os.environ.get(_TRACKING_ENV)  # set_tracking_uri mirrors the global URI into it
    try:
        with tempfile.TemporaryDirectory(prefix="mlflow-") as tmp:
            root = Path(tmp)
            uri = f"sqlite:///{root / 'mlflow.db'}"
            mlflow.set_tracking_uri(uri)
            try:
                with warnings.catch_warnings():  # SQLAlchemy deprecation noise while the tables are created
                    warnings.simplefilter("ignore", DeprecationWarning)
                    client = mlflow.MlflowClient(uri)
                    exp_id = client.create_experiment(experiment, artifact_location=(root / "artifacts").as_uri())
                yield TrackingStore(uri=uri, root=root, experiment_id=exp_id)
            finally:
                while mlflow.active_run() is not None:
                    mlflow.end_run()
    finally:
        mlflow.set_tracking_uri(old_env)  # None unsets the global URI and the variable
        logger.setLevel(old_level)


def _check_history(history) -> dict[str, np.ndarray]:
    if not isinstance(history, Mapping) or not history:
        raise TypeError(f"history must be a non-empty dict of metric name -> per-epoch values, "
                        f"got {type(history).__name__}")
    out = {}
    for key, values in history.items():
        if not isinstance(key, str):
            raise TypeError(f"history keys must be metric names (str), got {key!r}")
        out[key] = np.asarray(check_array(values, f"history[{key!r}]", ndim=1), dtype=float)
    return out


def log_training_run(params, history, *, experiment_id: str | None = None, run_name: str | None = None,
                     summary=None, figures=None, model_arrays=None, tags=None) -> str:
    """Log one finished training run to the current MLflow tracking store.

    Parameters
    ----------
    params : dict
        Hyperparameters (logged with ``mlflow.log_params``; MLflow stores them as strings).
    history : dict of str -> array_like (n_epochs,)
        Per-epoch metrics, e.g. ``{"train_loss": [...], "val_accuracy": [...]}``; value ``i`` is logged
        with ``step=i``. The lists may have different lengths.
    experiment_id : str, optional
        Experiment to log into (e.g. ``TrackingStore.experiment_id``); default: the active experiment.
    run_name : str, optional
    summary : dict of str -> float, optional
        Single-valued metrics (e.g. ``best_val_accuracy``, ``train_seconds``).
    figures : dict of str -> matplotlib Figure, optional
        Saved as PNG artefacts under the given file names.
    model_arrays : dict of str -> ndarray, optional
        Model parameters, saved with ``np.savez`` as the artefact ``model.npz``.
    tags : dict, optional

    Returns
    -------
    str
        The run id. The run also gets a ``history.json`` artefact with ``params`` and ``history``.
    """
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict, got {type(params).__name__}")
    if model_arrays is not None and not isinstance(model_arrays, Mapping):
        raise TypeError(f"model_arrays must be a dict of name -> array, got {type(model_arrays).__name__}")
    hist = _check_history(history)
    summary = dict(summary or {})
    for key, val in summary.items():
        if not isinstance(val, (int, float, np.number)) or not math.isfinite(float(val)):
            raise ValueError(f"summary[{key!r}] must be a finite number, got {val!r}")
    import mlflow
    from mlflow.entities import Metric

    with mlflow.start_run(experiment_id=experiment_id, run_name=run_name, tags=tags) as run:
        if params:
            mlflow.log_params(dict(params))
        ts = int(run.info.start_time or 0)
        metrics = [Metric(key, float(v), ts, step) for key, vals in hist.items() for step, v in enumerate(vals)]
        metrics += [Metric(key, float(v), ts, 0) for key, v in summary.items()]
        # one batched call instead of one database round trip per value
        mlflow.MlflowClient().log_batch(run.info.run_id, metrics=metrics)
        mlflow.log_text(json.dumps({"params": {k: _jsonable(v) for k, v in params.items()},
                                    "history": {k: v.tolist() for k, v in hist.items()}}, indent=1),
                        "history.json")
        for name, fig in (figures or {}).items():
            mlflow.log_figure(fig, name)
        if model_arrays:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "model.npz"
                np.savez(path, **{k: np.asarray(v) for k, v in model_arrays.items()})
                mlflow.log_artifact(str(path))
        return run.info.run_id


def _jsonable(v):
    if isinstance(v, np.generic):
        return v.item()
    return v if isinstance(v, (int, float, str, bool, type(None))) else str(v)
