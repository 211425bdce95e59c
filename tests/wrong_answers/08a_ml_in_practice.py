"""Plausible student mistakes for the 08a_ml_in_practice assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "sample_size",
        "what": "one-sided quantile z(1 - alpha) instead of z(1 - alpha/2)",
        "patch": [("stats.norm.ppf(1 - alpha / 2)", "stats.norm.ppf(1 - alpha)")],
        "fails": ["test_sample_size", "test_sample_size_hidden"],
    },
    {
        "cell": "sample_size",
        "what": "the lecture's unweighted pooled rate (p1 + p2) / 2, although the groups differ in size",
        "patch": [("pbar = (p1 + ratio * p2) / (1 + ratio)", "pbar = (p1 + p2) / 2")],
        "fails": ["test_sample_size", "test_sample_size_hidden"],
    },
    {
        "cell": "sample_size",
        "what": "the lecture's design constants: z(0.975) and z(0.8) whatever alpha and power are",
        "patch": [("stats.norm.ppf(1 - alpha / 2)", "stats.norm.ppf(0.975)"),
                  ("stats.norm.ppf(power)", "stats.norm.ppf(0.8)")],
        "fails": ["test_sample_size_hidden"],
    },
    {
        "cell": "power_2p",
        "what": "the lecture's formula: only the rejection region in the direction of the effect",
        "patch": [(" + stats.norm.cdf((-d - za * s0) / s1))", ")")],
        "fails": ["test_power_2p", "test_power_2p_hidden"],
    },
    {
        "cell": "power_2p",
        "what": "critical value of the 5% test hard-coded: alpha ignored",
        "patch": [("stats.norm.ppf(1 - alpha / 2)", "stats.norm.ppf(0.975)")],
        "fails": ["test_power_2p_hidden"],
    },
    {
        "cell": "bh_reject",
        "what": "step-down instead of step-up: stops at the first p-value above its threshold",
        "patch": [
            ("    ok = p[order] <= alpha * np.arange(1, m + 1) / m\n", ""),
            ("    if ok.any():\n"
             "        last = np.max(np.flatnonzero(ok))\n"
             "        reject[order[: last + 1]] = True",
             "    for i, idx in enumerate(order, start=1):\n"
             "        if p[idx] > alpha * i / m:\n"
             "            break\n"
             "        reject[idx] = True"),
        ],
        "fails": ["test_bh_reject", "test_bh_reject_hidden"],
    },
    {
        "cell": "bh_reject",
        "what": "flags the first k positions of the input instead of the k smallest p-values (sorted order kept)",
        "patch": [("reject[order[: last + 1]] = True", "reject[: last + 1] = True")],
        "fails": ["test_bh_reject_hidden"],
    },
    {
        "cell": "bh_adjust",
        "what": "no running minimum from the largest p-value down: adjusted p-values not monotone",
        "patch": [
            ("    scaled = p[order] * m / np.arange(1, m + 1)\n"
             "    adj = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])\n",
             ""),
            ("out[order] = adj", "out[order] = np.minimum(1.0, p[order] * m / np.arange(1, m + 1))"),
        ],
        "fails": ["test_bh_adjust", "test_bh_adjust_hidden"],
    },
    {
        "cell": "bh_adjust",
        "what": "applies the sorting permutation again instead of its inverse: adj[order] back in input order",
        "patch": [("    out = np.empty(m)\n    out[order] = adj\n", "    out = adj[order]\n")],
        "fails": ["test_bh_adjust_hidden"],
    },
    {
        "cell": "diff_ci",
        "what": "the statistics handbook's interval: the pooled standard error of the test",
        "patch": [
            ("    se = np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)",
             "    pp = (k1 + k2) / (n1 + n2)\n"
             "    se = np.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))"),
        ],
        "fails": ["test_diff_ci", "test_diff_ci_hidden"],
    },
    {
        "cell": "diff_ci",
        "what": "copy-paste slip: both variances divided by n1, unnoticed when the groups are equal in size",
        "patch": [("p2 * (1 - p2) / n2)", "p2 * (1 - p2) / n1)")],
        "fails": ["test_diff_ci_hidden"],
    },
    {
        "cell": "peeking_fpr",
        "what": "only positive z counts as a rejection: the two-sided test made one-sided",
        "patch": [("hit = np.abs(np.asarray(z)) > crit", "hit = np.asarray(z) > crit")],
        "fails": ["test_peeking_fpr", "test_peeking_fpr_hidden"],
    },
    {
        "cell": "peeking_fpr",
        "what": "critical value of the 5% test hard-coded at 1.96: alpha ignored",
        "patch": [("crit = stats.norm.ppf(1 - alpha / 2)", "crit = 1.96")],
        "fails": ["test_peeking_fpr_hidden"],
    },
    {
        "cell": "prob_b_better",
        "what": "min_lift taken as an absolute difference: P(p_B > p_A + min_lift)",
        "patch": [("post_a.cdf(x / (1 + min_lift))", "post_a.cdf(x - min_lift)")],
        "fails": ["test_prob_b_better", "test_prob_b_better_hidden"],
    },
    {
        "cell": "prob_b_better",
        "what": "a 201-point grid on [0, 1]: fine for a few hundred users, too coarse for 10,000",
        "patch": [
            ("    lo, hi = post_b.ppf(1e-12), post_b.isf(1e-12)\n"
             "    val, _ = integrate.quad(lambda x: post_b.pdf(x) * post_a.cdf(x / (1 + min_lift)), lo, hi, limit=200)",
             "    x = np.linspace(0, 1, 201)\n"
             "    val = np.trapezoid(post_b.pdf(x) * post_a.cdf(x / (1 + min_lift)), x)"),
        ],
        "fails": ["test_prob_b_better_hidden"],
    },
    {
        "cell": "pick_run",
        "what": "forgets the status filter: the FAILED run with the highest score wins",
        "patch": [('ok = (runs["status"] == "FINISHED") & runs[column].notna()', "ok = runs[column].notna()")],
        "fails": ["test_pick_run", "test_pick_run_hidden"],
    },
    {
        "cell": "pick_run",
        "what": "strict inequality: a run that used exactly the budget is excluded",
        "patch": [('runs["metrics.train_seconds"] <= budget_s', 'runs["metrics.train_seconds"] < budget_s')],
        "fails": ["test_pick_run", "test_pick_run_hidden"],
        "error": "ValueError",  # the hidden case's only qualifying run is excluded: the function's own error
    },
    {
        "cell": "pick_run",
        "what": "drops only FAILED runs (status != 'FAILED'): a KILLED run still qualifies",
        "patch": [('runs["status"] == "FINISHED"', 'runs["status"] != "FAILED"')],
        "fails": ["test_pick_run_hidden"],
    },
    {
        "cell": "log_run",
        "what": "epochs counted from 1 instead of 0",
        "patch": [("for step, value in enumerate(values):", "for step, value in enumerate(values, start=1):")],
        "fails": ["test_log_run", "test_log_run_hidden"],
    },
    {
        "cell": "log_run",
        "what": "fluent API: points the global tracking URI at the store and leaves it there",
        "patch": [
            ("    client = mlflow.MlflowClient(tracking_uri)\n"
             "    run = client.create_run(experiment_id, run_name=run_name)\n"
             "    run_id = run.info.run_id\n"
             "    for key, value in params.items():\n"
             "        client.log_param(run_id, key, value)\n"
             "    for key, values in history.items():\n"
             "        for step, value in enumerate(values):\n"
             "            client.log_metric(run_id, key, float(value), step=step)\n"
             '    client.log_dict(run_id, history, "history.json")\n'
             '    client.set_terminated(run_id, "FINISHED")\n'
             "    return run_id",
             "    mlflow.set_tracking_uri(tracking_uri)\n"
             "    with mlflow.start_run(experiment_id=experiment_id, run_name=run_name) as run:\n"
             "        mlflow.log_params(params)\n"
             "        for key, values in history.items():\n"
             "            for step, value in enumerate(values):\n"
             "                mlflow.log_metric(key, float(value), step=step)\n"
             '        mlflow.log_dict(history, "history.json")\n'
             "    return run.info.run_id"),
        ],
        "fails": ["test_log_run", "test_log_run_hidden"],
    },
    {
        "cell": "log_run",
        "what": "run_name not passed to create_run: the run gets MLflow's random name",
        "patch": [("client.create_run(experiment_id, run_name=run_name)", "client.create_run(experiment_id)")],
        "fails": ["test_log_run_hidden"],
    },
    # ---- answers that call a library function the part forbids (the visible test switches it off too)
    {
        "cell": "sample_size",
        "what": "statsmodels' samplesize_proportions_2indep_onetail (switched off by the tests, the visible one too)",
        "patch": [
            ("    za = stats.norm.ppf(1 - alpha / 2)\n"
             "    zb = stats.norm.ppf(power)\n"
             "    pbar = (p1 + ratio * p2) / (1 + ratio)\n"
             "    s0 = np.sqrt(pbar * (1 - pbar) * (1 + 1 / ratio))  # sigma_0 * sqrt(n_a)\n"
             "    s1 = np.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / ratio)  # sigma_1 * sqrt(n_a)\n"
             "    n_a = ((za * s0 + zb * s1) / (p1 - p2)) ** 2\n",
             "    from statsmodels.stats.proportion import samplesize_proportions_2indep_onetail\n"
             "    n_a = samplesize_proportions_2indep_onetail(p2 - p1, p1, power, ratio=ratio, alpha=alpha)\n"),
        ],
        "fails": ["test_sample_size", "test_sample_size_hidden"],
    },
    {
        "cell": "power_2p",
        "what": "statsmodels' power_proportions_2indep (switched off by the tests, the visible one too)",
        "patch": [
            ("    return float(stats.norm.cdf((d - za * s0) / s1) + stats.norm.cdf((-d - za * s0) / s1))",
             "    from statsmodels.stats.proportion import power_proportions_2indep\n"
             "    return float(power_proportions_2indep(p1 - p2, p2, n1, ratio=n2 / n1, alpha=alpha).power)"),
        ],
        "fails": ["test_power_2p", "test_power_2p_hidden"],
    },
    {
        "cell": "bh_reject",
        "what": "scipy.stats.false_discovery_control's adjusted p-values <= alpha (switched off by the tests)",
        "patch": [
            ("    m = p.size\n"
             "    order = np.argsort(p)\n"
             "    ok = p[order] <= alpha * np.arange(1, m + 1) / m\n"
             "    reject = np.zeros(m, dtype=bool)\n"
             "    if ok.any():\n"
             "        last = np.max(np.flatnonzero(ok))\n"
             "        reject[order[: last + 1]] = True\n"
             "    return reject",
             "    from scipy.stats import false_discovery_control\n"
             "    return false_discovery_control(p) <= alpha"),
        ],
        "fails": ["test_bh_reject", "test_bh_reject_hidden"],
    },
    {
        "cell": "bh_adjust",
        "what": "statsmodels' multipletests(method='fdr_bh') (switched off by the tests, the visible one too)",
        "patch": [
            ("    m = p.size\n"
             "    order = np.argsort(p)\n"
             "    scaled = p[order] * m / np.arange(1, m + 1)\n"
             "    adj = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])\n"
             "    out = np.empty(m)\n"
             "    out[order] = adj\n"
             "    return out",
             "    from statsmodels.stats.multitest import multipletests\n"
             "    return multipletests(p, method=\"fdr_bh\")[1]"),
        ],
        "fails": ["test_bh_adjust", "test_bh_adjust_hidden"],
    },
    {
        "cell": "diff_ci",
        "what": "statsmodels' confint_proportions_2indep(method='wald') (switched off by the tests)",
        "patch": [
            ("    return float(p1 - p2 - z * se), float(p1 - p2 + z * se)",
             "    from statsmodels.stats.proportion import confint_proportions_2indep\n"
             "    low, high = confint_proportions_2indep(k1, n1, k2, n2, method=\"wald\", alpha=1 - confidence)\n"
             "    return float(low), float(high)"),
        ],
        "fails": ["test_diff_ci", "test_diff_ci_hidden"],
    },
    {
        "cell": "peeking_fpr",
        "what": "the lecture's helpers.practice.simulate_peeking, which simulates its own z (switched off by the tests)",
        "patch": [
            ("    crit = stats.norm.ppf(1 - alpha / 2)\n"
             "    hit = np.abs(np.asarray(z)) > crit\n"
             "    return float(hit[:, -1].mean()), float(hit.any(axis=1).mean())",
             "    from helpers.practice import simulate_peeking\n"
             "    sim = simulate_peeking(n_looks=np.shape(z)[1], n_sims=np.shape(z)[0], alpha=alpha)\n"
             "    return sim[\"fpr_fixed\"], sim[\"fpr_peeking\"]"),
        ],
        "fails": ["test_peeking_fpr", "test_peeking_fpr_hidden"],
    },
    {
        "cell": "prob_b_better",
        "what": "the lecture's helpers.practice.beta_posterior_prob_better, min_lift ignored (switched off by the tests)",
        "patch": [
            ("    from scipy import integrate\n"
             "\n"
             "    post_a = stats.beta(1 + k_a, 1 + n_a - k_a)\n"
             "    post_b = stats.beta(1 + k_b, 1 + n_b - k_b)\n"
             "    # integrate over x = p_B where its posterior has mass: P(p_A < x / (1 + min_lift)) weighted by f_B(x)\n"
             "    lo, hi = post_b.ppf(1e-12), post_b.isf(1e-12)\n"
             "    val, _ = integrate.quad(lambda x: post_b.pdf(x) * post_a.cdf(x / (1 + min_lift)), lo, hi, limit=200)\n"
             "    return float(val)",
             "    from helpers.practice import beta_posterior_prob_better\n"
             "    return beta_posterior_prob_better(k_a, n_a, k_b, n_b)"),
        ],
        "fails": ["test_prob_b_better", "test_prob_b_better_hidden"],
    },
    {
        "cell": "log_run",
        "what": "the lecture's helpers.practice.log_training_run (switched off by the tests, the visible one too)",
        "patch": [
            ("    client = mlflow.MlflowClient(tracking_uri)\n"
             "    run = client.create_run(experiment_id, run_name=run_name)\n"
             "    run_id = run.info.run_id\n"
             "    for key, value in params.items():\n"
             "        client.log_param(run_id, key, value)\n"
             "    for key, values in history.items():\n"
             "        for step, value in enumerate(values):\n"
             "            client.log_metric(run_id, key, float(value), step=step)\n"
             '    client.log_dict(run_id, history, "history.json")\n'
             '    client.set_terminated(run_id, "FINISHED")\n'
             "    return run_id",
             "    from helpers.practice import log_training_run\n"
             "    mlflow.set_tracking_uri(tracking_uri)\n"
             "    return log_training_run(params, history, experiment_id=experiment_id, run_name=run_name)"),
        ],
        "fails": ["test_log_run", "test_log_run_hidden"],
    },
    # ---- poisoning: a wrong answer plus a patch of the library the old hidden test computed its expected
    # value with, so that the old test (before the expected values were frozen or NumPy) gave full marks
    {
        "cell": "sample_size",
        "what": "poisoning: z rounded to two decimals (a printed table) and stats.norm.ppf patched to round too",
        "patch": [
            ("    za = stats.norm.ppf(1 - alpha / 2)\n    zb = stats.norm.ppf(power)\n",
             "    za = round(float(_exact_ppf(1 - alpha / 2)), 2)\n    zb = round(float(_exact_ppf(power)), 2)\n"),
            ("    return int(np.ceil(n_a)), int(np.ceil(ratio * n_a))",
             "    return int(np.ceil(n_a)), int(np.ceil(ratio * n_a))\n"
             "\n"
             "\n"
             "_exact_ppf = stats.norm.ppf\n"
             "stats.norm.ppf = lambda q, *args, **kwargs: np.round(_exact_ppf(q, *args, **kwargs), 2)"),
        ],
        "fails": ["test_sample_size", "test_sample_size_hidden"],
    },
    {
        "cell": "power_2p",
        "what": "poisoning: one-sided critical value z(1 - alpha), and stats.norm.isf patched to give it for alpha / 2",
        "patch": [
            ("za = stats.norm.ppf(1 - alpha / 2)", "za = stats.norm.ppf(1 - alpha)"),
            ("    return float(stats.norm.cdf((d - za * s0) / s1) + stats.norm.cdf((-d - za * s0) / s1))",
             "    return float(stats.norm.cdf((d - za * s0) / s1) + stats.norm.cdf((-d - za * s0) / s1))\n"
             "\n"
             "\n"
             "_exact_isf = stats.norm.isf\n"
             "stats.norm.isf = lambda q, *args, **kwargs: _exact_isf(2 * np.asarray(q), *args, **kwargs)"),
        ],
        "fails": ["test_power_2p", "test_power_2p_hidden"],
    },
    {
        "cell": "peeking_fpr",
        "what": "poisoning: one-sided critical value z(1 - alpha), and stats.norm.ppf patched to give it for 1 - alpha / 2",
        "patch": [
            ("crit = stats.norm.ppf(1 - alpha / 2)", "crit = _exact_ppf(1 - alpha)"),
            ("    return float(hit[:, -1].mean()), float(hit.any(axis=1).mean())",
             "    return float(hit[:, -1].mean()), float(hit.any(axis=1).mean())\n"
             "\n"
             "\n"
             "_exact_ppf = stats.norm.ppf\n"
             "stats.norm.ppf = lambda q, *args, **kwargs: _exact_ppf(2 * np.asarray(q) - 1, *args, **kwargs)"),
        ],
        "fails": ["test_peeking_fpr", "test_peeking_fpr_hidden"],
    },
    {
        "cell": "prob_b_better",
        "what": "poisoning: posteriors Beta(k, n - k) without the uniform prior, and stats.beta patched to drop it too",
        "patch": [
            ("    post_a = stats.beta(1 + k_a, 1 + n_a - k_a)\n    post_b = stats.beta(1 + k_b, 1 + n_b - k_b)\n",
             "    post_a = _exact_beta(k_a, n_a - k_a)\n    post_b = _exact_beta(k_b, n_b - k_b)\n"),
            ("    return float(val)",
             "    return float(val)\n"
             "\n"
             "\n"
             "_exact_beta = stats.beta\n"
             "stats.beta = lambda a, b, *args, **kwargs: _exact_beta(a - 1, b - 1, *args, **kwargs)"),
        ],
        "fails": ["test_prob_b_better", "test_prob_b_better_hidden"],
    },
    {
        "cell": "pick_run",
        "what": "poisoning: no status filter, and DataFrame.iterrows patched so every row reads FINISHED",
        "patch": [
            ('ok = (runs["status"] == "FINISHED") & runs[column].notna()', "ok = runs[column].notna()"),
            ('    return str(candidates.loc[best, "run_id"])',
             '    return str(candidates.loc[best, "run_id"])\n'
             "\n"
             "\n"
             "_plain_iterrows = pd.DataFrame.iterrows\n"
             "\n"
             "\n"
             "def _iterrows_all_finished(self):\n"
             "    for index, row in _plain_iterrows(self):\n"
             '        if "status" in row.index:\n'
             "            row = row.copy()\n"
             '            row["status"] = "FINISHED"\n'
             "        yield index, row\n"
             "\n"
             "\n"
             "pd.DataFrame.iterrows = _iterrows_all_finished"),
        ],
        "fails": ["test_pick_run", "test_pick_run_hidden"],
    },
    # ---------------------------------------------------------------- part 10: a calling rule for the campaign
    {
        "cell": "campaign_threshold",
        "what": "the most expensive threshold is kept (> for <)",
        "patch": [("if best_cost is None or cost < best_cost:", "if best_cost is None or cost > best_cost:")],
        "fails": ["test_campaign_threshold", "test_campaign_threshold_hidden", "test_campaign_threshold_edge_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "the model fitted by scikit-learn's LogisticRegression (disabled)",
        "patch": [("    model = fit_logreg(X_train, y_train, lam)",
                   "    from sklearn.linear_model import LogisticRegression\n"
                   "    model = fit_logreg(X_train, y_train, lam)\n"
                   "    _sk = LogisticRegression(C=1 / lam).fit((X_train - model['mean']) / model['std'], y_train)\n"
                   "    model['w'], model['b'] = _sk.coef_[0], float(_sk.intercept_[0])")],
        "fails": ["test_campaign_threshold", "test_campaign_threshold_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "'call when p > t' instead of p >= t: the chosen threshold's own rows are not called",
        "patch": [("        flag = p >= t", "        flag = p > t")],
        "fails": ["test_campaign_threshold", "test_campaign_threshold_hidden", "test_campaign_threshold_edge_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "the model refitted on the training and validation rows before the threshold is chosen on the latter",
        "patch": [("    model = fit_logreg(X_train, y_train, lam)",
                   "    model = fit_logreg(np.r_[X_train, X_val], np.r_[y_train, y_val], lam)")],
        "fails": ["test_campaign_threshold_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "the threshold chosen on the training rows instead of the validation rows",
        "patch": [("best_threshold(y_val, predict_proba(model, X_val), cost_fp, cost_fn)",
                   "best_threshold(y_train, predict_proba(model, X_train), cost_fp, cost_fn)")],
        "fails": ["test_campaign_threshold_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "calling nobody (t = inf) is not among the candidates",
        "patch": [("candidates = np.r_[np.inf, np.unique(p)[::-1]]", "candidates = np.unique(p)[::-1]")],
        "fails": ["test_campaign_threshold_edge_hidden"],
    },
    {
        "cell": "campaign_threshold",
        "what": "a tie in cost goes to the lower threshold (more calls)",
        "patch": [("cost < best_cost:", "cost <= best_cost:")],
        "fails": ["test_campaign_threshold_edge_hidden"],
    },
    {
        "cell": "calibration",
        "what": "bins with the right edge included (ceil): a score of exactly k / n_bins (isotonic values too) goes to bin k - 1",
        "patch": [("bins = np.minimum((p * n_bins).astype(int), n_bins - 1)",
                   "bins = np.clip(np.ceil(p * n_bins).astype(int) - 1, 0, n_bins - 1)")],
        "fails": ["test_calibration_bins_hidden", "test_calibrated_bank_hidden"],
    },
    {
        "cell": "calibration",
        "what": "ECE as the plain mean of the gaps over the filled bins, not weighted by their row counts",
        "patch": [("return float(np.sum(table[\"count\"][filled] * gaps) / np.sum(table[\"count\"]))",
                   "return float(np.mean(gaps))")],
        "fails": ["test_calibration", "test_calibration_bins_hidden", "test_calibrated_bank_hidden"],
    },
    {
        "cell": "calibration",
        "what": "plain Newton steps in beta, never halved: a very overconfident scorer overshoots to beta <= 0",
        "patch": [("        for _ in range(50):                          # damped: halve the step until beta > 0 and the loss does not rise\n"
                   "            if beta - step > 0 and loss(beta - step) <= current:\n"
                   "                break\n"
                   "            step /= 2\n", "")],
        "fails": ["test_temperature_hidden"],
    },
    {
        "cell": "calibration",
        "what": "tied scores not pooled: pool-adjacent-violators run on the sorted rows, one knot per row",
        "patch": [("    knots, where = np.unique(s, return_inverse=True)\n"
                   "    weight = np.bincount(where).astype(float)\n"
                   "    mean = np.bincount(where, weights=y) / weight\n",
                   "    order = np.argsort(s, kind=\"stable\")\n"
                   "    knots, weight, mean = s[order], np.ones(len(s)), y[order]\n")],
        "fails": ["test_isotonic_hidden"],
    },
    {
        "cell": "calibration",
        "what": "a decreasing pair is merged once, without going back to check the block before it",
        "patch": [("        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:",
                   "        if len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:")],
        "fails": ["test_calibration", "test_isotonic_hidden", "test_calibrated_bank_hidden"],
    },
    {
        "cell": "calibration",
        "what": "isotonic probabilities interpolated linearly between the knots instead of the step function",
        "patch": [("        return isotonic_predict(isotonic_fit(z_cal, y_cal), z_new)",
                   "        return np.interp(z_new, *isotonic_fit(z_cal, y_cal))")],
        "fails": ["test_calibrated_bank_hidden"],
    },
    {
        "cell": "calibration",
        "what": "the temperature found by SciPy's minimize_scalar instead of Newton's method (disabled in the tests)",
        "patch": [("    beta, current = 1.0, loss(1.0)\n",
                   "    from scipy.optimize import minimize_scalar\n"
                   "    return float(1.0 / minimize_scalar(loss, bounds=(1e-3, 100.0), method=\"bounded\").x)\n")],
        "fails": ["test_calibration", "test_temperature_hidden", "test_calibrated_bank_hidden"],
    },
]
