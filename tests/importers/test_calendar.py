"""The session calendar reader: real exports from Google, Outlook/Exchange and others,
recurring sessions across DST with cancellations and moved occurrences, and bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from boundary_desk.importers.calendar import read_calendar
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from tests.importers.samples import params, sample_files

TORONTO = ZoneInfo("America/Toronto")
SINCE = datetime(2000, 1, 1, tzinfo=UTC)
UNTIL = datetime(2030, 1, 1, tzinfo=UTC)


def _read(text: str, zone: ZoneInfo = TORONTO):
    return read_calendar(text.replace("\n", "\r\n").encode(), zone, SINCE, UNTIL)


WEEKLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//Sessions//EN
BEGIN:VEVENT
UID:weekly-1@example.org
DTSTART;TZID=America/Toronto:20260302T180000
DTEND;TZID=America/Toronto:20260302T185000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=America/Toronto:20260316T180000
SUMMARY:Session - J. Client
ATTENDEE;CN=Jay:mailto:Jay.Client@Example.org
END:VEVENT
BEGIN:VEVENT
UID:weekly-1@example.org
RECURRENCE-ID;TZID=America/Toronto:20260323T180000
DTSTART;TZID=America/Toronto:20260324T090000
DTEND;TZID=America/Toronto:20260324T095000
SUMMARY:Session - J. Client (moved)
END:VEVENT
END:VCALENDAR
"""


def test_a_weekly_session_keeps_its_local_hour_across_the_dst_change() -> None:
    reading = _read(WEEKLY)
    starts = [o.start for o in reading.occurrences]
    # 2026-03-08 is the spring-forward Sunday in Toronto: 18:00 stays 18:00 local.
    assert [s.astimezone(TORONTO).hour for s in starts[:2]] == [18, 18]
    assert starts[0].utcoffset() != starts[1].utcoffset()
    assert all(s.tzinfo is not None for s in starts)


def test_a_cancelled_date_is_left_out_and_a_moved_one_is_at_its_new_time() -> None:
    reading = _read(WEEKLY)
    days = [o.start.astimezone(TORONTO).date().isoformat() for o in reading.occurrences]
    assert days == ["2026-03-02", "2026-03-09", "2026-03-24"]
    moved = reading.occurrences[-1]
    assert moved.start.astimezone(TORONTO).hour == 9
    assert moved.title == "Session - J. Client (moved)"


def test_each_occurrence_has_its_own_stable_key() -> None:
    first, again = _read(WEEKLY), _read(WEEKLY)
    keys = [o.key for o in first.occurrences]
    assert len(set(keys)) == len(keys) == 3
    assert keys == [o.key for o in again.occurrences]


def test_attendee_addresses_are_lower_cased_without_mailto() -> None:
    assert _read(WEEKLY).occurrences[0].attendees == ("jay.client@example.org",)


def test_a_status_cancelled_occurrence_is_no_session() -> None:
    text = WEEKLY.replace("SUMMARY:Session - J. Client (moved)", "STATUS:CANCELLED")
    days = [o.start.date().isoformat() for o in _read(text).occurrences]
    assert days == ["2026-03-02", "2026-03-09"]


def test_floating_times_are_read_in_the_practice_zone_and_said_so() -> None:
    text = WEEKLY.replace(";TZID=America/Toronto", "")
    reading = _read(text, ZoneInfo("Asia/Jerusalem"))
    assert reading.floating
    assert reading.occurrences[0].start.utcoffset().total_seconds() == 2 * 3600
    assert not _read(WEEKLY).floating


def test_an_all_day_event_is_marked_and_lasts_its_days() -> None:
    text = """BEGIN:VCALENDAR
BEGIN:VEVENT
UID:away@example.org
DTSTART;VALUE=DATE:20260810
DTEND;VALUE=DATE:20260815
SUMMARY:Away
TRANSP:TRANSPARENT
END:VEVENT
END:VCALENDAR
"""
    (away,) = _read(text).occurrences
    assert away.all_day
    assert (away.end - away.start).days == 5
    assert not away.busy


