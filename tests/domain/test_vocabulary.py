"""One vocabulary for screen and paper: labels, day and month names, the working-hours grid."""

from __future__ import annotations

import ast
import locale
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from pathlib import Path

import pytest

import boundary_desk
from boundary_desk.domain import boundary_warnings, trends
from boundary_desk.domain.after_hours import after_hours
from boundary_desk.domain.agreements import Channel, Purpose
from boundary_desk.domain.clients import Client
from boundary_desk.domain.events import (
    Category,
    Consent,
    ContactChannel,
    ContactEvent,
    Direction,
    EventKind,
    FriendRequest,
    RequestAction,
    Search,
    SearchPurpose,
)
from boundary_desk.domain.hours import DAY_ABBREVIATIONS, parse_hours, parse_weekday
from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.domain.record import RecordEntry
from boundary_desk.domain.vocabulary.calendar_names import (
    CALENDAR_NAMES,
    day_month,
    day_name,
    long_date,
    month_name,
    short_date,
    short_day_name,
    short_month_name,
    weekday_date,
    weekday_day_month,
)
from boundary_desk.domain.vocabulary.hours_grid import closed_days, working_grid, working_spans
from boundary_desk.domain.vocabulary.labels import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    CONSENT_LABELS,
    CONSENT_PHRASES,
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    EVENT_KIND_LABELS,
    PURPOSE_LABELS,
    REQUEST_ACTION_LABELS,
    SEARCH_PURPOSE_LABELS,
    WARNING_LABELS,
    warning_label,
)
from boundary_desk.domain.weeks import Week

PACKAGE = Path(boundary_desk.__file__).parent
PRACTICE = PracticeSettings.from_values(
    {
        "timezone": "America/Toronto",
        "region": "CA-ON",
        "hours": "mon-thu 09:00-17:30; fri 09:00-13:00",
        "vacation": "2026-08-03..2026-08-05",
    }
)
TUESDAY_NOON = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


# Every enum member has a label -------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "enum"),
    [
        (EVENT_KIND_LABELS, EventKind),
        (CONTACT_CHANNEL_LABELS, ContactChannel),
        (DIRECTION_LABELS, Direction),
        (CATEGORY_LABELS, Category),
        (REQUEST_ACTION_LABELS, RequestAction),
        (SEARCH_PURPOSE_LABELS, SearchPurpose),
        (CONSENT_LABELS, Consent),
        (CONSENT_PHRASES, Consent),
        (CHANNEL_LABELS, Channel),
        (PURPOSE_LABELS, Purpose),
    ],
)
def test_every_member_has_a_label(labels: Mapping[Enum, str], enum: type[Enum]) -> None:
    assert set(labels) == set(enum)
    assert all(label.strip() == label and label for label in labels.values())
    assert len(set(labels.values())) == len(labels), "two members share a label"


def _warning_codes() -> set[str]:
    """Every code a boundary rule or a trend test gives, read from their source."""
    codes = set()
    for module in (boundary_warnings, trends):
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("BoundaryWarning", "TrendFinding")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(str(node.args[0].value))
    return codes


def test_every_warning_kind_has_a_label() -> None:
    codes = _warning_codes()
    assert len(codes) >= 15  # the scan found the rules
    assert codes == set(WARNING_LABELS)
    assert warning_label("after_hours") == "Contact after hours"
    assert warning_label("a_new_rule") == "A new rule"


# Day and month names -----------------------------------------------------------------


