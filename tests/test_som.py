"""Tests for helpers.som: the from-scratch SOM against MiniSom, the step functions, bad input."""

import numpy as np
import pytest
from minisom import MiniSom

from helpers.checks import numerical_gradient
from helpers.som import (
    SOM,
    asymptotic_decay,
    best_matching_unit,
    exponential_decay,
    gaussian_neighbourhood,
    inverse_decay_to_one,
    inverse_decay_to_zero,
    linear_decay_to_one,
    linear_decay_to_zero,
    som_update,
)


def _data(n=60, d=4, seed=0):
    return np.random.default_rng(seed).normal(size=(n, d))


def _pair(x=6, y=5, d=4, seed=1, **kw):
    return MiniSom(x, y, d, random_seed=seed, **kw), SOM(x, y, d, random_state=seed, **kw)


# ---------------------------------------------------------------------------------- same as MiniSom
def test_initial_weights_equal_minisom_for_same_seed():
    m, s = _pair(seed=7)
    assert s.weights.shape == (6, 5, 4)
    np.testing.assert_array_equal(s.weights, m.get_weights())
    X = _data()
    m.random_weights_init(X)
    s.random_weights_init(X)
    np.testing.assert_array_equal(s.weights, m.get_weights())


@pytest.mark.parametrize("random_order", [False, True])
@pytest.mark.parametrize("use_epochs", [False, True])
def test_training_reproduces_minisom_weights(random_order, use_epochs):
    X = _data(seed=3)
    m, s = _pair(sigma=2.0, learning_rate=0.7, seed=11)
    m.random_weights_init(X)
    s.random_weights_init(X)
    iters = 4 if use_epochs else 500
    m.train(X, iters, random_order=random_order, use_epochs=use_epochs)
    s.train(X, iters, random_order=random_order, use_epochs=use_epochs)
    np.testing.assert_allclose(s.weights, m.get_weights(), rtol=0, atol=1e-12)
    assert not np.allclose(
        s.weights, MiniSom(6, 5, 4, random_seed=11).get_weights()
    )  # it did train


@pytest.mark.parametrize(
    "lr_decay,sigma_decay",
    [
        ("linear_decay_to_zero", "linear_decay_to_one"),
        ("inverse_decay_to_zero", "inverse_decay_to_one"),
        ("asymptotic_decay", "asymptotic_decay"),
    ],
)
def test_training_reproduces_minisom_with_each_decay(lr_decay, sigma_decay):
    X = _data(n=40, d=3, seed=5)
    kw = dict(
        sigma=2.5, learning_rate=0.4, decay_function=lr_decay, sigma_decay_function=sigma_decay
    )
    m, s = _pair(x=5, y=7, d=3, seed=2, **kw)
    m.train_random(X, 300)
    s.train_random(X, 300)
    np.testing.assert_allclose(s.weights, m.get_weights(), rtol=0, atol=1e-12)


def test_book_exponential_decay_matches_minisom_given_the_same_schedule():
    X = _data(n=30, d=3, seed=8)
    m = MiniSom(
        4, 4, 3, sigma=2.0, learning_rate=0.5, random_seed=0, decay_function=exponential_decay
    )
    m._sigma_decay_function = exponential_decay  # MiniSom only accepts strings for sigma's schedule
    s = SOM(
        4,
        4,
        3,
        sigma=2.0,
        learning_rate=0.5,
        random_state=0,
        decay_function="exponential_decay",
        sigma_decay_function="exponential_decay",
    )
    m.train_batch(X, 200)
    s.train_batch(X, 200)
    np.testing.assert_allclose(s.weights, m.get_weights(), rtol=0, atol=1e-12)


def test_scalar_only_decay_callable_is_supported():
    import math

    def book(value, t, max_iter):
        return value * math.exp(-t / (max_iter / 3))

    X = _data(n=20, d=3)
    a = SOM(3, 3, 3, random_state=0, decay_function=book, sigma_decay_function=book).train(X, 50)
    b = SOM(
        3,
        3,
        3,
        random_state=0,
        decay_function="exponential_decay",
        sigma_decay_function="exponential_decay",
    ).train(X, 50)
    np.testing.assert_allclose(a.weights, b.weights, rtol=0, atol=1e-12)