def test_an_event_with_no_start_is_counted_and_the_rest_still_read() -> None:
    text = WEEKLY.replace(
        "END:VCALENDAR", "BEGIN:VEVENT\nUID:x\nSUMMARY:broken\nEND:VEVENT\nEND:VCALENDAR"
    )
    reading = _read(text)
    assert reading.unreadable_events == 1
    assert len(reading.occurrences) == 3


def test_a_file_that_is_not_a_calendar_gets_one_sentence() -> None:
    with pytest.raises(WrongKind, match=r"not a calendar \(\.ics\)"):
        read_calendar(b"BEGIN:VCARD\r\nFN:Jay\r\nEND:VCARD\r\n", TORONTO, SINCE, UNTIL)


def test_a_calendar_cut_short_gets_one_sentence() -> None:
    with pytest.raises(UnreadableImport) as raised:
        read_calendar(WEEKLY[:200].encode(), TORONTO, SINCE, UNTIL)
    assert raised.value.message.endswith(".")


# The real exports --------------------------------------------------------------------


@pytest.mark.parametrize("path", params("ics"))
def test_every_real_calendar_is_read_with_aware_times(path) -> None:
    reading = read_calendar(path.read_bytes(), TORONTO, SINCE, UNTIL)
    assert reading.occurrences
    for o in reading.occurrences:
        assert o.start.tzinfo is not None and o.end >= o.start


def _sample(name: str) -> bytes:
    found = sample_files("ics", f"*{name}*")
    if not found:
        pytest.skip("samples folder absent")
    return found[0].read_bytes()


def test_exchange_repeat_rule_with_spaces_is_repaired() -> None:
    reading = read_calendar(_sample("issue_165"), TORONTO, SINCE, UNTIL)
    # Weekdays from 3 to 22 July 2015, at 10:00 in the file's own +02:00 summer zone.
    assert len(reading.occurrences) == 14
    assert reading.occurrences[0].start.utcoffset().total_seconds() == 2 * 3600


def test_an_outlook_zone_with_a_non_ascii_name_is_read_from_its_definition() -> None:
    (one,) = read_calendar(_sample("non_ascii_tzid"), TORONTO, SINCE, UNTIL).occurrences
    assert one.start.utcoffset().total_seconds() == -3 * 3600


def test_zones_named_but_not_defined_are_taken_from_the_zone_database() -> None:
    reading = read_calendar(_sample("missing_timezones"), TORONTO, SINCE, UNTIL)
    first = reading.occurrences[0]
    assert first.start.utcoffset().total_seconds() == -4 * 3600  # New York in August
    assert reading.unreadable_events == 2  # one with only RECURRENCE-ID, one with no start


def test_a_moved_occurrence_before_its_master_replaces_it() -> None:
    reading = read_calendar(
        _sample("moved_event"), TORONTO, SINCE, datetime(2022, 1, 1, tzinfo=UTC)
    )
    days = [o.start.date().isoformat() for o in reading.occurrences]
    assert days == ["2021-11-26", "2021-12-17"]  # 31 Dec moved to 17 Dec


def test_google_all_day_holidays_are_all_day() -> None:
    reading = read_calendar(_sample("holidays"), TORONTO, SINCE, UNTIL)
    assert sum(o.all_day for o in reading.occurrences) == 47


# Fuzzing --------------------------------------------------------------------------

LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "UID:a",
        "DTSTART:20260302T180000Z",
        "DTSTART;VALUE=DATE:20260302",
        "DTSTART;TZID=Nowhere/Else:20260302T180000",
        "DTEND:20260302T170000Z",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=BOGUS",
        "EXDATE:20260309T180000Z",
        "RECURRENCE-ID:20260309T180000Z",
        "DURATION:PT50M",
        "DURATION:nonsense",
        "SUMMARY:Session",
        "ATTENDEE:mailto:A@B.C",
        "STATUS:CANCELLED",
        "BEGIN:VTIMEZONE",
        "TZID:Nowhere/Else",
        "END:VTIMEZONE",
        " folded",
        "\u05e9\u05dc\u05d5\u05dd",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=25), st.binary(max_size=40))
