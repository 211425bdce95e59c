"""The course on a real multi-user JupyterHub (issue 22), started by the one command ``deploy/hub/setup.sh``.

One hub for the whole module (``hub_support.running_hub``): JupyterHub 5.5 with configurable-http-proxy from
npm on loopback ports, LocalProcessSpawner with real Unix accounts (``hub-instructor``, ``hub-student01..03``,
``hub-load01..30``; the fixed-password test authenticator), the grader account ``hub-grader`` running
formgrader and the feedback service as hub-managed services, the exchange with the course's permission fixes
(``deploy/hub/hub_exchange.py``), a PostgreSQL gradebook reachable by the grader account only.

1. ``test_setup_is_idempotent``: the command run a second time changes nothing and leaves the hub running.
2. ``test_term_end_to_end_in_chromium``: the whole term in Chromium, as the issue lists it (six steps); the
   formgrader is opened in a tab of its own.
3. ``test_privacy_as_students``: as a student's Unix account, every attempt to list/read/alter another
   student's submission or feedback, overwrite the release, read the course's source, write the gradebook,
   submit in another's name or open formgrader fails.
4. ``test_load_of_a_class``: a class of students fetch, submit and receive feedback at nearly the same
   moment (the hub's REST API and nbgrader's exchange, as those users); then the instructor collects and
   grades the class; nothing is lost; every hand-in is marked late by nbgrader's rule (a due date set just
   before); wall times and feedback latency go to ``build/run/hub.json``.
5. ``test_feedback_service_rate_limit``: the feedback service's per-student rate limit (no hub needed).

The tests run in this order and share the hub (and the term's state). ``COURSE_HUB_LOAD_STUDENTS`` sets the
size of the load run: 3 in ``make test`` (the default, one of each kind of hand-in), 30 in ``make hub-load``,
the issue's benchmark, whose figures the README shows.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import nbformat
import pytest

import hub_support
from browser_support import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, lab_settings_dir, set_cell_source
from hub_support import COURSE, GRADER, INSTRUCTOR, ROOT
from instructor import course
from system_support import needs, require, skip_or_fail

ASSIGNMENT = "01_introduction"
N_LOAD = int(os.environ.get("COURSE_HUB_LOAD_STUDENTS", "3"))
UI_TIMEOUT_MS = 240_000   # a 2-core machine spawning servers and grading at the same time is slow
REPORT = ROOT / "build" / "run" / "hub.json"
FEEDBACK_MIN_INTERVAL = 20

pytestmark = [pytest.mark.hub, needs("bubblewrap", "postgresql")]


def _hub_pieces() -> None:
    if os.geteuid() != 0:
        skip_or_fail("the hub tests create Unix accounts and run JupyterHub as root (run them as root)")
    for tool in ("node", "npm", "runuser", "useradd"):
        if shutil.which(tool) is None:
            skip_or_fail(f"missing system piece: {tool} (the hub needs it; make system-deps)")
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        skip_or_fail("JupyterHub is not installed in this environment (pip install jupyterhub==5.5.4)")


@pytest.fixture(scope="module")
def hub():
    _hub_pieces()
    require("bubblewrap")
    require("postgresql")
    with hub_support.running_hub(n_students=3, n_load=N_LOAD, feedback_min_interval=FEEDBACK_MIN_INTERVAL) as h:
        h.report = {"setup_seconds": round(h.setup_seconds, 1)}
        for name in [INSTRUCTOR, *h.students]:
            # Each browser user's JupyterLab settings: no autosave, no news toast, every cell rendered.
            home = Path(os.path.expanduser(f"~{name}"))
            settings = lab_settings_dir(home / ".jupyter" / "lab" / "user-settings")
            subprocess.run(["chown", "-R", f"{name}:", str(home / ".jupyter")], check=True)
            assert settings.exists()
        yield h
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        old = json.loads(REPORT.read_text()) if REPORT.exists() else {}
        REPORT.write_text(json.dumps({**old, **h.report}, indent=1))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    require("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


# ------------------------------------------------------------------------------------------------- helpers
def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"hub-{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception:  # noqa: BLE001
        pass
    return path


class Step:
    """One step of the term: on failure, a screenshot and the hub's log in build/screenshots/."""

    def __init__(self, hub, page, name: str):
        self.hub, self.page, self.name = hub, page, name

    def __enter__(self):
        self.t0 = time.monotonic()
        return self

    def __exit__(self, kind, err, tb):
        self.hub.report.setdefault("e2e_steps", {})[self.name] = {
            "ok": kind is None, "seconds": round(time.monotonic() - self.t0, 1)}
        if kind is not None and issubclass(kind, Exception):
            path = shot(self.page, self.name)
            (SCREENSHOTS / f"hub-{self.name}-hub.log").write_text(self.hub.log_tail(200_000))
            raise AssertionError(f"step {self.name!r} failed: {err}\n(screenshot: {path}; page {self.page.url})") \
                from err
        return False


