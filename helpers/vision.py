"""Chapter 4 (continued): modern CNN building blocks, data augmentation and fine-tuning tools.

Architectures (PyTorch; used by ``04_modern_cnns``):

- :class:`ResidualBlock`      -- conv-BN-ReLU-conv-BN plus an identity or 1x1-projection shortcut; with
  ``shortcut=False`` the same two convolutions without the shortcut (a "plain" block of equal depth)
- :func:`make_small_resnet`   -- a stem, stages of blocks and a global-average-pooling or flatten head
- :func:`make_lenet5`, :func:`make_alexnet`, :func:`make_vgg16`, :func:`make_resnet18` -- skeletons of
  four historical ImageNet/MNIST architectures (no weights), built on the ``meta`` device by default so that
  counting their parameters allocates no memory

Augmentation (NumPy; used by ``04_augmentation_and_finetuning``):

- :func:`bilinear_sample`     -- sample images at real-valued pixel coordinates, zero outside
- :func:`warp_images`         -- rotate and shift images about their centre, plus an optional displacement field
- :func:`augment_images`      -- random shifts, small rotations and smooth elastic noise, seeded

Fine-tuning (PyTorch):

- :func:`layerwise_lrs`        -- learning rates that decay geometrically from the top group down
- :func:`param_groups`         -- optimizer parameter groups for a list of module groups and their rates
- :func:`unfreeze_top`         -- make only the top ``n`` groups trainable (gradual unfreezing)
"""

from __future__ import annotations

import numbers

import numpy as np
import torch
from torch import nn

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "ResidualBlock",
    "make_small_resnet",
    "make_lenet5",
    "make_alexnet",
    "make_vgg16",
    "make_resnet18",
    "bilinear_sample",
    "warp_images",
    "augment_images",
    "layerwise_lrs",
    "param_groups",
    "unfreeze_top",
]


# --------------------------------------------------------------------------------------------------
# residual blocks and a small ResNet
# --------------------------------------------------------------------------------------------------
class ResidualBlock(nn.Module):
    """Two 3x3 convolutions with batch normalisation, and a shortcut around them.

    ``y = relu(bn2(conv2(relu(bn1(conv1(x))))) + s(x))`` with ``s`` the identity when the shape is
    unchanged, else a 1x1 convolution (with ``stride``) followed by batch normalisation. The
    convolutions have no bias: the batch normalisation after each subtracts the per-channel mean,
    which would remove a bias anyway, and adds its own shift ``beta``.

    Parameters
    ----------
    in_channels, out_channels : int
    stride : int
        Stride of the first convolution (and of the projection): 2 halves height and width.
    shortcut : bool
        ``False`` drops the shortcut: a plain block with the same layers and depth.

    Shapes
    ------
    input ``(N, in_channels, H, W)``, output ``(N, out_channels, ceil(H / stride), ceil(W / stride))``.
    """

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, shortcut: bool = True):
        super().__init__()
        in_channels = check_int(in_channels, "in_channels")
        out_channels = check_int(out_channels, "out_channels")
        stride = check_int(stride, "stride")
        if not isinstance(shortcut, bool):
            raise TypeError(f"shortcut must be a bool, got {type(shortcut).__name__}")
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.has_shortcut = shortcut
        self.projection = None
        if shortcut and (stride != 1 or in_channels != out_channels):
            self.projection = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x):
        out = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        if self.has_shortcut:
            out = out + (x if self.projection is None else self.projection(x))
        return torch.relu(out)


