"""Tests for helpers.svm: hinge loss, primal objective, sub-gradient training, RBF kernel and the dual
decision function, each against scikit-learn or a numerical derivative, and bad input."""

import numpy as np
import pytest
from sklearn import datasets, metrics, svm as sk_svm

from helpers import svm
from helpers.checks import numerical_gradient


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def _blobs(n=120, seed=0, spread=1.5):
    X, y = datasets.make_blobs(n, centers=[[-1.0, -1.0], [1.5, 1.0]], cluster_std=spread, random_state=seed)
    return X, y


def test_to_signed_labels_maps_smaller_label_to_minus_one():
    assert svm.to_signed_labels(np.array([3, 7, 7, 3])).tolist() == [-1.0, 1.0, 1.0, -1.0]
    with pytest.raises(ValueError, match="exactly two classes"):
        svm.to_signed_labels([0, 1, 2])
    with pytest.raises(ValueError, match="exactly two classes"):
        svm.to_signed_labels([1, 1, 1])
    with pytest.raises(ValueError, match="1-D"):
        svm.to_signed_labels(np.zeros((2, 2)))


def test_hinge_loss_matches_sklearn(rng):
    y = rng.choice([-1.0, 1.0], size=50)
    scores = rng.normal(scale=2.0, size=50)
    assert svm.hinge_loss(y, scores) == pytest.approx(metrics.hinge_loss(y, scores), abs=1e-12)
    with pytest.raises(ValueError, match="-1 and \\+1"):
        svm.hinge_loss(np.array([0, 1, 1]), np.zeros(3))
    with pytest.raises(ValueError, match="scores"):
        svm.hinge_loss(np.array([-1, 1, 1]), np.zeros(4))


def test_objective_at_sklearn_solution_is_minimal(rng):
    X, y = _blobs()
    ys = svm.to_signed_labels(y)
    ref = sk_svm.SVC(kernel="linear", C=0.5, tol=1e-8).fit(X, y)
    w, b = ref.coef_[0], float(ref.intercept_[0])
    best = svm.svm_objective(w, b, X, ys, C=0.5)
    for _ in range(20):   # every perturbed solution is worse
        dw, db = 0.05 * rng.normal(size=2), 0.05 * rng.normal()
        assert svm.svm_objective(w + dw, b + db, X, ys, C=0.5) > best - 1e-9


def test_subgradient_matches_numerical_gradient_away_from_kinks(rng):
    X, y = _blobs(60)
    ys = svm.to_signed_labels(y)
    w, b = rng.normal(size=2), 0.3
    margins = ys * (X @ w + b)
    assert np.min(np.abs(margins - 1)) > 1e-3   # no point sits on a kink
    grad_w, grad_b = svm.svm_subgradient(w, b, X, ys, C=2.0)
    num_w = numerical_gradient(lambda v: svm.svm_objective(v, b, X, ys, C=2.0), w.copy())
    num_b = (svm.svm_objective(w, b + 1e-6, X, ys, C=2.0) - svm.svm_objective(w, b - 1e-6, X, ys, C=2.0)) / 2e-6
    np.testing.assert_allclose(grad_w, num_w, rtol=1e-5, atol=1e-6)
    assert grad_b == pytest.approx(num_b, rel=1e-5, abs=1e-6)


def test_subgradient_training_matches_svc():
    X, y = _blobs(200, seed=1)
    ys = svm.to_signed_labels(y)
    w, b, history = svm.fit_linear_svm_subgradient(X, y, C=0.1, n_iter=2000, lr=3.0)
    ref = sk_svm.SVC(kernel="linear", C=0.1, tol=1e-8).fit(X, y)
    w_ref, b_ref = ref.coef_[0], float(ref.intercept_[0])
    obj, obj_ref = svm.svm_objective(w, b, X, ys, 0.1), svm.svm_objective(w_ref, b_ref, X, ys, 0.1)
    assert abs(obj - obj_ref) / obj_ref < 1e-3
    assert w @ w_ref / np.linalg.norm(w) / np.linalg.norm(w_ref) > 0.999
    assert history.shape == (2001,) and history.min() == pytest.approx(obj)
    assert np.mean(np.sign(X @ w + b) == ys) == pytest.approx(ref.score(X, y), abs=0.02)


def test_fit_rejects_bad_input():
    X, y = _blobs(30)
    with pytest.raises(ValueError, match="exactly two classes"):
        svm.fit_linear_svm_subgradient(X, np.arange(30) % 3)
    with pytest.raises(ValueError, match="C must be a positive"):
        svm.fit_linear_svm_subgradient(X, y, C=0.0)
    with pytest.raises(ValueError, match="n_iter"):
        svm.fit_linear_svm_subgradient(X, y, n_iter=0)
    with pytest.raises(ValueError, match="same number of samples"):
        svm.fit_linear_svm_subgradient(X, y[:-1])
    with pytest.raises(TypeError, match="C must be a real number"):
        svm.svm_objective(np.zeros(2), 0.0, X, svm.to_signed_labels(y), C="1")
    with pytest.raises(ValueError, match="w"):
        svm.svm_subgradient(np.zeros(3), 0.0, X, svm.to_signed_labels(y))


def test_rbf_kernel_matches_sklearn(rng):
    X, Z = rng.normal(size=(15, 4)), rng.normal(size=(7, 4))
    np.testing.assert_allclose(svm.rbf_kernel(X, Z, gamma=0.3), metrics.pairwise.rbf_kernel(X, Z, gamma=0.3),
                               atol=1e-12)
    K = svm.rbf_kernel(X, gamma=2.0)
    np.testing.assert_allclose(K, metrics.pairwise.rbf_kernel(X, gamma=2.0), atol=1e-12)
    np.testing.assert_allclose(np.diag(K), 1.0)
    with pytest.raises(ValueError, match="gamma"):
        svm.rbf_kernel(X, Z, gamma=-1.0)
    with pytest.raises(ValueError, match="same number of features"):
        svm.rbf_kernel(X, Z[:, :3])


def test_kernel_decision_function_matches_svc():
    X, y = datasets.make_moons(150, noise=0.25, random_state=0)
    model = sk_svm.SVC(kernel="rbf", gamma=1.5, C=2.0).fit(X, y)
    K = svm.rbf_kernel(model.support_vectors_, X, gamma=1.5)
    ours = svm.kernel_decision_function(K, model.dual_coef_[0], float(model.intercept_[0]))
    np.testing.assert_allclose(ours, model.decision_function(X), atol=1e-10)
    with pytest.raises(ValueError, match="dual_coef"):
        svm.kernel_decision_function(K, model.dual_coef_[0][:-1], 0.0)
    with pytest.raises(TypeError, match="intercept"):
        svm.kernel_decision_function(K, model.dual_coef_[0], "0")
