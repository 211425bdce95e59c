"""The grading round trip of every assignment, on the real nbgrader in a scratch course directory.

For each assignment in ``solutions/``:

- ``nbgrader generate_assignment`` produces the release, whose hidden tests and solutions are gone, and the
  committed ``exercises/`` equals it;
- autograding with a sqlite gradebook gives the solution (submitted as a student would: the release with
  the solution cells filled in) full marks and the untouched release zero autograded points;
- each deliberately wrong answer in ``tests/wrong_answers/<assignment>.py`` fails every test cell it names,
  through the tests' assertions, not an unrelated error (a stale signature), and its failure messages say
  what was expected and what was found; every autograded test cell is named by at least one wrong answer;
- scores are read from the gradebook, and the autograde of one submission takes well under a minute.

The wrong answers are not each graded as a whole submission: a wrong answer changes one answer cell, so
everything before that cell is the solution's run. tests/wrong_fork.py runs the graded notebook (what
nbgrader executes: the solved notebook with its hidden tests, and the grading kernel's guard hooks) once, and
each wrong answer in a fork of that run, from its answer cell to the last test cell it names: about 2 minutes
for the 126 wrong answers instead of about 11. One wrong answer per assignment (``CROSS_CHECKED``) is
graded by nbgrader as well, and its forked run must give nbgrader's verdict and message on every test cell
from its answer cell on; its messages must reach nbgrader's HTML feedback.

That the solution runs top to bottom (what ``nbgrader validate`` checks of a source notebook) is read from
nbgrader's execution of the solution submission: ``make test``'s runner executes only the lecture notebooks,
so each solution is executed once, here.
nbgrader runs in the test process, through its Python API (``CourseDir.api``: the converters behind the
``nbgrader`` commands, without a Python start-up for each command; the commands themselves are exercised by
the PostgreSQL flow in tests/test_autograde.py and by the grading benchmark). All submissions of an
assignment are autograded in one call; the session fixture
``round_trips`` does it once per assignment: under the Makefile's ``--dist loadscope`` each assignment's tests
are one unit of work (tests/conftest.py, ``work_unit``), so the 13 round trips share the workers.
"""

from __future__ import annotations

import csv
import html
import io
import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from instructor import course, rubrics
from system_support import grade_unsandboxed
from wrong_support import (OPTIONAL_KEYS, REQUIRED_KEYS, fork_wrong_answers, graded_view, load_wrong_answers,
                           raw_wrong_answers)

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENTS = course.assignments()
MAX_SECONDS_PER_SUBMISSION = 60.0
# Each assignment's round trip runs once, on one worker (a slow test: not in `make unit`).
GROUPED = [pytest.param(n, marks=[pytest.mark.slow, pytest.mark.timeout(900)]) for n in ASSIGNMENTS]
#: The exceptions a wrong answer may make a test cell raise without declaring it (``error`` in its entry):
#: the tests' own assertions. Anything else (a TypeError from a stale signature, a NameError) means the
#: wrong answer loses points for a reason other than its mistake.
INTENDED_ERRORS = {"AssertionError"}
#: The wrong answer (entry index, student id) that nbgrader grades too, so that the forked runs are shown to
#: give nbgrader's verdicts and its failure messages are seen in nbgrader's HTML feedback.
CROSS_CHECKED_ENTRY, CROSS_CHECKED = 0, "wrong00"


def source_notebooks(name: str) -> dict[str, nbformat.NotebookNode]:
    return {p.name: nbformat.read(p, as_version=4) for p in sorted((ROOT / "solutions" / name).glob("*.ipynb"))}


def cell_roles(name: str) -> dict[str, str]:
    """``{grade_id: role}`` over the assignment's source notebooks (``course.cell_roles``)."""
    roles = {}
    for nb in source_notebooks(name).values():
        roles.update(course.cell_roles(nb))
    return roles


def cell_sources(name: str) -> dict[str, str]:
    """``{grade_id: source}`` of every nbgrader cell of the assignment's source notebooks."""
    return {c.metadata.nbgrader["grade_id"]: c.source for nb in source_notebooks(name).values() for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}


