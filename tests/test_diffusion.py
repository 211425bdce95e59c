"""Tests of helpers.diffusion against references (closed-form Gaussians, scipy, torch)."""

import numpy as np
import pytest
import torch
from scipy.stats import wasserstein_distance

from helpers.diffusion import (
    Denoiser,
    ddpm_sample,
    forward_chain,
    linear_beta_schedule,
    q_sample,
    sliced_wasserstein,
    timestep_embedding,
    train_ddpm,
)


def test_linear_beta_schedule_matches_linspace():
    b = linear_beta_schedule(7, 0.001, 0.3)
    np.testing.assert_allclose(b, [0.001 + k * (0.3 - 0.001) / 6 for k in range(7)], rtol=1e-12)


@pytest.mark.parametrize(
    "args, exc, match",
    [((0,), ValueError, "n_steps"), ((2.5,), TypeError, "n_steps"), ((5, 0.1, 0.01), ValueError, "beta_start")],
)
def test_linear_beta_schedule_bad_input(args, exc, match):
    with pytest.raises(exc, match=match):
        linear_beta_schedule(*args)


def test_q_sample_is_the_closed_form():
    rng = np.random.default_rng(0)
    betas = rng.uniform(0.01, 0.2, 12)
    x0, eps = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    t = np.array([1, 3, 7, 12, 5])
    abar = np.array([np.prod(1 - betas[:k]) for k in t])[:, None]
    np.testing.assert_allclose(q_sample(x0, t, betas, eps), np.sqrt(abar) * x0 + np.sqrt(1 - abar) * eps,
                               rtol=1e-12)


def test_q_sample_bad_input():
    betas = linear_beta_schedule(5)
    x0 = np.zeros((3, 2))
    with pytest.raises(ValueError, match="t must lie"):
        q_sample(x0, 6, betas, np.zeros((3, 2)))
    with pytest.raises(ValueError, match="noise"):
        q_sample(x0, 1, betas, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="betas"):
        q_sample(x0, 1, [0.5, 1.5], np.zeros((3, 2)))
    with pytest.raises(TypeError, match="t must hold integers"):
        q_sample(x0, 1.5, betas, np.zeros((3, 2)))


def test_forward_chain_matches_closed_form_in_distribution():
    betas = linear_beta_schedule(20, 1e-3, 0.3)
    x0 = np.tile([[1.5, -0.5]], (40_000, 1))
    chain = forward_chain(x0, betas, random_state=1)
    assert chain.shape == (21, 40_000, 2)
    abar = np.cumprod(1 - betas)
    for t in (1, 8, 20):
        np.testing.assert_allclose(chain[t].mean(0), np.sqrt(abar[t - 1]) * x0[0], atol=0.03)
        np.testing.assert_allclose(chain[t].var(0), 1 - abar[t - 1], atol=0.03)


def test_timestep_embedding_values_and_errors():
    t = torch.tensor([0, 3, 10])
    e = timestep_embedding(t, 4, max_period=100.0)
    w = np.array([1.0, 0.1])
    ref = np.concatenate([np.sin(np.outer([0, 3, 10], w)), np.cos(np.outer([0, 3, 10], w))], axis=1)
    np.testing.assert_allclose(e.numpy(), ref, atol=1e-6)
    with pytest.raises(ValueError, match="even"):
        timestep_embedding(t, 3)
    with pytest.raises(TypeError, match="torch.Tensor"):
        timestep_embedding([1, 2], 4)


def test_denoiser_shape_and_bad_width():
    torch.manual_seed(0)
    m = Denoiser(3, width=8, depth=2, emb_dim=4)
    assert m(torch.zeros(5, 3), torch.arange(1, 6)).shape == (5, 3)
    with pytest.raises(ValueError, match="width"):
        Denoiser(2, width=0)


def test_train_and_sample_learn_a_point_mass():
    # data at a single point: a trained model must bring the samples much closer to it than pure noise
    torch.manual_seed(0)
    betas = linear_beta_schedule(20, 1e-3, 0.3)
    data = np.tile([[1.0, -1.0]], (256, 1))
    m = Denoiser(2, width=32, depth=2, emb_dim=8)
    losses = train_ddpm(m, data, betas, steps=300, batch_size=128, lr=3e-3, random_state=0)
    assert np.mean(losses[-30:]) < 0.5 * np.mean(losses[:30])
    s, path = ddpm_sample(m, 500, betas, random_state=0, return_path=True)
    assert path.shape == (21, 500, 2)
    np.testing.assert_allclose(path[-1], s, atol=1e-6)
    assert np.linalg.norm(s - data[0], axis=1).mean() < 0.3 * np.linalg.norm(path[0] - data[0], axis=1).mean()
    with pytest.raises(ValueError, match="steps"):
        train_ddpm(m, data, betas, steps=0)
    with pytest.raises(ValueError, match="data"):
        train_ddpm(m, data[:, 0], betas, steps=1)


def test_sliced_wasserstein_matches_scipy_projections():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(200, 3)), rng.normal(1.0, 2.0, size=(150, 3))
    d = np.random.default_rng(5).standard_normal((10, 3))
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    ref = np.mean([wasserstein_distance(a @ v, b @ v) for v in d])
    assert sliced_wasserstein(a, b, n_projections=10, random_state=5) == pytest.approx(ref, rel=1e-10)
    with pytest.raises(ValueError, match="b"):
        sliced_wasserstein(a, b[:, :2])
