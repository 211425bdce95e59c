"""Plausible student mistakes for the 01c_probability assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "posterior_positive",
        "what": "false positives not weighted by 1 - prior",
        "patch": [
            ("    num = sensitivity * prior\n"
             "    return num / (num + false_positive_rate * (1 - prior))",
             "    return sensitivity * prior / (sensitivity * prior + false_positive_rate)"),
        ],
        "fails": ["test_posterior_positive", "test_posterior_positive_hidden"],
    },
    {
        "cell": "welch_t_test",
        "what": "the statistics handbook's formula: 2 * P(t >= T), above 1 for negative T",
        "patch": [("float(2 * stats.t.sf(abs(T), df))", "float(2 * stats.t.sf(T, df))")],
        "fails": ["test_welch_t_test", "test_welch_t_test_hidden"],
    },
    {
        "cell": "two_prop_z",
        "what": "unpooled standard error instead of the pooled one",
        "patch": [
            ("    p = (k1 + k2) / (n1 + n2)\n"
             "    se = np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))\n"
             "    z = (k1 / n1 - k2 / n2) / se",
             "    p1, p2 = k1 / n1, k2 / n2\n"
             "    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)\n"
             "    z = (p1 - p2) / se"),
        ],
        "fails": ["test_two_prop_z", "test_two_prop_z_hidden"],
    },
    {
        "cell": "mean_ci",
        "what": "normal quantile instead of Student's t with n - 1 degrees of freedom",
        "patch": [
            ("    n = x.size\n"
             "    half = stats.t.ppf((1 + confidence) / 2, n - 1) * x.std(ddof=1) / np.sqrt(n)",
             "    half = stats.norm.ppf((1 + confidence) / 2) * x.std(ddof=1) / np.sqrt(x.size)"),
        ],
        "fails": ["test_mean_ci", "test_mean_ci_hidden"],
    },
    {
        "cell": "chi2_test",
        "what": "degrees of freedom size - 1 instead of (rows - 1)(columns - 1)",
        "patch": [("dof = (obs.shape[0] - 1) * (obs.shape[1] - 1)", "dof = obs.size - 1")],
        "fails": ["test_chi2_test", "test_chi2_test_hidden"],
    },
    {
        "cell": "gaussian_mle",
        "what": "unbiased variance (ddof=1) instead of the maximum-likelihood one",
        "patch": [
            ("    mu = x.mean()\n"
             "    return float(mu), float(np.mean((x - mu) ** 2))",
             "    return float(x.mean()), float(x.var(ddof=1))"),
        ],
        "fails": ["test_gaussian_mle", "test_gaussian_mle_hidden"],
    },
    {
        "cell": "ols_standard_errors",
        "what": "residual variance divided by n instead of n - p",
        "patch": [
            ("    n, p = D.shape\n"
             "    sigma2 = resid @ resid / (n - p)",
             "    sigma2 = resid @ resid / len(y)"),
        ],
        "fails": ["test_ols_standard_errors", "test_ols_standard_errors_hidden"],
    },
]
