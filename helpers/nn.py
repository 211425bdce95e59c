"""Chapter 3: neural-network fundamentals and optimisation, written in NumPy.

Everything here is first derived in the chapter's lecture notebooks, then reused from here:

- activations and their derivatives (:func:`sigmoid`, :func:`relu`, :func:`leaky_relu`,
  :func:`tanh`, the ``*_grad`` functions and the :data:`ACTIVATIONS` table);
- a numerically stable :func:`softmax`, :func:`log_softmax`, :func:`cross_entropy` and its gradient;
- :class:`MLP`, a fully connected network with an explicit ``forward`` / ``backward``;
- optimisers :class:`SGD` (momentum, Nesterov), :class:`AdaGrad`, :class:`RMSprop`, :class:`Adam`
  whose ``step(params, grads)`` updates NumPy arrays in place with ``torch.optim``'s update rule;
- learning-rate schedules (:func:`step_lr`, :func:`exponential_lr`, :func:`cosine_lr`,
  :func:`linear_warmup_lr`) equal to ``torch.optim.lr_scheduler``;
- small utilities used by several notebooks: :func:`load_digits_split`, :func:`train`,
  :func:`accuracy` (chapter 2's, from :mod:`helpers.ml`), :func:`rosenbrock`, :func:`rosenbrock_grad`,
  :func:`optimize_path`.

Shapes follow the scikit-learn convention: ``X`` is ``(n_samples, n_features)``, labels are integers
``(n_samples,)`` and logits are ``(n_samples, n_classes)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from helpers.checks import check_array
from helpers.ml import accuracy, sigmoid  # chapter 2's accuracy and stable logistic function

__all__ = [
    "ACTIVATIONS",
    "AdaGrad",
    "Adam",
    "MLP",
    "Optimizer",
    "RMSprop",
    "SGD",
    "accuracy",
    "cosine_lr",
    "cross_entropy",
    "cross_entropy_grad",
    "exponential_lr",
    "leaky_relu",
    "leaky_relu_grad",
    "linear_warmup_lr",
    "load_digits_split",
    "log_softmax",
    "optimize_path",
    "relu",
    "relu_grad",
    "rosenbrock",
    "rosenbrock_grad",
    "sigmoid",
    "sigmoid_grad",
    "softmax",
    "step_lr",
    "tanh",
    "tanh_grad",
    "train",
]


# --------------------------------------------------------------------------------------------------
# Activations. Each ``*_grad`` takes the PRE-activation ``z`` and returns d activation / d z.
# --------------------------------------------------------------------------------------------------
def sigmoid_grad(z):
    """Derivative of :func:`sigmoid`: ``s(z) * (1 - s(z))``."""
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z):
    """Rectified linear unit ``max(0, z)``."""
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0)


def relu_grad(z):
    """Derivative of :func:`relu`: 1 where ``z > 0``, else 0 (0 at ``z == 0``, like torch)."""
    z = np.asarray(z, dtype=float)
    return (z > 0).astype(float)


def leaky_relu(z, alpha: float = 0.01):
    """Leaky ReLU: ``z`` for ``z > 0`` and ``alpha * z`` otherwise."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_grad(z, alpha: float = 0.01):
    """Derivative of :func:`leaky_relu`: 1 for ``z > 0`` and ``alpha`` otherwise."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha)


def tanh(z):
    """Hyperbolic tangent."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_grad(z):
    """Derivative of :func:`tanh`: ``1 - tanh(z)**2``."""
    t = np.tanh(np.asarray(z, dtype=float))
    return 1.0 - t * t


def _identity(z):
    return np.asarray(z, dtype=float)


def _identity_grad(z):
    return np.ones_like(np.asarray(z, dtype=float))


#: name -> (activation, derivative with respect to the pre-activation)
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "linear": (_identity, _identity_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
    "relu": (relu, relu_grad),
    "leaky_relu": (leaky_relu, leaky_relu_grad),
    "tanh": (tanh, tanh_grad),
}


