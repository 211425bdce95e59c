"""Tests for helpers.linalg against NumPy, SciPy and scikit-learn."""

import numpy as np
import pytest
import scipy.linalg
from sklearn.decomposition import PCA
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

from helpers.linalg import (
    affine_matrix,
    apply_affine,
    cosine_similarity,
    gaussian_solve,
    least_squares,
    low_rank_approx,
    pca_svd,
    power_iteration,
    projection_matrix,
    rotation_2d,
)


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_cosine_similarity_matches_sklearn(rng):
    A, B = rng.normal(size=(5, 4)), rng.normal(size=(3, 4))
    np.testing.assert_allclose(cosine_similarity(A, B), sk_cosine(A, B), atol=1e-12)
    np.testing.assert_allclose(np.diag(cosine_similarity(A)), 1.0)
    # scale invariance
    np.testing.assert_allclose(cosine_similarity(3 * A, B), cosine_similarity(A, B), atol=1e-12)


def test_cosine_similarity_errors(rng):
    with pytest.raises(ValueError, match="zero vector"):
        cosine_similarity(np.array([[1.0, 0.0], [0.0, 0.0]]))
    with pytest.raises(ValueError, match="same number of columns"):
        cosine_similarity(rng.normal(size=(2, 3)), rng.normal(size=(2, 4)))
    with pytest.raises(ValueError, match="A must be 2-D"):
        cosine_similarity(np.ones(3))


def test_gaussian_solve_matches_numpy(rng):
    A = rng.normal(size=(6, 6))
    b = rng.normal(size=6)
    np.testing.assert_allclose(gaussian_solve(A, b), np.linalg.solve(A, b), rtol=1e-10)
    B = rng.normal(size=(6, 3))
    np.testing.assert_allclose(gaussian_solve(A, B), scipy.linalg.solve(A, B), rtol=1e-10)


def test_gaussian_solve_needs_pivoting_and_detects_singular():
    A = np.array([[0.0, 2.0, 1.0], [1.0, 1.0, 0.0], [2.0, 0.0, 3.0]])  # zero first pivot
    b = np.array([3.0, 2.0, 5.0])
    np.testing.assert_allclose(gaussian_solve(A, b), np.linalg.solve(A, b), rtol=1e-12)
    tiny = np.array([[1e-20, 1.0], [1.0, 1.0]])  # without pivoting this loses all accuracy
    np.testing.assert_allclose(gaussian_solve(tiny, [1.0, 2.0]), [1.0, 1.0], rtol=1e-12)
    with pytest.raises(np.linalg.LinAlgError, match="singular"):
        gaussian_solve(np.array([[1.0, 2.0], [2.0, 4.0]]), [1.0, 2.0])
    with pytest.raises(ValueError, match="square"):
        gaussian_solve(np.ones((2, 3)), [1.0, 2.0])
    with pytest.raises(ValueError, match="b must have 2 rows"):
        gaussian_solve(np.eye(2), [1.0, 2.0, 3.0])


def test_least_squares_matches_lstsq_and_projection(rng):
    X = rng.normal(size=(30, 4))
    y = rng.normal(size=30)
    w = least_squares(X, y)
    np.testing.assert_allclose(w, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)
    P = projection_matrix(X)
    np.testing.assert_allclose(P @ y, X @ w, atol=1e-10)
    np.testing.assert_allclose(P @ P, P, atol=1e-12)
    np.testing.assert_allclose(P, P.T, atol=1e-12)
    np.testing.assert_allclose(X.T @ (y - P @ y), 0.0, atol=1e-10)
    with pytest.raises(np.linalg.LinAlgError, match="full column rank"):
        least_squares(np.hstack([X, X[:, :1]]), y)
    with pytest.raises(ValueError, match="one entry per row"):
        least_squares(X, y[:5])


def test_power_iteration_matches_eigh(rng):
    M = rng.normal(size=(6, 6))
    S = M @ M.T
    lam, v = power_iteration(S)
    w, V = np.linalg.eigh(S)
    assert lam == pytest.approx(w[-1], rel=1e-10)
    assert abs(v @ V[:, -1]) == pytest.approx(1.0, abs=1e-8)
    assert np.linalg.norm(v) == pytest.approx(1.0)


def test_power_iteration_negative_dominant_eigenvalue():
    Q = np.linalg.qr(np.random.default_rng(3).normal(size=(4, 4)))[0]
    A = Q @ np.diag([-5.0, 2.0, 1.0, 0.5]) @ Q.T
    lam, v = power_iteration(A)
    assert lam == pytest.approx(-5.0, rel=1e-10)
    np.testing.assert_allclose(A @ v, lam * v, atol=1e-8)
    with pytest.raises(ValueError, match="square"):
        power_iteration(np.ones((2, 3)))


def test_pca_svd_matches_sklearn(rng):
    X = rng.normal(size=(50, 5)) @ rng.normal(size=(5, 5)) + 3.0
    comps, var, ratio, mean = pca_svd(X, 3)
    ref = PCA(n_components=3).fit(X)
    np.testing.assert_allclose(var, ref.explained_variance_, rtol=1e-10)
    np.testing.assert_allclose(ratio, ref.explained_variance_ratio_, rtol=1e-10)
    np.testing.assert_allclose(np.abs(np.sum(comps * ref.components_, axis=1)), 1.0, atol=1e-10)
    np.testing.assert_allclose(mean, ref.mean_)
    np.testing.assert_allclose(comps @ comps.T, np.eye(3), atol=1e-12)
    # eigen-decomposition of the covariance gives the same variances
    np.testing.assert_allclose(var, np.linalg.eigvalsh(np.cov(X.T))[::-1][:3], rtol=1e-10)
    with pytest.raises(ValueError, match="n_components"):
        pca_svd(X, 6)


def test_low_rank_approx_eckart_young(rng):
    X = rng.normal(size=(8, 6))
    s = np.linalg.svd(X, compute_uv=False)
    for k in (0, 2, 6):
        Xk = low_rank_approx(X, k)
        assert np.linalg.matrix_rank(Xk) == k
        assert np.linalg.norm(X - Xk) == pytest.approx(np.sqrt(np.sum(s[k:] ** 2)), abs=1e-10)
    with pytest.raises(ValueError, match="k must be"):
        low_rank_approx(X, 7)


def test_affine_maps_in_homogeneous_coordinates():
    pts = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, -1.0]])
    R = rotation_2d(np.pi / 2)
    np.testing.assert_allclose(R @ [1.0, 0.0], [0.0, 1.0], atol=1e-15)
    M = affine_matrix(2 * R, [1.0, -1.0])
    np.testing.assert_allclose(apply_affine(M, pts), pts @ (2 * R).T + [1.0, -1.0], atol=1e-12)
    # composition = matrix product, rightmost first; inverse map = inverse matrix
    T = affine_matrix(np.eye(2), [5.0, 0.0])
    np.testing.assert_allclose(apply_affine(T @ M, pts), apply_affine(M, pts) + [5.0, 0.0])
    back = apply_affine(np.linalg.inv(M), apply_affine(M, pts))
    np.testing.assert_allclose(back, pts, atol=1e-12)
    with pytest.raises(ValueError, match="t must have shape"):
        affine_matrix(np.eye(2), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="points must have shape"):
        apply_affine(M, np.ones((3, 3)))
