"""Chapter 3: habits for training networks in practice (notebook ``03_training_practice``).

Learning-rate tools (checked against ``torch.optim.lr_scheduler`` in ``tests/test_training.py``):

- :func:`one_cycle_lr`        -- the one-cycle schedule as a function of the step, equal to ``OneCycleLR``
- :class:`ReduceOnPlateau`    -- divide the learning rate when a monitored value stops improving, equal to
  ``ReduceLROnPlateau``
- :func:`lr_range_test`       -- train with an exponentially growing learning rate and record the loss
- :func:`suggest_lr`          -- pick a learning rate from a range-test curve

Training and diagnosis of small torch networks:

- :class:`DeepMLP`            -- a deep fully connected net with a chosen activation, weight scale and
  optional residual (identity) shortcuts
- :func:`train_steps`         -- mini-batch SGD for a fixed number of epochs with a per-step learning rate
- :func:`layer_grad_norms`    -- the norm of each layer's weight gradient
- :func:`activation_stats`    -- mean and standard deviation of each layer's output (forward hooks)
- :func:`backward_signal_norms` -- the norm of the loss gradient reaching each layer's output (backward hooks)

Universal approximation:

- :func:`relu_interpolation_net` -- a one-hidden-layer ReLU network that is exactly the piecewise-linear
  interpolant of given points
"""

from __future__ import annotations

import copy
import math
import numbers

import numpy as np
import torch
from torch import nn

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "one_cycle_lr",
    "ReduceOnPlateau",
    "lr_range_test",
    "suggest_lr",
    "DeepMLP",
    "train_steps",
    "layer_grad_norms",
    "activation_stats",
    "backward_signal_norms",
    "relu_interpolation_net",
]


# --------------------------------------------------------------------------------------------------
# learning-rate schedules
# --------------------------------------------------------------------------------------------------
def _steps(step, name: str = "step") -> np.ndarray:
    s = np.asarray(step)
    if s.dtype.kind not in "iu" or np.any(s < 0):
        raise ValueError(f"{name} must be a non-negative integer (or array of them), got {step!r}")
    return s


def _anneal(start, end, pct, strategy: str):
    if strategy == "cos":
        return end + (start - end) / 2.0 * (np.cos(np.pi * pct) + 1)
    return (end - start) * pct + start


def one_cycle_lr(step, max_lr: float, total_steps: int, pct_start: float = 0.3, div_factor: float = 25.0,
                 final_div_factor: float = 1e4, anneal_strategy: str = "cos", three_phase: bool = False):
    """Learning rate of the one-cycle policy at ``step`` (0-based), as ``torch.optim.lr_scheduler.OneCycleLR``.

    The rate rises from ``max_lr / div_factor`` to ``max_lr`` over the first ``pct_start`` of the steps, then
    falls to ``max_lr / (div_factor * final_div_factor)`` at step ``total_steps - 1``. With ``three_phase``
    it first comes back down to ``max_lr / div_factor`` (symmetrically) and only then falls to the minimum.

    Parameters
    ----------
    step : int or array of int, shape (n,)
        Optimiser steps taken so far, ``0 <= step <= total_steps``.
    max_lr : float
        Peak learning rate (> 0).
    total_steps : int
        Length of the cycle in optimiser steps (>= 2).
    pct_start : float
        Fraction of the cycle spent rising, in (0, 1).
    div_factor, final_div_factor : float
        ``initial = max_lr / div_factor`` and ``minimum = initial / final_div_factor`` (both > 0).
    anneal_strategy : {"cos", "linear"}
        Shape of each phase.
    three_phase : bool
        Use the three-phase variant described above.

    Returns
    -------
    float, or ndarray of shape (n,) for an array ``step``.
    """
    max_lr = check_number(max_lr, "max_lr", positive=True)
    total_steps = check_int(total_steps, "total_steps", minimum=2)
    pct_start = check_number(pct_start, "pct_start")
    if not 0 < pct_start < 1:
        raise ValueError(f"pct_start must be in (0, 1), got {pct_start}")
    div_factor = check_number(div_factor, "div_factor", positive=True)
    final_div_factor = check_number(final_div_factor, "final_div_factor", positive=True)
    if anneal_strategy not in ("cos", "linear"):
        raise ValueError(f"anneal_strategy must be 'cos' or 'linear', got {anneal_strategy!r}")
    s = _steps(step)
    if np.any(s > total_steps):
        raise ValueError(f"step must be <= total_steps ({total_steps}), got {step!r}")
    initial = max_lr / div_factor
    minimum = initial / final_div_factor
    rise_end = float(pct_start * total_steps) - 1
    if three_phase:
        phases = [(rise_end, initial, max_lr), (float(2 * pct_start * total_steps) - 2, max_lr, initial),
                  (total_steps - 1, initial, minimum)]
    else:
        phases = [(rise_end, initial, max_lr), (total_steps - 1, max_lr, minimum)]
    sf = s.astype(float)
    out = np.empty(sf.shape)
    done = np.zeros(sf.shape, dtype=bool)
    start_step = 0.0
    for i, (end_step, lr_start, lr_end) in enumerate(phases):
        here = ~done if i == len(phases) - 1 else (~done & (sf <= end_step))
        pct = (sf[here] - start_step) / (end_step - start_step)
        out[here] = _anneal(lr_start, lr_end, pct, anneal_strategy)
        done |= here
        start_step = end_step
    return float(out) if out.ndim == 0 else out


