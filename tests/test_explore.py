"""helpers.explore: the pure functions against references, bad input, static fallback, live controls."""

from __future__ import annotations

import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from helpers import explore  # noqa: E402
from helpers.cnn import conv_output_size  # noqa: E402
from helpers.som import gaussian_neighbourhood  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def live(monkeypatch):
    """An interactive session as far as the explorers can tell (no COURSE_STATIC)."""
    pytest.importorskip("ipywidgets")
    monkeypatch.delenv(explore.STATIC_ENV_VAR, raising=False)


@pytest.fixture
def static(monkeypatch):
    monkeypatch.setenv(explore.STATIC_ENV_VAR, "1")


# ---------------------------------------------------------------------------------------------- gd_path
def heavy_ball_closed_form(x0, curvature, lr, momentum, n_steps):
    """Per coordinate, (x, b) evolves linearly: b' = m b + c x, x' = x - lr b' (torch's SGD momentum)."""
    out = np.empty((n_steps + 1, len(x0)))
    for d, (x, c) in enumerate(zip(x0, curvature)):
        M = np.array([[1 - lr * c, -lr * momentum], [c, momentum]])
        for t in range(n_steps + 1):
            out[t, d] = (np.linalg.matrix_power(M, t) @ np.array([x, 0.0]))[0]
    return out


