"""Every clause the agreement uses has a friendly label, in the agreement's order."""

from __future__ import annotations

from boundary_desk.domain.agreements import Channel
from boundary_desk.domain.clause_labels import (
    CLAUSE_GROUPS,
    CLAUSE_LABELS,
    clause_label,
    grouped_clauses,
)
from boundary_desk.storage.stores.clause_defaults import default_clauses

DEFAULTS = default_clauses()


def test_every_default_clause_has_a_label_and_no_label_is_stale() -> None:
    assert set(CLAUSE_LABELS) == set(DEFAULTS)
    assert "_about" not in CLAUSE_LABELS


def test_labels_are_distinct_single_lines_with_a_description() -> None:
    labels = [c.label for c in CLAUSE_LABELS.values()]
    assert len(set(labels)) == len(labels)
    for clause in CLAUSE_LABELS.values():
        assert clause.label.strip() and "\n" not in clause.label, clause.name
        assert clause.description.strip() and "\n" not in clause.description, clause.name
        assert clause.label != clause.name, clause.name


def test_each_clause_is_listed_once() -> None:
    names = [c.name for g in CLAUSE_GROUPS for c in g.clauses]
    assert len(names) == len(set(names))


def test_the_list_follows_the_agreement() -> None:
    order = [c.name for g in grouped_clauses(DEFAULTS) for c in g.clauses]
    assert order[0] == "intro"
    assert order[-1] == "signatures"
    risks = [n for n in order if n.startswith("risk.")]
    assert risks == [f"risk.{channel.value}" for channel in Channel]
    assert order.index("availability") < order.index("crisis") < order.index("risks")
    assert order.index("billing.yes") + 1 == order.index("billing.no")


def test_examples_read_as_a_clinician_would_say_them() -> None:
    assert clause_label("intro").label == "Opening paragraph"
    assert clause_label("risk.email").label == "Email: privacy note"
    assert clause_label("billing.yes").label == "Billing: when between-session contact is billed"
    assert clause_label("billing.no").label == (
        "Billing: when between-session contact is not billed"
    )


def test_a_clause_without_a_label_is_still_listed_last() -> None:
    groups = grouped_clauses(["records", "closing.new", "intro"])

    assert [g.title for g in groups] == ["About this agreement", "Records and billing", "Other"]
    other = groups[-1].clauses[0]
    assert (other.name, other.label, other.description) == ("closing.new", "closing.new", "")


def test_groups_without_any_listed_clause_are_left_out() -> None:
    assert [g.title for g in grouped_clauses(["crisis"])] == ["In a crisis"]
