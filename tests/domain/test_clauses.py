import pytest

from boundary_desk.domain.clauses import PLACEHOLDERS, ClauseSet, validate_clause
from boundary_desk.errors import InvalidInput
from boundary_desk.storage.stores.clause_defaults import default_clauses

DEFAULTS = default_clauses()


def test_every_default_clause_uses_only_known_placeholders() -> None:
    for name, text in DEFAULTS.items():
        assert validate_clause(name, text, DEFAULTS) == text.strip(), name


def test_every_channel_has_a_risk_note() -> None:
    from boundary_desk.domain.agreements import Channel

    for channel in Channel:
        assert DEFAULTS[f"risk.{channel.value}"].strip()


def test_override_replaces_and_empty_falls_back() -> None:
    clauses = ClauseSet(DEFAULTS, {"records": "Notes go in your file, {client_name}."})
    assert clauses.render("records", {"client_name": "Ana"}) == "Notes go in your file, Ana."
    assert ClauseSet(DEFAULTS, {"records": ""}).text("records") == DEFAULTS["records"]


def test_values_with_braces_are_not_reinterpreted() -> None:
    clauses = ClauseSet(DEFAULTS, {})
    text = clauses.render(
        "intro", {"client_name": "{clinician} <b>&", "clinician": "Jo", "review_date": "1 June"}
    )
    assert "{clinician} <b>&" in text


def test_unknown_placeholder_is_refused_naming_the_accepted_ones() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_clause("records", "Dear {client_nmae}", DEFAULTS)
    assert "{client_nmae}" in caught.value.message
    assert all("{" + p + "}" in caught.value.message for p in PLACEHOLDERS)


@pytest.mark.parametrize(
    "text",
    [
        "Broken { brace",
        "Also } broken",
        "{}",
        "{client_name:%}",
        "{client_name!r}",
        "{client_name.upper}",
        "{client_name[0]}",
    ],
)
def test_stray_braces_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        validate_clause("records", text, DEFAULTS)


def test_unknown_clause_and_huge_text_are_refused() -> None:
    with pytest.raises(InvalidInput, match="no clause"):
        validate_clause("nonsense", "x", DEFAULTS)
    with pytest.raises(InvalidInput, match="at most 2000"):
        validate_clause("records", "x" * 2001, DEFAULTS)
