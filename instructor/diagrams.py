"""The course's diagrams, drawn with matplotlib into ``notebooks/figures/<name>.svg``.

Usage (from the repository root)::

    python -m instructor.diagrams            # (re)draw every diagram into notebooks/figures/
    python -m instructor.diagrams --check    # exit 1, naming the files that differ from what this code draws

Every number on a diagram is computed here (the forward and backward values of the computational graph, the
convolution and pooling outputs, the output-size formulas, the DCGAN's tensor sizes, the SOM's best-matching
unit), never typed. The SVG files are byte-for-byte reproducible: text is drawn as paths (``svg.fonttype =
"path"``, DejaVu Sans, which ships with matplotlib), element ids come from a fixed salt (``svg.hashsalt``), the
files carry no date, and every figure has a fixed size. ``tests/test_diagrams.py`` redraws them and compares
bytes, so a figure cannot drift from its code. A lecture notebook shows one with a markdown cell
``![alt text of at least five words](figures/NAME.svg)`` (see CONTRIBUTING.md, "Diagrams").
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.patheffects as pe  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle  # noqa: E402

from helpers.checks import numerical_gradient  # noqa: E402
from helpers.cnn import conv2d, conv_output_size, pool2d  # noqa: E402
from helpers.som import best_matching_unit, gaussian_neighbourhood, som_update  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "notebooks" / "figures"

#: matplotlib settings every diagram is drawn with (on top of matplotlib's defaults, whatever the user's
#: matplotlibrc says): text as paths in DejaVu Sans, fixed ids, no metadata that changes between runs.
RC = {
    "svg.hashsalt": "dl-course",
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "font.family": "DejaVu Sans",
    "mathtext.fontset": "dejavusans",
    "font.size": 11,
    "figure.dpi": 72,
    "savefig.dpi": 72,
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "path.simplify": False,
}

# Okabe-Ito colours (distinguishable with the common colour-vision deficiencies).
BLUE, ORANGE, GREEN, RED, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#777777")
LIGHT = {BLUE: "#d6e8f5", ORANGE: "#fbeccc", GREEN: "#cdeee4", RED: "#f7dccc", PURPLE: "#f5e1ec",
         SKY: "#dcf0fb", YELLOW: "#fcf8cf", GREY: "#eeeeee"}
UNIT = 2.0  # drawing units per inch: a figure of W x H inches has data coordinates [0, 2W] x [0, 2H]


# ------------------------------------------------------------------------------------------ drawing kit
def canvas(width_in: float, height_in: float):
    """A figure of a fixed size whose single axes fill it, with equal aspect and data units = UNIT per inch."""
    fig = Figure(figsize=(width_in, height_in))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width_in * UNIT)
    ax.set_ylim(0, height_in * UNIT)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def text(ax, x, y, s, size=11, color="black", ha="center", va="center", weight="normal", **kw):
    # Small print one point larger: the site shows the diagrams about 0.6 times their natural size.
    size = size + 1 if size < 11 else size
    return ax.text(x, y, s, fontsize=size, color=color, ha=ha, va=va, fontweight=weight, zorder=5, **kw)


def box(ax, x, y, w, h, label="", fc="white", ec="black", size=11, lw=1.3, color="black", round_=0.15,
        zorder=3, weight="normal"):
    """A rounded box centred on (x, y)."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=f"round,pad=0,rounding_size={round_}",
                                fc=fc, ec=ec, lw=lw, zorder=zorder))
    if label:
        text(ax, x, y, label, size=size, color=color, weight=weight)


def node(ax, x, y, r, label="", fc="white", ec="black", size=11, lw=1.3, color="black"):
    ax.add_patch(Circle((x, y), r, fc=fc, ec=ec, lw=lw, zorder=3))
    if label:
        text(ax, x, y, label, size=size, color=color)


def arrow(ax, start, end, color="black", lw=1.3, head=11, style="-|>", ls="-", rad=0.0, zorder=2, halo=False):
    """An arrow from ``start`` to ``end`` (data coordinates, exact: no shrinking)."""
    patch = FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=head, color=color, lw=lw,
                            linestyle=ls, shrinkA=0, shrinkB=0, connectionstyle=f"arc3,rad={rad}", zorder=zorder)
    if halo:
        patch.set_path_effects([pe.Stroke(linewidth=lw + 5, foreground="white"), pe.Normal()])
    ax.add_patch(patch)


def line(ax, points, color="black", lw=1.3, ls="-", zorder=2, halo=False):
    xs, ys = zip(*points)
    (artist,) = ax.plot(xs, ys, color=color, lw=lw, ls=ls, zorder=zorder, solid_capstyle="butt",
                        solid_joinstyle="miter")
    if halo:
        artist.set_path_effects([pe.Stroke(linewidth=lw + 5, foreground="white"), pe.Normal()])


def path_arrow(ax, points, color="black", lw=1.3, head=11):
    """A polyline whose last segment ends in an arrowhead."""
    if len(points) > 2:
        line(ax, points[:-1], color=color, lw=lw)
    arrow(ax, points[-2], points[-1], color=color, lw=lw, head=head)


def dot(ax, x, y, color="black", r=0.09):
    ax.add_patch(Circle((x, y), r, fc=color, ec=color, zorder=4))


