"""Autograding you can trust at class scale: a sandboxed, fair executor for nbgrader, and a parallel grader.

Two parts:

* :class:`SandboxedExecute` replaces nbgrader's ``Execute`` preprocessor in ``nbgrader autograde`` (the
  course's ``nbgrader_config.py`` selects it). It runs the notebook in a :mod:`instructor.sandbox` kernel and
  makes failure fair:

  - a kernel that dies (``os._exit``, a memory or CPU limit, a crash) costs the cell that killed it and the
    cells after it, never the credit earned before;
  - a cell that runs past its time limit is interrupted; if the interrupt is ignored the kernel is killed;
    the whole notebook also has a time limit, after which the remaining cells are marked as not run;
  - each cell keeps at most ``output_limit`` bytes of output (an output flood is cut, not stored);
  - before and after every test cell :mod:`helpers.guard` checks that student code did not rebind the
    functions the checks use; if it did, the originals are put back and that test fails with a message.

* ``python -m instructor.autograde ASSIGNMENT --workers N`` grades a whole class with N worker processes on
  the real nbgrader (``NbGraderAPI.autograde``, one student at a time per worker), prints one line per
  student as it finishes and a summary table, and exits non-zero when any submission could not be graded.
  Notebooks that are not valid notebooks are reported by name before grading starts; the rest of the
  class is still graded.
"""

from __future__ import annotations

import argparse
import ast
import json
import multiprocessing as mp
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

from .sandbox import Limits, SandboxKernelManager, SandboxUnavailable, check_sandbox, unsandboxed_allowed

__all__ = ["SandboxedExecute", "bound_names", "validate_submission", "grade_class", "main"]

GUARD_INSTALL = "import helpers.guard as _course_guard; _course_guard.install(); del _course_guard"
_GUARD_CHECK = "import helpers.guard as _g\n_g.check(globals())\ndel _g"


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _is_test(cell) -> bool:
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def _is_instructor(cell) -> bool:
    meta = _nbgrader(cell)
    return cell.cell_type == "code" and bool(meta) and not meta.get("solution")


def guard_hooks(cell) -> tuple[str | None, list[tuple[str, bool]]]:
    """The grader's hidden code around a code cell: ``(before, after)``.

    ``before`` (test cells) is the guard's check; when it fails, its error is the cell's outcome and the cell
    is not run. ``after`` lists ``(code, counts)``: after an instructor cell, recording the names it bound;
    after a test cell, the check again, whose error counts as the cell's (``counts``).
    """
    after = []
    if _is_instructor(cell):
        after.append((f"import helpers.guard as _g\n_g.remember({bound_names(cell.source)!r}, globals())\ndel _g",
                      False))
    if _is_test(cell):
        after.append((_GUARD_CHECK, True))
    return (_GUARD_CHECK if _is_test(cell) else None), after


