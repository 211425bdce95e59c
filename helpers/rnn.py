"""Chapter 5: recurrent networks in NumPy, and text utilities for character-level language models.

Recurrent cells (torch's parameter layout, so results can be compared with ``torch.nn`` directly):

- :func:`rnn_cell`, :func:`rnn_forward`, :func:`rnn_backward` -- a vanilla (Elman) RNN and backpropagation
  through time; :func:`clip_grad_norm` rescales a set of gradients to a maximum global norm
- :func:`lstm_cell`, :func:`lstm_forward` -- the LSTM, gates in torch's order (input, forget, cell, output)
- :func:`gru_cell` -- the GRU, gates in torch's order (reset, update, new)

Text utilities:

- :class:`CharVocab` -- character vocabulary; ``encode`` rejects unknown characters with a clear message
- :func:`make_windows`, :func:`random_windows` -- (input, target) windows cut from a long sequence of ids
- :func:`sampling_probs`, :func:`sample_next`, :func:`generate` -- sampling with temperature and top-k
- :func:`bits_per_char`, :func:`unigram_bits` -- cross-entropy in bits, and the unigram baseline

Shapes follow torch: a batch of inputs ``x`` is ``(N, D)``, a hidden state ``h`` is ``(N, H)``, a sequence is
``(N, T, D)`` (batch first). Weight matrices are ``W_ih (G*H, D)`` and ``W_hh (G*H, H)`` with ``G`` gates
stacked along the first axis (``G = 1`` for the RNN, 4 for the LSTM, 3 for the GRU); a cell computes
``x @ W_ih.T + b_ih + h @ W_hh.T + b_hh``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from helpers.checks import check_array, check_int
from helpers.ml import sigmoid  # the stable logistic function of chapter 2

__all__ = [
    "CharVocab",
    "bits_per_char",
    "clip_grad_norm",
    "generate",
    "gru_cell",
    "lstm_cell",
    "lstm_forward",
    "make_windows",
    "random_windows",
    "rnn_backward",
    "rnn_cell",
    "rnn_forward",
    "sample_next",
    "sampling_probs",
    "sigmoid",
    "unigram_bits",
]


# ----------------------------------------------------------------------------------------------------------
# Cells
# ----------------------------------------------------------------------------------------------------------
def _check_cell_args(x, h, W_ih, W_hh, b_ih, b_hh, n_gates: int):
    """Validate the arguments of a cell; return them as float arrays plus the hidden size."""
    x = check_array(x, "x", ndim=2, shape=(None, None)).astype(float)
    W_ih = check_array(W_ih, "W_ih", ndim=2).astype(float)
    W_hh = check_array(W_hh, "W_hh", ndim=2).astype(float)
    gh = W_hh.shape[0]
    if gh % n_gates:
        raise ValueError(
            f"W_hh must have shape ({n_gates}*H, H) with the {n_gates} gate block(s) stacked along "
            f"axis 0, got {W_hh.shape}"
        )
    H = gh // n_gates
    D = x.shape[1]
    lead = f"{n_gates}*H" if n_gates > 1 else "H"
    W_hh = check_array(W_hh, "W_hh", shape=(n_gates * H, H))
    if W_ih.shape != (n_gates * H, D):
        raise ValueError(
            f"W_ih must have shape ({lead}, D) = ({n_gates * H}, {D}) for inputs x of shape "
            f"{x.shape} and hidden size H={H}, got {W_ih.shape}"
        )
    h = check_array(h, "h", shape=(x.shape[0], H)).astype(float)
    b_ih = check_array(b_ih, "b_ih", shape=(n_gates * H,)).astype(float)
    b_hh = check_array(b_hh, "b_hh", shape=(n_gates * H,)).astype(float)
    return x, h, W_ih, W_hh, b_ih, b_hh, H


def rnn_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    """One step of a vanilla RNN: ``h_next = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)``.

    Same computation and parameter layout as ``torch.nn.RNNCell`` (nonlinearity ``"tanh"``).

    Parameters
    ----------
    x : array_like, shape (N, D)
        Inputs at this time step.
    h : array_like, shape (N, H)
        Previous hidden state.
    W_ih : array_like, shape (H, D)
    W_hh : array_like, shape (H, H)
    b_ih, b_hh : array_like, shape (H,)

    Returns
    -------
    h_next : ndarray, shape (N, H)
    """
    x, h, W_ih, W_hh, b_ih, b_hh, _ = _check_cell_args(x, h, W_ih, W_hh, b_ih, b_hh, 1)
    return np.tanh(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh)


def rnn_forward(x, h0, W_ih, W_hh, b_ih, b_hh):
    """Run a vanilla RNN over a whole sequence.

    Parameters
    ----------
    x : array_like, shape (N, T, D)
        Input sequence, batch first.
    h0 : array_like, shape (N, H)
        Initial hidden state.
    W_ih, W_hh, b_ih, b_hh
        As in :func:`rnn_cell`.

    Returns
    -------
    hs : ndarray, shape (N, T, H)
        Hidden state after each step (``hs[:, t]`` is ``h_{t+1}`` when ``h0`` is ``h_0``).
    cache : dict
        What :func:`rnn_backward` needs.
    """
    x = check_array(x, "x", ndim=3, shape=(None, None, None)).astype(float)
    N, T, D = x.shape
    if T == 0:
        raise ValueError("x must contain at least one time step, got shape " + str(x.shape))
    _, h0, W_ih, W_hh, b_ih, b_hh, H = _check_cell_args(x[:, 0], h0, W_ih, W_hh, b_ih, b_hh, 1)
    hs = np.empty((N, T, H))
    h = h0
    for t in range(T):
        h = np.tanh(x[:, t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh)
        hs[:, t] = h
    cache = {"x": x, "h0": h0, "hs": hs, "W_ih": W_ih, "W_hh": W_hh}
    return hs, cache


def rnn_backward(dhs, cache):
    """Backpropagation through time for :func:`rnn_forward`.

    Parameters
    ----------
    dhs : array_like, shape (N, T, H)
        Gradient of the loss with respect to every hidden state returned by :func:`rnn_forward`
        (only the direct contribution, e.g. through an output layer at that step; zeros where the loss
        does not look at a step).
    cache : dict
        The second value returned by :func:`rnn_forward`.

    Returns
    -------
    grads : dict
        ``"x"`` (N, T, D), ``"h0"`` (N, H), ``"W_ih"``, ``"W_hh"``, ``"b_ih"``, ``"b_hh"``: gradients of
        the loss; ``"dh"`` (N, T, H): the *total* gradient reaching each hidden state (direct plus what
        flows back from later steps) -- its norm over ``t`` shows vanishing or exploding gradients.
    """
    x, h0, hs = cache["x"], cache["h0"], cache["hs"]
    W_ih, W_hh = cache["W_ih"], cache["W_hh"]
    N, T, D = x.shape
    dhs = check_array(dhs, "dhs", shape=hs.shape).astype(float)
    dx = np.zeros_like(x)
    dW_ih = np.zeros_like(W_ih)
    dW_hh = np.zeros_like(W_hh)
    db = np.zeros(W_hh.shape[0])
    dh_total = np.zeros_like(hs)
    dh_next = np.zeros_like(h0)
    for t in reversed(range(T)):
        dh = dhs[:, t] + dh_next
        dh_total[:, t] = dh
        h_prev = hs[:, t - 1] if t > 0 else h0
        da = dh * (1.0 - hs[:, t] ** 2)  # tanh'(a) = 1 - tanh(a)^2
        dx[:, t] = da @ W_ih
        dW_ih += da.T @ x[:, t]
        dW_hh += da.T @ h_prev
        db += da.sum(axis=0)
        dh_next = da @ W_hh
    return {"x": dx, "h0": dh_next, "W_ih": dW_ih, "W_hh": dW_hh, "b_ih": db, "b_hh": db.copy(),
            "dh": dh_total}


def clip_grad_norm(grads: dict, max_norm: float, keys: Iterable[str] | None = None):
    """Rescale gradients so that their global L2 norm is at most ``max_norm``.

    Like ``torch.nn.utils.clip_grad_norm_``: the norm is taken over all the arrays together and, if it
    exceeds ``max_norm``, every array is multiplied by ``max_norm / norm`` (the direction is kept).

    Parameters
    ----------
    grads : dict of str -> ndarray
    max_norm : float
        Positive threshold.
    keys : iterable of str, optional
        Which entries to clip (default: all). Other entries are copied unchanged.

    Returns
    -------
    clipped : dict
        New dict with the rescaled arrays.
    norm : float
        The global norm *before* clipping.
    """
    if not max_norm > 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    keys = list(grads) if keys is None else list(keys)
    missing = [k for k in keys if k not in grads]
    if missing:
        raise KeyError(f"clip_grad_norm: keys {missing} not in grads (available: {list(grads)})")
    norm = float(np.sqrt(sum(float(np.sum(np.asarray(grads[k], dtype=float) ** 2)) for k in keys)))
    scale = min(1.0, max_norm / (norm + 1e-12))
    clipped = {k: (np.asarray(v, dtype=float) * scale if k in keys else v) for k, v in grads.items()}
    return clipped, norm


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    """One LSTM step with torch's parameter layout; equal to ``torch.nn.LSTMCell``.

    With ``z = x W_ih^T + b_ih + h W_hh^T + b_hh`` split into four blocks of ``H`` columns in the order
    (input, forget, cell, output)::

        i = sigmoid(z_i)     f = sigmoid(z_f)     g = tanh(z_g)     o = sigmoid(z_o)
        c_next = f * c + i * g
        h_next = o * tanh(c_next)

    Parameters
    ----------
    x : array_like, shape (N, D)
    h, c : array_like, shape (N, H)
        Previous hidden and cell states.
    W_ih : array_like, shape (4H, D)
    W_hh : array_like, shape (4H, H)
    b_ih, b_hh : array_like, shape (4H,)

    Returns
    -------
    h_next, c_next : ndarray, shape (N, H)
    """
    x, h, W_ih, W_hh, b_ih, b_hh, H = _check_cell_args(x, h, W_ih, W_hh, b_ih, b_hh, 4)
    c = check_array(c, "c", shape=h.shape).astype(float)
    z = x @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    i = sigmoid(z[:, :H])
    f = sigmoid(z[:, H:2 * H])
    g = np.tanh(z[:, 2 * H:3 * H])
    o = sigmoid(z[:, 3 * H:])
    c_next = f * c + i * g
    h_next = o * np.tanh(c_next)
    return h_next, c_next


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """Run :func:`lstm_cell` over a sequence ``x`` of shape (N, T, D).

    Returns
    -------
    hs : ndarray, shape (N, T, H)
        Hidden state after each step (what ``torch.nn.LSTM(batch_first=True)`` returns as ``output``).
    (h, c) : tuple of ndarray, shape (N, H)
        Final hidden and cell states.
    """
    x = check_array(x, "x", ndim=3, shape=(None, None, None)).astype(float)
    N, T, _ = x.shape
    if T == 0:
        raise ValueError("x must contain at least one time step, got shape " + str(x.shape))
    h, c = h0, c0
    outs = []
    for t in range(T):
        h, c = lstm_cell(x[:, t], h, c, W_ih, W_hh, b_ih, b_hh)
        outs.append(h)
    return np.stack(outs, axis=1), (h, c)


def gru_cell(x, h, W_ih, W_hh, b_ih, b_hh):
    """One GRU step with torch's parameter layout; equal to ``torch.nn.GRUCell``.

    Blocks of ``H`` rows in the order (reset, update, new)::

        r = sigmoid(x W_ir^T + b_ir + h W_hr^T + b_hr)
        u = sigmoid(x W_iu^T + b_iu + h W_hu^T + b_hu)
        n = tanh(x W_in^T + b_in + r * (h W_hn^T + b_hn))
        h_next = (1 - u) * n + u * h

    (torch calls the update gate ``z``.) Note that the reset gate multiplies ``h W_hn^T + b_hn``, *after*
    the matrix product, as in torch and cuDNN.

    Parameters
    ----------
    x : array_like, shape (N, D)
    h : array_like, shape (N, H)
    W_ih : array_like, shape (3H, D)
    W_hh : array_like, shape (3H, H)
    b_ih, b_hh : array_like, shape (3H,)

    Returns
    -------
    h_next : ndarray, shape (N, H)
    """
    x, h, W_ih, W_hh, b_ih, b_hh, H = _check_cell_args(x, h, W_ih, W_hh, b_ih, b_hh, 3)
    gi = x @ W_ih.T + b_ih
    gh = h @ W_hh.T + b_hh
    r = sigmoid(gi[:, :H] + gh[:, :H])
    u = sigmoid(gi[:, H:2 * H] + gh[:, H:2 * H])
    n = np.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
    return (1.0 - u) * n + u * h


# ----------------------------------------------------------------------------------------------------------
# Text utilities
# ----------------------------------------------------------------------------------------------------------
class CharVocab:
    """A character vocabulary: the sorted set of characters of a text, each mapped to an integer id.

    Parameters
    ----------
    text : str
        The text whose characters make up the vocabulary (usually the training text).

    Attributes
    ----------
    chars : list of str
        Id -> character.
    stoi : dict of str -> int
        Character -> id.

    Examples
    --------
    >>> v = CharVocab("hello")
    >>> v.chars
    ['e', 'h', 'l', 'o']
    >>> v.encode("hole").tolist()
    [1, 3, 2, 0]
    >>> v.decode([1, 0, 2, 2, 3])
    'hello'
    """

    def __init__(self, text: str):
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        if not text:
            raise ValueError("text must contain at least one character to build a vocabulary")
        self.chars = sorted(set(text))
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def __repr__(self) -> str:
        preview = "".join(self.chars[:20]).encode("unicode_escape").decode()
        return f"CharVocab({len(self)} characters: {preview!r}{'...' if len(self) > 20 else ''})"

    def encode(self, text: str) -> np.ndarray:
        """Map a string to an int64 array of ids.

        Raises
        ------
        ValueError
            If ``text`` contains a character that is not in the vocabulary; the message names the first
            such character, its position and how many distinct unknown characters there are.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        try:
            return np.fromiter((self.stoi[ch] for ch in text), dtype=np.int64, count=len(text))
        except KeyError:
            unknown = sorted({ch for ch in text if ch not in self.stoi})
            first = next(i for i, ch in enumerate(text) if ch not in self.stoi)
            ch = text[first]
            raise ValueError(
                f"character {ch!r} (U+{ord(ch):04X}) at position {first} is not in the vocabulary of "
                f"{len(self)} characters; {len(unknown)} distinct unknown character(s): "
                f"{''.join(unknown)!r}. Build the vocabulary from a text that contains them, or clean "
                f"the input first."
            ) from None

    def decode(self, ids) -> str:
        """Map a 1-D sequence of integer ids back to a string.

        Raises
        ------
        ValueError
            If an id is outside ``[0, len(self))``.
        """
        ids = check_array(ids, "ids", ndim=1, dtype="integer")
        bad = (ids < 0) | (ids >= len(self))
        if np.any(bad):
            k = int(np.argmax(bad))
            raise ValueError(
                f"id {int(ids[k])} at position {k} is outside the vocabulary (valid ids: 0..{len(self) - 1})"
            )
        return "".join(self.chars[i] for i in ids.tolist())


