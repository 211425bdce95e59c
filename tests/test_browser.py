"""The student and instructor paths, end to end in a real browser (headless Chromium driven by Playwright).

The student's side runs on the student edition as a student gets it (``conftest.student_edition``: built by
``make student-edition`` into a fresh folder, set up by its own ``make check`` in a new virtual environment).

1. A student opens a lecture notebook in the JupyterLab that the edition's ``make lab`` starts, runs all cells, and sees
   every cell executed, no error output, and its plots rendered as images.
2. A student opens an exercise and presses nbgrader's **Validate**: on the blank release every test cell
   fails; with a plausible mistake in one answer (the rest solved) the failing test shows its teaching
   message; an answer that calls the library function its part re-implements is refused by the visible
   test, which names the disabled function; once the answers are corrected, Validate reports success. The
   answers are typed into the cells in the browser, and Validate saves the notebook first, so the file on disk
   is checked too.
3. An instructor opens Formgrader from JupyterLab's Nbgrader menu on a scratch course directory (configured
   like the repository, its own gradebook), sees every assignment of ``solutions/``, and presses Generate:
   the student version appears in the scratch ``exercises/``.

Notebooks the tests run or edit are copies in the edition's ``build/browser-tests/`` (removed afterwards), so
no notebook, gradebook or folder of the repository or the edition is touched. On failure each test leaves a
screenshot and the server's log in ``build/screenshots/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

import nbformat
import pytest

from instructor import course
from system_support import needs
from wrong_support import load_wrong_answers
from browser_support import (
    screenshot_on_failure,
    ROOT,
    SCRATCH,
    VENV_BIN,
    free_port,
    instructor_lab_command,
    running_lab,
    set_cell_source,
)

LECTURE = "notebooks/03_backprop.ipynb"  # a light lecture notebook with plots (~25 s)
ASSIGNMENT = "01_introduction"  # a light assignment (its solution runs in ~5 s)
TOKEN = "course-browser-test-token"
# Generous: the machine running the suite may be busy with other tests at the same time.
UI_TIMEOUT_MS = 60_000
RUN_ALL_TIMEOUT_MS = 300_000
VALIDATE_TIMEOUT_MS = 240_000

# One worker runs them all with tests/test_lab.py (a unit of work, tests/conftest.py), sharing the student's
# JupyterLab.
pytestmark = [needs("chromium")]


# ----------------------------------------------------------------------------------------------- fixtures
@pytest.fixture
def scratch(student_lab):
    """A fresh folder under the student lab's root (the student edition) for the notebooks a test opens."""
    folder = student_lab.root / SCRATCH.relative_to(ROOT) / uuid.uuid4().hex[:8]
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            folder.parent.rmdir()  # only when empty


def evidence(page, lab, name: str):
    """On failure, save a screenshot and the server's log in build/screenshots/ (and say where)."""
    return screenshot_on_failure(page, name, server_log=lambda: lab.log_tail(200_000))


# ------------------------------------------------------------------------------------------------ helpers
def relative(path: Path, lab) -> str:
    return path.relative_to(lab.root).as_posix()


def open_notebook(page, lab, path: str) -> None:
    """Open a notebook in JupyterLab and wait until its cells are shown and its kernel is idle."""
    page.goto(lab.url(f"lab/tree/{path}"))
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-CodeCell").first.wait_for()
    page.locator("#jp-main-statusbar").get_by_text(re.compile(r"\| Idle\s*$")).wait_for()


def code_cell_count(path: Path) -> int:
    return sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)


ALL_RUN_OR_FAILED = """() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
        .map(e => e.textContent.trim());
    if (prompts.length === 0 || prompts.some(t => t.includes('*'))) return false;
    const failed = document.querySelector(
        ".jp-Notebook .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
    return failed !== null || prompts.every(t => /^\\[\\d+\\]:$/.test(t));
}"""


def validate(page) -> dict:
    """Press Validate, wait for nbgrader's result dialog, read it, close it; return what it showed."""
    page.locator(".jp-NotebookPanel-toolbar").get_by_role("button", name="Validate").click()
    dialog = page.locator("dialog.jp-Dialog", has=page.locator("#validation-message"))
    dialog.wait_for(timeout=VALIDATE_TIMEOUT_MS)
    message = dialog.locator("#validation-message")
    classes = message.get_attribute("class") or ""
    failures = []
    # A failed cell is shown as: <div><p>The following cell failed:</p></div>, its source, its error.
    blocks = message.locator(":scope > div")
    n = blocks.count()
    for i in range(n):
        if "The following cell failed" in blocks.nth(i).inner_text() and i + 2 < n:
            failures.append({"source": blocks.nth(i + 1).inner_text(), "error": blocks.nth(i + 2).inner_text()})
    result = {"classes": classes, "text": message.inner_text(), "failures": failures}
    dialog.get_by_role("button", name="Ok").click()
    dialog.wait_for(state="detached")
    return result


def squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------- tests
def test_student_runs_a_lecture_notebook(student_lab, page, scratch):
    notebook = scratch / Path(LECTURE).name
    shutil.copy2(student_lab.root / LECTURE, notebook)
    with evidence(page, student_lab, "student_runs_a_lecture_notebook"):
        open_notebook(page, student_lab, relative(notebook, student_lab))
        cells = page.locator(".jp-Notebook .jp-CodeCell")
        assert cells.count() == code_cell_count(notebook), "JupyterLab does not show every code cell"

        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.wait_for_function(ALL_RUN_OR_FAILED, timeout=RUN_ALL_TIMEOUT_MS, polling=500)

        errors = page.locator(".jp-Notebook .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        assert errors.count() == 0, f"{LECTURE} shows error output:\n" + "\n---\n".join(errors.all_text_contents())
        # textContent, not innerText: cells scrolled out of view are not rendered (content-visibility).
        prompts = [t.strip() for t in page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_text_contents()]
        not_run = [i for i, t in enumerate(prompts) if not re.fullmatch(r"\[\d+\]:", t)]
        assert not not_run, f"code cells {not_run} of {LECTURE} did not run (prompts {prompts})"

        images = page.locator(".jp-Notebook .jp-OutputArea-output[data-mime-type='image/png'] img")
        assert images.count() >= 1, f"{LECTURE} shows no plot"
        for i in range(images.count()):
            img = images.nth(i)
            img.scroll_into_view_if_needed()
            size = img.evaluate("async e => { await e.decode(); return [e.naturalWidth, e.naturalHeight]; }")
            assert min(size) > 50, f"plot {i} of {LECTURE} is not rendered (image size {size})"
    assert notebook.read_bytes() == (student_lab.root / LECTURE).read_bytes(), "running the notebook should not save it"


def test_student_validates_an_exercise(student_lab, page, scratch):
    release_path = student_lab.root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"  # the edition's release
    source_path = ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    notebook = scratch / release_path.name
    shutil.copy2(release_path, notebook)
    release = nbformat.read(release_path, as_version=4)
    roles = course.cell_roles(release)
    solved = course.solved(release, nbformat.read(source_path, as_version=4))
    grade_ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in release.cells]
    tests = [c for c in release.cells if roles.get(c.metadata.get("nbgrader", {}).get("grade_id")) == "test"]
    written = [c for c in release.cells if roles.get(c.metadata.get("nbgrader", {}).get("grade_id")) == "written"]
    # What a student who solved everything types: code answers and written answers.
    answers = {gid: solved.cells[i].source for i, gid in enumerate(grade_ids)
               if roles.get(gid) in ("answer", "written")}
    wrong = next(w for w in load_wrong_answers(ASSIGNMENT) if roles.get(w["cell"]) == "answer")
    visible = next(gid for gid in wrong["fails"] if not gid.endswith("_hidden"))
    visible_source = release.cells[grade_ids.index(visible)].source

    with evidence(page, student_lab, "student_validates_an_exercise"):
        open_notebook(page, student_lab, relative(notebook, student_lab))

        # 1) the blank release: every test cell fails, because every answer still raises NotImplementedError
        #    (and every written answer is listed as not given yet)
        blank = validate(page)
        assert "validation-failed" in blank["classes"], f"the blank exercise should fail:\n{blank['text']}"
        assert len(blank["failures"]) == len(tests) + len(written), (
            f"expected all {len(tests)} test cells and {len(written)} written answers to be listed on the blank "
            f"exercise, Validate listed {len(blank['failures'])}:\n{blank['text'][:3000]}")
        shown = {squash(f["source"]): f["error"] for f in blank["failures"]}
        for cell in tests:
            assert squash(cell.source) in shown, f"Validate does not list the failing test cell:\n{cell.source}"
            assert "NotImplementedError" in shown[squash(cell.source)]

        # 2) every answer typed in, one with a plausible mistake: its visible test fails with a teaching message
        for gid, text in answers.items():
            set_cell_source(page, grade_ids.index(gid), wrong["source"].strip() if gid == wrong["cell"] else text)
        mistaken = validate(page)
        assert "validation-failed" in mistaken["classes"], f"the mistake should fail:\n{mistaken['text']}"
        failing = [f for f in mistaken["failures"] if squash(f["source"]) == squash(visible_source)]
        assert failing, f"Validate should show {visible} failing:\n{mistaken['text'][:3000]}"
        error = failing[0]["error"]
        assert "AssertionError" in error and "expected" in error and "found" in error, (
            f"the failure of {visible} should teach (expected ..., found ...):\n{error}")
        name = re.search(r'name="([^"]+)"', visible_source)
        assert name is None or name.group(1) in error, f"the message should name {name.group(1)!r}:\n{error}"
        allowed = {squash(release.cells[grade_ids.index(gid)].source) for gid in wrong["fails"]}
        assert all(squash(f["source"]) in allowed for f in mistaken["failures"]), (
            f"only the tests of {wrong['cell']} should fail:\n{mistaken['text'][:3000]}")

        # 2b) the part answered by calling the library it re-implements: the visible test already refuses it,
        #     naming the disabled function (the student learns it at Validate, not when the grade comes back)
        library = next(w for w in load_wrong_answers(ASSIGNMENT) if "disabled" in w["what"]
                       and w["cell"] != wrong["cell"])
        lib_visible = next(gid for gid in library["fails"] if not gid.endswith("_hidden"))
        set_cell_source(page, grade_ids.index(wrong["cell"]), answers[wrong["cell"]])
        set_cell_source(page, grade_ids.index(library["cell"]), library["source"].strip())
        refused = validate(page)
        flagged = [f for f in refused["failures"]
                   if squash(f["source"]) == squash(release.cells[grade_ids.index(lib_visible)].source)]
        assert flagged and "is disabled in this test" in flagged[0]["error"], (
            f"Validate should refuse {library['what']!r} in {lib_visible}, naming the function:\n"
            f"{refused['text'][:3000]}")
        set_cell_source(page, grade_ids.index(library["cell"]), answers[library["cell"]])

        # 3) the mistake corrected: Validate reports success
        fixed = validate(page)
        assert "validation-success" in fixed["classes"], f"the solved exercise should pass:\n{fixed['text'][:3000]}"
        assert "Success! Your notebook passes all the tests." in fixed["text"]

    # Validate saved what was typed: the file on disk holds the solved answers.
    saved = nbformat.read(notebook, as_version=4)
    for gid, text in answers.items():
        assert saved.cells[grade_ids.index(gid)].source.strip() == text.strip(), f"answer {gid} was not saved as typed"


