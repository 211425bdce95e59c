"""Tests for helpers.stats against scipy.stats and statsmodels."""

import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from helpers.stats import (
    bayes_posterior,
    chi2_independence,
    mean_confidence_interval,
    normal_log_likelihood,
    normal_mle,
    ols_inference,
    proportion_confidence_interval,
    two_proportion_z_test,
    two_sample_t_test,
    two_sided_p_handbook,
)


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_bayes_posterior_base_rate():
    # 1% prevalence, 90% sensitivity, 95% specificity: most positives are false
    post = bayes_posterior(0.01, 0.9, 0.95)
    assert post == pytest.approx(0.009 / (0.009 + 0.0495))
    assert post < 0.16
    # by simulation
    rng = np.random.default_rng(1)
    sick = rng.random(400_000) < 0.01
    pos = np.where(sick, rng.random(sick.size) < 0.9, rng.random(sick.size) < 0.05)
    assert sick[pos].mean() == pytest.approx(post, abs=0.01)
    np.testing.assert_allclose(bayes_posterior([0.0, 1.0], 0.9, 0.95), [0.0, 1.0])
    with pytest.raises(ValueError, match="prior must be a probability"):
        bayes_posterior(1.5, 0.9, 0.9)


def test_mean_confidence_interval_matches_scipy(rng):
    x = rng.normal(3, 2, size=15)
    ref = stats.t.interval(0.9, df=14, loc=x.mean(), scale=stats.sem(x))
    np.testing.assert_allclose(mean_confidence_interval(x, 0.9), ref, rtol=1e-12)
    with pytest.raises(ValueError, match="at least 2"):
        mean_confidence_interval([1.0])
    with pytest.raises(ValueError, match="confidence"):
        mean_confidence_interval(x, 95)


def test_proportion_interval_matches_statsmodels():
    np.testing.assert_allclose(
        proportion_confidence_interval(37, 120, 0.95),
        proportion_confint(37, 120, alpha=0.05, method="normal"),
        rtol=1e-12,
    )
    with pytest.raises(ValueError, match="successes"):
        proportion_confidence_interval(5, 3)


@pytest.mark.parametrize("equal_var", [True, False])
@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
def test_two_sample_t_test_matches_scipy(rng, equal_var, alternative):
    a = rng.normal(0.0, 1.0, size=12)
    b = rng.normal(0.8, 2.0, size=20)  # mean(a) < mean(b): negative t
    t, p, df = two_sample_t_test(a, b, equal_var=equal_var, alternative=alternative)
    scipy_alt = {"two-sided": "two-sided", "larger": "greater", "smaller": "less"}[alternative]
    ref = stats.ttest_ind(a, b, equal_var=equal_var, alternative=scipy_alt)
    assert t < 0
    assert t == pytest.approx(ref.statistic, rel=1e-12)
    assert p == pytest.approx(ref.pvalue, rel=1e-10)
    assert df == pytest.approx(ref.df, rel=1e-12)


def test_handbook_p_value_exceeds_one_for_negative_t():
    assert two_sided_p_handbook(-2.0) == pytest.approx(2 * stats.norm.cdf(2.0))
    assert two_sided_p_handbook(-2.0) > 1
    assert two_sided_p_handbook(2.0) == pytest.approx(2 * stats.norm.sf(2.0))


def test_t_test_bad_input():
    with pytest.raises(ValueError, match="at least 2"):
        two_sample_t_test([1.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="alternative"):
        two_sample_t_test([1.0, 2.0], [1.0, 3.0], alternative="bigger")
    with pytest.raises(ValueError, match="a must be 1-D"):
        two_sample_t_test(np.ones((2, 2)), [1.0, 2.0])


@pytest.mark.parametrize("alternative", ["two-sided", "larger", "smaller"])
def test_two_proportion_z_test_matches_statsmodels(alternative):
    z, p = two_proportion_z_test(120, 1000, 151, 1050, alternative=alternative)
    zr, pr = proportions_ztest([120, 151], [1000, 1050], alternative=alternative)
    assert z == pytest.approx(zr, rel=1e-12)
    assert p == pytest.approx(pr, rel=1e-10)
    with pytest.raises(ValueError, match="k1"):
        two_proportion_z_test(5, 3, 1, 10)


def test_chi2_matches_scipy_and_z_squared(rng):
    table = np.array([[86, 5810], [83, 3920]])
    chi2, p, dof, E = chi2_independence(table)
    ref = stats.chi2_contingency(table, correction=False)
    assert chi2 == pytest.approx(ref.statistic, rel=1e-12)
    assert p == pytest.approx(ref.pvalue, rel=1e-10)
    assert dof == ref.dof == 1
    np.testing.assert_allclose(E, ref.expected_freq)
    np.testing.assert_allclose(E.sum(axis=0), table.sum(axis=0))
    z, _ = two_proportion_z_test(86, 5896, 83, 4003)
    assert chi2 == pytest.approx(z**2, rel=1e-10)
    t3 = rng.integers(5, 50, size=(3, 4))
    ref3 = stats.chi2_contingency(t3, correction=False)
    assert chi2_independence(t3)[0] == pytest.approx(ref3.statistic, rel=1e-12)
    assert chi2_independence(t3)[2] == 6
    with pytest.raises(ValueError, match="non-negative"):
        chi2_independence([[1, -1], [2, 3]])


def test_normal_mle_matches_scipy_fit(rng):
    x = rng.normal(1.5, 0.7, size=200)
    mu, s2 = normal_mle(x)
    loc, scale = stats.norm.fit(x)
    assert mu == pytest.approx(loc, rel=1e-12)
    assert s2 == pytest.approx(scale**2, rel=1e-10)
    ll = normal_log_likelihood(x, mu, s2)
    assert ll == pytest.approx(stats.norm.logpdf(x, mu, np.sqrt(s2)).sum(), rel=1e-12)
    # the MLE maximises the likelihood
    assert ll > normal_log_likelihood(x, mu + 0.01, s2)
    assert ll > normal_log_likelihood(x, mu, s2 * 1.02)
    with pytest.raises(ValueError, match="sigma2"):
        normal_log_likelihood(x, 0.0, 0.0)


def test_ols_inference_matches_statsmodels(rng):
    X = rng.normal(size=(60, 3))
    y = 1.0 + X @ np.array([0.5, 0.0, -1.0]) + rng.normal(size=60)
    out = ols_inference(X, y, confidence=0.9)
    ref = sm.OLS(y, sm.add_constant(X)).fit()
    np.testing.assert_allclose(out["coef"], ref.params, rtol=1e-10)
    np.testing.assert_allclose(out["se"], ref.bse, rtol=1e-10)
    np.testing.assert_allclose(out["t"], ref.tvalues, rtol=1e-10)
    np.testing.assert_allclose(out["p_value"], ref.pvalues, rtol=1e-8)
    np.testing.assert_allclose(out["ci"], ref.conf_int(alpha=0.1), rtol=1e-10)
    assert out["r2"] == pytest.approx(ref.rsquared, rel=1e-12)
    assert out["sigma2"] == pytest.approx(ref.scale, rel=1e-12)
    with pytest.raises(ValueError, match="more rows"):
        ols_inference(X[:3], y[:3])
