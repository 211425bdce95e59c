"""Tests for helpers.wgan: distances against scipy, the WGAN losses and the gradient penalty against
torch and numerical gradients, the training loop's bookkeeping, and bad inputs."""

import numpy as np
import pytest
import torch
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

from helpers.checks import numerical_gradient
from helpers.gan import ring_of_gaussians
from helpers.wgan import (
    build_toy_mlp,
    critic_loss,
    gradient_penalty,
    interpolate,
    js_divergence,
    train_wgan_gp,
    wasserstein_1d,
    wgan_generator_loss,
)

RNG = np.random.default_rng(0)


@pytest.mark.parametrize("n, m", [(1, 1), (7, 7), (50, 31), (200, 3)])
def test_wasserstein_1d_matches_scipy_on_samples(n, m):
    u = RNG.normal(0, 1, n)
    v = RNG.standard_t(3, m) + 0.7
    assert wasserstein_1d(u, v) == pytest.approx(wasserstein_distance(u, v), rel=1e-12, abs=1e-12)


def test_wasserstein_1d_matches_scipy_with_weights_and_ties():
    u = RNG.integers(0, 5, 40).astype(float)  # many ties
    v = RNG.integers(2, 8, 25).astype(float)
    wu, wv = RNG.random(40), RNG.random(25)
    assert wasserstein_1d(u, v, wu, wv) == pytest.approx(
        wasserstein_distance(u, v, wu, wv), rel=1e-12, abs=1e-12
    )


def test_wasserstein_1d_of_two_point_masses_is_their_distance():
    for theta in (-3.0, 0.25, 10.0):
        assert wasserstein_1d([0.0], [theta]) == pytest.approx(abs(theta))
    assert wasserstein_1d([1.0, 2.0], [2.0, 1.0]) == 0.0


def test_js_divergence_matches_scipy_and_is_log2_for_disjoint_supports():
    for _ in range(5):
        p, q = RNG.random(6), RNG.random(6)
        p[RNG.integers(0, 6)] = 0.0
        assert js_divergence(p, q) == pytest.approx(jensenshannon(p, q) ** 2, rel=1e-10)
    assert js_divergence([1, 0, 0], [0, 0, 1]) == pytest.approx(np.log(2))
    assert js_divergence([0.2, 0.8], [0.2, 0.8]) == pytest.approx(0.0, abs=1e-15)


def test_critic_and_generator_losses_numpy_and_torch_agree():
    r, f = RNG.normal(1, 2, 30), RNG.normal(-1, 2, 20)
    expected = f.mean() - r.mean()
    assert critic_loss(r, f) == pytest.approx(expected)
    rt = torch.tensor(r, requires_grad=True)
    ft = torch.tensor(f, requires_grad=True)
    loss = critic_loss(rt, ft)
    assert loss.item() == pytest.approx(expected)
    loss.backward()
    assert torch.allclose(rt.grad, torch.full_like(rt, -1 / 30))
    assert torch.allclose(ft.grad, torch.full_like(ft, 1 / 20))
    assert wgan_generator_loss(f) == pytest.approx(-f.mean())
    assert wgan_generator_loss(torch.tensor(f)).item() == pytest.approx(-f.mean())


def test_interpolate_lies_on_the_segments():
    real, fake = torch.randn(6, 3), torch.randn(6, 3)
    alpha = torch.linspace(0, 1, 6)
    x = interpolate(real, fake, alpha=alpha)
    assert torch.allclose(x[0], fake[0]) and torch.allclose(x[-1], real[-1])
    assert torch.allclose(x[2], alpha[2] * real[2] + (1 - alpha[2]) * fake[2])
    g1 = torch.Generator().manual_seed(3)
    g2 = torch.Generator().manual_seed(3)
    assert torch.equal(interpolate(real, fake, generator=g1), interpolate(real, fake, generator=g2))


def _penalty_by_hand(w, b, v, real, fake, alpha, lam):
    """A one-hidden-layer tanh critic f(x) = v . tanh(W x + b): its input gradient in closed form."""
    x = alpha[:, None] * real + (1 - alpha[:, None]) * fake
    h = np.tanh(x @ w.T + b)
    grad = ((1 - h**2) * v) @ w  # (n, d)
    return lam * np.mean((np.linalg.norm(grad, axis=1) - 1) ** 2)


def test_gradient_penalty_matches_closed_form_and_numerical_parameter_gradient():
    torch.manual_seed(0)
    critic = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), torch.nn.Linear(4, 1, bias=False))
    critic = critic.double()
    real, fake = torch.randn(5, 2, dtype=torch.float64), torch.randn(5, 2, dtype=torch.float64)
    alpha = torch.rand(5, dtype=torch.float64)
    gp = gradient_penalty(critic, real, fake, weight=10.0, alpha=alpha)
    w, b = critic[0].weight.detach().numpy(), critic[0].bias.detach().numpy()
    v = critic[2].weight.detach().numpy()[0]
    args = (real.numpy(), fake.numpy(), alpha.numpy(), 10.0)
    assert gp.item() == pytest.approx(_penalty_by_hand(w, b, v, *args), rel=1e-12)
    gp.backward()  # second-order: d penalty / d W through the input gradient
    num = numerical_gradient(lambda ww: _penalty_by_hand(ww, b, v, *args), w)
    assert np.max(np.abs(critic[0].weight.grad.numpy() - num)) < 1e-6


