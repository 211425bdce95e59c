"""ML in practice, part 2: guardrail metrics and novelty effects in A/B tests.

Used by the lecture notebook ``08a_model_registry_and_guardrails`` (the registry part of that notebook uses
MLflow directly, with :func:`helpers.practice.local_tracking`). The tests are checked against
``statsmodels`` in ``tests/test_guardrails.py``.

Functions
---------
non_inferiority_means
    One-sided Welch test that a treatment is not worse than control by more than a margin (e.g. latency).
non_inferiority_proportions
    The same for a rate (e.g. the error rate), with the unpooled (Wald) standard error.
guardrail_decision
    Ship only if the primary metric wins and every guardrail is non-inferior.
simulate_novelty_experiment
    Daily conversions per arm and enrolment cohort when the treatment's lift decays with exposure time.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats as _st

from helpers.checks import check_array

__all__ = [
    "NonInferiorityResult",
    "guardrail_decision",
    "non_inferiority_means",
    "non_inferiority_proportions",
    "simulate_novelty_experiment",
]


@dataclass(frozen=True)
class NonInferiorityResult:
    """Outcome of a non-inferiority test.

    Attributes
    ----------
    difference : float
        Treatment minus control (means or rates).
    bound : float
        The one-sided ``1 - alpha`` confidence bound of the difference on the "worse" side: the upper bound
        when larger values are worse, the lower bound when larger values are better.
    statistic : float
        ``(difference - null value) / standard error``; the null value is ``+margin`` (larger is worse) or
        ``-margin`` (larger is better).
    p_value : float
        One-sided p-value of ``H0: treatment worse than control by at least the margin``.
    non_inferior : bool
        ``p_value < alpha``, equivalently the bound lies on the good side of the margin.
    """

    difference: float
    bound: float
    statistic: float
    p_value: float
    non_inferior: bool


def _margin_alpha(margin, alpha):
    if not isinstance(margin, numbers.Real) or not margin >= 0:
        raise ValueError(f"margin must be a non-negative number (the largest acceptable harm), got {margin!r}")
    if not 0 < alpha < 0.5:
        raise ValueError(f"alpha must be in (0, 0.5) for a one-sided test, got {alpha}")


def _result(diff, se, df, margin, alpha, larger_is_worse):
    dist = _st.t(df) if df is not None else _st.norm()
    q = dist.ppf(1 - alpha)
    if larger_is_worse:  # H0: diff >= margin, H1: diff < margin
        stat = (diff - margin) / se
        p = dist.cdf(stat)
        bound = diff + q * se
        ok = bound < margin
    else:  # H0: diff <= -margin, H1: diff > -margin
        stat = (diff + margin) / se
        p = dist.sf(stat)
        bound = diff - q * se
        ok = bound > -margin
    return NonInferiorityResult(float(diff), float(bound), float(stat), float(p), bool(ok))


def non_inferiority_means(control, treatment, margin: float, *, alpha: float = 0.05,
                          larger_is_worse: bool = True) -> NonInferiorityResult:
    """Welch one-sided test that the treatment's mean is not worse than control's by ``margin`` or more.

    With ``d = mean(treatment) - mean(control)``, ``se = sqrt(s_t^2 / n_t + s_c^2 / n_c)`` and Welch's degrees
    of freedom, for a metric where larger is worse (latency) the hypotheses are ``H0: d_true >= margin``
    against ``H1: d_true < margin``; the treatment is non-inferior when the one-sided upper confidence bound
    ``d + t_{1-alpha} se`` is below ``margin``.

    Parameters
    ----------
    control, treatment : array_like, shape (n_c,) and (n_t,)
        Per-user values of the guardrail metric (at least two each).
    margin : float >= 0
        The largest harm that is acceptable, in the metric's units.
    alpha : float
        One-sided level.
    larger_is_worse : bool
        True for latency, errors, cost; False for revenue, session length.

    Returns
    -------
    NonInferiorityResult
    """
    c = check_array(control, "control", ndim=1)
    t = check_array(treatment, "treatment", ndim=1)
    if c.size < 2 or t.size < 2:
        raise ValueError(f"control and treatment need at least two values each, got {c.size} and {t.size}")
    _margin_alpha(margin, alpha)
    vc, vt = c.var(ddof=1) / c.size, t.var(ddof=1) / t.size
    se = np.sqrt(vc + vt)
    if se == 0:
        raise ValueError("control and treatment are both constant: the standard error is zero")
    df = (vc + vt) ** 2 / (vc**2 / (c.size - 1) + vt**2 / (t.size - 1))
    return _result(t.mean() - c.mean(), se, df, margin, alpha, larger_is_worse)


def non_inferiority_proportions(k_control: int, n_control: int, k_treatment: int, n_treatment: int,
                                margin: float, *, alpha: float = 0.05,
                                larger_is_worse: bool = True) -> NonInferiorityResult:
    """One-sided z-test that the treatment's rate is not worse than control's by ``margin`` or more.

    ``d = k_t / n_t - k_c / n_c`` with the unpooled (Wald) standard error
    ``sqrt(p_t (1 - p_t) / n_t + p_c (1 - p_c) / n_c)``: under a non-inferiority null the two rates differ,
    so pooling them (as the superiority z-test does) would be wrong.

    Parameters
    ----------
    k_control, n_control, k_treatment, n_treatment : int
        Events and users per arm (``0 <= k <= n``, ``n > 0``).
    margin : float >= 0
        Largest acceptable harm, as an absolute difference of rates (0.001 = 0.1 percentage points).
    alpha : float
    larger_is_worse : bool
        True for an error rate, False for a conversion rate.

    Returns
    -------
    NonInferiorityResult
    """
    for name, k, n in (("control", k_control, n_control), ("treatment", k_treatment, n_treatment)):
        if not isinstance(k, numbers.Integral) or not isinstance(n, numbers.Integral):
            raise TypeError(f"k_{name} and n_{name} must be ints, got {type(k).__name__} and {type(n).__name__}")
        if n <= 0 or not 0 <= k <= n:
            raise ValueError(f"need 0 <= k_{name} <= n_{name} and n_{name} > 0, got k={k}, n={n}")
    _margin_alpha(margin, alpha)
    pc, pt = k_control / n_control, k_treatment / n_treatment
    se = np.sqrt(pc * (1 - pc) / n_control + pt * (1 - pt) / n_treatment)
    if se == 0:
        raise ValueError("both rates are 0 or 1: the Wald standard error is zero")
    return _result(pt - pc, se, None, margin, alpha, larger_is_worse)


def guardrail_decision(primary_wins: bool, guardrails: Mapping[str, NonInferiorityResult]) -> tuple[bool, list]:
    """Ship only if the primary metric wins and every guardrail is shown non-inferior.

    Parameters
    ----------
    primary_wins : bool
        Whether the primary metric improved significantly.
    guardrails : mapping
        ``{metric name: NonInferiorityResult}``.

    Returns
    -------
    ship : bool
    failed : list of str
        The guardrails that were not shown non-inferior (sorted).
    """
    if not isinstance(guardrails, Mapping) or not all(
            isinstance(r, NonInferiorityResult) for r in guardrails.values()):
        raise TypeError("guardrails must map metric names to NonInferiorityResult objects")
    failed = sorted(name for name, r in guardrails.items() if not r.non_inferior)
    return bool(primary_wins) and not failed, failed


def simulate_novelty_experiment(*, n_days: int = 28, users_per_cohort: int = 500, base_rate: float = 0.05,
                                true_lift: float = 0.02, novelty_lift: float = 0.2, decay_days: float = 3.0,
                                random_state=None) -> dict:
    """Simulate an A/B test whose treatment effect is partly a novelty that wears off.

    Every day ``c`` a new cohort of ``users_per_cohort`` users per arm enrols; every enrolled user visits
    once a day. A treatment user who enrolled on day ``c`` converts on day ``d >= c`` with probability

    ``base_rate * (1 + true_lift + novelty_lift * exp(-(d - c) / decay_days))``,

    a control user with probability ``base_rate``. The lasting relative lift is ``true_lift``.

    Parameters
    ----------
    n_days : int
        Length of the experiment.
    users_per_cohort : int
        Users per arm enrolling each day.
    base_rate : float in (0, 1)
    true_lift, novelty_lift : float >= 0
        Relative lasting lift and relative extra lift on a user's first day.
    decay_days : float > 0
        Time constant of the novelty, in days of exposure.
    random_state : None, int or numpy Generator

    Returns
    -------
    dict
        ``"control"``, ``"treatment"``: conversions, int arrays of shape ``(n_days, n_days)`` indexed
        ``[day, cohort]`` (zero where ``cohort > day``); ``"users"``: users per arm in each cell, same shape;
        ``"exposure"``: ``day - cohort`` (``-1`` where the cohort has not enrolled yet).
    """
    for name, v in (("n_days", n_days), ("users_per_cohort", users_per_cohort)):
        if not isinstance(v, numbers.Integral) or v < 1:
            raise ValueError(f"{name} must be a positive int, got {v!r}")
    if not 0 < base_rate < 1:
        raise ValueError(f"base_rate must be in (0, 1), got {base_rate}")
    if true_lift < 0 or novelty_lift < 0:
        raise ValueError(f"true_lift and novelty_lift must be >= 0, got {true_lift} and {novelty_lift}")
    if not decay_days > 0:
        raise ValueError(f"decay_days must be positive, got {decay_days}")
    p_max = base_rate * (1 + true_lift + novelty_lift)
    if p_max >= 1:
        raise ValueError(f"base_rate * (1 + true_lift + novelty_lift) must stay below 1, got {p_max:.3f}")
    rng = np.random.default_rng(random_state)
    day, cohort = np.meshgrid(np.arange(n_days), np.arange(n_days), indexing="ij")
    exposure = np.where(cohort <= day, day - cohort, -1)
    enrolled = exposure >= 0
    users = np.where(enrolled, users_per_cohort, 0)
    p_t = base_rate * (1 + true_lift + novelty_lift * np.exp(-np.maximum(exposure, 0) / decay_days))
    control = rng.binomial(users, base_rate)
    treatment = rng.binomial(users, np.where(enrolled, p_t, 0.0))
    return {"control": control, "treatment": treatment, "users": users, "exposure": exposure}
