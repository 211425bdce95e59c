"""instructor.sandbox: what code inside the grading sandbox can and cannot do.

These run small Python programs through ``sandbox_command`` directly (no Jupyter), one per property.
They need bubblewrap; without it they skip locally and fail in CI (``tests/system_support.py``).
"""

import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from instructor import sandbox
from corpus_support import needs_sandbox
from instructor.sandbox import Limits, SandboxUnavailable, check_sandbox, sandbox_command

ROOT = Path(__file__).resolve().parent.parent




DEFAULT = Limits()


def run_inside(tmp_path, code: str, limits: Limits = DEFAULT, env=None, timeout=60):
    work, private = tmp_path / "work", tmp_path / "private"
    work.mkdir(exist_ok=True)
    private.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        os.chown(work, sandbox.sandbox_uid(), sandbox.sandbox_uid())
    cmd = sandbox_command([sys.executable, "-c", textwrap.dedent(code)], workdir=work, private_dir=private,
                          limits=limits, env=env)
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@needs_sandbox
def test_sees_only_helpers_data_and_the_environment_of_the_course(tmp_path):
    proc = run_inside(tmp_path, f"""
        import os
        print(sorted(os.listdir({str(ROOT)!r})))
        for name in ["solutions", "gradebook.db", "submitted", "autograded", ".git", "nbgrader_config.py"]:
            print(name, os.path.exists(os.path.join({str(ROOT)!r}, name)))
        import helpers.checks, numpy
        print("imports ok", os.path.exists({str(ROOT / 'data' / 'README.md')!r}))
    """)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert set(eval(lines[0])) <= {"helpers", "data", ".venv"}, f"the course root shows {lines[0]}"
    assert all(line.endswith("False") for line in lines[1:7]), lines[1:7]
    assert lines[7] == "imports ok True"


@needs_sandbox
def test_can_write_only_its_own_folder_and_a_private_tmp(tmp_path):
    marker = f"sandbox-{uuid.uuid4().hex[:8]}"
    proc = run_inside(tmp_path, f"""
        import os
        for path in ["answer.txt", "/tmp/{marker}", {str(ROOT / marker)!r}, {str(ROOT / 'helpers' / marker)!r}]:
            try:
                open(path, "w").write("x")
                print(path, "written")
            except OSError as exc:
                print(path, "refused", exc.errno)
    """)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[0] == "answer.txt written" and out[1].endswith("written"), out
    assert all("refused" in line for line in out[2:]), out
    assert (tmp_path / "work" / "answer.txt").exists()
    assert not Path(f"/tmp/{marker}").exists() and not (ROOT / marker).exists()


@needs_sandbox
def test_has_no_network_and_no_grader_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_SECRET_DB_URL", "postgresql://teacher:hunter2@db/course")
    proc = run_inside(tmp_path, """
        import os, socket
        print(sorted(k for k in os.environ if "SECRET" in k))
        for host, port in [("127.0.0.1", 22), ("8.8.8.8", 53)]:
            try:
                socket.create_connection((host, port), timeout=2)
                print("connected")
            except OSError as exc:
                print("no network", type(exc).__name__)
    """)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == "[]", "the grader's environment leaked into the sandbox"
    assert lines[1:] == ["no network ConnectionRefusedError", "no network OSError"], lines


@needs_sandbox
def test_process_limit_stops_a_fork_storm(tmp_path):
    proc = run_inside(tmp_path, """
        import subprocess
        procs = []
        try:
            for _ in range(500):
                procs.append(subprocess.Popen(["sleep", "30"]))
        except OSError as exc:
            print("stopped after", len(procs))
    """, limits=Limits(processes=40))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("stopped after"), proc.stdout
    assert int(proc.stdout.split()[-1]) <= 40


@needs_sandbox
def test_memory_limit_raises_memory_error(tmp_path):
    proc = run_inside(tmp_path, """
        import numpy as np
        small = np.ones(10_000_000)        # 80 MB is fine
        try:
            big = np.ones(100_000_000)     # 800 MB is not
            print("allocated")
        except MemoryError:
            print("MemoryError")
    """, limits=Limits(memory_bytes=512 * 2**20))
    assert proc.stdout.strip() == "MemoryError", (proc.stdout, proc.stderr)


