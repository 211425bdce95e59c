"""Reinforcement learning and online learning in NumPy: bandits, a grid world, Q-learning, drift.

Used by the lecture notebook ``01_rl_and_online_learning``. Every function is checked in
``tests/test_online.py`` (value iteration against brute-force policy enumeration, Q-learning against value
iteration, the online logistic regression against scikit-learn's ``SGDClassifier.partial_fit``).

Functions
---------
run_bandit
    Epsilon-greedy or UCB1 on Bernoulli arms, vectorised over independent runs; returns the regret.
grid_world
    Transition and reward arrays of a small deterministic grid with a goal and a pit.
policy_evaluation, value_iteration
    Exact values of a fixed policy (a linear solve) and the optimal values (Bellman optimality updates).
q_learning
    Tabular Q-learning with epsilon-greedy exploration, sampling from a known model.
drifting_stream
    A seeded 2-D classification stream whose decision boundary rotates at a known time.
OnlineLogisticRegression
    Logistic regression updated one sample at a time by plain SGD (``partial_fit``).
page_hinkley
    The Page-Hinkley test for an increase in the mean of a stream (e.g. a 0/1 error stream).
"""

from __future__ import annotations

import numpy as np

from helpers.checks import check_array, check_int, check_number

__all__ = [
    "OnlineLogisticRegression",
    "drifting_stream",
    "grid_world",
    "page_hinkley",
    "policy_evaluation",
    "q_learning",
    "run_bandit",
    "value_iteration",
]


def _probability(value, name):
    value = check_number(value, name)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {value!r}")
    return value


def _discount(gamma):
    gamma = check_number(gamma, "gamma")
    if not 0.0 <= gamma < 1.0:
        raise ValueError(f"gamma must lie in [0, 1), got {gamma!r}")
    return gamma


# --------------------------------------------------------------------------------------------- bandits
def run_bandit(means, n_steps: int, *, policy: str = "epsilon-greedy", epsilon: float = 0.1,
               n_runs: int = 1, random_state=0) -> dict:
    """Play Bernoulli arms with epsilon-greedy or UCB1, ``n_runs`` independent runs at once.

    Epsilon-greedy explores a uniformly random arm with probability ``epsilon`` and otherwise pulls
    the arm with the highest sample mean (unpulled arms count as mean 0; ties go to the lowest
    index). UCB1 (Auer et al., 2002) pulls every arm once, then the arm maximising
    ``mean_a + sqrt(2 ln t / n_a)``, where ``t`` is the number of pulls so far.

    Parameters
    ----------
    means : array_like of shape (k,)
        Success probability of each arm, in [0, 1].
    n_steps : int
        Pulls per run.
    policy : {"epsilon-greedy", "ucb1"}
    epsilon : float in [0, 1]
        Exploration rate (epsilon-greedy only).
    n_runs : int
        Independent runs, simulated side by side.
    random_state : int, numpy.random.Generator or None

    Returns
    -------
    dict with ``actions`` (n_runs, n_steps) int, ``rewards`` (n_runs, n_steps) float and ``regret``
    (n_runs, n_steps): the cumulative *expected* regret ``sum_t (max(means) - means[a_t])``.
    """
    means = np.asarray(check_array(means, "means", ndim=1), dtype=float)
    if means.size < 2:
        raise ValueError(f"means must hold at least 2 arms, got {means.size}")
    if means.min() < 0 or means.max() > 1:
        raise ValueError("means must be probabilities in [0, 1]")
    n_steps = check_int(n_steps, "n_steps")
    n_runs = check_int(n_runs, "n_runs")
    if policy not in ("epsilon-greedy", "ucb1"):
        raise ValueError(f"policy must be 'epsilon-greedy' or 'ucb1', got {policy!r}")
    epsilon = _probability(epsilon, "epsilon")
    rng = np.random.default_rng(random_state)
    k = means.size
    counts = np.zeros((n_runs, k))
    sums = np.zeros((n_runs, k))
    actions = np.zeros((n_runs, n_steps), dtype=int)
    rewards = np.zeros((n_runs, n_steps))
    runs = np.arange(n_runs)
    for t in range(n_steps):
        estimate = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
        if policy == "epsilon-greedy":
            top = estimate == estimate.max(axis=1, keepdims=True)
            greedy = np.argmax(np.where(top, rng.random((n_runs, k)), -1.0), axis=1)
            explore = rng.random(n_runs) < epsilon
            a = np.where(explore, rng.integers(0, k, n_runs), greedy)
        elif t < k:
            a = np.full(n_runs, t)
        else:
            a = np.argmax(estimate + np.sqrt(2.0 * np.log(t) / counts), axis=1)
        r = (rng.random(n_runs) < means[a]).astype(float)
        counts[runs, a] += 1
        sums[runs, a] += r
        actions[:, t] = a
        rewards[:, t] = r
    regret = np.cumsum(means.max() - means[actions], axis=1)
    return {"actions": actions, "rewards": rewards, "regret": regret}


