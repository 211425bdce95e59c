"""Tamper detection for grading kernels.

Runs *inside* the kernel that executes a student's notebook during autograding (the sandboxed executor in
the instructor's grading executor drives it; students never call it). It defends the checks in the test cells
against student code that rebinds the functions those checks rely on:

* ``install()`` runs when the grading kernel starts, before any student code. It records every function
  and class exposed by the modules the checks use (NumPy, ``math``, ``operator``, ``unittest``,
  ``builtins``, ``helpers`` and, once imported, ``torch.testing``), the ``sys.modules`` entries of those
  modules, and the methods of ``unittest.TestCase``.
* ``remember(names, namespace)`` runs after each instructor cell (set-up, tests): it records the global
  names that cell bound (``np``, ``assert_close``, ...).
* ``check(namespace)`` runs before and after each test cell. It puts back anything that was rebound,
  deleted or replaced and raises :class:`TamperingError` naming what it found, so the test is marked
  failed with a message instead of being fooled.

Limits, stated plainly: this is an in-process defence. Code that rewrites interpreter internals (``ctypes``,
frame or ``gc`` tricks, replacing ``__import__``) can defeat any check that runs in the same process. The
grading sandbox is what makes such code harmless: it cannot read the solutions, the
gradebook or other students' work, so there is nothing for it to copy.
"""

from __future__ import annotations

import builtins
import sys
import types

from helpers.checks import _defined_in_notebook

__all__ = ["TamperingError", "install", "snapshot", "remember", "check", "GUARDED"]

#: Modules (and their submodules) whose functions and classes are protected.
GUARDED = ("numpy", "math", "operator", "unittest", "builtins", "helpers", "torch.testing")

_MISSING = object()
# Names that IPython/ipykernel themselves rebind in ``builtins`` around every execution.
_VOLATILE = {("builtins", n) for n in ("input", "raw_input", "display", "get_ipython", "_", "__", "___", "exit",
                                       "quit")}
_state: dict = {"modules": {}, "attrs": {}, "classes": {}, "globals": {}, "suspicious": [], "codes": {}}


class TamperingError(AssertionError):
    """Raised when student code changed a function the grading checks depend on."""


def _guarded(name: str) -> bool:
    return any(name == g or name.startswith(g + ".") for g in GUARDED)


def _protectable(value) -> bool:
    return callable(value) or isinstance(value, types.ModuleType)


def snapshot() -> int:
    """Record the guarded modules imported since the last call; return how many were added."""
    added = 0
    for name, module in list(sys.modules.items()):
        if module is None or not _guarded(name) or name in _state["modules"]:
            continue
        try:
            items = list(vars(module).items())
        except TypeError:
            continue
        attrs = {}
        for attr, value in items:
            if not _protectable(value) or (name, attr) in _VOLATILE:
                continue
            if _defined_in_notebook(value):
                _state["suspicious"].append(f"{name}.{attr}")
                continue
            attrs[attr] = value
        _state["modules"][name] = module
        _state["attrs"][name] = attrs
        _state["codes"].update((id(v), (v, v.__code__)) for v in attrs.values() if isinstance(v, types.FunctionType))
        added += 1
    if "unittest.case" in sys.modules and "TestCase" not in _state["classes"]:
        cls = sys.modules["unittest.case"].TestCase
        methods = {k: v for k, v in vars(cls).items() if callable(v)}
        _state["classes"]["TestCase"] = (cls, methods)
        _state["codes"].update((id(v), (v, v.__code__)) for v in methods.values() if isinstance(v, types.FunctionType))
    return added


def install() -> None:
    """Import and record the comparison stack. Call once, before any student code runs."""
    import math  # noqa: F401
    import operator  # noqa: F401
    import unittest  # noqa: F401

    import numpy  # noqa: F401
    import numpy.testing  # noqa: F401

    import helpers.checks  # noqa: F401

    snapshot()


def remember(names, namespace: dict) -> None:
    """Record the global names an instructor cell bound (only modules, functions and classes)."""
    snapshot()
    for name in names:
        value = namespace.get(name, _MISSING)
        if value is not _MISSING and _protectable(value) and not _defined_in_notebook(value):
            _state["globals"][name] = value
            if isinstance(value, types.FunctionType):
                _state["codes"][id(value)] = (value, value.__code__)


def _restore(problems: list[str], namespace: dict | None) -> None:
    for name, module in _state["modules"].items():
        if sys.modules.get(name, module) is not module:
            problems.append(f"sys.modules[{name!r}] was replaced")
            sys.modules[name] = module
        space = module.__dict__
        for attr, value in _state["attrs"][name].items():
            current = space.get(attr, _MISSING)
            if current is not value:
                what = "deleted" if current is _MISSING else "rebound"
                problems.append(f"{name}.{attr} was {what}")
                space[attr] = value
    for func, code in _state["codes"].values():
        if func.__code__ is not code:
            problems.append(f"the code of {func.__module__}.{func.__qualname__} was replaced")
            func.__code__ = code
    for cls, methods in _state["classes"].values():
        for attr, value in methods.items():
            if cls.__dict__.get(attr, _MISSING) is not value:
                problems.append(f"{cls.__module__}.{cls.__qualname__}.{attr} was rebound")
                builtins.setattr(cls, attr, value)
    if namespace is not None:
        for gname, value in _state["globals"].items():
            if namespace.get(gname, _MISSING) is not value:
                problems.append(f"the global name {gname!r} was rebound")
                namespace[gname] = value


def check(namespace: dict | None = None) -> None:
    """Restore whatever was changed and raise :class:`TamperingError` listing it (no-op when clean)."""
    snapshot()
    problems: list[str] = []
    if _state["suspicious"]:
        problems.extend(f"{item} was replaced by code from a notebook cell" for item in _state["suspicious"])
        _state["suspicious"].clear()
    _restore(problems, namespace)
    if problems:
        shown = "; ".join(problems[:8]) + ("; ..." if len(problems) > 8 else "")
        raise TamperingError(
            "this test was not run: code in the notebook changed functions that the grading checks use "
            f"({shown}). The originals have been put back. Answers must not rebind NumPy, unittest, "
            "builtins or course functions."
        )
