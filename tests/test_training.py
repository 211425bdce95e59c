"""Tests of helpers.training against torch.optim.lr_scheduler, torch autograd and numpy.interp."""

import numpy as np
import pytest
import torch
from torch import nn

from schedule_support import torch_lrs
from helpers.training import (
    DeepMLP,
    ReduceOnPlateau,
    activation_stats,
    backward_signal_norms,
    layer_grad_norms,
    lr_range_test,
    one_cycle_lr,
    relu_interpolation_net,
    suggest_lr,
    train_steps,
)


@pytest.mark.parametrize("kw", [
    dict(max_lr=0.1),
    dict(max_lr=0.5, pct_start=0.25, anneal_strategy="linear"),
    dict(max_lr=0.2, pct_start=0.4, div_factor=10.0, final_div_factor=100.0, three_phase=True),
    dict(max_lr=1.0, pct_start=0.33, anneal_strategy="linear", three_phase=True),
])
@pytest.mark.parametrize("total", [37, 200])
def test_one_cycle_matches_torch(kw, total):
    ours = one_cycle_lr(np.arange(total), total_steps=total, **kw)
    theirs = torch_lrs(lambda o: torch.optim.lr_scheduler.OneCycleLR(
        o, total_steps=total, cycle_momentum=False, **kw), 0.1, total)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)
    assert isinstance(one_cycle_lr(5, total_steps=total, **kw), float)


def test_one_cycle_end_points():
    assert one_cycle_lr(0, 1.0, 100) == pytest.approx(1 / 25)
    assert one_cycle_lr(99, 1.0, 100) == pytest.approx(1 / 25 / 1e4)
    assert np.argmax(one_cycle_lr(np.arange(100), 1.0, 100)) == 29


@pytest.mark.parametrize("bad, match", [
    (dict(step=-1), "step must be a non-negative integer"),
    (dict(step=0.5), "step must be a non-negative integer"),
    (dict(step=101), "step must be <= total_steps"),
    (dict(pct_start=1.0), "pct_start must be in"),
    (dict(anneal_strategy="exp"), "anneal_strategy must be"),
    (dict(max_lr=-0.1), "max_lr must be > 0"),
])
def test_one_cycle_rejects_bad_input(bad, match):
    args = dict(step=3, max_lr=0.1, total_steps=100) | bad
    with pytest.raises(ValueError, match=match):
        one_cycle_lr(**args)
    with pytest.raises(TypeError, match="total_steps must be an int"):
        one_cycle_lr(3, 0.1, 100.0)


@pytest.mark.parametrize("kw", [
    dict(factor=0.5, patience=3, cooldown=2, min_lr=0.01),
    dict(mode="max", factor=0.1, patience=1, threshold=0.01, threshold_mode="abs"),
    dict(factor=0.3, patience=0, threshold_mode="abs", threshold=0.05),
    dict(mode="max", factor=0.7, patience=2, threshold=0.02, cooldown=1),
])
def test_reduce_on_plateau_matches_torch(kw):
    rng = np.random.default_rng(1)
    values = np.concatenate([np.linspace(2, 1, 6), 1 + 0.05 * rng.standard_normal(30), np.linspace(1, 0.5, 6)])
    if kw.get("mode") == "max":
        values = -values
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kw)
    ours = ReduceOnPlateau(0.1, **kw)
    theirs, mine = [], []
    for v in values:
        sched.step(float(v))
        theirs.append(opt.param_groups[0]["lr"])
        mine.append(ours.step(v))
    np.testing.assert_allclose(mine, theirs, rtol=0, atol=1e-15)
    assert len(set(theirs)) > 1  # the sequence really exercises a reduction


def test_reduce_on_plateau_rejects_bad_input():
    with pytest.raises(ValueError, match="factor must be in"):
        ReduceOnPlateau(0.1, factor=1.5)
    with pytest.raises(ValueError, match="mode must be"):
        ReduceOnPlateau(0.1, mode="up")
    with pytest.raises(ValueError, match="patience must be >= 0"):
        ReduceOnPlateau(0.1, patience=-1)
    with pytest.raises(TypeError, match="value must be a real number"):
        ReduceOnPlateau(0.1).step("1.0")
    with pytest.raises(ValueError, match="NaN"):
        ReduceOnPlateau(0.1).step(float("nan"))