def make_small_resnet(
    n_classes: int = 10,
    in_channels: int = 1,
    channels: tuple[int, ...] = (16, 32),
    blocks_per_stage: int = 1,
    residual: bool = True,
    head: str = "gap",
    image_size: int = 8,
):
    """A small ResNet-style classifier for tiny images (or its plain twin, ``residual=False``).

    A stem (3x3 conv without bias, BN, ReLU) to ``channels[0]``, then one stage per entry of ``channels``
    with ``blocks_per_stage`` :class:`ResidualBlock` each (the first block of every stage after the first
    has stride 2), then a head.

    Parameters
    ----------
    n_classes, in_channels : int
    channels : tuple of int
        Width of each stage.
    blocks_per_stage : int
        Blocks per stage; the network has ``1 + 2 * len(channels) * blocks_per_stage`` conv layers
        on its main path, plus the linear layer.
    residual : bool
        ``False`` removes every shortcut (same layers otherwise).
    head : {"gap", "flatten"}
        ``"gap"``: global average pooling then one linear layer (accepts any image size);
        ``"flatten"``: flatten the last feature map and a linear layer (needs ``image_size``).
    image_size : int
        Height = width of the inputs; only the ``"flatten"`` head depends on it.

    Returns
    -------
    torch.nn.Sequential
        With parts ``stem``, ``stages`` and ``head``; input ``(N, in_channels, s, s)``, output
        ``(N, n_classes)`` logits.
    """
    from collections import OrderedDict

    n_classes = check_int(n_classes, "n_classes", minimum=2)
    in_channels = check_int(in_channels, "in_channels")
    blocks_per_stage = check_int(blocks_per_stage, "blocks_per_stage")
    image_size = check_int(image_size, "image_size")
    if not isinstance(channels, (tuple, list)) or not channels:
        raise TypeError(f"channels must be a non-empty tuple of ints, got {channels!r}")
    channels = tuple(check_int(c, "channels[i]") for c in channels)
    if head not in ("gap", "flatten"):
        raise ValueError(f"head must be 'gap' or 'flatten', got {head!r}")
    block = ResidualBlock
    stem = nn.Sequential(nn.Conv2d(in_channels, channels[0], 3, padding=1, bias=False),
                         nn.BatchNorm2d(channels[0]), nn.ReLU())
    layers, width, side = [], channels[0], image_size
    for s, c in enumerate(channels):
        for b in range(blocks_per_stage):
            stride = 2 if (s > 0 and b == 0) else 1
            layers.append(block(width, c, stride=stride, shortcut=residual))
            width = c
            side = (side + stride - 1) // stride
    if head == "gap":
        top = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, n_classes))
    else:
        top = nn.Sequential(nn.Flatten(), nn.Linear(width * side * side, n_classes))
    return nn.Sequential(OrderedDict(stem=stem, stages=nn.Sequential(*layers), head=top))


# --------------------------------------------------------------------------------------------------
# historical architectures (skeletons, no weights)
# --------------------------------------------------------------------------------------------------
def _on(device):
    return torch.device(device)


def make_lenet5(n_classes: int = 10, device="meta"):
    """LeNet-5 (LeCun et al., 1998) in its common modern form, for 32x32 grey images.

    conv 5x5 (6) - pool - conv 5x5 (16, every input map connected) - pool - 120 - 84 - ``n_classes``,
    tanh activations, average pooling. The original C3 layer connected each of its 16 maps to only some of
    the 6 inputs and the output layer was an RBF layer, so the paper's count (about 60,000) differs from
    this module's by a few per cent.

    Returns a ``torch.nn.Sequential`` on ``device`` (``"meta"``: shapes only, no memory).
    """
    with _on(device):
        return nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),
            nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(),
            nn.Linear(84, n_classes),
        )


def make_alexnet(n_classes: int = 1000, device="meta"):
    """AlexNet (Krizhevsky, Sutskever and Hinton, 2012) for 224x224 RGB images, single-tower layout.

    Five convolutions (64, 192, 384, 256, 256 channels; 11x11 stride 4, 5x5, then 3x3), three max
    poolings, then dropout and three fully connected layers (4096, 4096, ``n_classes``): eight weight
    layers. This is the one-GPU arrangement most libraries use; the paper split the layers over two GPUs.

    Returns a ``torch.nn.Sequential`` on ``device`` (``"meta"``: shapes only, no memory).
    """
    with _on(device):
        return nn.Sequential(
            nn.Conv2d(3, 64, 11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
            nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
            nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
            nn.AdaptiveAvgPool2d(6), nn.Flatten(),
            nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
            nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(),
            nn.Linear(4096, n_classes),
        )


def make_vgg16(n_classes: int = 1000, device="meta"):
    """VGG-16 (Simonyan and Zisserman, 2014; configuration D) for 224x224 RGB images.

    Thirteen 3x3 convolutions in five stages (64, 128, 256, 512, 512 channels) separated by 2x2 max
    pooling, then three fully connected layers (4096, 4096, ``n_classes``): sixteen weight layers.

    Returns a ``torch.nn.Sequential`` on ``device`` (``"meta"``: shapes only, no memory).
    """
    stages = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
    layers, width = [], 3
    with _on(device):
        for c, n in stages:
            for _ in range(n):
                layers += [nn.Conv2d(width, c, 3, padding=1), nn.ReLU()]
                width = c
            layers.append(nn.MaxPool2d(2))
        layers += [nn.Flatten(), nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Dropout(0.5),
                   nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, n_classes)]
        return nn.Sequential(*layers)


