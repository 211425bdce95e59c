"""Tests of helpers.matrices against NumPy and SciPy."""

import numpy as np
import pytest
import scipy.linalg
import sympy

from helpers.matrices import (
    condition_number,
    det_elimination,
    in_span,
    is_psd,
    matrix_rank,
    null_space,
    row_echelon,
    spectral_decomposition,
)


def low_rank(rng, m, n, r):
    return rng.normal(size=(m, r)) @ rng.normal(size=(r, n))


@pytest.mark.parametrize("shape, r", [((6, 4), 2), ((4, 7), 3), ((5, 5), 5), ((8, 3), 1)])
def test_rank_and_null_space_match_numpy_and_scipy(shape, r):
    rng = np.random.default_rng(r)
    A = low_rank(rng, *shape, r)
    assert matrix_rank(A) == np.linalg.matrix_rank(A) == r
    N = null_space(A)
    ref = scipy.linalg.null_space(A)
    assert N.shape == ref.shape == (shape[1], shape[1] - r)        # rank-nullity
    np.testing.assert_allclose(N @ N.T, ref @ ref.T, atol=1e-10)   # same subspace (the basis is not unique)
    np.testing.assert_allclose(A @ N, 0.0, atol=1e-10)
    np.testing.assert_allclose(N.T @ N, np.eye(N.shape[1]), atol=1e-12)


def test_row_echelon_matches_sympy_rref():
    rng = np.random.default_rng(1)
    A = rng.integers(-4, 5, size=(4, 6)).astype(float)
    A[2] = A[0] - 2 * A[1]
    R, pivots = row_echelon(A)
    R_ref, piv_ref = sympy.Matrix(A.astype(int)).rref()
    np.testing.assert_allclose(R, np.array(R_ref, dtype=float), atol=1e-10)
    assert tuple(pivots) == piv_ref
    assert len(pivots) == np.linalg.matrix_rank(A) == 3


def test_in_span():
    rng = np.random.default_rng(2)
    V = rng.normal(size=(2, 4))
    assert in_span(V, 3 * V[0] - 0.5 * V[1])
    assert not in_span(V, rng.normal(size=4))


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_det_matches_numpy(n):
    rng = np.random.default_rng(n)
    A = rng.normal(size=(n, n))
    assert det_elimination(A) == pytest.approx(np.linalg.det(A), rel=1e-10)
    P = np.eye(n)[::-1]                             # a permutation: det is +1 or -1
    assert det_elimination(P) == pytest.approx(np.linalg.det(P), abs=1e-12)


def test_det_of_singular_matrix_is_zero():
    assert det_elimination([[1.0, 2.0], [2.0, 4.0]]) == pytest.approx(0.0, abs=1e-12)
    assert det_elimination(np.zeros((3, 3))) == 0.0


def test_condition_number_matches_numpy():
    rng = np.random.default_rng(3)
    for A in (rng.normal(size=(5, 5)), rng.normal(size=(9, 4)), np.diag([1.0, 1e-6])):
        assert condition_number(A) == pytest.approx(np.linalg.cond(A), rel=1e-8)
    assert condition_number([[1.0, 1.0], [1.0, 1.0]]) > 1e15     # singular: infinite, or huge after round-off


def test_is_psd():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(10, 6))
    assert is_psd(X @ X.T)                  # Gram matrix of rank 6: PSD but singular
    assert is_psd(np.cov(X.T))
    assert not is_psd(np.diag([1.0, -0.1, 2.0]))
    assert not is_psd([[1.0, 2.0], [2.0, 1.0]])   # positive entries, negative eigenvalue


def test_spectral_decomposition_matches_eigh():
    rng = np.random.default_rng(5)
    B = rng.normal(size=(6, 6))
    A = B + B.T
    lam, Q = spectral_decomposition(A)
    np.testing.assert_allclose(lam, np.sort(np.linalg.eigvalsh(A))[::-1], atol=1e-10)
    np.testing.assert_allclose(Q @ np.diag(lam) @ Q.T, A, atol=1e-10)
    np.testing.assert_allclose(Q.T @ Q, np.eye(6), atol=1e-12)


@pytest.mark.parametrize("func", [matrix_rank, null_space, row_echelon, condition_number])
def test_bad_input_is_named(func):
    with pytest.raises(ValueError, match="A must be 2-D"):
        func(np.ones(3))
    with pytest.raises(TypeError, match="A must hold numeric"):
        func([["a", "b"]])


def test_square_and_symmetric_are_required():
    with pytest.raises(ValueError, match="A must be square"):
        det_elimination(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A must be symmetric"):
        is_psd([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="A must be symmetric"):
        spectral_decomposition([[1.0, 2.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="v must have shape"):
        in_span(np.eye(3), np.ones(4))
    with pytest.raises(ValueError, match="tol must be >= 0"):
        matrix_rank(np.eye(2), tol=-1.0)
