"""The errata catalogue (site/errata.toml): well formed, covering the handbook, and every computed entry
supported by what its notebook recorded in the runner's last run (build/run/report.json, or COURSE_REPORT).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from instructor import errata, runner

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path(os.environ.get("COURSE_REPORT", ROOT / "build" / "run" / "report.json"))
ENTRIES = errata.load()
COMPUTED = [e for e in ENTRIES if e.get("status") == "computed"]
HANDBOOK_CHAPTERS = [str(n) for n in range(1, 9)]


def test_the_catalogue_is_well_formed():
    assert errata.schema_problems(ENTRIES) == []


def test_at_least_90_percent_of_the_handbooks_errors_are_computed_live():
    k = errata.counts(ENTRIES)["handbook"]
    assert k["substantive"] > 0
    share = k["computed"] / k["substantive"]
    assert share >= errata.HANDBOOK_COMPUTED_SHARE, (
        f"{k['computed']} of the handbook's {k['substantive']} substantive errors are computed ({share:.1%}); "
        f"expected at least {errata.HANDBOOK_COMPUTED_SHARE:.0%}"
    )


def test_every_handbook_chapter_has_entries():
    chapters = {e["chapter"] for e in ENTRIES if e["source"] == "handbook"}
    assert set(HANDBOOK_CHAPTERS) <= chapters, f"chapters without errata: {sorted(set(HANDBOOK_CHAPTERS) - chapters)}"


def test_the_other_sources_have_entries():
    covered = {e["source"] for e in ENTRIES}
    assert {"foundations-guide", "freecodecamp"} <= covered


@pytest.mark.parametrize("entry", COMPUTED, ids=[e["id"] for e in COMPUTED])
def test_the_notebook_computes_the_record_it_is_credited_with(entry):
    path = ROOT / "notebooks" / f"{entry['notebook']}.ipynb"
    code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"]
                     if c["cell_type"] == "code")
    assert f'"{entry["record"]}"' in code or f"'{entry['record']}'" in code, (
        f"{entry['id']}: {path.name} has no code cell that records {entry['record']!r}"
    )


@pytest.fixture(scope="module")
def records() -> dict:
    if not REPORT.exists():
        pytest.fail(f"{REPORT} does not exist: run `python -m instructor.runner` first (`make test` does)")
    return errata.report_records(REPORT)


@pytest.mark.needs_run
@pytest.mark.parametrize("entry", COMPUTED, ids=[e["id"] for e in COMPUTED])
def test_every_computed_entry_is_supported_by_its_recorded_value(entry, records):
    if entry["notebook"] not in records:
        pytest.fail(f"{entry['notebook']} is not in {REPORT}: the runner did not execute it")
    assert errata.support_problems(entry, records[entry["notebook"]]) == []


@pytest.mark.needs_run
def test_the_page_lists_every_entry_with_its_value(records):
    text = errata.page(ENTRIES, records)
    assert [e["id"] for e in ENTRIES if errata._cell(e["claim"]) not in text] == []
    assert [e["id"] for e in COMPUTED if f"`{e['record']}` = " not in text] == []
    assert "not recorded" not in text


# ---------------------------------------------------------------- the checks themselves, on made-up entries
TARGETS = {"08_self_organising_maps": {"targets": {"book_bmu": {"equals": 9}, "book_gap": {"min": 0.5}}}}


def entry(**changes):
    base = dict(id="hb8-bmu", source="handbook", chapter="8", location="§8.4, lines 1-2", claim="node 3",
                verdict="node 9", kind="substantive", status="computed", notebook="08_self_organising_maps",
                record="book_bmu", book_says=3)
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_a_supported_entry_passes():
    assert errata.schema_problems([entry()], TARGETS) == []
    assert errata.support_problems(entry(), {"book_bmu": 9}, TARGETS) == []


@pytest.mark.parametrize("changes, message", [
    (dict(book_says=9), "meets the target"),
    (dict(record="book_gap", book_says=0.7), "meets the target"),
])
def test_a_claim_that_meets_the_target_is_not_a_correction(changes, message):
    problems = errata.support_problems(entry(**changes), {"book_bmu": 9, "book_gap": 0.9}, TARGETS)
    assert any(message in p for p in problems)


@pytest.mark.parametrize("records, message", [({}, "did not record"), ({"book_bmu": 3}, "misses its target")])
def test_a_missing_or_failing_record_is_reported(records, message):
    assert any(message in p for p in errata.support_problems(entry(), records, TARGETS))


@pytest.mark.parametrize("entries, message", [
    ([entry(claim=None)], "missing or empty claim"),
    ([entry(source="blog")], "source must be one of"),
    ([entry(status="maybe")], "status must be one of"),
    ([entry(kind="nit")], "kind must be one of"),
    ([entry(notebook="99_nothing")], "is not a lecture notebook"),
    ([entry(record="book_nothing")], "has no target"),
    ([entry(book_says=None)], "needs 'record' and 'book_says'"),
    ([entry(status="mentioned")], "needs a 'reason'"),
    ([entry(), entry()], "is used 2 times"),
    ([entry(colour="red")], "unknown keys"),
])
def test_malformed_entries_are_named(entries, message):
    problems = errata.schema_problems(entries, TARGETS)
    assert any(message in p for p in problems), problems


def test_counts_and_page_on_made_up_entries():
    entries = [entry(), entry(id="hb8-cite", status="mentioned", record=None, book_says=None,
                              reason="a citation"), entry(id="hb8-typos", kind="typo", status="mentioned",
                                                          record=None, book_says=None, reason="typos")]
    assert errata.counts(entries)["handbook"] == {"substantive": 2, "computed": 1, "mentioned": 1, "typo_groups": 1}
    text = errata.page(entries, {"08_self_organising_maps": {"book_bmu": 9}}, TARGETS)
    assert "`book_bmu` = 9 (target = 9; the source: 3)" in text
    assert "explained, not computed: a citation" in text
    assert "### Chapter 8" in text


def test_a_missing_catalogue_is_explained(tmp_path):
    with pytest.raises(errata.ErrataError, match="does not exist"):
        errata.load(tmp_path / "errata.toml")


def test_the_runner_targets_are_the_ones_the_catalogue_reads():
    for e in COMPUTED:
        assert e["record"] in runner.load_targets()[e["notebook"]]["targets"]
