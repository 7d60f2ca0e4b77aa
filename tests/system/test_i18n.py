"""The catalogs: every message translated, placeholders kept, each language's plurals."""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from boundary_desk.system import i18n
from boundary_desk.system.resources import resource_path


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _messages(language: str) -> list[tuple[str, str]]:
    """Each message and its translation; a plural gives one pair per form, each form
    against the English plural (the singular's placeholders are the plural's)."""
    return [(english, translated) for english, translated, _ in _forms(language)]


def _forms(language: str) -> list[tuple[str, str, bool]]:
    """As `_messages`, each marked True where it is the form for exactly one."""
    found: list[tuple[str, str, bool]] = []
    with resource_path("i18n", f"{language}.po").open("rb") as po:
        catalog = read_po(po)
    one_only = _form_for_one_alone(catalog.plural_expr)
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            found += [(m.id[1], form, n == one_only) for n, form in enumerate(m.string)]
        else:
            found.append((m.id, m.string, False))
    return found


def _form_for_one_alone(plural_expr: str) -> int | None:
    """The plural form used for the count 1 and no other (Hebrew's first), else None."""
    rule = gettext.c2py(plural_expr)
    one = rule(1)
    others = {rule(n) for n in (0, *range(2, 1000))}
    return None if one in others else one


# Words French (or Hebrew's punctuation) writes exactly as English does.
SPELLED_ALIKE = {
    "min",
    "Contact",
    "Client",
    "Code",
    "Type",
    "Clients",
    "Sections",
    "Signatures",
    "Date",
    "Version {number}",
    "Version",
    "version {version}",
    "{count} pages",
    "{days}, {times}",
    # The timeline: its kind filter, a unit, and a field of the edit history before its value.
    "Contacts",
    "client",
    "minutes",
    "{count} minutes",
    "{minutes} min",
    "{field}: {value}",
    # Labels of the shared vocabulary (domain/vocabulary/labels.py).
    "contact",
    "contacts",
    "{count} clients",
    "{count} messages",
    "{count} conversations",
    "Clauses",
    "information",
    "note",
    # The weekly review: units and a section French writes as English does.
    "{hours} h {minutes} min",
    "{hours} h",
    "Notes",
    "Minutes",
    # A heading before its text: Hebrew punctuates it as English does.
    "{heading}:",
}


@pytest.mark.parametrize("language", ["fr", "he"])
def test_every_message_is_translated_and_keeps_its_placeholders(language: str) -> None:
    forms = _forms(language)
    assert len(forms) > 200
    for english, translated, for_one in forms:
        assert translated.strip(), english
        assert translated != english or english in SPELLED_ALIKE, english
        wanted = re.findall(r"\{\w+\}", english)
        if for_one:
            # A form said of one alone may say it in words: "רשומה אחת", not "רשומה 1".
            wanted = [name for name in wanted if name != "{count}" or name in translated]
        assert sorted(re.findall(r"\{\w+\}", translated)) == sorted(wanted), english


@pytest.mark.parametrize("language", ["fr", "he"])
def test_a_plural_has_every_form_the_language_counts(language: str) -> None:
    with resource_path("i18n", f"{language}.po").open("rb") as po:
        catalog = read_po(po)
    plurals = [m for m in catalog if isinstance(m.id, tuple)]
    assert plurals, "no plural message to check"
    for message in plurals:
        assert len(message.string) == catalog.num_plurals, message.id


def test_the_auto_lock_minutes_take_each_languages_plural() -> None:
    one, many = "locks after {count} idle minute", "locks after {count} idle minutes"
    assert i18n.ngettext(one, many, 1) == one
    i18n.set_language("fr")
    assert (
        i18n.ngettext(one, many, 0).format(count=0) == "se verrouille après 0 minute d'inactivité"
    )
    assert i18n.ngettext(one, many, 10).format(count=10) == (
        "se verrouille après 10 minutes d'inactivité"
    )
    i18n.set_language("he")
    assert i18n.ngettext(one, many, 2).format(count=2) == "ננעל אחרי 2 דקות ללא פעילות"
    assert i18n.ngettext(one, many, 1).format(count=1) == "ננעל אחרי דקה אחת ללא פעילות"


