"""Interactive explorers: a slider next to a figure, where moving a value teaches more than a paragraph.

Each explorer draws an ordinary matplotlib figure for its default values first, so an executed notebook
(papermill, the runner, the static site) shows a figure. Only in a live Jupyter session does it add
ipywidgets controls that redraw the figure when a value changes. Nothing ever waits on a widget: the
controls are callbacks, and they are not created at all when

- the environment variable ``COURSE_STATIC`` is set to a true value (the notebook runner sets it),
- ipywidgets cannot be imported, or
- the code does not run in a Jupyter kernel (a script, a test) and ``interactive=True`` was not passed.

What each explorer draws is computed by a pure function that reuses the chapter modules for the maths and
can be tested on its own:

- :func:`gd_path`      gradient descent with momentum on a 2-D loss surface (``helpers.nn.SGD``)
- :func:`conv_output`  a convolution of an image for a kernel size, stride and padding (``helpers.cnn``)
- :func:`rbf_fit`      an RBF network's least-squares fit of 1-D data for one width (``helpers.rbf``)
- :func:`som_map`      a self-organising map trained with one neighbourhood radius (``helpers.som``)
- :func:`snapshot_at`  one of the sample grids a GAN run saved (``helpers.gan.train_gan``)

and the explorers: :func:`explore_gd`, :func:`explore_conv`, :func:`explore_rbf_width`,
:func:`explore_som_radius`, :func:`explore_gan_snapshots`. Each returns an :class:`Explorer`, whose
``update(name=value)`` does what moving a control does.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.checks import check_array, check_int, check_number
from helpers.cnn import conv2d, conv_output_size
from helpers.nn import SGD, optimize_path, rosenbrock, rosenbrock_grad
from helpers.rbf import fit_output_weights, gaussian_rbf
from helpers.som import SOM, gaussian_neighbourhood

__all__ = [
    "STATIC_ENV_VAR",
    "Explorer",
    "interactive_enabled",
    "ravine",
    "ravine_grad",
    "gd_path",
    "conv_kernel",
    "conv_output",
    "rbf_fit",
    "som_map",
    "snapshot_at",
    "explore_gd",
    "explore_conv",
    "explore_rbf_width",
    "explore_som_radius",
    "explore_gan_snapshots",
]

STATIC_ENV_VAR = "COURSE_STATIC"
_FALSE = ("", "0", "false", "no", "off")


# --------------------------------------------------------------------------------------------------
# static or interactive?
# --------------------------------------------------------------------------------------------------
def _static_requested() -> bool:
    return os.environ.get(STATIC_ENV_VAR, "").strip().lower() not in _FALSE


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _widgets():
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets


def interactive_enabled(interactive: bool | None = None) -> bool:
    """Whether an explorer should add live controls.

    ``COURSE_STATIC`` (set to a true value) always wins: no controls. Without ipywidgets: no controls.
    Otherwise ``interactive`` decides; ``None`` means "only inside a Jupyter kernel".
    """
    if _static_requested() or _widgets() is None:
        return False
    if interactive is None:
        return _in_kernel()
    return bool(interactive)


# --------------------------------------------------------------------------------------------------
# the explorer: a pure computation, a drawing function, optional controls
# --------------------------------------------------------------------------------------------------
class Explorer:
    """A figure computed from named values, with optional ipywidgets controls for those values.

    Parameters
    ----------
    compute : callable
        ``compute(**values)`` returns what the figure shows (pure: no drawing).
    draw : callable
        ``draw(fig, result, values)`` draws ``result`` onto the empty figure ``fig``.
    values : dict
        The starting values (every keyword ``compute`` takes).
    controls : dict, optional
        ``name -> factory``; ``factory()`` returns an ipywidgets control for ``values[name]``.
    figsize : (float, float)
    interactive : bool or None
        See :func:`interactive_enabled`.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        In static mode a pyplot figure (Jupyter's inline backend shows it when the cell ends); in
        interactive mode a figure outside pyplot, shown inside ``output`` and redrawn on every change.
    result : object
        The latest ``compute`` result (``None`` when the latest values were invalid; see ``error``).
    error : str or None
        The message of the ``ValueError``/``TypeError`` raised by ``compute`` for the latest values.
    controls : dict
        ``name -> widget`` (empty in static mode).
    widget : ipywidgets.VBox or None
        The controls and the output area, as displayed (``None`` in static mode).
    n_draws : int
        How many times the figure was drawn.
    """

    def __init__(self, compute: Callable, draw: Callable, values: dict, controls: dict | None = None,
                 figsize=(10.0, 4.0), interactive: bool | None = None):
        self._compute, self._draw = compute, draw
        self.values = dict(values)
        self.controls: dict = {}
        self.widget = None
        self.output = None
        self.n_draws = 0
        self._syncing = False
        self.error = None
        self.result = None
        self.interactive = bool(controls) and interactive_enabled(interactive)
        # Invalid starting values are a programming error: let them raise here.
        self.result = compute(**self.values)
        self.figure = Figure(figsize=figsize) if self.interactive else plt.figure(figsize=figsize)
        self._redraw()
        if self.interactive:
            self._build_controls(controls)

    # -- controls ----------------------------------------------------------------------------------
    def _build_controls(self, controls: dict) -> None:
        widgets = _widgets()
        for name, factory in controls.items():
            if name not in self.values:
                raise ValueError(f"control {name!r} does not name a value; values are {sorted(self.values)}")
            control = factory()
            control.value = self.values[name]
            control.observe(self._on_change(name), names="value")
            self.controls[name] = control
        self.output = widgets.Output()
        self.widget = widgets.VBox([widgets.HBox(list(self.controls.values())), self.output])
        clipped = {k: c.value for k, c in self.controls.items() if c.value != self.values[k]}
        if clipped:  # a starting value outside a slider's range: show what the slider shows
            self.update(**clipped)
        self._show()
        if _in_kernel():
            from IPython.display import display

            display(self.widget)

    def _on_change(self, name: str):
        def handler(change):
            if not self._syncing:
                self.update(**{name: change["new"]})

        return handler

    # -- computing and drawing ---------------------------------------------------------------------
    def update(self, **changes) -> Explorer:
        """Set some values, recompute and redraw (what moving a control does). Returns ``self``."""
        unknown = set(changes) - set(self.values)
        if unknown:
            raise ValueError(f"unknown value(s) {sorted(unknown)}; this explorer has {sorted(self.values)}")
        self.values.update(changes)
        self._syncing = True
        try:
            for name, value in changes.items():  # keep the controls in step when called from code
                control = self.controls.get(name)
                if control is not None and control.value != value:
                    control.value = value
        finally:
            self._syncing = False
        try:
            self.result = self._compute(**self.values)
            self.error = None
        except (ValueError, TypeError) as exc:  # e.g. a kernel larger than the padded image
            self.result, self.error = None, str(exc)
        self._redraw()
        self._show()
        return self

    def _redraw(self) -> None:
        self.figure.clf()
        if self.error is None:
            self._draw(self.figure, self.result, self.values)
        else:
            ax = self.figure.add_subplot()
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Not possible with these values:\n" + self.error, ha="center", va="center",
                    wrap=True, color="tab:red", transform=ax.transAxes)
        self.n_draws += 1

    def png(self) -> bytes:
        """The figure as PNG bytes (what the output area shows)."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=90)
        return buf.getvalue()

    def _show(self) -> None:
        if self.output is None or not _in_kernel():
            return
        from IPython.display import Image, display

        with self.output:
            self.output.clear_output(wait=True)
            display(Image(self.png()))

    def __repr__(self) -> str:
        mode = "interactive" if self.interactive else "static"
        shown = ", ".join(f"{k}={v!r}" for k, v in self.values.items() if np.ndim(v) == 0)
        return f"Explorer({mode}; {shown})"


# --------------------------------------------------------------------------------------------------
# 1. gradient descent with momentum on a 2-D loss surface (chapter 3)
# --------------------------------------------------------------------------------------------------
RAVINE_CURVATURE = (1.0, 10.0)


def ravine(xy):
    """A ravine: the quadratic ``(x**2 + 10 y**2) / 2``, ten times steeper across than along."""
    xy = np.asarray(xy, dtype=float)
    a, b = RAVINE_CURVATURE
    return 0.5 * (a * xy[..., 0] ** 2 + b * xy[..., 1] ** 2)


def ravine_grad(xy):
    """Gradient of :func:`ravine`: ``(x, 10 y)``."""
    return np.asarray(xy, dtype=float) * np.asarray(RAVINE_CURVATURE)


# name -> (f, gradient, default start, plotting window (x0, x1, y0, y1))
SURFACES = {
    "ravine": (ravine, ravine_grad, (-4.5, 1.5), (-5.0, 5.0, -2.0, 2.0)),
    "rosenbrock": (rosenbrock, rosenbrock_grad, (-1.2, 1.0), (-2.0, 2.0, -1.0, 3.0)),
}
_DIVERGED = 1e8


class GDPath(NamedTuple):
    """What :func:`gd_path` returns."""

    path: np.ndarray  # (k + 1, 2): the iterates up to divergence (k <= n_steps)
    losses: np.ndarray  # (k + 1,)
    diverged: bool


def gd_path(lr, momentum=0.0, *, n_steps: int = 50, start=None, surface: str = "ravine") -> GDPath:
    """Gradient descent with (heavy-ball) momentum on a 2-D surface, as ``torch.optim.SGD`` does it.

    Runs ``helpers.nn.SGD(lr, momentum)`` for ``n_steps`` steps with ``helpers.nn.optimize_path``.

    Parameters
    ----------
    lr : float
        Learning rate, > 0.
    momentum : float
        In [0, 1).
    n_steps : int
        Number of steps, >= 1.
    start : array_like of shape (2,), optional
        Starting point (default: the surface's, see ``SURFACES``).
    surface : {"ravine", "rosenbrock"}

    Returns
    -------
    GDPath
        ``path`` (k + 1, 2) and ``losses`` (k + 1,); when the iterates blow up (loss above 1e8 or not
        finite) they stop there. ``diverged``: they blew up, or the last loss exceeds the first.
    """
    if surface not in SURFACES:
        raise ValueError(f"surface must be one of {sorted(SURFACES)}, got {surface!r}")
    f, grad, default_start, _ = SURFACES[surface]
    lr = check_number(lr, "lr", positive=True)
    momentum = check_number(momentum, "momentum", nonnegative=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be < 1, got {momentum}")
    n_steps = check_int(n_steps, "n_steps", 1)
    x0 = check_array(default_start if start is None else start, "start", shape=(2,)).astype(float)
    with np.errstate(over="ignore", invalid="ignore"):
        path = optimize_path(SGD(lr, momentum=momentum), grad, x0, n_steps)
        losses = f(path)
    bad = ~np.isfinite(losses) | (losses > _DIVERGED)
    if bad.any():
        k = int(np.argmax(bad))
        return GDPath(path[: k + 1], losses[: k + 1], True)
    return GDPath(path, losses, bool(losses[-1] > losses[0]))


def _draw_gd(fig, result: GDPath, values: dict) -> None:
    f, _, _, (x0, x1, y0, y1) = SURFACES[values["surface"]]
    ax_map, ax_loss = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.6, 1]})
    gx, gy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 160))
    z = f(np.stack([gx, gy], axis=-1))
    ax_map.contour(gx, gy, np.log1p(z), levels=25, cmap="viridis", linewidths=0.8)
    plain = gd_path(values["lr"], 0.0, n_steps=values["n_steps"], surface=values["surface"])
    if values["momentum"] > 0:
        ax_map.plot(*plain.path.T, ".-", color="grey", alpha=0.5, ms=3, lw=1, label="momentum 0 (for comparison)")
    p = result.path
    label = f"lr {values['lr']:.3g}, momentum {values['momentum']:.2f}"
    ax_map.plot(*p.T, "o-", color="tab:red", ms=3, lw=1.2, label=label)
    ax_map.plot(*p[0], "ks", ms=7)
    ax_map.set_xlim(x0, x1)
    ax_map.set_ylim(y0, y1)
    ax_map.set_xlabel("x")
    ax_map.set_ylabel("y")
    ax_map.legend(loc="upper right", fontsize=8)
    verdict = "diverged" if result.diverged else f"loss after {len(p) - 1} steps: {result.losses[-1]:.2e}"
    ax_map.set_title(f"{values['surface']}: {verdict}")
    ax_loss.semilogy(np.maximum(result.losses, 1e-300), color="tab:red", label="this run")
    if values["momentum"] > 0:
        ax_loss.semilogy(np.maximum(plain.losses, 1e-300), color="grey", alpha=0.6, label="momentum 0")
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("loss (log scale)")
    ax_loss.set_title("loss per step")
    ax_loss.legend(fontsize=8)
    fig.tight_layout()


