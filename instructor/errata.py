"""The errata of the course's sources: a catalogue of their wrong claims, each tied to the live computation
that shows the correction.

Usage (from the repository root)::

    python -m instructor.errata            # counts per source and status, and any problem with the catalogue
    python -m instructor.errata --page     # print the site's errata page (Markdown)

The catalogue is ``site/errata.toml``: one ``[[erratum]]`` table per wrong claim, with the keys

=============  ==========================================================================================
``id``         unique, e.g. ``hb4-stride-example`` (handbook chapter 4)
``source``     ``handbook``, ``foundations-guide``, ``freecodecamp`` or ``calculus-article``
``chapter``    the source's chapter (the handbook), stage (the guide) or handbook name (freeCodeCamp)
``location``   section and line numbers in the source file of ``../shared/seeds/``
``claim``      what the source says, in the course's words
``verdict``    what is true
``kind``       ``substantive``, or ``typo`` (trivial typos, grouped one entry per chapter)
``status``     ``computed`` (a notebook computes the correction live) or ``mentioned`` (it can only be said)
``notebook``   the lecture notebook where the reader sees the correction
``record``     computed only: the value that notebook records (``record(name, value)``); it has a target in
               ``course.toml``
``book_says``  computed only: the source's claim in that record's terms; it must *miss* the target
``reason``     mentioned only: why nothing can be computed (a citation, a date, a licence, ...)
=============  ==========================================================================================

A computed entry is *supported* when the notebook's recorded value meets its target and the value the source
claims does not (:func:`support_problems`; ``tests/test_errata.py`` checks every entry against the runner's
report).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from .manifest import CHAPTERS, load_tables
from .runner import check_targets, describe_target, load_targets

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "site" / "errata.toml"
REPORT = ROOT / "build" / "run" / "report.json"

SOURCES = {
    "handbook": "Handbook of Deep Learning Models, vol. 1",
    "foundations-guide": "The 12-stage ML foundations guide",
    "freecodecamp": "The freeCodeCamp handbooks",
    "calculus-article": "The calculus-for-ML article",
}
KINDS = ("substantive", "typo")
STATUSES = ("computed", "mentioned")
REQUIRED = ("id", "source", "chapter", "location", "claim", "verdict", "kind", "status", "notebook")
ALLOWED = set(REQUIRED) | {"record", "book_says", "reason"}
#: The share of the handbook's substantive errors that must be shown by a live computation.
HANDBOOK_COMPUTED_SHARE = 0.9


class ErrataError(ValueError):
    """The catalogue cannot be read."""


def load(path: Path = CATALOGUE) -> list[dict]:
    """The catalogue's entries, in file order."""
    return load_tables(path, "erratum", ErrataError, "the errata catalogue")


def lecture_notebooks() -> set[str]:
    return {n for ch in CHAPTERS for n in ch.notebooks}


def schema_problems(entries: list[dict], targets: dict | None = None) -> list[str]:
    """One message per malformed entry (empty: the catalogue is well formed).

    ``targets`` is ``course.toml``'s ``[notebooks.*]`` tables (default: read it); a computed entry's record
    must have a target there.
    """
    targets = load_targets() if targets is None else targets
    notebooks = lecture_notebooks()
    problems, seen = [], Counter(e.get("id") for e in entries)
    for i, e in enumerate(entries, 1):
        where = f"erratum {i} ({e.get('id', 'no id')})"
        missing = [k for k in REQUIRED if not e.get(k)]
        if missing:
            problems.append(f"{where}: missing or empty {', '.join(missing)}")
            continue
        extra = set(e) - ALLOWED
        if extra:
            problems.append(f"{where}: unknown keys {sorted(extra)} (allowed: {sorted(ALLOWED)})")
        if seen[e["id"]] > 1:
            problems.append(f"{where}: id {e['id']!r} is used {seen[e['id']]} times")
        if e["source"] not in SOURCES:
            problems.append(f"{where}: source must be one of {sorted(SOURCES)}, got {e['source']!r}")
        if e["kind"] not in KINDS:
            problems.append(f"{where}: kind must be one of {KINDS}, got {e['kind']!r}")
        if e["status"] not in STATUSES:
            problems.append(f"{where}: status must be one of {STATUSES}, got {e['status']!r}")
        if e["notebook"] not in notebooks:
            problems.append(f"{where}: notebook {e['notebook']!r} is not a lecture notebook of course.toml")
        if e["status"] == "computed":
            if not e.get("record") or "book_says" not in e:
                problems.append(f"{where}: a computed entry needs 'record' and 'book_says'")
                continue
            spec = targets.get(e["notebook"], {}).get("targets", {}).get(e["record"])
            if spec is None:
                problems.append(f"{where}: {e['notebook']} has no target for {e['record']!r} in course.toml")
        elif e["status"] == "mentioned":
            if not e.get("reason"):
                problems.append(f"{where}: a mentioned entry needs a 'reason' (why nothing is computed)")
            if "record" in e or "book_says" in e:
                problems.append(f"{where}: a mentioned entry has no 'record' or 'book_says'")
    return problems


