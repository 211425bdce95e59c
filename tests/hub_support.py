"""Support for tests/test_hub.py: a course hub started by ``deploy/hub/setup.sh`` on loopback ports, its
accounts, commands run as those accounts, the hub's REST API, and the load run's per-student worker.

The hub is installed into a fresh folder under /tmp (``HUB_PREFIX``, ``HUB_DATA``) with the development
environment's packages (``HUB_PYTHON_ENV=link:<site-packages>``: JupyterHub must be installed there), the
fixed-password test authenticator, and Unix accounts prefixed ``hub-`` (``hub-grader``, ``hub-instructor``,
``hub-student01``..., ``hub-load01``...), which are removed afterwards with their homes.

``python tests/hub_support.py load SPEC.json`` (run with the hub's Python, as root) is the load run's
worker: it imports nbgrader once, then forks one process per student, each of which drops to that
student's Unix account and, at the same moment as the others, checks its identity through the hub's REST
API, fetches the assignment and submits its answers with nbgrader's exchange classes (the configured
ones, as ``nbgrader fetch_assignment``/``submit``/``fetch_feedback`` run them), then fetches feedback until
it arrives. It prints one JSON line per student.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from browser_support import free_port

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "deploy" / "hub" / "setup.sh"
GRADER = "hub-grader"
INSTRUCTOR = "hub-instructor"
COURSE = "dl-course"
PREFIX = "hub-"


def site_packages() -> Path:
    return Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))


def remove_account(name: str) -> None:
    """Remove a ``hub-`` test account, its processes and its home."""
    assert name.startswith(PREFIX), name
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    subprocess.run(["pkill", "-KILL", "-U", str(uid)], capture_output=True)  # this account's processes only
    for _ in range(20):
        if subprocess.run(["userdel", "--remove", name], capture_output=True).returncode in (0, 6):
            break
        time.sleep(0.25)
    with contextlib.suppress(KeyError, subprocess.CalledProcessError):
        subprocess.run(["groupdel", name], capture_output=True)


@dataclass
class Hub:
    base: Path
    env: dict
    url: str
    passwords: dict
    students: list
    load_students: list
    log_lines: list = field(default_factory=list)

    # --- paths --------------------------------------------------------------------------------------------
    @property
    def prefix(self) -> Path:
        return Path(self.env["HUB_PREFIX"])

    @property
    def settings(self) -> dict:
        return json.loads((self.prefix / "etc" / "settings.json").read_text())

    @property
    def python(self) -> str:
        return str(self.prefix / "venv" / "bin" / "python")

    @property
    def exchange(self) -> Path:
        return Path(self.settings["exchange"]) / COURSE

    @property
    def course_dir(self) -> Path:
        return Path(self.settings["course_dir"])

    def log_tail(self, n: int = 20000) -> str:
        log = self.prefix / "log" / "jupyterhub.log"
        return log.read_text(errors="replace")[-n:] if log.exists() else ""

    # --- commands ---------------------------------------------------------------------------------------------
    def setup(self, *args: str, timeout: float = 1200) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", str(SETUP), *args], env={**os.environ, **self.env}, capture_output=True,
                              text=True, timeout=timeout)

    def as_user(self, user: str, *cmd: str, cwd: str | None = None, timeout: float = 900,
                input: str | None = None) -> subprocess.CompletedProcess:
        """``cmd`` as ``user`` (runuser, a clean environment, the hub's Python first on PATH)."""
        home = pwd.getpwnam(user).pw_dir
        env = ["env", "-i", f"HOME={home}", f"USER={user}", f"LOGNAME={user}", "LANG=C.UTF-8",
               f"PATH={Path(self.python).parent}:/usr/bin:/bin", "PYTHONHASHSEED=0"]
        return subprocess.run(["runuser", "-u", user, "--", *env, *cmd], cwd=cwd or home, capture_output=True,
                              text=True, timeout=timeout, input=input)

    def grader(self, *cmd: str, timeout: float = 1200) -> subprocess.CompletedProcess:
        return self.as_user(GRADER, *cmd, cwd=str(self.course_dir), timeout=timeout)

    def nbgrader(self, user: str, *args: str, cwd: str | None = None) -> subprocess.CompletedProcess:
        return self.as_user(user, self.python, "-m", "nbgrader", *args, cwd=cwd)

    # --- REST API ---------------------------------------------------------------------------------------------
    def api(self, method: str, path: str, body=None, token: str | None = None):
        token = token or (self.prefix / "etc" / "secrets" / "admin_token").read_text().strip()
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.url}/hub/api/{path.lstrip('/')}", data=data, method=method,
                                     headers={"Authorization": f"token {token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read()
            return json.loads(text) if text else None

    def feedback_log(self) -> list[dict]:
        path = Path(self.settings["feedback"]["course_dir"]) / "feedback-log.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def write_roster(path: Path, rows: list[dict]) -> None:
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["username", "first_name", "last_name", "email", "role", "password"])
        writer.writeheader()
        writer.writerows(rows)