# --------------------------------------------------------------------------------------------------
# Softmax and cross-entropy
# --------------------------------------------------------------------------------------------------
def softmax(logits, axis: int = -1):
    """Numerically stable softmax along ``axis``.

    Subtracting the maximum logit first leaves the result unchanged (softmax is shift invariant) but
    keeps every ``exp`` at most 1, so logits of 1000 do not overflow.
    """
    z = check_array(logits, "logits").astype(float)
    z = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis: int = -1):
    """``log(softmax(logits))`` as ``z - max - log(sum(exp(z - max)))`` (never ``log(0)``)."""
    z = check_array(logits, "logits").astype(float)
    z = z - np.max(z, axis=axis, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=axis, keepdims=True))


def _check_logits_labels(logits, labels):
    z = check_array(logits, "logits", ndim=2).astype(float)
    y = check_array(labels, "labels", ndim=1, shape=(z.shape[0],))
    if not np.issubdtype(y.dtype, np.integer):
        if np.issubdtype(y.dtype, np.floating) and np.all(y == np.round(y)):
            y = y.astype(np.int64)
        else:
            raise TypeError(f"labels must be integer class indices, got dtype {y.dtype}")
    n_classes = z.shape[1]
    if y.size and (y.min() < 0 or y.max() >= n_classes):
        raise ValueError(
            f"labels must lie in [0, {n_classes}) for logits with {n_classes} columns, "
            f"got values from {y.min()} to {y.max()}"
        )
    return z, y


def cross_entropy(logits, labels) -> float:
    """Mean cross-entropy of integer ``labels`` under ``softmax(logits)``.

    Parameters
    ----------
    logits : array (n_samples, n_classes)
    labels : int array (n_samples,) with values in ``[0, n_classes)``

    Returns
    -------
    float
        ``-mean_i log softmax(logits)[i, labels[i]]``; equals ``torch.nn.functional.cross_entropy``.
    """
    z, y = _check_logits_labels(logits, labels)
    logp = log_softmax(z, axis=1)
    return float(-np.mean(logp[np.arange(len(y)), y]))


def cross_entropy_grad(logits, labels):
    """Gradient of :func:`cross_entropy` with respect to the logits: ``(softmax - one_hot) / n``."""
    z, y = _check_logits_labels(logits, labels)
    g = softmax(z, axis=1)
    g[np.arange(len(y)), y] -= 1.0
    return g / len(y)


