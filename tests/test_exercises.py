"""Every lecture notebook ends with exercises in the course's format, and the instructor's answer key agrees
with them; where an answer is a value, the key's check computes it with the course's own code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from instructor import exercises
from instructor.manifest import CHAPTERS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = [n for ch in CHAPTERS for n in ch.notebooks]


def load_notebook(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text())


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_ends_with_exercises_with_folded_hints(name):
    found, problems = exercises.notebook_exercises(load_notebook(name))
    assert problems == [], f"{name}: " + "; ".join(problems)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_answer_key_answers_every_exercise(name):
    found, _ = exercises.notebook_exercises(load_notebook(name))
    key = exercises.load_key(name)
    assert exercises.key_problems(key, found) == []


def _checks():
    out = []
    for name in NOTEBOOKS:
        try:
            key = exercises.load_key(name)
        except FileNotFoundError:
            continue
        out += [pytest.param(name, a, id=f"{name}-{a.get('number')}") for a in key if "check" in a]
    return out


CHECKS = _checks()


def test_most_notebooks_have_an_answer_checked_by_code():
    checked = {p.values[0] for p in CHECKS}
    assert len(checked) >= 0.75 * len(NOTEBOOKS), f"only {len(checked)} notebooks have a checked answer"


@pytest.mark.parametrize("name, answer", CHECKS)
def test_the_keys_value_is_what_the_courses_code_computes(name, answer, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COURSE_STATIC", "1")
    result = exercises.run_check(answer)
    assert exercises.matches(answer, result), (
        f"{name} exercise {answer['number']}: the key says {answer['value']!r}"
        + (f" (± {answer['tolerance']})" if "tolerance" in answer else "") + f", the check computes {result!r}"
    )


# ------------------------------------------------------------------------------ the format checks themselves
def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


HINT = "<details><summary>Hint</summary>\n\nLook at the cell above.\n\n</details>"
TASK = "Change the learning rate in the parameters cell and predict what happens to the loss curve."


def made_up(*cells):
    return {"cells": [md("# Title"), {"cell_type": "code", "source": "x = 1"}, md("## Exercises\n\nAnswers: ask."),
                      *cells]}


GOOD = [md(f"### Exercise 1 — Predict, then run: rate\n\n{TASK}\n\n{HINT}"),
        md(f"### Exercise 2 — Derive: gradient\n\n{TASK}\n\n{HINT}"),
        md(f"### Exercise 3 — Extend: more\n\n{TASK}\n\n{HINT}")]


def test_a_well_formed_notebook_passes():
    found, problems = exercises.notebook_exercises(made_up(*GOOD))
    assert problems == [] and [e["kind"] for e in found] == ["Predict, then run", "Derive", "Extend"]


@pytest.mark.parametrize("cells, message", [
    (GOOD[:2], "2 exercises"),
    ([GOOD[0], GOOD[0], GOOD[1]], "expected number 2"),
    ([*GOOD, {"cell_type": "code", "source": "1"}], "is a code cell"),
    ([md(f"### Exercise 1 — Guess: x\n\n{TASK}\n\n{HINT}"), *GOOD[1:]], "is not one of"),
    ([md(f"### Exercise 1 — Derive: x\n\n{TASK}"), *GOOD[1:]], "no folded hint"),
    ([md(f"### Exercise 1 — Derive: x\n\nToo short.\n\n{HINT}"), *GOOD[1:]], "fewer than 8 words"),
    ([md(f"### Exercise 1 — Derive: x\n\n{TASK}\n\n{HINT}"), *GOOD[1:]], "at least 3 different kinds"),
    ([md("Some closing words.")], "does not start with"),
])
def test_format_problems_are_named(cells, message):
    _, problems = exercises.notebook_exercises(made_up(*cells))
    assert any(message in p for p in problems), problems


def test_a_notebook_without_exercises_is_named():
    assert exercises.notebook_exercises({"cells": [md("# x")]})[1] == ["no markdown cell starting with '## Exercises'"]


def test_key_problems_are_named():
    found, _ = exercises.notebook_exercises(made_up(*GOOD))
    good = [{"number": i, "kind": e["kind"], "answer": "a model answer of five words"} for i, e in
            enumerate(found, 1)]
    assert exercises.key_problems(good, found) == []
    bad = [dict(good[0], kind="Derive"), dict(good[1], answer="short"), dict(good[2], value=1)]
    problems = exercises.key_problems(bad, found)
    assert any("kind 'Derive'" in p for p in problems)
    assert any("shorter than 5 words" in p for p in problems)
    assert any("come together" in p for p in problems)
    assert "answers exercises [1, 2]" in exercises.key_problems(good[:2], found)[0]


def test_a_check_without_result_and_a_wrong_value_are_caught():
    with pytest.raises(ValueError, match="does not set `result`"):
        exercises.run_check({"number": 1, "check": "x = 1"})
    answer = {"number": 1, "check": "import math\nresult = math.log(10)", "value": 2.3, "tolerance": 1e-3}
    assert not exercises.matches(answer, exercises.run_check(answer))
    assert exercises.matches(dict(answer, value=2.302585), exercises.run_check(answer))


def test_the_student_edition_leaves_the_answer_keys_out():
    from instructor import course

    keys = exercises.KEYS.relative_to(ROOT)
    assert not any(keys.is_relative_to(part) for part in course.STUDENT_EDITION_PARTS), (
        f"{keys} is inside a part of the student edition: {course.STUDENT_EDITION_PARTS}"
    )
