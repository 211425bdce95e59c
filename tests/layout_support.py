"""Course layouts for the grading tests: where the course lives, how the course package is installed, and
which account grades it.

Three layouts, as instructors run the course:

``repository``
    the course *is* a checkout of the repository (``nbgrader_config.py`` at its top, ``helpers/`` and
    ``instructor/`` imported from it);
``installed``
    the course directory is elsewhere (``/srv/course``-like) with its own copy of ``nbgrader_config.py``,
    and the course package is installed into the environment, not editable (``pip install --target``);
``hub``
    the course lives in a grader account's home with an nbgrader exchange beside it (``Exchange.root``),
    holding the release and other students' submissions, as on a JupyterHub; the package is the
    repository's editable install.

Each is graded by two accounts: ``root`` (the sandbox drops student code to an unprivileged uid of its own)
and ``grader``, an ordinary account (``course-grader``, created when the tests run as root; the current user
otherwise). The grader account runs a Python it can read: the system interpreter of the same version, in a
small virtual environment whose ``.pth`` adds this environment's packages (the development interpreter may
live under ``/root``).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import system_support

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ("repository", "installed", "hub")
USERS = ("root", "grader")
GRADER = "course-grader"
SITE = Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))


@dataclass
class Account:
    name: str
    uid: int
    gid: int
    home: Path


def grader_account() -> Account:
    """The unprivileged account that grades: ``course-grader`` (created as a system user when root)."""
    if os.geteuid() != 0:
        entry = pwd.getpwuid(os.getuid())
        return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))
    try:
        entry = pwd.getpwnam(GRADER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--create-home", "--home-dir", f"/home/{GRADER}",
                        "--shell", "/usr/sbin/nologin", GRADER], check=True, capture_output=True)
        entry = pwd.getpwnam(GRADER)
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid, home)


def root_account() -> Account | None:
    return Account("root", 0, 0, Path("/root")) if os.geteuid() == 0 else None


def _readable_by_others(path: Path) -> bool:
    """True when every folder above ``path`` lets other users through and ``path`` is readable."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & 0o001 and parent != path:
            return False
    return bool(path.stat().st_mode & 0o004)


def make_python(folder: Path, paths: list[Path], process_sites: bool) -> Path:
    """A virtual environment in ``folder`` made from the system interpreter of this Python's version, with
    ``paths`` on its module path (``process_sites``: as site folders, so that their ``.pth`` files, the
    editable install's finder among them, are read). Returns its ``python``. Skips (fails in CI) when
    there is no such interpreter."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    system = Path(f"/usr/bin/python{version}")
    if not system.exists():
        system_support.skip_or_fail(f"no system Python {version} (/usr/bin/python{version}) for the grader account")
    subprocess.run([str(system), "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    site = folder / "lib" / f"python{version}" / "site-packages"
    lines = [f"import site; site.addsitedir({str(p)!r})" if process_sites else str(p) for p in paths]
    (site / "course-paths.pth").write_text("\n".join(lines) + "\n")
    # nbgrader runs `alembic` by name; the environment's own script points at the development interpreter.
    alembic = folder / "bin" / "alembic"
    alembic.write_text(f"#!{folder / 'bin' / 'python'}\nfrom alembic.config import main\nmain()\n")
    alembic.chmod(0o755)
    return folder / "bin" / "python"


def install_package(target: Path) -> Path:
    """The course package (``helpers``, ``instructor``) installed into ``target``, not editable."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-compile", "--target", str(target), str(ROOT)], check=True, capture_output=True,
                   timeout=600)
    assert (target / "instructor" / "autograde.py").exists() and not (target / "solutions").exists()
    return target


