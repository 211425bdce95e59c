"""Benchmark: grading a class of 40 with `python -m instructor.autograde --workers 2` vs serial `nbgrader autograde`.

    python benchmarks/parallel_autograde.py [--assignment NAME] [--students 40] [--workers 2]
    python benchmarks/parallel_autograde.py --quick --json build/run/benchmarks.json   # what `make test` runs

Builds a throw-away course (instructor.course.CourseDir) with one assignment and a class of submissions (the
solution, the blank release, two cases of the adversarial corpus and the assignment's wrong answers from
tests/wrong_answers/, in turn), grades it
once with stock `nbgrader autograde` (one submission after another), once in parallel in the sandbox and once
in parallel without it, checks that all give the same scores, and prints the times with two ratios: the
speed-up of sandboxed parallel grading over stock serial grading (goal >= 1.8x on 2 cores) and the sandbox's
overhead over unsandboxed grading (goal <= 10 %). The quick mode (a class of 12) runs in CI and appends its
table to the runner's report; the full mode (40) gives the README's figures. This is a benchmark, not a
test: its figures depend on the machine and its load. Its scores are: each student's totals go into the JSON,
and tests/test_autograde.py checks them (solution full, blank zero, each wrong answer less, the cheat zero,
the half-way exit partial, parallel equal to serial) rather than grading the same class again.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the wrong answers' loader

from instructor.autograde import grade_class  # noqa: E402
from instructor.course import CourseDir, autograded_points, replace_cell, solved  # noqa: E402
from instructor.sandbox import SandboxUnavailable, check_sandbox  # noqa: E402
from corpus_support import GRADING_SAMPLE, build_corpus, student_prefix  # noqa: E402
from wrong_support import load_wrong_answers  # noqa: E402


#: Two cases of the adversarial corpus (tests/corpus_support.py) in every class: a kernel that exits half-way
#: (credit kept up to there) and a cheat that swaps the checks' code (zero), so that "identical scores"
#: covers the sandbox's fair-failure and tamper paths too, not only ordinary answers.
CORPUS_CASES = ("exit-middle", "patch-checks")


def class_of(release, source, name: str, n: int, course_root: str) -> dict[str, nbformat.NotebookNode]:
    """A class of ``n``, its members named after what they submit (``solution``, ``blank``, ``wrong00``, ...,
    the corpus cases), in turn; a second copy of a submission gets a ``-2`` suffix, and so on."""
    good = solved(release, source)
    prefix = student_prefix(name)
    corpus = {c.student.removeprefix(f"{prefix}-"): c.notebook
              for c in build_corpus(release, source, name, course_root, "bench")}
    pool = [("solution", good), ("blank", release)] + [(kind, corpus[kind]) for kind in CORPUS_CASES] + [
        (f"wrong{i:02d}", replace_cell(good, w["cell"], w["source"])) for i, w in enumerate(load_wrong_answers(name))]
    out = {}
    for i in range(n):
        label, nb = pool[i % len(pool)]
        copy = i // len(pool) + 1
        out[label if copy == 1 else f"{label}-{copy}"] = nb
    return out


def totals(scores: dict) -> dict[str, float]:
    """Each student's autograded total, from ``CourseDir.scores``."""
    return {student: round(sum(v[0] or 0 for v in cells.values()), 6) for student, cells in scores.items()}


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def run(name: str, students: int, workers: int, sandbox_overhead: bool = True) -> dict:
    """Grade one class three ways (stock serial nbgrader, sandboxed parallel, unsandboxed parallel); return
    the times, the ratios and whether the scores agree."""
    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as tmp:
        course = CourseDir(Path(tmp), [name])
        release = nbformat.read(course.generate(name) / f"{name}.ipynb", as_version=4)
        source = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
        for student, nb in class_of(release, source, name, students, str(course.root)).items():
            course.submit(name, student, {f"{name}.ipynb": nb})
        serial = timed(lambda: course.autograde(name))
        serial_scores = course.scores(name)
        results = []
        parallel = timed(lambda: results.extend(grade_class(name, root=course.root, workers=workers,
                                                            stream=io.StringIO())))
        parallel_scores = course.scores(name)
        open_results = []
        unsandboxed = None
        if sandbox_overhead:
            unsandboxed = timed(lambda: open_results.extend(grade_class(
                name, root=course.root, workers=workers, unsandboxed=True, stream=io.StringIO())))
        open_scores = course.scores(name)
    same = serial_scores == parallel_scores and all(r.status == "graded" for r in results)
    if sandbox_overhead:
        same = same and open_scores == parallel_scores and all(r.status == "graded" for r in open_results)
    out = {"assignment": name, "students": students, "workers": workers, "cores": os.cpu_count(),
           "serial_s": round(serial, 1), "parallel_s": round(parallel, 1),
           "speedup": round(serial / parallel, 2), "speedup_goal": 1.8, "identical_scores": same,
           "max_points": float(sum(autograded_points(release).values())),
           "serial_totals": totals(serial_scores), "parallel_totals": totals(parallel_scores)}
    if sandbox_overhead:
        out.update(unsandboxed_parallel_s=round(unsandboxed, 1),
                   sandbox_overhead=round(parallel / unsandboxed - 1, 3), sandbox_overhead_goal=0.10)
    return out


def markdown(result: dict) -> str:
    lines = ["| benchmark | measured | goal |", "|---|---:|---:|",
             f"| stock serial `nbgrader autograde`, {result['students']} submissions of {result['assignment']} | "
             f"{result['serial_s']:.1f} s | |",
             f"| sandboxed parallel `instructor.autograde --workers {result['workers']}` | "
             f"{result['parallel_s']:.1f} s | |",
             f"| speed-up, parallel over serial | {result['speedup']:.2f}x | >= {result['speedup_goal']}x |"]
    if "sandbox_overhead" in result:
        lines += [f"| unsandboxed parallel, same class | {result['unsandboxed_parallel_s']:.1f} s | |",
                  f"| sandbox overhead | {100 * result['sandbox_overhead']:+.1f} % | "
                  f"<= {100 * result['sandbox_overhead_goal']:.0f} % |"]
    lines.append(f"| identical scores in every mode | {'yes' if result['identical_scores'] else 'NO'} | yes |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assignment", default=GRADING_SAMPLE,
                        help=f"the assignment to grade (default {GRADING_SAMPLE}: tests/corpus_support.GRADING_SAMPLE)")
    parser.add_argument("--students", type=int, default=None, help="class size (default 40; 12 with --quick)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true",
                        help="a class of 12: the CI mode, whose ratios go into the runner's report")
    parser.add_argument("--json", type=Path, default=None,
                        help="write the figures here and append their table to report.md in the same folder")
    args = parser.parse_args(argv)
    students = args.students or (12 if args.quick else 40)
    try:
        check_sandbox()
    except SandboxUnavailable as err:
        print(f"benchmark skipped: the grading sandbox is unavailable ({str(err).splitlines()[0]})")
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"skipped": str(err).splitlines()[0]}, indent=2))
        return 0
    result = run(args.assignment, students, args.workers)
    result["mode"] = "quick" if args.quick else "full"
    table = markdown(result)
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2))
        report = args.json.parent / "report.md"
        if report.exists():
            with open(report, "a") as fh:
                fh.write(f"\n## Grading benchmarks ({result['mode']} mode, {result['cores']} cores)\n\n" + table)
    return 0 if result["identical_scores"] else 1


if __name__ == "__main__":
    sys.exit(main())