class ReduceOnPlateau:
    """Multiply the learning rate by ``factor`` when a monitored value has stopped improving.

    The same rule as ``torch.optim.lr_scheduler.ReduceLROnPlateau``: a value *improves* on the best so
    far when it is lower by more than ``threshold`` (relative: ``best * (1 - threshold)``; absolute:
    ``best - threshold``; the other way round with ``mode="max"``). After more than ``patience``
    non-improving calls in a row the rate is reduced (never below ``min_lr``, and only by more than
    ``eps``), and the next ``cooldown`` calls do not count.

    Parameters
    ----------
    lr : float
        The starting learning rate.
    mode : {"min", "max"}
    factor : float
        In (0, 1).
    patience, cooldown : int
        Non-negative.
    threshold : float
        Non-negative.
    threshold_mode : {"rel", "abs"}
    min_lr, eps : float
        Non-negative.

    Attributes
    ----------
    lr : float
        The current learning rate.
    best : float
        The best monitored value so far.
    """

    def __init__(self, lr: float, mode: str = "min", factor: float = 0.1, patience: int = 10,
                 threshold: float = 1e-4, threshold_mode: str = "rel", cooldown: int = 0,
                 min_lr: float = 0.0, eps: float = 1e-8):
        self.lr = check_number(lr, "lr", positive=True)
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        if threshold_mode not in ("rel", "abs"):
            raise ValueError(f"threshold_mode must be 'rel' or 'abs', got {threshold_mode!r}")
        self.factor = check_number(factor, "factor")
        if not 0 < self.factor < 1:
            raise ValueError(f"factor must be in (0, 1), got {factor}")
        self.patience = check_int(patience, "patience", minimum=0)
        self.cooldown = check_int(cooldown, "cooldown", minimum=0)
        self.threshold = check_number(threshold, "threshold", nonnegative=True)
        self.min_lr = check_number(min_lr, "min_lr", nonnegative=True)
        self.eps = check_number(eps, "eps", nonnegative=True)
        self.mode, self.threshold_mode = mode, threshold_mode
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad = 0
        self.cooldown_counter = 0

    def _is_better(self, value: float) -> bool:
        if self.mode == "min":
            bar = self.best * (1 - self.threshold) if self.threshold_mode == "rel" else self.best - self.threshold
            return value < bar
        bar = self.best * (1 + self.threshold) if self.threshold_mode == "rel" else self.best + self.threshold
        return value > bar

    def step(self, value) -> float:
        """Take one monitored value (e.g. the validation loss of an epoch); return the learning rate to use next."""
        if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.ndarray, torch.Tensor)):
            raise TypeError(f"value must be a real number, got {type(value).__name__}")
        value = float(value)
        if math.isnan(value):
            raise ValueError("value must not be NaN")
        if self._is_better(value):
            self.best, self.num_bad = value, 0
        else:
            self.num_bad += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad = 0
        if self.num_bad > self.patience:
            new_lr = max(self.lr * self.factor, self.min_lr)
            if self.lr - new_lr > self.eps:
                self.lr = new_lr
            self.cooldown_counter = self.cooldown
            self.num_bad = 0
        return self.lr


