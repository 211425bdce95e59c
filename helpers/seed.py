"""Seeding every random number generator the course uses, in one call."""

from __future__ import annotations

import os
import random
import sys

import numpy as np


def set_seed(seed: int = 0, *, deterministic: bool = True) -> int:
    """Seed Python's ``random``, NumPy, torch and (if imported) TensorFlow/Keras.

    Parameters
    ----------
    seed : int
        A non-negative integer below 2**32.
    deterministic : bool
        Also ask torch for deterministic algorithms where that costs nothing on a CPU
        (``torch.use_deterministic_algorithms(True, warn_only=True)``) and, when TensorFlow is loaded, turn
        on its op determinism (``tf.config.experimental.enable_op_determinism()``).

    Returns
    -------
    int
        The seed, so that ``SEED = set_seed(0)`` reads naturally.

    Notes
    -----
    TensorFlow is seeded only when ``tensorflow`` or ``keras`` has already been imported: importing
    TensorFlow costs several seconds, which notebooks that never use it should not pay.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    if not 0 <= int(seed) < 2**32:
        raise ValueError(f"seed must be in [0, 2**32), got {seed}")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    try:
        import torch
    except ImportError:  # pragma: no cover - torch is a dependency, but keep helpers importable
        torch = None
    if torch is not None:
        torch.manual_seed(seed)
        if deterministic:
            torch.use_deterministic_algorithms(True, warn_only=True)
    if "keras" in sys.modules:
        import keras

        keras.utils.set_random_seed(seed)
    elif "tensorflow" in sys.modules:
        import tensorflow as tf

        tf.random.set_seed(seed)
    if deterministic and "tensorflow" in sys.modules:
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    return seed
