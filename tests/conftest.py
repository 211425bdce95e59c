"""Fixtures shared by several test modules."""

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS

UI_TIMEOUT_MS = 60_000  # JupyterLab on a busy 2-core machine can take a while to react


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
