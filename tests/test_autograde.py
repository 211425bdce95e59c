"""Grading at class scale: the adversarial corpus, parallel vs serial nbgrader, refusal without a sandbox,
and the whole flow on a PostgreSQL gradebook.

Everything goes through the real ``nbgrader`` (``NbGraderAPI.autograde`` in the parallel grader, the
``nbgrader`` command for the serial baseline) with the course's ``nbgrader_config.py``.
"""

import csv
import json
import os
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from instructor.autograde import bound_names, grade_class, main, summary_table, validate_submission, Result
from instructor.course import CourseDir, autograded_points, replace_cell, solved

from corpus_support import (FAST_LIMITS, GRADING_SAMPLE as SAMPLE, HONEST_LIMITS, build_corpus, course_files,
                            gradebook_tables, needs_sandbox, student_prefix)
import system_support
from system_support import needs
from wrong_support import load_wrong_answers

ROOT = Path(__file__).resolve().parent.parent
P = student_prefix(SAMPLE)
#: assignment -> selection of the corpus: all of it for the grading sample, a subset covering every kind for 01a,
#: and the cheats that depend on an assignment's own tests (corpus_support.CORE) for every other assignment.
CORPUS = {SAMPLE: False, "01a_linear_algebra": True,
          **{p.name: "core" for p in sorted((ROOT / "solutions").iterdir())
             if p.is_dir() and p.name not in (SAMPLE, "01a_linear_algebra")}}



def _course(path: Path, names, extra_config: str = FAST_LIMITS, db_url=None) -> CourseDir:
    course = CourseDir(path, list(names), db_url=db_url)
    with open(course.root / "nbgrader_config.py", "a") as fh:
        fh.write(extra_config)
    return course


def _release_and_source(course: CourseDir, name: str, command: bool = False):
    """The generated release (``command=True``: by the `nbgrader generate_assignment` command) and the source."""
    release = nbformat.read(course.generate(name, command=command) / f"{name}.ipynb", as_version=4)
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    return release, source


# --- unit tests --------------------------------------------------------------------------------------

def test_bound_names_lists_what_a_cell_binds():
    source = "import numpy as np\nfrom helpers import assert_close, blocked\nimport os.path\nx, (y, z) = 1, (2, 3)\n" \
             "def f():\n    inner = 1\nclass C: pass\nfor i in range(3): pass\n"
    assert bound_names(source) == ["C", "assert_close", "blocked", "f", "np", "os", "x", "y", "z"]
    assert bound_names("def broken(:\n") == []


def test_validate_submission_names_each_unreadable_notebook(tmp_path):
    (tmp_path / "a.ipynb").write_text("{ not json")
    (tmp_path / "b.ipynb").write_text('{"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": []}')
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "c.ipynb")
    problems = validate_submission(tmp_path, ["a", "b", "c", "missing"])
    assert len(problems) == 2
    assert problems[0].startswith("a.ipynb: not a readable notebook")
    assert problems[1] == "b.ipynb: notebook format 3 (nbgrader needs format 4)"


def test_summary_table_counts_what_could_not_be_graded():
    table = summary_table([Result("ann", "graded", 15.0, 17.0, 2.0), Result("bob", "unreadable", notes=["x: bad"])])
    assert "ann" in table and "15/17" in table and "x: bad" in table
    assert table.splitlines()[-1] == "1 graded, 1 could not be graded"


def test_grade_class_checks_its_arguments(tmp_path):
    with pytest.raises(ValueError, match="workers must be a positive int"):
        grade_class(SAMPLE, root=ROOT, workers=0)
    with pytest.raises(FileNotFoundError, match="no assignment 'nope'"):
        grade_class("nope", root=ROOT, workers=1)


# --- the corpus --------------------------------------------------------------------------------------



