"""Plausible student mistakes for the 08a_ml_in_practice assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        "cell": "sample_size",
        "source": '''
def sample_size(p1, p2, alpha=0.05, power=0.8):
    """Users per group for a two-sided two-proportion z-test (rounded up)."""
    za = stats.norm.ppf(1 - alpha)
    zb = stats.norm.ppf(power)
    pbar = (p1 + p2) / 2
    num = za * np.sqrt(2 * pbar * (1 - pbar)) + zb * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return int(np.ceil(num**2 / (p1 - p2) ** 2))
''',
        "fails": ["test_sample_size", "test_sample_size_hidden"],
    },
    {
        "cell": "power_2p",
        "source": '''
def power_2p(p1, p2, n, alpha=0.05):
    """Power of the two-sided pooled two-proportion z-test with n users per group."""
    za = stats.norm.ppf(1 - alpha)
    pbar = (p1 + p2) / 2
    num = abs(p1 - p2) * np.sqrt(n) - za * np.sqrt(2 * pbar * (1 - pbar))
    return float(stats.norm.cdf(num / np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))))
''',
        "fails": ["test_power_2p", "test_power_2p_hidden"],
    },
    {
        # step-down instead of step-up: stops at the first p-value above its threshold
        "cell": "bh_reject",
        "source": '''
def bh_reject(pvals, alpha=0.05):
    """Benjamini-Hochberg rejections (boolean array in input order)."""
    p = np.asarray(pvals, dtype=float)
    m = p.size
    order = np.argsort(p)
    reject = np.zeros(m, dtype=bool)
    for i, idx in enumerate(order, start=1):
        if p[idx] > alpha * i / m:
            break
        reject[idx] = True
    return reject
''',
        "fails": ["test_bh_reject", "test_bh_reject_hidden"],
    },
    {
        "cell": "bh_adjust",
        "source": '''
def bh_adjust(pvals):
    """Benjamini-Hochberg adjusted p-values (input order)."""
    p = np.asarray(pvals, dtype=float)
    m = p.size
    order = np.argsort(p)
    out = np.empty(m)
    out[order] = np.minimum(1.0, p[order] * m / np.arange(1, m + 1))
    return out
''',
        "fails": ["test_bh_adjust", "test_bh_adjust_hidden"],
    },
    {
        # the statistics handbook's interval: the pooled standard error of the test
        "cell": "diff_ci",
        "source": '''
def diff_ci(k1, n1, k2, n2, confidence=0.95):
    """Wald confidence interval (low, high) for p1 - p2 with the unpooled standard error."""
    p1, p2 = k1 / n1, k2 / n2
    pp = (k1 + k2) / (n1 + n2)
    se = np.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    z = stats.norm.ppf((1 + confidence) / 2)
    return float(p1 - p2 - z * se), float(p1 - p2 + z * se)
''',
        "fails": ["test_diff_ci", "test_diff_ci_hidden"],
    },
    {
        "cell": "peeking_fpr",
        "source": '''
def peeking_fpr(z, alpha=0.05):
    """(fraction significant at the last look, fraction significant at any look)."""
    crit = stats.norm.ppf(1 - alpha / 2)
    hit = np.asarray(z) > crit
    return float(hit[:, -1].mean()), float(hit.any(axis=1).mean())
''',
        "fails": ["test_peeking_fpr", "test_peeking_fpr_hidden"],
    },
    {
        "cell": "prob_b_better",
        "source": '''
def prob_b_better(k_a, n_a, k_b, n_b):
    """P(p_B > p_A) under independent Beta(1, 1) priors."""
    from scipy import integrate

    post_a = stats.beta(1 + n_a - k_a, 1 + k_a)
    post_b = stats.beta(1 + n_b - k_b, 1 + k_b)
    val, _ = integrate.quad(lambda x: post_b.pdf(x) * post_a.cdf(x), 0, 1, limit=200)
    return float(val)
''',
        "fails": ["test_prob_b_better", "test_prob_b_better_hidden"],
    },
    {
        # forgets the status filter: the FAILED run with the highest score wins
        "cell": "pick_run",
        "source": '''
def pick_run(runs, metric, mode="max", budget_s=None):
    """run_id of the best qualifying run of a search_runs-like DataFrame (see the rules above)."""
    column = f"metrics.{metric}"
    candidates = runs[runs[column].notna()]
    if budget_s is not None:
        candidates = candidates[candidates["metrics.train_seconds"] <= budget_s]
    if candidates.empty:
        raise ValueError("no run qualifies")
    best = candidates[column].idxmax() if mode == "max" else candidates[column].idxmin()
    return str(candidates.loc[best, "run_id"])
''',
        "fails": ["test_pick_run", "test_pick_run_hidden"],
    },
    {
        # strict inequality: a run that used exactly the budget is excluded
        "cell": "pick_run",
        "source": '''
def pick_run(runs, metric, mode="max", budget_s=None):
    """run_id of the best qualifying run of a search_runs-like DataFrame (see the rules above)."""
    column = f"metrics.{metric}"
    ok = (runs["status"] == "FINISHED") & runs[column].notna()
    if budget_s is not None:
        ok &= runs["metrics.train_seconds"] < budget_s
    candidates = runs[ok]
    if candidates.empty:
        raise ValueError("no run qualifies")
    best = candidates[column].idxmax() if mode == "max" else candidates[column].idxmin()
    return str(candidates.loc[best, "run_id"])
''',
        "fails": ["test_pick_run", "test_pick_run_hidden"],
    },
    {
        # epochs counted from 1 instead of 0
        "cell": "log_run",
        "source": '''
def log_run(tracking_uri, experiment_id, params, history, run_name=None):
    """Log params, per-epoch metrics (step = epoch, from 0) and history.json; return the run id."""
    client = mlflow.MlflowClient(tracking_uri)
    run_id = client.create_run(experiment_id, run_name=run_name).info.run_id
    for key, value in params.items():
        client.log_param(run_id, key, value)
    for key, values in history.items():
        for epoch, value in enumerate(values, start=1):
            client.log_metric(run_id, key, float(value), step=epoch)
    client.log_dict(run_id, history, "history.json")
    client.set_terminated(run_id, "FINISHED")
    return run_id
''',
        "fails": ["test_log_run", "test_log_run_hidden"],
    },
    {
        # fluent API: points the global tracking URI at the store and leaves it there
        "cell": "log_run",
        "source": '''
def log_run(tracking_uri, experiment_id, params, history, run_name=None):
    """Log params, per-epoch metrics (step = epoch, from 0) and history.json; return the run id."""
    mlflow.set_tracking_uri(tracking_uri)
    with mlflow.start_run(experiment_id=experiment_id, run_name=run_name) as run:
        mlflow.log_params(params)
        for key, values in history.items():
            for step, value in enumerate(values):
                mlflow.log_metric(key, float(value), step=step)
        mlflow.log_dict(history, "history.json")
    return run.info.run_id
''',
        "fails": ["test_log_run", "test_log_run_hidden"],
    },
]
