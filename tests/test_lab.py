"""`make lab` (the README's student command) starts JupyterLab on the course with nbgrader enabled."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "course-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        return err.code, ""


@pytest.fixture(scope="module")
def lab():
    if not (ROOT / ".venv" / ".installed").exists():
        pytest.fail("the course environment is not installed: run `make install` (make test does)")
    port = free_port()
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --IdentityProvider.token={TOKEN}"
    proc = subprocess.Popen(
        ["make", "-s", "lab", f"PORT={port}", f"LAB_ARGS={args}"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    try:
        while time.time() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"make lab exited early:\n{proc.stdout.read().decode(errors='replace')[-3000:]}")
            try:
                if get(f"{base}/api/status?token={TOKEN}")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            pytest.fail("JupyterLab did not answer within 120 s")
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def test_lab_serves_the_repository_and_opens_on_notebooks(lab):
    status, body = get(f"{lab}/api/contents/notebooks?token={TOKEN}")
    assert status == 200 and '"name": "notebooks"' in body.replace('":"', '": "')
    status, body = get(f"{lab}/api/contents?token={TOKEN}")
    names = body
    for folder in ("notebooks", "exercises", "helpers"):
        assert f'"{folder}"' in names, f"the server root should be the repository (no {folder}/ in it)"
    status, body = get(f"{lab}/lab?token={TOKEN}")
    assert status == 200 and "JupyterLab" in body


def test_nbgrader_extensions_are_enabled(lab):
    status, body = get(f"{lab}/formgrader?token={TOKEN}")
    assert status == 200 and "formgrader" in body.lower()
    # The lab page's configuration lists the front-end extensions it loads (Validate button, Formgrader).
    status, body = get(f"{lab}/lab?token={TOKEN}")
    assert status == 200 and "@jupyter/nbgrader" in body, "the nbgrader JupyterLab extension is not loaded"
