"""Look for graded answers that a student could copy from the course itself.

Used by tests/test_copyable.py (:func:`copy_support.scan`). For one assignment, this script

1. executes its solved source notebook (solutions and hidden tests) cell by cell in one IPython shell, with
   every graded function (a function an autograded answer cell defines) wrapped so that each call the tests
   make is recorded: the arguments, and the solution's answer;
2. collects every public function of the student edition's library (the ``helpers`` package first on
   ``sys.path``) and every function the edition's lecture notebooks define (each notebook's imports and
   ``def`` statements executed on their own);
3. calls each of those, on each recorded call whose arguments its signature accepts (as the test passed
   them, or positionally in the graded function's order), and notes each one that returns the solution's
   answer.

A recorded call whose answer is None, or equal to one of its own arguments, shows nothing and is not used.

Usage: ``python tests/copy_scan.py SPEC.json RESULT.json`` from a copy of the assignment's source folder.
SPEC: ``cells`` (the code cells' sources, solved), ``graded`` (``{grade_id: [function names]}``),
``lectures`` (``{notebook name: [code cell sources]}``), ``max_calls``, ``call_timeout`` (seconds).
RESULT: ``{"calls": {function: number of usable calls}, "errors": [cells that failed],
"matches": [{"function", "grade_id", "candidate", "matched", "accepted"}],
"troubles": [{"function", "candidate", "why"}]}`` (troubles: candidates whose calls ended or hung the
process that ran them; see :func:`compare`).
"""

from __future__ import annotations

import ast
import contextlib
import copy
import functools
import importlib
import inspect
import io
import json
import math
import os
import pkgutil
import signal
import sys
import warnings


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def _plain(x):
    """Tensors and arrays as NumPy arrays, everything else as it is."""
    if hasattr(x, "detach") and hasattr(x, "numpy"):
        return x.detach().cpu().numpy()
    return x


def same(a, b) -> bool:
    """Whether ``a`` (a candidate's return value) equals ``b`` (the solution's answer), to float precision."""
    import numpy as np

    a, b = _plain(a), _plain(b)
    if isinstance(b, (dict, list, tuple)) and not b:  # an empty answer shows nothing
        return False
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in b)
    if isinstance(b, (list, tuple)) and not (b and all(isinstance(v, (int, float)) for v in b)):
        return (isinstance(a, (list, tuple)) and len(a) == len(b)
                and all(same(x, y) for x, y in zip(a, b)))
    if isinstance(b, str) or isinstance(a, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    try:
        aa, bb = np.asarray(a), np.asarray(b)
        if aa.dtype == object or bb.dtype == object:
            return bool(a == b) if type(a) is type(b) and isinstance(b, (int, float, bool)) else False
        if aa.shape != bb.shape or aa.size == 0:  # an empty answer shows nothing
            return False
        return bool(np.allclose(aa.astype(float), bb.astype(float), rtol=1e-6, atol=1e-9, equal_nan=True))
    except Exception:
        return False


def _trivial(args, kwargs, result) -> bool:
    if result is None:
        return True
    if isinstance(result, float) and math.isnan(result):
        return True
    return any(_safe_same(v, result) for v in [*args, *kwargs.values()])


def _safe_same(a, b) -> bool:
    try:
        return same(a, b)
    except Exception:
        return False


class Recorder:
    """Wraps a graded function; keeps up to ``limit`` calls with a usable answer."""

    def __init__(self, fn, limit: int):
        self.fn, self.limit, self.calls = fn, limit, []
        functools.update_wrapper(self, fn)

    def __call__(self, *args, **kwargs):
        try:
            saved = copy.deepcopy((args, kwargs))
        except Exception:
            saved = None
        result = self.fn(*args, **kwargs)
        if saved is not None and len(self.calls) < self.limit:
            try:
                answer = copy.deepcopy(result)
                if not _trivial(*saved, answer):
                    self.calls.append((*saved, answer))
            except Exception:
                pass
        return result


def _defined_functions(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def library_functions() -> dict[str, object]:
    """Every public function of the ``helpers`` package, by dotted name."""
    import helpers

    found = {}
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        if info.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        for name, obj in vars(module).items():
            if (not name.startswith("_") and inspect.isfunction(obj)
                    and getattr(obj, "__module__", "").startswith("helpers")):
                found[f"{obj.__module__}.{obj.__name__}"] = obj
    return found


def lecture_functions(lectures: dict[str, list[str]]) -> dict[str, object]:
    """The functions each lecture notebook defines, from its imports and ``def`` statements alone."""
    found = {}
    for notebook, sources in lectures.items():
        namespace: dict = {"__name__": f"lecture_{notebook}"}
        for source in sources:
            try:
                tree = ast.parse(source)
            except SyntaxError:
                continue
            for node in tree.body:
                if not isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef)):
                    continue
                module = ast.Module(body=[node], type_ignores=[])
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(module, notebook, "exec"), namespace)
                except Exception:
                    continue
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    found[f"notebooks/{notebook}.ipynb:{node.name}"] = namespace[node.name]
    return found