@example(["BEGIN:VEVENT", "DTSTART:20260302T180000Z", "RRULE:FREQ=BOGUS", "END:VEVENT"], b"")
@example(["BEGIN:VEVENT", *["DTSTART:20260302T180000Z"] * 2, "END:VEVENT"], b"")  # twice
def test_damaged_calendars_fail_only_with_a_sentence(lines: list[str], tail: bytes) -> None:
    data = ("BEGIN:VCALENDAR\r\n" + "\r\n".join(lines) + "\r\nEND:VCALENDAR\r\n").encode() + tail
    try:
        reading = read_calendar(data, TORONTO, SINCE, UNTIL)
    except UnreadableImport as problem:
        assert problem.message
    else:
        assert all(o.start.tzinfo is not None for o in reading.occurrences)


def test_a_moved_occurrence_keeps_the_key_it_had_before_it_moved() -> None:
    unmoved = {o.start.date().isoformat(): o.key for o in _read(WEEKLY).occurrences}
    no_override = WEEKLY.split("BEGIN:VEVENT\nUID:weekly-1@example.org\nRECURRENCE-ID")[0]
    before = {
        o.start.date().isoformat(): o.key
        for o in _read(no_override + "END:VCALENDAR\n").occurrences
    }
    assert unmoved["2026-03-24"] == before["2026-03-23"]  # the same session, a day later
    assert {o.series for o in _read(WEEKLY).occurrences} == set(_read(WEEKLY).series)


def test_a_google_calendar_in_utc_keeps_local_hours_by_its_named_zone() -> None:
    text = """BEGIN:VCALENDAR
X-WR-TIMEZONE:America/Toronto
BEGIN:VEVENT
UID:utc-weekly@example.org
DTSTART:20261019T220000Z
DTEND:20261019T225000Z
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:Session
END:VEVENT
END:VCALENDAR
"""
    hours = [o.start.astimezone(TORONTO).hour for o in _read(text).occurrences]
    assert hours == [18, 18, 18]  # 1 November, the change back, falls between


def test_several_calendar_blocks_in_one_file_are_read_as_one() -> None:
    second = WEEKLY.replace("weekly-1@", "other-1@")
    reading = _read(WEEKLY + second)
    assert len(reading.occurrences) == 6


def test_events_without_a_uid_keep_their_keys_when_others_are_added() -> None:
    one = "BEGIN:VEVENT\nDTSTART:20261104T150000Z\nDTEND:20261104T155000Z\nSUMMARY:A\nEND:VEVENT\n"
    other = (
        "BEGIN:VEVENT\nDTSTART:20261105T150000Z\nDTEND:20261105T155000Z\nSUMMARY:B\nEND:VEVENT\n"
    )
    alone = _read(f"BEGIN:VCALENDAR\n{one}END:VCALENDAR\n").occurrences[0].key
    after = _read(f"BEGIN:VCALENDAR\n{other}{one}END:VCALENDAR\n").occurrences
    renamed = _read(f"BEGIN:VCALENDAR\n{one.replace('SUMMARY:A', 'SUMMARY:A2')}END:VCALENDAR\n")
    assert alone in {o.key for o in after}
    assert renamed.occurrences[0].key == alone  # the title is not in the key


def test_an_attendee_written_with_mixed_case_mailto_is_matched_by_address() -> None:
    text = WEEKLY.replace("mailto:Jay.Client", "Mailto:Jay.Client")
    assert _read(text).occurrences[0].attendees == ("jay.client@example.org",)


def test_a_guest_who_declined_is_not_at_the_session() -> None:
    text = WEEKLY.replace("ATTENDEE;CN=Jay:", "ATTENDEE;CN=Jay;PARTSTAT=DECLINED:")
    assert _read(text).occurrences[0].attendees == ()


