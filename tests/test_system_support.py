"""tests/system_support.py and the hooks in conftest.py: a missing system piece skips here, fails in CI, and
the end of the run counts the skips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import system_support

pytest_plugins = ["pytester"]
TESTS = Path(__file__).resolve().parent

PRETEND = """
import system_support

system_support._STATE["bubblewrap"] = "pretend it is missing"
from system_support import needs


@needs("bubblewrap")
def test_needs_the_sandbox():
    pass


def test_plain():
    pass
"""


@pytest.fixture
def suite(pytester):
    for name in ("conftest.py", "system_support.py", "browser_support.py"):
        shutil.copy(TESTS / name, pytester.path / name)
    pytester.makepyfile(test_pretend=PRETEND)
    return pytester


def test_missing_piece_skips_with_its_reason_and_is_counted(suite, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("COURSE_REQUIRE_SYSTEM", raising=False)
    result = suite.runpytest_subprocess("-rs", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, skipped=1)
    out = result.stdout.str()
    assert "missing system piece: bubblewrap (the grading sandbox): pretend it is missing" in out
    assert "apt-get install bubblewrap" in out and "make system-deps" in out
    assert "1 test(s) skipped for a missing system piece: bubblewrap" in out


def test_missing_piece_fails_in_ci(suite, monkeypatch):
    monkeypatch.setenv("CI", "1")
    result = suite.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    assert "CI requires it" in result.stdout.str()


def test_unknown_piece_is_refused():
    with pytest.raises(KeyError, match="unknown system piece"):
        system_support.needs("nonsense")


def test_tiers_follow_the_pieces(suite, monkeypatch):
    """`-m "not sandbox"` deselects a test that needs bubblewrap; so does `-m "not slow"`."""
    monkeypatch.delenv("CI", raising=False)
    for expr in ("not sandbox", "not slow"):
        result = suite.runpytest_subprocess("-m", expr, "-p", "no:cacheprovider")
        result.assert_outcomes(passed=1, deselected=1)