def make_resnet18(n_classes: int = 1000, device="meta"):
    """ResNet-18 (He et al., 2015) for 224x224 RGB images.

    A 7x7 stride-2 stem (64 channels, BN, ReLU) and a 3x3 stride-2 max pooling, four stages of two
    :class:`ResidualBlock` each (64, 128, 256, 512 channels; stages 2-4 start with stride 2 and a 1x1
    projection shortcut), global average pooling and one linear layer: 17 + 1 = 18 weight layers on the
    main path.

    Returns a ``torch.nn.Sequential`` on ``device`` (``"meta"``: shapes only, no memory).
    """
    block = ResidualBlock
    with _on(device):
        layers = [nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                  nn.MaxPool2d(3, stride=2, padding=1)]
        width = 64
        for s, c in enumerate((64, 128, 256, 512)):
            layers.append(block(width, c, stride=1 if s == 0 else 2))
            layers.append(block(c, c))
            width = c
        layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, n_classes)]
        return nn.Sequential(*layers)


# --------------------------------------------------------------------------------------------------
# augmentation: bilinear warps in NumPy
# --------------------------------------------------------------------------------------------------
def _as_stack(X, name: str = "X") -> tuple[np.ndarray, bool]:
    X = check_array(X, name, ndim=(3, 4))
    channel = X.ndim == 4
    if channel:
        if X.shape[1] != 1:
            raise ValueError(f"{name} must be (N, H, W) or (N, 1, H, W) grey images, got shape {X.shape}")
        X = X[:, 0]
    return X.astype(float, copy=False), channel


def bilinear_sample(images, rows, cols) -> np.ndarray:
    """Sample each image at real-valued pixel coordinates by bilinear interpolation, zero outside.

    ``out[n, i, j]`` interpolates ``images[n]`` at row ``rows[n, i, j]`` and column ``cols[n, i, j]``
    from its four neighbouring pixels; pixels outside the image count as 0 (like ``grid_sample`` with
    ``padding_mode="zeros"`` and ``align_corners=True``, or ``scipy.ndimage.map_coordinates`` with
    ``order=1, mode="grid-constant"``).

    Parameters
    ----------
    images : array_like, shape (N, H, W)
    rows, cols : array_like, shape (N, h, w)

    Returns
    -------
    ndarray of float, shape (N, h, w)
    """
    images = check_array(images, "images", ndim=3).astype(float, copy=False)
    rows = check_array(rows, "rows", ndim=3).astype(float, copy=False)
    cols = check_array(cols, "cols", shape=rows.shape).astype(float, copy=False)
    if rows.shape[0] != images.shape[0]:
        raise ValueError(f"rows has {rows.shape[0]} images but images has {images.shape[0]}")
    N, H, W = images.shape
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))  # a ring of zeros: neighbours just outside are 0
    r0, c0 = np.floor(rows), np.floor(cols)
    fr, fc = rows - r0, cols - c0
    out = np.zeros(rows.shape)
    n = np.arange(N)[:, None, None]
    for dr, wr in ((0, 1 - fr), (1, fr)):
        for dc, wc in ((0, 1 - fc), (1, fc)):
            r = (r0 + dr).astype(np.int64) + 1
            c = (c0 + dc).astype(np.int64) + 1
            inside = (r >= 0) & (r < H + 2) & (c >= 0) & (c < W + 2)
            value = padded[n, np.clip(r, 0, H + 1), np.clip(c, 0, W + 1)] * inside
            out += wr * wc * value
    return out


