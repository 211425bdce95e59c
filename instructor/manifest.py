"""The course manifest, ``course.toml``: the one place that describes the course.

- ``[[chapters]]``: the chapter table, in reading order (number, title, lecture notebooks, graded exercise).
  The site's navigation (:mod:`instructor.site`) reads it, and the README's table is generated from it.
- ``[notebooks.<name>]``: each notebook's time budget, determinism check and targets, which the notebook
  runner (:mod:`instructor.runner`) reads.

Usage (from the repository root)::

    python -m instructor.manifest readme            # rewrite the README's chapter table from course.toml
    python -m instructor.manifest readme --check    # exit 1 if the README's table is out of date
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "course.toml"
README = ROOT / "README.md"
TABLE_START = "<!-- chapter-table:start (generated from course.toml: python -m instructor.manifest readme) -->"
TABLE_END = "<!-- chapter-table:end -->"
_NUMBER = re.compile(r"^\d\d[a-z]?$")
_NAME = re.compile(r"^\d\d[a-z]?_[a-z0-9_]+$")


class ManifestError(ValueError):
    """course.toml is malformed: says where and what was expected."""


@dataclasses.dataclass(frozen=True)
class Chapter:
    """One row of the course's chapter table."""

    number: str  # "01", "01a", ...
    title: str
    notebooks: tuple[str, ...]  # lecture notebooks (stems of notebooks/*.ipynb), in reading order
    exercise: str  # the nbgrader assignment (exercises/<exercise>/)

    @property
    def folder(self) -> str:
        """The chapter's folder in the site, e.g. ``chapters/01a``."""
        return f"chapters/{self.number}"


def load(path: Path = MANIFEST) -> dict:
    """The manifest as a dict; only ``chapters`` and ``notebooks`` are allowed at the top level."""
    path = Path(path)
    if not path.exists():
        raise ManifestError(f"{path} does not exist: the course manifest is missing")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    unknown = set(data) - {"chapters", "notebooks"}
    if unknown:
        raise ManifestError(f"{path}: only [[chapters]] and [notebooks.<name>] are allowed, found {sorted(unknown)}")
    return data


def load_tables(path: Path, key: str, error: type[Exception], what: str) -> list[dict]:
    """The ``[[key]]`` tables of a TOML file (the course's catalogues: errata, coverage), in file order.

    Raises ``error`` when the file is missing, holds anything but ``[[key]]`` tables, or ``key`` is not an
    array of tables; ``what`` names the file in the message ("the errata catalogue").
    """
    path = Path(path)
    if not path.exists():
        raise error(f"{path} does not exist: {what} is missing")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    unknown = set(data) - {key}
    if unknown:
        raise error(f"{path}: only [[{key}]] tables are allowed, found {sorted(unknown)}")
    tables = data.get(key, [])
    if not isinstance(tables, list):
        raise error(f"{path}: '{key}' must be an array of tables ([[{key}]])")
    return tables


def chapters(path: Path = MANIFEST) -> tuple[Chapter, ...]:
    """The ``[[chapters]]`` entries, checked: each has a number like ``01``/``01a`` (unique), a title, at least
    one lecture notebook and an exercise, named like ``01_introduction``."""
    out = []
    for i, entry in enumerate(load(path).get("chapters", []), 1):
        where = f"{Path(path).name}, chapter {i}"
        if set(entry) != {"number", "title", "notebooks", "exercise"}:
            raise ManifestError(f"{where}: expected the keys number, title, notebooks, exercise; got {sorted(entry)}")
        number, title, notebooks, exercise = entry["number"], entry["title"], entry["notebooks"], entry["exercise"]
        if not isinstance(number, str) or not _NUMBER.match(number):
            raise ManifestError(f"{where}: number must be a string like '01' or '01a', got {number!r}")
        if not isinstance(title, str) or not title.strip():
            raise ManifestError(f"{where}: title must be a non-empty string, got {title!r}")
        if not isinstance(notebooks, list) or not notebooks or not all(
                isinstance(n, str) and _NAME.match(n) for n in notebooks):
            raise ManifestError(f"{where}: notebooks must be a non-empty list of names like '01_introduction', "
                                f"got {notebooks!r}")
        if not isinstance(exercise, str) or not _NAME.match(exercise):
            raise ManifestError(f"{where}: exercise must be a name like '01_introduction', got {exercise!r}")
        out.append(Chapter(number, title, tuple(notebooks), exercise))
    numbers = [c.number for c in out]
    if len(set(numbers)) != len(numbers):
        raise ManifestError(f"{Path(path).name}: chapter numbers repeat: {numbers}")
    return tuple(out)


def notebook_specs(path: Path = MANIFEST) -> dict:
    """The ``[notebooks.<name>]`` tables (budget, determinism check, targets), keyed by notebook name."""
    return load(path).get("notebooks", {})


#: The chapter table of this course.
CHAPTERS: tuple[Chapter, ...] = chapters()


def chapter_table(chapters: tuple[Chapter, ...] = CHAPTERS) -> str:
    """The README's chapter table (Markdown)."""
    rows = ["| # | chapter | lecture notebooks (`notebooks/`) | graded exercise (`exercises/`) |",
            "|---|---|---|---|"]
    rows += [f"| {c.number} | {c.title} | {', '.join(f'`{n}`' for n in c.notebooks)} | `{c.exercise}` |"
             for c in chapters]
    return "\n".join(rows)


def readme_with_table(text: str, chapters: tuple[Chapter, ...] = CHAPTERS) -> str:
    """``text`` (the README) with the generated chapter table between its two markers."""
    if text.count(TABLE_START) != 1 or text.count(TABLE_END) != 1 or text.index(TABLE_START) > text.index(TABLE_END):
        raise ManifestError(f"README.md must hold the markers {TABLE_START!r} and {TABLE_END!r} once, in order")
    head, rest = text.split(TABLE_START)
    _, tail = rest.split(TABLE_END)
    return f"{head}{TABLE_START}\n{chapter_table(chapters)}\n{TABLE_END}{tail}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instructor.manifest", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    readme = sub.add_parser("readme", help="write the README's chapter table from course.toml")
    readme.add_argument("--check", action="store_true", help="exit 1 if the table is out of date, write nothing")
    args = parser.parse_args(argv)
    text = README.read_text()
    fresh = readme_with_table(text)
    if args.check:
        if fresh != text:
            print("README.md's chapter table is out of date: run `python -m instructor.manifest readme`")
            return 1
        print("README.md's chapter table matches course.toml")
        return 0
    README.write_text(fresh)
    print(f"wrote the chapter table ({len(CHAPTERS)} chapters) into README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
