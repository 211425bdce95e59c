"""Sandboxed Jupyter kernels for autograding, built on bubblewrap (``bwrap``) and ``prlimit``.

A grading kernel started by :class:`SandboxKernelManager` sees:

* its own submission folder, writable (the working directory nbgrader gives it);
* read-only: the system (``/usr``, ``/etc``), the Python environment (interpreter and packages), the
  course's ``helpers/`` and ``data/`` folders, and nothing else of the course: not ``solutions/``, not the
  gradebook, not ``submitted/`` or other students' folders, not ``.git``;
* a private ``/tmp``, its own PID, IPC, UTS and network namespaces (no network at all: the kernel talks to
  the grader over Unix sockets in a private folder), and a new session (no terminal to type into);
* resource limits set with ``prlimit``: private memory per process (``RLIMIT_DATA``, default 2 GiB), CPU
  seconds per process, number of processes and threads, size of any file it writes, open files;
* an environment cleared of the grader's variables (database URLs or tokens never reach student code).

When the kernel's notebook is done, the kernel's PID namespace ends and every process the student's code
started ends with it. When the grader runs as root, the kernel drops to an unprivileged uid of its own
(:func:`sandbox_uid`, one per grading process) inside the sandbox: root is exempt from the process limit,
should not run student code anyway, and separate uids keep one submission's fork storm from starving a
submission graded at the same time.

Where ``bwrap`` is missing or cannot create namespaces, :func:`check_sandbox` raises
:class:`SandboxUnavailable` with what to do; the grader refuses to run unless the instructor explicitly
allows unsandboxed grading (``--unsandboxed`` / ``COURSE_UNSANDBOXED=1``).
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any, Bool, Unicode

__all__ = [
    "Limits", "SandboxUnavailable", "check_sandbox", "sandbox_command", "SandboxKernelManager",
    "unsandboxed_allowed", "sandbox_uid",
]

GiB = 1024**3
MiB = 1024**2
UID_BASE = 200_000  # root grades as an unprivileged uid of its own per grading process (no passwd entry needed)


def sandbox_uid() -> int:
    """The uid student code runs as when the grader is root: one per grading process.

    The process limit (RLIMIT_NPROC) counts the processes of a uid, so two kernels graded at the same time
    by two workers must not share one: a fork storm in one submission would starve the other.
    """
    return UID_BASE + os.getpid() % 100_000 if os.geteuid() == 0 else os.getuid()
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """Resource limits of one grading kernel (per process unless said otherwise)."""

    memory_bytes: int = 2 * GiB       # RLIMIT_DATA: private memory of each process
    cpu_seconds: int = 600            # RLIMIT_CPU: CPU time of each process
    processes: int = 256              # processes and threads the sandbox may add (RLIMIT_NPROC)
    file_bytes: int = 64 * MiB        # RLIMIT_FSIZE: largest file it may write
    open_files: int = 1024            # RLIMIT_NOFILE
    threads: int = 1                  # OMP/MKL/OpenBLAS/torch threads, so parallel grading is fair

    def __post_init__(self):
        for field in ("memory_bytes", "cpu_seconds", "processes", "file_bytes", "open_files", "threads"):
            value = getattr(self, field)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Limits.{field} must be a positive int, got {value!r}")


class SandboxUnavailable(RuntimeError):
    """The sandbox cannot be used on this machine; the message says why and what to do."""


def unsandboxed_allowed() -> bool:
    """True when the instructor explicitly allowed grading without the sandbox (``COURSE_UNSANDBOXED=1``)."""
    return os.environ.get("COURSE_UNSANDBOXED", "") == "1"


def _bwrap() -> str | None:
    return os.environ.get("COURSE_BWRAP") or shutil.which("bwrap")


_HOW_TO = (
    "Grading runs student code inside a bubblewrap sandbox. Either install it (Debian/Ubuntu: "
    "`apt-get install bubblewrap`) and allow user namespaces (`sysctl -w kernel.unprivileged_userns_clone=1` "
    "on Debian/Ubuntu kernels, `sysctl -w user.max_user_namespaces=15000` elsewhere; in a container run it "
    "with --privileged or grade as root), or accept the risk and grade without the sandbox: "
    "`python -m instructor.autograde ASSIGNMENT --unsandboxed` (or set COURSE_UNSANDBOXED=1 for plain "
    "`nbgrader autograde`). Without the sandbox a submission can read the solutions and the gradebook."
)


@functools.lru_cache(maxsize=None)
def _probe(bwrap: str | None, as_root: bool) -> str | None:
    if not bwrap or not os.path.exists(bwrap):
        return "bubblewrap (bwrap) is not installed."
    cmd = [bwrap, *_namespace_args(as_root), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not be started: {exc}."
    if proc.returncode != 0:
        reason = (proc.stderr or proc.stdout).strip().splitlines()
        return ("bwrap cannot create the sandbox's namespaces here (user namespaces are probably disabled): "
                + (reason[-1] if reason else f"exit code {proc.returncode}") + ".")
    return None


def check_sandbox() -> None:
    """Raise :class:`SandboxUnavailable` (with instructions) unless a sandboxed kernel can start here."""
    problem = _probe(_bwrap(), os.geteuid() == 0)
    if problem:
        raise SandboxUnavailable(f"{problem} {_HOW_TO}")


def _namespace_args(as_root: bool) -> list[str]:
    # As root the sandbox keeps the real user namespace so that the kernel can drop to an unprivileged uid (a
    # user namespace created by root would map only uid 0). Otherwise bwrap needs a user namespace.
    ns = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    return ns if as_root else ["--unshare-user", *ns]


def _count_tasks(uid: int) -> int:
    """Processes and threads currently owned by ``uid`` (what RLIMIT_NPROC counts)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                total += int(fields["Threads"])
        except (OSError, KeyError, ValueError):
            continue
    return total


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def _is_course_checkout(path: Path) -> bool:
    """True for a folder holding a course (solutions, a gradebook, the nbgrader config or a git history)."""
    return any((path / name).exists() for name in ("solutions", "nbgrader_config.py", "gradebook.db", ".git"))