@contextlib.contextmanager
def running_hub(n_students: int = 3, n_load: int = 30, feedback_min_interval: float = 20):
    """A hub set up and started by ``deploy/hub/setup.sh`` (the one command), stopped and removed after."""
    students = [f"{PREFIX}student{i:02d}" for i in range(1, n_students + 1)]
    load = [f"{PREFIX}load{i:02d}" for i in range(1, n_load + 1)]
    for name in [GRADER, INSTRUCTOR, *students, *load]:
        remove_account(name)  # leftovers of an interrupted run
    base = Path(tempfile.mkdtemp(prefix="course-hub-test-", dir="/tmp"))
    os.chmod(base, 0o755)
    passwords = {name: secrets.token_urlsafe(12) for name in [INSTRUCTOR, *students, *load]}
    names = {students[0]: ("Alan", "Turing"), students[1]: ("Grace", "Hopper"), students[2]: ("Edsger", "Dijkstra")}
    rows = [{"username": INSTRUCTOR, "first_name": "Ada", "last_name": "Lovelace", "email": "", "role": "instructor",
             "password": passwords[INSTRUCTOR]}]
    for name in [*students, *load]:
        first, last = names.get(name, ("Student", name))
        rows.append({"username": name, "first_name": first, "last_name": last, "email": "", "role": "student",
                     "password": passwords[name]})
    write_roster(base / "roster.csv", rows)
    port = free_port()
    env = {
        "HUB_PREFIX": str(base / "opt"), "HUB_DATA": str(base / "srv"), "HUB_GRADER": GRADER,
        "HUB_IP": "127.0.0.1", "HUB_PORT": str(port), "HUB_HUB_PORT": str(free_port()),
        "HUB_PROXY_API_PORT": str(free_port()), "HUB_SERVICE_PORT": str(free_port()),
        "HUB_PG_PORT": str(free_port()), "HUB_AUTH": "fixed", "HUB_PYTHON_ENV": f"link:{site_packages()}",
        # configurable-http-proxy from npm, kept between runs (build/ is git-ignored)
        "HUB_NODE_PREFIX": str(ROOT / "build" / "hub-node"), "HUB_ROSTER": str(base / "roster.csv"),
        "HUB_FEEDBACK_INTERVAL": "1", "HUB_FEEDBACK_MIN_INTERVAL": str(feedback_min_interval),
        "HUB_FEEDBACK_WORKERS": "2",
    }
    hub = Hub(base, env, f"http://127.0.0.1:{port}", passwords, students, load)
    try:
        t0 = time.monotonic()
        proc = hub.setup()
        hub.setup_seconds = time.monotonic() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"deploy/hub/setup.sh failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n"
                               f"{proc.stderr[-6000:]}\n--- hub log ---\n{hub.log_tail(6000)}")
        yield hub
    finally:
        with contextlib.suppress(Exception):
            hub.setup("stop", timeout=120)
        for name in [GRADER, INSTRUCTOR, *students, *load]:
            remove_account(name)
        shutil.rmtree(base, ignore_errors=True)


