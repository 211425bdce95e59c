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
