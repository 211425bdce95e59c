"""helpers.metrics against scikit-learn and hand-computed cases."""

import numpy as np
import pytest
from sklearn import metrics as skm

from helpers import metrics as hm


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_matthews_binary_matches_sklearn(rng):
    for _ in range(20):
        y = rng.integers(0, 2, 200)
        p = np.where(rng.random(200) < 0.7, y, 1 - y)
        assert hm.matthews_binary(y, p) == pytest.approx(skm.matthews_corrcoef(y, p), abs=1e-12)
    assert hm.matthews_binary([0, 0, 1], [0, 0, 0]) == 0.0 == skm.matthews_corrcoef([0, 0, 1], [0, 0, 0])


def test_matthews_binary_refuses_three_classes():
    with pytest.raises(ValueError, match="two classes only"):
        hm.matthews_binary([0, 1, 2], [0, 1, 1])
    with pytest.raises(ValueError, match="labels 0 and 1"):
        hm.matthews_binary([1, 2, 2], [1, 2, 1])
    with pytest.raises(ValueError, match="same length"):
        hm.matthews_binary([0, 1], [0])


def test_specificity_is_recall_of_negatives(rng):
    y = rng.integers(0, 2, 300)
    p = rng.integers(0, 2, 300)
    assert hm.specificity(y, p) == pytest.approx(skm.recall_score(y, p, pos_label=0), abs=1e-12)


def test_binary_log_loss_matches_sklearn(rng):
    y = rng.integers(0, 2, 500)
    p = rng.random(500)
    assert hm.binary_log_loss(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-12)
    # a certain mistake is clipped, not infinite
    assert np.isfinite(hm.binary_log_loss([1, 0], [0.0, 0.0]))
    with pytest.raises(ValueError, match="proba must lie"):
        hm.binary_log_loss([0, 1], [0.5, 1.5])
    with pytest.raises(ValueError, match="0/1 labels"):
        hm.binary_log_loss([0, 2], [0.5, 0.5])


def test_per_class_scores_match_sklearn(rng):
    y = rng.integers(0, 4, 300)
    p = np.where(rng.random(300) < 0.6, y, rng.integers(0, 4, 300))
    labels, table = hm.per_class_scores(y, p)
    ref = skm.precision_recall_fscore_support(y, p, labels=labels, average=None, zero_division=0)
    np.testing.assert_allclose(table, np.array(ref, dtype=float), atol=1e-12)


def test_ndcg_matches_sklearn(rng):
    rel = rng.integers(0, 4, (6, 12)).astype(float)
    s = rng.normal(size=(6, 12))
    for k in (1, 3, 5, 12):
        assert hm.ndcg_at_k(rel, s, k) == pytest.approx(skm.ndcg_score(rel, s, k=k), abs=1e-12)
    # exponential gains differ once relevances exceed 1
    assert hm.ndcg_at_k(rel, s, 5, gains="exponential") != pytest.approx(hm.ndcg_at_k(rel, s, 5))
    with pytest.raises(ValueError, match="k must be >= 1"):
        hm.ndcg_at_k(rel, s, 0)
    with pytest.raises(ValueError, match="same shape"):
        hm.ndcg_at_k(rel, s[:, :5], 3)


def test_mrr_and_map_hand_cases():
    y = np.array([[0, 1, 0, 1], [1, 0, 0, 0], [0, 0, 0, 0]])
    s = np.array([[4.0, 3, 2, 1], [1.0, 2, 3, 4], [1.0, 2, 3, 4]])
    # query 1: first relevant at rank 2; query 2: its one relevant item is ranked last (rank 4); query 3: none
    assert hm.mean_reciprocal_rank(y, s) == pytest.approx((1 / 2 + 1 / 4 + 0) / 3)
    # AP@4: query 1 hits at ranks 2 and 4 -> (1/2 + 2/4) / 2; query 2 -> (1/4) / 1
    assert hm.map_at_k(y, s, 4) == pytest.approx(((0.5 + 0.5) / 2 + 0.25 + 0) / 3)
    # AP@2: query 1 hit at rank 2 -> (1/2) / min(2, 2); query 2 no hit in top 2
    assert hm.map_at_k(y, s, 2) == pytest.approx((0.25 + 0 + 0) / 3)


def test_map_with_one_relevant_item_equals_sklearn_average_precision(rng):
    y = (rng.random((1, 30)) < 0.3).astype(int)
    s = rng.normal(size=(1, 30))
    assert hm.map_at_k(y, s, 30) == pytest.approx(skm.average_precision_score(y[0], s[0]), abs=1e-12)


def test_mape_smape(rng):
    y = rng.uniform(1, 10, 100)
    p = y + rng.normal(size=100)
    assert hm.mape(y, p) == pytest.approx(skm.mean_absolute_percentage_error(y, p), rel=1e-12)
    assert hm.smape(y, p) == pytest.approx(np.mean(2 * np.abs(y - p) / (np.abs(y) + np.abs(p))), rel=1e-12)
    assert hm.mape([0.0, 1.0], [0.5, 1.0]) == np.inf
    assert hm.smape([0.0, 1.0], [0.5, 1.0]) == pytest.approx(1.0)
    with pytest.raises(TypeError, match="y_true must hold numeric"):
        hm.mape(["a", "b"], [1.0, 2.0])


def test_ndcg_averages_ties_like_sklearn(rng):
    rel = rng.integers(0, 3, (5, 20)).astype(float)
    s = rng.integers(0, 4, (5, 20)).astype(float)           # many ties
    for k in (1, 4, 7, 20):
        assert hm.ndcg_at_k(rel, s, k) == pytest.approx(skm.ndcg_score(rel, s, k=k), abs=1e-12)
