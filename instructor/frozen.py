"""Expected values frozen into the hidden tests, and the command that recomputes them.

A hidden test that computes its expected value with a library *while grading* does so after the student's
code has run: a submission that patches the library (or the course's reference) changes the value it is
compared with, and importing the library costs every graded submission seconds. A frozen value is a
literal in the hidden cell instead, written under a marker that says how it is computed::

    ### BEGIN HIDDEN TESTS
    _rng = np.random.default_rng(25)
    _X = _rng.normal(size=(60, 5))
    # frozen-import: from sklearn.decomposition import PCA
    # frozen: PCA(n_components=3).fit(_X).explained_variance_ratio_
    _ref_ratio = np.array([0.41, 0.33, 0.26])

The statement after a ``# frozen: EXPR`` line assigns the value of ``EXPR`` to one name, as a literal.
``EXPR`` is evaluated where the hidden block's code above it has run (with ``numpy as np`` and the
``# frozen-import:`` lines; not the student's code), so it sees the test's inputs.

Command line (from the repository root)::

    python -m instructor.frozen            # rewrite every frozen literal from its expression
    python -m instructor.frozen --check    # exit 1, naming each stale literal, if any differs

``tests/test_frozen.py`` runs the check, so a literal cannot drift from its expression.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MARK, IMPORT_MARK = "# frozen:", "# frozen-import:"
BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


class FrozenError(ValueError):
    """A frozen marker is malformed: no single assignment after it, or an expression that fails."""


def literal(value) -> str:
    """Python source for ``value`` (a number, or an array of numbers) that evaluates to it exactly."""
    if isinstance(value, (bool, np.bool_)):
        return repr(bool(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return repr(value.item() if isinstance(value, np.generic) else value)
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise FrozenError(f"only numbers and numeric arrays can be frozen, got {type(value).__name__} "
                          f"of dtype {array.dtype}")
    rows = array.tolist()
    if array.ndim <= 1:
        return f"np.array({rows!r})"
    inner = ",\n    ".join(repr(row) for row in rows)
    return f"np.array([\n    {inner},\n])"


def _value_of(expression: str, namespace: dict):
    try:
        return eval(expression, dict(namespace))
    except Exception:  # noqa: BLE001 - a broken literal is stale
        return None


def _same(old, new) -> bool:
    """Equal up to the last bits that another BLAS may change (a literal is rewritten only when it drifts)."""
    if old is None:
        return False
    a, b = np.asarray(old), np.asarray(new)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-10, atol=1e-12))


def _hidden_lines(source: str) -> tuple[int, int] | None:
    lines = source.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    return (starts[0], ends[0]) if starts and ends else None


def refreeze(source: str, where: str = "cell") -> str:
    """``source`` with every frozen literal recomputed; raise :class:`FrozenError` naming ``where``."""
    span = _hidden_lines(source)
    if span is None or MARK not in source:
        return source
    lines = source.split("\n")
    begin, end = span
    namespace: dict = {"np": np}
    done = begin + 1  # first line of the hidden block not yet executed
    i = begin + 1
    while i < end:
        line = lines[i].strip()
        if line.startswith(IMPORT_MARK):
            exec(line[len(IMPORT_MARK):].strip(), namespace)
        if not line.startswith(MARK):
            i += 1
            continue
        exec("\n".join(lines[done:i]), namespace)
        expression = line[len(MARK):].strip()
        rest = "\n".join(lines[i + 1:end])
        try:
            statement = ast.parse(rest).body[0]
        except (SyntaxError, IndexError) as exc:
            raise FrozenError(f"{where}: no statement after {line!r}") from exc
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            raise FrozenError(f"{where}: the statement after {line!r} must assign one name")
        try:
            value = eval(expression, namespace)
        except Exception as exc:  # noqa: BLE001 - reported with the cell's name
            raise FrozenError(f"{where}: {expression!r} failed: {type(exc).__name__}: {exc}") from exc
        name = statement.targets[0].id
        first, last = i + 1 + statement.lineno - 1, i + 1 + statement.end_lineno - 1
        new = lines[first:last + 1]
        if not _same(_value_of(ast.unparse(statement.value), namespace), value):
            new = f"{name} = {literal(value)}".split("\n")
        lines[first:last + 1] = new
        end += len(new) - (last - first + 1)
        namespace[name] = value
        done = i = first + len(new)
    return "\n".join(lines)


def frozen_cells(root: Path = ROOT, names=()):
    """``(path, notebook, index)`` of every cell of ``solutions/`` (of the assignments ``names``, all when empty)
    that holds a frozen marker."""
    for path in sorted((Path(root) / "solutions").glob("*/*.ipynb")):
        if names and path.parent.name not in names:
            continue
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and MARK in cell.source:
                yield path, nb, index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale literals instead of rewriting them")
    parser.add_argument("names", nargs="*", help="assignments to look at (default: every one)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - {p.name for p in (ROOT / "solutions").iterdir()})
    if unknown:
        parser.error(f"no such assignment under solutions/: {', '.join(unknown)}")
    stale, changed = [], {}
    for path, nb, index in frozen_cells(names=args.names):
        cell = nb.cells[index]
        where = f"{path.relative_to(ROOT)} cell {cell.metadata.get('nbgrader', {}).get('grade_id', index)}"
        new = refreeze(cell.source, where)
        if new != cell.source:
            stale.append(where)
            cell.source = new
            changed[path] = nb
    if args.check:
        for where in stale:
            print(f"stale frozen value in {where}: run python -m instructor.frozen", file=sys.stderr)
        return 1 if stale else 0
    for path, nb in changed.items():
        nbformat.write(nb, path)
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