def make_windows(ids, seq_len: int, stride: int | None = None):
    """Cut a long sequence into (input, target) windows for next-character prediction.

    Window ``k`` starts at ``s = k * stride``: the input is ``ids[s : s + seq_len]`` and the target is the
    same window shifted by one, ``ids[s + 1 : s + seq_len + 1]``. Windows that would run past the end are
    dropped, so every target exists.

    Parameters
    ----------
    ids : array_like of int, shape (L,)
    seq_len : int
        Window length ``T`` (positive).
    stride : int, optional
        Distance between window starts; default ``seq_len`` (non-overlapping inputs).

    Returns
    -------
    X, Y : ndarray of int64, shape (n_windows, seq_len)
        ``n_windows = (L - 1 - seq_len) // stride + 1`` (0 if ``L <= seq_len``).
    """
    ids = check_array(ids, "ids", ndim=1, dtype="integer").astype(np.int64)
    seq_len = check_int(seq_len, "seq_len")
    stride = seq_len if stride is None else check_int(stride, "stride")
    L = ids.shape[0]
    if L <= seq_len:
        empty = np.zeros((0, seq_len), dtype=np.int64)
        return empty, empty.copy()
    starts = np.arange(0, L - seq_len, stride)
    offsets = np.arange(seq_len)
    X = ids[starts[:, None] + offsets]
    Y = ids[starts[:, None] + offsets + 1]
    return X, Y


