"""Fixtures and hooks shared by every test module."""

import functools
import os
import re
import shutil
import subprocess

import pytest

import system_support
from instructor import course
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, running_lab, student_lab_command

STUDENT_TOKEN = "course-student-lab-token"

UI_TIMEOUT_MS = 60_000  # JupyterLab on a busy 2-core machine can take a while to react


#: The tier mark each system piece implies (tiers are registered in pyproject.toml).
PIECE_TIERS = {"bubblewrap": "sandbox", "chromium": "browser", "postgresql": "postgres"}
#: Tiers that are slow by nature: a test in one of them is also `slow`.
SLOW_TIERS = {"sandbox", "browser", "postgres", "hub"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Add the tiers a test's system pieces imply, and `slow` to every test of a slow tier; then order the
    tests so that the most expensive units of work (see :func:`work_unit`) start first."""
    for item in items:
        for mark in list(item.iter_markers("system")):
            for name in mark.args:
                item.add_marker(PIECE_TIERS[name])
        if any(item.get_closest_marker(t) for t in SLOW_TIERS) and not item.get_closest_marker("slow"):
            item.add_marker("slow")
    position = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (-unit_cost(work_unit(item.nodeid)), position[id(item)]))


# ------------------------------------------------------------------------------- sharing work between workers
# `make test` runs pytest on one worker per core with `--dist loadscope`, and the hook below replaces
# pytest-xdist's notion of a scope by `work_unit`: the tests that share a session fixture (an assignment's
# round trip, the graded corpus, the student's JupyterLab) form one unit of work, so the fixture is computed
# once, on one worker; units are handed out most expensive first. (pytest-xdist's own `xdist_group` marks
# are ignored under pytest 9.2, pytest-xdist#1386; a whole file per worker would put all 13 round trips on
# one worker.)
ASSIGNMENTS = course.assignments()
#: Test files split into one unit per assignment: each assignment's round trip is its own unit.
PER_ASSIGNMENT_FILES = {"tests/test_grading.py", "tests/test_copyable.py"}
#: Test files that share one unit (the `student_lab` session fixture is started once).
SHARED_UNITS = {"tests/test_lab.py": "student-lab", "tests/test_browser.py": "student-lab"}
#: Rough cost of a unit in seconds on a 2-core machine, to start the longest first (everything else: 1).
UNIT_COSTS = {"tests/test_hub.py": 600, "tests/test_autograde.py": 400, "tests/test_layouts.py": 350,
              "student-lab": 120, "tests/test_site_browser.py": 40}
GRADING_SECONDS_PER_SUBMISSION = 5
#: A wrong answer runs in a fork of the solution's run (tests/wrong_fork.py), from its answer cell on.
SECONDS_PER_FORKED_WRONG_ANSWER = 1
#: Scanning one assignment for copyable answers (tests/test_copyable.py).
COPY_SCAN_SECONDS = 22


def work_unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its file, its assignment's round trip, or a shared unit."""
    path, _, rest = nodeid.partition("::")
    if path in PER_ASSIGNMENT_FILES:
        match = re.search(r"\[([^\]]+)\]$", rest)
        if match and match.group(1) in ASSIGNMENTS:
            return f"{path}::{match.group(1)}"
    return SHARED_UNITS.get(path, path)


@functools.lru_cache(maxsize=None)
def unit_cost(unit: str) -> float:
    """Estimated seconds of a unit: a round trip grades three submissions with nbgrader (the solution, the
    blank, one wrong answer) and runs every wrong answer in a fork."""
    path, _, assignment = unit.partition("::")
    if assignment and path == "tests/test_copyable.py":
        return COPY_SCAN_SECONDS
    if assignment:
        from wrong_support import raw_wrong_answers

        return (GRADING_SECONDS_PER_SUBMISSION * 3
                + SECONDS_PER_FORKED_WRONG_ANSWER * len(raw_wrong_answers(assignment)))
    return UNIT_COSTS.get(unit, 1)


def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope` with :func:`work_unit` as the scope, in the order the tests were sorted."""
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the most-expensive-first order of the collection
    return WorkUnitScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test marked ``system(...)`` skips (fails in CI) on a missing piece before any fixture starts."""
    for mark in item.iter_markers("system"):
        for name in mark.args:
            system_support.require(name)


def pytest_terminal_summary(terminalreporter):
    """The last lines of the run: how many tests skipped for a missing system piece, and which pieces."""
    counts: dict[str, int] = {}
    reasons: dict[str, str] = {}
    for rep in terminalreporter.stats.get("skipped", []):
        longrepr = rep.longrepr
        text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        if system_support.SKIP_PREFIX not in text:
            continue
        piece = text.split(system_support.SKIP_PREFIX + ": ", 1)[1].split(" ", 1)[0]
        counts[piece] = counts.get(piece, 0) + 1
        reasons[piece] = text.split(system_support.SKIP_PREFIX + ": ", 1)[1]
    if not counts:
        return
    terminalreporter.section("skipped for a missing system piece")
    for piece, n in sorted(counts.items()):
        terminalreporter.write_line(f"{n:4d} test(s): {reasons[piece]}")
    terminalreporter.write_line(f"{sum(counts.values())} test(s) skipped for a missing system piece: "
                                f"{', '.join(sorted(counts))}")


def _make(args: list[str], cwd, timeout: float) -> subprocess.CompletedProcess:
    """``make ARGS`` in ``cwd``, with ``TORCH_INDEX`` passed on when the caller set it (`.ci/run` sets it empty)."""
    if "TORCH_INDEX" in os.environ:
        args = [*args, f"TORCH_INDEX={os.environ['TORCH_INDEX']}"]
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    return subprocess.run(["make", "-s", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def student_edition(tmp_path_factory):
    """The student edition as a student gets it: built by `make student-edition` into a fresh folder outside
    the repository, then set up by its own `make check` (a new .venv, installed from the lock; about 35 s
    with the package caches warm). Removed at the end of the session."""
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.fail("the course environment is not installed: run `make install` (make test does)")
    dest = tmp_path_factory.mktemp("student-edition") / "course"
    built = _make(["student-edition", f"STUDENT_EDITION={dest}"], ROOT, timeout=300)
    assert built.returncode == 0, f"make student-edition failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}"
    checked = _make(["check"], dest, timeout=1800)
    assert checked.returncode == 0 and "set-up OK" in checked.stdout, (
        f"the student edition's `make check` failed:\n{checked.stdout[-3000:]}\n{checked.stderr[-3000:]}")
    try:
        yield dest
    finally:
        shutil.rmtree(dest, ignore_errors=True)


@pytest.fixture(scope="session")
def student_lab(student_edition):
    """One JupyterLab per test worker, started by the student edition's `make lab` on a free loopback port;
    the `make lab` checks and the student browser tests share it when they run on one worker."""
    port = free_port()
    with running_lab(student_lab_command(port, STUDENT_TOKEN), student_edition, student_edition, STUDENT_TOKEN,
                     port) as lab:
        yield lab


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (browser tests skip earlier when either is missing)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (its own context) at a desktop size, closed after the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(UI_TIMEOUT_MS)
    try:
        yield pg
    finally:
        context.close()
