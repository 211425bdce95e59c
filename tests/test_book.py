"""Tests for helpers.book.run_listing."""

import pytest

from helpers.book import run_listing


def test_a_listing_that_runs_returns_ok_and_leaves_its_names():
    ns = {"a": 2}
    assert run_listing("""
        b = a * 21
    """, ns) == "ok"
    assert ns["b"] == 42


@pytest.mark.parametrize("source, expected", [
    ("print(undefined_name)", "NameError"),
    ("accuracy = 1print(accuracy)", "SyntaxError"),
    ("import numpy as np\nnp.ones((2, 3)) @ np.ones((2, 3))", "ValueError"),
    ("[][1]", "IndexError"),
])
def test_a_broken_listing_returns_the_exception_class(source, expected, capsys):
    assert run_listing(source) == expected
    assert expected in capsys.readouterr().out


def test_quiet_prints_nothing(capsys):
    assert run_listing("1 / 0", quiet=True) == "ZeroDivisionError"
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("source, namespace, message", [
    (b"x = 1", None, "source must be a str"),
    ("x = 1", [("a", 1)], "namespace must be a dict or None"),
])
def test_bad_arguments_are_named(source, namespace, message):
    with pytest.raises(TypeError, match=message):
        run_listing(source, namespace)
