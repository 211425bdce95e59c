"""Rubrics for the hand-graded parts, the assignments' headers, and how much graded work each assignment holds.

**Rubrics.** Every written (hand-graded) answer cell of ``solutions/`` holds, inside its solution region, the
model answer and then its rubric::

    ### BEGIN SOLUTION
    At a saddle point the gradient is zero ...

    **Rubric** (3 points)
    - 1 point: says the gradient vanishes at the saddle, so the steps shrink near it
    - 1 point: ...
    - 0.5 points: ...
    ### END SOLUTION

The release replaces the region by ``YOUR ANSWER HERE``, so students never see it. When a submission is
autograded, :class:`ShowRubrics` puts the region (model answer and rubric) from the instructor's source in a
read-only cell right after the student's answer, so formgrader shows it to whoever grades that answer;
:class:`HideRubrics` removes those cells again from the feedback students receive. Both are wired into the
course's ``nbgrader_config.py``.

**Headers.** Each assignment's first cell states the expected effort and the lecture notebooks it builds on,
in one line that :func:`header_facts` reads::

    **Expected effort:** about 6 hours. **Builds on:** `03_backprop.ipynb`, `03_optimisation.ipynb`.

**Size.** :func:`solution_lines` counts the non-blank lines of the solution regions of the autograded answer
cells: the graded code a student writes. ``python -m instructor.rubrics`` prints each assignment's parts,
points, effort and solution lines.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: A rubric's heading and its criteria: ``- 1 point: ...``, ``- 0.5 points: ...``.
HEADING = re.compile(r"^\*\*Rubric\*\*\s*\((?P<points>\d+(?:\.\d+)?) points?\)\s*$", re.M)
CRITERION = re.compile(r"^- (?P<points>\d+(?:\.\d+)?) points?: (?P<what>\S.*)$")
EFFORT = re.compile(r"\*\*Expected effort:\*\* about (?P<hours>\d+(?:\.\d+)?)(?:[-–](?P<upto>\d+(?:\.\d+)?))? hours?\.")
BUILDS_ON = re.compile(r"\*\*Builds on:\*\* (?P<list>(?:`[\w.-]+\.ipynb`(?:, )?)+)\.")
#: The tag of the cells :class:`ShowRubrics` adds (and :class:`HideRubrics` removes).
TAG = "course-rubric"
GRADER_HEADING = "**For the grader** (from the instructor's source; removed from the students' feedback)"


class RubricError(ValueError):
    """A written part's rubric is missing or does not add up to the part's points."""


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_written(cell) -> bool:
    """A hand-graded answer cell: a solution cell that is also graded."""
    meta = _nbgrader(cell)
    return bool(meta.get("solution") and meta.get("grade"))


def solution_region(source: str) -> str:
    """The text between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (several regions joined), stripped."""
    parts = re.findall(re.escape(BEGIN) + r"[ \t]*\n(.*?)^[ \t]*" + re.escape(END), source, flags=re.S | re.M)
    return "\n".join(p.rstrip() for p in parts).strip()


def parse_rubric(text: str) -> tuple[float, list[tuple[float, str]]]:
    """The rubric in a written cell's solution region: ``(points, [(points, criterion), ...])``.

    Raises :class:`RubricError` when there is no ``**Rubric** (N points)`` heading, when it has no criterion,
    or when the criteria's points do not add up to the heading's.
    """
    match = HEADING.search(text)
    if match is None:
        raise RubricError("no rubric: expected a line '**Rubric** (N points)' followed by '- X point(s): ...' lines")
    criteria = []
    for line in text[match.end():].strip("\n").splitlines():
        found = CRITERION.match(line.strip())
        if found is None:
            if line.strip():
                break
            continue
        criteria.append((float(found["points"]), found["what"].strip()))
    if not criteria:
        raise RubricError("the rubric lists no criterion: expected lines '- X point(s): what earns them'")
    total, listed = float(match["points"]), sum(p for p, _ in criteria)
    if abs(total - listed) > 1e-9:
        raise RubricError(f"the rubric's criteria add up to {listed:g} points; its heading says {total:g}")
    return total, criteria


def rubric_problems(nb) -> list[str]:
    """What is wrong with the rubrics of a source notebook's written cells (empty when nothing is)."""
    problems = []
    for cell in nb.cells:
        if not is_written(cell):
            continue
        meta = _nbgrader(cell)
        gid, points = meta.get("grade_id"), float(meta.get("points", 0))
        try:
            total, _ = parse_rubric(solution_region(cell.source))
        except RubricError as err:
            problems.append(f"{gid}: {err}")
            continue
        if abs(total - points) > 1e-9:
            problems.append(f"{gid}: the rubric is for {total:g} points; the cell is worth {points:g}")
    return problems


