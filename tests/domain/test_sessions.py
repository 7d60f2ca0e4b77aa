"""Which calendar event is a session with which client: title patterns and addresses."""

from __future__ import annotations

from datetime import datetime

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.sessions import Session, TitleRule, tie, title_rules
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
    assert tie("Session - Robin", (), rules, CLIENTS) == (ROBIN, False)
    assert tie("Intake", ("sam.lee@example.org",), rules, CLIENTS) == (SAM, False)
    assert tie("Dentist", ("me@practice.example",), rules, CLIENTS) == (None, False)


def test_an_event_two_clients_claim_is_tied_to_neither() -> None:
    rules = title_rules({"RB1": "Session", "SL1": "Session"})
    assert tie("Session", (), rules, CLIENTS) == (None, True)
    both = title_rules({"RB1": "Robin"})
    assert tie("Robin", ("sam.lee@example.org",), both, CLIENTS) == (None, True)


def test_a_rule_for_a_code_no_client_has_ties_nothing() -> None:
    assert tie("Session", (), title_rules({"ZZ9": "Session"}), CLIENTS) == (None, False)


@pytest.mark.parametrize("pair", [("RB1", " "), (" ", "Robin")])
def test_an_empty_code_or_title_is_refused(pair: tuple[str, str]) -> None:
    with pytest.raises(InvalidInput, match="CODE=TITLE"):
        title_rules([pair])


def test_a_session_needs_aware_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Session(1, datetime(2026, 12, 7, 18), datetime(2026, 12, 7, 19), "k")  # noqa: DTZ001
