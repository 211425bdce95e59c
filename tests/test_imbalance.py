"""helpers.imbalance against imbalanced-learn, torch autograd and scikit-learn."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from imblearn.over_sampling import SMOTE
from sklearn.metrics import precision_recall_curve

from helpers import imbalance as hi


def test_smote_matches_imblearn():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(40, 3)), rng.normal(2, 1, size=(9, 3))])
    y = np.r_[np.zeros(40, int), np.ones(9, int)]
    for seed, k in [(0, 3), (5, 5)]:
        X_res, _ = SMOTE(k_neighbors=k, random_state=seed).fit_resample(X, y)
        ours = hi.smote(X[y == 1], 31, k_neighbors=k, random_state=seed)
        np.testing.assert_allclose(ours, X_res[len(y):], atol=1e-12)


def test_smote_points_lie_on_segments():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(6, 2))
    new = hi.smote(X, 50, k_neighbors=2, random_state=0)
    # each new point is x_i + u (x_j - x_i) for some pair: collinear and between them
    for p in new:
        ok = False
        for i in range(6):
            for j in range(6):
                d = X[j] - X[i]
                u = (p - X[i]) @ d / (d @ d) if i != j else -1
                ok |= 0 <= u <= 1 and np.allclose(X[i] + u * d, p)
        assert ok


def test_smote_bad_input():
    with pytest.raises(ValueError, match="k_neighbors must be smaller"):
        hi.smote(np.zeros((3, 2)), 5, k_neighbors=3)
    with pytest.raises(ValueError, match="X_minority must be 2-D"):
        hi.smote(np.zeros(3), 5)
    with pytest.raises(TypeError, match="n_new must be an int"):
        hi.smote(np.zeros((4, 2)), 2.5, k_neighbors=1)


def test_focal_loss_reduces_to_bce_and_gradient_matches_autograd():
    g = torch.Generator().manual_seed(0)
    z = torch.randn(50, generator=g, dtype=torch.float64) * 3
    y = (torch.rand(50, generator=g) < 0.3).double()
    assert torch.allclose(hi.focal_loss(z, y, gamma=0.0), F.binary_cross_entropy_with_logits(z, y), atol=1e-12)
    for gamma, alpha in [(0.0, None), (2.0, None), (1.5, 0.25)]:
        zz = z.clone().requires_grad_(True)
        hi.focal_loss(zz, y, gamma=gamma, alpha=alpha).backward()
        assert torch.allclose(zz.grad, hi.focal_loss_grad(z, y, gamma=gamma, alpha=alpha), atol=1e-12)


def test_focal_loss_bad_input():
    z = torch.zeros(3)
    with pytest.raises(ValueError, match="targets must hold 0/1"):
        hi.focal_loss(z, torch.tensor([0.0, 2.0, 1.0]))
    with pytest.raises(ValueError, match="alpha must be in"):
        hi.focal_loss(z, torch.zeros(3), alpha=1.5)
    with pytest.raises(TypeError, match="torch tensors"):
        hi.focal_loss(np.zeros(3), torch.zeros(3))


def test_recall_at_precision_matches_sklearn_curve():
    rng = np.random.default_rng(2)
    y = (rng.random(400) < 0.15).astype(int)
    s = np.round(y * 0.8 + rng.normal(size=400), 1)          # ties on purpose
    prec, rec, _ = precision_recall_curve(y, s)
    for p_min in (0.2, 0.4, 0.6):
        assert hi.recall_at_precision(y, s, p_min) == pytest.approx(rec[prec >= p_min].max(), abs=1e-12)
    with pytest.raises(ValueError, match="min_precision"):
        hi.recall_at_precision(y, s, 0.0)
