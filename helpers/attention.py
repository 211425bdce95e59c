"""Chapter 5: attention from scratch, positional encodings and a small pre-LN transformer block.

NumPy part (checked against ``torch.nn.functional.scaled_dot_product_attention`` and
``torch.nn.MultiheadAttention`` in ``tests/test_attention.py``):

- :func:`scaled_dot_product_attention` -- ``softmax(q k^T / sqrt(d_k)) v`` with an optional boolean mask
- :func:`causal_mask`                  -- query ``t`` may look at keys ``0..t`` only
- :func:`padding_mask`                 -- which key positions hold real tokens, from sequence lengths
- :func:`multi_head_attention`         -- multi-head attention in ``torch.nn.MultiheadAttention``'s layout
  (``in_proj_weight``, ``in_proj_bias``, ``out_proj``), batch first
- :func:`sinusoidal_positional_encoding` -- the sine/cosine table of Vaswani et al. (2017)

Mask convention: every mask here is boolean and ``True`` means *may attend* (the convention of
``scaled_dot_product_attention``). ``torch.nn.MultiheadAttention``'s ``key_padding_mask`` and boolean
``attn_mask`` use the opposite one (``True`` means *ignore*): pass ``~mask`` to torch.

PyTorch part:

- :class:`PreLNTransformerBlock` -- ``x + MHA(LN(x))`` then ``x + MLP(LN(x))``, the same computation as
  ``torch.nn.TransformerEncoderLayer(norm_first=True, batch_first=True, activation="relu")``

Data:

- :func:`associative_recall` -- key-value pairs followed by a query key; the target is the query's value
"""

from __future__ import annotations

import numpy as np
import torch.nn as nn

from helpers.checks import check_array, check_int, check_number
from helpers.nn import softmax

__all__ = [
    "scaled_dot_product_attention",
    "causal_mask",
    "padding_mask",
    "multi_head_attention",
    "sinusoidal_positional_encoding",
    "PreLNTransformerBlock",
    "associative_recall",
]


def _check_mask(mask, shape: tuple[int, ...], name: str = "mask") -> np.ndarray:
    """A boolean mask that broadcasts to ``shape`` and leaves every query at least one key."""
    mask = check_array(mask, name, dtype="bool")
    try:
        mask = np.broadcast_to(mask, shape)
    except ValueError:
        raise ValueError(f"{name} of shape {mask.shape} does not broadcast to the scores' shape {shape}") from None
    if not np.all(mask.any(axis=-1)):
        raise ValueError(f"{name} leaves a query with no key to attend to (a row of False)")
    return mask


def scaled_dot_product_attention(q, k, v, mask=None, scale=None):
    """Scaled dot-product attention, ``softmax(q k^T * scale) v``.

    Parameters
    ----------
    q : array_like, shape (..., T, d_k)
        Queries (any leading batch/head axes).
    k : array_like, shape (..., S, d_k)
        Keys, with the same leading axes as ``q``.
    v : array_like, shape (..., S, d_v)
        Values, one per key.
    mask : array_like of bool, broadcastable to (..., T, S), optional
        ``True`` where query ``t`` may attend to key ``s``. Masked scores are set to ``-inf`` before the
        softmax, so their weights are exactly 0. Every query must keep at least one key.
    scale : float, optional
        Multiplier of the scores; default ``1 / sqrt(d_k)``.

    Returns
    -------
    out : ndarray, shape (..., T, d_v)
        Weighted averages of the values.
    weights : ndarray, shape (..., T, S)
        Attention weights; each row is non-negative and sums to 1.
    """
    q = check_array(q, "q", dtype="numeric").astype(float)
    k = check_array(k, "k", dtype="numeric").astype(float)
    v = check_array(v, "v", dtype="numeric").astype(float)
    for name, arr in (("q", q), ("k", k), ("v", v)):
        if arr.ndim < 2:
            raise ValueError(f"{name} must have at least 2 dimensions (..., length, features), got shape {arr.shape}")
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(f"q and k must have the same last dimension d_k, got {q.shape[-1]} and {k.shape[-1]}")
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(f"k and v must have the same number of positions S, got {k.shape[-2]} and {v.shape[-2]}")
    if scale is None:
        scale = 1.0 / np.sqrt(q.shape[-1])
    else:
        scale = check_number(scale, "scale", positive=True)
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) * scale            # (..., T, S)
    if mask is not None:
        mask = _check_mask(mask, scores.shape)
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores, axis=-1) if mask is None else _masked_softmax(scores)
    return np.matmul(weights, v), weights