def support_problems(entry: dict, records: dict, targets: dict | None = None) -> list[str]:
    """Why a computed entry is not supported by the notebook's recorded values (empty: it is).

    Supported means: the record exists, meets its target in ``course.toml``, and the source's claim
    (``book_says``) misses that target.
    """
    targets = load_targets() if targets is None else targets
    name = entry["record"]
    spec = targets.get(entry["notebook"], {}).get("targets", {}).get(name)
    if spec is None:
        return [f"{entry['id']}: no target for {name!r} under [notebooks.{entry['notebook']}.targets]"]
    problems = []
    if name not in records:
        problems.append(f"{entry['id']}: {entry['notebook']} did not record {name!r}")
    else:
        problems += [f"{entry['id']}: the notebook's value misses its target: {p}"
                     for p in check_targets(records, {name: spec})]
    if not check_targets({name: entry["book_says"]}, {name: spec}):
        problems.append(f"{entry['id']}: the source's claim book_says={entry['book_says']!r} meets the target "
                        f"{describe_target(spec)}, so the record does not contradict it")
    return problems


def counts(entries: list[dict]) -> dict:
    """Per source: substantive entries computed / mentioned, and typo groups."""
    out = {}
    for source in SOURCES:
        mine = [e for e in entries if e.get("source") == source]
        sub = [e for e in mine if e.get("kind") == "substantive"]
        out[source] = {
            "substantive": len(sub),
            "computed": sum(e.get("status") == "computed" for e in sub),
            "mentioned": sum(e.get("status") == "mentioned" for e in sub),
            "typo_groups": sum(e.get("kind") == "typo" for e in mine),
        }
    return out


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _chapter_key(chapter: str):
    head = str(chapter).split()[0] if str(chapter).split() else ""
    return (0, int(head), str(chapter)) if head.isdigit() else (1, 0, str(chapter))


def page(entries: list[dict], records: dict | None = None, targets: dict | None = None, *,
         chapters=CHAPTERS) -> str:
    """The site's errata page (MyST Markdown), grouped by source and chapter.

    ``records`` maps a notebook name to what it recorded (the runner's report); with it, each computed entry
    shows the value the course computed. A notebook outside ``chapters`` is named without a link.
    """
    from .site import describe_target as shown_target, fmt_value  # the site's number format (site imports this module)

    targets = load_targets() if targets is None else targets
    records = records or {}
    folder = {n: ch.folder for ch in chapters for n in ch.notebooks}
    c = counts(entries)
    lines = ["# Errata of the sources", "",
             "The course is built from a handbook and several shorter documents. Where one of them is wrong, "
             "the lecture notebooks say so in a **Check the book** cell and compute the correct value live. "
             "This page lists every wrong claim found, for a reader of those sources: where it is, what it "
             "says, what is true, and the notebook (with the value it recorded when the course was last "
             "executed) that shows it. A test checks that every computed entry's recorded value meets its "
             "target in `course.toml` and that the source's own claim does not.", "",
             "| source | wrong claims | shown by a computation | explained only | groups of typos |",
             "|---|---:|---:|---:|---:|"]
    for source, title in SOURCES.items():
        k = c[source]
        if k["substantive"] or k["typo_groups"]:
            lines.append(f"| {title} | {k['substantive']} | {k['computed']} | {k['mentioned']} | "
                         f"{k['typo_groups']} |")
    lines.append("")
    for source, title in SOURCES.items():
        mine = [e for e in entries if e["source"] == source]
        if not mine:
            continue
        lines += [f"## {title}", ""]
        for chapter in sorted({e["chapter"] for e in mine}, key=_chapter_key):
            label = f"Chapter {chapter}" if source == "handbook" else str(chapter)
            lines += [f"### {label}", "",
                      "| where | the source says | what is true | shown in |", "|---|---|---|---|"]
            for e in (e for e in mine if e["chapter"] == chapter):
                doc = f"{{doc}}`{e['notebook']} </{folder[e['notebook']]}/{e['notebook']}>`" \
                    if e["notebook"] in folder else f"`{e['notebook']}`"
                if e["status"] == "computed":
                    spec = targets.get(e["notebook"], {}).get("targets", {}).get(e["record"])
                    value = records.get(e["notebook"], {}).get(e["record"])
                    shown = (f"{doc}: `{e['record']}` = {fmt_value(value) if value is not None else 'not recorded'} "
                             f"(target {shown_target(spec)}; the source: {fmt_value(e['book_says'])})")
                else:
                    shown = f"{doc} (explained, not computed: {e['reason']})"
                typo = " *(typos)*" if e["kind"] == "typo" else ""
                lines.append(f"| {_cell(e['location'])}{typo} | {_cell(e['claim'])} | {_cell(e['verdict'])} | "
                             f"{_cell(shown)} |")
            lines.append("")
    return "\n".join(lines)


def report_records(report_path: Path = REPORT) -> dict:
    """What each notebook recorded, from the runner's report (empty when there is no report)."""
    if not Path(report_path).exists():
        return {}
    return {e["key"]: e.get("records", {}) for e in json.loads(Path(report_path).read_text())["notebooks"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE)
    parser.add_argument("--report", type=Path, default=REPORT, help="the runner's report.json")
    parser.add_argument("--page", action="store_true", help="print the site's errata page")
    args = parser.parse_args(argv)
    entries = load(args.catalogue)
    records = report_records(args.report)
    if args.page:
        print(page(entries, records))
        return 0
    problems = schema_problems(entries)
    for e in entries:
        if e.get("status") == "computed" and e.get("record") and e.get("notebook") in records:
            problems += support_problems(e, records[e["notebook"]])
    for source, k in counts(entries).items():
        print(f"{source:18} substantive {k['substantive']:3}  computed {k['computed']:3}  "
              f"mentioned {k['mentioned']:3}  typo groups {k['typo_groups']}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