def random_windows(ids, seq_len: int, batch_size: int, random_state=None):
    """A batch of (input, target) windows starting at random positions.

    Parameters
    ----------
    ids : array_like of int, shape (L,), with ``L > seq_len``
    seq_len, batch_size : int
    random_state : numpy.random.Generator or int, optional
        Source of randomness (a seed is turned into ``np.random.default_rng(seed)``).

    Returns
    -------
    X, Y : ndarray of int64, shape (batch_size, seq_len)
        ``Y[b] = X[b]`` shifted by one position in ``ids``.
    """
    ids = check_array(ids, "ids", ndim=1, dtype="integer").astype(np.int64)
    seq_len = check_int(seq_len, "seq_len")
    batch_size = check_int(batch_size, "batch_size")
    if ids.shape[0] <= seq_len:
        raise ValueError(f"ids must be longer than seq_len={seq_len}, got length {ids.shape[0]}")
    rng = np.random.default_rng(random_state)
    starts = rng.integers(0, ids.shape[0] - seq_len, size=batch_size)
    offsets = np.arange(seq_len)
    return ids[starts[:, None] + offsets], ids[starts[:, None] + offsets + 1]


def sampling_probs(logits, temperature: float = 1.0, top_k: int | None = None):
    """The distribution a sampler draws the next character from.

    ``softmax(logits / temperature)``, after keeping only the ``top_k`` largest logits (the others get
    probability 0; ties at the k-th value are all kept). Low temperature sharpens the distribution towards
    the most likely character, high temperature flattens it towards uniform.

    Parameters
    ----------
    logits : array_like, shape (V,) or (N, V)
    temperature : float
        Positive.
    top_k : int, optional
        Keep the ``top_k`` most likely characters (``None``: all).

    Returns
    -------
    probs : ndarray, same shape as ``logits``; rows sum to 1
    """
    logits = check_array(logits, "logits", ndim=(1, 2)).astype(float)
    if not (isinstance(temperature, (int, float, np.floating)) and temperature > 0):
        raise ValueError(f"temperature must be a positive number, got {temperature!r}")
    z = logits / float(temperature)
    if top_k is not None:
        top_k = check_int(top_k, "top_k")
        V = logits.shape[-1]
        if top_k < V:
            kth = -np.partition(-z, top_k - 1, axis=-1)[..., top_k - 1:top_k]
            z = np.where(z >= kth, z, -np.inf)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def sample_next(logits, temperature: float = 1.0, top_k: int | None = None, random_state=None) -> int:
    """Draw one id from :func:`sampling_probs` of a 1-D ``logits`` vector (shape (V,))."""
    logits = check_array(logits, "logits", ndim=1)
    p = sampling_probs(logits, temperature, top_k)
    rng = np.random.default_rng(random_state)
    return int(rng.choice(p.shape[0], p=p))


