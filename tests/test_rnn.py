"""Tests for helpers.rnn: cells against torch.nn, BPTT against numerical and autograd gradients."""

import math

import numpy as np
import pytest
import torch

from helpers.checks import numerical_gradient, rel_error
from helpers.rnn import (
    CharVocab,
    bits_per_char,
    clip_grad_norm,
    generate,
    gru_cell,
    lstm_cell,
    lstm_forward,
    make_windows,
    random_windows,
    rnn_backward,
    rnn_cell,
    rnn_forward,
    sample_next,
    sampling_probs,
    sigmoid,
    unigram_bits,
)


def _params(rng, gates, H, D, scale=0.5):
    return (rng.normal(scale=scale, size=(gates * H, D)), rng.normal(scale=scale, size=(gates * H, H)),
            rng.normal(scale=scale, size=gates * H), rng.normal(scale=scale, size=gates * H))


def _load(cell, W_ih, W_hh, b_ih, b_hh):
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(W_ih))
        cell.weight_hh.copy_(torch.from_numpy(W_hh))
        cell.bias_ih.copy_(torch.from_numpy(b_ih))
        cell.bias_hh.copy_(torch.from_numpy(b_hh))
    return cell


def test_sigmoid_is_stable_and_correct():
    z = np.array([-1000.0, -3.0, 0.0, 2.0, 1000.0])
    with np.errstate(over="raise"):
        s = sigmoid(z)
    np.testing.assert_allclose(s, torch.sigmoid(torch.from_numpy(z)).numpy(), rtol=1e-12, atol=0)


@pytest.mark.parametrize("N,D,H", [(1, 3, 2), (4, 5, 7)])
def test_rnn_cell_matches_torch(N, D, H):
    rng = np.random.default_rng(0)
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    W = _params(rng, 1, H, D)
    cell = _load(torch.nn.RNNCell(D, H).double(), *W)
    expected = cell(torch.from_numpy(x), torch.from_numpy(h)).detach().numpy()
    np.testing.assert_allclose(rnn_cell(x, h, *W), expected, rtol=0, atol=1e-12)


def test_rnn_forward_matches_torch_rnn():
    rng = np.random.default_rng(1)
    N, T, D, H = 3, 6, 4, 5
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    W_ih, W_hh, b_ih, b_hh = _params(rng, 1, H, D)
    rnn = torch.nn.RNN(D, H, batch_first=True).double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        rnn.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        rnn.bias_hh_l0.copy_(torch.from_numpy(b_hh))
    out, _ = rnn(torch.from_numpy(x), torch.from_numpy(h0)[None])
    hs, _ = rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh)
    np.testing.assert_allclose(hs, out.detach().numpy(), rtol=0, atol=1e-12)


def test_rnn_backward_matches_numerical_gradient():
    rng = np.random.default_rng(2)
    N, T, D, H = 2, 4, 3, 4
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    params = dict(zip(["W_ih", "W_hh", "b_ih", "b_hh"], _params(rng, 1, H, D)))
    upstream = rng.normal(size=(N, T, H))

    def loss(**over):
        args = {"x": x, "h0": h0, **params, **over}
        hs, _ = rnn_forward(args["x"], args["h0"], args["W_ih"], args["W_hh"], args["b_ih"],
                            args["b_hh"])
        return float(np.sum(hs * upstream))

    _, cache = rnn_forward(x, h0, *params.values())
    grads = rnn_backward(upstream, cache)
    for name, value in [("x", x), ("h0", h0), *params.items()]:
        num = numerical_gradient(lambda v, name=name: loss(**{name: v}), value)
        assert grads[name].shape == value.shape
        assert rel_error(grads[name], num) < 1e-6, name