def test_gd_path_without_momentum_is_the_geometric_sequence():
    lr, start = 0.05, np.array([-4.0, 1.5])
    res = explore.gd_path(lr, 0.0, n_steps=40, start=start)
    t = np.arange(41)[:, None]
    expected = start * (1 - lr * np.array(explore.RAVINE_CURVATURE)) ** t
    np.testing.assert_allclose(res.path, expected, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(res.losses, explore.ravine(expected), rtol=1e-12)
    assert not res.diverged


@pytest.mark.parametrize("lr,momentum", [(0.03, 0.8), (0.15, 0.5), (0.01, 0.95)])
def test_gd_path_with_momentum_matches_closed_form_and_torch(lr, momentum):
    start = np.array([-4.5, 1.5])
    res = explore.gd_path(lr, momentum, n_steps=30, start=start)
    np.testing.assert_allclose(res.path, heavy_ball_closed_form(start, explore.RAVINE_CURVATURE, lr, momentum, 30),
                               rtol=1e-9, atol=1e-12)
    p = torch.tensor(start, requires_grad=True)
    opt = torch.optim.SGD([p], lr=lr, momentum=momentum)
    ref = [p.detach().numpy().copy()]
    for _ in range(30):
        opt.zero_grad()
        (0.5 * (p[0] ** 2 + 10 * p[1] ** 2)).backward()
        opt.step()
        ref.append(p.detach().numpy().copy())
    np.testing.assert_allclose(res.path, np.array(ref), rtol=1e-9, atol=1e-12)


def test_gd_path_reports_divergence_and_stops_there():
    # plain GD on the ravine diverges once lr * 10 > 2
    res = explore.gd_path(0.25, 0.0, n_steps=500)
    assert res.diverged
    assert len(res.path) < 501 and len(res.path) == len(res.losses)
    assert not explore.gd_path(0.19, 0.0, n_steps=500).diverged
    growing = explore.gd_path(0.21, 0.0, n_steps=60)  # still below 1e8 after 60 steps, but growing
    assert growing.diverged and len(growing.path) == 61
    # momentum widens the stable range: lr * c < 2 (1 + m)
    assert not explore.gd_path(0.25, 0.5, n_steps=500).diverged


def test_gd_path_on_rosenbrock_uses_helpers_nn():
    res = explore.gd_path(1e-3, 0.9, n_steps=2000, surface="rosenbrock")
    assert res.losses[-1] < 1e-3 * res.losses[0]


@pytest.mark.parametrize("kwargs,error", [
    (dict(lr=0.0), ValueError), (dict(lr=-1.0), ValueError), (dict(lr="fast"), TypeError),
    (dict(lr=0.1, momentum=1.0), ValueError), (dict(lr=0.1, momentum=-0.1), ValueError),
    (dict(lr=0.1, n_steps=0), ValueError), (dict(lr=0.1, n_steps=2.5), TypeError),
    (dict(lr=0.1, surface="bowl"), ValueError), (dict(lr=0.1, start=[1.0, 2.0, 3.0]), ValueError),
])
def test_gd_path_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        explore.gd_path(**kwargs)


# ---------------------------------------------------------------------------------------------- conv
@pytest.mark.parametrize("k,s,p,kind", [(3, 1, 0, "edge"), (5, 2, 2, "blur"), (4, 3, 1, "edge"), (1, 1, 3, "blur"),
                                        (7, 4, 0, "edge")])
def test_conv_output_matches_torch_and_the_formula(k, s, p, kind):
    image = np.random.default_rng(k * 10 + s).random((23, 31))
    res = explore.conv_output(image, k, s, p, kind)
    ref = F.conv2d(torch.from_numpy(image)[None, None], torch.from_numpy(res.kernel)[None, None], stride=s,
                   padding=p)[0, 0].numpy()
    assert res.output.shape == ref.shape == (conv_output_size(23, k, p, s), conv_output_size(31, k, p, s))
    assert res.output.shape == ((23 + 2 * p - k) // s + 1, (31 + 2 * p - k) // s + 1)
    np.testing.assert_allclose(res.output, ref, atol=1e-12)
    assert res.padded.shape == (23 + 2 * p, 31 + 2 * p)


def test_conv_kernels_do_what_they_say():
    flat = np.ones((10, 12))
    assert np.allclose(explore.conv_output(flat, 3, kernel="blur").output, 1.0)
    assert np.allclose(explore.conv_output(flat, 3, kernel="edge").output, 0.0)
    step = np.zeros((6, 8))
    step[:, 4:] = 1.0  # dark to bright: the left-minus-right kernel answers negatively at the edge only
    out = explore.conv_output(step, 2, kernel="edge").output
    assert out[:, 3].min() < 0 and np.allclose(np.delete(out, 3, axis=1), 0)


@pytest.mark.parametrize("kwargs,error", [
    (dict(image=np.zeros(5)), ValueError), (dict(image=[["a", "b"]]), TypeError),
    (dict(image=np.zeros((4, 4)), kernel_size=7), ValueError), (dict(image=np.zeros((4, 4)), stride=0), ValueError),
    (dict(image=np.zeros((4, 4)), padding=-1), ValueError), (dict(image=np.zeros((4, 4)), kernel="sobel"), ValueError),
    (dict(image=np.zeros((4, 4)), kernel_size=2.0), TypeError),
])
def test_conv_output_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        explore.conv_output(**kwargs)


# ---------------------------------------------------------------------------------------------- rbf
def test_rbf_fit_interpolates_when_centres_are_the_training_points():
    x = np.linspace(-3, 3, 15) + np.random.default_rng(0).uniform(-0.05, 0.05, 15)
    y = np.sin(x)
    res = explore.rbf_fit(x, y, x, 0.4)
    K = np.exp(-((x[:, None] - x[None, :]) ** 2) / (2 * 0.4**2))
    np.testing.assert_allclose(res.weights, np.linalg.solve(K, y), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(res.predictions, y, atol=1e-8)
    np.testing.assert_allclose(res.units.sum(axis=1), res.predictions)
    assert np.isclose(res.condition, np.linalg.cond(K.T @ K), rtol=1e-6)


def test_rbf_fit_width_controls_the_trade_off():
    rng = np.random.default_rng(1)
    x = np.sort(rng.uniform(-3, 3, 80))
    y = np.sin(2 * x) + 0.1 * rng.normal(size=80)
    centres = np.linspace(-3, 3, 12)
    grid = np.linspace(-3, 3, 400)
    mse = {w: np.mean((explore.rbf_fit(x, y, centres, w, grid).predictions - np.sin(2 * grid)) ** 2)
           for w in (0.03, 0.4, 20.0)}
    assert mse[0.4] < 0.02 and mse[0.03] > 5 * mse[0.4] and mse[20.0] > 5 * mse[0.4]
    conds = [explore.rbf_fit(x, y, centres, w).condition for w in (0.4, 1.0, 3.0)]
    assert conds[0] < conds[1] < conds[2], "wider units make G^T G worse conditioned"


@pytest.mark.parametrize("kwargs,error", [
    (dict(width=0.0), ValueError), (dict(width=float("nan")), TypeError), (dict(y_train=np.zeros(4)), ValueError),
    (dict(x_train=np.zeros((5, 2))), ValueError), (dict(alpha=-1.0), ValueError),
])
def test_rbf_fit_rejects_bad_input(kwargs, error):
    args = dict(x_train=np.linspace(0, 1, 5), y_train=np.zeros(5), centers=[0.2, 0.8], width=0.3)
    args.update(kwargs)
    with pytest.raises(error):
        explore.rbf_fit(**args)


# ---------------------------------------------------------------------------------------------- som
def test_som_map_matches_minisom():
    minisom = pytest.importorskip("minisom")
    data = np.random.default_rng(0).random((200, 3))
    ours = explore.som_map(data, (6, 5), sigma=1.5, n_iter=300, random_state=3)
    ref = minisom.MiniSom(6, 5, 3, sigma=1.5, learning_rate=0.5, random_seed=3)
    ref.random_weights_init(data)
    ref.train_random(data, 300)
    np.testing.assert_allclose(ours.get_weights(), ref.get_weights(), atol=1e-10)


def test_som_radius_orders_the_map():
    data = np.random.default_rng(0).random((400, 3))
    tight = explore.som_map(data, (10, 10), sigma=0.3, n_iter=1500)
    wide = explore.som_map(data, (10, 10), sigma=3.0, n_iter=1500)
    # a tiny radius leaves neighbours unrelated (high topographic error) but fits the data closely
    assert tight.topographic_error(data) > wide.topographic_error(data)
    assert tight.quantization_error(data) < wide.quantization_error(data)


@pytest.mark.parametrize("kwargs,error", [
    (dict(sigma=0.0), ValueError), (dict(n_iter=0), ValueError), (dict(grid=(3,)), ValueError),
    (dict(data=np.zeros(5)), ValueError),
])
def test_som_map_rejects_bad_input(kwargs, error):
    args = dict(data=np.zeros((5, 2)), grid=(3, 3))
    args.update(kwargs)
    with pytest.raises(error):
        explore.som_map(**args)


# ---------------------------------------------------------------------------------------------- gan
def _snapshots(n=3):
    rng = np.random.default_rng(0)
    return [(100 * (i + 1), rng.uniform(-1, 1, size=(20, 1, 8, 8)).astype(np.float32)) for i in range(n)]


def test_snapshot_at_picks_the_pair():
    snaps = _snapshots()
    step, images = explore.snapshot_at(snaps, 1)
    assert step == 200 and np.array_equal(images, snaps[1][1])
    assert explore.snapshot_at(snaps, -1)[0] == 300


@pytest.mark.parametrize("snaps,index", [([], 0), (None, 0), ("x", 0), (_snapshots(), 3), (_snapshots(), -4),
                                         (_snapshots(), 1.0), ([(1, 2, 3)], 0)])
def test_snapshot_at_rejects_bad_input(snaps, index):
    with pytest.raises((ValueError, TypeError)):
        explore.snapshot_at(snaps, index)


# ---------------------------------------------------------------------------------------------- modes
def _builders():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(-3, 3, 40))
    history = {"step": [50, 100, 150, 200, 250, 300], "d_real": [0.9, 0.8, 0.7, 0.6, 0.55, 0.5],
               "d_fake": [0.1, 0.2, 0.3, 0.35, 0.4, 0.45]}
    return {
        "gd": (lambda **kw: explore.explore_gd(0.03, 0.5, **kw), {"momentum": 0.9}),
        "conv": (lambda **kw: explore.explore_conv(rng.random((20, 24)), 3, **kw), {"stride": 2}),
        "rbf": (lambda **kw: explore.explore_rbf_width(x, np.sin(x), np.linspace(-3, 3, 8), 0.5, x_test=x,
                                                       y_test=np.sin(x), **kw), {"scale": 0.1}),
        "som": (lambda **kw: explore.explore_som_radius(rng.random((100, 3)), (6, 6), 2.0, n_iter=200, **kw),
                {"sigma": 0.5}),
        "gan": (lambda **kw: explore.explore_gan_snapshots(_snapshots(), history, **kw), {"index": 0}),
    }


BUILDERS = _builders()


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_static_mode_draws_exactly_one_figure_and_no_widget(name, static, monkeypatch):
    import ipywidgets

    def no_widgets(*args, **kwargs):
        raise AssertionError("a widget was created in static mode")

    monkeypatch.setattr(ipywidgets.Widget, "__init__", no_widgets)
    before = set(plt.get_fignums())
    ex = BUILDERS[name][0](interactive=True)  # COURSE_STATIC wins over an explicit request
    assert len(set(plt.get_fignums()) - before) == 1
    assert plt.gcf() is ex.figure and ex.figure.axes, "the figure must be drawn"
    assert ex.widget is None and ex.controls == {} and not ex.interactive and ex.n_draws == 1


def test_without_ipywidgets_the_explorer_falls_back_to_static(monkeypatch):
    monkeypatch.delenv(explore.STATIC_ENV_VAR, raising=False)
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets now raises ImportError
    assert not explore.interactive_enabled(True)
    before = set(plt.get_fignums())
    ex = explore.explore_gd(interactive=True)
    assert ex.widget is None and len(set(plt.get_fignums()) - before) == 1


def test_outside_a_kernel_auto_mode_is_static(live):
    assert not explore.interactive_enabled(None)
    assert explore.interactive_enabled(True)


@pytest.mark.parametrize("falsy", ["", "0", "false", "no"])
def test_course_static_false_values_do_not_force_static(monkeypatch, falsy):
    pytest.importorskip("ipywidgets")
    monkeypatch.setenv(explore.STATIC_ENV_VAR, falsy)
    assert explore.interactive_enabled(True)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_interactive_mode_builds_controls_that_redraw(name, live):
    import ipywidgets

    before = set(plt.get_fignums())
    build, change = BUILDERS[name]
    ex = build(interactive=True)
    assert set(plt.get_fignums()) == before, "interactive figures live in the output widget, not in pyplot"
    assert isinstance(ex.widget, ipywidgets.VBox) and isinstance(ex.output, ipywidgets.Output)
    assert set(ex.controls) == set(ex.values)
    for key, control in ex.controls.items():
        assert control.value == ex.values[key]
    png_before, result_before, draws = ex.png(), ex.result, ex.n_draws
    (key, value), = change.items()
    ex.controls[key].value = value  # what dragging the slider does
    assert ex.values[key] == value and ex.n_draws == draws + 1 and ex.error is None
    assert ex.result is not result_before and ex.png() != png_before
    ex.update(**{key: BUILDERS[name][1][key]})  # from code: no second redraw through the control's callback
    assert ex.n_draws == draws + 2


def test_interactive_start_outside_a_slider_range_follows_the_slider(live):
    ex = explore.explore_gd(lr=3.0, momentum=0.0, interactive=True)  # the slider stops at lr = 1
    assert ex.controls["lr"].value == ex.values["lr"] == 1.0 and ex.result.diverged


def test_interactive_mode_shows_impossible_values_instead_of_raising(live):
    ex = explore.explore_conv(np.zeros((6, 6)), 3, interactive=True)
    ex.controls["kernel_size"].value = 9  # larger than the 6x6 image
    assert ex.result is None and "does not fit" in ex.error
    assert "does not fit" in ex.figure.axes[0].texts[0].get_text()
    ex.controls["padding"].value = 2  # 6 + 2*2 = 10 >= 9: possible again
    assert ex.error is None and ex.result.output.shape == (2, 2)


def test_explorers_validate_their_starting_values(static):
    with pytest.raises(ValueError):
        explore.explore_gd(lr=-1)
    with pytest.raises(ValueError):
        explore.explore_conv(np.zeros((4, 4)), kernel_size=9)
    with pytest.raises(ValueError):
        explore.explore_rbf_width([0, 1, 2], [0, 1, 0], [1], 0.5, x_test=[0.5])
    with pytest.raises(ValueError):
        explore.explore_gan_snapshots(_snapshots(), {"d_real": [0.5]})
    with pytest.raises(ValueError):
        explore.explore_gd().update(speed=3)


def test_som_neighbourhood_panel_uses_helpers_som(static):
    ex = explore.explore_som_radius(np.random.default_rng(0).random((50, 4)), (8, 8), 2.0, n_iter=100)
    image = ex.figure.axes[0].images[0].get_array()
    np.testing.assert_allclose(image, gaussian_neighbourhood((8, 8), (4, 4), 2.0))
    assert "U-matrix" in ex.figure.axes[1].get_title()  # 4-D data: the U-matrix instead of colours
