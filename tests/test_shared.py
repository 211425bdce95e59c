"""Seeding, recording, progress bars, device selection and plotting."""

import json
import random

import numpy as np
import pytest
import torch

from helpers import device, plotting, progress, seed
from helpers.record import ENV_VAR, record, recorded


def test_set_seed_makes_random_numpy_and_torch_repeatable():
    def draw():
        return random.random(), np.random.rand(), torch.rand(1).item()

    seed.set_seed(123)
    first = draw()
    seed.set_seed(123)
    assert draw() == first
    seed.set_seed(124)
    assert draw() != first


def test_set_seed_rejects_bad_seeds():
    with pytest.raises(TypeError):
        seed.set_seed(1.5)
    with pytest.raises(ValueError):
        seed.set_seed(-1)


def test_record_writes_json_file_and_converts_scalars(tmp_path, monkeypatch):
    target = tmp_path / "rec.json"
    monkeypatch.setenv(ENV_VAR, str(target))
    assert record("acc", np.float32(0.5)) is None  # a statement: nothing to echo under a notebook cell
    record("n", np.int64(3))
    record("ok", True)
    record("loss", torch.tensor(1.25))
    assert json.loads(target.read_text()) == {"acc": 0.5, "n": 3, "ok": True, "loss": 1.25}
    assert recorded()["n"] == 3


@pytest.mark.parametrize("name, value, exc", [
    ("bad name", 1.0, ValueError),
    ("x", np.array([1.0, 2.0]), TypeError),
    ("x", float("nan"), ValueError),
    ("x", [1, 2], TypeError),
])
def test_record_rejects_bad_input(name, value, exc):
    with pytest.raises(exc):
        record(name, value)


def test_progress_is_silent_when_quiet(monkeypatch):
    monkeypatch.setenv(progress.QUIET_ENV_VAR, "1")
    bar = progress.progress(range(3))
    assert bar.disable and list(bar) == [0, 1, 2]
    monkeypatch.delenv(progress.QUIET_ENV_VAR)
    monkeypatch.delenv("CI", raising=False)
    assert not progress.is_quiet()


def test_get_device(monkeypatch):
    monkeypatch.delenv(device.DEVICE_ENV_VAR, raising=False)
    expected = "cuda" if torch.cuda.is_available() else None
    got = device.get_device()
    assert isinstance(got, torch.device)
    if expected:
        assert got.type == expected
    assert device.get_device("cpu").type == "cpu"
    monkeypatch.setenv(device.DEVICE_ENV_VAR, "cpu")
    assert device.get_device().type == "cpu"
    with pytest.raises(ValueError, match="device must be"):
        device.get_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(RuntimeError, match="not available"):
            device.get_device("cuda")


def test_plots_draw_what_they_are_given():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plotting.plot_history({"train": [3, 2, 1], "val": [3, 2.5, 2]})
    assert len(ax.lines) == 2 and list(ax.lines[0].get_ydata()) == [3, 2, 1]
    fig = plotting.show_images(np.arange(3 * 64.0).reshape(3, 64), labels=[0, 1, 2], ncols=2)
    (ax_grid,) = fig.axes
    grid = ax_grid.images[0].get_array()
    assert grid.shape == (2 * (8 + 2) + 1, 2 * (8 + 1) + 1)  # 2 rows of 8x8 tiles, label strips, borders
    np.testing.assert_array_equal(grid[2:10, 1:9], np.arange(64.0).reshape(8, 8))  # image 0, top left
    np.testing.assert_array_equal(grid[12:20, 1:9], np.arange(128.0, 192.0).reshape(8, 8))  # image 2
    assert [t.get_text() for t in ax_grid.texts] == ["0", "1", "2"]
    fig, ax = plt.subplots()
    plotting.show_images(np.full((2, 4, 4), 3.0), ax=ax, cmap="gray", value_range=(-1, 1))
    assert ax.images[0].get_array().max() == 1.0 and ax.images[0].get_clim() == (-1.0, 1.0)  # clipped
    ax = plotting.plot_confusion_matrix(np.array([[5, 1], [0, 4]]))
    assert [t.get_text() for t in ax.texts] == ["5", "1", "0", "4"]
    X = np.random.default_rng(0).normal(size=(20, 2))
    ax = plotting.plot_decision_boundary(lambda G: (G[:, 0] > 0).astype(int), X, (X[:, 0] > 0).astype(int))
    assert ax.collections
    plt.close("all")


def test_as_image_stack_accepts_the_usual_layouts():
    flat = np.arange(2 * 64.0).reshape(2, 64)
    expected = flat.reshape(2, 8, 8)
    np.testing.assert_array_equal(plotting.as_image_stack(flat), expected)
    np.testing.assert_array_equal(plotting.as_image_stack(expected[:, None]), expected)
    with pytest.raises(ValueError, match=r"\(n, 1, h, w\)"):
        plotting.as_image_stack(np.zeros((2, 3, 8, 8)))


def test_plots_reject_bad_input():
    with pytest.raises(ValueError, match="square number"):
        plotting.show_images(np.zeros((2, 10)))
    with pytest.raises(ValueError, match="labels must have length 2"):
        plotting.show_images(np.zeros((2, 4, 4)), labels=[1])
    with pytest.raises(ValueError, match=r"value_range must be \(low, high\) with low < high"):
        plotting.show_images(np.zeros((2, 4, 4)), value_range=(1, 1))
    with pytest.raises(ValueError, match="cm must be square"):
        plotting.plot_confusion_matrix(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"X must have shape \(\*, 2\)"):
        plotting.plot_decision_boundary(lambda g: g[:, 0], np.zeros((4, 3)), np.zeros(4))
    with pytest.raises(TypeError):
        plotting.plot_history([])