def test_rnn_backward_matches_autograd_and_reports_total_dh():
    rng = np.random.default_rng(3)
    N, T, D, H = 3, 5, 2, 3
    x, h0 = rng.normal(size=(N, T, D)), rng.normal(size=(N, H))
    W = _params(rng, 1, H, D)
    upstream = np.zeros((N, T, H))
    upstream[:, -1] = rng.normal(size=(N, H))  # loss only at the last step
    tx = torch.tensor(x, requires_grad=True)
    tW = [torch.tensor(w, requires_grad=True) for w in W]
    h = torch.tensor(h0)
    hs_t = []
    for t in range(T):
        h = torch.tanh(tx[:, t] @ tW[0].T + tW[2] + h @ tW[1].T + tW[3])
        h.retain_grad()
        hs_t.append(h)
    (hs_t[-1] * torch.from_numpy(upstream[:, -1])).sum().backward()
    _, cache = rnn_forward(x, h0, *W)
    g = rnn_backward(upstream, cache)
    np.testing.assert_allclose(g["x"], tx.grad.numpy(), atol=1e-12)
    for key, t in zip(["W_ih", "W_hh", "b_ih", "b_hh"], tW):
        np.testing.assert_allclose(g[key], t.grad.numpy(), atol=1e-12)
    for t in range(T):
        np.testing.assert_allclose(g["dh"][:, t], hs_t[t].grad.numpy(), atol=1e-12)


def test_clip_grad_norm_matches_torch():
    rng = np.random.default_rng(4)
    grads = {"a": rng.normal(size=(3, 4)) * 10, "b": rng.normal(size=5) * 10}
    clipped, norm = clip_grad_norm(grads, 1.0)
    params = [torch.zeros(3, 4, dtype=torch.float64), torch.zeros(5, dtype=torch.float64)]
    for p, k in zip(params, "ab"):
        p.grad = torch.from_numpy(grads[k].copy())
    tnorm = torch.nn.utils.clip_grad_norm_(params, 1.0)
    assert math.isclose(norm, float(tnorm), rel_tol=1e-12)
    for p, k in zip(params, "ab"):
        np.testing.assert_allclose(clipped[k], p.grad.numpy(), rtol=1e-5)  # torch adds 1e-6 to norm
    small, n2 = clip_grad_norm({"a": np.array([0.3, 0.4])}, 1.0)
    np.testing.assert_allclose(small["a"], [0.3, 0.4])
    assert math.isclose(n2, 0.5)
    with pytest.raises(ValueError, match="max_norm"):
        clip_grad_norm(grads, 0.0)


@pytest.mark.parametrize("N,D,H", [(1, 3, 2), (5, 4, 6)])
def test_lstm_cell_matches_torch(N, D, H):
    rng = np.random.default_rng(5)
    x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W = _params(rng, 4, H, D, scale=1.0)
    cell = _load(torch.nn.LSTMCell(D, H).double(), *W)
    th, tc = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    h1, c1 = lstm_cell(x, h, c, *W)
    assert np.max(np.abs(h1 - th.detach().numpy())) < 1e-6
    assert np.max(np.abs(c1 - tc.detach().numpy())) < 1e-6
    # float32 torch with the same weights also agrees to 1e-6
    cell32 = _load(torch.nn.LSTMCell(D, H), *[w.astype(np.float32) for w in W])
    th32, tc32 = cell32(torch.from_numpy(x).float(), (torch.from_numpy(h).float(),
                                                      torch.from_numpy(c).float()))
    assert np.max(np.abs(h1 - th32.detach().numpy())) < 1e-6


def test_lstm_gate_order_matters():
    """Swapping the forget and input blocks must change the result (so the order is really tested)."""
    rng = np.random.default_rng(6)
    N, D, H = 2, 3, 4
    x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W_ih, W_hh, b_ih, b_hh = _params(rng, 4, H, D, scale=1.0)
    perm = np.r_[H:2 * H, 0:H, 2 * H:4 * H]
    _, c_a = lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh)
    _, c_b = lstm_cell(x, h, c, W_ih[perm], W_hh[perm], b_ih[perm], b_hh[perm])
    assert np.max(np.abs(c_a - c_b)) > 1e-3


