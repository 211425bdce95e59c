"""Expected values frozen into hidden tests (instructor/frozen.py): rewritten from their expressions, and
checked, so that a literal cannot drift from what it claims to be."""

import numpy as np
import pytest

from instructor import frozen

CELL = """_ = f(1)
### BEGIN HIDDEN TESTS
_x = np.arange(6.0).reshape(2, 3)
# frozen-import: import math
# frozen: _x @ _x.T * math.pi
_ref = None
# frozen: float(_ref.sum())
_total = 0.0
assert f(_x) == _ref
### END HIDDEN TESTS"""


def _run(source: str) -> dict:
    namespace = {"np": np}
    exec(source.split("### BEGIN HIDDEN TESTS")[1].split("assert")[0], namespace)
    return namespace


def test_refreeze_writes_each_value_as_an_exact_literal():
    out = frozen.refreeze(CELL)
    ns = _run(out)
    expected = np.arange(6.0).reshape(2, 3) @ np.arange(6.0).reshape(2, 3).T * np.pi
    assert np.array_equal(ns["_ref"], expected) and ns["_total"] == float(expected.sum())
    assert out.startswith("_ = f(1)\n") and out.endswith("assert f(_x) == _ref\n### END HIDDEN TESTS")
    assert frozen.refreeze(out) == out, "a second pass must change nothing"


def test_a_literal_within_rounding_is_kept_and_a_drifted_one_rewritten():
    out = frozen.refreeze(CELL)
    nudged = out.replace("_total = ", "_total = 1e-13 + ")
    assert frozen.refreeze(nudged) == nudged
    drifted = out.replace("_total = ", "_total = 1.0 + ")
    assert frozen.refreeze(drifted) == out


@pytest.mark.parametrize("bad, why", [
    (CELL.replace("_ref = None", "_ref, _other = None, None"), "must assign one name"),
    (CELL.replace("_x @ _x.T", "_x @ _missing"), "failed: NameError"),
])
def test_malformed_markers_are_reported_with_the_cell(bad, why):
    with pytest.raises(frozen.FrozenError, match=why) as info:
        frozen.refreeze(bad, where="nb.ipynb cell test_x")
    assert "nb.ipynb cell test_x" in str(info.value)


def test_only_numbers_are_frozen():
    assert eval(frozen.literal(np.float64(0.1) + 0.2)) == 0.1 + 0.2
    assert eval(frozen.literal(np.array([1, 2])), {"np": np}).tolist() == [1, 2]
    with pytest.raises(frozen.FrozenError, match="only numbers"):
        frozen.literal(np.array(["a"]))


def test_every_frozen_value_in_the_solutions_is_current(capsys):
    cells = list(frozen.frozen_cells())
    assert cells, "no hidden test holds a frozen value"
    assert frozen.main(["--check"]) == 0, capsys.readouterr().err


# --- no hidden test computes an expected value with a library the student's code could have patched -------

#: What a hidden block may use after the student's code: NumPy, math and the checks are guarded by
#: helpers.guard (rebinding them is put back and fails the test); the rest compute nothing graded. The
#: course's reference implementations (``helpers.cnn.conv2d``, ``helpers.som.SOM``) are not: their classes
#: and the libraries under them can be patched.
PROTECTED = ("numpy", "math", "helpers.checks", "helpers.assert_close", "helpers.assert_equal", "helpers.blocked",
             "itertools", "functools", "collections", "os", "sys", "pathlib", "warnings", "contextlib", "types",
             "json", "time", "statistics")
#: Hidden blocks that must call a library on the student's own object, and why (their expected values are
#: literals or NumPy all the same).
RUNS_THE_STUDENTS_OBJECT = {
    ("08a_ml_in_practice", "test_log_run_hidden"): "reads back the MLflow run the student's function logged",
    ("08a_ml_in_practice", "test_pick_run_hidden"): "builds the pandas table the student's function takes",
    ("04_cnn", "test_build_model_hidden"): "runs the student's torch model on a NumPy batch; compares shapes "
                                           "and counts with literals",
    ("04_cnn", "test_fixed_mycnn_hidden"): "builds the student's FixedCNN and runs it on a NumPy batch; compares "
                                           "shapes and counts with literals",
    ("04_cnn", "test_fixed_mycnn_shape_hidden"): "builds the student's FixedCNN for hidden input sizes; compares "
                                                 "shapes with literals",
    ("04_cnn", "test_train_cnn_hidden"): "trains the student's torch model and runs it on held-out digits; the "
                                         "accuracy is computed in NumPy and compared with a literal",
    ("04_cnn", "test_train_cnn_repeatable_hidden"): "runs the student's training twice; compares the scores in NumPy",
}
#: Data loaders a hidden block may call after the student's code, because the block then compares what it
#: loaded with a frozen fingerprint (``helpers.checks.data_fingerprint``, guarded): a replaced loader is caught.
FINGERPRINTED_LOADERS = ("sklearn.datasets.load_digits", "sklearn.datasets.load_breast_cancer",
                         "sklearn.datasets.load_wine", "helpers.data.data_path")


