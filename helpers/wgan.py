"""Chapter 6: Wasserstein GANs with a gradient penalty (WGAN-GP).

- distances between distributions: :func:`wasserstein_1d` (the earth mover's distance between two
  1-D samples or weighted point sets) and :func:`js_divergence` (Jensen-Shannon, discrete)
- the WGAN losses, backend-agnostic like :mod:`helpers.gan` (NumPy in, float out; torch in,
  differentiable tensor out): :func:`critic_loss`, :func:`wgan_generator_loss`
- the gradient penalty of Gulrajani et al. (2017): :func:`interpolate`, :func:`gradient_penalty`
- small 2-D networks and one training loop for both the WGAN-GP and the standard (non-saturating)
  GAN, so that the two can be compared with everything else equal: :func:`build_toy_mlp`,
  :func:`train_wgan_gp`

The standard GAN losses come from :mod:`helpers.gan` (:func:`helpers.gan.discriminator_loss`,
:func:`helpers.gan.generator_loss`); the 2-D test bed and its measure are
:func:`helpers.gan.ring_of_gaussians` and :func:`helpers.gan.mode_coverage`.
"""

from __future__ import annotations

import numbers
import time

import numpy as np
import torch
import torch.nn as nn

from helpers.checks import check_array, check_int
from helpers.gan import GANResult, discriminator_loss, generator_loss

__all__ = [
    "build_toy_mlp",
    "critic_loss",
    "gradient_penalty",
    "interpolate",
    "js_divergence",
    "train_wgan_gp",
    "wasserstein_1d",
    "wgan_generator_loss",
]

_LOSSES = ("wgan-gp", "ns")


# --------------------------------------------------------------------------------------------------
# distances
# --------------------------------------------------------------------------------------------------
def _values_weights(values, weights, name: str):
    x = check_array(values, name, ndim=1, dtype="numeric").astype(np.float64)
    if x.size == 0:
        raise ValueError(f"{name} is empty")
    if weights is None:
        return x, np.full(x.size, 1.0 / x.size)
    w = check_array(weights, f"{name[0]}_weights", ndim=1, dtype="numeric").astype(np.float64)
    if w.shape != x.shape:
        raise ValueError(
            f"{name[0]}_weights must have one weight per value: {x.size} values, {w.size} weights"
        )
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError(f"{name[0]}_weights must be non-negative with a positive sum")
    return x, w / w.sum()


def wasserstein_1d(u_values, v_values, u_weights=None, v_weights=None) -> float:
    """The Wasserstein-1 (earth mover's) distance between two distributions on the real line.

    In one dimension the optimal transport plan moves mass in sorted order, and the distance is the
    area between the two cumulative distribution functions:
    ``W1(P, Q) = integral |F_P(x) - F_Q(x)| dx``. Both CDFs are step functions that change only at
    the observed values, so the integral is a finite sum over the gaps between sorted values.

    Parameters
    ----------
    u_values, v_values : array_like, shapes (n,) and (m,)
        Samples (or the locations of point masses) of the two distributions.
    u_weights, v_weights : array_like, shapes (n,) and (m,), optional
        Non-negative masses of the points (normalised to sum to 1); equal masses by default.

    Returns
    -------
    float, in the units of the values (``scipy.stats.wasserstein_distance`` computes the same).
    """
    u, wu = _values_weights(u_values, u_weights, "u_values")
    v, wv = _values_weights(v_values, v_weights, "v_values")
    points = np.sort(np.concatenate([u, v]))
    gaps = np.diff(points)
    order_u, order_v = np.argsort(u), np.argsort(v)
    cdf_u = np.cumsum(wu[order_u])
    cdf_v = np.cumsum(wv[order_v])
    # the CDF on [points[i], points[i + 1]): total mass at values <= points[i]
    idx_u = np.searchsorted(u[order_u], points[:-1], side="right")
    idx_v = np.searchsorted(v[order_v], points[:-1], side="right")
    f_u = np.where(idx_u > 0, cdf_u[np.maximum(idx_u - 1, 0)], 0.0)
    f_v = np.where(idx_v > 0, cdf_v[np.maximum(idx_v - 1, 0)], 0.0)
    return float(np.sum(np.abs(f_u - f_v) * gaps))


