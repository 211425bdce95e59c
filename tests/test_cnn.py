"""Tests for helpers.cnn: NumPy convolution/pooling against torch.nn.functional, gradients, errors."""

import gzip
import struct

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from helpers import cnn
from helpers.checks import numerical_gradient, rel_error


def _torch_conv(X, W, b=None, stride=1, padding=0):
    bt = None if b is None else torch.from_numpy(b)
    return F.conv2d(torch.from_numpy(X), torch.from_numpy(W), bt, stride=stride, padding=padding).numpy()


# ---------------------------------------------------------------- conv_output_size
@pytest.mark.parametrize(
    "n, k, p, s", [(8, 3, 0, 1), (8, 3, 0, 2), (8, 3, 1, 2), (7, 2, 0, 3), (28, 5, 2, 1), (5, 5, 0, 1)]
)
def test_conv_output_size_matches_torch(n, k, p, s):
    out = torch.nn.Conv2d(1, 1, k, stride=s, padding=p)(torch.zeros(1, 1, n, n))
    assert cnn.conv_output_size(n, k, p, s) == out.shape[-1]


def test_conv_output_size_errors():
    with pytest.raises(ValueError, match="does not fit"):
        cnn.conv_output_size(3, 5)
    with pytest.raises(ValueError, match="stride"):
        cnn.conv_output_size(8, 3, 0, 0)
    with pytest.raises(TypeError, match="padding"):
        cnn.conv_output_size(8, 3, 1.5, 1)
    assert cnn.conv_output_size(3, 5, padding=1) == 1


# ---------------------------------------------------------------- corr2d
def test_corr2d_worked_example():
    X = np.arange(9.0).reshape(3, 3)
    K = np.arange(4.0).reshape(2, 2)
    np.testing.assert_array_equal(cnn.corr2d(X, K), [[19.0, 25.0], [37.0, 43.0]])


def test_corr2d_matches_torch_and_is_not_convolution():
    rng = np.random.default_rng(0)
    X, K = rng.normal(size=(7, 9)), rng.normal(size=(3, 2))
    ref = _torch_conv(X[None, None], K[None, None])[0, 0]
    np.testing.assert_allclose(cnn.corr2d(X, K), ref, atol=1e-12)
    # a true convolution flips the kernel: different unless the kernel is symmetric
    flipped = cnn.corr2d(X, K[::-1, ::-1])
    assert np.abs(flipped - ref).max() > 1e-3


def test_corr2d_bad_inputs():
    with pytest.raises(ValueError, match="larger than the input"):
        cnn.corr2d(np.ones((2, 2)), np.ones((3, 1)))
    with pytest.raises(ValueError, match="X must be 2-D"):
        cnn.corr2d(np.ones((1, 4, 4)), np.ones((2, 2)))
    with pytest.raises(TypeError, match="K must hold numeric"):
        cnn.corr2d(np.ones((4, 4)), [["a", "b"]])


# ---------------------------------------------------------------- conv2d forward
@pytest.mark.parametrize(
    "shape_x, shape_w, stride, padding",
    [
        ((2, 3, 7, 6), (4, 3, 3, 3), 1, 0),
        ((3, 2, 8, 8), (5, 2, 3, 3), 2, 1),
        ((1, 1, 9, 7), (2, 1, 2, 3), (3, 2), (1, 0)),
        ((2, 4, 5, 5), (3, 4, 1, 1), 1, 0),
        ((1, 3, 4, 4), (2, 3, 5, 5), 1, 2),
    ],
)
def test_conv2d_matches_torch(shape_x, shape_w, stride, padding):
    rng = np.random.default_rng(1)
    X = rng.normal(size=shape_x).astype(np.float32)
    W = rng.normal(size=shape_w).astype(np.float32)
    b = rng.normal(size=shape_w[0]).astype(np.float32)
    ours = cnn.conv2d(X, W, b, stride=stride, padding=padding)
    ref = _torch_conv(X, W, b, stride=stride, padding=padding)
    assert ours.shape == ref.shape
    assert np.abs(ours - ref).max() < 1e-5


def test_conv2d_without_bias_and_1x1_is_matmul():
    rng = np.random.default_rng(2)
    X, W = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(6, 3, 1, 1))
    Y = cnn.conv2d(X, W)
    expected = np.einsum("fc,nchw->nfhw", W[:, :, 0, 0], X)
    np.testing.assert_allclose(Y, expected, atol=1e-12)


def test_conv2d_bad_inputs():
    X = np.zeros((1, 3, 4, 4))
    with pytest.raises(ValueError, match="channel mismatch"):
        cnn.conv2d(X, np.zeros((2, 2, 3, 3)))
    with pytest.raises(ValueError, match="larger than the padded input"):
        cnn.conv2d(X, np.zeros((2, 3, 7, 7)), padding=1)
    with pytest.raises(ValueError, match="X must be 4-D"):
        cnn.conv2d(np.zeros((3, 4, 4)), np.zeros((2, 3, 3, 3)))
    with pytest.raises(ValueError, match="b must have shape"):
        cnn.conv2d(X, np.zeros((2, 3, 3, 3)), b=np.zeros(3))
    with pytest.raises(ValueError, match="stride"):
        cnn.conv2d(X, np.zeros((2, 3, 3, 3)), stride=0)
    with pytest.raises(TypeError, match="padding"):
        cnn.conv2d(X, np.zeros((2, 3, 3, 3)), padding="same")


