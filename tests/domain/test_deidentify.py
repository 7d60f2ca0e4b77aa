"""Clients' names and contact details become their codes in text that leaves the vault."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from boundary_desk.domain.clients import Client, ContactHandle, HandleKind
from boundary_desk.domain.deidentify import ClientNames, Found, count, summary

ZOE = Client(
    "C-001",
    "Zoë Martin",
    handles=(
        ContactHandle(HandleKind.PHONE, "+1 416 555 0142"),
        ContactHandle(HandleKind.EMAIL, "Zoe.M@example.org"),
        ContactHandle(HandleKind.SOCIAL, "@zoe.k"),
        ContactHandle(HandleKind.SOCIAL, "instagram.com/zoemartin_art"),
    ),
    id=1,
)
WILL = Client("C-002", "Will Díaz", is_minor=True, guardian_name="Ana Díaz", id=2)
SAM_LEE = Client("C-003", "Sam Lee", id=3)
SAM_ORTIZ = Client("C-004", "Sam Ortiz", id=4)
NAMES = ClientNames([ZOE, WILL, SAM_LEE, SAM_ORTIZ])


def replaced(text: str) -> str:
    return NAMES.replace(text).text


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("Zoë Martin texted at 23:10.", "C-001 texted at 23:10."),
        ("zoe martin, ZOË MARTIN and Zoe  Martin", "C-001, C-001 and C-001"),
        ("Zoë's mother called.", "C-001's mother called."),
        ("Zoë’s mother called.", "C-001’s mother called."),
        ("Spoke with Zoë about it", "Spoke with C-001 about it"),
        ("Martin again", "C-001 again"),
        ("Zoe\u0308 again", "C-001 again"),  # the accent typed as a combining mark
    ],
)
def test_a_name_in_any_case_with_or_without_accents_becomes_the_code(typed: str, sent: str) -> None:
    assert replaced(typed) == sent


def test_a_name_inside_another_word_is_left_alone() -> None:
    assert replaced("Martini and Zoëtrope") == "Martini and Zoëtrope"


def test_a_first_name_that_is_an_everyday_word_is_replaced_only_when_capitalised() -> None:
    assert replaced("I will ask Will; will he come?") == "I will ask C-002; will he come?"


def test_a_name_shared_by_two_clients_names_both_codes_and_the_full_name_one() -> None:
    assert replaced("Sam cancelled; Sam Lee didn't") == "C-003 or C-004 cancelled; C-003 didn't"


def test_a_minors_guardian_is_named_as_the_clients_guardian() -> None:
    text = NAMES.replace("Ana Díaz phoned about Will")
    assert text.text == "C-002's guardian phoned about C-002"
    assert [p.found for p in text.replacements] == [Found.GUARDIAN, Found.NAME]


@pytest.mark.parametrize(
    "number",
    ["+1 416 555 0142", "(416) 555-0142", "416-555-0142", "4165550142", "555-0142",
     "+1-416-555-0142", "1 (416) 555 0142"],
)  # fmt: skip
def test_the_clients_number_in_any_format_becomes_the_code(number: str) -> None:
    assert replaced(f"Call {number} back.") == "Call C-001 back."


def test_other_numbers_times_and_dates_are_left_alone() -> None:
    text = "At 22:40 on 2026-11-20 she called 416-555-0199 and 5550142999."
    assert replaced(text) == text


def test_an_email_address_and_social_handles_become_the_code() -> None:
    text = "Wrote to ZOE.M@EXAMPLE.ORG. She is @zoe.k, zoe.k and zoemartin_art online."
    assert replaced(text) == "Wrote to C-001. She is C-001, C-001 and C-001 online."


def test_each_replacement_keeps_what_it_replaced_and_the_text_reads_back() -> None:
    text = "Zoë (416) 555-0142 and more"
    result = NAMES.replace(text)
    assert result.original == text
    assert [(p.original, p.text, p.found) for p in result.replacements] == [
        ("Zoë", "C-001", Found.NAME),
        ("(416) 555-0142", "C-001", Found.PHONE),
    ]
    assert count([result]) == Counter({Found.NAME: 1, Found.PHONE: 1})


def test_text_with_no_client_in_it_comes_back_as_it_was() -> None:
    for text in ("", "A quiet week.", "Talked with my supervisor, Dr. Park."):
        result = NAMES.replace(text)
        assert result.text == text and not result.replacements


def test_no_clients_replace_nothing() -> None:
    assert ClientNames([]).replace("Zoë Martin").text == "Zoë Martin"


def test_initials_and_particles_alone_are_not_names() -> None:
    names = ClientNames([Client("C-009", "J. van Dijk", id=9)])
    assert names.replace("j. van der Berg met van Dijk").text == "j. van der Berg met C-009"


def test_names_in_scripts_without_case_are_replaced() -> None:
    names = ClientNames([Client("C-010", "נועה כהן", id=10)])
    assert names.replace("שיחה עם נועה").text == "שיחה עם C-010"


def test_the_summary_says_what_was_replaced_where() -> None:
    counts = {
        "in the notes": Counter({Found.NAME: 2}),
        "in the reflections": Counter({Found.PHONE: 1}),
        "in the warnings": Counter(),
    }
    assert summary(counts) == (
        "2 names replaced by codes in the notes; "
        "1 phone number replaced by a code in the reflections"
    )
    assert summary({}) == ""


def test_folded_letters_ligatures_and_a_trunk_zero_still_match() -> None:
    names = ClientNames([
        Client("C-011", "İlker Straße", handles=(
            ContactHandle(HandleKind.PHONE, "+44 20 7946 0958"),
            ContactHandle(HandleKind.SOCIAL, "https://instagram.com/ilk.er/"),
        ), id=11),
        Client("C-012", "ﬁona O’Brien", id=12),
    ])  # fmt: skip
    text = "ilker strasse called 020 7946 0958; ilk.er posted; fiona o'brien, Fiona's."
    assert names.replace(text).text == "C-011 called C-011; C-011 posted; C-012, C-012's."


def test_any_text_reads_back_whole_from_its_pieces() -> None:
    rng = random.Random(13)  # noqa: S311 - reproducible test text, not a secret
    alphabet = "aZoëeİiß ﬁ'’-@.+()0123456789\u0308\nMartinWill"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        result = NAMES.replace(text)
        assert result.original == text
        assert all(p.text for p in result.replacements)


def test_a_hyphenated_name_is_replaced_written_either_way() -> None:
    names = ClientNames([Client(code="C-9", display_name="Anne-Marie Dubois", id=9)])
    for typed in ("Anne-Marie called", "anne marie called", "ANNE-MARIE called"):
        assert names.replace(typed).text == "C-9 called", typed
    assert names.replace("Dubois and Marie").text == "C-9 and C-9"


def test_a_capitalised_particle_in_a_name_is_a_name_of_its_own() -> None:
    names = ClientNames([Client(code="C-7", display_name="Lê Thị Hoa", id=7)])
    assert names.replace("Lê called; le chat dort").text == "C-7 called; le chat dort"
    dutch = ClientNames([Client(code="C-8", display_name="J. van Dijk", id=8)])
    assert dutch.replace("van Dijk came, and the van left").text == "C-8 came, and the van left"


@pytest.mark.parametrize("number", ["416–555–0142", "416—555—0142", "416/555/0142", "416−555−0142"])
def test_a_number_written_with_dashes_or_slashes_becomes_the_code(number: str) -> None:
    phone = ContactHandle(HandleKind.PHONE, "+1 416 555 0142")
    names = ClientNames([Client(code="C-3", display_name="Sam Okafor", id=3, handles=(phone,))])
    assert names.replace(f"call {number} back").text == "call C-3 back"