# ------------------------------------------------------------------------------------------ grid world
_MOVES = np.array([[-1, 0], [0, 1], [1, 0], [0, -1]])   # up, right, down, left


def grid_world(n_rows: int = 4, n_cols: int = 4, *, goal=(0, 3), pit=(1, 3), walls=(),
               step_reward: float = -0.04, goal_reward: float = 1.0, pit_reward: float = -1.0):
    """A deterministic grid world as arrays ``P[s, a, s']`` and ``R[s, a]``.

    States are the cells in row-major order (``s = row * n_cols + col``); actions are up, right,
    down, left. A move into the border or a wall leaves the agent where it is. Entering the goal or
    the pit pays ``goal_reward`` or ``pit_reward`` (instead of ``step_reward``) and ends the
    episode: both are absorbing states with zero reward afterwards.

    Returns
    -------
    P : ndarray (S, 4, S)
        Transition probabilities (each row one-hot here).
    R : ndarray (S, 4)
        Expected reward of taking action a in state s.
    terminal : ndarray of bool, shape (S,)
    """
    n_rows = check_int(n_rows, "n_rows")
    n_cols = check_int(n_cols, "n_cols")
    cells = {"goal": tuple(goal), "pit": tuple(pit)}
    walls = [tuple(w) for w in walls]
    for name, cell in list(cells.items()) + [("walls", w) for w in walls]:
        if len(cell) != 2 or not (0 <= cell[0] < n_rows and 0 <= cell[1] < n_cols):
            raise ValueError(f"{name} must be (row, col) inside the {n_rows}x{n_cols} grid, got {cell}")
    if cells["goal"] == cells["pit"]:
        raise ValueError("goal and pit must be different cells")
    n_states = n_rows * n_cols
    P = np.zeros((n_states, 4, n_states))
    R = np.zeros((n_states, 4))
    terminal = np.zeros(n_states, dtype=bool)
    goal_s = cells["goal"][0] * n_cols + cells["goal"][1]
    pit_s = cells["pit"][0] * n_cols + cells["pit"][1]
    terminal[[goal_s, pit_s]] = True
    for s in range(n_states):
        r0, c0 = divmod(s, n_cols)
        for a, (dr, dc) in enumerate(_MOVES):
            if terminal[s] or (r0, c0) in walls:
                P[s, a, s] = 1.0
                continue
            r1, c1 = r0 + dr, c0 + dc
            if not (0 <= r1 < n_rows and 0 <= c1 < n_cols) or (r1, c1) in walls:
                r1, c1 = r0, c0
            s1 = r1 * n_cols + c1
            P[s, a, s1] = 1.0
            R[s, a] = goal_reward if s1 == goal_s else pit_reward if s1 == pit_s else step_reward
    return P, R, terminal


def _mdp(P, R):
    P = np.asarray(check_array(P, "P", ndim=3), dtype=float)
    S, A, S2 = P.shape
    if S != S2:
        raise ValueError(f"P must have shape (S, A, S), got {P.shape}")
    if not np.allclose(P.sum(axis=2), 1.0) or P.min() < 0:
        raise ValueError("every P[s, a, :] must be a probability distribution")
    R = np.asarray(check_array(R, "R", shape=(S, A)), dtype=float)
    return P, R


def policy_evaluation(P, R, policy, gamma: float = 0.9) -> np.ndarray:
    """Exact state values of a deterministic policy: solve ``(I - gamma P_pi) V = R_pi``.

    Parameters
    ----------
    P : (S, A, S); R : (S, A); policy : int array (S,) with values in [0, A); gamma in [0, 1)

    Returns
    -------
    ndarray (S,)
    """
    P, R = _mdp(P, R)
    gamma = _discount(gamma)
    S, A = R.shape
    policy = np.asarray(check_array(policy, "policy", shape=(S,), dtype="integer"))
    if policy.min() < 0 or policy.max() >= A:
        raise ValueError(f"policy values must lie in [0, {A})")
    idx = np.arange(S)
    return np.linalg.solve(np.eye(S) - gamma * P[idx, policy], R[idx, policy])


