"""Running the book's listings as printed, to show what they really do ("Check the book" cells).

A "Check the book" cell runs a short, faithful excerpt of a listing from one of the course's sources and
records what happened: ``record("book_x_listing", run_listing(source, namespace))``. The excerpt is kept as
a string so that the notebook shows the book's code exactly, including its mistakes.
"""

from __future__ import annotations

import textwrap
import traceback


def run_listing(source: str, namespace: dict | None = None, *, quiet: bool = False) -> str:
    """Execute ``source`` in ``namespace`` and say how it ended.

    Parameters
    ----------
    source : str
        The listing's code (it is dedented first, so it can be written indented in a notebook cell).
    namespace : dict or None
        The globals the listing runs in; names it defines are left there, so a cell can inspect them
        afterwards. None gives an empty namespace.
    quiet : bool
        If False (default), print the exception's last line when the listing fails.

    Returns
    -------
    str
        ``"ok"`` when the listing ran to the end, otherwise the class name of the exception it raised
        (``"NameError"``, ``"SyntaxError"``, ``"RuntimeError"``, ...).
    """
    if not isinstance(source, str):
        raise TypeError(f"source must be a str holding the listing's code, got {type(source).__name__}")
    if namespace is None:
        namespace = {}
    elif not isinstance(namespace, dict):
        raise TypeError(f"namespace must be a dict or None, got {type(namespace).__name__}")
    try:
        code = compile(textwrap.dedent(source), "<book listing>", "exec")
        exec(code, namespace)  # noqa: S102 - running the book's own code is the point
    except Exception as err:  # noqa: BLE001 - any failure of the listing is the result
        if not quiet:
            print("".join(traceback.format_exception_only(type(err), err)).strip())
        return type(err).__name__
    return "ok"
