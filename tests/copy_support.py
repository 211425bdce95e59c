"""Drive tests/copy_scan.py: which graded answers the student edition itself computes."""

from __future__ import annotations

import ast
import shutil
import tempfile
from pathlib import Path

import nbformat

from instructor import course
from wrong_support import run_spec_script

SCAN_SCRIPT = Path(__file__).resolve().parent / "copy_scan.py"
#: A copy must give the solution's answer on this many recorded calls.
MIN_MATCHES = 2


def graded_functions(nb) -> dict[str, list[str]]:
    """``{grade_id: [names of the functions the answer cell defines]}`` of a source notebook."""
    roles = course.cell_roles(nb)
    out = {}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and gid and roles.get(gid) == "answer":
            tree = ast.parse(course.strip_solution_markers(cell.source))
            out[gid] = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    return out


def lecture_sources(edition: Path) -> dict[str, list[str]]:
    """The code cells of the edition's lecture notebooks, by notebook name."""
    return {path.stem: [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
            for path in sorted((Path(edition) / "notebooks").glob("*.ipynb"))}


def scan(name: str, edition: Path, *, source: Path = course.SOURCE, max_calls: int = 8, call_timeout: float = 2.0,
         timeout: int = 600) -> dict:
    """Run tests/copy_scan.py on assignment ``name`` (its source folder in ``source``) against the student
    edition in ``edition`` (first on the path, so ``import helpers`` is the edition's)."""
    source_dir = Path(source) / name
    (nb_path,) = sorted(source_dir.glob("*.ipynb"))
    nb = nbformat.read(nb_path, as_version=4)
    spec = {
        "cells": [course.strip_solution_markers(c.source) for c in nb.cells if c.cell_type == "code"],
        "graded": graded_functions(nb),
        "lectures": lecture_sources(edition),
        "max_calls": max_calls,
        "call_timeout": call_timeout,
    }
    with tempfile.TemporaryDirectory(prefix="copy-scan-") as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(source_dir, work, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"))
        return run_spec_script(SCAN_SCRIPT, spec, work, timeout=timeout,
                               env={"PYTHONPATH": str(Path(edition).resolve())})


def copies(result: dict, *, min_matches: int = MIN_MATCHES) -> dict[str, list[str]]:
    """``{graded function: [candidates]}``: a candidate copies a graded function when it returns the
    solution's answer on at least ``min_matches`` of the recorded calls, and on at least half of the calls
    its signature accepts (one coincidental scalar, a 0.05 or a 3, is not a copy)."""
    out: dict[str, list[str]] = {}
    for match in result["matches"]:
        if match["matched"] >= min_matches and 2 * match["matched"] >= match["accepted"]:
            out.setdefault(match["function"], []).append(match["candidate"])
    return {fn: sorted(c) for fn, c in out.items()}