def generate(step: Callable[[np.ndarray], np.ndarray], vocab: CharVocab, prompt: str, n_chars: int,
             temperature: float = 1.0, top_k: int | None = None, random_state=None) -> str:
    """Generate text one character at a time from any model.

    Parameters
    ----------
    step : callable
        ``step(ids) -> logits``: feeds the 1-D int array ``ids`` to the model, *continuing from its
        current state*, and returns the logits (shape (V,)) for the character after the last one. It is
        called once with the encoded ``prompt`` and then with one id at a time, so a stateful model (an
        LSTM keeping ``(h, c)`` in a closure) never re-reads the prompt.
    vocab : CharVocab
    prompt : str
        Non-empty start of the text.
    n_chars : int
        Number of characters to generate.
    temperature, top_k
        As in :func:`sampling_probs`.
    random_state : numpy.random.Generator or int, optional

    Returns
    -------
    str
        ``prompt`` followed by ``n_chars`` generated characters.
    """
    if not isinstance(prompt, str) or not prompt:
        raise ValueError("prompt must be a non-empty string")
    n_chars = check_int(n_chars, "n_chars", 0)
    rng = np.random.default_rng(random_state)
    logits = step(vocab.encode(prompt))
    out = []
    for _ in range(n_chars):
        nxt = sample_next(np.asarray(logits, dtype=float).reshape(-1), temperature, top_k, rng)
        out.append(nxt)
        logits = step(np.array([nxt], dtype=np.int64))
    return prompt + vocab.decode(np.array(out, dtype=np.int64))