def round_trip(name: str, tmp_root: str) -> dict:
    """Generate, submit and autograde the solution, the blank release and one wrong answer (the cross-check);
    run every wrong answer in a fork of one run of the solution; return what the tests need."""
    tmp = Path(tmp_root) / name
    cdir = course.CourseDir(tmp, [name], unsandboxed=grade_unsandboxed())
    release_dir = cdir.generate(name)
    sources = source_notebooks(name)
    releases = {fn: nbformat.read(release_dir / fn, as_version=4) for fn in sources}
    solved = {fn: course.solved(releases[fn], sources[fn]) for fn in sources}
    cdir.submit(name, "solution", solved)
    cdir.submit(name, "blank", releases)
    wrong = load_wrong_answers(name)
    owner = {}  # grade_id of a solution cell -> notebook file
    for fn, nb in sources.items():
        for gid, role in course.cell_roles(nb).items():
            if role == "answer":
                owner[gid] = fn
    for entry in wrong[CROSS_CHECKED_ENTRY:CROSS_CHECKED_ENTRY + 1]:  # graded by nbgrader and in a fork
        if entry["cell"] in owner:
            fn = owner[entry["cell"]]
            cdir.submit(name, CROSS_CHECKED, dict(solved, **{fn: course.replace_cell(solved[fn], entry["cell"],
                                                                                     entry["source"])}))
    start = time.perf_counter()
    cdir.api("autograde", name, "*", force=True, create=True)
    seconds = time.perf_counter() - start
    graded_students = sorted(p.name for p in (tmp / "autograded").iterdir())
    # the time per submission, for the README's table of assignments (build/grading/<assignment>.json)
    out = ROOT / "build" / "grading"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps({"assignment": name, "submissions": len(graded_students),
                                                   "seconds_per_submission": round(seconds / len(graded_students), 1)}))
    messages = {}  # (student, grade_id) -> the error message its test cell showed, graded by nbgrader
    graded_solution = {fn: nbformat.read(tmp / "autograded" / "solution" / name / fn, as_version=4) for fn in sources}
    solution_errors = []  # every cell of the graded solution that showed an error, graded or not
    for student in graded_students:
        for fn in sources:
            graded = nbformat.read(tmp / "autograded" / student / name / fn, as_version=4)
            for index, cell in enumerate(graded.cells):
                gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
                if gid and errors:
                    messages[(student, gid)] = f"{errors[0]['ename']}: {errors[0]['evalue']}"
                if student == "solution" and errors:
                    solution_errors.append(f"{fn} cell {index} ({gid or 'not graded'}): "
                                           f"{errors[0]['ename']}: {errors[0]['evalue'][:200]}")
    if wrong:
        cdir.api("generate_feedback", name, CROSS_CHECKED, force=True)
    cdir.export(tmp / "grades.csv")
    # Every wrong answer, in a fork of one run of the solution (tests/wrong_fork.py), from a copy of the
    # solution's submission folder.
    verdicts: dict[int, dict[str, str | None]] = {}
    start_fork = time.perf_counter()
    for fn in sources:
        mine = [e for e in wrong if owner.get(e["cell"]) == fn]
        if mine:
            workdir = tmp / "forked" / fn
            shutil.copytree(tmp / "submitted" / "solution" / name, workdir)
            verdicts.update(fork_wrong_answers(graded_view(solved[fn], sources[fn]), mine, workdir,
                                               to_end=frozenset({CROSS_CHECKED_ENTRY})))
    return {
        "release_dir": release_dir,
        "release": releases,
        "scores": cdir.scores(name),
        "seconds_per_submission": seconds / len(graded_students),
        "fork_seconds": time.perf_counter() - start_fork,
        "wrong": wrong,
        "owner": owner,
        "messages": messages,
        "solution_errors": solution_errors,
        "verdicts": verdicts,
        "feedback": {p.parent.parent.name: p.read_text() for p in (tmp / "feedback").glob(f"*/{name}/*.html")},
        "grades_csv": (tmp / "grades.csv").read_text(),
        "graded_solution": graded_solution,
    }


