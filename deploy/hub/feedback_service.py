"""Feedback minutes after submitting: a hub-managed service of the grader account (stock nbgrader has none).

Every ``interval`` seconds it looks at the exchange's ``inbound`` folder and, for each new submission:

1. checks that the submission's folder belongs to the Unix account of the student it names (as
   ``hub_exchange.HubExchangeCollect`` does) and ignores it otherwise;
2. applies a per-student rate limit: at most one graded feedback per student every ``min_interval``
   seconds. A submission that arrives sooner waits; when several wait, the latest is graded and the older
   ones are marked ``superseded``;
3. autogrades it in the sandbox with the course's own grader (``python -m instructor.autograde``, the
   course's ``SandboxedExecute``), in a *feedback course* of its own (``<course>-feedback`` in the grader's
   home: the same source, its own SQLite gradebook), so the official gradebook and the instructor's
   ``submitted/`` are untouched;
4. marks the submission late by nbgrader's rule (its ``timestamp.txt`` after the assignment's due date in the
   official gradebook; the due date is copied into the feedback gradebook, so nbgrader's late-submission
   plugin applies too);
5. generates the feedback and releases it through the exchange (``hub_exchange.HubExchangeReleaseFeedback``:
   readable by that student only), where the student's ``nbgrader fetch_feedback`` or the Assignments tab's
   "Fetch Feedback" finds it. The instructor's own later ``release_feedback`` replaces it (same file name).

Each result is a line of ``feedback-log.jsonl`` in the feedback course (student, assignment, submission,
late, score, and the times it was noticed and released); ``state.json`` remembers what was handled.

    python feedback_service.py --settings /opt/course-hub/etc/settings.json [--once]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger("course-feedback")


def _utc(text: str) -> dt.datetime:
    from nbgrader.utils import parse_utc

    return parse_utc(text)


class FeedbackService:
    def __init__(self, settings: dict):
        self.settings = settings
        fb = settings.get("feedback", {})
        self.interval = float(fb.get("interval", 2))
        self.min_interval = float(fb.get("min_interval", 60))
        self.workers = int(fb.get("workers", 2))
        self.batch = int(fb.get("batch", 8))  # submissions per grading run: the first feedbacks come sooner
        self.course_id = settings["course_id"]
        self.main = Path(settings["course_dir"])
        self.root = Path(fb.get("course_dir") or self.main.with_name(self.main.name + "-feedback"))
        self.inbound = Path(settings["exchange"]) / self.course_id / "inbound"
        self.state_file = self.root / "state.json"
        self.log_file = self.root / "feedback-log.jsonl"
        self.python = settings["python"]
        self.generated: set[str] = set()
        self._api = None
        self._prepare()
        self.state = json.loads(self.state_file.read_text()) if self.state_file.exists() else \
            {"handled": {}, "last_graded": {}}

    # --- the feedback course ----------------------------------------------------------------------------
    def _prepare(self) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        src = self.root / "solutions"
        if not src.is_symlink():
            if src.exists():
                shutil.rmtree(src)
            src.symlink_to(self.main / "solutions")
        config = (self.main / "nbgrader_config.py").read_text()
        config += (
            "\n# --- the feedback service's own course (deploy/hub/feedback_service.py) ---\n"
            f"c.CourseDirectory.root = {str(self.root)!r}\n"
            f"c.CourseDirectory.db_url = {'sqlite:///' + str(self.root / 'gradebook.db')!r}\n"
            "c.ExchangeFactory.release_feedback = 'hub_exchange.HubExchangeReleaseFeedback'\n"
        )
        (self.root / "nbgrader_config.py").write_text(config)

    def api(self):
        if self._api is None:
            from nbgrader.apps import NbGraderAPI
            from nbgrader.coursedir import CourseDirectory
            from traitlets.config.loader import PyFileConfigLoader

            os.chdir(self.root)
            config = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
            self._api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        return self._api

    def official_duedate(self, assignment: str):
        """The assignment's due date in the official gradebook (None when it has none)."""
        from nbgrader.api import Gradebook, MissingEntry
        from traitlets.config.loader import PyFileConfigLoader

        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.main)).load_config()
        try:
            with Gradebook(cfg.CourseDirectory.db_url, self.course_id) as gb:
                return gb.find_assignment(assignment).duedate
        except MissingEntry:
            return None

    def ensure_assignment(self, assignment: str, duedate) -> None:
        if assignment not in self.generated:
            out = self._nbgrader("generate_assignment", assignment, "--force")
            if out.returncode != 0:
                raise RuntimeError(f"generate_assignment {assignment} failed: {out.stderr[-2000:]}")
            self.generated.add(assignment)
        from nbgrader.api import Gradebook

        with Gradebook(self.api().coursedir.db_url, self.course_id) as gb:
            gb.update_or_create_assignment(assignment, duedate=duedate)

    def _nbgrader(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.python, "-m", "nbgrader", *args], cwd=self.root, capture_output=True,
                              text=True, timeout=900)

    # --- one look at the exchange --------------------------------------------------------------------------
    def pending(self) -> list[dict]:
        found = []
        try:
            names = os.listdir(self.inbound)
        except FileNotFoundError:
            return []
        for name in names:
            if name in self.state["handled"]:
                continue
            parts = name.rsplit("+", 3)
            if len(parts) < 3:
                continue
            student, assignment, timestamp = parts[0], parts[1], parts[2]
            path = self.inbound / name
            if not (path / "timestamp.txt").exists():
                continue  # still being copied
            found.append({"name": name, "student": student, "assignment": assignment, "timestamp": timestamp,
                          "path": path, "noticed": time.time()})
        return found

    def _owned(self, sub: dict) -> bool:
        try:
            return os.stat(sub["path"]).st_uid == pwd.getpwnam(sub["student"]).pw_uid
        except KeyError:
            return True
        except OSError:
            return False

    def step(self) -> list[dict]:
        """Handle what is waiting now; returns the log records written."""
        now = time.time()
        chosen: dict[tuple[str, str], dict] = {}
        records = []
        for sub in sorted(self.pending(), key=lambda s: _utc(s["timestamp"])):
            if not self._owned(sub):
                records.append(self._handled(sub, status="ignored", why="not handed in by the student's account"))
                continue
            key = (sub["student"], sub["assignment"])
            if key in chosen:
                records.append(self._handled(chosen[key], status="superseded"))
            chosen[key] = sub
        todo = []
        for (student, _), sub in chosen.items():
            last = self.state["last_graded"].get(student)
            if last is not None and now - last < self.min_interval:
                continue  # rate limit: graded later, when the student's window has passed
            todo.append(sub)
        by_assignment: dict[str, list[dict]] = {}
        for sub in todo:
            by_assignment.setdefault(sub["assignment"], []).append(sub)
        for assignment, subs in by_assignment.items():
            for i in range(0, len(subs), self.batch):
                records += self.grade(assignment, subs[i:i + self.batch])
                self._save()
        self._save()
        return records

    def grade(self, assignment: str, subs: list[dict]) -> list[dict]:
        duedate = self.official_duedate(assignment)
        try:
            self.ensure_assignment(assignment, duedate)
        except Exception as exc:  # noqa: BLE001 - an unknown assignment must not stop the service
            return [self._handled(s, status="failed", why=str(exc)[-300:]) for s in subs]
        submitted = self.root / "submitted"
        for sub in subs:
            dest = submitted / sub["student"] / assignment
            if dest.exists():
                shutil.rmtree(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(sub["path"], dest)
        with tempfile.NamedTemporaryFile(suffix=".json", dir=self.root, delete=False) as fh:
            out = Path(fh.name)
        cmd = [self.python, "-m", "instructor.autograde", assignment, "--root", str(self.root), "--workers",
               str(self.workers), "--json", str(out)]
        for sub in subs:
            cmd += ["--student", sub["student"]]
        t0 = time.time()
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, timeout=1800)
        results = {r["student"]: r for r in json.loads(out.read_text())} if out.exists() and out.stat().st_size \
            else {}
        out.unlink(missing_ok=True)
        graded_at = time.time()
        records = []
        api = self.api()
        for sub in subs:
            res = results.get(sub["student"])
            late = None
            if duedate is not None:
                seconds = (_utc(sub["timestamp"]) - duedate).total_seconds()
                late = {"late": seconds > 0, "seconds_late": max(seconds, 0.0)}
            if not res or res.get("status") != "graded":
                why = (res or {}).get("notes") or proc.stderr[-300:]
                records.append(self._handled(sub, status="failed", why=str(why), late=late))
                continue
            if self._official_feedback(sub):
                # The instructor has already released feedback for this very submission: never replace it.
                records.append(self._handled(sub, status="official", score=res.get("score"),
                                             max_score=res.get("max_score"), late=late))
                continue
            fb = api.generate_feedback(assignment, sub["student"], force=True)
            rel = api.release_feedback(assignment, sub["student"]) if fb.get("success") else fb
            released_at = time.time()
            self.state["last_graded"][sub["student"]] = released_at
            records.append(self._handled(
                sub, status="released" if rel.get("success") else "failed",
                why=None if rel.get("success") else (rel.get("error") or rel.get("log") or "")[-300:],
                score=res.get("score"), max_score=res.get("max_score"), late=late,
                grading_seconds=round(graded_at - t0, 2), released_at=released_at))
        return records

    def _official_feedback(self, sub: dict) -> bool:
        stamp = self.main / "feedback" / sub["student"] / sub["assignment"] / "timestamp.txt"
        try:
            return stamp.read_text().strip() == sub["timestamp"].strip()
        except OSError:
            return False

    def _handled(self, sub: dict, status: str, **extra) -> dict:
        record = {"submission": sub["name"], "student": sub["student"], "assignment": sub["assignment"],
                  "timestamp": sub["timestamp"], "status": status, "noticed_at": sub.get("noticed"),
                  **{k: v for k, v in extra.items() if v is not None}}
        if extra.get("late") is not None:
            record.update(extra["late"])
            record.pop("late", None)
            record["late"] = extra["late"]["late"]
        self.state["handled"][sub["name"]] = status
        with open(self.log_file, "a") as fh:
            fh.write(json.dumps(record) + "\n")
        log.info("%s %s/%s: %s", sub["name"], sub["student"], sub["assignment"], status)
        return record

    def _save(self) -> None:
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state))
        tmp.replace(self.state_file)

    def run(self) -> None:
        log.info("watching %s every %.1f s (at most one feedback per student every %.0f s)", self.inbound,
                 self.interval, self.min_interval)
        while True:
            try:
                self.step()
            except Exception:  # noqa: BLE001 - keep serving; the error is in the service's log
                log.exception("feedback round failed")
            time.sleep(self.interval)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default=os.environ.get("COURSE_HUB_SETTINGS",
                                                             "/opt/course-hub/etc/settings.json"))
    parser.add_argument("--once", action="store_true", help="handle what is waiting, then exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s course-feedback %(levelname)s %(message)s",
                        stream=sys.stdout)
    os.environ.setdefault("HOME", pwd.getpwuid(os.getuid()).pw_dir)
    os.umask(0o077)
    settings = json.loads(Path(args.settings).read_text())
    service = FeedbackService(settings)
    if args.once:
        for record in service.step():
            print(json.dumps(record))
        return 0
    service.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
