"""Plausible student mistakes for the 04_cnn assignment (grading round-trip test)."""

WRONG_ANSWERS = [
    # ---------------------------------------------------------------- part 1: corr2d
    {
        "cell": "corr2d",
        # off by one: the output is one row and one column too small
        "source": '''
def corr2d(X, K):
    """2-D cross-correlation of X (H, W) with K (kh, kw); returns (H - kh + 1, W - kw + 1)."""
    X = np.asarray(X, dtype=float)
    K = np.asarray(K, dtype=float)
    kh, kw = K.shape
    Y = np.zeros((X.shape[0] - kh, X.shape[1] - kw))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
    return Y
''',
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    {
        "cell": "corr2d",
        # a true convolution: the kernel is flipped
        "source": '''
def corr2d(X, K):
    """2-D cross-correlation of X (H, W) with K (kh, kw); returns (H - kh + 1, W - kw + 1)."""
    X = np.asarray(X, dtype=float)
    K = np.asarray(K, dtype=float)[::-1, ::-1]
    kh, kw = K.shape
    Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
    return Y
''',
        "fails": ["test_corr2d", "test_corr2d_hidden"],
    },
    {
        "cell": "corr2d",
        # calls the library it should re-implement: passes the visible test, blocked in the hidden one
        "source": '''
from scipy.signal import correlate2d


def corr2d(X, K):
    """2-D cross-correlation of X (H, W) with K (kh, kw); returns (H - kh + 1, W - kw + 1)."""
    return correlate2d(np.asarray(X, dtype=float), np.asarray(K, dtype=float), mode="valid")
''',
        "fails": ["test_corr2d_hidden"],
    },
    # ---------------------------------------------------------------- part 2: output size
    {
        "cell": "conv_output_size",
        # the handbook's ceiling formula
        "source": '''
import math


def conv_output_size(n, k, padding=0, stride=1):
    """Output length of a convolution along one axis (an int); ValueError if the kernel does not fit."""
    if k > n + 2 * padding:
        raise ValueError("kernel does not fit")
    return math.ceil((n + 2 * padding - k) / stride) + 1
''',
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    {
        "cell": "conv_output_size",
        # padding counted once instead of on both sides, and no check that the kernel fits
        "source": '''
def conv_output_size(n, k, padding=0, stride=1):
    """Output length of a convolution along one axis (an int); ValueError if the kernel does not fit."""
    return (n + padding - k) // stride + 1
''',
        "fails": ["test_conv_output_size", "test_conv_output_size_hidden"],
    },
    # ---------------------------------------------------------------- part 3: several channels
    {
        "cell": "conv_multi",
        # the bias is added once per input channel instead of once per output
        "source": '''
def conv_multi(X, K, b):
    """Multi-channel cross-correlation: X (C, H, W), K (F, C, kh, kw), b (F,) -> (F, H-kh+1, W-kw+1)."""
    X = np.asarray(X, dtype=float)
    K = np.asarray(K, dtype=float)
    if X.shape[0] != K.shape[1]:
        raise ValueError("channel mismatch")
    return np.stack([sum(corr2d(X[c], K[f, c]) + b[f] for c in range(X.shape[0]))
                     for f in range(K.shape[0])])
''',
        "fails": ["test_conv_multi", "test_conv_multi_hidden"],
    },
    {
        "cell": "conv_multi",
        # input and output channel axes of K swapped (works only when F == C), no channel check
        "source": '''
def conv_multi(X, K, b):
    """Multi-channel cross-correlation: X (C, H, W), K (F, C, kh, kw), b (F,) -> (F, H-kh+1, W-kw+1)."""
    X = np.asarray(X, dtype=float)
    K = np.asarray(K, dtype=float)
    F = K.shape[0]
    return np.stack([sum(corr2d(X[c], K[c % F, f % K.shape[1]]) for c in range(X.shape[0])) + b[f]
                     for f in range(F)])
''',
        "fails": ["test_conv_multi", "test_conv_multi_hidden"],
    },
    {
        "cell": "conv_multi",
        # calls torch's convolution: right values, but that function is disabled in the hidden test
        "source": '''
def conv_multi(X, K, b):
    """Multi-channel cross-correlation: X (C, H, W), K (F, C, kh, kw), b (F,) -> (F, H-kh+1, W-kw+1)."""
    X = torch.as_tensor(np.asarray(X, dtype=float))[None]
    K = torch.as_tensor(np.asarray(K, dtype=float))
    if X.shape[1] != K.shape[1]:
        raise ValueError("channel mismatch")
    return torch.nn.functional.conv2d(X, K, torch.as_tensor(np.asarray(b, dtype=float)))[0].numpy()
''',
        "fails": ["test_conv_multi_hidden"],
    },
    # ---------------------------------------------------------------- part 4: 1x1 convolution
    {
        "cell": "conv1x1",
        # pixels flattened into rows instead of columns: a transposed product, reshaped blindly
        "source": '''
def conv1x1(X, W):
    """1x1 convolution as a matrix product: X (C, H, W), W (F, C) -> (F, H, W)."""
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    C, H, Wd = X.shape
    return (X.reshape(H * Wd, C) @ W.T).reshape(W.shape[0], H, Wd)
''',
        "fails": ["test_conv1x1", "test_conv1x1_hidden"],
    },
    # ---------------------------------------------------------------- part 5: max pooling
    {
        "cell": "max_pool2d",
        # the stride is ignored: always stride 1
        "source": '''
def max_pool2d(X, size, stride=None):
    """Max pooling of X (H, W) with a size x size window and the given stride (default: size)."""
    X = np.asarray(X, dtype=float)
    H, W = X.shape
    Y = np.zeros((H - size + 1, W - size + 1))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = X[i:i + size, j:j + size].max()
    return Y
''',
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    {
        "cell": "max_pool2d",
        # the output size uses H // stride, so windows that do not fit are read past the edge
        "source": '''
def max_pool2d(X, size, stride=None):
    """Max pooling of X (H, W) with a size x size window and the given stride (default: size)."""
    X = np.asarray(X, dtype=float)
    stride = size if stride is None else stride
    H, W = X.shape
    Y = np.zeros((H // stride, W // stride))
    for i in range(Y.shape[0]):
        for j in range(Y.shape[1]):
            Y[i, j] = X[i * stride:i * stride + size, j * stride:j * stride + size].max()
    return Y
''',
        "fails": ["test_max_pool2d", "test_max_pool2d_hidden"],
    },
    # ---------------------------------------------------------------- part 6: receptive field
    {
        "cell": "receptive_field",
        # forgets that strides below a layer spread its inputs apart
        "source": '''
def receptive_field(layers):
    """Receptive field (int) of one unit on top of a stack of (kernel_size, stride) layers."""
    r = 1
    for k, s in layers:
        r += k - 1
    return r
''',
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    {
        "cell": "receptive_field",
        # applies a layer's own stride to its own kernel (jump updated too early)
        "source": '''
def receptive_field(layers):
    """Receptive field (int) of one unit on top of a stack of (kernel_size, stride) layers."""
    r, jump = 1, 1
    for k, s in layers:
        jump *= s
        r += (k - 1) * jump
    return r
''',
        "fails": ["test_receptive_field", "test_receptive_field_hidden"],
    },
    # ---------------------------------------------------------------- part 7: the model
    {
        "cell": "build_model",
        # forgot that the second convolution shrinks 5x5 to 3x3: wrong linear input size
        "source": '''
def build_model():
    """The CNN of the specification: (N, 1, 12, 12) -> (N, 10)."""
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=3),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 12, kernel_size=3),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(12 * 5 * 5, 10),
    )
''',
        "fails": ["test_build_model", "test_build_model_hidden"],
    },
    {
        "cell": "build_model",
        # "same" padding on both convolutions: runs, right output shape, but not the specified model
        "source": '''
def build_model():
    """The CNN of the specification: (N, 1, 12, 12) -> (N, 10)."""
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 12, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(12 * 6 * 6, 10),
    )
''',
        "fails": ["test_build_model_hidden"],
    },
]
