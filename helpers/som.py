"""Self-organising maps (Kohonen maps) from scratch, vectorised over the map (chapter 8).

A SOM is a grid of ``x * y`` nodes, each holding a weight vector in input space (``weights``
has shape ``(x, y, input_len)``). Training repeats, for one sample ``v`` at a time:

1. competition -- the best matching unit (BMU) is the node whose weights are closest to ``v``;
2. co-operation -- every node gets a Gaussian neighbourhood weight ``h`` from its *grid*
   distance to the BMU;
3. adaptation -- ``w <- w + eta(t) * h(t) * (v - w)``, with learning rate ``eta`` and width
   ``sigma`` decaying over time.

:class:`SOM` is constructed like ``minisom.MiniSom`` (same arguments, same random initial weights for
the same seed: ``random_state``, which MiniSom calls ``random_seed``; same sample order and decay
functions), and produces the same weights; it is vectorised so that each step costs a handful of NumPy calls.

Functions
---------
- :func:`best_matching_unit`     (i, j) of the node closest to a sample
- :func:`gaussian_neighbourhood` the neighbourhood weights h over the grid
- :func:`som_update`             one weight update for one sample
- :func:`asymptotic_decay`, :func:`exponential_decay`, :func:`linear_decay_to_zero`,
  :func:`inverse_decay_to_zero`, :func:`linear_decay_to_one`, :func:`inverse_decay_to_one`
  learning-rate and radius schedules ``f(value0, t, max_iter)``
- :class:`SOM`                   the map: ``train``, ``winner``, ``quantization_error``,
  ``topographic_error``, ``distance_map`` (U-matrix), ...
"""

from __future__ import annotations

import numbers
from collections import defaultdict

import numpy as np

from helpers.checks import check_array

__all__ = [
    "SOM",
    "asymptotic_decay",
    "best_matching_unit",
    "exponential_decay",
    "gaussian_neighbourhood",
    "inverse_decay_to_one",
    "inverse_decay_to_zero",
    "linear_decay_to_one",
    "linear_decay_to_zero",
    "som_update",
]


# --------------------------------------------------------------------------------------------------
# decay schedules: f(value at t=0, t, max_iter) -> value at t
# --------------------------------------------------------------------------------------------------
def asymptotic_decay(value, t, max_iter):
    """``value / (1 + t / (max_iter / 2))``: falls to one third of ``value`` at ``t = max_iter``.

    MiniSom's default for both the learning rate and sigma.
    """
    return value / (1 + t / (max_iter / 2))


def exponential_decay(value, t, max_iter):
    """The book's schedule ``value * exp(-t / lambda)``, time constant ``lambda = max_iter / 3``.

    At ``t = max_iter`` the value has fallen to ``exp(-3)``, about 5 % of its start.
    """
    return value * np.exp(-t / (max_iter / 3))


def linear_decay_to_zero(value, t, max_iter):
    """``value * (1 - t / max_iter)`` (MiniSom's ``'linear_decay_to_zero'``)."""
    return value * (1 - t / max_iter)


def inverse_decay_to_zero(value, t, max_iter):
    """``value * C / (C + t)``, ``C = max_iter / 100`` (MiniSom's ``'inverse_decay_to_zero'``)."""
    c = max_iter / 100.0
    return value * c / (c + t)


def linear_decay_to_one(sigma, t, max_iter):
    """``sigma + t (1 - sigma) / max_iter``: reaches 1 at ``t = max_iter`` (for the radius)."""
    return sigma + (t * (1 - sigma) / max_iter)


def inverse_decay_to_one(sigma, t, max_iter):
    """``sigma / (1 + t (sigma - 1) / max_iter)``: approaches 1 (for the radius)."""
    c = (sigma - 1) / max_iter
    return sigma / (1 + (t * c))


