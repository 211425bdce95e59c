"""Chapter 6, beyond the plain GAN: a conditional GAN, a variational autoencoder, and a Fréchet
distance for comparing sets of generated digits.

- conditional GAN on 8x8 digits: :class:`ConditionalGenerator`, :class:`ConditionalDiscriminator`,
  :func:`train_conditional_gan`, :func:`sample_conditional`, :func:`class_control`
- a Fréchet distance on the digit judge's features (FID-style): :func:`judge_features`,
  :func:`feature_statistics`, :func:`frechet_distance`, :func:`judge_frechet_distance`
- a variational autoencoder: :class:`VAE`, :func:`gaussian_kl`, :func:`vae_loss`, :func:`train_vae`,
  :func:`vae_elbo`

Images follow :mod:`helpers.gan`: arrays or tensors of shape (n, 1, 8, 8) with pixels in [-1, 1] for the
GANs and the judge. The VAE models pixel intensities in [0, 1] (Bernoulli decoder); convert with
``2 p - 1`` before handing its images to the judge.
"""

from __future__ import annotations

import copy
import time
import warnings

import numpy as np
import scipy.linalg
import torch
import torch.nn as nn
import torch.nn.functional as F

from helpers.checks import check_array, check_int
from helpers.gan import (
    DigitClassifier,
    GANResult,
    build_mlp_generator,
    discriminator_loss,
    ema_update,
    generator_loss,
)

__all__ = [
    "ConditionalDiscriminator",
    "ConditionalGenerator",
    "VAE",
    "class_control",
    "feature_statistics",
    "frechet_distance",
    "gaussian_kl",
    "judge_features",
    "judge_frechet_distance",
    "sample_conditional",
    "train_conditional_gan",
    "train_vae",
    "vae_elbo",
    "vae_loss",
]


def _labels_tensor(labels, n_classes: int, name: str = "labels") -> torch.Tensor:
    if isinstance(labels, torch.Tensor):
        if labels.is_floating_point():
            raise TypeError(f"{name} must hold integer class indices, got dtype {labels.dtype}")
        lab = labels.long()
    else:
        lab = torch.as_tensor(check_array(labels, name, ndim=1, dtype="integer"), dtype=torch.long)
    if lab.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {tuple(lab.shape)}")
    if len(lab) and (lab.min() < 0 or lab.max() >= n_classes):
        raise ValueError(f"{name} must lie in 0..{n_classes - 1}, got {int(lab.min())}..{int(lab.max())}")
    return lab


# --------------------------------------------------------------------------------------------------
# conditional GAN
# --------------------------------------------------------------------------------------------------
def _with_one_hot(x, labels, n_classes: int, what: str):
    """``x`` (n, d) with the one-hot codes of ``labels`` (n,) appended: (n, d + n_classes)."""
    lab = _labels_tensor(labels, n_classes).to(x.device)
    if len(lab) != len(x):
        raise ValueError(f"labels must have one entry per {what}: {len(x)} vs {len(lab)}")
    return torch.cat([x, F.one_hot(lab, n_classes).to(x.dtype)], dim=1)


class ConditionalGenerator(nn.Module):
    """An MLP generator that is told which class to draw: (z, label) -> image.

    The label is one-hot encoded and concatenated to the noise, so the first layer sees
    ``latent_dim + n_classes`` numbers; the rest is :func:`helpers.gan.build_mlp_generator`.

    Shapes: z (n, latent_dim), labels (n,) int in 0..n_classes-1 -> images (n, 1, s, s) in [-1, 1].
    """

    def __init__(self, latent_dim: int = 32, n_classes: int = 10, hidden: int = 128, image_size: int = 8):
        super().__init__()
        self.latent_dim = check_int(latent_dim, "latent_dim")
        self.n_classes = check_int(n_classes, "n_classes")
        self.net = build_mlp_generator(self.latent_dim + self.n_classes, hidden, image_size)

    def forward(self, z, labels):
        if z.ndim != 2 or z.shape[1] != self.latent_dim:
            raise ValueError(f"z must have shape (n, {self.latent_dim}), got {tuple(z.shape)}")
        return self.net(_with_one_hot(z, labels, self.n_classes, "noise vector"))


