"""Tests of helpers.information against SciPy, scikit-learn and pandas."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.metrics import mutual_info_score

from helpers.information import (
    bootstrap_percentile_ci,
    cross_entropy_pq,
    joint_from_counts,
    kl_divergence,
    mutual_information,
    mvn_conditional,
    mvn_logpdf,
    mvn_sample,
    shannon_entropy,
)


def random_distribution(rng, k):
    p = rng.random(k)
    return p / p.sum()


def test_joint_marginals_and_conditionals_match_pandas():
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 3, 500), rng.integers(0, 4, 500)
    out = joint_from_counts(pd.crosstab(a, b).to_numpy())
    np.testing.assert_allclose(out["joint"], pd.crosstab(a, b, normalize="all").to_numpy(), atol=1e-12)
    np.testing.assert_allclose(out["y_given_x"], pd.crosstab(a, b, normalize="index").to_numpy(), atol=1e-12)
    np.testing.assert_allclose(out["x_given_y"], pd.crosstab(a, b, normalize="columns").to_numpy(), atol=1e-12)
    np.testing.assert_allclose(out["px"], np.bincount(a) / 500)
    np.testing.assert_allclose(out["py"], np.bincount(b) / 500)


@pytest.mark.parametrize("k", [2, 5, 12])
def test_entropy_cross_entropy_and_kl_match_scipy(k):
    rng = np.random.default_rng(k)
    p, q = random_distribution(rng, k), random_distribution(rng, k)
    for base in (None, 2):
        assert shannon_entropy(p, base) == pytest.approx(stats.entropy(p, base=base), abs=1e-12)
        assert kl_divergence(p, q, base) == pytest.approx(stats.entropy(p, q, base=base), abs=1e-12)
        assert cross_entropy_pq(p, q, base) == pytest.approx(
            stats.entropy(p, base=base) + stats.entropy(p, q, base=base), abs=1e-12)
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-15)


def test_zero_probabilities():
    assert shannon_entropy([1.0, 0.0]) == 0.0
    assert kl_divergence([0.5, 0.5], [1.0, 0.0]) == np.inf
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert cross_entropy_pq([0.5, 0.5], [1.0, 0.0]) == np.inf


def test_mutual_information_matches_sklearn():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 4, 2000)
    b = (a + rng.integers(0, 2, 2000)) % 4
    table = pd.crosstab(a, b).to_numpy()
    assert mutual_information(table) == pytest.approx(mutual_info_score(a, b), abs=1e-12)
    assert mutual_information(np.outer([0.2, 0.8], [0.5, 0.3, 0.2])) == pytest.approx(0.0, abs=1e-12)


def test_mvn_logpdf_matches_scipy():
    rng = np.random.default_rng(2)
    d = 4
    A = rng.normal(size=(d, d))
    cov, mean = A @ A.T + 0.5 * np.eye(d), rng.normal(size=d)
    X = rng.normal(size=(50, d))
    ref = stats.multivariate_normal(mean, cov)
    np.testing.assert_allclose(mvn_logpdf(X, mean, cov), ref.logpdf(X), rtol=1e-10, atol=1e-10)
    assert mvn_logpdf(X[0], mean, cov) == pytest.approx(ref.logpdf(X[0]), rel=1e-10)


def test_mvn_sample_moments_and_seed():
    mean, cov = np.array([1.0, -2.0]), np.array([[2.0, 0.8], [0.8, 1.0]])
    S = mvn_sample(mean, cov, 200_000, random_state=0)
    np.testing.assert_allclose(S.mean(axis=0), mean, atol=0.02)
    np.testing.assert_allclose(np.cov(S.T), cov, atol=0.03)
    np.testing.assert_array_equal(mvn_sample(mean, cov, 3, random_state=1), mvn_sample(mean, cov, 3, random_state=1))


def test_mvn_conditional_matches_regression_on_samples():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(3, 3))
    cov, mean = A @ A.T + np.eye(3), np.array([0.5, -1.0, 2.0])
    m, C = mvn_conditional(mean, cov, [2], [3.0])
    # the conditional mean of a Gaussian is the population regression of x_a on x_b
    S = mvn_sample(mean, cov, 200_000, random_state=4)
    X = np.column_stack([np.ones(len(S)), S[:, 2]])
    coef = np.linalg.lstsq(X, S[:, :2], rcond=None)[0]
    np.testing.assert_allclose(coef[0] + coef[1] * 3.0, m, atol=0.02)
    resid = S[:, :2] - X @ coef
    np.testing.assert_allclose(np.cov(resid.T), C, rtol=0.02, atol=0.02)
    # independent coordinates: conditioning changes nothing
    m0, C0 = mvn_conditional([0.0, 1.0], np.diag([2.0, 3.0]), [0], [5.0])
    np.testing.assert_allclose(m0, [1.0])
    np.testing.assert_allclose(C0, [[3.0]])


def test_bootstrap_matches_scipy_percentile():
    rng = np.random.default_rng(5)
    x = rng.exponential(2.0, size=80)
    low, high = bootstrap_percentile_ci(x, np.mean, n_resamples=4000, random_state=0)
    ref = stats.bootstrap((x,), np.mean, n_resamples=4000, method="percentile", random_state=1).confidence_interval
    width = ref.high - ref.low
    assert abs(low - ref.low) < 0.1 * width and abs(high - ref.high) < 0.1 * width
    again = bootstrap_percentile_ci(x, np.median, random_state=2)
    assert bootstrap_percentile_ci(x, np.median, random_state=2) == again


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="p must be a probability vector that sums to 1"):
        shannon_entropy([0.5, 0.6])
    with pytest.raises(ValueError, match="q must be a probability vector: it has negative"):
        kl_divergence([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ValueError, match="p and q must have the same shape"):
        cross_entropy_pq([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ValueError, match="table must hold non-negative counts"):
        joint_from_counts([[1, -1], [2, 3]])
    with pytest.raises(ValueError, match="cov must be positive definite"):
        mvn_logpdf([0.0, 0.0], [0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(ValueError, match="cov must have shape"):
        mvn_sample([0.0, 0.0], np.eye(3), 5)
    with pytest.raises(ValueError, match="given must hold distinct indices"):
        mvn_conditional([0.0, 0.0], np.eye(2), [0, 1], [1.0, 2.0])
    with pytest.raises(TypeError, match="statistic must be a callable"):
        bootstrap_percentile_ci([1.0, 2.0, 3.0], "upper")
    with pytest.raises(ValueError, match="confidence must be in"):
        bootstrap_percentile_ci([1.0, 2.0, 3.0], confidence=1.5)
    with pytest.raises(ValueError, match="base must not be 1"):
        shannon_entropy([0.5, 0.5], base=1)
