"""Plausible student mistakes for the 01c_probability assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        "cell": "posterior_positive",
        "source": '''
def posterior_positive(prior, sensitivity, false_positive_rate):
    """P(D | +) by Bayes' rule; works elementwise on arrays."""
    prior = np.asarray(prior, dtype=float)
    return sensitivity * prior / (sensitivity * prior + false_positive_rate)
''',
        "fails": ["test_posterior_positive", "test_posterior_positive_hidden"],
    },
    {
        # the statistics handbook's formula: 2 * P(t >= T), above 1 for negative T
        "cell": "welch_t_test",
        "source": '''
def welch_t_test(a, b):
    """Welch's t statistic and two-sided p-value for mean(a) - mean(b)."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    qa, qb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    T = (a.mean() - b.mean()) / np.sqrt(qa + qb)
    df = (qa + qb) ** 2 / (qa**2 / (a.size - 1) + qb**2 / (b.size - 1))
    return float(T), float(2 * stats.t.sf(T, df))
''',
        "fails": ["test_welch_t_test", "test_welch_t_test_hidden"],
    },
    {
        "cell": "two_prop_z",
        "source": '''
def two_prop_z(k1, n1, k2, n2):
    """Pooled two-proportion z statistic and two-sided p-value for p1 - p2."""
    p1, p2 = k1 / n1, k2 / n2
    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    z = (p1 - p2) / se
    return float(z), float(2 * stats.norm.sf(abs(z)))
''',
        "fails": ["test_two_prop_z", "test_two_prop_z_hidden"],
    },
    {
        "cell": "mean_ci",
        "source": '''
def mean_ci(x, confidence=0.95):
    """Student-t confidence interval (low, high) for the mean of the sample x."""
    x = np.asarray(x, dtype=float)
    half = stats.norm.ppf((1 + confidence) / 2) * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean() - half), float(x.mean() + half)
''',
        "fails": ["test_mean_ci", "test_mean_ci_hidden"],
    },
    {
        "cell": "chi2_test",
        "source": '''
def chi2_test(table):
    """Pearson chi-squared test of independence: (statistic, p-value, dof)."""
    obs = np.asarray(table, dtype=float)
    E = obs.sum(axis=1, keepdims=True) * obs.sum(axis=0, keepdims=True) / obs.sum()
    stat = float(np.sum((obs - E) ** 2 / E))
    dof = obs.size - 1
    return stat, float(stats.chi2.sf(stat, dof)), dof
''',
        "fails": ["test_chi2_test", "test_chi2_test_hidden"],
    },
    {
        "cell": "gaussian_mle",
        "source": '''
def gaussian_mle(x):
    """Maximum-likelihood (mu, sigma2) of a Gaussian sample."""
    x = np.asarray(x, dtype=float)
    return float(x.mean()), float(x.var(ddof=1))
''',
        "fails": ["test_gaussian_mle", "test_gaussian_mle_hidden"],
    },
    {
        "cell": "ols_standard_errors",
        "source": '''
def ols_standard_errors(X, y):
    """Classical standard errors of the OLS coefficients [intercept, slopes...]."""
    X = np.asarray(X, dtype=float)
    D = np.column_stack([np.ones(len(X)), X])
    beta = np.linalg.solve(D.T @ D, D.T @ y)
    resid = y - D @ beta
    sigma2 = resid @ resid / len(y)
    return np.sqrt(sigma2 * np.diag(np.linalg.inv(D.T @ D)))
''',
        "fails": ["test_ols_standard_errors", "test_ols_standard_errors_hidden"],
    },
]