def test_instructor_formgrader_lists_assignments_and_generates_a_release(browser, tmp_path):
    names = course.assignments()
    assert ASSIGNMENT in names
    repo_gradebook = ROOT / "gradebook.db"
    before = repo_gradebook.stat().st_mtime_ns if repo_gradebook.exists() else None
    # A scratch course configured like the repository (loads its nbgrader_config.py), with its own root,
    # gradebook and exchange, so nothing of the repository (or of /usr/local/share) is written.
    home = Path(tempfile.mkdtemp(prefix="course-instructor-", dir=tmp_path))
    cdir = course.CourseDir(home / "course", names)
    with open(cdir.root / "nbgrader_config.py", "a") as config:
        config.write(f"c.Exchange.root = {str(home / 'exchange')!r}\n")
    (home / "exchange").mkdir()
    port = free_port()
    # nbgrader's gradebook runs the `alembic` script of its environment by name: put that environment first.
    env = {"PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}"}
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(UI_TIMEOUT_MS)
    try:
        with running_lab(instructor_lab_command(cdir.root, port, TOKEN), cdir.root, cdir.root, TOKEN, port,
                         extra_env=env) as lab, evidence(page, lab, "instructor_formgrader"):
            page.goto(lab.url("lab"))
            page.get_by_role("menuitem", name="Nbgrader", exact=True).click()
            page.get_by_role("menuitem", name="Formgrader", exact=True).click()
            formgrader = page.frame_locator("iframe[src*='formgrader']")
            formgrader.locator(f"#main-table td.name[data-order='{ASSIGNMENT}']").wait_for()
            listed = sorted(t.strip() for t in formgrader.locator("#main-table td.name").all_text_contents())
            assert listed == names, f"formgrader lists {listed}, solutions/ has {names}"

            release = cdir.root / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            assert not release.exists()
            row = formgrader.locator(f"#main-table tr:has(td.name[data-order='{ASSIGNMENT}'])")
            row.locator("td.assign a").click()
            modal = formgrader.locator(".modal-dialog", has_text="Successfully created the student version")
            modal.wait_for(timeout=VALIDATE_TIMEOUT_MS)
            assert ASSIGNMENT in modal.inner_text()
            modal.get_by_role("button", name="OK").click()
            modal.wait_for(state="hidden")
    finally:
        page.close()

    assert release.exists(), "Generate did not create the student version in exercises/"
    student = nbformat.read(release, as_version=4)
    text = release.read_text()
    assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text
    stubs = [c for c in student.cells if course.cell_roles(student).get(c.metadata.get("nbgrader", {})
                                                                         .get("grade_id")) == "answer"]
    assert stubs and all("raise NotImplementedError()" in c.source for c in stubs)
    after = repo_gradebook.stat().st_mtime_ns if repo_gradebook.exists() else None
    assert after == before, "the instructor test must not touch the repository's gradebook"
