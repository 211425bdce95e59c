"""Tests for helpers.clustering against scikit-learn."""

import numpy as np
import pytest
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics import silhouette_samples as sk_sil_samples
from sklearn.metrics import silhouette_score as sk_sil
from sklearn.mixture import GaussianMixture

from helpers.clustering import (
    assign_labels,
    dbscan,
    gmm_e_step,
    gmm_em,
    inertia,
    kmeans,
    kmeans_plusplus,
    pairwise_sq_dists,
    silhouette_samples,
    silhouette_score,
    update_centers,
)


@pytest.fixture
def blobs():
    X, y = make_blobs(n_samples=300, centers=4, cluster_std=0.6, random_state=0)
    return X, y


def test_pairwise_sq_dists(blobs):
    X, _ = blobs
    D = pairwise_sq_dists(X[:7], X[:5])
    ref = ((X[:7, None, :] - X[None, :5, :]) ** 2).sum(-1)
    np.testing.assert_allclose(D, ref, atol=1e-9)
    near = X[:1] + 1e-9  # rounding in |a|^2 - 2ab + |b|^2 can go below zero: clipped
    assert np.all(pairwise_sq_dists(np.vstack([X, near]), np.vstack([X, near])) >= 0)
    with pytest.raises(ValueError, match="same number of columns"):
        pairwise_sq_dists(X, X[:, :1])


def test_update_centers_keeps_empty_cluster():
    X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 10.0]])
    old = np.array([[1.0, 1.0], [9.0, 9.0], [-50.0, -50.0]])
    new = update_centers(X, np.array([0, 0, 1]), old)
    np.testing.assert_allclose(new, [[1.0, 0.0], [10.0, 10.0], [-50.0, -50.0]])
    with pytest.raises(ValueError, match="labels must lie"):
        update_centers(X, np.array([0, 0, 3]), old)
    with pytest.raises(TypeError, match="labels must hold integer"):
        update_centers(X, np.array([0.0, 0.0, 1.0]), old)


def test_kmeans_matches_sklearn_lloyd_from_same_init(blobs):
    X, _ = blobs
    init = X[[0, 1, 2, 3]]
    C, labels, inert, _ = kmeans(X, 4, init=init)
    ref = KMeans(n_clusters=4, init=init, n_init=1, algorithm="lloyd", tol=0).fit(X)
    np.testing.assert_allclose(C, ref.cluster_centers_, rtol=1e-8)
    np.testing.assert_array_equal(labels, ref.labels_)
    assert inert == pytest.approx(ref.inertia_, rel=1e-8)
    assert inertia(X, labels, C) == pytest.approx(inert)


def test_kmeans_restarts_find_blobs(blobs):
    X, y = blobs
    C, labels, inert, _ = kmeans(X, 4, n_init=5, random_state=1)
    ref = KMeans(n_clusters=4, n_init=5, random_state=0).fit(X)
    assert adjusted_rand_score(y, labels) > 0.9
    assert inert == pytest.approx(ref.inertia_, rel=1e-6)
    np.testing.assert_array_equal(assign_labels(X, C), labels)
    with pytest.raises(ValueError, match="n_clusters"):
        kmeans(X, 0)
    with pytest.raises(ValueError, match="init"):
        kmeans(X, 2, init="bogus")


def test_kmeans_plusplus_is_d2_sampling():
    # points 0 and 10 on a line; after picking 0 first, the next pick is 10 with prob 100/101
    X = np.array([[0.0], [1.0], [10.0]])
    picks = []
    for s in range(400):
        C = kmeans_plusplus(X, 2, random_state=s)
        if C[0, 0] == 0.0:
            picks.append(C[1, 0])
    picks = np.array(picks)
    assert len(picks) > 80
    assert np.mean(picks == 10.0) > 0.95
    C = kmeans_plusplus(X, 3, random_state=0)
    assert sorted(C[:, 0]) == [0.0, 1.0, 10.0]  # distinct points, all chosen


@pytest.mark.parametrize("k", [2, 3, 5])
def test_silhouette_matches_sklearn(blobs, k):
    X, _ = blobs
    labels = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(X)
    np.testing.assert_allclose(silhouette_samples(X, labels), sk_sil_samples(X, labels), atol=1e-10)
    assert silhouette_score(X, labels) == pytest.approx(sk_sil(X, labels), abs=1e-10)


def test_silhouette_singleton_and_errors():
    X = np.array([[0.0], [0.1], [5.0], [5.2], [9.0]])
    labels = np.array([0, 0, 1, 1, 2])
    np.testing.assert_allclose(silhouette_samples(X, labels), sk_sil_samples(X, labels), atol=1e-12)
    with pytest.raises(ValueError, match="n_clusters"):
        silhouette_score(X, np.zeros(5, dtype=int))


@pytest.mark.parametrize("eps,min_samples", [(0.2, 5), (0.3, 10), (0.1, 3)])
def test_dbscan_matches_sklearn(eps, min_samples):
    X, _ = make_moons(n_samples=300, noise=0.08, random_state=0)
    ours = dbscan(X, eps, min_samples)
    ref = DBSCAN(eps=eps, min_samples=min_samples).fit_predict(X)
    np.testing.assert_array_equal(ours == -1, ref == -1)
    np.testing.assert_array_equal(ours, ref)


def test_dbscan_errors():
    with pytest.raises(ValueError, match="eps"):
        dbscan(np.zeros((3, 2)), 0.0)
    with pytest.raises(ValueError, match="min_samples"):
        dbscan(np.zeros((3, 2)), 1.0, 0)


def test_gmm_em_matches_sklearn_from_same_start(blobs):
    X, y = blobs
    init = X[[0, 1, 2, 3]]
    ours = gmm_em(X, 4, init_means=init, n_iter=300, tol=1e-12)
    ll = np.array(ours["log_likelihood"])
    assert np.all(np.diff(ll) >= -1e-10)  # EM never decreases the likelihood
    prec = np.linalg.inv(np.repeat((np.cov(X.T) + 1e-6 * np.eye(2))[None], 4, axis=0))
    ref = GaussianMixture(4, covariance_type="full", means_init=init, weights_init=np.full(4, 0.25),
                          precisions_init=prec, max_iter=300, tol=1e-12, reg_covar=1e-6).fit(X)
    assert ll[-1] == pytest.approx(ref.score(X), abs=1e-6)
    order = np.argsort(ours["means"][:, 0])
    ref_order = np.argsort(ref.means_[:, 0])
    np.testing.assert_allclose(ours["means"][order], ref.means_[ref_order], atol=1e-4)
    np.testing.assert_allclose(ours["weights"][order], ref.weights_[ref_order], atol=1e-5)
    resp, mean_ll = gmm_e_step(X, ref.weights_, ref.means_, ref.covariances_)
    np.testing.assert_allclose(resp, ref.predict_proba(X), atol=1e-8)
    assert mean_ll == pytest.approx(ref.score(X), rel=1e-10)
    assert adjusted_rand_score(y, resp.argmax(1)) > 0.8