def _lines_executed_in_cnn(fn):
    """Count the Python lines run inside helpers/cnn.py while calling fn()."""
    import sys

    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename != cnn.__file__:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_conv2d_and_pool2d_have_no_python_loop_over_pixels():
    # a 64x64 output has 4096 pixels: a per-pixel loop would run thousands of lines, ours runs a few dozen
    rng = np.random.default_rng(3)
    X, W = rng.normal(size=(2, 3, 64, 64)), rng.normal(size=(4, 3, 3, 3))
    assert _lines_executed_in_cnn(lambda: cnn.conv2d(X, W, padding=1)) < 200
    assert _lines_executed_in_cnn(lambda: cnn.pool2d(X, 2, stride=1)) < 200
    assert _lines_executed_in_cnn(lambda: cnn.corr2d(X[0, 0], W[0, 0])) < 200
    dY = rng.normal(size=(2, 4, 64, 64))
    assert _lines_executed_in_cnn(lambda: cnn.conv2d_backward(dY, X, W, padding=1)) < 400


# ---------------------------------------------------------------- conv2d backward
@pytest.mark.parametrize("stride, padding", [(1, 0), (2, 1), ((2, 1), (0, 2))])
def test_conv2d_backward_numerical(stride, padding):
    rng = np.random.default_rng(4)
    X = rng.normal(size=(2, 2, 5, 6))
    W = rng.normal(size=(3, 2, 3, 2))
    b = rng.normal(size=3)
    dY = rng.normal(size=cnn.conv2d(X, W, b, stride, padding).shape)
    dX, dW, db = cnn.conv2d_backward(dY, X, W, stride, padding)

    def loss_x(x):
        return float(np.sum(cnn.conv2d(x, W, b, stride, padding) * dY))

    def loss_w(w):
        return float(np.sum(cnn.conv2d(X, w, b, stride, padding) * dY))

    def loss_b(bb):
        return float(np.sum(cnn.conv2d(X, W, bb, stride, padding) * dY))

    assert rel_error(dX, numerical_gradient(loss_x, X)) < 1e-6
    assert rel_error(dW, numerical_gradient(loss_w, W)) < 1e-6
    assert rel_error(db, numerical_gradient(loss_b, b)) < 1e-6


def test_conv2d_backward_matches_torch_autograd():
    rng = np.random.default_rng(5)
    X, W, b = rng.normal(size=(3, 2, 8, 7)), rng.normal(size=(4, 2, 3, 3)), rng.normal(size=4)
    dY = rng.normal(size=(3, 4, 4, 4))
    Xt, Wt, bt = (torch.tensor(a, requires_grad=True) for a in (X, W, b))
    out = F.conv2d(Xt, Wt, bt, stride=2, padding=1)
    assert out.shape == dY.shape
    out.backward(torch.from_numpy(dY))
    dX, dW, db = cnn.conv2d_backward(dY, X, W, stride=2, padding=1)
    np.testing.assert_allclose(dX, Xt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(dW, Wt.grad.numpy(), atol=1e-10)
    np.testing.assert_allclose(db, bt.grad.numpy(), atol=1e-10)


def test_conv2d_backward_checks_dY_shape():
    with pytest.raises(ValueError, match="dY must have shape"):
        cnn.conv2d_backward(np.zeros((1, 2, 3, 3)), np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 3, 3)))


# ---------------------------------------------------------------- pooling
@pytest.mark.parametrize("size, stride", [(2, None), (3, 1), ((2, 3), (1, 2)), (3, 2)])
@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pool2d_matches_torch(size, stride, mode):
    rng = np.random.default_rng(6)
    X = rng.normal(size=(2, 3, 7, 8))
    fn = F.max_pool2d if mode == "max" else F.avg_pool2d
    ref = fn(torch.from_numpy(X), size, stride=stride).numpy()
    ours = cnn.pool2d(X, size, stride=stride, mode=mode)
    assert ours.shape == ref.shape
    np.testing.assert_allclose(ours, ref, atol=1e-12)


def test_pool2d_2d_input_and_errors():
    X = np.arange(16.0).reshape(4, 4)
    np.testing.assert_array_equal(cnn.pool2d(X, 2), [[5, 7], [13, 15]])
    np.testing.assert_array_equal(cnn.pool2d(X, 2, mode="avg"), [[2.5, 4.5], [10.5, 12.5]])
    with pytest.raises(ValueError, match="mode"):
        cnn.pool2d(X, 2, mode="min")
    with pytest.raises(ValueError, match="larger than the input"):
        cnn.pool2d(X, 5)
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        cnn.pool2d(np.ones(4), 2)


