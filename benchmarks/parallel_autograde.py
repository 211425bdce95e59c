"""Benchmark: grading a class of 40 with `python -m helpers.autograde --workers 2` vs serial `nbgrader autograde`.

    python benchmarks/parallel_autograde.py [--assignment 07_rbf] [--students 40] [--workers 2]

Builds a throw-away course (helpers.course.CourseDir) with one assignment and a class of submissions (the
solution, the blank release and the assignment's wrong answers from tests/wrong_answers/, in turn), grades it
once with stock `nbgrader autograde` (one submission after another) and once in parallel, checks that both
give the same scores, and prints the times. Both runs use the course's configuration, sandbox included.
This is a benchmark, not a test: its figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.autograde import grade_class  # noqa: E402
from helpers.course import CourseDir, replace_cell, solved  # noqa: E402


def class_of(release, source, name: str, n: int) -> dict[str, nbformat.NotebookNode]:
    good = solved(release, source)
    pool = [good, release]
    wrong_file = ROOT / "tests" / "wrong_answers" / f"{name}.py"
    if wrong_file.exists():
        spec = importlib.util.spec_from_file_location("wrong", wrong_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        pool += [replace_cell(good, w["cell"], w["source"]) for w in module.WRONG_ANSWERS]
    return {f"student{i:03d}": pool[i % len(pool)] for i in range(n)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default="07_rbf")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    name = args.assignment
    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as tmp:
        course = CourseDir(Path(tmp), [name])
        release = nbformat.read(course.generate(name) / f"{name}.ipynb", as_version=4)
        source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
        for student, nb in class_of(release, source, name, args.students).items():
            course.submit(name, student, {f"{name}.ipynb": nb})

        t0 = time.perf_counter()
        course.autograde(name)
        serial = time.perf_counter() - t0
        serial_scores = course.scores(name)

        t0 = time.perf_counter()
        results = grade_class(name, root=course.root, workers=args.workers, stream=io.StringIO())
        parallel = time.perf_counter() - t0
        parallel_scores = course.scores(name)

    same = serial_scores == parallel_scores and all(r.status == "graded" for r in results)
    print(f"assignment {name}, {args.students} submissions")
    print(f"serial   nbgrader autograde          {serial:7.1f} s  ({serial / args.students:.2f} s each)")
    each = parallel / args.students
    print(f"parallel helpers.autograde -j {args.workers}      {parallel:7.1f} s  ({each:.2f} s each)")
    print(f"speed-up {serial / parallel:.2f}x; identical scores: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
