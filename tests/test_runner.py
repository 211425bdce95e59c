"""The notebook runner on small notebooks written by the tests."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from instructor import runner


def write_notebook(path, *sources, parameters="SEED = 0"):
    nb = new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    nb.cells = [new_code_cell(parameters, metadata={"tags": ["parameters"]})]
    nb.cells += [new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runner")
    good = write_notebook(tmp / "good.ipynb", "from helpers import record\nimport numpy as np",
                          "x = np.ones(2_000_000)\nrecord('answer', 42)\nrecord('seed', SEED)")
    bad = write_notebook(tmp / "bad.ipynb", "raise ValueError('boom from the notebook')")
    slow = write_notebook(tmp / "slow.ipynb", "import time\ntime.sleep(600)")
    quiet = {"log": lambda *a, **k: None}
    # A generous limit for the notebooks that finish, a short one for the one that hangs; the second run
    # merges its entry into the same report.
    runner.run_all([good, bad], tmp / "out", jobs=2, hard_limit_s=300, **quiet)
    report = runner.run_all([slow], tmp / "out", jobs=1, hard_limit_s=6, merge=True, **quiet)
    return tmp, report


@pytest.mark.slow
def test_runner_records_results_time_and_memory(outcome):
    tmp, report = outcome
    entry = next(e for e in report["notebooks"] if e["key"] == "good")
    assert entry["status"] == "ok"
    assert entry["records"] == {"answer": 42, "seed": 0}
    assert 0 < entry["wall_s"] < 60
    assert entry["peak_mem_mb"] > 20  # the kernel alone holds more than this
    assert entry["sha256"] == runner.file_digest(tmp / "good.ipynb")
    on_disk = json.loads((tmp / "out" / "report.json").read_text())
    assert {e["key"] for e in on_disk["notebooks"]} == {"good", "bad", "slow"}
    assert "| notebook | status |" in (tmp / "out" / "report.md").read_text()


@pytest.mark.slow
def test_runner_reports_errors_and_kills_hanging_notebooks(outcome):
    _, report = outcome
    by_key = {e["key"]: e for e in report["notebooks"]}
    assert by_key["bad"]["status"] == "error" and "boom from the notebook" in by_key["bad"]["error"]
    assert by_key["slow"]["status"] == "timeout" and by_key["slow"]["wall_s"] < 60


def test_check_targets():
    records = {"acc": 0.97, "ok": True, "loss": 2.6}
    targets = {"acc": {"min": 0.95}, "ok": {"equals": True}, "loss": {"max": 2.5}, "gone": {"min": 1},
               "odd": {"above": 1}}
    problems = runner.check_targets(records, targets)
    assert len(problems) == 3
    assert any(p.startswith("loss: expected <= 2.5, recorded 2.6") for p in problems)
    assert any(p.startswith("gone: never recorded") for p in problems)
    assert any(p.startswith("odd: malformed target") for p in problems)
    assert runner.check_targets(records, {"acc": {"min": 0.9, "max": 1.0}}) == []


def test_notebook_keys_and_discovery():
    assert runner.notebook_key(runner.ROOT / "notebooks" / "01_introduction.ipynb") == "01_introduction"
    key = runner.notebook_key(runner.ROOT / "solutions" / "01_introduction" / "01_introduction.ipynb")
    assert key == "solutions/01_introduction"
    lectures, everything = runner.discover(solutions=False), runner.discover()
    assert lectures and all(p.parent.name == "notebooks" for p in lectures)
    assert set(everything) - set(lectures) == set(runner.ROOT.glob("solutions/*/*.ipynb"))
    found = runner.discover()
    assert found and all(p.suffix == ".ipynb" for p in found)


@pytest.mark.slow
def test_update_readme_replaces_only_the_marked_table(tmp_path, outcome):
    _, report = outcome
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{runner.README_START}\nold\n{runner.README_END}\noutro\n")
    assert runner.update_readme(report, readme)
    text = readme.read_text()
    assert text.startswith("intro\n") and text.endswith("outro\n") and "old" not in text
    assert "`" in text and "| notebook |" in text
    readme.write_text("no markers")
    with pytest.raises(ValueError, match="markers"):
        runner.update_readme(report, readme)


def test_load_targets_rejects_unknown_tables(tmp_path):
    bad = tmp_path / "t.toml"
    bad.write_text("[other]\nx = 1\n")
    with pytest.raises(ValueError, match=r"only \[\[chapters\]\] and \[notebooks"):
        runner.load_targets(bad)


def test_target_margins():
    records = {"acc": 0.97, "ok": True, "loss": 2.4, "band": 0.5, "zero": 0.001}
    targets = {"acc": {"min": 0.95}, "ok": {"equals": True}, "loss": {"max": 2.5}, "band": {"min": 0.4, "max": 0.55},
               "zero": {"max": 0}, "gone": {"min": 1}}
    rows = {r["name"]: r for r in runner.target_margins(records, targets)}
    assert rows["acc"]["margin"] == pytest.approx(0.02) and rows["acc"]["relative"] == pytest.approx(0.02 / 0.95)
    assert rows["loss"]["margin"] == pytest.approx(0.1) and rows["loss"]["met"]
    assert rows["band"]["margin"] == pytest.approx(0.05)  # the nearer of the two bounds
    assert rows["zero"]["margin"] == pytest.approx(-0.001) and rows["zero"]["relative"] is None
    assert not rows["zero"]["met"]
    assert rows["ok"]["margin"] is None and rows["ok"]["met"]
    assert rows["gone"]["met"] is False and rows["gone"]["value"] is None


def test_compare_records_is_exact():
    assert runner.compare_records({"a": 1.0, "b": "x"}, {"a": 1.0, "b": "x"}) == {}
    assert runner.compare_records({"a": 0.1 + 0.2}, {"a": 0.3}) == {"a": [0.1 + 0.2, 0.3]}
    assert runner.compare_records({"a": 1}, {}) == {"a": [1, None]}


@pytest.mark.slow
def test_determinism_check_runs_flagged_notebooks_twice(tmp_path):
    stable = write_notebook(tmp_path / "stable.ipynb", "from helpers import record, set_seed\nimport numpy as np",
                            "set_seed(SEED)\nrecord('draw', float(np.random.rand()))")
    unstable = write_notebook(tmp_path / "unstable.ipynb", "from helpers import record\nimport time",
                              "record('clock', time.perf_counter_ns())")
    targets = {"stable": {"determinism_check": True, "targets": {"draw": {"min": 0}}},
               "unstable": {"determinism_check": True}}
    report = runner.run_all([stable, unstable], tmp_path / "out", jobs=2, hard_limit_s=300,
                            check_determinism=True, targets=targets, log=lambda *a, **k: None)
    checks = {d["key"]: d for d in report["determinism"]}
    assert checks["stable"]["identical"] and checks["stable"]["n_records"] == 1
    assert not checks["unstable"]["identical"] and list(checks["unstable"]["differences"]) == ["clock"]
    md = (tmp_path / "out" / "report.md").read_text()
    assert "Determinism" in md and "NO: clock" in md
    assert "| `stable` | draw | >= 0 |" in md  # the margins table
