"""Tests for helpers.online: bandits, the grid world, value iteration, Q-learning, drift."""

import itertools

import numpy as np
import pytest
from sklearn.linear_model import SGDClassifier

from helpers.online import (
    OnlineLogisticRegression,
    drifting_stream,
    grid_world,
    page_hinkley,
    policy_evaluation,
    q_learning,
    run_bandit,
    value_iteration,
)


def _random_mdp(seed, S=4, A=2):
    rng = np.random.default_rng(seed)
    P = rng.random((S, A, S))
    P /= P.sum(axis=2, keepdims=True)
    return P, rng.normal(size=(S, A))


def test_policy_evaluation_matches_iterating_the_bellman_equation():
    P, R = _random_mdp(0)
    policy = np.array([0, 1, 1, 0])
    V = np.zeros(4)
    for _ in range(2000):
        V = R[np.arange(4), policy] + 0.8 * P[np.arange(4), policy] @ V
    np.testing.assert_allclose(policy_evaluation(P, R, policy, 0.8), V, atol=1e-10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_value_iteration_matches_brute_force_over_all_policies(seed):
    P, R = _random_mdp(seed)
    V, Q, policy, _ = value_iteration(P, R, 0.8)
    values = np.array([policy_evaluation(P, R, np.array(pi), 0.8)
                       for pi in itertools.product(range(2), repeat=4)])
    np.testing.assert_allclose(V, values.max(axis=0), atol=1e-9)   # the optimum is attained in every state
    np.testing.assert_allclose(policy_evaluation(P, R, policy, 0.8), V, atol=1e-9)
    np.testing.assert_allclose(Q.max(axis=1), V, atol=1e-9)


def test_grid_world_values_follow_the_distance_to_the_goal():
    P, R, terminal = grid_world(4, 4, goal=(0, 3), pit=(1, 3), step_reward=-0.04)
    assert P.shape == (16, 4, 16) and np.allclose(P.sum(axis=2), 1)
    assert terminal.sum() == 2 and terminal[3] and terminal[7]
    V, _, _, _ = value_iteration(P, R, 0.9)
    assert V[2] == pytest.approx(1.0)                     # one step left of the goal
    assert V[1] == pytest.approx(-0.04 + 0.9)             # two steps
    assert V[0] == pytest.approx(-0.04 - 0.9 * 0.04 + 0.81)
    with pytest.raises(ValueError, match="goal and pit must be different"):
        grid_world(goal=(0, 0), pit=(0, 0))
    with pytest.raises(ValueError, match="inside the 4x4 grid"):
        grid_world(goal=(4, 0))


def test_q_learning_reaches_the_optimal_values_on_a_small_grid():
    P, R, terminal = grid_world(3, 3, goal=(0, 2), pit=(1, 2))
    V, Q_star, _, _ = value_iteration(P, R, 0.9)
    Q, returns = q_learning(P, R, terminal, gamma=0.9, n_episodes=3000, alpha=0.5, epsilon=0.5,
                            random_state=0)
    np.testing.assert_allclose(Q[~terminal], Q_star[~terminal], atol=1e-3)   # deterministic: exact limit
    assert returns.shape == (3000,)
    with pytest.raises(ValueError, match="alpha must lie in"):
        q_learning(P, R, terminal, alpha=1.5)


def test_mdp_validation():
    P, R = _random_mdp(0)
    with pytest.raises(ValueError, match="probability distribution"):
        value_iteration(P * 2, R)
    with pytest.raises(ValueError, match="gamma must lie in"):
        value_iteration(P, R, 1.0)
    with pytest.raises(ValueError, match="R must have shape"):
        policy_evaluation(P, R[:2], np.zeros(4, dtype=int))
    with pytest.raises(ValueError, match="policy values"):
        policy_evaluation(P, R, np.array([0, 1, 2, 0]))


def test_random_play_has_the_expected_regret_slope():
    means = np.array([0.2, 0.5, 0.9])
    out = run_bandit(means, 400, epsilon=1.0, n_runs=300, random_state=0)   # epsilon = 1: uniform play
    slope = out["regret"][:, -1].mean() / 400
    assert slope == pytest.approx(means.max() - means.mean(), rel=0.03)
    assert out["actions"].shape == (300, 400) and set(np.unique(out["rewards"])) <= {0.0, 1.0}


def test_ucb1_tries_every_arm_and_stays_below_auer_bound():
    means = np.array([0.1, 0.5, 0.8])
    T = 2000
    out = run_bandit(means, T, policy="ucb1", n_runs=50, random_state=1)
    np.testing.assert_array_equal(out["actions"][:, :3], np.tile([0, 1, 2], (50, 1)))
    gaps = means.max() - means
    bound = np.sum(8 * np.log(T) / gaps[gaps > 0]) + (1 + np.pi**2 / 3) * gaps.sum()
    assert out["regret"][:, -1].mean() < bound
    # regret grows more slowly late than early (logarithmic, not linear)
    r = out["regret"].mean(axis=0)
    assert r[-1] - r[T // 2] < r[T // 2 - 1]


def test_bandit_validation():
    with pytest.raises(ValueError, match="policy must be"):
        run_bandit([0.1, 0.2], 10, policy="thompson")
    with pytest.raises(ValueError, match="probabilities"):
        run_bandit([0.1, 1.2], 10)
    with pytest.raises(ValueError, match="at least 2 arms"):
        run_bandit([0.5], 10)
    with pytest.raises(ValueError, match="epsilon must lie"):
        run_bandit([0.1, 0.2], 10, epsilon=2.0)


def test_online_logistic_regression_follows_sgdclassifier():
    X, y, _ = drifting_stream(500, drift_at=250, random_state=3)
    ours = OnlineLogisticRegression(2, lr=0.1).partial_fit(X, y)
    sk = SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=0.1, shuffle=False)
    sk.partial_fit(X, y, classes=[0, 1])
    np.testing.assert_allclose(ours.coef_, sk.coef_[0], atol=1e-10)
    assert ours.intercept_ == pytest.approx(sk.intercept_[0], abs=1e-10)
    np.testing.assert_allclose(ours.predict_proba(X[:5]), sk.predict_proba(X[:5])[:, 1], atol=1e-10)
    with pytest.raises(ValueError, match="binary labels"):
        ours.partial_fit(X[:3], np.array([0, 1, 2]))
    with pytest.raises(ValueError, match="X must have shape"):
        ours.predict(np.zeros((2, 3)))


def test_drifting_stream_changes_its_rule_at_the_drift():
    X, y, w = drifting_stream(2000, drift_at=1000, angle_deg=90, noise=0.0, random_state=0)
    np.testing.assert_array_equal(y[:1000], (X[:1000, 0] > 0).astype(int))
    np.testing.assert_array_equal(y[1000:], (X[1000:, 1] > 0).astype(int))
    assert np.allclose(w[1000:], [0, 1], atol=1e-12)
    with pytest.raises(ValueError, match="drift_at must be <="):
        drifting_stream(10, drift_at=11)


def test_page_hinkley_matches_a_direct_loop_and_flags_a_jump():
    rng = np.random.default_rng(0)
    x = np.r_[rng.random(500) < 0.1, rng.random(500) < 0.5].astype(float)
    alarm, stat = page_hinkley(x, delta=0.01, threshold=15.0)
    total, m, low, ref = 0.0, 0.0, np.inf, []
    for t, v in enumerate(x, start=1):       # the textbook recursion
        total += v
        m += v - total / t - 0.01
        low = min(low, m)
        ref.append(m - low)
    np.testing.assert_allclose(stat, ref, atol=1e-9)
    assert 500 <= alarm < 600
    no_alarm, _ = page_hinkley((rng.random(1000) < 0.1).astype(float), delta=0.01, threshold=15.0)
    assert no_alarm == -1
    with pytest.raises(ValueError, match="threshold must be > 0"):
        page_hinkley(x, threshold=0.0)