class ConditionalDiscriminator(nn.Module):
    """An MLP discriminator that judges an (image, label) pair: is this a real image *of this class*?

    The flattened image and the one-hot label are concatenated. Returns logits (n, 1), no sigmoid.
    """

    def __init__(self, n_classes: int = 10, hidden: int = 128, image_size: int = 8, dropout: float = 0.3):
        super().__init__()
        self.n_classes = check_int(n_classes, "n_classes")
        self.n_pixels = check_int(image_size, "image_size") ** 2
        self.net = nn.Sequential(
            nn.Linear(self.n_pixels + self.n_classes, 2 * hidden),
            nn.LeakyReLU(0.2),
            nn.Dropout(dropout),
            nn.Linear(2 * hidden, hidden),
            nn.LeakyReLU(0.2),
            nn.Dropout(dropout),
            nn.Linear(hidden, 1),
        )

    def forward(self, x, labels):
        flat = x.reshape(len(x), -1)
        if flat.shape[1] != self.n_pixels:
            raise ValueError(f"images must have {self.n_pixels} pixels each, got {flat.shape[1]}")
        return self.net(_with_one_hot(flat, labels, self.n_classes, "image"))


def train_conditional_gan(
    generator: ConditionalGenerator,
    discriminator: ConditionalDiscriminator,
    images,
    labels,
    *,
    steps: int = 2000,
    batch_size: int = 128,
    lr: float = 2e-3,
    betas: tuple = (0.5, 0.999),
    real_label: float = 0.9,
    ema_decay: float | None = 0.99,
    log_every: int = 50,
    random_state: int = 0,
) -> GANResult:
    """Train a conditional GAN for exactly ``steps`` alternating D and G steps.

    Each step draws a real batch with its labels; the fakes are generated *for the same labels*, so
    the discriminator must judge whether an image is a plausible member of the stated class. Losses
    are :func:`helpers.gan.discriminator_loss` (with one-sided label smoothing ``real_label``) and
    the non-saturating :func:`helpers.gan.generator_loss`.

    Parameters
    ----------
    images : ndarray or tensor, shape (n, 1, s, s), in [-1, 1]
    labels : array_like of int, shape (n,)
    ema_decay : float or None
        Keep an exponential moving average of the generator's weights (``result.ema_generator``).

    Returns
    -------
    helpers.gan.GANResult (history keys ``step``, ``d_loss``, ``g_loss``, ``d_real``, ``d_fake``)
    """
    steps = check_int(steps, "steps")
    batch_size = check_int(batch_size, "batch_size")
    device = next(generator.parameters()).device
    real = torch.as_tensor(np.asarray(images), dtype=torch.float32, device=device)
    lab = _labels_tensor(labels, generator.n_classes).to(device)
    if len(lab) != len(real):
        raise ValueError(f"labels must have one entry per image: {len(real)} images, {len(lab)} labels")
    if len(real) < batch_size:
        raise ValueError(f"need at least batch_size={batch_size} images, got {len(real)}")
    gen = torch.Generator().manual_seed(random_state)
    generator.train()
    discriminator.train()
    ema = copy.deepcopy(generator).requires_grad_(False) if ema_decay else None
    opt_g = torch.optim.Adam(generator.parameters(), lr=lr, betas=betas)
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=lr, betas=betas)
    history = {"step": [], "d_loss": [], "g_loss": [], "d_real": [], "d_fake": []}
    result = GANResult(generator, ema if ema is not None else generator, history)
    acc = np.zeros(4)
    count = 0
    start = time.perf_counter()
    for step in range(1, steps + 1):
        idx = torch.randint(0, len(real), (batch_size,), generator=gen).to(device)
        z = torch.randn(batch_size, generator.latent_dim, generator=gen).to(device)
        y = lab[idx]
        fake = generator(z, y)
        d_real = discriminator(real[idx], y)
        d_fake = discriminator(fake.detach(), y)
        loss_d = discriminator_loss(d_real, d_fake, real_label=real_label)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        loss_g = generator_loss(discriminator(fake, y))
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        if ema is not None:
            ema_update(ema, generator, ema_decay)
        acc += [loss_d.item(), loss_g.item(), torch.sigmoid(d_real).mean().item(),
                torch.sigmoid(d_fake).mean().item()]
        count += 1
        if step % log_every == 0 or step == steps:
            for key, val in zip(("d_loss", "g_loss", "d_real", "d_fake"), acc / count):
                history[key].append(float(val))
            history["step"].append(step)
            acc[:] = 0
            count = 0
    result.steps = steps
    result.seconds = time.perf_counter() - start
    generator.eval()
    discriminator.eval()
    if ema is not None:
        ema.eval()
    return result