def course_library(course_root: str | os.PathLike | None = None) -> tuple[Path, Path | None]:
    """The ``helpers`` package the kernel imports, and the course's data folder: ``helpers.data.data_dir()``
    where that exists (the repository's ``data/``, or ``$COURSE_DATA_DIR``), else the graded course's
    ``data/`` (a course directory next to an installed package); None if there is none."""
    import helpers
    from helpers.data import data_dir

    data = next((d for d in (data_dir(), course_root and Path(course_root) / "data") if d and d.is_dir()), None)
    return Path(helpers.__file__).resolve().parent, (data.resolve() if data is not None else None)


def hidden_trees(course_root: Path, also_hidden=()) -> list[Path]:
    """Folders no path of the kernel may lie in or above: the course being graded (nbgrader's
    ``CourseDirectory.root``), ``also_hidden`` (the nbgrader exchange) and the
    repository this package runs from when that is a course checkout (an editable install)."""
    hidden = [Path(os.path.realpath(course_root))]
    hidden += [Path(os.path.realpath(p)) for p in also_hidden if p]
    if _is_course_checkout(ROOT):
        hidden.append(ROOT)
    return list(dict.fromkeys(hidden))


def _readable_paths(course_root: Path, also_hidden=()) -> list[Path]:
    """The Python installation, the teaching library and the data, never anything else of a course.

    Every folder on the grader's ``sys.path`` is a candidate (that is where the kernel's Python finds its
    packages); one that contains a hidden tree (:func:`hidden_trees`) or lies inside one is dropped, except
    a virtual environment at a course's top (``.venv``). ``helpers`` and ``data`` are then added alone.
    """
    candidates = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix),
                  Path(os.path.realpath(sys.executable)).parent.parent}
    candidates.update(Path(p) for p in site.getsitepackages())
    cwd = os.path.realpath(os.getcwd())  # on the grader's path when run as `python -m`; never the kernel's
    candidates.update(Path(p) for p in sys.path if p and os.path.isdir(p) and os.path.realpath(p) != cwd)
    hidden = hidden_trees(course_root, also_hidden)
    allowed = [h / ".venv" for h in hidden]
    out = set()
    for p in candidates:
        p = Path(os.path.realpath(p))
        if not p.exists() or p == Path("/"):
            continue
        if any(_inside(h, p) for h in hidden):
            continue  # an ancestor of a course (or the course itself): would expose solutions/
        if any(_inside(p, h) for h in hidden) and not any(_inside(p, a) for a in allowed):
            continue  # something else inside a course
        out.add(p)
    helpers_dir, data = course_library(course_root)
    out.update(p for p in (helpers_dir, data) if p is not None)
    # Drop paths already covered by another one, and the system trees bound separately.
    system = [Path("/usr"), Path("/etc")]
    result = []
    for p in sorted(out, key=lambda q: len(q.parts)):
        if any(_inside(p, q) for q in result + system):
            continue
        result.append(p)
    return result


