"""An import's preview and result sentences in the app's language (the CLI's is English)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.vocabulary.import_help import EXPORT_HELP, WHATSAPP
from boundary_desk.services import Services
from boundary_desk.services.imports import ImportChoices, ImportResult, preview
from boundary_desk.system import i18n
from tests.services.import_files import messages, sms
from tests.services.test_imports import LATE, TUESDAY, client, practice


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture
def export(services: Services, tmp_path: Path) -> Path:
    practice(services)
    client(services)
    twice = sms("+14165550142", TUESDAY, "same")
    return messages(
        tmp_path,
        twice,
        twice,
        sms("+14165550142", LATE, "late"),
        sms("+14165559999", TUESDAY + timedelta(hours=1), "from a friend"),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "4 messages read; 2 for 1 client (1 after hours); "
            "1 from people who are not clients was left out; 1 held twice was counted once.",
        ),
        (
            "fr",
            "4 messages lus; 2 pour 1 client (1 hors des heures); "
            "1 de personnes qui ne sont pas des clients a été laissé de côté; "
            "1 présent en double a été compté une fois.",
        ),
        (
            "he",
            "4 הודעות נקראו; 2 עבור מטופל/ת אחד/ת (1 מחוץ לשעות); "
            "1 מאנשים שאינם מטופלים לא נכללה; 1 שמופיעה פעמיים נספרה פעם אחת.",
        ),
    ],
)
def test_the_preview_says_what_was_read_in_the_apps_language(
    services: Services, export: Path, language: str, expected: str
) -> None:
    i18n.set_language(language)
    shown = preview(services, export, ImportChoices())
    assert shown.sentence() == expected
    assert shown.lines()[0] == expected


def test_the_result_groups_thousands_as_each_language_writes_them() -> None:
    result = ImportResult(1234, 2, 3)
    assert result.sentence() == "1,234 new, 2 already imported, for 3 clients."
    i18n.set_language("fr")
    assert re.fullmatch(
        r"1\s234 nouvelles, 2 déjà importées, pour 3 clients\.", result.sentence()
    ), result.sentence()
    i18n.set_language("he")
    assert result.sentence() == "1,234 חדשות, 2 כבר יובאו, עבור 3 מטופלים."


def test_one_new_entry_takes_the_singular() -> None:
    i18n.set_language("fr")
    assert ImportResult(1, 0, 1).sentence() == "1 nouvelle, 0 déjà importées, pour 1 client."


@pytest.mark.parametrize("language", ["fr", "he"])
def test_the_steps_for_making_each_export_are_in_the_apps_language(language: str) -> None:
    english = [help_.text() for help_ in EXPORT_HELP]
    i18n.set_language(language)
    for help_, before in zip(EXPORT_HELP, english, strict=True):
        shown = help_.shown()
        lines = help_.text().splitlines()
        assert len(lines) == len(before.splitlines())
        for step, english_step in zip(shown.steps, help_.steps, strict=True):
            assert step != english_step, english_step
    # Product names, file names and menu words in Latin letters stay as they are written.
    text = WHATSAPP.text()
    assert text.splitlines()[0] == "WhatsApp" and ".txt" in text and ".zip" in text
    if language == "fr":
        assert "Exporter la discussion" in text and "Sans médias" in text
    else:
        assert "ייצוא צ'אט" in text and "ללא מדיה" in text
