"""Tests for helpers.fairness: hand-made cases for the group metrics, scikit-learn and shap for the explanations."""

import numpy as np
import pytest
from sklearn.inspection import partial_dependence as sk_partial_dependence
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from helpers.fairness import (
    demographic_parity_difference,
    disparate_impact_ratio,
    equalised_odds_gaps,
    group_rates,
    group_threshold_predictions,
    partial_dependence,
    permutation_importance,
    shapley_values,
)

# Hand-made case: group a (4 people: 2 positives, 2 negatives), group b (6 people: 3 positives, 3 negatives).
Y_TRUE = np.array([1, 1, 0, 0, 1, 1, 1, 0, 0, 0])
Y_PRED = np.array([1, 0, 1, 1, 1, 1, 0, 0, 0, 0])
GROUP = np.array(["a"] * 4 + ["b"] * 6)


def test_group_rates_by_hand():
    rates = group_rates(Y_TRUE, Y_PRED, GROUP)
    assert rates["a"] == {"n": 4, "selection_rate": 0.75, "tpr": 0.5, "fpr": 1.0}
    assert rates["b"] == {"n": 6, "selection_rate": 2 / 6, "tpr": 2 / 3, "fpr": 0.0}


def test_ratio_difference_and_gaps_by_hand():
    assert disparate_impact_ratio(Y_PRED, GROUP) == pytest.approx((2 / 6) / 0.75)
    assert demographic_parity_difference(Y_PRED, GROUP) == pytest.approx(0.75 - 2 / 6)
    tpr_gap, fpr_gap = equalised_odds_gaps(Y_TRUE, Y_PRED, GROUP)
    assert tpr_gap == pytest.approx(2 / 3 - 0.5)
    assert fpr_gap == pytest.approx(1.0)


def test_metrics_on_random_data_match_pandas():
    import pandas as pd

    rng = np.random.default_rng(1)
    y, p, g = rng.integers(0, 2, 500), rng.integers(0, 2, 500), rng.choice(["x", "y", "z"], 500)
    df = pd.DataFrame({"y": y, "p": p, "g": g})
    sel = df.groupby("g").p.mean()
    tpr = df[df.y == 1].groupby("g").p.mean()
    fpr = df[df.y == 0].groupby("g").p.mean()
    assert disparate_impact_ratio(p, g) == pytest.approx(sel.min() / sel.max())
    assert demographic_parity_difference(p, g) == pytest.approx(sel.max() - sel.min())
    assert equalised_odds_gaps(y, p, g) == pytest.approx((tpr.max() - tpr.min(), fpr.max() - fpr.min()))


def test_perfect_classifier_has_zero_gaps_but_unequal_selection():
    tpr_gap, fpr_gap = equalised_odds_gaps(Y_TRUE, Y_TRUE, GROUP)
    assert tpr_gap == 0 and fpr_gap == 0
    assert demographic_parity_difference(Y_TRUE, GROUP) == pytest.approx(0.0)  # both base rates are 1/2


def test_group_thresholds():
    scores = np.array([0.1, 0.5, 0.9, 0.3, 0.6])
    groups = np.array(["a", "a", "a", "b", "b"])
    out = group_threshold_predictions(scores, groups, {"a": 0.5, "b": 0.7})
    np.testing.assert_array_equal(out, [0, 1, 1, 0, 0])


def test_bad_input_raises():
    with pytest.raises(ValueError, match="y_pred must hold only 0 and 1"):
        disparate_impact_ratio([0, 2, 1], ["a", "b", "a"])
    with pytest.raises(ValueError, match="at least two different groups"):
        demographic_parity_difference([0, 1, 1], ["a", "a", "a"])
    with pytest.raises(ValueError, match="group must be 1-D with one label per sample"):
        group_rates([0, 1], [0, 1], ["a", "b", "c"])
    with pytest.raises(ValueError, match="both positive and negative"):
        equalised_odds_gaps([1, 1, 0, 0], [1, 0, 1, 0], ["a", "a", "b", "b"])
    with pytest.raises(ValueError, match="no entry for group"):
        group_threshold_predictions([0.2, 0.4], ["a", "b"], {"a": 0.5})
    with pytest.raises(TypeError, match="thresholds must be a mapping"):
        group_threshold_predictions([0.2, 0.4], ["a", "b"], [0.5, 0.5])


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 4))
    y = (X[:, 0] + 0.5 * X[:, 1] ** 2 + 0.3 * rng.normal(size=300) > 0.5).astype(int)
    model = LogisticRegression().fit(X, y)
    return X, y, model, (lambda A: model.predict_proba(A)[:, 1])


def test_partial_dependence_matches_sklearn(fitted):
    X, _, model, f = fitted
    for j in range(X.shape[1]):
        res = sk_partial_dependence(model, X, [j], method="brute", grid_resolution=15)
        ours = partial_dependence(f, X, j, res["grid_values"][0])
        np.testing.assert_allclose(ours, res["average"][0], atol=1e-12)


def test_permutation_importance_matches_sklearn_on_average(fitted):
    from sklearn.inspection import permutation_importance as sk_pi

    X, y, model, f = fitted
    ours = permutation_importance(f, X, y, roc_auc_score, n_repeats=30, random_state=0).mean(1)
    theirs = sk_pi(model, X, y, scoring="roc_auc", n_repeats=30, random_state=0).importances_mean
    np.testing.assert_allclose(ours, theirs, atol=0.01)
    assert np.argmax(ours) == 0 and ours[3] < 0.01  # feature 3 is pure noise


def test_permutation_importance_is_seeded_and_restores_x(fitted):
    X, y, _, f = fitted
    X0 = X.copy()
    a = permutation_importance(f, X, y, roc_auc_score, n_repeats=3, random_state=5)
    b = permutation_importance(f, X, y, roc_auc_score, n_repeats=3, random_state=5)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(X, X0)


def test_shapley_values_match_shap_and_add_up(fitted):
    import shap

    X, _, _, f = fitted
    background = X[:40]
    explained = X[100:105]
    ours = np.array([shapley_values(f, x, background)[0] for x in explained])
    theirs = shap.KernelExplainer(f, background).shap_values(explained, nsamples=16, silent=True)
    np.testing.assert_allclose(ours, theirs, atol=1e-10)
    for x in explained:
        phi, base = shapley_values(f, x, background)
        assert phi.sum() == pytest.approx(f(x[None])[0] - base, abs=1e-12)
        assert base == pytest.approx(f(background).mean())


def test_shapley_values_of_a_linear_model():
    rng = np.random.default_rng(3)
    w, B, x = rng.normal(size=5), rng.normal(size=(20, 5)), rng.normal(size=5)
    phi, _ = shapley_values(lambda A: A @ w + 1.0, x, B)
    np.testing.assert_allclose(phi, w * (x - B.mean(0)), atol=1e-12)


def test_explanation_bad_input_raises(fitted):
    X, y, _, f = fitted
    with pytest.raises(TypeError, match="predict must be a callable"):
        partial_dependence("model", X, 0, [0.0])
    with pytest.raises(ValueError, match="feature must be a column index"):
        partial_dependence(f, X, 7, [0.0])
    with pytest.raises(ValueError, match="n_repeats must be a positive int"):
        permutation_importance(f, X, y, roc_auc_score, n_repeats=0)
    with pytest.raises(ValueError, match="background must have 4 columns"):
        shapley_values(f, X[0], X[:5, :3])
    with pytest.raises(ValueError, match="max_features"):
        shapley_values(lambda A: A.sum(1), np.zeros(13), np.zeros((2, 13)))
