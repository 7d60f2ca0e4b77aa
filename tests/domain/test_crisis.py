"""Crisis resources: built-in defaults by country, and the editable text form."""

import pytest

from boundary_desk.domain.crisis import (
    CrisisResource,
    default_crisis_resources,
    emergency_number,
    format_crisis_resources,
    has_local_defaults,
    parse_crisis_resources,
)
from boundary_desk.errors import InvalidInput

ACCEPTED = 'Crisis resources must look like "Emergency: 911; 988 Suicide & Crisis Lifeline: 988"'


def numbers(country: str) -> list[str]:
    return [resource.number for resource in default_crisis_resources(country)]


# --- defaults ----------------------------------------------------------------------------


def test_united_states_defaults() -> None:
    assert default_crisis_resources("US") == (
        CrisisResource("Emergency (police, ambulance, fire)", "911"),
        CrisisResource("988 Suicide & Crisis Lifeline (call or text)", "988"),
    )


def test_canada_defaults_use_the_canadian_name_of_988() -> None:
    assert default_crisis_resources("CA") == (
        CrisisResource("Emergency (police, ambulance, fire)", "911"),
        CrisisResource("9-8-8 Suicide Crisis Helpline (call or text)", "988"),
    )


def test_united_kingdom_defaults() -> None:
    assert default_crisis_resources("GB") == (
        CrisisResource("Emergency (police, ambulance, fire)", "999"),
        CrisisResource("Samaritans (24 hours, free)", "116 123"),
        CrisisResource("NHS 111 (urgent mental health help)", "111"),
    )


def test_australia_defaults() -> None:
    assert numbers("AU") == ["000", "13 11 14"]
    assert "Lifeline" in default_crisis_resources("AU")[1].label


def test_israel_defaults() -> None:
    assert default_crisis_resources("IL") == (
        CrisisResource("Magen David Adom (ambulance)", "101"),
        CrisisResource("Police", "100"),
        CrisisResource("ERAN emotional first aid", "1201"),
    )


def test_ireland_and_new_zealand_defaults() -> None:
    assert numbers("IE") == ["112", "116 123"]
    assert numbers("NZ") == ["111", "1737"]


@pytest.mark.parametrize("country", ["FR", "JP", "BR", "ZZ", ""])
def test_other_countries_fall_back_to_112(country: str) -> None:
    assert default_crisis_resources(country) == (CrisisResource("Emergency services", "112"),)
    assert emergency_number(country) == "112"
    assert not has_local_defaults(country)


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("US", "911"),
        ("CA", "911"),
        ("GB", "999"),
        ("AU", "000"),
        ("IL", "101"),
        ("IE", "112"),
        ("NZ", "111"),
    ],
)
def test_emergency_number_is_the_first_default(country: str, number: str) -> None:
    assert emergency_number(country) == number
    assert default_crisis_resources(country)[0].number == number
    assert has_local_defaults(country)


@pytest.mark.parametrize("spelling", ["uk", "UK", " gb ", "gb"])
def test_country_codes_are_read_in_any_case_and_uk_means_gb(spelling: str) -> None:
    assert default_crisis_resources(spelling) == default_crisis_resources("GB")
    assert emergency_number(spelling) == "999"


@pytest.mark.parametrize("country", ["US", "CA", "GB", "IE", "AU", "NZ", "IL", "FR"])
def test_every_default_survives_the_text_form(country: str) -> None:
    defaults = default_crisis_resources(country)
    assert parse_crisis_resources(format_crisis_resources(defaults)) == defaults


# --- text form ---------------------------------------------------------------------------


def test_parses_the_documented_example() -> None:
    assert parse_crisis_resources("Emergency: 911; 988 Suicide & Crisis Lifeline: 988") == (
        CrisisResource("Emergency", "911"),
        CrisisResource("988 Suicide & Crisis Lifeline", "988"),
    )


@pytest.mark.parametrize(
    ("text", "resources"),
    [
        ("Emergency:911", (CrisisResource("Emergency", "911"),)),
        ("  Emergency  :  911  ", (CrisisResource("Emergency", "911"),)),
        ("Samaritans: 116   123", (CrisisResource("Samaritans", "116 123"),)),
        ("Clinic: +1 (416) 555-0100", (CrisisResource("Clinic", "+1 (416) 555-0100"),)),
        ("Police: 100;", (CrisisResource("Police", "100"),)),
        ("Crisis text: line: 741741", (CrisisResource("Crisis text: line", "741741"),)),
        ("<b>Bold</b> & co.: 12", (CrisisResource("<b>Bold</b> & co.", "12"),)),
        ("Centre d’écoute: 1 866 277-3553", (CrisisResource("Centre d’écoute", "1 866 277-3553"),)),
        ("A: 911\nB: 988", (CrisisResource("A", "911"), CrisisResource("B", "988"))),
        ("A: 911\r\nB: 988", (CrisisResource("A", "911"), CrisisResource("B", "988"))),
        ("X" * 80 + ": 12345678901234567890", (CrisisResource("X" * 80, "12345678901234567890"),)),
    ],
)
def test_accepted_forms(text: str, resources: tuple[CrisisResource, ...]) -> None:
    assert parse_crisis_resources(text) == resources


def test_format_is_canonical_and_reads_back() -> None:
    text = "  Emergency :911;Crisis line:  1 800 555 0199 "
    resources = parse_crisis_resources(text)
    canonical = format_crisis_resources(resources)
    assert canonical == "Emergency: 911; Crisis line: 1 800 555 0199"
    assert parse_crisis_resources(canonical) == resources


def test_format_of_nothing_is_empty() -> None:
    assert format_crisis_resources(()) == ""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "No crisis resources were given."),
        ("   ", "No crisis resources were given."),
        (" ; ; ", "No crisis resources were given."),
        ("911", '"911" needs a label, a colon and a number.'),
        ("Emergency 911", '"Emergency 911" needs a label, a colon and a number.'),
        (": 911", '": 911" needs a label, a colon and a number.'),
        ("Emergency: 911; Crisis line 988", '"Crisis line 988" needs a label'),
        ("Emergency:", '"" is not a phone number.'),
        ("Emergency: 9", '"9" is not a phone number.'),
        ("Emergency: +-()", '"+-()" is not a phone number.'),
        ("Emergency: call 911", '"call 911" is not a phone number.'),
        ("Emergency: 911 or 112", '"911 or 112" is not a phone number.'),
        ("Emergency: 123456789012345678901", '"123456789012345678901" is not a phone number.'),
        ("Emergency: ٩١١", '"٩١١" is not a phone number.'),
        ("X" * 81 + ": 911", "must be one line of at most 80 characters"),
        ("Emer\tgency: 911", "must be one line of at most 80 characters"),
    ],
)
def test_refusals_name_the_problem_and_the_accepted_form(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_crisis_resources(text)
    assert problem in refused.value.message
    assert ACCEPTED in refused.value.message
    assert "2 to 20 characters of digits, spaces, +, - or brackets" in refused.value.message
