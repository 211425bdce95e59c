"""Plausible student mistakes for the 03_neural_networks assignment (grading round-trip test).

Each entry is one mistake, a patch on the solved answer cell; the format is described in
tests/wrong_support.py.

Two kinds of entries test the rules of issue 23: an answer that calls a library function the part's text
forbids (its visible test disables the function too, so both tests fail), and a "poisoning" answer: a wrong
formula plus code after the function that replaces the library the hidden test once asked for its expected
values (torch.optim.Adam, torch.optim.SGD, torch.optim.lr_scheduler.StepLR) by a stand-in that runs the wrong
answer itself. Against the old hidden tests, which called torch after the student's code, those answers
passed; the expected values are now frozen literals, so they fail."""

# The stand-ins of the poisoning answers: each runs the answer's own function, so a test that computes its
# expected values with the replaced torch class compares the wrong answer with itself.
POISON_ADAM = """


import torch


class _AdamLikeMine:
    \"\"\"Stands in for torch.optim.Adam, stepping with adam_step above.\"\"\"

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, **kwargs):
        self.params, self.lr, self.betas, self.eps = list(params), lr, betas, eps
        self.t, self.m, self.v = 0, 0.0, 0.0

    def step(self):
        self.t += 1
        p = self.params[0]
        new, self.m, self.v = adam_step(p.detach().numpy().copy(), p.grad.numpy(), self.m, self.v, self.t,
                                        self.lr, self.betas[0], self.betas[1], self.eps)
        with torch.no_grad():
            p.copy_(torch.from_numpy(new))


torch.optim.Adam = _AdamLikeMine"""

POISON_SGD = """


import torch


class _SGDLikeMine:
    \"\"\"Stands in for torch.optim.SGD, stepping with momentum_step above.\"\"\"

    def __init__(self, params, lr=1e-3, momentum=0.0, nesterov=False, **kwargs):
        self.params, self.lr, self.momentum, self.nesterov = list(params), lr, momentum, nesterov
        self.buf = None

    def step(self):
        p = self.params[0]
        buf = np.zeros(tuple(p.shape)) if self.buf is None else self.buf
        new, self.buf = momentum_step(p.detach().numpy().copy(), p.grad.numpy(), buf, self.lr, self.momentum,
                                      nesterov=self.nesterov)
        with torch.no_grad():
            p.copy_(torch.from_numpy(np.asarray(new, dtype=float)))


torch.optim.SGD = _SGDLikeMine"""

