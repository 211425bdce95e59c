"""The loader of the deliberately wrong answers (tests/wrong_support.py): patches on the current solutions."""

import nbformat
import pytest

from instructor import course
from wrong_support import WrongAnswerError, apply_patch, load_wrong_answers, resolve, solved_answers

SOLVED = {
    "double": 'def double(x):\n    """Twice x."""\n    y = x + x\n    return y',
}


def entry(patch, **extra):
    return {"cell": "double", "what": "a made-up mistake", "patch": patch, "fails": ["test_double"], **extra}


def test_a_patch_that_applies_gives_the_expected_source():
    [out] = resolve("toy", [entry([("y = x + x", "y = x * x")])], SOLVED)
    assert out["source"] == 'def double(x):\n    """Twice x."""\n    y = x * x\n    return y'
    assert (out["index"], out["cell"], out["fails"], out["error"]) == (0, "double", ["test_double"], None)
    assert out["what"] == "a made-up mistake"


def test_pairs_apply_in_order_and_an_empty_new_text_removes():
    patch = [("    y = x + x\n", ""), ("return y", "return x + x + 1")]
    assert apply_patch(SOLVED["double"], patch) == 'def double(x):\n    """Twice x."""\n    return x + x + 1'
    [out] = resolve("toy", [entry(patch, error="TypeError")], SOLVED)
    assert out["error"] == "TypeError"


@pytest.mark.parametrize("old, why", [("y = 2 * x", "not found"), ("y", "occurs 2 times")])
def test_a_missing_or_ambiguous_old_text_fails_loudly_naming_the_entry(old, why):
    entries = [entry([("return y", "return -y")]), entry([("return y", "return -y"), (old, "x")])]
    with pytest.raises(WrongAnswerError) as info:
        resolve("toy", entries, SOLVED)
    message = str(info.value)
    for part in ("toy", "wrong answer 1", "'double'", "patch pair 1", why, old):
        assert part in message, f"{part!r} missing from: {message}"


@pytest.mark.parametrize("bad, why", [
    ({"cell": "double", "what": "w", "source": "x", "fails": []}, "keys must be"),
    (entry([]), "non-empty list"),
    (entry([("y = x + x",)]), "two strings"),
    (entry([("", "x")]), "empty old text"),
    (entry([("y = x + x", "y = x + x")]), "unchanged"),
    (dict(entry([("y", "z")]), cell="nope"), "not an autograded answer cell"),
    (dict(entry([("y = x + x", "y = x")]), what="two\nlines"), "one non-empty line"),
])
def test_malformed_entries_are_refused(bad, why):
    with pytest.raises(WrongAnswerError, match=why):
        resolve("toy", [bad], SOLVED)


def test_the_solved_cell_is_the_source_cell_without_solution_markers():
    nb = nbformat.read(course.SOURCE / "07_rbf" / "07_rbf.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "gaussian_activations")
    assert "### BEGIN SOLUTION" in cell.source
    assert solved_answers("07_rbf")["gaussian_activations"] == course.strip_solution_markers(cell.source)


@pytest.mark.parametrize("name", course.assignments())
def test_every_wrong_answer_applies_to_the_current_solution(name):
    answers = solved_answers(name)
    wrong = load_wrong_answers(name)
    assert wrong, f"tests/wrong_answers/{name}.py defines no wrong answers"
    for e in wrong:
        assert e["source"] != answers[e["cell"]], f"{name} entry {e['index']} does not change {e['cell']!r}"
        assert "### BEGIN SOLUTION" not in e["source"]
        compile(e["source"], f"{name} wrong answer {e['index']}", "exec")
