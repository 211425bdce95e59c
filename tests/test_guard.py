"""helpers.guard: tampering with the comparison stack is detected, reported by name and undone.

Each test runs in a fresh interpreter, as the grading kernel does, so patching NumPy here cannot leak into
other tests.
"""

import subprocess
import sys
import textwrap

import pytest


def run(code: str) -> str:
    prelude = "import helpers.guard as g\ng.install()\n"
    proc = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, f"the snippet failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_clean_kernel_passes_the_check():
    out = run("""
        import numpy as np
        np.random.seed(0); x = np.allclose(np.ones(3), np.ones(3))   # using NumPy is not tampering
        import unittest.mock   # mock.call answers any attribute, even __code__: not a notebook function
        g.check({})
        print("clean")
    """)
    assert out.strip() == "clean"


@pytest.mark.parametrize("patch, reported", [
    ("import numpy as np; np.allclose = lambda *a, **k: True", "numpy.allclose was rebound"),
    ("import numpy.testing as t; del t.assert_allclose", "numpy.testing.assert_allclose was deleted"),
    ("import helpers.checks as c; c.assert_close.__code__ = (lambda *a, **k: None).__code__",
     "the code of helpers.checks.assert_close was replaced"),
    ("import sys, types; sys.modules['helpers.checks'] = types.ModuleType('x')",
     "sys.modules['helpers.checks'] was replaced"),
    ("import unittest; unittest.TestCase.assertEqual = lambda *a: None",
     "unittest.case.TestCase.assertEqual was rebound"),
    ("import builtins; builtins.isinstance = lambda *a: True", "builtins.isinstance was rebound"),
    ("import math; math.isclose = lambda *a, **k: True", "math.isclose was rebound"),
])
def test_tampering_is_reported_by_name_and_undone(patch, reported):
    out = run(f"""
        import builtins, math, sys, unittest
        import numpy, numpy.testing, helpers.checks
        before = (numpy.allclose, numpy.testing.assert_allclose, helpers.checks.assert_close.__code__,
                  sys.modules['helpers.checks'], unittest.TestCase.assertEqual, builtins.isinstance, math.isclose)
        {patch}
        try:
            g.check({{}})
            print("NOT DETECTED")
        except g.TamperingError as exc:
            print(exc)
        after = (numpy.allclose, numpy.testing.assert_allclose, helpers.checks.assert_close.__code__,
                 sys.modules['helpers.checks'], unittest.TestCase.assertEqual, builtins.isinstance, math.isclose)
        print("restored" if all(a is b for a, b in zip(before, after)) else "NOT RESTORED")
        g.check({{}})
        print("clean again")
    """)
    assert "NOT DETECTED" not in out, out
    assert reported in out, f"expected the message to name {reported!r}, found:\n{out}"
    assert "restored" in out and "NOT RESTORED" not in out and "clean again" in out, out


def test_globals_bound_by_instructor_cells_are_protected():
    out = run("""
        from helpers import assert_close
        import numpy as np
        ns = {"assert_close": assert_close, "np": np, "answer": 1}
        g.remember(["assert_close", "np", "answer"], ns)
        ns["assert_close"] = lambda *a, **k: None
        ns["answer"] = 2          # data is not protected: students may reassign their own variables
        try:
            g.check(ns)
        except g.TamperingError as exc:
            print(exc)
        print(ns["assert_close"] is assert_close, ns["answer"])
    """)
    assert "the global name 'assert_close' was rebound" in out
    assert "'answer'" not in out.splitlines()[0]
    assert out.strip().endswith("True 2")


def test_modules_imported_later_are_checked_for_functions_defined_in_a_notebook():
    # A module first seen after the student patched it: the replacement comes from a notebook cell.
    out = run("""
        import types, sys
        code = compile("def gaussian_rbf(*a, **k):\\n    return 0\\n", "/tmp/ipykernel_1/123.py", "exec")
        ns = {}
        exec(code, ns)
        import helpers.rbf
        helpers.rbf.gaussian_rbf = ns["gaussian_rbf"]
        try:
            g.check({})
            print("NOT DETECTED")
        except g.TamperingError as exc:
            print(exc)
    """)
    assert "helpers.rbf.gaussian_rbf was replaced by code from a notebook cell" in out, out
