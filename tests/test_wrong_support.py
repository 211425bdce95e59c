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


# --------------------------------------------------------------- forked runs (tests/wrong_fork.py)
def _cell(source, gid=None, **meta):
    cell = nbformat.v4.new_code_cell(source)
    if gid:
        cell.metadata["nbgrader"] = {"grade_id": gid, "grade": False, "solution": False, "locked": False, **meta}
    return cell


def toy_notebook():
    """Set-up that writes a file and an open store, an answer, its test, a cell that appends, a second test."""
    return nbformat.v4.new_notebook(cells=[
        _cell("import os, sqlite3, tempfile\nimport numpy as np\n"
              "store = tempfile.mkdtemp()\ndb = sqlite3.connect(os.path.join(store, 'runs.db'))\n"
              "db.execute('create table runs (x)'); db.commit()\nopen('log.txt', 'w').write('start\\n')",
              "setup", locked=True),
        _cell("def double(x):\n    return x + x", "double", solution=True),
        _cell("assert double(2) == 4, f'double(2): expected 4, found {double(2)}'", "test_double",
              grade=True, locked=True, points=1),
        _cell("db.execute('insert into runs values (1)'); db.commit()\nopen('log.txt', 'a').write('more\\n')"),
        _cell("n = db.execute('select count(*) from runs').fetchone()[0]\n"
              "assert n == 1, f'runs: expected 1, found {n}'\n"
              "assert open('log.txt').read() == 'start\\nmore\\n', 'log.txt: expected two lines, found ' "
              "+ repr(open('log.txt').read())\nassert np.allclose(double(np.ones(2)), 2), 'expected 2s, found other'",
              "test_store", grade=True, locked=True, points=1),
    ])


def fork_entry(index, source, fails=("test_double",)):
    return {"index": index, "cell": "double", "source": source, "fails": list(fails)}


def test_forked_runs_give_each_wrong_answer_its_own_verdict(tmp_path):
    from wrong_support import fork_wrong_answers

    wrong = [
        fork_entry(0, "def double(x):\n    return 3 * x", fails=["test_double", "test_store"]),
        # writes to the working directory and the open store: undone before the next wrong answer runs
        fork_entry(1, "db.execute('insert into runs values (9)'); db.commit()\nopen('log.txt', 'a').write('x\\n')\n"
                      "def double(x):\n    return x * 2 + 0 * len(open('log.txt').read())", fails=["test_store"]),
        fork_entry(2, "def double(x):\n    return x * 2", fails=["test_store"]),
        fork_entry(3, "def double(x, y):\n    return x + y"),
        fork_entry(4, "np.allclose = lambda *a, **k: True\ndef double(x):\n    return x + x", fails=["test_store"]),
    ]
    out = fork_wrong_answers(toy_notebook(), wrong, tmp_path, to_end=frozenset({0}), timeout=60)
    assert out[0] == {"test_double": "AssertionError: double(2): expected 4, found 6",
                      "test_store": "AssertionError: expected 2s, found other"}
    assert out[1]["test_double"] is None
    assert out[1]["test_store"].startswith("AssertionError: runs: expected 1, found 2")
    assert out[2] == {"test_double": None, "test_store": None}, "the first child's writes were not undone"
    assert out[3] == {"test_double": "TypeError: double() missing 1 required positional argument: 'y'"}
    # the guard's check before the next test cell finds the rebinding, reports it and puts numpy back
    assert out[4]["test_double"].startswith("TamperingError"), "the grading kernel's guard hooks did not run"
    assert out[4]["test_store"] is None
    assert (tmp_path / "log.txt").read_text() == "start\n", "the parent stops after the last wrong answer's cell"


def test_a_forked_run_that_does_not_finish_is_reported(tmp_path):
    from wrong_support import fork_wrong_answers

    wrong = [fork_entry(0, "while True:\n    pass"), fork_entry(1, "def double(x):\n    return x")]
    out = fork_wrong_answers(toy_notebook(), wrong, tmp_path, timeout=2)
    assert out[0] == {"__died__": "did not finish within 2 s"}
    assert out[1] == {"test_double": "AssertionError: double(2): expected 4, found 2"}


def test_the_graded_view_puts_back_the_source_test_cells():
    from wrong_support import graded_view

    source = toy_notebook()
    submitted = nbformat.reads(nbformat.writes(source), as_version=4)
    submitted.cells[2].source = "pass  # the student emptied the test"
    submitted.cells[1].source = "def double(x):\n    return 2 * x"
    view = graded_view(submitted, source)
    assert view.cells[2].source == source.cells[2].source
    assert view.cells[1].source == "def double(x):\n    return 2 * x"
