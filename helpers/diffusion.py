"""Chapter 6: a denoising diffusion probabilistic model (DDPM, Ho et al., 2020) for low-dimensional data.

- the noise schedule and the forward (noising) process: :func:`linear_beta_schedule`,
  :func:`q_sample` (the closed form of q(x_t | x_0)), :func:`forward_chain` (the T single steps)
- the noise-predicting network: :func:`timestep_embedding`, :class:`Denoiser`
- training with the simple loss ||eps - eps_theta(x_t, t)||^2 and ancestral sampling:
  :func:`train_ddpm`, :func:`ddpm_sample`
- a distance between two 2-D samples: :func:`sliced_wasserstein` (the mean of
  :func:`helpers.wgan.wasserstein_1d` over random directions)

The 2-D test bed and its measure are :func:`helpers.gan.ring_of_gaussians` and
:func:`helpers.gan.mode_coverage`.
"""

from __future__ import annotations


import numpy as np
import torch
import torch.nn as nn

from helpers.checks import check_array, check_int
from helpers.wgan import wasserstein_1d

__all__ = [
    "Denoiser",
    "ddpm_sample",
    "forward_chain",
    "linear_beta_schedule",
    "q_sample",
    "sliced_wasserstein",
    "timestep_embedding",
    "train_ddpm",
]


def _check_betas(betas) -> np.ndarray:
    b = check_array(betas, "betas", ndim=1, dtype="numeric").astype(np.float64)
    if b.size == 0 or np.any(b <= 0) or np.any(b >= 1):
        raise ValueError("betas must be a non-empty 1-D array with values in (0, 1)")
    return b