def toward(p, q, dist):
    """The point ``dist`` from ``p`` on the segment towards ``q``."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    d = q - p
    return tuple(p + d / np.hypot(*d) * dist)


def between(ax, p, q, rp, rq, **kw):
    """An arrow from the rim of a circle of radius ``rp`` at ``p`` to the rim of one of radius ``rq`` at ``q``."""
    arrow(ax, toward(p, q, rp), toward(q, p, rq), **kw)


def num(value) -> str:
    """A number as a diagram shows it: integers without a decimal point, a true minus sign."""
    value = float(value)
    s = str(int(round(value))) if abs(value - round(value)) < 1e-9 else f"{value:.3g}"
    return s.replace("-", "\N{MINUS SIGN}")


# Not in helpers/: the transposed convolution's output size is a graded answer of 06_gan (conv_transpose_out),
# and the student edition's library must not give it away. The diagrams are instructor tooling.
def conv_transpose_output_size(n: int, k: int, s: int = 1, p: int = 0, output_padding: int = 0) -> int:
    """Output length of a transposed convolution (torch.nn.ConvTranspose2d): (n - 1) s - 2p + k + output_padding."""
    return (n - 1) * s - 2 * p + k + output_padding


# ------------------------------------------------------------------------------------------- diagrams
def perceptron_mlp():
    fig, ax = canvas(11.5, 4.8)
    # ---- a single perceptron
    text(ax, 5.0, 9.05, "A single perceptron", size=13, weight="bold")
    ins = [(1.3, 7.3), (1.3, 5.5), (1.3, 3.7)]
    bias = (1.3, 1.7)
    s, r_in, r_s = (5.6, 4.6), 0.55, 0.8
    for k, p in enumerate(ins, 1):
        node(ax, *p, r_in, f"$x_{k}$", fc=LIGHT[BLUE], ec=BLUE)
        between(ax, p, s, r_in, r_s)
        mx, my = toward(p, s, 1.6)
        text(ax, mx, my + 0.35, f"$w_{k}$", size=12, color=RED)
    node(ax, *bias, r_in, "1", fc=LIGHT[GREY], ec=GREY)
    between(ax, bias, s, r_in, r_s)
    mx, my = toward(bias, s, 1.6)
    text(ax, mx + 0.1, my + 0.45, "$b$", size=12, color=RED)
    node(ax, *s, r_s, r"$\Sigma$", size=16)
    text(ax, s[0], s[1] - 1.3, r"$z=\sum_i w_i x_i + b$", size=10)
    act = (8.2, 4.6)
    box(ax, *act, 1.5, 1.2, r"$\varphi$", fc=LIGHT[GREEN], ec=GREEN, size=15)
    text(ax, act[0], act[1] - 1.0, "activation", size=9)
    arrow(ax, (s[0] + r_s, s[1]), (act[0] - 0.75, act[1]))
    text(ax, (s[0] + r_s + act[0] - 0.75) / 2, s[1] + 0.3, "$z$", size=11)
    arrow(ax, (act[0] + 0.75, act[1]), (10.2, act[1]))
    text(ax, 10.55, act[1], "$a$", size=13)
    text(ax, 5.4, 0.55, r"$a = \varphi(z) = \varphi(w_1x_1 + w_2x_2 + w_3x_3 + b)$", size=12)
    line(ax, [(11.4, 0.4), (11.4, 9.2)], color="#bbbbbb", lw=1)

    # ---- a multilayer perceptron 3-4-2
    sizes = (3, 4, 2)
    text(ax, 17.3, 9.05, "A multilayer perceptron " + "-".join(map(str, sizes)), size=13, weight="bold")
    xs = (13.4, 17.3, 21.2)
    names = ("x", "h", r"\hat y")
    r = 0.5
    layers = []
    for n, x in zip(sizes, xs):
        top = 5.0 + (n - 1) * 0.9
        layers.append([(x, top - 1.8 * i) for i in range(n)])
    for a, b in zip(layers, layers[1:]):
        for p in a:
            for q in b:
                between(ax, p, q, r, r, color="#888888", lw=0.9, head=8)
    fills = (LIGHT[BLUE], LIGHT[GREEN], LIGHT[ORANGE])
    edges = (BLUE, GREEN, ORANGE)
    for layer, name, fc, ec in zip(layers, names, fills, edges):
        for i, p in enumerate(layer, 1):
            node(ax, *p, r, f"${name}_{i}$", fc=fc, ec=ec, size=11)
    labels = ("input layer\n3 inputs", "hidden layer\n4 units, activation $\\varphi$", "output layer\n2 units")
    for x, label in zip(xs, labels):
        text(ax, x, 1.45, label, size=9.5)
    n_params = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    text(ax, (xs[0] + xs[1]) / 2, 8.25, f"$W^{{(1)}}$: {sizes[1]}\N{MULTIPLICATION SIGN}{sizes[0]}", size=10,
         color=RED)
    text(ax, (xs[1] + xs[2]) / 2, 8.25, f"$W^{{(2)}}$: {sizes[2]}\N{MULTIPLICATION SIGN}{sizes[1]}", size=10,
         color=RED)
    text(ax, 17.3, 0.45, r"$h = \varphi(W^{(1)}x + b^{(1)}),\quad \hat y = W^{(2)}h + b^{(2)}$"
         f"   ({n_params} parameters)", size=10.5)
    return fig


def computational_graph_values(w=2.0, x=3.0, b=1.0, y=4.0) -> dict:
    """Forward values and gradients dL/d(.) of L = (w x + b - y)^2, by the chain rule, checked against central
    differences."""
    u = w * x
    z = u + b
    e = z - y
    loss = e ** 2
    g = {"L": 1.0}
    g["e"] = g["L"] * 2 * e
    g["z"] = g["e"] * 1.0
    g["y"] = g["e"] * -1.0
    g["u"] = g["z"] * 1.0
    g["b"] = g["z"] * 1.0
    g["w"] = g["u"] * x
    g["x"] = g["u"] * w
    values = {"w": w, "x": x, "b": b, "y": y, "u": u, "z": z, "e": e, "L": loss}

    numeric = numerical_gradient(lambda v: (v[0] * v[1] + v[2] - v[3]) ** 2, [w, x, b, y])
    assert np.allclose(numeric, [g[name] for name in "wxby"], atol=1e-4), (numeric, g)
    return {"values": values, "grads": g}


def computational_graph():
    fig, ax = canvas(13.0, 5.6)
    vals = computational_graph_values()
    v, g = vals["values"], vals["grads"]
    text(ax, 13.0, 10.6, r"$L = (w\cdot x + b - y)^2$ as a computational graph, at "
         + ", ".join(f"${k}$ = {num(v[k])}" for k in "wxby"), size=13)
    yc, r_op, bw, bh = 5.6, 0.55, 2.0, 0.9
    ops = {"mul": (5.0, yc), "add": (10.2, yc), "sub": (15.4, yc), "sq": (20.6, yc)}
    inner = {"u": (7.6, yc), "z": (12.8, yc), "e": (18.0, yc), "L": (23.6, yc)}
    leaves = {"w": (1.7, 7.6), "x": (1.7, 3.6), "b": (10.2, 8.7), "y": (15.4, 8.7)}

    def value_box(name, p, leaf):
        box(ax, *p, bw, bh, f"${name}$ = {num(v[name])}", fc=LIGHT[BLUE] if not leaf else "white", ec=BLUE,
            color=BLUE, size=12)

    for name, p in {**leaves, **inner}.items():
        value_box(name, p, name in leaves)
    op_labels = {"mul": r"$\times$", "add": "+", "sub": "\N{MINUS SIGN}", "sq": r"$(\cdot)^2$"}
    for key, p in ops.items():
        node(ax, *p, r_op if key != "sq" else 0.75, op_labels[key], fc=LIGHT[GREY], size=13 if key != "sq" else 10)
    # forward edges
    arrow(ax, (leaves["w"][0] + bw / 2, leaves["w"][1]), toward(ops["mul"], (leaves["w"][0] + bw / 2,
                                                                              leaves["w"][1]), r_op))
    arrow(ax, (leaves["x"][0] + bw / 2, leaves["x"][1]), toward(ops["mul"], (leaves["x"][0] + bw / 2,
                                                                              leaves["x"][1]), r_op))
    chain = [ops["mul"], inner["u"], ops["add"], inner["z"], ops["sub"], inner["e"], ops["sq"], inner["L"]]
    for p, q in zip(chain, chain[1:]):
        start = p[0] + (bw / 2 if p in inner.values() else (0.75 if p == ops["sq"] else r_op))
        end = q[0] - (bw / 2 if q in inner.values() else (0.75 if q == ops["sq"] else r_op))
        arrow(ax, (start, yc), (end, yc))
    arrow(ax, (leaves["b"][0], leaves["b"][1] - bh / 2), (ops["add"][0], yc + r_op))
    arrow(ax, (leaves["y"][0], leaves["y"][1] - bh / 2), (ops["sub"][0], yc + r_op))

    def grad(name):
        return rf"$\partial L/\partial {name}$ = {num(g[name])}"

    # gradients (red) next to the value each belongs to
    text(ax, leaves["w"][0], leaves["w"][1] + 0.95, grad("w"), color=RED, size=11)
    text(ax, leaves["x"][0], leaves["x"][1] - 0.95, grad("x"), color=RED, size=11)
    text(ax, leaves["b"][0] + bw / 2 + 0.2, leaves["b"][1], grad("b"), color=RED, size=11, ha="left")
    text(ax, leaves["y"][0] + bw / 2 + 0.2, leaves["y"][1], grad("y"), color=RED, size=11, ha="left")
    for name, p in inner.items():
        text(ax, p[0], p[1] - 0.95, grad(name), color=RED, size=11)
    # local derivatives at each operation
    local = {"mul": r"$\partial u/\partial w = x$" "\n" r"$\partial u/\partial x = w$",
             "add": r"$\partial z/\partial u = 1$" "\n" r"$\partial z/\partial b = 1$",
             "sub": r"$\partial e/\partial z = 1$" "\n" r"$\partial e/\partial y = -1$",
             "sq": r"$\partial L/\partial e = 2e$"}
    for key, p in ops.items():
        text(ax, p[0], p[1] - 2.15, local[key], size=9.5, color="#444444")
    # legend: the two passes
    arrow(ax, (4.5, 2.0), (23.5, 2.0), color=BLUE, lw=2)
    text(ax, 14.0, 2.4, "forward pass: values, from the inputs to the loss", color=BLUE, size=10.5)
    arrow(ax, (23.5, 1.1), (4.5, 1.1), color=RED, lw=2)
    text(ax, 14.0, 0.7, "backward pass: gradients by the chain rule, e.g. "
         r"$\partial L/\partial w = \partial L/\partial e\cdot\partial e/\partial z\cdot\partial z/\partial u"
         r"\cdot\partial u/\partial w$"
         f" = {num(g['e'])} \N{MIDDLE DOT} 1 \N{MIDDLE DOT} 1 \N{MIDDLE DOT} {num(v['x'])} = {num(g['w'])}",
         color=RED, size=10.5, va="top")
    return fig


def conv_example():
    """The convolution the diagram shows: input, kernel, padding, stride, padded input and output."""
    n, k, s, p = 5, 3, 2, 1
    i, j = np.mgrid[0:n, 0:n]
    x = (2 * i + 3 * j) % 5
    kernel = np.array([[1, 0, -1], [1, 0, -1], [1, 0, -1]])
    xp = np.pad(x, p)
    m = conv_output_size(n, k, padding=p, stride=s)
    out = conv2d(x[None, None], kernel[None, None], stride=s, padding=p)[0, 0]
    return {"n": n, "k": k, "s": s, "p": p, "x": x, "kernel": kernel, "padded": xp, "out": out, "m": m}


def grid(ax, x0, y_top, values, cell, fills=None, size=11, colors=None, lw=1.0, weights=None):
    """A grid of numbers with its top-left corner at (x0, y_top); row 0 on top."""
    rows, cols = np.shape(values)
    for a in range(rows):
        for b in range(cols):
            fc = fills[a][b] if fills is not None else "white"
            ax.add_patch(Rectangle((x0 + b * cell, y_top - (a + 1) * cell), cell, cell, fc=fc, ec="#555555",
                                   lw=lw, zorder=1))
            color = colors[a][b] if colors is not None else "black"
            weight = weights[a][b] if weights is not None else "normal"
            text(ax, x0 + (b + 0.5) * cell, y_top - (a + 0.5) * cell, num(values[a][b]), size=size, color=color,
                 weight=weight)


def conv_window():
    c = conv_example()
    n, k, s, p, m = c["n"], c["k"], c["s"], c["p"], c["m"]
    fig, ax = canvas(10.0, 6.0)
    cell = 1.0
    x0, top = 0.8, 9.6
    size_p = n + 2 * p
    fills = [["#e4e4e4" if (a < p or b < p or a >= n + p or b >= n + p) else "white" for b in range(size_p)]
             for a in range(size_p)]
    colors = [["#888888" if fills[a][b] != "white" else "black" for b in range(size_p)] for a in range(size_p)]
    grid(ax, x0, top, c["padded"], cell, fills=fills, colors=colors)
    ax.add_patch(Rectangle((x0 + p * cell, top - (n + p) * cell), n * cell, n * cell, fill=False, ec="black",
                           lw=2.2, zorder=2))
    windows = [((0, 0), BLUE), ((0, 1), ORANGE)]
    for (a, b), col in windows:
        inset = 0.07 if col == BLUE else 0.15
        ax.add_patch(Rectangle((x0 + s * b * cell + inset, top - (s * a + k) * cell + inset), k * cell - 2 * inset,
                               k * cell - 2 * inset, fc=col, alpha=0.16, ec="none", zorder=1.5))
        ax.add_patch(Rectangle((x0 + s * b * cell + inset, top - (s * a + k) * cell + inset), k * cell - 2 * inset,
                               k * cell - 2 * inset, fill=False, ec=col, lw=2.6, zorder=2.5))
    # the stride
    ya = top + 0.35
    arrow(ax, (x0 + 1.5 * cell, ya), (x0 + (1.5 + s) * cell, ya), color="black", lw=1.5)
    text(ax, x0 + (1.5 + s / 2) * cell, ya + 0.4, f"stride s = {s}", size=11)
    text(ax, x0 + size_p * cell / 2, top - size_p * cell - 0.65,
         f"input n = {n}\N{MULTIPLICATION SIGN}{n} (bold frame)\npadding p = {p}: a border of zeros (grey)",
         size=10.5)
    # the kernel
    kx, ktop = 9.4, 7.6
    grid(ax, kx, ktop, c["kernel"], cell, fills=[[LIGHT[GREEN]] * k] * k)
    text(ax, kx + k * cell / 2, ktop + 0.5, f"kernel K, k = {k}", size=11)
    text(ax, kx + k * cell / 2, ktop - k * cell - 0.9,
         "each output = sum of\n(window \N{MULTIPLICATION SIGN} K), element by element", size=9.5)
    # the output
    ox, otop = 15.0, 7.6
    out_fills = [["white"] * m for _ in range(m)]
    for (a, b), col in windows:
        out_fills[a][b] = LIGHT[col]
    grid(ax, ox, otop, c["out"], cell * 1.1, fills=out_fills, size=12)
    for (a, b), col in windows:
        ax.add_patch(Rectangle((ox + b * 1.1 * cell, otop - (a + 1) * 1.1 * cell), 1.1 * cell, 1.1 * cell,
                               fill=False, ec=col, lw=2.6, zorder=2.5))
    text(ax, ox + m * 1.1 * cell / 2, otop - m * 1.1 * cell - 0.45, f"output {m}\N{MULTIPLICATION SIGN}{m}",
         size=11)
    for (a, b), col in windows:
        start = (x0 + (s * b + k) * cell, top - (s * a) * cell - 0.3 - 0.25 * b)
        end = (ox + (b + 0.5) * 1.1 * cell, otop - a * 1.1 * cell)
        arrow(ax, start, end, color=col, lw=1.6, rad=-0.25, ls="--")
    wx = [(c["padded"][s * a:s * a + k, s * b:s * b + k] * c["kernel"]).sum() for (a, b), _ in windows]
    for i, ((a, b), col) in enumerate(windows):
        text(ax, ox + m * 1.1 * cell / 2, 3.1 - 0.7 * i,
             f"$y_{{{a}{b}}}$ = sum(window \N{MULTIPLICATION SIGN} K) = {num(wx[i])}", size=10.5, color=col)
    text(ax, 10.0, 0.7, r"$n_{out} = \lfloor (n + 2p - k)/s \rfloor + 1$"
         f" = \N{LEFT FLOOR}({n} + 2\N{MIDDLE DOT}{p} \N{MINUS SIGN} {k}) / {s}\N{RIGHT FLOOR} + 1 = {m}", size=13)
    return fig


def pooling_example():
    x = np.array([[1, 3, 2, 1], [4, 6, 5, 0], [3, 1, 1, 2], [7, 2, 9, 4]])
    k = s = 2
    m = conv_output_size(x.shape[0], k, stride=s)
    out = pool2d(x, k, stride=s)
    return {"x": x, "k": k, "s": s, "m": m, "out": out}


def pooling():
    c = pooling_example()
    x, k, s, m = c["x"], c["k"], c["s"], c["m"]
    n = x.shape[0]
    fig, ax = canvas(9.5, 4.8)
    cell = 1.3
    palette = [BLUE, ORANGE, GREEN, PURPLE]
    colour = [[palette[(a // s) * m + b // s] for b in range(n)] for a in range(n)]
    fills = [[LIGHT[colour[a][b]] for b in range(n)] for a in range(n)]
    weights = [["normal"] * n for _ in range(n)]
    for a in range(m):
        for b in range(m):
            win = x[s * a:s * a + k, s * b:s * b + k]
            i, j = np.unravel_index(np.argmax(win), win.shape)
            weights[s * a + i][s * b + j] = "bold"
    x0, top = 0.8, 7.6
    grid(ax, x0, top, x, cell, fills=fills, weights=weights, size=13)
    for a in range(m):
        for b in range(m):
            col = palette[a * m + b]
            ax.add_patch(Rectangle((x0 + s * b * cell, top - (s * a + k) * cell), k * cell, k * cell, fill=False,
                                   ec=col, lw=3, zorder=2.5))
            win = x[s * a:s * a + k, s * b:s * b + k]
            i, j = np.unravel_index(np.argmax(win), win.shape)
            ax.add_patch(Circle((x0 + (s * b + j + 0.5) * cell, top - (s * a + i + 0.5) * cell), 0.42, fill=False,
                                ec=col, lw=1.6, zorder=2.6))
    text(ax, x0 + n * cell / 2, top + 0.55, f"input {n}\N{MULTIPLICATION SIGN}{n}", size=12)
    arrow(ax, (8.2, 5.0), (11.4, 5.0), lw=2)
    text(ax, 9.8, 5.9, f"max pooling\n{k}\N{MULTIPLICATION SIGN}{k}, stride {s}", size=11)
    ox, otop = 12.2, 6.3
    grid(ax, ox, otop, c["out"], cell, fills=[[LIGHT[palette[a * m + b]] for b in range(m)] for a in range(m)],
         size=13, weights=[["bold"] * m for _ in range(m)])
    for a in range(m):
        for b in range(m):
            ax.add_patch(Rectangle((ox + b * cell, otop - (a + 1) * cell), cell, cell, fill=False,
                                   ec=palette[a * m + b], lw=3, zorder=2.5))
    text(ax, ox + m * cell / 2, otop + 0.55, f"output {m}\N{MULTIPLICATION SIGN}{m}", size=12)
    text(ax, 9.5, 1.05, "each output is the largest number in its window (circled); the windows do not overlap",
         size=10.5)
    text(ax, 9.5, 0.35, r"$n_{out} = \lfloor (n - k)/s \rfloor + 1$"
         f" = \N{LEFT FLOOR}({n} \N{MINUS SIGN} {k}) / {s}\N{RIGHT FLOOR} + 1 = {m};  no weights to learn",
         size=11)
    return fig


def rnn_unrolled():
    fig, ax = canvas(13.0, 5.4)
    bw, bh = 1.7, 1.1
    yc, yx, yy = 5.4, 2.2, 8.6
    # folded
    text(ax, 2.6, 10.3, "folded", size=12, weight="bold")
    cx = 2.6
    box(ax, cx, yc, bw, bh, "$h_t$", fc=LIGHT[GREEN], ec=GREEN, size=14)
    text(ax, cx, yx - 0.05, "$x_t$", size=13)
    arrow(ax, (cx, yx + 0.35), (cx, yc - bh / 2))
    text(ax, cx - 0.2, (yx + yc) / 2 - 0.2, "$W_{xh}$", size=11, color=RED, ha="right")
    text(ax, cx, yy + 0.05, "$y_t$", size=13)
    arrow(ax, (cx, yc + bh / 2), (cx, yy - 0.35))
    text(ax, cx - 0.2, (yy + yc) / 2 + 0.2, "$W_{hy}$", size=11, color=RED, ha="right")
    loop = FancyArrowPatch((cx + bw / 2, yc + 0.3), (cx + bw / 2, yc - 0.3), arrowstyle="-|>", mutation_scale=11,
                           lw=1.3, color="black", shrinkA=0, shrinkB=0,
                           connectionstyle="arc,angleA=0,angleB=0,armA=38,armB=38,rad=10", zorder=2)
    ax.add_patch(loop)
    text(ax, cx + bw / 2 + 1.55, yc, "$W_{hh}$", size=11, color=RED, ha="left")
    text(ax, 6.3, yc, "=", size=26)
    # unrolled
    steps = 4
    xs = [9.8 + 4.4 * t for t in range(steps)]
    text(ax, (xs[0] + xs[-1]) / 2, 10.3, f"unrolled over {steps} time steps", size=12, weight="bold")
    text(ax, 7.4, yc, "$h_0$", size=13)
    arrow(ax, (7.8, yc), (xs[0] - bw / 2, yc))
    text(ax, (7.8 + xs[0] - bw / 2) / 2, yc + 0.35, "$W_{hh}$", size=10, color=RED)
    for t, x in enumerate(xs, 1):
        box(ax, x, yc, bw, bh, f"$h_{t}$", fc=LIGHT[GREEN], ec=GREEN, size=14)
        text(ax, x, yx - 0.05, f"$x_{t}$", size=13)
        arrow(ax, (x, yx + 0.35), (x, yc - bh / 2))
        text(ax, x + 0.15, (yx + yc) / 2 - 0.2, "$W_{xh}$", size=10, color=RED, ha="left")
        text(ax, x, yy + 0.05, f"$y_{t}$", size=13)
        arrow(ax, (x, yc + bh / 2), (x, yy - 0.35))
        text(ax, x + 0.15, (yy + yc) / 2 + 0.2, "$W_{hy}$", size=10, color=RED, ha="left")
        if t < steps:
            arrow(ax, (x + bw / 2, yc), (xs[t] - bw / 2, yc))
            text(ax, (x + xs[t]) / 2, yc + 0.35, "$W_{hh}$", size=10, color=RED)
    text(ax, 13.5, 0.85, r"$h_t = \tanh(W_{xh}x_t + W_{hh}h_{t-1} + b_h),\qquad y_t = W_{hy}h_t + b_y$", size=13)
    text(ax, 13.5, 0.15, "the same weights $W_{xh}$, $W_{hh}$, $W_{hy}$ (in red) at every time step",
         size=11, color=RED)
    return fig


def _gate(ax, x, y, label, w=1.2, h=0.8):
    box(ax, x, y, w, h, label, fc=LIGHT[YELLOW], ec="#b59b00", size=12, round_=0.1)


def _op(ax, x, y, label, r=0.38):
    node(ax, x, y, r, label, fc=LIGHT[PURPLE], ec=PURPLE, size=12 if len(label) < 3 else 10)


def _legend(ax, x, y):
    box(ax, x, y, 0.9, 0.6, "", fc=LIGHT[YELLOW], ec="#b59b00", round_=0.1)
    text(ax, x + 0.7, y, "layer: weights, then $\\sigma$ or tanh", size=9.5, ha="left")
    node(ax, x, y - 0.8, 0.3, "", fc=LIGHT[PURPLE], ec=PURPLE)
    text(ax, x + 0.7, y - 0.8, "element-wise operation", size=9.5, ha="left")


def lstm_cell():
    fig, ax = canvas(12.8, 6.6)
    r = 0.38
    ax.add_patch(FancyBboxPatch((2.0, 1.6), 12.3, 9.0, boxstyle="round,pad=0,rounding_size=0.5", fc="#fafafa",
                                ec="#999999", lw=1.2, zorder=0))
    text(ax, 12.8, 12.45, "LSTM cell: the gates read only $x_t$ and $h_{t-1}$; the cell state $c$ runs along the "
         "top", size=12.5)
    top, bus = 9.6, 2.6
    fx, ix, gx, ox, hx = 4.6, 6.5, 8.2, 10.4, 12.2
    gy = 4.6
    # cell state line
    text(ax, 0.25, top + 0.45, "$c_{t-1}$", size=13, ha="left")
    arrow(ax, (0.2, top), (fx - r, top), lw=2)
    _op(ax, fx, top, r"$\times$")
    arrow(ax, (fx + r, top), (gx - r, top), lw=2)
    _op(ax, gx, top, "+")
    arrow(ax, (gx + r, top), (15.5, top), lw=2)
    text(ax, 15.6, top, "$c_t$", size=13, ha="left")
    dot(ax, hx, top)
    # inputs: h_{t-1} along the bottom, x_t from below, joined into [h_{t-1}, x_t]
    text(ax, 0.25, bus + 0.45, "$h_{t-1}$", size=13, ha="left")
    line(ax, [(0.2, bus), (ox, bus)])
    text(ax, 3.0, 0.15, "$x_t$", size=13, va="bottom")
    line(ax, [(3.0, 0.75), (3.0, bus)])
    dot(ax, 3.0, bus)
    text(ax, 3.2, bus - 0.4, "$[h_{t-1}, x_t]$", size=10, ha="left")
    for x in (fx, ix, gx, ox):
        dot(ax, x, bus) if x != ox else None
        arrow(ax, (x, bus), (x, gy - 0.4))
    _gate(ax, fx, gy, r"$\sigma$")
    _gate(ax, ix, gy, r"$\sigma$")
    _gate(ax, gx, gy, "tanh")
    _gate(ax, ox, gy, r"$\sigma$")
    # forget gate to the cell state
    arrow(ax, (fx, gy + 0.4), (fx, top - r))
    text(ax, fx - 0.15, 6.6, "$f_t$", size=12, ha="right")
    # input gate times candidate, added to the cell state
    iy = 6.9
    _op(ax, gx, iy, r"$\times$")
    path_arrow(ax, [(ix, gy + 0.4), (ix, iy), (gx - r, iy)])
    text(ax, ix - 0.15, 5.9, "$i_t$", size=12, ha="right")
    arrow(ax, (gx, gy + 0.4), (gx, iy - r))
    text(ax, gx + 0.15, 5.8, "$g_t$", size=12, ha="left")
    arrow(ax, (gx, iy + r), (gx, top - r))
    # output
    ty, hy = 7.9, 5.9
    box(ax, hx, ty, 1.2, 0.7, "tanh", fc=LIGHT[PURPLE], ec=PURPLE, size=11, round_=0.3)
    arrow(ax, (hx, top), (hx, ty + 0.35))
    _op(ax, hx, hy, r"$\times$")
    arrow(ax, (hx, ty - 0.35), (hx, hy + r))
    path_arrow(ax, [(ox, gy + 0.4), (ox, hy), (hx - r, hy)])
    text(ax, ox - 0.15, 5.5, "$o_t$", size=12, ha="right")
    arrow(ax, (hx + r, hy), (15.5, hy), lw=2)
    text(ax, 15.6, hy, "$h_t$", size=13, ha="left")
    text(ax, 15.6, hy - 0.6, "(output and\nnext step)", size=9, ha="left", va="top")
    # equations
    ex, ey = 18.0, 10.3
    eqs = [r"$i_t = \sigma(W_i\,[h_{t-1}, x_t] + b_i)$", r"$f_t = \sigma(W_f\,[h_{t-1}, x_t] + b_f)$",
           r"$g_t = \tanh(W_g\,[h_{t-1}, x_t] + b_g)$", r"$o_t = \sigma(W_o\,[h_{t-1}, x_t] + b_o)$",
           r"$c_t = f_t \odot c_{t-1} + i_t \odot g_t$", r"$h_t = o_t \odot \tanh(c_t)$"]
    notes = ["input gate", "forget gate", "candidate", "output gate", "", ""]
    for k, (eq, note) in enumerate(zip(eqs, notes)):
        text(ax, ex, ey - 1.05 * k, eq, size=12, ha="left")
        if note:
            text(ax, ex, ey - 1.05 * k - 0.45, note, size=8.5, ha="left", color="#555555")
    text(ax, ex, 3.5, r"$\odot$: element-wise product; $g_t$ is often written $\tilde{C}_t$;"
         "\n" r"$W\,[h, x] = W_{h}h + W_{x}x$ (torch keeps the two blocks)", size=9, ha="left", va="center")
    _legend(ax, ex + 0.3, 1.9)
    return fig


def gru_cell():
    fig, ax = canvas(12.8, 6.6)
    r = 0.38
    ax.add_patch(FancyBboxPatch((0.8, 1.0), 11.9, 10.1, boxstyle="round,pad=0,rounding_size=0.5", fc="#fafafa",
                                ec="#999999", lw=1.2, zorder=0))
    text(ax, 12.8, 12.45, "GRU cell, in PyTorch's convention (torch.nn.GRU): $u_t = 1$ keeps the old state",
         size=12.5)
    top, bus = 10.1, 1.8
    ax_, ux, rx, nx = 1.6, 5.0, 7.6, 10.4
    gy = 3.6
    text(ax, 0.15, top + 0.5, "$h_{t-1}$", size=13, ha="left")
    line(ax, [(0.0, top), (ux - r, top)], lw=2)
    _op(ax, ux, top, r"$\times$")
    arrow(ax, (ux + r, top), (nx - r, top), lw=2)
    _op(ax, nx, top, "+")
    arrow(ax, (nx + r, top), (15.2, top), lw=2)
    text(ax, 15.3, top, "$h_t$", size=13, ha="left")
    text(ax, 13.2, top - 0.45, "output and next step", size=8.5)
    # h_{t-1} down to the bus, x_t up into it
    dot(ax, ax_, top)
    line(ax, [(ax_, top), (ax_, bus), (nx, bus)])
    text(ax, 2.6, 0.0, "$x_t$", size=13, va="bottom")
    line(ax, [(2.6, 0.6), (2.6, bus)])
    dot(ax, 2.6, bus)
    text(ax, 2.8, bus - 0.4, "$[h_{t-1}, x_t]$", size=10, ha="left")
    for x in (ux, rx, nx):
        if x != nx:
            dot(ax, x, bus)
        arrow(ax, (x, bus), (x, gy - 0.4))
    _gate(ax, ux, gy, r"$\sigma$")
    _gate(ax, rx, gy, r"$\sigma$")
    _gate(ax, nx, gy, "tanh")
    text(ax, ux - 0.75, gy, "update", size=9, ha="right", color="#555555")
    text(ax, rx, gy - 0.8, "reset", size=9, color="#555555")
    text(ax, nx + 0.75, gy, "candidate", size=9, ha="left", color="#555555")
    # the reset gate acts inside the candidate layer
    arrow(ax, (rx + 0.6, gy), (nx - 0.6, gy))
    text(ax, (rx + nx) / 2, gy + 0.35, "$r_t$", size=12)
    # u_t to the old state, 1 - u_t to the candidate
    arrow(ax, (ux, gy + 0.4), (ux, top - r))
    text(ax, ux - 0.15, 8.6, "$u_t$", size=12, ha="right")
    my = 6.2
    dot(ax, ux, my)
    box(ax, 7.6, my, 1.3, 0.7, "1 \N{MINUS SIGN}", fc=LIGHT[PURPLE], ec=PURPLE, size=11, round_=0.3)
    arrow(ax, (ux, my), (7.6 - 0.65, my))
    _op(ax, nx, my, r"$\times$")
    arrow(ax, (7.6 + 0.65, my), (nx - r, my))
    text(ax, (7.6 + 0.65 + nx - r) / 2, my + 0.35, "$1-u_t$", size=11)
    arrow(ax, (nx, gy + 0.4), (nx, my - r))
    text(ax, nx + 0.15, 5.0, "$n_t$", size=12, ha="left")
    arrow(ax, (nx, my + r), (nx, top - r))
    # equations
    ex, ey = 16.2, 10.0
    eqs = [r"$r_t = \sigma(W_{ir}x_t + b_{ir} + W_{hr}h_{t-1} + b_{hr})$",
           r"$u_t = \sigma(W_{iu}x_t + b_{iu} + W_{hu}h_{t-1} + b_{hu})$",
           r"$n_t = \tanh(W_{in}x_t + b_{in} + r_t \odot (W_{hn}h_{t-1} + b_{hn}))$",
           r"$h_t = (1 - u_t) \odot n_t + u_t \odot h_{t-1}$"]
    notes = ["reset gate", "update gate (torch names it $z_t$)",
             r"candidate (often $\tilde{h}_t$); $r_t$ acts after the product $W_{hn}h_{t-1}$", ""]
    for k, (eq, note) in enumerate(zip(eqs, notes)):
        text(ax, ex, ey - 1.2 * k, eq, size=10.5, ha="left")
        if note:
            text(ax, ex, ey - 1.2 * k - 0.48, note, size=8.5, ha="left", color="#555555")
    text(ax, ex, 4.6, "Convention: PyTorch's, as in helpers.rnn.gru_cell and\n"
         "Cho et al. (2014). Some texts swap $u_t$ and $1 - u_t$:\n"
         r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t$ is the same cell" "\n"
         "with $z_t = 1 - u_t$.", size=9, ha="left", va="center")
    _legend(ax, ex + 0.3, 1.9)
    return fig


def gan_loop():
    fig, ax = canvas(12.5, 6.4)
    yg, yr, yd = 8.0, 3.6, 5.8
    box(ax, 2.3, yg, 3.4, 1.3, "noise\n$z \\sim \\mathcal{N}(0, I)$", fc=LIGHT[GREY], ec=GREY, size=11)
    box(ax, 7.3, yg, 3.0, 1.5, "generator $G$\nparameters $\\theta_G$", fc=LIGHT[PURPLE], ec=PURPLE, size=11.5,
        lw=2)
    box(ax, 12.0, yg, 2.8, 1.3, "fake images\n$G(z)$", fc="white", ec=PURPLE, size=11)
    box(ax, 12.0, yr, 2.8, 1.3, "real images\n$x \\sim p_{data}$", fc="white", ec=GREEN, size=11)
    box(ax, 17.0, yd, 3.0, 1.5, "discriminator $D$\nparameters $\\theta_D$", fc=LIGHT[ORANGE], ec=ORANGE,
        size=11.5, lw=2)
    box(ax, 22.0, yd, 3.4, 1.5, "$D(\\cdot) \\in (0, 1)$\nprobability that\nthe input is real", fc="white",
        ec="black", size=10.5)
    arrow(ax, (4.0, yg), (5.8, yg))
    arrow(ax, (8.8, yg), (10.6, yg))
    arrow(ax, (13.4, yg), (15.5, yd + 0.45))
    arrow(ax, (13.4, yr), (15.5, yd - 0.45))
    arrow(ax, (18.5, yd), (20.3, yd))
    # the two steps
    box(ax, 13.0, 11.6, 25.0 - 1.0, 1.35, "", fc=LIGHT[PURPLE], ec=PURPLE, round_=0.2, zorder=1)
    text(ax, 1.3, 11.95, "G step (non-saturating):", size=11.5, color=PURPLE, weight="bold", ha="left")
    text(ax, 8.4, 11.95, r"minimise $-\log D(G(z))$ over $\theta_G$", size=12, ha="left")
    text(ax, 1.3, 11.25, "labels the fakes \"real\"; the gradient flows back through D into G, but only "
         "$\\theta_G$ is updated", size=9.5, ha="left")
    arrow(ax, (7.3, 10.9), (7.3, yg + 0.75), color=PURPLE, lw=3, head=16)
    text(ax, 7.55, 9.95, "update $\\theta_G$", size=10.5, color=PURPLE, ha="left")
    arrow(ax, (16.4, yd + 0.75), (8.2, yg + 0.75), color=PURPLE, lw=1.3, ls="--", rad=0.3)
    text(ax, 13.9, 9.85, "gradient of G's loss", size=9, color=PURPLE)
    box(ax, 13.0, 1.05, 24.0, 1.5, "", fc=LIGHT[ORANGE], ec=ORANGE, round_=0.2, zorder=1)
    text(ax, 1.3, 1.4, "D step:", size=11.5, color="#a06c00", weight="bold", ha="left")
    text(ax, 3.6, 1.4, r"maximise $\log D(x) + \log(1 - D(G(z)))$ over $\theta_D$", size=12, ha="left")
    text(ax, 1.3, 0.65, "real images labelled 1, fakes labelled 0; G is fixed (the fakes are detached), "
         "only $\\theta_D$ is updated", size=9.5, ha="left")
    arrow(ax, (18.6, 1.8), (17.3, yd - 0.75), color=ORANGE, lw=3, head=16)
    text(ax, 18.4, 3.3, "update $\\theta_D$", size=10.5, color="#a06c00", ha="left")
    text(ax, 3.2, 4.6, "Each batch: one D step,\nthen one G step with\nfresh noise; repeat.", size=10.5,
         ha="center")
    return fig


def dcgan_sizes(latent=100, channels=(1024, 512, 256, 128, 3)) -> list[tuple[int, int]]:
    """(side, channels) after each layer of the DCGAN generator of Radford et al. (2016): a 4x4 projection (a
    transposed convolution k=4, s=1, p=0 on z as a 1x1 image), then transposed convolutions k=4, s=2, p=1."""
    side = conv_transpose_output_size(1, k=4, s=1, p=0)
    out = [(side, channels[0])]
    for c in channels[1:]:
        side = conv_transpose_output_size(side, k=4, s=2, p=1)
        out.append((side, c))
    return out


def dcgan_generator():
    latent = 100
    sizes = dcgan_sizes(latent)
    fig, ax = canvas(14.0, 5.6)
    yc = 5.4
    # z as a thin column
    zx = 1.2
    ax.add_patch(Rectangle((zx - 0.15, yc - 1.8), 0.3, 3.6, fc=LIGHT[GREY], ec="black", lw=1.1))
    text(ax, zx, yc - 2.35, f"$z$\n{latent}", size=10.5, va="top")
    x = 4.6
    blocks = []
    for side, ch in sizes:
        h = 0.8 * math.log2(side) + 0.5
        d = 0.12 if ch < 64 else 0.25 + 0.3 * math.log2(ch / 64)
        off = 0.2 * h
        fc = LIGHT[SKY] if ch > 3 else "#f4d9c8"
        y0 = yc - h / 2
        ax.add_patch(Rectangle((x, y0), d, h, fc=fc, ec="black", lw=1.0, zorder=3))
        ax.add_patch(Polygon([(x, y0 + h), (x + off, y0 + h + off), (x + d + off, y0 + h + off), (x + d, y0 + h)],
                             closed=True, fc=fc, ec="black", lw=1.0, zorder=3))
        ax.add_patch(Polygon([(x + d, y0), (x + d + off, y0 + off), (x + d + off, y0 + h + off), (x + d, y0 + h)],
                             closed=True, fc=fc, ec="black", lw=1.0, zorder=3))
        label = f"{side}\N{MULTIPLICATION SIGN}{side}\N{MULTIPLICATION SIGN}{ch}"
        text(ax, x + (d + off) / 2, 1.05, label, size=11, weight="bold")
        blocks.append((x, d, off))
        x += d + off + 2.9
    layer_labels = ["project and\nreshape\n(ConvT k4 s1 p0)\nBN + ReLU"]
    layer_labels += ["ConvT k4 s2 p1\nBN + ReLU"] * (len(sizes) - 2) + ["ConvT k4 s2 p1\ntanh"]
    starts = [zx + 0.15] + [b[0] + b[1] + b[2] * 0.5 for b in blocks[:-1]]
    ends = [b[0] for b in blocks]
    for s, e, label in zip(starts, ends, layer_labels):
        arrow(ax, (s + 0.1, yc), (e - 0.1, yc), lw=1.6)
        text(ax, (s + e) / 2, yc + 0.35, label, size=9, va="bottom",
             color=RED if "tanh" in label else "black")
    text(ax, 14.0, 10.55, "DCGAN generator (Radford et al., 2016): every stride-2 transposed convolution doubles "
         "the side", size=12.5)
    s1 = sizes[0][0]
    text(ax, 14.0, 9.75, r"$n_{out} = (n_{in} - 1)\,s - 2p + k$:  "
         f"(1 \N{MINUS SIGN} 1)\N{MIDDLE DOT}1 \N{MINUS SIGN} 0 + 4 = {s1},   "
         f"({s1} \N{MINUS SIGN} 1)\N{MIDDLE DOT}2 \N{MINUS SIGN} 2 + 4 = "
         f"{conv_transpose_output_size(s1, 4, 2, 1)}, \N{HORIZONTAL ELLIPSIS}, "
         f"({sizes[-2][0]} \N{MINUS SIGN} 1)\N{MIDDLE DOT}2 \N{MINUS SIGN} 2 + 4 = {sizes[-1][0]}", size=11)
    text(ax, 14.0, 0.25, "ConvT k4 s2 p1: transposed convolution, kernel 4, stride 2, padding 1;  BN: batch "
         "normalisation (none on the output layer);  tanh: pixels in [\N{MINUS SIGN}1, 1];  boxes not to scale",
         size=9, color="#444444")
    return fig


def rbf_network():
    fig, ax = canvas(12.0, 5.4)
    r_in, r_h, r_o = 0.5, 0.75, 0.75
    ins = [(1.6, 7.4), (1.6, 5.4), (1.6, 3.4)]
    hid = [(8.0, 8.6), (8.0, 6.4), (8.0, 4.2), (8.0, 2.0)]
    out = (14.2, 5.4)
    bias = (14.2, 8.9)
    for p in ins:
        for q in hid:
            between(ax, p, q, r_in, r_h, color="#999999", lw=0.9, head=8)
    for j, q in enumerate(hid, 1):
        between(ax, q, out, r_h, r_o, lw=1.2)
        mx, my = toward(q, out, 3.4)
        text(ax, mx, my + 0.4, f"$w_{j}$", size=12, color=RED)
    for k, p in enumerate(ins, 1):
        node(ax, *p, r_in, f"$x_{k}$", fc=LIGHT[BLUE], ec=BLUE)
    t = np.linspace(-1, 1, 41)
    for j, q in enumerate(hid, 1):
        node(ax, *q, r_h, "", fc=LIGHT[GREEN], ec=GREEN)
        ax.plot(q[0] + 0.55 * t, q[1] - 0.35 + 0.75 * np.exp(-(2.2 * t) ** 2 / 2), color=GREEN, lw=1.4, zorder=4)
        dy = 0.0 if j <= len(hid) // 2 else -0.55  # below the line to the output for the lower units
        text(ax, q[0] + 0.95, q[1] + 0.15 + dy, rf"$\varphi_{j}$", size=12, ha="left")
        text(ax, q[0] + 0.95, q[1] - 0.4 + dy, f"centre $c_{j}$", size=8.5, ha="left", color="#555555")
    node(ax, *bias, r_in, "1", fc=LIGHT[GREY], ec=GREY)
    arrow(ax, (bias[0], bias[1] - r_in), (out[0], out[1] + r_o))
    text(ax, bias[0] + 0.25, (bias[1] + out[1]) / 2 + 0.3, "$b$", size=12, color=RED, ha="left")
    node(ax, *out, r_o, r"$\Sigma$", size=16, fc=LIGHT[ORANGE], ec=ORANGE)
    arrow(ax, (out[0] + r_o, out[1]), (16.4, out[1]))
    text(ax, 16.75, out[1], r"$\hat y$", size=14)
    text(ax, 1.6, 1.3, "inputs\n$x \\in \\mathbb{R}^3$", size=10)
    text(ax, 4.6, 0.75, "no weights here: each unit\nmeasures $\\|x - c_j\\|$", size=9, color="#555555")
    text(ax, 8.0, 0.55, "hidden layer:\nGaussian units", size=10)
    text(ax, 14.2, 3.6, "linear output", size=10)
    ex = 17.9
    text(ax, ex, 8.6, "hidden unit $j$:", size=11, ha="left")
    text(ax, ex, 7.6, r"$\varphi_j(x) = \exp\left(-\frac{\|x - c_j\|^2}{2\sigma^2}\right)$", size=13, ha="left")
    text(ax, ex, 6.0, "output:", size=11, ha="left")
    text(ax, ex, 5.1, r"$\hat y = \sum_j w_j\,\varphi_j(x) + b$", size=13, ha="left")
    text(ax, ex, 3.4, "$\\varphi_j = 1$ at $x = c_j$ and falls to\n"
         f"$e^{{-1/2}}$ = {math.exp(-0.5):.2f} at distance $\\sigma$;\n"
         "centres and $\\sigma$ are usually fixed first\n(e.g. by k-means), then $w$, $b$ by\nlinear least squares",
         size=9.5, ha="left", va="center")
    return fig


def som_example(rows=7, cols=7, sigma=1.5, eta=0.6):
    """A 7x7 map: each node's weight vector in a 2-D input space, an input x, its best-matching unit and the
    update w_j <- w_j + eta h_j (x - w_j), h_j = exp(-d_j^2 / (2 sigma^2)) with d_j the grid distance to the BMU."""
    i, j = np.mgrid[0:rows, 0:cols]
    w = np.stack([0.1 + 0.13 * j + 0.025 * np.sin(1.3 * i + 0.4),
                  0.1 + 0.13 * i + 0.025 * np.cos(1.1 * j + 0.2)], axis=-1)
    x = np.array([0.56, 0.415])
    bmu = best_matching_unit(w, x)
    h = gaussian_neighbourhood((rows, cols), bmu, sigma)
    new = som_update(w, x, bmu, eta, sigma)
    return {"w": w, "x": x, "bmu": bmu, "h": h, "new": new, "sigma": sigma, "eta": eta}


def _mix(colour: str, t: float) -> tuple:
    c = np.array(matplotlib.colors.to_rgb(colour))
    return tuple(1 - t * (1 - c))


def _net(ax, points, color="#cccccc", lw=1.0):
    """The grid lines between neighbouring nodes (``points`` of shape (rows, cols, 2)) as one path."""
    segments = [np.stack([points[a, :-1], points[a, 1:]], axis=1) for a in range(points.shape[0])]
    segments += [np.stack([points[:-1, b], points[1:, b]], axis=1) for b in range(points.shape[1])]
    xs, ys = [], []
    for seg in np.concatenate(segments):
        xs += [seg[0, 0], seg[1, 0], np.nan]
        ys += [seg[0, 1], seg[1, 1], np.nan]
    ax.plot(xs, ys, color=color, lw=lw, zorder=1)


def som_grid():
    c = som_example()
    w, x, bmu, h, new, sigma, eta = c["w"], c["x"], c["bmu"], c["h"], c["new"], c["sigma"], c["eta"]
    rows, cols = h.shape
    fig, ax = canvas(12.5, 6.4)
    shade = [_mix(GREEN, v) for v in h.ravel()]
    others = np.ones(h.shape, bool)
    others[bmu] = False
    # ---- the map grid
    sp, gx0, gy0 = 1.3, 1.4, 2.4
    a_idx, b_idx = np.mgrid[0:rows, 0:cols]
    grid_pos = np.stack([gx0 + b_idx * sp, gy0 + a_idx * sp], axis=-1)
    text(ax, gx0 + (cols - 1) * sp / 2, 12.1, "the map: a grid of nodes", size=12, weight="bold")
    text(ax, gx0 + (cols - 1) * sp / 2, 11.45, "(the neighbourhood is measured here)", size=10)
    _net(ax, grid_pos)
    flat = grid_pos.reshape(-1, 2)
    keep = others.ravel()
    ax.scatter(flat[keep, 0], flat[keep, 1], s=300, c=[col for col, k in zip(shade, keep) if k], edgecolors="#777777",
               linewidths=1.0, zorder=3)
    cb = tuple(grid_pos[bmu])
    ax.scatter([cb[0]], [cb[1]], s=520, c=[RED], edgecolors="black", linewidths=1.2, zorder=4)
    for k, ls in ((1, "--"), (2, ":")):
        ax.add_patch(Circle(cb, k * sigma * sp, fill=False, ec=RED, lw=1.4, ls=ls, zorder=2))
    text(ax, cb[0] + sigma * sp * 0.72, cb[1] + sigma * sp * 0.72 + 0.25, r"$\sigma$", size=12, color=RED)
    text(ax, cb[0] + 2 * sigma * sp * 0.72 + 0.05, cb[1] + 2 * sigma * sp * 0.72 + 0.2, r"$2\sigma$", size=12,
         color=RED)
    text(ax, gx0 + (cols - 1) * sp / 2, 1.25, "red: the best-matching unit (BMU), the node whose weight is\n"
         "closest to x; green shading: its influence $h_j = \\exp(-d_j^2 / (2\\sigma^2))$,\n"
         f"$d_j$ = distance on the grid, $\\sigma$ = {sigma:g} nodes", size=9.5, va="center")
    # ---- the input space
    X0, Y0, S = 13.4, 2.4, 8.7
    P = lambda v: np.stack([X0 + S * v[..., 0], Y0 + S * v[..., 1]], axis=-1)  # noqa: E731
    text(ax, X0 + S / 2, 12.1, "input space: the nodes' weights $w_j$", size=12, weight="bold")
    text(ax, X0 + S / 2, 11.45, "(the weights move here, toward the input $x$)", size=10)
    ax.add_patch(Rectangle((X0, Y0), S, S, fill=False, ec="#999999", lw=1.0))
    wp, newp = P(w), P(new)
    _net(ax, wp)
    flat = wp.reshape(-1, 2)
    ax.scatter(flat[keep, 0], flat[keep, 1], s=80, c=[col for col, k in zip(shade, keep) if k], edgecolors="#777777",
               linewidths=0.8, zorder=3)
    ax.scatter([wp[bmu][0]], [wp[bmu][1]], s=150, c=[RED], edgecolors="black", linewidths=1.0, zorder=4)
    for a in range(rows):
        for b in range(cols):
            if h[a, b] > 0.1 and np.linalg.norm(newp[a, b] - wp[a, b]) > 0.12:
                arrow(ax, tuple(wp[a, b]), tuple(newp[a, b]), color=BLUE, lw=1.3, head=8, zorder=5)
    px = P(x)
    ax.plot([px[0]], [px[1]], marker="*", ms=20, color=BLUE, mec="black", mew=0.8, zorder=6)
    text(ax, px[0] - 0.42, px[1] - 0.05, "$x$", size=15, color=BLUE, ha="right")
    text(ax, X0 + S / 2, 1.25, r"update: $w_j \leftarrow w_j + \eta\, h_j\,(x - w_j)$"
         f",  $\\eta$ = {eta:g}\n"
         "every neighbour moves toward the input x (blue arrows), not toward\n"
         "the BMU, and the more so the closer it is to the BMU on the grid", size=9.5, va="center")
    return fig


#: name -> drawing function; the names are the file names under notebooks/figures/ (without .svg).
DIAGRAMS = {
    "perceptron_mlp": perceptron_mlp,
    "computational_graph": computational_graph,
    "conv_window": conv_window,
    "pooling": pooling,
    "rnn_unrolled": rnn_unrolled,
    "lstm_cell": lstm_cell,
    "gru_cell": gru_cell,
    "gan_loop": gan_loop,
    "dcgan_generator": dcgan_generator,
    "rbf_network": rbf_network,
    "som_grid": som_grid,
}


# ------------------------------------------------------------------------------------------ writing
def render(name: str, fmt: str = "svg") -> bytes:
    """The diagram ``name`` as SVG (or another format matplotlib writes, e.g. ``png`` to look at it)."""
    import io

    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(RC)
        fig = DIAGRAMS[name]()
        buffer = io.BytesIO()
        # No date, and no creator (it names matplotlib's version and web address): the file changes only
        # when the drawing does.
        metadata = {"Date": None, "Creator": None, "Format": None, "Type": None} if fmt == "svg" else None
        fig.savefig(buffer, format=fmt, metadata=metadata)
    data = buffer.getvalue()
    if fmt == "svg":
        # The DOCTYPE names the SVG 1.1 DTD by its web address; nothing needs it, and the file then refers to
        # nothing outside itself (the xmlns values are names, not references).
        data = re.sub(rb"<!DOCTYPE svg [^>]*>\n", b"", data, count=1)
    return data


def draw_all(out_dir: Path = FIGURES, names=None) -> list[Path]:
    """Write every diagram (or ``names``) as ``out_dir/<name>.svg``; return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names or DIAGRAMS:
        path = out_dir / f"{name}.svg"
        path.write_bytes(render(name))
        paths.append(path)
    return paths