def explore_gd(lr=0.03, momentum=0.0, *, n_steps: int = 60, surface: str = "ravine",
               interactive: bool | None = None) -> Explorer:
    """Learning rate and momentum on a loss surface: the path of gradient descent and its loss.

    Left, the path on the contour plot (grey: the same learning rate without momentum); right, the loss
    per step. Controls: ``lr`` (log scale), ``momentum``, ``n_steps``, ``surface``.
    """
    def controls():
        import ipywidgets as w

        style = {"description_width": "initial"}
        return {
            "lr": lambda: w.FloatLogSlider(min=-4, max=0, step=0.05, description="learning rate",
                                           continuous_update=False, style=style),
            "momentum": lambda: w.FloatSlider(min=0.0, max=0.99, step=0.01, description="momentum",
                                              continuous_update=False, style=style),
            "n_steps": lambda: w.IntSlider(min=5, max=500, step=5, description="steps",
                                           continuous_update=False, style=style),
            "surface": lambda: w.Dropdown(options=sorted(SURFACES), description="surface"),
        }

    values = {"lr": lr, "momentum": momentum, "n_steps": n_steps, "surface": surface}
    gd_path(**values)  # validate before building anything
    return Explorer(lambda **v: gd_path(**v), _draw_gd, values,
                    controls() if interactive_enabled(interactive) else None, (11, 4.2), interactive)


