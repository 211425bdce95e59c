"""Grading at class scale: the adversarial corpus, parallel vs serial nbgrader, refusal without a sandbox,
and the whole flow on a PostgreSQL gradebook.

Everything goes through the real ``nbgrader`` (``NbGraderAPI.autograde`` in the parallel grader, the
``nbgrader`` command for the serial baseline) with the course's ``nbgrader_config.py``.
"""

import csv
import importlib.util
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import nbformat
import pytest

from helpers.autograde import bound_names, grade_class, main, summary_table, validate_submission, Result
from helpers.course import CourseDir, autograded_points, replace_cell, solved

from corpus_support import build_corpus, needs_sandbox

ROOT = Path(__file__).resolve().parent.parent
CORPUS = {"07_rbf": False, "01a_linear_algebra": True}   # assignment -> subset?
# Short limits so that the loops in the corpus cost seconds, not minutes.
FAST_LIMITS = ("c.Execute.timeout = 10\nc.SandboxedExecute.kill_grace = 3\n"
               "c.SandboxedExecute.notebook_timeout = 120\n")


pytestmark = pytest.mark.xdist_group("autograde")


def _course(path: Path, names, extra_config: str = FAST_LIMITS, db_url=None) -> CourseDir:
    course = CourseDir(path, list(names), db_url=db_url)
    with open(course.root / "nbgrader_config.py", "a") as fh:
        fh.write(extra_config)
    return course


def _release_and_source(course: CourseDir, name: str):
    release = nbformat.read(course.generate(name) / f"{name}.ipynb", as_version=4)
    source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    return release, source


def _files(root: Path) -> dict[str, int]:
    skip = {"autograded", "feedback", "gradebook.db", "gradebook.db-journal"}
    out = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if rel.parts[0] in skip or not path.is_file():
            continue
        out[str(rel)] = path.stat().st_size
    return out


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


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
        grade_class("07_rbf", root=ROOT, workers=0)
    with pytest.raises(FileNotFoundError, match="no assignment 'nope'"):
        grade_class("nope", root=ROOT, workers=1)


# --- the corpus --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    course = _course(root, CORPUS)
    marker = f"corpus-{uuid.uuid4().hex[:10]}"
    cases = {}
    for name, subset in CORPUS.items():
        release, source = _release_and_source(course, name)
        cases[name] = build_corpus(release, source, name, str(course.root), marker, subset=subset)
        for case in cases[name]:
            course.submit(name, case.student, {f"{name}.ipynb": case.notebook})
    files_before = _files(course.root)
    results, log = {}, []
    for name in CORPUS:
        results[name] = {r.student: r for r in grade_class(name, root=course.root, workers=2)}
    rows = ["| assignment | submission | what it does | expected | score | notes |", "|---|---|---|---|---|---|"]
    for name in CORPUS:
        for case in cases[name]:
            r = results[name][case.student]
            expected = {"zero": "0", "unreadable": "reported"}.get(case.kind) or \
                f"{case.expect:g} ({'all' if case.kind == 'full' else 'earned before'})"
            got = f"{r.score:g}" if r.score is not None else r.status
            rows.append(f"| {name} | {case.student} | {case.what} | {expected} | {got} | {', '.join(r.notes)[:80]} |")
    out = ROOT / "build" / "grading"
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.md").write_text("\n".join(rows) + "\n")
    log.append(rows)
    return {"course": course, "cases": cases, "results": results, "marker": marker, "files_before": files_before}


@needs_sandbox
def test_corpus_covers_every_kind_for_two_assignments(corpus):
    cases = [c for group in corpus["cases"].values() for c in group]
    assert len(cases) >= 30 and len(corpus["cases"]) >= 2
    for name, group in corpus["cases"].items():
        kinds = {c.kind for c in group}
        assert kinds == {"zero", "full", "before", "unreadable"}, f"{name}: only {kinds}"


@needs_sandbox
def test_every_submission_is_graded_as_it_deserves(corpus):
    wrong = []
    for name, group in corpus["cases"].items():
        for case in group:
            r = corpus["results"][name][case.student]
            if case.kind == "unreadable":
                ok = r.status == "unreadable" and r.notes and r.notes[0].startswith(f"{name}.ipynb")
            elif case.kind == "zero":
                ok = r.status == "graded" and r.score == 0
            else:
                ok = r.status == "graded" and r.score == case.expect
            if not ok:
                wrong.append(f"{case.student} ({case.what}): expected {case.kind} {case.expect}, found "
                             f"{r.status} {r.score} {r.notes}")
    assert not wrong, "graded wrongly:\n" + "\n".join(wrong)


