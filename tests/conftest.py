"""Fixtures and hooks shared by every test module."""

import pytest

import system_support
from browser_support import CHROMIUM, CHROMIUM_ARGS

UI_TIMEOUT_MS = 60_000  # JupyterLab on a busy 2-core machine can take a while to react


def pytest_configure(config):
    config.addinivalue_line("markers", "system(*pieces): needs these system pieces (tests/system_support.py)")


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
