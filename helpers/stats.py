"""Probability and statistics for machine learning, written out with NumPy and SciPy distributions.

Used by the lecture notebook ``01c_probability`` and by ``08a_ml_in_practice`` (A/B testing). The test
statistics are computed from their formulas; only the distribution functions (``sf``, ``ppf``) come
from ``scipy.stats``. Each function is tested against ``scipy.stats`` or ``statsmodels``.

Functions
---------
bayes_posterior
    P(condition | positive test) from base rate, sensitivity and specificity.
mean_confidence_interval, proportion_confidence_interval
    Student-t interval for a mean; Wald (normal) interval for a proportion.
two_sample_t_test, two_proportion_z_test, chi2_independence
    Classical tests with two-sided or one-sided p-values.
two_sided_p_handbook
    The statistics handbook's two-sided p-value ``2 * P(Z >= T)``, wrong for negative T (kept for the
    "check the source" section).
normal_mle, normal_log_likelihood
    Maximum likelihood for a Gaussian sample.
ols_inference
    OLS coefficients with standard errors, t statistics, p-values and confidence intervals.
"""

from __future__ import annotations

import numpy as np
from scipy import stats as _st

from helpers.checks import check_array

__all__ = [
    "bayes_posterior",
    "chi2_independence",
    "mean_confidence_interval",
    "normal_log_likelihood",
    "normal_mle",
    "ols_inference",
    "proportion_confidence_interval",
    "two_proportion_z_test",
    "two_sample_t_test",
    "two_sided_p_handbook",
]

_ALTERNATIVES = ("two-sided", "larger", "smaller")


