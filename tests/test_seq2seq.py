"""Tests for helpers.seq2seq: the NumPy bidirectional layer against torch.nn.RNN/LSTM(bidirectional=True),
the toy tasks against brute-force references, and the encoder-decoder's teacher-forced and greedy passes."""

import numpy as np
import pytest
import torch
from torch import nn

from helpers.seq2seq import (
    Seq2Seq,
    bidirectional_forward,
    make_future_tagging_task,
    make_reversal_task,
    sequence_accuracy,
    torch_layer_params,
)


@pytest.mark.parametrize("cell, module", [("lstm", nn.LSTM), ("rnn", nn.RNN)])
def test_bidirectional_forward_matches_torch(cell, module):
    torch.manual_seed(0)
    layer = module(4, 6, batch_first=True, bidirectional=True).double()
    x = np.random.default_rng(0).normal(size=(3, 9, 4))
    out_t, h_t = layer(torch.from_numpy(x))
    h_t = h_t[0] if cell == "lstm" else h_t
    out, h_last = bidirectional_forward(x, torch_layer_params(layer), torch_layer_params(layer, reverse=True), cell)
    assert out.shape == (3, 9, 12) and h_last.shape == (2, 3, 6)
    assert np.abs(out - out_t.detach().numpy()).max() < 1e-10
    assert np.abs(h_last - h_t.detach().numpy()).max() < 1e-10


def test_bidirectional_forward_rejects_bad_input():
    layer = nn.RNN(2, 3, batch_first=True, bidirectional=True)
    p = torch_layer_params(layer)
    with pytest.raises(ValueError, match="cell must be 'lstm' or 'rnn'"):
        bidirectional_forward(np.zeros((1, 2, 2)), p, p, cell="gru")
    with pytest.raises(ValueError, match="x must be 3-D"):
        bidirectional_forward(np.zeros((2, 2)), p, p, cell="rnn")
    with pytest.raises(TypeError, match="params_bwd must be a tuple"):
        bidirectional_forward(np.zeros((1, 2, 2)), p, p[:3], cell="rnn")
    with pytest.raises(ValueError, match="no parameter 'weight_ih_l1'"):
        torch_layer_params(layer, layer=1)


def test_future_tagging_task_matches_brute_force():
    x, tags = make_future_tagging_task(50, 8, random_state=3)
    ref = np.array([[int(all(row[t] > row[s] for s in range(t + 1, 8))) for t in range(8)] for row in x])
    assert np.array_equal(tags, ref)
    assert tags[:, -1].all() and x.min() >= 0 and x.max() <= 9
    x2, _ = make_future_tagging_task(50, 8, random_state=3)
    assert np.array_equal(x, x2)
    with pytest.raises(ValueError, match="vocab must be >= 2"):
        make_future_tagging_task(5, 4, vocab=1)


def test_reversal_task_and_sequence_accuracy():
    src, tgt = make_reversal_task(20, 5, random_state=0)
    assert np.array_equal(tgt, np.flip(src, axis=1))
    pred = tgt.copy()
    pred[:5, 2] = (pred[:5, 2] + 1) % 10
    assert sequence_accuracy(pred, tgt) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="same shape"):
        sequence_accuracy(pred[:, :4], tgt)
    with pytest.raises(TypeError, match="pred must hold integer values"):
        sequence_accuracy(pred.astype(float), tgt)


def test_seq2seq_teacher_forcing_and_greedy_decoding():
    torch.manual_seed(0)
    model = Seq2Seq(vocab=5, embed_dim=4, hidden_size=8).eval()
    src = torch.randint(0, 5, (3, 6))
    tgt = torch.randint(0, 5, (3, 4))
    logits = model(src, tgt)
    assert logits.shape == (3, 4, 5)
    # step by step with the decoder fed the true previous tokens gives the same logits
    state = model.encode(src)
    prev = torch.full((3, 1), model.start_id)
    steps = []
    for t in range(4):
        out, state = model.decoder(model.embed(prev), state)
        steps.append(model.out(out[:, 0]))
        prev = tgt[:, t:t + 1]
    assert torch.allclose(torch.stack(steps, dim=1), logits, atol=1e-6)
    # greedy decoding feeds back its own arg-max: teacher forcing on its output reproduces it
    greedy = model.greedy_decode(src, 4)
    assert torch.equal(model(src, greedy).argmax(dim=2), greedy)
    with pytest.raises(TypeError, match="int64 tensor"):
        model(src.float(), tgt)