# --------------------------------------------------------------------------------------------------
# A fully connected network
# --------------------------------------------------------------------------------------------------
class MLP:
    """A fully connected network ``Linear -> act -> ... -> Linear`` with softmax cross-entropy loss.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[n_inputs, hidden_1, ..., n_classes]``; at least two entries.
    activation : {"relu", "sigmoid", "tanh", "leaky_relu", "linear"}
        Hidden-layer activation.
    weight_decay : float
        L2 penalty ``0.5 * weight_decay * sum(W**2)`` over the weight matrices (not the biases),
        added to the loss by :meth:`loss_and_grads`.
    seed : int
        Seed of the weight initialisation: He (``std = sqrt(2 / fan_in)``) for ReLU-type
        activations, Glorot (``std = sqrt(1 / fan_in)``) otherwise; biases start at zero.

    Attributes
    ----------
    params : list of arrays
        ``[W1, b1, W2, b2, ...]`` with ``W`` of shape ``(fan_in, fan_out)`` and ``b`` of shape
        ``(fan_out,)``. Optimisers update these arrays in place.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str = "relu",
        *,
        weight_decay: float = 0.0,
        random_state: int = 0,
    ):
        sizes = [int(s) for s in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(
                f"layer_sizes needs at least two positive sizes [n_inputs, ..., n_classes], "
                f"got {list(layer_sizes)}"
            )
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if weight_decay < 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay}")
        self.layer_sizes = sizes
        self.activation = activation
        self.weight_decay = float(weight_decay)
        rng = np.random.default_rng(random_state)
        gain = 2.0 if activation in ("relu", "leaky_relu") else 1.0
        self.params: list[np.ndarray] = []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            self.params.append(rng.normal(0.0, math.sqrt(gain / fan_in), size=(fan_in, fan_out)))
            self.params.append(np.zeros(fan_out))
        self._cache = None

    @property
    def n_layers(self) -> int:
        """Number of linear layers."""
        return len(self.params) // 2

    def forward(self, X):
        """Logits ``(n_samples, n_classes)`` for inputs ``X (n_samples, n_inputs)``.

        The pre-activations and activations are kept for :meth:`backward`.
        """
        X = check_array(X, "X", ndim=2, shape=(None, self.layer_sizes[0])).astype(float)
        act, _ = ACTIVATIONS[self.activation]
        a = X
        inputs, pre = [], []
        for k in range(self.n_layers):
            W, b = self.params[2 * k], self.params[2 * k + 1]
            inputs.append(a)
            z = a @ W + b
            pre.append(z)
            a = act(z) if k < self.n_layers - 1 else z
        self._cache = (inputs, pre)
        return a

    def backward(self, dlogits):
        """Gradients ``[dW1, db1, dW2, db2, ...]`` of a loss, given d loss / d logits.

        Call :meth:`forward` first. The weight-decay term is NOT included here; see
        :meth:`loss_and_grads`.
        """
        if self._cache is None:
            raise RuntimeError("call forward(X) before backward(dlogits)")
        inputs, pre = self._cache
        d = check_array(dlogits, "dlogits", ndim=2, shape=pre[-1].shape).astype(float)
        _, act_grad = ACTIVATIONS[self.activation]
        grads: list[np.ndarray] = [None] * len(self.params)  # type: ignore[list-item]
        for k in reversed(range(self.n_layers)):
            grads[2 * k] = inputs[k].T @ d
            grads[2 * k + 1] = d.sum(axis=0)
            if k > 0:
                d = (d @ self.params[2 * k].T) * act_grad(pre[k - 1])
        return grads

    def loss_and_grads(self, X, y):
        """Mean cross-entropy (plus the L2 penalty) on ``(X, y)`` and its gradients."""
        logits = self.forward(X)
        loss = cross_entropy(logits, y)
        grads = self.backward(cross_entropy_grad(logits, y))
        if self.weight_decay:
            for k in range(self.n_layers):
                W = self.params[2 * k]
                loss += 0.5 * self.weight_decay * float(np.sum(W * W))
                grads[2 * k] = grads[2 * k] + self.weight_decay * W
        return loss, grads

    def predict_proba(self, X):
        """Class probabilities ``(n_samples, n_classes)``."""
        return softmax(self.forward(X), axis=1)

    def predict(self, X):
        """Predicted labels ``(n_samples,)``."""
        return np.argmax(self.forward(X), axis=1)


# --------------------------------------------------------------------------------------------------
# Optimisers with torch.optim's update rules
# --------------------------------------------------------------------------------------------------
class Optimizer:
    """Base class: keeps per-parameter state and checks ``params`` / ``grads`` in :meth:`step`.

    The state of parameter ``i`` (momentum buffer, moment estimates, ...) is stored under its
    position in the list, so always pass the parameters in the same order. ``lr`` may be changed
    between steps (that is how the schedules are applied).
    """

    def __init__(self, lr: float):
        if not lr > 0:
            raise ValueError(f"lr must be > 0, got {lr}")
        self.lr = float(lr)
        self.state: dict[int, dict] = {}
        self.t = 0  # number of steps taken

    def reset(self) -> None:
        """Forget all state (as if freshly constructed)."""
        self.state.clear()
        self.t = 0

    def step(self, params: list, grads: list) -> None:
        """Update every array in ``params`` in place using the matching array in ``grads``."""
        if len(params) != len(grads):
            raise ValueError(f"params and grads must have the same length, got {len(params)} and "
                             f"{len(grads)}")
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
                raise TypeError(f"params[{i}] must be a float NumPy array (updated in place), got "
                                f"{type(p).__name__}")
            g = np.asarray(g, dtype=p.dtype)
            if g.shape != p.shape:
                raise ValueError(f"grads[{i}] must have the shape of params[{i}] {p.shape}, "
                                 f"got {g.shape}")
        self.t += 1
        for i, (p, g) in enumerate(zip(params, grads)):
            self._update(i, p, np.asarray(g, dtype=p.dtype), self.state.setdefault(i, {}))

    def _update(self, i: int, p: np.ndarray, g: np.ndarray, state: dict) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent with optional (Nesterov) momentum, as ``torch.optim.SGD``.

    With ``g`` the gradient (plus ``weight_decay * p``), torch keeps a buffer ``b``::

        b = g                      (first step)
        b = momentum * b + g       (later steps)
        d = g + momentum * b  if nesterov  else  b
        p = p - lr * d

    With ``momentum = 0`` this is plain ``p = p - lr * g``.
    """

    def __init__(self, lr: float, momentum: float = 0.0, nesterov: bool = False,
                 weight_decay: float = 0.0):
        super().__init__(lr)
        if momentum < 0:
            raise ValueError(f"momentum must be >= 0, got {momentum}")
        if nesterov and momentum <= 0:
            raise ValueError("nesterov=True needs momentum > 0")
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)
        self.weight_decay = float(weight_decay)

    def _update(self, i, p, g, state):
        if self.weight_decay:
            g = g + self.weight_decay * p
        if self.momentum:
            if "buf" not in state:
                state["buf"] = g.copy()
            else:
                state["buf"] = self.momentum * state["buf"] + g
            buf = state["buf"]
            g = g + self.momentum * buf if self.nesterov else buf
        p -= self.lr * g


