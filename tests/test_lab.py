"""`make lab` (the README's student command) starts JupyterLab on the course with nbgrader enabled.

The JupyterLab is the session's one student lab (``conftest.student_lab``), shared with the browser tests.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

# The student lab lives on the worker that runs the browser tests.
pytestmark = [pytest.mark.slow]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_lab_serves_the_repository_and_opens_on_notebooks(student_lab):
    status, body = get(student_lab.url("api/contents/notebooks"))
    assert status == 200 and '"name": "notebooks"' in body.replace('":"', '": "')
    status, body = get(student_lab.url("api/contents"))
    for folder in ("notebooks", "exercises", "helpers"):
        assert f'"{folder}"' in body, f"the server root should be the repository (no {folder}/ in it)"
    status, body = get(student_lab.url("lab"))
    assert status == 200 and "JupyterLab" in body


def test_nbgrader_extensions_are_enabled(student_lab):
    status, body = get(student_lab.url("formgrader"))
    assert status == 200 and "formgrader" in body.lower()
    # The lab page's configuration lists the front-end extensions it loads (Validate button, Formgrader).
    status, body = get(student_lab.url("lab"))
    assert status == 200 and "@jupyter/nbgrader" in body, "the nbgrader JupyterLab extension is not loaded"