def _data(n=96, d=8, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = (X[:, 0] > 0).astype(np.int64) + (X[:, 1] > 1).astype(np.int64)
    return X, y


def _net(d=8, k=3, seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(d, 16), nn.ReLU(), nn.Linear(16, k))


def test_lr_range_test_rates_losses_and_restores_weights():
    X, y = _data()
    net = _net()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    out = lr_range_test(net, X, y, lr_min=1e-3, lr_max=1e2, n_steps=40, batch_size=16, random_state=3)
    np.testing.assert_allclose(out["lr"], np.geomspace(1e-3, 1e2, 40)[:len(out["lr"])], rtol=1e-12)
    assert out["diverged"] and len(out["loss"]) < 40
    for k, v in net.state_dict().items():
        assert torch.equal(v, before[k])
    # the first recorded loss is the loss of the untouched model on the first shuffled batch
    idx = torch.randperm(len(y), generator=torch.Generator().manual_seed(3))[:16]
    with torch.no_grad():
        first = nn.functional.cross_entropy(net(torch.tensor(X, dtype=torch.float32)[idx]), torch.tensor(y)[idx])
    assert out["loss"][0] == pytest.approx(float(first), rel=1e-6)


def test_lr_range_test_rejects_bad_input():
    X, y = _data()
    with pytest.raises(ValueError, match="need lr_min < lr_max"):
        lr_range_test(_net(), X, y, lr_min=1.0, lr_max=0.1)
    with pytest.raises(ValueError, match="same number of rows"):
        lr_range_test(_net(), X, y[:-1])
    with pytest.raises(TypeError, match="model must be a torch.nn.Module"):
        lr_range_test("net", X, y)


def test_suggest_lr_finds_the_minimum_of_a_clean_curve():
    lrs = np.geomspace(1e-4, 10, 101)
    losses = 2 - np.exp(-((np.log10(lrs) + 1) ** 2))      # minimum at lr = 0.1
    assert suggest_lr(lrs, losses, smoothing=0.0) == pytest.approx(0.01)
    assert suggest_lr(lrs, losses, smoothing=0.0, divide_by=1.0) == pytest.approx(0.1)
    with pytest.raises(ValueError, match="strictly increasing"):
        suggest_lr(lrs[::-1], losses)
    with pytest.raises(ValueError, match="same length"):
        suggest_lr(lrs, losses[:-1])


def test_deep_mlp_forward_matches_a_manual_pass():
    x = torch.randn(5, 6)
    for residual in (False, True):
        net = DeepMLP(6, 7, 3, 4, activation="tanh", residual=residual, random_state=2)
        h = torch.tanh(net.layers[0](x))
        for layer in net.layers[1:-1]:
            h = h + torch.tanh(layer(h)) if residual else torch.tanh(layer(h))
        torch.testing.assert_close(net(x), net.layers[-1](h))
    net = DeepMLP(6, 7, 3, 4, init_std=0.3, random_state=2)
    assert len(net.layers) == 5
    assert abs(float(torch.cat([m.weight.detach().flatten() for m in net.layers]).std()) - 0.3) < 0.05
    torch.testing.assert_close(net.layers[1].weight, DeepMLP(6, 7, 3, 4, init_std=0.3, random_state=2).layers[1].weight)
    with pytest.raises(ValueError, match="activation must be one of"):
        DeepMLP(6, 7, 3, 4, activation="swish")
    with pytest.raises(ValueError, match="depth must be >= 0"):
        DeepMLP(6, 7, -1, 4)


def test_layer_grad_norms_and_activation_stats_match_manual_values():
    net = DeepMLP(6, 5, 2, 3, activation="relu", random_state=0)
    x, y = torch.randn(20, 6), torch.randint(0, 3, (20,))
    with pytest.raises(ValueError, match="no gradient"):
        layer_grad_norms(net)
    nn.functional.cross_entropy(net(x), y).backward()
    np.testing.assert_allclose(layer_grad_norms(net), [float(m.weight.grad.norm()) for m in net.layers], rtol=1e-6)
    outs, h = [], x
    for layer in net.layers:
        a = layer(h)
        outs.append(a.detach())
        h = torch.relu(a)
    stats = activation_stats(net, x)
    np.testing.assert_allclose(stats["mean"], [float(o.mean()) for o in outs], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(stats["std"], [float(o.std()) for o in outs], rtol=1e-5)
    with pytest.raises(ValueError, match="no layers of type"):
        activation_stats(net, x, layer_type=nn.Conv2d)


def test_backward_signal_norms_match_autograd_and_leave_grads_alone():
    net = DeepMLP(6, 5, 3, 3, activation="tanh", random_state=1)
    x, y = torch.randn(12, 6), torch.randint(0, 3, (12,))
    outs, h = [], x
    for layer in net.layers:
        a = layer(h)
        outs.append(a)
        h = torch.tanh(a) if layer is not net.layers[-1] else a
    grads = torch.autograd.grad(nn.functional.cross_entropy(h, y), outs)
    np.testing.assert_allclose(backward_signal_norms(net, x, y), [float(g.norm()) for g in grads], rtol=1e-5)
    assert all(p.grad is None for p in net.parameters())
    with pytest.raises(ValueError, match="same number of rows"):
        backward_signal_norms(net, x, y[:-1])


def test_relu_interpolation_net_equals_numpy_interp():
    rng = np.random.default_rng(0)
    knots = np.sort(rng.uniform(-3, 3, 9))
    values = rng.standard_normal(9)
    net = relu_interpolation_net(knots, values)
    x = np.linspace(knots[0], knots[-1], 500)
    with torch.no_grad():
        f = net(torch.tensor(x)[:, None])[:, 0].numpy()
    np.testing.assert_allclose(f, np.interp(x, knots, values), atol=1e-12)
    assert net[0].out_features == 8
    with pytest.raises(ValueError, match="strictly increasing"):
        relu_interpolation_net(knots[::-1], values)
    with pytest.raises(ValueError, match="same length"):
        relu_interpolation_net(knots, values[:-1])


def test_train_steps_uses_the_schedule_and_learns():
    X, y = _data(n=128)
    sched = ReduceOnPlateau(0.05, patience=0, factor=0.5, threshold=0.5)
    hist = train_steps(_net(), X, y, epochs=3, lr=sched, batch_size=32, X_val=X, y_val=y)
    assert hist["lr"][:4] == [0.05] * 4 and hist["lr"][-1] < 0.05   # the plateau rule cut the rate after epoch 1
    hist = train_steps(_net(), X, y, epochs=30, lr=lambda s: one_cycle_lr(s, 0.2, 120), batch_size=32,
                       X_val=X, y_val=y)
    np.testing.assert_allclose(hist["lr"], one_cycle_lr(np.arange(120), 0.2, 120))
    assert hist["val_accuracy"][-1] > 0.85 and hist["loss"][-1] < hist["loss"][0]
    with pytest.raises(ValueError, match="lr must be > 0"):
        train_steps(_net(), X, y, epochs=1, lr=-1.0)
