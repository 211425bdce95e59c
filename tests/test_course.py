"""nbgrader plumbing: cell roles, filled-in submissions, and the committed release being in sync."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers import course


def meta(gid, **kw):
    base = {"grade": False, "grade_id": gid, "locked": False, "schema_version": 3, "solution": False,
            "task": False}
    base.update(kw)
    return {"nbgrader": base}


def toy():
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Title", metadata=meta("intro", locked=True)),
        new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION",
                      metadata=meta("f", solution=True)),
        new_code_cell("assert f(1) == 2", metadata=meta("test_f", grade=True, locked=True, points=2)),
        new_markdown_cell("### BEGIN SOLUTION\nBecause.\n### END SOLUTION",
                          metadata=meta("why", grade=True, solution=True, points=1)),
        new_code_cell("print('no metadata')"),
    ]
    return nb


def test_cell_roles_and_points():
    nb = toy()
    assert course.cell_roles(nb) == {"intro": "readonly", "f": "answer", "test_f": "test", "why": "written"}
    assert course.autograded_points(nb) == {"test_f": 2.0}


def test_strip_solution_markers():
    text = "a\n    ### BEGIN SOLUTION\n    b\n    ### END SOLUTION\nc"
    assert course.strip_solution_markers(text) == "a\n    b\nc"


def test_solved_fills_solution_cells_of_the_release_only():
    source = toy()
    release = toy()
    release.cells[1].source = "def f(x):\n    raise NotImplementedError()"
    release.cells[2].source = "assert f(1) == 2  # visible part only"
    filled = course.solved(release, source)
    assert filled.cells[1].source == "def f(x):\n    return 2 * x"
    assert filled.cells[2].source == "assert f(1) == 2  # visible part only"
    assert filled.cells[3].source == "Because."
    assert release.cells[1].source.endswith("NotImplementedError()"), "the input must not change"


def test_replace_cell():
    nb = course.replace_cell(toy(), "f", "def f(x):\n    return 3 * x")
    assert nb.cells[1].source.endswith("3 * x")
    try:
        course.replace_cell(toy(), "nope", "")
    except KeyError as err:
        assert "nope" in str(err)
    else:
        raise AssertionError("replace_cell accepted an unknown grade_id")


def test_committed_release_matches_a_fresh_generation():
    problems = course.check_release()
    assert not problems, "exercises/ is out of date:\n" + "\n".join(problems)


def test_release_folder_is_not_empty_for_each_assignment():
    for name in course.assignments():
        notebooks = list((course.RELEASE / name).glob("*.ipynb"))
        assert notebooks, f"exercises/{name} has no notebook (run `make release`)"
        nb = nbformat.read(notebooks[0], as_version=4)
        assert any("raise NotImplementedError()" in c.source for c in nb.cells)
