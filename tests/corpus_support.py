"""A corpus of adversarial, disruptive and malformed submissions, generated from a release notebook.

Each :class:`Case` is one student's submission plus what the grader must make of it:

* ``"zero"``: a cheat on top of the untouched release (patching NumPy, the course's checks, unittest or
  builtins; objects that claim equality with everything; reading the solutions or the gradebook; writing
  outside the submission; using the network). Nothing is solved, so the only way to score is to cheat:
  it must get 0.
* ``"full"``: a correct submission plus something disruptive after its last test (``os._exit``, an
  infinite loop, a memory blow-up, an output flood, background processes, a fork storm, a huge file...).
  It must keep every point.
* ``"before"``: a correct submission disrupted in the middle (the kernel dies or hangs). It keeps exactly
  the points of the tests before the disruption; the rest were not run.
* ``"unreadable"``: not a notebook nbgrader can read. It is reported by name; the rest are still graded.

Every cheat that tries to leave a trace outside the sandbox uses ``marker`` in what it writes or starts, so
a test can check afterwards that nothing with the marker exists on the host.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import nbformat

from instructor.course import autograded_points, solved
from system_support import needs

#: Skip a test that needs bubblewrap where it is unavailable, fail it in CI (tests/system_support.py).
needs_sandbox = needs("bubblewrap")


@dataclass
class Case:
    student: str
    kind: str          # "zero", "full", "before", "unreadable"
    what: str          # one line for the results table
    notebook: object   # a NotebookNode, or str for a malformed file
    expect: float | None = None  # expected automatic score ("before"/"full"); None for zero/unreadable


def course_files(root: Path, *, skip_bytecode: bool = False) -> dict[str, int]:
    """Size of every file of a course directory but what grading writes (``autograded/``, ``feedback/``,
    the sqlite gradebook); ``skip_bytecode``: also the grader's own ``__pycache__`` (a course that holds the
    package it grades with). Compared before and after grading, it shows nothing else was written."""
    skip = {"autograded", "feedback", "gradebook.db", "gradebook.db-journal"}
    return {str(p.relative_to(root)): p.stat().st_size for p in Path(root).rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] not in skip
            and not (skip_bytecode and "__pycache__" in p.parts)}


def gradebook_tables(db: Path) -> set[str]:
    """The tables of a sqlite gradebook (a submission must not add one)."""
    with sqlite3.connect(db) as con:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _copy(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def _code(source: str):
    return nbformat.v4.new_code_cell(source)  # a cell the student added: no nbgrader metadata


def _index_of(nb, grade_id: str) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return i
    raise KeyError(grade_id)


def _setup_index(nb) -> int:
    """Index of the first code cell (the instructor's imports); student cells go after it."""
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")


def _with_cell(nb, source: str, after: int):
    new = _copy(nb)
    new.cells.insert(after + 1, _code(source))
    return new


def _answer_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.get("metadata", {}).get("nbgrader", {}).get("solution")]


#: Course limits for grading tests whose submissions loop (the corpus's loops, the hunting cheat's search):
#: a 15-second cell limit keeps each loop cheap, yet leaves room for an honest cell that loads the digits and
#: fits a model (about 1.2 s alone) slowed by the threads and processes a cheat above it left spinning.
FAST_LIMITS = ("c.Execute.timeout = 15\nc.SandboxedExecute.kill_grace = 2\n"
               "c.SandboxedExecute.notebook_timeout = 120\n")
#: Course limits for grading every assignment's solution and the cheats that loop nowhere: an honest but
#: slow setup cell (08a's MLflow store: import and table creation take 10 s on an idle 2-core machine, more
#: under the test suite's load) must never reach the cell limit. The course itself allows 120 s a cell.
HONEST_LIMITS = ("c.Execute.timeout = 60\nc.SandboxedExecute.kill_grace = 2\n"
                 "c.SandboxedExecute.notebook_timeout = 300\n")

WRONG = "np.zeros(1)"  # every setup cell imports numpy as np; no __import__, which blocked() refuses