# --------------------------------------------------------------------------------------------------
# 2. kernel size, stride and padding (chapter 4)
# --------------------------------------------------------------------------------------------------
KERNELS = ("edge", "blur")


def conv_kernel(kind: str, size: int) -> np.ndarray:
    """A ``size x size`` kernel: ``"blur"`` (the mean of the window) or ``"edge"`` (left columns minus
    right columns: responds to vertical edges, zero on flat regions)."""
    size = check_int(size, "kernel_size", 1)
    if kind == "blur":
        return np.full((size, size), 1.0 / size**2)
    if kind == "edge":
        cols = np.linspace(1.0, -1.0, size) if size > 1 else np.zeros(1)
        return np.tile(cols, (size, 1)) / size
    raise ValueError(f"kernel must be one of {KERNELS}, got {kind!r}")


class ConvResult(NamedTuple):
    """What :func:`conv_output` returns."""

    padded: np.ndarray  # (H + 2p, W + 2p): the input with its zero border
    kernel: np.ndarray  # (k, k)
    output: np.ndarray  # (oh, ow)


def conv_output(image, kernel_size: int = 3, stride: int = 1, padding: int = 0, kernel: str = "edge") -> ConvResult:
    """Convolve (cross-correlate) a grey image with a ``kernel_size`` kernel, as a conv layer does.

    Uses ``helpers.cnn.conv2d``; the output has shape ``conv_output_size(H, k, p, s) x
    conv_output_size(W, k, p, s)``, i.e. ``floor((n + 2p - k) / s) + 1`` along each axis.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel_size, stride : int, >= 1
    padding : int, >= 0
    kernel : {"edge", "blur"}
        See :func:`conv_kernel`.

    Raises
    ------
    ValueError
        Bad sizes, or a kernel larger than the padded image.
    """
    image = check_array(image, "image", ndim=2).astype(float)
    K = conv_kernel(kernel, kernel_size)
    stride = check_int(stride, "stride", 1)
    padding = check_int(padding, "padding", 0)
    shape = (conv_output_size(image.shape[0], K.shape[0], padding, stride),
             conv_output_size(image.shape[1], K.shape[1], padding, stride))
    out = conv2d(image[None, None], K[None, None], stride=stride, padding=padding)[0, 0]
    assert out.shape == shape, (out.shape, shape)
    return ConvResult(np.pad(image, padding), K, out)