def _grade_corpus(root: Path):
    """Grade the corpus in two courses: the full and subset selections with the 15-second cell limit that
    keeps their loops cheap, the core selections with :data:`HONEST_LIMITS`."""
    marker = f"corpus-{uuid.uuid4().hex[:10]}"
    groups = [{n: s for n, s in CORPUS.items() if s != "core"}, {n: s for n, s in CORPUS.items() if s == "core"}]
    courses, cases, results = [], {}, {}
    for group, limits, folder in zip(groups, (FAST_LIMITS, HONEST_LIMITS), ("fast", "core")):
        course = _course(root / folder, group, limits)
        courses.append(course)
        for name, subset in group.items():
            release, source = _release_and_source(course, name)
            cases[name] = build_corpus(release, source, name, str(course.root), marker, subset=subset)
            for case in cases[name]:
                course.submit(name, case.student, {f"{name}.ipynb": case.notebook})
    files_before = {c.root: course_files(c.root) for c in courses}
    for course in courses:
        for name in sorted(p.name for p in (course.root / "solutions").iterdir()):
            results[name] = {r.student: r for r in grade_class(name, root=course.root, workers=2)}
    rows = ["| assignment | submission | what it does | expected | score | seconds | notes |",
            "|---|---|---|---|---|---:|---|"]
    for name in CORPUS:
        for case in cases[name]:
            r = results[name][case.student]
            expected = {"zero": "0", "unreadable": "reported"}.get(case.kind) or \
                f"{case.expect:g} ({'all' if case.kind == 'full' else 'earned before'})"
            got = f"{r.score:g}" if r.score is not None else r.status
            rows.append(f"| {name} | {case.student} | {case.what} | {expected} | {got} | {r.seconds:.1f} | "
                        f"{', '.join(r.notes)[:80]} |")
    out = ROOT / "build" / "grading"
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.md").write_text("\n".join(rows) + "\n")
    return courses, cases, results, marker, files_before


@dataclass
class GradedCorpus:
    courses: list     # [CourseDir]
    cases: dict       # assignment -> [Case]
    results: dict     # assignment -> {student: Result}
    marker: str
    files_before: dict  # course root -> {file: size}
    files_after: dict


@pytest.fixture(scope="session")
def graded_corpus(tmp_path_factory) -> GradedCorpus:
    """The whole corpus (every assignment, 2 workers), graded once for the run; each test below checks one
    property of that grading."""
    courses, cases, results, marker, files_before = _grade_corpus(tmp_path_factory.mktemp("corpus"))
    return GradedCorpus(courses, cases, results, marker, files_before, {c.root: course_files(c.root) for c in courses})


#: The first corpus test of the run also pays for grading the corpus (about 6 minutes on 2 cores).
corpus_timeout = pytest.mark.timeout(1500)


@needs_sandbox
@corpus_timeout
def test_corpus_has_every_kind_for_every_assignment(graded_corpus):
    flat = [c for group in graded_corpus.cases.values() for c in group]
    assignments = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    assert sorted(graded_corpus.cases) == assignments, f"the corpus covers {sorted(graded_corpus.cases)}"
    assert len(flat) >= 30 and len(graded_corpus.cases) >= 2, (
        f"the corpus has {len(flat)} submissions for {len(graded_corpus.cases)} assignments")
    for name, group in graded_corpus.cases.items():
        kinds = {c.kind for c in group}
        assert kinds == {"zero", "full", "before", "unreadable"}, f"{name}: the corpus has only {sorted(kinds)}"


@needs_sandbox
@corpus_timeout
def test_corpus_each_submission_is_graded_as_it_deserves(graded_corpus):
    """Cheats score 0; disruptions keep exactly the credit earned before them; unreadable ones are named."""
    problems = []
    for name, group in graded_corpus.cases.items():
        for case in group:
            r = graded_corpus.results[name][case.student]
            if case.kind == "unreadable":
                ok = r.status == "unreadable" and r.notes and r.notes[0].startswith(f"{name}.ipynb")
            elif case.kind == "zero":
                ok = r.status == "graded" and r.score == 0
            else:
                ok = r.status == "graded" and r.score == case.expect
            if not ok:
                problems.append(f"{case.student} ({case.what}): expected {case.kind} {case.expect}, found "
                                f"{r.status} {r.score} {r.notes}")
    assert not problems, "\n".join(problems)


@needs_sandbox
@corpus_timeout
def test_corpus_what_happened_is_visible_to_the_instructor(graded_corpus):
    notes = {s: set(r.notes) for s, r in graded_corpus.results[SAMPLE].items()}
    for student, expected in [(f"{P}-patch-checks", {"TamperingError"}), (f"{P}-shadow-globals", {"TamperingError"}),
                              (f"{P}-exit-middle", {"KernelDied", "NotRun"}), (f"{P}-flood", {"OutputCut"}),
                              (f"{P}-loop-at-end", {"CellTimeoutError"})]:
        assert expected <= notes[student], (
            f"{student}: expected the notes {sorted(expected)}, found {sorted(notes[student])}")