def test_day_and_month_names_follow_the_calendar() -> None:
    monday = date(2026, 11, 16)
    assert [day_name((monday + timedelta(days=n)).weekday()) for n in range(7)] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]  # fmt: skip
    assert [short_day_name(n) for n in range(7)] == [
        "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    ]  # fmt: skip
    assert [month_name(m) for m in (1, 5, 12)] == ["January", "May", "December"]
    assert [short_month_name(m) for m in (1, 9, 12)] == ["Jan", "Sep", "Dec"]


def test_dates_are_written_the_same_way_everywhere() -> None:
    friday = date(2026, 11, 20)
    assert long_date(date(2026, 3, 1)) == "1 March 2026"
    assert short_date(friday) == "20 Nov 2026"
    assert day_month(friday) == "20 Nov"
    assert weekday_date(friday) == "Fri 20 Nov 2026"
    assert weekday_day_month(friday) == "Fri 20 Nov"


def test_names_are_kept_by_language_code_for_later_languages() -> None:
    assert set(CALENDAR_NAMES) == {"en", "fr", "he"}
    english = CALENDAR_NAMES["en"]
    assert english.short_months == tuple(m[:3] for m in english.months)
    assert day_name(4, "en") == "Friday"


def test_typed_hours_read_the_same_day_names() -> None:
    assert DAY_ABBREVIATIONS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for number in range(7):
        assert parse_weekday(day_name(number)) == number
        assert parse_weekday(short_day_name(number)) == number
    assert parse_hours("mon-thu 09:00-17:00").describe() == "Monday to Thursday 9:00–17:00"


@pytest.fixture
def foreign_time_locale() -> Iterator[str]:
    before = locale.setlocale(locale.LC_TIME)
    for name in ("fr_FR.UTF-8", "de_DE.UTF-8", "he_IL.UTF-8", "fr_FR.utf8", "de_DE.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            yield name
        finally:
            locale.setlocale(locale.LC_TIME, before)
        return
    pytest.skip("no non-English locale is installed")


def test_names_do_not_follow_the_process_locale(foreign_time_locale: str) -> None:
    assert f"{date(2026, 11, 20):%a}" != "Fri"  # the locale really is in force
    assert weekday_date(date(2026, 11, 20)) == "Fri 20 Nov 2026"
    assert long_date(date(2026, 11, 20)) == "20 November 2026"


def test_no_screen_or_page_asks_the_locale_for_a_name() -> None:
    """%a, %A, %b and %B print the process locale's words; the table is used instead."""
    asking = re.compile(r"%[aAbB]")
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if asking.search(line)
    ]
    assert found == []


# The working-hours grid --------------------------------------------------------------


def test_the_grid_marks_the_hours_the_after_hours_rule_calls_working() -> None:
    week = Week.of(datetime(2026, 11, 18, 12, tzinfo=PRACTICE.timezone), PRACTICE.timezone)
    grid = working_grid(week, PRACTICE)
    for day in range(7):
        moment = week.monday + timedelta(days=day)
        for hour in range(24):
            at = datetime.combine(moment, time(hour, 30), PRACTICE.timezone)
            assert grid[day][hour] is (after_hours(at, PRACTICE) is None), (day, hour)
    assert grid[0][16] and not grid[0][17]  # judged at 17:30, the end of the day
    assert not grid[4][13] and not any(grid[5])


def test_a_holiday_or_vacation_day_is_left_out_of_the_grid() -> None:
    christmas = Week.of(datetime(2026, 12, 25, 12, tzinfo=PRACTICE.timezone), PRACTICE.timezone)
    assert closed_days(christmas, PRACTICE) == (4,)  # Friday 25 December
    assert working_spans(christmas, PRACTICE)[4] == ()
    assert not any(working_grid(christmas, PRACTICE)[4])
    vacation = Week.of(datetime(2026, 8, 4, 12, tzinfo=PRACTICE.timezone), PRACTICE.timezone)
    assert closed_days(vacation, PRACTICE) == (0, 1, 2)
    assert working_spans(vacation, PRACTICE)[3] == PRACTICE.hours.days[3]


# Screen and paper say the same thing -------------------------------------------------


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so PDF text cannot be read")
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return " ".join(result.stdout.split())


EVENTS = (
    ContactEvent(
        1, EventKind.CONTACT, TUESDAY_NOON, channel=ContactChannel.VOICEMAIL,
        direction=Direction.OUT, category=Category.CRISIS, summary="Called back.",
    ),
    ContactEvent(
        1, EventKind.FRIEND_REQUEST, TUESDAY_NOON, summary="Follow request.",
        request=FriendRequest("Instagram", RequestAction.PENDING),
    ),
    ContactEvent(
        1, EventKind.SEARCH, TUESDAY_NOON, summary="Searched.",
        search=Search(SearchPurpose.RISK, Consent.IMMINENT_RISK),
    ),
)  # fmt: skip


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: e.kind.value)
def test_the_timeline_and_the_record_use_the_same_words(
    event: ContactEvent, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6")
    from boundary_desk.reports.communication_record import communication_record_pdf
    from boundary_desk.ui.timeline.details import facts

    pdf = communication_record_pdf(
        client=Client(code="C-001", display_name="Sam", id=1),
        practice=PRACTICE,
        entries=[RecordEntry(event, after_hours(event.occurred_at, PRACTICE), ())],
        printed_on=date(2026, 11, 30),
    )
    paper = _pdf_text(pdf, tmp_path).lower()
    screen = dict(facts(event, PRACTICE.timezone))
    shared = {
        "Who reached out": event.direction and DIRECTION_LABELS[event.direction],
        "Category": event.category and CATEGORY_LABELS[event.category],
        "What you did": event.request and REQUEST_ACTION_LABELS[event.request.action],
        "Purpose": event.search and SEARCH_PURPOSE_LABELS[event.search.purpose],
        "Consent": event.search and CONSENT_LABELS[event.search.consent],
    }
    checked = 0
    for question, label in shared.items():
        if question in screen and label:
            assert screen[question].lower() == label
            assert label in paper, f"{label!r} is on screen but not on paper"
            checked += 1
    assert checked
    assert event.title().lower() in paper


def test_heat_levels_are_counts_up_to_five_then_scaled_to_the_busiest_hour() -> None:
    from boundary_desk.domain.vocabulary.hours_grid import heat_level

    assert [heat_level(n, 5) for n in range(6)] == [0, 1, 2, 3, 4, 5]
    assert heat_level(12, 12) == 5 and heat_level(1, 100) == 1 and heat_level(50, 100) == 3
    assert heat_level(-1, 5) == 0


# The labels on a screen in French and Hebrew ------------------------------------------

# A label French writes as English does.
_FRENCH_AS_ENGLISH = {"contact", "information", "note"}


@pytest.mark.parametrize("language", ["fr", "he"])
def test_every_label_a_screen_shows_is_in_the_language(language: str) -> None:
    from boundary_desk.domain.vocabulary import labels
    from boundary_desk.system import i18n

    mappings = [
        value
        for name, value in vars(labels).items()
        if name.endswith(("_LABELS", "_PHRASES")) and isinstance(value, Mapping)
    ]
    assert len(mappings) >= 13  # every mapping of labels.py, found by its name
    i18n.set_language(language)
    try:
        for mapping in mappings:
            for english in mapping.values():
                same = language == "fr" and english in _FRENCH_AS_ENGLISH
                assert labels.shown(english) != english or same, english
        titles = {
            labels.shown_event_title(
                ContactEvent(
                    kind=EventKind.CONTACT,
                    occurred_at=TUESDAY_NOON,
                    client_id=1,
                    channel=channel,
                    direction=direction,
                )
            )
            for channel in (*ContactChannel, None)
            for direction in Direction
        }
        assert len(titles) == 2 * (len(ContactChannel) + 1)  # each its own sentence
        for action in RequestAction:
            request = ContactEvent(
                kind=EventKind.FRIEND_REQUEST,
                occurred_at=TUESDAY_NOON,
                client_id=1,
                request=FriendRequest(platform="Instagram", action=action),
            )
            title = labels.shown_event_title(request)
            assert "Instagram" in title and action.value not in title, title
    finally:
        i18n.set_language("en")
    # In English, a screen shows the labels and titles as the reports and the CLI do.
    event = ContactEvent(
        kind=EventKind.CONTACT,
        occurred_at=TUESDAY_NOON,
        client_id=1,
        channel=ContactChannel.TEXT,
        direction=Direction.IN,
    )
    assert labels.shown_event_title(event) == event.title() == "Text message from the client"
    assert labels.shown(CATEGORY_LABELS[Category.CLINICAL]) == "clinical"


@pytest.mark.parametrize(
    ("language", "weekend", "holiday"),
    [
        ("en", "weekend", "public holiday: Christmas Day"),
        ("fr", "fin de semaine", "jour férié : Christmas Day"),
        ("he", "סוף שבוע", "חג: Christmas Day"),
    ],
)
@pytest.mark.usefixtures("english_after")
def test_why_a_contact_was_after_hours_is_said_in_the_apps_language(
    language: str, weekend: str, holiday: str
) -> None:
    from boundary_desk.domain.after_hours import AfterHours, AfterHoursReason
    from boundary_desk.domain.vocabulary.labels import after_hours_reason, shown_after_hours_reason
    from boundary_desk.system import i18n

    saturday = AfterHours(AfterHoursReason.WEEKEND, TUESDAY_NOON)
    christmas = AfterHours(AfterHoursReason.HOLIDAY, TUESDAY_NOON, holiday="Christmas Day")
    i18n.set_language(language)
    assert shown_after_hours_reason(saturday) == weekend
    assert shown_after_hours_reason(christmas) == holiday
    # The command line's JSON and the English source stay as they are.
    assert after_hours_reason(christmas) == "public holiday: Christmas Day"
