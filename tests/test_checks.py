import numpy as np
import pytest

from helpers.checks import (
    assert_close,
    assert_equal,
    blocked,
    check_array,
    numerical_gradient,
    rel_error,
)


class Liar:
    """An answer that claims to equal everything."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def test_numerical_gradient_matches_analytic_gradient():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)

    def f(v):
        return float(v @ A @ v + np.sin(v).sum())

    analytic = (A + A.T) @ x + np.cos(x)
    numeric = numerical_gradient(f, x)
    assert rel_error(numeric, analytic) < 1e-8


def test_numerical_gradient_does_not_modify_input_and_keeps_shape():
    x = np.arange(6.0).reshape(2, 3)
    before = x.copy()
    g = numerical_gradient(lambda v: float((v**2).sum()), x)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, 2 * before, rtol=1e-7)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_rejects_bad_input():
    with pytest.raises(TypeError, match="callable"):
        numerical_gradient(3, np.zeros(2))
    with pytest.raises(TypeError, match="x must hold numeric"):
        numerical_gradient(lambda v: 0.0, np.array(["a", "b"]))
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(lambda v: 0.0, np.zeros(2), eps=0)


def test_rel_error():
    assert rel_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert rel_error([1.0], [3.0]) == pytest.approx(0.5)
    assert rel_error(np.zeros(3), np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match="same shape"):
        rel_error(np.zeros(2), np.zeros(3))


def test_assert_close_passes_within_tolerance():
    assert_close([1.0, 2.0 + 1e-9], [1.0, 2.0])
    assert_close(np.float32(0.1), 0.1, rtol=1e-6)
    assert_close([np.nan, 1.0], [np.nan, 1.0])


def test_assert_close_message_says_where_and_by_how_much():
    with pytest.raises(AssertionError) as err:
        assert_close(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.5, 4.0]]), name="W")
    msg = str(err.value)
    assert msg.startswith("W: 1 of 4 entries differ")
    assert "index (1, 0)" in msg and "expected 3.5, found 3" in msg


def test_assert_close_reports_shape_and_scalar_mismatch():
    with pytest.raises(AssertionError, match=r"grad: expected shape \(3, 2\), found \(2, 3\)"):
        assert_close(np.zeros((2, 3)), np.zeros((3, 2)), name="grad")
    with pytest.raises(AssertionError, match="loss: expected 2, found 3"):
        assert_close(3.0, 2.0, name="loss")


def test_assert_close_rejects_non_numeric_and_none_and_liars():
    with pytest.raises(AssertionError, match="None"):
        assert_close(None, 1.0)
    with pytest.raises(AssertionError, match="must be numeric"):
        assert_close("1.0", 1.0)
    with pytest.raises(AssertionError, match="must be numeric"):
        assert_close(Liar(), 1.0)


def test_assert_equal():
    assert_equal((2, 3), (2, 3))
    assert_equal(3, 3)
    assert_equal(np.int64(3), 3)
    assert_equal(True, True)
    assert_equal(np.array([1, 2]), [1, 2])
    assert_equal("relu", "relu")
    with pytest.raises(AssertionError, match=r"labels: 1 of 3 entries differ; first at index \(2,\)"):
        assert_equal([1, 2, 3], [1, 2, 4], name="labels")
    with pytest.raises(AssertionError, match="expected 'relu', found 'sigmoid'"):
        assert_equal("sigmoid", "relu")
    with pytest.raises(AssertionError, match="object of type Liar"):
        assert_equal(Liar(), 3, name="count")
    with pytest.raises(AssertionError, match="expected shape"):
        assert_equal([1, 2], [1, 2, 3])


def test_check_array_accepts_and_returns_arrays():
    out = check_array([[1, 2], [3, 4]], "X", ndim=2, shape=(None, 2))
    assert isinstance(out, np.ndarray) and out.shape == (2, 2)


@pytest.mark.parametrize(
    "kwargs, value, exc, pattern",
    [
        ({"ndim": 2}, np.zeros(5), ValueError, r"X must be 2-D, got shape \(5,\)"),
        ({"shape": (None, 3)}, np.zeros((4, 2)), ValueError, r"X must have shape \(\*, 3\), got \(4, 2\)"),
        ({"dtype": "numeric"}, np.array(["a"]), TypeError, "X must hold numeric values"),
        ({"dtype": "integer"}, np.zeros(2), TypeError, "X must hold integer values"),
        ({}, np.array([1.0, np.nan]), ValueError, "X contains NaN"),
    ],
)
def test_check_array_errors_name_the_argument(kwargs, value, exc, pattern):
    with pytest.raises(exc, match=pattern):
        check_array(value, "X", **kwargs)


def test_blocked_disables_and_restores_module_and_namespace_bindings():
    from numpy.linalg import inv

    namespace = {"inv": inv, "other": 1}
    with blocked("numpy.linalg.inv", namespace=namespace):
        with pytest.raises(AssertionError, match="numpy.linalg.inv is disabled"):
            np.linalg.inv(np.eye(2))
        with pytest.raises(AssertionError, match="disabled"):
            namespace["inv"](np.eye(2))
    assert np.linalg.inv is inv and namespace["inv"] is inv
    np.testing.assert_array_equal(np.linalg.inv(np.eye(2)), np.eye(2))


def test_blocked_restores_after_a_failure_and_rejects_unknown_names():
    original = np.linalg.det
    with pytest.raises(RuntimeError):
        with blocked("numpy.linalg.det"):
            raise RuntimeError("test failed")
    assert np.linalg.det is original
    with pytest.raises((ValueError, AttributeError)):
        with blocked("no_such_module_xyz.func"):
            pass


_CELLS = iter(range(10**6))


def _cell(source: str, namespace: dict) -> None:
    """Run ``source`` as IPython runs a notebook cell: compiled from a cell file that linecache knows."""
    import linecache
    import textwrap

    source = textwrap.dedent(source)
    filename = f"/tmp/ipykernel_0/{next(_CELLS)}.py"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)


def test_blocked_disables_every_module_binding_and_library_paths_to_it():
    """``np.linalg.inv`` lives in ``numpy.linalg._linalg``; ``matrix_power(A, -1)`` calls it from there."""
    import numpy.linalg._linalg as private

    original = private.inv
    with blocked("numpy.linalg.inv"):
        with pytest.raises(AssertionError, match="numpy.linalg.inv is disabled"):
            private.inv(np.eye(2))
        with pytest.raises(AssertionError, match="numpy.linalg.inv is disabled"):
            np.linalg.matrix_power(2 * np.eye(2), -1)
    assert private.inv is original
    np.testing.assert_allclose(np.linalg.matrix_power(2 * np.eye(2), -1), np.eye(2) / 2)


@pytest.mark.parametrize("cheat, found", [
    ("def solve(A):\n    return _inv(A)\n\n_inv = np.linalg.inv\n", None),  # rebound: replaced, so it is disabled
    ("def solve(A, _inv=np.linalg.inv):\n    return _inv(A)\n", "keeps numpy.linalg.inv in a default argument"),
    ("def _make(f):\n    def solve(A):\n        return f(A)\n    return solve\nsolve = _make(np.linalg.inv)\n",
     "keeps numpy.linalg.inv in a default argument or closure"),
    ("import functools\n_p = functools.partial(np.linalg.inv)\ndef solve(A):\n    return _p(A)\n",
     "uses numpy.linalg.inv under the name '_p'"),
    ("_box = {'f': np.linalg.inv}\ndef solve(A):\n    return _box['f'](A)\n",
     "uses numpy.linalg.inv under the name '_box'"),
    ("import inspect\ndef solve(A):\n    return np.linalg.solve(A, np.eye(len(A)))\n", "uses import inspect"),
    ("def solve(A):\n    return eval('np.linalg.pinv')(A)\n", "uses eval()"),
    ("import sys\ndef solve(A):\n    return sys.modules['numpy'].linalg.pinv(A)\n", "uses sys.modules"),
    ("import importlib\ndef solve(A):\n    return np.linalg.pinv(A)\nif False:\n    importlib.reload(np)\n",
     "uses import importlib"),
    ("def solve(A):\n    return np.linalg.pinv.__wrapped__(A)\n", "uses __wrapped__"),
])
def test_blocked_refuses_answers_that_get_around_it(cheat, found):
    namespace = {"np": np}
    _cell(cheat, namespace)
    with pytest.raises(AssertionError, match=found or "numpy.linalg.inv is disabled"):
        with blocked("numpy.linalg.inv", "numpy.linalg.pinv", namespace=namespace):
            namespace["solve"](2 * np.eye(2))
    assert np.linalg.inv(2 * np.eye(2))[0, 0] == 0.5, "not restored"


def test_blocked_refuses_a_clone_of_a_disabled_function_and_one_made_by_exec():
    import types

    from scipy import stats

    original = stats.ttest_ind
    clone = types.FunctionType(original.__code__, original.__globals__, "t", original.__defaults__,
                               original.__closure__)
    namespace = {"np": np, "_t": clone}
    _cell("def welch(x, y):\n    return _t(x, y, equal_var=False)\n", namespace)
    with pytest.raises(AssertionError, match="scipy.stats.ttest_ind \\(a copy of its code\\)"):
        with blocked("scipy.stats.ttest_ind", namespace=namespace):
            pass
    namespace = {"np": np}
    exec("def _t(x, y):\n    return 0.0\n", namespace)  # what exec(inspect.getsource(f)) makes
    _cell("def welch(x, y):\n    return _t(x, y)\n", namespace)
    with pytest.raises(AssertionError, match="a function made from a string"):
        with blocked("scipy.stats.ttest_ind", namespace=namespace):
            pass
    assert stats.ttest_ind is original and stats._stats_py.ttest_ind is original


def test_blocked_lets_honest_answers_through():
    """Other library functions, a method called ``eval`` and a helper of the student's own are fine."""
    from scipy import stats

    namespace = {"np": np, "stats": stats}
    _cell("""
        import sys
        def _mean(x):
            return float(np.sum(x)) / len(x)
        class Model:
            def eval(self):
                return self
        def welch(x, y, ddof=1):
            vx, vy = np.var(x, ddof=ddof) / len(x), np.var(y, ddof=ddof) / len(y)
            T = (_mean(x) - _mean(y)) / np.sqrt(vx + vy)
            df = (vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1))
            Model().eval()
            return T, float(2 * stats.t.sf(abs(T), df)), sys.float_info.epsilon
        """, namespace)
    x, y = np.arange(5.0), np.arange(7.0) ** 1.5
    with blocked("scipy.stats.ttest_ind", namespace=namespace):
        T, p, _ = namespace["welch"](x, y)
    ref = stats.ttest_ind(x, y, equal_var=False)
    assert abs(T - ref.statistic) < 1e-12 and abs(p - ref.pvalue) < 1e-12


