"""The coverage table: every topic of the course's source material, and the lecture notebook that teaches it
(or why it is left out).

Usage (from the repository root)::

    python -m instructor.coverage            # counts per part, and any problem with the table
    python -m instructor.coverage --page     # print the site's coverage page (Markdown)

The table is ``site/coverage.toml``: one ``[[topic]]`` table per topic, with the keys

============  ===========================================================================================
``part``      ``deep-learning`` (the handbook's chapters 3-6, the foundations guide's stages 7-10) or
              ``fundamentals`` (the handbook's chapters 1-2, the other stages, the freeCodeCamp handbooks on
              ML, statistics, linear algebra and clustering, the calculus article)
``topic``     the subject, in the course's words
``sources``   where the sources teach it: a list of "source, section (line)" strings
``notebook``  the lecture notebook that teaches it (a notebook of ``course.toml``) ...
``look_for``  ... and a phrase of that notebook's text (case-insensitive) where it is taught
``left_out``  instead of ``notebook`` and ``look_for``: why no notebook teaches it
============  ===========================================================================================

``tests/test_coverage.py`` checks that the table is well formed, that every ``look_for`` phrase is in its
notebook (so a topic cannot be credited to a notebook that does not teach it) and that each part leaves out at
most :data:`LEFT_OUT_LIMIT` topics.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .manifest import CHAPTERS, load_tables

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "site" / "coverage.toml"
NOTEBOOKS_DIR = ROOT / "notebooks"

PARTS = {
    "deep-learning": "Deep learning: the handbook's chapters 3-6 and the foundations guide's stages 7-10",
    "fundamentals": "ML fundamentals, practice and the maths: the handbook's chapters 1-2, the guide's other "
                    "stages, the freeCodeCamp handbooks and the calculus article",
}
#: The most topics of each part that may be left out (issues 19 and 20).
LEFT_OUT_LIMIT = {"deep-learning": 10, "fundamentals": 15}
REQUIRED = ("part", "topic", "sources")
ALLOWED = set(REQUIRED) | {"notebook", "look_for", "left_out"}


class CoverageError(ValueError):
    """The table cannot be read."""


def load(path: Path = TABLE) -> list[dict]:
    """The table's topics, in file order."""
    return load_tables(path, "topic", CoverageError, "the coverage table")


def lecture_notebooks(chapters=CHAPTERS) -> list[str]:
    return [n for ch in chapters for n in ch.notebooks]


def notebook_text(name: str, folder: Path = NOTEBOOKS_DIR) -> str:
    """Every cell's source of ``folder/name.ipynb``, joined and lower-cased."""
    nb = json.loads((Path(folder) / f"{name}.ipynb").read_text())
    return "\n".join("".join(c.get("source", "")) for c in nb.get("cells", [])).lower()


def schema_problems(topics: list[dict], notebooks=None) -> list[str]:
    """One message per malformed topic (empty: the table is well formed)."""
    notebooks = set(lecture_notebooks() if notebooks is None else notebooks)
    problems = []
    seen = Counter((t.get("part"), str(t.get("topic", "")).lower()) for t in topics)
    for i, t in enumerate(topics, 1):
        where = f"topic {i} ({t.get('topic', 'no name')})"
        missing = [k for k in REQUIRED if not t.get(k)]
        if missing:
            problems.append(f"{where}: missing or empty {', '.join(missing)}")
            continue
        extra = set(t) - ALLOWED
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)} (allowed: {sorted(ALLOWED)})")
        if t["part"] not in PARTS:
            problems.append(f"{where}: part must be one of {sorted(PARTS)}, got {t['part']!r}")
        if not isinstance(t["sources"], list) or not all(isinstance(s, str) and s for s in t["sources"]):
            problems.append(f"{where}: sources must be a list of non-empty strings")
        if seen[(t["part"], str(t["topic"]).lower())] > 1:
            problems.append(f"{where}: listed {seen[(t['part'], str(t['topic']).lower())]} times in {t['part']}")
        taught = bool(t.get("notebook")) or bool(t.get("look_for"))
        if taught and t.get("left_out"):
            problems.append(f"{where}: give either notebook and look_for, or left_out, not both")
        elif taught:
            if not (t.get("notebook") and t.get("look_for")):
                problems.append(f"{where}: a taught topic needs both 'notebook' and 'look_for'")
            elif t["notebook"] not in notebooks:
                problems.append(f"{where}: notebook {t['notebook']!r} is not a lecture notebook of course.toml")
        elif not t.get("left_out"):
            problems.append(f"{where}: name the notebook that teaches it (notebook, look_for) or say why it "
                            f"is left out (left_out)")
    return problems


