"""Offline dataset loaders.

Everything here reads files that ship with the course (``data/``) or datasets bundled inside installed
packages (scikit-learn). Nothing is downloaded. The optional MNIST loader reads files that the user has put
on disk and says how to get them when they are missing.
"""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np

DATA_ENV_VAR = "COURSE_DATA_DIR"
MNIST_ENV_VAR = "COURSE_MNIST_DIR"

_SKLEARN_LOADERS = {
    "digits": "load_digits",
    "iris": "load_iris",
    "wine": "load_wine",
    "breast_cancer": "load_breast_cancer",
    "diabetes": "load_diabetes",
}

_MNIST_FILES = {
    ("train", "images"): "train-images-idx3-ubyte",
    ("train", "labels"): "train-labels-idx1-ubyte",
    ("test", "images"): "t10k-images-idx3-ubyte",
    ("test", "labels"): "t10k-labels-idx1-ubyte",
}

_MNIST_HOWTO = {
    "mnist": "MNIST (http://yann.lecun.com/exdb/mnist/ or any mirror; licence CC BY-SA 3.0)",
    "fashion": "Fashion-MNIST (https://github.com/zalando-research/fashionmnist, data/fashion; MIT licence)",
}


def data_dir() -> Path:
    """The folder with the course's data files: ``$COURSE_DATA_DIR`` or the repository's ``data/``."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "data"


def data_path(name: str) -> Path:
    """Path of a file in the data folder; ``FileNotFoundError`` naming the folder if it is missing."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"name must be a non-empty file name, got {name!r}")
    path = data_dir() / name
    if not path.is_file():
        available = sorted(p.name for p in data_dir().glob("*") if p.is_file()) if data_dir().is_dir() else []
        raise FileNotFoundError(
            f"data file {name!r} not found in {data_dir()} (set ${DATA_ENV_VAR} to another folder); "
            f"available: {', '.join(available) or 'none'}"
        )
    return path


def load_csv(name: str, **read_csv_kwargs):
    """Read a CSV file from the data folder into a pandas DataFrame."""
    import pandas as pd

    return pd.read_csv(data_path(name), **read_csv_kwargs)


def load_bank_marketing():
    """UCI Bank Marketing (10 % sample): 4,521 calls, 16 features, target ``y`` in {"yes", "no"}.

    Moro, Cortez & Rita (2014), CC BY 4.0. Note that ``duration`` is only known after the call ends, so a
    model that uses it to decide whom to call leaks the outcome.
    """
    return load_csv("bank_marketing.csv")


def load_credit_approval():
    """UCI Statlog (Australian Credit Approval): 690 applications, ``A1``..``A14``, ``Class`` (1 = approved).

    Quinlan, CC BY 4.0. ``CustomerID`` is a synthetic identifier, not a feature.
    """
    return load_csv("credit_approval.csv")


def load_shakespeare() -> str:
    """The tiny-Shakespeare corpus (1,115,394 characters, public domain) as one string."""
    return data_path("tiny_shakespeare.txt").read_text(encoding="utf-8")


def load_dataset(name: str):
    """A scikit-learn bundled dataset as ``(X, y)`` with ``X`` float64 of shape (n_samples, n_features).

    Parameters
    ----------
    name : {"digits", "iris", "wine", "breast_cancer", "diabetes"}
    """
    if name not in _SKLEARN_LOADERS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(_SKLEARN_LOADERS)}")
    import sklearn.datasets

    X, y = getattr(sklearn.datasets, _SKLEARN_LOADERS[name])(return_X_y=True)
    return X.astype(np.float64), y


def _read_idx(path: Path) -> np.ndarray:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        header = fh.read(4)
        if len(header) != 4 or header[:2] != b"\x00\x00":
            raise ValueError(f"{path} is not an IDX file (bad magic number {header!r})")
        dtype_code, ndim = header[2], header[3]
        if dtype_code != 0x08:
            raise ValueError(f"{path}: only unsigned-byte IDX files are supported, got type 0x{dtype_code:02x}")
        dims = struct.unpack(">" + "I" * ndim, fh.read(4 * ndim))
        data = np.frombuffer(fh.read(), dtype=np.uint8)
    expected = int(np.prod(dims))
    if data.size != expected:
        raise ValueError(f"{path}: header promises {expected} values of shape {dims}, found {data.size}")
    return data.reshape(dims)


def load_mnist(root=None, kind: str = "mnist", split: str = "train"):
    """Load MNIST or Fashion-MNIST from local files (never downloads).

    Looks in ``root`` (default ``$COURSE_MNIST_DIR``, else ``data/mnist`` or ``data/fashion``) for either

    - the four standard IDX files (``train-images-idx3-ubyte`` ... ``t10k-labels-idx1-ubyte``, optionally
      ``.gz``), or
    - one ``mnist.npz`` / ``fashion.npz`` with arrays ``x_train, y_train, x_test, y_test``.

    Returns
    -------
    X : ndarray of uint8, shape (n, 28, 28)
    y : ndarray of int64, shape (n,)
    """
    if kind not in _MNIST_HOWTO:
        raise ValueError(f"kind must be 'mnist' or 'fashion', got {kind!r}")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    if root is None:
        root = os.environ.get(MNIST_ENV_VAR) or data_dir() / kind
    root = Path(root)
    npz = root / f"{kind}.npz"
    if npz.is_file():
        with np.load(npz) as arrays:
            key_x, key_y = f"x_{split}", f"y_{split}"
            missing = [k for k in (key_x, key_y) if k not in arrays]
            if missing:
                raise ValueError(f"{npz} lacks arrays {missing}; it has {sorted(arrays.files)}")
            X, y = arrays[key_x], arrays[key_y]
    else:
        paths = []
        for part in ("images", "labels"):
            base = root / _MNIST_FILES[(split, part)]
            found = next((p for p in (base, base.with_name(base.name + ".gz")) if p.is_file()), None)
            if found is None:
                raise FileNotFoundError(
                    f"{kind} files not found in {root}: expected {base.name}[.gz] (IDX) or {npz.name}. "
                    f"This course never downloads data. To use {_MNIST_HOWTO[kind]}, download the four "
                    f"IDX files on a machine with internet access, copy them into {root} (or set "
                    f"${MNIST_ENV_VAR}), and run again. The notebooks default to the bundled 8x8 digits."
                )
            paths.append(found)
        X, y = _read_idx(paths[0]), _read_idx(paths[1])
    X = np.asarray(X, dtype=np.uint8)
    y = np.asarray(y).astype(np.int64)
    if X.ndim != 3 or X.shape[1:] != (28, 28):
        raise ValueError(f"{kind} images must have shape (n, 28, 28), found {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"{kind} labels must have shape ({X.shape[0]},), found {y.shape}")
    return X, y