def bits_per_char(logits, targets) -> float:
    """Mean cross-entropy of next-character predictions, in bits per character.

    ``mean(-log2 softmax(logits)[target])``; divide a loss in nats by ``ln 2`` to get the same number.
    Perplexity is ``2 ** bits_per_char``.

    Parameters
    ----------
    logits : array_like, shape (..., V)
        Unnormalised scores.
    targets : array_like of int, shape (...)
        The true next ids, same leading shape as ``logits``.
    """
    logits = check_array(logits, "logits", ndim=range(1, 8)).astype(float)
    targets = check_array(targets, "targets", dtype="integer")
    if targets.shape != logits.shape[:-1]:
        raise ValueError(
            f"targets must have shape {logits.shape[:-1]} (logits without the last axis), "
            f"got {targets.shape}"
        )
    V = logits.shape[-1]
    if np.any((targets < 0) | (targets >= V)):
        raise ValueError(f"targets must be ids in 0..{V - 1}")
    z = logits - logits.max(axis=-1, keepdims=True)
    log_probs = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(log_probs, targets[..., None].astype(np.int64), axis=-1)
    return float(-picked.mean() / np.log(2.0))


def unigram_bits(train_ids, eval_ids, vocab_size: int, alpha: float = 1.0) -> float:
    """Bits per character of the unigram baseline: predict every character with its training frequency.

    Frequencies are smoothed with ``alpha`` pseudo-counts (add-one by default) so that a character absent
    from the training ids does not get probability 0.
    """
    train_ids = check_array(train_ids, "train_ids", ndim=1, dtype="integer")
    eval_ids = check_array(eval_ids, "eval_ids", ndim=1, dtype="integer")
    vocab_size = check_int(vocab_size, "vocab_size")
    for name, a in (("train_ids", train_ids), ("eval_ids", eval_ids)):
        if a.size and (a.min() < 0 or a.max() >= vocab_size):
            raise ValueError(f"{name} must be ids in 0..{vocab_size - 1}")
    if eval_ids.size == 0:
        raise ValueError("eval_ids must not be empty")
    counts = np.bincount(train_ids, minlength=vocab_size) + float(alpha)
    p = counts / counts.sum()
    return float(-np.mean(np.log2(p[eval_ids])))
