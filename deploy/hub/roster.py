"""Accounts and course enrolments from a CSV roster (``deploy/hub/add-students roster.csv``, as root).

The CSV has a header row; ``username`` is required, ``first_name``, ``last_name``, ``email``, ``role``
(``student``, the default, or ``instructor``) and ``password`` are optional. For each row:

- a Unix account (``useradd --create-home --user-group``), its home made private (0700); with a
  ``password``, its Unix password (PAM) or, under the fixed-password test authenticator, its hash;
- the grader account joins the student's private group, so that released feedback can be made readable by
  that student only (``hub_exchange.restrict_feedback``);
- students: an nbgrader student in the gradebook (as the grader account) and membership of the hub's
  ``nbgrader-<course>`` group; instructors: the ``formgrade-<course>`` group (formgrader access);
- ``roster.json`` (read by ``jupyterhub_config.py`` at start) is updated, and when the hub is running the
  users and group memberships are also added through its REST API (the ``course-admin`` service's token).

Idempotent: rows already present are brought up to date, nothing is removed.
"""

from __future__ import annotations

import argparse
import csv
import grp
import hashlib
import json
import os
import pwd
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

NAME_OK = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


def load_settings(path: str | None) -> dict:
    path = path or os.environ.get("COURSE_HUB_SETTINGS") or "/opt/course-hub/etc/settings.json"
    return json.loads(Path(path).read_text())


def read_roster(csv_path: Path) -> list[dict]:
    with open(csv_path, newline="") as fh:
        rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]
    for row in rows:
        name = row.get("username", "")
        if not name or not set(name) <= NAME_OK or name[0] in "-." or len(name) > 32:
            raise SystemExit(f"invalid username {name!r} in {csv_path} (lower-case letters, digits, - _ .)")
        row["role"] = row.get("role") or "student"
        if row["role"] not in ("student", "instructor"):
            raise SystemExit(f"role of {name} must be student or instructor, not {row['role']!r}")
    return rows


def ensure_account(row: dict, settings: dict) -> bool:
    """The Unix account of ``row``; True when it was created now."""
    name = row["username"]
    created = False
    try:
        pwd.getpwnam(name)
    except KeyError:
        gecos = " ".join(x for x in (row.get("first_name"), row.get("last_name")) if x)
        subprocess.run(["useradd", "--create-home", "--user-group", "--shell", "/bin/bash", "--comment", gecos,
                        name], check=True, capture_output=True)
        created = True
    entry = pwd.getpwnam(name)
    os.chmod(entry.pw_dir, 0o700)
    if row.get("password"):
        if settings.get("authenticator") == "fixed":
            pass  # written all at once by write_passwords
        else:
            subprocess.run(["chpasswd"], input=f"{name}:{row['password']}\n", text=True, check=True)
    group = grp.getgrgid(entry.pw_gid).gr_name
    if settings["grader"] not in grp.getgrnam(group).gr_mem:
        subprocess.run(["usermod", "--append", "--groups", group, settings["grader"]], check=True,
                       capture_output=True)
    return created


def write_passwords(rows: list[dict], settings: dict) -> None:
    path = Path(settings["passwords_file"])
    hashes = json.loads(path.read_text()) if path.exists() else {}
    for row in rows:
        if row.get("password"):
            hashes[row["username"]] = hashlib.sha256(row["password"].encode()).hexdigest()
    old = os.umask(0o077)
    try:
        path.write_text(json.dumps(hashes, indent=1))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)


def enrol_in_gradebook(students: list[dict], settings: dict) -> None:
    """nbgrader students in the course's gradebook, written as the grader account (the only database role)."""
    if not students:
        return
    payload = json.dumps([{k: r.get(k) or None for k in ("username", "first_name", "last_name", "email")}
                          for r in students])
    code = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "from traitlets.config.loader import PyFileConfigLoader\n"
        "cfg = PyFileConfigLoader('nbgrader_config.py', path='.').load_config()\n"
        "with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:\n"
        "    for s in json.loads(sys.stdin.read()):\n"
        "        gb.update_or_create_student(s['username'], first_name=s['first_name'],\n"
        "                                    last_name=s['last_name'], email=s['email'])\n"
    )
    grader = pwd.getpwnam(settings["grader"])
    env = ["env", "-i", f"HOME={grader.pw_dir}", "LANG=C.UTF-8",
           f"PATH={Path(settings['python']).parent}:/usr/bin:/bin"]
    subprocess.run(["runuser", "-u", settings["grader"], "--", *env, settings["python"], "-c", code],
                   input=payload, text=True, check=True, cwd=settings["course_dir"], capture_output=True)


def update_roster_file(rows: list[dict], settings: dict) -> dict:
    path = Path(settings["roster"])
    roster = json.loads(path.read_text()) if path.exists() else {"students": [], "instructors": []}
    for row in rows:
        key = "students" if row["role"] == "student" else "instructors"
        if row["username"] not in roster[key]:
            roster[key].append(row["username"])
    roster = {k: sorted(v) for k, v in roster.items()}
    path.write_text(json.dumps(roster, indent=1))
    os.chmod(path, 0o644)
    return roster


def hub_api(settings: dict, method: str, path: str, body=None):
    token = Path(settings["admin_token_file"]).read_text().strip()
    url = f"http://{settings.get('ip') or '127.0.0.1'}:{settings['port']}/hub/api/{path.lstrip('/')}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        text = resp.read()
        return json.loads(text) if text else None


def update_running_hub(rows: list[dict], settings: dict) -> bool:
    """Users and group memberships through the REST API of a running hub; False when none is running."""
    try:
        existing = {u["name"] for u in hub_api(settings, "GET", "users?limit=1000")}
    except (urllib.error.URLError, OSError):
        return False
    new = sorted({r["username"] for r in rows} - existing)
    if new:
        hub_api(settings, "POST", "users", {"usernames": new})
    course = settings["course_id"]
    for role, group in (("student", f"nbgrader-{course}"), ("instructor", f"formgrade-{course}")):
        names = sorted(r["username"] for r in rows if r["role"] == role)
        if names:
            hub_api(settings, "POST", f"groups/{group}/users", {"users": names})
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="add-students", description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", type=Path, help="CSV file: username[,first_name,last_name,email,role,password]")
    parser.add_argument("--settings", help="the hub's settings.json (default: $COURSE_HUB_SETTINGS or "
                                           "/opt/course-hub/etc/settings.json)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("add-students: run as root", file=sys.stderr)
        return 2
    settings = load_settings(args.settings)
    rows = read_roster(args.roster)
    created = [r["username"] for r in rows if ensure_account(r, settings)]
    write_passwords(rows, settings)
    enrol_in_gradebook([r for r in rows if r["role"] == "student"], settings)
    roster = update_roster_file(rows, settings)
    live = update_running_hub(rows, settings)
    print(f"add-students: {len(rows)} rows, {len(created)} new accounts; the course now has "
          f"{len(roster['students'])} students and {len(roster['instructors'])} instructors"
          + ("; the running hub was updated" if live else ""))
    if live and created:
        print("add-students: restart the hub (setup.sh restart) so that the grader's services see the new "
              "students' groups (feedback files readable by their student only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
