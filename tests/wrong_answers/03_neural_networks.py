"""Plausible student mistakes for the 03_neural_networks assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    {
        # sigma'(z) written as sigma(z) * (1 - z), and leaky ReLU's slope forgotten for z <= 0
        "cell": "activation_grads",
        "source": '''
def sigmoid_grad(z):
    """Derivative of the logistic sigmoid at z (array of any shape)."""
    s = 1.0 / (1.0 + np.exp(-z))
    return s * (1.0 - z)


def leaky_relu_grad(z, alpha=0.01):
    """Derivative of leaky ReLU: 1 where z > 0, alpha where z <= 0."""
    return np.where(z > 0, 1.0, 0.0)
''',
        "fails": ["test_activation_grads", "test_activation_grads_hidden"],
    },
    {
        # the textbook formula without the max shift: overflows to nan at logits of 1000
        "cell": "softmax_cross_entropy",
        "source": '''
def softmax_cross_entropy(logits, labels):
    """Mean softmax cross-entropy and its gradient: returns (loss: float, dlogits: (n, K) array)."""
    z = np.asarray(logits, dtype=float)
    n = z.shape[0]
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), labels]))
    dlogits = p.copy()
    dlogits[np.arange(n), labels] -= 1.0
    return float(loss), dlogits / n
''',
        "fails": ["test_softmax_cross_entropy", "test_softmax_cross_entropy_hidden"],
    },
    {
        # gradient not averaged over the batch (sum instead of mean)
        "cell": "softmax_cross_entropy",
        "source": '''
def softmax_cross_entropy(logits, labels):
    """Mean softmax cross-entropy and its gradient: returns (loss: float, dlogits: (n, K) array)."""
    z = np.asarray(logits, dtype=float)
    n = z.shape[0]
    shifted = z - z.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_p[np.arange(n), labels].mean()
    dlogits = np.exp(log_p)
    dlogits[np.arange(n), labels] -= 1.0
    return float(loss), dlogits
''',
        "fails": ["test_softmax_cross_entropy", "test_softmax_cross_entropy_hidden"],
    },
    {
        # forgot the tanh derivative when propagating into the hidden layer
        "cell": "two_layer_backward",
        "source": '''
def two_layer_loss_and_grads(X, y, W1, b1, W2, b2):
    """Loss and gradients (dW1, db1, dW2, db2) of a tanh network with softmax cross-entropy."""
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    Z2 = A1 @ W2 + b2
    loss, G2 = softmax_cross_entropy(Z2, y)
    dW2 = A1.T @ G2
    db2 = G2.sum(axis=0)
    G1 = G2 @ W2.T
    dW1 = X.T @ G1
    db1 = G1.sum(axis=0)
    return loss, (dW1, db1, dW2, db2)
''',
        "fails": ["test_two_layer_backward", "test_two_layer_backward_hidden"],
    },
    {
        # no bias correction
        "cell": "adam_step",
        "source": '''
def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update (step number t >= 1); returns (new_param, new_m, new_v)."""
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return param - lr * m / (np.sqrt(v) + eps), m, v
''',
        "fails": ["test_adam_step", "test_adam_step_hidden"],
    },
    {
        # Nesterov treated exactly like plain momentum
        "cell": "momentum_step",
        "source": '''
def momentum_step(x, grad, buf, lr, momentum, nesterov=False):
    """One SGD step with (Nesterov) momentum; returns (new_x, new_buf)."""
    buf = momentum * buf + grad
    return x - lr * buf, buf
''',
        "fails": ["test_momentum_step", "test_nesterov_step_hidden"],
    },
    {
        # the learning rate scaled into the buffer (v = mu v + lr g) but then applied again
        "cell": "momentum_step",
        "source": '''
def momentum_step(x, grad, buf, lr, momentum, nesterov=False):
    """One SGD step with (Nesterov) momentum; returns (new_x, new_buf)."""
    buf = momentum * buf + lr * grad
    direction = grad + momentum * buf if nesterov else buf
    return x - lr * direction, buf
''',
        "fails": ["test_momentum_step", "test_momentum_step_hidden", "test_nesterov_step_hidden"],
    },
    {
        # off by one: the first decay already happens after step_size - 1 epochs
        "cell": "step_decay",
        "source": '''
def step_decay_schedule(base_lr, step_size, gamma, n_epochs):
    """Learning rates of epochs 0 .. n_epochs-1 under step decay, as a 1-D array."""
    epochs = np.arange(n_epochs)
    return base_lr * gamma ** ((epochs + 1) // step_size)
''',
        "fails": ["test_step_decay", "test_step_decay_hidden"],
    },
    {
        # the handbook's mistake: the optimal value reported as the multiplier
        "cell": "solve_lagrangian",
        "source": '''
def solve_lagrangian(a, c):
    """Minimise sum(a * x**2) subject to sum(x) = c; returns (x, lam, f_star)."""
    a = np.asarray(a, dtype=float)
    x = (c / np.sum(1.0 / a)) / a
    f_star = float(np.sum(a * x**2))
    return x, f_star, f_star
''',
        "fails": ["test_solve_lagrangian", "test_solve_lagrangian_hidden"],
    },
]
