"""Numerical checks for students and tests.

- :func:`numerical_gradient` -- central-difference gradient of a scalar function
- :func:`rel_error`          -- the relative error CS231n-style gradient checks report
- :func:`assert_close`       -- compare arrays; the failure message says where and by how much they differ
- :func:`assert_equal`       -- the exact version, for labels, counts, shapes and tuples
- :func:`check_array`        -- validate an argument at the boundary of a helper, naming it in the error
- :func:`check_int`, :func:`check_number` -- the same for a count or a real number (TypeError for a wrong
  type, ValueError for a wrong value)
- :func:`blocked`            -- disable reference functions while a hidden test runs a student's answer
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.abc
import importlib.util
import sys
import types
import numbers
from collections.abc import Callable, Iterator, Sequence

import numpy as np

_DTYPE_KINDS = {
    "numeric": "biuf",
    "float": "f",
    "integer": "iu",
    "bool": "b",
}


def _describe(value) -> str:
    text = np.array2string(np.asarray(value), precision=6, threshold=20, edgeitems=3)
    return text if len(text) <= 300 else text[:297] + "..."


def _as_numeric(value, name: str, role: str) -> np.ndarray:
    """Turn an answer into a float array, or explain why that is impossible."""
    if value is None:
        raise AssertionError(f"{name}: {role} is None (did the function forget to `return`?)")
    if hasattr(value, "detach") and hasattr(value, "cpu"):  # torch tensor
        value = value.detach().cpu().numpy()
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise AssertionError(f"{name}: {role} cannot be turned into an array ({exc})") from None
    if arr.dtype == object or arr.dtype.kind not in "biufc":
        raise AssertionError(
            f"{name}: {role} must be numeric, found {type(value).__name__} with dtype {arr.dtype}"
        )
    if arr.dtype.kind == "c":
        raise AssertionError(f"{name}: {role} is complex; expected real numbers")
    return arr.astype(float)


def assert_close(actual, expected, *, rtol: float = 1e-6, atol: float = 1e-8, name: str = "value"):
    """Assert that ``actual`` equals ``expected`` elementwise within tolerances.

    Equality means ``|actual - expected| <= atol + rtol * |expected|`` (NumPy's ``isclose`` rule), with
    matching NaNs counted as equal.

    Parameters
    ----------
    actual : array_like
        The value under test (a student's answer, a from-scratch implementation).
    expected : array_like
        The reference value.
    rtol, atol : float
        Relative and absolute tolerance.
    name : str
        What is being compared; it starts every failure message.

    Raises
    ------
    AssertionError
        With a message that says what was expected and what was found: a shape mismatch, or how many
        entries differ, the largest difference and where it is.
    """
    exp = _as_numeric(expected, name, "the expected value")
    act = _as_numeric(actual, name, "your answer")
    if act.shape != exp.shape:
        raise AssertionError(f"{name}: expected shape {exp.shape}, found {act.shape}")
    ok = np.isclose(act, exp, rtol=rtol, atol=atol, equal_nan=True)
    if bool(np.all(ok)):
        return
    if exp.ndim == 0:
        raise AssertionError(
            f"{name}: expected {exp.item():.10g}, found {act.item():.10g} "
            f"(difference {abs(act.item() - exp.item()):.3g}; tolerance rtol={rtol:g}, atol={atol:g})"
        )
    diff = np.where(ok, 0.0, np.abs(act - exp))
    diff = np.where(np.isnan(diff), np.inf, diff)
    where = np.unravel_index(int(np.argmax(diff)), diff.shape)
    n_bad = int(ok.size - np.count_nonzero(ok))
    raise AssertionError(
        f"{name}: {n_bad} of {ok.size} entries differ (tolerance rtol={rtol:g}, atol={atol:g}); "
        f"largest difference {diff[where]:.3g} at index {tuple(int(i) for i in where)}: "
        f"expected {exp[where]:.10g}, found {act[where]:.10g}"
    )


def assert_equal(actual, expected, *, name: str = "value"):
    """Assert exact equality of scalars, strings, tuples or integer/bool arrays.

    Unlike ``actual == expected``, this cannot be fooled by an object that claims to equal everything:
    both sides are converted to plain NumPy arrays (or plain Python scalars) first.
    """
    if actual is None and expected is not None:
        raise AssertionError(f"{name}: found None (did the function forget to `return`?)")
    if isinstance(expected, str):
        if not isinstance(actual, str) or actual != expected:
            raise AssertionError(f"{name}: expected {expected!r}, found {actual!r}")
        return
    exp = np.asarray(expected)
    try:
        act = np.asarray(actual)
    except Exception as exc:
        raise AssertionError(f"{name}: your answer cannot be turned into an array ({exc})") from None
    if act.dtype == object and exp.dtype != object:
        raise AssertionError(
            f"{name}: expected {_describe(exp)}, found an object of type {type(actual).__name__}"
        )
    if act.shape != exp.shape:
        raise AssertionError(
            f"{name}: expected shape {exp.shape}, found {act.shape} "
            f"(expected {_describe(exp)}, found {_describe(act)})"
        )
    same = np.asarray(act == exp)
    if same.dtype != bool or same.shape != exp.shape:
        raise AssertionError(f"{name}: cannot compare {type(actual).__name__} with the expected value")
    if not bool(np.all(same)):
        if exp.ndim == 0:
            raise AssertionError(f"{name}: expected {exp.item()!r}, found {act.item()!r}")
        n_bad = int(same.size - np.count_nonzero(same))
        where = tuple(int(i) for i in np.argwhere(~same)[0])
        raise AssertionError(
            f"{name}: {n_bad} of {same.size} entries differ; first at index {where}: "
            f"expected {exp[where].item()!r}, found {act[where].item()!r} "
            f"(expected {_describe(exp)}, found {_describe(act)})"
        )


def rel_error(a, b) -> float:
    """Largest elementwise relative error ``|a - b| / max(|a| + |b|, 1e-300)``.

    This is the figure a gradient check reports: about 1e-7 or smaller means agreement in float64,
    1e-2 or larger means a bug.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"rel_error: a and b must have the same shape, got {a.shape} and {b.shape}")
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-300)))


