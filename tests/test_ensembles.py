"""Tests for helpers.ensembles: bagging, out-of-bag, the averaged-variance formula, binary AdaBoost and
gradient boosting, each against scikit-learn (or a direct simulation)."""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, make_classification
from sklearn.ensemble import (
    AdaBoostClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
    RandomForestRegressor,
)
from sklearn.model_selection import train_test_split

from helpers import ensembles as E


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer(return_X_y=True)


@pytest.fixture(scope="module")
def diabetes():
    return load_diabetes(return_X_y=True)


# ---------------------------------------------------------------- bootstrap and out-of-bag
def test_bootstrap_indices_shape_and_seeded():
    a = E.bootstrap_indices(50, 4, random_state=3)
    assert a.shape == (4, 50) and a.min() >= 0 and a.max() < 50
    np.testing.assert_array_equal(a, E.bootstrap_indices(50, 4, random_state=3))
    assert not np.array_equal(a, E.bootstrap_indices(50, 4, random_state=4))


def test_oob_matches_sklearn_random_forest(cancer):
    X, y = cancer
    rf = RandomForestClassifier(n_estimators=25, oob_score=True, random_state=1).fit(X, y)
    idx = E.bootstrap_indices(len(y), random_state=[t.random_state for t in rf.estimators_])
    counts = E.in_bag_counts(idx, len(y))
    assert counts.sum(axis=1).tolist() == [len(y)] * 25
    proba = np.stack([t.predict_proba(X) for t in rf.estimators_])
    oob, n_oob = E.oob_average(proba, counts)
    np.testing.assert_allclose(oob, rf.oob_decision_function_, atol=1e-12)
    assert np.mean(rf.classes_[oob.argmax(axis=1)] == y) == pytest.approx(rf.oob_score_, abs=1e-12)
    assert n_oob.min() >= 1


def test_oob_regression_matches_sklearn(diabetes):
    X, y = diabetes
    rf = RandomForestRegressor(n_estimators=20, oob_score=True, random_state=0).fit(X, y)
    idx = E.bootstrap_indices(len(y), random_state=[t.random_state for t in rf.estimators_])
    per_tree = np.stack([t.predict(X) for t in rf.estimators_])
    oob, _ = E.oob_average(per_tree, E.in_bag_counts(idx, len(y)))
    np.testing.assert_allclose(oob, rf.oob_prediction_, rtol=1e-12)


def test_oob_average_rows_never_out_are_nan():
    per_tree = np.array([[1.0, 2.0], [3.0, 4.0]])
    oob, n_oob = E.oob_average(per_tree, np.array([[1, 0], [1, 1]]))
    assert np.isnan(oob[0]) and oob[1] == 2.0 and n_oob.tolist() == [0, 1]


def test_bagging_errors():
    with pytest.raises(ValueError, match="indices must lie"):
        E.in_bag_counts(np.array([[0, 5]]), 5)
    with pytest.raises(TypeError, match="indices must hold integer"):
        E.in_bag_counts(np.array([[0.0, 1.0]]), 5)
    with pytest.raises(ValueError, match="in_bag must have shape"):
        E.oob_average(np.zeros((3, 4)), np.zeros((3, 5), dtype=int))
    with pytest.raises(TypeError, match="n_samples must be an int"):
        E.bootstrap_indices(5.0)


# ---------------------------------------------------------------- the variance of an average
def test_averaged_variance_matches_simulation():
    rng = np.random.default_rng(0)
    sigma2, rho, B = 4.0, 0.3, 8
    cov = sigma2 * (rho * np.ones((B, B)) + (1 - rho) * np.eye(B))
    draws = rng.multivariate_normal(np.zeros(B), cov, size=200_000)
    assert draws.mean(axis=1).var() == pytest.approx(E.averaged_variance(sigma2, rho, B), rel=0.02)
    np.testing.assert_allclose(E.averaged_variance(sigma2, rho, np.array([1, 10**9])), [sigma2, rho * sigma2],
                               rtol=1e-8)


def test_variance_and_correlation_recovers_known_values():
    rng = np.random.default_rng(1)
    # tree b of fit r = shared part (var 1) + own part (var 3): sigma2 = 4, rho = 0.25
    shared = rng.normal(0, 1, size=(4000, 1, 2))
    own = rng.normal(0, np.sqrt(3), size=(4000, 6, 2))
    sigma2, rho = E.variance_and_correlation(shared + own)
    np.testing.assert_allclose(sigma2, 4.0, rtol=0.05)
    np.testing.assert_allclose(rho, 0.25, atol=0.03)


