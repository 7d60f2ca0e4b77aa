"""Handles matched to clients: numbers as numbers, addresses by case, partial numbers held back."""

from __future__ import annotations

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.handle_matching import (
    Found,
    HandleIndex,
    HandleMatch,
    email_key,
    fold,
    suggested_ties,
)


def client(code: str, name: str, *handles: tuple[HandleKind, str]) -> Client:
    return Client(
        code=code, display_name=name, handles=tuple(ContactHandle(k, v) for k, v in handles)
    )


ROBIN = ((HandleKind.PHONE, "(416) 555-0142"), (HandleKind.EMAIL, "Robin@Mail.Example"))
ZOE = ((HandleKind.PHONE, "07700 900123"), (HandleKind.SOCIAL, "@zoe.m"))
CLIENTS = [
    client("RB1", "Robin Bell", *ROBIN),
    client("UK1", "Zoë Martin", *ZOE),
    client("IL1", "Dana Levi", (HandleKind.PHONE, "+972 50-123-4567")),
]


def index(country: str = "CA", **more: object) -> HandleIndex:
    return HandleIndex.build(CLIENTS, country=country, **more)  # type: ignore[arg-type]


def test_numbers_written_any_way_match_in_e164() -> None:
    found = index()
    for written in ("+14165550142", "416-555-0142", "1 (416) 555 0142", "+1.416.555.0142"):
        assert found.match(written) == HandleMatch(Found.CLIENT, "RB1"), written


def test_a_number_without_a_country_code_is_read_in_the_practices_country() -> None:
    # The UK client's number was typed without +44; in a Canadian practice it is no number.
    assert index("GB").match("+44 7700 900123").client_code == "UK1"
    assert index("GB").match("07700900123").client_code == "UK1"
    assert index("CA").match("+44 7700 900123").found is Found.NONE


def test_a_possible_number_matches_even_when_not_a_valid_one() -> None:
    # 555-01xx numbers are fiction's, never assigned; they are possible, so they match.
    drama = [client("DR1", "Drama", (HandleKind.PHONE, "+1 202 555 0199"))]
    assert HandleIndex.build(drama, country="US").match("2025550199").client_code == "DR1"


def test_a_short_local_number_ending_a_clients_is_partial_never_a_match() -> None:
    found = index()
    assert found.match("555-0142") == HandleMatch(Found.PARTIAL, "RB1")
    assert found.match("5550142") == HandleMatch(Found.PARTIAL, "RB1")
    assert found.match("0142").found is Found.NONE  # too few digits to say
    assert found.match("+1 555 0142").found is Found.NONE  # a country code: it is whole


def test_a_partial_number_ending_two_clients_numbers_is_no_match() -> None:
    two = [
        client("A1", "A", (HandleKind.PHONE, "+1 416 555 0142")),
        client("B1", "B", (HandleKind.PHONE, "+1 905 555 0142")),
    ]
    assert HandleIndex.build(two, country="CA").match("5550142").found is Found.NONE


def test_addresses_match_whatever_their_case_and_the_clinicians_own_are_known() -> None:
    found = index(own=("Me@Practice.example", "+1 416 555 0100"))
    assert found.match("ROBIN@mail.example").client_code == "RB1"
    assert found.match("<robin@MAIL.example>").client_code == "RB1"
    assert found.match("me@practice.EXAMPLE").found is Found.OWN
    assert found.match("416 555 0100").found is Found.OWN
    assert found.match("someone@else.example").found is Found.NONE
    assert found.match("").found is Found.NONE


def test_social_handles_and_tied_names_match_folded() -> None:
    found = index(ties={"Zoe MARTIN ": "UK1", "+44 7700 900999": "RB1"})
    assert found.match("zoe.m").client_code == "UK1"
    assert found.match("zoë martin").client_code == "UK1"
    assert found.match("Zoe Martin").client_code == "UK1"
    assert (
        HandleIndex.build(CLIENTS, country="GB", ties={"+44 7700 900999": "RB1"})
        .match("07700 900999")
        .client_code
        == "RB1"
    )


def test_names_are_suggested_only_when_exactly_one_client_has_them() -> None:
    twins = [*CLIENTS, client("RB2", "robin bell")]
    assert suggested_ties(["ZOE MARTIN", "Robin Bell", "Nobody"], twins) == {"ZOE MARTIN": "UK1"}


def test_folding_and_address_keys() -> None:
    assert fold("  Zoë   MARTIN ") == "zoe martin"
    assert email_key(" mailto:Robin@Mail.Example ") == "robin@mail.example"