def test_map_statistics_match_minisom():
    X = _data(n=80, seed=4)
    m, s = _pair(x=7, y=6, seed=3, sigma=1.5)
    m.train_random(X, 800)
    s.train_random(X, 800)
    assert s.quantization_error(X) == pytest.approx(m.quantization_error(X), rel=1e-12)
    assert s.topographic_error(X) == pytest.approx(m.topographic_error(X), abs=1e-12)
    for scaling in ("sum", "mean"):
        np.testing.assert_allclose(s.distance_map(scaling), m.distance_map(scaling), atol=1e-12)
    np.testing.assert_array_equal(s.activation_response(X), m.activation_response(X))
    np.testing.assert_allclose(s.quantization(X), m.quantization(X), atol=1e-12)
    for v in X[:10]:
        assert s.winner(v) == tuple(int(k) for k in m.winner(v))
        np.testing.assert_allclose(s.activate(v), m.activate(v), atol=1e-12)
    np.testing.assert_array_equal(s.winners(X), np.array([m.winner(v) for v in X]))
    wm_s, wm_m = s.win_map(X, return_indices=True), m.win_map(X, return_indices=True)
    assert {k: v for k, v in wm_s.items()} == {tuple(int(i) for i in k): v for k, v in wm_m.items()}


def test_decay_functions_match_minisom_methods():
    m = MiniSom(3, 3, 2, random_seed=0)
    for t in (0, 1, 17, 99):
        assert asymptotic_decay(0.5, t, 100) == pytest.approx(m._asymptotic_decay(0.5, t, 100))
        assert linear_decay_to_zero(0.5, t, 100) == pytest.approx(
            m._linear_decay_to_zero(0.5, t, 100)
        )
        assert inverse_decay_to_zero(0.5, t, 100) == pytest.approx(
            m._inverse_decay_to_zero(0.5, t, 100)
        )
        assert linear_decay_to_one(4.0, t, 100) == pytest.approx(
            m._linear_decay_to_one(4.0, t, 100)
        )
        assert inverse_decay_to_one(4.0, t, 100) == pytest.approx(
            m._inverse_decay_to_one(4.0, t, 100)
        )
    assert exponential_decay(2.0, 0, 90) == 2.0
    assert exponential_decay(2.0, 90, 90) == pytest.approx(2.0 * np.exp(-3.0))
    assert asymptotic_decay(3.0, 100, 100) == pytest.approx(1.0)


# ----------------------------------------------------------------------------------- step functions
def test_best_matching_unit_matches_brute_force_and_book_example():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(4, 3, 5))
    for _ in range(20):
        v = rng.normal(size=5)
        d = [[np.sqrt(((v - w[i, j]) ** 2).sum()) for j in range(3)] for i in range(4)]
        expected = np.unravel_index(int(np.argmin(d)), (4, 3))
        assert best_matching_unit(w, v) == tuple(int(k) for k in expected)
    # The book's worked example: nine nodes, input (0.7, 0.6, 0.9): node 9 is closest, not 3.
    book = np.array(
        [
            [0.31, 0.22, 0.10],
            [0.21, 0.34, 0.19],
            [0.39, 0.42, 0.45],
            [0.25, 0.32, 0.62],
            [0.24, 0.31, 0.16],
            [0.52, 0.33, 0.42],
            [0.31, 0.22, 0.10],
            [0.12, 0.41, 0.19],
            [0.34, 0.40, 0.51],
        ]
    )
    i, j = best_matching_unit(book.reshape(3, 3, 3), [0.7, 0.6, 0.9])
    assert 3 * i + j + 1 == 9
    assert best_matching_unit(book.reshape(9, 1, 3), [0.7, 0.6, 0.9]) == (8, 0)


def test_gaussian_neighbourhood_matches_minisom_and_its_shape():
    m = MiniSom(6, 4, 2, random_seed=0)
    for c in [(0, 0), (2, 3), (5, 1)]:
        for sigma in (0.5, 1.0, 2.7):
            h = gaussian_neighbourhood((6, 4), c, sigma)
            np.testing.assert_allclose(h, m._gaussian(c, sigma), rtol=0, atol=1e-15)
            assert h[c] == 1.0 and h.max() == 1.0
    # equal grid distance -> equal weight; exp(-1/2) one sigma away
    h = gaussian_neighbourhood((5, 5), (2, 2), 1.0)
    assert h[1, 2] == h[3, 2] == h[2, 1] == h[2, 3] == pytest.approx(np.exp(-0.5))


