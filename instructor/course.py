"""nbgrader plumbing: generating the student release and grading in a scratch course directory.

Command line (from the repository root)::

    python -m instructor.course release            # regenerate exercises/ from solutions/
    python -m instructor.course release 02_ml_fundamentals
    python -m instructor.course check              # fail if exercises/ differs from a fresh generation
    python -m instructor.course student-edition DEST   # what students receive: no solutions, no hidden tests

The functions below drive the real nbgrader (``nbgrader generate_assignment`` / ``autograde``) in a
temporary course directory whose configuration loads the repository's ``nbgrader_config.py`` and only
moves the root and the gradebook. The tests use them for the grading round trip.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "solutions"
RELEASE = ROOT / "exercises"


def assignments(root: Path = ROOT) -> list[str]:
    """Names of the assignments: the folders of ``solutions/`` that hold a notebook."""
    src = Path(root) / "solutions"
    return sorted(p.name for p in src.iterdir() if p.is_dir() and any(p.glob("*.ipynb"))) if src.is_dir() else []


def _cache_alembic_head() -> None:
    """Let this process ask the ``alembic`` command for nbgrader's schema head once, not for every new gradebook.

    nbgrader stamps each gradebook it creates with the head revision of its own migrations, which it gets by
    running ``alembic heads`` in a subprocess (about 2-3 s: a Python start and alembic's import). The answer is
    a constant of the installed nbgrader, so it is remembered after the first call.
    """
    import nbgrader.api

    if not hasattr(nbgrader.api.get_alembic_version, "cache_info"):
        nbgrader.api.get_alembic_version = functools.lru_cache(maxsize=1)(nbgrader.api.get_alembic_version)


class CourseDir:
    """A throw-away nbgrader course directory configured like the repository.

    Parameters
    ----------
    path : Path
        An empty folder to build the course in.
    names : list of str
        Assignments to copy from ``solutions/``.
    db_url : str, optional
        Gradebook URL (default: a sqlite file inside ``path``).
    source : Path
        Where the assignments come from (default: the repository's ``solutions/``).
    unsandboxed : bool
        Let ``nbgrader autograde`` grade without the sandbox (``COURSE_UNSANDBOXED=1``). For the test suite
        on a machine without bubblewrap, where the round trips check the exercises, not the isolation.
    """

    def __init__(self, path: Path, names: list[str], db_url: str | None = None,
                 source: Path = SOURCE, unsandboxed: bool = False):
        self.root = Path(path)
        self.unsandboxed = bool(unsandboxed)
        self.db_url = db_url or f"sqlite:///{self.root / 'gradebook.db'}"
        (self.root / "solutions").mkdir(parents=True, exist_ok=True)
        for name in names:
            src = Path(source) / name
            if not src.is_dir():
                raise FileNotFoundError(f"no assignment {name!r} in {source}")
            shutil.copytree(src, self.root / "solutions" / name,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        (self.root / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            f"load_subconfig({str(ROOT / 'nbgrader_config.py')!r})\n"
            f"c.CourseDirectory.root = {str(self.root)!r}\n"
            f"c.CourseDirectory.db_url = {self.db_url!r}\n"
        )

    def _environment(self) -> dict[str, str]:
        """What nbgrader runs with: quiet libraries, fixed hashing for the kernels, the environment's bin/
        first on PATH (nbgrader runs the `alembic` script of its environment by name), and
        ``COURSE_UNSANDBOXED`` when this course grades without the sandbox."""
        env = {"TF_CPP_MIN_LOG_LEVEL": "3", "COURSE_QUIET": "1", "PYTHONHASHSEED": "0", "OMP_WAIT_POLICY": "PASSIVE",
               "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        if self.unsandboxed:
            env["COURSE_UNSANDBOXED"] = "1"
        return env

    def nbgrader(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run ``nbgrader ARGS`` in the course directory; raise with its log if it fails."""
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args], cwd=self.root, env=dict(os.environ, **self._environment()),
            capture_output=True, text=True, timeout=timeout,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"nbgrader {' '.join(args)} failed with exit code {proc.returncode}:\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
            )
        return proc

    def api(self, method: str, *args, **kwargs) -> dict:
        """Call ``NbGraderAPI.<method>(*args, **kwargs)`` on this course, in this process; raise with its log
        if it fails.

        The same converters as the ``nbgrader`` commands (``generate_assignment``, ``autograde``,
        ``generate_feedback``; a student id may be a glob such as ``"*"``), without starting a Python
        process and importing nbgrader for each command (about 2.5 s each). The environment of
        :meth:`nbgrader` is set for the call (the kernels inherit it) and restored afterwards.
        """
        from nbgrader.apps import NbGraderAPI
        from sqlalchemy.exc import SAWarning

        _cache_alembic_head()
        env = self._environment()
        saved = {key: os.environ.get(key) for key in env}
        os.environ.update(env)
        try:
            config, coursedir = self._config()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SAWarning)  # nbgrader's own ORM warnings, harmless
                outcome = getattr(NbGraderAPI(coursedir=coursedir, config=config), method)(*args, **kwargs)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        if not outcome.get("success"):
            raise RuntimeError(f"NbGraderAPI.{method}{args} failed:\n{(outcome.get('log') or '')[-3000:]}\n"
                               f"{(outcome.get('error') or '')[-5000:]}")
        return outcome

    def _config(self):
        """The course's nbgrader configuration (its ``nbgrader_config.py``) and ``CourseDirectory``."""
        from nbgrader.coursedir import CourseDirectory

        from .autograde import _load_config

        config = _load_config(self.root)
        return config, CourseDirectory(config=config)

    def export(self, dest: Path) -> Path:
        """What ``nbgrader export`` writes (its CSV plugin), in this process; returns ``dest``."""
        from nbgrader.api import Gradebook
        from nbgrader.plugins import CsvExportPlugin

        _, coursedir = self._config()
        with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
            CsvExportPlugin(to=str(dest)).export(gb)
        return Path(dest)

    def generate(self, name: str, *, command: bool = False) -> Path:
        """``generate_assignment`` through nbgrader's API in this process, or with ``command=True`` the
        ``nbgrader generate_assignment`` command an instructor types; returns the assignment's release folder."""
        if command:
            self.nbgrader("generate_assignment", name, "--force", "--create")
        else:
            self.api("generate_assignment", name, force=True, create=True)
        return self.root / "exercises" / name

    def submit(self, name: str, student: str, notebooks: dict[str, nbformat.NotebookNode]) -> None:
        """Place a student's notebooks (file name -> notebook) where ``nbgrader autograde`` looks."""
        folder = self.root / "submitted" / student / name
        folder.mkdir(parents=True, exist_ok=True)
        release = self.root / "exercises" / name
        for extra in release.iterdir() if release.is_dir() else []:
            if extra.suffix != ".ipynb" and extra.is_file():
                shutil.copy2(extra, folder / extra.name)
        for filename, nb in notebooks.items():
            if isinstance(nb, (bytes, str)):
                (folder / filename).write_text(nb if isinstance(nb, str) else nb.decode())
            else:
                nbformat.write(nb, folder / filename)

    def autograde(self, name: str, *extra: str) -> subprocess.CompletedProcess:
        return self.nbgrader("autograde", name, "--force", *extra)

    def scores(self, name: str) -> dict[str, dict[str, tuple[float | None, float]]]:
        """Automatic scores read from the gradebook: ``{student: {grade_id: (auto_score, max_score)}}``.

        ``auto_score`` is None for a written answer that waits for manual grading.
        """
        from nbgrader.api import Gradebook

        out: dict[str, dict[str, tuple[float | None, float]]] = {}
        with Gradebook(self.db_url) as gb:
            for submission in gb.find_assignment(name).submissions:
                cells = {}
                for nb in submission.notebooks:
                    for grade in nb.grades:
                        cells[grade.name] = (grade.auto_score, float(grade.max_score))
                out[submission.student.id] = cells
        return out


