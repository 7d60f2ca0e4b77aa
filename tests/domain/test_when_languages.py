"""Reading "when it happened" in French and Hebrew, with English always understood too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.region import Region
from boundary_desk.domain.when import ACCEPTED_WHEN, parse_when
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import ENGLISH, current_language, set_language

MONTREAL = ZoneInfo("America/Toronto")
JERUSALEM = ZoneInfo("Asia/Jerusalem")
# 10:00 on Tuesday 1 December 2026 in Montreal: logging Friday's late text on Tuesday.
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
FRIDAY_2240 = datetime(2026, 11, 27, 22, 40, tzinfo=MONTREAL)
MONDAY_2240 = datetime(2026, 11, 30, 22, 40, tzinfo=MONTREAL)


@pytest.fixture
def speaking() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    "text",
    [
        "ven. 22 h 40",
        "Ven. 22 h 40",
        "ven 22h40",
        "vendredi 22:40",
        "vendredi à 22 h 40",
        "vendredi dernier 22:40",
        "ven. dernier 22 h 40",
        "27 nov. 22:40",
        "le 27 novembre 22 h 40",
        "ven. 27 nov. 22 h 40",
        "27/11 22:40",
        "27 novembre 2026 22:40",
        # English is understood in French too.
        "fri 22:40",
        "last friday 10:40 pm",
        "27 nov 22:40",
    ],
)
def test_french_forms_of_friday_night(text: str) -> None:
    assert parse_when(text, NOW, MONTREAL, Region("CA", "QC"), "fr") == FRIDAY_2240


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hier 22:40", MONDAY_2240),
        ("hier soir 22 h 40", MONDAY_2240),
        ("Hier 22h40", MONDAY_2240),
        ("yesterday 22:40", MONDAY_2240),
        ("aujourd'hui 9 h", datetime(2026, 12, 1, 9, 0, tzinfo=MONTREAL)),
        ("maintenant", NOW),
        ("il y a 20 min", NOW - timedelta(minutes=20)),
        ("il y a 2 h", NOW - timedelta(hours=2)),
        ("il y a 1 jour", NOW - timedelta(days=1)),
        ("2 h ago", NOW - timedelta(hours=2)),
        ("1er nov. 9 h 05", datetime(2026, 11, 1, 9, 5, tzinfo=MONTREAL)),
        ("2026-11-27 22:40", FRIDAY_2240),
        # "mar." is mardi in French; "27 mar" is still a date: 27 March.
        ("mar. 22:40", datetime(2026, 11, 24, 22, 40, tzinfo=MONTREAL)),
        ("27 mar 10:00", datetime(2026, 3, 27, 10, 0, tzinfo=MONTREAL)),
    ],
)
def test_other_french_forms(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, MONTREAL, Region("CA", "QC"), "fr") == expected


JERUSALEM_NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 10:00 Tuesday in Jerusalem
FRIDAY_IL = datetime(2026, 11, 27, 22, 40, tzinfo=JERUSALEM)
MONDAY_IL = datetime(2026, 11, 30, 22, 40, tzinfo=JERUSALEM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("יום שישי 22:40", FRIDAY_IL),
        ("שישי 22:40", FRIDAY_IL),
        ("יום ו׳ 22:40", FRIDAY_IL),
        ("ו' 22:40", FRIDAY_IL),
        ("שישי שעבר 22:40", FRIDAY_IL),
        ("יום שישי בשעה 22:40", FRIDAY_IL),
        ("שישי ב-22:40", FRIDAY_IL),
        ("27 בנובמבר 22:40", FRIDAY_IL),
        ("27 נוב׳ 22:40", FRIDAY_IL),
        ("27/11 22:40", FRIDAY_IL),
        ("אתמול 22:40", MONDAY_IL),
        ("אתמול בערב 22:40", MONDAY_IL),
        ("עכשיו", JERUSALEM_NOW),
        ("לפני 20 דקות", JERUSALEM_NOW - timedelta(minutes=20)),
        ("לפני 3 שעות", JERUSALEM_NOW - timedelta(hours=3)),
        # English is understood in Hebrew too.
        ("fri 22:40", FRIDAY_IL),
        ("yesterday 10:40 pm", MONDAY_IL),
    ],
)
def test_hebrew_forms(text: str, expected: datetime) -> None:
    assert parse_when(text, JERUSALEM_NOW, JERUSALEM, Region("IL"), "he") == expected


def test_a_weekday_is_still_the_most_recent_one_not_in_the_future() -> None:
    friday_evening = datetime(2026, 11, 27, 21, 0, tzinfo=MONTREAL)  # Friday, 21:00
    a_week_ago = datetime(2026, 11, 20, 22, 40, tzinfo=MONTREAL)
    assert parse_when("vendredi 22:40", friday_evening, MONTREAL, None, "fr") == a_week_ago
    assert parse_when("ven. 20 h", friday_evening, MONTREAL, None, "fr") == (
        datetime(2026, 11, 27, 20, 0, tzinfo=MONTREAL)
    )
    sunday = datetime(2026, 11, 29, 9, 0, tzinfo=JERUSALEM)
    assert parse_when("ראשון 08:00", sunday, JERUSALEM, None, "he") == sunday - timedelta(hours=1)
    last_sunday = datetime(2026, 11, 22, 8, 0, tzinfo=JERUSALEM)
    assert parse_when("ראשון שעבר 08:00", sunday, JERUSALEM, None, "he") == last_sunday


def test_english_does_not_read_french_or_hebrew() -> None:
    for text in ("ven. 22 h 40", "hier 22:40", "יום שישי 22:40", "אתמול 22:40"):
        with pytest.raises(InvalidInput):
            parse_when(text, NOW, MONTREAL, None, ENGLISH)


@pytest.mark.parametrize(
    ("language", "text", "says"),
    [
        ("fr", "ven. 25 h 40", "is not a time of day"),
        ("fr", "hier", 'Add the time of day, like "hier 22:40".'),
        ("fr", "31 févr. 10:00", "There is no 31 février"),
        ("fr", "il y a 20 ans", ACCEPTED_WHEN),
        ("fr", "demain 10:00", ACCEPTED_WHEN),
        ("fr", "ven. 10:00 11:00", "Give one time of day"),
        ("he", "שישי", 'Add the time of day, like "שישי 22:40".'),
        ("he", "מחר 22:40", ACCEPTED_WHEN),
        ("he", "32 בנובמבר 22:40", "There is no 32 נובמבר"),
        ("he", "לפני 20 שנים", ACCEPTED_WHEN),
    ],
)
def test_bad_input_is_refused_with_a_reason(language: str, text: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(text, NOW, MONTREAL, None, language)
    assert says in str(refused.value)


def test_the_refusal_lists_the_forms_in_the_apps_language(speaking: None) -> None:
    set_language("fr")
    with pytest.raises(InvalidInput, match="Indiquez quand : «\u00a0maintenant"):
        parse_when("demain", NOW, MONTREAL, None, "fr")
    set_language("he")
    with pytest.raises(InvalidInput, match='ציינו מתי: "עכשיו"'):
        parse_when("מחר 22:40", NOW, JERUSALEM, None, "he")


def test_a_language_without_words_of_its_own_is_read_as_english() -> None:
    assert parse_when("fri 22:40", NOW, MONTREAL, None, "pseudo") == FRIDAY_2240
    with pytest.raises(InvalidInput, match="Say when"):
        parse_when("ven. 22 h 40", NOW, MONTREAL, None, "pseudo")


@pytest.mark.parametrize(
    ("language", "text", "says"),
    [
        ("fr", "dimanche 27 nov. 10:00", "Le 27 novembre 2026 est un vendredi, pas un dimanche."),
        ("fr", "31 févr. 2026 10:00", "Il n’y a pas de 31 février 2026. Vérifiez la date."),
        ("fr", "hier", "Ajoutez l’heure, par exemple «\u00a0hier 22:40\u00a0»."),
        ("fr", "ven. 25 h 40", "«\u00a025:40\u00a0» n’est pas une heure"),
        ("he", "ראשון 27 בנובמבר 10:00", "27 נובמבר 2026 חל ביום שישי, לא ביום ראשון."),
        ("he", "32 בנובמבר 10:00", "אין 32 בנובמבר. בדקו את התאריך."),
        ("he", "שישי", 'יש להוסיף את השעה, למשל "שישי 22:40".'),
    ],
)
def test_refusals_are_said_in_the_apps_language(
    speaking: None, language: str, text: str, says: str
) -> None:
    set_language(language)
    with pytest.raises(InvalidInput) as refused:
        parse_when(text, NOW, MONTREAL, None, language)
    assert says in str(refused.value)