@needs_sandbox
def test_tampering_and_disruption_are_visible_to_the_instructor(corpus):
    results = corpus["results"]["07_rbf"]
    assert "TamperingError" in results["07-patch-checks"].notes
    assert "TamperingError" in results["07-shadow-globals"].notes
    assert {"KernelDied", "NotRun"} <= set(results["07-exit-middle"].notes)
    assert "OutputCut" in results["07-flood"].notes
    assert "CellTimeoutError" in results["07-loop-at-end"].notes


@needs_sandbox
def test_nothing_is_written_outside_the_sandbox(corpus):
    root, marker = corpus["course"].root, corpus["marker"]
    assert _files(root) == corpus["files_before"], "grading changed files of the course outside autograded/"
    leaked = [p for base in (Path("/tmp"), root, root / "solutions", ROOT, Path.home()) if base.is_dir()
              for p in base.glob(f"{marker}*")]
    assert not leaked, f"files written outside the sandbox: {leaked}"


@needs_sandbox
def test_gradebook_holds_only_what_nbgrader_wrote(corpus, tmp_path):
    fresh = _course(tmp_path / "fresh", ["07_rbf"])
    fresh.generate("07_rbf")
    tables = _tables(corpus["course"].root / "gradebook.db")
    assert tables == _tables(fresh.root / "gradebook.db"), f"unexpected tables: {tables}"
    with sqlite3.connect(corpus["course"].root / "gradebook.db") as con:
        manual = con.execute("SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL").fetchone()[0]
    assert manual == 0, "a submission wrote manual scores into the gradebook"


@needs_sandbox
def test_no_process_outlives_grading(corpus):
    left = subprocess.run(["pgrep", "-af", corpus["marker"]], capture_output=True, text=True).stdout.strip()
    assert not left, f"processes started by submissions are still running:\n{left}"


@needs_sandbox
def test_command_reports_unreadable_submissions_and_exits_non_zero(corpus, capsys):
    course = corpus["course"]
    code = main(["07_rbf", "--root", str(course.root), "--workers", "1", "--student", "07-invalid-json",
                 "--student", "07-blank"])
    out = capsys.readouterr().out
    assert code == 1
    assert "[unreadable] 07-invalid-json: 07_rbf.ipynb: not a readable notebook" in out
    assert "1 graded, 1 could not be graded" in out


# --- the corpus has teeth: without the defences these cheats score -----------------------------------

@needs_sandbox
def test_without_sandbox_and_guard_the_cheats_would_score(tmp_path):
    course = _course(tmp_path / "open", ["07_rbf"],
                     FAST_LIMITS + "c.SandboxedExecute.sandbox = False\nc.SandboxedExecute.guard = False\n")
    release, source = _release_and_source(course, "07_rbf")
    cheats = {c.student: c for c in build_corpus(release, source, "07_rbf", str(course.root), "teeth")
              if c.student in ("07-patch-checks", "07-shadow-globals", "07-read-solutions")}
    for case in cheats.values():
        course.submit("07_rbf", case.student, {"07_rbf.ipynb": case.notebook})
    results = {r.student: r for r in grade_class("07_rbf", root=course.root, workers=2, unsandboxed=True)}
    scores = {s: results[s].score for s in cheats}
    assert all(score and score > 0 for score in scores.values()), f"cheats should score without defences: {scores}"
    assert scores["07-read-solutions"] == sum(autograded_points(release).values())


# --- parallel equals serial ---------------------------------------------------------------------------

