"""Tests for helpers.gan: losses against torch and numerical gradients, models' shapes, the quality
measure, the mode-coverage toy, and bad inputs."""

import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers.checks import numerical_gradient, rel_error
from helpers.gan import (
    MinibatchStd,
    bce_with_logits,
    build_dcgan_discriminator,
    build_dcgan_generator,
    build_mlp_discriminator,
    build_mlp_generator,
    discriminator_loss,
    ema_update,
    generator_loss,
    generator_loss_grad,
    mode_coverage,
    optimal_discriminator,
    ring_of_gaussians,
    sample_images,
    sample_quality,
    scale_images,
    train_digit_classifier,
    train_gan,
)

RNG = np.random.default_rng(0)


def _torch_d_loss(r, f):
    r, f = torch.as_tensor(r), torch.as_tensor(f)
    return (
        F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
        + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))
    ).item()


@pytest.mark.parametrize("scale", [0.1, 3.0, 50.0])
def test_discriminator_loss_matches_torch_numpy_input(scale):
    r = RNG.normal(size=17) * scale
    f = RNG.normal(size=23) * scale
    ours = discriminator_loss(r, f)
    assert isinstance(ours, float)
    assert abs(ours - _torch_d_loss(r, f)) < 1e-12 * max(1.0, abs(ours))


def test_generator_losses_match_torch_and_definitions():
    x = RNG.normal(size=(31, 1)) * 4
    xt = torch.as_tensor(x)
    ns = F.binary_cross_entropy_with_logits(xt, torch.ones_like(xt)).item()
    assert abs(generator_loss(x) - ns) < 1e-12
    # saturating: mean(log(1 - sigmoid(x)))
    d = 1 / (1 + np.exp(-x))
    assert abs(generator_loss(x, non_saturating=False) - np.mean(np.log(1 - d))) < 1e-12
    assert abs(generator_loss(x) - np.mean(-np.log(d))) < 1e-12


def test_losses_stable_at_extreme_logits():
    big = np.array([1000.0, -1000.0, 0.0])
    # real logits: +1000 -> 0 loss, -1000 -> 1000, 0 -> log 2
    assert abs(bce_with_logits(big, 1.0) - (0 + 1000 + np.log(2)) / 3) < 1e-9
    assert abs(discriminator_loss(big, big) - 2 * (1000 + np.log(2)) / 3) < 1e-9
    assert abs(generator_loss(np.array([-1000.0])) - 1000.0) < 1e-9
    assert abs(generator_loss(np.array([1000.0]), non_saturating=False) + 1000.0) < 1e-9
    t = torch.tensor([1000.0, -1000.0], dtype=torch.float64, requires_grad=True)
    loss = discriminator_loss(t, t) + generator_loss(t) + generator_loss(t, non_saturating=False)
    loss.backward()
    assert torch.isfinite(loss) and torch.all(torch.isfinite(t.grad))
    ref = _torch_d_loss(t.detach(), t.detach())
    assert abs(discriminator_loss(t, t).item() - ref) < 1e-9


def test_torch_input_gives_differentiable_tensor_matching_torch_grad():
    x = torch.tensor(RNG.normal(size=9) * 3, requires_grad=True)
    ours = generator_loss(x)
    assert isinstance(ours, torch.Tensor)
    (g_ours,) = torch.autograd.grad(ours, x)
    ref = F.binary_cross_entropy_with_logits(x, torch.ones_like(x))
    (g_ref,) = torch.autograd.grad(ref, x)
    assert torch.allclose(g_ours, g_ref, atol=1e-12)


@pytest.mark.parametrize("non_saturating", [True, False])
def test_generator_loss_grad_matches_numerical(non_saturating):
    x = RNG.normal(size=7) * 3
    num = numerical_gradient(lambda v: generator_loss(v, non_saturating) * len(v), x)
    assert rel_error(generator_loss_grad(x, non_saturating), num) < 1e-7


def test_gradient_saturates_only_for_saturating_loss():
    x = np.array([-10.0])  # D(G(z)) ~ 4.5e-5: the discriminator rejects the fake
    assert abs(generator_loss_grad(x, non_saturating=False)[0]) < 1e-4
    assert abs(generator_loss_grad(x, non_saturating=True)[0] + 1) < 1e-4


def test_optimal_discriminator():
    p = np.array([0.2, 0.0, 1.0, 0.0])
    q = np.array([0.6, 0.5, 0.0, 0.0])
    np.testing.assert_allclose(optimal_discriminator(p, q), [0.25, 0.0, 1.0, 0.5])
    # D* maximises p log D + q log(1 - D) pointwise
    grid = np.linspace(1e-4, 1 - 1e-4, 20001)
    best = grid[np.argmax(0.3 * np.log(grid) + 0.7 * np.log(1 - grid))]
    assert abs(optimal_discriminator([0.3], [0.7])[0] - best) < 1e-4