@dataclass
class Course:
    layout: str
    user: Account
    root: Path           # CourseDirectory.root
    cwd: Path            # where the grader runs
    python: Path
    exchange: Path | None = None
    env: dict = field(default_factory=dict)

    def run(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        env = {"PATH": f"{self.python.parent}:/usr/local/bin:/usr/bin:/bin", "HOME": str(self.user.home),
               "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "3", "COURSE_QUIET": "1", "PYTHONHASHSEED": "0",
               "OMP_WAIT_POLICY": "PASSIVE", **self.env}
        cmd = [str(self.python), *args]
        if self.user.uid != os.geteuid():
            cmd = ["runuser", "-u", self.user.name, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()), *cmd]
            env = None
        else:
            env = dict(env)
        return subprocess.run(cmd, cwd=self.cwd, env=env, capture_output=True, text=True, timeout=timeout)

    def nbgrader(self, *args: str) -> subprocess.CompletedProcess:
        proc = self.run("-m", "nbgrader", *args)
        if proc.returncode != 0:
            raise RuntimeError(f"[{self.layout}/{self.user.name}] nbgrader {' '.join(args)} failed:\n"
                               f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        return proc

    def grade(self, assignment: str, out: Path, *extra: str) -> dict[str, dict]:
        """``python -m instructor.autograde`` as this layout's account; ``{student: result}`` from its JSON."""
        proc = self.run("-m", "instructor.autograde", assignment, "--root", str(self.root), "--workers", "2",
                        "--json", str(out), *extra)
        if not out.exists():
            raise RuntimeError(f"[{self.layout}/{self.user.name}] grading wrote no results:\n"
                               f"{proc.stdout[-3000:]}\n{proc.stderr[-4000:]}")
        return {r["student"]: r for r in json.loads(out.read_text())}


def _own(path: Path, account: Account) -> None:
    for p in [path, *path.rglob("*")]:
        os.chown(p, account.uid, account.gid, follow_symlinks=False)


def build(layout: str, account: Account, base: Path, assignments: list[str], limits: str) -> Course:
    """A course of ``assignments`` in ``layout``, owned and graded by ``account``, with ``limits`` (nbgrader
    configuration lines) appended to its configuration; ``base`` is a scratch folder (it must let ``account``
    through)."""
    base.mkdir(parents=True, exist_ok=True)
    os.chmod(base, 0o755)
    env: dict[str, str] = {}
    exchange = None
    # The development interpreter for root; a system one for the grader account (it may not read /root).
    own_python = account.uid == 0 or _readable_by_others(Path(os.path.realpath(sys.executable)))
    if layout == "repository":
        root = base / "repo"
        root.mkdir()
        for part in ("helpers", "instructor", "data", "nbgrader_config.py", "pyproject.toml"):
            src = ROOT / part
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
        cwd = root
        python = Path(sys.executable) if own_python else make_python(base / "venv", [SITE], process_sites=False)
    elif layout == "installed":
        root = base / "srv-course"
        root.mkdir()
        shutil.copy2(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
        site = install_package(base / "site")
        cwd = root
        # The package first, then the environment's other packages, its editable finder unread.
        python = make_python(base / "venv", [site, SITE], process_sites=False)
    elif layout == "hub":
        root = account.home / f"course-{base.name}"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        exchange = base / "exchange"
        shutil.copy2(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
        with open(root / "nbgrader_config.py", "a") as fh:
            fh.write(f"c.Exchange.root = {str(exchange)!r}\n")
        cwd = root
        python = Path(sys.executable) if own_python else make_python(base / "venv", [SITE], process_sites=True)
    else:
        raise ValueError(f"layout must be one of {LAYOUTS}, got {layout!r}")
    with open(root / "nbgrader_config.py", "a") as fh:
        fh.write(limits)
    for name in assignments:
        shutil.copytree(ROOT / "solutions" / name, root / "solutions" / name)
    if account.uid != os.geteuid():
        _own(root, account)
    os.chmod(root, 0o700)  # as a grader keeps it: nobody else may look in
    return Course(layout, account, root, cwd, python, exchange, env)


def fill_exchange(course: Course, assignment: str, others: dict[str, str]) -> None:
    """Put the release in the exchange's outbound and ``others`` (student -> notebook JSON) in its inbound,
    laid out as nbgrader's exchange does."""
    assert course.exchange is not None
    outbound = course.exchange / "dl-course" / "outbound" / assignment
    outbound.mkdir(parents=True)
    shutil.copytree(course.root / "exercises" / assignment, outbound, dirs_exist_ok=True)
    for student, text in others.items():
        inbound = course.exchange / "dl-course" / "inbound" / f"{student}+{assignment}+2026-12-01 10:00:00.000000 UTC"
        inbound.mkdir(parents=True)
        (inbound / f"{assignment}.ipynb").write_text(text)
    for p in [course.exchange, *course.exchange.rglob("*")]:
        os.chmod(p, 0o777 if p.is_dir() else 0o644)


HUNT = textwrap.dedent('''\
    import glob, json, os, sys
    import helpers
    _starts = {os.getcwd(), os.path.dirname(helpers.__file__), os.path.expanduser("~"), "/home", "/srv", "/tmp",
               "/root", os.path.dirname(sys.executable)} | set(sys.path) | set(EXTRA)
    _seen, _found = set(), []
    for _start in _starts:
        _p = os.path.abspath(_start or ".")
        while True:                                   # every folder above each starting point
            for _depth in ("*", "*/*", "*/*/*", "*/*/*/*"):
                for _nb in glob.glob(os.path.join(_p, _depth, NAME)):
                    if _nb not in _seen:
                        _seen.add(_nb)
                        _found.append(_nb)
            if _p == "/":
                break
            _p = os.path.dirname(_p)
    print("notebooks found:", len(_found))
    for _nb in sorted(_found, key=lambda nb: "/solutions/" in nb):   # the instructor's source last: it wins
        try:
            _cells = json.load(open(_nb))["cells"]
        except Exception:
            continue
        for _cell in _cells:
            _src = "".join(_cell.get("source", ""))
            if _cell.get("cell_type") == "code" and _cell.get("metadata", {}).get("nbgrader", {}).get("solution") \\
                    and "NotImplementedError" not in _src:
                try:
                    exec(_src.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), globals())
                except Exception:
                    pass
    ''')


def hunt(extra: list[str], notebook: str) -> str:
    """A cheat cell: the filled-in answer cells of every copy of ``notebook`` (a file name) within four
    folders below any folder above the working directory, the course library, the home, ``sys.path`` or
    ``extra`` are executed, the instructor's source (a ``solutions/`` folder) last."""
    return f"EXTRA = {extra!r}\nNAME = {notebook!r}\n" + HUNT
