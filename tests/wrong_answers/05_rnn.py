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
    {
        "cell": "rnn_step",
        "what": "one example at a time into an output preallocated like x: only works when D == H",
        "patch": [
            ("    return np.tanh(x @ np.asarray(Wx, dtype=float) + h @ np.asarray(Wh, dtype=float)\n"
             "                   + np.asarray(b, dtype=float))",
             "    out = np.zeros_like(x)\n"
             "    for n in range(x.shape[0]):\n"
             "        out[n] = np.tanh(x[n] @ np.asarray(Wx, dtype=float) + h[n] @ np.asarray(Wh, dtype=float)\n"
             "                         + np.asarray(b, dtype=float))\n"
             "    return out"),
        ],
        "fails": ["test_rnn_step_hidden"],
        "error": "ValueError",  # numpy cannot fit the H values of a row into the D slots of out
    },
    # ---------------------------------------------------------------- part 2: peephole LSTM step
    {
        "cell": "lstm_step",
        "what": "gate blocks read in the order (i, f, o, g) instead of torch's (i, f, g, o)",
        "patch": [
            ("g = np.tanh(z[:, 2 * H:3 * H])", "g = np.tanh(z[:, 3 * H:])"),
            ("o = sig(z[:, 3 * H:] + P[2] * c_next)", "o = sig(z[:, 2 * H:3 * H] + P[2] * c_next)"),
        ],
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    {
        "cell": "lstm_step",
        "what": "the book's description: h_next = o * c_next without the tanh",
        "patch": [("h_next = o * np.tanh(c_next)", "h_next = o * c_next")],
        "fails": ["test_lstm_step", "test_lstm_step_hidden"],
    },
    {
        "cell": "lstm_step",
        "what": "the output gate's peephole looks at the previous cell state instead of the new one",
        "patch": [("o = sig(z[:, 3 * H:] + P[2] * c_next)", "o = sig(z[:, 3 * H:] + P[2] * c)")],
        "fails": ["test_lstm_step_hidden"],
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
    {
        "cell": "rnn_two_step_backward",
        "what": "no backpropagation: central differences through numerical_gradient, as the visible check does",
        "patch": [
            ("    h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)\n"
             "    h2 = np.tanh(x1 @ Wx + h1 @ Wh + b)\n",
             "    def loss(Wx=Wx, Wh=Wh, b=b, h0=h0):\n"
             "        h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)\n"
             "        return np.sum(np.tanh(x1 @ Wx + h1 @ Wh + b) * G)\n"
             "\n"
             "    return {k: numerical_gradient(lambda v, k=k: loss(**{k: v}), v)\n"
             "            for k, v in ((\"Wx\", Wx), (\"Wh\", Wh), (\"b\", b), (\"h0\", h0))}\n"),
            ("    da2 = G * (1.0 - h2 ** 2)\n"
             "    dh1 = da2 @ Wh.T\n"
             "    da1 = dh1 * (1.0 - h1 ** 2)\n"
             "    return {\"Wx\": x1.T @ da2 + x0.T @ da1,\n"
             "            \"Wh\": h1.T @ da2 + h0.T @ da1,\n"
             "            \"b\": da2.sum(axis=0) + da1.sum(axis=0),\n"
             "            \"h0\": da1 @ Wh.T}", ""),
        ],
        "fails": ["test_rnn_two_step_backward_hidden"],
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
    # ---------------------------------------------------------------- part 5: temperature and top-p
    {
        "cell": "sampling_distribution",
        "what": "multiplies by the temperature instead of dividing",
        "patch": [("np.asarray(logits, dtype=float) / temperature", "np.asarray(logits, dtype=float) * temperature")],
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    {
        "cell": "sampling_distribution",
        "what": "drops the character whose probability makes the total reach top_p (compares the running total "
                "including it)",
        "patch": [("keep[order[before < top_p]] = True", "keep[order[np.cumsum(p[order]) < top_p]] = True")],
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
    },
    {
        "cell": "sampling_distribution",
        "what": "chooses the nucleus from the probabilities at temperature 1, and applies the temperature after",
        "patch": [
            ("z = np.asarray(logits, dtype=float) / temperature", "z = np.asarray(logits, dtype=float)"),
            ("    q = np.where(keep, p, 0.0)", "    q = np.where(keep, np.exp(z / temperature), 0.0)"),
        ],
        "fails": ["test_sampling_distribution_hidden"],
    },
    # ---------------------------------------------------------------- part 6: padded windows
    {
        "cell": "text_windows",
        "what": "the lecture's rule: keeps only the windows that are full, so the end of the text is lost",
        "patch": [("starts = range(0, L - 1, stride)", "starts = range(0, L - seq_len, stride)")],
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
    {
        "cell": "text_windows",
        "what": "keeps the last input of the text in X although it has no target (X and the mask disagree)",
        "patch": [("        X[k, :n] = ids[s:s + n]\n",
                   "        m = min(seq_len, L - s)\n"
                   "        X[k, :m] = ids[s:s + m]\n")],
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
    {
        "cell": "text_windows",
        "what": "off by one: drops a last window that has exactly one target",
        "patch": [("starts = range(0, L - 1, stride)", "starts = range(0, L - 2, stride)")],
        "fails": ["test_text_windows_hidden"],
    },
]