def js_divergence(p, q) -> float:
    """The Jensen-Shannon divergence between two discrete distributions, in nats.

    ``JS(P, Q) = KL(P || M) / 2 + KL(Q || M) / 2`` with ``M = (P + Q) / 2``. It lies in
    ``[0, log 2]`` and equals ``log 2`` exactly when the supports of P and Q do not overlap, however
    far apart they are.

    Parameters
    ----------
    p, q : array_like, same shape (k,)
        Probabilities (non-negative; normalised to sum to 1).

    Returns
    -------
    float (``scipy.spatial.distance.jensenshannon(p, q) ** 2`` is the same number)
    """
    a = check_array(p, "p", ndim=1, dtype="numeric").astype(np.float64)
    b = check_array(q, "q", ndim=1, dtype="numeric").astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(f"p and q must have the same shape, got {a.shape} and {b.shape}")
    for arr, name in ((a, "p"), (b, "q")):
        if np.any(arr < 0) or arr.sum() <= 0:
            raise ValueError(f"{name} must be non-negative with a positive sum")
    a, b = a / a.sum(), b / b.sum()
    m = (a + b) / 2

    def kl(x):
        keep = x > 0  # 0 log 0 = 0; m > 0 wherever x > 0
        return float(np.sum(x[keep] * np.log(x[keep] / m[keep])))

    return 0.5 * kl(a) + 0.5 * kl(b)


# --------------------------------------------------------------------------------------------------
# losses
# --------------------------------------------------------------------------------------------------
def _is_torch(x) -> bool:
    return isinstance(x, torch.Tensor)


def _scores(x, name: str):
    if _is_torch(x):
        if not x.is_floating_point():
            raise TypeError(f"{name} must be a floating-point tensor, got dtype {x.dtype}")
        if x.numel() == 0:
            raise ValueError(f"{name} is empty")
        return x
    arr = check_array(x, name, dtype="numeric").astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name} is empty")
    return arr


def critic_loss(critic_real, critic_fake):
    """The WGAN critic's loss, to be minimised: ``mean(f(fake)) - mean(f(real))``.

    Its negative is the critic's estimate of the Wasserstein-1 distance between the data and the
    generator (valid while the critic is 1-Lipschitz). The scores are raw numbers, not probabilities:
    no sigmoid, no logarithm.

    Parameters
    ----------
    critic_real : ndarray or tensor, shape (n,) or (n, 1)
    critic_fake : ndarray or tensor, shape (m,) or (m, 1)

    Returns
    -------
    float (NumPy input) or 0-d tensor (torch input)
    """
    if _is_torch(critic_real) != _is_torch(critic_fake):
        raise TypeError("critic_real and critic_fake must both be NumPy arrays or both torch tensors")
    real = _scores(critic_real, "critic_real")
    fake = _scores(critic_fake, "critic_fake")
    if _is_torch(real):
        return fake.mean() - real.mean()
    return float(fake.mean() - real.mean())


def wgan_generator_loss(critic_fake):
    """The WGAN generator's loss, to be minimised: ``-mean(f(fake))``.

    Parameters
    ----------
    critic_fake : ndarray or tensor, shape (m,) or (m, 1)

    Returns
    -------
    float (NumPy input) or 0-d tensor (torch input)
    """
    fake = _scores(critic_fake, "critic_fake")
    if _is_torch(fake):
        return -fake.mean()
    return float(-fake.mean())


# --------------------------------------------------------------------------------------------------
# gradient penalty
# --------------------------------------------------------------------------------------------------
def _check_pair(real, fake):
    for t, name in ((real, "real"), (fake, "fake")):
        if not _is_torch(t):
            raise TypeError(f"{name} must be a torch tensor, got {type(t).__name__}")
        if not t.is_floating_point():
            raise TypeError(f"{name} must be a floating-point tensor, got dtype {t.dtype}")
    if real.shape != fake.shape:
        raise ValueError(
            f"real and fake must have the same shape, got {tuple(real.shape)} and {tuple(fake.shape)}"
        )
    if real.ndim < 2 or real.shape[0] == 0:
        raise ValueError(f"real and fake must have shape (n, ...) with n >= 1, got {tuple(real.shape)}")