def bound_names(source: str) -> list[str]:
    """Global names a cell binds at top level (imports, assignments, defs, classes); [] if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names += [(a.asname or a.name).split(".")[0] for a in node.names if a.name != "*"]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    return sorted(set(names))


def grader_course(config) -> tuple[str, tuple[str, ...]]:
    """What the running grader must keep from student code: nbgrader's ``CourseDirectory.root`` for this
    configuration, and the exchange (``Exchange.root``, when configured) besides."""
    from nbgrader.coursedir import CourseDirectory

    root = CourseDirectory(config=config).root
    exchange = config.Exchange.root if "root" in config.get("Exchange", {}) else None
    return str(Path(root).resolve()), tuple(str(p) for p in (exchange,) if p and Path(p).resolve() != Path("/"))


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` with a sandboxed kernel, fair failure and tamper checks (see the module doc)."""

    sandbox = Bool(True, help="Run student code in the bubblewrap sandbox (instructor.sandbox)").tag(config=True)
    allow_unsandboxed = Bool(
        False, help="Grade without the sandbox when it is unavailable (also: COURSE_UNSANDBOXED=1)"
    ).tag(config=True)
    notebook_timeout = Integer(600, help="Seconds for a whole notebook; later cells are not run").tag(config=True)
    kill_grace = Integer(10, help="Seconds after a cell timeout before an unresponsive kernel is killed"
                         ).tag(config=True)
    output_limit = Integer(1_000_000, help="Bytes of output kept per cell").tag(config=True)
    memory_limit = Integer(Limits.memory_bytes, help="Bytes of private memory per process").tag(config=True)
    cpu_limit = Integer(Limits.cpu_seconds, help="CPU seconds per process").tag(config=True)
    process_limit = Integer(Limits.processes, help="Processes and threads the kernel may add").tag(config=True)
    file_size_limit = Integer(Limits.file_bytes, help="Largest file the kernel may write").tag(config=True)
    threads = Integer(Limits.threads, help="BLAS/OpenMP/torch threads in the kernel").tag(config=True)
    guard = Bool(True, help="Check for tampering around test cells (helpers.guard)").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    # --- kernel -------------------------------------------------------------------------------------
    def _use_sandbox(self) -> bool:
        if not self.sandbox:
            return False
        try:
            check_sandbox()
        except SandboxUnavailable:
            if self.allow_unsandboxed or unsandboxed_allowed():
                self.log.warning("Sandbox unavailable: grading WITHOUT isolation because it was allowed")
                return False
            raise
        return True

    def create_kernel_manager(self):
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        limits = Limits(memory_bytes=self.memory_limit, cpu_seconds=self.cpu_limit, processes=self.process_limit,
                        file_bytes=self.file_size_limit, threads=self.threads)
        course_root, also_hidden = grader_course(self.config)
        self.km = SandboxKernelManager(kernel_name=self.kernel_name, config=self.config, limits=limits,
                                       sandbox_enabled=self._use_sandbox(), course_root=course_root,
                                       also_hidden=also_hidden)
        return self.km

    def preprocess(self, nb, resources=None, km=None):
        self._dead_reason: str | None = None
        self._deadline = time.monotonic() + self.notebook_timeout
        self._out_bytes: dict[int, int] = {}
        if self.guard and not any(GUARD_INSTALL in a for a in self.extra_arguments):
            self.extra_arguments = [*self.extra_arguments, f"--IPKernelApp.exec_lines={GUARD_INSTALL}"]
        return super().preprocess(nb, resources, km)

    # --- outputs ------------------------------------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        used = self._out_bytes.get(cell_index, 0)
        if used > self.output_limit:
            return None
        size = len(json.dumps(msg.get("content", {}), default=str))
        self._out_bytes[cell_index] = used + size
        if used + size > self.output_limit:
            self._out_bytes[cell_index] = self.output_limit + 1
            note = NotebookNode(output_type="stream", name="stdout",
                                text=f"\n... output cut: this cell printed more than {self.output_limit} bytes\n")
            outs.append(note)
            return None
        return super().output(outs, msg, display_id, cell_index)

    # --- execution ----------------------------------------------------------------------------------
    def _kill(self, reason: str) -> None:
        self._dead_reason = reason
        if isinstance(self.km, SandboxKernelManager):
            self.km.kill_process_group()

    def _run(self, cell, index, *, store_history=True, timeout=None):
        """Execute one cell with a hard deadline: past it (plus grace) the kernel is killed."""
        remaining = self._deadline - time.monotonic()
        limit = max(1, int(min(self.timeout or remaining, remaining)) if timeout is None else timeout)
        saved, self.timeout = self.timeout, limit
        timer = threading.Timer(limit + self.kill_grace, self._kill,
                                args=(f"the kernel did not respond {self.kill_grace} s after the cell's "
                                      f"{limit} s time limit and was stopped",))
        timer.daemon = True
        timer.start()
        try:
            return self.execute_cell(cell, index, store_history=store_history)
        finally:
            timer.cancel()
            self.timeout = saved

    def _hidden(self, code: str, index: int, timeout: int = 30) -> list:
        """Run grader code in the kernel (not stored in the notebook); return its error outputs."""
        cell = nbformat.v4.new_code_cell(code)
        real = self.nb.cells[index]
        try:
            self._run(cell, index, store_history=False, timeout=timeout)
        finally:
            self.nb.cells[index] = real  # nbclient stores the executed cell at `index`: put the real one back
        return [o for o in cell.outputs if o.output_type == "error"]

    def _responsive(self, index: int) -> bool:
        """After a timeout: does the kernel answer a trivial request within ``kill_grace`` seconds?"""
        try:
            errors = self._hidden("pass", index, timeout=self.kill_grace)
        except (CellTimeoutError, DeadKernelError):
            return False
        return not any(e.get("ename") == "CellTimeoutError" for e in errors)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        self._check_assign_resources(resources)
        if self._dead_reason is None and time.monotonic() > self._deadline:
            self._kill(f"the notebook used up its {self.notebook_timeout} s time limit")
        if self._dead_reason is not None:
            cell.outputs = [_error("NotRun", f"this cell was not run: {self._dead_reason}")]
            return cell, resources
        try:
            before, after = guard_hooks(cell) if self.guard else (None, [])
            if before:
                errors = self._hidden(before, index)
                if errors:
                    cell.outputs = errors
                    return cell, resources
            self._run(cell, index)
            if self._timed_out(cell) and not self._responsive(index):
                self._kill("the kernel ignored the interrupt after a cell timeout and was stopped")
                return cell, resources
            for code, counts in after:
                errors = self._hidden(code, index)
                if counts:
                    cell.outputs.extend(errors)
        except DeadKernelError:
            reason = self._dead_reason or self._death_reason()
            self._dead_reason = reason
            cell.outputs.append(_error("KernelDied", f"the kernel stopped while running this cell: {reason}"))
        except CellTimeoutError as exc:
            cell.outputs.append(_error("CellTimeoutError", str(exc).splitlines()[0]))
            if not self._responsive(index):
                self._kill("the kernel stopped responding after a cell timeout and was stopped")
        return cell, resources

    @staticmethod
    def _timed_out(cell) -> bool:
        return any(o.output_type == "error" and o.get("ename") == "CellTimeoutError" for o in cell.outputs)

    def _death_reason(self) -> str:
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        code = proc.poll() if proc is not None else None
        hint = ("it exited (os._exit, sys.exit in a thread, or a crash), or hit a limit: memory "
                f"{self.memory_limit // 2**20} MiB, CPU {self.cpu_limit} s per process")
        return f"{hint}; exit status {code}" if code is not None else hint


