import gzip
import struct

import numpy as np
import pytest

from helpers import data


def test_bundled_csv_files_load_with_the_documented_shapes():
    bank = data.load_bank_marketing()
    assert bank.shape == (4521, 17)
    assert set(bank["y"]) == {"yes", "no"} and (bank["y"] == "yes").sum() == 521
    credit = data.load_credit_approval()
    assert credit.shape == (690, 16)
    assert set(credit["Class"]) == {0, 1}


def test_shakespeare_corpus():
    text = data.load_shakespeare()
    assert len(text) == 1115394
    assert text.startswith("First Citizen")


@pytest.mark.parametrize("name, shape", [("digits", (1797, 64)), ("iris", (150, 4)),
                                         ("wine", (178, 13)), ("breast_cancer", (569, 30)),
                                         ("diabetes", (442, 10))])
def test_sklearn_bundled_sets(name, shape):
    X, y = data.load_dataset(name)
    assert X.shape == shape and X.dtype == np.float64 and len(y) == shape[0]


def test_unknown_dataset_and_missing_file_errors(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="unknown dataset 'mnist'"):
        data.load_dataset("mnist")
    monkeypatch.setenv(data.DATA_ENV_VAR, str(tmp_path))
    with pytest.raises(FileNotFoundError, match="bank_marketing.csv"):
        data.load_bank_marketing()
    with pytest.raises(TypeError):
        data.data_path("")


def _write_idx(path, array, gz=False):
    header = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    opener = gzip.open if gz else open
    with opener(path, "wb") as fh:
        fh.write(header + array.astype(np.uint8).tobytes())


@pytest.mark.parametrize("gz", [False, True])
def test_load_mnist_reads_idx_files(tmp_path, gz):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(5, 28, 28), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    suffix = ".gz" if gz else ""
    _write_idx(tmp_path / f"t10k-images-idx3-ubyte{suffix}", images, gz)
    _write_idx(tmp_path / f"t10k-labels-idx1-ubyte{suffix}", labels, gz)
    X, y = data.load_mnist(tmp_path, split="test")
    np.testing.assert_array_equal(X, images)
    assert y.dtype == np.int64 and list(y) == [3, 1, 4, 1, 5]


def test_load_mnist_reads_npz(tmp_path):
    X = np.zeros((2, 28, 28), dtype=np.uint8)
    np.savez(tmp_path / "fashion.npz", x_train=X, y_train=np.array([0, 9]), x_test=X[:1], y_test=[1])
    Xt, yt = data.load_mnist(tmp_path, kind="fashion", split="train")
    assert Xt.shape == (2, 28, 28) and list(yt) == [0, 9]


def test_load_mnist_explains_how_to_get_missing_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="never downloads") as err:
        data.load_mnist(tmp_path)
    assert "train-images-idx3-ubyte" in str(err.value)
    with pytest.raises(ValueError, match="kind"):
        data.load_mnist(tmp_path, kind="cifar")


def test_load_mnist_rejects_corrupt_files(tmp_path):
    (tmp_path / "train-images-idx3-ubyte").write_bytes(b"garbage!")
    _write_idx(tmp_path / "train-labels-idx1-ubyte", np.zeros(1))
    with pytest.raises(ValueError, match="not an IDX file"):
        data.load_mnist(tmp_path)
    _write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((2, 8, 8)))
    with pytest.raises(ValueError, match=r"\(n, 28, 28\)"):
        data.load_mnist(tmp_path)