def warp_images(X, angles=None, shifts=None, displacement=None) -> np.ndarray:
    """Rotate and shift each image about its centre (inverse mapping, bilinear, zero fill).

    Output pixel ``p`` (row, column) takes the input value at
    ``R(-angle) (p - c - shift) + c + displacement[p]`` where ``c`` is the image centre: the content
    turns by ``angle`` degrees (clockwise as displayed with row 0 at the top; 90 degrees is
    ``np.rot90(X, -1, axes=(1, 2))``) and moves by ``shift`` pixels (down, right).

    Parameters
    ----------
    X : array_like, shape (N, H, W) or (N, 1, H, W)
    angles : array_like, shape (N,), optional
        Rotation in degrees (default 0).
    shifts : array_like, shape (N, 2), optional
        Shift (rows, columns) in pixels (default 0).
    displacement : array_like, shape (N, 2, H, W), optional
        Extra per-pixel offsets (rows, columns) added to the sampling positions (elastic noise).

    Returns
    -------
    ndarray of float, the shape of ``X``
    """
    images, channel = _as_stack(X)
    N, H, W = images.shape
    angles = np.zeros(N) if angles is None else check_array(angles, "angles", shape=(N,)).astype(float)
    shifts = np.zeros((N, 2)) if shifts is None else check_array(shifts, "shifts", shape=(N, 2)).astype(float)
    theta = np.deg2rad(angles)[:, None, None]
    cr, cc = (H - 1) / 2, (W - 1) / 2
    rr, cc_ = np.meshgrid(np.arange(H, dtype=float), np.arange(W, dtype=float), indexing="ij")
    # output offsets from the centre, minus the shift: where the content came from before it moved
    y = rr[None] - cr - shifts[:, 0, None, None]
    x = cc_[None] - cc - shifts[:, 1, None, None]
    # undo the turn: rotate the offsets back by -angle
    cos, sin = np.cos(theta), np.sin(theta)
    rows = cos * y - sin * x + cr
    cols = sin * y + cos * x + cc
    if displacement is not None:
        displacement = check_array(displacement, "displacement", shape=(N, 2, H, W))
        rows = rows + displacement[:, 0]
        cols = cols + displacement[:, 1]
    out = bilinear_sample(images, rows, cols)
    return out[:, None] if channel else out


def augment_images(
    X,
    *,
    max_shift: float = 1.0,
    max_rotation: float = 15.0,
    elastic_alpha: float = 0.0,
    elastic_sigma: float = 1.0,
    random_state=None,
) -> np.ndarray:
    """Random label-preserving distortions of grey images: shift, rotation and smooth elastic noise.

    For each image a shift is drawn uniformly in ``[-max_shift, max_shift]`` pixels per axis and an
    angle uniformly in ``[-max_rotation, max_rotation]`` degrees; with ``elastic_alpha > 0`` a random
    displacement field (standard normal per pixel and axis) is smoothed with a Gaussian filter of width
    ``elastic_sigma`` pixels, scaled to a largest displacement of ``elastic_alpha`` pixels and added
    (after Simard et al., 2003). Then :func:`warp_images` resamples the image.

    Parameters
    ----------
    X : array_like, shape (N, H, W) or (N, 1, H, W)
    max_shift, max_rotation, elastic_alpha : float >= 0
    elastic_sigma : float > 0
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    ndarray of float, the shape of ``X``
    """
    from scipy.ndimage import gaussian_filter

    images, channel = _as_stack(X)
    max_shift = check_number(max_shift, "max_shift", nonnegative=True)
    max_rotation = check_number(max_rotation, "max_rotation", nonnegative=True)
    elastic_alpha = check_number(elastic_alpha, "elastic_alpha", nonnegative=True)
    elastic_sigma = check_number(elastic_sigma, "elastic_sigma", positive=True)
    if not (random_state is None or isinstance(random_state, (numbers.Integral, np.random.Generator))):
        raise TypeError(f"random_state must be None, an int or a numpy Generator, got {random_state!r}")
    rng = np.random.default_rng(random_state)
    N, H, W = images.shape
    shifts = rng.uniform(-max_shift, max_shift, size=(N, 2))
    angles = rng.uniform(-max_rotation, max_rotation, size=N)
    displacement = None
    if elastic_alpha > 0:
        field = gaussian_filter(rng.standard_normal((N, 2, H, W)), sigma=(0, 0, elastic_sigma, elastic_sigma))
        peak = np.abs(field).max(axis=(1, 2, 3), keepdims=True)
        displacement = elastic_alpha * field / np.maximum(peak, 1e-12)
    out = warp_images(images, angles, shifts, displacement)
    return out[:, None] if channel else out


