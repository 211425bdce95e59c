"""Run one graded notebook once, and each wrong answer of it in a forked copy of the run.

Used by the grading round trip (tests/test_grading.py through :func:`wrong_support.fork_wrong_answers`): a
wrong answer changes one answer cell, so everything before that cell (the kernel's start, the imports, the
data, the cells above) is the same as in the solution's run. This script executes the notebook's code cells
in order in one IPython shell, as nbgrader's autograde executes them (the grading kernel's guard hooks
included, :mod:`instructor.autograde`), and when it reaches an answer cell that has wrong answers it forks
once per wrong answer: the child runs the wrong cell instead of the right one and the cells after it up to
the last test cell the entry names, records each test cell's error, and exits; the parent goes on with the
right cell. Children run one at a time, so the run uses one core, as a grading kernel does.

Usage: ``python tests/wrong_fork.py SPEC.json RESULT.json`` from the submission folder (the notebook's
working directory), with the grading kernel's environment (:func:`instructor.sandbox.kernel_environment`).

SPEC holds:

- ``setup``: the code the grading kernel runs when it starts;
- ``cells``: the code cells in order, each ``{"code", "before", "after"}`` (the grader's hidden code around
  the cell: ``before`` a string or None, ``after`` a list of ``[code, counts]``, ``counts`` saying whether
  that code's error is the cell's);
- ``wrong``: a list of ``{"at", "code", "until"}`` (the position of the answer cell, the wrong source, the
  position of the last cell to run);
- ``timeout``: the seconds allowed to one child; ``grade_ids``: the test cells' positions by grade_id;
- ``home``: the run's private home and temporary folder (:func:`wrong_support.run_spec_script` sets it).
  The notebook writes there and in the working directory; each child's changes in both are undone before
  the next one runs.

RESULT gets, for each wrong answer, ``{grade_id: "Name: message" or None}`` for the test cells it ran, or
``{"__died__": reason}`` when the child did not finish.
"""

from __future__ import annotations

import json
import os
import signal
import sys


def _shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no SQLite thread: the process forks
    return InteractiveShell.instance(config=config)


def _run(shell, code: str) -> str | None:
    """Execute ``code`` as a cell; return ``"Name: message"`` of its error, or None."""
    if not code.strip():
        return None
    result = shell.run_cell(code, store_history=True)
    error = result.error_before_exec or result.error_in_exec
    return None if error is None else f"{type(error).__name__}: {error}"


def _cell(shell, cell: dict) -> str | None:
    """One code cell as the grading executor runs it: the guard's check before a test cell (its error
    replaces the cell's run), the cell, then the guard's hook after it."""
    if cell.get("before"):
        error = _run(shell, cell["before"])
        if error is not None:
            return error
    error = _run(shell, cell["code"])
    for code, counts in cell.get("after", []):
        after = _run(shell, code)
        if counts and error is None:
            error = after
    return error


def _child(shell, spec: dict, entry: dict, path: str) -> None:
    signal.alarm(int(spec["timeout"]))  # SIGALRM's default action ends the child; the parent reports it
    tests = {pos: gid for gid, pos in spec["grade_ids"].items()}
    cells = spec["cells"]
    found: dict[str, str | None] = {}
    for pos in range(entry["at"], entry["until"] + 1):
        cell = dict(cells[pos], code=entry["code"]) if pos == entry["at"] else cells[pos]
        error = _cell(shell, cell)
        if pos in tests:
            found[tests[pos]] = error
    with open(path, "w") as fh:
        json.dump(found, fh)


def _snapshot(folders: list[str]) -> dict[str, bytes | None]:
    """Every file (bytes) and folder (None) under ``folders``, by path."""
    state: dict[str, bytes | None] = {}
    for top in folders:
        for dirpath, _dirs, filenames in os.walk(top):
            state[dirpath] = None
            for name in filenames:
                path = os.path.join(dirpath, name)
                if not os.path.islink(path):
                    with open(path, "rb") as fh:
                        state[path] = fh.read()
    return state


def _restore(folders: list[str], state: dict[str, bytes | None]) -> None:
    """Put ``folders`` back as :func:`_snapshot` saw them, rewriting changed files in place (the parent may
    hold them open, as an SQLite connection does) and removing what a child added."""
    for top in folders:
        for dirpath, _dirs, filenames in os.walk(top, topdown=False):
            for name in filenames:
                path = os.path.join(dirpath, name)
                if path not in state:
                    os.remove(path)
            if dirpath not in state:
                os.rmdir(dirpath)
    for path, content in sorted(state.items()):
        if content is None:
            os.makedirs(path, exist_ok=True)
            continue
        try:
            with open(path, "rb") as fh:
                same = fh.read() == content
        except FileNotFoundError:
            same = False
        if not same:
            with open(path, "r+b" if os.path.exists(path) else "wb") as fh:
                fh.write(content)
                fh.truncate()


def main(spec_path: str, result_path: str) -> int:
    with open(spec_path) as fh:
        spec = json.load(fh)
    scratch = [os.getcwd(), spec["home"]]  # the folders the notebook writes in
    # The notebook's prints and tracebacks go nowhere: only RESULT carries the outcome.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    shell = _shell()
    _run(shell, spec["setup"])
    by_cell: dict[int, list[int]] = {}
    for i, entry in enumerate(spec["wrong"]):
        by_cell.setdefault(entry["at"], []).append(i)
    results: dict[str, dict] = {}
    last = max(by_cell, default=-1)
    for pos, cell in enumerate(spec["cells"][:last + 1]):
        state = _snapshot(scratch) if pos in by_cell else {}
        for i in by_cell.get(pos, []):
            part = f"{result_path}.{i}"
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    _child(shell, spec, spec["wrong"][i], part)
                finally:
                    os._exit(0)
            _, status = os.waitpid(pid, 0)
            _restore(scratch, state)  # what the child wrote (files, stores) is undone for the next
            if os.path.exists(part):
                with open(part) as fh:
                    results[str(i)] = json.load(fh)
                os.remove(part)
            elif os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
                results[str(i)] = {"__died__": f"did not finish within {spec['timeout']} s"}
            else:
                results[str(i)] = {"__died__": f"the forked run ended with status {status} and no result"}
        _cell(shell, cell)
    with open(result_path, "w") as fh:
        json.dump(results, fh)
    return 0


if __name__ == "__main__":
    sys.path[0] = ""  # as in a kernel: the working directory, not this script's folder, comes first
    sys.exit(main(*sys.argv[1:]))
