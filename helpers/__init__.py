"""Helpers for the course notebooks.

The package grows with the course: code is first written out in a lecture notebook and then reused from
here in later chapters. Shared modules:

- :mod:`helpers.seed`     -- ``set_seed`` for random, NumPy, torch and TensorFlow/Keras at once
- :mod:`helpers.data`     -- offline dataset loaders (``data/`` files and scikit-learn's bundled sets)
- :mod:`helpers.plotting` -- plotting conveniences
- :mod:`helpers.checks`   -- numerical gradient, relative error, ``assert_close``, input validation
- :mod:`helpers.progress` -- a progress bar that stays quiet in non-interactive runs
- :mod:`helpers.device`   -- device selection (cuda / mps / cpu)
- :mod:`helpers.record`   -- ``record(name, value)`` publishes a notebook's key results

Chapter modules (``helpers.ml``, ``helpers.nn``, ``helpers.cnn``, ...) are imported explicitly.
"""

import os as _os

# Keep TensorFlow's C++ start-up chatter out of notebooks and grading cells (nbgrader gives zero to a test
# cell that writes to stderr). Users can still override these before importing helpers.
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
_os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
_os.environ.setdefault("KERAS_BACKEND", "tensorflow")
# Idle OpenMP threads that spin make small torch loops crawl when cores are shared (takes effect when
# helpers is imported before torch).
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from helpers.checks import assert_close, assert_equal, check_array, numerical_gradient, rel_error  # noqa: E402
from helpers.record import record  # noqa: E402
from helpers.seed import set_seed  # noqa: E402

__all__ = [
    "assert_close",
    "assert_equal",
    "check_array",
    "numerical_gradient",
    "record",
    "rel_error",
    "set_seed",
]
__version__ = "0.1.0"