def test_lstm_forward_matches_torch_lstm():
    rng = np.random.default_rng(7)
    N, T, D, H = 2, 5, 3, 4
    x = rng.normal(size=(N, T, D))
    h0, c0 = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    W_ih, W_hh, b_ih, b_hh = _params(rng, 4, H, D)
    lstm = torch.nn.LSTM(D, H, batch_first=True).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
    out, (hT, cT) = lstm(torch.from_numpy(x), (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None]))
    hs, (h, c) = lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    np.testing.assert_allclose(hs, out.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(c, cT[0].detach().numpy(), atol=1e-12)


@pytest.mark.parametrize("N,D,H", [(1, 2, 3), (6, 5, 4)])
def test_gru_cell_matches_torch(N, D, H):
    rng = np.random.default_rng(8)
    x, h = rng.normal(size=(N, D)), rng.normal(size=(N, H))
    W = _params(rng, 3, H, D, scale=1.0)
    cell = _load(torch.nn.GRUCell(D, H).double(), *W)
    expected = cell(torch.from_numpy(x), torch.from_numpy(h)).detach().numpy()
    assert np.max(np.abs(gru_cell(x, h, *W) - expected)) < 1e-6


def test_cells_reject_bad_shapes():
    rng = np.random.default_rng(9)
    x, h, c = rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4))
    W_ih, W_hh, b_ih, b_hh = _params(rng, 4, 4, 3)
    with pytest.raises(ValueError, match="W_ih"):
        lstm_cell(x, h, c, W_ih.T, W_hh, b_ih, b_hh)
    with pytest.raises(ValueError, match="x must be 2-D"):
        lstm_cell(x[0], h, c, W_ih, W_hh, b_ih, b_hh)
    with pytest.raises(ValueError, match="W_hh"):
        gru_cell(x, h, W_ih, W_hh, b_ih, b_hh)  # 4H rows are not 3 gate blocks of a square matrix
    with pytest.raises(ValueError, match="h must have shape"):
        rnn_cell(x, h[:1], *_params(rng, 1, 4, 3))
    with pytest.raises(ValueError, match="c must have shape"):
        lstm_cell(x, h, c[:, :2], W_ih, W_hh, b_ih, b_hh)
    with pytest.raises(TypeError, match="x must hold numeric"):
        rnn_cell([["a", "b", "c"]], h[:1], *_params(rng, 1, 4, 3))


def test_vocab_roundtrip_and_unknown_characters():
    text = "First Citizen:\nBefore we proceed"
    v = CharVocab(text)
    assert v.chars == sorted(set(text)) and len(v) == len(set(text))
    ids = v.encode(text)
    assert ids.dtype == np.int64 and v.decode(ids) == text
    with pytest.raises(ValueError, match=r"'q' \(U\+0071\) at position 2 is not in the vocabulary"):
        v.encode("Fiq!é")
    with pytest.raises(ValueError, match="2 distinct unknown"):
        v.encode("qqé ")
    with pytest.raises(ValueError, match="outside the vocabulary"):
        v.decode([0, len(v)])
    with pytest.raises(TypeError):
        v.decode([0.5, 1.0])
    with pytest.raises(ValueError):
        CharVocab("")


def test_make_windows_shift_and_count():
    ids = np.arange(11)
    X, Y = make_windows(ids, 4)
    np.testing.assert_array_equal(X, [[0, 1, 2, 3], [4, 5, 6, 7]])
    np.testing.assert_array_equal(Y, [[1, 2, 3, 4], [5, 6, 7, 8]])
    X, Y = make_windows(ids, 4, stride=3)
    assert X.shape == (3, 4) and (X[:, 1:] == Y[:, :-1]).all() and (Y[-1] == [7, 8, 9, 10]).all()
    X, Y = make_windows(np.arange(4), 4)
    assert X.shape == (0, 4)
    with pytest.raises(ValueError, match="seq_len must be >= 1"):
        make_windows(ids, 0)
    with pytest.raises(TypeError, match="ids must hold integer"):
        make_windows(np.linspace(0, 1, 5), 2)