def test_the_chosen_language_speaks_and_english_is_the_source_text() -> None:
    assert i18n._("Unlock") == "Unlock"
    i18n.set_language("fr")
    assert i18n._("Unlock") == "Déverrouiller"
    assert i18n.current_language() == "fr" and not i18n.is_right_to_left()
    i18n.set_language("he")
    assert i18n._("Unlock") == "ביטול נעילה"
    assert i18n.is_right_to_left()
    # A message the catalog lacks is shown in English, never blank.
    assert i18n._("A sentence no catalog has") == "A sentence no catalog has"
    i18n.set_language("en")
    assert i18n._("Unlock") == "Unlock"


def test_each_language_has_its_own_plural_rule() -> None:
    # French (CLDR): 0 and 1 are singular, a round million has its own form ("de");
    # Hebrew: one, two (dual), many; English: one, many.
    fr = [i18n.catalog("fr").plural(n) for n in (0, 1, 2, 1_000_000)]  # type: ignore[attr-defined]
    assert fr == [0, 0, 2, 1]
    assert [i18n.catalog("he").plural(n) for n in (1, 2, 3)] == [0, 1, 2]  # type: ignore[attr-defined]
    assert i18n.ngettext("1 contact", "{n} contacts", 0) == "{n} contacts"


def test_a_language_it_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="de"):
        i18n.set_language("de")
    assert i18n.current_language() == "en"


def test_english_loads_no_catalog_code() -> None:
    code = (
        "import sys; from boundary_desk.system import i18n; i18n.set_language('en'); "
        "print(any(name.startswith('babel') for name in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["fr-CA", "en-CA"], "fr"),
        (["he_IL.UTF-8"], "he"),
        (["iw-IL"], "he"),  # Hebrew's old code
        (["de-DE", "fr-FR"], "fr"),  # the first the app speaks
        (["de-DE", "ru-RU"], "en"),
        ([], "en"),
        (["en-GB", "fr-CA"], "en"),
    ],
)
def test_the_systems_first_language_the_app_speaks_is_chosen(
    tags: list[str], expected: str
) -> None:
    assert i18n.language_of(tags) == expected


def test_every_hebrew_sentence_opens_with_a_hebrew_word() -> None:
    # A label takes its direction from its first letter: a Hebrew sentence that opens
    # with "Boundary Desk" would be laid out left to right, its full stop at the left.
    for english, translated in _messages("he"):
        first = next((ch for ch in translated if ch.isalpha()), "")
        keys = translated.split(" ", 1)[0] in {"Ctrl+Enter", "Ctrl+N", "Esc", "BOUNDARY"}
        # A placeholder (a name, a time) may open a Hebrew sentence.
        keys = keys or translated.lstrip("“”\"'«» ").startswith("{")
        assert keys or "\u0590" <= first <= "\u05ff", english


def _marked_in_code() -> set[str]:
    """Every message the code marks with `_`, `N_`, `pgettext` or `ngettext` (its
    singular), with its context if it has one."""
    from babel.messages.extract import extract_from_dir

    source = Path(i18n.__file__).parents[1]
    marked = extract_from_dir(
        str(source),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)},
    )
    return {
        (context, message if isinstance(message, str) else message[0])
        for _, _, message, _, context in marked
    }


@pytest.mark.parametrize("language", ["fr", "he"])
def test_every_message_the_code_marks_is_in_the_catalog(language: str) -> None:
    # A message marked but missing from a catalog would show in English, unnoticed.
    marked = _marked_in_code()
    assert len(marked) > 300
    with resource_path("i18n", f"{language}.po").open("rb") as po:
        catalog = read_po(po)
    listed = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    assert sorted(marked - listed) == []


def test_a_number_is_isolated_left_to_right_only_in_a_right_to_left_language() -> None:
    assert i18n.left_to_right("+1 416 555 0142") == "+1 416 555 0142"
    i18n.set_language("he")
    assert i18n.left_to_right("+1 416 555 0142") == "\u2066+1 416 555 0142\u2069"
    assert i18n.left_to_right("") == ""
