"""Tests for helpers.generative: the Fréchet distance against closed forms and an eigendecomposition,
the judge's features against the network's own layers, the conditional GAN's shapes and conditioning,
the VAE's KL against torch.distributions and its loss against torch, and bad inputs."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch.distributions import Normal, kl_divergence

from helpers.gan import scale_images, train_digit_classifier
from helpers.generative import (
    VAE,
    ConditionalDiscriminator,
    ConditionalGenerator,
    class_control,
    feature_statistics,
    frechet_distance,
    gaussian_kl,
    judge_features,
    judge_frechet_distance,
    sample_conditional,
    train_conditional_gan,
    train_vae,
    vae_elbo,
    vae_loss,
)

RNG = np.random.default_rng(0)


def _random_cov(d, rng):
    a = rng.normal(size=(d, d))
    return a @ a.T / d + 0.1 * np.eye(d)


def _psd_sqrt(s):
    w, v = np.linalg.eigh(s)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def test_frechet_matches_diagonal_closed_form():
    d = 6
    m1, m2 = RNG.normal(size=d), RNG.normal(size=d)
    v1, v2 = RNG.uniform(0.2, 3, size=d), RNG.uniform(0.2, 3, size=d)
    expected = np.sum((m1 - m2) ** 2) + np.sum(v1 + v2 - 2 * np.sqrt(v1 * v2))
    assert abs(frechet_distance(m1, np.diag(v1), m2, np.diag(v2)) - expected) < 1e-10


def test_frechet_matches_symmetric_eigendecomposition_form():
    d = 9
    m1, m2 = RNG.normal(size=d), RNG.normal(size=d)
    s1, s2 = _random_cov(d, RNG), _random_cov(d, RNG)
    r1 = _psd_sqrt(s1)
    expected = np.sum((m1 - m2) ** 2) + np.trace(s1 + s2 - 2 * _psd_sqrt(r1 @ s2 @ r1))
    assert abs(frechet_distance(m1, s1, m2, s2) - expected) < 1e-8


def test_frechet_one_dimensional_is_w2_squared_and_zero_for_same():
    # W2^2 between N(m1, s1^2) and N(m2, s2^2) is (m1 - m2)^2 + (s1 - s2)^2
    assert abs(frechet_distance([1.0], [[4.0]], [-0.5], [[0.25]]) - (1.5**2 + 1.5**2)) < 1e-12
    s = _random_cov(5, RNG)
    assert frechet_distance(np.zeros(5), s, np.zeros(5), s) < 1e-8


def test_frechet_bad_inputs():
    with pytest.raises(ValueError, match="same length"):
        frechet_distance(np.zeros(3), np.eye(3), np.zeros(2), np.eye(2))
    with pytest.raises(ValueError, match="sigma2 must have shape"):
        frechet_distance(np.zeros(3), np.eye(3), np.zeros(3), np.eye(2))
    with pytest.raises(ValueError, match="symmetric"):
        frechet_distance(np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]), np.zeros(2), np.eye(2))
    with pytest.raises(TypeError, match="mu1 must hold numeric"):
        frechet_distance(np.array(["a", "b"]), np.eye(2), np.zeros(2), np.eye(2))
    with pytest.raises(ValueError, match="at least 2 rows"):
        feature_statistics(np.zeros((1, 3)))


@pytest.fixture(scope="module")
def judge_and_images():
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)
    images = scale_images(X[:600])
    judge = train_digit_classifier(images, y[:600], epochs=60, hidden=32, random_state=0)
    return judge, images, y[:600]


def test_judge_features_are_the_hidden_relu_layer(judge_and_images):
    judge, images, _ = judge_and_images
    feats = judge_features(judge, images[:50])
    lin = judge.net[0]
    x = torch.as_tensor(images[:50].reshape(50, -1))
    expected = torch.relu(x @ lin.weight.T + lin.bias).detach().numpy()
    assert feats.shape == (50, 32)
    assert np.abs(feats - expected).max() < 1e-5
    # the output layer applied to the features gives the judge's logits
    out = judge.net[-1]
    logits = torch.as_tensor(feats, dtype=torch.float32) @ out.weight.T + out.bias
    assert np.array_equal(logits.argmax(1).detach().numpy(), judge.predict(images[:50]))
    with pytest.raises(TypeError, match="DigitClassifier"):
        judge_features(object(), images)
    with pytest.raises(ValueError, match="64 pixels"):
        judge_features(judge, np.zeros((3, 5)))


def test_judge_frechet_orders_real_and_noise(judge_and_images):
    judge, images, _ = judge_and_images
    noise = np.random.default_rng(0).uniform(-1, 1, size=(300, 1, 8, 8)).astype(np.float32)
    real_vs_real = judge_frechet_distance(judge, images[:300], images[300:])
    real_vs_noise = judge_frechet_distance(judge, images[:300], noise)
    assert real_vs_real < 0.2 * real_vs_noise
    mu1, s1 = feature_statistics(judge_features(judge, images[:300]))
    mu2, s2 = feature_statistics(judge_features(judge, noise))
    assert abs(real_vs_noise - frechet_distance(mu1, s1, mu2, s2)) < 1e-9
    assert np.allclose(s1, np.cov(judge_features(judge, images[:300]).T))


def test_conditional_nets_shapes_and_label_dependence():
    torch.manual_seed(0)
    g = ConditionalGenerator(latent_dim=5, n_classes=10, hidden=16)
    d = ConditionalDiscriminator(n_classes=10, hidden=16)
    z = torch.randn(7, 5)
    a = g(z, torch.zeros(7, dtype=torch.long))
    b = g(z, torch.full((7,), 3))
    assert a.shape == (7, 1, 8, 8) and a.abs().max() <= 1
    assert (a - b).abs().max() > 1e-4  # the label changes the output
    d.eval()
    assert d(a, np.arange(7)).shape == (7, 1)
    with pytest.raises(ValueError, match=r"labels must lie in 0..9"):
        g(z, torch.full((7,), 10))
    with pytest.raises(TypeError, match="integer class indices"):
        g(z, torch.zeros(7))
    with pytest.raises(ValueError, match="one entry per noise vector"):
        g(z, torch.zeros(6, dtype=torch.long))
    with pytest.raises(ValueError, match=r"z must have shape \(n, 5\)"):
        g(torch.randn(7, 4), torch.zeros(7, dtype=torch.long))
    with pytest.raises(ValueError, match="64 pixels"):
        d(torch.zeros(7, 10), torch.zeros(7, dtype=torch.long))
    with pytest.raises(TypeError, match="latent_dim must be an int"):
        ConditionalGenerator(latent_dim=2.5)


def test_train_conditional_gan_runs_and_is_deterministic(judge_and_images):
    judge, images, y = judge_and_images

    def run():
        torch.manual_seed(0)
        g = ConditionalGenerator(latent_dim=8, hidden=16)
        d = ConditionalDiscriminator(hidden=16)
        res = train_conditional_gan(g, d, images, y, steps=20, batch_size=32, random_state=1)
        return res, sample_conditional(res.ema_generator, np.arange(10), random_state=3)

    (res, s1), (_, s2) = run(), run()
    assert res.steps == 20 and len(res.history["d_loss"]) == 1
    assert np.array_equal(s1, s2) and s1.shape == (10, 1, 8, 8)
    with pytest.raises(ValueError, match="one entry per image"):
        train_conditional_gan(res.generator, ConditionalDiscriminator(hidden=16), images, y[:10], steps=1)
    with pytest.raises(ValueError, match="steps must be >= 1"):
        train_conditional_gan(res.generator, ConditionalDiscriminator(hidden=16), images, y, steps=0)


def test_class_control_counts_hits(judge_and_images):
    judge, images, y = judge_and_images
    pred = judge.predict(images[:100])
    out = class_control(judge, images[:100], pred)
    assert out["accuracy"] == 1.0
    wrong = (pred + 1) % 10
    assert class_control(judge, images[:100], wrong)["accuracy"] == 0.0
    per = class_control(judge, images[:100], y[:100])["per_class"]
    for c in range(10):
        mask = y[:100] == c
        assert abs(per[c] - (pred[mask] == c).mean()) < 1e-12
    with pytest.raises(ValueError, match="one label per image"):
        class_control(judge, images[:100], y[:99])


def test_gaussian_kl_matches_torch_distributions_and_numpy():
    mu = torch.tensor(RNG.normal(size=(11, 4)))
    logvar = torch.tensor(RNG.normal(size=(11, 4)))
    ours = gaussian_kl(mu, logvar)
    q = Normal(mu, torch.exp(0.5 * logvar))
    p = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    ref = kl_divergence(q, p).sum(dim=1)
    assert torch.allclose(ours, ref, atol=1e-12)
    assert np.allclose(gaussian_kl(mu.numpy(), logvar.numpy()), ref.numpy(), atol=1e-12)
    assert np.allclose(gaussian_kl(np.zeros((2, 3)), np.zeros((2, 3))), 0.0)
    with pytest.raises(TypeError, match="must both be NumPy arrays or both torch"):
        gaussian_kl(mu, logvar.numpy())
    with pytest.raises(ValueError, match="logvar must have shape"):
        gaussian_kl(np.zeros((2, 3)), np.zeros((2, 4)))


def test_vae_loss_matches_torch_and_reparameterisation_is_differentiable():
    torch.manual_seed(0)
    vae = VAE(n_pixels=64, latent_dim=3, hidden=16)
    x = torch.rand(5, 1, 8, 8)
    logits, mu, logvar = vae(x, generator=torch.Generator().manual_seed(0))
    loss, recon, kl = vae_loss(x, logits, mu, logvar)
    ref_recon = F.binary_cross_entropy_with_logits(logits, x.reshape(5, -1), reduction="sum") / 5
    assert abs(recon.item() - ref_recon.item()) < 1e-4
    assert abs(loss.item() - recon.item() - kl.item()) < 1e-5
    loss.backward()
    assert vae.encoder[0].weight.grad.abs().sum() > 0  # gradients reach the encoder through z
    with pytest.raises(ValueError, match="64 pixels per image"):
        vae.encode(torch.zeros(2, 10))
    with pytest.raises(ValueError, match="logits"):
        vae_loss(x, logits[:, :10], mu, logvar)


def test_train_vae_lowers_loss_and_elbo_is_lower_bound_shape():
    from sklearn.datasets import load_digits

    X = load_digits().data[:400] / 16.0
    torch.manual_seed(0)
    vae = VAE(latent_dim=4, hidden=64)
    untrained = -vae_elbo(vae, X, n_samples=2).mean()
    hist = train_vae(vae, X, steps=300, batch_size=64, lr=2e-3, log_every=100, random_state=0)
    assert hist["loss"][-1] < 0.8 * untrained
    elbo = vae_elbo(vae, X[:50], n_samples=4)
    assert elbo.shape == (50,) and np.all(elbo < 0)
    # a trained VAE gives real digits a higher ELBO than pixel-shuffled ones
    shuffled = np.random.default_rng(0).permuted(X[:50], axis=1)
    assert elbo.mean() > vae_elbo(vae, shuffled, n_samples=4).mean() + 10
    with pytest.raises(ValueError, match=r"values in \[0, 1\]"):
        train_vae(vae, X * 16, steps=1)
    with pytest.raises(ValueError, match="n_samples must be >= 1"):
        vae_elbo(vae, X[:5], n_samples=0)