def test_bad_inputs():
    with pytest.raises(ValueError, match="same shape"):
        optimal_discriminator([0.1, 0.2], [0.3])
    with pytest.raises(ValueError, match="non-negative"):
        optimal_discriminator([-0.1], [0.3])
    with pytest.raises(TypeError, match="d_real_logits"):
        discriminator_loss(["a", "b"], [0.0])
    with pytest.raises(TypeError, match="both"):
        discriminator_loss(torch.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="empty"):
        generator_loss(np.array([]))
    with pytest.raises(ValueError, match="NaN"):
        generator_loss(np.array([np.nan]))
    with pytest.raises(ValueError, match="image_size"):
        build_mlp_generator(image_size=16)
    with pytest.raises(ValueError, match="X"):
        scale_images(np.full((2, 64), 20.0))
    with pytest.raises(ValueError, match="samples"):
        mode_coverage(np.zeros((5, 3)))


@pytest.mark.parametrize("size", [8, 28])
def test_model_shapes(size):
    z = torch.randn(5, 16)
    for g, d in [
        (build_mlp_generator(16, 32, size), build_mlp_discriminator(32, size)),
        (build_dcgan_generator(16, 8, size), build_dcgan_discriminator(8, size)),
        (build_mlp_generator(16, 32, size), build_mlp_discriminator(32, size, minibatch_std=True)),
    ]:
        x = g(z)
        assert x.shape == (5, 1, size, size)
        assert float(x.detach().abs().max()) <= 1.0
        assert d(x).shape == (5, 1)


def test_minibatch_std_feature():
    x = torch.tensor([[0.0, 2.0], [2.0, 2.0]])
    out = MinibatchStd()(x)
    assert out.shape == (2, 3)
    assert torch.allclose(out[:, 2], torch.tensor([0.5, 0.5]))  # stds 1 and 0, mean 0.5


def test_scale_images_range_and_shape():
    X = np.array([[0.0] * 63 + [16.0]])
    out = scale_images(X)
    assert out.shape == (1, 1, 8, 8) and out.dtype == np.float32
    assert out.min() == -1.0 and out.max() == 1.0


def test_sample_quality_on_real_digits_and_collapse():
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    imgs = scale_images(X)
    clf = train_digit_classifier(imgs[:800], y[:800], epochs=80, hidden=64)
    real = sample_quality(clf, imgs[1200:])
    assert real["confident_share"] > 0.7 and real["n_classes"] == 10
    collapsed = sample_quality(clf, np.repeat(imgs[y == 3][:1], 50, axis=0))
    assert collapsed["n_classes"] <= 1
    noise = sample_quality(clf, np.random.default_rng(0).uniform(-1, 1, (200, 64)))
    assert noise["confident_share"] < real["confident_share"]


def test_mode_coverage_counts_modes():
    pts = ring_of_gaussians(800, n_modes=8, random_state=1)
    full = mode_coverage(pts)
    assert full["n_modes_covered"] == 8 and full["high_quality_share"] > 0.95
    one = mode_coverage(pts[np.linalg.norm(pts - [2.0, 0.0], axis=1) < 0.5])
    assert one["n_modes_covered"] == 1


def test_train_gan_runs_and_learns_a_1d_shift():
    torch.manual_seed(0)
    g = torch.nn.Sequential(torch.nn.Linear(2, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2))
    d = torch.nn.Sequential(torch.nn.Linear(2, 32), torch.nn.LeakyReLU(0.2), torch.nn.Linear(32, 1))
    data = np.random.default_rng(0).normal(3.0, 0.3, size=(512, 2)).astype(np.float32)
    res = train_gan(g, d, data, latent_dim=2, steps=300, batch_size=64, lr=2e-3,
                    ema_decay=0.99, progress_bar=False, log_every=100)
    assert res.steps == 300
    assert len(res.history["d_loss"]) == 3
    out = sample_images(res.ema_generator, 500, 2)
    assert abs(out.mean() - 3.0) < 0.5  # moved from ~0 to the data mean


def test_train_gan_is_deterministic_and_has_no_time_cap():
    def run():
        torch.manual_seed(0)
        g = build_mlp_generator(8, 16)
        d = build_mlp_discriminator(16)
        data = scale_images(np.random.default_rng(0).integers(0, 17, size=(64, 64)))
        return train_gan(g, d, data, latent_dim=8, steps=40, batch_size=16, log_every=10, progress_bar=False)

    first, second = run(), run()
    assert first.steps == second.steps == 40
    assert first.history == second.history  # every logged loss identical, bit for bit
    for a, b in zip(first.generator.parameters(), second.generator.parameters()):
        assert torch.equal(a, b)
    with pytest.raises(TypeError):
        train_gan(build_mlp_generator(8, 16), build_mlp_discriminator(16), scale_images(np.zeros((64, 64))),
                  latent_dim=8, steps=1, max_seconds=1.0)


def test_ema_update_moves_parameters_and_copies_buffers():
    model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
    ema = copy.deepcopy(model)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1.0)
        model[1].running_mean.fill_(5.0)
    before = [p.clone() for p in ema.parameters()]
    ema_update(ema, model, 0.9)
    for b, p_ema, p in zip(before, ema.parameters(), model.parameters()):
        torch.testing.assert_close(p_ema, 0.9 * b + 0.1 * p)
    torch.testing.assert_close(ema[1].running_mean, torch.full((2,), 5.0))
