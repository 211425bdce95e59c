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
]
