"""The exercises that end every lecture notebook, and their instructor-only answer key.

Every lecture notebook ends with a markdown cell ``## Exercises`` followed by 3 to 6 markdown cells, one per
exercise, each starting ``### Exercise <n> — <kind>: <title>`` (the kinds are :data:`KINDS`) and holding a
hint folded in ``<details><summary>Hint</summary> ... </details>``. The answers are in
``instructor/answer_keys/<notebook>.toml``, which the student edition leaves out::

    [[exercise]]
    number = 1
    kind = "Predict, then run"
    answer = \"\"\"The model answer (Markdown).\"\"\"
    value = 2.302585       # where the answer is a value: what `check` must compute
    tolerance = 1e-6       # absolute; omit to compare with ==
    check = \"\"\"result = ...\"\"\"   # Python that computes the value with the course's own code

``tests/test_exercises.py`` checks the notebooks' exercise cells against this format and runs every ``check``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = Path(__file__).resolve().parent / "answer_keys"
KINDS = ("Predict, then run", "Derive", "Modify and explain", "Extend")
MIN_EXERCISES, MAX_EXERCISES, MIN_KINDS = 3, 6, 3
HEADING = re.compile(r"^### Exercise (\d+) — (.+?): (\S.*)$")
HINT_OPEN = "<details><summary>Hint</summary>"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def notebook_exercises(nb: dict) -> tuple[list[dict], list[str]]:
    """The exercises at the end of a notebook (number, kind, title, text) and the problems found."""
    cells = nb.get("cells", [])
    starts = [i for i, c in enumerate(cells)
              if c.get("cell_type") == "markdown" and _source(c).strip().startswith("## Exercises")]
    if not starts:
        return [], ["no markdown cell starting with '## Exercises'"]
    tail = cells[starts[-1] + 1:]
    problems, found = [], []
    for j, cell in enumerate(tail, 1):
        text = _source(cell).strip()
        if cell.get("cell_type") != "markdown":
            problems.append(f"cell {j} after '## Exercises' is a {cell.get('cell_type')} cell: only exercise "
                            "markdown cells may follow")
            continue
        m = HEADING.match(text.splitlines()[0] if text else "")
        if not m:
            problems.append(f"cell {j} after '## Exercises' does not start with '### Exercise <n> — <kind>: "
                            f"<title>': {text[:60]!r}")
            continue
        number, kind, title = int(m.group(1)), m.group(2), m.group(3)
        if kind not in KINDS:
            problems.append(f"exercise {number}: kind {kind!r} is not one of {KINDS}")
        if number != len(found) + 1:
            problems.append(f"exercise {number}: expected number {len(found) + 1}")
        if HINT_OPEN not in text or "</details>" not in text.split(HINT_OPEN, 1)[-1]:
            problems.append(f"exercise {number}: no folded hint ({HINT_OPEN} ... </details>)")
        body = text.split("\n", 1)[1].split(HINT_OPEN)[0].strip() if "\n" in text else ""
        if len(body.split()) < 8:
            problems.append(f"exercise {number}: the task before the hint has fewer than 8 words")
        found.append({"number": number, "kind": kind, "title": title, "text": text})
    if not MIN_EXERCISES <= len(found) <= MAX_EXERCISES:
        problems.append(f"{len(found)} exercises; expected {MIN_EXERCISES} to {MAX_EXERCISES}")
    kinds = {e["kind"] for e in found}
    if len(kinds) < MIN_KINDS:
        problems.append(f"kinds {sorted(kinds)}: expected at least {MIN_KINDS} different kinds of {KINDS}")
    return found, problems


def load_key(notebook: str, keys: Path = KEYS) -> list[dict]:
    path = Path(keys) / f"{notebook}.toml"
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: {notebook} has no answer key")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    if set(data) - {"exercise"}:
        raise ValueError(f"{path}: only [[exercise]] tables are allowed, found {sorted(set(data) - {'exercise'})}")
    return data.get("exercise", [])


def key_problems(key: list[dict], exercises: list[dict]) -> list[str]:
    """Mismatches between an answer key and the notebook's exercises (empty: they agree)."""
    problems = []
    if [k.get("number") for k in key] != [e["number"] for e in exercises]:
        problems.append(f"the key answers exercises {[k.get('number') for k in key]}, the notebook has "
                        f"{[e['number'] for e in exercises]}")
    for k, e in zip(key, exercises):
        n = k.get("number")
        unknown = set(k) - {"number", "kind", "answer", "value", "tolerance", "check"}
        if unknown:
            problems.append(f"answer {n}: unknown keys {sorted(unknown)}")
        if k.get("kind") != e["kind"]:
            problems.append(f"answer {n}: kind {k.get('kind')!r}, the notebook says {e['kind']!r}")
        if len(str(k.get("answer", "")).split()) < 5:
            problems.append(f"answer {n}: the model answer is missing or shorter than 5 words")
        if ("check" in k) != ("value" in k):
            problems.append(f"answer {n}: 'check' and 'value' come together")
        if "tolerance" in k and not (isinstance(k["tolerance"], (int, float)) and k["tolerance"] >= 0):
            problems.append(f"answer {n}: tolerance must be a number >= 0, got {k['tolerance']!r}")
    return problems


def run_check(answer: dict) -> object:
    """Execute an answer's ``check`` code in a fresh namespace and return its ``result``."""
    namespace: dict = {"__name__": "__answer_check__"}
    exec(compile(answer["check"], f"<answer check {answer.get('number')}>", "exec"), namespace)  # noqa: S102
    if "result" not in namespace:
        raise ValueError(f"answer {answer.get('number')}: its check code does not set `result`")
    return namespace["result"]


def matches(answer: dict, result) -> bool:
    value = answer["value"]
    if "tolerance" in answer:
        return abs(float(result) - float(value)) <= answer["tolerance"]
    return result == value