class AdaGrad(Optimizer):
    """AdaGrad, as ``torch.optim.Adagrad``: ``s += g**2``; ``p -= lr * g / (sqrt(s) + eps)``."""

    def __init__(self, lr: float = 0.01, eps: float = 1e-10):
        super().__init__(lr)
        self.eps = float(eps)

    def _update(self, i, p, g, state):
        s = state.setdefault("sum", np.zeros_like(p))
        s += g * g
        p -= self.lr * g / (np.sqrt(s) + self.eps)


class RMSprop(Optimizer):
    """RMSprop, as ``torch.optim.RMSprop``.

    ``v = alpha * v + (1 - alpha) * g**2``; ``p -= lr * g / (sqrt(v) + eps)``.
    """

    def __init__(self, lr: float = 0.01, alpha: float = 0.99, eps: float = 1e-8):
        super().__init__(lr)
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha must be in [0, 1), got {alpha}")
        self.alpha = float(alpha)
        self.eps = float(eps)

    def _update(self, i, p, g, state):
        v = state.setdefault("square_avg", np.zeros_like(p))
        v *= self.alpha
        v += (1.0 - self.alpha) * g * g
        p -= self.lr * g / (np.sqrt(v) + self.eps)


class Adam(Optimizer):
    """Adam with bias correction, as ``torch.optim.Adam``.

    After step ``t``::

        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        p -= lr / (1 - b1**t) * m / (sqrt(v) / sqrt(1 - b2**t) + eps)

    (torch adds ``eps`` after the bias correction of ``v``, and so do we.)
    """

    def __init__(self, lr: float = 0.001, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8):
        super().__init__(lr)
        b1, b2 = betas
        if not (0 <= b1 < 1 and 0 <= b2 < 1):
            raise ValueError(f"betas must both be in [0, 1), got {betas}")
        self.betas = (float(b1), float(b2))
        self.eps = float(eps)

    def _update(self, i, p, g, state):
        b1, b2 = self.betas
        m = state.setdefault("m", np.zeros_like(p))
        v = state.setdefault("v", np.zeros_like(p))
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * g * g
        bias1 = 1.0 - b1**self.t
        bias2 = 1.0 - b2**self.t
        p -= (self.lr / bias1) * m / (np.sqrt(v) / math.sqrt(bias2) + self.eps)


