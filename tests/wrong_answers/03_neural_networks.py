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
]
