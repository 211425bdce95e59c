"""The graded work's documents (issue 21): every hand-graded part has a rubric that adds up, every assignment
states its expected effort and the lectures it builds on, and the graded code has real depth.

The rubrics reaching formgrader (and not the students' feedback) are checked on every assignment's autograded
solution by ``tests/test_grading.py::test_graders_see_each_rubric_and_students_do_not``; here on a small
notebook, without nbgrader's pipeline."""

from __future__ import annotations

import tomllib
from pathlib import Path

import nbformat
import pytest

from instructor import course, rubrics

ROOT = Path(__file__).resolve().parent.parent
#: The graded code the course had when issue 21 was filed, by the count used here (non-blank solution lines of
#: the answer cells, :func:`instructor.rubrics.solution_lines`, on commit 50a4303: 607; the issue counted 494 by
#: its own rule), and the depth the issue asks for, four times as much. The same count gives 1,280 after the first
#: round (2.1 times), 2,037 after the second (3.36 times) and 2,514 after the third (4.14 times). The test holds
#: the four times the issue asks for, so depth is not lost.
LINES_WHEN_FILED, DEPTH, TARGET_DEPTH = 607, 4, 4


def _source(name: str):
    (path,) = sorted((course.SOURCE / name).glob("*.ipynb"))
    return nbformat.read(path, as_version=4)


def _written(points: float, region: str):
    cell = nbformat.v4.new_markdown_cell(f"### BEGIN SOLUTION\n{region}\n### END SOLUTION")
    cell.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": "w", "points": points,
                                 "locked": False, "schema_version": 3, "task": False}
    return cell


GOOD = "A model answer.\n\n**Rubric** (3 points)\n- 1 point: names the cause\n- 1.5 points: explains it\n" \
       "- 0.5 points: one fix"


def test_a_rubric_is_read_with_its_criteria():
    total, criteria = rubrics.parse_rubric(GOOD)
    assert total == 3.0
    assert criteria == [(1.0, "names the cause"), (1.5, "explains it"), (0.5, "one fix")]


@pytest.mark.parametrize("region, message", [
    ("A model answer without a rubric.", "no rubric"),
    ("**Rubric** (3 points)\n- 1 point: a\n- 1 point: b", "add up to 2 points; its heading says 3"),
    ("**Rubric** (2 points)\nsome prose, no criteria", "lists no criterion"),
])
def test_a_bad_rubric_is_named(region, message):
    with pytest.raises(rubrics.RubricError, match=message):
        rubrics.parse_rubric(region)


def test_a_rubric_for_other_points_than_its_cell_is_reported():
    nb = nbformat.v4.new_notebook(cells=[_written(3, GOOD), _written(2, GOOD)])
    assert rubrics.rubric_problems(nb) == ["w: the rubric is for 3 points; the cell is worth 2"]


def test_the_grader_sees_the_rubric_and_the_feedback_does_not(tmp_path):
    """ShowRubrics puts the source's model answer and rubric after the student's answer (a copy a student planted
    is dropped); HideRubrics removes it again."""
    source_dir = tmp_path / "solutions" / "toy"
    source_dir.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[_written(3, GOOD)]), source_dir / "toy.ipynb")
    answer = _written(3, "")
    answer.source = "My answer."
    planted = nbformat.v4.new_markdown_cell("full marks, says the rubric", metadata={"tags": [rubrics.TAG]})
    submission = nbformat.v4.new_notebook(cells=[answer, planted])
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    config.CourseDirectory.source_directory = "solutions"
    show = rubrics.ShowRubrics(config=config)
    shown, _ = show.preprocess(submission, {"nbgrader": {"assignment": "toy", "notebook": "toy"}})
    assert isinstance(rubrics._course_directory(show), CourseDirectory)
    assert [c.source for c in shown.cells][0] == "My answer."
    assert len(shown.cells) == 2 and rubrics.TAG in shown.cells[1].metadata["tags"]
    assert "**Rubric** (3 points)" in shown.cells[1].source and "A model answer." in shown.cells[1].source
    hidden, _ = rubrics.HideRubrics().preprocess(shown, {})
    assert [c.source for c in hidden.cells] == ["My answer."]


@pytest.mark.parametrize("name", course.assignments())
def test_every_written_part_has_a_rubric_that_adds_up(name):
    problems = rubrics.rubric_problems(_source(name))
    assert not problems, f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", course.assignments())
def test_every_assignment_states_its_effort_and_what_it_builds_on(name):
    facts = rubrics.header_facts(_source(name))
    low, high = facts["hours"]
    assert 0.5 <= low <= high <= 20, f"{name}: expected effort {low:g}-{high:g} hours; expected 0.5 to 20"
    chapters = tomllib.loads((ROOT / "course.toml").read_text())["chapters"]
    lectures = next(ch["notebooks"] for ch in chapters if ch["exercise"] == name)
    assert facts["builds_on"], f"{name}: the header names no lecture notebook"
    for notebook in facts["builds_on"]:
        assert (ROOT / "notebooks" / f"{notebook}.ipynb").is_file(), f"{name}: builds on {notebook}, not a notebook"
    assert set(facts["builds_on"]) & set(lectures), (
        f"{name}: builds on {facts['builds_on']}, none of them a lecture of its chapter ({lectures})")


def test_the_graded_code_has_depth():
    lines = {name: rubrics.solution_lines(_source(name)) for name in course.assignments()}
    total = sum(lines.values())
    assert total >= DEPTH * LINES_WHEN_FILED, (
        f"the assignments' solutions hold {total} lines of graded code; expected at least "
        f"{DEPTH:g} x {LINES_WHEN_FILED} = {DEPTH * LINES_WHEN_FILED:g} (issue 21 asks for {TARGET_DEPTH} x): {lines}")


def test_the_readme_table_of_assignments_is_current():
    readme = (ROOT / "README.md").read_text()
    begin, end = "<!-- assignments:begin (python -m instructor.rubrics) -->\n", "\n<!-- assignments:end -->"
    assert begin in readme and end in readme, "README.md has no table of assignments between its markers"
    shown = readme.split(begin, 1)[1].split(end, 1)[0]
    assert shown == rubrics.table()[0], "README's table of assignments is stale: paste `python -m instructor.rubrics`"