# --------------------------------------------------------------------------------------------------
# Learning-rate schedules (epoch -> learning rate), equal to torch.optim.lr_scheduler
# --------------------------------------------------------------------------------------------------
def _epoch(epoch):
    e = np.asarray(epoch)
    if not np.issubdtype(e.dtype, np.integer) or np.any(e < 0):
        raise ValueError(f"epoch must be a non-negative integer (or array of them), got {epoch!r}")
    return e


def _out(x):
    return float(x) if np.ndim(x) == 0 else x


def step_lr(epoch, base_lr: float, step_size: int, gamma: float = 0.1):
    """``base_lr * gamma ** (epoch // step_size)`` (``torch.optim.lr_scheduler.StepLR``)."""
    if step_size < 1:
        raise ValueError(f"step_size must be >= 1, got {step_size}")
    e = _epoch(epoch)
    return _out(base_lr * gamma ** (e // step_size))


def exponential_lr(epoch, base_lr: float, gamma: float):
    """``base_lr * gamma ** epoch`` (``torch.optim.lr_scheduler.ExponentialLR``)."""
    e = _epoch(epoch)
    return _out(base_lr * gamma**e)


def cosine_lr(epoch, base_lr: float, T_max: int, eta_min: float = 0.0):
    """Cosine annealing from ``base_lr`` at epoch 0 to ``eta_min`` at epoch ``T_max``.

    ``eta_min + (base_lr - eta_min) * (1 + cos(pi * epoch / T_max)) / 2``, as
    ``torch.optim.lr_scheduler.CosineAnnealingLR`` for ``0 <= epoch <= T_max``.
    """
    if T_max < 1:
        raise ValueError(f"T_max must be >= 1, got {T_max}")
    e = _epoch(epoch)
    return _out(eta_min + (base_lr - eta_min) * (1 + np.cos(np.pi * e / T_max)) / 2)


def linear_warmup_lr(epoch, base_lr: float, warmup_epochs: int, start_factor: float = 1 / 3):
    """Linear warm-up from ``start_factor * base_lr`` to ``base_lr`` over ``warmup_epochs`` epochs.

    Equal to ``torch.optim.lr_scheduler.LinearLR(start_factor, end_factor=1,
    total_iters=warmup_epochs)``.
    """
    if warmup_epochs < 1:
        raise ValueError(f"warmup_epochs must be >= 1, got {warmup_epochs}")
    if not 0 < start_factor <= 1:
        raise ValueError(f"start_factor must be in (0, 1], got {start_factor}")
    e = _epoch(epoch)
    frac = np.minimum(e, warmup_epochs) / warmup_epochs
    return _out(base_lr * (start_factor + (1 - start_factor) * frac))


# --------------------------------------------------------------------------------------------------
# Data, training loop and test functions shared by the notebooks
# --------------------------------------------------------------------------------------------------
def _stratified_split(y, fraction: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(keep, take)``: ``take`` holds ``round(fraction * n_c)`` random members of each class."""
    keep, take = [], []
    for c in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == c))
        k = int(round(fraction * len(members)))
        take.append(members[:k])
        keep.append(members[k:])
    return rng.permutation(np.concatenate(keep)), rng.permutation(np.concatenate(take))


def load_digits_split(test_size: float = 0.25, val_size: float = 0.15, random_state: int = 0):
    """The scikit-learn digits (8x8 images, 10 classes) split into train / validation / test.

    Pixels (0..16) are scaled to [0, 1]. The split is stratified (every class keeps its share in every
    part) and seeded; ``test_size`` and ``val_size`` are fractions of the whole data set.

    Returns
    -------
    dict with keys ``X_train, y_train, X_val, y_val, X_test, y_test`` (float64 X of width 64,
    int64 labels); without validation data (``val_size=0``) the ``X_val``/``y_val`` keys are absent.
    """
    if not (0 < test_size < 1 and 0 <= val_size < 1 and test_size + val_size < 1):
        raise ValueError(f"need 0 < test_size, 0 <= val_size, test_size + val_size < 1, got "
                         f"{test_size}, {val_size}")
    from helpers.data import load_dataset

    X, y = load_dataset("digits")
    y = y.astype(np.int64)
    X = X / 16.0
    rng = np.random.default_rng(random_state)
    rest, test = _stratified_split(y, test_size, rng)
    out = {"X_test": X[test], "y_test": y[test]}
    train_idx = rest
    if val_size > 0:
        keep, val = _stratified_split(y[rest], val_size / (1 - test_size), rng)
        train_idx = rest[keep]
        out.update(X_val=X[rest[val]], y_val=y[rest[val]])
    out.update(X_train=X[train_idx], y_train=y[train_idx])
    return out


def train(
    model: MLP,
    optimizer: Optimizer,
    X,
    y,
    *,
    epochs: int = 10,
    batch_size: int = 32,
    X_val=None,
    y_val=None,
    schedule: Callable[[int], float] | None = None,
    random_state: int = 0,
) -> dict[str, list[float]]:
    """Mini-batch training of an :class:`MLP` with one of the optimisers above.

    Parameters
    ----------
    schedule : callable, optional
        ``epoch -> learning rate``; applied to ``optimizer.lr`` at the start of every epoch.
    random_state : int
        Seed of the shuffling.

    Returns
    -------
    history : dict
        ``loss`` (mean training loss of each epoch), ``train_accuracy`` and, with validation data,
        ``val_accuracy``: one value per epoch.
    """
    X = check_array(X, "X", ndim=2)
    y = check_array(y, "y", ndim=1, shape=(X.shape[0],))
    if epochs < 1 or batch_size < 1:
        raise ValueError(f"epochs and batch_size must be >= 1, got {epochs} and {batch_size}")
    rng = np.random.default_rng(random_state)
    history: dict[str, list[float]] = {"loss": [], "train_accuracy": []}
    if X_val is not None:
        history["val_accuracy"] = []
    n = X.shape[0]
    for epoch in range(epochs):
        if schedule is not None:
            optimizer.lr = float(schedule(epoch))
        order = rng.permutation(n)
        total = 0.0
        for start in range(0, n, batch_size):
            idx = order[start:start + batch_size]
            loss, grads = model.loss_and_grads(X[idx], y[idx])
            optimizer.step(model.params, grads)
            total += loss * len(idx)
        history["loss"].append(total / n)
        history["train_accuracy"].append(accuracy(y, model.predict(X)))
        if X_val is not None:
            history["val_accuracy"].append(accuracy(y_val, model.predict(X_val)))
    return history


def rosenbrock(xy, a: float = 1.0, b: float = 100.0):
    """Rosenbrock's banana ``(a - x)**2 + b * (y - x**2)**2``; minimum 0 at ``(a, a**2)``.

    ``xy`` has shape ``(2,)`` or ``(..., 2)`` (evaluated along the last axis).
    """
    xy = np.asarray(xy, dtype=float)
    if xy.shape[-1:] != (2,):
        raise ValueError(f"xy must have a last axis of length 2, got shape {xy.shape}")
    x, y = xy[..., 0], xy[..., 1]
    return (a - x) ** 2 + b * (y - x**2) ** 2


def rosenbrock_grad(xy, a: float = 1.0, b: float = 100.0):
    """Gradient of :func:`rosenbrock`, same shape as ``xy``."""
    xy = np.asarray(xy, dtype=float)
    if xy.shape[-1:] != (2,):
        raise ValueError(f"xy must have a last axis of length 2, got shape {xy.shape}")
    x, y = xy[..., 0], xy[..., 1]
    dx = -2 * (a - x) - 4 * b * x * (y - x**2)
    dy = 2 * b * (y - x**2)
    return np.stack([dx, dy], axis=-1)


def optimize_path(optimizer: Optimizer, grad_fn: Callable, x0, n_steps: int):
    """Run ``n_steps`` of ``optimizer`` on a function with gradient ``grad_fn``, starting at ``x0``.

    Returns the trajectory, an array of shape ``(n_steps + 1, *x0.shape)`` whose row 0 is ``x0``.
    """
    x = np.array(x0, dtype=float)
    path = [x.copy()]
    for _ in range(int(n_steps)):
        optimizer.step([x], [grad_fn(x)])
        path.append(x.copy())
    return np.array(path)
