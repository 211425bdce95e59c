"""Tests of helpers.nn: gradients vs numerical gradients, optimisers and schedules vs torch."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers.checks import numerical_gradient, rel_error
from schedule_support import torch_lrs
from helpers.nn import (
    ACTIVATIONS,
    MLP,
    SGD,
    AdaGrad,
    Adam,
    RMSprop,
    accuracy,
    cosine_lr,
    cross_entropy,
    cross_entropy_grad,
    exponential_lr,
    leaky_relu,
    linear_warmup_lr,
    load_digits_split,
    log_softmax,
    optimize_path,
    relu,
    rosenbrock,
    rosenbrock_grad,
    sigmoid,
    softmax,
    step_lr,
    tanh,
    train,
)


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


# ---------------------------------------------------------------------------- activations
@pytest.mark.parametrize("name", ["sigmoid", "relu", "leaky_relu", "tanh", "linear"])
def test_activation_derivatives_match_numerical(name, rng):
    f, df = ACTIVATIONS[name]
    z = rng.normal(size=(4, 5))
    z[np.abs(z) < 1e-3] = 0.5  # keep away from the ReLU kink
    numeric = numerical_gradient(lambda v: float(np.sum(f(v))), z)
    assert rel_error(df(z), numeric) < 1e-7


def test_activations_match_torch(rng):
    z = rng.normal(scale=5, size=(6, 7))
    t = torch.from_numpy(z)
    np.testing.assert_allclose(sigmoid(z), torch.sigmoid(t).numpy(), rtol=1e-12)
    np.testing.assert_allclose(relu(z), torch.relu(t).numpy())
    np.testing.assert_allclose(leaky_relu(z, 0.1), F.leaky_relu(t, 0.1).numpy())
    np.testing.assert_allclose(tanh(z), torch.tanh(t).numpy(), rtol=1e-12)


def test_sigmoid_no_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        out = sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])


# ---------------------------------------------------------------------------- softmax / CE
def test_softmax_and_cross_entropy_match_torch(rng):
    logits = rng.normal(scale=3, size=(8, 5))
    labels = rng.integers(0, 5, size=8)
    t = torch.from_numpy(logits)
    np.testing.assert_allclose(softmax(logits), torch.softmax(t, dim=-1).numpy(), rtol=1e-12)
    np.testing.assert_allclose(softmax(logits, axis=0), torch.softmax(t, dim=0).numpy(), rtol=1e-12)
    np.testing.assert_allclose(log_softmax(logits), F.log_softmax(t, dim=-1).numpy(), rtol=1e-12)
    expected = F.cross_entropy(t, torch.from_numpy(labels)).item()
    assert cross_entropy(logits, labels) == pytest.approx(expected, rel=1e-12)


def test_softmax_cross_entropy_stable_at_large_logits():
    logits = np.array([[1000.0, 0.0, -1000.0], [1000.0, 1000.0, 999.0]])
    labels = np.array([0, 2])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = softmax(logits)
        loss = cross_entropy(logits, labels)
    assert np.all(np.isfinite(p)) and np.allclose(p.sum(axis=1), 1)
    expected = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(labels)).item()
    assert loss == pytest.approx(expected, rel=1e-12)
    # row 0 is certain and right (loss 0); row 1: -log(e^-1 / (2 + e^-1))
    assert loss == pytest.approx(0.5 * (1 + np.log(2 + np.exp(-1))), rel=1e-12)


def test_cross_entropy_grad_matches_numerical(rng):
    logits = rng.normal(size=(6, 4))
    labels = rng.integers(0, 4, size=6)
    numeric = numerical_gradient(lambda z: cross_entropy(z, labels), logits)
    assert rel_error(cross_entropy_grad(logits, labels), numeric) < 1e-7


def test_cross_entropy_bad_input():
    with pytest.raises(ValueError, match="labels"):
        cross_entropy(np.zeros((3, 2)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match="labels"):
        cross_entropy(np.zeros((3, 2)), np.array([0, 1]))
    with pytest.raises(ValueError, match="logits"):
        cross_entropy(np.zeros(3), np.array([0, 1, 1]))
    with pytest.raises(TypeError, match="labels"):
        cross_entropy(np.zeros((2, 2)), np.array([0.5, 1.0]))


# ---------------------------------------------------------------------------- network
@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_mlp_backward_matches_numerical_gradient(activation, rng):
    net = MLP([5, 7, 6, 3], activation=activation, weight_decay=0.05, random_state=3)
    X = rng.normal(size=(9, 5))
    y = rng.integers(0, 3, size=9)
    _, grads = net.loss_and_grads(X, y)
    for i, p in enumerate(net.params):
        def f(v, i=i):
            old = net.params[i]
            net.params[i] = v
            loss, _ = net.loss_and_grads(X, y)
            net.params[i] = old
            return loss

        err = rel_error(grads[i], numerical_gradient(f, p, eps=1e-5))
        assert err < 1e-6, f"param {i}: relative error {err:.2e}"


def test_mlp_matches_torch_forward_and_backward(rng):
    net = MLP([4, 8, 3], activation="tanh", random_state=0)
    X = rng.normal(size=(5, 4))
    y = rng.integers(0, 3, size=5)
    loss, grads = net.loss_and_grads(X, y)
    W1, b1, W2, b2 = (torch.tensor(p, requires_grad=True) for p in net.params)
    out = torch.tanh(torch.from_numpy(X) @ W1 + b1) @ W2 + b2
    t_loss = F.cross_entropy(out, torch.from_numpy(y))
    t_loss.backward()
    assert loss == pytest.approx(t_loss.item(), rel=1e-12)
    for g, t in zip(grads, (W1, b1, W2, b2)):
        np.testing.assert_allclose(g, t.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_mlp_bad_input():
    with pytest.raises(ValueError, match="layer_sizes"):
        MLP([4])
    with pytest.raises(ValueError, match="activation"):
        MLP([4, 2], activation="softplus")
    net = MLP([4, 3, 2])
    with pytest.raises(ValueError, match="X"):
        net.forward(np.zeros((5, 3)))
    with pytest.raises(RuntimeError, match="forward"):
        MLP([4, 2]).backward(np.zeros((1, 2)))


# ---------------------------------------------------------------------------- optimisers
OPTIMISERS = [
    (lambda: SGD(0.1), lambda ps: torch.optim.SGD(ps, lr=0.1)),
    (lambda: SGD(0.05, momentum=0.9), lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)),
    (lambda: SGD(0.05, momentum=0.9, nesterov=True),
     lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True)),
    (lambda: SGD(0.05, momentum=0.5, weight_decay=0.1),
     lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.5, weight_decay=0.1)),
    (lambda: AdaGrad(0.1), lambda ps: torch.optim.Adagrad(ps, lr=0.1)),
    (lambda: RMSprop(0.01), lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
    (lambda: RMSprop(0.01, alpha=0.9, eps=1e-6),
     lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, eps=1e-6)),
    (lambda: Adam(0.01), lambda ps: torch.optim.Adam(ps, lr=0.01)),
    (lambda: Adam(0.05, betas=(0.8, 0.99), eps=1e-6),
     lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6)),
]


@pytest.mark.parametrize("make_ours, make_torch", OPTIMISERS)
def test_optimiser_matches_torch_after_20_steps(make_ours, make_torch, rng):
    shapes = [(3, 4), (4,), (2, 2)]
    params = [rng.normal(size=s) for s in shapes]
    t_params = [torch.tensor(p.copy(), requires_grad=True) for p in params]
    start = [p.copy() for p in params]
    ours, theirs = make_ours(), make_torch(t_params)
    for _ in range(20):
        grads = [rng.normal(size=s) for s in shapes]  # identical gradients for both
        ours.step(params, grads)
        for t, g in zip(t_params, grads):
            t.grad = torch.from_numpy(g.copy())
        theirs.step()
    moved = max(np.max(np.abs(p - p0)) for p, p0 in zip(params, start))
    assert moved > 1e-2, "the parameters should have moved"
    for p, t in zip(params, t_params):
        np.testing.assert_allclose(p, t.detach().numpy(), rtol=0, atol=1e-6)
        np.testing.assert_allclose(p, t.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_optimisers_update_in_place_and_differ():
    finals = []
    for opt in (SGD(0.1), SGD(0.1, momentum=0.9), SGD(0.1, momentum=0.9, nesterov=True),
                AdaGrad(0.1), RMSprop(0.1), Adam(0.1)):
        x = np.array([3.0, -2.0])
        same = x
        for _ in range(5):
            opt.step([x], [2 * x])
        assert same is x
        finals.append(x.copy())
    # the six rules give six different points after five steps
    assert len({tuple(np.round(f, 12)) for f in finals}) == 6


def test_optimiser_bad_input():
    with pytest.raises(ValueError, match="lr"):
        SGD(0.0)
    with pytest.raises(ValueError, match="nesterov"):
        SGD(0.1, nesterov=True)
    with pytest.raises(ValueError, match="grads"):
        Adam(0.1).step([np.zeros(3)], [np.zeros(2)])
    with pytest.raises(ValueError, match="same length"):
        Adam(0.1).step([np.zeros(3)], [])
    with pytest.raises(TypeError, match="params"):
        SGD(0.1).step([[1.0, 2.0]], [[1.0, 1.0]])


# ---------------------------------------------------------------------------- schedules
def test_schedules_match_torch():
    sch = torch.optim.lr_scheduler
    epochs = np.arange(30)
    cases = [
        (step_lr(epochs, 0.1, step_size=7, gamma=0.5), lambda o: sch.StepLR(o, 7, gamma=0.5)),
        (exponential_lr(epochs, 0.1, gamma=0.9), lambda o: sch.ExponentialLR(o, gamma=0.9)),
        (cosine_lr(epochs, 0.1, T_max=29, eta_min=0.001),
         lambda o: sch.CosineAnnealingLR(o, T_max=29, eta_min=0.001)),
        (linear_warmup_lr(epochs, 0.1, warmup_epochs=5, start_factor=0.1),
         lambda o: sch.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5)),
    ]
    for ours, make in cases:
        np.testing.assert_allclose(ours, torch_lrs(make, 0.1, 30), rtol=1e-10, atol=1e-14)
    assert isinstance(step_lr(3, 0.1, 2), float)


def test_schedule_bad_input():
    with pytest.raises(ValueError, match="epoch"):
        step_lr(-1, 0.1, 2)
    with pytest.raises(ValueError, match="epoch"):
        cosine_lr(1.5, 0.1, 10)
    with pytest.raises(ValueError, match="T_max"):
        cosine_lr(1, 0.1, 0)


# ---------------------------------------------------------------------------- utilities
def test_rosenbrock_gradient_and_minimum(rng):
    p = rng.normal(size=2)
    assert rel_error(rosenbrock_grad(p), numerical_gradient(rosenbrock, p)) < 1e-7
    assert rosenbrock(np.array([1.0, 1.0])) == 0.0
    np.testing.assert_allclose(rosenbrock_grad(np.array([1.0, 1.0])), [0.0, 0.0])
    grid = rng.normal(size=(3, 4, 2))
    assert rosenbrock(grid).shape == (3, 4)
    with pytest.raises(ValueError, match="xy"):
        rosenbrock(np.zeros(3))


def test_optimize_path_shape_and_progress():
    path = optimize_path(Adam(0.05), rosenbrock_grad, np.array([-1.0, 1.0]), 300)
    assert path.shape == (301, 2)
    np.testing.assert_array_equal(path[0], [-1.0, 1.0])
    assert rosenbrock(path[-1]) < rosenbrock(path[0]) / 2


def test_train_learns_digits_quickly():
    data = load_digits_split(random_state=0)
    assert data["X_train"].shape[1] == 64 and data["X_train"].max() <= 1.0
    n = sum(len(data[k]) for k in ("y_train", "y_val", "y_test"))
    assert n == 1797
    net = MLP([64, 32, 10], random_state=0)
    hist = train(net, Adam(0.01), data["X_train"], data["y_train"], epochs=5, batch_size=64,
                 X_val=data["X_val"], y_val=data["y_val"], schedule=lambda e: cosine_lr(e, 0.01, 5))
    assert len(hist["loss"]) == 5 and hist["loss"][-1] < hist["loss"][0]
    assert hist["val_accuracy"][-1] > 0.9
    assert accuracy(data["y_test"], net.predict(data["X_test"])) > 0.9


def test_load_digits_split_is_stratified_disjoint_and_matches_sklearn():
    from sklearn.datasets import load_digits

    data = load_digits_split(test_size=0.2, val_size=0.1, random_state=3)
    digits = load_digits()
    parts = [data[k] for k in ("X_train", "X_val", "X_test")]
    labels = [data[k] for k in ("y_train", "y_val", "y_test")]
    assert [len(p) for p in parts] == [len(v) for v in labels]
    assert abs(len(data["y_test"]) - 0.2 * 1797) <= 10 and abs(len(data["y_val"]) - 0.1 * 1797) <= 10
    # every image appears exactly once, with its label, in one of the parts
    all_X = np.concatenate(parts) * 16
    all_y = np.concatenate(labels)
    order = np.lexsort(all_X.T)
    ref = np.lexsort(digits.data.T)
    np.testing.assert_array_equal(all_X[order], digits.data[ref])
    np.testing.assert_array_equal(all_y[order], digits.target[ref])
    # stratified: each class's share of the test set is close to its share overall
    share = np.bincount(data["y_test"], minlength=10) / len(data["y_test"])
    np.testing.assert_allclose(share, np.bincount(digits.target) / 1797, atol=0.01)
    # seeded
    again = load_digits_split(test_size=0.2, val_size=0.1, random_state=3)
    np.testing.assert_array_equal(again["y_train"], data["y_train"])
    assert not np.array_equal(load_digits_split(random_state=4)["y_train"],
                              load_digits_split(random_state=5)["y_train"])
    with pytest.raises(ValueError, match="test_size"):
        load_digits_split(test_size=0.8, val_size=0.3)
