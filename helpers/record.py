"""Publishing a notebook's key results for the test harness.

A lecture notebook calls ``record("test_accuracy", acc)``. When the notebook runner executes the notebook
it sets the environment variable ``COURSE_RECORD_FILE``; every recorded value is then written to that JSON
file, which the tests compare with the notebook's targets in ``course.toml``. Outside the runner the values
are kept in memory (see :func:`recorded`) and nothing is written.
"""

from __future__ import annotations

import json
import math
import numbers
import os
from pathlib import Path

ENV_VAR = "COURSE_RECORD_FILE"
_RECORDS: dict[str, object] = {}


def _plain(name: str, value):
    """Convert NumPy/torch scalars to plain Python values that JSON can hold."""
    if hasattr(value, "item") and not isinstance(value, str):
        try:
            value = value.item()
        except (ValueError, RuntimeError):
            raise TypeError(
                f"record({name!r}, ...): value must be a scalar, got an array of shape "
                f"{tuple(getattr(value, 'shape', ()))}"
            ) from None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"record({name!r}, ...): value must be finite, got {value}")
        return value
    if isinstance(value, str):
        return value
    raise TypeError(
        f"record({name!r}, ...): value must be a number, bool or str, got {type(value).__name__}"
    )


def record(name: str, value) -> None:
    """Record a key result of the current notebook.

    It returns None, like ``print``: as the last line of a cell it adds no stray output (a returned value
    would be echoed under the cell). Compute the value first, then record it.

    Parameters
    ----------
    name : str
        A short identifier (letters, digits, underscores), e.g. ``"test_accuracy"``.
    value : number, bool or str
        A scalar. NumPy and torch scalars are converted to plain Python values.
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"record name must be an identifier like 'test_accuracy', got {name!r}")
    plain = _plain(name, value)
    _RECORDS[name] = plain
    path = os.environ.get(ENV_VAR)
    if path:
        target = Path(path)
        data = json.loads(target.read_text()) if target.exists() else {}
        data[name] = plain
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2, sort_keys=True))
        tmp.replace(target)


def recorded() -> dict:
    """A copy of everything recorded in this process so far."""
    return dict(_RECORDS)