_LR_DECAYS = {
    "asymptotic_decay": asymptotic_decay,
    "exponential_decay": exponential_decay,
    "linear_decay_to_zero": linear_decay_to_zero,
    "inverse_decay_to_zero": inverse_decay_to_zero,
}
_SIGMA_DECAYS = {
    "asymptotic_decay": asymptotic_decay,
    "exponential_decay": exponential_decay,
    "linear_decay_to_one": linear_decay_to_one,
    "inverse_decay_to_one": inverse_decay_to_one,
}


def _pick_decay(fn, table: dict, argname: str):
    if callable(fn):
        return fn
    if isinstance(fn, str) and fn in table:
        return table[fn]
    raise ValueError(
        f"{argname} must be a callable f(value, t, max_iter) or one of {sorted(table)}, got {fn!r}"
    )


# --------------------------------------------------------------------------------------------------
# the three steps as plain functions (the class below fuses them for speed)
# --------------------------------------------------------------------------------------------------
def _check_weights(weights) -> np.ndarray:
    w = check_array(weights, "weights", ndim=3)
    if min(w.shape) == 0:
        raise ValueError(
            f"weights must have shape (x, y, input_len) with no zero size, got {w.shape}"
        )
    return np.asarray(w, dtype=float)


def _check_sample(v, input_len: int, name: str = "x") -> np.ndarray:
    v = check_array(v, name, ndim=1)
    if v.shape[0] != input_len:
        raise ValueError(
            f"{name} has {v.shape[0]} features, expected {input_len} (the map's input_len)"
        )
    return np.asarray(v, dtype=float)


def _check_data(data, input_len: int, name: str = "data") -> np.ndarray:
    d = check_array(data, name, ndim=2)
    if d.shape[0] == 0:
        raise ValueError(f"{name} is empty")
    if d.shape[1] != input_len:
        raise ValueError(
            f"{name} has {d.shape[1]} features, expected {input_len} (the map's input_len)"
        )
    return np.asarray(d, dtype=float)


def best_matching_unit(weights, x) -> tuple[int, int]:
    """Grid position (i, j) of the node whose weight vector is closest (Euclidean) to ``x``.

    Parameters
    ----------
    weights : array_like, shape (x, y, input_len)
    x : array_like, shape (input_len,)

    Returns
    -------
    (int, int)
        Ties go to the first node in row-major order.
    """
    w = _check_weights(weights)
    v = _check_sample(x, w.shape[2])
    d = np.linalg.norm(v - w, axis=-1)
    i, j = np.unravel_index(int(d.argmin()), d.shape)
    return int(i), int(j)


def gaussian_neighbourhood(grid_shape, center, sigma) -> np.ndarray:
    """Gaussian neighbourhood on a rectangular grid: ``exp(-||p - c||^2 / (2 sigma^2))``.

    Parameters
    ----------
    grid_shape : (int, int)
        Map size (x, y).
    center : (int, int)
        Grid position of the BMU.
    sigma : float
        Neighbourhood radius, > 0.

    Returns
    -------
    ndarray, shape (x, y)
        1 at the BMU, falling with grid distance; the product of a row and a column Gaussian.
    """
    nx, ny = (int(s) for s in grid_shape)
    if nx < 1 or ny < 1:
        raise ValueError(f"grid_shape must be two positive ints, got {grid_shape!r}")
    ci, cj = center
    if not (0 <= ci < nx and 0 <= cj < ny):
        raise ValueError(f"center {tuple(center)} lies outside the {nx} x {ny} grid")
    if not (np.isfinite(sigma) and sigma > 0):
        raise ValueError(f"sigma must be positive, got {sigma!r}")
    d = 2 * sigma * sigma
    ax = np.exp(-np.power(np.arange(nx, dtype=float) - ci, 2) / d)
    ay = np.exp(-np.power(np.arange(ny, dtype=float) - cj, 2) / d)
    return np.outer(ax, ay)


