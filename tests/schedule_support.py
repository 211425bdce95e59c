"""The learning rates a torch scheduler gives, step by step: the reference for the course's schedules."""

from __future__ import annotations

import numpy as np
import torch


def torch_lrs(make_sched, base_lr: float, n: int) -> np.ndarray:
    """The rate of each of ``n`` steps of ``make_sched(optimizer)`` on an SGD optimiser started at ``base_lr``."""
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
    sched = make_sched(opt)
    lrs = []
    for _ in range(n):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return np.array(lrs)
