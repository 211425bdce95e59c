"""The sandbox hides whatever course it grades, in every layout, whoever grades (issue 23, item 1).

For each layout of ``tests/layout_support.py`` (the course is the repository; the course elsewhere with the
package installed, not editable; the course in a grader account's home beside an nbgrader exchange) and each
grading account (root; an ordinary account), a small class of one assignment is released with nbgrader and
graded with ``python -m instructor.autograde`` as that account (every assignment where the course really is
graded this way, on a hub by its grader account; ``01a_linear_algebra`` elsewhere, since what these cheats
reach depends on where the course is, not on the assignment). The class holds the solution and two
cheats that depend on where things are: one reads the solutions by the course's path and then runs every
filled-in notebook within reach of any folder above the working directory, the course library, the home,
``sys.path`` and the exchange (solutions, other students' submissions, the exchange's inbound); one writes
to the gradebook and outside its submission. (The blank release and the other cheats do not depend on the
layout: ``tests/test_autograde.py`` grades them.) The solution keeps every point; each cheat gets 0;
nothing of the course changes but what nbgrader writes; no file with the run's marker exists anywhere the
cheats tried; no process outlives grading.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import nbformat
import pytest

import layout_support as lay
import system_support
from corpus_support import (FAST_LIMITS, HONEST_LIMITS, Case, _answers_are, _gradebook, _read_solutions,
                            _setup_index, _with_answers, _with_cell,
                            _write_outside, course_files, gradebook_tables, needs_sandbox)
from instructor.course import autograded_points, solved

pytestmark = [needs_sandbox, pytest.mark.slow, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = "01a_linear_algebra"
TABLE = ROOT / "build" / "grading" / "layouts.md"


def _account(user: str) -> lay.Account:
    if user == "root":
        account = lay.root_account()
        if account is None:
            system_support.skip_or_fail("grading as root needs the tests to run as root")
        return account
    return lay.grader_account()


def _cases(release, source, course: lay.Course, marker: str, name: str = ASSIGNMENT) -> list[Case]:
    good = solved(release, source)
    full = float(sum(autograded_points(release).values()))
    setup = _setup_index(release)
    root = str(course.root)
    reach = [root] + ([str(course.exchange)] if course.exchange else [])
    return [
        Case("solution", "full", "the solution", good, full),
        # one submission for every route to someone else's answers: the course's solutions/ by its path,
        # then every filled-in notebook within reach (solutions, submitted/, the exchange's inbound)
        Case("hunt", "zero", "reads the solutions by path, then runs every filled-in notebook it can find "
             "from any folder above it (solutions, other students, the exchange)",
             _with_cell(_answers_are(release, _read_solutions(root)), lay.hunt(reach, f"{name}.ipynb"), setup)),
        Case("tamper", "zero", "writes to the gradebook and files outside its folder",
             _with_cell(_with_cell(_with_answers(release), _gradebook(root, marker), setup),
                        _write_outside(root, marker), setup)),
    ]


ALL = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())


def assignments_for(layout: str, user: str) -> list[str]:
    """Every assignment where a class is really graded like this (a hub, by its grader account); elsewhere
    one: what these cheats reach depends on where the course is, not on what an assignment asks."""
    return ALL if (layout, user) == ("hub", "grader") else [ASSIGNMENT]


@pytest.mark.parametrize("user", lay.USERS)
@pytest.mark.parametrize("layout", lay.LAYOUTS)
def test_cheats_get_nothing_in_every_layout(layout, user):
    account = _account(user)
    base = Path(tempfile.mkdtemp(prefix=f"layout-{layout}-{user}-", dir="/tmp"))
    marker = f"layout-{uuid.uuid4().hex[:10]}"
    names = assignments_for(layout, user)
    course = None
    try:
        course = lay.build(layout, account, base, names, HONEST_LIMITS)
        cases = {}
        for name in names:
            course.nbgrader("generate_assignment", name, "--force", "--create")
            release = nbformat.read(course.root / "exercises" / name / f"{name}.ipynb", as_version=4)
            source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
            cases[name] = _cases(release, source, course, marker, name)
            for case in cases[name]:
                folder = course.root / "submitted" / case.student / name
                folder.mkdir(parents=True)
                nbformat.write(case.notebook, folder / f"{name}.ipynb")
            if course.exchange is not None:
                lay.fill_exchange(course, name, {"zoe": nbformat.writes(solved(release, source))})
        if account.uid != os.geteuid():
            lay._own(course.root, account)
        before, tables = course_files(course.root, skip_bytecode=True), gradebook_tables(course.root / "gradebook.db")
        out = base / "out"
        out.mkdir()
        os.chown(out, account.uid, account.gid)

        rows = []
        problems = []
        for name in names:
            results = course.grade(name, out / f"{name}.json")
            for case in cases[name]:
                r = results.get(case.student)
                score = None if r is None else r["score"]
                expected = case.expect if case.kind == "full" else 0.0
                rows.append(f"| {layout} | {account.name} | {name} | {case.student} | {expected:g} | {score} |")
                if score != expected:
                    problems.append(f"{name} {case.student} ({case.what}): expected {expected:g}, got {score} "
                                    f"({r and r['status']}, {r and r['notes']})")
        _record(rows)
        assert not problems, f"[{layout}, graded by {account.name}]\n" + "\n".join(problems)

        assert course_files(course.root, skip_bytecode=True) == before, (
            "grading changed course files outside autograded/")
        assert gradebook_tables(course.root / "gradebook.db") == tables, "a submission added a table to the gradebook"
        tried = [course.root, course.root / "solutions", Path("/tmp"), account.home, course.root.parent.parent]
        left = [str(p) for d in tried if d.is_dir() for p in d.glob(f"{marker}*")]
        assert not left, f"files written outside the sandbox: {left}"
        procs = subprocess.run(["pgrep", "-af", marker], capture_output=True, text=True).stdout.strip()
        assert not procs, f"processes outlived grading: {procs}"
    finally:
        if course is not None and course.layout == "hub":
            shutil.rmtree(course.root, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)


def _record(rows: list[str]) -> None:
    """Append rows to ``build/grading/layouts.md`` (the closing note's table)."""
    TABLE.parent.mkdir(parents=True, exist_ok=True)
    if not TABLE.exists():
        TABLE.write_text("| layout | graded by | assignment | submission | expected | score |\n"
                         "|---|---|---|---|---:|---:|\n")
    with open(TABLE, "a") as fh:
        fh.write("\n".join(rows) + "\n")


def test_the_hunt_takes_everything_without_the_sandbox():
    """The cheat above has teeth: graded without the sandbox, in the layout where the course is not the
    repository, it finds the solutions and scores (what a grader account once gave it)."""
    account = _account("root")
    base = Path(tempfile.mkdtemp(prefix="layout-teeth-", dir="/tmp"))
    try:
        course = lay.build("installed", account, base, [ASSIGNMENT], FAST_LIMITS)
        with open(course.root / "nbgrader_config.py", "a") as fh:
            fh.write("c.SandboxedExecute.sandbox = False\n")
        course.nbgrader("generate_assignment", ASSIGNMENT, "--force", "--create")
        release = nbformat.read(course.root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        source = nbformat.read(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        hunt = next(c for c in _cases(release, source, course, "teeth") if c.student == "hunt")
        folder = course.root / "submitted" / hunt.student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(hunt.notebook, folder / f"{ASSIGNMENT}.ipynb")
        results = course.grade(ASSIGNMENT, base / "results.json")
        assert results["hunt"]["score"] == sum(autograded_points(release).values()), results["hunt"]
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_sandbox_tests_pass_for_an_ordinary_account():
    """``tests/test_sandbox.py`` (what the sandbox lets code read, write, start and reach), run by the grader
    account rather than root: the path an instructor grading without root takes, with user namespaces and
    no uid to drop to. (When the suite itself runs as an ordinary user, it has just run them that way.)"""
    if os.geteuid() != 0:
        pytest.skip("the suite runs as an ordinary user: tests/test_sandbox.py ran as one")
    account = lay.grader_account()
    base = Path(tempfile.mkdtemp(prefix="layout-sandbox-", dir="/tmp"))
    os.chmod(base, 0o755)
    try:
        python = lay.make_python(base / "venv", [lay.SITE], process_sites=True)
        (base / "pytest").mkdir()
        os.chown(base / "pytest", account.uid, account.gid)
        env = {"PATH": f"{python.parent}:/usr/bin:/bin", "HOME": str(account.home), "LANG": "C.UTF-8",
               "CI": os.environ.get("CI", ""), "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(
            ["runuser", "-u", account.name, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
             str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
             f"--basetemp={base / 'pytest' / 'tmp'}", "tests/test_sandbox.py"],
            cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0 and " passed" in proc.stdout and "skipped" not in proc.stdout, (
            proc.stdout[-4000:] + proc.stderr[-2000:])
    finally:
        shutil.rmtree(base, ignore_errors=True)
