"""Chat times carry no zone: each is read in the phone's zone, clock changes decided."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.importers.whatsapp import read_whatsapp
from boundary_desk.importers.whatsapp_chat import inspect_chat
from boundary_desk.importers.whatsapp_header import read_header
from boundary_desk.importers.whatsapp_time import DateOrder, default_order
from tests.importers.whatsapp_files import android, ios, write


def instants(path: Path, zone: str, order: str = "day-first") -> list[str]:
    reading = read_whatsapp(path, zone=ZoneInfo(zone), date_order=order)
    return [m.instant.strftime("%Y-%m-%d %H:%M:%S") for m in reading]


def notes(path: Path, zone: str, order: str = "day-first") -> tuple[str, ...]:
    reading = read_whatsapp(path, zone=ZoneInfo(zone), date_order=order)
    list(reading)
    return reading.summary.notes


@pytest.mark.parametrize(
    ("written", "hour", "minute", "second"),
    [
        ("20/06/2019, 15:58 - ", 15, 58, 0),
        ("[20.06.19, 15:58:47] ", 15, 58, 47),
        ("6/20/19, 3:58 PM - ", 15, 58, 0),
        ("6/20/19, 12:05 AM - ", 0, 5, 0),
        ("6/20/19, 12:05 PM - ", 12, 5, 0),
        ("[6/20/19, 3:58:47\u202fPM] ", 15, 58, 47),  # iOS: narrow no-break space
        ("\u200e[6/20/19, 3:58:47 PM] ", 15, 58, 47),  # iOS: left-to-right mark first
        ("2019-06-20, 3:58 p.m. - ", 15, 58, 0),  # Canada
        ("20/06/2019, 3:58 p. m. - ", 15, 58, 0),  # Spanish style
        ("[1.10.2026 klo 16.46.12] ", 16, 46, 12),  # Finnish
        ("20. 6. 2019 15:58 - ", 15, 58, 0),  # Czech
    ],
)
def test_headers_in_each_layout(written: str, hour: int, minute: int, second: int) -> None:
    header = read_header(written + "Dana: hello")
    assert header is not None
    assert (header.stamp.hour, header.stamp.minute, header.stamp.second) == (hour, minute, second)
    assert header.rest == "Dana: hello"


@pytest.mark.parametrize(
    "line",
    ["hello there", "20/06/2019 - Dana: no time", "20/06/2019, 25:10 - Dana: x", "13:58 PM - x"],
)
def test_lines_that_start_no_message(line: str) -> None:
    assert read_header(line) is None


def test_london_autumn_overlap_read_as_first_then_second_by_file_order(tmp_path: Path) -> None:
    chat = android([
        ("25/10/2026", "00:50", "Dana", "before"),
        ("25/10/2026", "01:10", "Dana", "first pass"),
        ("25/10/2026", "01:50", "Sam", "still first"),
        ("25/10/2026", "01:05", "Dana", "second pass: the clock went back"),
        ("25/10/2026", "01:30", "Sam", "second"),
        ("25/10/2026", "02:10", "Dana", "after"),
    ])  # fmt: skip
    path = write(tmp_path, chat)
    assert instants(path, "Europe/London") == [
        "2026-10-24 23:50:00",
        "2026-10-25 00:10:00",  # 01:10 BST
        "2026-10-25 00:50:00",
        "2026-10-25 01:05:00",  # 01:05 GMT
        "2026-10-25 01:30:00",
        "2026-10-25 02:10:00",
    ]
    assert notes(path, "Europe/London")[1:] == (
        "4 times fell in the hour the clocks went back; 2 read as the first occurrence "
        "and 2 as the second, as the times before them show.",
    )


def test_an_overlap_the_file_order_cannot_place_is_read_as_its_first(tmp_path: Path) -> None:
    chat = android([
        ("25/10/2026", "01:10", "Dana", "a"),
        ("25/10/2026", "01:20", "Dana", "b"),
        ("25/10/2026", "01:20", "Dana", "b"),
    ])  # fmt: skip
    path = write(tmp_path, chat)
    assert instants(path, "Europe/London") == [
        "2026-10-25 00:10:00",
        "2026-10-25 00:20:00",
        "2026-10-25 00:20:00",
    ]
    assert notes(path, "Europe/London") == (
        "Dates were read day-first (31/12/2026).",
        "3 times fell in the hour the clocks went back; each was read as its first occurrence.",
    )


def test_london_spring_gap_moves_forward(tmp_path: Path) -> None:
    chat = android([
        ("29/03/2026", "00:59", "Dana", "before"),
        ("29/03/2026", "01:30", "Dana", "a time that never was"),
        ("29/03/2026", "02:30", "Dana", "after"),
    ])  # fmt: skip
    path = write(tmp_path, chat)
    # 01:30 is read as 02:30 BST, the same moment as the next line's.
    assert instants(path, "Europe/London") == [
        "2026-03-29 00:59:00",
        "2026-03-29 01:30:00",
        "2026-03-29 01:30:00",
    ]
    assert notes(path, "Europe/London")[1:] == (
        "1 time fell in the hour the clocks went forward, which never happened; it was "
        "moved forward by that hour.",
    )


def test_jerusalem_both_changes(tmp_path: Path) -> None:
    chat = ios([
        ("27.03.26", "02:30:00", "דנה", "שלום"),  # the clock skips 02:00-03:00
        ("27.03.26", "03:30:00", "דנה", "אחרי"),
        ("25.10.26", "01:40:00", "דנה", "first"),
        ("25.10.26", "01:20:00", "דנה", "second"),
    ])  # fmt: skip
    path = write(tmp_path, chat)
    assert instants(path, "Asia/Jerusalem") == [
        "2026-03-27 00:30:00",  # read with +02:00, i.e. 03:30 IDT
        "2026-03-27 00:30:00",
        "2026-10-24 22:40:00",  # 01:40 IDT (+03:00)
        "2026-10-24 23:20:00",  # 01:20 IST (+02:00), after it
    ]
    assert len(notes(path, "Asia/Jerusalem")) == 3


def test_toronto_twelve_hour_month_first(tmp_path: Path) -> None:
    chat = android([
        ("3/8/26", "2:15 AM", "Dana", "the clock skips 2-3 AM"),
        ("3/8/26", "3:15 AM", "Dana", "after"),
        ("11/1/26", "1:30 AM", "Dana", "first 1:30"),
        ("11/1/26", "1:10 AM", "Dana", "the second 1 AM hour"),
        ("11/1/26", "2:00 PM", "Dana", "afternoon"),
    ])  # fmt: skip
    path = write(tmp_path, chat)
    assert inspect_chat(path).date_order is None  # no number over 12: the file can't say
    assert instants(path, "America/Toronto", "month-first") == [
        "2026-03-08 07:15:00",  # read with -05:00
        "2026-03-08 07:15:00",
        "2026-11-01 05:30:00",  # EDT
        "2026-11-01 06:10:00",  # EST
        "2026-11-01 19:00:00",
    ]


def test_instants_are_aware_utc(tmp_path: Path) -> None:
    path = write(tmp_path, android([("20/06/2019", "15:58", "Dana", "hi")]))
    (message,) = read_whatsapp(path, zone=ZoneInfo("Europe/London"), date_order="day-first")
    assert message.instant == datetime(2019, 6, 20, 14, 58, tzinfo=UTC)
    assert message.instant.utcoffset() is not None


def test_date_order_is_inferred_over_the_whole_file(tmp_path: Path) -> None:
    early = [("03/04/2026", "10:00", "Dana", "ambiguous")] * 50
    day_first = write(tmp_path, android([*early, ("25/04/2026", "10:00", "Dana", "late")]))
    month_first = write(
        tmp_path, android([*early, ("04/25/2026", "10:00", "Dana", "x")]), "month.txt"
    )
    neither = write(tmp_path, android(early), "neither.txt")
    assert inspect_chat(day_first).date_order is DateOrder.DAY_FIRST
    assert inspect_chat(month_first).date_order is DateOrder.MONTH_FIRST
    facts = inspect_chat(neither)
    assert facts.date_order is None and not facts.decided


def test_a_date_that_does_not_exist_in_the_chosen_order_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, android([("25/04/2026", "10:00", "Dana", "x")] * 2))
    reading = read_whatsapp(path, zone=ZoneInfo("UTC"), date_order="month-first")
    assert list(reading) == []
    assert reading.summary.skipped == {"unreadable date": 2}


def test_span_gives_the_first_and_last_local_times(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        android([("20/06/2019", "15:58", "Dana", "a"), ("21/06/2019", "09:01", "Sam", "b")]),
    )
    facts = inspect_chat(path)
    assert facts.date_order is not None
    span = facts.span(ZoneInfo("Europe/London"), facts.date_order)
    assert span is not None
    assert [t.isoformat() for t in span] == [
        "2019-06-20T15:58:00+01:00",
        "2019-06-21T09:01:00+01:00",
    ]


@pytest.mark.parametrize(
    ("country", "order"),
    [
        ("US", DateOrder.MONTH_FIRST),
        ("ca", DateOrder.MONTH_FIRST),
        ("GB", DateOrder.DAY_FIRST),
        ("IL", DateOrder.DAY_FIRST),
        ("FR", DateOrder.DAY_FIRST),
        ("KR", DateOrder.YEAR_FIRST),
        ("", DateOrder.DAY_FIRST),
    ],
)
def test_default_order_by_region(country: str, order: DateOrder) -> None:
    assert default_order(country) is order


def test_an_unknown_date_order_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, android([("20/06/2019", "15:58", "Dana", "a")]))
    with pytest.raises(ValueError, match="sideways"):
        read_whatsapp(path, zone=ZoneInfo("UTC"), date_order="sideways")