def header_facts(nb) -> dict:
    """``{"hours": (low, high), "builds_on": [notebook, ...]}`` from the assignment's first cell.

    Raises ValueError naming the line that is missing.
    """
    intro = nb.cells[0].source if nb.cells else ""
    effort, builds = EFFORT.search(intro), BUILDS_ON.search(intro)
    if effort is None:
        raise ValueError("the first cell has no '**Expected effort:** about N hours.' line")
    if builds is None:
        raise ValueError("the first cell has no '**Builds on:** `notebook.ipynb`, ... .' line")
    low = float(effort["hours"])
    high = float(effort["upto"]) if effort["upto"] else low
    return {"hours": (low, high), "builds_on": re.findall(r"`([\w.-]+)\.ipynb`", builds["list"])}


def solution_lines(nb) -> int:
    """Non-blank lines inside the solution regions of the autograded answer cells (code a student writes)."""
    total = 0
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "code" and meta.get("solution") and not meta.get("grade"):
            total += sum(1 for line in solution_region(cell.source).splitlines() if line.strip())
    return total


def summary(nb) -> dict:
    """Parts, points (autograded and by hand) and solution lines of one source notebook."""
    auto = hand = 0.0
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if meta.get("grade"):
            if is_written(cell):
                hand += float(meta.get("points", 0))
            else:
                auto += float(meta.get("points", 0))
    parts = sum(1 for c in nb.cells if c.cell_type == "markdown" and re.match(r"## Part \d+", c.source))
    return {"parts": parts, "auto_points": auto, "hand_points": hand, "solution_lines": solution_lines(nb)}


# --- the grader's view -------------------------------------------------------------------------------------


def _course_directory(preprocessor):
    """The converter's CourseDirectory (nbconvert gives each preprocessor its exporter as parent, whose
    parent is nbgrader's converter); one built from the configuration otherwise."""
    node = preprocessor
    while node is not None:
        coursedir = getattr(node, "coursedir", None)
        if coursedir is not None:
            return coursedir
        node = getattr(node, "parent", None)
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=preprocessor.config)


class ShowRubrics(NbGraderPreprocessor):
    """After each hand-graded answer, a read-only cell with the model answer and rubric from the source."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        coursedir = _course_directory(self)
        path = Path(coursedir.format_path(coursedir.source_directory, ".", info.get("assignment", ""))) / (
            f"{info.get('notebook', '')}.ipynb")
        if not path.is_file():
            self.log.warning("no source notebook %s: the graders will see no rubric", path)
            return nb, resources
        source = nbformat.read(path, as_version=4)
        regions = {_nbgrader(c)["grade_id"]: solution_region(c.source) for c in source.cells if is_written(c)}
        cells = []
        for cell in nb.cells:
            if TAG in cell.get("metadata", {}).get("tags", []):
                continue  # a submission's own copy of a rubric cell is never trusted
            cells.append(cell)
            gid = _nbgrader(cell).get("grade_id")
            if is_written(cell) and regions.get(gid):
                cells.append(nbformat.v4.new_markdown_cell(
                    f"{GRADER_HEADING}\n\n{regions[gid]}",
                    metadata={"tags": [TAG], "editable": False, "deletable": False}))
        nb.cells = cells
        return nb, resources


class HideRubrics(NbGraderPreprocessor):
    """Removes :class:`ShowRubrics`' cells, so the feedback students get holds no model answer or rubric."""

    def preprocess(self, nb, resources):
        nb = copy.deepcopy(nb)
        nb.cells = [c for c in nb.cells if TAG not in c.get("metadata", {}).get("tags", [])]
        return nb, resources


def table() -> tuple[str, int]:
    """The README's table of assignments (markdown) and the solution lines in all."""
    from instructor import course

    rows = ["| assignment | parts | autograded points | points by hand | effort (h) | solution lines |",
            "|---|---:|---:|---:|---:|---:|"]
    total = 0
    for name in course.assignments():
        for path in sorted((course.SOURCE / name).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            facts = summary(nb)
            try:
                low, high = header_facts(nb)["hours"]
                hours = f"{low:g}" if low == high else f"{low:g}-{high:g}"
            except ValueError:
                hours = "?"
            total += facts["solution_lines"]
            rows.append(f"| {name} | {facts['parts']} | {facts['auto_points']:g} | {facts['hand_points']:g} | "
                        f"{hours} | {facts['solution_lines']} |")
    return "\n".join(rows), total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Each assignment's parts, points, effort and solution lines "
                                                 "(the README's table of assignments).")
    parser.parse_args(argv)
    text, total = table()
    print(text)
    print(f"\nsolution lines in all: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