def _outlook(tzid: str) -> str:
    """A weekly session as Outlook exports it: a Windows zone name, and no VTIMEZONE."""
    return (
        "BEGIN:VCALENDAR\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\n"
        f'BEGIN:VEVENT\nUID:o@x\nDTSTART;TZID="{tzid}":20261026T180000\n'
        f'DTEND;TZID="{tzid}":20261026T185000\nRRULE:FREQ=WEEKLY;COUNT=2\n'
        "SUMMARY:Session\nEND:VEVENT\nEND:VCALENDAR\n"
    )


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Pacific Standard Time", "America/Los_Angeles"),
        ("Israel Standard Time", "Asia/Jerusalem"),
        ("W. Europe Standard Time", "Europe/Berlin"),
    ],
)
def test_an_outlook_windows_zone_with_no_definition_is_its_zone_not_floating(
    tzid: str, zone: str
) -> None:
    reading = _read(_outlook(tzid), TORONTO)  # the practice's zone is another one
    hours = [o.start.astimezone(ZoneInfo(zone)).hour for o in reading.occurrences]
    assert hours == [18, 18]  # 18:00 there, across the end of DST between the two
    assert not reading.floating  # nothing was read in the practice's zone


def test_a_zone_name_no_one_can_place_is_read_in_the_practice_zone_and_said_so() -> None:
    reading = _read(_outlook("Heure normale de l’Est (personnalisée)"), ZoneInfo("Asia/Jerusalem"))
    assert reading.floating
    assert [o.start.astimezone(ZoneInfo("Asia/Jerusalem")).hour for o in reading.occurrences] == [
        18,
        18,
    ]


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("(GMT-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"),
        ("(UTC-03:30) Newfoundland", "America/St_Johns"),
        ("(UTC+02:00) Jerusalem", "Asia/Jerusalem"),
        ("(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"),
    ],
)
def test_an_outlook_display_name_zone_with_no_definition_is_its_zone_not_floating(
    tzid: str, zone: str
) -> None:
    reading = _read(_outlook(tzid), ZoneInfo("Asia/Tokyo"))  # the practice is elsewhere
    hours = [o.start.astimezone(ZoneInfo(zone)).hour for o in reading.occurrences]
    assert hours == [18, 18]  # 18:00 there, on both sides of the end of DST
    assert not reading.floating


def test_a_display_name_whose_offset_is_not_its_citys_is_read_in_the_practice_zone() -> None:
    # "Jerusalem" at −05:00 is no zone anyone uses: nothing is guessed.
    reading = _read(_outlook("(UTC-05:00) Jerusalem"), ZoneInfo("Asia/Jerusalem"))
    assert reading.floating
    hours = [o.start.astimezone(ZoneInfo("Asia/Jerusalem")).hour for o in reading.occurrences]
    assert hours == [18, 18]


def test_a_display_name_the_file_defines_is_read_from_its_definition() -> None:
    tzid = "(UTC-05:00) Eastern Time (US & Canada)"
    definition = (
        f"BEGIN:VTIMEZONE\nTZID:{tzid}\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"
        "TZOFFSETFROM:-0400\nTZOFFSETTO:-0300\nEND:STANDARD\nEND:VTIMEZONE\n"
    )  # a (wrong but defined) −03:00 the file insists on: the file wins
    text = _outlook(tzid).replace("BEGIN:VEVENT", definition + "BEGIN:VEVENT", 1)
    reading = _read(text, TORONTO)
    assert [o.start.utcoffset() for o in reading.occurrences] == [timedelta(hours=-3)] * 2


def test_a_display_name_folded_across_lines_is_still_placed() -> None:
    unfolded = _outlook("(UTC+02:00) Jerusalem")
    text = unfolded.replace('Jerusalem":20261026T180000', 'Jeru\n salem":20261026T180000', 1)
    assert text != unfolded
    reading = _read(text, TORONTO)
    assert not reading.floating
    hours = [o.start.astimezone(ZoneInfo("Asia/Jerusalem")).hour for o in reading.occurrences]
    assert hours == [18, 18]
