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
        "cell": "posterior_positive",
        "what": "the result wrapped in float(): right for one prior, a TypeError for an array of priors",
        "patch": [("    return num / (num + false_positive_rate * (1 - prior))",
                   "    return float(num / (num + false_positive_rate * (1 - prior)))")],
        "fails": ["test_posterior_positive_hidden"],
        "error": "TypeError",
    },
    {
        "cell": "welch_t_test",
        "what": "the statistics handbook's formula: 2 * P(t >= T), above 1 for negative T",
        "patch": [("float(2 * stats.t.sf(abs(T), df))", "float(2 * stats.t.sf(T, df))")],
        "fails": ["test_welch_t_test", "test_welch_t_test_hidden"],
    },
    {
        "cell": "welch_t_test",
        "what": "p = 2 * P(t <= T), the lower tail: right for a negative T, above 1 for a positive one",
        "patch": [("float(2 * stats.t.sf(abs(T), df))", "float(2 * stats.t.cdf(T, df))")],
        "fails": ["test_welch_t_test_hidden"],
    },
    {
        "cell": "two_prop_z",
        "what": "unpooled standard error in the test instead of the pooled one",
        "patch": [("    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))",
                   "    z = (p1 - p2) / np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)")],
        "fails": ["test_two_prop_z", "test_two_prop_z_hidden"],
    },
    {
        "cell": "two_prop_z",
        "what": "pooled standard error in the interval too, as if p1 = p2 were known",
        "patch": [("np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)", "np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))")],
        "fails": ["test_two_prop_z", "test_two_prop_z_hidden"],
    },
    {
        "cell": "two_prop_z",
        "what": "the handbook's p-value 2 * P(Z >= z): above 1 when p1 < p2",
        "patch": [("2 * stats.norm.sf(abs(z))", "2 * stats.norm.sf(z)")],
        "fails": ["test_two_prop_z_hidden"],
    },
    {
        "cell": "mean_ci",
        "what": "the two-sided quantile t_(1+c)/2 instead of the one-sided t_c",
        "patch": [("stats.t.ppf(confidence, n - 1)", "stats.t.ppf((1 + confidence) / 2, n - 1)")],
        "fails": ["test_mean_ci", "test_mean_ci_hidden"],
    },
    {
        "cell": "mean_ci",
        "what": "the quantile for 95% written in, whatever the confidence",
        "patch": [("stats.t.ppf(confidence, n - 1)", "stats.t.ppf(0.95, n - 1)")],
        "fails": ["test_mean_ci_hidden"],
    },
    {
        "cell": "chi2_test",
        "what": "degrees of freedom size - 1 instead of (rows - 1)(columns - 1)",
        "patch": [("dof = (obs.shape[0] - 1) * (obs.shape[1] - 1)", "dof = obs.size - 1")],
        "fails": ["test_chi2_test", "test_chi2_test_hidden"],
    },
    {
        "cell": "chi2_test",
        "what": "degrees of freedom (rows - 1)^2: shape[0] written twice, right only for square tables",
        "patch": [("(obs.shape[0] - 1) * (obs.shape[1] - 1)", "(obs.shape[0] - 1) * (obs.shape[0] - 1)")],
        "fails": ["test_chi2_test_hidden"],
    },
    {
        "cell": "gaussian_mle",
        "what": "the Gaussian habit: the mean instead of the median for mu",
        "patch": [("mu = np.median(x)", "mu = x.mean()")],
        "fails": ["test_gaussian_mle", "test_gaussian_mle_hidden"],
    },
    {
        "cell": "gaussian_mle",
        "what": "mu = the value at index n // 2 of the sorted sample: the upper middle value when n is even",
        "patch": [("mu = np.median(x)", "mu = np.sort(x)[x.size // 2]")],
        "fails": ["test_gaussian_mle_hidden"],
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
    {
        "cell": "ols_standard_errors",
        "what": "residual variance over n - 2, the simple-regression count, whatever the number of features",
        "patch": [("sigma2 = resid @ resid / (n - p)", "sigma2 = resid @ resid / (n - 2)")],
        "fails": ["test_ols_standard_errors_hidden"],
    },
]