class RoundTrips:
    """Each assignment's round trip, done the first time a test asks for it and shared by every test of the
    run on that worker (the assignment's tests are one unit of work, so it is done once per run)."""

    def __init__(self, tmp_root: str):
        self.tmp_root = tmp_root
        self.done: dict[str, dict] = {}

    def __getitem__(self, name: str) -> dict:
        if name not in self.done:
            self.done[name] = round_trip(name, self.tmp_root)
        return self.done[name]


@pytest.fixture(scope="session")
def round_trips(tmp_path_factory) -> RoundTrips:
    return RoundTrips(str(tmp_path_factory.mktemp("grading")))


def all_points(name: str) -> dict[str, float]:
    points = {}
    for nb in source_notebooks(name).values():
        points.update(course.autograded_points(nb))
    return points


def test_there_are_assignments():
    assert ASSIGNMENTS, "solutions/ holds no assignment"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_assignment_structure(name):
    """Each assignment has autograded tests, hidden tests, a written answer, unique grade ids."""
    sources = source_notebooks(name)
    assert sources, f"solutions/{name} holds no notebook"
    for fn, nb in sources.items():
        assert fn == f"{name}.ipynb", f"solutions/{name}/{fn}: the notebook must be named {name}.ipynb"
        ids = [c.metadata.nbgrader["grade_id"] for c in nb.cells if "nbgrader" in c.get("metadata", {})]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        assert not dupes, f"{fn}: duplicate grade_ids {dupes}"
        roles = course.cell_roles(nb)
        n_tests = sum(r == "test" for r in roles.values())
        assert n_tests >= 4, f"{fn}: expected at least 4 autograded test cells, found {n_tests}"
        assert "written" in roles.values(), f"{fn}: expected a manually graded written answer, found none"
        hidden = sum("### BEGIN HIDDEN TESTS" in c.source for c in nb.cells)
        assert hidden >= 1, f"{fn}: expected hidden tests (### BEGIN HIDDEN TESTS), found none"
        heavy = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader.get("points") for c in nb.cells
                 if "### BEGIN HIDDEN TESTS" in c.source and (c.metadata.nbgrader.get("points") or 0) > 2}
        assert not heavy, (f"{fn}: hidden test cells worth more than 2 points {heavy}: split them so that one "
                           f"missed case does not cost the whole part")


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_wrong_answers_are_well_formed(name):
    wrong = raw_wrong_answers(name)
    assert wrong, f"tests/wrong_answers/{name}.py is missing or defines no WRONG_ANSWERS"
    roles = cell_roles(name)
    covered = set()
    for i, entry in enumerate(wrong):
        assert REQUIRED_KEYS <= set(entry) <= REQUIRED_KEYS | OPTIONAL_KEYS, (
            f"entry {i}: keys must be cell, what, patch, fails (and optionally error), found {sorted(entry)}"
        )
        assert roles.get(entry["cell"]) == "answer", (
            f"entry {i}: {entry['cell']!r} is not an autograded solution cell of {name}"
        )
        assert isinstance(entry["what"], str) and entry["what"].strip(), f"entry {i}: 'what' must say the mistake"
        assert entry["fails"], f"entry {i}: 'fails' names no test cell"
        for gid in entry["fails"]:
            assert roles.get(gid) == "test", f"entry {i}: {gid!r} is not an autograded test cell of {name}"
        assert isinstance(entry.get("error", ""), str), f"entry {i}: 'error' must be an exception's name"
        covered.update(entry["fails"])
    # every patch applies to the current solution (raises WrongAnswerError naming the entry otherwise)
    assert len(load_wrong_answers(name)) == len(wrong)
    uncovered = sorted(g for g, r in roles.items() if r == "test" and g not in covered)
    assert not uncovered, f"no wrong answer exercises these test cells: {uncovered}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_no_test_cell_of_the_release_is_empty(name):
    """A hidden test cell shows the student what it checks (a comment, a first call) rather than nothing."""
    empty = []
    for path in sorted((course.RELEASE / name).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        roles = course.cell_roles(nb)
        empty += [c.metadata.nbgrader["grade_id"] for c in nb.cells
                  if roles.get(c.get("metadata", {}).get("nbgrader", {}).get("grade_id")) == "test"
                  and not c.source.strip()]
    assert not empty, f"exercises/{name}: empty test cells {empty}; expected a comment saying what they check"


@pytest.mark.parametrize("name", GROUPED)
def test_release_hides_solutions_and_hidden_tests(name, round_trips):
    result = round_trips[name]
    for fn, nb in result["release"].items():
        text = "\n".join(c.source for c in nb.cells)
        for marker in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"):
            assert marker not in text, f"release {fn} still contains {marker!r}"
        assert "raise NotImplementedError()" in text, f"release {fn} has no code stubs"


@pytest.mark.parametrize("name", GROUPED)
def test_committed_release_matches_the_generated_one(name, round_trips):
    """exercises/<name> is what `nbgrader generate_assignment` makes of solutions/<name> (the release the
    round trip generated, so that each release is generated once per run)."""
    problems = course.compare_release(name, round_trips[name]["release_dir"])
    assert not problems, "exercises/ is out of date:\n" + "\n".join(problems)


def _died(verdict: dict) -> str | None:
    return verdict.get("__died__")


@pytest.mark.parametrize("name", GROUPED)
def test_wrong_answers_fail_for_their_mistake(name, round_trips):
    """A wrong answer loses points through the tests' assertions (or the exception its entry declares as
    ``error``), not through an error unrelated to its mistake, such as a TypeError from a signature the
    solution no longer has."""
    result = round_trips[name]
    problems = []
    for entry in result["wrong"]:
        verdict = result["verdicts"].get(entry["index"], {})
        allowed = INTENDED_ERRORS | ({entry["error"]} if entry.get("error") else set())
        for gid in entry["fails"]:
            message = verdict.get(gid)
            if message is not None and message.split(":", 1)[0] not in allowed:
                problems.append(f"entry {entry['index']} ({entry['what']}) fails {gid} with an unrelated error: "
                                f"{message[:160]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", GROUPED)
def test_solution_runs_top_to_bottom(name, round_trips):
    """What ``nbgrader validate`` checks of the source notebook, read from nbgrader's own execution of the
    solution (the runner does not execute the solutions in ``make test``): no cell, graded or not, shows an
    error."""
    errors = round_trips[name]["solution_errors"]
    assert not errors, "the solution does not run top to bottom:\n" + "\n".join(errors)


@pytest.mark.parametrize("name", GROUPED)
def test_solution_gets_full_marks(name, round_trips):
    scores = round_trips[name]["scores"]["solution"]
    points = all_points(name)
    lost = {gid: f"{scores[gid][0]} of {pts}" for gid, pts in points.items() if scores[gid][0] != pts}
    assert not lost, f"the solution lost points on {lost}"


@pytest.mark.parametrize("name", GROUPED)
def test_blank_release_gets_zero(name, round_trips):
    scores = round_trips[name]["scores"]["blank"]
    earned = {gid: s for gid, (s, _) in scores.items() if s}
    assert not earned, f"the untouched release earned points on {earned}"


@pytest.mark.parametrize("name", GROUPED)
def test_wrong_answers_lose_points(name, round_trips):
    """Each wrong answer makes every test cell it names fail (a test cell that fails scores 0 in nbgrader;
    the cross-checked one shows the forked runs and nbgrader agree)."""
    result = round_trips[name]
    problems = []
    for entry in result["wrong"]:
        verdict = result["verdicts"].get(entry["index"])
        if verdict is None:
            problems.append(f"entry {entry['index']} ({entry['cell']}) was not run")
        elif _died(verdict):
            problems.append(f"entry {entry['index']} ({entry['cell']}): its run {_died(verdict)}")
        else:
            passed = [gid for gid in entry["fails"] if verdict.get(gid) is None]
            if passed:
                problems.append(f"entry {entry['index']}: wrong {entry['cell']!r} ({entry['what']}) still passes "
                                f"{passed}; expected these test cells to fail")
    assert not problems, "\n".join(problems)


def hidden_and_visible_tests(name: str) -> dict[str, str]:
    """``{hidden test: the visible test of its part}``: each test cell with a hidden region, paired with the
    last test cell without one above it (a part may split its hidden checks over several cells)."""
    pairs = {}
    for nb in source_notebooks(name).values():
        visible = None
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not meta.get("grade") or meta.get("solution") or cell.cell_type != "code":
                continue
            if "### BEGIN HIDDEN TESTS" in cell.source:
                pairs[meta["grade_id"]] = visible
            else:
                visible = meta["grade_id"]
    return pairs


@pytest.mark.parametrize("name", GROUPED)
def test_every_hidden_test_catches_a_mistake_its_visible_test_lets_through(name, round_trips):
    """A hidden test earns its points: for each one, some plausible wrong answer passes the visible test of
    its part (Validate would say it is fine) and fails the hidden one."""
    result = round_trips[name]
    problems = []
    for hidden, visible in sorted(hidden_and_visible_tests(name).items()):
        shown = [e for e in result["wrong"] if hidden in e["fails"] and visible not in e["fails"]
                 and (v := result["verdicts"].get(e["index"])) and not _died(v)
                 and v.get(visible) is None and v.get(hidden) is not None]
        if not shown:
            problems.append(f"{hidden}: no wrong answer passes {visible} and fails it (expected at least one "
                            f"entry in tests/wrong_answers/{name}.py with fails == [{hidden!r}])")
    assert not problems, "\n".join(problems)


DISABLED = " is disabled in this test"


@pytest.mark.parametrize("name", GROUPED)
def test_every_visible_test_that_blocks_reports_a_library_call_by_name(name, round_trips):
    """A part that disables library functions says so in its visible test too: some wrong answer that calls
    the library fails that visible test (what Validate runs) with the message naming the function."""
    result = round_trips[name]
    roles, sources, pairs = cell_roles(name), cell_sources(name), hidden_and_visible_tests(name)
    blocking = sorted(g for g, r in roles.items() if r == "test" and g not in pairs and "blocked(" in sources[g])
    problems = []
    for visible in blocking:
        named = [e for e in result["wrong"] if visible in e["fails"]
                 and DISABLED in (result["verdicts"].get(e["index"], {}).get(visible) or "")]
        if not named:
            problems.append(f"{visible}: no wrong answer that calls a disabled library function fails it with "
                            f"'<function>{DISABLED}' (add one to tests/wrong_answers/{name}.py)")
    unguarded = sorted(g for g, visible in pairs.items() if "blocked(" in sources[g]
                       and (visible is None or "blocked(" not in sources[visible]))
    if unguarded:
        problems.append(f"hidden tests disable functions that their visible test allows: {unguarded}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", GROUPED)
def test_forked_runs_agree_with_nbgrader(name, round_trips):
    """The wrong answer graded by nbgrader too gets, in its forked run, the same verdict on every test cell
    from its answer cell on: the same error message where nbgrader's test cell failed, none where it scored."""
    result = round_trips[name]
    if not result["wrong"]:
        pytest.skip(f"{name} has no wrong answers")
    verdict = result["verdicts"][CROSS_CHECKED_ENTRY]
    assert not _died(verdict), f"the cross-checked wrong answer's forked run {_died(verdict)}"
    scores = result["scores"][CROSS_CHECKED]
    points = all_points(name)
    problems = []
    for gid, message in verdict.items():
        nbgrader_message = result["messages"].get((CROSS_CHECKED, gid))
        failed = scores[gid][0] < points[gid]
        if (message is not None) != failed:
            problems.append(f"{gid}: forked run {'failed' if message else 'passed'}, nbgrader scored "
                            f"{scores[gid][0]} of {points[gid]}")
        elif message is not None and nbgrader_message != message:
            problems.append(f"{gid}: forked run says {message[:120]!r}, nbgrader {str(nbgrader_message)[:120]!r}")
    unseen = [g for g in graded_tests_after(name, result["wrong"][CROSS_CHECKED_ENTRY]["cell"]) if g not in verdict]
    assert not unseen, f"the forked run of the cross-checked answer did not reach {unseen}"
    assert not problems, "forked run and nbgrader disagree:\n" + "\n".join(problems)


def graded_tests_after(name: str, grade_id: str) -> list[str]:
    """The autograded test cells after the cell ``grade_id`` in its notebook, in order."""
    for nb in source_notebooks(name).values():
        ids = [c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.cells]
        if grade_id in ids:
            roles = course.cell_roles(nb)
            return [g for g in ids[ids.index(grade_id) + 1:] if roles.get(g) == "test"]
    return []


@pytest.mark.parametrize("name", GROUPED)
def test_grading_is_fast(name, round_trips):
    seconds = round_trips[name]["seconds_per_submission"]
    assert seconds < MAX_SECONDS_PER_SUBMISSION, (
        f"autograding one submission of {name} took {seconds:.1f} s; expected well under a minute"
    )


@pytest.mark.parametrize("name", GROUPED)
def test_failure_messages_teach_and_reach_the_feedback(name, round_trips):
    """A wrong answer's failing test says what was expected and what was found; in the HTML feedback too (the
    cross-checked wrong answer, the one nbgrader grades)."""
    result = round_trips[name]
    problems = []
    for entry in result["wrong"]:
        verdict = result["verdicts"].get(entry["index"], {})
        for gid in entry["fails"]:
            message = verdict.get(gid)
            if message is None:
                continue  # reported by test_wrong_answers_lose_points
            lowered = message.lower()
            # Only the tests' own assertions are held to the rule: an exception raised inside the student's
            # code (a shape error, say) or the notice that a reference function is disabled speaks for itself.
            own_assertion = message.startswith("AssertionError") and "is disabled in this test" not in message
            says_both = "expected" in lowered and any(w in lowered for w in ("found", "got", "returned"))
            if own_assertion and not says_both:
                problems.append(f"entry {entry['index']} ({entry['cell']}) on {gid}: message does not say what "
                                f"was expected and what was found: {message[:200]!r}")
    if result["wrong"]:
        feedback = result["feedback"].get(CROSS_CHECKED, "")
        if not feedback:
            problems.append(f"{CROSS_CHECKED}: no HTML feedback was generated")
        for (student, gid), message in result["messages"].items():
            if student == CROSS_CHECKED and html.escape(message.split(": ", 1)[-1][:40], quote=False) not in feedback:
                problems.append(f"{student} on {gid}: the message is missing from the HTML feedback")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", GROUPED)
def test_grades_export_to_csv(name, round_trips):
    rows = list(csv.DictReader(io.StringIO(round_trips[name]["grades_csv"])))
    mine = {r["student_id"]: r for r in rows if r["assignment"] == name}
    assert {"solution", "blank"} <= set(mine), f"grades.csv lacks students: {sorted(mine)}"
    assert float(mine["blank"]["raw_score"]) == 0.0
    assert float(mine["solution"]["raw_score"]) == sum(all_points(name).values())


@pytest.mark.parametrize("name", GROUPED)
def test_graders_see_each_rubric_and_students_do_not(name, round_trips):
    """formgrader shows the autograded notebook: there each hand-graded answer is followed by the model answer and
    rubric of the instructor's source (instructor.rubrics.ShowRubrics); the release and the feedback hold
    neither (HideRubrics)."""
    result = round_trips[name]
    for fn, source in source_notebooks(name).items():
        graded = result["graded_solution"][fn]
        for index, cell in enumerate(graded.cells):
            if not rubrics.is_written(cell):
                continue
            gid = cell.metadata.nbgrader["grade_id"]
            after = graded.cells[index + 1] if index + 1 < len(graded.cells) else None
            assert after is not None and rubrics.TAG in after.get("metadata", {}).get("tags", []), (
                f"{name}/{fn}: the written answer {gid} is not followed by the grader's rubric cell in the "
                f"autograded notebook")
            expected = next(rubrics.solution_region(c.source) for c in source.cells
                            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == gid)
            assert expected in after.source and "**Rubric**" in after.source, (
                f"{name}/{fn}: the rubric cell after {gid} does not hold the source's model answer and rubric")
        release_text = nbformat.writes(result["release"][fn])
        assert "**Rubric**" not in release_text, f"{name}/{fn}: the release shows a rubric"
    for student, page in result["feedback"].items():
        assert "For the grader" not in page and rubrics.TAG not in page, (
            f"{name}: the feedback of {student} shows the graders' rubric cells")