def _draw_conv(fig, result: ConvResult, values: dict) -> None:
    from matplotlib.patches import Rectangle

    k, s, p = values["kernel_size"], values["stride"], values["padding"]
    ax_in, ax_k, ax_out = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 0.35, 1]})
    h, w = result.padded.shape
    ax_in.imshow(result.padded, cmap="gray")
    if p:
        ax_in.add_patch(Rectangle((p - 0.5, p - 0.5), w - 2 * p, h - 2 * p, fill=False, ec="tab:blue", lw=1.2))
    for j, colour in ((0, "tab:red"), (1, "tab:orange")):  # the first two windows, one stride apart
        if j * s + k <= w:
            ax_in.add_patch(Rectangle((j * s - 0.5, -0.5), k, k, fill=False, ec=colour, lw=1.5))
    ax_in.set_title(f"input {h - 2 * p}x{w - 2 * p}, padding {p} -> {h}x{w}", fontsize=10)
    ax_k.imshow(result.kernel, cmap="coolwarm", vmin=-np.abs(result.kernel).max() - 1e-12,
                vmax=np.abs(result.kernel).max() + 1e-12)
    ax_k.set_title(f"{values['kernel']} kernel {k}x{k}", fontsize=10)
    oh, ow = result.output.shape
    ax_out.imshow(result.output, cmap="gray")
    ax_out.set_title(f"output {oh}x{ow} = floor(({h - 2 * p} + 2*{p} - {k}) / {s}) + 1 rows", fontsize=10)
    for ax in (ax_in, ax_k, ax_out):
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()