def sandbox_command(cmd: list[str], *, workdir: str | os.PathLike, private_dir: str | os.PathLike,
                    limits: Limits = Limits(), course_root: str | os.PathLike = ROOT,
                    env: dict[str, str] | None = None, also_hidden=()) -> list[str]:
    """Wrap a kernel command line in ``prlimit`` + ``bwrap`` (+ ``setpriv`` when running as root).

    Parameters
    ----------
    cmd : list of str
        The command to run inside (e.g. the kernel's ``python -m ipykernel_launcher -f ...``).
    workdir : path
        The submission folder: the only writable place besides a private ``/tmp``; the working directory.
    private_dir : path
        A folder for the kernel's connection file and Unix sockets, bound read-write at the same path.
    limits : Limits
    course_root : path
        The nbgrader course directory (``CourseDirectory.root``); nothing in it is visible but the teaching
        library, the data and a ``.venv/`` at its top, whichever of those the kernel's Python uses.
    env : dict, optional
        Extra environment variables for the kernel (the rest of the grader's environment is dropped).
    also_hidden : iterable of paths
        More folders to keep out in the same way (the nbgrader exchange).

    Everything else the kernel sees is read-only: the sandbox's own root is remounted read-only once the
    folders are bound, so the mount points made for them cannot be written either.
    """
    bwrap = _bwrap()
    if not bwrap:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed. {_HOW_TO}")
    if not isinstance(cmd, (list, tuple)) or not cmd or not all(isinstance(c, str) for c in cmd):
        raise TypeError(f"cmd must be a non-empty list of str, got {cmd!r}")
    workdir, private_dir = Path(workdir).resolve(), Path(private_dir).resolve()
    course_root = Path(course_root).resolve()
    for name, p in (("workdir", workdir), ("private_dir", private_dir)):
        if not p.is_dir():
            raise FileNotFoundError(f"{name} must be an existing folder, got {p}")
    as_root = os.geteuid() == 0
    uid = sandbox_uid()
    nproc = _count_tasks(uid) + limits.processes

    args = [
        "prlimit", f"--data={limits.memory_bytes}", f"--cpu={limits.cpu_seconds}", f"--nproc={nproc}",
        f"--fsize={limits.file_bytes}", f"--nofile={limits.open_files}", "--core=0", "--",
        bwrap, *_namespace_args(as_root), "--die-with-parent", "--new-session", "--clearenv",
        "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc", "--ro-bind-try", "/sys", "/sys",
    ]
    for top in ("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp"]
    created: set[Path] = {Path("/"), Path("/tmp")}
    bound: list[Path] = [Path("/usr"), Path("/etc"), Path("/sys"), Path("/proc"), Path("/dev")]

    def parents(p: Path) -> list[str]:
        # bwrap would create missing mount points as 0700 directories owned by root; the sandbox uid must pass,
        # and must not write there (under /tmp they lie in its writable private /tmp): read and enter only.
        out = []
        for parent in reversed(p.parents):
            if parent in created or any(_inside(parent, b) for b in bound):
                continue
            created.add(parent)
            out += ["--perms", "0555", "--dir", str(parent)]
        return out

    for p in _readable_paths(course_root, also_hidden):
        args += parents(p) + ["--ro-bind", str(p), str(p)]
        bound.append(p)
    for p in (private_dir, workdir):
        args += parents(p) + ["--bind", str(p), str(p)]
        bound.append(p)

    args += ["--remount-ro", "/"]

    helpers_dir, data = course_library(course_root)
    # The kernel imports the same `helpers` as the grader, however the grader found it (an editable or a
    # normal install, or the course directory on its path): only that folder of its parent is visible.
    extra = {"PYTHONPATH": str(helpers_dir.parent)}
    if data is not None:
        extra["COURSE_DATA_DIR"] = str(data)
    for key, value in sorted(kernel_environment(limits, {**extra, **(env or {})}).items()):
        args += ["--setenv", key, value]
    args += ["--chdir", str(workdir), "--"]
    if as_root:
        args += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                 "--bounding-set=-all", "--no-new-privs", "--"]
        # bwrap drops all capabilities for the command unless told; setpriv needs these two to switch user.
        i = args.index("--die-with-parent")
        args[i:i] = ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    return args + list(cmd)