def _wrong_answers(name):
    spec = importlib.util.spec_from_file_location(f"wrong_{name}", ROOT / "tests" / "wrong_answers" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WRONG_ANSWERS


@needs_sandbox
def test_parallel_grading_gives_the_same_scores_as_serial_nbgrader(tmp_path):
    course = _course(tmp_path / "eq", ["07_rbf"])
    release, source = _release_and_source(course, "07_rbf")
    good = solved(release, source)
    subs = {"solution": good, "blank": release}
    for i, wrong in enumerate(_wrong_answers("07_rbf")[:3]):
        subs[f"wrong{i}"] = replace_cell(good, wrong["cell"], wrong["source"])
    extra = {c.student: c.notebook for c in build_corpus(release, source, "07_rbf", str(course.root), "eq")
             if c.student in ("07-exit-middle", "07-patch-checks")}
    subs.update(extra)
    for student, nb in subs.items():
        course.submit("07_rbf", student, {"07_rbf.ipynb": nb})
    grade_class("07_rbf", root=course.root, workers=2)
    parallel = course.scores("07_rbf")
    course.autograde("07_rbf")  # the stock command, one submission after another
    serial = course.scores("07_rbf")
    assert parallel == serial
    total = sum(autograded_points(release).values())
    assert sum(v[0] or 0 for v in parallel["solution"].values()) == total
    assert sum(v[0] or 0 for v in parallel["blank"].values()) == 0
    assert all(sum(v[0] or 0 for v in parallel[f"wrong{i}"].values()) < total for i in range(3))


# --- refusing to run unsandboxed ------------------------------------------------------------------------

def test_refuses_to_grade_without_a_sandbox_unless_allowed(tmp_path, monkeypatch, capsys):
    course = _course(tmp_path / "nosandbox", ["07_rbf"])
    release, source = _release_and_source(course, "07_rbf")
    course.submit("07_rbf", "ann", {"07_rbf.ipynb": solved(release, source)})
    monkeypatch.setenv("COURSE_BWRAP", "/nonexistent/bwrap")
    assert main(["07_rbf", "--root", str(course.root), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "bubblewrap (bwrap) is not installed" in err and "--unsandboxed" in err
    assert not (course.root / "autograded" / "ann").exists()
    # stock nbgrader with the course's configuration refuses too
    with pytest.raises(RuntimeError, match="SandboxUnavailable"):
        course.autograde("07_rbf")
    assert main(["07_rbf", "--root", str(course.root), "--workers", "1", "--unsandboxed"]) == 0
    assert sum(v[0] or 0 for v in course.scores("07_rbf")["ann"].values()) == sum(autograded_points(release).values())


# --- PostgreSQL gradebook ---------------------------------------------------------------------------------

@pytest.fixture
def postgres_url():
    base = os.environ.get("COURSE_TEST_POSTGRES_URL")
    if not base:
        if os.environ.get("CI") or os.environ.get("COURSE_REQUIRE_POSTGRES"):
            pytest.fail("COURSE_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL with .ci/start-postgres")
        pytest.skip("no PostgreSQL server (run `eval \"$(.ci/start-postgres)\"` to start one)")
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
def test_whole_flow_on_a_postgresql_gradebook(tmp_path, postgres_url):
    course = _course(tmp_path / "pg", ["07_rbf"], db_url=postgres_url)
    release, source = _release_and_source(course, "07_rbf")
    good = solved(release, source)
    wrong = _wrong_answers("07_rbf")[0]
    subs = {"ann": good, "bob": release, "cat": replace_cell(good, wrong["cell"], wrong["source"])}
    subs["dan"] = next(c.notebook for c in build_corpus(release, source, "07_rbf", str(course.root), "pg")
                       if c.student == "07-exit-middle")
    for student, nb in subs.items():
        course.submit("07_rbf", student, {"07_rbf.ipynb": nb})
    results = {r.student: r for r in grade_class("07_rbf", root=course.root, workers=2)}
    assert all(r.status == "graded" for r in results.values())
    total = sum(autograded_points(release).values())
    assert results["ann"].score == total and results["bob"].score == 0 and 0 < results["cat"].score < total
    course.nbgrader("generate_feedback", "07_rbf", "--force")
    feedback = (course.root / "feedback" / "cat" / "07_rbf" / "07_rbf.html").read_text()
    assert "expected" in feedback and "found" in feedback
    course.nbgrader("export", "--to", str(tmp_path / "grades.csv"))
    with open(tmp_path / "grades.csv") as fh:
        rows = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(fh)}
    assert rows == {s: results[s].score for s in subs}
    assert not (course.root / "gradebook.db").exists(), "the sqlite default was used instead of PostgreSQL"