def som_update(weights, x, bmu, learning_rate, sigma) -> np.ndarray:
    """One SOM step: ``w + learning_rate * h * (x - w)`` with a Gaussian ``h`` centred on ``bmu``.

    Parameters
    ----------
    weights : array_like, shape (x, y, input_len)
    x : array_like, shape (input_len,)
    bmu : (int, int)
    learning_rate, sigma : float
        Current (already decayed) learning rate and radius.

    Returns
    -------
    ndarray, shape (x, y, input_len)
        New weights (the input is not modified).
    """
    w = _check_weights(weights)
    v = _check_sample(x, w.shape[2])
    h = gaussian_neighbourhood(w.shape[:2], bmu, sigma) * learning_rate
    return w + h[:, :, None] * (v - w)


def _schedule(fn, value0: float, t: np.ndarray, max_iter: int) -> np.ndarray:
    """``fn(value0, t, max_iter)`` for every step t (vectorised when ``fn`` accepts arrays)."""
    try:
        out = np.asarray(fn(value0, t, max_iter), dtype=float)
        if out.shape != t.shape:
            out = np.broadcast_to(out, t.shape)
    except (TypeError, ValueError):  # e.g. a user function written with math.exp
        out = np.array([fn(value0, int(s), max_iter) for s in t], dtype=float)
    if not np.all(np.isfinite(out)):
        raise ValueError("a decay function returned NaN or infinite values")
    return out