def test_som_update_matches_minisom_update_and_is_pure():
    rng = np.random.default_rng(1)
    m = MiniSom(
        5, 4, 3, sigma=1.3, learning_rate=0.3, random_seed=0, decay_function=lambda lr, t, T: lr
    )
    m._sigma_decay_function = lambda s, t, T: s
    w0 = m.get_weights().copy()
    v = rng.normal(size=3)
    new = som_update(w0, v, (1, 2), 0.3, 1.3)
    np.testing.assert_array_equal(w0, m.get_weights())  # input not modified
    m.update(v, (1, 2), 0, 10)
    np.testing.assert_allclose(new, m.get_weights(), atol=1e-15)
    # learning rate 1 and a tiny radius moves the BMU exactly onto the sample and nothing else
    moved = som_update(w0, v, (1, 2), 1.0, 1e-3)
    np.testing.assert_allclose(moved[1, 2], v)
    mask = np.ones((5, 4), bool)
    mask[1, 2] = False
    np.testing.assert_allclose(moved[mask], w0[mask], atol=1e-12)


def test_update_is_a_gradient_step_on_the_neighbourhood_weighted_distortion():
    # For a fixed BMU, w <- w + eta h (x - w) is gradient descent on sum_n h_n ||x - w_n||^2 / 2.
    rng = np.random.default_rng(2)
    w = rng.normal(size=(3, 4, 2))
    x = rng.normal(size=2)
    h = gaussian_neighbourhood((3, 4), (1, 1), 1.2)

    def energy(flat):
        return 0.5 * float((h[:, :, None] * (x - flat.reshape(w.shape)) ** 2).sum())

    grad = numerical_gradient(energy, w.ravel()).reshape(w.shape)
    np.testing.assert_allclose(som_update(w, x, (1, 1), 0.1, 1.2), w - 0.1 * grad, atol=1e-8)


# ---------------------------------------------------------------------------------------- behaviour
def test_training_orders_a_chain_and_lowers_quantization_error():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, size=(300, 1))
    s = SOM(1, 12, 1, sigma=3.0, learning_rate=0.5, random_state=0)
    q0 = s.quantization_error(X)
    s.train_random(X, 3000)
    chain = s.weights[0, :, 0]
    steps = np.diff(chain)
    assert np.all(steps > 0) or np.all(steps < 0), f"map is not ordered: {chain}"
    assert s.quantization_error(X) < 0.1 * q0
    assert s.topographic_error(X) == 0.0


def test_distance_map_flags_an_isolated_node():
    s = SOM(4, 4, 2, random_state=0)
    s.weights = np.zeros((4, 4, 2))
    s.weights[3, 3] = [10.0, 10.0]
    um = s.distance_map()
    assert um.shape == (4, 4) and um.max() == 1.0
    assert um[3, 3] == 1.0 and um[0, 0] == 0.0


# ---------------------------------------------------------------------------------------- bad input
def test_bad_input_is_rejected_with_clear_messages():
    s = SOM(3, 3, 4, random_state=0)
    X = _data()
    with pytest.raises(ValueError, match="3 features, expected 4"):
        s.train(X[:, :3], 10)
    with pytest.raises(ValueError, match="data must be 2-D"):
        s.train(X[0], 10)
    with pytest.raises(ValueError, match="NaN"):
        s.train(np.where(X > 2, np.nan, X), 10)
    with pytest.raises(TypeError, match="numeric"):
        s.train(np.array([["a", "b", "c", "d"]]), 10)
    with pytest.raises(ValueError, match="num_iteration"):
        s.train(X, 0)
    with pytest.raises(ValueError, match="x has 3 features"):
        s.winner([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="sigma must be a positive"):
        SOM(3, 3, 2, sigma=0)
    with pytest.raises(ValueError, match="x must be a positive int"):
        SOM(0, 3, 2)
    with pytest.raises(ValueError, match="decay_function"):
        SOM(3, 3, 2, decay_function="exp")
    with pytest.raises(ValueError, match="outside"):
        gaussian_neighbourhood((3, 3), (3, 0), 1.0)
    with pytest.raises(ValueError, match="weights must be 3-D"):
        best_matching_unit(np.zeros((9, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="scaling"):
        s.distance_map("max")
