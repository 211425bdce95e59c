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
    # poisoning: a wrong formula plus a patch of the library the hidden test used to compute its expected values
    # with while grading (after the student's code ran), so that the reference agreed with the mistake; the
    # frozen values of the hidden test catch it
    {
        "cell": "welch_t_test",
        "what": "p = 2 * P(t <= T), and scipy.stats.ttest_ind patched to return the same (T, p)",
        "patch": [("    return float(T), float(2 * stats.t.sf(abs(T), df))",
                   "    return float(T), float(2 * stats.t.cdf(T, df))\n\n\n"
                   "from types import SimpleNamespace\n\n\n"
                   "def _agree(x, y, **kwargs):\n"
                   "    T, p = welch_t_test(x, y)\n"
                   "    return SimpleNamespace(statistic=T, pvalue=p)\n\n\n"
                   "stats.ttest_ind = _agree")],
        "fails": ["test_welch_t_test_hidden"],
    },
    {
        "cell": "mean_ci",
        "what": "the 95% quantile whatever the confidence, and scipy.stats.t.interval patched to use it too",
        "patch": [("stats.t.ppf(confidence, n - 1)", "stats.t.ppf(0.95, n - 1)"),
                  ("    return float(x.mean() + half) if side == \"upper\" else float(x.mean() - half)",
                   "    return float(x.mean() + half) if side == \"upper\" else float(x.mean() - half)\n\n\n"
                   "def _agree(confidence, df, loc=0.0, scale=1.0):\n"
                   "    half = stats.t.ppf(0.95, df) * scale\n"
                   "    return loc - half, loc + half\n\n\n"
                   "stats.t.interval = _agree")],
        "fails": ["test_mean_ci_hidden"],
    },
    {
        "cell": "chi2_test",
        "what": "dof (rows - 1)^2, and scipy.stats.chi2_contingency patched to return the same result",
        "patch": [("(obs.shape[0] - 1) * (obs.shape[1] - 1)", "(obs.shape[0] - 1) * (obs.shape[0] - 1)"),
                  ("    return stat, float(stats.chi2.sf(stat, dof)), dof",
                   "    return stat, float(stats.chi2.sf(stat, dof)), dof\n\n\n"
                   "from types import SimpleNamespace\n\n\n"
                   "def _agree(table, correction=True, lambda_=None):\n"
                   "    stat, p, dof = chi2_test(table)\n"
                   "    return SimpleNamespace(statistic=stat, pvalue=p, dof=dof)\n\n\n"
                   "stats.chi2_contingency = _agree")],
        "fails": ["test_chi2_test_hidden"],
    },
    # the library functions each part re-implements: both tests of the part disable them
    {
        "cell": "posterior_positive",
        "what": "calls helpers.stats.bayes_posterior with specificity 1 - false_positive_rate",
        "patch": [("def posterior_positive(",
                   "from helpers.stats import bayes_posterior\n\n\ndef posterior_positive("),
                  ("    prior = np.asarray(prior, dtype=float)\n"
                   "    num = sensitivity * prior\n"
                   "    return num / (num + false_positive_rate * (1 - prior))",
                   "    return bayes_posterior(prior, sensitivity, 1 - false_positive_rate)")],
        "fails": ["test_posterior_positive", "test_posterior_positive_hidden"],
    },
    {
        "cell": "welch_t_test",
        "what": "calls scipy.stats.ttest_ind(a, b, equal_var=False)",
        "patch": [("    qa, qb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size\n"
                   "    T = (a.mean() - b.mean()) / np.sqrt(qa + qb)\n"
                   "    df = (qa + qb) ** 2 / (qa**2 / (a.size - 1) + qb**2 / (b.size - 1))\n"
                   "    return float(T), float(2 * stats.t.sf(abs(T), df))",
                   "    result = stats.ttest_ind(a, b, equal_var=False)\n"
                   "    return float(result.statistic), float(result.pvalue)")],
        "fails": ["test_welch_t_test", "test_welch_t_test_hidden"],
    },
    {
        "cell": "two_prop_z",
        "what": "calls statsmodels' proportions_ztest and confint_proportions_2indep",
        "patch": [("def two_prop_z(",
                   "from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest\n\n\n"
                   "def two_prop_z("),
                  ("    p1, p2 = k1 / n1, k2 / n2\n"
                   "    p = (k1 + k2) / (n1 + n2)\n"
                   "    z = (p1 - p2) / np.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))\n"
                   "    pval = 2 * stats.norm.sf(abs(z))\n"
                   "    half = stats.norm.ppf((1 + confidence) / 2) * np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)\n"
                   "    return float(z), float(pval), float(p1 - p2 - half), float(p1 - p2 + half)",
                   "    z, pval = proportions_ztest([k1, k2], [n1, n2])\n"
                   "    low, high = confint_proportions_2indep(k1, n1, k2, n2, method=\"wald\", alpha=1 - confidence)\n"
                   "    return float(z), float(pval), float(low), float(high)")],
        "fails": ["test_two_prop_z", "test_two_prop_z_hidden"],
    },
    {
        "cell": "mean_ci",
        "what": "an end of the frozen distribution's two-sided interval at level 2c - 1, stats.t(df, loc, scale).interval",
        "patch": [("    half = stats.t.ppf(confidence, n - 1) * x.std(ddof=1) / np.sqrt(n)\n"
                   "    return float(x.mean() + half) if side == \"upper\" else float(x.mean() - half)",
                   "    low, high = stats.t(n - 1, loc=x.mean(), scale=stats.sem(x)).interval(2 * confidence - 1)\n"
                   "    return float(high) if side == \"upper\" else float(low)")],
        "fails": ["test_mean_ci", "test_mean_ci_hidden"],
    },
    {
        "cell": "chi2_test",
        "what": "calls scipy.stats.chi2_contingency(table, correction=False)",
        "patch": [("    E = obs.sum(axis=1, keepdims=True) * obs.sum(axis=0, keepdims=True) / obs.sum()\n"
                   "    stat = float(np.sum((obs - E) ** 2 / E))\n"
                   "    dof = (obs.shape[0] - 1) * (obs.shape[1] - 1)\n"
                   "    return stat, float(stats.chi2.sf(stat, dof)), dof",
                   "    result = stats.chi2_contingency(obs, correction=False)\n"
                   "    return float(result.statistic), float(result.pvalue), int(result.dof)")],
        "fails": ["test_chi2_test", "test_chi2_test_hidden"],
    },
    {
        "cell": "gaussian_mle",
        "what": "calls scipy.stats.laplace.fit",
        "patch": [("    mu = np.median(x)\n    return float(mu), float(np.mean(np.abs(x - mu)))",
                   "    mu, b = stats.laplace.fit(x)\n    return float(mu), float(b)")],
        "fails": ["test_gaussian_mle", "test_gaussian_mle_hidden"],
    },
    {
        "cell": "ols_standard_errors",
        "what": "fits with statsmodels' OLS and returns its bse",
        "patch": [("def ols_standard_errors(", "import statsmodels.api as sm\n\n\ndef ols_standard_errors("),
                  ("    beta = np.linalg.solve(D.T @ D, D.T @ y)\n"
                   "    resid = y - D @ beta\n"
                   "    n, p = D.shape\n"
                   "    sigma2 = resid @ resid / (n - p)\n"
                   "    return np.sqrt(sigma2 * np.diag(np.linalg.inv(D.T @ D)))",
                   "    return np.asarray(sm.OLS(y, D).fit().bse)")],
        "fails": ["test_ols_standard_errors", "test_ols_standard_errors_hidden"],
    },
    {
        "cell": "ols_standard_errors",
        "what": "takes the standard errors from scipy.optimize.curve_fit's covariance of a linear model",
        "patch": [("def ols_standard_errors(", "from scipy.optimize import curve_fit\n\n\ndef ols_standard_errors("),
                  ("    beta = np.linalg.solve(D.T @ D, D.T @ y)\n"
                   "    resid = y - D @ beta\n"
                   "    n, p = D.shape\n"
                   "    sigma2 = resid @ resid / (n - p)\n"
                   "    return np.sqrt(sigma2 * np.diag(np.linalg.inv(D.T @ D)))",
                   "    _, cov = curve_fit(lambda M, *beta: M @ np.array(beta), D, y, p0=np.zeros(D.shape[1]))\n"
                   "    return np.sqrt(np.diag(cov))")],
        "fails": ["test_ols_standard_errors", "test_ols_standard_errors_hidden"],
    },
    # ---------------------------------------------------------------- part 8: Gaussian naive Bayes on the wines
    {
        "cell": "naive_bayes_posteriors",
        "what": "equal priors 1/K instead of the class frequencies (the visible classes are balanced)",
        "patch": [("        prior = len(rows) / len(X_train)", "        prior = 1 / len(classes)")],
        "fails": ["test_naive_bayes_posteriors_hidden"],
    },
    {
        "cell": "naive_bayes_posteriors",
        "what": "no epsilon added to the variances",
        "patch": [("        var = rows.var(axis=0) + eps", "        var = rows.var(axis=0)")],
        "fails": ["test_naive_bayes_posteriors_hidden"],
    },
    {
        "cell": "naive_bayes_posteriors",
        "what": "the sample variance (ddof=1) instead of the maximum-likelihood one",
        "patch": [("        var = rows.var(axis=0) + eps", "        var = rows.var(axis=0, ddof=1) + eps")],
        "fails": ["test_naive_bayes_posteriors", "test_naive_bayes_posteriors_hidden"],
    },
    {
        "cell": "naive_bayes_posteriors",
        "what": "the joint probabilities exponentiated directly: 0 / 0 = NaN far from every class",
        "patch": [("    log_joint -= log_joint.max(axis=1, keepdims=True)   # the largest becomes exp(0) = 1: no "
                   "underflow to 0/0\n", "")],
        "fails": ["test_naive_bayes_posteriors_far"],
    },
    {
        "cell": "naive_bayes_posteriors",
        "what": "the Gaussian's normalising term log(2 pi var) left out (it differs between classes)",
        "patch": [("np.sum(np.log(2 * np.pi * var) + (X_test - mean) ** 2 / var, axis=1)",
                   "np.sum((X_test - mean) ** 2 / var, axis=1)")],
        "fails": ["test_naive_bayes_posteriors_hidden"],
    },
    {
        "cell": "naive_bayes_posteriors",
        "what": "scikit-learn's GaussianNB (disabled in the tests)",
        "patch": [
            ("    classes = np.unique(y_train)\n",
             "    from sklearn.naive_bayes import GaussianNB\n"
             "    return GaussianNB().fit(X_train, y_train).predict_proba(X_test)\n"
             "    classes = np.unique(y_train)\n"),
        ],
        "fails": ["test_naive_bayes_posteriors", "test_naive_bayes_posteriors_hidden",
                  "test_naive_bayes_posteriors_far"],
    },
    {
        "cell": "bootstrap_ci",
        "what": "the basic interval not reflected: (2 estimate - low, 2 estimate - high), upside down",
        "patch": [("\"basic\": (float(2 * theta - high), float(2 * theta - low))",
                   "\"basic\": (float(2 * theta - low), float(2 * theta - high))")],
        "fails": ["test_bootstrap_ci", "test_bootstrap_ci_hidden", "test_bootstrap_ci_ties"],
    },
    {
        "cell": "bootstrap_ci",
        "what": "the 95% tails hard-coded (0.025 and 0.975) whatever the confidence asked for",
        "patch": [("tails = np.array([(1 - confidence) / 2, (1 + confidence) / 2])", "tails = np.array([0.025, 0.975])")],
        "fails": ["test_bootstrap_ci_hidden", "test_bootstrap_ci_ties"],
    },
    {
        "cell": "bootstrap_ci",
        "what": "the bootstrap standard error with ddof=0",
        "patch": [("\"se\": float(boot.std(ddof=1))", "\"se\": float(boot.std())")],
        "fails": ["test_bootstrap_ci", "test_bootstrap_ci_hidden"],
    },
    {
        "cell": "bootstrap_ci",
        "what": "z0 from the share of resamples strictly below the estimate (ties not counted half)",
        "patch": [("z0 = stats.norm.ppf((np.sum(boot < theta) + np.sum(boot <= theta)) / (2 * n_resamples))",
                   "z0 = stats.norm.ppf(np.mean(boot < theta))")],
        "fails": ["test_bootstrap_ci_ties"],
    },
    {
        "cell": "bootstrap_ci",
        "what": "no case for a flat jackknife: the acceleration is 0 / 0 = NaN and so is the BCa interval",
        "patch": [("a = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5) if np.any(d != 0) else 0.0",
                   "a = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)")],
        "fails": ["test_bootstrap_ci_ties"],
        "error": "ValueError",
    },
    {
        "cell": "bootstrap_ci",
        "what": "scipy.stats.bootstrap (disabled in the tests)",
        "patch": [("    x = np.asarray(x, dtype=float)\n    n = x.size\n",
                   "    x = np.asarray(x, dtype=float)\n    n = x.size\n"
                   "    res = {m: stats.bootstrap((x,), statistic, n_resamples=n_resamples, confidence_level=confidence,\n"
                   "                              method=m, rng=np.random.default_rng(seed)) for m in ('percentile', 'basic', 'BCa')}\n"
                   "    return {'estimate': float(statistic(x, axis=-1)), 'se': float(res['BCa'].standard_error),\n"
                   "            'percentile': tuple(res['percentile'].confidence_interval),\n"
                   "            'basic': tuple(res['basic'].confidence_interval), 'bca': tuple(res['BCa'].confidence_interval)}\n")],
        "fails": ["test_bootstrap_ci", "test_bootstrap_ci_hidden", "test_bootstrap_ci_ties"],
    },
    {
        "cell": "permutation_test",
        "what": "a one-sided p-value: counts null >= observed instead of |null| >= |observed|",
        "patch": [("extreme = np.sum(np.abs(null) >= np.abs(observed) - 1e-9)", "extreme = np.sum(null >= observed - 1e-9)")],
        "fails": ["test_permutation_test", "test_permutation_test_hidden", "test_holm_screen_hidden"],
    },
    {
        "cell": "permutation_test",
        "what": "the pooled values shuffled in place round after round (other draws than the specification's)",
        "patch": [("        shuffled = pooled[rng.permutation(pooled.size)]    # a random relabelling of the pooled values",
                   "        rng.shuffle(pooled)\n        shuffled = pooled")],
        "fails": ["test_permutation_test_hidden", "test_holm_screen_hidden"],
    },
    {
        "cell": "permutation_test",
        "what": "the data themselves not counted: p = extreme / n_permutations, which can be 0",
        "patch": [("float((extreme + 1) / (n_permutations + 1))", "float(extreme / n_permutations)")],
        "fails": ["test_permutation_test", "test_permutation_test_hidden", "test_holm_screen_hidden"],
    },
    {
        "cell": "permutation_test",
        "what": "Bonferroni (m p, capped at 1) instead of Holm's step-down correction",
        "patch": [("    p_holm = np.empty(m)\n    p_holm[order] = np.maximum.accumulate(stepped)",
                   "    p_holm = np.minimum(1.0, m * p)")],
        "fails": ["test_holm_screen_hidden"],
    },
    {
        "cell": "permutation_test",
        "what": "Holm without the running maximum: adjusted p-values can decrease along the sorted order",
        "patch": [("p_holm[order] = np.maximum.accumulate(stepped)", "p_holm[order] = stepped")],
        "fails": ["test_holm_screen_hidden"],
    },
    {
        "cell": "permutation_test",
        "what": "statsmodels' multipletests for the Holm correction (disabled in the tests)",
        "patch": [("    p_holm = np.empty(m)\n    p_holm[order] = np.maximum.accumulate(stepped)",
                   "    from statsmodels.stats.multitest import multipletests\n"
                   "    p_holm = multipletests(p, method=\"holm\")[1]")],
        "fails": ["test_permutation_test", "test_holm_screen_hidden"],
    },
    {
        "cell": "metropolis",
        "what": "only improvements accepted (hill climbing): the chain sticks at the mode",
        "patch": [("if log_u[t] < log_p_new - log_p:", "if log_p_new > log_p:")],
        "fails": ["test_metropolis", "test_metropolis_hidden", "test_posterior_mean_mcmc",
                  "test_posterior_mean_mcmc_hidden"],
    },
    {
        "cell": "metropolis",
        "what": "densities compared instead of logs: exp(-1800) underflows to 0, so 0 / 0 never accepts",
        "patch": [("if log_u[t] < log_p_new - log_p:",
                   "if np.exp(log_u[t]) < np.exp(log_p_new) / np.exp(log_p):")],
        "fails": ["test_metropolis_hidden"],
    },
    {
        "cell": "mcmc_diagnostics",
        "what": "autocorrelations summed up to the first negative one instead of Geyer's pair sums",
        "patch": [("    tau = -1.0\n"
                   "    for k in range(n // 2):\n"
                   "        pair = rho[2 * k] + rho[2 * k + 1]   # Gamma_k, positive for a reversible chain\n"
                   "        if pair <= 0:\n"
                   "            break\n"
                   "        tau += 2 * pair",
                   "    tau = 1.0\n"
                   "    for t in range(1, n):\n"
                   "        if rho[t] < 0:\n"
                   "            break\n"
                   "        tau += 2 * rho[t]")],
        "fails": ["test_ess_hidden"],
    },
    {
        "cell": "mcmc_diagnostics",
        "what": "statsmodels' acf for the autocorrelations (disabled in the tests)",
        "patch": [("    f = np.fft.rfft(centred, 2 * n)\n"
                   "    acov = np.fft.irfft(f * np.conj(f), 2 * n)[:n] / n\n"
                   "    rho = acov / acov[0]",
                   "    from statsmodels.tsa.stattools import acf\n"
                   "    rho = acf(centred, nlags=n - 1, fft=True)")],
        "fails": ["test_mcmc_diagnostics", "test_ess_hidden", "test_ess_constant", "test_posterior_mean_mcmc",
                  "test_posterior_mean_mcmc_hidden"],
    },
    {
        "cell": "mcmc_diagnostics",
        "what": "no special case for a constant chain: 0 / 0 autocorrelations give an ESS of nan",
        "patch": [("    if np.all(x == x[0]):\n"
                   "        return 1.0                            # a constant chain holds one draw's worth of information\n",
                   "")],
        "fails": ["test_ess_constant"],
    },
    {
        "cell": "mcmc_diagnostics",
        "what": "the chains not split: R-hat of the whole chains misses a drift inside each chain",
        "patch": [("halves = np.concatenate([chains[:, :half], chains[:, -half:]])",
                   "halves, half = chains, chains.shape[1]")],
        "fails": ["test_split_rhat_hidden"],
    },
    {
        "cell": "posterior_mean_mcmc",
        "what": "the prior left out of the log posterior: the likelihood alone",
        "patch": [(" - 0.5 * (m - prior_mean) ** 2 / prior_sd**2", "")],
        "fails": ["test_posterior_mean_mcmc_hidden"],
    },
    {
        "cell": "posterior_mean_mcmc",
        "what": "step size sigma, the data's spread, instead of sigma / sqrt(n): almost every proposal rejected",
        "patch": [("step = 2.4 * sigma / np.sqrt(x.size)", "step = 2.4 * sigma")],
        "fails": ["test_posterior_mean_mcmc", "test_posterior_mean_mcmc_hidden"],
    },
]