def check(figures: Path = FIGURES, drawn: Path | None = None) -> list[str]:
    """Problems (empty: none): files in ``figures`` that differ from what the code draws, are missing, or are
    not drawn by it. ``drawn`` is a folder the diagrams were already drawn into (default: draw them now)."""
    figures = Path(figures)
    with tempfile.TemporaryDirectory(prefix="diagrams-") as tmp:
        if drawn is None:
            drawn = Path(tmp)
            draw_all(drawn)
        problems = []
        for name in DIAGRAMS:
            have, want = figures / f"{name}.svg", Path(drawn) / f"{name}.svg"
            if not have.is_file():
                problems.append(f"{have}: missing (run python -m instructor.diagrams)")
            elif have.read_bytes() != want.read_bytes():
                problems.append(f"{have}: differs from what instructor.diagrams draws (run python -m "
                                "instructor.diagrams)")
    names = {f"{n}.svg" for n in DIAGRAMS}
    for path in sorted(figures.iterdir()) if figures.is_dir() else []:
        if path.name not in names:
            problems.append(f"{path}: not drawn by instructor.diagrams (add it to DIAGRAMS or remove it)")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instructor.diagrams", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare notebooks/figures/ with what the code draws")
    parser.add_argument("--out", type=Path, default=FIGURES, help="folder of the SVG files (default notebooks/figures)")
    parser.add_argument("--png", type=Path, default=None, help="also write PNG copies into this folder (to look at)")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.out)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{args.out}: all {len(DIAGRAMS)} diagrams are what the code draws")
        return 1 if problems else 0
    for path in draw_all(args.out):
        print(f"wrote {path} ({path.stat().st_size / 1000:.1f} kB)")
    if args.png:
        args.png.mkdir(parents=True, exist_ok=True)
        for name in DIAGRAMS:
            (args.png / f"{name}.png").write_bytes(render(name, "png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
