"""Tests for helpers.vision: blocks against hand-written torch ops, warps against torch.grid_sample and
scipy, parameter counts against the published ones, fine-tuning tools against torch optimisers."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from scipy.ndimage import map_coordinates

from helpers import vision
from helpers.cnn import count_parameters


# ---------------------------------------------------------------- residual blocks
def _bn_train(x, bn):
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    var = x.var(dim=(0, 2, 3), unbiased=False, keepdim=True)
    return (x - mean) / torch.sqrt(var + bn.eps) * bn.weight[None, :, None, None] + bn.bias[None, :, None, None]


@pytest.mark.parametrize("cin, cout, stride", [(4, 4, 1), (4, 6, 1), (4, 6, 2)])
def test_residual_block_matches_functional_ops(cin, cout, stride):
    torch.manual_seed(0)
    block = vision.ResidualBlock(cin, cout, stride=stride)
    for bn in (m for m in block.modules() if isinstance(m, torch.nn.BatchNorm2d)):
        torch.nn.init.uniform_(bn.weight, 0.5, 1.5)
        torch.nn.init.uniform_(bn.bias, -0.5, 0.5)
    x = torch.randn(5, cin, 7, 7)
    h = torch.relu(_bn_train(F.conv2d(x, block.conv1.weight, stride=stride, padding=1), block.bn1))
    h = _bn_train(F.conv2d(h, block.conv2.weight, padding=1), block.bn2)
    if cin == cout and stride == 1:
        assert block.projection is None
        skip = x
    else:
        skip = _bn_train(F.conv2d(x, block.projection[0].weight, stride=stride), block.projection[1])
    expected = torch.relu(h + skip)
    with torch.no_grad():
        out = block(x)
    assert out.shape == (5, cout, (7 + stride - 1) // stride, (7 + stride - 1) // stride)
    assert torch.allclose(out, expected, atol=1e-5)
    assert all(m.bias is None for m in block.modules() if isinstance(m, torch.nn.Conv2d))


def test_plain_block_has_no_shortcut():
    torch.manual_seed(0)
    plain = vision.ResidualBlock(3, 5, stride=2, shortcut=False)
    assert plain.projection is None
    x = torch.randn(4, 3, 6, 6)
    with torch.no_grad():
        expected = torch.relu(plain.bn2(plain.conv2(torch.relu(plain.bn1(plain.conv1(x))))))
        assert torch.allclose(plain(x), expected)


def test_residual_block_errors():
    with pytest.raises(TypeError, match="in_channels"):
        vision.ResidualBlock(2.5, 4)
    with pytest.raises(ValueError, match="stride"):
        vision.ResidualBlock(2, 4, stride=0)
    with pytest.raises(TypeError, match="shortcut"):
        vision.ResidualBlock(2, 4, shortcut="yes")


# ---------------------------------------------------------------- small ResNet
def test_small_resnet_heads_and_shapes():
    torch.manual_seed(0)
    gap = vision.make_small_resnet(channels=(8, 16), blocks_per_stage=2, head="gap")
    flat = vision.make_small_resnet(channels=(8, 16), blocks_per_stage=2, head="flatten", image_size=8)
    plain = vision.make_small_resnet(channels=(8, 16), blocks_per_stage=2, residual=False)
    x = torch.randn(3, 1, 8, 8)
    assert gap(x).shape == flat(x).shape == plain(x).shape == (3, 10)
    # the flatten head sees 16 channels on a 4x4 map, the GAP head 16 numbers
    assert count_parameters(flat.head) == 16 * 16 * 10 + 10
    assert count_parameters(gap.head) == 16 * 10 + 10
    assert count_parameters(gap) - count_parameters(plain) > 0  # the projection shortcut of stage 2
    assert gap(torch.randn(2, 1, 13, 13)).shape == (2, 10)
    with pytest.raises(RuntimeError):
        flat(torch.randn(2, 1, 12, 12))
    convs = [m for m in gap.modules() if isinstance(m, torch.nn.Conv2d) and m.kernel_size == (3, 3)]
    assert len(convs) == 1 + 2 * 2 * 2


def test_small_resnet_errors():
    with pytest.raises(ValueError, match="head"):
        vision.make_small_resnet(head="dense")
    with pytest.raises(TypeError, match="channels"):
        vision.make_small_resnet(channels=16)
    with pytest.raises(ValueError, match="n_classes"):
        vision.make_small_resnet(n_classes=1)


# ---------------------------------------------------------------- historical architectures
@pytest.mark.parametrize(
    "builder, published, shape",
    [
        (vision.make_alexnet, 61_100_840, (1, 3, 224, 224)),  # torchvision.models.alexnet
        (vision.make_vgg16, 138_357_544, (1, 3, 224, 224)),  # torchvision.models.vgg16
        (vision.make_resnet18, 11_689_512, (1, 3, 224, 224)),  # torchvision.models.resnet18
        (vision.make_lenet5, 61_706, (1, 1, 32, 32)),  # 156 + 2416 + 48120 + 10164 + 850
    ],
)
def test_historical_parameter_counts_and_shapes(builder, published, shape):
    model = builder()
    assert count_parameters(model) == published
    assert next(model.parameters()).device.type == "meta"
    assert model(torch.zeros(shape, device="meta")).shape[-1] == (10 if builder is vision.make_lenet5 else 1000)


def test_historical_builder_on_cpu_has_real_weights():
    model = vision.make_lenet5(device="cpu")
    assert model(torch.zeros(2, 1, 32, 32)).shape == (2, 10)


# ---------------------------------------------------------------- warps
def _torch_warp(X, angles, shifts):
    """The same warp with torch.affine_grid/grid_sample (normalised coordinates, x = column first)."""
    N, H, W = X.shape
    t = np.deg2rad(angles)
    c, s = np.cos(t), np.sin(t)
    sy, sx = shifts[:, 0] * 2 / (H - 1), shifts[:, 1] * 2 / (W - 1)
    theta = np.zeros((N, 2, 3))
    theta[:, 0] = np.stack([c, s, -(c * sx + s * sy)], axis=1)
    theta[:, 1] = np.stack([-s, c, -(-s * sx + c * sy)], axis=1)
    grid = F.affine_grid(torch.tensor(theta), (N, 1, H, W), align_corners=True)
    out = F.grid_sample(torch.tensor(X)[:, None], grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    return out[:, 0].numpy()


def test_warp_matches_torch_grid_sample():
    rng = np.random.default_rng(1)
    X = rng.random((6, 8, 8))
    angles, shifts = rng.uniform(-40, 40, 6), rng.uniform(-2.5, 2.5, (6, 2))
    assert np.allclose(vision.warp_images(X, angles, shifts), _torch_warp(X, angles, shifts), atol=1e-10)


def test_warp_special_cases():
    rng = np.random.default_rng(2)
    X = rng.random((3, 6, 6))
    assert np.allclose(vision.warp_images(X), X)
    assert np.allclose(vision.warp_images(X, angles=np.full(3, 90.0)), np.rot90(X, -1, axes=(1, 2)))
    moved = vision.warp_images(X, shifts=np.tile([1.0, -2.0], (3, 1)))
    assert np.allclose(moved[:, 1:, :-2], X[:, :-1, 2:])
    assert np.all(moved[:, 0] == 0) and np.all(moved[:, :, -2:] == 0)
    assert vision.warp_images(X[:, None]).shape == (3, 1, 6, 6)


def test_bilinear_sample_matches_scipy():
    rng = np.random.default_rng(3)
    X = rng.random((4, 7, 9))
    rows, cols = rng.uniform(-2, 9, (4, 5, 5)), rng.uniform(-2, 11, (4, 5, 5))
    expected = np.stack([map_coordinates(X[n], [rows[n], cols[n]], order=1, mode="grid-constant", cval=0.0)
                         for n in range(4)])
    assert np.allclose(vision.bilinear_sample(X, rows, cols), expected, atol=1e-12)


def test_warp_errors():
    X = np.zeros((2, 8, 8))
    with pytest.raises(ValueError, match="angles"):
        vision.warp_images(X, angles=np.zeros(3))
    with pytest.raises(ValueError, match="shifts"):
        vision.warp_images(X, shifts=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="grey"):
        vision.warp_images(np.zeros((2, 3, 8, 8)))
    with pytest.raises(ValueError, match="displacement"):
        vision.warp_images(X, displacement=np.zeros((2, 8, 8)))


# ---------------------------------------------------------------- augmentation
def test_augment_is_seeded_bounded_and_preserves_mass_roughly():
    rng = np.random.default_rng(4)
    X = np.zeros((20, 16, 16))
    X[:, 5:11, 6:10] = rng.random((20, 6, 4))
    a = vision.augment_images(X, max_shift=1.5, max_rotation=10, elastic_alpha=0.5, random_state=7)
    b = vision.augment_images(X, max_shift=1.5, max_rotation=10, elastic_alpha=0.5, random_state=7)
    c = vision.augment_images(X, max_shift=1.5, max_rotation=10, elastic_alpha=0.5, random_state=8)
    assert np.array_equal(a, b) and not np.allclose(a, c)
    assert a.min() >= 0 and a.max() <= X.max() + 1e-12  # bilinear interpolation cannot overshoot
    assert np.allclose(a.sum(axis=(1, 2)), X.sum(axis=(1, 2)), rtol=0.2)  # content stays in the frame
    assert not np.allclose(a, X)
    same = vision.augment_images(X, max_shift=0, max_rotation=0, random_state=0)
    assert np.allclose(same, X)


def test_augment_errors():
    X = np.zeros((2, 8, 8))
    with pytest.raises(ValueError, match="max_shift"):
        vision.augment_images(X, max_shift=-1)
    with pytest.raises(ValueError, match="elastic_sigma"):
        vision.augment_images(X, elastic_sigma=0.0)
    with pytest.raises(TypeError, match="random_state"):
        vision.augment_images(X, random_state="seed")
    with pytest.raises(ValueError, match="X must be"):
        vision.augment_images(np.zeros((8, 8)))


# ---------------------------------------------------------------- fine-tuning tools
def test_layerwise_lrs():
    assert np.allclose(vision.layerwise_lrs(4, 1e-3, 0.5), [1.25e-4, 2.5e-4, 5e-4, 1e-3])
    assert vision.layerwise_lrs(3, 0.1, 1.0) == [0.1, 0.1, 0.1]
    with pytest.raises(ValueError, match="decay"):
        vision.layerwise_lrs(3, 0.1, 2.0)
    with pytest.raises(ValueError, match="base_lr"):
        vision.layerwise_lrs(3, -0.1, 0.5)


def test_param_groups_drive_torch_sgd():
    torch.manual_seed(0)
    layers = [torch.nn.Linear(3, 3), torch.nn.Linear(3, 3), torch.nn.Linear(3, 2)]
    lrs = vision.layerwise_lrs(3, 0.1, 0.1)
    opt = torch.optim.SGD(vision.param_groups(layers, lrs), lr=1.0)
    before = [layer.weight.detach().clone() for layer in layers]
    torch.nn.Sequential(*layers)(torch.randn(4, 3)).sum().backward()
    grads = [layer.weight.grad.clone() for layer in layers]
    opt.step()
    for layer, w0, g, lr in zip(layers, before, grads, lrs):
        assert torch.allclose(layer.weight, w0 - lr * g, atol=1e-7)


def test_param_groups_errors():
    a, b = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    with pytest.raises(ValueError, match="2 groups"):
        vision.param_groups([a, b], [0.1])
    with pytest.raises(ValueError, match="shares parameters"):
        vision.param_groups([a, [a, b]], [0.1, 0.2])
    with pytest.raises(TypeError, match="groups"):
        vision.param_groups(a, [0.1])
    with pytest.raises(TypeError, match=r"groups\[1\]"):
        vision.param_groups([a, "b"], [0.1, 0.1])


def test_unfreeze_top_and_adam_skips_frozen_groups():
    torch.manual_seed(0)
    layers = [torch.nn.Linear(3, 3), torch.nn.Linear(3, 3), torch.nn.Linear(3, 2)]
    assert vision.unfreeze_top(layers, 1) == 3 * 2 + 2
    assert [layer.weight.requires_grad for layer in layers] == [False, False, True]
    opt = torch.optim.Adam(vision.param_groups(layers, [0.1] * 3))
    frozen = layers[0].weight.detach().clone()
    opt.zero_grad()
    torch.nn.Sequential(*layers)(torch.randn(4, 3)).sum().backward()
    opt.step()
    assert torch.equal(layers[0].weight, frozen) and layers[0].weight.grad is None
    assert vision.unfreeze_top(layers, 5) == count_parameters(torch.nn.Sequential(*layers))
    assert vision.unfreeze_top(layers, 0) == 0
    with pytest.raises(ValueError, match="n must be"):
        vision.unfreeze_top(layers, -1)