# ---------------------------------------------------------------- receptive field
def test_receptive_field_by_perturbation():
    # a unit's receptive field = the input pixels whose change changes it; measure it with autograd
    layers = [(3, 1), (2, 2), (3, 1), (3, 2), (2, 1)]
    x = torch.zeros(1, 1, 64, 64, requires_grad=True)
    h = x
    for k, s in layers:
        h = F.conv2d(h, torch.ones(1, 1, k, k), stride=s)
    h[0, 0, 3, 3].backward()
    rows = torch.nonzero(x.grad[0, 0].abs().sum(dim=1)).flatten()
    assert cnn.receptive_field(layers) == int(rows.max() - rows.min() + 1)


def test_receptive_field_values_and_errors():
    assert cnn.receptive_field([]) == 1
    assert cnn.receptive_field([(3, 1), (3, 1)]) == 5
    assert cnn.receptive_field([(5, 1), (2, 2), (5, 1), (2, 2)]) == 16
    with pytest.raises(TypeError, match="layer 0"):
        cnn.receptive_field([3])
    with pytest.raises(ValueError, match="stride"):
        cnn.receptive_field([(3, 0)])


# ---------------------------------------------------------------- torch helpers
@pytest.mark.parametrize("image_size", [8, 28])
def test_make_lenet_shapes(image_size):
    model = cnn.make_lenet(image_size=image_size)
    out = model(torch.zeros(2, 1, image_size, image_size))
    assert out.shape == (2, 10)
    side = image_size // 4
    assert model.features(torch.zeros(1, 1, image_size, image_size)).shape == (1, 32 * side * side)
    with pytest.raises(ValueError, match="odd"):
        cnn.make_lenet(kernel_size=4)


@pytest.fixture
def one_thread():
    # tiny models: thread start-up costs more than it saves, and on a busy machine two spinning
    # OpenMP threads can be 40x slower than one
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def test_train_classifier_learns_and_respects_frozen_layers(one_thread):
    torch.manual_seed(0)
    rng = np.random.default_rng(7)
    # two classes: a bright vertical bar on the left or on the right half, plus noise
    y = rng.integers(0, 2, size=200)
    X = rng.normal(scale=0.3, size=(200, 8, 8)).astype(np.float32)
    X[y == 0, :, 1] += 2.0
    X[y == 1, :, 6] += 2.0
    model = cnn.make_lenet(n_classes=2)
    for p in model.features.parameters():
        p.requires_grad_(False)
    frozen = [p.clone() for p in model.features.parameters()]
    assert cnn.count_parameters(model, trainable_only=True) < cnn.count_parameters(model)
    hist = cnn.train_classifier(model, X, y, X_val=X, y_val=y, epochs=15, lr=3e-3)
    assert set(hist) == {"loss", "train_accuracy", "val_accuracy"}
    assert len(hist["loss"]) == 15 and hist["loss"][-1] < hist["loss"][0]
    assert hist["val_accuracy"][-1] > 0.95
    assert all(torch.equal(a, b) for a, b in zip(frozen, model.features.parameters()))
    assert np.mean(cnn.predict(model, X) == y) == hist["val_accuracy"][-1]


def test_train_classifier_bad_inputs():
    model = cnn.make_lenet(n_classes=2)
    with pytest.raises(ValueError, match="y must have shape"):
        cnn.train_classifier(model, np.zeros((4, 8, 8)), np.zeros(3, dtype=int), epochs=1)
    with pytest.raises(TypeError, match="y must hold integer"):
        cnn.train_classifier(model, np.zeros((4, 8, 8)), np.zeros(4), epochs=1)
    with pytest.raises(ValueError, match="both X_val and y_val"):
        cnn.train_classifier(model, np.zeros((4, 8, 8)), np.zeros(4, dtype=int), X_val=np.zeros((2, 8, 8)))


# ---------------------------------------------------------------- MNIST switch (tiny IDX file)
def _write_idx(path, array, type_code):
    header = struct.pack(">HBB", 0, type_code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + array.astype(">u1").tobytes())


def test_mnist_switch_on_tiny_idx_files(tmp_path):
    data = pytest.importorskip("helpers.data")
    if not hasattr(data, "load_mnist"):
        pytest.skip("helpers.data.load_mnist not available yet")
    rng = np.random.default_rng(8)
    images = rng.integers(0, 256, size=(6, 28, 28)).astype(np.uint8)
    labels = np.array([0, 1, 2, 3, 4, 5], dtype=np.uint8)
    _write_idx(tmp_path / "train-images-idx3-ubyte.gz", images, 0x08)
    _write_idx(tmp_path / "train-labels-idx1-ubyte.gz", labels, 0x08)
    X, y = data.load_mnist(root=tmp_path, kind="mnist", split="train")
    np.testing.assert_array_equal(X, images)
    np.testing.assert_array_equal(y, labels)
    model = cnn.make_lenet(image_size=28)
    assert cnn.predict(model, X.astype(np.float32) / 255.0).shape == (6,)