@needs_sandbox
@corpus_timeout
def test_corpus_nothing_is_written_outside_the_sandbox(graded_corpus):
    assert graded_corpus.files_after == graded_corpus.files_before, "grading changed course files outside autograded/"
    roots = [c.root for c in graded_corpus.courses]
    leaked = [p for base in (Path("/tmp"), *roots, *(r / "solutions" for r in roots), ROOT, Path.home())
              if base.is_dir() for p in base.glob(f"{graded_corpus.marker}*")]
    assert not leaked, f"files written outside the sandbox: {leaked}"


@needs_sandbox
@corpus_timeout
def test_corpus_gradebook_holds_only_what_nbgrader_wrote(graded_corpus, tmp_path):
    fresh = _course(tmp_path / "fresh", [SAMPLE])
    fresh.generate(SAMPLE)
    for course in graded_corpus.courses:
        db = course.root / "gradebook.db"
        tables = gradebook_tables(db)
        assert tables == gradebook_tables(fresh.root / "gradebook.db"), (
            f"unexpected gradebook tables: {sorted(tables - gradebook_tables(fresh.root / 'gradebook.db'))}")
        with sqlite3.connect(db) as con:
            manual = con.execute("SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL").fetchone()[0]
        assert not manual, "a submission wrote manual scores into the gradebook"


@needs_sandbox
@corpus_timeout
def test_corpus_no_process_outlives_grading(graded_corpus):
    left = subprocess.run(["pgrep", "-af", graded_corpus.marker], capture_output=True, text=True).stdout.strip()
    assert not left, f"processes started by submissions are still running:\n{left}"