def value_iteration(P, R, gamma: float = 0.9, *, tol: float = 1e-12, max_iter: int = 10_000):
    """Optimal values by repeated Bellman optimality updates ``V <- max_a R + gamma P V``.

    Stops when the largest change is below ``tol`` (the error is then at most
    ``tol * gamma / (1 - gamma)``).

    Returns
    -------
    V : ndarray (S,)
    Q : ndarray (S, A)
    policy : int ndarray (S,), the greedy policy (ties go to the lowest action index)
    n_iter : int
    """
    P, R = _mdp(P, R)
    gamma = _discount(gamma)
    tol = check_number(tol, "tol", positive=True)
    max_iter = check_int(max_iter, "max_iter")
    V = np.zeros(R.shape[0])
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        V_new = (R + gamma * P @ V).max(axis=1)
        done = np.max(np.abs(V_new - V)) < tol
        V = V_new
        if done:
            break
    Q = R + gamma * P @ V
    return V, Q, np.argmax(Q, axis=1), n_iter


def q_learning(P, R, terminal, *, gamma: float = 0.9, n_episodes: int = 500, alpha: float = 0.5,
               epsilon: float = 0.2, max_steps: int = 100, start_states=None, random_state=0):
    """Tabular Q-learning: ``Q[s,a] += alpha (r + gamma max_a' Q[s',a'] - Q[s,a])``.

    The agent does not read ``P`` and ``R`` as a whole: it only samples one transition at a time
    from them, like an environment would answer. Actions are epsilon-greedy with respect to the
    current ``Q`` (ties broken at random). Episodes start in a uniformly drawn non-terminal state
    (or one of ``start_states``) and end in a terminal state or after ``max_steps``.

    Returns
    -------
    Q : ndarray (S, A)
    returns : ndarray (n_episodes,), the undiscounted reward collected in each episode
    """
    P, R = _mdp(P, R)
    S, A = R.shape
    terminal = np.asarray(check_array(terminal, "terminal", shape=(S,), dtype="bool"))
    gamma = _discount(gamma)
    n_episodes = check_int(n_episodes, "n_episodes")
    max_steps = check_int(max_steps, "max_steps")
    alpha = check_number(alpha, "alpha", positive=True)
    if alpha > 1:
        raise ValueError(f"alpha must lie in (0, 1], got {alpha!r}")
    epsilon = _probability(epsilon, "epsilon")
    starts = np.flatnonzero(~terminal) if start_states is None else np.asarray(start_states, dtype=int)
    if starts.size == 0:
        raise ValueError("there is no non-terminal state to start from")
    rng = np.random.default_rng(random_state)
    cum_P = np.cumsum(P, axis=2)
    cum_P[:, :, -1] = 1.0                     # guard against rounding: a draw in [0, 1) always lands
    Q = np.zeros((S, A))
    returns = np.zeros(n_episodes)
    for ep in range(n_episodes):
        s = int(rng.choice(starts))
        for _ in range(max_steps):
            if rng.random() < epsilon:
                a = int(rng.integers(A))
            else:
                best = np.flatnonzero(Q[s] == Q[s].max())
                a = int(rng.choice(best))
            s1 = int(np.searchsorted(cum_P[s, a], rng.random(), side="right"))
            r = R[s, a]
            target = r if terminal[s1] else r + gamma * Q[s1].max()
            Q[s, a] += alpha * (target - Q[s, a])
            returns[ep] += r
            s = s1
            if terminal[s]:
                break
    return Q, returns