LAZY_BLOCK = """
import sys, time
from helpers.checks import blocked
assert "sklearn" not in sys.modules and "scipy" not in sys.modules
hooks = len(sys.meta_path)
start = time.perf_counter()
with blocked("sklearn.preprocessing.StandardScaler", "scipy.signal.correlate2d", "numpy.linalg.inv",
             "helpers.rbf_network.RBFNetwork.predict"):   # helpers is imported, helpers.rbf_network is not
    assert time.perf_counter() - start < 0.5, "blocked() imported the libraries it disables"
    assert "sklearn" not in sys.modules and "scipy" not in sys.modules
    from sklearn.preprocessing import StandardScaler       # imported by the code under test
    import scipy.signal
    from helpers.rbf import RBFNetwork                      # imports helpers.rbf_network
    for call in (lambda: StandardScaler(), lambda: scipy.signal.correlate2d([[1]], [[1]]),
                 lambda: RBFNetwork().predict([[0.0]])):
        try:
            call()
        except AssertionError as err:
            assert "is disabled in this test" in str(err)
        else:
            raise SystemExit("a library function imported inside the block was not disabled")
import sklearn.preprocessing
assert sklearn.preprocessing.StandardScaler.__name__ == "StandardScaler", "not restored"
assert RBFNetwork.predict.__name__ == "predict", "not restored"
assert scipy.signal.correlate2d([[2]], [[3]])[0][0] == 6, "not restored"
assert len(sys.meta_path) == hooks, "the import hook was left installed"
assert sklearn.preprocessing.__spec__.loader.__class__.__name__ == "SourceFileLoader"
print("ok")
"""