def data_fingerprint(*arrays) -> tuple[int, ...]:
    """A fingerprint of arrays' exact contents, for tests that load a dataset after a student's code has run.

    A hidden test that reads data (a bundled scikit-learn dataset, a file in ``data/``) compares this with a
    literal written when the test was made, so a loader a submission replaced cannot hand it other data.
    Any dtype, strings included: the bytes of each array, C-ordered, are summed plainly and with position
    weights.

    Parameters
    ----------
    *arrays : array_like
        One or more arrays (each converted with ``np.asarray``).

    Returns
    -------
    tuple of int
        ``(size, sum, weighted sum)`` per array, concatenated: 3 integers per array.
    """
    if not arrays:
        raise TypeError("data_fingerprint: expected at least one array, got none")
    out: list[int] = []
    for index, array in enumerate(arrays):
        a = np.asarray(array)
        if a.dtype == object:
            raise TypeError(f"data_fingerprint: array {index} has dtype object; expected numbers or strings")
        raw = np.frombuffer(np.ascontiguousarray(a).tobytes(), dtype=np.uint8).astype(np.int64)
        weights = np.arange(raw.size, dtype=np.int64) % 1009 + 1
        out += [int(raw.size), int(raw.sum()), int((raw * weights).sum())]
    return tuple(out)


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    ``grad[i] = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)``, whose error shrinks like ``eps**2``.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a scalar.
    x : array_like of float, any shape
        The point. It is copied to float64 and never modified.
    eps : float
        Step size.

    Returns
    -------
    ndarray, same shape as ``x``
    """
    if not callable(f):
        raise TypeError(f"numerical_gradient: f must be callable, got {type(f).__name__}")
    x = check_array(x, "x", dtype="numeric").astype(np.float64, copy=True)
    if not eps > 0:
        raise ValueError(f"numerical_gradient: eps must be positive, got {eps}")
    grad = np.zeros_like(x)
    flat = x.reshape(-1)
    gflat = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = float(f(x))
        flat[i] = old - eps
        down = float(f(x))
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def check_int(value, name: str, minimum: int | None = 1) -> int:
    """An integer argument (an ``int`` or NumPy integer, not a bool) of at least ``minimum``.

    Raises ``TypeError("{name} must be an int, got float")`` for another type and
    ``ValueError("{name} must be >= {minimum}, got {value}")`` below the minimum (None: no minimum).
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def check_number(value, name: str, *, positive: bool = False, nonnegative: bool = False) -> float:
    """A finite real argument (not a bool), ``> 0`` with ``positive``, ``>= 0`` with ``nonnegative``.

    Raises ``TypeError("{name} must be a finite real number, got ...")`` for another type, NaN or an
    infinity, and ``ValueError("{name} must be > 0, got ...")`` (or ``>= 0``) for a value out of range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise TypeError(f"{name} must be a finite real number, got {value!r}")
    if positive and not value > 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    if nonnegative and value < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return float(value)


def check_array(
    x,
    name: str,
    *,
    ndim: int | Sequence[int] | None = None,
    shape: Sequence[int | None] | None = None,
    dtype: str | None = "numeric",
    allow_nan: bool = False,
) -> np.ndarray:
    """Validate an argument and return it as a NumPy array.

    Parameters
    ----------
    x : array_like
        The argument.
    name : str
        The argument's name, used in error messages.
    ndim : int or sequence of int, optional
        Allowed numbers of dimensions.
    shape : sequence of int or None, optional
        Required shape; ``None`` entries are wildcards, e.g. ``(None, 3)``.
    dtype : {"numeric", "float", "integer", "bool"} or None
        Required kind of values (``None``: anything).
    allow_nan : bool
        Whether NaN/inf are acceptable in float input.

    Raises
    ------
    TypeError
        When the values are of the wrong kind (e.g. strings where numbers are expected).
    ValueError
        When the dimensions or shape are wrong, or the array holds NaN/inf.
    """
    if hasattr(x, "detach") and hasattr(x, "cpu"):
        x = x.detach().cpu().numpy()
    try:
        arr = np.asarray(x)
    except Exception as exc:
        raise TypeError(f"{name} must be array-like, could not convert it ({exc})") from None
    if dtype is not None:
        kinds = _DTYPE_KINDS.get(dtype)
        if kinds is None:
            raise ValueError(f"check_array: unknown dtype requirement {dtype!r}")
        if arr.dtype.kind not in kinds:
            raise TypeError(f"{name} must hold {dtype} values, got dtype {arr.dtype}")
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, numbers.Integral) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            hint = ""
            if shape is not None:
                hint = " (" + ", ".join("*" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must be {want}{hint}, got shape {arr.shape}")
    if shape is not None:
        shape = tuple(shape)
        if arr.ndim != len(shape) or any(s is not None and s != a for s, a in zip(shape, arr.shape)):
            want = "(" + ", ".join("*" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{name} must have shape {want}, got {arr.shape}")
    if not allow_nan and arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def _resolve(dotted: str):
    parts = dotted.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for attr in parts[i:-1]:
            owner = getattr(owner, attr)
        return owner, parts[-1]
    raise ValueError(f"blocked: cannot resolve {dotted!r} (expected 'module.function')")


def _disabler(dotted: str) -> Callable:
    def _disabled(*args, **kwargs):
        raise AssertionError(
            f"{dotted} is disabled in this test: implement this part yourself "
            f"instead of calling the library function it re-implements"
        )

    return _disabled


def _loaded_owner(dotted: str):
    """``(owner, attr)`` for ``dotted`` when the module holding it is imported and done initialising, else None.

    Looks only at what is already loaded: module attributes are read from the module's ``__dict__``, so a
    lazy ``__getattr__`` (SciPy's) never imports anything from here.
    """
    parts = dotted.split(".")
    for i in range(len(parts) - 1, 0, -1):
        owner = sys.modules.get(".".join(parts[:i]))
        if owner is None:
            continue
        for attr in parts[i:]:
            if isinstance(owner, types.ModuleType):
                if getattr(getattr(owner, "__spec__", None), "_initializing", False):
                    return None
                found = owner.__dict__.get(attr)
            else:
                found = getattr(owner, attr, None)
            if found is None:
                return None  # a submodule or a name not loaded yet
            parent, owner = owner, found
        return parent, parts[-1]
    return None


def _unimported_module(dotted: str) -> str | None:
    """The first module on the path of ``dotted`` that exists but is not imported yet, else None."""
    parts = dotted.split(".")
    for i in range(1, len(parts)):
        name = ".".join(parts[:i])
        if name in sys.modules:
            continue
        try:
            return name if importlib.util.find_spec(name) is not None else None
        except (ImportError, ValueError):
            return None
    return None


class _ChainedLoader(importlib.abc.Loader):
    """Wraps a module's loader to call ``after()`` once the module has executed."""

    def __init__(self, loader, after: Callable[[], None]):
        self.loader, self.after = loader, after

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        try:
            self.loader.exec_module(module)
        finally:
            with contextlib.suppress(AttributeError, TypeError):  # modules that refuse new attributes
                module.__loader__ = self.loader
            if getattr(module, "__spec__", None) is not None:
                with contextlib.suppress(AttributeError, TypeError):
                    module.__spec__.loader = self.loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__._initializing = False  # it has executed (importlib would clear this next)
        self.after()


class _BlockOnImport(importlib.abc.MetaPathFinder):
    """While installed, every module of the ``packages`` imported calls ``after()`` once it has executed."""

    def __init__(self, packages: set[str], after: Callable[[], None]):
        self.packages, self.after = packages, after

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] not in self.packages:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ChainedLoader(spec.loader, self.after)
                return spec
        return None


