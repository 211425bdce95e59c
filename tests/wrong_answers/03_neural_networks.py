"""Plausible student mistakes for the 03_neural_networks assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "activation_grads",
        "what": "swish' taken as sigma(beta z) (the product rule half done), PReLU's dz without the upstream dout",
        "patch": [
            ("return s + beta * z * s * (1.0 - s)", "return s"),
            ("dz = dout * np.where(z > 0, 1.0, alpha)", "dz = np.where(z > 0, 1.0, alpha)"),
        ],
        "fails": ["test_activation_grads", "test_activation_grads_hidden"],
    },
    {
        "cell": "activation_grads",
        "what": "the inner factor beta of the chain rule forgotten in swish' (right only for beta = 1)",
        "patch": [("return s + beta * z * s * (1.0 - s)", "return s + z * s * (1.0 - s)")],
        "fails": ["test_activation_grads_hidden"],
    },
    {
        "cell": "softmax_cross_entropy",
        "what": "the textbook formula without the max shift: overflows (an infinite loss) at logits of 1000",
        "patch": [("shifted = z - z.max(axis=1, keepdims=True)", "shifted = z")],
        "fails": ["test_softmax_cross_entropy", "test_softmax_cross_entropy_hidden"],
    },
    {
        "cell": "softmax_cross_entropy",
        "what": "gradient not averaged over the batch (sum instead of mean)",
        "patch": [("return float(loss), dlogits / n", "return float(loss), dlogits")],
        "fails": ["test_softmax_cross_entropy", "test_softmax_cross_entropy_hidden"],
    },
    {
        "cell": "softmax_cross_entropy",
        "what": "loss as np.log of the shifted softmax: -inf when the true class's probability underflows to 0",
        "patch": [
            ("    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
             "    log_p = shifted - log_norm\n",
             "    log_p = np.log(np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True))\n"),
        ],
        "fails": ["test_softmax_cross_entropy_hidden"],
    },
    {
        "cell": "two_layer_backward",
        "what": "forgot the tanh derivative when propagating into the hidden layer",
        "patch": [("G1 = (G2 @ W2.T) * (1.0 - A1**2)", "G1 = G2 @ W2.T")],
        "fails": ["test_two_layer_backward", "test_two_layer_backward_hidden"],
    },
    {
        "cell": "two_layer_backward",
        "what": "tanh applied to the output layer too (every layer activated), with a consistent backward pass",
        "patch": [
            ("    Z2 = A1 @ W2 + b2\n"
             "    loss, G2 = softmax_cross_entropy(Z2, y)\n",
             "    Z2 = np.tanh(A1 @ W2 + b2)\n"
             "    loss, G2 = softmax_cross_entropy(Z2, y)\n"
             "    G2 = G2 * (1.0 - Z2**2)\n"),
        ],
        "fails": ["test_two_layer_backward_hidden"],
    },
    {
        "cell": "adam_step",
        "what": "no bias correction",
        "patch": [
            ("    m_hat = m / (1 - beta1**t)\n"
             "    v_hat = v / (1 - beta2**t)\n"
             "    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v",
             "    return param - lr * m / (np.sqrt(v) + eps), m, v"),
        ],
        "fails": ["test_adam_step", "test_adam_step_hidden"],
    },
    {
        "cell": "adam_step",
        "what": "m and v updated in place (m *= beta1; m += ...), as torch does: the caller's arrays change",
        "patch": [
            ("    m = beta1 * m + (1 - beta1) * grad\n"
             "    v = beta2 * v + (1 - beta2) * grad**2\n",
             "    m *= beta1\n"
             "    m += (1 - beta1) * grad\n"
             "    v *= beta2\n"
             "    v += (1 - beta2) * grad**2\n"),
        ],
        "fails": ["test_adam_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "Nesterov treated exactly like plain momentum",
        "patch": [
            ("    direction = grad + momentum * buf if nesterov else buf\n"
             "    return x - lr * direction, buf",
             "    return x - lr * buf, buf"),
        ],
        "fails": ["test_momentum_step", "test_nesterov_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "the learning rate scaled into the buffer (v = mu v + lr g) but then applied again",
        "patch": [("momentum * buf + grad", "momentum * buf + lr * grad")],
        "fails": ["test_momentum_step", "test_momentum_step_hidden", "test_nesterov_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "x updated in place (x -= lr * direction): the caller's parameter array changes",
        "patch": [
            ("    return x - lr * direction, buf",
             "    x -= lr * direction\n"
             "    return x, buf"),
        ],
        "fails": ["test_momentum_step_hidden"],
    },
    {
        "cell": "step_decay",
        "what": "off by one: the first decay already happens after step_size - 1 epochs",
        "patch": [("base_lr * gamma ** (epochs // step_size)", "base_lr * gamma ** ((epochs + 1) // step_size)")],
        "fails": ["test_step_decay", "test_step_decay_hidden"],
    },
    {
        "cell": "step_decay",
        "what": "the rate halved at every step (the example's gamma = 0.5 hard-coded, the argument ignored)",
        "patch": [("base_lr * gamma ** (epochs // step_size)", "base_lr * 0.5 ** (epochs // step_size)")],
        "fails": ["test_step_decay_hidden"],
    },
    {
        "cell": "solve_lagrangian",
        "what": "the handbook's mistake: the optimal value reported as the multiplier",
        "patch": [
            ("    lam = 2.0 * c / np.sum(1.0 / a)\n"
             "    x = lam / (2.0 * a)\n"
             "    return x, float(lam), float(np.sum(a * x**2))",
             "    x = (c / np.sum(1.0 / a)) / a\n"
             "    f_star = float(np.sum(a * x**2))\n"
             "    return x, f_star, f_star"),
        ],
        "fails": ["test_solve_lagrangian", "test_solve_lagrangian_hidden"],
    },
    {
        "cell": "solve_lagrangian",
        "what": "the optimal value computed as sum(x**2), the weights a forgotten (right for the lecture's a = [1, 1])",
        "patch": [("float(np.sum(a * x**2))", "float(np.sum(x**2))")],
        "fails": ["test_solve_lagrangian_hidden"],
    },
]