# ------------------------------------------------------------------------------------------- the load worker
def _load_config():
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    for folder in reversed(jupyter_config_path()):
        if os.path.exists(os.path.join(folder, "nbgrader_config.py")):
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    return config


def _exchange(kind: str, assignment: str, config):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeFactory

    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = assignment
    factory = ExchangeFactory(config=config)
    return getattr(factory, kind)(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)


def _student(spec: dict, student: dict, start_at: float, out) -> None:
    """In a forked child: become ``student``, and fetch, submit and wait for feedback."""
    entry = pwd.getpwnam(student["name"])
    os.setgroups(os.getgrouplist(entry.pw_name, entry.pw_gid))
    os.setgid(entry.pw_gid)
    os.setuid(entry.pw_uid)
    os.environ.update(HOME=entry.pw_dir, USER=entry.pw_name, LOGNAME=entry.pw_name)
    os.chdir(entry.pw_dir)
    os.umask(0o022)
    config = _load_config()
    assignment = spec["assignment"]
    record = {"student": student["name"], "kind": student["kind"]}
    while time.time() < start_at:
        time.sleep(0.01)
    t0 = time.time()
    # Who am I, according to the hub (REST API, with this student's own token)?
    req = urllib.request.Request(f"{spec['url']}/hub/api/user", headers={"Authorization": f"token {student['token']}"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        me = json.loads(resp.read())
    record["hub_user"] = me["name"]
    record["hub_groups"] = me.get("groups", [])
    _exchange("FetchAssignment", assignment, config).start()
    record["fetched_s"] = time.time() - t0
    shutil.copyfile(student["answers"], os.path.join(entry.pw_dir, assignment, f"{assignment}.ipynb"))
    _exchange("Submit", assignment, config).start()
    record["submitted_at"] = time.time()
    record["submitted_s"] = record["submitted_at"] - t0
    feedback_dir = Path(entry.pw_dir) / assignment / "feedback"
    deadline = time.time() + spec["feedback_timeout"]
    while time.time() < deadline:
        with contextlib.suppress(Exception):
            fetch = _exchange("FetchFeedback", assignment, config)
            fetch.log.setLevel("ERROR")
            fetch.start()
        found = list(feedback_dir.glob("*/*.html"))
        if found:
            record["feedback_at"] = time.time()
            record["feedback_latency_s"] = record["feedback_at"] - record["submitted_at"]
            record["feedback_file"] = str(found[0])
            break
        time.sleep(spec.get("poll", 2))
    out.write(json.dumps(record) + "\n")
    out.flush()


def load_main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text())
    import nbgrader.exchange.default  # noqa: F401 - imported once, before forking
    import nbgrader.auth  # noqa: F401
    import nbgrader.coursedir  # noqa: F401

    start_at = time.time() + spec.get("start_delay", 2)
    results = Path(spec["results"])
    children = []
    for student in spec["students"]:
        pid = os.fork()
        if pid == 0:
            code = 0
            with open(results.parent / f"{student['name']}.json", "w") as out:  # opened as root, then dropped
                try:
                    _student(spec, student, start_at, out)
                except BaseException as exc:  # noqa: BLE001 - reported by the parent
                    out.write(json.dumps({"student": student["name"], "error": f"{type(exc).__name__}: {exc}"}) + "\n")
                    code = 1
            os._exit(code)
        children.append(pid)
    failed = 0
    for pid in children:
        _, status = os.waitpid(pid, 0)
        failed += status != 0
    with open(results, "w") as fh:
        for student in spec["students"]:
            path = results.parent / f"{student['name']}.json"
            text = path.read_text().strip() if path.exists() else ""
            fh.write((text or json.dumps({"student": student["name"], "error": "no result"})) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "load":
        sys.exit(load_main(sys.argv[2]))
    print("usage: python tests/hub_support.py load SPEC.json", file=sys.stderr)
    sys.exit(2)