# --------------------------------------------------------------------------------------------------
# data and training
# --------------------------------------------------------------------------------------------------
def _xy(X, y):
    X = check_array(X, "X", ndim=2)
    y = check_array(y, "y", ndim=1, dtype="integer")
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same number of rows, got {len(X)} and {len(y)}")
    return torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.long)


def _check_model(model):
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")


def _batches(n: int, batch_size: int, generator: torch.Generator):
    order = torch.randperm(n, generator=generator)
    return [order[i:i + batch_size] for i in range(0, n, batch_size)]


def lr_range_test(model, X, y, *, lr_min: float = 1e-4, lr_max: float = 10.0, n_steps: int = 100,
                  batch_size: int = 32, momentum: float = 0.9, diverge_factor: float = 4.0,
                  random_state: int = 0) -> dict:
    """The learning-rate range test: SGD whose learning rate grows geometrically at every step.

    Step ``i`` uses ``lr_min * (lr_max / lr_min) ** (i / (n_steps - 1))`` on the next mini-batch (cycling
    through shuffled batches of ``X``) and records that batch's loss *before* the update. The test stops
    early once the loss is not finite or exceeds ``diverge_factor`` times the lowest loss seen. The model's
    weights are restored afterwards: the test only looks.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier returning logits of shape (n, K).
    X : array_like, shape (n, d)
    y : array_like of int, shape (n,)
    lr_min, lr_max : float
        First and last learning rate, ``0 < lr_min < lr_max``.
    n_steps : int
        Number of steps (>= 2).
    batch_size : int
    momentum : float
        SGD momentum in [0, 1).
    diverge_factor : float
        Stop when the loss exceeds this multiple of the best loss (> 1).
    random_state : int
        Seed of the batch order.

    Returns
    -------
    dict with ``lr`` and ``loss`` (ndarrays of shape (m,), ``m <= n_steps``, one entry per step taken)
    and ``diverged`` (bool).
    """
    _check_model(model)
    Xt, yt = _xy(X, y)
    lr_min = check_number(lr_min, "lr_min", positive=True)
    lr_max = check_number(lr_max, "lr_max", positive=True)
    if not lr_min < lr_max:
        raise ValueError(f"need lr_min < lr_max, got {lr_min} and {lr_max}")
    n_steps = check_int(n_steps, "n_steps", minimum=2)
    batch_size = check_int(batch_size, "batch_size")
    momentum = check_number(momentum, "momentum", nonnegative=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}")
    diverge_factor = check_number(diverge_factor, "diverge_factor")
    if diverge_factor <= 1:
        raise ValueError(f"diverge_factor must be > 1, got {diverge_factor}")
    saved = copy.deepcopy(model.state_dict())
    lrs = lr_min * (lr_max / lr_min) ** (np.arange(n_steps) / (n_steps - 1))
    opt = torch.optim.SGD(model.parameters(), lr=float(lrs[0]), momentum=momentum)
    gen = torch.Generator().manual_seed(int(random_state))
    batches: list = []
    losses, best, diverged = [], math.inf, False
    model.train()
    try:
        for lr in lrs:
            if not batches:
                batches = _batches(len(yt), batch_size, gen)
            idx = batches.pop(0)
            for group in opt.param_groups:
                group["lr"] = float(lr)
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(Xt[idx]), yt[idx])
            value = float(loss.detach())
            losses.append(value)
            if not math.isfinite(value) or value > diverge_factor * best:
                diverged = True
                break
            best = min(best, value)
            loss.backward()
            opt.step()
    finally:
        model.load_state_dict(saved)
    return {"lr": lrs[:len(losses)], "loss": np.array(losses), "diverged": diverged}


