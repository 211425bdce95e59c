"""Tests for helpers.cluster_validation against scikit-learn and brute force."""

import itertools

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.datasets import make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score
from sklearn.mixture import GaussianMixture

from helpers.cluster_validation import (
    aic,
    bic,
    calinski_harabasz,
    davies_bouldin,
    gap_statistic,
    gmm_n_parameters,
    k_medoids,
    medoid_cost,
    pca_reconstruction_error,
)


@pytest.fixture
def blobs():
    return make_blobs(n_samples=200, centers=3, cluster_std=0.7, random_state=0)


@pytest.mark.parametrize("covariance_type", ["full", "diag", "tied", "spherical"])
def test_aic_bic_match_gaussian_mixture(blobs, covariance_type):
    X, _ = blobs
    gm = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(X)
    log_l = gm.score(X) * len(X)
    p = gmm_n_parameters(3, X.shape[1], covariance_type)
    assert aic(log_l, p) == pytest.approx(gm.aic(X), rel=1e-12)
    assert bic(log_l, p, len(X)) == pytest.approx(gm.bic(X), rel=1e-12)


def test_information_criteria_validation():
    with pytest.raises(ValueError, match="covariance_type must be one of"):
        gmm_n_parameters(2, 2, "banded")
    with pytest.raises(TypeError, match="n_samples must be an int"):
        bic(-10.0, 3, 10.5)
    with pytest.raises(ValueError, match="n_parameters must be >= 0"):
        aic(-10.0, -1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_indices_match_sklearn_on_random_labels(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(60, 3))
    labels = rng.integers(0, 4, 60)
    assert davies_bouldin(X, labels) == pytest.approx(davies_bouldin_score(X, labels), rel=1e-10)
    assert calinski_harabasz(X, labels) == pytest.approx(calinski_harabasz_score(X, labels), rel=1e-10)


def test_indices_reject_a_single_cluster(blobs):
    X, _ = blobs
    with pytest.raises(ValueError, match="between 2 and n_samples - 1 clusters"):
        davies_bouldin(X, np.zeros(len(X), dtype=int))
    with pytest.raises(TypeError, match="labels must hold integer"):
        calinski_harabasz(X, np.zeros(len(X)))


def test_gap_statistic_finds_blobs_and_no_structure(blobs):
    X, _ = blobs
    assert gap_statistic(X, range(1, 6), n_refs=5, n_init=2, random_state=0)["best_k"] == 3
    U = np.random.default_rng(0).uniform(size=(200, 2))
    out = gap_statistic(U, range(1, 5), n_refs=5, n_init=2, random_state=0)
    assert out["best_k"] == 1
    assert out["ref_log_w"].shape == (5, 4)
    with pytest.raises(ValueError, match="consecutive"):
        gap_statistic(X, [1, 3], random_state=0)


@pytest.mark.parametrize("seed", [0, 1])
def test_gap_statistic_log_w_is_the_kmeans_inertia(blobs, seed):
    from sklearn.cluster import KMeans

    X, _ = blobs
    out = gap_statistic(X, range(1, 4), n_refs=2, n_init=3, random_state=seed)
    ref = [np.log(KMeans(k, n_init=10, random_state=0).fit(X).inertia_) for k in range(1, 4)]
    np.testing.assert_allclose(out["log_w"], ref, rtol=1e-8)


@pytest.mark.parametrize("k", [2, 3])
def test_k_medoids_matches_brute_force_on_clustered_tiny_sets(k):
    rng = np.random.default_rng(k)
    centres = np.array([[0, 0], [4, 0], [0, 4]])[:k]
    Z = np.vstack([rng.normal(c, 0.5, (4, 2)) for c in centres])
    D = cdist(Z, Z)
    best = min(medoid_cost(D, list(m)) for m in itertools.combinations(range(len(Z)), k))
    out = k_medoids(D, k)
    assert out["cost"] == pytest.approx(best, rel=1e-12)
    assert out["labels"].shape == (len(Z),) and len(out["medoids"]) == k


def test_k_medoids_is_never_worse_than_its_greedy_start_and_validates():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(30, 2))
    D = cdist(Z, Z)
    assert k_medoids(D, 3)["cost"] <= k_medoids(D, 3, max_iter=0)["cost"]
    with pytest.raises(ValueError, match="square"):
        k_medoids(D[:, :5], 2)
    with pytest.raises(ValueError, match="n_clusters must be <="):
        k_medoids(D, 31)
    with pytest.raises(ValueError, match="non-negative"):
        k_medoids(-D, 2)


def test_pca_reconstruction_error_matches_sklearn():
    rng = np.random.default_rng(0)
    ref = rng.normal(size=(100, 6)) @ rng.normal(size=(6, 6))
    X = rng.normal(size=(20, 6))
    pca = PCA(3).fit(ref)
    expected = np.sum((X - pca.inverse_transform(pca.transform(X))) ** 2, axis=1)
    np.testing.assert_allclose(pca_reconstruction_error(ref, X, 3), expected, rtol=1e-9)
    with pytest.raises(ValueError, match="n_components must be <="):
        pca_reconstruction_error(ref, X, 7)
    with pytest.raises(ValueError, match="X must have shape"):
        pca_reconstruction_error(ref, X[:, :5], 2)