# --------------------------------------------------------------------------------------------------
# fine-tuning: layer-wise learning rates and gradual unfreezing
# --------------------------------------------------------------------------------------------------
def layerwise_lrs(n_groups: int, base_lr: float, decay: float) -> list[float]:
    """Learning rates for ``n_groups`` groups ordered bottom (input) to top (output).

    The top group gets ``base_lr``, the one below ``base_lr * decay``, and so on:
    ``lr[k] = base_lr * decay ** (n_groups - 1 - k)``.

    Parameters
    ----------
    n_groups : int >= 1
    base_lr : float > 0
    decay : float in (0, 1]
        1 gives every group the same rate.
    """
    n_groups = check_int(n_groups, "n_groups")
    base_lr = check_number(base_lr, "base_lr", positive=True)
    decay = check_number(decay, "decay", positive=True)
    if decay > 1:
        raise ValueError(f"decay must be in (0, 1] (lower layers learn more slowly), got {decay}")
    return [base_lr * decay ** (n_groups - 1 - k) for k in range(n_groups)]


def _check_groups(groups):
    if isinstance(groups, nn.Module) or not isinstance(groups, (list, tuple)) or not groups:
        raise TypeError("groups must be a non-empty list of torch modules (or lists of modules), bottom to top")
    out = []
    for i, g in enumerate(groups):
        members = list(g) if isinstance(g, (list, tuple)) else [g]
        if not members or not all(isinstance(m, nn.Module) for m in members):
            raise TypeError(f"groups[{i}] must be a torch module or a list of modules, got {g!r}")
        out.append(members)
    return out


def param_groups(groups, lrs) -> list[dict]:
    """Parameter groups for a torch optimiser: one ``{"params": [...], "lr": lr}`` per module group.

    Parameters
    ----------
    groups : list of torch.nn.Module or of lists of modules, bottom to top
    lrs : list of float, one per group (e.g. from :func:`layerwise_lrs`)

    Raises
    ------
    ValueError
        If the numbers of groups and rates differ, or a parameter belongs to two groups.
    """
    members = _check_groups(groups)
    if len(lrs) != len(members):
        raise ValueError(f"lrs has {len(lrs)} rates but there are {len(members)} groups")
    seen, out = set(), []
    for i, (mods, lr) in enumerate(zip(members, lrs)):
        lr = check_number(lr, f"lrs[{i}]", positive=True)
        params = [p for m in mods for p in m.parameters()]
        if any(id(p) in seen for p in params):
            raise ValueError(f"groups[{i}] shares parameters with an earlier group")
        seen.update(id(p) for p in params)
        out.append({"params": params, "lr": lr})
    return out


def unfreeze_top(groups, n: int) -> int:
    """Make the top ``n`` groups trainable and freeze the rest (``requires_grad``); returns the trainable count.

    With ``n = 1, 2, ...`` on successive epochs this is gradual unfreezing (Howard and Ruder, 2018).
    ``n`` larger than the number of groups unfreezes everything.
    """
    members = _check_groups(groups)
    n = check_int(n, "n", minimum=0)
    first = max(len(members) - n, 0)
    trainable = 0
    for k, mods in enumerate(members):
        for m in mods:
            for p in m.parameters():
                p.requires_grad_(k >= first)
                trainable += p.numel() if k >= first else 0
    return int(trainable)