def interpolate(real, fake, *, alpha=None, generator=None):
    """Points on the straight lines between paired real and fake samples.

    ``x_hat = alpha * real + (1 - alpha) * fake`` with one ``alpha ~ U(0, 1)`` per pair.

    Parameters
    ----------
    real, fake : torch.Tensor, same shape (n, ...)
    alpha : torch.Tensor, shape (n,), optional
        The mixing weights; drawn uniformly (from ``generator``) when omitted.
    generator : torch.Generator, optional

    Returns
    -------
    torch.Tensor, shape (n, ...)
    """
    _check_pair(real, fake)
    n = real.shape[0]
    if alpha is None:
        alpha = torch.rand(n, generator=generator, dtype=real.dtype).to(real.device)
    else:
        alpha = torch.as_tensor(alpha, dtype=real.dtype, device=real.device)
        if alpha.shape != (n,):
            raise ValueError(f"alpha must have shape ({n},), got {tuple(alpha.shape)}")
        if torch.any(alpha < 0) or torch.any(alpha > 1):
            raise ValueError("alpha must lie in [0, 1]")
    alpha = alpha.reshape((n,) + (1,) * (real.ndim - 1))
    return alpha * real + (1 - alpha) * fake


def gradient_penalty(critic, real, fake, *, weight: float = 10.0, alpha=None, generator=None):
    """The gradient penalty of WGAN-GP: ``weight * mean((||grad_x f(x_hat)|| - 1) ** 2)``.

    ``x_hat`` are random points between real and fake samples (:func:`interpolate`). An optimal
    1-Lipschitz critic has gradient norm 1 almost everywhere on those lines, so the penalty pulls
    the norm towards 1 there instead of clipping the weights. The gradient is taken with
    ``create_graph=True``: the penalty is itself differentiable with respect to the critic's
    parameters (a second-order backward pass).

    Parameters
    ----------
    critic : callable
        Maps a tensor (n, ...) to scores (n,) or (n, 1).
    real, fake : torch.Tensor, same shape (n, ...)
        ``fake`` should be detached from the generator when training the critic.
    weight : float
        lambda; 10 in Gulrajani et al. (2017).
    alpha, generator
        Passed to :func:`interpolate`.

    Returns
    -------
    torch.Tensor
        The penalty, a 0-d tensor.
    """
    if not callable(critic):
        raise TypeError(f"critic must be callable, got {type(critic).__name__}")
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real) or weight < 0:
        raise ValueError(f"weight must be a non-negative number, got {weight!r}")
    x_hat = interpolate(real, fake, alpha=alpha, generator=generator).detach().requires_grad_(True)
    scores = critic(x_hat)
    (grad,) = torch.autograd.grad(scores.sum(), x_hat, create_graph=True)
    norms = grad.reshape(len(grad), -1).norm(dim=1)
    return weight * ((norms - 1) ** 2).mean()


# --------------------------------------------------------------------------------------------------
# networks and training
# --------------------------------------------------------------------------------------------------
def build_toy_mlp(n_in: int = 2, n_out: int = 2, width: int = 128, depth: int = 3):
    """A fully connected network for 2-D toys: ``depth`` hidden layers of ``width`` units with ReLU.

    Used both as a generator (``n_in`` = latent size, ``n_out`` = 2) and as a critic or
    discriminator (``n_in`` = 2, ``n_out`` = 1, a raw score or logit). No normalisation layers: batch
    norm would make a critic's score of one sample depend on the rest of the batch, which breaks the
    per-sample gradient penalty.

    Returns
    -------
    torch.nn.Sequential mapping (n, n_in) -> (n, n_out)
    """
    for value, name in ((n_in, "n_in"), (n_out, "n_out"), (width, "width"), (depth, "depth")):
        check_int(value, name)
    layers, size = [], n_in
    for _ in range(depth):
        layers += [nn.Linear(size, width), nn.ReLU()]
        size = width
    layers.append(nn.Linear(size, n_out))
    return nn.Sequential(*layers)