def suggest_lr(lrs, losses, *, smoothing: float = 0.9, divide_by: float = 10.0) -> float:
    """A learning rate read off a range-test curve: where the smoothed loss is lowest, divided by ``divide_by``.

    The loss is smoothed with a bias-corrected exponential moving average (weight ``smoothing`` on the past),
    because single-batch losses are noisy. The minimum is where the rate just starts to be too large, so a
    safe choice lies below it (by default one decade).

    Parameters
    ----------
    lrs, losses : array_like, shape (m,)
        Learning rates (increasing) and losses of a range test; non-finite losses are ignored.
    smoothing : float
        In [0, 1).
    divide_by : float
        >= 1.

    Returns
    -------
    float
    """
    lrs = check_array(lrs, "lrs", ndim=1)
    losses = check_array(losses, "losses", ndim=1, allow_nan=True)
    if len(lrs) != len(losses) or len(lrs) < 2:
        raise ValueError(f"lrs and losses must have the same length >= 2, got {len(lrs)} and {len(losses)}")
    if np.any(np.diff(lrs) <= 0):
        raise ValueError("lrs must be strictly increasing")
    smoothing = check_number(smoothing, "smoothing", nonnegative=True)
    if smoothing >= 1:
        raise ValueError(f"smoothing must be in [0, 1), got {smoothing}")
    divide_by = check_number(divide_by, "divide_by")
    if divide_by < 1:
        raise ValueError(f"divide_by must be >= 1, got {divide_by}")
    finite = np.isfinite(losses)
    lrs, losses = lrs[finite], losses[finite]
    avg, smooth = 0.0, np.empty(len(losses))
    for i, v in enumerate(losses):
        avg = smoothing * avg + (1 - smoothing) * v
        smooth[i] = avg / (1 - smoothing ** (i + 1))
    return float(lrs[int(np.argmin(smooth))] / divide_by)


_ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "identity": nn.Identity}


class DeepMLP(nn.Module):
    """A deep fully connected classifier: input layer, ``depth`` hidden layers of equal width, output layer.

    Each hidden layer computes ``h <- act(W h + b)``, or with ``residual=True`` ``h <- h + act(W h + b)``
    (an identity shortcut around every hidden layer). The input layer maps ``in_features`` to ``width`` (with
    the activation), the output layer ``width`` to ``out_features`` (logits, no activation).

    Parameters
    ----------
    in_features, width, out_features : int
    depth : int
        Number of hidden ``width x width`` layers (>= 0).
    activation : {"relu", "tanh", "sigmoid", "identity"}
    init_std : float or None
        Draw every weight from ``N(0, init_std**2)`` and set biases to 0; ``None`` keeps torch's default.
    residual : bool
    random_state : int
        Seed of the initial weights (torch's global generator is left alone).

    Attributes
    ----------
    layers : nn.ModuleList
        All ``depth + 2`` linear layers, input to output.
    """

    def __init__(self, in_features: int, width: int, depth: int, out_features: int, *, activation: str = "relu",
                 init_std: float | None = None, residual: bool = False, random_state: int = 0):
        super().__init__()
        in_features = check_int(in_features, "in_features")
        width = check_int(width, "width")
        depth = check_int(depth, "depth", minimum=0)
        out_features = check_int(out_features, "out_features")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
        if init_std is not None:
            init_std = check_number(init_std, "init_std", positive=True)
        self.residual = bool(residual)
        self.act = _ACTIVATIONS[activation]()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(int(random_state))
            sizes = [in_features] + [width] * (depth + 1) + [out_features]
            self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:]))
            if init_std is not None:
                for layer in self.layers:
                    nn.init.normal_(layer.weight, 0.0, init_std)
                    nn.init.zeros_(layer.bias)

    def forward(self, x):
        h = self.act(self.layers[0](x))
        for layer in self.layers[1:-1]:
            out = self.act(layer(h))
            h = h + out if self.residual else out
        return self.layers[-1](h)


