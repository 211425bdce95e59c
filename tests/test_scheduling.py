"""How `make test` shares the tests between its workers (tests/conftest.py): units of work, most expensive
first, so that each session fixture is computed once and the 13 round trips spread over the workers."""

import conftest


def test_each_assignment_round_trip_is_its_own_unit_and_shared_fixtures_stay_together():
    assert conftest.work_unit("tests/test_grading.py::test_release_hides_solutions_and_hidden_tests[07_rbf]") == \
        "tests/test_grading.py::07_rbf"
    assert conftest.work_unit("tests/test_grading.py::test_assignment_structure[07_rbf]") == \
        "tests/test_grading.py::07_rbf"
    assert conftest.work_unit("tests/test_grading.py::test_there_are_assignments") == "tests/test_grading.py"
    # a parameter that is not an assignment does not split a file
    assert conftest.work_unit("tests/test_grading.py::test_x[not-an-assignment]") == "tests/test_grading.py"
    assert conftest.work_unit("tests/test_checks.py::test_blocked[07_rbf]") == "tests/test_checks.py"
    assert conftest.work_unit("tests/test_lab.py::test_a") == conftest.work_unit("tests/test_browser.py::test_b")
    assert conftest.work_unit("tests/test_autograde.py::test_corpus_x") == "tests/test_autograde.py"


def test_units_are_costed_by_their_submissions():
    from wrong_support import raw_wrong_answers

    per, fork = conftest.GRADING_SECONDS_PER_SUBMISSION, conftest.SECONDS_PER_FORKED_WRONG_ANSWER
    assert conftest.unit_cost("tests/test_grading.py::07_rbf") == per * 3 + fork * len(raw_wrong_answers("07_rbf"))
    assert conftest.unit_cost("tests/test_autograde.py") > max(
        conftest.unit_cost(f"tests/test_grading.py::{a}") for a in conftest.ASSIGNMENTS)
    assert conftest.unit_cost("tests/test_checks.py") == 1


def test_collection_starts_with_the_most_expensive_units(request):
    """The session's own collection order: the units' costs never increase (in order of first appearance,
    which is the order pytest-xdist hands them out)."""
    items = request.session.items
    units = [conftest.work_unit(item.nodeid) for item in items]
    order = list(dict.fromkeys(units))
    costs = [conftest.unit_cost(u) for u in order]
    assert costs == sorted(costs, reverse=True), list(zip(order, costs))[:10]
    if len(items) > 1000:  # the whole suite was collected
        expensive = [u for u in ("tests/test_hub.py", "tests/test_autograde.py") if u in order]  # per -m
        assert expensive and order[:len(expensive)] == expensive, order[:5]
        assert sum(u.startswith("tests/test_grading.py::") for u in order) == len(conftest.ASSIGNMENTS)