@needs_sandbox
def test_command_reports_unreadable_submissions_and_exits_non_zero(tmp_path, capsys):
    course = _course(tmp_path / "unreadable", [SAMPLE])
    release, _ = _release_and_source(course, SAMPLE)
    course.submit(SAMPLE, "ann", {f"{SAMPLE}.ipynb": release})
    course.submit(SAMPLE, "bob", {f"{SAMPLE}.ipynb": nbformat.writes(release)[:300]})
    code = main([SAMPLE, "--root", str(course.root), "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"[unreadable] bob: {SAMPLE}.ipynb: not a readable notebook" in out
    assert "1 graded, 1 could not be graded" in out


# --- the corpus has teeth: without the defences these cheats score -----------------------------------

@needs_sandbox
def test_without_sandbox_and_guard_the_cheats_would_score(tmp_path):
    course = _course(tmp_path / "open", [SAMPLE],
                     FAST_LIMITS + "c.SandboxedExecute.sandbox = False\nc.SandboxedExecute.guard = False\n")
    release, source = _release_and_source(course, SAMPLE)
    cheats = {c.student: c for c in build_corpus(release, source, SAMPLE, str(course.root), "teeth")
              # (the patch-checks case is refused by blocked() too: the swapped code comes from a notebook cell that
              # uses __code__, so it is left out here)
              if c.student in (f"{P}-patch-numpy", f"{P}-shadow-globals", f"{P}-read-solutions")}
    for case in cheats.values():
        course.submit(SAMPLE, case.student, {f"{SAMPLE}.ipynb": case.notebook})
    results = {r.student: r for r in grade_class(SAMPLE, root=course.root, workers=2, unsandboxed=True)}
    scores = {s: results[s].score for s in cheats}
    assert all(score and score > 0 for score in scores.values()), f"cheats should score without defences: {scores}"
    assert scores[f"{P}-read-solutions"] == sum(autograded_points(release).values())


# --- parallel equals serial ---------------------------------------------------------------------------
# The grading benchmark (`make test` runs `benchmarks/parallel_autograde.py --quick`) grades one class of
# the grading sample (corpus_support.GRADING_SAMPLE) with stock serial `nbgrader autograde` and in parallel in
# the sandbox; this test reads its figures instead of grading the same class again.
BENCHMARK = Path(os.environ.get("COURSE_BENCHMARK", ROOT / "build" / "run" / "benchmarks.json"))


@pytest.mark.needs_run
def test_parallel_grading_gives_the_same_scores_as_serial_nbgrader():
    if not BENCHMARK.exists():
        system_support.skip_or_fail(f"{BENCHMARK} is absent: run `python benchmarks/parallel_autograde.py --quick "
                                    f"--json {BENCHMARK}` (make test does)")
    result = json.loads(BENCHMARK.read_text())
    if "skipped" in result:
        system_support.skip_or_fail(f"the grading benchmark was skipped: {result['skipped']}")
    serial, parallel, full = result["serial_totals"], result["parallel_totals"], result["max_points"]
    assert parallel == serial, f"parallel and serial grading disagree: serial {serial}, parallel {parallel}"
    assert result["identical_scores"], "the benchmark found different per-cell scores in its three gradings"
    assert serial["solution"] == full, f"the solution got {serial['solution']} of {full}"
    assert serial["blank"] == 0, f"the blank release got {serial['blank']}"
    wrong = {s: v for s, v in serial.items() if s.startswith("wrong")}
    assert wrong and all(v < full for v in wrong.values()), f"a wrong answer got full marks: {wrong}"
    assert serial["patch-checks"] == 0, f"the cheat that swaps the checks' code got {serial['patch-checks']}"
    assert 0 < serial["exit-middle"] < full, (
        f"a kernel exiting half-way should keep the credit earned before it: got {serial['exit-middle']} of {full}")


# --- refusing to run unsandboxed ------------------------------------------------------------------------

@pytest.mark.slow
def test_refuses_to_grade_without_a_sandbox_unless_allowed(tmp_path, monkeypatch, capsys):
    course = _course(tmp_path / "nosandbox", [SAMPLE])
    release, source = _release_and_source(course, SAMPLE)
    course.submit(SAMPLE, "ann", {f"{SAMPLE}.ipynb": solved(release, source)})
    monkeypatch.setenv("COURSE_BWRAP", "/nonexistent/bwrap")
    assert main([SAMPLE, "--root", str(course.root), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "bubblewrap (bwrap) is not installed" in err and "--unsandboxed" in err
    assert not (course.root / "autograded" / "ann").exists()
    # stock nbgrader with the course's configuration refuses too
    with pytest.raises(RuntimeError, match="SandboxUnavailable"):
        course.autograde(SAMPLE)
    assert main([SAMPLE, "--root", str(course.root), "--workers", "1", "--unsandboxed"]) == 0
    assert sum(v[0] or 0 for v in course.scores(SAMPLE)["ann"].values()) == sum(autograded_points(release).values())


# --- PostgreSQL gradebook ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL server for this test session (or ``$COURSE_TEST_POSTGRES_URL``)."""
    with system_support.postgres_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server):
    base = postgres_server
    import psycopg2

    name = f"course_test_{uuid.uuid4().hex[:10]}"
    con = psycopg2.connect(base)
    con.autocommit = True
    con.cursor().execute(f"CREATE DATABASE {name}")
    # SQLAlchemy needs the driver named: nbgrader's gradebook then talks to PostgreSQL through psycopg2.
    yield base.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg2://", 1) + "/" + name
    con.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    con.close()


@needs_sandbox
@needs("postgresql")
def test_whole_flow_on_a_postgresql_gradebook(tmp_path, postgres_url):
    course = _course(tmp_path / "pg", [SAMPLE], db_url=postgres_url)
    release, source = _release_and_source(course, SAMPLE, command=True)  # the commands, end to end
    good = solved(release, source)
    wrong = load_wrong_answers(SAMPLE)[0]
    subs = {"ann": good, "bob": release, "cat": replace_cell(good, wrong["cell"], wrong["source"])}
    subs["dan"] = next(c.notebook for c in build_corpus(release, source, SAMPLE, str(course.root), "pg")
                       if c.student == f"{P}-exit-middle")
    for student, nb in subs.items():
        course.submit(SAMPLE, student, {f"{SAMPLE}.ipynb": nb})
    results = {r.student: r for r in grade_class(SAMPLE, root=course.root, workers=2)}
    assert all(r.status == "graded" for r in results.values())
    total = sum(autograded_points(release).values())
    assert results["ann"].score == total and results["bob"].score == 0 and 0 < results["cat"].score < total
    course.nbgrader("generate_feedback", SAMPLE, "--force")
    feedback = (course.root / "feedback" / "cat" / SAMPLE / f"{SAMPLE}.html").read_text()
    assert "expected" in feedback and "found" in feedback
    course.nbgrader("export", "--to", str(tmp_path / "grades.csv"))
    with open(tmp_path / "grades.csv") as fh:
        rows = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(fh)}
    assert rows == {s: results[s].score for s in subs}
    assert not (course.root / "gradebook.db").exists(), "the sqlite default was used instead of PostgreSQL"
