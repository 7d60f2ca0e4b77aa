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
from boundary_desk.domain.phones import (
    StoredNumber,
    country_calling_code,
    digits,
    e164,
    has_country_code,
    reread_numbers,
)


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


# -- read again in another country ---------------------------------------------------------


def test_only_numbers_typed_without_a_country_code_are_read_again() -> None:
    stored = [
        StoredNumber(1, "AL1", "416-555-0142"),
        StoredNumber(2, "MR2", " +1 905 555 0100"),
        StoredNumber(3, "JE3", "020 7946 0958"),
    ]
    reread = reread_numbers(stored, "gb")
    assert reread.country == "GB"
    assert dict(reread.numbers) == {1: "+444165550142", 3: "+442079460958"}
    assert reread.unreadable == ()
    assert reread.sentence("United Kingdom") == (
        "2 phone numbers typed without a country code will be read as +44 (United Kingdom) numbers."
    )


def test_a_number_that_is_none_in_the_new_country_is_named_by_client_code() -> None:
    stored = [
        StoredNumber(7, "TF4", "1-800-555-0199"),
        StoredNumber(8, "AB1", "011 44 20 7946 0958"),
    ]
    reread = reread_numbers(stored, "GB")
    assert dict(reread.numbers) == {7: "", 8: ""}
    assert reread.unreadable == ("AB1", "TF4")
    assert reread.sentence("United Kingdom").endswith(
        "2 of them can't be read there; they are kept as typed but won't be matched as "
        "numbers: AB1, TF4."
    )
    one = reread_numbers(stored[:1], "GB").sentence("United Kingdom")
    assert one == (
        "1 phone number typed without a country code will be read as a +44 (United Kingdom) "
        "number. It can't be read there; it is kept as typed but won't be matched as a "
        "number: TF4."
    )


def test_nothing_to_read_again_says_nothing() -> None:
    reread = reread_numbers([StoredNumber(1, "MR2", "+1 905 555 0100")], "GB")
    assert reread.count == 0 and reread.sentence("United Kingdom") == ""
    assert reread_numbers([], "IL").sentence("Israel") == ""


def test_a_number_is_read_with_the_new_countrys_calling_code() -> None:
    assert has_country_code("+44 20") and has_country_code("  +1 416")
    assert not has_country_code("0044 20 7946 0958") and not has_country_code("416 +1")
    assert (country_calling_code("GB"), country_calling_code("ca")) == (44, 1)
    assert country_calling_code("ZZ") == 0
