"""Choosing where torch computes: CUDA, Apple's MPS, or the CPU."""

from __future__ import annotations

import os

DEVICE_ENV_VAR = "COURSE_DEVICE"


def get_device(prefer: str | None = None):
    """Return a ``torch.device``.

    Order: ``prefer`` if given, else ``$COURSE_DEVICE`` if set, else CUDA, then MPS, then CPU. A device that
    was asked for explicitly but is not available raises ``RuntimeError`` rather than silently falling back.
    """
    import torch

    wanted = prefer or os.environ.get(DEVICE_ENV_VAR)
    if wanted:
        wanted = wanted.lower()
        kind = wanted.split(":")[0]
        available = {
            "cpu": True,
            "cuda": torch.cuda.is_available(),
            "mps": getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available(),
        }
        if kind not in available:
            raise ValueError(f"device must be 'cpu', 'cuda[:N]' or 'mps', got {wanted!r}")
        if not available[kind]:
            raise RuntimeError(f"device {wanted!r} was requested but is not available on this machine")
        return torch.device(wanted)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