def explore_conv(image, kernel_size: int = 3, stride: int = 1, padding: int = 0, kernel: str = "edge", *,
                 interactive: bool | None = None) -> Explorer:
    """Kernel size, stride and padding on an image: the padded input with the first two windows (red,
    orange: one stride apart), the kernel, and the output with its size.

    Controls: ``kernel_size``, ``stride``, ``padding``, ``kernel``.
    """
    image = check_array(image, "image", ndim=2)

    def controls():
        import ipywidgets as w

        return {
            "kernel_size": lambda: w.IntSlider(min=1, max=15, description="kernel size", continuous_update=False),
            "stride": lambda: w.IntSlider(min=1, max=8, description="stride", continuous_update=False),
            "padding": lambda: w.IntSlider(min=0, max=8, description="padding", continuous_update=False),
            "kernel": lambda: w.Dropdown(options=list(KERNELS), description="kernel"),
        }

    values = {"kernel_size": kernel_size, "stride": stride, "padding": padding, "kernel": kernel}
    compute = lambda **v: conv_output(image, **v)  # noqa: E731
    compute(**values)
    return Explorer(compute, _draw_conv, values, controls() if interactive_enabled(interactive) else None,
                    (12, 4.2), interactive)


# --------------------------------------------------------------------------------------------------
# 3. the RBF width (chapter 7)
# --------------------------------------------------------------------------------------------------
class RBFFit(NamedTuple):
    """What :func:`rbf_fit` returns."""

    weights: np.ndarray  # (M,)
    predictions: np.ndarray  # (n_eval,)
    units: np.ndarray  # (n_eval, M): each unit's weighted contribution w_j g_j(x)
    condition: float  # condition number of G^T G on the training data


