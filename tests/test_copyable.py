"""Graded work that cannot be copied from the course (issue 17, item 5).

For every graded function (a function an autograded answer cell defines), tests/copy_scan.py records the
inputs its visible and hidden tests pass and the solution's answers, then calls every public function of the
student edition's library and every function its lecture notebooks define on those inputs. A function that
returns the solution's answer (on at least two calls, and on at least half of the calls it accepts) is a
copy: a student could submit it, and the test fails naming the part and the function.

When the scan first ran (09a2c66), 42 of the 86 graded functions were computed by 51 functions of the
library and the lectures; each of those parts was then turned into a variant or extension of what the
lecture shows.
"""

from __future__ import annotations


import nbformat
import pytest

import copy_support
from instructor import course

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def student_edition_copy(tmp_path_factory):
    """The built edition's files (no environment: the scan runs in the course's own)."""
    dest = tmp_path_factory.mktemp("copy-scan") / "student-edition"
    course.student_edition(dest)
    return dest


@pytest.mark.parametrize("assignment", course.assignments())
def test_no_graded_answer_is_computed_by_the_course(assignment, student_edition_copy):
    result = copy_support.scan(assignment, student_edition_copy)
    assert not result["errors"], f"the solved {assignment} notebook failed: {result['errors']}"
    (nb_path,) = sorted((course.SOURCE / assignment).glob("*.ipynb"))
    graded = copy_support.graded_functions(nbformat.read(nb_path, as_version=4))
    unjudged = [fn for fns in graded.values() for fn in fns if result["calls"].get(fn, 0) < copy_support.MIN_MATCHES]
    assert not unjudged, (
        f"{assignment}: the tests call {unjudged} fewer than {copy_support.MIN_MATCHES} times with an answer "
        f"that shows something (not None, not one of the arguments), so the scan cannot judge them")
    found = copy_support.copies(result)
    details = {(m["function"], m["candidate"]): f"{m['matched']} of {m['accepted']} calls" for m in result["matches"]}
    troubles = "".join(f"\n  ({t['candidate']} on {t['function']}'s inputs: {t['why']})" for t in result["troubles"])
    assert not found, (
        f"{assignment}: the student edition computes these graded answers (graded function: functions that "
        f"return the solution's answer on its tests' inputs):\n"
        + "\n".join(f"  {fn}: " + ", ".join(f"{c} ({details[fn, c]})" for c in cs) for fn, cs in found.items())
        + troubles)


def test_the_scan_finds_a_planted_copy(tmp_path):
    """A lecture function that computes a graded answer is found; one that differs is not, nor is a call
    whose answer is one of its own arguments."""
    source = tmp_path / "solutions" / "toy"
    source.mkdir(parents=True)
    answer = nbformat.v4.new_code_cell(
        "def double_all(v):\n    ### BEGIN SOLUTION\n    return [2 * x for x in v]\n    ### END SOLUTION",
        metadata={"nbgrader": {"grade_id": "double_all", "solution": True, "grade": False, "locked": False}})
    test = nbformat.v4.new_code_cell(
        "assert double_all([1, 2]) == [2, 4]\nassert double_all([3]) == [6]\nassert double_all([0]) == [0]",
        metadata={"nbgrader": {"grade_id": "test_double_all", "grade": True, "solution": False, "points": 1,
                               "locked": True}})
    nbformat.write(nbformat.v4.new_notebook(cells=[answer, test]), source / "toy.ipynb")
    edition = tmp_path / "edition"
    (edition / "notebooks").mkdir(parents=True)
    lecture = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import numpy as np\n\ndef twice(values):\n    return list(2 * np.asarray(values))\n\n"
        "def thrice(values):\n    return [3 * x for x in values]\n\nprint('not run')\nraise SystemExit")])
    nbformat.write(lecture, edition / "notebooks" / "lecture.ipynb")
    result = copy_support.scan("toy", edition, source=tmp_path / "solutions")
    assert result["calls"] == {"double_all": 2}, result  # [0] -> [0] is its own argument: it shows nothing
    found = copy_support.copies(result)
    assert found == {"double_all": ["notebooks/lecture.ipynb:twice"]}, result


def test_a_candidate_that_kills_its_process_costs_only_itself():
    """A candidate that kills the interpreter is reported, and the candidates after it are still judged."""
    import os
    import signal

    from copy_scan import compare

    def graded(v):
        return [2 * x for x in v]

    calls = [(([1, 2],), {}, [2, 4]), (([3],), {}, [6])]
    candidates = {"first": lambda v: [x + x for x in v], "crash": lambda v: os.kill(os.getpid(), signal.SIGKILL),
                  "after": lambda v: [2 * x for x in v], "wrong": lambda v: v}
    matches, troubles = compare(graded, calls, candidates, timeout=5)
    assert [m["candidate"] for m in matches] == ["first", "after"]
    assert [t["candidate"] for t in troubles] == ["crash"] and "ended the process" in troubles[0]["why"]


@pytest.mark.parametrize("a, b, expected", [
    ([2, 4], [2.0, 4.0], True), ([2, 4], [2, 5], False), ((1.0, [2.0]), (1.0, [2.0]), True),
    ("c3", "c3", True), ("c3", ["c3"], False), ({"a": 1.0}, {"a": 1.0 + 1e-12}, True), ([], [], False),
    (None, 0, False), ([[1, 2]], [1, 2], False),
])
def test_same_compares_answers_to_float_precision(a, b, expected):
    from copy_scan import same

    assert same(a, b) is expected
