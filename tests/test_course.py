"""nbgrader plumbing: cell roles, filled-in submissions, and the committed release being in sync."""

from __future__ import annotations

import csv
import os
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from instructor import course
from system_support import grade_unsandboxed


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


def test_no_stray_release_folder():
    """exercises/ holds only assignments of solutions/ (each one's content is compared with the release the
    grading round trip generates: tests/test_grading.py::test_committed_release_matches_the_generated_one)."""
    problems = course.stray_releases()
    assert not problems, "\n".join(problems)


def test_compare_release_names_each_difference(tmp_path):
    fresh, dest = tmp_path / "fresh", tmp_path / "exercises"
    (fresh).mkdir()
    (dest / "a").mkdir(parents=True)
    nb = toy()
    nbformat.write(nb, fresh / "a.ipynb")
    (fresh / "data.csv").write_text("x\n1\n")
    nbformat.write(nb, dest / "a" / "a.ipynb")
    (dest / "a" / "old.txt").write_text("stale")
    assert course.compare_release("a", fresh, dest) == [
        "exercises/a/data.csv: missing (run `python -m instructor.course release`)",
        "exercises/a/old.txt: not produced by generation (delete it)"]
    changed = nbformat.from_dict(nb)
    changed.cells[1].source = "def f(x):\n    raise NotImplementedError()"
    nbformat.write(changed, dest / "a" / "a.ipynb")
    (fresh / "data.csv").unlink()
    (dest / "a" / "old.txt").unlink()
    assert course.compare_release("a", fresh, dest) == [
        "exercises/a/a.ipynb: differs from what solutions/ generates (run `python -m instructor.course release a`)"]


def test_release_folder_is_not_empty_for_each_assignment():
    for name in course.assignments():
        notebooks = list((course.RELEASE / name).glob("*.ipynb"))
        assert notebooks, f"exercises/{name} has no notebook (run `make release`)"
        nb = nbformat.read(notebooks[0], as_version=4)
        assert any("raise NotImplementedError()" in c.source for c in nb.cells)


@pytest.mark.slow
def test_library_noise_on_stderr_does_not_zero_a_test_cell(tmp_path):
    """nbgrader zeroes a test cell with stderr output; our config drops known library noise only."""
    source = tmp_path / "src"
    (source / "noise").mkdir(parents=True)
    nb = toy()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    noisy = (
        "import sys, warnings\n"
        "sys.stderr.write('W0000 00:00:1700000000.000000 1234 cpu_feature_guard.cc:210] This TensorFlow "
        "binary is optimized to use available CPU instructions\\n')\n"
        "warnings.warn('this API is deprecated', UserWarning)\n"
        "sys.stderr.write('epoch 3: 100%|##########| 10/10 [00:01<00:00, 9.1it/s]\\n')\n"
        "assert f(2) == 4"
    )
    nb.cells.insert(3, new_code_cell(noisy, metadata=meta("test_noisy", grade=True, locked=True, points=1)))
    honest = "import sys\nsys.stderr.write('something the student printed to stderr\\n')\nassert f(3) == 6"
    nb.cells.insert(4, new_code_cell(honest, metadata=meta("test_stderr", grade=True, locked=True, points=1)))
    nbformat.write(nb, source / "noise" / "noise.ipynb")
    cdir = course.CourseDir(tmp_path / "course", ["noise"], source=source, unsandboxed=grade_unsandboxed())
    release = nbformat.read(cdir.generate("noise") / "noise.ipynb", as_version=4)
    cdir.submit("noise", "student", {"noise.ipynb": course.solved(release, nb)})
    cdir.api("autograde", "noise", "*", force=True, create=True)
    scores = cdir.scores("noise")["student"]
    assert scores["test_f"] == (2.0, 2.0)
    assert scores["test_noisy"] == (1.0, 1.0), "library noise on stderr zeroed a passing test cell"
    # Anything else on stderr keeps nbgrader's rule (zero), so the filter is not a blanket pass.
    assert scores["test_stderr"] == (0.0, 1.0)
    # nbgrader's API in this process: a failure raises with nbgrader's log, and the environment is restored
    before = dict(os.environ)
    with pytest.raises(RuntimeError, match=r"NbGraderAPI.autograde\('noise', 'nobody'\) failed"):
        cdir.api("autograde", "noise", "nobody", force=True, create=True)
    assert dict(os.environ) == before
    cdir.export(tmp_path / "grades.csv")
    rows = list(csv.DictReader(open(tmp_path / "grades.csv")))
    assert [(r["student_id"], float(r["score"])) for r in rows] == [("student", 3.0)]


