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
    # ---------------------------------------------------------------- part 4: BPTT over T steps
    {
        "cell": "rnn_sequence",
        "what": "no gradient flows back from later steps: each step only sees its own dh",
        "patch": [("da = (dh[:, t] + carry) * (1.0 - h[:, t] ** 2)", "da = dh[:, t] * (1.0 - h[:, t] ** 2)")],
        "fails": ["test_rnn_sequence", "test_rnn_sequence_hidden_inputs", "test_rnn_sequence_hidden_weights"],
    },
    {
        "cell": "rnn_sequence",
        "what": "returns the gradient of the first pre-activation as dh0, one step short of h0 (no product with Wh)",
        "patch": [("return dx, carry, dWx, dWh, db", "return dx, da, dWx, dWh, db")],
        "fails": ["test_rnn_sequence", "test_rnn_sequence_hidden_inputs"],
    },
    {
        "cell": "rnn_sequence",
        "what": "dx allocated like dh, (N, T, H) instead of (N, T, D): works only when D == H, as in the visible test",
        "patch": [("dx = np.zeros_like(x)", "dx = np.zeros_like(dh)")],
        "fails": ["test_rnn_sequence_hidden_inputs"],
        "error": "ValueError",  # numpy cannot put the D values of a row into the H slots of dx
    },
    {
        "cell": "rnn_sequence",
        "what": "the state before the first step taken as zero in dWh (it is zero in the visible test)",
        "patch": [("h_prev = h[:, t - 1] if t > 0 else h0", "h_prev = h[:, t - 1] if t > 0 else np.zeros_like(h0)")],
        "fails": ["test_rnn_sequence_hidden_weights"],
    },
    {
        "cell": "rnn_sequence",
        "what": "the forward pass by helpers.rnn.rnn_forward (torch's layout), which the tests disable",
        "patch": [
            ("    N, T, _ = x.shape\n"
             "    h = np.empty((N, T, h0.shape[1]))\n"
             "    prev = h0\n"
             "    for t in range(T):\n"
             "        prev = np.tanh(x[:, t] @ Wx + prev @ Wh + b)\n"
             "        h[:, t] = prev\n",
             "    from helpers.rnn import rnn_forward as course_rnn_forward\n"
             "\n"
             "    h, _ = course_rnn_forward(x, h0, Wx.T, Wh.T, b, np.zeros_like(b))\n"),
        ],
        "fails": ["test_rnn_sequence", "test_rnn_sequence_hidden_inputs", "test_rnn_sequence_hidden_weights"],
    },
    # ---------------------------------------------------------------- part 5: LSTM step forward and backward
    {
        "cell": "lstm_step_backward",
        "what": "torch's gate order (i, f, g, o) instead of the stated (i, f, o, g)",
        "patch": [
            ("    sig = 0.5 * (1.0 + np.tanh(0.5 * a[:, :3 * H]))  # sigmoid without overflow\n"
             "    i, f, o = sig[:, :H], sig[:, H:2 * H], sig[:, 2 * H:]\n"
             "    g = np.tanh(a[:, 3 * H:])\n",
             "    sig = 0.5 * (1.0 + np.tanh(0.5 * a))  # sigmoid without overflow\n"
             "    i, f, o = sig[:, :H], sig[:, H:2 * H], sig[:, 3 * H:]\n"
             "    g = np.tanh(a[:, 2 * H:3 * H])\n"),
            ("do * o * (1.0 - o), dg * (1.0 - g ** 2)]", "dg * (1.0 - g ** 2), do * o * (1.0 - o)]"),
        ],
        "fails": ["test_lstm_step_backward", "test_lstm_step_backward_hidden_inputs",
                  "test_lstm_step_backward_hidden_weights"],
    },
    {
        "cell": "lstm_step_backward",
        "what": "forgets that next_c also reaches the loss through next_h",
        "patch": [("dc = dnext_c + dnext_h * o * (1.0 - tanh_c ** 2)", "dc = dnext_c")],
        "fails": ["test_lstm_step_backward", "test_lstm_step_backward_hidden_inputs",
                  "test_lstm_step_backward_hidden_weights"],
    },
    {
        "cell": "lstm_step_backward",
        "what": "dprev_c = dc, without the forget gate's factor",
        "patch": [("dc * f, x.T @ da", "dc, x.T @ da")],
        "fails": ["test_lstm_step_backward", "test_lstm_step_backward_hidden_inputs"],
    },
    {
        "cell": "lstm_step_backward",
        "what": "sigmoid as exp(a) / (1 + exp(a)): nan (and an overflow warning) for large pre-activations",
        "patch": [("sig = 0.5 * (1.0 + np.tanh(0.5 * a[:, :3 * H]))",
                   "sig = np.exp(a[:, :3 * H]) / (1.0 + np.exp(a[:, :3 * H]))")],
        "fails": ["test_lstm_step_backward_hidden_inputs"],
    },
    {
        "cell": "lstm_step_backward",
        "what": "averages the parameter gradients over the batch (the visible test has one example)",
        "patch": [("x.T @ da, prev_h.T @ da, da.sum(axis=0)", "x.T @ da / len(x), prev_h.T @ da / len(x), da.mean(axis=0)")],
        "fails": ["test_lstm_step_backward_hidden_weights"],
    },
    # ---------------------------------------------------------------- part 6: the LSTM over a sequence
    {
        "cell": "lstm_sequence",
        "what": "the cell-state gradient is not passed back between steps",
        "patch": [("lstm_step_backward(dh[:, t] + dprev_h, dprev_c, caches[t])",
                   "lstm_step_backward(dh[:, t] + dprev_h, np.zeros_like(dprev_c), caches[t])")],
        "fails": ["test_lstm_sequence", "test_lstm_sequence_hidden_inputs", "test_lstm_sequence_hidden_weights"],
    },
    {
        "cell": "lstm_sequence",
        "what": "the cell state restarts from zero at every step in the forward pass",
        "patch": [("prev_h, prev_c, step_cache = lstm_step_forward(x[:, t], prev_h, prev_c, Wx, Wh, b)",
                   "prev_h, _, step_cache = lstm_step_forward(x[:, t], prev_h, np.zeros_like(prev_h), Wx, Wh, b)")],
        "fails": ["test_lstm_sequence", "test_lstm_sequence_hidden_inputs", "test_lstm_sequence_hidden_weights"],
    },
    {
        "cell": "lstm_sequence",
        "what": "dx allocated like dh, (N, T, H) instead of (N, T, D): works only when D == H, as in the visible test",
        "patch": [("dx = np.zeros((N, T, D))", "dx = np.zeros_like(dh)")],
        "fails": ["test_lstm_sequence_hidden_inputs"],
        "error": "ValueError",
    },
    {
        "cell": "lstm_sequence",
        "what": "leaves out the first step's share of dWh (it is zero when h0 is zero, as in the visible test)",
        "patch": [("dWx, dWh, db = dWx + dWx_t, dWh + dWh_t, db + db_t",
                   "dWx, dWh, db = dWx + dWx_t, dWh + (dWh_t if t > 0 else 0.0), db + db_t")],
        "fails": ["test_lstm_sequence_hidden_weights"],
    },
    # ---------------------------------------------------------------- part 6: the book's LSTM, fixed
    {
        "cell": "fixed_lstm_step",
        "what": "keeps the book's candidate: tanh of the input gate's pre-activation",
        "patch": [('c_tilde = np.tanh(pre("c"))', 'c_tilde = np.tanh(pre("i"))')],
        "fails": ["test_fixed_lstm_step", "test_fixed_lstm_step_hidden_cell", "test_fixed_lstm_step_hidden_output"],
    },
    {
        "cell": "fixed_lstm_step",
        "what": "keeps the book's forget gate on the previous hidden state (invisible from the zero state)",
        "patch": [("c = f * c_prev + i * c_tilde", "c = f * h_prev + i * c_tilde")],
        "fails": ["test_fixed_lstm_step_hidden_cell", "test_fixed_lstm_step_hidden_output"],
    },
    {
        "cell": "fixed_lstm_step",
        "what": "keeps the book's output sigmoid(c) * tanh(c)",
        "patch": [("h = o * np.tanh(c)", "h = sigmoid(c) * np.tanh(c)")],
        "fails": ["test_fixed_lstm_step", "test_fixed_lstm_step_hidden_output"],
    },
    {
        "cell": "fixed_lstm_step",
        "what": "an output gate without its recurrent term (the chapter 3 listing's mistake; invisible from h_prev = 0)",
        "patch": [("h = o * np.tanh(c)", 'h = sigmoid(x @ p["Wo"] + p["bo"]) * np.tanh(c)')],
        "fails": ["test_fixed_lstm_step_hidden_output"],
    },
    {
        "cell": "fixed_lstm_step",
        "what": "returns (c, h) instead of (h, c)",
        "patch": [("    return h, c", "    return c, h")],
        "fails": ["test_fixed_lstm_step", "test_fixed_lstm_step_hidden_cell", "test_fixed_lstm_step_hidden_output"],
    },
    # ---------------------------------------------------------------- part 8: output layer and loss over time
    {
        "cell": "temporal_softmax",
        "what": "divides by N * T instead of the number of real positions (the same without padding)",
        "patch": [("n_real = mask.sum()", "n_real = mask.size")],
        "fails": ["test_temporal_softmax_hidden_loss"],
    },
    {
        "cell": "temporal_softmax",
        "what": "reads the targets at padded positions too: a pad id out of range raises IndexError",
        "patch": [("y_safe = np.where(mask, np.asarray(y, dtype=int), 0)", "y_safe = np.asarray(y, dtype=int)")],
        "fails": ["test_temporal_softmax_hidden_loss"],
        "error": "IndexError",
    },
    {
        "cell": "temporal_softmax",
        "what": "the gradient is not divided by the number of real positions",
        "patch": [("return float(loss), dscores * mask[:, :, None] / n_real", "return float(loss), dscores * mask[:, :, None]")],
        "fails": ["test_temporal_softmax", "test_temporal_softmax_hidden_loss"],
    },
    {
        "cell": "temporal_softmax",
        "what": "dW from the first sequence only (the visible test has one sequence)",
        "patch": [('dW = np.einsum("nth,ntv->hv", h, dscores)', "dW = h[0].T @ dscores[0]")],
        "fails": ["test_temporal_softmax_hidden_affine"],
    },
    {
        "cell": "temporal_softmax",
        "what": "db averaged over the steps instead of summed",
        "patch": [("dscores.sum(axis=(0, 1))", "dscores.sum(axis=0).mean(axis=0)")],
        "fails": ["test_temporal_softmax", "test_temporal_softmax_hidden_affine"],
    },
    # ---------------------------------------------------------------- part 10: character model to a target
    {
        "cell": "train_char_model",
        "what": "a bigram count model instead of a trained recurrent net: passes the smoke test, misses the target",
        "patch": [
            ("    for _ in range(steps):\n", "    for _ in range(0):\n"),
            ("    def predict(ids):\n"
             "        with torch.no_grad():\n"
             "            out, _ = gru(embed(torch.as_tensor(np.asarray(ids, dtype=np.int64))[None]))\n"
             "            return head(out)[0].double().numpy()\n",
             "    counts = np.ones((vocab_size, vocab_size))\n"
             "    np.add.at(counts, (ids[:-1], ids[1:]), 1.0)\n"
             "    table = np.log(counts / counts.sum(axis=1, keepdims=True))\n"
             "\n"
             "    def predict(ids):\n"
             "        return table[np.asarray(ids, dtype=np.int64)]\n"),
        ],
        "fails": ["test_train_char_model_hidden"],
    },
    {
        "cell": "train_char_model",
        "what": "predict returns probabilities (a softmax) instead of logits",
        "patch": [("return head(out)[0].double().numpy()",
                   "return torch.softmax(head(out)[0], dim=-1).double().numpy()")],
        "fails": ["test_train_char_model", "test_train_char_model_hidden"],
    },
    {
        "cell": "train_char_model",
        "what": "trained to predict each input character itself: the targets are not shifted",
        "patch": [("window[:, 1:].reshape(-1)", "window[:, :-1].reshape(-1)")],
        "fails": ["test_train_char_model", "test_train_char_model_hidden"],
    },
    {
        "cell": "train_char_model",
        "what": "a bidirectional GRU: it reads the character it is asked to predict, so it beats the target by cheating",
        "patch": [("gru = torch.nn.GRU(32, hidden, batch_first=True)",
                   "gru = torch.nn.GRU(32, hidden // 2, batch_first=True, bidirectional=True)")],
        "fails": ["test_train_char_model_hidden_causal"],
    },
    {
        "cell": "train_char_model",
        "what": "torch is not seeded: two trainings with the same seed give different models",
        "patch": [("    torch.manual_seed(seed)\n", "")],
        "fails": ["test_train_char_model_hidden_causal"],
    },
    {
        "cell": "lstm_step_backward",
        "what": "checks its forward pass against helpers.rnn.lstm_cell (gates reordered), which the tests disable",
        "patch": [("    next_h = o * tanh_c\n",
                   "    next_h = o * tanh_c\n"
                   "    from helpers.rnn import lstm_cell\n"
                   "\n"
                   "    order = np.r_[0:2 * H, 3 * H:4 * H, 2 * H:3 * H]\n"
                   "    assert np.allclose(next_h, lstm_cell(x, prev_h, prev_c, Wx[:, order].T, Wh[:, order].T, b[order],\n"
                   "                                         np.zeros(4 * H))[0])\n")],
        "fails": ["test_lstm_step_backward", "test_lstm_step_backward_hidden_inputs",
                  "test_lstm_step_backward_hidden_weights"],
    },
    {
        "cell": "lstm_sequence",
        "what": "checks its hidden states against helpers.rnn.lstm_forward (gates reordered), which the tests disable",
        "patch": [("    return h, (x.shape, caches)",
                   "    from helpers.rnn import lstm_forward as course_lstm_forward\n"
                   "\n"
                   "    H = h.shape[2]\n"
                   "    order = np.r_[0:2 * H, 3 * H:4 * H, 2 * H:3 * H]\n"
                   "    zeros = np.zeros_like(np.asarray(h0, dtype=float))\n"
                   "    course_h, _ = course_lstm_forward(x, h0, zeros, np.asarray(Wx)[:, order].T, np.asarray(Wh)[:, order].T,\n"
                   "                                      np.asarray(b)[order], np.zeros(4 * H))\n"
                   "    assert np.allclose(h, course_h)\n"
                   "    return h, (x.shape, caches)")],
        "fails": ["test_lstm_sequence", "test_lstm_sequence_hidden_inputs", "test_lstm_sequence_hidden_weights"],
    },
    {
        "cell": "fixed_lstm_step",
        "what": "hands the weights to helpers.rnn.lstm_cell, which the tests disable",
        "patch": [("    i, f, o = sigmoid(pre(\"i\")), sigmoid(pre(\"f\")), sigmoid(pre(\"o\"))\n",
                   "    from helpers.rnn import lstm_cell\n"
                   "\n"
                   "    W_ih = np.concatenate([p[\"W\" + k].T for k in \"ifco\"])\n"
                   "    W_hh = np.concatenate([p[\"U\" + k].T for k in \"ifco\"])\n"
                   "    b_ih = np.concatenate([p[\"b\" + k] for k in \"ifco\"])\n"
                   "    return lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, np.zeros_like(b_ih))\n"
                   "    i, f, o = sigmoid(pre(\"i\")), sigmoid(pre(\"f\")), sigmoid(pre(\"o\"))\n")],
        "fails": ["test_fixed_lstm_step", "test_fixed_lstm_step_hidden_cell", "test_fixed_lstm_step_hidden_output"],
    },
    {
        "cell": "temporal_softmax",
        "what": "the scores by torch.nn.functional.linear, which the tests disable",
        "patch": [("    return h @ W + b, (h, W)",
                   "    import torch\n"
                   "\n"
                   "    scores = torch.nn.functional.linear(torch.as_tensor(h), torch.as_tensor(W).T, torch.as_tensor(b))\n"
                   "    return scores.numpy(), (h, W)")],
        "fails": ["test_temporal_softmax", "test_temporal_softmax_hidden_affine"],
    },
    {
        "cell": "temporal_softmax",
        "what": "the log-probabilities by torch.log_softmax, which the tests disable",
        "patch": [("    log_p = z - np.log(np.exp(z).sum(axis=2, keepdims=True))",
                   "    import torch\n"
                   "\n"
                   "    log_p = torch.log_softmax(torch.as_tensor(z), dim=2).numpy()")],
        "fails": ["test_temporal_softmax", "test_temporal_softmax_hidden_loss"],
    },
    {
        "cell": "train_char_model",
        "what": "reads the whole text with load_shakespeare to build its own vocabulary, which the tests disable",
        "patch": [("    ids = np.asarray(ids, dtype=np.int64)\n",
                   "    from helpers.data import load_shakespeare\n"
                   "\n"
                   "    assert len(sorted(set(load_shakespeare()))) == vocab_size\n"
                   "    ids = np.asarray(ids, dtype=np.int64)\n")],
        "fails": ["test_train_char_model", "test_train_char_model_hidden", "test_train_char_model_hidden_causal"],
    },
    # ---------------------------------------------------------------- part 15: GRU step forward and backward
    {
        "cell": "gru_step",
        "what": "the paper's GRU: the reset gate before the matrix product, (r * h) @ Wh_n + bh_n, with a matching backward",
        "patch": [
            ("    n = np.tanh(gx[:, 2 * H:] + r * gh[:, 2 * H:])  # the reset gate scales h Wh_n + bh_n",
             "    n = np.tanh(gx[:, 2 * H:] + (r * prev_h) @ Wh[:, 2 * H:] + bh[2 * H:])"),
            ("    dar = dan * gh_n * r * (1.0 - r)\n",
             "    H = r.shape[1]\n"
             "    dhr = dan @ Wh[:, 2 * H:].T  # the gradient of r * prev_h\n"
             "    dar = dhr * prev_h * r * (1.0 - r)\n"),
            ("    dgh = np.concatenate([dar, daz, dan * r], axis=1)  # the reset gate scales the n block of gh\n"
             "    dprev_h = dgh @ Wh.T + dnext_h * z  # through the gates and g^h, and directly\n"
             "    return dgx @ Wx.T, dprev_h, x.T @ dgx, prev_h.T @ dgh, dgx.sum(axis=0), dgh.sum(axis=0)",
             "    drz = np.concatenate([dar, daz], axis=1)\n"
             "    dprev_h = drz @ Wh[:, :2 * H].T + dhr * r + dnext_h * z\n"
             "    dWh = np.concatenate([prev_h.T @ drz, (r * prev_h).T @ dan], axis=1)\n"
             "    return dgx @ Wx.T, dprev_h, x.T @ dgx, dWh, dgx.sum(axis=0), dgx.sum(axis=0)"),
        ],
        "fails": ["test_gru_step_hidden_inputs", "test_gru_step_hidden_weights"],
    },
    {
        "cell": "gru_step",
        "what": "averages the bias gradients over the batch instead of summing them",
        "patch": [("dgx.sum(axis=0), dgh.sum(axis=0)", "dgx.mean(axis=0), dgh.mean(axis=0)")],
        "fails": ["test_gru_step_hidden_weights"],
    },
    {
        "cell": "gru_step",
        "what": "reads the gate blocks as (update, reset, new) instead of torch's (reset, update, new)",
        "patch": [("    r, z = rz[:, :H], rz[:, H:]", "    z, r = rz[:, :H], rz[:, H:]")],
        "fails": ["test_gru_step", "test_gru_step_hidden_inputs", "test_gru_step_hidden_weights"],
    },
    {
        "cell": "gru_step",
        "what": "the update gate the other way round: z * n + (1 - z) * prev_h",
        "patch": [("next_h = (1.0 - z) * n + z * prev_h", "next_h = z * n + (1.0 - z) * prev_h")],
        "fails": ["test_gru_step", "test_gru_step_hidden_inputs"],
    },
    {
        "cell": "gru_step",
        "what": "the recurrent bias gradient equal to the input one (forgets that the reset gate scales bh_n)",
        "patch": [("dgx.sum(axis=0), dgh.sum(axis=0)", "dgx.sum(axis=0), dgx.sum(axis=0)")],
        "fails": ["test_gru_step", "test_gru_step_hidden_weights"],
    },
    {
        "cell": "gru_step",
        "what": "forgets the direct route z * prev_h in dprev_h",
        "patch": [("    dprev_h = dgh @ Wh.T + dnext_h * z", "    dprev_h = dgh @ Wh.T")],
        "fails": ["test_gru_step", "test_gru_step_hidden_inputs"],
    },
    {
        "cell": "gru_step",
        "what": "the forward pass by helpers.rnn.gru_cell, which the tests disable",
        "patch": [
            ("def gru_step_forward(", "from helpers.rnn import gru_cell\n\n\ndef gru_step_forward("),
            ("    next_h = (1.0 - z) * n + z * prev_h\n", "    next_h = gru_cell(x, prev_h, Wx.T, Wh.T, bx, bh)\n"),
        ],
        "fails": ["test_gru_step", "test_gru_step_hidden_inputs", "test_gru_step_hidden_weights"],
    },
    # ---------------------------------------------------------------- part 16: the language model's loss
    {
        "cell": "rnn_lm_loss",
        "what": "starts the RNN from a zero state instead of h0",
        "patch": [("h, rnn_cache = rnn_forward(x, h0,", "h, rnn_cache = rnn_forward(x, np.zeros_like(np.asarray(h0, dtype=float)),")],
        "fails": ["test_rnn_lm_loss_hidden_values", "test_rnn_lm_loss_hidden_grads"],
    },
    {
        "cell": "rnn_lm_loss",
        "what": "h[-1] for the last state: the last sequence's states (T, H), not the last step's (N, H)",
        "patch": [("h[:, -1].copy()", "h[-1].copy()")],
        "fails": ["test_rnn_lm_loss_hidden_values"],
    },
    {
        "cell": "rnn_lm_loss",
        "what": "scales the loss by T but not the gradient (the gradient of Part 8's mean)",
        "patch": [("temporal_affine_backward(dscores * T,", "temporal_affine_backward(dscores,")],
        "fails": ["test_rnn_lm_loss", "test_rnn_lm_loss_hidden_grads"],
    },
    {
        "cell": "rnn_lm_loss",
        "what": "Part 8's mean over all positions as the loss, instead of the sum over time",
        "patch": [("temporal_affine_backward(dscores * T,", "temporal_affine_backward(dscores,"),
                  ("float(mean_loss * T)", "float(mean_loss)")],
        "fails": ["test_rnn_lm_loss", "test_rnn_lm_loss_hidden_values", "test_rnn_lm_loss_hidden_grads"],
    },
    {
        "cell": "rnn_lm_loss",
        "what": "sums over the batch as well as over time",
        "patch": [("temporal_affine_backward(dscores * T,", "temporal_affine_backward(dscores * T * N,"),
                  ("float(mean_loss * T)", "float(mean_loss * T * N)")],
        "fails": ["test_rnn_lm_loss", "test_rnn_lm_loss_hidden_values", "test_rnn_lm_loss_hidden_grads"],
    },
    {
        "cell": "rnn_lm_loss",
        "what": "the loss by helpers.nn.cross_entropy, which the tests disable",
        "patch": [("def rnn_lm_loss_and_grads(", "from helpers.nn import cross_entropy\n\n\ndef rnn_lm_loss_and_grads("),
                  ("return float(mean_loss * T)",
                   "return float(T * cross_entropy(scores.reshape(N * T, -1), targets.reshape(-1)))")],
        "fails": ["test_rnn_lm_loss", "test_rnn_lm_loss_hidden_values", "test_rnn_lm_loss_hidden_grads"],
    },
    # ---------------------------------------------------------------- part 17: clipping by the global norm
    {
        "cell": "clip_by_global_norm",
        "what": "normalises to unit length, 1 / norm, whatever max_norm is",
        "patch": [("scale = max_norm / norm if norm > max_norm else 1.0", "scale = 1.0 / norm if norm > max_norm else 1.0")],
        "fails": ["test_clip_by_global_norm_hidden"],
    },
    {
        "cell": "clip_by_global_norm",
        "what": "always rescales to max_norm, stretching small gradients too",
        "patch": [("scale = max_norm / norm if norm > max_norm else 1.0", "scale = max_norm / norm")],
        "fails": ["test_clip_by_global_norm_hidden_edge"],
    },
    {
        "cell": "clip_by_global_norm",
        "what": "min(1, max_norm / norm): divides by a zero norm",
        "patch": [("scale = max_norm / norm if norm > max_norm else 1.0", "scale = min(1.0, max_norm / norm)")],
        "fails": ["test_clip_by_global_norm_hidden_edge"],
        "error": "ZeroDivisionError",
    },
    {
        "cell": "clip_by_global_norm",
        "what": "rescales the arrays it was given in place",
        "patch": [("    return {key: g * scale for key, g in arrays.items()}, norm, float(scale)",
                   "    for g in arrays.values():\n"
                   "        g *= scale  # in place, to save memory\n"
                   "    return arrays, norm, float(scale)")],
        "fails": ["test_clip_by_global_norm_hidden_edge"],
    },
    {
        "cell": "clip_by_global_norm",
        "what": "clips each array by its own norm, which turns the direction",
        "patch": [("    return {key: g * scale for key, g in arrays.items()}, norm, float(scale)",
                   "    clipped = {key: g * min(1.0, max_norm / max(np.linalg.norm(g), 1e-300)) for key, g in arrays.items()}\n"
                   "    return clipped, norm, float(scale)")],
        "fails": ["test_clip_by_global_norm", "test_clip_by_global_norm_hidden"],
    },
    {
        "cell": "clip_by_global_norm",
        "what": "clips with helpers.rnn.clip_grad_norm, which the tests disable",
        "patch": [("def clip_by_global_norm(", "from helpers.rnn import clip_grad_norm\n\n\ndef clip_by_global_norm("),
                  ("    return {key: g * scale for key, g in arrays.items()}, norm, float(scale)",
                   "    clipped, norm = clip_grad_norm(arrays, max_norm)\n"
                   "    return clipped, norm, float(scale)")],
        "fails": ["test_clip_by_global_norm", "test_clip_by_global_norm_hidden", "test_clip_by_global_norm_hidden_edge"],
    },
    # ---------------------------------------------------------------- part 18: the NumPy model to a target
    {
        "cell": "train_numpy_char_model",
        "what": "plain gradient steps with learning rate 0.03 instead of Adam: too slow for the target in 500 steps",
        "patch": [("            params[key] -= lr * m_hat / (np.sqrt(v_hat) + 1e-8)",
                   "            params[key] -= 0.03 * grads[key]")],
        "fails": ["test_train_numpy_char_model_hidden"],
    },
    {
        "cell": "train_numpy_char_model",
        "what": "initialises from an unseeded generator: two runs give two models",
        "patch": [("rng = np.random.default_rng(seed)", "rng = np.random.default_rng()")],
        "fails": ["test_train_numpy_char_model_hidden_repeatable"],
    },
    {
        "cell": "train_numpy_char_model",
        "what": "predict carries its hidden state from one call to the next, as when generating text",
        "patch": [("    def predict(ids):\n", "    state = {\"h\": np.zeros((1, H))}\n\n    def predict(ids):\n"),
                  ("states, _ = rnn_forward(x, np.zeros((1, H)),", "states, _ = rnn_forward(x, state[\"h\"],"),
                  ("        return states[0] @", "        state[\"h\"] = states[:, -1]\n        return states[0] @")],
        "fails": ["test_train_numpy_char_model_hidden_repeatable"],
    },
    {
        "cell": "train_numpy_char_model",
        "what": "clips with helpers.rnn.clip_grad_norm, which the tests disable",
        "patch": [("def train_numpy_char_model(", "from helpers.rnn import clip_grad_norm\n\n\ndef train_numpy_char_model("),
                  ("grads, _, _ = clip_by_global_norm(grads, max_norm)", "grads, _ = clip_grad_norm(grads, max_norm)")],
        "fails": ["test_train_numpy_char_model", "test_train_numpy_char_model_hidden",
                  "test_train_numpy_char_model_hidden_repeatable"],
    },
]