def test_blocked_disables_a_library_imported_inside_the_block_without_importing_it_first():
    """A library nobody has imported yet is disabled when the code under test imports it, not imported
    up front (scikit-learn alone costs about 2 s of every graded submission)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", LAZY_BLOCK], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


RESTORE_BLOCK = """
import sys
from helpers.checks import blocked
with blocked("torch.linalg.eigh"):              # torch imported inside the block: some of its modules refuse
    import torch                                # new attributes, and the import must still work
assert torch.linalg.eigh.__name__ == "linalg_eigh", "torch.linalg.eigh was not restored"
with blocked("sklearn.metrics.pairwise.pairwise_distances"):
    import sklearn.metrics                      # binds pairwise_distances while it is disabled
assert sklearn.metrics.pairwise_distances.__name__ == "pairwise_distances", "a re-export stayed disabled"
from scipy import stats
with blocked("scipy.stats._continuous_distns.laplace_gen.fit", "scipy.stats.laplace.fit"):
    pass
assert "fit" not in vars(stats.laplace), "the instance kept a disabled method"
with blocked("torch.Tensor.softmax"):           # inherited from torch._C.TensorBase
    pass
assert "softmax" not in vars(torch.Tensor), "torch.Tensor kept an attribute it did not have"
print("ok")
"""


def test_blocked_restores_what_it_disabled_wherever_it_went():
    """Found by the assignments' block lists: a library imported inside the block, a method disabled on its
    class and read on an instance, an inherited method."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", RESTORE_BLOCK], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stdout + done.stderr