def train_wgan_gp(
    generator,
    critic,
    data,
    *,
    latent_dim: int,
    steps: int = 1000,
    n_critic: int = 5,
    loss: str = "wgan-gp",
    gp_weight: float = 10.0,
    batch_size: int = 256,
    lr: float = 1e-4,
    betas: tuple = (0.5, 0.9),
    log_every: int = 50,
    random_state: int = 0,
    callback=None,
) -> GANResult:
    """Train a generator against a critic: ``n_critic`` critic steps, then one generator step.

    Parameters
    ----------
    generator, critic : torch.nn.Module
        G maps (n, latent_dim) -> samples shaped like ``data``; the critic maps samples -> (n, 1).
    data : ndarray or tensor, shape (n, ...)
        Real samples.
    latent_dim : int
    steps : int
        Number of generator steps; the critic takes ``n_critic * steps`` steps. No time cap.
    loss : {"wgan-gp", "ns"}
        ``"wgan-gp"``: :func:`critic_loss` plus :func:`gradient_penalty` for the critic and
        :func:`wgan_generator_loss` for the generator. ``"ns"``: the standard GAN, i.e.
        :func:`helpers.gan.discriminator_loss` and the non-saturating
        :func:`helpers.gan.generator_loss`, with the same networks, batches and optimisers.
    gp_weight : float
        lambda of the gradient penalty (ignored for ``"ns"``).
    lr, betas
        Adam's settings for both networks.
    random_state : int
        Seeds the batches, the noise and the interpolation weights (seed the networks' weights
        yourself, e.g. with :func:`helpers.set_seed`, before building them).
    callback : callable, optional
        Called as ``callback(step, result)`` after every generator step (e.g. to measure coverage).

    Returns
    -------
    helpers.gan.GANResult
        ``history`` holds, every ``log_every`` generator steps, the averages of ``"d_loss"`` (the
        critic's whole loss), ``"g_loss"``, ``"w_estimate"`` (``mean f(real) - mean f(fake)``, the
        critic's estimate of W1 for ``"wgan-gp"``; for ``"ns"`` the same difference of logits) and
        ``"gp"`` (0 for ``"ns"``). ``ema_generator`` is the generator itself (no averaging).
    """
    if loss not in _LOSSES:
        raise ValueError(f"loss must be one of {_LOSSES}, got {loss!r}")
    for value, name in ((steps, "steps"), (n_critic, "n_critic"), (batch_size, "batch_size"),
                        (latent_dim, "latent_dim"), (log_every, "log_every")):
        check_int(value, name)
    if not lr > 0:
        raise ValueError(f"lr must be positive, got {lr!r}")
    real = torch.as_tensor(check_array(data, "data", ndim=(2, 3, 4)), dtype=torch.float32)
    n = real.shape[0]
    if n < batch_size:
        raise ValueError(f"data must hold at least batch_size={batch_size} samples, got {n}")
    gen = torch.Generator().manual_seed(random_state)
    opt_g = torch.optim.Adam(generator.parameters(), lr=lr, betas=betas)
    opt_d = torch.optim.Adam(critic.parameters(), lr=lr, betas=betas)
    keys = ("d_loss", "g_loss", "w_estimate", "gp")
    history = {"step": [], **{k: [] for k in keys}}
    acc = dict.fromkeys(keys, 0.0)
    count = 0
    result = GANResult(generator, generator, history)
    generator.train()
    critic.train()
    start = time.perf_counter()
    for step in range(1, steps + 1):
        for _ in range(n_critic):
            batch = real[torch.randint(0, n, (batch_size,), generator=gen)]
            with torch.no_grad():
                fake = generator(torch.randn(batch_size, latent_dim, generator=gen))
            scores = critic(torch.cat([batch, fake]))  # one forward pass for both halves
            s_real, s_fake = scores[:batch_size], scores[batch_size:]
            if loss == "wgan-gp":
                gp = gradient_penalty(critic, batch, fake, weight=gp_weight, generator=gen)
                loss_d = critic_loss(s_real, s_fake) + gp
            else:
                gp = torch.zeros(())
                loss_d = discriminator_loss(s_real, s_fake)
            opt_d.zero_grad(set_to_none=True)
            loss_d.backward()
            opt_d.step()
        fake = generator(torch.randn(batch_size, latent_dim, generator=gen))
        s_fake = critic(fake)
        loss_g = wgan_generator_loss(s_fake) if loss == "wgan-gp" else generator_loss(s_fake)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        acc["d_loss"] += loss_d.item()
        acc["g_loss"] += loss_g.item()
        acc["w_estimate"] += (s_real.mean() - s_fake.mean()).item()
        acc["gp"] += gp.item()
        count += 1
        if step % log_every == 0 or step == steps:
            history["step"].append(step)
            for k in keys:
                history[k].append(acc[k] / count)
            acc = dict.fromkeys(keys, 0.0)
            count = 0
        result.steps = step
        if callback is not None:
            callback(step, result)
    generator.eval()
    critic.eval()
    result.seconds = time.perf_counter() - start
    return result