def evidence_problems(topics: list[dict], texts: dict[str, str] | None = None) -> list[str]:
    """Taught topics whose ``look_for`` phrase is not in their notebook's text."""
    texts = {} if texts is None else dict(texts)
    problems = []
    for t in topics:
        name, phrase = t.get("notebook"), t.get("look_for")
        if not (name and phrase):
            continue
        if name not in texts:
            texts[name] = notebook_text(name)
        if str(phrase).lower() not in texts[name]:
            problems.append(f"{t['topic']!r}: {name} does not contain {phrase!r}")
    return problems


def counts(topics: list[dict]) -> dict:
    """Per part: topics, taught, left out."""
    out = {}
    for part in PARTS:
        mine = [t for t in topics if t.get("part") == part]
        out[part] = {"topics": len(mine), "taught": sum(bool(t.get("notebook")) for t in mine),
                     "left_out": sum(bool(t.get("left_out")) for t in mine)}
    return out


def limit_problems(topics: list[dict]) -> list[str]:
    """Parts that leave out more topics than :data:`LEFT_OUT_LIMIT` allows."""
    return [f"{part}: {k['left_out']} topics left out, at most {LEFT_OUT_LIMIT[part]} allowed"
            for part, k in counts(topics).items() if k["left_out"] > LEFT_OUT_LIMIT[part]]


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def page(topics: list[dict], *, chapters=CHAPTERS) -> str:
    """The site's coverage page (MyST Markdown): one table per part, in the sources' order."""
    folder = {n: ch.folder for ch in chapters for n in ch.notebooks}
    c = counts(topics)
    lines = ["# What the course covers", "",
             "Every topic of the source material the course is built from, and the lecture notebook that "
             "teaches it, or why it is left out. A test checks that each notebook named here contains the "
             "topic's text.", "",
             "| part | topics | taught | left out |", "|---|---:|---:|---:|"]
    lines += [f"| {PARTS[p]} | {k['topics']} | {k['taught']} | {k['left_out']} |" for p, k in c.items() if k["topics"]]
    lines.append("")
    for part, title in PARTS.items():
        mine = [t for t in topics if t.get("part") == part]
        if not mine:
            continue
        lines += [f"## {title}", "", "| topic | in the sources | taught in |", "|---|---|---|"]
        for t in mine:
            if t.get("notebook"):
                name = t["notebook"]
                where = f"{{doc}}`{name} </{folder[name]}/{name}>`" if name in folder else f"`{name}`"
            else:
                where = f"left out: {t['left_out']}"
            lines.append(f"| {_cell(t['topic'])} | {_cell('; '.join(t['sources']))} | {_cell(where)} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--page", action="store_true", help="print the site's coverage page")
    args = parser.parse_args(argv)
    topics = load(args.table)
    if args.page:
        print(page(topics))
        return 0
    problems = schema_problems(topics)
    problems += evidence_problems([t for t in topics if t.get("notebook") in set(lecture_notebooks())])
    problems += limit_problems(topics)
    for part, k in counts(topics).items():
        print(f"{part:14} topics {k['topics']:4}  taught {k['taught']:4}  left out {k['left_out']:3} "
              f"(at most {LEFT_OUT_LIMIT[part]})")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