def _with_answers(release, body: str = WRONG):
    """Every answer cell keeps its signature and returns ``body`` (an expression) instead of the stub."""
    new = _copy(release)
    for cell in _answer_cells(new):
        cell.source = re.sub(r"#\s*YOUR CODE HERE\s*\n\s*raise NotImplementedError\(\)", f"return {body}",
                             cell.source)
        assert f"return {body}" in cell.source, cell.source
    return new


def _answers_are(release, source: str):
    """Every answer cell replaced by ``source``."""
    new = _copy(release)
    for cell in _answer_cells(new):
        cell.source = source
    return new


def _test_ids_in_order(nb) -> list[str]:
    points = autograded_points(nb)
    return [c.metadata.nbgrader["grade_id"] for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") in points]


def points_before(nb, grade_id: str) -> float:
    """Automatic points of the tests up to and including ``grade_id``."""
    points, total = autograded_points(nb), 0.0
    for gid in _test_ids_in_order(nb):
        total += points[gid]
        if gid == grade_id:
            return total
    raise KeyError(grade_id)


PATCH_NUMPY = """\
import numpy as np
import numpy.testing
_real_asarray = np.asarray
np.asarray = lambda *a, **k: _real_asarray([0.0])          # every answer and every expected value look alike
np.isclose = lambda *a, **k: _real_asarray([True])
np.all = lambda *a, **k: True
np.allclose = np.array_equal = np.array_equiv = lambda *a, **k: True
np.testing.assert_allclose = np.testing.assert_array_equal = np.testing.assert_almost_equal = lambda *a, **k: None
"""

PATCH_CHECKS = """\
import helpers.checks
_nothing = (lambda *args, **kwargs: None).__code__
helpers.checks.assert_close.__code__ = _nothing.replace(co_name="assert_close")   # same function, new body
helpers.checks.assert_equal.__code__ = _nothing.replace(co_name="assert_equal")
helpers.checks.rel_error = lambda *a, **k: 0.0
"""

SHADOW_GLOBALS = """\
def assert_close(*args, **kwargs):
    return None

def assert_equal(*args, **kwargs):
    return None

class _Blocked:
    def __init__(self, *a, **k): pass
    def __enter__(self): return self
    def __exit__(self, *exc): return False

blocked = _Blocked
"""

PATCH_UNITTEST_BUILTINS = """\
import builtins, unittest
unittest.TestCase.assertEqual = unittest.TestCase.assertTrue = unittest.TestCase.assertAlmostEqual = (
    lambda *a, **k: None)
builtins.isinstance = lambda obj, cls: True
builtins.abs = lambda x: 0
builtins.AssertionError = type("AssertionError", (Exception,), {})
"""

SWAP_MODULES = """\
import sys, types
fake = types.ModuleType("helpers.checks")
fake.assert_close = fake.assert_equal = lambda *a, **k: None
fake.blocked = lambda *a, **k: __import__("contextlib").nullcontext()
sys.modules["helpers.checks"] = fake
import helpers
helpers.checks = fake
helpers.assert_close = helpers.assert_equal = fake.assert_close
"""

ALWAYS_EQUAL = """\
class AlwaysEqual(float):
    def __new__(cls): return super().__new__(cls, 0.0)
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return False
    def __gt__(self, other): return False
    def __le__(self, other): return True
    def __ge__(self, other): return True
    def __abs__(self): return AlwaysEqual()
    def __sub__(self, other): return AlwaysEqual()
    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __sub__
    def __getitem__(self, key): return AlwaysEqual()
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __bool__(self): return True
    @property
    def shape(self): return AlwaysShape()

class AlwaysShape(tuple):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
"""

NDARRAY_SUBCLASS = """\
import numpy as np

class Agreeable(np.ndarray):
    def __eq__(self, other): return np.ones(np.shape(other), dtype=bool)
    def __ne__(self, other): return np.zeros(np.shape(other), dtype=bool)
    def __array_finalize__(self, obj): pass

def agreeable():
    return np.zeros(1).view(Agreeable)
"""


def _read_solutions(course_root: str) -> str:
    return f"""\
import glob, json, os
ROOT = {course_root!r}
found = sorted(set(glob.glob(ROOT + "/solutions/*/*.ipynb") + glob.glob("../../../solutions/*/*.ipynb")
                   + glob.glob("/**/solutions/*/*.ipynb", recursive=False)))
for path in found:
    with open(path) as fh:
        nb = json.load(fh)
    for cell in nb["cells"]:
        if cell.get("metadata", {{}}).get("nbgrader", {{}}).get("solution") and cell["cell_type"] == "code":
            exec("".join(cell["source"]).replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""),
                 globals())
"""


def _gradebook(course_root: str, marker: str) -> str:
    return f"""\
import sqlite3
db = sqlite3.connect({course_root!r} + "/gradebook.db")
db.execute("CREATE TABLE cheat_{marker.replace('-', '_')} (x INTEGER)")
db.execute("UPDATE grade SET manual_score = 100")
db.commit()
"""


def _write_outside(course_root: str, marker: str) -> str:
    return f"""\
import os
for path in [{course_root!r} + "/{marker}.txt", "/tmp/{marker}.txt", {course_root!r} + "/solutions/{marker}.txt",
             os.path.expanduser("~/{marker}.txt"), "../../{marker}.txt"]:
    try:
        with open(path, "w") as fh:
            fh.write("escaped")
        print("wrote", path)
    except OSError as exc:
        print("blocked", path, type(exc).__name__)
"""


def _other_student(course_root: str, assignment: str) -> str:
    return f"""\
import glob, json
for path in glob.glob({course_root!r} + "/submitted/*/{assignment}/*.ipynb") + \\
        glob.glob({course_root!r} + "/autograded/*/{assignment}/*.ipynb") + glob.glob("../../*/{assignment}/*.ipynb"):
    nb = json.load(open(path))
    for cell in nb["cells"]:
        if cell.get("metadata", {{}}).get("nbgrader", {{}}).get("solution") and cell["cell_type"] == "code":
            try:
                exec("".join(cell["source"]))
            except Exception:
                pass
"""

NETWORK = """\
import socket, urllib.request
for host, port in [("127.0.0.1", 22), ("127.0.0.1", 5432), ("8.8.8.8", 53)]:
    try:
        socket.create_connection((host, port), timeout=2).close()
        print("connected", host, port)
    except OSError as exc:
        print("no network", host, port, type(exc).__name__)
"""

def _edited_tests(nb):
    new = _copy(nb)
    tests = [c for c in new.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and not c.metadata.nbgrader.get("solution")]
    for cell in tests:
        cell.source = "pass"
    new.cells.remove(tests[0])
    return new


def _background(marker: str) -> str:
    return f"""\
import os, subprocess, sys
keep = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)  # {marker}"])
if os.fork() == 0:          # a daemon that detaches itself
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(900)  # {marker}"])
    os._exit(0)
"""


FORK_STORM = """\
import subprocess, sys
procs = []
try:
    for _ in range(2000):
        procs.append(subprocess.Popen(["sleep", "300"]))
except OSError as exc:
    print("stopped after", len(procs), "processes:", type(exc).__name__)
"""

MEMORY_BOMB = """\
import numpy as np
try:
    huge = np.ones((40_000, 40_000))  # 12.8 GB
except MemoryError as exc:
    print("MemoryError:", exc)
"""

MEMORY_LEAK = """\
hoard = []
while True:
    hoard.append(bytearray(200 * 1024 * 1024))
"""

OUTPUT_FLOOD = """\
line = "x" * 1000
for i in range(20_000):
    print(i, line)
"""

BIG_FILE = """\
with open("big.bin", "wb") as fh:
    for _ in range(1024):
        fh.write(b"\\0" * (1024 * 1024))
"""

INFINITE_LOOP = """\
while True:
    pass
"""

STUBBORN_LOOP = """\
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
"""

EXIT_NOW = "import os\nos._exit(0)\n"
KILL_SELF = "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"
SYS_EXIT = "import sys\nsys.exit(3)\n"
CPU_THREADS = """\
import threading, time
def spin():
    end = time.time() + 3600
    while time.time() < end:
        pass
for _ in range(4):
    threading.Thread(target=spin, daemon=True).start()
"""


#: The cases of the ``"core"`` selection: every kind, and the cheats whose outcome depends on what the
#: assignment's tests compare (the disruptions and the cheats on the course's files do not: the fuller
#: selections, and tests/test_layouts.py, grade those). Patched builtins are left to those too: the course's
#: own code loops once ``isinstance`` and ``abs`` lie, so every assignment would only time out its first cell.
#: The assignment the full corpus (tests/test_autograde.py) and the grading benchmark
#: (benchmarks/parallel_autograde.py) grade: a light one (about 5 s a submission), because CI grades it about 60
#: times; 07_rbf, which had this role, trains since issue 21 and cost CI 14 minutes more.
GRADING_SAMPLE = "02_ml_fundamentals"


def student_prefix(assignment: str) -> str:
    """What the corpus's student names for ``assignment`` start with: ``02-solution``, ``02-blank``, ..."""
    return assignment.split("_")[0]


CORE = ("solution", "blank", "patch-numpy", "patch-checks", "always-equal", "swap-modules", "exit-middle",
        "invalid-json")


def build_corpus(release_nb, source_nb, assignment: str, course_root: str, marker: str,
                 subset: bool | str = False) -> list[Case]:
    """The corpus for one assignment (``subset=True``: a smaller selection covering every kind;
    ``subset="core"``: the :data:`CORE` cases)."""
    good = solved(release_nb, source_nb)
    full = float(sum(autograded_points(release_nb).values()))
    tests = _test_ids_in_order(release_nb)
    middle = tests[len(tests) // 2 - 1]  # the disruption goes after this test
    mid_at = _index_of(good, middle)
    before = points_before(release_nb, middle)
    last_at = len(good.cells) - 1
    setup = _setup_index(release_nb)
    p = student_prefix(assignment)

    cases = [
        Case(f"{p}-solution", "full", "the solution, untouched", good, full),
        Case(f"{p}-blank", "zero", "the release, untouched", _copy(release_nb)),
        # cheats: the answers return a wrong value, so only cheating could score
        Case(f"{p}-patch-numpy", "zero", "patches NumPy's comparisons",
             _with_cell(_with_answers(release_nb), PATCH_NUMPY, setup)),
        Case(f"{p}-patch-checks", "zero", "swaps the code of helpers.checks' functions",
             _with_cell(_with_answers(release_nb), PATCH_CHECKS, setup)),
        Case(f"{p}-shadow-globals", "zero", "redefines assert_close/blocked as globals",
             _with_cell(_with_answers(release_nb), SHADOW_GLOBALS, setup)),
        Case(f"{p}-always-equal", "zero", "returns an object equal to anything",
             _with_answers(_with_cell(release_nb, ALWAYS_EQUAL, setup), "AlwaysEqual()")),
        Case(f"{p}-read-solutions", "zero", "its answers read the solution notebook and run it",
             _answers_are(release_nb, _read_solutions(course_root))),
        Case(f"{p}-gradebook", "zero", "writes to the gradebook",
             _with_cell(_with_answers(release_nb), _gradebook(course_root, marker), setup)),
        Case(f"{p}-write-outside", "zero", "writes files outside its folder",
             _with_cell(_with_answers(release_nb), _write_outside(course_root, marker), setup)),
        Case(f"{p}-patch-builtins", "zero", "patches unittest and builtins",
             _with_cell(_with_answers(release_nb), PATCH_UNITTEST_BUILTINS, setup)),
        Case(f"{p}-swap-modules", "zero", "replaces helpers.checks in sys.modules",
             _with_cell(_with_answers(release_nb), SWAP_MODULES, setup)),
        Case(f"{p}-patch-at-call", "zero", "its answers patch NumPy and the checks when called",
             _with_answers(release_nb, "(__import__('numpy').__setattr__('allclose', lambda *a, **k: True), "
                                       "__import__('helpers.checks').checks.__setattr__('assert_close', "
                                       "lambda *a, **k: None), 0.0)[-1]")),
        Case(f"{p}-other-student", "zero", "copies another student's answers",
             _with_cell(_with_answers(release_nb), _other_student(course_root, assignment), setup)),
        # disruptive but correct: keeps everything
        Case(f"{p}-exit-at-end", "full", "os._exit(0) after the last test", _with_cell(good, EXIT_NOW, last_at), full),
        Case(f"{p}-background", "full", "leaves background processes and a daemon",
             _with_cell(good, _background(marker), setup + 1), full),
        Case(f"{p}-memory-bomb", "full", "allocates 12.8 GB", _with_cell(good, MEMORY_BOMB, last_at), full),
        Case(f"{p}-flood", "full", "prints 20 MB", _with_cell(good, OUTPUT_FLOOD, mid_at), full),
        Case(f"{p}-loop-at-end", "full", "loops forever after the last test",
             _with_cell(good, INFINITE_LOOP, last_at), full),
        # disruptive in the middle: keeps what came before
        Case(f"{p}-exit-middle", "before", "os._exit(0) half-way", _with_cell(good, EXIT_NOW, mid_at), before),
        Case(f"{p}-stubborn-loop", "before", "ignores interrupts in a loop half-way",
             _with_cell(good, STUBBORN_LOOP, mid_at), before),
        # not a notebook
        Case(f"{p}-invalid-json", "unreadable", "truncated JSON", nbformat.writes(good)[:500]),
        Case(f"{p}-nbformat3", "unreadable", "an nbformat 3 notebook",
             json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": []}]})),
    ]
    if subset == "core":
        return [c for c in cases if c.student.split("-", 1)[1] in CORE]
    if not subset:
        cases += [
            Case(f"{p}-ndarray-subclass", "zero", "returns an ndarray subclass whose == is always true",
                 _with_answers(_with_cell(release_nb, NDARRAY_SUBCLASS, setup), "agreeable()")),
            Case(f"{p}-network", "zero", "tries the network", _with_cell(_with_answers(release_nb), NETWORK, setup)),
            Case(f"{p}-fork-storm", "full", "starts processes until refused",
                 _with_cell(good, FORK_STORM, last_at), full),
            Case(f"{p}-memory-leak", "full", "grows a list until memory runs out",
                 _with_cell(good, MEMORY_LEAK, last_at), full),
            Case(f"{p}-big-file", "full", "writes a 1 GiB file", _with_cell(good, BIG_FILE, last_at), full),
            Case(f"{p}-sys-exit", "full", "calls sys.exit() in a cell", _with_cell(good, SYS_EXIT, mid_at), full),
            # after the last test: threads spinning in the kernel take the GIL from the cells after them (07_rbf's
            # digits load goes from 1.2 s to 156 s with four), the submission's own doing; what this case checks
            # is that they cannot keep the grader from finishing, scoring and cleaning up
            Case(f"{p}-cpu-threads", "full", "leaves threads spinning after the last test",
                 _with_cell(good, CPU_THREADS, last_at), full),
            Case(f"{p}-edit-tests", "zero", "empties the test cells and deletes one",
                 _edited_tests(_with_answers(release_nb))),
            Case(f"{p}-kill-self", "before", "SIGKILLs its own kernel half-way", _with_cell(good, KILL_SELF, mid_at),
                 before),
            Case(f"{p}-loop-middle", "full", "loops forever half-way (interruptible)",
                 _with_cell(good, INFINITE_LOOP, mid_at), full),
            Case(f"{p}-empty-file", "unreadable", "an empty file", ""),
            Case(f"{p}-not-a-notebook", "unreadable", "JSON that is not a notebook", json.dumps({"cells": "none"})),
        ]
    return cases