@needs_sandbox
def test_file_size_and_cpu_limits(tmp_path):
    proc = run_inside(tmp_path, """
        try:
            with open("big.bin", "wb") as fh:
                fh.write(b"0" * (8 * 2**20))
        except OSError as exc:
            print("file too large", exc.errno)
    """, limits=Limits(file_bytes=2**20))
    assert proc.stdout.strip() == "file too large 27", (proc.stdout, proc.stderr)  # EFBIG
    t0 = time.monotonic()
    proc = run_inside(tmp_path, "while True:\n    pass\n", limits=Limits(cpu_seconds=1), timeout=30)
    assert proc.returncode != 0 and time.monotonic() - t0 < 20, "the CPU limit did not stop a busy loop"


@needs_sandbox
def test_no_process_outlives_the_sandbox(tmp_path):
    marker = f"outlive-{uuid.uuid4().hex[:8]}"
    proc = run_inside(tmp_path, f"""
        import os, subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)  # {marker}"])
        if os.fork() == 0:
            os.setsid()
            os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(300)  # {marker}"])
        print("started")
    """)
    assert proc.stdout.strip() == "started", proc.stderr
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert not left, f"processes outlived the sandbox: {left}"


def test_limits_are_validated():
    with pytest.raises(ValueError, match="memory_bytes must be a positive int"):
        Limits(memory_bytes=0)
    with pytest.raises(ValueError, match="threads"):
        Limits(threads=1.5)


@needs_sandbox
def test_sandbox_command_checks_its_arguments(tmp_path):
    with pytest.raises(TypeError, match="cmd must be a non-empty list of str"):
        sandbox_command("python", workdir=tmp_path, private_dir=tmp_path)
    with pytest.raises(FileNotFoundError, match="workdir must be an existing folder"):
        sandbox_command(["python"], workdir=tmp_path / "nope", private_dir=tmp_path)


def test_unavailable_sandbox_explains_what_to_do(monkeypatch):
    monkeypatch.setenv("COURSE_BWRAP", "/nonexistent/bwrap")
    with pytest.raises(SandboxUnavailable) as info:
        check_sandbox()
    message = str(info.value)
    assert "bubblewrap (bwrap) is not installed" in message
    assert "apt-get install bubblewrap" in message and "--unsandboxed" in message and "user namespaces" in message


def test_namespace_failure_is_reported(monkeypatch, tmp_path):
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("COURSE_BWRAP", str(fake))
    with pytest.raises(SandboxUnavailable, match="user namespaces are probably disabled.*No permissions"):
        check_sandbox()


@pytest.mark.slow
def test_unsandboxed_kernels_started_together_talk_over_their_own_unix_sockets(tmp_path):
    """Over TCP, kernels started at the same moment can be handed the same free port and one fails to start
    ("Address already in use": CI lost an unsandboxed submission to it); the kernel manager uses Unix sockets
    in each kernel's private folder, with or without the sandbox."""
    import asyncio

    from instructor.sandbox import SandboxKernelManager

    async def start_three():
        kms = [SandboxKernelManager(kernel_name="python3", sandbox_enabled=False) for _ in range(3)]
        assert [km.transport for km in kms] == ["ipc"] * 3
        assert all(km.ip.startswith(km._private) for km in kms)
        await asyncio.gather(*(km.start_kernel(cwd=str(tmp_path)) for km in kms))
        try:
            for km in kms:
                client = km.client()
                client.start_channels()
                await client.wait_for_ready(timeout=60)
                client.stop_channels()
        finally:
            await asyncio.gather(*(km.shutdown_kernel(now=True) for km in kms))
        return kms

    kms = asyncio.run(start_three())
    assert not any(Path(km._private).exists() for km in kms), "a kernel's private folder was left behind"
