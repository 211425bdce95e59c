"""Chapter 4: convolutions and pooling from scratch in NumPy, plus a small LeNet-style CNN in PyTorch.

NumPy part (checked against ``torch.nn.functional`` in ``tests/test_cnn.py``):

- :func:`conv_output_size`  -- ``floor((n + 2 p - k) / s) + 1`` with a clear error when the kernel does not fit
- :func:`corr2d`            -- 2-D cross-correlation of one channel with one kernel
- :func:`conv2d`            -- batched multi-channel convolution layer (cross-correlation + bias),
  ``X (N, C, H, W)``, ``W (F, C, kh, kw)``, with stride and zero padding
- :func:`conv2d_backward`   -- gradients of :func:`conv2d` with respect to ``X``, ``W`` and ``b``
- :func:`pool2d`            -- max or average pooling over the last two axes
- :func:`receptive_field`   -- receptive field of a stack of (kernel, stride) layers

All of them are vectorised: the windows of the input are taken with
:func:`numpy.lib.stride_tricks.sliding_window_view` (an *im2col* without copying) and contracted with the
kernel by :func:`numpy.tensordot`. The only Python loop (in the backward pass) runs over the
``kh * kw`` kernel offsets, never over pixels.

PyTorch part (used by the chapter's CNN and transfer-learning notebooks):

- :func:`make_lenet`        -- a LeNet-style CNN as ``nn.Sequential(features=..., classifier=...)``
- :func:`train_classifier`  -- mini-batch Adam training with a per-epoch history
- :func:`predict`           -- class labels for a NumPy array of images
- :func:`count_parameters`  -- number of (trainable) parameters
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from helpers.checks import check_array

__all__ = [
    "conv_output_size",
    "corr2d",
    "conv2d",
    "conv2d_backward",
    "pool2d",
    "receptive_field",
    "make_lenet",
    "train_classifier",
    "predict",
    "count_parameters",
]


# --------------------------------------------------------------------------------------------------
# argument helpers
# --------------------------------------------------------------------------------------------------
def _pair(value, name: str, *, minimum: int) -> tuple[int, int]:
    """Turn an int or a pair of ints into a pair, checking the values are integers >= minimum."""
    if isinstance(value, (numbers.Integral,)) and not isinstance(value, bool):
        pair = (int(value), int(value))
    elif (
        isinstance(value, Sequence)
        and len(value) == 2
        and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in value)
    ):
        pair = (int(value[0]), int(value[1]))
    else:
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    if min(pair) < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return pair


def conv_output_size(n: int, k: int, padding: int = 0, stride: int = 1) -> int:
    """Length of a convolution's (or pooling's) output along one axis.

    ``o = floor((n + 2 * padding - k) / stride) + 1``: the number of positions at which a window of
    length ``k`` fits entirely inside the zero-padded input, moving ``stride`` steps at a time.

    Parameters
    ----------
    n : int
        Input length (height or width), >= 1.
    k : int
        Kernel (window) length, >= 1.
    padding : int
        Zeros added on *each* side, >= 0.
    stride : int
        Step between windows, >= 1.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        If the kernel is larger than the padded input, or a size is out of range.

    Examples
    --------
    >>> conv_output_size(8, 3, padding=0, stride=2)
    3
    >>> conv_output_size(8, 3, padding=1, stride=2)
    4
    """
    for value, name, minimum in ((n, "n", 1), (k, "k", 1), (padding, "padding", 0), (stride, "stride", 1)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"{name} must be an int, got {value!r}")
        if value < minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value}")
    padded = n + 2 * padding
    if k > padded:
        raise ValueError(
            f"kernel of size {k} does not fit in the padded input of size {padded} "
            f"(n={n} + 2*padding={2 * padding}); use a smaller kernel or more padding"
        )
    return (padded - k) // stride + 1


# --------------------------------------------------------------------------------------------------
# cross-correlation and convolution layers
# --------------------------------------------------------------------------------------------------
def corr2d(X, K) -> np.ndarray:
    """2-D cross-correlation of one single-channel image with one kernel (no padding, stride 1).

    ``Y[i, j] = sum_{a, b} X[i + a, j + b] * K[a, b]`` -- what deep-learning libraries call a
    "convolution" (they do not flip the kernel).

    Parameters
    ----------
    X : array_like, shape (H, W)
    K : array_like, shape (kh, kw), with kh <= H and kw <= W

    Returns
    -------
    ndarray of float, shape (H - kh + 1, W - kw + 1)
    """
    X = check_array(X, "X", ndim=2).astype(float, copy=False)
    K = check_array(K, "K", ndim=2).astype(float, copy=False)
    if K.shape[0] > X.shape[0] or K.shape[1] > X.shape[1]:
        raise ValueError(f"kernel K of shape {K.shape} is larger than the input X of shape {X.shape}")
    windows = sliding_window_view(X, K.shape)  # (oh, ow, kh, kw), a view: nothing is copied
    return np.tensordot(windows, K, axes=([2, 3], [0, 1]))


def _windows(X: np.ndarray, kh: int, kw: int, stride, padding) -> np.ndarray:
    """im2col as a view: (N, C, oh, ow, kh, kw) windows of the zero-padded input."""
    (ph, pw), (sh, sw) = padding, stride
    if ph or pw:
        X = np.pad(X, ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    return sliding_window_view(X, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]


def _check_conv_args(X, W, b, stride, padding):
    X = check_array(X, "X", ndim=4, shape=(None, None, None, None)).astype(float, copy=False)
    W = check_array(W, "W", ndim=4).astype(float, copy=False)
    stride = _pair(stride, "stride", minimum=1)
    padding = _pair(padding, "padding", minimum=0)
    N, C, H, Wd = X.shape
    F, Cw, kh, kw = W.shape
    if C != Cw:
        raise ValueError(
            f"channel mismatch: X has {C} input channels (X.shape[1]) but W expects {Cw} (W.shape[1])"
        )
    if kh > H + 2 * padding[0] or kw > Wd + 2 * padding[1]:
        raise ValueError(
            f"kernel of size {kh}x{kw} is larger than the padded input "
            f"{H + 2 * padding[0]}x{Wd + 2 * padding[1]} (X is {H}x{Wd}, padding={padding})"
        )
    if b is not None:
        b = check_array(b, "b", shape=(F,)).astype(float, copy=False)
    return X, W, b, stride, padding


def conv2d(X, W, b=None, stride=1, padding=0) -> np.ndarray:
    """Forward pass of a 2-D convolution layer (cross-correlation plus bias), like ``F.conv2d``.

    ``Y[n, f, i, j] = b[f] + sum_{c, a, d} Xp[n, c, i*sh + a, j*sw + d] * W[f, c, a, d]`` where ``Xp`` is
    ``X`` with ``padding`` zeros on every side.

    Parameters
    ----------
    X : array_like, shape (N, C, H, W)
        A batch of N images with C channels.
    W : array_like, shape (F, C, kh, kw)
        F filters, each spanning all C input channels.
    b : array_like, shape (F,), optional
        One bias per filter (output channel).
    stride : int or (int, int)
        Step of the window along height and width.
    padding : int or (int, int)
        Zeros added on each side along height and width.

    Returns
    -------
    ndarray, shape (N, F, oh, ow)
        ``oh = conv_output_size(H, kh, padding, stride)``, likewise ``ow``.

    Raises
    ------
    ValueError
        Channel mismatch between ``X`` and ``W``, a kernel larger than the padded input, wrong ``b``.
    """
    X, W, b, stride, padding = _check_conv_args(X, W, b, stride, padding)
    cols = _windows(X, W.shape[2], W.shape[3], stride, padding)  # (N, C, oh, ow, kh, kw)
    out = np.tensordot(cols, W, axes=([1, 4, 5], [1, 2, 3]))  # (N, oh, ow, F)
    out = out.transpose(0, 3, 1, 2)
    if b is not None:
        out = out + b[None, :, None, None]
    return np.ascontiguousarray(out)


def conv2d_backward(dY, X, W, stride=1, padding=0):
    """Backward pass of :func:`conv2d`: gradients of a scalar loss given ``dY = dL/dY``.

    Parameters
    ----------
    dY : array_like, shape (N, F, oh, ow)
        Upstream gradient, shaped like the output of ``conv2d(X, W, b, stride, padding)``.
    X, W, stride, padding
        The arguments of the forward pass.

    Returns
    -------
    dX : ndarray, shape (N, C, H, W)
    dW : ndarray, shape (F, C, kh, kw)
    db : ndarray, shape (F,)

    Notes
    -----
    ``dW`` is the cross-correlation of the input windows with ``dY``; ``dX`` scatters
    ``dY * W`` back onto the windows each output element read (col2im), one kernel offset at a time.
    """
    X, W, _, stride, padding = _check_conv_args(X, W, None, stride, padding)
    N, C, H, Wd = X.shape
    F, _, kh, kw = W.shape
    (sh, sw), (ph, pw) = stride, padding
    oh = conv_output_size(H, kh, ph, sh)
    ow = conv_output_size(Wd, kw, pw, sw)
    dY = check_array(dY, "dY", shape=(N, F, oh, ow)).astype(float, copy=False)

    cols = _windows(X, kh, kw, stride, padding)  # (N, C, oh, ow, kh, kw)
    db = dY.sum(axis=(0, 2, 3))
    dW = np.tensordot(dY, cols, axes=([0, 2, 3], [0, 2, 3]))  # (F, C, kh, kw)
    dcols = np.tensordot(dY, W, axes=([1], [0]))  # (N, oh, ow, C, kh, kw)
    dXp = np.zeros((N, C, H + 2 * ph, Wd + 2 * pw))
    for a in range(kh):  # loop over kernel offsets (kh * kw iterations), not over pixels
        for d in range(kw):
            dXp[:, :, a : a + sh * oh : sh, d : d + sw * ow : sw] += dcols[..., a, d].transpose(0, 3, 1, 2)
    dX = dXp[:, :, ph : ph + H, pw : pw + Wd]
    return np.ascontiguousarray(dX), dW, db


# --------------------------------------------------------------------------------------------------
# pooling and receptive fields
# --------------------------------------------------------------------------------------------------
def pool2d(X, size, stride=None, mode: str = "max") -> np.ndarray:
    """Max or average pooling over the last two axes (no padding), like ``F.max_pool2d``/``avg_pool2d``.

    Parameters
    ----------
    X : array_like, shape (..., H, W)
        Any number of leading axes (batch, channels) are pooled independently.
    size : int or (int, int)
        Window height and width.
    stride : int or (int, int), optional
        Step of the window; defaults to ``size`` (non-overlapping windows, as in torch).
    mode : {"max", "avg"}

    Returns
    -------
    ndarray, shape (..., oh, ow)
        ``oh = floor((H - size) / stride) + 1``: windows that do not fit are dropped.
    """
    X = check_array(X, "X").astype(float, copy=False)
    if X.ndim < 2:
        raise ValueError(f"X must have at least 2 dimensions (..., H, W), got shape {X.shape}")
    kh, kw = _pair(size, "size", minimum=1)
    sh, sw = (kh, kw) if stride is None else _pair(stride, "stride", minimum=1)
    if mode not in ("max", "avg"):
        raise ValueError(f"mode must be 'max' or 'avg', got {mode!r}")
    H, Wd = X.shape[-2:]
    if kh > H or kw > Wd:
        raise ValueError(f"pooling window {kh}x{kw} is larger than the input {H}x{Wd}")
    windows = sliding_window_view(X, (kh, kw), axis=(-2, -1))[..., ::sh, ::sw, :, :]
    if mode == "max":
        return windows.max(axis=(-2, -1))
    return windows.mean(axis=(-2, -1))


def receptive_field(layers) -> int:
    """Receptive field (in input pixels, along one axis) of one output unit of a stack of layers.

    Each layer is a ``(kernel_size, stride)`` pair (a pooling layer is a layer too). With ``j`` the
    product of the strides of the layers below, a layer of kernel ``k`` widens the field by
    ``(k - 1) * j``: ``r = 1 + sum_l (k_l - 1) * prod_{m < l} s_m``. Padding does not change it.

    Examples
    --------
    >>> receptive_field([(3, 1), (3, 1)])          # two 3x3 convolutions see 5x5
    5
    >>> receptive_field([(5, 1), (2, 2), (5, 1), (2, 2)])   # LeNet-5: conv, pool, conv, pool
    16
    """
    r, jump = 1, 1
    for i, layer in enumerate(layers):
        try:
            k, s = layer
        except (TypeError, ValueError):
            raise TypeError(f"layer {i} must be a (kernel_size, stride) pair, got {layer!r}") from None
        for value, what in ((k, "kernel_size"), (s, "stride")):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
                raise ValueError(f"layer {i}: {what} must be a positive int, got {value!r}")
        r += (k - 1) * jump
        jump *= s
    return int(r)


# --------------------------------------------------------------------------------------------------
# PyTorch: a LeNet-style CNN and a small training loop
# --------------------------------------------------------------------------------------------------
def make_lenet(
    in_channels: int = 1,
    n_classes: int = 10,
    image_size: int = 8,
    channels: tuple[int, int] = (16, 32),
    hidden: int = 64,
    kernel_size: int = 3,
    dropout: float = 0.0,
):
    """A LeNet-style CNN: two (conv -> ReLU -> 2x2 max-pool) blocks, then a small MLP head.

    Convolutions use "same" padding (``kernel_size // 2``, odd kernels), so each pooling halves the
    image: 8x8 digits become 2x2 maps, 28x28 MNIST images 7x7 maps.

    Parameters
    ----------
    in_channels, n_classes : int
    image_size : int
        Height = width of the input images (at least 4).
    channels : (int, int)
        Output channels of the two convolutions.
    hidden : int
        Width of the hidden fully connected layer.
    kernel_size : int
        Odd kernel size of both convolutions.
    dropout : float
        Dropout probability before the last layer (0 disables it).

    Returns
    -------
    torch.nn.Sequential
        With two named parts: ``model.features`` (the convolutional base, maps images to a flat
        feature vector) and ``model.classifier`` (the head). Input shape ``(N, in_channels, s, s)``,
        output ``(N, n_classes)`` logits.
    """
    from collections import OrderedDict

    from torch import nn

    if kernel_size % 2 != 1:
        raise ValueError(f"kernel_size must be odd for 'same' padding, got {kernel_size}")
    if image_size < 4:
        raise ValueError(f"image_size must be at least 4 (two 2x2 poolings), got {image_size}")
    c1, c2 = channels
    pad = kernel_size // 2
    side = image_size // 2 // 2
    features = nn.Sequential(
        nn.Conv2d(in_channels, c1, kernel_size, padding=pad),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(c1, c2, kernel_size, padding=pad),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
    )
    classifier = nn.Sequential(
        nn.Linear(c2 * side * side, hidden),
        nn.ReLU(),
        nn.Dropout(dropout),
        nn.Linear(hidden, n_classes),
    )
    return nn.Sequential(OrderedDict(features=features, classifier=classifier))


def count_parameters(model, trainable_only: bool = False) -> int:
    """Number of parameters of a torch model (only those with ``requires_grad`` if asked)."""
    return int(sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only))


def _to_tensor_images(X, name: str):
    import torch

    X = check_array(X, name, ndim=(3, 4))
    if X.ndim == 3:  # (N, H, W) -> (N, 1, H, W)
        X = X[:, None]
    return torch.as_tensor(np.ascontiguousarray(X), dtype=torch.float32)


def predict(model, X, batch_size: int = 1024, device=None) -> np.ndarray:
    """Predicted class labels of a torch classifier for images ``X`` of shape (N, C, H, W) or (N, H, W)."""
    import torch

    device = device if device is not None else next(model.parameters()).device
    Xt = _to_tensor_images(X, "X")
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(Xt), batch_size):
            out.append(model(Xt[start : start + batch_size].to(device)).argmax(dim=1).cpu())
    return torch.cat(out).numpy() if out else np.zeros(0, dtype=np.int64)


def train_classifier(
    model,
    X,
    y,
    *,
    X_val=None,
    y_val=None,
    epochs: int = 20,
    batch_size: int = 64,
    lr: float = 1e-3,
    weight_decay: float = 0.0,
    device=None,
    random_state: int = 0,
) -> dict[str, list[float]]:
    """Train a torch classifier with Adam and cross-entropy on NumPy arrays.

    Only parameters with ``requires_grad=True`` are optimised, so a frozen base stays frozen.

    Parameters
    ----------
    model : torch.nn.Module
        Maps ``(N, C, H, W)`` float32 images to ``(N, n_classes)`` logits.
    X : array_like, shape (N, C, H, W) or (N, H, W)
    y : array_like of int, shape (N,)
    X_val, y_val : optional validation set, evaluated after every epoch.
    epochs, batch_size, lr, weight_decay : training settings.
    device : torch.device, optional
        Defaults to the device the model's parameters are on.
    random_state : int
        Seeds the shuffling of mini-batches.

    Returns
    -------
    dict
        ``"loss"`` (mean training loss per epoch), ``"train_accuracy"``, ``"val_accuracy"`` (when a
        validation set is given): one value per epoch, ready for ``helpers.plotting.plot_history``.
    """
    import torch
    from torch import nn

    Xt = _to_tensor_images(X, "X")
    yt = torch.as_tensor(check_array(y, "y", shape=(len(Xt),), dtype="integer"), dtype=torch.long)
    if (X_val is None) != (y_val is None):
        raise ValueError("give both X_val and y_val, or neither")
    device = device if device is not None else next(model.parameters()).device
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("the model has no trainable parameters (all have requires_grad=False)")
    optimizer = torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(random_state)
    history: dict[str, list[float]] = {"loss": [], "train_accuracy": []}
    if X_val is not None:
        history["val_accuracy"] = []
        y_val = check_array(y_val, "y_val", ndim=1, dtype="integer")
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(Xt), generator=generator)
        total, correct = 0.0, 0
        for i in range(0, len(Xt), batch_size):
            idx = order[i : i + batch_size]
            xb, yb = Xt[idx].to(device), yt[idx].to(device)
            logits = model(xb)
            loss = loss_fn(logits, yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
            correct += int((logits.argmax(dim=1) == yb).sum())
        history["loss"].append(total / len(Xt))
        history["train_accuracy"].append(correct / len(Xt))
        if X_val is not None:
            history["val_accuracy"].append(float(np.mean(predict(model, X_val, device=device) == y_val)))
    return history
