"""Chapter 6: generative adversarial networks.

- losses from logits, numerically stable and backend-agnostic (NumPy arrays in, float out; torch
  tensors in, differentiable tensor out): :func:`bce_with_logits`, :func:`discriminator_loss`,
  :func:`generator_loss`, :func:`generator_loss_grad`, :func:`optimal_discriminator`
- model builders sized for 8x8 digits (and 28x28 MNIST): :func:`build_mlp_generator`,
  :func:`build_mlp_discriminator`, :func:`build_dcgan_generator`, :func:`build_dcgan_discriminator`
- training: :func:`train_gan` (alternating D and G steps, a time cap, an exponential moving average
  of the generator), :func:`sample_images`
- measuring samples instead of eyeballing them: :func:`train_digit_classifier`,
  :func:`sample_quality`
- a 2-D toy for mode collapse: :func:`ring_of_gaussians`, :func:`mode_coverage`,
  :class:`MinibatchStd`
- plotting: :data:`IMAGE_STYLE`, the arguments of :func:`helpers.plotting.show_images` for images in [-1, 1]

Images are tensors of shape (n, 1, h, w) with pixel values in [-1, 1]; every generator here emits
that shape and every discriminator accepts it, so the MLP and convolutional models are
interchangeable.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn as nn

from helpers.checks import check_array
from helpers.ml import sigmoid

__all__ = [
    "DigitClassifier",
    "GANResult",
    "MinibatchStd",
    "bce_with_logits",
    "build_dcgan_discriminator",
    "build_dcgan_generator",
    "build_mlp_discriminator",
    "build_mlp_generator",
    "discriminator_loss",
    "ema_update",
    "generator_loss",
    "generator_loss_grad",
    "mode_coverage",
    "optimal_discriminator",
    "IMAGE_STYLE",
    "ring_of_gaussians",
    "sample_images",
    "sample_quality",
    "scale_images",
    "train_digit_classifier",
    "train_gan",
]


# --------------------------------------------------------------------------------------------------
# losses
# --------------------------------------------------------------------------------------------------
def _is_torch(x) -> bool:
    return hasattr(x, "detach") and hasattr(x, "requires_grad")


def _logits(x, name: str):
    """Return (array-or-tensor, is_torch) after validating the logits."""
    if _is_torch(x):
        if not x.is_floating_point():
            raise TypeError(
                f"{name} must be a floating-point tensor of logits, got dtype {x.dtype}"
            )
        if x.numel() == 0:
            raise ValueError(f"{name} is empty")
        return x, True
    arr = check_array(x, name, dtype="numeric").astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    return arr, False


def bce_with_logits(logits, target):
    """Mean binary cross-entropy between ``sigmoid(logits)`` and ``target``, computed from the
    logits.

    Uses ``max(x, 0) - x t + log(1 + exp(-|x|))``, the formulation of
    ``torch.nn.functional.binary_cross_entropy_with_logits``: it never evaluates ``exp`` of a large
    positive number, so logits of +-1000 give exact finite results.

    Parameters
    ----------
    logits : ndarray or torch.Tensor, any shape
    target : float or array/tensor broadcastable to ``logits``, values in [0, 1]

    Returns
    -------
    float (NumPy input) or 0-d tensor (torch input, differentiable)
    """
    x, is_t = _logits(logits, "logits")
    if is_t:
        t = torch.as_tensor(target, dtype=x.dtype, device=x.device)
        return (x.clamp(min=0) - x * t + torch.log1p(torch.exp(-x.abs()))).mean()
    t = np.asarray(target, dtype=np.float64)
    if np.any((t < 0) | (t > 1)):
        raise ValueError("target must lie in [0, 1]")
    return float(np.mean(np.maximum(x, 0) - x * t + np.log1p(np.exp(-np.abs(x)))))


def discriminator_loss(d_real_logits, d_fake_logits, real_label: float = 1.0):
    """The discriminator's loss: BCE(real, 1) + BCE(fake, 0), each averaged over its batch.

    This equals ``-mean(log D(x)) - mean(log(1 - D(G(z))))`` with ``D = sigmoid(logit)``, i.e. the
    negative of the GAN value function, which the discriminator maximises.

    Parameters
    ----------
    d_real_logits : ndarray or tensor, shape (n_real,) or (n_real, 1)
        Discriminator logits on real samples.
    d_fake_logits : ndarray or tensor, shape (n_fake,) or (n_fake, 1)
        Discriminator logits on generated samples.
    real_label : float
        Target for real samples; 0.9 gives one-sided label smoothing.

    Returns
    -------
    float or 0-d tensor (same backend as the inputs)
    """
    if _is_torch(d_real_logits) != _is_torch(d_fake_logits):
        raise TypeError(
            "d_real_logits and d_fake_logits must both be NumPy arrays or both torch tensors"
        )
    if not 0.0 < real_label <= 1.0:
        raise ValueError(f"real_label must be in (0, 1], got {real_label}")
    _logits(d_real_logits, "d_real_logits")
    _logits(d_fake_logits, "d_fake_logits")
    return bce_with_logits(d_real_logits, real_label) + bce_with_logits(d_fake_logits, 0.0)


def generator_loss(d_fake_logits, non_saturating: bool = True):
    """The generator's loss, to be minimised.

    - ``non_saturating=True``: ``-mean(log D(G(z)))`` = BCE(fake, 1). Its gradient is large exactly
      when the discriminator confidently rejects the fakes (D(G(z)) near 0), i.e. early in training.
    - ``non_saturating=False``: ``mean(log(1 - D(G(z))))``, the minimax objective's generator term.
      Its gradient vanishes when D(G(z)) is near 0.

    Parameters
    ----------
    d_fake_logits : ndarray or tensor, shape (n,) or (n, 1)
    non_saturating : bool

    Returns
    -------
    float or 0-d tensor (same backend as the input)
    """
    if not isinstance(non_saturating, (bool, np.bool_)):
        raise TypeError(f"non_saturating must be a bool, got {type(non_saturating).__name__}")
    x, _ = _logits(d_fake_logits, "d_fake_logits")
    if non_saturating:
        return bce_with_logits(x, 1.0)
    # log(1 - sigmoid(x)) = -softplus(x) = -BCE(x, target 0)
    return -bce_with_logits(x, 0.0)


def generator_loss_grad(d_fake_logits, non_saturating: bool = True) -> np.ndarray:
    """Gradient of the per-sample generator loss with respect to each logit (NumPy).

    With ``D = sigmoid(x)``: non-saturating ``d(-log D)/dx = -(1 - D)``; saturating ``d(log(1 -
    D))/dx = -D``. Both are negative (raising the logit lowers the loss), but only the
    non-saturating one stays near -1 when D is near 0.

    Parameters
    ----------
    d_fake_logits : array_like, any shape

    Returns
    -------
    ndarray, same shape (gradient of the per-sample loss, not divided by the batch size)
    """
    x = check_array(d_fake_logits, "d_fake_logits", dtype="numeric").astype(np.float64)
    d = sigmoid(x)
    return -sigmoid(-x) if non_saturating else -d


def optimal_discriminator(p_data, p_model) -> np.ndarray:
    """The best discriminator for a fixed generator: ``D*(x) = p_data(x) / (p_data(x) +
    p_model(x))``.

    Parameters
    ----------
    p_data, p_model : array_like, same shape, non-negative densities at the same points

    Returns
    -------
    ndarray, values in [0, 1]; 0.5 where both densities are 0 (every answer is then equally good).
    """
    p = check_array(p_data, "p_data", dtype="numeric").astype(np.float64)
    q = check_array(p_model, "p_model", dtype="numeric").astype(np.float64)
    if p.shape != q.shape:
        raise ValueError(
            f"p_data and p_model must have the same shape, got {p.shape} and {q.shape}"
        )
    if np.any(p < 0) or np.any(q < 0):
        raise ValueError("densities must be non-negative")
    total = p + q
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, p / safe, 0.5)


# --------------------------------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------------------------------
def scale_images(X, max_value: float = 16.0, side: int | None = None) -> np.ndarray:
    """Map pixel values from [0, max_value] to [-1, 1] and reshape to (n, 1, side, side) float32.

    ``load_dataset("digits")`` gives (1797, 64) with values 0..16; MNIST gives (n, 28, 28) with
    0..255.
    """
    arr = check_array(X, "X", ndim=(2, 3), dtype="numeric").astype(np.float32)
    if arr.ndim == 2:
        side = side or int(round(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1]:
            raise ValueError(f"X has {arr.shape[1]} features, not a square image")
        arr = arr.reshape(-1, side, side)
    if arr.min() < 0 or arr.max() > max_value:
        raise ValueError(
            f"X must hold pixel values in [0, {max_value}], got [{arr.min()}, {arr.max()}]"
        )
    return (arr / max_value * 2.0 - 1.0)[:, None, :, :]


# --------------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------------
def _check_size(image_size: int) -> int:
    if image_size not in (8, 28):
        raise ValueError(f"image_size must be 8 (bundled digits) or 28 (MNIST), got {image_size}")
    return image_size


def build_mlp_generator(latent_dim: int = 32, hidden: int = 256, image_size: int = 8):
    """An MLP generator: z (n, latent_dim) -> images (n, 1, image_size, image_size) in [-1, 1]."""
    s = _check_size(image_size)
    return nn.Sequential(
        nn.Linear(latent_dim, hidden),
        nn.LeakyReLU(0.2),
        nn.Linear(hidden, 2 * hidden),
        nn.LeakyReLU(0.2),
        nn.Linear(2 * hidden, s * s),
        nn.Tanh(),
        nn.Unflatten(1, (1, s, s)),
    )


def build_mlp_discriminator(
    hidden: int = 256, image_size: int = 8, dropout: float = 0.3, minibatch_std: bool = False
):
    """An MLP discriminator: images (n, 1, s, s) -> logits (n, 1). No sigmoid: losses take logits.

    ``minibatch_std=True`` appends the batch's average per-pixel standard deviation as an extra
    feature (a remedy for mode collapse: a generator that emits near-identical samples is easy to
    spot).
    """
    s = _check_size(image_size)
    layers = [nn.Flatten()]
    n_in = s * s
    if minibatch_std:
        layers.append(MinibatchStd())
        n_in += 1
    layers += [
        nn.Linear(n_in, 2 * hidden),
        nn.LeakyReLU(0.2),
        nn.Dropout(dropout),
        nn.Linear(2 * hidden, hidden),
        nn.LeakyReLU(0.2),
        nn.Dropout(dropout),
        nn.Linear(hidden, 1),
    ]
    return nn.Sequential(*layers)


def build_dcgan_generator(latent_dim: int = 32, channels: int = 64, image_size: int = 8):
    """A DCGAN generator: transposed convolutions, batch norm and ReLU, tanh output.

    8x8: z -> (4c, 2, 2) -> (2c, 4, 4) -> (1, 8, 8). 28x28: z -> (4c, 7, 7) -> (2c, 14, 14) -> (1,
    28, 28). Each stride-2 layer (kernel 4, padding 1) doubles the size: out = (n - 1) * 2 - 2 + 4 =
    2n.
    """
    s = _check_size(image_size)
    first = 2 if s == 8 else 7
    return nn.Sequential(
        nn.Unflatten(1, (latent_dim, 1, 1)),
        nn.ConvTranspose2d(latent_dim, 4 * channels, first, 1, 0, bias=False),
        nn.BatchNorm2d(4 * channels),
        nn.ReLU(),
        nn.ConvTranspose2d(4 * channels, 2 * channels, 4, 2, 1, bias=False),
        nn.BatchNorm2d(2 * channels),
        nn.ReLU(),
        nn.ConvTranspose2d(2 * channels, 1, 4, 2, 1),
        nn.Tanh(),
    )


def build_dcgan_discriminator(channels: int = 64, image_size: int = 8):
    """A DCGAN discriminator: strided convolutions, batch norm, LeakyReLU(0.2); logits (n, 1)."""
    s = _check_size(image_size)
    last = 2 if s == 8 else 7
    return nn.Sequential(
        nn.Conv2d(1, channels, 4, 2, 1),
        nn.LeakyReLU(0.2),
        nn.Conv2d(channels, 2 * channels, 4, 2, 1, bias=False),
        nn.BatchNorm2d(2 * channels),
        nn.LeakyReLU(0.2),
        nn.Conv2d(2 * channels, 1, last, 1, 0),
        nn.Flatten(),
    )


class MinibatchStd(nn.Module):
    """A layer (n, f) -> (n, f + 1) appending the batch's mean per-feature standard deviation.

    A collapsed generator emits near-identical samples, so its batches have a small spread; with
    this feature the discriminator can tell such a batch from a real one and push the generator to
    diversify.
    """

    def forward(self, x):
        std = x.std(dim=0, unbiased=False).mean()
        return torch.cat([x, std.expand(x.shape[0], 1)], dim=1)


# --------------------------------------------------------------------------------------------------
# training
# --------------------------------------------------------------------------------------------------
@dataclass
class GANResult:
    """What :func:`train_gan` returns."""

    generator: object
    ema_generator: object
    history: dict = field(default_factory=dict)
    snapshots: list = field(default_factory=list)
    steps: int = 0
    seconds: float = 0.0


def ema_update(ema: nn.Module, model: nn.Module, decay: float) -> None:
    """Move ``ema``'s parameters towards ``model``'s, ``p_ema <- decay * p_ema + (1 - decay) * p``, in place,
    and copy its buffers (batch-norm statistics). Both modules have the same architecture."""
    with torch.no_grad():
        for p_ema, p in zip(ema.parameters(), model.parameters()):
            p_ema.lerp_(p, 1.0 - decay)
        for b_ema, b in zip(ema.buffers(), model.buffers()):
            b_ema.copy_(b)


def train_gan(
    generator,
    discriminator,
    images,
    *,
    latent_dim: int,
    steps: int = 3000,
    batch_size: int = 64,
    lr: float = 2e-4,
    d_lr: float | None = None,
    betas: tuple = (0.5, 0.999),
    real_label: float = 1.0,
    non_saturating: bool = True,
    g_steps: int = 1,
    ema_decay: float | None = 0.995,
    snapshot_every: int = 0,
    n_snapshot: int = 20,
    log_every: int = 50,
    random_state: int = 0,
    device=None,
    progress_bar: bool = True,
    callback=None,
) -> GANResult:
    """Train a GAN by alternating one discriminator step and ``g_steps`` generator steps.

    Parameters
    ----------
    generator, discriminator : torch.nn.Module
        G maps (n, latent_dim) -> samples; D maps samples -> logits (n, 1).
    images : ndarray or tensor, shape (n, ...)
        Real training samples, already scaled like the generator's output.
    latent_dim : int
    steps : int
        Number of D steps (each followed by ``g_steps`` G steps). Training always runs all of them (there is
        no time cap), so a seeded run gives the same result on a fast or a busy machine.
    ema_decay : float or None
        Keep an exponential moving average of the generator's weights (``result.ema_generator``);
        the average of the last few hundred generators is usually better than the last one.
    real_label : float
        1.0, or 0.9 for one-sided label smoothing.
    snapshot_every : int
        Every so many steps store samples of a fixed batch of noise in ``result.snapshots`` (step,
        array).
    callback : callable, optional
        Called as ``callback(step, result)`` after every step (e.g. to measure sample quality).

    Returns
    -------
    GANResult
    """
    from helpers.progress import progress

    if device is None:
        device = next(generator.parameters()).device
    real = torch.as_tensor(np.asarray(images), dtype=torch.float32, device=device)
    n = real.shape[0]
    if n < batch_size:
        raise ValueError(f"need at least batch_size={batch_size} images, got {n}")
    gen = torch.Generator(device="cpu").manual_seed(random_state)
    generator.to(device).train()
    discriminator.to(device).train()
    ema = copy.deepcopy(generator).requires_grad_(False) if ema_decay else None
    opt_g = torch.optim.Adam(generator.parameters(), lr=lr, betas=betas)
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=d_lr or lr, betas=betas)
    z_fixed = torch.randn(n_snapshot, latent_dim, generator=gen).to(device)
    history = {"step": [], "d_loss": [], "g_loss": [], "d_real": [], "d_fake": []}
    result = GANResult(generator, ema if ema is not None else generator, history)
    start = time.perf_counter()
    d_acc = g_acc = r_acc = f_acc = 0.0
    count = 0
    bar_kwargs = {} if progress_bar else {"disable": True}  # default: quiet under the runner and CI
    for step in progress(range(1, steps + 1), desc="GAN", **bar_kwargs):
        idx = torch.randint(0, n, (batch_size,), generator=gen).to(device)
        z = torch.randn(batch_size, latent_dim, generator=gen).to(device)
        fake = generator(z)
        d_real = discriminator(real[idx])
        d_fake = discriminator(fake.detach())
        loss_d = discriminator_loss(d_real, d_fake, real_label=real_label)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        for k in range(g_steps):
            if k > 0:
                z = torch.randn(batch_size, latent_dim, generator=gen).to(device)
                fake = generator(z)
            loss_g = generator_loss(discriminator(fake), non_saturating=non_saturating)
            opt_g.zero_grad(set_to_none=True)
            loss_g.backward()
            opt_g.step()
        if ema is not None:
            ema_update(ema, generator, ema_decay)
        d_acc += loss_d.item()
        g_acc += loss_g.item()
        r_acc += torch.sigmoid(d_real).mean().item()
        f_acc += torch.sigmoid(d_fake).mean().item()
        count += 1
        if step % log_every == 0 or step == steps:
            for key, val in (
                ("d_loss", d_acc),
                ("g_loss", g_acc),
                ("d_real", r_acc),
                ("d_fake", f_acc),
            ):
                history[key].append(val / count)
            history["step"].append(step)
            d_acc = g_acc = r_acc = f_acc = 0.0
            count = 0
        if snapshot_every and step % snapshot_every == 0:
            result.snapshots.append((step, sample_images(result.ema_generator, z=z_fixed)))
        result.steps = step
        if callback is not None:
            callback(step, result)
    result.seconds = time.perf_counter() - start
    generator.eval()
    if ema is not None:
        ema.eval()
    return result


def sample_images(
    generator,
    n: int = 1000,
    latent_dim: int | None = None,
    *,
    z=None,
    random_state: int = 0,
    batch_size: int = 500,
) -> np.ndarray:
    """Draw samples from a generator in eval mode: ndarray (n, 1, h, w) of float32.

    Pass ``z`` to use given noise; otherwise ``n`` standard-normal vectors of size ``latent_dim``
    are drawn from a generator seeded with ``random_state`` (the same noise every call).
    """
    device = next(generator.parameters()).device
    if z is None:
        if latent_dim is None:
            raise ValueError("pass latent_dim (or z)")
        z = torch.randn(n, latent_dim, generator=torch.Generator().manual_seed(random_state))
    z = torch.as_tensor(z, dtype=torch.float32)
    was_training = generator.training
    generator.eval()
    with torch.no_grad():
        out = torch.cat(
            [
                generator(z[i : i + batch_size].to(device)).cpu()
                for i in range(0, len(z), batch_size)
            ]
        )
    generator.train(was_training)
    return out.numpy()


# --------------------------------------------------------------------------------------------------
# measuring samples
# --------------------------------------------------------------------------------------------------
class DigitClassifier:
    """A small MLP (64 -> 128 -> 10) trained on real digits; scores images in [-1, 1]."""

    def __init__(self, net, image_size: int):
        self.net = net
        self.image_size = image_size

    def predict_proba(self, images) -> np.ndarray:
        """Class probabilities, shape (n, 10), for images (n, 1, s, s), (n, s, s) or (n, s*s)."""
        x = check_array(images, "images", ndim=(2, 3, 4), dtype="numeric").astype(np.float32)
        x = x.reshape(len(x), -1)
        if x.shape[1] != self.image_size**2:
            raise ValueError(f"images must have {self.image_size**2} pixels each, got {x.shape[1]}")
        self.net.eval()
        with torch.no_grad():
            return torch.softmax(self.net(torch.from_numpy(x)), dim=1).numpy()

    def predict(self, images) -> np.ndarray:
        return self.predict_proba(images).argmax(axis=1)


def train_digit_classifier(
    images,
    y,
    *,
    epochs: int = 300,
    lr: float = 1e-2,
    weight_decay: float = 0.0,
    hidden: int = 128,
    random_state: int = 0,
) -> DigitClassifier:
    """Train the judge for generated digits: full-batch Adam on an MLP, on CPU (about 2 s for 8x8
    digits).

    Parameters
    ----------
    images : array_like, (n, 1, s, s), (n, s, s) or (n, s*s), scaled to [-1, 1] like the GAN's data
    y : array_like of int, shape (n,), labels 0..9
    weight_decay : float
        L2 penalty (Adam's ``weight_decay``). With the default 0 the judge classifies held-out real
        digits with about 97 % accuracy, and about 97 % of them get a confidence of at least 0.9: the
        bar that generated digits are held to. A positive value makes the judge less confident and
        the bar stricter (1e-3: about 94 % of real digits pass).
    """
    import torch

    x = check_array(images, "images", ndim=(2, 3, 4), dtype="numeric").astype(np.float32)
    x = x.reshape(len(x), -1)
    labels = check_array(y, "y", ndim=1, dtype="integer")
    if len(labels) != len(x):
        raise ValueError(f"y must have one label per image: {len(x)} images, {len(labels)} labels")
    side = int(round(np.sqrt(x.shape[1])))
    torch.manual_seed(random_state)
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, 10))
    opt = torch.optim.Adam(net.parameters(), lr=lr, weight_decay=weight_decay)
    xt = torch.from_numpy(x)
    yt = torch.as_tensor(labels, dtype=torch.long)
    for _ in range(epochs):
        loss = nn.functional.cross_entropy(net(xt), yt)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return DigitClassifier(net, side)


def sample_quality(classifier, images, threshold: float = 0.9) -> dict:
    """Score generated digits with a classifier trained on real ones.

    Returns
    -------
    dict with
        ``confident_share``: share of samples whose top class probability is >= ``threshold``;
        ``n_classes``: how many of the 10 classes occur among the confident samples (mode collapse
        shows up as few classes); ``counts``: ndarray (10,) of confident samples per class.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    proba = classifier.predict_proba(images)
    confident = proba.max(axis=1) >= threshold
    counts = np.bincount(proba.argmax(axis=1)[confident], minlength=proba.shape[1])
    return {
        "confident_share": float(confident.mean()),
        "n_classes": int(np.count_nonzero(counts)),
        "counts": counts,
    }


# --------------------------------------------------------------------------------------------------
# a 2-D toy for mode collapse
# --------------------------------------------------------------------------------------------------
def ring_of_gaussians(
    n: int, n_modes: int = 8, radius: float = 2.0, std: float = 0.05, random_state: int = 0
) -> np.ndarray:
    """``n`` points (float32, shape (n, 2)) from ``n_modes`` Gaussians evenly spaced on a circle."""
    if n <= 0 or n_modes <= 0:
        raise ValueError("n and n_modes must be positive")
    rng = np.random.default_rng(random_state)
    k = rng.integers(0, n_modes, size=n)
    angle = 2 * np.pi * k / n_modes
    centres = radius * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    return (centres + std * rng.standard_normal((n, 2))).astype(np.float32)


def mode_coverage(
    samples, n_modes: int = 8, radius: float = 2.0, std: float = 0.05, min_share: float = 0.02
) -> dict:
    """How many ring modes a set of 2-D samples covers.

    A sample belongs to its nearest mode if it lies within 3 standard deviations of it ("high
    quality"); a mode counts as covered when it holds at least ``min_share`` of the samples.

    Returns
    -------
    dict with ``n_modes_covered`` (int), ``high_quality_share`` (float), ``counts`` (ndarray
    (n_modes,))
    """
    pts = check_array(samples, "samples", ndim=2, shape=(None, 2), dtype="numeric").astype(
        np.float64
    )
    angle = 2 * np.pi * np.arange(n_modes) / n_modes
    centres = radius * np.stack([np.cos(angle), np.sin(angle)], axis=1)
    dist = np.linalg.norm(pts[:, None, :] - centres[None, :, :], axis=2)
    nearest = dist.argmin(axis=1)
    good = dist[np.arange(len(pts)), nearest] <= 3 * std
    counts = np.bincount(nearest[good], minlength=n_modes)
    return {
        "n_modes_covered": int(np.count_nonzero(counts >= min_share * len(pts))),
        "high_quality_share": float(good.mean()),
        "counts": counts,
    }


# --------------------------------------------------------------------------------------------------
# plotting
# --------------------------------------------------------------------------------------------------
#: How a grid of generated images in [-1, 1] is drawn: ``show_images(images, ncols=20, **IMAGE_STYLE)``
#: (:func:`helpers.plotting.show_images`), white strokes on black, the tanh output's whole range.
IMAGE_STYLE = {"cmap": "gray", "value_range": (-1, 1)}
