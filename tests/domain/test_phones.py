"""Phone numbers as numbers: however a number was typed, it finds the same client."""

from __future__ import annotations

import pytest

from boundary_desk.domain.clients import (
    Client,
    ContactHandle,
    HandleKind,
    client_search,
    matches,
)
from boundary_desk.domain.phones import digits, e164


@pytest.mark.parametrize(
    ("typed", "country", "expected"),
    [
        ("416-555-0142", "CA", "+14165550142"),
        ("(416) 555-0142", "CA", "+14165550142"),
        ("4165550142", "CA", "+14165550142"),
        ("1-416-555-0142", "CA", "+14165550142"),
        ("+1 416 555 0142", "", "+14165550142"),
        ("+1 416 555 0142", "GB", "+14165550142"),  # a country code wins over the region
        ("212 555 0100", "US", "+12125550100"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+44 20 7946 0958", "CA", "+442079460958"),
        ("050-123-4567", "IL", "+972501234567"),
        ("416 555 0142", "", ""),  # no country code and no region: not a number we can place
        ("call me", "CA", ""),
        ("12", "CA", ""),
        ("", "CA", ""),
    ],
)
def test_numbers_are_read_in_e164(typed: str, country: str, expected: str) -> None:
    assert e164(typed, country) == expected


def test_digits_only_for_phone_like_text() -> None:
    assert digits("(416) 555-0142") == "4165550142"
    assert digits("C-001") == ""
    assert digits("41") == ""


def _ana(number: str, country: str = "CA") -> Client:
    handle = ContactHandle(HandleKind.PHONE, number, number=e164(number, country))
    return Client(code="AL1", display_name="Ana Lima", handles=(handle,))


@pytest.mark.parametrize(
    "typed",
    ["416-555-0142", "(416) 555-0142", "4165550142", "+14165550142", "555-0142", "555 0142"],
)
def test_a_number_typed_any_way_finds_the_stored_one(typed: str) -> None:
    assert matches(_ana("+1 416 555 0142"), client_search(typed, "CA"))


def test_a_stored_local_number_is_found_by_its_international_form() -> None:
    assert matches(_ana("(416) 555-0142"), client_search("+1 416 555 0142", "CA"))
    london = _ana("020 7946 0958", "GB")
    assert matches(london, client_search("+44 20 7946 0958", "GB"))
    assert matches(london, client_search("7946 0958", "GB"))


@pytest.mark.parametrize("typed", ["416-555-0143", "905-555-0142", "+44 416 555 0142"])
def test_another_number_is_not_found(typed: str) -> None:
    assert not matches(_ana("+1 416 555 0142"), client_search(typed, "CA"))


def test_names_and_codes_still_match_as_text() -> None:
    ana = _ana("+1 416 555 0142")
    assert matches(ana, "lima")
    assert matches(ana, client_search("al1", "CA"))
    assert not matches(ana, client_search("jordan", "CA"))


def test_the_stored_number_does_not_change_equality() -> None:
    typed = ContactHandle(HandleKind.PHONE, "416-555-0142")
    stored = ContactHandle(HandleKind.PHONE, "416-555-0142", number="+14165550142")
    assert typed == stored