def _prob(p, name):
    p = np.asarray(check_array(p, name), dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError(f"{name} must be a probability in [0, 1], got {p}")
    return p


def _p_value(stat, sf, cdf, alternative):
    """p-value of a statistic under a symmetric null distribution."""
    if alternative == "two-sided":
        return np.minimum(1.0, 2 * sf(np.abs(stat)))
    if alternative == "larger":
        return sf(stat)
    if alternative == "smaller":
        return cdf(stat)
    raise ValueError(f"alternative must be one of {_ALTERNATIVES}, got {alternative!r}")


def bayes_posterior(prior, sensitivity, specificity):
    """Probability of the condition given a positive test, by Bayes' rule.

    ``P(D | +) = sens * prior / (sens * prior + (1 - spec) * (1 - prior))``

    Parameters
    ----------
    prior : float or array_like
        Base rate P(D).
    sensitivity : float or array_like
        P(+ | D), the true-positive rate.
    specificity : float or array_like
        P(- | not D), the true-negative rate.

    Returns
    -------
    float or ndarray (broadcast shape)
    """
    prior = _prob(prior, "prior")
    sens = _prob(sensitivity, "sensitivity")
    spec = _prob(specificity, "specificity")
    num = sens * prior
    den = num + (1 - spec) * (1 - prior)
    if np.any(den == 0):
        raise ValueError("a positive test is impossible with these rates (P(+) = 0)")
    out = num / den
    return float(out) if out.ndim == 0 else out


def mean_confidence_interval(x, confidence: float = 0.95):
    """Student-t confidence interval for the mean of a sample.

    ``mean -+ t_{(1+c)/2, n-1} * s / sqrt(n)`` with the sample standard deviation ``s`` (ddof = 1).

    Parameters
    ----------
    x : array_like of shape (n,), n >= 2
    confidence : float in (0, 1)

    Returns
    -------
    (low, high) : tuple of float
    """
    x = np.asarray(check_array(x, "x", ndim=1), dtype=float)
    if x.size < 2:
        raise ValueError(f"x needs at least 2 values, got {x.size}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    n = x.size
    se = x.std(ddof=1) / np.sqrt(n)
    q = _st.t.ppf((1 + confidence) / 2, df=n - 1)
    return float(x.mean() - q * se), float(x.mean() + q * se)


def proportion_confidence_interval(successes: int, n: int, confidence: float = 0.95):
    """Wald (normal-approximation) interval ``p -+ z sqrt(p (1 - p) / n)`` for a proportion."""
    if not 0 <= successes <= n or n <= 0:
        raise ValueError(f"need 0 <= successes <= n and n > 0, got successes={successes}, n={n}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    p = successes / n
    z = _st.norm.ppf((1 + confidence) / 2)
    half = z * np.sqrt(p * (1 - p) / n)
    return float(p - half), float(p + half)


def two_sample_t_test(a, b, *, equal_var: bool = True, alternative: str = "two-sided"):
    """Two-sample t-test of ``mean(a) - mean(b)``.

    Parameters
    ----------
    a, b : array_like of shape (n_a,), (n_b,)
    equal_var : bool
        True: pooled variance, ``n_a + n_b - 2`` degrees of freedom (Student). False: Welch's test with
        Welch-Satterthwaite degrees of freedom.
    alternative : {"two-sided", "larger", "smaller"}
        "larger" tests mean(a) > mean(b).

    Returns
    -------
    (t, p_value, df) : tuple of float
        ``t`` is negative when mean(a) < mean(b); the two-sided p-value uses ``|t|``.
    """
    a = np.asarray(check_array(a, "a", ndim=1), dtype=float)
    b = np.asarray(check_array(b, "b", ndim=1), dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError(f"each sample needs at least 2 values, got {a.size} and {b.size}")
    na, nb = a.size, b.size
    va, vb = a.var(ddof=1), b.var(ddof=1)
    if equal_var:
        df = na + nb - 2
        sp2 = ((na - 1) * va + (nb - 1) * vb) / df
        se = np.sqrt(sp2 * (1 / na + 1 / nb))
    else:
        qa, qb = va / na, vb / nb
        se = np.sqrt(qa + qb)
        df = (qa + qb) ** 2 / (qa**2 / (na - 1) + qb**2 / (nb - 1))
    t = (a.mean() - b.mean()) / se
    p = _p_value(t, lambda s: _st.t.sf(s, df), lambda s: _st.t.cdf(s, df), alternative)
    return float(t), float(p), float(df)


def two_sided_p_handbook(T):
    """The statistics handbook's two-sided p-value, ``2 * P(Z >= T)`` (correct only for T >= 0).

    For a negative statistic it exceeds 1, which no probability can. The correct value is
    ``2 * P(Z >= |T|)``.
    """
    return 2 * _st.norm.sf(T)


def two_proportion_z_test(k1: int, n1: int, k2: int, n2: int, *, alternative: str = "two-sided"):
    """Two-proportion z-test of ``p1 - p2`` with the pooled standard error.

    ``z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))`` with ``p = (k1 + k2) / (n1 + n2)``, the same
    statistic as ``statsmodels.stats.proportion.proportions_ztest``.

    Returns
    -------
    (z, p_value) : tuple of float
    """
    for name, k, n in (("1", k1, n1), ("2", k2, n2)):
        if not 0 <= k <= n or n <= 0:
            raise ValueError(f"need 0 <= k{name} <= n{name} and n{name} > 0, got k={k}, n={n}")
    p = (k1 + k2) / (n1 + n2)
    se = np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    if se == 0:
        raise ValueError("both groups are all successes or all failures: the z statistic is undefined")
    z = (k1 / n1 - k2 / n2) / se
    return float(z), float(_p_value(z, _st.norm.sf, _st.norm.cdf, alternative))


def chi2_independence(table):
    """Pearson's chi-squared test of independence for a contingency table (no continuity correction).

    Parameters
    ----------
    table : array_like of shape (r, c), non-negative counts, r, c >= 2

    Returns
    -------
    (chi2, p_value, dof, expected) : (float, float, int, ndarray of shape (r, c))
        ``expected = row_totals * col_totals / total`` (it has the same margins as ``table``);
        ``dof = (r - 1) (c - 1)``.
    """
    obs = np.asarray(check_array(table, "table", ndim=2), dtype=float)
    if min(obs.shape) < 2:
        raise ValueError(f"table needs at least 2 rows and 2 columns, got shape {obs.shape}")
    if np.any(obs < 0):
        raise ValueError("table must hold non-negative counts")
    E = obs.sum(axis=1, keepdims=True) * obs.sum(axis=0, keepdims=True) / obs.sum()
    if np.any(E == 0):
        raise ValueError("a row or column of the table is all zeros")
    chi2 = float(np.sum((obs - E) ** 2 / E))
    dof = (obs.shape[0] - 1) * (obs.shape[1] - 1)
    return chi2, float(_st.chi2.sf(chi2, dof)), dof, E


def normal_mle(x):
    """Maximum-likelihood estimates ``(mu, sigma2)`` of a Gaussian: the mean and the 1/n variance.

    The MLE of the variance divides by n (biased); the unbiased estimator divides by n - 1.
    """
    x = np.asarray(check_array(x, "x", ndim=1), dtype=float)
    if x.size < 1:
        raise ValueError("x is empty")
    mu = x.mean()
    return float(mu), float(np.mean((x - mu) ** 2))


def normal_log_likelihood(x, mu: float, sigma2: float) -> float:
    """Log-likelihood ``sum_i log N(x_i | mu, sigma2)`` of a sample."""
    x = np.asarray(check_array(x, "x", ndim=1), dtype=float)
    if not sigma2 > 0:
        raise ValueError(f"sigma2 must be positive, got {sigma2}")
    return float(-0.5 * x.size * np.log(2 * np.pi * sigma2) - np.sum((x - mu) ** 2) / (2 * sigma2))


def ols_inference(X, y, *, confidence: float = 0.95, add_intercept: bool = True) -> dict:
    """Ordinary least squares with classical (homoscedastic) inference.

    Parameters
    ----------
    X : array_like of shape (m, n)
    y : array_like of shape (m,)
    confidence : float
        Level of the coefficient intervals.
    add_intercept : bool
        Prepend a column of ones (the intercept is then ``coef[0]``).

    Returns
    -------
    dict with
        ``coef`` (p,), ``se`` (p,), ``t`` (p,), ``p_value`` (p,), ``ci`` (p, 2), ``sigma2`` (float,
        RSS / (m - p)), ``r2`` (float), ``df_resid`` (int); p = n (+ 1 with the intercept).
    """
    X = np.asarray(check_array(X, "X", ndim=2), dtype=float)
    y = np.asarray(check_array(y, "y", ndim=1), dtype=float)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"y must have one entry per row of X: X {X.shape}, y {y.shape}")
    D = np.column_stack([np.ones(len(X)), X]) if add_intercept else X
    m, p = D.shape
    if m <= p:
        raise ValueError(f"need more rows than coefficients, got {m} rows and {p} coefficients")
    coef, *_ = np.linalg.lstsq(D, y, rcond=None)
    resid = y - D @ coef
    df = m - p
    sigma2 = float(resid @ resid / df)
    cov = sigma2 * np.linalg.inv(D.T @ D)
    se = np.sqrt(np.diag(cov))
    t = coef / se
    pval = 2 * _st.t.sf(np.abs(t), df)
    q = _st.t.ppf((1 + confidence) / 2, df)
    tss = np.sum((y - y.mean()) ** 2)
    return {
        "coef": coef,
        "se": se,
        "t": t,
        "p_value": pval,
        "ci": np.column_stack([coef - q * se, coef + q * se]),
        "sigma2": sigma2,
        "r2": float(1 - resid @ resid / tss),
        "df_resid": int(df),
    }
