"""Chapter 5: bidirectional recurrent networks and encoder-decoder (sequence-to-sequence) models.

NumPy part (checked against ``torch.nn.RNN`` / ``torch.nn.LSTM`` with ``bidirectional=True``):

- :func:`bidirectional_forward` -- run one recurrent layer left to right and another right to left and
  concatenate their hidden states, built on :func:`helpers.rnn.rnn_forward` / :func:`helpers.rnn.lstm_forward`
- :func:`torch_layer_params`     -- the NumPy parameters ``(W_ih, W_hh, b_ih, b_hh)`` of one direction of a
  torch recurrent layer

Toy tasks and measures:

- :func:`make_future_tagging_task` -- tag each digit with "larger than everything after it" (needs the future)
- :func:`make_reversal_task`       -- digit sequences and their reversals, of varying length
- :func:`sequence_accuracy`        -- fraction of sequences predicted exactly (every position right)

PyTorch part:

- :class:`Seq2Seq` -- an LSTM encoder and an LSTM decoder; ``forward`` uses teacher forcing, ``greedy_decode``
  feeds back its own predictions

Shapes are batch first: token ids ``(N, T)``, features ``(N, T, D)``, hidden states ``(N, T, H)``.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from helpers.checks import check_array, check_int
from helpers.rnn import lstm_forward, rnn_forward

__all__ = [
    "Seq2Seq",
    "bidirectional_forward",
    "make_future_tagging_task",
    "make_reversal_task",
    "sequence_accuracy",
    "torch_layer_params",
]


def bidirectional_forward(x, params_fwd, params_bwd, cell: str = "lstm"):
    """One bidirectional recurrent layer with zero initial states.

    The forward direction reads ``x[:, 0], ..., x[:, T-1]``; the backward direction reads the reversed
    sequence ``x[:, T-1], ..., x[:, 0]``, and its outputs are reversed back so that position ``t`` holds the
    summary of ``x[:, t:]``. The output at ``t`` is ``[h_fwd_t, h_bwd_t]``, as in torch.

    Parameters
    ----------
    x : array_like, shape (N, T, D)
    params_fwd, params_bwd : tuple of 4 arrays
        ``(W_ih, W_hh, b_ih, b_hh)`` of each direction in torch's layout (see :mod:`helpers.rnn`).
    cell : {"lstm", "rnn"}

    Returns
    -------
    out : ndarray, shape (N, T, 2H)
    h_last : ndarray, shape (2, N, H)
        Final hidden state of each direction (forward after ``x[:, T-1]``, backward after ``x[:, 0]``), the
        ``h_n`` that torch returns.
    """
    if cell not in ("lstm", "rnn"):
        raise ValueError(f"cell must be 'lstm' or 'rnn', got {cell!r}")
    x = check_array(x, "x", ndim=3, shape=(None, None, None)).astype(float)
    for name, p in (("params_fwd", params_fwd), ("params_bwd", params_bwd)):
        if not isinstance(p, (tuple, list)) or len(p) != 4:
            raise TypeError(f"{name} must be a tuple (W_ih, W_hh, b_ih, b_hh), got {type(p).__name__}")
    n_gates = 4 if cell == "lstm" else 1
    H = np.shape(params_fwd[1])[0] // n_gates
    zeros = np.zeros((x.shape[0], H))

    def run(seq, params):
        if cell == "lstm":
            hs, _ = lstm_forward(seq, zeros, zeros, *params)
        else:
            hs, _ = rnn_forward(seq, zeros, *params)
        return hs

    h_fwd = run(x, params_fwd)
    h_bwd = run(x[:, ::-1], params_bwd)[:, ::-1]
    return np.concatenate([h_fwd, h_bwd], axis=2), np.stack([h_fwd[:, -1], h_bwd[:, 0]])


def torch_layer_params(module, layer: int = 0, reverse: bool = False):
    """``(W_ih, W_hh, b_ih, b_hh)`` of one layer and direction of a ``torch.nn.RNN/LSTM/GRU``, as float64 NumPy.

    Parameters
    ----------
    module : torch.nn.RNNBase
    layer : int
    reverse : bool
        The backward direction (the ``..._reverse`` parameters of a bidirectional module).
    """
    layer = check_int(layer, "layer", minimum=0)
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    names = [f"{p}{suffix}" for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]
    missing = [n for n in names if not hasattr(module, n)]
    if missing:
        raise ValueError(f"module has no parameter {missing[0]!r} (layer={layer}, reverse={reverse})")
    return tuple(getattr(module, n).detach().double().cpu().numpy() for n in names)


def make_future_tagging_task(n: int, length: int, vocab: int = 10, random_state=None):
    """Random digit sequences tagged with "this digit is larger than every digit after it".

    ``labels[i, t] = x[i, t] > max(x[i, t+1:])`` (the last position is always 1). The tag depends on the
    future of the sequence, so a left-to-right network can only guess it from the past.

    Returns
    -------
    x : ndarray of int64, shape (n, length)
    labels : ndarray of int64, shape (n, length)
    """
    n = check_int(n, "n")
    length = check_int(length, "length")
    vocab = check_int(vocab, "vocab", minimum=2)
    rng = np.random.default_rng(random_state)
    x = rng.integers(0, vocab, size=(n, length))
    later_max = np.full((n, length), -1)
    later_max[:, :-1] = np.maximum.accumulate(x[:, ::-1], axis=1)[:, ::-1][:, 1:]
    return x.astype(np.int64), (x > later_max).astype(np.int64)


def make_reversal_task(n: int, length: int, vocab: int = 10, random_state=None):
    """``n`` random digit sequences of one ``length`` and their reversals.

    Returns
    -------
    src, tgt : ndarray of int64, shape (n, length)
        ``tgt = src[:, ::-1]``; ids are in ``0 .. vocab - 1``.
    """
    n = check_int(n, "n")
    length = check_int(length, "length")
    vocab = check_int(vocab, "vocab", minimum=2)
    rng = np.random.default_rng(random_state)
    src = rng.integers(0, vocab, size=(n, length)).astype(np.int64)
    return src, src[:, ::-1].copy()


def sequence_accuracy(pred, target) -> float:
    """Fraction of rows of ``pred`` equal to ``target`` at every position (exact-sequence accuracy)."""
    pred = check_array(pred, "pred", ndim=2, dtype="integer")
    target = check_array(target, "target", ndim=2, dtype="integer")
    if pred.shape != target.shape:
        raise ValueError(f"pred and target must have the same shape, got {pred.shape} and {target.shape}")
    if pred.shape[0] == 0:
        raise ValueError("pred must hold at least one sequence")
    return float(np.mean(np.all(pred == target, axis=1)))


class Seq2Seq(nn.Module):
    """LSTM encoder-decoder over a vocabulary of ``vocab`` tokens plus a start token (id ``vocab``).

    The encoder reads the source; its final ``(h, c)`` starts the decoder. At step ``t`` the decoder reads
    the previous output token (the start token at ``t = 0``) and predicts token ``t``.

    Parameters
    ----------
    vocab : int
        Number of output tokens (ids ``0 .. vocab - 1``).
    embed_dim, hidden_size : int
    """

    def __init__(self, vocab: int, embed_dim: int = 16, hidden_size: int = 64):
        super().__init__()
        self.vocab = check_int(vocab, "vocab", minimum=2)
        self.start_id = self.vocab
        self.embed = nn.Embedding(self.vocab + 1, check_int(embed_dim, "embed_dim"))
        hidden_size = check_int(hidden_size, "hidden_size")
        self.encoder = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.decoder = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.out = nn.Linear(hidden_size, self.vocab)

    def _check_src(self, src):
        if not torch.is_tensor(src) or src.dim() != 2 or src.dtype != torch.int64:
            raise TypeError("src must be an int64 tensor of shape (N, T)")
        return src

    def encode(self, src):
        """Final ``(h, c)`` of the encoder, each ``(1, N, H)``."""
        _, state = self.encoder(self.embed(self._check_src(src)))
        return state

    def forward(self, src, tgt):
        """Teacher forcing: logits ``(N, T_out, vocab)`` when the decoder reads the true previous tokens."""
        tgt = self._check_src(tgt)
        start = torch.full((tgt.shape[0], 1), self.start_id, dtype=torch.int64)
        dec_in = torch.cat([start, tgt[:, :-1]], dim=1)
        out, _ = self.decoder(self.embed(dec_in), self.encode(src))
        return self.out(out)

    def decode_free_running(self, src, length: int, sample: bool = False, generator=None):
        """Logits ``(N, length, vocab)`` and tokens ``(N, length)`` when the decoder reads its own outputs.

        ``sample=False`` feeds back the arg-max token (greedy decoding); ``sample=True`` draws it from the
        softmax. Gradients flow through the logits (not through the discrete choice).
        """
        length = check_int(length, "length")
        state = self.encode(src)
        token = torch.full((src.shape[0], 1), self.start_id, dtype=torch.int64)
        logits, tokens = [], []
        for _ in range(length):
            out, state = self.decoder(self.embed(token), state)
            step = self.out(out[:, 0])
            if sample:
                token = torch.multinomial(torch.softmax(step.detach(), dim=1), 1, generator=generator)
            else:
                token = step.argmax(dim=1, keepdim=True)
            logits.append(step)
            tokens.append(token)
        return torch.stack(logits, dim=1), torch.cat(tokens, dim=1)

    @torch.no_grad()
    def greedy_decode(self, src, length: int):
        """Greedy decoding: token ids ``(N, length)``."""
        return self.decode_free_running(src, length)[1]