def _column(x, name: str) -> np.ndarray:
    x = check_array(x, name, ndim=(1, 2)).astype(float)
    if x.ndim == 2 and x.shape[1] != 1:
        raise ValueError(f"{name} must be 1-D data, shape (n,) or (n, 1), got {x.shape}")
    return x.reshape(-1, 1)


def rbf_fit(x_train, y_train, centers, width, x_eval=None, alpha: float = 0.0) -> RBFFit:
    """Fit the output weights of a 1-D Gaussian RBF network (no bias) for one width; evaluate it.

    ``G = helpers.rbf.gaussian_rbf(x_train, centers, width)``, ``w = helpers.rbf.fit_output_weights(G, y,
    alpha)``; the prediction at ``x`` is ``gaussian_rbf(x, centers, width) @ w``.

    Parameters
    ----------
    x_train : array_like, shape (n,) or (n, 1)
    y_train : array_like, shape (n,)
    centers : array_like, shape (M,) or (M, 1)
    width : float, > 0
    x_eval : array_like, shape (m,) or (m, 1), optional
        Where to evaluate (default: ``x_train``).
    alpha : float
        Ridge penalty, >= 0.
    """
    X = _column(x_train, "x_train")
    y = check_array(y_train, "y_train", ndim=1).astype(float)
    if len(y) != len(X):
        raise ValueError(f"x_train has {len(X)} points but y_train has {len(y)}; they must match")
    C = _column(centers, "centers")
    width = check_number(width, "width", positive=True)
    Xe = X if x_eval is None else _column(x_eval, "x_eval")
    G = gaussian_rbf(X, C, width)
    w = fit_output_weights(G, y, alpha=alpha)
    units = gaussian_rbf(Xe, C, width) * w
    return RBFFit(w, units.sum(axis=1), units, float(np.linalg.cond(G.T @ G)))


def _draw_rbf(fig, result: RBFFit, values: dict, *, data) -> None:
    x_train, y_train, centers, x_grid, x_test, y_test, base = data
    ax = fig.add_subplot()
    units = result.units.copy()  # hide each bump's flat tails, which would pile up along y = 0
    units[np.abs(units) < 0.02 * np.abs(units).max(axis=0, keepdims=True)] = np.nan
    ax.plot(x_grid, units, color="tab:blue", alpha=0.3, lw=0.8)
    ax.plot(x_train, y_train, ".", color="grey", label="training data")
    ax.plot(x_grid, result.predictions, color="tab:red", lw=2, label="RBF fit (sum of the blue bumps)")
    ax.plot(centers, np.zeros_like(centers), "k^", label="centres")
    title = (f"width = {values['scale']:.3g} x rule = {values['scale'] * base:.3g};  "
             f"cond(G^T G) = {result.condition:.1e};  largest |w| = {np.abs(result.weights).max():.1e}")
    if x_test is not None:
        fit_test = rbf_fit(x_train, y_train, centers, values["scale"] * base, x_test)
        title += f";  test MSE = {np.mean((fit_test.predictions - y_test) ** 2):.3f}"
    ax.set_title(title, fontsize=10)
    lo, hi = np.min(y_train), np.max(y_train)
    ax.set_ylim(lo - 0.5 * (hi - lo), hi + 0.5 * (hi - lo))
    ax.set_xlabel("x")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()


