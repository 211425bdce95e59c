"""Tests for helpers.regularisation: normalisation, GELU, label smoothing, mixup, ECE and KKT against references."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.optimize import minimize

from helpers import regularisation as reg


def _t(a):
    return torch.from_numpy(np.asarray(a, dtype=np.float64))


# ---------------------------------------------------------------- batch normalisation
def test_batchnorm_train_and_eval_match_torch_over_several_batches():
    rng = np.random.default_rng(0)
    d = 5
    bn = torch.nn.BatchNorm1d(d, momentum=0.2).double()
    with torch.no_grad():
        bn.weight.copy_(_t(rng.normal(size=d)))
        bn.bias.copy_(_t(rng.normal(size=d)))
    gamma, beta = bn.weight.detach().numpy().copy(), bn.bias.detach().numpy().copy()
    rm, rv = None, None
    for n in (2, 7, 16):
        X = rng.normal(loc=3.0, scale=2.0, size=(n, d))
        out, rm, rv = reg.batchnorm_forward(X, gamma, beta, rm, rv, momentum=0.2)
        np.testing.assert_allclose(out, bn(_t(X)).detach().numpy(), atol=1e-12)
        np.testing.assert_allclose(rm, bn.running_mean.numpy(), atol=1e-12)
        np.testing.assert_allclose(rv, bn.running_var.numpy(), atol=1e-12)
    bn.eval()
    X = rng.normal(size=(3, d))
    out_eval, rm2, rv2 = reg.batchnorm_forward(X, gamma, beta, rm, rv, training=False)
    np.testing.assert_allclose(out_eval, bn(_t(X)).detach().numpy(), atol=1e-12)
    np.testing.assert_array_equal(rm2, rm)  # eval mode leaves the running averages alone
    np.testing.assert_array_equal(rv2, rv)


def test_batchnorm_does_not_modify_its_inputs():
    rm, rv = np.zeros(2), np.ones(2)
    reg.batchnorm_forward(np.array([[1.0, 2.0], [3.0, 5.0]]), np.ones(2), np.zeros(2), rm, rv)
    np.testing.assert_array_equal(rm, 0.0)
    np.testing.assert_array_equal(rv, 1.0)


def test_batchnorm_bad_inputs():
    with pytest.raises(ValueError, match="at least 2 samples"):
        reg.batchnorm_forward(np.ones((1, 3)), np.ones(3), np.zeros(3))
    with pytest.raises(ValueError, match="Expected more than 1 value per channel"):
        torch.nn.BatchNorm1d(3)(torch.ones(1, 3))  # torch refuses too
    out, _, _ = reg.batchnorm_forward(np.ones((1, 3)), np.ones(3), np.zeros(3), training=False)
    assert out.shape == (1, 3)
    with pytest.raises(ValueError, match="gamma"):
        reg.batchnorm_forward(np.ones((4, 3)), np.ones(2), np.zeros(3))
    with pytest.raises(ValueError, match="momentum"):
        reg.batchnorm_forward(np.ones((4, 3)), np.ones(3), np.zeros(3), momentum=1.5)
    with pytest.raises(TypeError, match="training"):
        reg.batchnorm_forward(np.ones((4, 3)), np.ones(3), np.zeros(3), training="yes")


# ---------------------------------------------------------------- layer normalisation
def test_layernorm_matches_torch_on_2d_and_3d_inputs():
    rng = np.random.default_rng(1)
    for shape in [(4, 6), (2, 3, 6)]:
        ln = torch.nn.LayerNorm(6).double()
        with torch.no_grad():
            ln.weight.copy_(_t(rng.normal(size=6)))
            ln.bias.copy_(_t(rng.normal(size=6)))
        X = rng.normal(scale=3.0, size=shape)
        ours = reg.layernorm_forward(X, ln.weight.detach().numpy(), ln.bias.detach().numpy())
        np.testing.assert_allclose(ours, ln(_t(X)).detach().numpy(), atol=1e-12)


def test_layernorm_bad_inputs():
    with pytest.raises(ValueError, match="beta"):
        reg.layernorm_forward(np.ones((2, 4)), np.ones(4), np.zeros(3))
    with pytest.raises(ValueError, match="eps"):
        reg.layernorm_forward(np.ones((2, 4)), np.ones(4), np.zeros(4), eps=0.0)


# ---------------------------------------------------------------- GELU
@pytest.mark.parametrize("mode", ["none", "tanh"])
def test_gelu_matches_torch(mode):
    x = np.random.default_rng(2).normal(scale=4.0, size=(3, 50))
    np.testing.assert_allclose(reg.gelu(x, mode), F.gelu(_t(x), approximate=mode).numpy(), atol=1e-12)


def test_gelu_modes_differ_and_bad_mode():
    x = np.linspace(-3, 3, 101)
    assert np.abs(reg.gelu(x) - reg.gelu(x, "tanh")).max() > 1e-5
    with pytest.raises(ValueError, match="approximate"):
        reg.gelu(x, "erf")


# ---------------------------------------------------------------- label smoothing and mixup
def test_smooth_labels_give_torch_label_smoothing_loss():
    rng = np.random.default_rng(3)
    logits, y = rng.normal(size=(8, 5)), rng.integers(0, 5, size=8)
    q = reg.smooth_labels(y, 5, 0.2)
    np.testing.assert_allclose(q.sum(axis=1), 1.0)
    log_p = torch.log_softmax(_t(logits), dim=1).numpy()
    ours = -(q * log_p).sum(axis=1).mean()
    ref = F.cross_entropy(_t(logits), torch.from_numpy(y), label_smoothing=0.2).item()
    assert abs(ours - ref) < 1e-12
    assert q[0, y[0]] == pytest.approx(1 - 0.2 + 0.2 / 5)


def test_smooth_labels_bad_inputs():
    with pytest.raises(ValueError, match="labels in 0..2"):
        reg.smooth_labels([0, 3], 3)
    with pytest.raises(ValueError, match="eps"):
        reg.smooth_labels([0, 1], 3, eps=-0.1)
    with pytest.raises(ValueError, match="n_classes"):
        reg.smooth_labels([0, 0], 1)


def test_mixup_is_seeded_and_mixes_inputs_and_targets_alike():
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(10, 3)), np.eye(4)[rng.integers(0, 4, size=10)]
    X1, Y1, lam, perm = reg.mixup(X, Y, 0.4, random_state=7)
    X2, _, lam2, _ = reg.mixup(X, Y, 0.4, random_state=7)
    np.testing.assert_array_equal(X1, X2)
    assert lam == lam2 and 0 <= lam <= 1
    np.testing.assert_allclose(X1, lam * X + (1 - lam) * X[perm])
    np.testing.assert_allclose(Y1, lam * Y + (1 - lam) * Y[perm])
    np.testing.assert_allclose(Y1.sum(axis=1), 1.0)
    assert sorted(perm) == list(range(10))
    # lam follows Beta(alpha, alpha): the sample mean of many draws is near 1/2
    lams = [reg.mixup(X, Y, 0.4, random_state=s)[2] for s in range(400)]
    assert abs(np.mean(lams) - 0.5) < 0.05


def test_mixup_bad_inputs():
    with pytest.raises(ValueError, match="alpha"):
        reg.mixup(np.ones((3, 2)), np.eye(3), 0.0)
    with pytest.raises(ValueError, match="Y"):
        reg.mixup(np.ones((3, 2)), np.eye(4), 0.2)


# ---------------------------------------------------------------- calibration
def test_ece_hand_example_and_brute_force():
    proba = np.array([[0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.2, 0.8]])
    y = np.array([0, 1, 1, 0])
    # bins of width 0.5: {0.6} -> acc 0, conf 0.6; {0.9, 0.7, 0.8} -> acc 2/3, conf 0.8
    expected = 0.25 * 0.6 + 0.75 * abs(2 / 3 - 0.8)
    assert reg.expected_calibration_error(proba, y, n_bins=2) == pytest.approx(expected)
    rng = np.random.default_rng(5)
    logits = rng.normal(scale=3, size=(300, 4))
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    labels = rng.integers(0, 4, size=300)
    conf, hit = p.max(axis=1), (p.argmax(axis=1) == labels)
    edges = np.linspace(0, 1, 11)
    brute = sum(np.mean(m) * abs(hit[m].mean() - conf[m].mean())
                for lo, hi in zip(edges[:-1], edges[1:]) for m in [(conf > lo) & (conf <= hi)] if m.any())
    assert reg.expected_calibration_error(p, labels) == pytest.approx(brute, abs=1e-12)


def test_ece_bad_inputs():
    with pytest.raises(ValueError, match="probabilities"):
        reg.expected_calibration_error(np.array([[0.5, 0.6]]), np.array([0]))
    with pytest.raises(ValueError, match="n_bins"):
        reg.expected_calibration_error(np.array([[0.5, 0.5]]), np.array([0]), n_bins=0)


# ---------------------------------------------------------------- KKT
def _random_problem(seed, d=4):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    return M @ M.T + 0.5 * np.eye(d), rng.normal(scale=5.0, size=d)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_norm_constrained_quadratic_matches_slsqp_and_satisfies_kkt(seed):
    A, b = _random_problem(seed)
    radius = 0.5 * np.linalg.norm(np.linalg.solve(A, b))  # half the unconstrained norm: active
    w, lam = reg.solve_norm_constrained_quadratic(A, b, radius)
    ref = minimize(lambda v: 0.5 * v @ A @ v - b @ v, np.zeros(4), jac=lambda v: A @ v - b, method="SLSQP",
                   constraints=[{"type": "ineq", "fun": lambda v: 0.5 * (radius**2 - v @ v), "jac": lambda v: -v}],
                   options={"ftol": 1e-14, "maxiter": 500})
    np.testing.assert_allclose(w, ref.x, atol=1e-5)
    assert lam == pytest.approx(float(ref.multipliers[0]), rel=1e-4)
    res = reg.kkt_residuals(lambda v: A @ v - b, lambda v: np.array([0.5 * (v @ v - radius**2)]),
                            lambda v: v[None, :], w, [lam])
    assert res["stationarity"] < 1e-8 and res["complementary"] < 1e-8 and res["primal"] < 1e-10
    assert res["dual"] == 0.0 and lam > 0


def test_inactive_constraint_gives_zero_multiplier():
    A, b = _random_problem(3)
    w_free = np.linalg.solve(A, b)
    w, lam = reg.solve_norm_constrained_quadratic(A, b, 2 * np.linalg.norm(w_free))
    assert lam == 0.0
    np.testing.assert_allclose(w, w_free)


def test_kkt_residuals_detect_violations():
    grad_f = lambda v: v - np.array([3.0, 4.0])  # noqa: E731  f = |w - c|^2 / 2
    g = lambda v: np.array([0.5 * (v @ v - 1.0)])  # noqa: E731
    jac = lambda v: v[None, :]  # noqa: E731
    good = reg.kkt_residuals(grad_f, g, jac, np.array([0.6, 0.8]), [4.0])
    assert max(good.values()) < 1e-12
    assert reg.kkt_residuals(grad_f, g, jac, np.array([0.6, 0.8]), [-4.0])["dual"] == 4.0
    assert reg.kkt_residuals(grad_f, g, jac, np.array([3.0, 4.0]), [0.0])["primal"] == 12.0
    assert reg.kkt_residuals(grad_f, g, jac, np.zeros(2), [1.0])["complementary"] == 0.5


def test_constrained_solver_bad_inputs():
    A, b = _random_problem(4)
    with pytest.raises(ValueError, match="positive definite"):
        reg.solve_norm_constrained_quadratic(-A, b, 1.0)
    with pytest.raises(ValueError, match="symmetric"):
        reg.solve_norm_constrained_quadratic(A + np.triu(np.ones((4, 4)), 1), b, 1.0)
    with pytest.raises(ValueError, match="radius"):
        reg.solve_norm_constrained_quadratic(A, b, 0.0)
    with pytest.raises(ValueError, match="one multiplier per constraint"):
        reg.kkt_residuals(lambda v: v, lambda v: np.array([0.0, 0.0]), lambda v: np.eye(2), np.zeros(2), [1.0])