def kernel_environment(limits: Limits, env: dict[str, str] | None = None, tmp: str = "/tmp") -> dict[str, str]:
    """The whole environment of a grading kernel (the grader's own variables are not passed on): the Python
    environment first on ``PATH``, ``limits.threads`` for every thread pool, fixed hashing, quiet libraries,
    ``tmp`` as home and temporary folder, the few grader variables a kernel may see, then ``env``."""
    threads = str(limits.threads)
    base_env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": tmp, "TMPDIR": tmp, "MPLCONFIGDIR": f"{tmp}/matplotlib", "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads, "OPENBLAS_NUM_THREADS": threads,
        "TF_NUM_INTRAOP_THREADS": threads, "TF_NUM_INTEROP_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE",
        "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1",
        "COURSE_QUIET": "1", "COURSE_STATIC": "1",
    }
    for key in ("NBGRADER_EXECUTION", "KERAS_BACKEND", "TZ", "MPLBACKEND"):
        if key in os.environ:
            base_env[key] = os.environ[key]
    base_env.update(env or {})
    return base_env


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for dirpath, dirnames, filenames in os.walk(path):
        for name in dirnames + filenames:
            try:
                os.chown(os.path.join(dirpath, name), uid, gid, follow_symlinks=False)
            except OSError:
                pass


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run in the bubblewrap sandbox described in this module.

    The kernel talks to the grader over Unix sockets (``transport = "ipc"``) in a private folder, because
    it has no network (and, unsandboxed, so that kernels started together never race for a TCP port).
    Interrupts are sent as messages: signals to the sandbox's process group would
    stop the sandbox itself.
    """

    sandbox_enabled = Bool(True, help="Run the kernel in the sandbox").tag(config=True)
    limits = Any(Limits(), help="A instructor.sandbox.Limits").tag(config=True)
    course_root = Unicode(str(ROOT), help="The nbgrader course directory (the grader sets its "
                          "CourseDirectory.root)").tag(config=True)
    also_hidden = Any((), help="More folders the kernel must not see (the exchange)").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._private = tempfile.mkdtemp(prefix="course-kernel-")
        self._workdir: Path | None = None
        if self.sandbox_enabled:
            check_sandbox()
        # Unix sockets in the private folder, with or without the sandbox: over TCP, two kernels started at
        # the same moment by parallel graders can be handed the same free port, and one fails to start
        # ("Address already in use"; CI saw an unsandboxed submission lost to it).
        self.transport = "ipc"
        self.ip = os.path.join(self._private, "socket")
        self.connection_file = os.path.join(self._private, "connection.json")

    @property
    def kernel_spec(self):  # noqa: D401 - property of the parent class
        spec = super().kernel_spec
        if spec is not None and self.sandbox_enabled:
            spec.interrupt_mode = "message"
        return spec

    async def _async_pre_start_kernel(self, **kw):
        self._workdir = Path(kw.get("cwd") or os.getcwd())
        if self.sandbox_enabled:
            kw.setdefault("stdout", subprocess.DEVNULL)  # ipykernel's start-up notes are not the grader's output
        return await super()._async_pre_start_kernel(**kw)

    def format_kernel_cmd(self, extra_arguments=None):
        cmd = super().format_kernel_cmd(extra_arguments=extra_arguments)
        if not self.sandbox_enabled:
            return cmd
        workdir = self._workdir or Path(os.getcwd())
        if os.geteuid() == 0:
            # The kernel runs as an unprivileged uid: let it use its own folders, nothing else.
            uid = sandbox_uid()
            _chown_tree(Path(self._private), uid, uid)
            _chown_tree(workdir, uid, uid)
        return sandbox_command(cmd, workdir=workdir, private_dir=self._private, limits=self.limits,
                               course_root=self.course_root, also_hidden=self.also_hidden)

    def kill_process_group(self) -> None:
        """SIGKILL the kernel's whole process group (the sandbox and everything in it)."""
        import signal

        proc = getattr(self.provisioner, "process", None)
        if proc is None:
            return
        try:
            os.killpg(os.getpgid(proc.pid), signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            try:
                proc.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            if os.geteuid() == 0 and self._workdir is not None and self._workdir.exists():
                _chown_tree(self._workdir, 0, 0)
            shutil.rmtree(self._private, ignore_errors=True)
