"""Plotting conveniences shared by the chapters."""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array


def _axes(ax, figsize=(6, 4)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_history(history: dict, ax=None, title: str | None = None, xlabel: str = "epoch"):
    """Plot training curves: one line per key of ``history`` (e.g. ``{"train_loss": [...], ...}``).

    Returns the matplotlib Axes.
    """
    if not isinstance(history, dict) or not history:
        raise TypeError("history must be a non-empty dict mapping names to lists of numbers")
    ax = _axes(ax)
    for key, values in history.items():
        values = check_array(values, f"history[{key!r}]", ndim=1, allow_nan=True)
        ax.plot(np.arange(1, len(values) + 1), values, label=key)
    ax.set_xlabel(xlabel)
    ax.legend()
    ax.grid(alpha=0.3)
    if title:
        ax.set_title(title)
    return ax


def as_image_stack(images, name: str = "images") -> np.ndarray:
    """Grey-scale images as a float array of shape (n, h, w).

    Accepts (n, h, w), (n, 1, h, w) (one channel, as torch stores images) or (n, h*w) with square images.
    """
    imgs = check_array(images, name, ndim=(2, 3, 4)).astype(np.float64)
    if imgs.ndim == 4:
        if imgs.shape[1] != 1:
            raise ValueError(f"{name} with 4 dimensions must be (n, 1, h, w), got {imgs.shape}")
        imgs = imgs[:, 0]
    if imgs.ndim == 2:
        side = int(round(np.sqrt(imgs.shape[1])))
        if side * side != imgs.shape[1]:
            raise ValueError(f"flat {name} must have a square number of pixels, got {imgs.shape[1]}")
        imgs = imgs.reshape(-1, side, side)
    return imgs


def show_images(images, labels=None, ncols: int = 10, title: str | None = None, cmap: str = "gray_r", *,
                value_range=None, ax=None):
    """Show grey-scale images as one grid (a mosaic on one axes), the course's one image grid.

    Parameters
    ----------
    images : array_like, shape (n, h, w), or (n, h*w) with square images, or (n, 1, h, w)
    labels : sequence of length n, optional
        Written above each image.
    ncols : int
        Images per row.
    title : str, optional
    cmap : str
        ``"gray_r"`` (default) draws ink dark on white, as for the digits; generated images in [-1, 1] use
        ``"gray"``.
    value_range : (low, high), optional
        The values drawn as the two ends of ``cmap`` (for example ``(-1, 1)`` for a GAN's tanh output);
        values outside are clipped. Default: the range of the images.
    ax : matplotlib Axes, optional
        Draw on it (a panel of a larger figure); by default a new figure sized to the grid.

    Returns
    -------
    matplotlib Figure
    """
    import matplotlib.pyplot as plt

    imgs = as_image_stack(images)
    n, h, w = imgs.shape
    if n == 0:
        raise ValueError("images is empty")
    if labels is not None:
        labels = list(labels)
        if len(labels) != n:
            raise ValueError(f"labels must have length {n} (one per image), got {len(labels)}")
    if value_range is None:
        low, high = float(imgs.min()), float(imgs.max())
    else:
        low, high = (float(v) for v in value_range)
        if not low < high:
            raise ValueError(f"value_range must be (low, high) with low < high, got {value_range}")
    ncols = max(1, min(int(ncols), n))
    nrows = int(np.ceil(n / ncols))
    gap = max(1, h // 3) if labels is not None else 1  # room above each image for its label
    background = low  # the blank between tiles: the low end of the range (white with gray_r, black with gray)
    grid = np.full((nrows * (h + gap) + 1, ncols * (w + 1) + 1), background, dtype=float)
    for i in range(n):
        r, c = divmod(i, ncols)
        top, left = gap + r * (h + gap), 1 + c * (w + 1)
        grid[top : top + h, left : left + w] = np.clip(imgs[i], low, high)
    if ax is None:
        fig, ax = plt.subplots(figsize=(max(2.0, 0.55 * ncols * w / 8 + 0.4),
                                        max(1.2, 0.55 * nrows * (h + gap) / 8 + 0.4)))
    else:
        fig = ax.figure
    ax.imshow(grid, cmap=cmap, vmin=low, vmax=high if high > low else low + 1, interpolation="nearest")
    ax.set_axis_off()
    if labels is not None:
        for i, label in enumerate(labels):
            r, c = divmod(i, ncols)
            ax.text(1 + c * (w + 1) + w / 2 - 0.5, gap + r * (h + gap) - 0.6, str(label), ha="center",
                    va="bottom", fontsize=7)
    if title:
        ax.set_title(title)
    return fig


def plot_confusion_matrix(cm, class_names=None, ax=None, title: str | None = None):
    """Show a confusion matrix (rows: true class, columns: predicted class) with counts in the cells."""
    cm = check_array(cm, "cm", ndim=2, dtype="numeric")
    if cm.shape[0] != cm.shape[1]:
        raise ValueError(f"cm must be square (n_classes, n_classes), got {cm.shape}")
    k = cm.shape[0]
    names = list(range(k)) if class_names is None else list(class_names)
    if len(names) != k:
        raise ValueError(f"class_names must have {k} entries, got {len(names)}")
    ax = _axes(ax, figsize=(0.5 * k + 2, 0.5 * k + 1.5))
    ax.imshow(cm, cmap="Blues")
    thresh = cm.max() / 2 if cm.size else 0
    for i in range(k):
        for j in range(k):
            value = cm[i, j]
            text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
            ax.text(j, i, text, ha="center", va="center", fontsize=8,
                    color="white" if value > thresh else "black")
    ax.set_xticks(range(k), names)
    ax.set_yticks(range(k), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    if title:
        ax.set_title(title)
    return ax


def plot_decision_boundary(predict, X, y, ax=None, resolution: int = 200, title: str | None = None):
    """Colour the plane by ``predict`` and scatter the 2-D points ``X`` coloured by ``y``.

    Parameters
    ----------
    predict : callable
        Maps an array of shape (m, 2) to m labels (or scores; they are shown as filled contours).
    X : array_like, shape (n, 2)
    y : array_like, shape (n,)
    """
    X = check_array(X, "X", shape=(None, 2))
    y = check_array(y, "y", ndim=1, dtype=None)
    if len(y) != len(X):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    ax = _axes(ax)
    pad_x = 0.1 * (np.ptp(X[:, 0]) or 1.0)
    pad_y = 0.1 * (np.ptp(X[:, 1]) or 1.0)
    xx, yy = np.meshgrid(
        np.linspace(X[:, 0].min() - pad_x, X[:, 0].max() + pad_x, resolution),
        np.linspace(X[:, 1].min() - pad_y, X[:, 1].max() + pad_y, resolution),
    )
    grid = np.c_[xx.ravel(), yy.ravel()]
    zz = np.asarray(predict(grid), dtype=float).reshape(xx.shape)
    ax.contourf(xx, yy, zz, alpha=0.3, cmap="coolwarm")
    ax.scatter(X[:, 0], X[:, 1], c=y, cmap="coolwarm", edgecolor="k", s=20)
    if title:
        ax.set_title(title)
    return ax