def sample_conditional(generator: ConditionalGenerator, labels, *, random_state: int = 0) -> np.ndarray:
    """Draw one image per requested label: ndarray (len(labels), 1, s, s) float32, generator in eval mode.

    The noise comes from a generator seeded with ``random_state``: the same labels and seed give the
    same images.
    """
    lab = _labels_tensor(labels, generator.n_classes)
    z = torch.randn(len(lab), generator.latent_dim, generator=torch.Generator().manual_seed(random_state))
    device = next(generator.parameters()).device
    was_training = generator.training
    generator.eval()
    with torch.no_grad():
        out = generator(z.to(device), lab.to(device)).cpu().numpy()
    generator.train(was_training)
    return out


def class_control(judge: DigitClassifier, images, requested) -> dict:
    """How well a conditional generator obeys: the judge's verdict on images drawn for given labels.

    Returns
    -------
    dict with ``accuracy`` (share of images the judge assigns to the requested class) and
    ``per_class`` (ndarray (10,), that share for each requested class; NaN for a class not requested).
    """
    req = check_array(requested, "requested", ndim=1, dtype="integer")
    pred = judge.predict(images)
    if len(pred) != len(req):
        raise ValueError(f"requested must have one label per image: {len(pred)} images, {len(req)} labels")
    hit = pred == req
    per_class = np.full(10, np.nan)
    for c in np.unique(req):
        per_class[c] = hit[req == c].mean()
    return {"accuracy": float(hit.mean()), "per_class": per_class}


# --------------------------------------------------------------------------------------------------
# Fréchet distance on the judge's features
# --------------------------------------------------------------------------------------------------
def judge_features(judge: DigitClassifier, images) -> np.ndarray:
    """The judge's penultimate-layer activations (after the ReLU): ndarray (n, hidden) float64.

    This is the FID recipe with the course's digit judge in place of the Inception network: compare
    images by what a classifier trained on real digits "sees" in them, not by raw pixels.
    """
    if not isinstance(judge, DigitClassifier):
        raise TypeError(f"judge must be a helpers.gan.DigitClassifier, got {type(judge).__name__}")
    x = check_array(images, "images", ndim=(2, 3, 4), dtype="numeric").astype(np.float32)
    x = x.reshape(len(x), -1)
    if x.shape[1] != judge.image_size**2:
        raise ValueError(f"images must have {judge.image_size**2} pixels each, got {x.shape[1]}")
    body = judge.net[:-1]  # everything but the last Linear: Linear -> ReLU
    judge.net.eval()
    with torch.no_grad():
        return body(torch.from_numpy(x)).double().numpy()


def feature_statistics(features) -> tuple[np.ndarray, np.ndarray]:
    """Mean (d,) and covariance (d, d) of features (n, d), with the n - 1 denominator."""
    f = check_array(features, "features", ndim=2, dtype="numeric").astype(np.float64)
    if len(f) < 2:
        raise ValueError(f"features needs at least 2 rows for a covariance, got {len(f)}")
    return f.mean(axis=0), np.cov(f, rowvar=False)


def frechet_distance(mu1, sigma1, mu2, sigma2) -> float:
    """Squared Fréchet (2-Wasserstein) distance between N(mu1, sigma1) and N(mu2, sigma2):

    ``|mu1 - mu2|^2 + tr(sigma1 + sigma2 - 2 (sigma1 sigma2)^(1/2))``,

    with the matrix square root from :func:`scipy.linalg.sqrtm`. Tiny imaginary parts that round-off
    gives the square root are dropped; the result is clipped at 0.

    Parameters
    ----------
    mu1, mu2 : array_like, shape (d,)
    sigma1, sigma2 : array_like, shape (d, d), symmetric positive semi-definite

    Returns
    -------
    float
    """
    m1 = check_array(mu1, "mu1", ndim=1, dtype="numeric").astype(np.float64)
    m2 = check_array(mu2, "mu2", ndim=1, dtype="numeric").astype(np.float64)
    d = len(m1)
    if len(m2) != d:
        raise ValueError(f"mu1 and mu2 must have the same length, got {d} and {len(m2)}")
    s1 = check_array(sigma1, "sigma1", ndim=2, shape=(d, d), dtype="numeric").astype(np.float64)
    s2 = check_array(sigma2, "sigma2", ndim=2, shape=(d, d), dtype="numeric").astype(np.float64)
    for name, s in (("sigma1", s1), ("sigma2", s2)):
        if not np.allclose(s, s.T, atol=1e-10 * max(1.0, np.abs(s).max())):
            raise ValueError(f"{name} must be a symmetric covariance matrix")
    with warnings.catch_warnings():
        # judge features with units that never fire make the covariances singular; the square root of
        # the product of two PSD matrices still exists, and sqrtm finds it, but warns
        warnings.simplefilter("ignore", scipy.linalg.LinAlgWarning)
        covmean = scipy.linalg.sqrtm(s1 @ s2)
    if not np.all(np.isfinite(covmean)):
        raise ValueError("the matrix square root of sigma1 @ sigma2 is not finite")
    covmean = np.real(covmean)
    value = float(np.sum((m1 - m2) ** 2) + np.trace(s1) + np.trace(s2) - 2.0 * np.trace(covmean))
    return max(value, 0.0)