def _imports(tree) -> dict[str, str]:
    import ast

    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound.update({(a.asname or a.name.split(".")[0]): (a.name if a.asname else a.name.split(".")[0])
                          for a in node.names})
        elif isinstance(node, ast.ImportFrom) and node.module:
            bound.update({(a.asname or a.name): f"{node.module}.{a.name}" for a in node.names})
    return bound


def library_uses_in_hidden_tests(root=frozen.ROOT) -> dict[tuple[str, str], list[str]]:
    """``{(assignment, grade_id): ["name=module", ...]}``: names a hidden block uses that are bound to a
    module other than :data:`PROTECTED` (in the notebook's cells or the block itself). Comments, the
    ``# frozen:`` expressions among them, are not code, and ``blocked("...")`` names are strings."""
    import ast
    import json

    out = {}
    for path in sorted((root / "solutions").glob("*/*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        notebook = {}
        for source in code:
            try:
                notebook.update(_imports(ast.parse(source.replace(frozen.BEGIN, "").replace(frozen.END, ""))))
            except SyntaxError:
                continue
        for cell in cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            source = "".join(cell["source"])
            if (cell["cell_type"] != "code" or not meta.get("grade") or meta.get("solution")
                    or frozen.BEGIN not in source):
                continue
            tree = ast.parse(source.split(frozen.BEGIN)[1].split(frozen.END)[0])
            bound = {**notebook, **_imports(tree)}
            block = source.split(frozen.BEGIN)[1]
            allowed = PROTECTED + (FINGERPRINTED_LOADERS if "_data_fingerprint(" in block else ())
            used = sorted({f"{n.id}={bound[n.id]}" for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in bound
                           and not any(bound[n.id] == m or bound[n.id].startswith(m + ".") for m in allowed)})
            if used:
                out[(path.parent.name, meta["grade_id"])] = used
    return out


def test_no_hidden_test_computes_with_a_library_after_the_students_code():
    """Expected values nothing can poison: a hidden test compares with literals (frozen), NumPy computed in
    the cell, or nothing a submission can patch. A library called while grading runs after the student's
    code, which may have replaced it (``stats.ttest_ind = lambda *a, **k: <the wrong answer's numbers>``)."""
    found = library_uses_in_hidden_tests()
    unexplained = {k: v for k, v in found.items() if k not in RUNS_THE_STUDENTS_OBJECT}
    assert not unexplained, "hidden tests that call a library while grading:\n" + "\n".join(
        f"  {a} {g}: {', '.join(v)}" for (a, g), v in sorted(unexplained.items()))
    stale = sorted(set(RUNS_THE_STUDENTS_OBJECT) - set(found))
    assert not stale, f"RUNS_THE_STUDENTS_OBJECT lists hidden tests that no longer call a library: {stale}"


def test_the_library_scan_sees_a_poisonable_reference():
    """The scan above has teeth: the pre-freeze Welch test of 01c (scipy's ttest_ind after the answer)."""
    import tempfile
    from pathlib import Path

    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("import numpy as np\nfrom scipy import stats"),
                    nbformat.v4.new_code_cell(
                        "_ = welch(np.arange(3.0), np.arange(4.0))\n### BEGIN HIDDEN TESTS\n"
                        "_r = stats.ttest_ind(np.arange(5.0), np.arange(6.0), equal_var=False)\n"
                        "assert welch(np.arange(5.0), np.arange(6.0))[0] == _r.statistic\n### END HIDDEN TESTS",
                        metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "t_hidden",
                                               "points": 2}})]
        (Path(tmp) / "solutions" / "x").mkdir(parents=True)
        nbformat.write(nb, Path(tmp) / "solutions" / "x" / "x.ipynb")
        assert library_uses_in_hidden_tests(Path(tmp)) == {("x", "t_hidden"): ["stats=scipy.stats"]}
