"""The student edition as a student gets it: its `make check` sets it up in a fresh folder and virtual
environment (``conftest.student_edition``), its `make lab` starts JupyterLab on it with nbgrader enabled, and
`nbgrader validate` there fails a blank exercise and passes a solved one.

The JupyterLab is the session's one student lab (``conftest.student_lab``), shared with the browser tests.
"""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request

import nbformat
import pytest

from browser_support import ROOT
from instructor import course

# The student lab lives on the worker that runs the browser tests.
pytestmark = [pytest.mark.slow]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


def test_lab_serves_the_student_edition_and_opens_on_notebooks(student_lab):
    status, body = get(student_lab.url("api/contents/notebooks"))
    assert status == 200 and '"name": "notebooks"' in body.replace('":"', '": "')
    status, body = get(student_lab.url("api/contents"))
    for folder in ("notebooks", "exercises", "helpers"):
        assert f'"{folder}"' in body, f"the server root should be the student edition (no {folder}/ in it)"
    for folder in ("solutions", "tests", "instructor"):
        assert f'"{folder}"' not in body, f"the student edition shows {folder}/"
    status, body = get(student_lab.url("lab"))
    assert status == 200 and "JupyterLab" in body


def test_nbgrader_extensions_are_enabled(student_lab):
    status, body = get(student_lab.url("formgrader"))
    assert status == 200 and "formgrader" in body.lower()
    # The lab page's configuration lists the front-end extensions it loads (Validate button, Formgrader).
    status, body = get(student_lab.url("lab"))
    assert status == 200 and "@jupyter/nbgrader" in body, "the nbgrader JupyterLab extension is not loaded"


ASSIGNMENT = "01_introduction"


def test_nbgrader_validate_in_the_student_edition(student_edition):
    """`nbgrader validate`, run in the edition with its own environment, fails the blank exercise on every
    test cell and passes the exercise once every answer is filled in with the solution."""
    release_path = student_edition / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    release = nbformat.read(release_path, as_version=4)
    solved = course.solved(release, nbformat.read(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
                                                  as_version=4))
    folder = student_edition / "build" / "cli-validate"
    folder.mkdir(parents=True, exist_ok=True)
    blank, done = folder / "blank.ipynb", folder / "solved.ipynb"
    nbformat.write(release, blank)
    nbformat.write(solved, done)
    nbgrader = student_edition / ".venv" / "bin" / "nbgrader"

    def validate(path):
        run = subprocess.run([str(nbgrader), "validate", str(path)], cwd=student_edition, capture_output=True,
                             text=True, timeout=600)
        return run.stdout + run.stderr

    tests = sum(course.cell_roles(release).get(c.metadata.get("nbgrader", {}).get("grade_id")) == "test"
                for c in release.cells)
    out = validate(blank)
    assert "VALIDATION FAILED" in out and out.count("NotImplementedError") >= tests, (
        f"the blank exercise should fail on all {tests} test cells:\n{out[-3000:]}")
    out = validate(done)
    assert "Success! Your notebook passes all the tests." in out, f"the solved exercise should pass:\n{out[-3000:]}"