# --------------------------------------------------------------------------------------------------
# the map
# --------------------------------------------------------------------------------------------------
class SOM:
    """A rectangular self-organising map with a Gaussian neighbourhood, constructed like MiniSom.

    Parameters
    ----------
    x, y : int
        Grid size.
    input_len : int
        Length of the input vectors.
    sigma : float, default=1.0
        Initial neighbourhood radius (in grid units).
    learning_rate : float, default=0.5
        Initial learning rate.
    decay_function : str or callable, default="asymptotic_decay"
        Learning-rate schedule ``f(learning_rate, t, max_iter)``: ``"asymptotic_decay"``,
        ``"exponential_decay"`` (the book's), ``"linear_decay_to_zero"``,
        ``"inverse_decay_to_zero"``.
    sigma_decay_function : str or callable, default="asymptotic_decay"
        Radius schedule: ``"asymptotic_decay"``, ``"exponential_decay"``, ``"linear_decay_to_one"``,
        ``"inverse_decay_to_one"``.
    random_state : int or None
        Seed of a ``numpy.random.RandomState`` (MiniSom's ``random_seed``); the initial weights and random
        sample order are drawn exactly as MiniSom draws them.

    Attributes
    ----------
    weights : ndarray, shape (x, y, input_len)
        The map's weights (random unit vectors until initialised or trained).
    """

    def __init__(
        self,
        x,
        y,
        input_len,
        sigma=1.0,
        learning_rate=0.5,
        decay_function="asymptotic_decay",
        sigma_decay_function="asymptotic_decay",
        random_state=None,
    ):
        for name, val in (("x", x), ("y", y), ("input_len", input_len)):
            if isinstance(val, bool) or not isinstance(val, numbers.Integral) or val < 1:
                raise ValueError(f"{name} must be a positive int, got {val!r}")
        for name, val in (("sigma", sigma), ("learning_rate", learning_rate)):
            if isinstance(val, bool) or not isinstance(val, numbers.Real) or not val > 0:
                raise ValueError(f"{name} must be a positive number, got {val!r}")
        self._x, self._y, self._input_len = int(x), int(y), int(input_len)
        self._sigma = float(sigma)
        self._learning_rate = float(learning_rate)
        self._lr_decay = _pick_decay(decay_function, _LR_DECAYS, "decay_function")
        self._sigma_decay = _pick_decay(sigma_decay_function, _SIGMA_DECAYS, "sigma_decay_function")
        self._rng = np.random.RandomState(random_state)
        w = self._rng.rand(self._x, self._y, self._input_len) * 2 - 1
        w /= np.linalg.norm(w, axis=-1, keepdims=True)
        self.weights = w
        self._gx = np.arange(self._x, dtype=float)
        self._gy = np.arange(self._y, dtype=float)

    # -- set-up ------------------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, int]:
        """Grid size (x, y)."""
        return self._x, self._y

    def get_weights(self) -> np.ndarray:
        """The weights, shape (x, y, input_len) (MiniSom's name)."""
        return self.weights

    def random_weights_init(self, data) -> SOM:
        """Set every node's weights to a random sample of ``data`` (row-major order, as MiniSom)."""
        data = _check_data(data, self._input_len)
        idx = np.array([self._rng.randint(len(data)) for _ in range(self._x * self._y)])
        self.weights = data[idx].reshape(self._x, self._y, self._input_len).copy()
        return self

    # -- training ----------------------------------------------------------------------------------
    def _order(
        self, n: int, num_iteration: int, random_order: bool, use_epochs: bool
    ) -> np.ndarray:
        """Sample indices in the order MiniSom visits them."""
        if use_epochs:
            per_epoch = np.arange(n)
            if random_order:
                self._rng.shuffle(per_epoch)
            return np.tile(per_epoch, num_iteration)
        order = np.arange(num_iteration) % n
        if random_order:
            self._rng.shuffle(order)
        return order

    def train(self, data, num_iteration, random_order=False, use_epochs=False) -> SOM:
        """Train with one sample per step.

        Parameters
        ----------
        data : array_like, shape (n, input_len)
        num_iteration : int
            Number of steps, or of epochs when ``use_epochs`` (then ``n * num_iteration`` steps,
            and the schedules advance once per epoch).
        random_order : bool
            Shuffle the visiting order with the map's random state (as ``MiniSom.train_random``).
        use_epochs : bool
            See ``num_iteration``.

        Returns
        -------
        self
        """
        data = _check_data(data, self._input_len)
        if (
            isinstance(num_iteration, bool)
            or not isinstance(num_iteration, numbers.Integral)
            or num_iteration < 1
        ):
            raise ValueError(f"num_iteration must be a positive int, got {num_iteration!r}")
        n = data.shape[0]
        order = self._order(n, int(num_iteration), random_order, use_epochs)
        steps = np.arange(order.shape[0])
        t = steps // n if use_epochs else steps
        etas = _schedule(self._lr_decay, self._learning_rate, t, num_iteration)
        sigmas = _schedule(self._sigma_decay, self._sigma, t, num_iteration)
        nx, ny, dim = self._x, self._y, self._input_len
        w = self.weights.reshape(-1, dim).copy()
        # squared grid offsets, tabulated once: sq_x[ci] = (gx - ci)^2
        sq_x = np.power(self._gx[None, :] - self._gx[:, None], 2)  # (x, x)
        sq_y = np.power(self._gy[None, :] - self._gy[:, None], 2)  # (y, y)
        offsets = np.empty(nx + ny)
        for k, idx in enumerate(order):
            diff = data[idx] - w  # (x*y, dim), reused by the update
            bmu = int(np.einsum("ij,ij->i", diff, diff).argmin())
            ci, cj = divmod(bmu, ny)
            offsets[:nx] = sq_x[ci]
            offsets[nx:] = sq_y[cj]
            e = np.exp(-offsets / (2 * sigmas[k] * sigmas[k]))  # row and column Gaussians at once
            g = np.multiply.outer(e[:nx], e[nx:]).reshape(-1, 1)
            g *= etas[k]
            np.multiply(diff, g, out=diff)
            w += diff
        self.weights = w.reshape(self._x, self._y, dim)
        return self

    def train_random(self, data, num_iteration) -> SOM:
        """``train`` with samples in random order (MiniSom's ``train_random``)."""
        return self.train(data, num_iteration, random_order=True)

    def train_batch(self, data, num_iteration) -> SOM:
        """``train`` with samples in their given order, cycling (MiniSom's ``train_batch``)."""
        return self.train(data, num_iteration, random_order=False)

    # -- using the map -----------------------------------------------------------------------------
    def _distances(self, data: np.ndarray) -> np.ndarray:
        """(n, x*y) Euclidean distances from each sample to each node."""
        w = self.weights.reshape(-1, self._input_len)
        d2 = (data * data).sum(1)[:, None] - 2 * data @ w.T + (w * w).sum(1)[None, :]
        return np.sqrt(np.maximum(d2, 0.0))

    def activate(self, x) -> np.ndarray:
        """Distances from ``x`` to every node, shape (x, y)."""
        v = _check_sample(x, self._input_len)
        return np.linalg.norm(v - self.weights, axis=-1)

    def winner(self, x) -> tuple[int, int]:
        """Grid position (i, j) of the best matching unit of one sample ``x``."""
        return best_matching_unit(self.weights, x)

    def winners(self, data) -> np.ndarray:
        """BMU grid positions of every sample, shape (n, 2), integer."""
        data = _check_data(data, self._input_len)
        flat = self._distances(data).argmin(axis=1)
        return np.stack(np.unravel_index(flat, (self._x, self._y)), axis=1)

    def quantization(self, data) -> np.ndarray:
        """The BMU's weight vector for every sample, shape (n, input_len)."""
        data = _check_data(data, self._input_len)
        flat = self._distances(data).argmin(axis=1)
        return self.weights.reshape(-1, self._input_len)[flat]

    def quantization_error(self, data) -> float:
        """Mean Euclidean distance between each sample and its BMU's weights."""
        data = _check_data(data, self._input_len)
        return float(np.linalg.norm(data - self.quantization(data), axis=1).mean())

    def topographic_error(self, data) -> float:
        """Share of samples whose two best nodes are not grid neighbours (8-neighbourhood)."""
        data = _check_data(data, self._input_len)
        if self._x * self._y == 1:
            raise ValueError("the topographic error is not defined for a 1 x 1 map")
        best2 = np.argsort(self._distances(data), axis=1)[:, :2]
        i, j = np.unravel_index(best2, (self._x, self._y))
        dist = np.hypot(i[:, 1] - i[:, 0], j[:, 1] - j[:, 0])
        return float((dist > 1.42).mean())

    def distance_map(self, scaling="sum") -> np.ndarray:
        """The U-matrix: for every node the sum (or mean) distance to its up-to-8 grid neighbours.

        Normalised so the largest entry is 1. Shape (x, y). High values mark nodes far from their
        neighbours: borders between clusters, or isolated (outlying) regions.
        """
        if scaling not in ("sum", "mean"):
            raise ValueError(f'scaling must be "sum" or "mean", got {scaling!r}')
        w = self.weights
        nx, ny = self._x, self._y
        padded = np.full((nx + 2, ny + 2, self._input_len), np.nan)
        padded[1:-1, 1:-1] = w
        dists = []
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                if di == 0 and dj == 0:
                    continue
                nb = padded[1 + di : 1 + di + nx, 1 + dj : 1 + dj + ny]
                dists.append(np.sqrt(((w - nb) ** 2).sum(-1)))
        stack = np.stack(dists, axis=-1)  # NaN where the neighbour is off the map
        um = np.nansum(stack, axis=-1) if scaling == "sum" else np.nanmean(stack, axis=-1)
        return um / um.max()

    def activation_response(self, data) -> np.ndarray:
        """How many samples each node wins, shape (x, y)."""
        win = self.winners(data)
        counts = np.zeros((self._x, self._y), dtype=int)
        np.add.at(counts, (win[:, 0], win[:, 1]), 1)
        return counts

    def win_map(self, data, return_indices=False) -> dict:
        """Dictionary {(i, j): list of samples (or their indices)} of the samples each node wins."""
        data = _check_data(data, self._input_len)
        out = defaultdict(list)
        for k, (i, j) in enumerate(self.winners(data)):
            out[(int(i), int(j))].append(k if return_indices else data[k])
        return out
