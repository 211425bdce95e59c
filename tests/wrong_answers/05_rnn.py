"""Plausible student mistakes for the 05_rnn assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: RNN step
    {
        "cell": "rnn_step",
        # torch's layout habit: transposes the recurrent matrix
        "source": '''
def rnn_step(x, h, Wx, Wh, b):
    """Next hidden state tanh(x @ Wx + h @ Wh + b), shape (N, H)."""
    return np.tanh(x @ Wx + h @ Wh.T + b)
''',
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
    },
    {
        "cell": "rnn_step",
        # forgets the nonlinearity
        "source": '''
def rnn_step(x, h, Wx, Wh, b):
    """Next hidden state tanh(x @ Wx + h @ Wh + b), shape (N, H)."""
    return x @ Wx + h @ Wh + b
''',
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
    },
    # ---------------------------------------------------------------- part 2: LSTM step
    {
        "cell": "lstm_step",
        # gate blocks read in the order (i, f, o, g) instead of torch's (i, f, g, o)
        "source": '''
def lstm_step(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step in torch's layout and gate order (i, f, g, o); returns (h_next, c_next)."""
    H = h.shape[1]
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    sig = lambda a: 1 / (1 + np.exp(-a))
    i, f, o = sig(z[:, :H]), sig(z[:, H:2 * H]), sig(z[:, 2 * H:3 * H])
    g = np.tanh(z[:, 3 * H:])
    c_next = f * c + i * g
    return o * np.tanh(c_next), c_next
''',
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    {
        "cell": "lstm_step",
        # the book's description: h_next = o * c_next without the tanh
        "source": '''
def lstm_step(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step in torch's layout and gate order (i, f, g, o); returns (h_next, c_next)."""
    H = h.shape[1]
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    sig = lambda a: 1 / (1 + np.exp(-a))
    i, f, g, o = sig(z[:, :H]), sig(z[:, H:2 * H]), np.tanh(z[:, 2 * H:3 * H]), sig(z[:, 3 * H:])
    c_next = f * c + i * g
    return o * c_next, c_next
''',
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    # ---------------------------------------------------------------- part 3: BPTT
    {
        "cell": "rnn_two_step_backward",
        # only the last step's contribution to the shared weights
        "source": '''
def rnn_two_step_backward(x0, x1, h0, Wx, Wh, b, G):
    """Gradients of L = sum(h2 * G) w.r.t. Wx, Wh, b and h0 (a dict with those keys)."""
    h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)
    h2 = np.tanh(x1 @ Wx + h1 @ Wh + b)
    da2 = G * (1 - h2 ** 2)
    da1 = (da2 @ Wh.T) * (1 - h1 ** 2)
    return {"Wx": x1.T @ da2, "Wh": h1.T @ da2, "b": da2.sum(axis=0), "h0": da1 @ Wh.T}
''',
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    {
        "cell": "rnn_two_step_backward",
        # forgets the tanh derivative at the first step
        "source": '''
def rnn_two_step_backward(x0, x1, h0, Wx, Wh, b, G):
    """Gradients of L = sum(h2 * G) w.r.t. Wx, Wh, b and h0 (a dict with those keys)."""
    h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)
    h2 = np.tanh(x1 @ Wx + h1 @ Wh + b)
    da2 = G * (1 - h2 ** 2)
    da1 = da2 @ Wh.T
    return {"Wx": x1.T @ da2 + x0.T @ da1, "Wh": h1.T @ da2 + h0.T @ da1,
            "b": da2.sum(axis=0) + da1.sum(axis=0), "h0": da1 @ Wh.T}
''',
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    # ---------------------------------------------------------------- part 4: bits per char
    {
        "cell": "char_metrics",
        # natural log: nats, not bits (and perplexity computed as 2 ** nats)
        "source": '''
def char_metrics(logits, targets):
    """(bits per character, perplexity) of next-character logits (T, V) against integer targets (T,)."""
    z = logits - logits.max(axis=1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    loss = -log_probs[np.arange(len(targets)), targets].mean()
    return float(loss), float(2.0 ** loss)
''',
        "fails": ["test_char_metrics", "test_char_metrics_hidden"],
    },
    {
        "cell": "char_metrics",
        # naive softmax without subtracting the maximum: overflows for large logits
        "source": '''
def char_metrics(logits, targets):
    """(bits per character, perplexity) of next-character logits (T, V) against integer targets (T,)."""
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    bits = -np.log2(p[np.arange(len(targets)), targets]).mean()
    return float(bits), float(2.0 ** bits)
''',
        "fails": ["test_char_metrics_hidden"],
    },
    # ---------------------------------------------------------------- part 5: temperature
    {
        "cell": "sampling_distribution",
        # multiplies by the temperature instead of dividing
        "source": '''
def sampling_distribution(logits, temperature, top_k=None):
    """Probabilities softmax(logits / temperature) restricted to the top_k largest logits, shape (V,)."""
    z = np.asarray(logits, dtype=float) * temperature
    if top_k is not None:
        z = np.where(z >= np.sort(z)[-top_k], z, -np.inf)
    p = np.exp(z - z.max())
    return p / p.sum()
''',
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    {
        "cell": "sampling_distribution",
        # top-k keeps the k SMALLEST logits (argsort ascending, first k)
        "source": '''
def sampling_distribution(logits, temperature, top_k=None):
    """Probabilities softmax(logits / temperature) restricted to the top_k largest logits, shape (V,)."""
    z = np.asarray(logits, dtype=float) / temperature
    if top_k is not None:
        mask = np.full(z.shape, -np.inf)
        mask[np.argsort(z)[:top_k]] = 0.0
        z = z + mask
    p = np.exp(z - z.max())
    return p / p.sum()
''',
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    # ---------------------------------------------------------------- part 6: windows
    {
        "cell": "text_windows",
        # the book's framing: one next character per window instead of a shifted window
        "source": '''
def text_windows(ids, seq_len, stride):
    """(X, Y) integer arrays of shape (n_windows, seq_len); Y is X shifted by one position."""
    ids = np.asarray(ids)
    starts = range(0, len(ids) - seq_len, stride)
    X = np.array([ids[s:s + seq_len] for s in starts])
    Y = np.array([ids[s + seq_len] for s in starts])
    return X, Y
''',
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
    {
        "cell": "text_windows",
        # off by one: drops the last window whose target still fits
        "source": '''
def text_windows(ids, seq_len, stride):
    """(X, Y) integer arrays of shape (n_windows, seq_len); Y is X shifted by one position."""
    ids = np.asarray(ids)
    starts = range(0, len(ids) - seq_len - 1, stride)
    X = np.array([ids[s:s + seq_len] for s in starts]).reshape(-1, seq_len)
    Y = np.array([ids[s + 1:s + seq_len + 1] for s in starts]).reshape(-1, seq_len)
    return X, Y
''',
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
]