def _forms(graded, args, kwargs):
    """The call as the test made it, and all positional in the graded function's parameter order."""
    yield args, kwargs
    if kwargs:
        try:
            bound = inspect.signature(graded).bind(*args, **kwargs)
        except (TypeError, ValueError):
            return
        yield tuple(bound.arguments.values()), {}


def _accepts(signature, args, kwargs) -> bool:
    try:
        signature.bind(*args, **kwargs)
        return True
    except TypeError:
        return False


def compare_one(graded_fn, calls, name: str, fn, timeout: float) -> dict | None:
    """``{"candidate", "matched", "accepted"}`` when ``fn`` returns the solution's answer on a call it
    accepts (each call tried as the test made it, then positionally), else None."""
    import matplotlib.pyplot as plt

    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    accepted = matched = 0
    for args, kwargs, answer in calls:
        for form_args, form_kwargs in _forms(graded_fn, args, kwargs):
            if not _accepts(signature, form_args, form_kwargs):
                continue
            accepted += 1
            a, k = copy.deepcopy((form_args, form_kwargs))
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), \
                        contextlib.redirect_stderr(io.StringIO()):
                    warnings.simplefilter("ignore")
                    result = fn(*a, **k)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if _safe_same(result, answer):
                    matched += 1
                    break
            except BaseException as err:  # noqa: BLE001 - anything a stray call raises, timeouts included
                signal.setitimer(signal.ITIMER_REAL, 0)
                if isinstance(err, KeyboardInterrupt):
                    raise
            finally:
                plt.close("all")
    return {"candidate": name, "matched": matched, "accepted": accepted} if matched else None


def compare(graded_fn, calls, candidates: dict, timeout: float) -> tuple[list[dict], list[dict]]:
    """Each candidate that returns the solution's answer on a call it accepts, and each candidate whose
    calls ended the process or hung (``[{"candidate", "why"}]``).

    The candidates run in a forked child, so that a stray call that corrupts the process (a TensorFlow
    model built from a NumPy array can abort the interpreter) or hangs in C code costs only itself: the
    parent notes which candidate was running, and a new child goes on with the next one.
    """
    import selectors

    names = list(candidates)
    matches, troubles = [], []
    budget = timeout * (2 * len(calls) + 1) + 10  # seconds one candidate may take, every call timing out
    start = 0
    while start < len(names):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_fd)
            with os.fdopen(write_fd, "w", buffering=1) as out:
                for k in range(start, len(names)):
                    out.write(f"T {k}\n")
                    found = compare_one(graded_fn, calls, names[k], candidates[names[k]], timeout)
                    if found:
                        out.write("M " + json.dumps(found) + "\n")
                out.write("D\n")
            os._exit(0)
        os.close(write_fd)
        current, done, buffer = start, False, ""
        with os.fdopen(read_fd) as inp, selectors.DefaultSelector() as sel:
            sel.register(inp, selectors.EVENT_READ)
            while not done:
                if not sel.select(budget):
                    os.kill(pid, signal.SIGKILL)
                    troubles.append({"candidate": names[current], "why": f"no answer within {budget:.0f} s"})
                    break
                chunk = os.read(inp.fileno(), 65536).decode()
                if not chunk:
                    break
                buffer += chunk
                *lines, buffer = buffer.split("\n")
                for line in lines:
                    if line.startswith("T "):
                        current = int(line[2:])
                    elif line.startswith("M "):
                        matches.append(json.loads(line[2:]))
                    elif line == "D":
                        done = True
        _, status = os.waitpid(pid, 0)
        if done:
            break
        if not troubles or troubles[-1]["candidate"] != names[current]:
            troubles.append({"candidate": names[current], "why": f"ended the process (wait status {status})"})
        start = current + 1
    return matches, troubles


def main(spec_path: str, result_path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    spec = json.loads(open(spec_path).read())
    signal.signal(signal.SIGALRM, _alarm)
    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    owners = {fn: gid for gid, fns in spec["graded"].items() for fn in fns}
    recorders: dict[str, Recorder] = {}
    errors = []
    for index, source in enumerate(spec["cells"]):
        with contextlib.redirect_stdout(io.StringIO()):
            result = shell.run_cell(source, store_history=True)
        if result.error_before_exec or result.error_in_exec:
            errors.append(f"cell {index}: {result.error_before_exec or result.error_in_exec!r}")
        for name in _defined_functions(source):
            if name in owners and callable(shell.user_ns.get(name)):
                recorders[name] = shell.user_ns[name] = Recorder(shell.user_ns[name], spec["max_calls"])
    candidates = {**library_functions(), **lecture_functions(spec["lectures"])}
    matches, troubles = [], []
    for name, recorder in recorders.items():
        found, trouble = compare(recorder.fn, recorder.calls, candidates, spec["call_timeout"])
        matches += [{"function": name, "grade_id": owners[name], **m} for m in found]
        troubles += [{"function": name, **t} for t in trouble]
    out = {"calls": {name: len(r.calls) for name, r in recorders.items()}, "errors": errors,
           "candidates": len(candidates), "matches": matches, "troubles": troubles}
    with open(result_path, "w") as fh:
        json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:3])
    sys.stdout.flush()
    os._exit(0)  # TensorFlow (imported by the Keras lectures) and PyTorch can crash at interpreter shutdown
