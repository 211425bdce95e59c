"""Tests for helpers.attention: NumPy attention against torch, positional encodings, the pre-LN block, data."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import attention as att


def _t(x):
    return torch.from_numpy(np.asarray(x, dtype=np.float64))


# ---------------------------------------------------------------- scaled_dot_product_attention
@pytest.mark.parametrize("shape", [(5, 4, 3, 6), (2, 3, 7, 5, 4, 8)])
def test_sdpa_matches_torch(shape):
    rng = np.random.default_rng(0)
    lead, (T, S, d_k, d_v) = shape[:-4], shape[-4:]
    q = rng.normal(size=(*lead, T, d_k))
    k = rng.normal(size=(*lead, S, d_k))
    v = rng.normal(size=(*lead, S, d_v))
    out, w = att.scaled_dot_product_attention(q, k, v)
    ref = F.scaled_dot_product_attention(_t(q), _t(k), _t(v)).numpy()
    np.testing.assert_allclose(out, ref, atol=1e-12)
    np.testing.assert_allclose(w.sum(axis=-1), 1.0, atol=1e-12)
    assert w.shape == (*lead, T, S)


def test_sdpa_masks_match_torch():
    rng = np.random.default_rng(1)
    q, k, v = rng.normal(size=(3, 6, 4)), rng.normal(size=(3, 6, 4)), rng.normal(size=(3, 6, 5))
    causal = att.causal_mask(6)
    out, w = att.scaled_dot_product_attention(q, k, v, mask=causal)
    ref = F.scaled_dot_product_attention(_t(q), _t(k), _t(v), is_causal=True).numpy()
    np.testing.assert_allclose(out, ref, atol=1e-12)
    assert np.all(w[:, ~causal] == 0)
    keep = att.padding_mask(np.array([6, 2, 4]))[:, None, :]          # (3, 1, 6)
    out, w = att.scaled_dot_product_attention(q, k, v, mask=keep)
    ref = F.scaled_dot_product_attention(_t(q), _t(k), _t(v), attn_mask=torch.from_numpy(keep)).numpy()
    np.testing.assert_allclose(out, ref, atol=1e-12)
    assert np.all(w[1, :, 2:] == 0) and np.all(w[2, :, 4:] == 0)


def test_sdpa_custom_scale():
    rng = np.random.default_rng(2)
    q, k, v = rng.normal(size=(4, 3)), rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    out, _ = att.scaled_dot_product_attention(q, k, v, scale=0.7)
    ref = F.scaled_dot_product_attention(_t(q), _t(k), _t(v), scale=0.7).numpy()
    np.testing.assert_allclose(out, ref, atol=1e-12)


def test_sdpa_errors():
    q, k, v = np.zeros((4, 3)), np.zeros((5, 3)), np.zeros((5, 2))
    with pytest.raises(ValueError, match="same last dimension"):
        att.scaled_dot_product_attention(q, np.zeros((5, 4)), v)
    with pytest.raises(ValueError, match="same number of positions"):
        att.scaled_dot_product_attention(q, k, np.zeros((6, 2)))
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        att.scaled_dot_product_attention(np.zeros(3), k, v)
    with pytest.raises(ValueError, match="no key to attend"):
        att.scaled_dot_product_attention(q, k, v, mask=np.zeros((4, 5), dtype=bool))
    with pytest.raises(ValueError, match="does not broadcast"):
        att.scaled_dot_product_attention(q, k, v, mask=np.ones((3, 5), dtype=bool))
    with pytest.raises(TypeError, match="mask must hold bool"):
        att.scaled_dot_product_attention(q, k, v, mask=np.ones((4, 5)))
    with pytest.raises(ValueError, match="scale must be > 0"):
        att.scaled_dot_product_attention(q, k, v, scale=-1.0)


# ---------------------------------------------------------------- masks
def test_causal_mask_matches_torch_convention():
    T, S = 4, 6
    ref = torch.ones(T, S, dtype=torch.bool).tril(diagonal=S - T).numpy()
    np.testing.assert_array_equal(att.causal_mask(T, S), ref)
    assert att.causal_mask(3).tolist() == [[True, False, False], [True, True, False], [True, True, True]]
    with pytest.raises(ValueError, match="S must be >= T"):
        att.causal_mask(5, 3)
    with pytest.raises(TypeError, match="T must be an int"):
        att.causal_mask(2.0)


def test_padding_mask():
    m = att.padding_mask([3, 1], max_len=4)
    assert m.tolist() == [[True, True, True, False], [True, False, False, False]]
    with pytest.raises(ValueError, match="lengths must be <= max_len"):
        att.padding_mask([5], max_len=4)
    with pytest.raises(ValueError, match="lengths must be >= 1"):
        att.padding_mask([0, 2])
    with pytest.raises(TypeError, match="lengths must hold integer"):
        att.padding_mask([1.5, 2.0])


# ---------------------------------------------------------------- multi_head_attention
def _mha_params(mha):
    return [p.detach().numpy() for p in (mha.in_proj_weight, mha.in_proj_bias,
                                          mha.out_proj.weight, mha.out_proj.bias)]


@pytest.mark.parametrize("num_heads", [1, 2, 4])
def test_mha_matches_torch(num_heads):
    torch.manual_seed(0)
    N, T, S, E = 3, 5, 7, 8
    mha = torch.nn.MultiheadAttention(E, num_heads, batch_first=True).double()
    rng = np.random.default_rng(3)
    q, k, v = rng.normal(size=(N, T, E)), rng.normal(size=(N, S, E)), rng.normal(size=(N, S, E))
    keep = att.padding_mask([7, 3, 5], max_len=S)
    ref_out, ref_w = mha(_t(q), _t(k), _t(v), key_padding_mask=torch.from_numpy(~keep),
                         average_attn_weights=False)
    out, w = att.multi_head_attention(q, k, v, *_mha_params(mha), num_heads=num_heads, key_mask=keep)
    np.testing.assert_allclose(out, ref_out.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(w, ref_w.detach().numpy(), atol=1e-12)


def test_mha_causal_self_attention_matches_torch():
    torch.manual_seed(1)
    N, T, E, h = 2, 6, 12, 3
    mha = torch.nn.MultiheadAttention(E, h, batch_first=True).double()
    x = np.random.default_rng(4).normal(size=(N, T, E))
    causal = att.causal_mask(T)
    ref_out, ref_w = mha(_t(x), _t(x), _t(x), attn_mask=torch.from_numpy(~causal))
    out, w = att.multi_head_attention(x, x, x, *_mha_params(mha), num_heads=h, mask=causal)
    np.testing.assert_allclose(out, ref_out.detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(w.mean(axis=1), ref_w.detach().numpy(), atol=1e-12)


def test_mha_errors():
    mha = torch.nn.MultiheadAttention(8, 2, batch_first=True)
    params = _mha_params(mha)
    x = np.zeros((2, 3, 8))
    with pytest.raises(ValueError, match="num_heads must divide"):
        att.multi_head_attention(x, x, x, *params, num_heads=3)
    with pytest.raises(ValueError, match=r"in_proj_weight must have shape \(24, 8\)"):
        att.multi_head_attention(x, x, x, params[0][:8], *params[1:], num_heads=2)
    with pytest.raises(ValueError, match="key must have shape"):
        att.multi_head_attention(x, np.zeros((2, 3, 4)), x, *params, num_heads=2)
    with pytest.raises(ValueError, match="key_mask must have shape"):
        att.multi_head_attention(x, x, x, *params, num_heads=2, key_mask=np.ones((2, 4), dtype=bool))
    with pytest.raises(ValueError, match="mask must have shape"):
        att.multi_head_attention(x, x, x, *params, num_heads=2, mask=np.ones((3, 4), dtype=bool))


# ---------------------------------------------------------------- positional encoding
def test_positional_encoding_formula_and_properties():
    T, d = 50, 16
    pe = att.sinusoidal_positional_encoding(T, d)
    t = torch.arange(T, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-np.log(10000.0) / d))
    ref = torch.zeros(T, d, dtype=torch.float64)
    ref[:, 0::2], ref[:, 1::2] = torch.sin(t * div), torch.cos(t * div)
    np.testing.assert_allclose(pe, ref.numpy(), atol=1e-12)
    # each (sin, cos) pair has norm 1, and a shift by k is the same rotation at every position
    np.testing.assert_allclose(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, 1.0, atol=1e-12)
    k, w = 3, 10000.0 ** (-np.arange(0, d, 2) / d)
    rotated_sin = pe[:-k, 0::2] * np.cos(k * w) + pe[:-k, 1::2] * np.sin(k * w)
    np.testing.assert_allclose(rotated_sin, pe[k:, 0::2], atol=1e-12)


def test_positional_encoding_errors():
    with pytest.raises(ValueError, match="d_model must be even"):
        att.sinusoidal_positional_encoding(4, 5)
    with pytest.raises(ValueError, match="base must be > 1"):
        att.sinusoidal_positional_encoding(4, 4, base=0.5)
    with pytest.raises(TypeError, match="length must be an int"):
        att.sinusoidal_positional_encoding(4.0, 4)


# ---------------------------------------------------------------- PreLNTransformerBlock
def test_block_matches_torch_encoder_layer():
    torch.manual_seed(0)
    d, h, ff = 16, 4, 32
    block = att.PreLNTransformerBlock(d, h, ff).double().eval()
    layer = torch.nn.TransformerEncoderLayer(d, h, ff, dropout=0.0, norm_first=True,
                                             batch_first=True).double().eval()
    layer.self_attn.load_state_dict(block.attn.state_dict())
    layer.norm1.load_state_dict(block.ln1.state_dict())
    layer.norm2.load_state_dict(block.ln2.state_dict())
    layer.linear1.load_state_dict(block.mlp[0].state_dict())
    layer.linear2.load_state_dict(block.mlp[2].state_dict())
    x = torch.randn(3, 7, d, dtype=torch.float64)
    pad = torch.tensor([[False] * 7, [False] * 4 + [True] * 3, [False] * 6 + [True]])
    with torch.no_grad():
        np.testing.assert_allclose(block(x, key_padding_mask=pad).numpy(),
                                   layer(x, src_key_padding_mask=pad).numpy(), atol=1e-12)
        causal = torch.from_numpy(~att.causal_mask(7))
        np.testing.assert_allclose(block(x, attn_mask=causal).numpy(),
                                   layer(x, src_mask=causal).numpy(), atol=1e-12)


def test_block_errors():
    with pytest.raises(ValueError, match="num_heads must divide"):
        att.PreLNTransformerBlock(10, 3, 20)
    with pytest.raises(ValueError, match="dropout must be < 1"):
        att.PreLNTransformerBlock(8, 2, 16, dropout=1.0)
    with pytest.raises(TypeError, match="d_ff must be an int"):
        att.PreLNTransformerBlock(8, 2, 16.0)


# ---------------------------------------------------------------- associative_recall
def test_associative_recall():
    keys, values, target = att.associative_recall(500, 6, 10, 7, random_state=0)
    assert keys.shape == values.shape == (500, 7) and target.shape == (500,)
    assert np.all(values[:, -1] == 7) and values[:, :-1].max() < 7 and keys.max() < 10
    assert all(len(set(row[:-1])) == 6 for row in keys)                # stored keys are distinct
    where = keys[:, :-1] == keys[:, -1:]                                 # the query is stored exactly once
    assert np.all(where.sum(axis=1) == 1)
    np.testing.assert_array_equal(values[:, :-1][where], target)
    again = att.associative_recall(500, 6, 10, 7, random_state=0)
    np.testing.assert_array_equal(again[0], keys)
    with pytest.raises(ValueError, match="n_pairs must be <= n_keys"):
        att.associative_recall(10, 11, 10, 5)
