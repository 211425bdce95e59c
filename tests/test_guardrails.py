"""Tests for helpers.guardrails against statsmodels, and the novelty simulation against its own formula."""

import numpy as np
import pytest
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.weightstats import ttest_ind

from helpers.guardrails import (
    NonInferiorityResult,
    guardrail_decision,
    non_inferiority_means,
    non_inferiority_proportions,
    simulate_novelty_experiment,
)


@pytest.mark.parametrize("shift", [0.0, 3.0, 6.0])
def test_means_larger_is_worse_matches_statsmodels(shift):
    rng = np.random.default_rng(0)
    c, t = rng.normal(100, 20, 400), rng.normal(100 + shift, 25, 300)
    res = non_inferiority_means(c, t, margin=5.0, alpha=0.05)
    stat, p, df = ttest_ind(t, c, alternative="smaller", usevar="unequal", value=5.0)
    assert res.statistic == pytest.approx(stat, rel=1e-12)
    assert res.p_value == pytest.approx(p, rel=1e-10)
    assert res.non_inferior == (p < 0.05)
    assert res.difference == pytest.approx(t.mean() - c.mean())


def test_means_larger_is_better_matches_statsmodels():
    rng = np.random.default_rng(1)
    c, t = rng.exponential(10, 500), rng.exponential(9.5, 500)
    res = non_inferiority_means(c, t, margin=1.0, larger_is_worse=False)
    stat, p, _ = ttest_ind(t, c, alternative="larger", usevar="unequal", value=-1.0)
    assert res.statistic == pytest.approx(stat, rel=1e-12)
    assert res.p_value == pytest.approx(p, rel=1e-10)
    assert (res.bound > -1.0) == res.non_inferior == (p < 0.05)


@pytest.mark.parametrize("k_t", [180, 200, 240])
def test_proportions_match_statsmodels_wald(k_t):
    res = non_inferiority_proportions(200, 10_000, k_t, 10_000, margin=0.004)
    stat, p = sm_proportion.test_proportions_2indep(k_t, 10_000, 200, 10_000, value=0.004, method="wald",
                                                    compare="diff", alternative="smaller")
    assert res.statistic == pytest.approx(stat, rel=1e-10)
    assert res.p_value == pytest.approx(p, rel=1e-10)


def test_proportions_larger_is_better_matches_statsmodels():
    res = non_inferiority_proportions(500, 5000, 480, 5000, margin=0.01, larger_is_worse=False)
    stat, p = sm_proportion.test_proportions_2indep(480, 5000, 500, 5000, value=-0.01, method="wald",
                                                    compare="diff", alternative="larger")
    assert res.p_value == pytest.approx(p, rel=1e-10)
    assert res.statistic == pytest.approx(stat, rel=1e-10)


def test_bound_and_p_value_agree_at_the_margin():
    rng = np.random.default_rng(2)
    for _ in range(20):
        c, t = rng.normal(0, 1, 50), rng.normal(0.3, 1, 60)
        res = non_inferiority_means(c, t, margin=0.4)
        assert (res.bound < 0.4) == (res.p_value < 0.05)


def test_guardrail_decision():
    ok = NonInferiorityResult(0.0, 0.1, -3.0, 0.001, True)
    bad = NonInferiorityResult(0.5, 0.9, 1.0, 0.8, False)
    assert guardrail_decision(True, {"latency": ok, "errors": ok}) == (True, [])
    assert guardrail_decision(True, {"latency": bad, "errors": ok}) == (False, ["latency"])
    assert guardrail_decision(False, {"latency": ok}) == (False, [])


def test_novelty_simulation_rates():
    sim = simulate_novelty_experiment(n_days=10, users_per_cohort=200_000, base_rate=0.1, true_lift=0.05,
                                      novelty_lift=0.3, decay_days=2.0, random_state=0)
    assert sim["control"].shape == (10, 10)
    assert np.all(sim["control"][np.triu_indices(10, 1)] == 0)
    enrolled = sim["exposure"] >= 0
    expected = 0.1 * (1 + 0.05 + 0.3 * np.exp(-sim["exposure"][enrolled] / 2.0))
    observed = sim["treatment"][enrolled] / sim["users"][enrolled]
    assert np.abs(observed - expected).max() < 0.004
    assert abs(sim["control"][enrolled].sum() / sim["users"][enrolled].sum() - 0.1) < 0.001
    again = simulate_novelty_experiment(n_days=10, users_per_cohort=200_000, base_rate=0.1, true_lift=0.05,
                                        novelty_lift=0.3, decay_days=2.0, random_state=0)
    np.testing.assert_array_equal(sim["treatment"], again["treatment"])


def test_bad_input_raises():
    with pytest.raises(ValueError, match="margin must be a non-negative number"):
        non_inferiority_means([1.0, 2.0], [1.0, 3.0], margin=-1)
    with pytest.raises(ValueError, match="at least two values"):
        non_inferiority_means([1.0], [1.0, 3.0], margin=1)
    with pytest.raises(ValueError, match="alpha must be in"):
        non_inferiority_means([1.0, 2.0], [1.0, 3.0], margin=1, alpha=0.7)
    with pytest.raises(ValueError, match="need 0 <= k_treatment <= n_treatment"):
        non_inferiority_proportions(10, 100, 120, 100, margin=0.01)
    with pytest.raises(TypeError, match="must be ints"):
        non_inferiority_proportions(10.5, 100, 12, 100, margin=0.01)
    with pytest.raises(TypeError, match="NonInferiorityResult"):
        guardrail_decision(True, {"latency": 0.3})
    with pytest.raises(ValueError, match="decay_days must be positive"):
        simulate_novelty_experiment(decay_days=0)
    with pytest.raises(ValueError, match="must stay below 1"):
        simulate_novelty_experiment(base_rate=0.9, novelty_lift=0.5)