def test_gradient_penalty_zero_for_unit_slope_linear_critic():
    critic = torch.nn.Linear(3, 1)
    with torch.no_grad():
        critic.weight.copy_(torch.tensor([[0.6, 0.0, 0.8]]))
    gp = gradient_penalty(critic, torch.randn(8, 3), torch.randn(8, 3))
    assert gp.item() == pytest.approx(0.0, abs=1e-10)
    with torch.no_grad():
        critic.weight.mul_(3.0)  # slope 3: penalty 10 * (3 - 1)^2 = 40
    assert gradient_penalty(critic, torch.randn(8, 3), torch.randn(8, 3)).item() == pytest.approx(40.0, rel=1e-5)


def test_build_toy_mlp_shapes():
    net = build_toy_mlp(2, 1, width=16, depth=2)
    assert net(torch.randn(5, 2)).shape == (5, 1)
    assert sum(isinstance(m, torch.nn.Linear) for m in net) == 3


@pytest.mark.parametrize("loss", ["wgan-gp", "ns"])
def test_train_wgan_gp_runs_and_is_seeded(loss):
    data = ring_of_gaussians(300, random_state=0)

    def run():
        torch.manual_seed(0)
        g, c = build_toy_mlp(2, 2, 16, 2), build_toy_mlp(2, 1, 16, 2)
        res = train_wgan_gp(g, c, data, latent_dim=2, steps=6, n_critic=2, loss=loss, batch_size=32,
                            log_every=3, random_state=1)
        return res, g

    (r1, g1), (r2, g2) = run(), run()
    assert r1.history["step"] == [3, 6] and r1.steps == 6
    assert r1.history == r2.history
    assert all(torch.equal(a, b) for a, b in zip(g1.parameters(), g2.parameters()))
    if loss == "ns":
        assert r1.history["gp"] == [0.0, 0.0]
    else:
        assert all(v > 0 for v in r1.history["gp"])


def test_bad_inputs():
    with pytest.raises(ValueError, match="u_values is empty"):
        wasserstein_1d([], [1.0])
    with pytest.raises(ValueError, match="u_weights must have one weight per value"):
        wasserstein_1d([1.0, 2.0], [1.0], u_weights=[1.0])
    with pytest.raises(ValueError, match="v_weights must be non-negative"):
        wasserstein_1d([1.0], [1.0, 2.0], v_weights=[1.0, -1.0])
    with pytest.raises(ValueError, match="u_values must be 1-D"):
        wasserstein_1d(np.zeros((2, 2)), [1.0])
    with pytest.raises(ValueError, match="p and q must have the same shape"):
        js_divergence([0.5, 0.5], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="q must be non-negative"):
        js_divergence([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(TypeError, match="NumPy arrays or both torch tensors"):
        critic_loss(np.zeros(3), torch.zeros(3))
    with pytest.raises(TypeError, match="critic_fake must be a floating-point tensor"):
        wgan_generator_loss(torch.zeros(3, dtype=torch.long))
    with pytest.raises(ValueError, match="real and fake must have the same shape"):
        gradient_penalty(torch.nn.Linear(2, 1), torch.zeros(4, 2), torch.zeros(3, 2))
    with pytest.raises(TypeError, match="real must be a torch tensor"):
        interpolate(np.zeros((2, 2)), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="alpha must lie in"):
        interpolate(torch.zeros(2, 2), torch.zeros(2, 2), alpha=torch.tensor([0.5, 1.5]))
    with pytest.raises(ValueError, match="weight must be a non-negative number"):
        gradient_penalty(torch.nn.Linear(2, 1), torch.zeros(2, 2), torch.zeros(2, 2), weight=-1.0)
    with pytest.raises(ValueError, match="width must be >= 1"):
        build_toy_mlp(2, 1, width=0)
    data = ring_of_gaussians(100)
    g, c = build_toy_mlp(2, 2, 8, 1), build_toy_mlp(2, 1, 8, 1)
    with pytest.raises(ValueError, match="loss must be one of"):
        train_wgan_gp(g, c, data, latent_dim=2, loss="minimax")
    with pytest.raises(ValueError, match="n_critic must be >= 1"):
        train_wgan_gp(g, c, data, latent_dim=2, n_critic=0)
    with pytest.raises(ValueError, match="at least batch_size=256"):
        train_wgan_gp(g, c, data, latent_dim=2)