# --------------------------------------------------------------------------------------------------
# the forward process
# --------------------------------------------------------------------------------------------------
def linear_beta_schedule(n_steps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> np.ndarray:
    """The linear noise schedule of Ho et al. (2020).

    Parameters
    ----------
    n_steps : int
        T, the number of noising steps.
    beta_start, beta_end : float
        The first and last variance, ``0 < beta_start <= beta_end < 1``.

    Returns
    -------
    ndarray, shape (T,)
        ``beta_1 ... beta_T``, evenly spaced.
    """
    n_steps = check_int(n_steps, "n_steps")
    if not 0 < beta_start <= beta_end < 1:
        raise ValueError(
            f"need 0 < beta_start <= beta_end < 1, got beta_start={beta_start}, beta_end={beta_end}"
        )
    return np.linspace(beta_start, beta_end, n_steps)


def q_sample(x0, t, betas, noise):
    """Draw x_t from q(x_t | x_0) in one step: ``sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps``.

    ``abar_t = prod_{s <= t} (1 - beta_s)``; ``t`` counts from 1 (``t = 1``: one step of noise).

    Parameters
    ----------
    x0 : array_like, shape (n, d)
        Clean data.
    t : int or array_like of int, shape (n,)
        Steps in ``1 ... T``.
    betas : array_like, shape (T,)
        The noise schedule.
    noise : array_like, shape (n, d)
        Standard normal noise eps.

    Returns
    -------
    ndarray, shape (n, d)
    """
    x = check_array(x0, "x0", ndim=2, dtype="numeric").astype(np.float64)
    eps = check_array(noise, "noise", ndim=2, shape=x.shape, dtype="numeric").astype(np.float64)
    b = _check_betas(betas)
    steps = np.broadcast_to(np.asarray(t), (len(x),))
    if not np.issubdtype(steps.dtype, np.integer):
        raise TypeError("t must hold integers")
    if np.any(steps < 1) or np.any(steps > len(b)):
        raise ValueError(f"t must lie in 1 ... {len(b)} (the length of betas)")
    abar = np.cumprod(1.0 - b)[steps - 1][:, None]
    return np.sqrt(abar) * x + np.sqrt(1.0 - abar) * eps


def forward_chain(x0, betas, random_state: int = 0) -> np.ndarray:
    """Run the forward process step by step: ``x_t = sqrt(1 - beta_t) x_{t-1} + sqrt(beta_t) z_t``.

    Parameters
    ----------
    x0 : array_like, shape (n, d)
    betas : array_like, shape (T,)
    random_state : int
        Seed of the fresh noise z_t drawn at every step.

    Returns
    -------
    ndarray, shape (T + 1, n, d)
        ``x_0, x_1, ..., x_T``.
    """
    x = check_array(x0, "x0", ndim=2, dtype="numeric").astype(np.float64)
    b = _check_betas(betas)
    rng = np.random.default_rng(random_state)
    out = np.empty((len(b) + 1,) + x.shape)
    out[0] = x
    for i, beta in enumerate(b):
        out[i + 1] = np.sqrt(1.0 - beta) * out[i] + np.sqrt(beta) * rng.standard_normal(x.shape)
    return out


# --------------------------------------------------------------------------------------------------
# the network
# --------------------------------------------------------------------------------------------------
def timestep_embedding(t, dim: int, max_period: float = 1000.0) -> torch.Tensor:
    """Sinusoidal features of the step t (as in the transformer's positional encoding).

    Parameters
    ----------
    t : torch.Tensor of shape (n,)
        Steps (integers or floats).
    dim : int
        Even number of features.
    max_period : float
        The longest wavelength.

    Returns
    -------
    torch.Tensor, shape (n, dim)
        ``[sin(t w_0) ... sin(t w_{k-1}), cos(t w_0) ... cos(t w_{k-1})]``, ``w_j = max_period^(-j/k)``,
        ``k = dim / 2``.
    """
    dim = check_int(dim, "dim")
    if dim % 2:
        raise ValueError(f"dim must be even, got {dim}")
    if not isinstance(t, torch.Tensor) or t.ndim != 1:
        raise TypeError("t must be a 1-D torch.Tensor")
    half = dim // 2
    freqs = max_period ** (-torch.arange(half, dtype=torch.float32) / half)
    angles = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class Denoiser(nn.Module):
    """An MLP eps_theta(x_t, t): the noisy point and an embedding of t in, the predicted noise out.

    Parameters
    ----------
    data_dim : int
        d, the dimension of the data.
    width : int
        Units of each hidden layer.
    depth : int
        Number of hidden layers.
    emb_dim : int
        Features of the step embedding (:func:`timestep_embedding`).
    """

    def __init__(self, data_dim: int = 2, width: int = 128, depth: int = 3, emb_dim: int = 16):
        super().__init__()
        self.data_dim = check_int(data_dim, "data_dim")
        self.emb_dim = check_int(emb_dim, "emb_dim")
        width, depth = check_int(width, "width"), check_int(depth, "depth")
        layers, n_in = [], self.data_dim + self.emb_dim
        for _ in range(depth):
            layers += [nn.Linear(n_in, width), nn.SiLU()]
            n_in = width
        layers.append(nn.Linear(n_in, self.data_dim))
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """``x``: (n, d) noisy points; ``t``: (n,) steps in 1 ... T. Returns (n, d)."""
        return self.net(torch.cat([x, timestep_embedding(t, self.emb_dim)], dim=1))


# --------------------------------------------------------------------------------------------------
# training and sampling
# --------------------------------------------------------------------------------------------------
def train_ddpm(
    model: nn.Module,
    data,
    betas,
    *,
    steps: int = 2000,
    batch_size: int = 256,
    lr: float = 1e-3,
    random_state: int = 0,
) -> list:
    """Fit ``model`` to predict the noise: minimise ``mean ||eps - model(x_t, t)||^2``.

    Every step draws a batch of data, a step ``t ~ U{1..T}`` and noise ``eps ~ N(0, I)`` per point,
    forms ``x_t`` with the closed form of :func:`q_sample`, and takes one Adam step.

    Parameters
    ----------
    model : nn.Module
        Called as ``model(x_t, t)``.
    data : array_like, shape (n, d)
    betas : array_like, shape (T,)
    steps, batch_size : int
    lr : float
        Adam's learning rate.
    random_state : int
        Seeds the batches, the steps and the noise.

    Returns
    -------
    list of float
        The loss of every step.
    """
    x_all = torch.as_tensor(check_array(data, "data", ndim=2, dtype="numeric"), dtype=torch.float32)
    b = torch.as_tensor(_check_betas(betas), dtype=torch.float32)
    steps, batch_size = check_int(steps, "steps"), check_int(batch_size, "batch_size")
    abar = torch.cumprod(1.0 - b, dim=0)
    gen = torch.Generator().manual_seed(int(random_state))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    model.train()
    for _ in range(steps):
        idx = torch.randint(0, len(x_all), (batch_size,), generator=gen)
        x0 = x_all[idx]
        t = torch.randint(1, len(b) + 1, (batch_size,), generator=gen)
        eps = torch.randn(x0.shape, generator=gen)
        a = abar[t - 1][:, None]
        x_t = a.sqrt() * x0 + (1.0 - a).sqrt() * eps
        loss = ((eps - model(x_t, t)) ** 2).sum(dim=1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    model.eval()
    return losses


@torch.no_grad()
def ddpm_sample(model: nn.Module, n: int, betas, *, data_dim: int = 2, random_state: int = 0,
                return_path: bool = False):
    """Ancestral sampling: start from ``x_T ~ N(0, I)`` and take the T reverse steps.

    ``x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) * eps_theta(x_t, t)) / sqrt(1 - beta_t) + sigma_t z``,
    with ``sigma_t^2 = beta_t`` and no noise at the last step (t = 1).

    Parameters
    ----------
    model : nn.Module
        The trained noise predictor, called ``model(x_t, t)``.
    n : int
        Number of samples.
    betas : array_like, shape (T,)
    data_dim : int
    random_state : int
    return_path : bool
        Also return every intermediate x_t.

    Returns
    -------
    ndarray, shape (n, data_dim); with ``return_path`` also an ndarray of shape (T + 1, n, data_dim),
    ``x_T`` first.
    """
    n, data_dim = check_int(n, "n"), check_int(data_dim, "data_dim")
    b = torch.as_tensor(_check_betas(betas), dtype=torch.float32)
    abar = torch.cumprod(1.0 - b, dim=0)
    gen = torch.Generator().manual_seed(int(random_state))
    x = torch.randn((n, data_dim), generator=gen)
    path = [x.numpy().copy()]
    for t in range(len(b), 0, -1):
        eps_hat = model(x, torch.full((n,), t, dtype=torch.long))
        beta = b[t - 1]
        x = (x - beta / (1.0 - abar[t - 1]).sqrt() * eps_hat) / (1.0 - beta).sqrt()
        if t > 1:
            x = x + beta.sqrt() * torch.randn((n, data_dim), generator=gen)
        path.append(x.numpy().copy())
    out = x.numpy().astype(np.float64)
    return (out, np.stack(path)) if return_path else out


def sliced_wasserstein(a, b, n_projections: int = 50, random_state: int = 0) -> float:
    """The mean over random unit directions of the 1-D Wasserstein-1 distance of the projections.

    Parameters
    ----------
    a, b : array_like, shapes (n, d) and (m, d)
    n_projections : int
    random_state : int
        Seeds the directions.

    Returns
    -------
    float
    """
    x = check_array(a, "a", ndim=2, dtype="numeric").astype(np.float64)
    y = check_array(b, "b", ndim=2, shape=(None, x.shape[1]), dtype="numeric").astype(np.float64)
    n_projections = check_int(n_projections, "n_projections")
    rng = np.random.default_rng(random_state)
    dirs = rng.standard_normal((n_projections, x.shape[1]))
    dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    return float(np.mean([wasserstein_1d(x @ d, y @ d) for d in dirs]))
