"""Plausible student mistakes for the 04_cnn assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py.

Two kinds of entries test the rules of issue 23: an answer that calls a library function the part's text
forbids (its visible test disables the function too, so both tests fail), and a "poisoning" answer: a wrong
formula plus code after the function that replaces helpers.cnn.conv2d, which the old hidden tests of parts 3
and 4 called for their expected values, by a stand-in that runs the wrong answer itself. The expected values
are now computed in NumPy in the hidden cells, so those answers fail."""

# The stand-ins of the poisoning answers: objects, not functions, since the grader's guard flags a function
# typed into a notebook that replaces a course function (helpers.guard), but not a callable object.
POISON_CONV_MULTI = """


import helpers.cnn


class _Conv2dLikeMine:
    \"\"\"Stands in for helpers.cnn.conv2d, computing with conv_multi above.\"\"\"

    def __call__(self, X, W, b=None, stride=1, padding=0):
        bias = np.zeros(len(W)) if b is None else b
        return np.stack([conv_multi(x, W, bias) for x in X])


helpers.cnn.conv2d = _Conv2dLikeMine()"""

POISON_CONV1X1 = """


import helpers.cnn


class _Conv2dLikeMine:
    \"\"\"Stands in for helpers.cnn.conv2d (1x1 kernels), computing with conv1x1 above.\"\"\"

    def __call__(self, X, W, b=None, stride=1, padding=0):
        return np.stack([conv1x1(x, W[:, :, 0, 0]) for x in X])


helpers.cnn.conv2d = _Conv2dLikeMine()"""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: dilated corr2d
    {
        "cell": "corr2d",
        "what": "off by one: the output is one row and one column too small",
        "patch": [("oh, ow = X.shape[0] - d * (kh - 1), X.shape[1] - d * (kw - 1)",
                   "oh, ow = X.shape[0] - d * (kh - 1) - 1, X.shape[1] - d * (kw - 1) - 1")],
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    {
        "cell": "corr2d",
        "what": "a true convolution: the kernel is flipped",
        "patch": [("K = np.asarray(K, dtype=float)", "K = np.asarray(K, dtype=float)[::-1, ::-1]")],
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    {
        "cell": "corr2d",
        "what": "X and K cast to float32, torch's default for images: exact on the visible test's whole numbers, "
                "about 1e-7 off on random inputs",
        "patch": [("    X = np.asarray(X, dtype=float)\n    K = np.asarray(K, dtype=float)\n",
                   "    X = np.asarray(X, dtype=np.float32)\n    K = np.asarray(K, dtype=np.float32)\n")],
        "fails": ["test_corr2d_hidden"],
    },
    {
        "cell": "corr2d",
        "what": "calls torch's dilated convolution: right values, but the tests disable it",
        "patch": [
            ("    X = np.asarray(X, dtype=float)\n"
             "    K = np.asarray(K, dtype=float)\n"
             "    kh, kw = K.shape\n"
             "    d = dilation\n"
             "    oh, ow = X.shape[0] - d * (kh - 1), X.shape[1] - d * (kw - 1)\n"
             "    Y = np.zeros((oh, ow))\n"
             "    for a in range(kh):  # loop over the kernel's taps; each step handles every output pixel at once\n"
             "        for b in range(kw):\n"
             "            Y += K[a, b] * X[a * d:a * d + oh, b * d:b * d + ow]\n"
             "    return Y",
             "    X = torch.as_tensor(np.asarray(X, dtype=float))[None, None]\n"
             "    K = torch.as_tensor(np.asarray(K, dtype=float))[None, None]\n"
             "    return torch.nn.functional.conv2d(X, K, dilation=dilation)[0, 0].numpy()"),
        ],
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    # ---------------------------------------------------------------- part 2: output size
    {
        "cell": "conv_output_size",
        "what": "the handbook's ceiling formula",
        "patch": [
            ("def conv_output_size(",
             "import math\n"
             "\n"
             "\n"
             "def conv_output_size("),
            ("return (n + 2 * padding - span) // stride + 1",
             "return math.ceil((n + 2 * padding - span) / stride) + 1"),
        ],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv_output_size",
        "what": "padding counted once instead of on both sides, and no check that the kernel fits",
        "patch": [
            ("    if span > n + 2 * padding:\n"
             '        raise ValueError(f"kernel spanning {span} pixels does not fit in the padded input '
             '{n + 2 * padding}")\n'
             "    return (n + 2 * padding - span) // stride + 1",
             "    return (n + padding - span) // stride + 1"),
        ],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv_output_size",
        "what": "a dilated kernel taken to span dilation * k pixels instead of dilation * (k - 1) + 1",
        "patch": [("span = dilation * (k - 1) + 1", "span = dilation * k")],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv_output_size",
        "what": "checks that the undilated kernel fits, not its dilated span",
        "patch": [("    if span > n + 2 * padding:", "    if k > n + 2 * padding:")],
        "fails": ["test_conv_output_size_hidden"],
    },
    # ---------------------------------------------------------------- part 3: several channels
    {
        "cell": "conv_multi",
        "what": "the bias is added once per input channel instead of once per output",
        "patch": [
            ("sum(corr2d(X[c], K[f, c]) for c in range(X.shape[0])) + b[f]",
             "sum(corr2d(X[c], K[f, c]) + b[f] for c in range(X.shape[0]))"),
        ],
        "fails": ["test_conv_multi", "test_conv_multi_hidden"],
    },
    {
        "cell": "conv_multi",
        "what": "input and output channel axes of K swapped (works only when F == C), no channel check",
        "patch": [
            ("    if X.shape[0] != K.shape[1]:\n"
             '        raise ValueError(f"X has {X.shape[0]} channels but K expects {K.shape[1]}")\n'
             "    return np.stack([sum(corr2d(X[c], K[f, c]) for c in range(X.shape[0])) + b[f]\n"
             "                     for f in range(K.shape[0])])",
             "    F = K.shape[0]\n"
             "    return np.stack([sum(corr2d(X[c], K[c % F, f % K.shape[1]]) for c in range(X.shape[0])) + b[f]\n"
             "                     for f in range(F)])"),
        ],
        "fails": ["test_conv_multi", "test_conv_multi_hidden"],
    },
    {
        "cell": "conv_multi",
        "what": "calls torch's convolution: right values, but the tests disable it",
        "patch": [
            ("    X = np.asarray(X, dtype=float)\n"
             "    K = np.asarray(K, dtype=float)\n"
             "    b = np.asarray(b, dtype=float)\n"
             "    if X.shape[0] != K.shape[1]:\n"
             '        raise ValueError(f"X has {X.shape[0]} channels but K expects {K.shape[1]}")\n'
             "    return np.stack([sum(corr2d(X[c], K[f, c]) for c in range(X.shape[0])) + b[f]\n"
             "                     for f in range(K.shape[0])])",
             "    X = torch.as_tensor(np.asarray(X, dtype=float))[None]\n"
             "    K = torch.as_tensor(np.asarray(K, dtype=float))\n"
             "    if X.shape[1] != K.shape[1]:\n"
             '        raise ValueError("channel mismatch")\n'
             "    return torch.nn.functional.conv2d(X, K, torch.as_tensor(np.asarray(b, dtype=float)))[0].numpy()"),
        ],
        "fails": ["test_conv_multi", "test_conv_multi_hidden"],
    },
    # ---------------------------------------------------------------- part 4: 1x1 convolution
    {
        "cell": "conv1x1",
        "what": "pixels flattened into rows instead of columns: a transposed product, reshaped blindly",
        "patch": [
            ("return (W @ X.reshape(C, H * Wd)).reshape(W.shape[0], H, Wd)",
             "return (X.reshape(H * Wd, C) @ W.T).reshape(W.shape[0], H, Wd)"),
        ],
        "fails": ["test_conv1x1", "test_conv1x1_hidden"],
    },
    {
        "cell": "conv1x1",
        "what": "right values, but a loop applying W at every pixel instead of one matrix product",
        "patch": [
            ("    return (W @ X.reshape(C, H * Wd)).reshape(W.shape[0], H, Wd)",
             "    Y = np.zeros((W.shape[0], H, Wd))\n"
             "    for i in range(H):\n"
             "        for j in range(Wd):\n"
             "            Y[:, i, j] = W @ X[:, i, j]\n"
             "    return Y"),
        ],
        "fails": ["test_conv1x1_hidden"],
    },
    # ---------------------------------------------------------------- part 5: max pooling backward
    {
        "cell": "max_pool2d",
        "what": "overlapping windows: the gradient is assigned instead of added, so only the last window counts",
        "patch": [("dX[r + a, c + b] += dY[i, j]", "dX[r + a, c + b] = dY[i, j]")],
        "fails": ["test_max_pool2d_hidden"],
    },
    {
        "cell": "max_pool2d",
        "what": "ties: every entry equal to the window's maximum gets the full gradient",
        "patch": [
            ("            a, b = np.unravel_index(np.argmax(X[r:r + size, c:c + size]), (size, size))\n"
             "            dX[r + a, c + b] += dY[i, j]",
             "            window = X[r:r + size, c:c + size]\n"
             "            dX[r:r + size, c:c + size] += dY[i, j] * (window == window.max())"),
        ],
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    {
        "cell": "max_pool2d",
        "what": "lets torch's autograd do it: right values, but the tests disable max_pool2d and backward",
        "patch": [
            ("    X = np.asarray(X, dtype=float)\n"
             "    dY = np.asarray(dY, dtype=float)\n"
             "    stride = size if stride is None else stride\n",
             "    Xt = torch.tensor(np.asarray(X, dtype=float))[None, None].requires_grad_()\n"
             "    Y = torch.nn.functional.max_pool2d(Xt, size, stride=stride)\n"
             "    Y.backward(torch.tensor(np.asarray(dY, dtype=float))[None, None])\n"
             "    return Xt.grad[0, 0].numpy()\n"),
        ],
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    # ---------------------------------------------------------------- part 6: receptive span
    {
        "cell": "receptive_field",
        "what": "forgets the padding: counts pixels from the start of the unpadded input",
        "patch": [("first, last = first * s - p, last * s - p + k - 1", "first, last = first * s, last * s + k - 1")],
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    {
        "cell": "receptive_field",
        "what": "walks the stack from the input upwards instead of from the top down",
        "patch": [("for k, s, p in reversed(layers):", "for k, s, p in layers:")],
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    {
        "cell": "receptive_field",
        "what": "adds up the paddings without scaling each by the strides below it",
        "patch": [
            ("    first = last = index\n"
             "    for k, s, p in reversed(layers):\n"
             "        first, last = first * s - p, last * s - p + k - 1\n"
             "    return int(first), int(last)",
             "    jump, width, pad = 1, 1, 0\n"
             "    for k, s, p in layers:\n"
             "        width += (k - 1) * jump\n"
             "        pad += p\n"
             "        jump *= s\n"
             "    first = index * jump - pad\n"
             "    return int(first), int(first + width - 1)"),
        ],
        "fails": ["test_receptive_field_hidden"],
    },
    # ---------------------------------------------------------------- part 7: the model
    {
        "cell": "build_model",
        "what": "forgot that the second convolution shrinks 5x5 to 3x3: wrong linear input size",
        "patch": [("nn.Linear(12 * 3 * 3, 10),", "nn.Linear(12 * 5 * 5, 10),")],
        "fails": ["test_build_model", "test_build_model_hidden"],
        "error": "RuntimeError",  # the forward pass itself fails: torch's shape mismatch is the mistake showing
    },
    {
        "cell": "build_model",
        "what": '"same" padding on both convolutions: runs, right output shape, but not the specified model',
        "patch": [
            ("nn.Conv2d(1, 6, kernel_size=3),", "nn.Conv2d(1, 6, kernel_size=3, padding=1),"),
            ("nn.Conv2d(6, 12, kernel_size=3),", "nn.Conv2d(6, 12, kernel_size=3, padding=1),"),
            ("nn.Linear(12 * 3 * 3, 10),", "nn.Linear(12 * 6 * 6, 10),"),
        ],
        "fails": ["test_build_model_hidden"],
    },
    # ---------------------------------------------------------------- library calls the parts forbid
    {
        "cell": "corr2d",
        "what": "scipy.signal.correlate2d with zeros put between the kernel's taps: right values, but the tests "
                "disable it",
        "patch": [
            ("def corr2d(", "from scipy.signal import correlate2d\n\n\ndef corr2d("),
            ("    oh, ow = X.shape[0] - d * (kh - 1), X.shape[1] - d * (kw - 1)\n"
             "    Y = np.zeros((oh, ow))\n"
             "    for a in range(kh):  # loop over the kernel's taps; each step handles every output pixel at once\n"
             "        for b in range(kw):\n"
             "            Y += K[a, b] * X[a * d:a * d + oh, b * d:b * d + ow]\n"
             "    return Y",
             "    Kd = np.zeros((d * (kh - 1) + 1, d * (kw - 1) + 1))\n"
             "    Kd[::d, ::d] = K\n"
             "    return correlate2d(X, Kd, mode=\"valid\")"),
        ],
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    {
        "cell": "conv_output_size",
        "what": "measures the output of an nn.Conv2d on a zero image: right sizes, but the tests disable nn.Conv2d",
        "patch": [
            ("    return (n + 2 * padding - span) // stride + 1",
             "    conv = nn.Conv2d(1, 1, k, stride=stride, padding=padding, dilation=dilation)\n"
             "    return int(conv(torch.zeros(1, 1, n, n)).shape[-1])"),
        ],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv1x1",
        "what": "np.einsum instead of a matrix product and reshapes: right values, but the tests disable einsum",
        "patch": [
            ("    C, H, Wd = X.shape\n"
             "    return (W @ X.reshape(C, H * Wd)).reshape(W.shape[0], H, Wd)",
             "    return np.einsum(\"fc,chw->fhw\", W, X)"),
        ],
        "fails": ["test_conv1x1", "test_conv1x1_hidden"],
    },
    {
        "cell": "receptive_field",
        "what": "the width from the course's helpers.cnn.receptive_field, the start worked out: the tests disable it",
        "patch": [
            ("def receptive_span(", "import helpers.cnn\n\n\ndef receptive_span("),
            ("    first = last = index\n"
             "    for k, s, p in reversed(layers):\n"
             "        first, last = first * s - p, last * s - p + k - 1\n"
             "    return int(first), int(last)",
             "    width = helpers.cnn.receptive_field([(k, s) for k, s, p in layers])\n"
             "    jump, shift = 1, 0\n"
             "    for k, s, p in layers:\n"
             "        shift += p * jump\n"
             "        jump *= s\n"
             "    first = index * jump - shift\n"
             "    return int(first), int(first + width - 1)"),
        ],
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    # ---------------------------------------------------------------- poisoning the old expected values
    {
        "cell": "conv_multi",
        "what": "K[::-1] meant as a kernel flip reverses the order of the filters (invisible with 1 filter, and on "
                "the middle one of 3), and helpers.cnn.conv2d replaced by a stand-in that runs this answer",
        "patch": [
            ("    K = np.asarray(K, dtype=float)\n", "    K = np.asarray(K, dtype=float)[::-1]\n"),
            ("                     for f in range(K.shape[0])])",
             "                     for f in range(K.shape[0])])" + POISON_CONV_MULTI),
        ],
        "fails": ["test_conv_multi_hidden"],
    },
    # Against the old hidden test this stand-in did not get through: helpers.cnn was already loaded (by part 3's
    # hidden test), so the guard put conv2d back and failed the visible test; the old test's second check, in
    # NumPy, failed the swapped axes too. It stays to show that nothing of helpers.cnn is asked any more.
    {
        "cell": "conv1x1",
        "what": "the output reshaped to (F, W, H), the spatial axes swapped (invisible on the square example), and "
                "helpers.cnn.conv2d replaced by a stand-in that runs this answer",
        "patch": [
            ("    return (W @ X.reshape(C, H * Wd)).reshape(W.shape[0], H, Wd)",
             "    return (W @ X.reshape(C, H * Wd)).reshape(W.shape[0], Wd, H)" + POISON_CONV1X1),
        ],
        "fails": ["test_conv1x1_hidden"],
    },
    # ---------------------------------------------------------------- part 9: convolution layer, forward
    {
        "cell": "conv_forward",
        "what": "the book's ceiling formula for the output size: one row and column too many with stride 2",
        "patch": [("    H_out = 1 + (H + 2 * pad - HH) // stride\n    W_out = 1 + (W + 2 * pad - WW) // stride\n",
                   "    H_out = 1 + -(-(H + 2 * pad - HH) // stride)\n    W_out = 1 + -(-(W + 2 * pad - WW) // stride)\n")],
        "fails": ["test_conv_forward", "test_conv_forward_hidden"],
        "error": "ValueError",  # the extra window is cut short by the image's edge: NumPy cannot broadcast it
    },
    {
        "cell": "conv_forward",
        "what": "no check of the channel counts: a 1-channel image is broadcast against 2-channel filters",
        "patch": [("    if C != Cw:\n        raise ValueError(f\"x has {C} channels but the filters expect {Cw}\")\n", "")],
        "fails": ["test_conv_forward_hidden"],
    },
    {
        "cell": "conv_forward",
        "what": "square images assumed: the output's width computed from the height (right on square inputs)",
        "patch": [("W_out = 1 + (W + 2 * pad - WW) // stride", "W_out = 1 + (H + 2 * pad - HH) // stride")],
        "fails": ["test_conv_forward_hidden", "test_conv_backward_hidden"],
        "error": "ValueError",  # the windows past the image's right edge are cut short: NumPy cannot broadcast them
    },
    {
        "cell": "conv_forward",
        "what": "torch's conv2d: right values, but the tests disable it (and the backward tests need the forward pass)",
        "patch": [("    H_out = 1 + (H + 2 * pad - HH) // stride\n",
                   "    out = torch.nn.functional.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b),\n"
                   "                                     stride=stride, padding=pad).numpy()\n"
                   "    return out, (x, w, b, stride, pad)\n"
                   "    H_out = 1 + (H + 2 * pad - HH) // stride\n")],
        "fails": ["test_conv_forward", "test_conv_forward_hidden", "test_conv_backward", "test_conv_backward_hidden",
                  "test_conv_backward_params_hidden"],
    },
    # ---------------------------------------------------------------- part 9: convolution layer, backward
    {
        "cell": "conv_backward",
        "what": "dx scattered to the window at (i, j) instead of (i * stride, j * stride) (right with stride 1)",
        "patch": [("dxp[n, :, top:top + HH, left:left + WW] += g * w[f]", "dxp[n, :, i:i + HH, j:j + WW] += g * w[f]")],
        "fails": ["test_conv_backward_hidden"],
    },
    {
        "cell": "conv_backward",
        "what": "dw and db averaged over the batch, though dout already holds the loss's 1/N (right with one image)",
        "patch": [("    dx = dxp[:, :, pad:pad + H, pad:pad + W]\n",
                   "    dx = dxp[:, :, pad:pad + H, pad:pad + W]\n    dw, db = dw / N, db / N\n")],
        "fails": ["test_conv_backward_params_hidden"],
    },
    {
        "cell": "conv_backward",
        "what": "the gradient of the padded input returned: dx too large by the padding",
        "patch": [("    dx = dxp[:, :, pad:pad + H, pad:pad + W]\n", "    dx = dxp\n")],
        "fails": ["test_conv_backward", "test_conv_backward_hidden"],
    },
    {
        "cell": "conv_backward",
        "what": "the course's helpers.cnn.conv2d_backward: right values, but the tests disable it",
        "patch": [("def conv_backward_naive(", "import helpers.cnn\n\n\ndef conv_backward_naive("),
                  ("    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))\n",
                   "    return helpers.cnn.conv2d_backward(dout, x, w, stride=stride, padding=pad)\n"
                   "    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))\n")],
        "fails": ["test_conv_backward", "test_conv_backward_hidden", "test_conv_backward_params_hidden"],
    },
    # ---------------------------------------------------------------- part 10: max-pooling layer
    {
        "cell": "max_pool_forward",
        "what": "square windows assumed: pool_height used for both axes",
        "patch": [('ph, pw, s = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]',
                   'ph, pw, s = pool_param["pool_height"], pool_param["pool_height"], pool_param["stride"]')],
        "fails": ["test_max_pool_forward_hidden"],
    },
    {
        "cell": "max_pool_forward",
        "what": "torch's max_pool2d: right values, but the tests disable it (and the backward tests need the forward pass)",
        "patch": [("    N, C, H, W = x.shape\n",
                   "    out = torch.nn.functional.max_pool2d(torch.from_numpy(x), (ph, pw), stride=s).numpy()\n"
                   "    return out, (x, pool_param)\n"
                   "    N, C, H, W = x.shape\n")],
        "fails": ["test_max_pool_forward", "test_max_pool_forward_hidden", "test_max_pool_backward",
                  "test_max_pool_backward_hidden"],
    },
    {
        "cell": "max_pool_backward",
        "what": "overlapping windows: the gradient is assigned instead of added, so only the last window counts",
        "patch": [("dx[n, c, i * s + a, j * s + d] += dout[n, c, i, j]", "dx[n, c, i * s + a, j * s + d] = dout[n, c, i, j]")],
        "fails": ["test_max_pool_backward_hidden"],
    },
    {
        "cell": "max_pool_backward",
        "what": "the index of the maximum unravelled as in a square (ph, ph) window",
        "patch": [("a, d = np.unravel_index(np.argmax(window), window.shape)",
                   "a, d = np.unravel_index(np.argmax(window), (ph, ph))")],
        "fails": ["test_max_pool_backward_hidden"],
        "error": "IndexError",  # a maximum in the last column of a wide window lands past the image's edge
    },
    {
        "cell": "max_pool_backward",
        "what": "torch's autograd through max_pool2d: right values, but the tests disable both",
        "patch": [("    N, C, H_out, W_out = dout.shape\n",
                   "    t = torch.from_numpy(x).requires_grad_()\n"
                   "    torch.nn.functional.max_pool2d(t, (ph, pw), stride=s).backward(torch.from_numpy(dout))\n"
                   "    return t.grad.numpy()\n"
                   "    N, C, H_out, W_out = dout.shape\n")],
        "fails": ["test_max_pool_backward", "test_max_pool_backward_hidden"],
    },
    # ---------------------------------------------------------------- part 11: a ConvNet from the layers
    {
        "cell": "convnet_loss",
        "what": "the loss summed over the images instead of averaged (and its gradients with it): right for one image",
        "patch": [("loss = -log_probs[np.arange(N), y].mean()", "loss = -log_probs[np.arange(N), y].sum()"),
                  ("    dscores /= N\n", "")],
        "fails": ["test_convnet_loss_hidden"],
    },
    {
        "cell": "convnet_loss",
        "what": "pooled maps flattened pixel by pixel (row, column, channel), not channel by channel as nn.Flatten does",
        "patch": [("flat = pooled.reshape(N, -1)", "flat = pooled.transpose(0, 2, 3, 1).reshape(N, -1)"),
                  ("dpooled = (dscores @ W2.T).reshape(pooled.shape)",
                   "dpooled = (dscores @ W2.T).reshape(N, pooled.shape[2], pooled.shape[3], -1).transpose(0, 3, 1, 2)")],
        "fails": ["test_convnet_loss_hidden"],
    },
    {
        "cell": "convnet_loss",
        "what": "softmax without subtracting each row's maximum: exp overflows for scores of a thousand",
        "patch": [("shifted = scores - scores.max(axis=1, keepdims=True)", "shifted = scores")],
        "fails": ["test_convnet_loss_stable_hidden"],
    },
    {
        "cell": "convnet_loss",
        "what": "the ReLU forgotten in the backward pass: the gradient flows through negative pre-activations",
        "patch": [("dconv = drelu * (conv > 0)", "dconv = drelu")],
        "fails": ["test_convnet_loss", "test_convnet_loss_hidden"],
    },
    {
        "cell": "convnet_loss",
        "what": "the course's helpers.nn.cross_entropy for the loss: the tests disable it",
        "patch": [("def convnet_loss(", "import helpers.nn\n\n\ndef convnet_loss("),
                  ("loss = -log_probs[np.arange(N), y].mean()", "loss = helpers.nn.cross_entropy(scores, y)")],
        "fails": ["test_convnet_loss", "test_convnet_loss_hidden", "test_convnet_loss_stable_hidden"],
    },
    # ---------------------------------------------------------------- part 12: the book's MyCNN repaired
    {
        "cell": "fixed_mycnn",
        "what": "keeps the book's count 32 * 28 * 28, as if the convolutions had no padding",
        "patch": [("self.n_features = 32 * height * width", "self.n_features = 32 * (height - 4) * (width - 4)")],
        "fails": ["test_fixed_mycnn", "test_fixed_mycnn_hidden", "test_fixed_mycnn_shape_hidden"],
    },
    {
        "cell": "fixed_mycnn",
        "what": "fixes the book's size for 32x32 images only: 32 * 32 * 32 written in, height and width ignored",
        "patch": [("self.n_features = 32 * height * width", "self.n_features = 32 * 32 * 32")],
        "fails": ["test_fixed_mycnn_hidden", "test_fixed_mycnn_shape_hidden"],
    },
    {
        "cell": "fixed_mycnn",
        "what": "flattens the whole batch into one row: x.view(1, -1) (right for the book's single image)",
        "patch": [("x = x.flatten(start_dim=1)", "x = x.view(1, -1)")],
        "fails": ["test_fixed_mycnn_hidden"],
    },
    {
        "cell": "fixed_mycnn",
        "what": "square images assumed: 32 * height * height features",
        "patch": [("self.n_features = 32 * height * width", "self.n_features = 32 * height * height")],
        "fails": ["test_fixed_mycnn_shape_hidden"],
    },
    # ---------------------------------------------------------------- part 13: train to a target
    {
        "cell": "train_cnn",
        "what": "one epoch to keep it fast: 0.94 on the visible split, below 0.95 on the hidden one",
        "patch": [("n_epochs, batch_size = 8, 32", "n_epochs, batch_size = 1, 32")],
        "fails": ["test_train_cnn_hidden"],
    },
    {
        "cell": "train_cnn",
        "what": "forgets torch.manual_seed(seed): the initial weights differ from call to call",
        "patch": [("    torch.manual_seed(seed)\n", "")],
        "fails": ["test_train_cnn_repeatable_hidden"],
    },
    {
        "cell": "train_cnn",
        "what": "the course's make_lenet and train_classifier: a good model, but the tests disable them",
        "patch": [("def build_and_train_cnn(", "import helpers.cnn\n\n\ndef build_and_train_cnn("),
                  ("    X = torch.as_tensor(np.asarray(X_train, dtype=np.float32))\n",
                   "    model = helpers.cnn.make_lenet(image_size=8)\n"
                   "    helpers.cnn.train_classifier(model, X_train, y_train, epochs=8, random_state=seed)\n"
                   "    return model.eval()\n"
                   "    X = torch.as_tensor(np.asarray(X_train, dtype=np.float32))\n")],
        "fails": ["test_train_cnn", "test_train_cnn_hidden", "test_train_cnn_repeatable_hidden"],
    },
    # ---------------------------------------------------------------- part 15: spatial batch normalisation
    {
        "cell": "spatial_bn_forward",
        "what": "the momentum applied the wrong way round: the running averages follow the last batch almost fully",
        "patch": [('bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mean',
                   'bn_param["running_mean"] = (1 - momentum) * running_mean + momentum * mean'),
                  ('bn_param["running_var"] = momentum * running_var + (1 - momentum) * var',
                   'bn_param["running_var"] = (1 - momentum) * running_var + momentum * var')],
        "fails": ["test_spatial_bn_forward_hidden"],
    },
    {
        "cell": "spatial_bn_forward",
        "what": "torch's batch_norm: the tests disable it (and the backward tests need the forward pass)",
        "patch": [("    inv_std = 1.0 / np.sqrt(var + eps)\n",
                   "    out = torch.nn.functional.batch_norm(torch.from_numpy(x), torch.from_numpy(mean), torch.from_numpy(var),\n"
                   "                                         torch.from_numpy(np.asarray(gamma, dtype=float)),\n"
                   "                                         torch.from_numpy(np.asarray(beta, dtype=float)), eps=eps).numpy()\n"
                   "    inv_std = 1.0 / np.sqrt(var + eps)\n"
                   "    return out, ((x - mean.reshape(1, C, 1, 1)) * inv_std.reshape(1, C, 1, 1), inv_std,\n"
                   "                 np.asarray(gamma, dtype=float).reshape(1, C, 1, 1))\n")],
        "fails": ["test_spatial_bn_forward", "test_spatial_bn_forward_hidden", "test_spatial_bn_backward",
                  "test_spatial_bn_backward_hidden"],
    },
    {
        "cell": "spatial_bn_backward",
        "what": "the mean of dx_hat taken over every axis, channels included (right with one channel)",
        "patch": [("dx_hat - dx_hat.mean(axis=axes, keepdims=True)", "dx_hat - dx_hat.mean()")],
        "fails": ["test_spatial_bn_backward_hidden"],
    },
    {
        "cell": "spatial_bn_backward",
        "what": "the batch's mean and variance treated as constants: dx = gamma * dout / std",
        "patch": [("    dx = inv_std.reshape(1, -1, 1, 1) * (dx_hat - dx_hat.mean(axis=axes, keepdims=True)\n"
                   "                                         - x_hat * (dx_hat * x_hat).mean(axis=axes, keepdims=True))\n",
                   "    dx = inv_std.reshape(1, -1, 1, 1) * dx_hat\n")],
        "fails": ["test_spatial_bn_backward", "test_spatial_bn_backward_hidden"],
    },
    # ---------------------------------------------------------------- part 16: im2col and the fast layer
    {
        "cell": "im2col",
        "what": "the stride forgotten in the slices: windows start one pixel apart (right with stride 1)",
        "patch": [("taps[:, :, a, b] = xp[:, :, a:a + stride * H_out:stride, b:b + stride * W_out:stride]",
                   "taps[:, :, a, b] = xp[:, :, a:a + H_out, b:b + W_out]")],
        "fails": ["test_im2col_hidden"],
    },
    {
        "cell": "im2col",
        "what": "the columns ordered (row, column, channel) instead of (channel, row, column): right with one channel",
        "patch": [("return taps.transpose(0, 4, 5, 1, 2, 3)", "return taps.transpose(0, 4, 5, 2, 3, 1)")],
        "fails": ["test_im2col_hidden"],
    },
    {
        "cell": "im2col",
        "what": "the windows taken with sliding_window_view: right values, but the tests disable it",
        "patch": [("    taps = np.empty((N, C, kh, kw, H_out, W_out))\n",
                   "    win = np.lib.stride_tricks.sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]\n"
                   "    return win.transpose(0, 2, 3, 1, 4, 5).reshape(N * H_out * W_out, C * kh * kw)\n"
                   "    taps = np.empty((N, C, kh, kw, H_out, W_out))\n")],
        "fails": ["test_im2col", "test_im2col_hidden"],
    },
    {
        "cell": "col2im",
        "what": "the stride forgotten in the scatter: each window added one pixel from the last (right with stride 1)",
        "patch": [("xp[:, :, a:a + stride * H_out:stride, b:b + stride * W_out:stride] += taps[:, :, a, b]",
                   "xp[:, :, a:a + H_out, b:b + W_out] += taps[:, :, a, b]")],
        "fails": ["test_col2im_hidden"],
    },
    {
        "cell": "col2im",
        "what": "the rows of cols read as (row, column, channel) windows: right with one channel",
        "patch": [(".reshape(N, H_out, W_out, C, kh, kw).transpose(0, 3, 4, 5, 1, 2)",
                   ".reshape(N, H_out, W_out, kh, kw, C).transpose(0, 5, 3, 4, 1, 2)")],
        "fails": ["test_col2im_hidden"],
    },
    {
        "cell": "col2im",
        "what": "each window written with = instead of added: overlapping windows overwrite each other",
        "patch": [("b:b + stride * W_out:stride] += taps[:, :, a, b]", "b:b + stride * W_out:stride] = taps[:, :, a, b]")],
        "fails": ["test_col2im", "test_col2im_hidden"],
    },
    {
        "cell": "col2im",
        "what": "torch's fold: right values, but the tests disable it",
        "patch": [("    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))\n",
                   "    blocks = np.asarray(cols, dtype=float).reshape(N, H_out * W_out, C * kh * kw).transpose(0, 2, 1)\n"
                   "    return torch.nn.functional.fold(torch.from_numpy(blocks.copy()), (H, W), (kh, kw), stride=stride,\n"
                   "                                    padding=pad).numpy()\n"
                   "    xp = np.zeros((N, C, H + 2 * pad, W + 2 * pad))\n")],
        "fails": ["test_col2im", "test_col2im_hidden"],
    },
    {
        "cell": "conv_forward_fast",
        "what": "the rows (one per output pixel, one column per filter) reshaped straight to (N, F, H', W'): right "
                "with one filter",
        "patch": [("out = rows.reshape(N, H_out, W_out, F).transpose(0, 3, 1, 2)", "out = rows.reshape(N, F, H_out, W_out)")],
        "fails": ["test_conv_forward_fast_hidden", "test_conv_forward_fast_stride_hidden"],
    },
    {
        "cell": "conv_forward_fast",
        "what": "the stride not passed on to im2col: right with stride 1, a shape error otherwise",
        "patch": [("cols = im2col(x, HH, WW, stride, pad)", "cols = im2col(x, HH, WW, 1, pad)")],
        "fails": ["test_conv_forward_fast_stride_hidden"],
        "error": "ValueError",
    },
    {
        "cell": "conv_forward_fast",
        "what": "the course's helpers.cnn.conv2d: right values, but the tests disable it",
        "patch": [("def conv_forward_fast(", "import helpers.cnn\n\n\ndef conv_forward_fast("),
                  ("    out = rows.reshape(N, H_out, W_out, F).transpose(0, 3, 1, 2)\n",
                   "    out = helpers.cnn.conv2d(x, w, b, stride=stride, padding=pad)\n")],
        "fails": ["test_conv_forward_fast", "test_conv_forward_fast_hidden", "test_conv_forward_fast_stride_hidden",
                  "test_conv_backward_fast", "test_conv_backward_fast_hidden", "test_conv_backward_fast_stride_hidden",
                  "test_train_own_convnet", "test_train_own_convnet_hidden", "test_train_own_convnet_repeatable_hidden"],
    },
    {
        "cell": "conv_backward_fast",
        "what": "dw and db averaged over the batch, though dout already holds the loss's 1/N (right with one image)",
        "patch": [("    dx = col2im(dcols, x_shape, HH, WW, stride, pad)\n",
                   "    dx = col2im(dcols, x_shape, HH, WW, stride, pad)\n    dw, db = dw / x_shape[0], db / x_shape[0]\n")],
        "fails": ["test_conv_backward_fast_hidden", "test_conv_backward_fast_stride_hidden"],
    },
    {
        "cell": "conv_backward_fast",
        "what": "col2im called with stride 1: right with stride 1, a shape error otherwise",
        "patch": [("dx = col2im(dcols, x_shape, HH, WW, stride, pad)", "dx = col2im(dcols, x_shape, HH, WW, 1, pad)")],
        "fails": ["test_conv_backward_fast_stride_hidden"],
        "error": "ValueError",
    },
    {
        "cell": "conv_backward_fast",
        "what": "the course's helpers.cnn.conv2d_backward: right values, but the tests disable it",
        "patch": [("def conv_backward_fast(", "import helpers.cnn\n\n\ndef conv_backward_fast("),
                  ("    dx = col2im(dcols, x_shape, HH, WW, stride, pad)\n",
                   "    dx = helpers.cnn.conv2d_backward(dout, col2im(cols, x_shape, HH, WW, stride, pad) * 0.0, w,\n"
                   "                                     stride=stride, padding=pad)[0]\n")],
        "fails": ["test_conv_backward_fast", "test_conv_backward_fast_hidden", "test_conv_backward_fast_stride_hidden",
                  "test_train_own_convnet", "test_train_own_convnet_hidden", "test_train_own_convnet_repeatable_hidden"],
    },
    # ---------------------------------------------------------------- part 17: average pooling
    {
        "cell": "avg_pool_forward",
        "what": "square windows assumed: pool_height used for both axes",
        "patch": [('ph, pw, s = pool_param["pool_height"], pool_param["pool_width"], pool_param["stride"]\n    N, C, H, W',
                   'ph, pw, s = pool_param["pool_height"], pool_param["pool_height"], pool_param["stride"]\n    N, C, H, W')],
        "fails": ["test_avg_pool_forward_hidden"],
    },
    {
        "cell": "avg_pool_forward",
        "what": "torch's avg_pool2d: right values, but the tests disable it (and the backward tests need the forward pass)",
        "patch": [("    total = np.zeros((N, C, H_out, W_out))\n",
                   "    out = torch.nn.functional.avg_pool2d(torch.from_numpy(x), (ph, pw), stride=s).numpy()\n"
                   "    return out, (x.shape, pool_param)\n"
                   "    total = np.zeros((N, C, H_out, W_out))\n")],
        "fails": ["test_avg_pool_forward", "test_avg_pool_forward_hidden", "test_avg_pool_backward",
                  "test_avg_pool_backward_hidden", "test_train_own_convnet", "test_train_own_convnet_hidden",
                  "test_train_own_convnet_repeatable_hidden"],
    },
    {
        "cell": "avg_pool_backward",
        "what": "each tap's share written with = instead of added: overlapping windows overwrite each other",
        "patch": [("dx[:, :, a:a + s * H_out:s, b:b + s * W_out:s] += share", "dx[:, :, a:a + s * H_out:s, b:b + s * W_out:s] = share")],
        "fails": ["test_avg_pool_backward_hidden"],
    },
    {
        "cell": "avg_pool_backward",
        "what": "the whole gradient, not a share, sent to every pixel of the window (the 1 / (ph pw) forgotten)",
        "patch": [("share = dout / (ph * pw)", "share = dout")],
        "fails": ["test_avg_pool_backward", "test_avg_pool_backward_hidden"],
    },
    {
        "cell": "avg_pool_backward",
        "what": "torch's autograd through avg_pool2d: right values, but the tests disable both",
        "patch": [("    _, _, H_out, W_out = dout.shape\n",
                   "    t = torch.zeros(x_shape, dtype=torch.float64, requires_grad=True)\n"
                   "    torch.nn.functional.avg_pool2d(t, (ph, pw), stride=s).backward(torch.from_numpy(dout))\n"
                   "    return t.grad.numpy()\n"
                   "    _, _, H_out, W_out = dout.shape\n")],
        "fails": ["test_avg_pool_backward", "test_avg_pool_backward_hidden", "test_train_own_convnet",
                  "test_train_own_convnet_hidden", "test_train_own_convnet_repeatable_hidden"],
    },
    {
        "cell": "global_avg_pool",
        "what": "square maps assumed in the backward pass: each pixel gets dout / H**2",
        "patch": [("share = np.asarray(dout, dtype=float)[:, :, None, None] / (H * W)",
                   "share = np.asarray(dout, dtype=float)[:, :, None, None] / (H * H)")],
        "fails": ["test_global_avg_pool_hidden"],
    },
    {
        "cell": "global_avg_pool",
        "what": "torch's adaptive_avg_pool2d for the forward pass: the tests disable it",
        "patch": [("    out = x.mean(axis=(2, 3))\n",
                   "    out = torch.nn.functional.adaptive_avg_pool2d(torch.from_numpy(x), 1).numpy()[:, :, 0, 0]\n")],
        "fails": ["test_global_avg_pool", "test_global_avg_pool_hidden"],
    },
    # ---------------------------------------------------------------- part 18: own layers to a target
    {
        "cell": "train_own_convnet",
        "what": "plain SGD without momentum at a small learning rate (0.03): 0.88 on the visible split, below 0.95",
        "patch": [("F, n_epochs, batch_size, lr, momentum, reg = 16, 12, 50, 0.3, 0.9, 1e-4",
                   "F, n_epochs, batch_size, lr, momentum, reg = 16, 12, 50, 0.03, 0.0, 1e-4")],
        "fails": ["test_train_own_convnet_hidden"],
    },
    {
        "cell": "train_own_convnet",
        "what": "three epochs to keep it fast: 0.95 on the visible split, 0.945 on the hidden one",
        "patch": [("F, n_epochs, batch_size, lr, momentum, reg = 16, 12, 50, 0.3, 0.9, 1e-4",
                   "F, n_epochs, batch_size, lr, momentum, reg = 16, 3, 50, 0.3, 0.9, 1e-4")],
        "fails": ["test_train_own_convnet_hidden"],
    },
    {
        "cell": "train_own_convnet",
        "what": "the batches shuffled with an unseeded generator: a good network, but not the same one twice",
        "patch": [("order = rng.permutation(N)", "order = np.random.default_rng().permutation(N)")],
        "fails": ["test_train_own_convnet_repeatable_hidden"],
    },
    {
        "cell": "train_own_convnet",
        "what": "the affine weights stored as (10, F * 16), the transpose of the layout asked for",
        "patch": [("    return params", '    params["W2"] = params["W2"].T.copy()\n    return params')],
        "fails": ["test_train_own_convnet", "test_train_own_convnet_hidden"],
    },
    {
        "cell": "train_own_convnet",
        "what": "the course's helpers.cnn.conv2d for the forward pass: the tests disable it",
        "patch": [("def train_own_convnet(", "import helpers.cnn\n\n\ndef train_own_convnet("),
                  ("            relu = np.maximum(conv, 0.0)\n",
                   "            conv = helpers.cnn.conv2d(X[batch], params[\"W1\"], params[\"b1\"], stride=1, padding=1)\n"
                   "            relu = np.maximum(conv, 0.0)\n")],
        "fails": ["test_train_own_convnet", "test_train_own_convnet_hidden", "test_train_own_convnet_repeatable_hidden"],
    },
]
