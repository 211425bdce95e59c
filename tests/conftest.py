"""Fixtures and hooks shared by every test module."""

import pytest

import system_support
from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, running_lab, student_lab_command

STUDENT_TOKEN = "course-student-lab-token"

UI_TIMEOUT_MS = 60_000  # JupyterLab on a busy 2-core machine can take a while to react


#: The tier mark each system piece implies (tiers are registered in pyproject.toml).
PIECE_TIERS = {"bubblewrap": "sandbox", "chromium": "browser", "postgresql": "postgres"}
#: Tiers that are slow by nature: a test in one of them is also `slow`.
SLOW_TIERS = {"sandbox", "browser", "postgres", "hub"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Add the tiers a test's system pieces imply, and `slow` to every test of a slow tier."""
    for item in items:
        for mark in list(item.iter_markers("system")):
            for name in mark.args:
                item.add_marker(PIECE_TIERS[name])
        if any(item.get_closest_marker(t) for t in SLOW_TIERS) and not item.get_closest_marker("slow"):
            item.add_marker("slow")


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


@pytest.fixture(scope="session")
def student_lab():
    """One JupyterLab per test worker, started by the README's student command (``make lab``) on a free
    loopback port; the `make lab` checks and the student browser tests share it when they run on one worker."""
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.fail("the course environment is not installed: run `make install` (make test does)")
    port = free_port()
    with running_lab(student_lab_command(port, STUDENT_TOKEN), ROOT, ROOT, STUDENT_TOKEN, port) as lab:
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
