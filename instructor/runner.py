"""Execute every notebook of the course with papermill and report how each one did.

Usage (from the repository root)::

    python -m instructor.runner                  # all of notebooks/ and solutions/, in parallel
    python -m instructor.runner --lectures       # notebooks/ only (make test: nbgrader runs the solutions)
    python -m instructor.runner --jobs 1 notebooks/01_introduction.ipynb
    python -m instructor.runner --update-readme  # also refresh the report table in README.md

Each notebook runs in its own papermill process (its working directory is the notebook's folder) with a hard
time limit. The runner measures wall time and the peak memory of the process tree, collects the values the
notebook published with :func:`helpers.record.record`, compares them with the targets declared in
``course.toml``, and writes ``build/run/report.json`` and ``build/run/report.md``. Executed copies of the
notebooks go to ``build/run/executed/``, with a copy of ``notebooks/figures/`` beside them (``executed/figures/``)
so that their markdown images (``![alt](figures/NAME.svg)``) resolve there as they do in ``notebooks/``. The
tests (``tests/test_notebooks.py``) read the JSON report.

Budgets (``budget_s`` per notebook, default 120 s; 2 GiB peak memory; 15 minutes for the whole course) are
benchmarks, not pass/fail criteria: the report flags what goes over them. For every target the report gives the
recorded value and its margin (how far inside the bound it is).

Determinism: a notebook whose ``course.toml`` table says ``determinism_check = true`` is executed a second
time when the runner is given ``--check-determinism``; the report's ``determinism`` section lists, for each,
whether every recorded value of the second run equals the first exactly (``tests/test_notebooks.py`` asserts
it). Every notebook runs with the same number of threads whatever the size of the run (one per notebook by
default), since a different thread count can change the last bits of a float reduction.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as _dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import manifest

ROOT = Path(__file__).resolve().parent.parent
TARGETS_FILE = manifest.MANIFEST
DEFAULT_OUT = ROOT / "build" / "run"
#: The diagrams the lecture notebooks show (``instructor.diagrams`` draws them), linked as ``figures/NAME.svg``.
FIGURES = ROOT / "notebooks" / "figures"
DEFAULT_BUDGET_S = 120.0
DEFAULT_MEMORY_MB = 2048.0
COURSE_BUDGET_S = 15 * 60
HARD_LIMIT_S = 600.0
README_START = "<!-- notebook-report:start -->"
README_END = "<!-- notebook-report:end -->"


# --------------------------------------------------------------------------- discovery and targets


def discover(root: Path = ROOT, solutions: bool = True) -> list[Path]:
    """Lecture notebooks (``notebooks/*.ipynb``) and, with ``solutions``, the solution notebooks
    (``solutions/*/*.ipynb``)."""
    found = sorted((root / "notebooks").glob("*.ipynb"))
    if solutions:
        found += sorted((root / "solutions").glob("*/*.ipynb"))
    return [p for p in found if ".ipynb_checkpoints" not in p.parts]


def notebook_key(path: Path, root: Path = ROOT) -> str:
    """``01_introduction`` for a lecture notebook, ``solutions/01_introduction`` for a solution."""
    rel = Path(os.path.relpath(Path(path).resolve(), root))
    if rel.parts[0] == "solutions":
        return "solutions/" + rel.stem
    return rel.stem


def load_targets(path: Path = TARGETS_FILE) -> dict:
    """The ``[notebooks.<key>]`` tables of the course manifest (``course.toml``) as a dict keyed by notebook key."""
    if not Path(path).exists():
        return {}
    return manifest.notebook_specs(path)


def check_targets(records: dict, targets: dict) -> list[str]:
    """Compare recorded values with targets; return one message per missed target (empty: all met).

    A target is a table with any of ``min``, ``max`` (inclusive bounds) and ``equals``.
    """
    problems = []
    for name, spec in sorted(targets.items()):
        if not isinstance(spec, dict) or not set(spec) <= {"min", "max", "equals"} or not spec:
            problems.append(f"{name}: malformed target {spec!r} (use min, max and/or equals)")
            continue
        if name not in records:
            problems.append(f"{name}: never recorded (expected {describe_target(spec)})")
            continue
        value = records[name]
        if "equals" in spec and value != spec["equals"]:
            problems.append(f"{name}: expected {spec['equals']!r}, recorded {value!r}")
        if "min" in spec and not (isinstance(value, (int, float)) and value >= spec["min"]):
            problems.append(f"{name}: expected >= {spec['min']}, recorded {value!r}")
        if "max" in spec and not (isinstance(value, (int, float)) and value <= spec["max"]):
            problems.append(f"{name}: expected <= {spec['max']}, recorded {value!r}")
    return problems


def target_margins(records: dict, targets: dict) -> list[dict]:
    """For each well-formed target: the recorded value and its margin.

    ``margin`` is the distance from the value to its nearest bound, positive inside (``value - min`` or
    ``max - value``), and ``relative`` that distance over the bound's magnitude (None for a bound of 0);
    for ``equals`` targets both are None and ``met`` says whether the value is equal.
    """
    rows = []
    for name, spec in sorted(targets.items()):
        if not isinstance(spec, dict) or not set(spec) <= {"min", "max", "equals"} or not spec:
            continue
        value = records.get(name)
        row = {"name": name, "target": describe_target(spec), "value": value, "margin": None, "relative": None}
        if name not in records:
            row["met"] = False
        elif "equals" in spec:
            row["met"] = value == spec["equals"]
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            gaps = [(value - spec["min"], spec["min"])] if "min" in spec else []
            gaps += [(spec["max"] - value, spec["max"])] if "max" in spec else []
            margin, bound = min(gaps, key=lambda g: g[0])
            row.update(margin=margin, relative=margin / abs(bound) if bound else None, met=margin >= 0)
        else:
            row["met"] = False
        rows.append(row)
    return rows


def compare_records(first: dict, second: dict) -> dict:
    """Names whose recorded values differ between two runs (missing on one side counts), with both values."""
    return {k: [first.get(k), second.get(k)] for k in sorted(set(first) | set(second))
            if first.get(k) != second.get(k) or (k in first) != (k in second)}


def describe_target(spec: dict | None, fmt=repr, symbols=(">=", "<=", "==")) -> str:
    """A target as text, e.g. ``>= 0.97 and <= 1.0``; ``fmt`` formats the numbers."""
    parts = []
    for key, symbol in zip(("min", "max", "equals"), symbols):
        if spec and key in spec:
            parts.append(f"{symbol} {fmt(spec[key])}")
    return " and ".join(parts)


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------- execution


def stage_figures(out_dir: Path, figures: Path = FIGURES) -> Path | None:
    """Copy ``figures`` (``notebooks/figures/``) to ``out_dir/executed/figures/``, replacing an older copy, so
    that the executed notebooks' relative image links resolve; return the copy (None without figures)."""
    figures = Path(figures)
    if not figures.is_dir():
        return None
    dest = Path(out_dir) / "executed" / figures.name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(figures, dest, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    return dest



def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _kill_tree(proc) -> None:
    import psutil

    try:
        procs = proc.children(recursive=True) + [proc]
    except psutil.Error:
        return
    for p in procs:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(procs, timeout=10)


def run_one(path: Path, out_dir: Path, *, hard_limit_s: float, threads: int, budget: dict) -> dict:
    """Execute one notebook with papermill; return its report entry."""
    import psutil

    path = Path(path).resolve()
    key = notebook_key(path)
    safe = key.replace("/", "__")
    executed = out_dir / "executed" / f"{safe}.ipynb"
    records_file = out_dir / "records" / f"{safe}.json"
    log_file = out_dir / "logs" / f"{safe}.log"
    for p in (executed, records_file, log_file):
        p.parent.mkdir(parents=True, exist_ok=True)
    records_file.unlink(missing_ok=True)

    env = dict(os.environ)
    env.update(
        COURSE_RECORD_FILE=str(records_file),
        COURSE_QUIET="1",
        # Interactive explorers (helpers.explore) draw their static figure only: nothing waits on a widget.
        COURSE_STATIC="1",
        PYTHONHASHSEED="0",
        OMP_NUM_THREADS=str(threads),
        # Idle OpenMP threads spin by default; with several notebooks sharing few cores that spinning
        # slowed small torch training loops by two orders of magnitude here. Passive waiting costs nothing.
        OMP_WAIT_POLICY="PASSIVE",
        MKL_NUM_THREADS=str(threads),
        OPENBLAS_NUM_THREADS=str(threads),
        TF_NUM_INTRAOP_THREADS=str(threads),
        TF_NUM_INTEROP_THREADS="1",
        TF_CPP_MIN_LOG_LEVEL="3",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    cmd = [
        sys.executable, "-m", "papermill", str(path), str(executed),
        "--cwd", str(path.parent), "--kernel", "python3", "--no-progress-bar",
        "--request-save-on-cell-execute",
    ]
    start = time.perf_counter()
    peak = 0
    status = "ok"
    with open(log_file, "w") as log:
        popen = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT))
        proc = psutil.Process(popen.pid)
        while popen.poll() is None:
            peak = max(peak, _tree_rss(proc))
            if time.perf_counter() - start > hard_limit_s:
                _kill_tree(proc)
                status = "timeout"
                break
            time.sleep(0.2)
        popen.wait()
    wall = time.perf_counter() - start
    if status == "ok" and popen.returncode != 0:
        status = "error"
    records = json.loads(records_file.read_text()) if records_file.exists() else {}
    entry = {
        "key": key,
        "path": os.path.relpath(path, ROOT),
        "sha256": file_digest(path),
        "status": status,
        "returncode": popen.returncode,
        "wall_s": round(wall, 2),
        "peak_mem_mb": round(peak / 2**20, 1),
        "records": records,
        "budget_s": float(budget.get("budget_s", DEFAULT_BUDGET_S)),
        "memory_budget_mb": float(budget.get("memory_mb", DEFAULT_MEMORY_MB)),
        "executed": os.path.relpath(executed, ROOT),
        "log": os.path.relpath(log_file, ROOT),
    }
    entry["targets"] = sorted(budget.get("targets", {}))
    entry["target_problems"] = check_targets(records, budget.get("targets", {}))
    entry["target_margins"] = target_margins(records, budget.get("targets", {}))
    entry["over_budget"] = wall > entry["budget_s"] or entry["peak_mem_mb"] > entry["memory_budget_mb"]
    if status != "ok":
        text = log_file.read_text(errors="replace")
        entry["error"] = text[-4000:] if status == "error" else f"killed after {hard_limit_s:.0f} s"
    return entry


