"""Tests for helpers.practice against statsmodels and scipy, and the MLflow helpers by reading runs back."""

import logging
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

from helpers.practice import (
    benjamini_hochberg,
    beta_posterior_prob_better,
    bonferroni,
    local_tracking,
    log_training_run,
    power_two_proportions,
    sample_size_two_proportions,
    simulate_peeking,
)


def test_sample_size_arcsine_matches_statsmodels():
    for p1, p2 in [(0.12, 0.132), (0.05, 0.06), (0.5, 0.45)]:
        h = proportion_effectsize(p2, p1)
        ref = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1.0)
        assert sample_size_two_proportions(p1, p2, method="arcsine") == int(np.ceil(ref))


def test_sample_size_pooled_textbook_value_and_power_roundtrip():
    # 10% -> 12%, alpha 0.05, power 0.8: the classic answer is 3841 per group
    n = sample_size_two_proportions(0.10, 0.12)
    assert n == 3841
    assert power_two_proportions(0.10, 0.12, n) == pytest.approx(0.8, abs=1e-3)
    assert power_two_proportions(0.10, 0.12, n - 200) < 0.8
    # halving the effect roughly quadruples n
    assert 3.5 < sample_size_two_proportions(0.10, 0.11) / n < 4.5


def test_power_matches_simulation():
    rng = np.random.default_rng(0)
    n, p1, p2 = 2000, 0.10, 0.13
    ka = rng.binomial(n, p1, 4000)
    kb = rng.binomial(n, p2, 4000)
    pooled = (ka + kb) / (2 * n)
    z = (kb - ka) / n / np.sqrt(pooled * (1 - pooled) * 2 / n)
    assert np.mean(np.abs(z) > 1.959964) == pytest.approx(power_two_proportions(p1, p2, n), abs=0.03)


def test_sample_size_errors():
    with pytest.raises(ValueError, match="must differ"):
        sample_size_two_proportions(0.1, 0.1)
    with pytest.raises(ValueError, match="p1 must be a rate"):
        sample_size_two_proportions(0.0, 0.1)
    with pytest.raises(ValueError, match="method"):
        sample_size_two_proportions(0.1, 0.2, method="exact")
    with pytest.raises(ValueError, match="power"):
        sample_size_two_proportions(0.1, 0.2, power=80)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_corrections_match_statsmodels(seed):
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(0, 0.01, 5), rng.uniform(0, 1, 25)])
    rng.shuffle(p)
    for ours, method in ((benjamini_hochberg, "fdr_bh"), (bonferroni, "bonferroni")):
        reject, adjusted = ours(p, 0.05)
        ref_reject, ref_adj, _, _ = multipletests(p, alpha=0.05, method=method)
        np.testing.assert_array_equal(reject, ref_reject)
        np.testing.assert_allclose(adjusted, ref_adj, rtol=1e-12)


def test_bh_rejects_at_least_as_many_as_bonferroni_and_errors():
    p = np.array([0.001, 0.008, 0.012, 0.02, 0.3, 0.9])
    assert benjamini_hochberg(p)[0].sum() == 4
    assert bonferroni(p)[0].sum() == 2
    with pytest.raises(ValueError, match="pvals must lie"):
        benjamini_hochberg([0.1, 1.5])


def test_peeking_inflates_false_positives():
    out = simulate_peeking(0.1, batch=200, n_looks=20, n_sims=1500, random_state=0)
    assert out["z"].shape == (1500, 20)
    assert 0.03 < out["fpr_fixed"] < 0.07
    assert out["fpr_peeking"] > 2.5 * out["fpr_fixed"]


def test_beta_prob_better_matches_monte_carlo():
    rng = np.random.default_rng(0)
    k_a, n_a, k_b, n_b = 120, 1000, 145, 1000
    a = rng.beta(1 + k_a, 1 + n_a - k_a, 400_000)
    b = rng.beta(1 + k_b, 1 + n_b - k_b, 400_000)
    prob = beta_posterior_prob_better(k_a, n_a, k_b, n_b)
    assert prob == pytest.approx(np.mean(b > a), abs=0.003)
    # symmetry and equal data
    assert beta_posterior_prob_better(k_b, n_b, k_a, n_a) == pytest.approx(1 - prob, abs=1e-8)
    assert beta_posterior_prob_better(50, 500, 50, 500) == pytest.approx(0.5, abs=1e-8)
    with pytest.raises(ValueError, match="k_a"):
        beta_posterior_prob_better(5, 3, 1, 10)


