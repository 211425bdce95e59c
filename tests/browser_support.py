"""Support for the browser tests (tests/test_browser.py): a JupyterLab server and a headless Chromium.

The browser is Debian's Chromium (``/usr/bin/chromium``, installed by ``make system-deps``) driven by Playwright;
Playwright's own browser downloads do not work offline, so they are never used.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
# Scratch space under the server root for notebooks the tests edit (build/ is git-ignored).
SCRATCH = ROOT / "build" / "browser-tests"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str, timeout: float = 5) -> int:
    """The HTTP status of a GET of ``url`` (4xx/5xx included, not raised)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


@contextlib.contextmanager
def screenshot_on_failure(page, name: str, server_log=None):
    """On failure, save a screenshot (and ``server_log()``, if given) in build/screenshots/ and say where."""
    try:
        yield
    except BaseException as err:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"{name}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True)
        if server_log is not None:
            with contextlib.suppress(Exception):
                (SCREENSHOTS / f"{name}-server.log").write_text(server_log())
        if isinstance(err, Exception):
            raise AssertionError(f"{err}\n(screenshot: {shot}; page {page.url})") from err
        raise


def lab_settings_dir(path: Path) -> Path:
    """A JupyterLab user-settings folder: no autosave, no news toast, no lazy (windowed) cell rendering.

    The tests save notebooks explicitly (Validate saves first); autosave off means a notebook the test only
    runs is never written back, whatever the timing.
    """
    settings = {
        ("docmanager-extension", "plugin"): {"autosave": False},
        # No "get notified about Jupyter news?" toast over the page (and no attempt to reach the network).
        ("apputils-extension", "notification"): {"fetchNews": "false", "checkForUpdates": False},
        # Every cell in the page, not only those scrolled into view, so the tests can see them all.
        ("notebook-extension", "tracker"): {"windowingMode": "none"},
    }
    for (package, plugin), values in settings.items():
        folder = path / "@jupyterlab" / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    return path


class Lab:
    """A running JupyterLab: ``url(path)`` gives an authenticated address on it."""

    def __init__(self, base: str, token: str, root: Path, log: Path):
        self.base, self.token, self.root, self.log = base, token, root, log

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def log_tail(self, n: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else ""


@contextlib.contextmanager
def running_lab(command: list[str], cwd: Path, root: Path, token: str, port: int, timeout: float = 120,
                extra_env: dict[str, str] | None = None):
    """Start ``command`` (a JupyterLab on ``port``) in its own process group; stop the whole group after.

    The environment is the caller's, minus ``MPLBACKEND`` (CI sets it to Agg for papermill; a student's
    kernel uses the inline backend, so plots appear in the notebook), with its own JupyterLab settings and
    workspaces folders so nothing in the user's ~/.jupyter is read or written.
    """
    tmp = Path(tempfile.mkdtemp(prefix="course-lab-"))
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_settings_dir(tmp / "settings"))
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "workspaces")
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra_env or {})
    log = tmp / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", token, root, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early (code {proc.returncode}):\n{lab.log_tail()}")
            with contextlib.suppress(OSError):
                if http_status(lab.url("api/status")) == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{lab.log_tail()}")
            time.sleep(0.5)  # polling interval while the server starts, not synchronisation with the page
        yield lab
    finally:
        # Kernels run in sessions of their own: shut them down through the server before stopping it.
        with contextlib.suppress(Exception):
            shutdown_kernels(lab)
        stop_group(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def _group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of the process group ``pgid``."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(stat.parent.name))
    return members


def stop_group(proc: subprocess.Popen, grace: float = 20) -> None:
    """SIGTERM the process group led by ``proc``, wait for all of it, SIGKILL what is left after ``grace``.

    Waiting for ``proc`` alone is not enough: ``make`` exits at once and leaves the server it started.
    """
    pgid = proc.pid
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _group_members(pgid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def shutdown_kernels(lab: Lab) -> None:
    """Shut down every kernel of ``lab`` (the lecture notebook's; Validate's own kernel is already gone)."""
    with urllib.request.urlopen(lab.url("api/kernels"), timeout=10) as resp:
        kernels = json.loads(resp.read())
    for kernel in kernels:
        req = urllib.request.Request(lab.url(f"api/kernels/{kernel['id']}"), method="DELETE")
        with contextlib.suppress(urllib.error.URLError):
            urllib.request.urlopen(req, timeout=30).close()


def student_lab_command(port: int, token: str) -> list[str]:
    """The README's student command (``make lab``) on a loopback port, without opening a browser."""
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={token}"
    return ["make", "-s", "lab", f"PORT={port}", f"LAB_ARGS={args}"]


def instructor_lab_command(root: Path, port: int, token: str) -> list[str]:
    """JupyterLab on a scratch course directory (run it with ``cwd=root`` so nbgrader reads its config)."""
    cmd = [str(VENV_BIN / "jupyter"), "lab", f"--ServerApp.root_dir={root}", f"--port={port}", "--no-browser",
           "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def set_cell_source(page, index: int, text: str) -> None:
    """Replace the text of the index-th cell as a student would: click into it, select all, type."""
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    cell.scroll_into_view_if_needed()
    if "jp-MarkdownCell" in (cell.get_attribute("class") or ""):
        rendered = cell.locator(".jp-MarkdownOutput")
        if rendered.is_visible():
            rendered.dblclick()  # a rendered markdown cell opens its editor on double click
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    # insert_text types the whole answer at once, without the editor's auto-indent or bracket closing.
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")  # back to command mode
