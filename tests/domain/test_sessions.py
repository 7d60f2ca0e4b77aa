"""Which calendar event is a session with which client: title patterns and addresses."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.sessions import (
    EventTie,
    Session,
    TitleRule,
    away_range,
    is_away,
    tie,
    title_rules,
)
from boundary_desk.errors import InvalidInput

ROBIN = Client(id=1, code="RB1", display_name="Robin Bell")
SAM = Client(
    id=2,
    code="SL1",
    display_name="Sam Lee",
    handles=(ContactHandle(HandleKind.EMAIL, "sam.lee@example.org"),),
)
CLIENTS = (ROBIN, SAM)


def test_a_title_pattern_is_a_case_and_accent_blind_part_of_the_title() -> None:
    rule = TitleRule("RB1", "séance robin")
    assert rule.matches("SEANCE Robin (weekly)")
    assert not rule.matches("Séance Rob")


def test_wildcards_match_the_whole_title() -> None:
    rule = TitleRule("RB1", "Session - R*")
    assert rule.matches("session - robin")
    assert not rule.matches("Supervision: Session - Robin")  # the whole title, from its start


def test_an_event_is_tied_by_its_title_or_a_clients_address() -> None:
    rules = title_rules({"RB1": "Robin"})
    assert tie("Session - Robin", (), rules, CLIENTS) == EventTie((ROBIN,), ("",))
    by_guest = tie("Intake", ("Sam.Lee@example.org ",), rules, CLIENTS)
    assert by_guest == EventTie((SAM,), ("Sam.Lee@example.org",))  # as the calendar wrote it
    assert tie("Dentist", ("me@practice.example",), rules, CLIENTS) == EventTie()


def test_an_event_two_clients_rules_claim_is_tied_to_neither() -> None:
    rules = title_rules({"RB1": "Session", "SL1": "Session"})
    assert tie("Session", (), rules, CLIENTS) == EventTie(contested=True)
    # The clinician's rule comes before a guest's address.
    both = title_rules({"RB1": "Robin"})
    assert tie("Robin", ("sam.lee@example.org",), both, CLIENTS) == EventTie((ROBIN,), ("",))


def test_an_event_with_two_clients_among_its_guests_is_a_joint_session_with_each() -> None:
    kim = Client(
        id=3,
        code="KL2",
        display_name="Kim Lee",
        handles=(ContactHandle(HandleKind.EMAIL, "kim@example.org"),),
    )
    found = tie("Couple", ("kim@example.org", "sam.lee@example.org"), (), (*CLIENTS, kim))
    assert found.joint and not found.contested
    assert found.clients == (SAM, kim)
    assert found.addresses == ("sam.lee@example.org", "kim@example.org")


def test_whole_words_match_and_an_exact_rule_matches_only_its_title() -> None:
    assert not TitleRule("RB1", "Rob").matches("Problem-solving group")
    assert TitleRule("RB1", "rob").matches("Session: Rob (weekly)")
    exact = TitleRule("RB1", "Session [video] Robin", exact=True)
    assert exact.matches("session  [video] robin")
    assert not exact.matches("Session [video] Robin (moved)")


def test_a_rule_for_a_code_no_client_has_ties_nothing() -> None:
    assert tie("Session", (), title_rules({"ZZ9": "Session"}), CLIENTS) == EventTie()


@pytest.mark.parametrize("pair", [("RB1", " "), (" ", "Robin")])
def test_an_empty_code_or_title_is_refused(pair: tuple[str, str]) -> None:
    with pytest.raises(InvalidInput, match="CODE=TITLE"):
        title_rules([pair])


def test_a_session_needs_aware_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Session(1, datetime(2026, 12, 7, 18), datetime(2026, 12, 7, 19), "k")  # noqa: DTZ001


@pytest.mark.parametrize(
    ("title", "away"),
    [
        ("Away", True),
        ("Congé annuel", True),
        ("Out of office", True),
        ("OOO - conference", True),
        ("\u05d7\u05d5\u05e4\u05e9\u05d4 \u05de\u05e9\u05e4\u05d7\u05ea\u05d9\u05ea", True),
        ("Vacation!", True),
        ("Cutaway workshop", False),
        ("Bank Holiday", False),  # public holidays come from the region
        ("Whit Monday", False),
    ],
)
def test_away_titles_are_words_not_parts_of_words(title: str, away: bool) -> None:
    assert is_away(title) is away


def test_an_away_range_longer_than_a_year_is_no_vacation() -> None:
    assert away_range(date(2026, 1, 1), date(2026, 12, 31)) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    assert away_range(date(2026, 1, 1), date(2027, 1, 2)) is None