def cell_roles(nb) -> dict[str, str]:
    """Map each nbgrader cell's ``grade_id`` to its role.

    Roles: ``"answer"`` (an autograded solution cell: code the student writes), ``"test"`` (an autograded
    test cell), ``"written"`` (a manually graded answer), ``"task"``, ``"readonly"``.
    """
    roles = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader")
        if not meta or "grade_id" not in meta:
            continue
        if meta.get("task"):
            role = "task"
        elif meta.get("solution") and meta.get("grade"):
            role = "written"
        elif meta.get("solution"):
            role = "answer"
        elif meta.get("grade"):
            role = "test"
        else:
            role = "readonly"
        roles[meta["grade_id"]] = role
    return roles


def autograded_points(nb) -> dict[str, float]:
    """Points of each autograded test cell, by ``grade_id``."""
    return {
        cell.metadata.nbgrader["grade_id"]: float(cell.metadata.nbgrader.get("points", 0))
        for cell in nb.cells
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade")
        and not cell.metadata.nbgrader.get("solution")
    }


def strip_solution_markers(text: str) -> str:
    """Remove the ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines, keeping what is between them."""
    keep = [line for line in text.splitlines() if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(keep)


def solved(release_nb, source_nb):
    """The release notebook with every solution cell filled in as the source notebook solves it.

    This is what a student who solved everything submits (test cells stay as the release has them).
    """
    answers = {
        cell.metadata.nbgrader["grade_id"]: strip_solution_markers(cell.source)
        for cell in source_nb.cells
        if cell.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers and cell.metadata.nbgrader.get("solution"):
            cell.source = answers[gid]
    return nb


def replace_cell(nb, grade_id: str, source: str):
    """A copy of ``nb`` in which the cell ``grade_id`` has the given source."""
    new = nbformat.from_dict(json.loads(json.dumps(nb)))
    hits = [c for c in new.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id]
    if len(hits) != 1:
        raise KeyError(f"expected exactly one cell with grade_id {grade_id!r}, found {len(hits)}")
    hits[0].source = source
    return new


def _normalise(nb_path: Path) -> str:
    """A notebook's content with volatile fields removed, for comparing generations."""
    nb = json.loads(Path(nb_path).read_text())
    return json.dumps(nb, sort_keys=True, indent=1)


def generate_release(names: list[str] | None = None, dest: Path = RELEASE) -> list[str]:
    """Regenerate the release (student) version of ``names`` (default: all) into ``dest``."""
    names = names or assignments()
    dest = Path(dest)
    with tempfile.TemporaryDirectory(prefix="course-release-") as tmp:
        course = CourseDir(Path(tmp), names)
        for name in names:
            released = course.generate(name)
            target = dest / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(released, target)
    return names


def compare_release(name: str, fresh: Path, dest: Path = RELEASE) -> list[str]:
    """Differences between the committed release of ``name`` (``dest/name``) and a freshly generated one
    (the folder ``fresh``, e.g. what ``CourseDir.generate`` returned); empty list: in sync."""
    fresh, old_dir = Path(fresh), Path(dest) / name
    problems = []
    new_files = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    old_files = {p.relative_to(old_dir) for p in old_dir.rglob("*") if p.is_file()} if old_dir.is_dir() else set()
    for missing in sorted(new_files - old_files):
        problems.append(f"exercises/{name}/{missing}: missing (run `python -m instructor.course release`)")
    for extra in sorted(old_files - new_files):
        problems.append(f"exercises/{name}/{extra}: not produced by generation (delete it)")
    for common in sorted(new_files & old_files):
        a, b = fresh / common, old_dir / common
        same = _normalise(a) == _normalise(b) if common.suffix == ".ipynb" else a.read_bytes() == b.read_bytes()
        if not same:
            problems.append(f"exercises/{name}/{common}: differs from what solutions/ generates "
                            f"(run `python -m instructor.course release {name}`)")
    return problems


def stray_releases(names: list[str] | None = None, dest: Path = RELEASE) -> list[str]:
    """Folders of ``dest`` with no matching assignment in ``solutions/``."""
    names = names or assignments()
    committed = sorted(p.name for p in Path(dest).iterdir() if p.is_dir()) if Path(dest).is_dir() else []
    return [f"exercises/{extra}: no matching assignment in solutions/ (delete it)"
            for extra in sorted(set(committed) - set(names))]


def check_release(names: list[str] | None = None, dest: Path = RELEASE) -> list[str]:
    """Differences between the committed release and a fresh one (empty list: in sync)."""
    names = names or assignments()
    problems = stray_releases(names, dest)
    with tempfile.TemporaryDirectory(prefix="course-check-") as tmp:
        fresh = Path(tmp) / "fresh"
        generate_release(names, fresh)
        for name in names:
            problems += compare_release(name, fresh / name, dest)
    return problems


#: What the student edition holds: the lectures, the released exercises, the teaching library, the data, and
#: what installs and starts the course (the students' Makefile and the one tool it runs, the lock, Binder's
#: configuration). Not the instructor's make targets (instructor.mk), tools, tests, solutions or CI.
STUDENT_EDITION_PARTS = ("notebooks", "exercises", "helpers", "data", "pyproject.toml", "requirements.lock",
                         "environment.yml", "Makefile", "tools/phase.py", "binder", "nbgrader_config.py",
                         ".gitignore")
#: The line of nbgrader_config.py above which its settings concern students too (Validate); below it, the
#: grading executor, which lives in the instructor package and is not in the student edition.
GRADING_CONFIG_MARKER = "# --- instructor only: grading"
STUDENT_README = """# Deep learning course: student edition

This folder holds the lecture notebooks (`notebooks/`), the exercises (`exercises/`), the `helpers` package
(the course's library, which the notebooks import) and the data. It contains no solutions. Everything runs
on a laptop CPU with no internet connection once it is installed.

On Linux or macOS with Python 3.11 or newer and `make`:

```bash
make lab     # creates .venv, installs the course (CPU PyTorch), opens JupyterLab on notebooks/
make check   # the same set-up, then checks it: locked packages, the course library, nbgrader's Validate
```

The first run installs every package at the version the course was tested with (`requirements.lock`) into
`.venv/` (a few minutes); later runs reuse it. Without a local installation, open the course on Binder or
Google Colab from the links your instructor gives you.

Open a lecture notebook and run it top to bottom. Then open the chapter's exercise in `exercises/`, fill
in every `YOUR CODE HERE` / `YOUR ANSWER HERE`, and press **Validate** in the toolbar: it runs the notebook
and lists the visible tests that fail, with what was expected and what was found. Your instructor grades
with additional hidden tests, so make your code correct in general, not only for the visible examples.
See `data/README.md` for where the data comes from and its licences.
"""


def student_edition(dest: Path, root: Path = ROOT) -> list[Path]:
    """Copy what students should receive into ``dest`` (which must not exist yet); return the files.

    Included: lecture notebooks, the released exercises, the helpers package, the data and the files needed
    to install and start the course. Excluded: ``solutions/`` (solutions and hidden tests), ``tests/``
    (whose wrong answers and reference checks would hint at solutions), CI files and grading folders.
    """
    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(f"{dest} already exists; choose a new folder for the student edition")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "mnist", "fashion")
    dest.mkdir(parents=True)
    for part in STUDENT_EDITION_PARTS:
        src = Path(root) / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.is_file():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
        else:
            shutil.rmtree(dest)
            raise FileNotFoundError(f"{src} is missing: the student edition needs it (STUDENT_EDITION_PARTS)")
    (dest / "README.md").write_text(STUDENT_README)
    _student_configuration(dest)
    leaks = [p for p in dest.rglob("*.ipynb")
             if any(m in p.read_text(errors="ignore") for m in ("### BEGIN SOLUTION", "### BEGIN HIDDEN TESTS"))]
    if leaks:
        shutil.rmtree(dest)
        raise RuntimeError(f"solution or hidden-test markers found in {leaks}: regenerate exercises/ first")
    return sorted(p for p in dest.rglob("*") if p.is_file())


def publish_student_edition(repo: Path = ROOT, branch: str = "student", root: Path = ROOT) -> str | None:
    """Build the student edition and commit it as the next commit of ``branch`` in the git repository
    ``repo`` (created if missing; the working tree and the current branch are not touched). Returns the new
    commit, or None when the edition has not changed since the branch's last commit.

    The branch holds the student edition alone, so it is what students clone and what Binder and Colab
    open (:mod:`instructor.launch` points them at it); push it with ``git push origin student``.
    """
    def git(*args: str, env: dict | None = None, cwd: Path = repo, check: bool = True) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              env={**os.environ, **(env or {})})
        if check and done.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip() if done.returncode == 0 else ""

    git_dir = git("rev-parse", "--absolute-git-dir")
    source = git("rev-parse", "--short", "HEAD", cwd=root, check=False) or "?"
    with tempfile.TemporaryDirectory(prefix="student-edition-") as tmp:
        edition, index = Path(tmp) / "edition", Path(tmp) / "index"
        student_edition(edition, root)
        env = {"GIT_DIR": git_dir, "GIT_INDEX_FILE": str(index), "GIT_WORK_TREE": str(edition)}
        git("add", "--all", env=env, cwd=edition)
        tree = git("write-tree", env=env, cwd=edition)
    ref = f"refs/heads/{branch}"
    parent = git("rev-parse", "--verify", "--quiet", ref, check=False)
    if parent and git("rev-parse", f"{parent}^{{tree}}") == tree:
        return None
    identity = {} if git("config", "user.email", check=False) else {
        "GIT_AUTHOR_NAME": "course publisher", "GIT_AUTHOR_EMAIL": "course@localhost",
        "GIT_COMMITTER_NAME": "course publisher", "GIT_COMMITTER_EMAIL": "course@localhost"}
    commit = git("commit-tree", tree, *(["-p", parent] if parent else []),
                 "-m", f"Student edition, built from {source}", env=identity)
    git("update-ref", ref, commit, *([parent] if parent else []))
    return commit