def test_variance_errors():
    with pytest.raises(ValueError, match="rho must lie"):
        E.averaged_variance(1.0, 1.5, 3)
    with pytest.raises(ValueError, match="n_estimators must be whole"):
        E.averaged_variance(1.0, 0.5, 0)
    with pytest.raises(ValueError, match="at least 2 fits"):
        E.variance_and_correlation(np.zeros((1, 3, 2)))


# ---------------------------------------------------------------- AdaBoost
def test_adaboost_matches_sklearn(cancer):
    X, y = cancer
    model = E.adaboost_fit(X, y, 30, random_state=0)
    ref = AdaBoostClassifier(n_estimators=30, random_state=0).fit(X, y)
    M = len(model["alphas"])
    # scikit-learn runs SAMME, whose weight for K = 2 is log((1 - err)/err) = 2 alpha
    np.testing.assert_allclose(2 * model["alphas"], ref.estimator_weights_[:M], rtol=1e-10)
    np.testing.assert_allclose(model["errors"], ref.estimator_errors_[:M], atol=1e-12)
    F = E.adaboost_decision_function(model, X)
    np.testing.assert_allclose(2 * F / model["alphas"].sum(), ref.decision_function(X), atol=1e-10)
    staged = E.adaboost_decision_function(model, X, staged=True)
    for m, ref_pred in enumerate(ref.staged_predict(X)):
        np.testing.assert_array_equal(np.where(staged[m] > 0, 1, 0), ref_pred)


def test_adaboost_weights_focus_on_mistakes(cancer):
    X, y = cancer
    model = E.adaboost_fit(X, y, 3, random_state=0)
    w0, w1 = model["weights"][0], model["weights"][1]
    wrong = model["stumps"][0].predict(X) != y
    assert np.all(w1[wrong] > w0[wrong]) and np.all(w1[~wrong] < w0[~wrong])
    assert w1[wrong].sum() == pytest.approx(0.5)               # the re-weighted stump has error 1/2


def test_adaboost_refuses_multiclass():
    X, y = make_classification(n_samples=60, n_classes=3, n_informative=4, random_state=0)
    with pytest.raises(ValueError, match="exactly 2 classes"):
        E.adaboost_fit(X, y)
    with pytest.raises(TypeError, match="model must be the dict"):
        E.adaboost_decision_function([], X)


# ---------------------------------------------------------------- gradient boosting
def test_gradient_boosting_matches_sklearn(diabetes):
    X, y = diabetes
    model = E.gradient_boosting_fit(X, y, 40, learning_rate=0.2, max_depth=2, random_state=0)
    ref = GradientBoostingRegressor(n_estimators=40, learning_rate=0.2, max_depth=2, random_state=0).fit(X, y)
    np.testing.assert_allclose(E.gradient_boosting_predict(model, X), ref.predict(X), atol=1e-9)
    staged = E.gradient_boosting_predict(model, X, staged=True)
    np.testing.assert_allclose(staged[9], list(ref.staged_predict(X))[9], atol=1e-9)
    np.testing.assert_allclose(model["train_loss"], ref.train_score_, rtol=1e-9)


def test_gradient_boosting_early_stopping_matches_sklearn(diabetes):
    X, y = diabetes
    X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.1, random_state=0)
    model = E.gradient_boosting_fit(X_tr, y_tr, 300, random_state=0, X_val=X_val, y_val=y_val, n_iter_no_change=4)
    ref = GradientBoostingRegressor(n_estimators=300, random_state=0, n_iter_no_change=4,
                                    validation_fraction=0.1).fit(X, y)
    assert model["n_estimators_"] == ref.n_estimators_ < 300
    np.testing.assert_allclose(E.gradient_boosting_predict(model, X), ref.predict(X), atol=1e-9)


def test_gradient_boosting_errors(diabetes):
    X, y = diabetes
    with pytest.raises(ValueError, match="needs a validation set"):
        E.gradient_boosting_fit(X, y, 5, n_iter_no_change=3)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        E.gradient_boosting_fit(X, y, 5, learning_rate=0.0)
    with pytest.raises(ValueError, match="X and y must have the same number"):
        E.gradient_boosting_fit(X, y[:-1], 5)
    with pytest.raises(ValueError, match="X_val must have 10 columns"):
        E.gradient_boosting_fit(X, y, 5, X_val=X[:, :3], y_val=y)
