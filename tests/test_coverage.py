"""The coverage table (site/coverage.toml): well formed, each taught topic found in its notebook, few left out."""

from __future__ import annotations

import pytest

from instructor import coverage

TOPICS = coverage.load()


def test_the_table_is_well_formed():
    assert coverage.schema_problems(TOPICS) == []


def test_every_taught_topic_is_in_its_notebook():
    assert coverage.evidence_problems(TOPICS) == []


def test_the_deep_learning_part_is_listed():
    k = coverage.counts(TOPICS)["deep-learning"]
    assert k["topics"] >= 60, f"only {k['topics']} deep-learning topics are listed"


def test_no_part_leaves_out_more_than_its_limit():
    assert coverage.limit_problems(TOPICS) == []


def test_every_new_deep_learning_notebook_is_credited_with_a_topic():
    taught = {t["notebook"] for t in TOPICS if t.get("notebook")}
    dl = [n for n in coverage.lecture_notebooks() if n[:2] in {"03", "04", "05", "06"}]
    assert [n for n in dl if n not in taught] == []


# ------------------------------------------------------------------------------------- the checks themselves
def topic(**changes):
    t = {"part": "deep-learning", "topic": "Dropout", "sources": ["handbook §3.6 (line 1)"],
         "notebook": "nb", "look_for": "dropout"}
    t.update(changes)
    return {k: v for k, v in t.items() if v is not None}


def test_a_well_formed_table_passes():
    assert coverage.schema_problems([topic(), topic(topic="GELU", notebook=None, look_for=None,
                                                    left_out="a reason")], notebooks=["nb"]) == []


@pytest.mark.parametrize("changes, message", [
    ({"part": "vision"}, "part must be one of"),
    ({"sources": []}, "missing or empty sources"),
    ({"sources": "handbook"}, "sources must be a list"),
    ({"notebook": "other"}, "is not a lecture notebook"),
    ({"look_for": None}, "needs both 'notebook' and 'look_for'"),
    ({"left_out": "too big"}, "not both"),
    ({"notebook": None, "look_for": None}, "say why it is left out"),
    ({"colour": "red"}, "unknown keys"),
])
def test_malformed_topics_are_named(changes, message):
    problems = coverage.schema_problems([topic(**changes)], notebooks=["nb"])
    assert any(message in p for p in problems), problems


def test_a_topic_listed_twice_is_named():
    assert any("listed 2 times" in p for p in coverage.schema_problems([topic(), topic(topic="dropout")],
                                                                        notebooks=["nb"]))


def test_a_phrase_missing_from_the_notebook_is_named():
    texts = {"nb": "we apply dropout to the hidden layer"}
    assert coverage.evidence_problems([topic()], texts) == []
    assert coverage.evidence_problems([topic(look_for="batch norm")], texts) == [
        "'Dropout': nb does not contain 'batch norm'"]


def test_the_limit_counts_left_out_topics_per_part():
    out = [topic(topic=f"t{i}", notebook=None, look_for=None, left_out="r") for i in range(11)]
    assert coverage.limit_problems(out[:10]) == []
    assert coverage.limit_problems(out) == ["deep-learning: 11 topics left out, at most 10 allowed"]
    assert coverage.counts(out)["deep-learning"] == {"topics": 11, "taught": 0, "left_out": 11}


def test_the_page_lists_every_topic():
    text = coverage.page(TOPICS)
    assert [t["topic"] for t in TOPICS if coverage._cell(t["topic"]) not in text] == []


def test_a_missing_table_is_explained(tmp_path):
    with pytest.raises(coverage.CoverageError, match="does not exist"):
        coverage.load(tmp_path / "coverage.toml")


def test_a_table_with_other_keys_is_refused(tmp_path):
    path = tmp_path / "coverage.toml"
    path.write_text('title = "x"\n[[topic]]\npart = "deep-learning"\n')
    with pytest.raises(coverage.CoverageError, match=r"only \[\[topic\]\] tables are allowed"):
        coverage.load(path)