def login(hub, browser, user: str):
    """A new browser context of ``user``'s own, logged in to the hub; its first page."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    return page


def formgrader_action(page, column: str, expect: str) -> None:
    """Press the button of ``column`` in the assignment's row of formgrader's Manage Assignments page and
    wait for its success dialog (an error dialog fails with its text)."""
    row = page.locator("tr", has=page.locator("td.name", has_text=ASSIGNMENT))
    row.locator(f"td.{column} a").first.click()
    dialog = page.locator("#success-modal.in, #error-modal.in")
    dialog.wait_for()
    text = dialog.inner_text()
    assert expect in text, f"formgrader's {column}: {text}"
    dialog.locator("button.close").first.click()
    page.wait_for_function("document.querySelectorAll('.modal.in, .modal-backdrop').length === 0")


def open_assignment_list(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").wait_for()
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    page.locator("#assignments").wait_for()


def validate(page) -> str:
    """Press Validate in the notebook's toolbar; return the dialog's classes and text."""
    page.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate").click()
    dialog = page.locator("dialog.jp-Dialog", has=page.locator("#validation-message"))
    dialog.wait_for()
    message = dialog.locator("#validation-message")
    result = (message.get_attribute("class") or "") + "\n" + message.inner_text()
    dialog.get_by_role("button", name="Ok").click()
    dialog.wait_for(state="detached")
    return result


def answer_plan(hub):
    """What each of the three students types: every answer, parts 1-2 only, nothing; and the autograded points
    each should earn (from the release's test cells). Read from the hub's copy of the course, which is what the
    students receive."""
    release = nbformat.read(hub.course_dir / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    source = nbformat.read(hub.course_dir / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    roles = course.cell_roles(release)
    solved = course.solved(release, source)
    gids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in release.cells]
    answers = [(i, gid, solved.cells[i].source) for i, gid in enumerate(gids) if roles.get(gid) == "answer"]
    written = [(i, gid, solved.cells[i].source) for i, gid in enumerate(gids) if roles.get(gid) == "written"]
    points = {gid: float(release.cells[i].metadata.nbgrader.get("points", 0)) for i, gid in enumerate(gids)
              if roles.get(gid) == "test"}
    # The test cells that follow each answer cell, up to the next answer cell, belong to its part.
    part_points = []
    for k, (i, _gid, _src) in enumerate(answers):
        end = answers[k + 1][0] if k + 1 < len(answers) else len(gids)
        part_points.append(sum(points.get(g, 0) for g in gids[i + 1:end]))
    return release, answers, written, part_points, sum(points.values())


# --------------------------------------------------------------------------------------------------- tests
@pytest.mark.timeout(1200)  # includes setting the hub up (the module's fixture)
def test_setup_is_idempotent(hub):
    """The one command again: it succeeds, reports the hub running, and the hub is the same process."""
    pid_file = hub.prefix / "run" / "jupyterhub.pid"
    before = pid_file.read_text().strip()
    t0 = time.monotonic()
    proc = hub.setup()
    hub.report["setup_again_seconds"] = round(time.monotonic() - t0, 1)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "running" in proc.stdout
    assert pid_file.read_text().strip() == before
    info = hub.api("GET", "")
    assert info["version"] == "5.5.4"
    status = hub.setup("status")
    assert status.returncode == 0 and "gradebook running" in status.stdout
    groups = {g["name"]: g for g in hub.api("GET", "groups")}
    assert set(groups[f"nbgrader-{COURSE}"]["users"]) >= set(hub.students + hub.load_students)
    assert INSTRUCTOR in groups[f"formgrade-{COURSE}"]["users"]
    hub.report["versions"] = {"jupyterhub": info["version"], "configurable-http-proxy":
                              subprocess.run([hub.settings["chp"], "--version"], capture_output=True,
                                             text=True).stdout.strip()}


@needs("chromium")
@pytest.mark.timeout(3000)
def test_term_end_to_end_in_chromium(hub, browser):
    release, answers, written, part_points, max_auto = answer_plan(hub)
    full, partial, blank = hub.students
    max_written = float(sum(release.cells[i].metadata.nbgrader["points"] for i, _g, _s in written))
    expected_auto = {full: max_auto, partial: sum(part_points[:2]), blank: 0.0}
    manual = {full: max_written}
    page = login(hub, browser, INSTRUCTOR)
    instructor_ctx = page.context
    formgrader = f"{hub.url}/services/{COURSE}/formgrader"

    # 1. The instructor logs in, opens formgrader (in a tab of its own), generates and releases the assignment.
    with Step(hub, page, "1-instructor-releases") as step:
        page.wait_for_url(re.compile(r".*/(user/hub-instructor/.*|hub/spawn-pending/.*)"))
        fg = instructor_ctx.new_page()
        fg.set_default_timeout(UI_TIMEOUT_MS)
        page = step.page = fg
        fg.goto(f"{formgrader}/manage_assignments")
        fg.locator("td.name", has_text=ASSIGNMENT).wait_for()
        formgrader_action(fg, "assign", "Successfully created the student version")
        formgrader_action(fg, "release", "Successfully released")
        row = fg.locator("tr", has=fg.locator("td.name", has_text=ASSIGNMENT))
        assert "released" in row.locator("td.status").inner_text()
        assert (hub.exchange / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").exists()

    # 2. Each student logs in, fetches it from the Assignments tab, opens it, answers, Validates, submits.
    submitted_at = {}
    for student in hub.students:
        spage = login(hub, browser, student)
        with Step(hub, spage, f"2-{student}-fetch-validate-submit"):
            spage.wait_for_url(f"**/user/{student}/lab**")
            open_assignment_list(spage)
            spage.locator("#released_assignments_list").get_by_role("button", name="Fetch").click()
            fetched = spage.locator("#fetched_assignments_list")
            fetched.locator(".assignment-notebooks-link", has_text=ASSIGNMENT).click()
            fetched.locator(".nested_list_item a", has_text=ASSIGNMENT).click()
            spage.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").first.wait_for()
            typed = answers if student == full else answers[:2] if student == partial else []
            for index, _gid, text in typed:
                set_cell_source(spage, index, text)
            if student == full:
                for index, _gid, text in written:
                    set_cell_source(spage, index, text)
            outcome = validate(spage)
            if student == full:
                assert "validation-success" in outcome, outcome[:2000]
            else:
                assert "validation-failed" in outcome, outcome[:2000]
            # Back to the Assignments tab: Submit.
            spage.locator(".lm-TabBar-tab", has_text="Assignments").click()
            fetched.get_by_role("button", name="Submit").click()
            spage.locator("#submitted_assignments_list").get_by_text(ASSIGNMENT).first.wait_for()
            submitted_at[student] = time.time()
        spage.context.close()
    subs = sorted(os.listdir(hub.exchange / "inbound"))
    assert len(subs) == 3 and {s.split("+")[0] for s in subs} == set(hub.students), subs

    # Feedback minutes after submitting (item 4): the feedback service grades each hand-in and releases
    # feedback before the instructor does anything.
    deadline = time.time() + 900
    while time.time() < deadline:
        done = {r["student"]: r for r in hub.feedback_log() if r["status"] == "released"}
        if set(hub.students) <= set(done):
            break
        time.sleep(2)
    else:
        pytest.fail(f"the feedback service did not release feedback for all three: {hub.feedback_log()}")
    for student in hub.students:
        assert done[student]["score"] == pytest.approx(expected_auto[student]), done[student]
    hub.report["e2e_feedback_latency_s"] = {s: round(done[s]["released_at"] - submitted_at[s], 1)
                                            for s in hub.students}

    # 3. The instructor collects (formgrader), autogrades in the sandbox (the course's grader, as the grader
    #    account), and grades the written answer by hand in formgrader.
    with Step(hub, page, "3-collect-autograde-manual"):
        page.goto(f"{formgrader}/manage_assignments")
        formgrader_action(page, "collect", "Successfully collected")
        out = hub.course_dir / "autograde.json"
        t0 = time.monotonic()
        proc = hub.grader(hub.python, "-m", "instructor.autograde", ASSIGNMENT, "--workers", "2", "--json", str(out))
        hub.report["e2e_autograde_seconds"] = round(time.monotonic() - t0, 1)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        graded = {r["student"]: r for r in json.loads(out.read_text())}
        for student in hub.students:
            assert graded[student]["status"] == "graded"
            assert graded[student]["score"] == pytest.approx(expected_auto[student]), graded[student]
        page.goto(f"{formgrader}/gradebook/{ASSIGNMENT}/{ASSIGNMENT}")
        # Formgrader hides names by default: reveal the full solution's row (its eye icon) and open it.
        row = page.locator("tr", has=page.locator("a.name-shown", has_text="Turing"))
        row.locator("span.glyphicon.name-hidden").click()
        row.locator("a.name-shown").click()
        for _i, gid, _s in written:
            box = page.locator(f"input.score#{gid}")
            # formgrader's views are bound once they have rendered the grades (auto scores as placeholders;
            # a written answer has none)
            page.wait_for_function("document.querySelectorAll('input.score[placeholder]').length > 0")
            with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") \
                    as saved:
                box.fill(str(int(manual[full])))
                box.press("Tab")
            assert saved.value.ok, saved.value.status

    # 4. The instructor generates and releases feedback (formgrader).
    with Step(hub, page, "4-feedback-released"):
        page.goto(f"{formgrader}/manage_assignments")
        formgrader_action(page, "generate-feedback", "Successfully generated feedback")
        formgrader_action(page, "release-feedback", "Successfully released feedback")

    # 5. Each student fetches the feedback (Assignments tab) and sees their score.
    for student in hub.students:
        spage = login(hub, browser, student)
        with Step(hub, spage, f"5-{student}-fetches-feedback"):
            spage.wait_for_url(f"**/user/{student}/lab**")
            open_assignment_list(spage)
            submitted = spage.locator("#submitted_assignments_list")
            submitted.get_by_role("button", name="Fetch Feedback").first.click()
            html = sorted(Path(os.path.expanduser(f"~{student}")).glob(f"{ASSIGNMENT}/feedback/*/{ASSIGNMENT}.html"))
            for _ in range(120):
                if html:
                    break
                time.sleep(1)
                html = sorted(Path(os.path.expanduser(f"~{student}")).glob(
                    f"{ASSIGNMENT}/feedback/*/{ASSIGNMENT}.html"))
            assert html, "no feedback fetched"
            rel = html[-1].relative_to(os.path.expanduser(f"~{student}")).as_posix()
            spage.goto(f"{hub.url}/user/{student}/files/{rel}")
            total = expected_auto[student] + manual.get(student, 0.0)
            text = spage.locator("body").inner_text()
            score = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", text)
            assert score, text[:1000]
            assert float(score.group(1)) == pytest.approx(total), (student, score.group(0))
            hub.report.setdefault("e2e_scores_seen", {})[student] = score.group(0)
        spage.context.close()

    # 6. The exported grades match what each student handed in.
    with Step(hub, page, "6-export"):
        proc = hub.grader(hub.python, "-m", "nbgrader", "export", "--to", str(hub.course_dir / "grades.csv"))
        assert proc.returncode == 0, proc.stderr[-3000:]
        rows = {r["student_id"]: r for r in csv.DictReader(io.StringIO((hub.course_dir / "grades.csv").read_text()))
                if r["assignment"] == ASSIGNMENT}
        for student in hub.students:
            assert float(rows[student]["score"]) == pytest.approx(expected_auto[student] + manual.get(student, 0)), \
                rows[student]
            assert float(rows[student]["max_score"]) == pytest.approx(max_auto + max_written)
        hub.report["e2e_export"] = {s: f"{float(rows[s]['score']):g}/{float(rows[s]['max_score']):g}"
                                    for s in hub.students}
    instructor_ctx.close()


def ensure_released(hub) -> None:
    """The assignment in the exchange (the end-to-end test releases it through formgrader; alone, a test
    releases it with nbgrader's commands as the grader)."""
    if not (hub.exchange / "outbound" / ASSIGNMENT).exists():
        for args in (("generate_assignment", ASSIGNMENT, "--force"), ("release_assignment", ASSIGNMENT, "--force")):
            proc = hub.nbgrader(GRADER, *args, cwd=str(hub.course_dir))
            assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def _as(hub, user: str, code: str) -> subprocess.CompletedProcess:
    return hub.as_user(user, hub.python, "-c", code)


@pytest.mark.timeout(2000)
def test_privacy_as_students(hub):
    """Logged in as a student's Unix account, every attempt on another student's work or the course fails."""
    inbound = hub.exchange / "inbound"
    victim, attacker = hub.students[0], hub.students[1]
    if not any(n.startswith(victim + "+") for n in os.listdir(inbound)):
        # The end-to-end test did not run (or failed early): the victim hands something in now.
        ensure_released(hub)
        assert hub.nbgrader(victim, "fetch_assignment", ASSIGNMENT).returncode == 0
        assert hub.nbgrader(victim, "submit", ASSIGNMENT).returncode == 0
    victim_sub = next(inbound / n for n in sorted(os.listdir(inbound)) if n.startswith(victim + "+"))
    deadline = time.time() + 900  # the victim's feedback, released by the feedback service (or the instructor)
    while time.time() < deadline and not any(r["student"] == victim and r["status"] in ("released", "official")
                                             for r in hub.feedback_log()):
        time.sleep(2)
    victim_nb = victim_sub / f"{ASSIGNMENT}.ipynb"
    feedback = [p for p in (hub.exchange / "feedback").glob("*.html") if p.stat().st_gid ==
                os.stat(os.path.expanduser(f"~{victim}")).st_gid]
    attempts = {
        "list the exchange's inbound": f"import os; os.listdir({str(inbound)!r})",
        "read another's submission": f"open({str(victim_nb)!r}).read()",
        "read another's submission secret": f"open({str(victim_sub / 'submission_secret.txt')!r}).read()",
        "alter another's submission": f"open({str(victim_nb)!r}, 'a').write(' ')",
        "add a file to another's submission": f"open({str(victim_sub / 'extra.txt')!r}, 'w').write('x')",
        "remove another's submission": f"import shutil; shutil.rmtree({str(victim_sub)!r})",
        "list the released feedback": f"import os; os.listdir({str(hub.exchange / 'feedback')!r})",
        "read another's home (nbgrader cache, notebooks)": (
            f"import os; os.listdir({os.path.expanduser('~' + victim)!r})"),
        "overwrite the released assignment": (
            f"open({str(hub.exchange / 'outbound' / ASSIGNMENT / (ASSIGNMENT + '.ipynb'))!r}, 'w').write('{{}}')"),
        "add a file to the release": f"open({str(hub.exchange / 'outbound' / ASSIGNMENT / 'x.py')!r}, 'w')",
        "replace the course's exchange folder": (
            f"import os; os.rename({str(hub.exchange)!r}, {str(hub.exchange) + '-gone'!r})"),
        "read the course's source folder": (
            f"open({str(hub.course_dir / 'solutions' / ASSIGNMENT / (ASSIGNMENT + '.ipynb'))!r}).read()"),
        "list the course's folder": f"import os; os.listdir({str(hub.course_dir)!r})",
        "write the gradebook (PostgreSQL, as the grader's role)": (
            "import psycopg2; s = __import__('json').load(open(" + repr(str(hub.prefix / 'etc' / 'settings.json')) +
            "))['gradebook']; c = psycopg2.connect(host=s['socket_dir'], port=s['port'], dbname=s['database'], "
            f"user={GRADER!r}); c.cursor().execute('DELETE FROM student'); c.commit()"),
        "write the gradebook (PostgreSQL, as oneself)": (
            "import psycopg2; s = __import__('json').load(open(" + repr(str(hub.prefix / 'etc' / 'settings.json')) +
            "))['gradebook']; c = psycopg2.connect(host=s['socket_dir'], port=s['port'], dbname=s['database']); "
            "c.cursor().execute('DELETE FROM student'); c.commit()"),
        "read the feedback service's gradebook": (
            f"open({str(Path(hub.settings['feedback']['course_dir']) / 'gradebook.db')!r}, 'rb').read()"),
    }
    if feedback:
        attempts["read another's released feedback (its name known)"] = f"open({str(feedback[0])!r}).read()"
    results = {}
    for what, code in attempts.items():
        proc = _as(hub, attacker, code)
        results[what] = "refused" if proc.returncode != 0 else "ALLOWED"
        assert proc.returncode != 0, f"{attacker} could {what}"
        assert re.search(r"PermissionError|OperationalError|Permission denied|authentication failed|FATAL",
                         proc.stderr), (what, proc.stderr[-1500:])
    # Submitting in another student's name is refused; the victim's own hand-in is untouched.
    before = victim_nb.stat().st_mtime
    fetched = hub.nbgrader(attacker, "fetch_assignment", ASSIGNMENT)
    assert fetched.returncode == 0 or "already have a copy" in fetched.stderr + fetched.stdout, fetched.stderr
    impostor = hub.nbgrader(attacker, "submit", ASSIGNMENT, "--student", victim)
    assert impostor.returncode != 0 and "only submit as yourself" in impostor.stdout + impostor.stderr
    results["submit in another's name"] = "refused"
    assert victim_nb.stat().st_mtime == before
    # Formgrader (the grader's service) is out of a student's reach: the hub refuses the student's token.
    token = hub.api("POST", f"users/{attacker}/tokens", {"note": "privacy test", "expires_in": 600})["token"]
    req = __import__("urllib.request").request.Request(f"{hub.url}/services/{COURSE}/formgrader/api/assignments",
                                                      headers={"Authorization": f"token {token}"})
    try:
        __import__("urllib.request").request.urlopen(req, timeout=60)
        reached = True
    except Exception as err:  # noqa: BLE001 - HTTPError 403, or a redirect to the login page
        reached = getattr(err, "code", None) not in (401, 403)
    assert not reached, "a student reached formgrader's API"
    results["use formgrader's API"] = "refused"
    # A student may still do their own work: their own submission and feedback are theirs to read.
    own = next(inbound / n for n in sorted(os.listdir(inbound)) if n.startswith(victim + "+"))
    assert _as(hub, victim, f"open({str(own / (ASSIGNMENT + '.ipynb'))!r}).read()").returncode == 0
    if feedback:
        assert _as(hub, victim, f"open({str(feedback[0])!r}).read()").returncode == 0
    hub.report["privacy"] = results


@pytest.mark.timeout(3600)
def test_load_of_a_class(hub):
    """N students fetch, submit and get feedback at nearly the same moment; the instructor then collects and
    grades the class. Nothing is lost."""
    release, answers, written, part_points, max_auto = answer_plan(hub)
    load = hub.load_students
    ensure_released(hub)
    # A due date just before the run: every submission of the run is late by nbgrader's rule.
    due = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(time.time() - 1))
    proc = hub.nbgrader(GRADER, "db", "assignment", "add", ASSIGNMENT, f"--duedate={due}", cwd=str(hub.course_dir))
    assert proc.returncode == 0, proc.stderr[-2000:]

    work = hub.base / "load"
    work.mkdir(mode=0o755)
    kinds = {"full": course.solved(release, nbformat.read(hub.course_dir / "solutions" / ASSIGNMENT /
                                                          f"{ASSIGNMENT}.ipynb", as_version=4)),
             "blank": release}
    partial = nbformat.from_dict(json.loads(json.dumps(release)))
    for index, _gid, text in answers[:2]:
        partial.cells[index].source = text
    kinds["partial"] = partial
    for kind, nb in kinds.items():
        nbformat.write(nb, work / f"{kind}.ipynb")
        os.chmod(work / f"{kind}.ipynb", 0o644)
    expected = {"full": max_auto, "partial": sum(part_points[:2]), "blank": 0.0}
    # REST API: every student is a hub user in the course's group; each gets a token of their own.
    users = {u["name"]: u for u in hub.api("GET", "users?limit=1000")}
    order = ["full", "partial", "blank"]
    spec_students = []
    for i, name in enumerate(load):
        assert f"nbgrader-{COURSE}" in users[name]["groups"], users[name]
        token = hub.api("POST", f"users/{name}/tokens", {"note": "load run", "expires_in": 3600})["token"]
        spec_students.append({"name": name, "token": token, "kind": order[i % 3],
                              "answers": str(work / f"{order[i % 3]}.ipynb")})
    spec = {"url": hub.url, "assignment": ASSIGNMENT, "students": spec_students, "results": str(work / "results.jsonl"),
            "feedback_timeout": 1500, "poll": 3, "start_delay": 3}
    (work / "spec.json").write_text(json.dumps(spec))
    os.chmod(work / "spec.json", 0o600)
    t0 = time.monotonic()
    worker = str(Path(__file__).with_name("hub_support.py"))
    proc = subprocess.run([hub.python, worker, "load", str(work / "spec.json")], capture_output=True, text=True,
                          timeout=1800, cwd=str(work))
    wall_students = time.monotonic() - t0
    assert (work / "results.jsonl").exists(), f"the load worker failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    records = [json.loads(line) for line in (work / "results.jsonl").read_text().splitlines()]
    errors = [r for r in records if "error" in r]
    assert not errors, errors[:5]
    assert all(r["hub_user"] == r["student"] and f"nbgrader-{COURSE}" in r["hub_groups"] for r in records)
    assert len([r for r in records if "feedback_at" in r]) == len(load), \
        [r["student"] for r in records if "feedback_at" not in r]
    log = {r["student"]: r for r in hub.feedback_log() if r["student"] in load and r["status"] == "released"}
    assert set(log) == set(load)
    for r in spec_students:
        assert log[r["name"]]["score"] == pytest.approx(expected[r["kind"]]), log[r["name"]]
        assert log[r["name"]]["late"] is True and log[r["name"]]["seconds_late"] > 0, log[r["name"]]
    latencies = sorted(r["feedback_latency_s"] for r in records)
    submits = sorted(r["submitted_at"] for r in records)

    # The instructor collects and grades the class (the course's sandboxed grader, as the grader account).
    t1 = time.monotonic()
    proc = hub.nbgrader(GRADER, "collect", ASSIGNMENT, "--update", cwd=str(hub.course_dir))
    assert proc.returncode == 0, proc.stderr[-3000:]
    collected = {p.name for p in (hub.course_dir / "submitted").iterdir() if (p / ASSIGNMENT).is_dir()}
    assert set(load) <= collected, sorted(set(load) - collected)
    t_collect = time.monotonic() - t1
    out = hub.course_dir / "load-autograde.json"
    args = [hub.python, "-m", "instructor.autograde", ASSIGNMENT, "--workers", "2", "--json", str(out)]
    for name in load:
        args += ["--student", name]
    t2 = time.monotonic()
    proc = hub.grader(*args, timeout=3600)
    t_grade = time.monotonic() - t2
    graded = {r["student"]: r for r in json.loads(out.read_text())}
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert len([s for s in load if graded.get(s, {}).get("status") == "graded"]) == len(load)
    for r in spec_students:
        assert graded[r["name"]]["score"] == pytest.approx(expected[r["kind"]])
    hub.report["load"] = {
        "students": len(load),
        "submitted_within_s": round(submits[-1] - submits[0], 2),
        "collected": len(set(load) & collected), "graded": len(graded), "feedback_delivered": len(latencies),
        "students_phase_wall_s": round(wall_students, 1),
        "feedback_latency_s": {"min": round(latencies[0], 1), "median": round(latencies[len(latencies) // 2], 1),
                               "max": round(latencies[-1], 1)},
        "instructor_collect_s": round(t_collect, 1), "instructor_autograde_s": round(t_grade, 1),
        "all_late_by_nbgrader_rule": True,
    }


def test_feedback_service_rate_limit(tmp_path):
    """The feedback service's per-student rate limit, without a hub: a student's hand-ins within
    ``min_interval`` of their last feedback wait; of several waiting, the latest is graded and the older ones
    are marked superseded; another student is not held up."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("feedback_service", ROOT / "deploy" / "hub" / "feedback_service.py")
    fs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fs)
    main = tmp_path / "course"
    main.mkdir()
    (main / "nbgrader_config.py").write_text("c = get_config()\n")
    inbound = tmp_path / "exchange" / COURSE / "inbound"
    inbound.mkdir(parents=True)
    settings = {"course_id": COURSE, "course_dir": str(main), "exchange": str(tmp_path / "exchange"),
                "python": "python", "feedback": {"min_interval": 60, "course_dir": str(tmp_path / "fb")}}
    service = fs.FeedbackService(settings)
    graded = []

    def fake_grade(assignment, subs):  # what grade() records, without grading
        out = []
        for sub in subs:
            graded.append(sub["name"])
            service.state["last_graded"][sub["student"]] = time.time()
            out.append(service._handled(sub, status="released"))
        return out

    service.grade = fake_grade

    def hand_in(student, second):
        stamp = f"2026-12-04 10:00:{second:02d}.000000 UTC"
        folder = inbound / f"{student}+{ASSIGNMENT}+{stamp}+x{second}"
        folder.mkdir()
        (folder / "timestamp.txt").write_text(stamp)
        return folder.name

    first = hand_in("hub-a", 1)
    service.step()
    assert graded == [first]
    second, third, other = hand_in("hub-a", 2), hand_in("hub-a", 3), hand_in("hub-b", 4)
    service.step()
    assert graded == [first, other]                      # hub-a waits; hub-b does not
    assert service.state["handled"][second] == "superseded" and third not in service.state["handled"]
    service.state["last_graded"]["hub-a"] -= 61          # hub-a's window has passed
    service.step()
    assert graded == [first, other, third]
    service.step()
    assert graded == [first, other, third]               # nothing is graded twice
