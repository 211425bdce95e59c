"""The deliberately wrong answers of the grading tests, as patches on the current solutions.

``tests/wrong_answers/<assignment>.py`` defines ``WRONG_ANSWERS``, a list of entries, each one plausible
student mistake in one answer cell::

    {
        "cell": "gaussian_activations",
        "what": "the book's text formula: sigma^2 instead of 2 sigma^2 in the denominator",
        "patch": [
            ("np.exp(-d2 / (2 * sigma**2))", "np.exp(-d2 / sigma**2)"),
        ],
        "fails": ["test_gaussian_activations", "test_gaussian_activations_hidden"],
    }

Keys of an entry as written:

``cell``
    grade_id of the autograded answer cell the mistake is made in.
``what``
    one line: what the mistake is.
``patch``
    list of ``(old, new)`` pairs of strings, applied in order to the *solved* answer cell, that is the cell
    of ``solutions/<assignment>/*.ipynb`` with its ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines
    removed (:func:`instructor.course.strip_solution_markers`, as :func:`instructor.course.solved` fills the cell
    in). Each ``old`` must occur exactly once in the text as the pairs before it left it, and is replaced by
    ``new``; an empty ``new`` removes it. Keep ``old`` short: just enough of the solution to be unique.
``fails``
    grade_ids of the autograded test cells that must lose points with this answer.
``error`` (optional)
    name of the exception (``"TypeError"``) when the intended failure is that the answer raises.

The mistake is thus applied to the solution as it is today: when a solution changes so that a patch no
longer applies (its ``old`` text is gone or no longer unique), :func:`load_wrong_answers` raises
:class:`WrongAnswerError` naming the assignment, the entry, the cell and the text, instead of silently
grading a stale copy of the old solution that fails for another reason.

:func:`load_wrong_answers` returns each entry with ``index`` (its position in ``WRONG_ANSWERS``) and
``source`` (the full source of the wrong answer cell, what ``instructor.course.replace_cell`` puts in the
solved notebook) added, and ``error`` set (None when absent).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from instructor import course

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = frozenset({"cell", "what", "patch", "fails"})
OPTIONAL_KEYS = frozenset({"error"})


class WrongAnswerError(Exception):
    """A wrong-answer entry is malformed or its patch does not apply to the current solution."""


def wrong_answers_path(name: str, root: Path = ROOT) -> Path:
    return Path(root) / "tests" / "wrong_answers" / f"{name}.py"


def raw_wrong_answers(name: str, root: Path = ROOT) -> list[dict]:
    """``WRONG_ANSWERS`` of ``tests/wrong_answers/<name>.py`` as written ([] when there is no such file)."""
    path = wrong_answers_path(name, root)
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location(f"wrong_answers_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.WRONG_ANSWERS)


@functools.lru_cache(maxsize=None)
def _solved_answers(name: str, root: str) -> tuple[tuple[str, str], ...]:
    answers = {}
    for path in sorted((Path(root) / "solutions" / name).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        roles = course.cell_roles(nb)
        for cell in nb.cells:
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid is not None and roles.get(gid) == "answer":
                answers[gid] = course.strip_solution_markers(cell.source)
    return tuple(answers.items())


def solved_answers(name: str, root: Path = ROOT) -> dict[str, str]:
    """The solved source of every autograded answer cell of the assignment, by grade_id."""
    return dict(_solved_answers(name, str(root)))


def apply_patch(source: str, patch, where: str = "") -> str:
    """Apply the ``(old, new)`` pairs in order; each ``old`` must occur exactly once when its turn comes.

    ``where`` names the entry in the error message.
    """
    if not isinstance(patch, (list, tuple)) or not patch:
        raise WrongAnswerError(f"{where}: 'patch' must be a non-empty list of (old, new) pairs, got {patch!r}")
    for k, pair in enumerate(patch):
        if (not isinstance(pair, (list, tuple)) or len(pair) != 2
                or not all(isinstance(s, str) for s in pair)):
            raise WrongAnswerError(f"{where}: patch pair {k} must be two strings (old, new), got {pair!r}")
        old, new = pair
        if not old:
            raise WrongAnswerError(f"{where}: patch pair {k} has an empty old text")
        count = source.count(old)
        if count != 1:
            found = "not found" if count == 0 else f"ambiguous: it occurs {count} times"
            raise WrongAnswerError(
                f"{where}: patch pair {k} does not apply, old text {found} in the solved cell "
                f"(has the solution changed?):\n{old}"
            )
        source = source.replace(old, new, 1)
    return source


def resolve(name: str, entries, answers: dict[str, str]) -> list[dict]:
    """Entries as written -> entries with ``index``, ``source`` and ``error``; raise WrongAnswerError."""
    out = []
    for index, entry in enumerate(entries):
        cell = entry.get("cell") if isinstance(entry, dict) else None
        where = f"{name} wrong answer {index} (cell {cell!r})"
        if not isinstance(entry, dict):
            raise WrongAnswerError(f"{where}: an entry must be a dict, got {type(entry).__name__}")
        missing = REQUIRED_KEYS - set(entry)
        unknown = set(entry) - REQUIRED_KEYS - OPTIONAL_KEYS
        if missing or unknown:
            raise WrongAnswerError(
                f"{where}: keys must be {sorted(REQUIRED_KEYS)} (optional {sorted(OPTIONAL_KEYS)}); "
                f"missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        if not isinstance(entry["what"], str) or not entry["what"].strip() or "\n" in entry["what"]:
            raise WrongAnswerError(f"{where}: 'what' must be one non-empty line, got {entry['what']!r}")
        if not isinstance(entry["fails"], (list, tuple)) or not all(isinstance(g, str) for g in entry["fails"]):
            raise WrongAnswerError(f"{where}: 'fails' must be a list of grade_ids, got {entry['fails']!r}")
        error = entry.get("error")
        if error is not None and (not isinstance(error, str) or not error.replace(".", "_").isidentifier()):
            raise WrongAnswerError(f"{where}: 'error' must name an exception, got {error!r}")
        if cell not in answers:
            raise WrongAnswerError(f"{where}: {cell!r} is not an autograded answer cell of solutions/{name}")
        source = apply_patch(answers[cell], entry["patch"], where)
        if source == answers[cell]:
            raise WrongAnswerError(f"{where}: the patch leaves the solved cell unchanged")
        out.append({
            "index": index,
            "cell": cell,
            "what": entry["what"],
            "patch": [tuple(pair) for pair in entry["patch"]],
            "fails": list(entry["fails"]),
            "error": error,
            "source": source,
        })
    return out


def load_wrong_answers(name: str, root: Path = ROOT) -> list[dict]:
    """The wrong answers of an assignment, each with the full ``source`` of its wrong answer cell.

    The source is the entry's patch applied to the current solution; raises :class:`WrongAnswerError` when
    an entry is malformed or its patch does not apply. [] when the assignment has no wrong-answer file.
    """
    return resolve(name, raw_wrong_answers(name, root), solved_answers(name, root))


# ------------------------------------------------------------------------------------------ forked runs
FORK_SCRIPT = Path(__file__).resolve().parent / "wrong_fork.py"


def graded_view(submitted_nb, source_nb):
    """The notebook nbgrader's autograde executes for a submission: every locked cell (test cells, read-only
    cells) put back as the source notebook has it, hidden tests included (nbgrader's ``OverwriteCells``, by
    its own rule, ``nbgrader.utils.is_locked``)."""
    from nbgrader.utils import is_locked

    locked = {c.metadata.nbgrader["grade_id"]: c.source for c in source_nb.cells if is_locked(c)}
    nb = nbformat.from_dict(json.loads(json.dumps(submitted_nb)))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in locked:
            cell.source = locked[gid]
    return nb


def fork_spec(nb, wrong: list[dict], to_end: frozenset[int] = frozenset(), timeout: int = 300) -> dict:
    """The SPEC of tests/wrong_fork.py for the graded notebook ``nb`` and its wrong answers (each entry as
    :func:`load_wrong_answers` gives it); the entries whose ``index`` is in ``to_end`` run to the last cell.
    The grader's hidden code around each cell is :func:`instructor.autograde.guard_hooks`."""
    from instructor.autograde import GUARD_INSTALL, guard_hooks

    cells, positions, tests = [], {}, {}
    roles = course.cell_roles(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        before, after = guard_hooks(cell)
        if gid:
            positions[gid] = len(cells)
            if roles.get(gid) == "test":
                tests[gid] = len(cells)
        cells.append({"code": cell.source, "before": before, "after": [list(a) for a in after]})
    entries = []
    for entry in wrong:
        where = f"wrong answer {entry['index']} (cell {entry['cell']!r})"
        missing = [g for g in [entry["cell"], *entry["fails"]] if g not in positions]
        if missing:
            raise WrongAnswerError(f"{where}: no code cell with grade_id {missing} in the notebook")
        at = positions[entry["cell"]]
        until = len(cells) - 1 if entry["index"] in to_end else max(positions[g] for g in entry["fails"])
        if until < at:
            raise WrongAnswerError(f"{where}: a test cell it names comes before the answer cell")
        entries.append({"at": at, "code": entry["source"], "until": until})
    return {"setup": GUARD_INSTALL, "cells": cells, "wrong": entries, "timeout": timeout, "grade_ids": tests}


def run_spec_script(script: Path, spec: dict, cwd: Path, *, timeout: float, env: dict | None = None) -> dict:
    """Run ``python SCRIPT SPEC.json RESULT.json`` in ``cwd`` as the grading kernel would run code: its
    environment (:func:`instructor.sandbox.kernel_environment`, plus ``env``) and a private home and temporary
    folder, whose path the script finds in ``spec["home"]``. Return RESULT; raise RuntimeError, with the
    script's output, when it fails or writes none. Used by tests/wrong_fork.py and tests/copy_scan.py."""
    from instructor.sandbox import Limits, kernel_environment

    with tempfile.TemporaryDirectory(prefix=f"{Path(script).stem}-") as tmp:
        spec_path, result_path, home = Path(tmp) / "spec.json", Path(tmp) / "result.json", Path(tmp) / "home"
        home.mkdir()
        spec_path.write_text(json.dumps({**spec, "home": str(home)}))
        proc = subprocess.run([sys.executable, str(script), str(spec_path), str(result_path)], cwd=cwd,
                              env=kernel_environment(Limits(), env, tmp=str(home)), capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode != 0 or not result_path.exists():
            raise RuntimeError(f"tests/{Path(script).name} failed with exit code {proc.returncode}:\n"
                               f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
        return json.loads(result_path.read_text())


def fork_wrong_answers(nb, wrong: list[dict], workdir: Path, *, to_end: frozenset[int] = frozenset(),
                       timeout: int = 300) -> dict[int, dict[str, str | None]]:
    """Run the graded notebook ``nb`` once in ``workdir`` (a copy of a submission folder: its data files,
    scratch space for what cells write) and each wrong answer in a fork of that run (tests/wrong_fork.py).

    Returns ``{entry index: {grade_id: "Name: message" or None}}`` for the test cells each wrong answer ran
    (``{"__died__": reason}`` when its run did not finish). The environment is the grading kernel's, with a
    private temporary folder (:func:`run_spec_script`).
    """
    spec = fork_spec(nb, wrong, to_end, timeout)
    raw = run_spec_script(FORK_SCRIPT, spec, Path(workdir), timeout=timeout * (len(wrong) + 1))
    return {entry["index"]: raw[str(k)] for k, entry in enumerate(wrong)}