def judge_frechet_distance(judge: DigitClassifier, images_a, images_b) -> float:
    """:func:`frechet_distance` between the Gaussians fitted to the judge's features of two image sets."""
    return frechet_distance(*feature_statistics(judge_features(judge, images_a)),
                            *feature_statistics(judge_features(judge, images_b)))


# --------------------------------------------------------------------------------------------------
# variational autoencoder
# --------------------------------------------------------------------------------------------------
def gaussian_kl(mu, logvar):
    """KL( N(mu, diag(exp(logvar))) || N(0, I) ) per row, in nats:

    ``0.5 * sum(exp(logvar) + mu^2 - 1 - logvar)`` over the last axis.

    Parameters
    ----------
    mu, logvar : ndarray or tensor, shape (n, d) (same backend and shape)

    Returns
    -------
    ndarray or tensor, shape (n,)
    """
    if isinstance(mu, torch.Tensor) != isinstance(logvar, torch.Tensor):
        raise TypeError("mu and logvar must both be NumPy arrays or both torch tensors")
    if isinstance(mu, torch.Tensor):
        if mu.shape != logvar.shape:
            raise ValueError(f"mu and logvar must have the same shape, got {tuple(mu.shape)} and {tuple(logvar.shape)}")
        return 0.5 * (logvar.exp() + mu**2 - 1.0 - logvar).sum(dim=-1)
    m = check_array(mu, "mu", ndim=2, dtype="numeric").astype(np.float64)
    lv = check_array(logvar, "logvar", ndim=2, shape=m.shape, dtype="numeric").astype(np.float64)
    return 0.5 * (np.exp(lv) + m**2 - 1.0 - lv).sum(axis=-1)


class VAE(nn.Module):
    """A small MLP variational autoencoder for images with pixels in [0, 1].

    - encoder: x (n, n_pixels) -> hidden -> (mu, logvar), each (n, latent_dim);
    - reparameterisation: z = mu + exp(logvar / 2) * eps, eps ~ N(0, I);
    - decoder: z -> hidden -> pixel logits (n, n_pixels); the Bernoulli mean is sigmoid(logits).
    """

    def __init__(self, n_pixels: int = 64, latent_dim: int = 8, hidden: int = 256):
        super().__init__()
        self.n_pixels = check_int(n_pixels, "n_pixels")
        self.latent_dim = check_int(latent_dim, "latent_dim")
        hidden = check_int(hidden, "hidden")
        self.encoder = nn.Sequential(nn.Linear(self.n_pixels, hidden), nn.ReLU(),
                                     nn.Linear(hidden, hidden), nn.ReLU(),
                                     nn.Linear(hidden, 2 * self.latent_dim))
        self.decoder = nn.Sequential(nn.Linear(self.latent_dim, hidden), nn.ReLU(),
                                     nn.Linear(hidden, hidden), nn.ReLU(),
                                     nn.Linear(hidden, self.n_pixels))

    def encode(self, x):
        """x (n, ...) with n_pixels values per row -> (mu, logvar), each (n, latent_dim)."""
        flat = x.reshape(len(x), -1)
        if flat.shape[1] != self.n_pixels:
            raise ValueError(f"x must have {self.n_pixels} pixels per image, got {flat.shape[1]}")
        mu, logvar = self.encoder(flat).chunk(2, dim=1)
        return mu, logvar

    @staticmethod
    def reparameterise(mu, logvar, generator: torch.Generator | None = None):
        """z = mu + sigma * eps: a sample of q(z|x) that is differentiable in mu and logvar."""
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype).to(mu.device)
        return mu + torch.exp(0.5 * logvar) * eps

    def decode(self, z):
        """z (n, latent_dim) -> pixel logits (n, n_pixels)."""
        return self.decoder(z)

    def forward(self, x, generator: torch.Generator | None = None):
        """Returns (pixel logits, mu, logvar) for one sample z per image."""
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterise(mu, logvar, generator)), mu, logvar