# --- the class-scale command ------------------------------------------------------------------------

@dataclass
class Result:
    student: str
    status: str                      # "graded", "unreadable", "failed"
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def validate_submission(folder: Path, notebooks: list[str]) -> list[str]:
    """Problems that stop a submission folder from being graded (unreadable or invalid notebooks)."""
    problems = []
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        if not path.exists():
            continue  # nbgrader gives a missing notebook zero; that is a grade, not an error
        try:
            nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        except Exception as exc:  # noqa: BLE001 - any parse error is reported by name
            problems.append(f"{path.name}: not a readable notebook ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0][:160] if str(exc) else ''})")
            continue
        if nb.get("nbformat") != 4:
            problems.append(f"{path.name}: notebook format {nb.get('nbformat')} (nbgrader needs format 4)")
            continue
        try:
            nbformat.validate(nb)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{path.name}: invalid notebook ({str(exc).splitlines()[0][:160]})")
    return problems


def _load_config(root: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


_api = None


def _worker_init(root: str, unsandboxed: bool) -> None:
    global _api
    import warnings

    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own ORM warnings, harmless
    os.chdir(root)
    if unsandboxed:
        os.environ["COURSE_UNSANDBOXED"] = "1"
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = _load_config(Path(root))
    _api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def _notes(root: Path, autograded: str, student: str, assignment: str) -> list[str]:
    notes = set()
    for path in sorted((root / autograded / student / assignment).glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001
            continue
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "error" and out.get("ename") in (
                        "KernelDied", "NotRun", "CellTimeoutError", "TamperingError"):
                    notes.add(out["ename"])
                elif out.get("output_type") == "stream" and "output cut" in out.get("text", ""):
                    notes.add("OutputCut")
    return sorted(notes)


def _grade_one(args) -> Result:
    assignment, student = args
    t0 = time.monotonic()
    from nbgrader.api import Gradebook

    outcome = None
    for attempt in range(3):  # sqlite may be locked briefly by the other workers
        outcome = _api.autograde(assignment, student, force=True, create=True)
        if outcome.get("success") or "database is locked" not in (outcome.get("error") or "") + \
                (outcome.get("log") or ""):
            break
        time.sleep(0.5 + attempt)
    seconds = time.monotonic() - t0
    if not outcome.get("success"):
        err = (outcome.get("error") or outcome.get("log") or "unknown error").strip().splitlines()
        return Result(student, "failed", seconds=seconds, notes=[err[-1][:200] if err else "unknown error"])
    coursedir = _api.coursedir
    with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
        sub = gb.find_submission(assignment, student)
        score, max_score = float(sub.score), float(sub.max_score)
    notes = _notes(Path(coursedir.root), coursedir.autograded_directory, student, assignment)
    return Result(student, "graded", score, max_score, seconds, notes)


def grade_class(assignment: str, *, root: Path | str = ".", workers: int = 2, students: list[str] | None = None,
                unsandboxed: bool = False, stream=None) -> list[Result]:
    """Autograde every submission of ``assignment`` with ``workers`` processes; returns one Result each.

    Progress lines go to ``stream`` (default: the current ``sys.stdout``).
    """
    from nbgrader.coursedir import CourseDirectory

    stream = stream if stream is not None else sys.stdout
    root = Path(root).resolve()
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int, got {workers!r}")
    config = _load_config(root)
    coursedir = CourseDirectory(config=config)
    submitted = Path(coursedir.root) / coursedir.submitted_directory
    source = Path(coursedir.root) / coursedir.source_directory / assignment
    if not source.is_dir():
        raise FileNotFoundError(f"no assignment {assignment!r} in {source.parent}")
    notebooks = sorted(p.stem for p in source.glob("*.ipynb"))
    found = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    if students is not None:
        missing = sorted(set(students) - set(found))
        if missing:
            raise FileNotFoundError(f"no submission of {assignment!r} for: {', '.join(missing)}")
        found = [s for s in found if s in students]
    if not unsandboxed and not unsandboxed_allowed():
        check_sandbox()  # refuse to start rather than fail once per student

    results: list[Result] = []
    todo = []
    for student in found:
        problems = validate_submission(submitted / student / assignment, notebooks)
        if problems:
            results.append(Result(student, "unreadable", notes=problems))
            print(f"[unreadable] {student}: {'; '.join(problems)}", file=stream, flush=True)
        else:
            todo.append(student)

    n = len(todo)
    ctx = mp.get_context("spawn")
    with ctx.Pool(min(workers, max(n, 1)), initializer=_worker_init, initargs=(str(root), unsandboxed)) as pool:
        for i, res in enumerate(pool.imap_unordered(_grade_one, [(assignment, s) for s in todo]), 1):
            results.append(res)
            score = f"{res.score:g}/{res.max_score:g}" if res.score is not None else "-"
            extra = f"  ({', '.join(res.notes)})" if res.notes else ""
            print(f"[{i:>3}/{n}] {res.student:<24} {res.status:<10} {score:>9}  {res.seconds:6.1f} s{extra}",
                  file=stream, flush=True)
    return sorted(results, key=lambda r: r.student)


def summary_table(results: list[Result]) -> str:
    """A plain-text table: student, status, score, seconds, notes."""
    lines = [f"{'student':<24} {'status':<10} {'score':>9} {'seconds':>8}  notes", "-" * 78]
    for r in results:
        score = f"{r.score:g}/{r.max_score:g}" if r.score is not None else "-"
        lines.append(f"{r.student:<24} {r.status:<10} {score:>9} {r.seconds:>8.1f}  {'; '.join(r.notes)}")
    bad = [r for r in results if r.status != "graded"]
    lines.append("-" * 78)
    lines.append(f"{len(results) - len(bad)} graded, {len(bad)} could not be graded")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m instructor.autograde",
        description="Autograde a whole class in parallel, in the sandbox, on the real nbgrader.")
    parser.add_argument("assignment")
    parser.add_argument("--workers", "-j", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--student", action="append", dest="students", help="only these students (repeat)")
    parser.add_argument("--root", default=".", help="course directory (default: current folder)")
    parser.add_argument("--unsandboxed", action="store_true",
                        help="allow grading WITHOUT the sandbox where it is unavailable (student code can "
                             "then read solutions and the gradebook)")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    try:
        results = grade_class(args.assignment, root=args.root, workers=args.workers, students=args.students,
                              unsandboxed=args.unsandboxed)
    except (SandboxUnavailable, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print()
    print(summary_table(results))
    print(f"{len(results)} submissions in {time.monotonic() - t0:.1f} s with {args.workers} workers")
    if args.json:
        Path(args.json).write_text(json.dumps([r.__dict__ for r in results], indent=1))
    return 0 if all(r.status == "graded" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