def _student_configuration(dest: Path) -> None:
    """The edition's nbgrader_config.py without the grading part, and its pyproject.toml without the instructor
    package and its commands."""
    config = dest / "nbgrader_config.py"
    text = config.read_text()
    if GRADING_CONFIG_MARKER not in text:
        raise RuntimeError(f"nbgrader_config.py has no line starting {GRADING_CONFIG_MARKER!r}")
    config.write_text(text.split(GRADING_CONFIG_MARKER, 1)[0].rstrip() + "\n")
    project = dest / "pyproject.toml"
    text = project.read_text()
    text = re.sub(r"^packages = \[.*\]$", 'packages = ["helpers"]', text, count=1, flags=re.M)
    text = re.sub(r"^\[project\.scripts\]\n(?:[^\[\n].*\n|\n)*", "", text, flags=re.M)
    project.write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generate or check the student release in exercises/.")
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="regenerate exercises/ from solutions/")
    rel.add_argument("names", nargs="*", help="assignments (default: all)")
    chk = sub.add_parser("check", help="exit 1 if exercises/ differs from a fresh generation")
    chk.add_argument("names", nargs="*", help="assignments (default: all)")
    edition = sub.add_parser("student-edition", help="export what students receive (no solutions)")
    edition.add_argument("dest", type=Path, help="a folder that does not exist yet")
    publish = sub.add_parser("publish", help="commit the student edition to a branch of this repository")
    publish.add_argument("--branch", default="student", help="the branch (default: student)")
    args = parser.parse_args(argv)
    if args.command == "publish":
        commit = publish_student_edition(branch=args.branch)
        print(f"branch {args.branch}: " + (f"new commit {commit[:12]}; push it with `git push origin {args.branch}`"
                                           if commit else "already up to date"))
        return 0
    if args.command == "student-edition":
        files = student_edition(args.dest)
        print(f"wrote the student edition to {args.dest} ({len(files)} files, no solutions, no hidden tests)")
        return 0
    unknown = sorted(set(args.names) - set(assignments()))
    if unknown:
        parser.error(f"unknown assignment(s) {', '.join(unknown)}; known: {', '.join(assignments())}")
    if args.command == "release":
        done = generate_release(args.names or None)
        print(f"regenerated exercises/ for {', '.join(done)}")
        return 0
    problems = check_release(args.names or None)
    for p in problems:
        print(p)
    print("exercises/ is in sync with solutions/" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