def vae_loss(x, logits, mu, logvar):
    """The negative ELBO per image, averaged over the batch, and its two parts.

    ``-ELBO = BCE(x, sigmoid(logits)) summed over pixels + KL(q(z|x) || N(0, I))``

    Parameters
    ----------
    x : tensor (n, n_pixels) or (n, 1, s, s), targets in [0, 1]
    logits : tensor (n, n_pixels), the decoder's output
    mu, logvar : tensor (n, latent_dim)

    Returns
    -------
    (loss, reconstruction, kl) : three 0-d tensors, in nats per image; loss = reconstruction + kl
    """
    flat = x.reshape(len(x), -1)
    if flat.shape != logits.shape:
        raise ValueError(f"x has {tuple(flat.shape)} pixels but logits {tuple(logits.shape)}")
    recon = F.binary_cross_entropy_with_logits(logits, flat, reduction="none").sum(dim=1).mean()
    kl = gaussian_kl(mu, logvar).mean()
    return recon + kl, recon, kl


def train_vae(
    vae: VAE,
    images,
    *,
    steps: int = 3000,
    batch_size: int = 128,
    lr: float = 1e-3,
    log_every: int = 50,
    random_state: int = 0,
) -> dict:
    """Train a VAE with Adam on mini-batches for exactly ``steps`` steps.

    Parameters
    ----------
    images : array_like, (n, n_pixels) or (n, 1, s, s), pixel values in [0, 1]

    Returns
    -------
    dict of lists: ``step``, ``loss`` (negative ELBO), ``reconstruction``, ``kl`` (averages over
    each ``log_every`` steps, nats per image)
    """
    steps = check_int(steps, "steps")
    batch_size = check_int(batch_size, "batch_size")
    x = check_array(images, "images", ndim=(2, 3, 4), dtype="numeric").astype(np.float32)
    x = x.reshape(len(x), -1)
    if x.min() < 0 or x.max() > 1:
        raise ValueError(f"images must hold values in [0, 1], got [{x.min()}, {x.max()}]")
    if len(x) < batch_size:
        raise ValueError(f"need at least batch_size={batch_size} images, got {len(x)}")
    device = next(vae.parameters()).device
    xt = torch.from_numpy(x).to(device)
    gen = torch.Generator().manual_seed(random_state)
    opt = torch.optim.Adam(vae.parameters(), lr=lr)
    history = {"step": [], "loss": [], "reconstruction": [], "kl": []}
    acc = np.zeros(3)
    count = 0
    vae.train()
    for step in range(1, steps + 1):
        batch = xt[torch.randint(0, len(xt), (batch_size,), generator=gen).to(device)]
        logits, mu, logvar = vae(batch, generator=gen)
        loss, recon, kl = vae_loss(batch, logits, mu, logvar)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        acc += [loss.item(), recon.item(), kl.item()]
        count += 1
        if step % log_every == 0 or step == steps:
            for key, val in zip(("loss", "reconstruction", "kl"), acc / count):
                history[key].append(float(val))
            history["step"].append(step)
            acc[:] = 0
            count = 0
    vae.eval()
    return history


def vae_elbo(vae: VAE, images, *, n_samples: int = 10, random_state: int = 0) -> np.ndarray:
    """Monte-Carlo ELBO of each image (nats), averaged over ``n_samples`` draws of z ~ q(z|x).

    A lower bound on log p(x) under the VAE's Bernoulli decoder: larger is better.

    Returns
    -------
    ndarray, shape (n,)
    """
    n_samples = check_int(n_samples, "n_samples")
    x = check_array(images, "images", ndim=(2, 3, 4), dtype="numeric").astype(np.float32)
    x = torch.from_numpy(x.reshape(len(x), -1))
    gen = torch.Generator().manual_seed(random_state)
    vae.eval()
    with torch.no_grad():
        mu, logvar = vae.encode(x)
        kl = gaussian_kl(mu, logvar)
        recon = torch.zeros(len(x))
        for _ in range(n_samples):
            logits = vae.decode(VAE.reparameterise(mu, logvar, gen))
            recon += F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1)
    return (-(recon / n_samples) - kl).double().numpy()
