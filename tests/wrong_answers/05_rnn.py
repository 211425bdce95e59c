"""Plausible student mistakes for the 05_rnn assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: RNN step
    {
        "cell": "rnn_step",
        "what": "torch's layout habit: transposes the recurrent matrix",
        "patch": [("h @ np.asarray(Wh, dtype=float)", "h @ np.asarray(Wh, dtype=float).T")],
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
    },
    {
        "cell": "rnn_step",
        "what": "forgets the nonlinearity",
        "patch": [("return np.tanh(x @", "return (x @")],
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
    },
    # ---------------------------------------------------------------- part 2: LSTM step
    {
        "cell": "lstm_step",
        "what": "gate blocks read in the order (i, f, o, g) instead of torch's (i, f, g, o)",
        "patch": [
            ("g, o = np.tanh(z[:, 2 * H:3 * H]), sig(z[:, 3 * H:])",
             "o, g = sig(z[:, 2 * H:3 * H]), np.tanh(z[:, 3 * H:])"),
        ],
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    {
        "cell": "lstm_step",
        "what": "the book's description: h_next = o * c_next without the tanh",
        "patch": [("h_next = o * np.tanh(c_next)", "h_next = o * c_next")],
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    # ---------------------------------------------------------------- part 3: BPTT
    {
        "cell": "rnn_two_step_backward",
        "what": "only the last step's contribution to the shared weights",
        "patch": [
            ("x1.T @ da2 + x0.T @ da1", "x1.T @ da2"),
            ("h1.T @ da2 + h0.T @ da1", "h1.T @ da2"),
            ("da2.sum(axis=0) + da1.sum(axis=0)", "da2.sum(axis=0)"),
        ],
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    {
        "cell": "rnn_two_step_backward",
        "what": "forgets the tanh derivative at the first step",
        "patch": [("da1 = dh1 * (1.0 - h1 ** 2)", "da1 = dh1")],
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    # ---------------------------------------------------------------- part 4: bits per char
    {
        "cell": "char_metrics",
        "what": "natural log: nats, not bits (and perplexity computed as 2 ** nats)",
        "patch": [("bits = nats / np.log(2.0)", "bits = nats")],
        "fails": ["test_char_metrics", "test_char_metrics_hidden"],
    },
    {
        "cell": "char_metrics",
        "what": "naive softmax without subtracting the maximum: overflows for large logits",
        "patch": [("z = logits - logits.max(axis=1, keepdims=True)", "z = logits")],
        "fails": ["test_char_metrics_hidden"],
    },
    # ---------------------------------------------------------------- part 5: temperature
    {
        "cell": "sampling_distribution",
        "what": "multiplies by the temperature instead of dividing",
        "patch": [("np.asarray(logits, dtype=float) / temperature", "np.asarray(logits, dtype=float) * temperature")],
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    {
        "cell": "sampling_distribution",
        "what": "top-k keeps the k SMALLEST logits (argsort ascending, first k)",
        "patch": [("keep = np.argsort(z)[-top_k:]", "keep = np.argsort(z)[:top_k]")],
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    # ---------------------------------------------------------------- part 6: windows
    {
        "cell": "text_windows",
        "what": "the book's framing: one next character per window instead of a shifted window",
        "patch": [
            ("Y = np.array([ids[s + 1:s + seq_len + 1] for s in starts], dtype=int).reshape(-1, seq_len)",
             "Y = np.array([ids[s + seq_len] for s in starts], dtype=int)"),
        ],
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
    {
        "cell": "text_windows",
        "what": "off by one: drops the last window whose target still fits",
        "patch": [("range(0, len(ids) - seq_len, stride)", "range(0, len(ids) - seq_len - 1, stride)")],
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
]
