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
    {
        "cell": "d_forward_backward",
        "what": "the gradient of w2 from the pre-activations instead of the activations (equal while every unit is active)",
        "patch": [('grads = {"W2": cache["h"].T @ dlogits', 'grads = {"W2": cache["pre"].T @ dlogits')],
        "fails": ["test_d_forward_backward_hidden"],
    },
    {
        "cell": "d_forward_backward",
        "what": "the slope 0.2 written into the backward pass instead of the one the forward pass used",
        "patch": [('np.where(cache["pre"] > 0, 1.0, cache["slope"])', 'np.where(cache["pre"] > 0, 1.0, 0.2)')],
        "fails": ["test_d_forward_backward_edge_hidden"],
    },
    {
        "cell": "d_forward_backward",
        "what": "the leaky ReLU's derivative left out of the backward pass (right while every unit is active)",
        "patch": [('dpre = dh * np.where(cache["pre"] > 0, 1.0, cache["slope"])', "dpre = dh")],
        "fails": ["test_d_forward_backward_hidden", "test_d_forward_backward_edge_hidden"],
    },
    {
        "cell": "d_forward_backward",
        "what": "the leaky ReLU's derivative from helpers.nn.leaky_relu_grad, which the tests disable",
        "patch": [
            ("def d_forward(", "from helpers.nn import leaky_relu_grad\n\n\ndef d_forward("),
            ('np.where(cache["pre"] > 0, 1.0, cache["slope"])', 'leaky_relu_grad(cache["pre"], cache["slope"])'),
        ],
        "fails": ["test_d_forward_backward", "test_d_forward_backward_hidden", "test_d_forward_backward_edge_hidden"],
    },
    {
        "cell": "d_loss_grads",
        "what": "sums over each batch instead of means in the gradients (right only for batches of one point)",
        "patch": [
            ("(sig_real - 1) / len(a_real)", "sig_real - 1"),
            ("sig_fake / len(a_fake)", "sig_fake"),
        ],
        "fails": ["test_d_loss_grads_hidden"],
    },
    {
        "cell": "d_loss_grads",
        "what": "the fakes' gradient taken with the real label, sigma(a) - 1 instead of sigma(a)",
        "patch": [("d_backward(sig_fake / len(a_fake), cache_fake)", "d_backward((sig_fake - 1) / len(a_fake), cache_fake)")],
        "fails": ["test_loss_grads", "test_d_loss_grads_hidden"],
    },
    {
        "cell": "d_loss_grads",
        "what": "the loss through torch.nn.functional.softplus, which the tests disable",
        "patch": [
            ("def d_loss_and_grads(", "import torch\n\n\ndef d_loss_and_grads("),
            ("loss = np.logaddexp(0.0, -a_real).mean() + np.logaddexp(0.0, a_fake).mean()",
             "sp = torch.nn.functional.softplus\n"
             "    loss = (sp(torch.as_tensor(-a_real)).mean() + sp(torch.as_tensor(a_fake)).mean()).item()"),
        ],
        "fails": ["test_loss_grads", "test_d_loss_grads_hidden"],
    },
    {
        "cell": "g_loss_grads",
        "what": "sums over the batch instead of the mean in the generator's gradients (right for one noise vector)",
        "patch": [("d_backward((sig - 1) / len(a), cache)", "d_backward(sig - 1, cache)")],
        "fails": ["test_g_loss_grads_hidden"],
    },
    {
        "cell": "g_loss_grads",
        "what": "the saturating generator loss log(1 - D) instead of the non-saturating -log D",
        "patch": [
            ("loss = np.logaddexp(0.0, -a).mean()", "loss = -np.logaddexp(0.0, a).mean()"),
            ("d_backward((sig - 1) / len(a), cache)", "d_backward(-sig / len(a), cache)"),
        ],
        "fails": ["test_loss_grads", "test_g_loss_grads_hidden"],
    },
    {
        "cell": "g_loss_grads",
        "what": "the ReLU's mask forgotten in the generator's backward pass",
        "patch": [("dpre = (dx @ V2.T) * (pre > 0)", "dpre = dx @ V2.T")],
        "fails": ["test_loss_grads", "test_g_loss_grads_hidden"],
    },
    {
        "cell": "adam_update",
        "what": "the step count never advances: the bias correction of step 1 at every step",
        "patch": [('t = state["t"] + 1', "t = 1")],
        "fails": ["test_adam_update_hidden", "test_adam_update_betas_hidden"],
    },
    {
        "cell": "adam_update",
        "what": "the default betas written in, so other betas are ignored (the first step does not depend on them)",
        "patch": [("beta1, beta2 = betas", "beta1, beta2 = 0.9, 0.999")],
        "fails": ["test_adam_update_betas_hidden"],
    },
    {
        "cell": "adam_update",
        "what": "no bias correction: the first steps are far too short",
        "patch": [
            ("m_hat = new_m[k] / (1 - beta1**t)", "m_hat = new_m[k]"),
            ("v_hat = new_v[k] / (1 - beta2**t)", "v_hat = new_v[k]"),
        ],
        "fails": ["test_adam_update", "test_adam_update_hidden", "test_adam_update_betas_hidden"],
    },
    {
        "cell": "adam_update",
        "what": "checks its step against torch.optim.Adam, which the tests disable",
        "patch": [
            ("def adam_update(", "import torch\n\n\ndef adam_update("),
            ("    beta1, beta2 = betas\n",
             "    beta1, beta2 = betas\n"
             "    tensors = [torch.tensor(np.asarray(v, dtype=float), requires_grad=True) for v in params.values()]\n"
             "    for tensor, k in zip(tensors, params):\n"
             "        tensor.grad = torch.tensor(np.asarray(grads[k], dtype=float))\n"
             "    torch.optim.Adam(tensors, lr=lr, betas=betas, eps=eps).step()\n"),
        ],
        "fails": ["test_adam_update", "test_adam_update_hidden", "test_adam_update_betas_hidden"],
    },
    {
        "cell": "train_gan",
        "what": "a memoriser: sample returns random rows of the training data instead of generated points",
        "patch": [("return G(torch.randn(m, latent, generator=gen)).numpy().astype(float)",
                   "return X[torch.randint(len(X), (m,), generator=gen)].numpy().astype(float)")],
        "fails": ["test_train_gan_energy_hidden"],
    },
    {
        "cell": "train_gan",
        "what": "sample adds Gaussian noise of standard deviation 0.25 to smooth the generated points",
        "patch": [("return G(torch.randn(m, latent, generator=gen)).numpy().astype(float)",
                   "out = G(torch.randn(m, latent, generator=gen)) + 0.25 * torch.randn(m, 2, generator=gen)\n"
                   "            return out.numpy().astype(float)")],
        "fails": ["test_train_gan_coverage_hidden"],
    },
    {
        "cell": "train_gan",
        "what": "the generator built with helpers.wgan.build_toy_mlp, which the tests disable",
        "patch": [
            ("def train_gan(", "from helpers.wgan import build_toy_mlp\n\n\ndef train_gan("),
            ("G = torch.nn.Sequential(torch.nn.Linear(latent, width), torch.nn.ReLU(),\n"
             "                            torch.nn.Linear(width, width), torch.nn.ReLU(), torch.nn.Linear(width, 2))",
             "G = build_toy_mlp(latent, 2, width)"),
        ],
        "fails": ["test_train_gan", "test_train_gan_coverage_hidden", "test_train_gan_energy_hidden"],
    },
    {
        "cell": "fixed_generator_step",
        "what": "log(1 - D) computed from the probability: -inf once D(G(z)) rounds to 1",
        "patch": [("loss = -np.logaddexp(0.0, a).mean()", "loss = np.log(1 - d).mean()")],
        "fails": ["test_fixed_generator_step_hidden"],
    },
    {
        "cell": "fixed_generator_step",
        "what": "the factor w_d left out of the gradient (right only for w_d = 1)",
        "patch": [("grad_b = -(d * w_d).mean()", "grad_b = -d.mean()")],
        "fails": ["test_fixed_generator_step_hidden"],
    },
    {
        "cell": "fixed_generator_step",
        "what": "only the loss's sign corrected: the step still follows the book's gradient",
        "patch": [("grad_b = -(d * w_d).mean()", "grad_b = (d * w_d).mean()")],
        "fails": ["test_fixed_generator_step", "test_fixed_generator_step_hidden"],
    },
    {
        "cell": "fixed_generator_step",
        "what": "the gradient from helpers.gan.generator_loss_grad (saturating), which the tests disable",
        "patch": [
            ("def fixed_generator_step(", "from helpers.gan import generator_loss_grad\n\n\ndef fixed_generator_step("),
            ("grad_b = -(d * w_d).mean()", "grad_b = (generator_loss_grad(a, non_saturating=False) * w_d).mean()"),
        ],
        "fails": ["test_fixed_generator_step", "test_fixed_generator_step_hidden"],
    },
    {
        "cell": "vae_pieces",
        "what": "the reconstruction loss through probabilities, -x log p - (1 - x) log(1 - p): nan at logits +-1000",
        "patch": [("recon = (np.maximum(a, 0.0) + np.log1p(np.exp(-np.abs(a))) - x * a).sum(axis=1)",
                   "p = 1 / (1 + np.exp(-a))\n"
                   "    recon = -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(axis=1)")],
        "fails": ["test_vae_pieces_edge_hidden"],
    },
    {
        "cell": "vae_pieces",
        "what": "log sigma^2 taken as the log of exp(logvar): -inf, and an infinite KL, at logvar -1000",
        "patch": [("kl = 0.5 * (var + mu**2 - 1.0 - logvar).sum(axis=1)",
                   "kl = 0.5 * (var + mu**2 - 1.0 - np.log(var)).sum(axis=1)")],
        "fails": ["test_vae_pieces_edge_hidden"],
    },
    {
        "cell": "vae_pieces",
        "what": "the gradient of the negative ELBO for mu not divided by the batch size (right for one image)",
        "patch": [('"mu": dmu / n', '"mu": dmu')],
        "fails": ["test_vae_pieces_hidden"],
    },
    {
        "cell": "vae_pieces",
        "what": "the negative ELBO summed over the batch instead of averaged, gradients too (right for one image)",
        "patch": [("loss = float((recon + kl).mean())", "loss = float((recon + kl).sum())"),
                  ("n = len(x)", "n = 1")],
        "fails": ["test_vae_pieces_hidden", "test_vae_pieces_edge_hidden"],
    },
    {
        "cell": "vae_pieces",
        "what": "the KL from helpers.generative.gaussian_kl, which the tests disable",
        "patch": [("def reparam_forward(", "from helpers.generative import gaussian_kl\n\n\ndef reparam_forward("),
                  ("kl = 0.5 * (var + mu**2 - 1.0 - logvar).sum(axis=1)", "kl = gaussian_kl(mu, logvar)")],
        "fails": ["test_vae_pieces", "test_vae_pieces_hidden", "test_vae_pieces_edge_hidden"],
    },
    {
        "cell": "vae_loss_grads",
        "what": "the decoder's ReLU mask forgotten (right while every decoder unit is active)",
        "patch": [('dpre_d = (d["logits"] @ P["Wx"].T) * (pre_d > 0)', 'dpre_d = d["logits"] @ P["Wx"].T')],
        "fails": ["test_vae_loss_grads_decoder_hidden", "test_vae_loss_grads_encoder_hidden"],
    },
    {
        "cell": "vae_loss_grads",
        "what": "the encoder's ReLU mask forgotten (right while every encoder unit is active)",
        "patch": [('dpre_e = (dmu @ P["Wmu"].T + dlogvar @ P["Wlv"].T) * (pre_e > 0)',
                   'dpre_e = dmu @ P["Wmu"].T + dlogvar @ P["Wlv"].T')],
        "fails": ["test_vae_loss_grads_encoder_hidden"],
    },
    {
        "cell": "vae_loss_grads",
        "what": "the gradients divided by the batch size a second time (negative_elbo already averages)",
        "patch": [("loss, d = negative_elbo(X, logits, mu, logvar)",
                   "loss, d = negative_elbo(X, logits, mu, logvar)\n"
                   "    d = {key: value / len(X) for key, value in d.items()}")],
        "fails": ["test_vae_loss_grads_decoder_hidden", "test_vae_loss_grads_encoder_hidden"],
    },
    {
        "cell": "vae_loss_grads",
        "what": "mu and logvar reach the loss only through z: the KL term's own gradient left out",
        "patch": [('dmu = d["mu"] + dmu_z', "dmu = dmu_z"), ('dlogvar = d["logvar"] + dlogvar_z', "dlogvar = dlogvar_z")],
        "fails": ["test_vae_loss_grads", "test_vae_loss_grads_encoder_hidden"],
    },
    {
        "cell": "vae_loss_grads",
        "what": "the encoder's ReLU from torch.nn.functional.relu, which the tests disable",
        "patch": [("def vae_loss_and_grads(", "import torch\n\n\ndef vae_loss_and_grads("),
                  ("h = np.maximum(pre_e, 0.0)", "h = torch.nn.functional.relu(torch.as_tensor(pre_e)).numpy()")],
        "fails": ["test_vae_loss_grads", "test_vae_loss_grads_decoder_hidden", "test_vae_loss_grads_encoder_hidden"],
    },
    {
        "cell": "train_numpy_vae",
        "what": "no noise while training (eps = 0): the decoder never learns to decode a sampled z",
        "patch": [("eps = rng.standard_normal((batch, k))", "eps = np.zeros((batch, k))")],
        "fails": ["test_train_numpy_vae_hidden"],
    },
    {
        "cell": "train_numpy_vae",
        "what": "plain gradient descent at Adam's learning rate instead of adam_update: far too slow",
        "patch": [("params, state = adam_update(params, grads, state, lr=lr)",
                   "params = {key: params[key] - lr * grads[key] for key in params}")],
        "fails": ["test_train_numpy_vae_hidden"],
    },
    {
        "cell": "train_numpy_vae",
        "what": "the sizes written in as 64 and 4, so hidden and latent are ignored",
        "patch": [("p, H, k = X_train.shape[1], hidden, latent", "p, H, k = X_train.shape[1], 64, 4")],
        "fails": ["test_train_numpy_vae_sizes_hidden"],
    },
    {
        "cell": "train_numpy_vae",
        "what": "the noise from NumPy's global generator instead of the seeded one: two calls differ",
        "patch": [("eps = rng.standard_normal((batch, k))", "eps = np.random.standard_normal((batch, k))")],
        "fails": ["test_train_numpy_vae_sizes_hidden"],
    },
    {
        "cell": "train_numpy_vae",
        "what": "the steps taken by torch.optim.Adam on tensor copies of params, which the tests disable",
        "patch": [("    state, losses = None, []\n",
                   "    tensors = {key: torch.tensor(value) for key, value in params.items()}\n"
                   "    optimiser = torch.optim.Adam(list(tensors.values()), lr=lr)\n"
                   "    losses = []\n"),
                  ("        loss, grads = vae_loss_and_grads(params, X_train[rows], eps)\n"
                   "        params, state = adam_update(params, grads, state, lr=lr)\n",
                   "        numpy_params = {key: tensor.numpy() for key, tensor in tensors.items()}\n"
                   "        loss, grads = vae_loss_and_grads(numpy_params, X_train[rows], eps)\n"
                   "        for key, tensor in tensors.items():\n"
                   "            tensor.grad = torch.tensor(grads[key])\n"
                   "        optimiser.step()\n"),
                  ("return params, np.array(losses)",
                   "return {key: tensor.numpy() for key, tensor in tensors.items()}, np.array(losses)")],
        "fails": ["test_train_numpy_vae", "test_train_numpy_vae_hidden", "test_train_numpy_vae_sizes_hidden"],
    },
    {
        "cell": "gradient_penalty",
        "what": "real and fake swapped in the interpolates (the same at alpha = 0.5)",
        "patch": [("x_hat = a * real + (1.0 - a) * fake", "x_hat = a * fake + (1.0 - a) * real")],
        "fails": ["test_gradient_penalty_hidden", "test_gradient_penalty_edge_hidden"],
    },
    {
        "cell": "gradient_penalty",
        "what": "lambda written in as 10, the default, so another lam is ignored",
        "patch": [("float(lam * np.mean(", "float(10.0 * np.mean(")],
        "fails": ["test_gradient_penalty_edge_hidden"],
    },
    {
        "cell": "gradient_penalty",
        "what": "one norm of the whole gradient matrix instead of one norm per sample (right for one pair)",
        "patch": [("norms = np.sqrt((grad_x**2).sum(axis=1))", "norms = np.full(len(grad_x), np.sqrt((grad_x**2).sum()))")],
        "fails": ["test_gradient_penalty_hidden", "test_gradient_penalty_edge_hidden"],
    },
    {
        "cell": "gradient_penalty",
        "what": "the second tanh's derivative left out of the input gradient",
        "patch": [("dpre2 = w3[None, :] * (1.0 - h2**2)", "dpre2 = np.tile(w3, (len(X), 1))")],
        "fails": ["test_gradient_penalty", "test_gradient_penalty_hidden", "test_gradient_penalty_edge_hidden"],
    },
    {
        "cell": "gradient_penalty",
        "what": "the input gradient from helpers.checks.numerical_gradient, which the tests disable",
        "patch": [("def critic_input_grad(", "from helpers.checks import numerical_gradient\n\n\ndef critic_input_grad("),
                  ("    grad_x = dpre1 @ W1.T                       # (n, d)\n",
                   "    b1, b2, b3 = np.asarray(params[\"b1\"]), np.asarray(params[\"b2\"]), float(params[\"b3\"])\n"
                   "    total = lambda Z: (np.tanh(np.tanh(Z @ W1 + b1) @ W2 + b2) @ w3 + b3).sum()\n"
                   "    grad_x = numerical_gradient(total, X.copy())\n")],
        "fails": ["test_gradient_penalty", "test_gradient_penalty_hidden", "test_gradient_penalty_edge_hidden"],
    },
    {
        "cell": "fit_vae",
        "what": "too few steps: 150 whatever steps says (enough for the visible bar, not the hidden one)",
        "patch": [("for _ in range(steps):", "for _ in range(min(steps, 150)):")],
        "fails": ["test_fit_vae_hidden"],
    },
    {
        "cell": "fit_vae",
        "what": "logvar used as the log standard deviation when sampling z, as the log variance in the KL",
        "patch": [("z = mu + torch.exp(0.5 * logvar) * torch.randn", "z = mu + torch.exp(logvar) * torch.randn")],
        "fails": ["test_fit_vae_hidden"],
    },
    {
        "cell": "fit_vae",
        "what": "no torch.manual_seed: the initial weights differ from call to call",
        "patch": [("    torch.manual_seed(seed)\n", "")],
        "fails": ["test_fit_vae_repeatable_hidden"],
    },
    {
        "cell": "fit_vae",
        "what": "the KL term left out: a plain autoencoder with noise, whose posteriors drift far from the prior",
        "patch": [("loss = (recon + beta * kl).mean()", "loss = recon.mean()")],
        "fails": ["test_fit_vae", "test_fit_vae_hidden"],
    },
    {
        "cell": "fit_vae",
        "what": "the KL term from helpers.generative.gaussian_kl, which the tests disable",
        "patch": [("def fit_vae(", "from helpers.generative import gaussian_kl\n\n\ndef fit_vae("),
                  ("kl = 0.5 * (logvar.exp() + mu**2 - 1.0 - logvar).sum(dim=1)", "kl = gaussian_kl(mu, logvar)")],
        "fails": ["test_fit_vae", "test_fit_vae_hidden", "test_fit_vae_repeatable_hidden"],
    },
]