def test_local_tracking_logs_reads_back_and_leaves_nothing(monkeypatch, tmp_path):
    import mlflow

    # a previously configured URI (never opened here) must come back afterwards
    previous = f"sqlite:///{tmp_path / 'never_created.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", previous)
    mlflow.set_tracking_uri(previous)
    level = logging.getLogger("mlflow").level
    history = {"train_loss": [2.0, 1.2, 0.7, 0.5], "val_accuracy": [0.5, 0.7, 0.8, 0.85]}
    fig, ax = plt.subplots()
    ax.plot(history["train_loss"])
    with pytest.raises(RuntimeError, match="boom"):
        with local_tracking("unit") as store:
            root = store.root
            assert mlflow.get_tracking_uri() == store.uri == f"sqlite:///{root / 'mlflow.db'}"
            assert (root / "mlflow.db").is_file()
            assert logging.getLogger("mlflow").level == logging.WARNING
            ids = [log_training_run({"lr": lr, "epochs": 4}, {k: np.array(v) * (1 + lr) for k, v in history.items()},
                                    experiment_id=store.experiment_id, run_name=f"lr={lr}",
                                    summary={"train_seconds": 0.25}, figures={"curve.png": fig} if lr else None,
                                    model_arrays={"W": np.full((2, 3), lr), "b": np.arange(3)} if lr else None)
                   for lr in (0.0, 0.1)]
            client = mlflow.MlflowClient()
            run = client.get_run(ids[1])
            assert run.info.experiment_id == store.experiment_id and run.info.status == "FINISHED"
            assert run.data.params == {"lr": "0.1", "epochs": "4"}
            hist = client.get_metric_history(ids[1], "val_accuracy")
            assert [m.step for m in sorted(hist, key=lambda m: m.step)] == [0, 1, 2, 3]
            np.testing.assert_allclose([m.value for m in sorted(hist, key=lambda m: m.step)],
                                       np.array(history["val_accuracy"]) * 1.1)
            assert run.data.metrics["train_seconds"] == 0.25
            assert run.data.metrics["train_loss"] == pytest.approx(0.55)  # latest value
            arts = sorted(f.path for f in client.list_artifacts(ids[1]))
            assert arts == ["curve.png", "history.json", "model.npz"]
            with np.load(client.download_artifacts(ids[1], "model.npz", str(tmp_path))) as npz:
                np.testing.assert_array_equal(npz["W"], np.full((2, 3), 0.1))
                np.testing.assert_array_equal(npz["b"], np.arange(3))
            assert [f.path for f in client.list_artifacts(ids[0])] == ["history.json"]
            assert (root / "artifacts").is_dir()
            local = client.download_artifacts(ids[1], "history.json", str(tmp_path))
            with open(local) as fh:
                assert fh.read().count("0.7") >= 1
            runs = mlflow.search_runs([store.experiment_id], order_by=["metrics.val_accuracy DESC"])
            assert list(runs["run_id"]) == [ids[1], ids[0]]
            mlflow.start_run(experiment_id=store.experiment_id)  # left open on purpose
            raise RuntimeError("boom")
    plt.close(fig)
    assert not root.exists()
    assert mlflow.active_run() is None
    assert mlflow.get_tracking_uri() == previous
    assert os.environ["MLFLOW_TRACKING_URI"] == previous
    assert logging.getLogger("mlflow").level == level
    assert not (tmp_path / "never_created.db").exists()


def test_tracking_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="experiment"):
        with local_tracking(""):
            pass
    with pytest.raises(TypeError, match="history"):
        log_training_run({"lr": 0.1}, [0.1, 0.2])
    with pytest.raises(ValueError, match="history\\['loss'\\]"):
        log_training_run({"lr": 0.1}, {"loss": [[0.1, 0.2]]})
    with pytest.raises(TypeError, match="params"):
        log_training_run([0.1], {"loss": [0.1]})
    with pytest.raises(ValueError, match="summary"):
        log_training_run({}, {"loss": [0.1]}, summary={"t": float("nan")})
