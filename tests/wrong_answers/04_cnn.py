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
]