def run_all(paths, out_dir: Path = DEFAULT_OUT, *, jobs: int | None = None,
            hard_limit_s: float = HARD_LIMIT_S, merge: bool = False, check_determinism: bool = False,
            targets: dict | None = None, log=print) -> dict:
    """Execute ``paths`` with up to ``jobs`` notebooks at a time and write the report files.

    With ``merge=True`` (a partial run) the entries of the previous report for notebooks that were not
    run this time are kept. With ``check_determinism=True`` the notebooks among ``paths`` whose targets
    table says ``determinism_check = true`` are executed a second time (into ``out_dir/determinism``) and
    their records compared with the first run's (the report's ``determinism`` section). ``targets``
    defaults to :func:`load_targets`.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stage_figures(out_dir)
    cores = os.cpu_count() or 1
    jobs = max(1, jobs or cores)
    # Threads per notebook follow from the jobs asked for, not from how many notebooks this run has: a
    # notebook run alone must use the same thread count as in a full run, or its numbers may differ.
    threads = max(1, cores // jobs)
    jobs = min(jobs, len(paths) or 1)
    targets = load_targets() if targets is None else targets
    previous = {}
    old_report = out_dir / "report.json"
    if old_report.exists():
        try:
            previous = {e["key"]: e["wall_s"] for e in json.loads(old_report.read_text())["notebooks"]}
        except (ValueError, KeyError):
            previous = {}
    # Longest first, so that the slow notebooks do not end up running alone at the end.
    order = sorted(paths, key=lambda p: -previous.get(notebook_key(p), DEFAULT_BUDGET_S))
    start = time.perf_counter()
    entries = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(run_one, p, out_dir, hard_limit_s=hard_limit_s, threads=threads,
                        budget=targets.get(notebook_key(p), {})): p
            for p in order
        }
        for fut in concurrent.futures.as_completed(futures):
            entry = fut.result()
            entries.append(entry)
            flag = " (over budget)" if entry["over_budget"] else ""
            missed = f", {len(entry['target_problems'])} target(s) missed" if entry["target_problems"] else ""
            log(f"[{len(entries)}/{len(order)}] {entry['status']:7s} {entry['wall_s']:7.1f} s "
                f"{entry['peak_mem_mb']:7.0f} MB  {entry['path']}{flag}{missed}", flush=True)
    entries.sort(key=lambda e: e["path"])
    determinism = []
    repeat = [p for p in paths if targets.get(notebook_key(p), {}).get("determinism_check")]
    if check_determinism and repeat:
        first = {e["key"]: e for e in entries}
        stage_figures(out_dir / "determinism")
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(jobs, len(repeat))) as pool:
            again = list(pool.map(lambda p: run_one(p, out_dir / "determinism", hard_limit_s=hard_limit_s,
                                                    threads=threads, budget=targets.get(notebook_key(p), {})),
                                  repeat))
        for second in again:
            one = first[second["key"]]
            diff = compare_records(one["records"], second["records"])
            ok = one["status"] == second["status"] == "ok" and not diff and bool(one["records"])
            determinism.append({"key": second["key"], "path": second["path"], "identical": ok,
                                "n_records": len(one["records"]), "differences": diff,
                                "wall_s": [one["wall_s"], second["wall_s"]]})
            log(f"determinism {'identical' if ok else 'DIFFERENT'}: {len(one['records'])} recorded values of "
                f"{second['path']}" + (f"; differ: {sorted(diff)}" if diff else ""), flush=True)
    total = time.perf_counter() - start
    report = {
        "generated": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": cores, "python": platform.python_version(), "platform": platform.platform()},
        "jobs": jobs,
        "threads_per_notebook": threads,
        "wall_s": round(total, 1),
        "sum_wall_s": round(sum(e["wall_s"] for e in entries), 1),
        "course_budget_s": COURSE_BUDGET_S,
        "notebooks": entries,
        "determinism": determinism,
    }
    if merge and previous:
        old = {e["key"]: e for e in json.loads(old_report.read_text())["notebooks"]}
        for e in entries:
            old[e["key"]] = e
        report["notebooks"] = sorted(old.values(), key=lambda e: e["path"])
        report["sum_wall_s"] = round(sum(e["wall_s"] for e in report["notebooks"]), 1)
        if not determinism:
            report["determinism"] = json.loads(old_report.read_text()).get("determinism", [])
    (out_dir / "report.json").write_text(json.dumps(report, indent=2))
    (out_dir / "report.md").write_text(markdown_table(report) + "\n## Targets and their margins\n\n"
                                       + margins_table(report))
    return report


def markdown_table(report: dict) -> str:
    """The report as a markdown table (the README shows the latest one)."""
    lines = [
        f"Executed {report['generated']} on {report['machine']['cores']} cores, {report['jobs']} at a "
        f"time: {report['wall_s']:.0f} s wall for the run, {report['sum_wall_s']:.0f} s summed over "
        f"notebooks (course budget {report['course_budget_s'] // 60} min).",
        "",
        "| notebook | status | wall s | budget s | peak MB | targets | key results |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for e in report["notebooks"]:
        targets = "missed: " + "; ".join(e["target_problems"]) if e["target_problems"] else "met"
        # Show the values that have targets first: they are the notebook's headline results.
        targeted = e.get("targets", [])
        keys = [k for k in targeted if k in e["records"]] + [k for k in e["records"] if k not in targeted]
        shown = ", ".join(f"{k}={_fmt(e['records'][k])}" for k in keys[:4])
        flag = " ⚠" if e["over_budget"] else ""
        lines.append(
            f"| `{e['path']}` | {e['status']} | {e['wall_s']:.1f}{flag} | {e['budget_s']:.0f} | "
            f"{e['peak_mem_mb']:.0f} | {targets} | {shown} |"
        )
    if report.get("determinism"):
        lines += ["", "Determinism (the notebook executed twice, every recorded value compared exactly):", "",
                  "| notebook | recorded values | identical | wall s (1st, 2nd) |", "|---|---:|---|---|"]
        for d in report["determinism"]:
            same = "yes" if d["identical"] else "NO: " + ", ".join(d["differences"])
            lines.append(f"| `{d['path']}` | {d['n_records']} | {same} | {d['wall_s'][0]:.1f}, {d['wall_s'][1]:.1f} |")
    return "\n".join(lines) + "\n"


def margins_table(report: dict) -> str:
    """Every target of every notebook with its recorded value and margin, as a markdown table."""
    lines = ["| notebook | target | bound | recorded | margin | relative |", "|---|---|---|---|---:|---:|"]
    for e in report["notebooks"]:
        for row in e.get("target_margins", []):
            margin = "met" if row["margin"] is None and row["met"] else (
                "MISSED" if row["margin"] is None else _fmt(row["margin"]))
            relative = "" if row["relative"] is None else f"{100 * row['relative']:.1f} %"
            lines.append(f"| `{e['key']}` | {row['name']} | {row['target']} | {_fmt(row['value'])} | {margin} "
                         f"| {relative} |")
    return "\n".join(lines) + "\n"


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def update_readme(report: dict, readme: Path = ROOT / "README.md") -> bool:
    """Replace the table between the report markers in README.md; return whether it changed."""
    text = readme.read_text()
    if README_START not in text or README_END not in text:
        raise ValueError(f"{readme} has no {README_START} ... {README_END} markers")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    new = head + README_START + "\n" + markdown_table(report) + README_END + tail
    changed = new != text
    readme.write_text(new)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: all)")
    parser.add_argument("--jobs", "-j", type=int, default=None, help="notebooks at a time (default: cores)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default build/run)")
    parser.add_argument("--hard-limit", type=float, default=HARD_LIMIT_S,
                        help="seconds after which a notebook is killed (default 600)")
    parser.add_argument("--update-readme", action="store_true", help="refresh the table in README.md")
    parser.add_argument("--lectures", action="store_true",
                        help="only the lecture notebooks (make test: each solution is executed by nbgrader in its "
                             "grading round trip, tests/test_grading.py)")
    parser.add_argument("--check-determinism", action="store_true",
                        help="execute the notebooks marked determinism_check in course.toml a second time and "
                             "compare every recorded value")
    args = parser.parse_args(argv)
    paths = args.paths or discover(solutions=not args.lectures)
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(map(str, missing))}")
    report = run_all(paths, args.out, jobs=args.jobs, hard_limit_s=args.hard_limit,
                     merge=bool(args.paths), check_determinism=args.check_determinism)
    bad = [e for e in report["notebooks"] if e["status"] != "ok" or e["target_problems"]]
    print(f"\n{len(report['notebooks']) - len(bad)} of {len(report['notebooks'])} notebooks ran and met "
          f"their targets; run wall {report['wall_s']:.0f} s. Report: {args.out / 'report.md'}")
    for e in bad:
        if "identical" in e:
            print(f"  NOT DETERMINISTIC {e['path']}: {sorted(e['differences'])}")
        else:
            print(f"  FAILED {e['path']}: {e['status']}; {'; '.join(e['target_problems'])}")
    unstable = [d for d in report.get("determinism", []) if not d["identical"]]
    if report.get("determinism"):
        print(f"determinism: {len(report['determinism']) - len(unstable)} of {len(report['determinism'])} "
              "notebooks recorded identical values on a second run")
    bad += unstable
    if args.update_readme:
        update_readme(report)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
