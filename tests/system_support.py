"""The system pieces some tests need (Debian packages the Python environment cannot install), and one rule
for a test that needs a missing one: **skip here, fail in CI**.

``make test`` installs the pieces through ``make system-deps`` where it can (as root, with apt-get). Where it
cannot (no root, not Debian, macOS) the tests that need a missing piece skip with one line naming the piece
and the command that enables it, and the end of the run counts those skips (``conftest.py``). With ``CI`` set
(``.ci/run``) every piece is required: a missing one fails its tests instead.

Usage in a test module::

    from system_support import needs

    pytestmark = needs("chromium")          # or @needs("bubblewrap") on one test

or, inside a fixture, ``require("postgresql")``. ``make system-deps`` and this module name the same pieces;
``tests/test_lock.py`` checks that ``make system-deps`` (instructor.mk) installs every package listed here.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from browser_support import free_port

#: Where a missing piece fails rather than skips. ``COURSE_REQUIRE_SYSTEM=1`` asks for the same outside CI.
REQUIRED = bool(os.environ.get("CI")) or os.environ.get("COURSE_REQUIRE_SYSTEM") == "1"
#: The prefix of every skip reason this module writes; ``conftest.py`` counts skips by it.
SKIP_PREFIX = "missing system piece"
ENABLE = "run `make system-deps` as root (Debian/Ubuntu)"


def _bubblewrap() -> str | None:
    from instructor.sandbox import SandboxUnavailable, check_sandbox

    try:
        check_sandbox()
    except SandboxUnavailable as err:
        return str(err).split("\n")[0]
    return None


def _chromium() -> str | None:
    if not Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium is not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is missing (make install)"
    return None


def postgres_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with ``initdb`` and ``pg_ctl`` (Debian's layout), or
    the folder of ``pg_ctl`` on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: [int(x) for x in
                   Path(p).parent.parent.name.split(".") if x.isdigit()])
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _postgresql() -> str | None:
    if os.environ.get("COURSE_TEST_POSTGRES_URL"):
        return None
    if postgres_bin() is None:
        return "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "the psycopg2 Python package is missing (make install)"
    return None


@dataclass(frozen=True)
class Piece:
    name: str
    packages: str           # the Debian packages that provide it
    check: Callable[[], str | None]  # None when present, else why it is missing
    used_for: str


PIECES = {p.name: p for p in (
    Piece("bubblewrap", "bubblewrap", _bubblewrap, "the grading sandbox"),
    Piece("chromium", "chromium chromium-driver", _chromium, "the browser tests"),
    Piece("postgresql", "postgresql", _postgresql, "the PostgreSQL gradebook"),
)}

_STATE: dict[str, str | None] = {}


def missing(name: str) -> str | None:
    """Why the piece ``name`` is missing here (None when it is present); checked once per process."""
    if name not in PIECES:
        raise KeyError(f"unknown system piece {name!r}; known: {sorted(PIECES)}")
    if name not in _STATE:
        _STATE[name] = PIECES[name].check()
    return _STATE[name]


def reason(name: str) -> str:
    piece = PIECES[name]
    return (f"{SKIP_PREFIX}: {name} ({piece.used_for}): {missing(name)}; to enable: {ENABLE}, "
            f"or apt-get install {piece.packages}")


def available(name: str) -> bool:
    return missing(name) is None


def skip_or_fail(why: str) -> None:
    """The one rule for a test that cannot run here: skip (with ``why``), or fail where everything is required
    (``CI``, ``COURSE_REQUIRE_SYSTEM=1``)."""
    if REQUIRED:
        pytest.fail(f"{why} (CI requires it)", pytrace=False)
    pytest.skip(why)


def require(name: str) -> None:
    """Inside a test or fixture: skip when the piece is missing, or fail where pieces are required (CI)."""
    if missing(name) is not None:
        skip_or_fail(reason(name))


def grade_unsandboxed() -> bool:
    """Whether a grading round trip should grade without the sandbox: only where bubblewrap is missing and
    not required. The round trips check the exercises, not the isolation (tests/test_sandbox.py does that)."""
    return not REQUIRED and not available("bubblewrap")


def needs(*names: str):
    """A mark for tests that need the pieces ``names`` (``conftest.py`` applies it before any fixture is set up:
    a skip here, a failure in CI)."""
    for name in names:
        if name not in PIECES:
            raise KeyError(f"unknown system piece {name!r}; known: {sorted(PIECES)}")
    return pytest.mark.system(*names)


# ------------------------------------------------------------------------------------- PostgreSQL server


@contextlib.contextmanager
def postgres_server():
    """A throw-away PostgreSQL server on 127.0.0.1 (trusting local connections) for the duration of the
    block; yields its URL (``postgresql://postgres@127.0.0.1:PORT/postgres``). ``COURSE_TEST_POSTGRES_URL``,
    when set, names an existing server instead. As root the server runs as the ``postgres`` account (created
    if missing), as PostgreSQL refuses to run as root."""
    url = os.environ.get("COURSE_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    require("postgresql")
    bindir = postgres_bin()
    run: list[str] = []
    data = Path(tempfile.mkdtemp(prefix="course-postgres-"))
    if os.geteuid() == 0:
        if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
        shutil.chown(data, "postgres")
        data.chmod(0o700)
        run = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*run, str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "postgres"],
                   check=True, capture_output=True)
    subprocess.run([*run, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-l", str(data / "server.log"), "-w",
                    "-o", f"-p {port} -c listen_addresses=127.0.0.1 -k {data}", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        for _ in range(50):
            with contextlib.suppress(OSError):
                shutil.rmtree(data)
                break
            time.sleep(0.1)