#: Routes around a disabled function that an answer may not take while a test disables library functions:
#: reading or cloning library code, running code from strings, reloading or swapping modules, reaching
#: interpreter internals. Names (or attributes) an answer's code may not mention, with what each is.
FORBIDDEN_IN_ANSWERS = {
    "inspect": "the inspect module", "getsource": "inspect.getsource", "FunctionType": "types.FunctionType",
    "CodeType": "types.CodeType", "exec": "exec()", "eval": "eval()", "compile": "compile()",
    "importlib": "importlib", "reload": "importlib.reload", "ctypes": "ctypes", "gc": "the gc module",
    "__code__": "__code__", "__globals__": "__globals__", "__closure__": "__closure__",
    "__import__": "__import__", "__builtins__": "__builtins__", "__wrapped__": "__wrapped__",
}
#: Of those, the ones that are also ordinary method names (``model.eval()``, ``re.compile``): forbidden only
#: as bare names, the builtins.
_BUILTIN_ONLY = {"exec", "eval", "compile"}
_FORBIDDEN_MODULES = {"inspect", "importlib", "ctypes", "gc", "dis", "marshal"}


def _forbidden_uses(source: str) -> list[str]:
    """What in ``source`` (a notebook cell) is in :data:`FORBIDDEN_IN_ANSWERS`, as ``"what (line n)"``."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        what = None
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_IN_ANSWERS:
            what = FORBIDDEN_IN_ANSWERS[node.id]
        elif isinstance(node, ast.Attribute):
            if node.attr in FORBIDDEN_IN_ANSWERS and node.attr not in _BUILTIN_ONLY:
                what = FORBIDDEN_IN_ANSWERS[node.attr]
            elif node.attr == "modules" and isinstance(node.value, ast.Name) and node.value.id == "sys":
                what = "sys.modules"
        elif isinstance(node, ast.Import):
            bad = [a.name for a in node.names if a.name.partition(".")[0] in _FORBIDDEN_MODULES]
            what = f"import {bad[0]}" if bad else None
        elif isinstance(node, ast.ImportFrom):
            if (node.module or "").partition(".")[0] in _FORBIDDEN_MODULES:
                what = f"from {node.module} import ..."
            elif node.module == "sys" and any(a.name == "modules" for a in node.names):
                what = "sys.modules"
            elif any(a.name in FORBIDDEN_IN_ANSWERS for a in node.names):
                what = FORBIDDEN_IN_ANSWERS[next(a.name for a in node.names if a.name in FORBIDDEN_IN_ANSWERS)]
        if what is not None:
            found.append(f"{what} (line {node.lineno})")
    return found


def _defined_in_notebook(obj) -> bool:
    """True for a function (or a method of one) typed into a notebook cell, not loaded from a module file.

    One definition for the tamper guard (``helpers.guard``) and for :func:`blocked`'s answer checks. Only real
    functions count: a mock answers any attribute, ``__code__`` included.
    """
    if isinstance(obj, types.MethodType):
        obj = obj.__func__
    if not isinstance(obj, types.FunctionType):
        return False
    filename = obj.__code__.co_filename
    return "ipykernel_" in filename or filename.startswith("<ipython-input")


def _notebook_class(obj) -> bool:
    """True for a class typed into a notebook cell (one of its methods is)."""
    return isinstance(obj, type) and any(_defined_in_notebook(getattr(m, "__func__", m)) for m in vars(obj).values())


def _code_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def _filled(cell) -> bool:
    try:
        _ = cell.cell_contents
    except ValueError:  # a closure variable not assigned yet
        return False
    return True


def _same_object(a, b) -> bool:
    if a is b:
        return True
    return isinstance(a, types.MethodType) and isinstance(b, types.MethodType) and a == b


def _answer_problems(namespace: dict, originals: dict[str, object]) -> list[str]:
    """How the notebook's own functions get around the disabled ``originals`` (name -> object), if they do.

    Starting from the public functions and classes typed into the notebook, and following the global names
    their code uses, defaults and closures: a disabled function (or a copy of its code) captured in a default
    argument, a closure or under another global name; a function made from a string (``exec``); and any use
    of :data:`FORBIDDEN_IN_ANSWERS` in the cells that define them.
    """
    import linecache

    def cells(f) -> tuple:
        return tuple(id(c.cell_contents) for c in f.__closure__ or () if _filled(c))

    clones = {(id(o.__code__), cells(o)): n for n, o in originals.items() if isinstance(o, types.FunctionType)}

    def disabled_name(value, depth: int = 0) -> str | None:
        """The disabled function ``value`` is, copies, wraps or holds (one level of containers), else None."""
        for name, original in originals.items():
            if _same_object(value, original):
                return name
        if isinstance(value, types.FunctionType) and (id(value.__code__), cells(value)) in clones:
            return clones[(id(value.__code__), cells(value))] + " (a copy of its code)"
        if depth == 0 and not isinstance(value, (types.ModuleType, type, types.FunctionType)):
            inner = [getattr(value, "func", None)]  # functools.partial
            if isinstance(value, (list, tuple, set, frozenset)):
                inner += list(value)
            elif isinstance(value, dict):
                inner += list(value.values())
            elif isinstance(getattr(value, "__dict__", None), dict):
                inner += list(vars(value).values())
            for item in inner:
                if item is not None and (name := disabled_name(item, 1)) is not None:
                    return name
        return None

    problems: list[str] = []
    seen_cells: set[str] = set()
    seen: set[int] = set()
    queue = [v for k, v in namespace.items()
             if not k.startswith("_") and (_defined_in_notebook(v) or _notebook_class(v))]
    while queue:
        obj = queue.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, type):
            queue += [m for m in vars(obj).values() if _defined_in_notebook(getattr(m, "__func__", m))]
            continue
        func = getattr(obj, "__func__", obj)
        if not isinstance(func, types.FunctionType):
            continue
        label = func.__qualname__
        filename = func.__code__.co_filename
        if filename not in seen_cells:
            seen_cells.add(filename)
            uses = _forbidden_uses("".join(linecache.getlines(filename)))
            problems += [f"the cell defining {label} uses {u}" for u in uses]
        held = list(func.__defaults__ or ()) + list((func.__kwdefaults__ or {}).values())
        held += [cell.cell_contents for cell in func.__closure__ or () if _filled(cell)]
        for value in held:
            if (name := disabled_name(value)) is not None:
                problems.append(f"{label} keeps {name} in a default argument or closure")
            elif _defined_in_notebook(value) or _notebook_class(value):
                queue.append(value)
        for gname in _code_names(func.__code__):
            value = namespace.get(gname)
            if value is None:
                continue
            if (name := disabled_name(value)) is not None:
                problems.append(f"{label} uses {name} under the name {gname!r}")
            elif isinstance(value, types.FunctionType) and value.__code__.co_filename == "<string>":
                problems.append(f"{label} uses {gname}, a function made from a string (exec)")
            elif _defined_in_notebook(value) or _notebook_class(value):
                queue.append(value)
    return list(dict.fromkeys(problems))


_INHERITED = object()  # marks a disabled attribute that ``owner`` did not hold itself


def _restore_everywhere(restore: dict[int, tuple[object, object]]) -> None:
    """Any module global still bound to a disabled function of ``restore`` gets the original back."""
    for module in list(sys.modules.values()):
        space = getattr(module, "__dict__", None)
        if not isinstance(space, dict):
            continue
        for key, value in list(space.items()):
            found = restore.get(id(value))
            if found is not None and found[0] is value:
                space[key] = found[1]


def _replace_everywhere(pairs: list[tuple[object, object]], saved: list) -> None:
    """Every loaded module's global bound to an original of ``pairs`` ((original, disabled)) is replaced.

    A function is reachable under every name a module binds it to (``np.linalg.solve`` is
    ``numpy.linalg._linalg.solve``; ``scipy.stats.ttest_ind`` lives in ``scipy.stats._stats_py``), and
    library code calls its siblings through its own module's globals (``matrix_power(A, -1)`` calls
    ``_linalg.inv``): disabling one name is not enough.
    """
    by_id = {id(o): d for o, d in pairs if not isinstance(o, types.MethodType)}
    if not by_id:
        return
    for module in list(sys.modules.values()):
        space = getattr(module, "__dict__", None)
        if not isinstance(space, dict):
            continue
        for key, value in list(space.items()):
            disabled = by_id.get(id(value))
            if disabled is not None and value is not disabled:
                saved.append((space, key, value))
                space[key] = disabled


@contextlib.contextmanager
def blocked(*dotted_names: str, namespace: dict | None = None) -> Iterator[None]:
    """Disable reference functions while a test runs a student's answer.

    Each name (``"numpy.linalg.inv"``, ``"sklearn.metrics.confusion_matrix"``, ``"helpers.cnn.corr2d"``)
    is replaced by a function that raises ``AssertionError`` saying the function is disabled in this test,
    under every name a loaded module binds it to (re-exports, private modules). With
    ``namespace=globals()``, variables in the notebook bound to the same objects (``from numpy.linalg
    import inv``) are replaced too, and the notebook's own functions are checked before anything runs: an
    ``AssertionError`` names a disabled function they keep in a default argument, a closure or a copy of its
    code, and any use of :data:`FORBIDDEN_IN_ANSWERS` (``inspect``, ``exec``, ``importlib``, ``sys.modules``,
    ...) in the cells defining them. Everything is restored on exit, even when the test fails.

    A name in a module that has not been imported yet (no code can hold the function then) is not imported
    just to be disabled, which would cost seconds per test (scikit-learn takes about 2 s): it is disabled the
    moment the code under test imports that module, until the block ends.
    """
    saved: list[tuple[object, str, object]] = []
    pending: list[str] = []
    originals: dict[str, object] = {}
    restore: dict[int, tuple[object, object]] = {}  # id(disabled) -> (disabled, original)

    def disable(dotted: str, owner, attr: str) -> tuple[object, object]:
        original = getattr(owner, attr)
        disabled = _disabler(dotted)
        # An attribute found through a class (an inherited method, a method read on an instance) is removed
        # again on exit rather than written back onto ``owner``.
        own = isinstance(owner, types.ModuleType) or attr in getattr(owner, "__dict__", {})
        saved.append((owner, attr, original if own else _INHERITED))
        setattr(owner, attr, disabled)
        restore[id(disabled)] = (disabled, original)
        originals[dotted] = original
        if namespace is not None:
            for key, value in list(namespace.items()):
                if value is original:
                    saved.append((namespace, key, value))
                    namespace[key] = disabled
        return original, disabled

    def disable_imported() -> None:
        pairs = []
        for dotted in list(pending):
            found = _loaded_owner(dotted)
            if found is not None:
                pending.remove(dotted)
                pairs.append(disable(dotted, *found))
        _replace_everywhere(pairs, saved)

    hook = None
    try:
        pairs = []
        for dotted in dotted_names:
            if _unimported_module(dotted) is not None:
                pending.append(dotted)
                continue
            pairs.append(disable(dotted, *_resolve(dotted)))
        _replace_everywhere(pairs, saved)
        if namespace is not None:
            problems = _answer_problems(namespace, originals)
            if problems:
                raise AssertionError(
                    "this test did not run your code: " + "; ".join(problems[:6])
                    + ". While a test disables library functions, answers must compute the result themselves: "
                    "no captured or copied library functions, and none of inspect, exec/eval/compile, "
                    "importlib, ctypes, gc or sys.modules.")
        if pending:
            hook = _BlockOnImport({d.partition(".")[0] for d in pending}, disable_imported)
            sys.meta_path.insert(0, hook)
        yield
    finally:
        if hook is not None and hook in sys.meta_path:
            sys.meta_path.remove(hook)
        for owner, attr, original in reversed(saved):
            if isinstance(owner, dict):
                owner[attr] = original
            elif original is _INHERITED:
                with contextlib.suppress(AttributeError, TypeError):
                    delattr(owner, attr)
            else:
                setattr(owner, attr, original)
        if pending or restore:
            # Modules imported during the block may have bound a disabled function (``from x import f``).
            _restore_everywhere(restore)
