"""Every lecture notebook ran top to bottom under the runner and met the targets it declares in course.toml.

The runner (``python -m instructor.runner --lectures``; ``make test`` runs it first) executes each lecture
notebook once and writes ``build/run/report.json``; these tests read that report instead of executing notebooks
again. Set ``COURSE_REPORT`` to read another report. Each solution notebook is executed once too, by nbgrader in
its grading round trip (tests/test_grading.py: it runs top to bottom and gets full marks).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from instructor import runner

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path(os.environ.get("COURSE_REPORT", ROOT / "build" / "run" / "report.json"))
NOTEBOOKS = runner.discover()
LECTURES = [p for p in NOTEBOOKS if p.parent.name == "notebooks"]


@pytest.fixture(scope="session")
def report() -> dict:
    if not REPORT.exists():
        pytest.fail(f"{REPORT} does not exist: run `python -m instructor.runner` first (`make test` does)")
    data = json.loads(REPORT.read_text())
    return {e["key"]: e for e in data["notebooks"]}


def entry_for(report: dict, path: Path) -> dict:
    key = runner.notebook_key(path)
    assert key in report, f"{key} is not in {REPORT}: the runner did not execute it"
    entry = report[key]
    assert entry["sha256"] == runner.file_digest(path), (
        f"{key} changed after the runner executed it: run `python -m instructor.runner {path}` again"
    )
    return entry


@pytest.mark.needs_run
@pytest.mark.parametrize("path", LECTURES, ids=[runner.notebook_key(p) for p in LECTURES])
def test_notebook_runs_top_to_bottom(path, report):
    entry = entry_for(report, path)
    assert entry["status"] == "ok", (
        f"{entry['path']} failed ({entry['status']}); end of its log:\n{entry.get('error', '')}"
    )
    assert entry["wall_s"] < runner.HARD_LIMIT_S


@pytest.mark.needs_run
@pytest.mark.parametrize("path", LECTURES, ids=[runner.notebook_key(p) for p in LECTURES])
def test_notebook_meets_its_targets(path, report):
    entry = entry_for(report, path)
    spec = runner.load_targets().get(runner.notebook_key(path), {})
    targets = spec.get("targets", {})
    assert targets, f"{entry['path']} declares no targets in course.toml"
    problems = runner.check_targets(entry["records"], targets)
    assert not problems, f"{entry['path']} missed targets:\n" + "\n".join(problems)


def test_targets_file_names_only_existing_notebooks():
    keys = {runner.notebook_key(p) for p in NOTEBOOKS}
    stray = sorted(set(runner.load_targets()) - keys)
    assert not stray, f"course.toml has sections for notebooks that do not exist: {stray}"


def test_budgets_are_within_course_limits():
    for key, spec in runner.load_targets().items():
        assert spec.get("budget_s", runner.DEFAULT_BUDGET_S) <= 120, f"{key}: budget_s must be <= 120"
        assert spec.get("memory_mb", runner.DEFAULT_MEMORY_MB) <= 2048, f"{key}: memory_mb must be <= 2048"


@pytest.mark.needs_run
def test_training_notebooks_are_deterministic():
    """The runner (``--check-determinism``, as ``make test`` runs it) executed the notebooks flagged
    ``determinism_check`` twice; every value they recorded must be identical."""
    flagged = sorted(k for k, spec in runner.load_targets().items() if spec.get("determinism_check"))
    assert len(flagged) >= 2, "course.toml should flag at least two training notebooks for the determinism check"
    if not REPORT.exists():
        pytest.fail(f"{REPORT} does not exist: run `python -m instructor.runner --check-determinism` first")
    checks = {d["key"]: d for d in json.loads(REPORT.read_text()).get("determinism", [])}
    missing = [k for k in flagged if k not in checks]
    assert not missing, f"the runner did not repeat {missing}: run it with --check-determinism"
    for key in flagged:
        d = checks[key]
        assert d["identical"], f"{key}: a second run recorded different values: {d['differences']}"


def test_no_training_loop_stops_on_wall_clock_time():
    """Training runs a fixed number of steps: no notebook passes a time cap or records a duration."""
    import re

    pattern = re.compile(r"max_seconds|TimeBudget|TimeCap|TRAIN_SECONDS|MAX_SECONDS|record\(\s*[\"']\w*seconds")
    offenders = []
    for path in NOTEBOOKS:
        code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                         if c["cell_type"] == "code")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(code)]
    assert not offenders, f"time-capped training or recorded durations: {offenders}"