POISON_STEP_LR = """


import torch


class _StepLRLikeMine:
    \"\"\"Stands in for torch.optim.lr_scheduler.StepLR, setting the rates of step_decay_schedule above.\"\"\"

    def __init__(self, optimizer, step_size, gamma=0.1, **kwargs):
        self.optimizer, self.epoch = optimizer, 0
        self.rates = step_decay_schedule(optimizer.param_groups[0]["lr"], step_size, gamma, 1000)

    def step(self):
        self.epoch += 1
        self.optimizer.param_groups[0]["lr"] = float(self.rates[self.epoch])


torch.optim.lr_scheduler.StepLR = _StepLRLikeMine"""

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
        "fails": ["test_two_layer_backward", "test_two_layer_backward_hidden_2"],
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
        "fails": ["test_two_layer_backward_hidden", "test_two_layer_backward_hidden_2"],
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
    # ---------------------------------------------------------------- library calls the parts forbid
    {
        "cell": "activation_grads",
        "what": "swish's sigmoid from scipy.special.expit: right values, but the tests disable it",
        "patch": [
            ("def swish_grad(z, beta=1.0):", "from scipy.special import expit\n\n\ndef swish_grad(z, beta=1.0):"),
            ("s = np.exp(-np.logaddexp(0.0, -beta * z))", "s = expit(beta * z)"),
        ],
        "fails": ["test_activation_grads", "test_activation_grads_hidden"],
    },
    {
        "cell": "softmax_cross_entropy",
        "what": "the log-normaliser from scipy.special.logsumexp: right values, but the tests disable it",
        "patch": [
            ("def softmax_cross_entropy(logits, labels):",
             "from scipy.special import logsumexp\n\n\ndef softmax_cross_entropy(logits, labels):"),
            ("log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))",
             "log_norm = logsumexp(shifted, axis=1, keepdims=True)"),
        ],
        "fails": ["test_softmax_cross_entropy", "test_softmax_cross_entropy_hidden"],
    },
    {
        "cell": "two_layer_backward",
        "what": "the gradients from torch.autograd.grad: right values, but the tests disable autograd",
        "patch": [
            ("def two_layer_loss_and_grads(", "import torch\n\n\ndef two_layer_loss_and_grads("),
            ("    Z1 = X @ W1 + b1\n"
             "    A1 = np.tanh(Z1)\n"
             "    Z2 = A1 @ W2 + b2\n"
             "    loss, G2 = softmax_cross_entropy(Z2, y)\n"
             "    dW2 = A1.T @ G2\n"
             "    db2 = G2.sum(axis=0)\n"
             "    G1 = (G2 @ W2.T) * (1.0 - A1**2)\n"
             "    dW1 = X.T @ G1\n"
             "    db1 = G1.sum(axis=0)\n"
             "    return loss, (dW1, db1, dW2, db2)",
             "    params = [torch.tensor(np.asarray(p, dtype=float), requires_grad=True) for p in (W1, b1, W2, b2)]\n"
             "    Xt = torch.as_tensor(np.asarray(X, dtype=float))\n"
             "    logits = torch.tanh(Xt @ params[0] + params[1]) @ params[2] + params[3]\n"
             "    loss = torch.nn.functional.cross_entropy(logits, torch.as_tensor(np.asarray(y)))\n"
             "    grads = torch.autograd.grad(loss, params)\n"
             "    return float(loss.detach()), tuple(g.numpy() for g in grads)"),
        ],
        "fails": ["test_two_layer_backward", "test_two_layer_backward_hidden", "test_two_layer_backward_hidden_2"],
    },
    {
        "cell": "adam_step",
        "what": "one step of torch.optim.Adam with m, v and t put into its state: right values, but the tests "
                "disable it",
        "patch": [
            ("def adam_step(", "import torch\n\n\ndef adam_step("),
            ("    m = beta1 * m + (1 - beta1) * grad\n"
             "    v = beta2 * v + (1 - beta2) * grad**2\n"
             "    m_hat = m / (1 - beta1**t)\n"
             "    v_hat = v / (1 - beta2**t)\n"
             "    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v",
             "    p = torch.tensor(np.array(param, dtype=float))\n"
             "    opt = torch.optim.Adam([p], lr=lr, betas=(beta1, beta2), eps=eps)\n"
             "    opt.state[p] = {\"step\": torch.tensor(float(t - 1)),\n"
             "                    \"exp_avg\": torch.tensor(np.array(m, dtype=float)),\n"
             "                    \"exp_avg_sq\": torch.tensor(np.array(v, dtype=float))}\n"
             "    p.grad = torch.tensor(np.array(grad, dtype=float))\n"
             "    opt.step()\n"
             "    return p.numpy(), opt.state[p][\"exp_avg\"].numpy(), opt.state[p][\"exp_avg_sq\"].numpy()"),
        ],
        "fails": ["test_adam_step", "test_adam_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "one step of torch.optim.SGD with the buffer put into its state: right values, but the tests "
                "disable it",
        "patch": [
            ("def momentum_step(", "import torch\n\n\ndef momentum_step("),
            ("    buf = momentum * buf + grad\n"
             "    direction = grad + momentum * buf if nesterov else buf\n"
             "    return x - lr * direction, buf",
             "    p = torch.tensor(np.array(x, dtype=float))\n"
             "    opt = torch.optim.SGD([p], lr=lr, momentum=momentum, nesterov=nesterov)\n"
             "    opt.state[p][\"momentum_buffer\"] = torch.tensor(np.array(buf, dtype=float))\n"
             "    p.grad = torch.tensor(np.array(grad, dtype=float))\n"
             "    opt.step()\n"
             "    return p.numpy(), opt.state[p][\"momentum_buffer\"].numpy()"),
        ],
        "fails": ["test_momentum_step", "test_momentum_step_hidden", "test_nesterov_step_hidden"],
    },
    {
        "cell": "step_decay",
        "what": "the rates read off torch's StepLR scheduler: right values, but the tests disable it",
        "patch": [
            ("def step_decay_schedule(", "import torch\n\n\ndef step_decay_schedule("),
            ("    epochs = np.arange(n_epochs)\n"
             "    return base_lr * gamma ** (epochs // step_size)",
             "    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)\n"
             "    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=step_size, gamma=gamma)\n"
             "    rates = []\n"
             "    for _ in range(n_epochs):\n"
             "        rates.append(opt.param_groups[0][\"lr\"])\n"
             "        opt.step()\n"
             "        sched.step()\n"
             "    return np.array(rates)"),
        ],
        "fails": ["test_step_decay", "test_step_decay_hidden"],
    },
    {
        "cell": "solve_lagrangian",
        "what": "solved numerically with scipy.optimize.minimize (SLSQP) instead of by hand: the tests disable it",
        "patch": [
            ("def solve_lagrangian(a, c):", "from scipy.optimize import minimize\n\n\ndef solve_lagrangian(a, c):"),
            ("    lam = 2.0 * c / np.sum(1.0 / a)\n"
             "    x = lam / (2.0 * a)\n",
             "    res = minimize(lambda x: np.sum(a * x**2), np.full(len(a), c / len(a)), method=\"SLSQP\",\n"
             "                   constraints=[{\"type\": \"eq\", \"fun\": lambda x: np.sum(x) - c}], options={\"ftol\": 1e-15})\n"
             "    x = res.x\n"
             "    lam = 2.0 * a[0] * x[0]\n"),
        ],
        "fails": ["test_solve_lagrangian", "test_solve_lagrangian_hidden"],
    },
    # ---------------------------------------------------------------- the layer library (Parts 9 to 12)
    {
        "cell": "affine_layer",
        "what": "db averaged over the batch instead of summed",
        "patch": [("db = dout.sum(axis=0)", "db = dout.mean(axis=0)")],
        "fails": ["test_affine_layer", "test_affine_backward_hidden"],
    },
    {
        "cell": "affine_layer",
        "what": "samples flattened in column-major order (reshape(..., order='F')): the same for 2-D x",
        "patch": [("x_flat = x.reshape(x.shape[0], -1)", "x_flat = x.reshape(x.shape[0], -1, order=\"F\")")],
        "fails": ["test_affine_forward_hidden", "test_affine_backward_hidden"],
    },
    {
        "cell": "affine_layer",
        "what": "dx returned flat, shape (N, D), not reshaped to the shape of x (right for 2-D x)",
        "patch": [("dx = (dout @ w.T).reshape(x_shape)", "dx = dout @ w.T")],
        "fails": ["test_affine_backward_hidden"],
    },
    {
        "cell": "affine_layer",
        "what": "the forward pass by torch.nn.functional.linear: right values, but the tests disable it",
        "patch": [
            ("def affine_forward(x, w, b):", "import torch\n\n\ndef affine_forward(x, w, b):"),
            ("    out = x_flat @ w + b\n",
             "    out = torch.nn.functional.linear(torch.from_numpy(x_flat), torch.from_numpy(np.array(w, dtype=float).T),\n"
             "                                     torch.from_numpy(np.array(b, dtype=float))).numpy()\n"),
        ],
        "fails": ["test_affine_layer", "test_affine_forward_hidden", "test_affine_backward_hidden"],
    },
    {
        "cell": "relu_dropout",
        "what": "ReLU's gradient passed at x = 0 too (x >= 0)",
        "patch": [("positive = x > 0", "positive = x >= 0")],
        "fails": ["test_relu_dropout", "test_relu_dropout_hidden"],
    },
    {
        "cell": "relu_dropout",
        "what": "ReLU by torch.relu: right values, but the tests disable it",
        "patch": [
            ("def relu_forward(x):", "import torch\n\n\ndef relu_forward(x):"),
            ("return np.where(positive, x, 0.0), positive", "return torch.relu(torch.from_numpy(x)).numpy(), positive"),
        ],
        "fails": ["test_relu_dropout", "test_relu_dropout_hidden"],
    },
    {
        "cell": "relu_dropout",
        "what": "dropout's kept units divided by p instead of 1 - p (the same at the example's p = 0.5)",
        "patch": [("scaled_mask = keep / (1.0 - p)", "scaled_mask = keep / p")],
        "fails": ["test_relu_dropout_hidden", "test_dropout_modes_hidden"],
    },
    {
        "cell": "relu_dropout",
        "what": "dropout_backward applies the mask but forgets the 1 / (1 - p) scale",
        "patch": [("    return dout * scaled_mask", "    return dout * (scaled_mask > 0)")],
        "fails": ["test_dropout_modes_hidden"],
    },
    {
        "cell": "relu_dropout",
        "what": "test mode scales by 1 - p, the rule of the old, non-inverted dropout",
        "patch": [("return x.copy(), (mode, None)", "return x * (1.0 - p), (mode, None)")],
        "fails": ["test_dropout_modes_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "the mean and the variance treated as constants in the backward pass (dx = gamma dout / std)",
        "patch": [
            ("dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))",
             "dx = dx_hat * inv_std"),
        ],
        "fails": ["test_batchnorm", "test_batchnorm_dx_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "the momentum used the other way round: 0.9 of the batch statistics, 0.1 of the running ones",
        "patch": [
            ("        bn_param[\"running_mean\"] = (1 - momentum) * running_mean + momentum * mean\n",
             "        bn_param[\"running_mean\"] = momentum * running_mean + (1 - momentum) * mean\n"),
        ],
        "fails": ["test_batchnorm", "test_batchnorm_train_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "the running variance updated with the biased batch variance (torch uses the unbiased one)",
        "patch": [("momentum * var * n / (n - 1)", "momentum * var")],
        "fails": ["test_batchnorm_train_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "test mode normalises with the batch statistics, as in train mode",
        "patch": [("mean, var = running_mean, running_var", "mean, var = x.mean(axis=0), x.var(axis=0)")],
        "fails": ["test_batchnorm_test_mode_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "gamma left out of dx (right for the visible test's gamma = 1)",
        "patch": [("dx_hat = dout * gamma", "dx_hat = dout")],
        "fails": ["test_batchnorm_dx_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "dbeta averaged over the batch instead of summed",
        "patch": [("dbeta = dout.sum(axis=0)", "dbeta = dout.mean(axis=0)")],
        "fails": ["test_batchnorm_dparams_hidden"],
    },
    {
        "cell": "batchnorm",
        "what": "the forward pass by helpers.regularisation.batchnorm_forward: the tests disable it",
        "patch": [
            ("def batchnorm_forward(x, gamma, beta, bn_param):",
             "from helpers.regularisation import batchnorm_forward as _course_bn\n\n\n"
             "def batchnorm_forward(x, gamma, beta, bn_param):"),
            ("    inv_std = 1.0 / np.sqrt(var + eps)\n",
             "    _course_bn(x, gamma, beta, running_mean, running_var, training=mode == \"train\", momentum=momentum,\n"
             "               eps=max(eps, 1e-12))\n"
             "    inv_std = 1.0 / np.sqrt(var + eps)\n"),
        ],
        "fails": ["test_batchnorm", "test_batchnorm_train_hidden", "test_batchnorm_test_mode_hidden",
                  "test_batchnorm_dx_hidden", "test_batchnorm_dparams_hidden"],
    },
    {
        "cell": "layernorm",
        "what": "each feature normalised over the batch (batch normalisation's axis) instead of each sample",
        "patch": [("mean = x.mean(axis=1, keepdims=True)", "mean = x.mean(axis=0, keepdims=True)"),
                  ("inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)",
                   "inv_std = 1.0 / np.sqrt(x.var(axis=0, keepdims=True) + eps)")],
        "fails": ["test_layernorm", "test_layernorm_forward_hidden", "test_layernorm_backward_hidden"],
    },
    {
        "cell": "layernorm",
        "what": "eps added to the standard deviation instead of the variance (invisible at the default eps)",
        "patch": [("inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)",
                   "inv_std = 1.0 / (np.sqrt(x.var(axis=1, keepdims=True)) + eps)")],
        "fails": ["test_layernorm_forward_hidden"],
    },
    {
        "cell": "layernorm",
        "what": "eps left out of the variance (the visible rows have variances 3.5 and 2, where it does not show)",
        "patch": [("inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True) + eps)",
                   "inv_std = 1.0 / np.sqrt(x.var(axis=1, keepdims=True))")],
        "fails": ["test_layernorm_forward_hidden", "test_layernorm_backward_hidden"],
    },
    {
        "cell": "layernorm",
        "what": "gamma left out of dx (right for the visible test's gamma = 1)",
        "patch": [("dx_hat = dout * gamma", "dx_hat = dout")],
        "fails": ["test_layernorm_backward_hidden"],
    },
    {
        "cell": "layernorm",
        "what": "the forward pass by helpers.regularisation.layernorm_forward: the tests disable it",
        "patch": [
            ("def layernorm_forward(x, gamma, beta, eps=1e-5):",
             "from helpers.regularisation import layernorm_forward as _course_ln\n\n\n"
             "def layernorm_forward(x, gamma, beta, eps=1e-5):"),
            ("    return gamma * x_hat + beta, (x_hat, inv_std, gamma)",
             "    return _course_ln(x, gamma, beta, eps=eps), (x_hat, inv_std, gamma)"),
        ],
        "fails": ["test_layernorm", "test_layernorm_forward_hidden", "test_layernorm_backward_hidden"],
    },
    # ---------------------------------------------------------------- a network of any depth (Part 13)
    {
        "cell": "deep_net",
        "what": "the ReLU's backward pass skipped in the hidden layers",
        "patch": [("        dh = relu_backward(dh, relu_cache)\n", "")],
        "fails": ["test_deep_net", "test_deep_net_hidden", "test_deep_net_batchnorm_hidden"],
    },
    {
        "cell": "deep_net",
        "what": "the L2 penalty added to the loss but not to the weights' gradients (right for reg = 0)",
        "patch": [("grads[f\"W{layer}\"] = grads[f\"W{layer}\"] + reg * W", "grads[f\"W{layer}\"] = grads[f\"W{layer}\"]")],
        "fails": ["test_deep_net_hidden", "test_deep_net_batchnorm_hidden"],
    },
    {
        "cell": "deep_net",
        "what": "batch normalisation's dx dropped: its input gets the gradient of its output unchanged",
        "patch": [("dh, grads[f\"gamma{layer}\"], grads[f\"beta{layer}\"] = batchnorm_backward(dh, bn_cache)",
                   "_, grads[f\"gamma{layer}\"], grads[f\"beta{layer}\"] = batchnorm_backward(dh, bn_cache)")],
        "fails": ["test_deep_net_batchnorm_hidden"],
    },
    {
        "cell": "deep_net",
        "what": "the logits' gradient from helpers.nn.cross_entropy_grad: the tests disable it",
        "patch": [
            ("def deep_net_loss_and_grads(",
             "from helpers.nn import cross_entropy_grad\n\n\ndef deep_net_loss_and_grads("),
            ("loss, dscores = softmax_cross_entropy(scores, y)",
             "loss, dscores = softmax_cross_entropy(scores, y)[0], cross_entropy_grad(scores, y)"),
        ],
        "fails": ["test_deep_net", "test_deep_net_hidden", "test_deep_net_batchnorm_hidden"],
    },
    # ---------------------------------------------------------------- training with the student's layers (Part 14)
    {
        "cell": "train_two_layer",
        "what": "the weights initialised with N(0, 1) instead of He's N(0, 2 / fan_in): a huge first loss",
        "patch": [
            ("\"W1\": rng.normal(scale=np.sqrt(2.0 / d), size=(d, hidden))", "\"W1\": rng.normal(size=(d, hidden))"),
            ("\"W2\": rng.normal(scale=np.sqrt(2.0 / hidden), size=(hidden, n_classes))",
             "\"W2\": rng.normal(size=(hidden, n_classes))"),
        ],
        "fails": ["test_train_two_layer", "test_train_two_layer_hidden", "test_train_two_layer_options_hidden"],
    },
    {
        "cell": "train_two_layer",
        "what": "the same first mini-batch at every step (no sampling): it memorises 64 digits",
        "patch": [("batch = rng.choice(n, size=min(batch_size, n), replace=False)",
                   "batch = np.arange(min(batch_size, n))")],
        "fails": ["test_train_two_layer_hidden", "test_train_two_layer_options_hidden"],
    },
    {
        "cell": "train_two_layer",
        "what": "the seed ignored (an unseeded generator): two runs with the same arguments differ",
        "patch": [("rng = np.random.default_rng(seed)", "rng = np.random.default_rng()")],
        "fails": ["test_train_two_layer_options_hidden"],
    },
    {
        "cell": "train_two_layer",
        "what": "the L2 penalty added to the gradient but left out of the reported loss",
        "patch": [("losses[step - 1] = data_loss + penalty", "losses[step - 1] = data_loss")],
        "fails": ["test_train_two_layer_options_hidden"],
    },
    {
        "cell": "train_two_layer",
        "what": "the logits' gradient from helpers.nn.cross_entropy_grad: the tests disable it",
        "patch": [
            ("def train_two_layer_net(",
             "from helpers.nn import cross_entropy_grad\n\n\ndef train_two_layer_net("),
            ("data_loss, dscores = softmax_cross_entropy(scores, y[batch])",
             "data_loss, dscores = softmax_cross_entropy(scores, y[batch])[0], cross_entropy_grad(scores, y[batch])"),
        ],
        "fails": ["test_train_two_layer", "test_train_two_layer_hidden", "test_train_two_layer_options_hidden"],
    },
    # ---------------------------------------------------------------- debugging the doubled gradient (Part 15)
    {
        "cell": "fixed_gradient_descent",
        "what": "the book's doubled gradient left in",
        "patch": [("grad = X.T @ residual / m", "grad = 2 * X.T @ residual / m")],
        "fails": ["test_fixed_gradient_descent", "test_fixed_gradient_descent_hidden"],
    },
    {
        "cell": "fixed_gradient_descent",
        "what": "divides by the number of parameters X.shape[1], not of samples (both are 2 in the article's data)",
        "patch": [("m = len(X)", "m = X.shape[1]")],
        "fails": ["test_fixed_gradient_descent_hidden"],
    },
    {
        "cell": "fixed_gradient_descent",
        "what": "theta updated in place (np.asarray, theta -= ...): the caller's array changes, as in the book",
        "patch": [
            ("theta = np.array(theta, dtype=float)", "theta = np.asarray(theta, dtype=float)"),
            ("theta = theta - alpha * grad", "theta -= alpha * grad"),
        ],
        "fails": ["test_fixed_gradient_descent"],
    },
    {
        "cell": "fixed_gradient_descent",
        "what": "the cost recorded after the step instead of before it",
        "patch": [
            ("        costs[k] = np.sum(residual**2) / (2 * m)\n", ""),
            ("        theta = theta - alpha * grad\n",
             "        theta = theta - alpha * grad\n"
             "        costs[k] = np.sum((X @ theta - Y) ** 2) / (2 * m)\n"),
        ],
        "fails": ["test_fixed_gradient_descent", "test_fixed_gradient_descent_hidden"],
    },
    {
        "cell": "fixed_gradient_descent",
        "what": "each step's theta from numpy.linalg.lstsq (the exact fit): the tests disable it",
        "patch": [("theta = theta - alpha * grad", "theta = np.linalg.lstsq(X, Y, rcond=None)[0]")],
        "fails": ["test_fixed_gradient_descent", "test_fixed_gradient_descent_hidden"],
    },
    # ---------------------------------------------------------------- poisoning the old expected values
    {
        "cell": "adam_step",
        "what": "eps inside the square root, and torch.optim.Adam replaced by a stand-in that runs this answer "
                "(the old hidden test asked torch for its expected values)",
        "patch": [
            ("    return param - lr * m_hat / (np.sqrt(v_hat) + eps), m, v",
             "    return param - lr * m_hat / np.sqrt(v_hat + eps), m, v" + POISON_ADAM),
        ],
        "fails": ["test_adam_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "the example's momentum 0.9 hard-coded (the argument ignored), and torch.optim.SGD replaced by a "
                "stand-in that runs this answer",
        "patch": [
            ("    buf = momentum * buf + grad\n"
             "    direction = grad + momentum * buf if nesterov else buf\n",
             "    mu = 0.9\n"
             "    buf = mu * buf + grad\n"
             "    direction = grad + mu * buf if nesterov else buf\n"),
            ("    return x - lr * direction, buf", "    return x - lr * direction, buf" + POISON_SGD),
        ],
        "fails": ["test_momentum_step_hidden"],
    },
    {
        "cell": "momentum_step",
        "what": "Nesterov's look-ahead swapped (b + mu g instead of g + mu b; equal on the first step), and "
                "torch.optim.SGD replaced by a stand-in that runs this answer",
        "patch": [
            ("direction = grad + momentum * buf if nesterov else buf",
             "direction = buf + momentum * grad if nesterov else buf"),
            ("    return x - lr * direction, buf", "    return x - lr * direction, buf" + POISON_SGD),
        ],
        "fails": ["test_nesterov_step_hidden"],
    },
    {
        "cell": "step_decay",
        "what": "the example's step_size 3 hard-coded (the argument ignored), and torch's StepLR replaced by a "
                "stand-in that runs this answer",
        "patch": [
            ("    return base_lr * gamma ** (epochs // step_size)",
             "    return base_lr * gamma ** (epochs // 3)" + POISON_STEP_LR),
        ],
        "fails": ["test_step_decay_hidden"],
    },
    # ---------------------------------------------------------------- update rules behind one interface (Part 17)
    {
        "cell": "optim_rules",
        "what": "sgd_momentum ignores the weight_decay setting (the visible test has none)",
        "patch": [("    grad = dw + config[\"weight_decay\"] * w\n    next_w, config[\"velocity\"]",
                   "    grad = dw\n    next_w, config[\"velocity\"]")],
        "fails": ["test_sgd_momentum_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "rmsprop's decay rate hard-coded to the default 0.99 (the setting ignored)",
        "patch": [("rho = config[\"decay_rate\"]", "rho = 0.99")],
        "fails": ["test_rmsprop_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "the centred variant of rmsprop not implemented: the 'centered' setting ignored",
        "patch": [("    if config[\"centered\"]:\n", "    if False:\n")],
        "fails": ["test_rmsprop_centered_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "rmsprop's running average without the (1 - rho) factor: s = rho s + g^2",
        "patch": [("config[\"cache\"] = rho * config[\"cache\"] + (1 - rho) * grad**2",
                   "config[\"cache\"] = rho * config[\"cache\"] + grad**2")],
        "fails": ["test_optim_rules", "test_rmsprop_hidden", "test_rmsprop_centered_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "adagrad's learning-rate decay counted from t, not t - 1 (the same without lr_decay)",
        "patch": [("(1 + (config[\"t\"] - 1) * config[\"lr_decay\"])", "(1 + config[\"t\"] * config[\"lr_decay\"])")],
        "fails": ["test_adagrad_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "adagrad updates w in place (w -= ...): the caller's array changes",
        "patch": [("    next_w = w - lr * grad / (np.sqrt(config[\"cache\"]) + config[\"epsilon\"])\n",
                   "    w -= lr * grad / (np.sqrt(config[\"cache\"]) + config[\"epsilon\"])\n    next_w = w\n")],
        "fails": ["test_optim_rules", "test_adagrad_hidden"],
    },
    {
        "cell": "optim_rules",
        "what": "sgd_momentum by one step of torch.optim.SGD: the tests disable it",
        "patch": [
            ("def sgd_momentum(", "import torch\n\n\ndef sgd_momentum("),
            ("    grad = dw + config[\"weight_decay\"] * w\n    next_w, config[\"velocity\"]",
             "    p = torch.tensor(np.array(w, dtype=float))\n"
             "    opt = torch.optim.SGD([p], lr=config[\"learning_rate\"], momentum=config[\"momentum\"])\n"
             "    grad = dw + config[\"weight_decay\"] * w\n    next_w, config[\"velocity\"]"),
        ],
        "fails": ["test_optim_rules", "test_sgd_momentum_hidden"],
    },
    # ---------------------------------------------------------------- initialisation and statistics (Part 18)
    {
        "cell": "init_stats",
        "what": "He's standard deviation computed from fan_out instead of fan_in",
        "patch": [("np.sqrt(2.0 / fan_in), size=size)", "np.sqrt(2.0 / fan_out), size=size)")],
        "fails": ["test_init_stats", "test_init_weights_hidden"],
    },
    {
        "cell": "init_stats",
        "what": "He's uniform bound taken as sqrt(3 / fan_in), LeCun's: half the variance ReLU needs",
        "patch": [("bound = np.sqrt(6.0 / fan_in)", "bound = np.sqrt(3.0 / fan_in)")],
        "fails": ["test_init_weights_hidden"],
    },
    {
        "cell": "init_stats",
        "what": "a new generator default_rng(seed) for every layer: the layers get correlated weights",
        "patch": [("params[f\"W{layer}\"] = init_weights(fan_in, fan_out, scheme, rng)",
                   "params[f\"W{layer}\"] = init_weights(fan_in, fan_out, scheme, np.random.default_rng(seed))")],
        "fails": ["test_init_deep_net_hidden"],
    },
    {
        "cell": "init_stats",
        "what": "'dead' as the fraction of zero entries, not of units that are zero for every sample",
        "patch": [("np.mean(np.all(h == 0, axis=0))", "np.mean(h == 0)")],
        "fails": ["test_activation_statistics_hidden"],
    },
    {
        "cell": "init_stats",
        "what": "He's normal weights from torch.nn.init.kaiming_normal_: the tests disable it",
        "patch": [
            ("def init_weights(", "import torch\n\n\ndef init_weights("),
            ("        return rng.normal(0.0, np.sqrt(2.0 / fan_in), size=size)\n",
             "        t = torch.empty(fan_out, fan_in, dtype=torch.float64)\n"
             "        torch.nn.init.kaiming_normal_(t)\n"
             "        return t.numpy().T.copy()\n"),
        ],
        "fails": ["test_init_stats", "test_init_weights_hidden"],
    },
    # ---------------------------------------------------------------- the training loop (Part 19)
    {
        "cell": "train_solver",
        "what": "the generator re-created every epoch: the same order of mini-batches in every epoch",
        "patch": [("order = rng.permutation(len(X_train))",
                   "order = np.random.default_rng(seed).permutation(len(X_train))")],
        "fails": ["test_train_solver_hidden", "test_train_solver_decay_hidden"],
    },
    {
        "cell": "train_solver",
        "what": "weight decay applied to every learned key (biases and scales too), not only the weights",
        "patch": [("                if key in weights:\n                    grad = grad + weight_decay * params[key]\n",
                   "                grad = grad + weight_decay * params[key]\n")],
        "fails": ["test_train_solver_decay_hidden"],
    },
    {
        "cell": "train_solver",
        "what": "a tie in validation accuracy moves the best epoch to the later one (>= instead of >)",
        "patch": [("if history[\"val_acc\"][-1] > best_acc:", "if history[\"val_acc\"][-1] >= best_acc:")],
        "fails": ["test_train_solver_best_hidden"],
    },
    {
        "cell": "train_solver",
        "what": "the best copy keeps only the learned keys (batch normalisation's running averages are lost)",
        "patch": [("best_params = {key: value.copy() for key, value in params.items()}",
                   "best_params = {key: params[key].copy() for key in grads}")],
        "fails": ["test_train_solver_best_hidden"],
    },
    {
        "cell": "train_solver",
        "what": "the caller's params dictionary trained in place (no copies)",
        "patch": [("    params = {key: np.array(value, dtype=float) for key, value in params.items()}\n", "")],
        "fails": ["test_train_solver", "test_train_solver_hidden", "test_train_solver_decay_hidden",
                  "test_train_solver_best_hidden"],
    },
    {
        "cell": "train_solver",
        "what": "the epoch's learning rate from helpers.nn.exponential_lr: the tests disable it",
        "patch": [
            ("def train_solver(", "from helpers.nn import exponential_lr\n\n\ndef train_solver("),
            ("lr = optim_config[\"learning_rate\"] * lr_decay**epoch",
             "lr = exponential_lr(epoch, optim_config[\"learning_rate\"], lr_decay)"),
        ],
        "fails": ["test_train_solver", "test_train_solver_hidden", "test_train_solver_decay_hidden",
                  "test_train_solver_best_hidden"],
    },
    # ---------------------------------------------------------------- train to a target (Part 20)
    {
        "cell": "train_digits_net",
        "what": "a learning rate more than 20 times too small (1.3e-4): the network underfits in 15 epochs",
        "patch": [("{\"learning_rate\": 3e-3}", "{\"learning_rate\": 1.3e-4}")],
        "fails": ["test_train_digits_net_hidden", "test_train_digits_net_consistency_hidden"],
    },
    {
        "cell": "train_digits_net",
        "what": "batch normalisation always in train mode: prediction normalises with the batch's own statistics",
        "patch": [("bn_param = {\"mode\": mode, ", "bn_param = {\"mode\": \"train\", ")],
        "fails": ["test_train_digits_net_consistency_hidden"],
    },
    {
        "cell": "train_digits_net",
        "what": "an SVC from scikit-learn instead of the network: the tests disable it",
        "patch": [
            ("def train_digits_net(", "from sklearn.svm import SVC\n\n\ndef train_digits_net("),
            ("    X, y = np.asarray(X, dtype=float), np.asarray(y)\n    rng = np.random.default_rng(seed)\n",
             "    X, y = np.asarray(X, dtype=float), np.asarray(y)\n    return SVC(gamma=0.02).fit(X, y).predict\n"
             "    rng = np.random.default_rng(seed)\n"),
        ],
        "fails": ["test_train_digits_net", "test_train_digits_net_hidden", "test_train_digits_net_consistency_hidden"],
    },
]
