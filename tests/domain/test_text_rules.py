"""The one rule for short typed text: one line, no control characters, no direction controls."""

from __future__ import annotations

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind, validate_client
from boundary_desk.domain.crisis import parse_crisis_resources
from boundary_desk.domain.practice_settings import SETTINGS_BY_KEY
from boundary_desk.domain.text_rules import BIDI_CONTROLS, bidi_control_in, clean_line
from boundary_desk.errors import InvalidInput

EMBEDDINGS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
ISOLATES = ["\u2066", "\u2067", "\u2068", "\u2069"]


def test_the_refused_controls_are_exactly_the_embeddings_overrides_and_isolates() -> None:
    assert set(EMBEDDINGS + ISOLATES) == BIDI_CONTROLS
    for mark in ("\u200e", "\u200f", "\u061c"):  # the direction marks stay allowed
        assert mark not in BIDI_CONTROLS


@pytest.mark.parametrize("control", EMBEDDINGS + ISOLATES)
def test_a_direction_control_anywhere_in_a_line_is_refused_by_name(control: str) -> None:
    for text in (f"{control}Ana", f"Ana{control}", f"C-001 {control}Zoë{control} Martin"):
        with pytest.raises(InvalidInput) as refused:
            clean_line(text, label="A client's name", max_len=120, required=True)
        message = refused.value.message
        assert message.startswith("A client's name can't hold an invisible text-direction")
        assert f"U+{ord(control):04X}" in message
        assert control not in message  # the control itself is never echoed


def test_hebrew_and_arabic_with_their_marks_are_kept_as_typed() -> None:
    for name in ("שרה כהן", "ד\u200fר׳ כהן (2)", "\u200eAna\u200f", "سارة\u061c 3"):
        assert clean_line(name, label="A client's name", max_len=120, required=True) == name
    assert bidi_control_in("שרה \u200f כהן") is None
    assert bidi_control_in("a\u2067b\u202ec") == "\u2067"


def test_a_client_name_handle_label_and_guardian_are_all_checked() -> None:
    override = "\u202e"
    cases = {
        "A client's name": Client(code="C-001", display_name=f"Ana{override}"),
        "The email address": Client(
            code="C-001",
            display_name="Ana",
            handles=(ContactHandle(HandleKind.EMAIL, f"ana{override}@example.org"),),
        ),
        "A contact detail's label": Client(
            code="C-001",
            display_name="Ana",
            handles=(ContactHandle(HandleKind.SOCIAL, "@ana", label=f"work{override}"),),
        ),
        "The guardian's name": Client(
            code="C-001", display_name="Ana", is_minor=True, guardian_name=f"Bo{override}"
        ),
    }
    for field_name, client in cases.items():
        with pytest.raises(InvalidInput, match=f"^{field_name} can't hold"):
            validate_client(client)


@pytest.mark.parametrize(
    ("key", "text", "field_name"),
    [
        ("clinician", "Dr. Jo\u2066 Rivera", "Your name"),
        ("credentials", "MSW\u202b, RSW", "Credentials"),
        ("practice", "Harbour\u202e Counselling", "The practice name"),
        ("address", "1 Main St\nSuite\u2069 4", "The practice address"),
        ("email", "jo\u202d@example.org", "The practice email"),
    ],
)
def test_the_practice_details_refuse_them_naming_the_setting(
    key: str, text: str, field_name: str
) -> None:
    with pytest.raises(InvalidInput, match=f"^{field_name} can't hold an invisible"):
        SETTINGS_BY_KEY[key].canonical(text)


def test_a_crisis_lines_label_refuses_them_and_keeps_hebrew() -> None:
    with pytest.raises(InvalidInput, match="crisis line's label can't hold"):
        parse_crisis_resources("Distress\u202e line: 416-555-0100")
    (line,) = parse_crisis_resources("ער״ן: 1201")
    assert line.label == "ער״ן"
