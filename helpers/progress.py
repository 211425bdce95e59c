"""A progress bar for training loops that stays quiet in non-interactive runs."""

from __future__ import annotations

import os

QUIET_ENV_VAR = "COURSE_QUIET"


def is_quiet() -> bool:
    """True under the notebook runner, CI or nbgrader (``COURSE_QUIET`` or ``CI`` set to a true value)."""
    return any(os.environ.get(var, "").lower() not in ("", "0", "false", "no") for var in (QUIET_ENV_VAR, "CI"))


def progress(iterable=None, **tqdm_kwargs):
    """Wrap ``iterable`` in a tqdm progress bar (the notebook widget when available).

    The bar is disabled when :func:`is_quiet` is true, so executed notebooks and CI logs stay clean; pass
    ``disable=False`` to force it on.
    """
    from tqdm.auto import tqdm

    tqdm_kwargs.setdefault("disable", is_quiet())
    tqdm_kwargs.setdefault("leave", False)
    return tqdm(iterable, **tqdm_kwargs)
