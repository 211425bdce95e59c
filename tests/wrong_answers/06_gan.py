"""Plausible wrong answers for solutions/06_gan/06_gan.ipynb (grading round trip).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py."""

WRONG_ANSWERS = [
    {
        "cell": "gan_losses",
        "what": "textbook formula through probabilities: right on small logits, inf/nan at +-1000",
        "patch": [
            ("    def softplus(a):\n"
             "        a = np.asarray(a, dtype=float)\n"
             "        return np.maximum(a, 0) + np.log1p(np.exp(-np.abs(a)))\n"
             "\n"
             "    d_loss = softplus(-np.asarray(d_real_logits)).mean() + softplus(d_fake_logits).mean()\n"
             "    g_loss = softplus(-np.asarray(d_fake_logits)).mean()",
             "    d_real = 1 / (1 + np.exp(-np.asarray(d_real_logits, dtype=float)))\n"
             "    d_fake = 1 / (1 + np.exp(-np.asarray(d_fake_logits, dtype=float)))\n"
             "    d_loss = -np.log(d_real).mean() - np.log(1 - d_fake).mean()\n"
             "    g_loss = -np.log(d_fake).mean()"),
        ],
        "fails": ["test_gan_losses_hidden"],
    },
    {
        "cell": "gan_losses",
        "what": "the saturating generator loss log(1 - D) instead of -log D",
        "patch": [("g_loss = softplus(-np.asarray(d_fake_logits)).mean()", "g_loss = -softplus(d_fake_logits).mean()")],
        "fails": ["test_gan_losses", "test_gan_losses_hidden"],
    },
    {
        "cell": "optimal_d",
        "what": "densities swapped: the probability of 'fake' instead of 'real'",
        "patch": [("return p / (p + q)", "return q / (p + q)")],
        "fails": ["test_optimal_d", "test_optimal_d_hidden"],
    },
    {
        "cell": "optimal_d",
        "what": "forgot the 1/sd normalisation of the densities (only matters when the spreads differ)",
        "patch": [(" / (sd * np.sqrt(2 * np.pi))", "")],
        "fails": ["test_optimal_d_hidden"],
    },
    {
        "cell": "generator_grads",
        "what": "derivatives with respect to D instead of the logit",
        "patch": [("return -d, -(1 - d)", "return -1 / (1 - d), -1 / d")],
        "fails": ["test_generator_grads", "test_generator_grads_hidden"],
    },
    {
        "cell": "generator_grads",
        "what": "clips D into [0.001, 0.999] for safety: no change at the visible 0.5 and 0.001, wrong below 0.001",
        "patch": [
            ("d = np.asarray(d_fake, dtype=float)", "d = np.clip(np.asarray(d_fake, dtype=float), 1e-3, 1 - 1e-3)"),
        ],
        "fails": ["test_generator_grads_hidden"],
    },
    {
        "cell": "discriminator_step",
        "what": "gradient ascent: the sign of the update is flipped",
        "patch": [("return w - lr * grad_w, b - lr * grad_b", "return w + lr * grad_w, b + lr * grad_b")],
        "fails": ["test_discriminator_step", "test_discriminator_step_hidden"],
    },
    {
        "cell": "discriminator_step",
        "what": "sums instead of means over each batch (right only when both batches hold one sample)",
        "patch": [
            ("(sig(x_real @ w + b) - 1) / len(x_real)", "sig(x_real @ w + b) - 1"),
            ("sig(x_fake @ w + b) / len(x_fake)", "sig(x_fake @ w + b)"),
        ],
        "fails": ["test_discriminator_step_hidden"],
    },
    {
        "cell": "conv_transpose_out",
        "what": "the ordinary convolution's formula",
        "patch": [
            ("out = (n - 1) * stride - 2 * padding + kernel + output_padding",
             "out = (n + 2 * padding - kernel) // stride + 1"),
        ],
        "fails": ["test_conv_transpose_out", "test_conv_transpose_out_hidden"],
    },
    {
        "cell": "conv_transpose_out",
        "what": "output_padding ignored and no check for sizes below 1",
        "patch": [
            ("    out = (n - 1) * stride - 2 * padding + kernel + output_padding\n"
             "    if out < 1:\n"
             '        raise ValueError(f"output size would be {out}")\n'
             "    return int(out)",
             "    return (n - 1) * stride - 2 * padding + kernel"),
        ],
        "fails": ["test_conv_transpose_out_hidden"],
    },
]