def test_every_name_the_solutions_block_resolves():
    """A misspelt name in a hidden test's ``blocked(...)`` would disable nothing once imported lazily."""
    import ast
    import json
    from pathlib import Path

    from helpers.checks import _resolve

    names = set()
    for path in sorted(Path(__file__).resolve().parent.parent.glob("solutions/*/*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or "blocked(" not in source:
                continue
            tree = ast.parse(source)
            tuples = {t.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
                      for t in node.targets if isinstance(t, ast.Name) and isinstance(node.value, ast.Tuple)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "blocked":
                    args = []
                    for a in node.args:  # blocked("a.b", ...) or blocked(*_BLOCKED) with _BLOCKED = ("a.b", ...)
                        if isinstance(a, ast.Starred) and isinstance(a.value, ast.Name) and a.value.id in tuples:
                            args += tuples[a.value.id].elts
                        elif isinstance(a, ast.Starred) and isinstance(a.value, ast.Tuple):  # blocked(*("a.b", ...))
                            args += a.value.elts
                        else:
                            args.append(a)
                    names |= {a.value for a in args if isinstance(a, ast.Constant)}
    assert len(names) > 50, f"found only {len(names)} blocked names in the solutions"
    problems = []
    for name in sorted(names):
        try:
            owner, attr = _resolve(name)
            if not callable(getattr(owner, attr)):
                problems.append(f"{name}: not callable")
        except (ImportError, AttributeError) as exc:
            problems.append(f"{name}: {type(exc).__name__}: {exc}")
    assert not problems, f"blocked(...) names that resolve to no callable (expected none): {problems}"


@pytest.mark.parametrize("value, minimum, error, message", [
    (2.0, 1, TypeError, "n must be an int, got float"),
    (True, 1, TypeError, "n must be an int, got bool"),
    ("3", 1, TypeError, "n must be an int, got str"),
    (0, 1, ValueError, "n must be >= 1, got 0"),
    (-3, -2, ValueError, "n must be >= -2, got -3"),
])
def test_check_int_names_the_argument_and_what_was_expected(value, minimum, error, message):
    from helpers.checks import check_int

    with pytest.raises(error, match=message):
        check_int(value, "n", minimum)


def test_check_int_and_check_number_accept_numpy_scalars():
    from helpers.checks import check_int, check_number

    assert check_int(np.int64(3), "n") == 3 and type(check_int(np.int64(3), "n")) is int
    assert check_int(-5, "n", None) == -5
    assert check_number(np.float32(0.5), "lr", positive=True) == 0.5
    assert check_number(0, "momentum", nonnegative=True) == 0.0


@pytest.mark.parametrize("value, kwargs, error, message", [
    (float("nan"), {}, TypeError, "lr must be a finite real number, got nan"),
    (np.inf, {}, TypeError, "lr must be a finite real number, got inf"),
    ("0.1", {}, TypeError, "lr must be a finite real number, got '0.1'"),
    (False, {}, TypeError, "lr must be a finite real number, got False"),
    (0.0, {"positive": True}, ValueError, "lr must be > 0, got 0.0"),
    (-1e-3, {"nonnegative": True}, ValueError, "lr must be >= 0, got -0.001"),
])
def test_check_number_names_the_argument_and_what_was_expected(value, kwargs, error, message):
    from helpers.checks import check_number

    with pytest.raises(error, match=message):
        check_number(value, "lr", **kwargs)


def test_data_fingerprint_pins_contents_and_order():
    from helpers.checks import data_fingerprint

    X = np.random.default_rng(0).normal(size=(20, 4))
    y = np.arange(20) % 3
    fp = data_fingerprint(X, y)
    assert len(fp) == 6 and fp == data_fingerprint(X.copy(), list(y))
    swapped = X.copy()
    swapped[[0, 1]] = swapped[[1, 0]]
    assert data_fingerprint(swapped, y) != fp  # same values, other order
    nudged = X.copy()
    nudged[5, 2] += 1e-12
    assert data_fingerprint(nudged, y) != fp
    assert data_fingerprint(np.array(["yes", "no"])) != data_fingerprint(np.array(["no", "yes"]))
    with pytest.raises(TypeError, match="at least one array"):
        data_fingerprint()
    with pytest.raises(TypeError, match="dtype object"):
        data_fingerprint(np.array([{}, 1], dtype=object))
