"""Plausible wrong answers for solutions/06_gan/06_gan.ipynb (grading round trip)."""

WRONG_ANSWERS = [
    {
        "cell": "gan_losses",
        # textbook formula through probabilities: right on small logits, inf/nan at +-1000
        "source": '''
def gan_losses(d_real_logits, d_fake_logits):
    """Discriminator loss and non-saturating generator loss from logits (1-D arrays)."""
    d_real = 1 / (1 + np.exp(-np.asarray(d_real_logits, dtype=float)))
    d_fake = 1 / (1 + np.exp(-np.asarray(d_fake_logits, dtype=float)))
    d_loss = -np.log(d_real).mean() - np.log(1 - d_fake).mean()
    g_loss = -np.log(d_fake).mean()
    return float(d_loss), float(g_loss)
''',
        "fails": ["test_gan_losses_hidden"],
    },
    {
        "cell": "gan_losses",
        # the saturating generator loss log(1 - D) instead of -log D
        "source": '''
def gan_losses(d_real_logits, d_fake_logits):
    """Discriminator loss and non-saturating generator loss from logits (1-D arrays)."""
    sp = lambda a: np.logaddexp(0.0, np.asarray(a, dtype=float))
    d_loss = sp(-np.asarray(d_real_logits)).mean() + sp(d_fake_logits).mean()
    g_loss = -sp(d_fake_logits).mean()
    return float(d_loss), float(g_loss)
''',
        "fails": ["test_gan_losses", "test_gan_losses_hidden"],
    },
    {
        "cell": "optimal_d",
        # densities swapped: the probability of 'fake' instead of 'real'
        "source": '''
def optimal_d_gaussians(x, mu_data, sd_data, mu_gen, sd_gen):
    """D*(x) for data N(mu_data, sd_data^2) and generator N(mu_gen, sd_gen^2); same shape as x."""
    x = np.asarray(x, dtype=float)
    pdf = lambda mu, sd: np.exp(-((x - mu) ** 2) / (2 * sd**2)) / (sd * np.sqrt(2 * np.pi))
    p, q = pdf(mu_data, sd_data), pdf(mu_gen, sd_gen)
    return q / (p + q)
''',
        "fails": ["test_optimal_d", "test_optimal_d_hidden"],
    },
    {
        "cell": "optimal_d",
        # forgot the 1/sd normalisation of the densities (only matters when the spreads differ)
        "source": '''
def optimal_d_gaussians(x, mu_data, sd_data, mu_gen, sd_gen):
    """D*(x) for data N(mu_data, sd_data^2) and generator N(mu_gen, sd_gen^2); same shape as x."""
    x = np.asarray(x, dtype=float)
    p = np.exp(-((x - mu_data) ** 2) / (2 * sd_data**2))
    q = np.exp(-((x - mu_gen) ** 2) / (2 * sd_gen**2))
    return p / (p + q)
''',
        "fails": ["test_optimal_d_hidden"],
    },
    {
        "cell": "generator_grads",
        # derivatives with respect to D instead of the logit
        "source": '''
def generator_grads(d_fake):
    """d/da of log(1 - d) and of -log(d), where d = sigmoid(a); arrays shaped like d_fake."""
    d = np.asarray(d_fake, dtype=float)
    return -1 / (1 - d), -1 / d
''',
        "fails": ["test_generator_grads", "test_generator_grads_hidden"],
    },
    {
        "cell": "discriminator_step",
        # gradient ascent: the sign of the update is flipped
        "source": '''
def discriminator_step(w, b, x_real, x_fake, lr):
    """One gradient-descent step on the discriminator loss; returns (new_w, new_b)."""
    sig = lambda a: 1 / (1 + np.exp(-a))
    g_real = (sig(x_real @ w + b) - 1) / len(x_real)
    g_fake = sig(x_fake @ w + b) / len(x_fake)
    return w + lr * (x_real.T @ g_real + x_fake.T @ g_fake), b + lr * (g_real.sum() + g_fake.sum())
''',
        "fails": ["test_discriminator_step", "test_discriminator_step_hidden"],
    },
    {
        "cell": "discriminator_step",
        # sums instead of means over each batch (right only when both batches hold one sample)
        "source": '''
def discriminator_step(w, b, x_real, x_fake, lr):
    """One gradient-descent step on the discriminator loss; returns (new_w, new_b)."""
    sig = lambda a: 1 / (1 + np.exp(-a))
    g_real = sig(x_real @ w + b) - 1
    g_fake = sig(x_fake @ w + b)
    return w - lr * (x_real.T @ g_real + x_fake.T @ g_fake), b - lr * (g_real.sum() + g_fake.sum())
''',
        "fails": ["test_discriminator_step_hidden"],
    },
    {
        "cell": "conv_transpose_out",
        # the ordinary convolution's formula
        "source": '''
def conv_transpose_out(n, kernel, stride=1, padding=0, output_padding=0):
    """Spatial output size of a transposed convolution (int)."""
    out = (n + 2 * padding - kernel) // stride + 1
    if out < 1:
        raise ValueError(f"output size would be {out}")
    return int(out)
''',
        "fails": ["test_conv_transpose_out", "test_conv_transpose_out_hidden"],
    },
    {
        "cell": "conv_transpose_out",
        # output_padding ignored and no check for sizes below 1
        "source": '''
def conv_transpose_out(n, kernel, stride=1, padding=0, output_padding=0):
    """Spatial output size of a transposed convolution (int)."""
    return (n - 1) * stride - 2 * padding + kernel
''',
        "fails": ["test_conv_transpose_out_hidden"],
    },
]