def train_steps(model, X, y, *, epochs: int, lr, batch_size: int = 32, momentum: float = 0.9,
                X_val=None, y_val=None, random_state: int = 0) -> dict:
    """Mini-batch SGD (with momentum) for a fixed number of epochs, the learning rate set before every step.

    Parameters
    ----------
    model : torch.nn.Module
        A classifier returning logits; trained in place with cross-entropy.
    X : array_like, shape (n, d)
    y : array_like of int, shape (n,)
    epochs, batch_size : int
    lr : float, callable or ReduceOnPlateau
        A constant rate; a function ``lr(step)`` of the 0-based optimiser step (e.g. a partial of
        :func:`one_cycle_lr` or ``helpers.nn.cosine_lr``); or a :class:`ReduceOnPlateau`, which is given the
        validation loss (training loss without validation data) after every epoch.
    momentum : float
        In [0, 1).
    X_val, y_val : array_like, optional
        Validation data, evaluated after every epoch.
    random_state : int
        Seed of the batch order.

    Returns
    -------
    dict of per-epoch lists ``loss`` (mean training loss), ``val_loss`` and ``val_accuracy`` (with validation
    data), and the per-step list ``lr``.
    """
    _check_model(model)
    Xt, yt = _xy(X, y)
    epochs = check_int(epochs, "epochs")
    batch_size = check_int(batch_size, "batch_size")
    momentum = check_number(momentum, "momentum", nonnegative=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}")
    if isinstance(lr, ReduceOnPlateau):
        rate = lambda step: lr.lr  # noqa: E731
    elif callable(lr):
        rate = lr
    else:
        constant = check_number(lr, "lr", positive=True)
        rate = lambda step: constant  # noqa: E731
    has_val = X_val is not None
    if has_val:
        Xv, yv = _xy(X_val, y_val)
    opt = torch.optim.SGD(model.parameters(), lr=float(rate(0)), momentum=momentum)
    gen = torch.Generator().manual_seed(int(random_state))
    hist: dict = {"loss": [], "lr": []}
    if has_val:
        hist.update(val_loss=[], val_accuracy=[])
    step = 0
    for _ in range(epochs):
        model.train()
        total = 0.0
        for idx in _batches(len(yt), batch_size, gen):
            current = float(rate(step))
            for group in opt.param_groups:
                group["lr"] = current
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(Xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
            hist["lr"].append(current)
            step += 1
        hist["loss"].append(total / len(yt))
        monitored = hist["loss"][-1]
        if has_val:
            model.eval()
            with torch.no_grad():
                logits = model(Xv)
                monitored = float(nn.functional.cross_entropy(logits, yv))
                hist["val_loss"].append(monitored)
                hist["val_accuracy"].append(float((logits.argmax(1) == yv).float().mean()))
        if isinstance(lr, ReduceOnPlateau):
            lr.step(monitored)
    return hist


# --------------------------------------------------------------------------------------------------
# diagnosis: gradient norms and activation statistics
# --------------------------------------------------------------------------------------------------
def _layers(model, layer_type):
    _check_model(model)
    layers = [m for m in model.modules() if isinstance(m, layer_type)]
    if not layers:
        raise ValueError(f"model has no layers of type {getattr(layer_type, '__name__', layer_type)}")
    return layers


def layer_grad_norms(model, layer_type=nn.Linear) -> np.ndarray:
    """Euclidean norm of the weight gradient of each ``layer_type`` layer, in the order of ``model.modules()``.

    Call after ``loss.backward()``. A layer without a gradient yet raises ``ValueError``.

    Returns
    -------
    ndarray, shape (n_layers,)
    """
    norms = []
    for i, layer in enumerate(_layers(model, layer_type)):
        if layer.weight.grad is None:
            raise ValueError(f"layer {i} has no gradient: call loss.backward() first")
        norms.append(float(layer.weight.grad.norm()))
    return np.array(norms)


def _check_inputs(x):
    if not isinstance(x, torch.Tensor):
        x = torch.as_tensor(check_array(x, "x", ndim=2), dtype=torch.float32)
    return x


def activation_stats(model, x, layer_type=nn.Linear) -> dict:
    """Mean and standard deviation of the output of every ``layer_type`` layer on one forward pass of ``x``.

    Uses forward hooks (removed afterwards) and no gradient.

    Returns
    -------
    dict with ``mean`` and ``std`` (ndarrays of shape (n_layers,), layers in order of ``model.modules()``).
    """
    layers = _layers(model, layer_type)
    x = _check_inputs(x)
    outputs: dict = {}
    handles = [layer.register_forward_hook(lambda m, inp, out, i=i: outputs.__setitem__(i, out.detach()))
               for i, layer in enumerate(layers)]
    try:
        with torch.no_grad():
            model(x)
    finally:
        for h in handles:
            h.remove()
    return {"mean": np.array([float(outputs[i].mean()) for i in range(len(layers))]),
            "std": np.array([float(outputs[i].std()) for i in range(len(layers))])}


def backward_signal_norms(model, x, y, layer_type=nn.Linear) -> np.ndarray:
    """Norm of ``dL/d(output)`` of every ``layer_type`` layer for the cross-entropy loss on ``(x, y)``.

    Uses full backward hooks (removed afterwards). The parameter gradients of ``model`` are left as they
    were before the call.

    Returns
    -------
    ndarray, shape (n_layers,), layers in order of ``model.modules()`` (the first layer first).
    """
    layers = _layers(model, layer_type)
    x = _check_inputs(x).detach().requires_grad_(True)  # so that the first layer's hook fires cleanly
    if not isinstance(y, torch.Tensor):
        y = torch.as_tensor(check_array(y, "y", ndim=1, dtype="integer"), dtype=torch.long)
    if len(y) != len(x):
        raise ValueError(f"x and y must have the same number of rows, got {len(x)} and {len(y)}")
    grads: dict = {}
    saved = [None if p.grad is None else p.grad.clone() for p in model.parameters()]
    handles = [layer.register_full_backward_hook(
        lambda m, g_in, g_out, i=i: grads.__setitem__(i, float(g_out[0].norm())))
        for i, layer in enumerate(layers)]
    try:
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
    finally:
        for h in handles:
            h.remove()
        for p, g in zip(model.parameters(), saved):
            p.grad = g
    return np.array([grads[i] for i in range(len(layers))])


# --------------------------------------------------------------------------------------------------
# universal approximation
# --------------------------------------------------------------------------------------------------
def relu_interpolation_net(knots, values) -> nn.Sequential:
    """A one-hidden-layer ReLU network equal to the piecewise-linear interpolant of ``(knots, values)``.

    With slopes ``s_j = (v_{j+1} - v_j) / (k_{j+1} - k_j)`` of the ``m - 1`` segments, the network computes
    ``v_0 + s_0 relu(x - k_0) + sum_{j>=1} (s_j - s_{j-1}) relu(x - k_j)``: one hidden unit per segment, each
    switching on a change of slope at its knot. On ``[k_0, k_{m-1}]`` it equals ``numpy.interp``.

    Parameters
    ----------
    knots : array_like, shape (m,)
        Strictly increasing, ``m >= 2``.
    values : array_like, shape (m,)

    Returns
    -------
    nn.Sequential(Linear(1, m - 1), ReLU(), Linear(m - 1, 1)) in float64: input shape (n, 1), output (n, 1).
    """
    k = check_array(knots, "knots", ndim=1).astype(float)
    v = check_array(values, "values", ndim=1).astype(float)
    if len(k) < 2 or len(v) != len(k):
        raise ValueError(f"knots and values must have the same length >= 2, got {len(k)} and {len(v)}")
    if np.any(np.diff(k) <= 0):
        raise ValueError("knots must be strictly increasing")
    slopes = np.diff(v) / np.diff(k)
    coef = np.diff(slopes, prepend=0.0)
    net = nn.Sequential(nn.Linear(1, len(slopes)), nn.ReLU(), nn.Linear(len(slopes), 1)).double()
    with torch.no_grad():
        net[0].weight.copy_(torch.ones(len(slopes), 1, dtype=torch.float64))
        net[0].bias.copy_(torch.as_tensor(-k[:-1]))
        net[2].weight.copy_(torch.as_tensor(coef)[None, :])
        net[2].bias.fill_(v[0])
    return net
