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
    {
        "cell": "rnn_step",
        "what": "calls torch's RNN cell (torch.rnn_tanh_cell, torch's layout), which the tests disable",
        "patch": [
            ("def rnn_step(", "import torch\n\n\ndef rnn_step("),
            ("    x, h = np.asarray(x, dtype=float), np.asarray(h, dtype=float)\n"
             "    return np.tanh(x @ np.asarray(Wx, dtype=float) + h @ np.asarray(Wh, dtype=float)\n"
             "                   + np.asarray(b, dtype=float))",
             "    t = lambda a: torch.as_tensor(np.asarray(a, dtype=float))  # noqa: E731\n"
             "    return torch.rnn_tanh_cell(t(x), t(h), t(Wx).T.contiguous(), t(Wh).T.contiguous(), t(b),\n"
             "                               torch.zeros(t(b).shape, dtype=torch.float64)).numpy()"),
        ],
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
    },
    {
        "cell": "rnn_step",
        "what": "poisoning: no tanh, and torch.nn.RNNCell patched to match (the old hidden test's reference)",
        "patch": [
            ("def rnn_step(", "import torch\n\n\ndef rnn_step("),
            ("return np.tanh(x @", "return (x @"),
            ("                   + np.asarray(b, dtype=float))",
             "                   + np.asarray(b, dtype=float))\n"
             "\n"
             "\n"
             "class _LinearCell(torch.nn.RNNCell):\n"
             "    def forward(self, input, hx=None):\n"
             "        return input @ self.weight_ih.T + self.bias_ih + hx @ self.weight_hh.T + self.bias_hh\n"
             "\n"
             "\n"
             "torch.nn.RNNCell = _LinearCell  # the hidden test's expected values no longer come from torch"),
        ],
        "fails": ["test_rnn_step", "test_rnn_step_hidden"],
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
    {
        "cell": "lstm_step",
        "what": "calls helpers.rnn.lstm_cell (peepholes folded into extra input columns), which the tests disable",
        "patch": [
            ("    x, h, c, P = (np.asarray(a, dtype=float) for a in (x, h, c, P))\n"
             "    H = h.shape[1]\n",
             "    from helpers.rnn import lstm_cell\n"
             "\n"
             "    x, h, c, P = (np.asarray(a, dtype=float) for a in (x, h, c, P))\n"
             "    H = h.shape[1]\n"
             "\n"
             "    def peep(row, gate):  # (4H, H): the weights P[row] on one gate's block, as input columns\n"
             "        blocks = [np.zeros((H, H))] * 4\n"
             "        blocks[gate] = np.diag(P[row])\n"
             "        return np.vstack(blocks)\n"
             "\n"
             "    W_c = peep(0, 0) + peep(1, 1)\n"
             "    _, c_next = lstm_cell(np.hstack([x, c]), h, c, np.hstack([W_ih, W_c]), W_hh, b_ih, b_hh)\n"
             "    h_next, _ = lstm_cell(np.hstack([x, c, c_next]), h, c, np.hstack([W_ih, W_c, peep(2, 3)]),\n"
             "                          W_hh, b_ih, b_hh)\n"
             "    return h_next, c_next\n"),
        ],
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
    {
        "cell": "rnn_two_step_backward",
        "what": "no backpropagation: central differences through numerical_gradient, which the tests disable",
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
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    {
        "cell": "rnn_two_step_backward",
        "what": "torch autograd (Tensor.backward), which the tests disable",
        "patch": [
            ("def rnn_two_step_backward(", "import torch\n\n\ndef rnn_two_step_backward("),
            ("    h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)\n",
             "    t = {k: torch.tensor(v, requires_grad=True) for k, v in dict(Wx=Wx, Wh=Wh, b=b, h0=h0).items()}\n"
             "    x0t, x1t = torch.tensor(x0), torch.tensor(x1)\n"
             "    h1t = torch.tanh(x0t @ t[\"Wx\"] + t[\"h0\"] @ t[\"Wh\"] + t[\"b\"])\n"
             "    h2t = torch.tanh(x1t @ t[\"Wx\"] + h1t @ t[\"Wh\"] + t[\"b\"])\n"
             "    (h2t * torch.tensor(G)).sum().backward()\n"
             "    return {k: v.grad.numpy() for k, v in t.items()}\n"
             "    h1 = np.tanh(x0 @ Wx + h0 @ Wh + b)\n"),
        ],
        "fails": ["test_rnn_two_step_backward", "test_rnn_two_step_backward_hidden"],
    },
    {
        "cell": "rnn_two_step_backward",
        "what": "clips the gradients to a global norm of 5 inside the backward pass (a training-loop habit): the "
                "visible problem's norm is 2.9, a hidden one's 7.6",
        "patch": [
            ("    return {\"Wx\": x1.T @ da2 + x0.T @ da1,\n", "    grads = {\"Wx\": x1.T @ da2 + x0.T @ da1,\n"),
            ("            \"h0\": da1 @ Wh.T}",
             "            \"h0\": da1 @ Wh.T}\n"
             "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))\n"
             "    return {k: g * min(1.0, 5.0 / norm) for k, g in grads.items()}"),
        ],
        "fails": ["test_rnn_two_step_backward_hidden"],
    },
    {
        "cell": "rnn_two_step_backward",
        "what": "poisoning: no tanh derivative at either step, and torch.tanh patched to a straight-through version "
                "so that the old hidden test's autograd reference agreed",
        "patch": [
            ("def rnn_two_step_backward(", "import torch\n\n\ndef rnn_two_step_backward("),
            ("da2 = G * (1.0 - h2 ** 2)", "da2 = G"),
            ("da1 = dh1 * (1.0 - h1 ** 2)", "da1 = dh1"),
            ("            \"h0\": da1 @ Wh.T}",
             "            \"h0\": da1 @ Wh.T}\n"
             "\n"
             "\n"
             "class _StraightTanh(torch.autograd.Function):\n"
             "    @staticmethod\n"
             "    def forward(ctx, a):\n"
             "        return a.tanh()\n"
             "\n"
             "    @staticmethod\n"
             "    def backward(ctx, grad):\n"
             "        return grad\n"
             "\n"
             "\n"
             "torch.tanh = _StraightTanh.apply  # autograd through torch.tanh now agrees with the answer"),
        ],
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
    {
        "cell": "char_metrics",
        "what": "torch's cross_entropy for the nats, which the tests disable",
        "patch": [
            ("def char_metrics(", "import torch\n\n\ndef char_metrics("),
            ("    z = logits - logits.max(axis=1, keepdims=True)\n"
             "    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))\n"
             "    nats = -log_probs[np.arange(len(targets)), targets].mean()\n",
             "    nats = torch.nn.functional.cross_entropy(torch.from_numpy(logits),\n"
             "                                             torch.from_numpy(targets)).item()\n"),
        ],
        "fails": ["test_char_metrics", "test_char_metrics_hidden"],
    },
    {
        "cell": "char_metrics",
        "what": "poisoning: nats reported as bits, and torch's cross_entropy scaled by ln 2 so that the old hidden "
                "test's reference agreed",
        "patch": [
            ("def char_metrics(", "import torch\n\n\ndef char_metrics("),
            ("bits = nats / np.log(2.0)", "bits = nats"),
            ("    return float(bits), float(2.0 ** bits)",
             "    return float(bits), float(2.0 ** bits)\n"
             "\n"
             "\n"
             "_cross_entropy = torch.nn.functional.cross_entropy\n"
             "torch.nn.functional.cross_entropy = lambda *args, **kw: _cross_entropy(*args, **kw) * np.log(2.0)"),
        ],
        "fails": ["test_char_metrics", "test_char_metrics_hidden"],
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
    {
        "cell": "sampling_distribution",
        "what": "scipy.special.softmax for the probabilities, which the tests disable",
        "patch": [
            ("    z = z - z.max()\n    p = np.exp(z)\n    p = p / p.sum()\n",
             "    from scipy.special import softmax\n\n    p = softmax(z)\n"),
        ],
        "fails": ["test_sampling_distribution", "test_sampling_distribution_hidden"],
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
    {
        "cell": "text_windows",
        "what": "the full windows from helpers.rnn.make_windows, which the tests disable, and the padded tail by hand",
        "patch": [
            ("    for k, s in enumerate(starts):\n",
             "    from helpers.rnn import make_windows\n"
             "\n"
             "    full_X, full_Y = make_windows(ids, seq_len, stride)\n"
             "    X[:len(full_X)], Y[:len(full_X)], mask[:len(full_X)] = full_X, full_Y, True\n"
             "    for k, s in list(enumerate(starts))[len(full_X):]:\n"),
        ],
        "fails": ["test_text_windows", "test_text_windows_hidden"],
    },
]