def _masked_softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis of scores that may hold ``-inf`` (never a whole row of them)."""
    z = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(z)                                                     # exp(-inf) = 0
    return e / e.sum(axis=-1, keepdims=True)


def causal_mask(T: int, S: int | None = None) -> np.ndarray:
    """Boolean mask of shape (T, S), ``True`` where key ``s <= t`` (no looking ahead).

    With ``S > T`` the queries are taken to be the *last* ``T`` positions of the ``S`` keys, so query ``t``
    sees keys ``0 .. t + S - T``.
    """
    T = check_int(T, "T")
    S = T if S is None else check_int(S, "S")
    if S < T:
        raise ValueError(f"S must be >= T (every query needs a key), got T={T}, S={S}")
    return np.tril(np.ones((T, S), dtype=bool), k=S - T)


def padding_mask(lengths, max_len: int | None = None) -> np.ndarray:
    """Boolean mask of shape (N, max_len), ``True`` at the first ``lengths[i]`` positions of sequence ``i``.

    Use it as a key mask: ``mask[:, None, :]`` broadcasts over the queries. For
    ``torch.nn.MultiheadAttention(key_padding_mask=...)`` pass its negation.
    """
    lengths = check_array(lengths, "lengths", ndim=1, dtype="integer")
    if lengths.size and lengths.min() < 1:
        raise ValueError(f"lengths must be >= 1 (a sequence with no token has no key), got {lengths.min()}")
    max_len = int(lengths.max()) if max_len is None else check_int(max_len, "max_len")
    if lengths.size and lengths.max() > max_len:
        raise ValueError(f"lengths must be <= max_len={max_len}, got {lengths.max()}")
    return np.arange(max_len)[None, :] < lengths[:, None]


def multi_head_attention(query, key, value, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                         num_heads: int, mask=None, key_mask=None):
    """Multi-head attention with the parameters of ``torch.nn.MultiheadAttention`` (batch first).

    Each head ``h`` projects ``Q_h = query W_q,h^T + b_q,h`` (and likewise K, V) to ``E / num_heads``
    features, runs :func:`scaled_dot_product_attention`, and the heads' outputs are concatenated and
    projected by ``out_proj``.

    Parameters
    ----------
    query : array_like, shape (N, T, E)
    key, value : array_like, shape (N, S, E)
    in_proj_weight : array_like, shape (3E, E)
        The query, key and value projections stacked in that order (torch's ``in_proj_weight``).
    in_proj_bias : array_like, shape (3E,)
    out_proj_weight : array_like, shape (E, E)
    out_proj_bias : array_like, shape (E,)
    num_heads : int
        Must divide ``E``.
    mask : array_like of bool, shape (T, S) or (N, T, S), optional
        ``True`` where a query may attend to a key (e.g. :func:`causal_mask`).
    key_mask : array_like of bool, shape (N, S), optional
        ``True`` at real (non-padding) keys (e.g. :func:`padding_mask`); torch's ``key_padding_mask`` is
        its negation.

    Returns
    -------
    out : ndarray, shape (N, T, E)
    weights : ndarray, shape (N, num_heads, T, S)
        Per-head attention weights (torch returns their mean over heads unless
        ``average_attn_weights=False``).
    """
    query = check_array(query, "query", ndim=3, shape=(None, None, None)).astype(float)
    N, T, E = query.shape
    key = check_array(key, "key", ndim=3, shape=(N, None, E)).astype(float)
    S = key.shape[1]
    value = check_array(value, "value", shape=(N, S, E)).astype(float)
    W = check_array(in_proj_weight, "in_proj_weight", shape=(3 * E, E)).astype(float)
    b = check_array(in_proj_bias, "in_proj_bias", shape=(3 * E,)).astype(float)
    Wo = check_array(out_proj_weight, "out_proj_weight", shape=(E, E)).astype(float)
    bo = check_array(out_proj_bias, "out_proj_bias", shape=(E,)).astype(float)
    num_heads = check_int(num_heads, "num_heads")
    if E % num_heads:
        raise ValueError(f"num_heads must divide the embedding size E={E}, got {num_heads}")
    d = E // num_heads

    def split(x, W_part, b_part):                                     # (N, L, E) -> (N, heads, L, d)
        y = x @ W_part.T + b_part
        return y.reshape(N, x.shape[1], num_heads, d).transpose(0, 2, 1, 3)

    Q = split(query, W[:E], b[:E])
    K = split(key, W[E:2 * E], b[E:2 * E])
    V = split(value, W[2 * E:], b[2 * E:])
    full = np.ones((N, 1, T, S), dtype=bool)
    if mask is not None:
        m = check_array(mask, "mask", ndim=(2, 3), dtype="bool")
        if m.shape[-2:] != (T, S) or (m.ndim == 3 and m.shape[0] != N):
            raise ValueError(f"mask must have shape (T, S) = ({T}, {S}) or (N, T, S), got {m.shape}")
        full = full & (m[None, None] if m.ndim == 2 else m[:, None])
    if key_mask is not None:
        km = check_array(key_mask, "key_mask", shape=(N, S), dtype="bool")
        full = full & km[:, None, None, :]
    out, weights = scaled_dot_product_attention(
        Q, K, V, mask=None if (mask is None and key_mask is None) else full)
    concat = out.transpose(0, 2, 1, 3).reshape(N, T, E)               # heads side by side
    return concat @ Wo.T + bo, weights


def sinusoidal_positional_encoding(length: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    """The sinusoidal position table, shape (length, d_model).

    ``PE[t, 2i] = sin(t / base^(2i / d_model))`` and ``PE[t, 2i + 1] = cos(t / base^(2i / d_model))``:
    each pair of columns is a clock turning at its own speed, from one radian per step down to
    ``1 / base`` radians per step. ``d_model`` must be even.
    """
    length = check_int(length, "length")
    d_model = check_int(d_model, "d_model")
    if d_model % 2:
        raise ValueError(f"d_model must be even (sine and cosine columns come in pairs), got {d_model}")
    if not check_number(base, "base") > 1:
        raise ValueError(f"base must be > 1, got {base!r}")
    t = np.arange(length)[:, None]
    freq = base ** (-np.arange(0, d_model, 2) / d_model)
    pe = np.empty((length, d_model))
    pe[:, 0::2] = np.sin(t * freq)
    pe[:, 1::2] = np.cos(t * freq)
    return pe


class PreLNTransformerBlock(nn.Module):
    """A pre-LN transformer block: ``x = x + MHA(LN1(x))``, then ``x = x + MLP(LN2(x))``.

    The MLP is ``Linear(d_model, d_ff) -> ReLU -> Linear(d_ff, d_model)``. Inputs and outputs have shape
    (N, T, d_model) (batch first). With ``dropout=0`` it computes what
    ``torch.nn.TransformerEncoderLayer(d_model, num_heads, d_ff, dropout=0, norm_first=True,
    batch_first=True)`` computes with the same parameters.

    Parameters
    ----------
    d_model : int
    num_heads : int
        Must divide ``d_model``.
    d_ff : int
        Width of the MLP's hidden layer.
    dropout : float
        Dropout on the attention weights and on both residual branches (0 by default).
    """

    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout: float = 0.0):
        super().__init__()
        d_model, num_heads, d_ff = (check_int(a, n) for a, n in
                                    ((d_model, "d_model"), (num_heads, "num_heads"), (d_ff, "d_ff")))
        if d_model % num_heads:
            raise ValueError(f"num_heads must divide d_model={d_model}, got {num_heads}")
        if not check_number(dropout, "dropout", nonnegative=True) < 1:
            raise ValueError(f"dropout must be < 1, got {dropout!r}")
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, num_heads, dropout=dropout, batch_first=True)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Linear(d_ff, d_model))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, attn_mask=None, key_padding_mask=None):
        """``x`` (N, T, d_model); the masks follow ``torch.nn.MultiheadAttention`` (``True`` = ignore)."""
        h = self.ln1(x)
        a, _ = self.attn(h, h, h, attn_mask=attn_mask, key_padding_mask=key_padding_mask, need_weights=False)
        x = x + self.drop(a)
        return x + self.drop(self.mlp(self.ln2(x)))


def associative_recall(n: int, n_pairs: int, n_keys: int, n_values: int, random_state=None):
    """Key-value pairs followed by a query key: which value was stored under it?

    Each sequence holds ``n_pairs`` positions with a (key, value) pair, distinct keys drawn from
    ``range(n_keys)`` and values from ``range(n_values)``, then one query position whose key is one of the
    stored keys and whose value slot holds the blank token ``n_values``.

    Parameters
    ----------
    n : int
        Number of sequences.
    n_pairs : int
        Pairs per sequence, at most ``n_keys``.
    n_keys, n_values : int
        Sizes of the key and value vocabularies.
    random_state : int or numpy.random.Generator, optional

    Returns
    -------
    keys : ndarray of int, shape (n, n_pairs + 1)
        The keys; the last column is the query.
    values : ndarray of int, shape (n, n_pairs + 1)
        The values; the last column is the blank ``n_values``.
    target : ndarray of int, shape (n,)
        The value stored under the query key.
    """
    n, n_pairs = check_int(n, "n"), check_int(n_pairs, "n_pairs")
    n_keys, n_values = check_int(n_keys, "n_keys"), check_int(n_values, "n_values")
    if n_pairs > n_keys:
        raise ValueError(f"n_pairs must be <= n_keys={n_keys} (keys are distinct), got {n_pairs}")
    rng = np.random.default_rng(random_state)
    stored = np.argsort(rng.random((n, n_keys)), axis=1)[:, :n_pairs]
    vals = rng.integers(0, n_values, size=(n, n_pairs))
    which = rng.integers(0, n_pairs, size=n)
    rows = np.arange(n)
    keys = np.concatenate([stored, stored[rows, which][:, None]], axis=1)
    values = np.concatenate([vals, np.full((n, 1), n_values)], axis=1)
    return keys, values, vals[rows, which]