def explore_rbf_width(x_train, y_train, centers, base_width, *, x_test=None, y_test=None, scale=1.0,
                      interactive: bool | None = None) -> Explorer:
    """The width of an RBF network's units (a multiple ``scale`` of ``base_width``) against its fit.

    Draws the data, the fitted curve, each unit's weighted bump ``w_j g_j(x)``, and in the title the
    condition number of ``G^T G`` and, when ``x_test``/``y_test`` are given, the test MSE.
    Control: ``scale`` (log scale, 0.03 to 30).
    """
    x_train = _column(x_train, "x_train")
    centers = _column(centers, "centers")
    base = check_number(base_width, "base_width", positive=True)
    if (x_test is None) != (y_test is None):
        raise ValueError("pass both x_test and y_test, or neither")
    if x_test is not None:
        x_test = _column(x_test, "x_test")
        y_test = check_array(y_test, "y_test", ndim=1).astype(float)
    x_grid = np.linspace(x_train.min(), x_train.max(), 300)[:, None]

    def compute(scale):
        return rbf_fit(x_train, y_train, centers, check_number(scale, "scale", positive=True) * base, x_grid)

    def controls():
        import ipywidgets as w

        return {"scale": lambda: w.FloatLogSlider(min=-1.5, max=1.5, step=0.05, description="width x rule",
                                                  continuous_update=False, style={"description_width": "initial"})}

    def draw(fig, result, values):
        _draw_rbf(fig, result, values, data=(x_train, y_train, centers, x_grid, x_test, y_test, base))

    values = {"scale": scale}
    compute(**values)
    return Explorer(compute, draw, values, controls() if interactive_enabled(interactive) else None, (10, 4),
                    interactive)


# --------------------------------------------------------------------------------------------------
# 4. the SOM neighbourhood radius (chapter 8)
# --------------------------------------------------------------------------------------------------
def som_map(data, grid=(15, 15), sigma: float = 3.0, n_iter: int = 1000, learning_rate: float = 0.5,
            random_state: int = 0) -> SOM:
    """A ``helpers.som.SOM`` trained on ``data`` with starting neighbourhood radius ``sigma``.

    Weights start at random samples (``random_weights_init``), then ``train_random`` runs ``n_iter``
    steps; radius and learning rate decay with MiniSom's default schedule (to a third).

    Parameters
    ----------
    data : array_like, shape (n, d)
    grid : (int, int)
    sigma, learning_rate : float, > 0
    n_iter : int, >= 1
    random_state : int
    """
    data = check_array(data, "data", ndim=2).astype(float)
    if len(grid) != 2:
        raise ValueError(f"grid must be a pair of ints, got {grid!r}")
    gx, gy = (check_int(g, "grid", 1) for g in grid)
    som = SOM(gx, gy, data.shape[1], sigma=check_number(sigma, "sigma", positive=True), learning_rate=learning_rate,
              random_state=random_state)
    som.random_weights_init(data)
    return som.train_random(data, check_int(n_iter, "n_iter", 1))


