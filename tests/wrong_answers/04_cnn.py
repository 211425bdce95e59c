"""Plausible student mistakes for the 04_cnn assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: corr2d
    {
        "cell": "corr2d",
        "what": "off by one: the output is one row and one column too small",
        "patch": [("oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1", "oh, ow = X.shape[0] - kh, X.shape[1] - kw")],
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
        "what": "calls the library it should re-implement: passes the visible test, blocked in the hidden one",
        "patch": [
            ("def corr2d(X, K):",
             "from scipy.signal import correlate2d\n"
             "\n"
             "\n"
             "def corr2d(X, K):"),
            ("    X = np.asarray(X, dtype=float)\n"
             "    K = np.asarray(K, dtype=float)\n"
             "    kh, kw = K.shape\n"
             "    oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1\n"
             "    Y = np.zeros((oh, ow))\n"
             "    for a in range(kh):  # loop over the kernel's entries; each step handles every pixel at once\n"
             "        for b in range(kw):\n"
             "            Y += K[a, b] * X[a:a + oh, b:b + ow]\n"
             "    return Y",
             '    return correlate2d(np.asarray(X, dtype=float), np.asarray(K, dtype=float), mode="valid")'),
        ],
        "fails": ["test_corr2d_hidden"],
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
            ("return (n + 2 * padding - k) // stride + 1", "return math.ceil((n + 2 * padding - k) / stride) + 1"),
        ],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv_output_size",
        "what": "padding counted once instead of on both sides, and no check that the kernel fits",
        "patch": [
            ("    if k > n + 2 * padding:\n"
             '        raise ValueError(f"kernel {k} does not fit in the padded input {n + 2 * padding}")\n'
             "    return (n + 2 * padding - k) // stride + 1",
             "    return (n + padding - k) // stride + 1"),
        ],
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
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
        "what": "calls torch's convolution: right values, but that function is disabled in the hidden test",
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
        "fails": ["test_conv_multi_hidden"],
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
    # ---------------------------------------------------------------- part 5: max pooling
    {
        "cell": "max_pool2d",
        "what": "the stride is ignored: always stride 1",
        "patch": [("(X, (size, size))[::stride, ::stride]", "(X, (size, size))")],
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    {
        "cell": "max_pool2d",
        "what": "the output size uses H // stride, so windows that do not fit are read past the edge",
        "patch": [
            ("    windows = np.lib.stride_tricks.sliding_window_view(X, (size, size))[::stride, ::stride]\n"
             "    return windows.max(axis=(2, 3))",
             "    H, W = X.shape\n"
             "    Y = np.zeros((H // stride, W // stride))\n"
             "    for i in range(Y.shape[0]):\n"
             "        for j in range(Y.shape[1]):\n"
             "            Y[i, j] = X[i * stride:i * stride + size, j * stride:j * stride + size].max()\n"
             "    return Y"),
        ],
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    # ---------------------------------------------------------------- part 6: receptive field
    {
        "cell": "receptive_field",
        "what": "forgets that strides below a layer spread its inputs apart",
        "patch": [
            ("r, jump = 1, 1", "r = 1"),
            ("        r += (k - 1) * jump\n"
             "        jump *= s",
             "        r += k - 1"),
        ],
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    {
        "cell": "receptive_field",
        "what": "applies a layer's own stride to its own kernel (jump updated too early)",
        "patch": [
            ("        r += (k - 1) * jump\n"
             "        jump *= s",
             "        jump *= s\n"
             "        r += (k - 1) * jump"),
        ],
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
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
]