# ----------------------------------------------------------------------------------- online learning
def drifting_stream(n_samples: int, *, drift_at: int, angle_deg: float = 90.0, noise: float = 0.05,
                    random_state=0):
    """A 2-D stream labelled by a line through the origin that turns by ``angle_deg`` at ``drift_at``.

    Points are standard normal; ``y = 1`` when ``w_t . x > 0`` with ``w_t = (1, 0)`` before the drift
    and ``w_t`` rotated by ``angle_deg`` from sample ``drift_at`` on (an abrupt concept drift: the
    inputs keep their distribution, the labelling rule changes). A fraction ``noise`` of labels is
    flipped.

    Returns
    -------
    X : ndarray (n_samples, 2); y : int ndarray (n_samples,); w : ndarray (n_samples, 2), the true normal
    """
    n_samples = check_int(n_samples, "n_samples")
    drift_at = check_int(drift_at, "drift_at", minimum=0)
    if drift_at > n_samples:
        raise ValueError(f"drift_at must be <= n_samples ({n_samples}), got {drift_at}")
    angle = np.deg2rad(check_number(angle_deg, "angle_deg"))
    noise = _probability(noise, "noise")
    rng = np.random.default_rng(random_state)
    X = rng.normal(size=(n_samples, 2))
    w = np.tile([1.0, 0.0], (n_samples, 1))
    w[drift_at:] = [np.cos(angle), np.sin(angle)]
    y = (np.sum(X * w, axis=1) > 0).astype(int)
    flip = rng.random(n_samples) < noise
    y[flip] = 1 - y[flip]
    return X, y, w


class OnlineLogisticRegression:
    """Binary logistic regression trained by plain SGD, one sample at a time.

    For each sample, with ``s = 2y - 1`` and score ``z = w.x + b``, the log-loss
    ``log(1 + exp(-s z))`` has derivative ``g = -s / (1 + exp(s z))`` with respect to ``z``, and the
    update is ``w -= lr * g * x``, ``b -= lr * g``. This is what scikit-learn's
    ``SGDClassifier(loss="log_loss", penalty=None, learning_rate="constant", eta0=lr, shuffle=False)``
    does in ``partial_fit``.

    Parameters
    ----------
    n_features : int
    lr : float > 0
    """

    def __init__(self, n_features: int, lr: float = 0.05):
        self.n_features = check_int(n_features, "n_features")
        self.lr = check_number(lr, "lr", positive=True)
        self.coef_ = np.zeros(self.n_features)
        self.intercept_ = 0.0

    def _X(self, X):
        return np.asarray(check_array(X, "X", shape=(None, self.n_features)), dtype=float)

    def partial_fit(self, X, y):
        """One SGD step per row of X (n, n_features), in order; y holds 0/1 labels (n,)."""
        X = self._X(X)
        y = np.asarray(check_array(y, "y", shape=(X.shape[0],)))
        if not np.isin(y, (0, 1)).all():
            raise ValueError("y must hold binary labels 0/1 (more than two classes are not supported)")
        for x, yi in zip(X, y):
            s = 2.0 * yi - 1.0
            z = x @ self.coef_ + self.intercept_
            g = -s / (1.0 + np.exp(s * z))
            self.coef_ -= self.lr * g * x
            self.intercept_ -= self.lr * g
        return self

    def decision_function(self, X):
        """Scores ``X w + b``: (n,)."""
        return self._X(X) @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Probability of class 1: (n,)."""
        return 1.0 / (1.0 + np.exp(-self.decision_function(X)))

    def predict(self, X):
        """0/1 labels: (n,)."""
        return (self.decision_function(X) > 0).astype(int)


def page_hinkley(x, *, delta: float = 0.005, threshold: float = 20.0, burn_in: int = 30):
    """Page-Hinkley test for an increase in the mean of a stream.

    With the running mean ``xbar_t``, the cumulative deviation is ``m_t = sum_{i<=t} (x_i - xbar_i -
    delta)`` and ``M_t = min_{i<=t} m_i``. An alarm is raised at the first ``t >= burn_in`` with
    ``m_t - M_t > threshold``; ``delta`` is the size of change that is tolerated.

    Parameters
    ----------
    x : array_like (n,)
        The monitored values, e.g. 1 for a misclassified sample and 0 otherwise.
    delta : float >= 0
    threshold : float > 0
    burn_in : int >= 0
        No alarm before this many samples.

    Returns
    -------
    alarm : int
        Index of the first alarm, or -1 when there is none.
    statistic : ndarray (n,)
        ``m_t - M_t``.
    """
    x = np.asarray(check_array(x, "x", ndim=1), dtype=float)
    delta = check_number(delta, "delta", nonnegative=True)
    threshold = check_number(threshold, "threshold", positive=True)
    burn_in = check_int(burn_in, "burn_in", minimum=0)
    running_mean = np.cumsum(x) / np.arange(1, x.size + 1)
    m = np.cumsum(x - running_mean - delta)
    stat = m - np.minimum.accumulate(m)
    hits = np.flatnonzero((stat > threshold) & (np.arange(x.size) >= burn_in))
    return (int(hits[0]) if hits.size else -1), stat