def test_random_windows_are_shifted_slices():
    ids = np.arange(100) * 3
    X, Y = random_windows(ids, 7, 5, random_state=0)
    assert X.shape == Y.shape == (5, 7)
    np.testing.assert_array_equal(Y, X + 3)
    np.testing.assert_array_equal(random_windows(ids, 7, 5, random_state=0)[0], X)
    with pytest.raises(ValueError, match="longer than seq_len"):
        random_windows(ids[:5], 7, 2)


def test_sampling_probs_temperature_and_top_k():
    logits = np.array([2.0, 1.0, 0.5, -1.0])
    p1 = sampling_probs(logits)
    np.testing.assert_allclose(p1, torch.softmax(torch.from_numpy(logits), 0).numpy(), rtol=1e-12)
    p_half = sampling_probs(logits, temperature=0.5)
    np.testing.assert_allclose(p_half, torch.softmax(torch.from_numpy(logits * 2), 0).numpy(),
                               rtol=1e-12)
    assert p_half[0] > p1[0]  # colder is sharper
    np.testing.assert_allclose(sampling_probs(logits, temperature=1e6), 0.25, atol=1e-5)
    pk = sampling_probs(logits, top_k=2)
    np.testing.assert_allclose(pk, [np.e / (np.e + 1), 1 / (np.e + 1), 0, 0], rtol=1e-12)
    batch = sampling_probs(np.stack([logits, logits[::-1]]), top_k=1)
    np.testing.assert_array_equal(batch, [[1, 0, 0, 0], [0, 0, 0, 1]])
    with pytest.raises(ValueError, match="temperature"):
        sampling_probs(logits, temperature=0)
    with pytest.raises(ValueError, match="top_k"):
        sampling_probs(logits, top_k=0)


def test_sample_next_frequencies():
    logits = np.log(np.array([0.6, 0.3, 0.1]))
    rng = np.random.default_rng(10)
    draws = np.array([sample_next(logits, random_state=rng) for _ in range(4000)])
    freq = np.bincount(draws, minlength=3) / draws.size
    np.testing.assert_allclose(freq, [0.6, 0.3, 0.1], atol=0.03)
    draws_k = {sample_next(logits, top_k=1, random_state=rng) for _ in range(50)}
    assert draws_k == {0}


def test_generate_calls_step_statefully():
    v = CharVocab("ab")
    seen = []

    def step(ids):
        seen.append(ids.tolist())
        return np.array([0.0, 50.0]) if ids[-1] == 0 else np.array([50.0, 0.0])  # alternate

    out = generate(step, v, "a", 4, random_state=0)
    assert out == "ababa"
    assert seen[0] == [0] and all(len(s) == 1 for s in seen[1:])


def test_bits_per_char_matches_torch_cross_entropy():
    rng = np.random.default_rng(11)
    logits = rng.normal(size=(3, 5, 7)) * 3
    targets = rng.integers(0, 7, size=(3, 5))
    nats = torch.nn.functional.cross_entropy(torch.from_numpy(logits.reshape(-1, 7)),
                                             torch.from_numpy(targets.reshape(-1))).item()
    assert math.isclose(bits_per_char(logits, targets), nats / math.log(2), rel_tol=1e-12)
    assert math.isclose(bits_per_char(np.zeros((4, 8)), np.arange(4)), 3.0, rel_tol=1e-12)
    with pytest.raises(ValueError, match="targets must have shape"):
        bits_per_char(logits, targets[:, :2])


def test_unigram_bits_is_entropy_of_frequencies():
    train = np.array([0, 0, 0, 1])
    ev = np.array([0, 1])
    expected = -(np.log2(0.75) + np.log2(0.25)) / 2
    assert math.isclose(unigram_bits(train, ev, 2, alpha=0.0), expected, rel_tol=1e-12)
    assert unigram_bits(train, np.array([2]), 3) < np.inf  # smoothing keeps unseen ids finite
    with pytest.raises(ValueError, match="eval_ids"):
        unigram_bits(train, np.array([5]), 3)
