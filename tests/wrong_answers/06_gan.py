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
        "cell": "gan_losses",
        "what": "torch's binary_cross_entropy_with_logits, which the tests disable",
        "patch": [
            ("def gan_losses(", "import torch\n\n\ndef gan_losses("),
            ("    def softplus(a):\n"
             "        a = np.asarray(a, dtype=float)\n"
             "        return np.maximum(a, 0) + np.log1p(np.exp(-np.abs(a)))\n"
             "\n"
             "    d_loss = softplus(-np.asarray(d_real_logits)).mean() + softplus(d_fake_logits).mean()\n"
             "    g_loss = softplus(-np.asarray(d_fake_logits)).mean()",
             "    bce = torch.nn.functional.binary_cross_entropy_with_logits\n"
             "    r = torch.as_tensor(np.asarray(d_real_logits, dtype=float))\n"
             "    f = torch.as_tensor(np.asarray(d_fake_logits, dtype=float))\n"
             "    d_loss = (bce(r, torch.ones_like(r)) + bce(f, torch.zeros_like(f))).item()\n"
             "    g_loss = bce(f, torch.ones_like(f)).item()"),
        ],
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
        "cell": "optimal_d",
        "what": "the densities by hand, then helpers.gan.optimal_discriminator, which the tests disable",
        "patch": [
            ("def optimal_d_gaussians(", "from helpers.gan import optimal_discriminator\n\n\ndef optimal_d_gaussians("),
            ("return p / (p + q)", "return optimal_discriminator(p, q)"),
        ],
        "fails": ["test_optimal_d", "test_optimal_d_hidden"],
    },
    {
        "cell": "optimal_d",
        "what": "poisoning: densities without 1/sd, and scipy.stats.norm patched the same way so that the old hidden "
                "test's reference agreed",
        "patch": [
            ("def optimal_d_gaussians(", "import scipy.stats\n\n\ndef optimal_d_gaussians("),
            (" / (sd * np.sqrt(2 * np.pi))", " / np.sqrt(2 * np.pi)"),
            ("    return p / (p + q)",
             "    return p / (p + q)\n"
             "\n"
             "\n"
             "class _Normal:\n"
             "    def __init__(self, loc=0.0, scale=1.0):\n"
             "        self.loc, self.scale = loc, scale\n"
             "\n"
             "    def pdf(self, x):\n"
             "        return np.exp(-((np.asarray(x) - self.loc) ** 2) / (2 * self.scale**2)) / np.sqrt(2 * np.pi)\n"
             "\n"
             "\n"
             "scipy.stats.norm = _Normal  # the old hidden test's densities now lack 1/sd too"),
        ],
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
        "cell": "generator_grads",
        "what": "back to the logits, then helpers.gan.generator_loss_grad, which the tests disable",
        "patch": [
            ("def generator_grads(", "from helpers.gan import generator_loss_grad\n\n\ndef generator_grads("),
            ("    return -d, -(1 - d)",
             "    a = np.log(d) - np.log1p(-d)\n"
             "    return generator_loss_grad(a, non_saturating=False), generator_loss_grad(a)"),
        ],
        "fails": ["test_generator_grads", "test_generator_grads_hidden"],
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
        "cell": "discriminator_step",
        "what": "the gradients from helpers.ml.logistic_loss_grad (real batch label 1, fake batch 0), which the tests "
                "disable",
        "patch": [
            ("def discriminator_step(", "from helpers.ml import logistic_loss_grad\n\n\ndef discriminator_step("),
            ("    sig = lambda a: 1 / (1 + np.exp(-a))\n"
             "    g_real = (sig(x_real @ w + b) - 1) / len(x_real)\n"
             "    g_fake = sig(x_fake @ w + b) / len(x_fake)\n"
             "    grad_w = x_real.T @ g_real + x_fake.T @ g_fake\n"
             "    grad_b = g_real.sum() + g_fake.sum()\n",
             "    _, gw_real, gb_real = logistic_loss_grad(w, b, x_real, np.ones(len(x_real)))\n"
             "    _, gw_fake, gb_fake = logistic_loss_grad(w, b, x_fake, np.zeros(len(x_fake)))\n"
             "    grad_w, grad_b = gw_real + gw_fake, gb_real + gb_fake\n"),
        ],
        "fails": ["test_discriminator_step", "test_discriminator_step_hidden"],
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
    {
        "cell": "conv_transpose_out",
        "what": "asks torch's ConvTranspose2d for the size (its error turned into ValueError), which the tests disable",
        "patch": [
            ("def conv_transpose_out(", "import torch\n\n\ndef conv_transpose_out("),
            ("    out = (n - 1) * stride - 2 * padding + kernel + output_padding\n"
             "    if out < 1:\n"
             '        raise ValueError(f"output size would be {out}")\n'
             "    return int(out)",
             "    try:\n"
             "        layer = torch.nn.ConvTranspose2d(1, 1, kernel, stride=stride, padding=padding,\n"
             "                                         output_padding=output_padding)\n"
             "        return int(layer(torch.zeros(1, 1, n, n)).shape[-1])\n"
             "    except RuntimeError as exc:\n"
             "        raise ValueError(str(exc)) from None"),
        ],
        "fails": ["test_conv_transpose_out", "test_conv_transpose_out_hidden"],
    },
    {
        "cell": "conv_transpose_out",
        "what": "poisoning: output_padding ignored, and torch.nn.ConvTranspose2d patched to drop it too so that the "
                "old hidden test's reference agreed",
        "patch": [
            ("def conv_transpose_out(", "import torch\n\n\ndef conv_transpose_out("),
            ("- 2 * padding + kernel + output_padding", "- 2 * padding + kernel"),
            ("    return int(out)",
             "    return int(out)\n"
             "\n"
             "\n"
             "class _ConvTranspose2d(torch.nn.ConvTranspose2d):\n"
             "    def __init__(self, *args, output_padding=0, **kwargs):\n"
             "        super().__init__(*args, **kwargs)\n"
             "\n"
             "\n"
             "torch.nn.ConvTranspose2d = _ConvTranspose2d  # the old hidden test's sizes now ignore output_padding"),
        ],
        "fails": ["test_conv_transpose_out_hidden"],
    },
]