def _draw_som(fig, som: SOM, values: dict, *, data) -> None:
    from matplotlib.patches import Circle

    nx, ny = som.shape
    ax_h, ax_map = fig.subplots(1, 2)
    centre = (nx // 2, ny // 2)
    im = ax_h.imshow(gaussian_neighbourhood((nx, ny), centre, values["sigma"]), cmap="viridis", vmin=0, vmax=1)
    ax_h.add_patch(Circle(centre[::-1], values["sigma"], fill=False, ec="white", ls="--"))
    ax_h.plot(centre[1], centre[0], "r+", ms=12)
    ax_h.set_title(f"neighbourhood at the start, sigma = {values['sigma']:.2g}\n(dashed: one sigma, h = 0.61)",
                   fontsize=10)
    fig.colorbar(im, ax=ax_h, fraction=0.046)
    w = som.get_weights()
    if w.shape[2] == 3:
        ax_map.imshow(np.clip(w, 0, 1))
        what = "map weights as colours"
    else:
        ax_map.imshow(som.distance_map(), cmap="bone_r")
        what = "U-matrix"
    ax_map.set_title(f"{what} after {values['n_iter']} steps\nquantisation error {som.quantization_error(data):.3f}, "
                     f"topographic error {som.topographic_error(data):.3f}", fontsize=10)
    for ax in (ax_h, ax_map):
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()


def explore_som_radius(data, grid=(15, 15), sigma: float = 3.0, *, n_iter: int = 1000, random_state: int = 0,
                       interactive: bool | None = None) -> Explorer:
    """The starting neighbourhood radius of a SOM: its Gaussian neighbourhood on the grid (left) and the
    map after training (right; colours when the data are 3-D, otherwise the U-matrix), with the
    quantisation and topographic errors. Controls: ``sigma``, ``n_iter``.
    """
    data = check_array(data, "data", ndim=2).astype(float)

    def compute(sigma, n_iter):
        return som_map(data, grid, sigma, n_iter, random_state=random_state)

    def controls():
        import ipywidgets as w

        top = max(grid) / 2
        return {
            "sigma": lambda: w.FloatSlider(min=0.3, max=float(top), step=0.1, description="sigma",
                                           continuous_update=False),
            "n_iter": lambda: w.IntSlider(min=100, max=5000, step=100, description="steps", continuous_update=False),
        }

    def draw(fig, result, values):
        _draw_som(fig, result, values, data=data)

    values = {"sigma": sigma, "n_iter": n_iter}
    return Explorer(compute, draw, values, controls() if interactive_enabled(interactive) else None, (10, 4.3),
                    interactive)


# --------------------------------------------------------------------------------------------------
# 5. GAN training snapshots (chapter 6)
# --------------------------------------------------------------------------------------------------
def snapshot_at(snapshots, index: int):
    """The ``(step, images)`` pair number ``index`` (negative counts from the end) of a GAN run's
    ``snapshots`` (``helpers.gan.train_gan(..., snapshot_every=...)``), with the images as an array."""
    if not isinstance(snapshots, (list, tuple)) or not snapshots:
        raise ValueError("snapshots must be a non-empty list of (step, images) pairs; "
                         "train with snapshot_every > 0")
    index = check_int(index, "index", -len(snapshots))
    if index >= len(snapshots):
        raise ValueError(f"index must be < {len(snapshots)} (the number of snapshots), got {index}")
    item = snapshots[index]
    if len(item) != 2:
        raise ValueError(f"snapshots[{index}] must be a (step, images) pair")
    step, images = item
    return check_int(step, "step", 0), check_array(images, f"snapshots[{index}] images")


def _draw_gan(fig, result, values: dict, *, history) -> None:
    from helpers.gan import IMAGE_STYLE
    from helpers.plotting import show_images

    step, images = result
    if history:
        ax_img, ax_hist = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.2, 1]})
    else:
        ax_img, ax_hist = fig.add_subplot(), None
    show_images(images, ncols=min(20, len(images)), **IMAGE_STYLE, ax=ax_img,
                title=f"samples at step {step} (same noise each time)")
    if ax_hist is not None:
        steps = np.asarray(history["step"])
        for key, label in (("d_real", "D(real)"), ("d_fake", "D(fake)")):
            if key in history:
                ax_hist.plot(steps, history[key], label=label)
        ax_hist.axvline(step, color="k", ls="--", lw=1)
        ax_hist.set_xlabel("training step")
        ax_hist.set_ylabel("mean D output")
        ax_hist.legend(fontsize=8)
    fig.tight_layout()


def explore_gan_snapshots(snapshots, history=None, index: int = -1, *, interactive: bool | None = None) -> Explorer:
    """A slider over the sample grids a GAN run saved: the samples of a fixed noise batch at that step,
    and (with ``history``, ``train_gan``'s ``result.history``) the discriminator's outputs with the
    step marked. Control: ``index`` (which snapshot).
    """
    snapshot_at(snapshots, index)
    if history is not None and "step" not in history:
        raise ValueError("history must be train_gan's result.history (a dict with a 'step' list)")
    index = index % len(snapshots)

    def compute(index):
        return snapshot_at(snapshots, index)

    def controls():
        import ipywidgets as w

        return {"index": lambda: w.IntSlider(min=0, max=len(snapshots) - 1, description="snapshot",
                                             continuous_update=True)}

    def draw(fig, result, values):
        _draw_gan(fig, result, values, history=history)

    n = len(np.asarray(snapshots[0][1]))
    height = 0.45 * np.ceil(n / 20) + (2.8 if history else 0.6)
    return Explorer(compute, draw, {"index": index}, controls() if interactive_enabled(interactive) else None,
                    (10, height), interactive)