def _regions(text: str, begin: str, end: str) -> list[str]:
    out, inside, current = [], False, []
    for line in text.splitlines():
        if line.strip() == begin:
            inside, current = True, []
        elif line.strip() == end and inside:
            inside = False
            out.append("\n".join(current))
        elif inside:
            current.append(line)
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_student_edition_leaks_no_solution_and_no_hidden_test(tmp_path):
    """No hidden test and no solution block appears anywhere in what students receive.

    A hidden test region is flagged whatever its size. A solution region is flagged when it is a block
    (three or more code lines): a one-line formula that the lecture teaches (a derivative, say) is course
    content, not a leak, while a whole solution appearing verbatim would be.
    """
    dest = tmp_path / "edition"
    files = course.student_edition(dest)
    assert files and (dest / "README.md").exists() and (dest / "exercises").is_dir()
    assert not (dest / "solutions").exists() and not (dest / "tests").exists()
    corpus = []
    for path in files:
        if path.suffix == ".ipynb":
            corpus.extend(c.source for c in nbformat.read(path, as_version=4).cells)
        else:
            corpus.append(path.read_text(errors="ignore"))
    corpus = _squash("\n".join(corpus))
    leaked = []
    for nb_path in sorted(course.SOURCE.glob("*/*.ipynb")):
        for cell in nbformat.read(nb_path, as_version=4).cells:
            solutions = _regions(cell.source, "### BEGIN SOLUTION", "### END SOLUTION")
            secret = [r for r in solutions if sum(bool(line.strip()) for line in r.splitlines()) >= 3]
            secret += _regions(cell.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
            for region in secret:
                squashed = _squash(region)
                if len(squashed) >= 40 and squashed in corpus:
                    leaked.append(f"{nb_path.name}: {squashed[:80]}...")
    assert not leaked, "solution or hidden-test text found in the student edition:\n" + "\n".join(leaked)


def test_student_edition_stands_without_the_instructor_package(tmp_path):
    """The edition has no instructor package, and nothing in it needs one: its nbgrader configuration loads
    (Validate reads it), its pyproject.toml packages only `helpers`, and `make lab` finds every file it needs."""
    import subprocess
    import tomllib

    dest = tmp_path / "edition"
    files = course.student_edition(dest)
    assert not (dest / "instructor").exists()
    for path in files:
        if path.suffix in (".py", ".toml", ".cfg", ".txt", ".yml") or path.name == "Makefile":
            lines = path.read_text(errors="ignore").splitlines()
            code = "\n".join(ln for ln in lines if not ln.lstrip().startswith("#"))
            assert not re.search(r"\binstructor[./](?!mk\b)", code), (
                f"{path.relative_to(dest)} refers to the instructor package")
    config_text = (dest / "nbgrader_config.py").read_text()
    assert "ClearSolutions" in config_text and "IgnorePattern" in config_text
    from traitlets.config import Config

    config = Config()
    namespace = {"get_config": lambda: config, "__file__": str(dest / "nbgrader_config.py")}
    exec(compile(config_text, "nbgrader_config.py", "exec"), namespace)
    assert config.CourseDirectory.release_directory == "exercises"
    project = tomllib.loads((dest / "pyproject.toml").read_text())
    assert project["tool"]["setuptools"]["packages"] == ["helpers"] and "scripts" not in project["project"]
    dry = subprocess.run(["make", "-n", "lab"], cwd=dest, capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stdout + dry.stderr


def test_student_edition_holds_no_instructor_tooling(tmp_path):
    """Only the students' side: no instructor make targets, tools, tests, CI or wrong answers; Binder's
    configuration and the one tool the students' Makefile runs are there."""
    dest = tmp_path / "edition"
    files = {p.relative_to(dest).as_posix() for p in course.student_edition(dest)}
    assert "tools/phase.py" in files and "binder/postBuild" in files and "Makefile" in files
    forbidden = ("instructor.mk", "tools/lock.py", "tools/system-deps.sh", ".ci/", "tests/", "solutions/",
                 "instructor/", "benchmarks/", "wrong_answers", "course.toml")
    leaked = sorted(f for f in files if any(f == x or f.startswith(x) or x in f for x in forbidden))
    assert not leaked, f"instructor files in the student edition: {leaked}"


def test_publish_commits_the_edition_to_a_branch_once(tmp_path):
    """`python -m instructor.course publish` commits the edition as the next commit of a branch; publishing
    again with nothing changed adds no commit; the repository's working tree is not touched."""
    import subprocess

    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    first = course.publish_student_edition(repo=repo, branch="student")
    assert first and course.publish_student_edition(repo=repo, branch="student") is None
    listed = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "student"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "exercises/01_introduction/01_introduction.ipynb" in listed and "README.md" in listed
    assert not any(p.startswith(("solutions/", "tests/", "instructor/")) for p in listed), listed
    readme = subprocess.run(["git", "-C", str(repo), "show", "student:README.md"], capture_output=True,
                            text=True, check=True).stdout
    assert readme == course.STUDENT_README
    assert not any(p.name != ".git" for p in repo.iterdir()), "publishing wrote into the working tree"


def test_student_edition_refuses_an_existing_folder(tmp_path):
    try:
        course.student_edition(tmp_path)
    except FileExistsError as err:
        assert str(tmp_path) in str(err)
    else:
        raise AssertionError("student_edition overwrote an existing folder")


def test_nbgraders_schema_head_is_asked_once_per_process(monkeypatch):
    """A new gradebook is stamped with nbgrader's schema head, which nbgrader gets from the `alembic` command
    (2-3 s); instructor.course remembers it after the first time."""
    import nbgrader.api

    calls = []
    original = getattr(nbgrader.api.get_alembic_version, "__wrapped__", nbgrader.api.get_alembic_version)
    monkeypatch.setattr(nbgrader.api, "get_alembic_version", original)
    monkeypatch.setattr(nbgrader.api.sp, "check_output", lambda *a, **k: calls.append(a) or b"abc123 (head)\n")
    course._cache_alembic_head()
    course._cache_alembic_head()
    assert nbgrader.api.get_alembic_version() == "abc123" == nbgrader.api.get_alembic_version()
    assert len(calls) == 1


def _lenient_zips(source: str) -> list[int]:
    """Line numbers of the `zip(...)` calls in ``source`` that do not pass ``strict=True``."""
    import ast
    return [n.lineno for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "zip"
            and not any(k.arg == "strict" and isinstance(k.value, ast.Constant) and k.value.value is True
                        for k in n.keywords)]


def test_lenient_zips_finds_a_zip_without_strict():
    assert _lenient_zips("for a, b in zip(x, y):\n    pass\nz = list(zip(p, q, strict=True))") == [1]
    assert _lenient_zips("pairs = zip(x, y, strict=False)") == [1]


def test_test_cells_zip_strictly():
    """A test cell that zips a student's results with what it expects must see every one of them: a result
    shorter than expected (or an object whose iterator is empty, the corpus's always-equal cheat) would otherwise
    pass the checks it skips."""
    found = []
    for name in course.assignments():
        (path,) = sorted((course.SOURCE / name).glob("*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade"):
                found += [f"{name} {cell.metadata['nbgrader']['grade_id']} line {n}"
                          for n in _lenient_zips(cell.source)]
    assert not found, "test cells zip without strict=True (expected strict zips):\n" + "\n".join(found)
