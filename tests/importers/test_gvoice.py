"""Google Voice from Google Takeout: the real sample pages (names and numbers faked by
their author), and synthetic pages written here for what the samples lack."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.importers.gvoice import read_google_voice
from boundary_desk.importers.problems import WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome
from tests.importers.gvoice_files import call, conversation, line, party, write
from tests.importers.samples import sample_files, samples_folder

ME = "+15550100000"
NEEDS_SAMPLES = pytest.mark.skipif(samples_folder() is None, reason="samples folder absent")


def samples_copy(tmp_path: Path) -> Path:
    """The sample pages, laid out as Takeout does (Voice/Calls), with the names it gives."""
    calls = tmp_path / "Takeout" / "Voice" / "Calls"
    calls.mkdir(parents=True)
    for page in sample_files("google_voice", "*.html"):
        shutil.copy(page, calls / page.name.split("__", 2)[2].replace("_-_", " - "))
    return tmp_path / "Takeout" / "Voice"


@NEEDS_SAMPLES
def test_every_sample_page_is_recognised_and_read_with_counts_made_from_the_html() -> None:
    pages = sample_files("google_voice", "*.html")
    assert pages and all(recognise(page) is SourceKind.GOOGLE_VOICE for page in pages)
    texts = sum(p.read_text(encoding="utf-8").count('class="message"') for p in pages)
    calls = sum('class="haudio"' in p.read_text(encoding="utf-8") for p in pages)
    mine = sum(
        p.read_text(encoding="utf-8").count('<abbr class="fn" title="">Me</abbr>') for p in pages
    )
    assert (texts, calls, mine) == (66, 10, 25)  # counted by grep, independently
    reading = read_google_voice(samples_folder() / "google_voice")  # type: ignore[operator]
    found = list(reading)
    assert reading.summary.records == reading.summary.contacts == texts + calls
    assert sum(1 for m in found if m.channel is ContactChannel.TEXT) == texts
    assert (
        sum(1 for m in found if m.direction is Direction.OUT and m.channel is ContactChannel.TEXT)
        == mine
    )
    assert all(m.instant.tzinfo is UTC for m in found)
    assert len({m.source_key for m in found}) == len(found)


@NEEDS_SAMPLES
def test_the_sample_calls_carry_their_kind_duration_and_transcript(tmp_path: Path) -> None:
    found = list(read_google_voice(samples_copy(tmp_path)))
    calls = [m for m in found if m.channel is not ContactChannel.TEXT]
    by_outcome = sorted((m.outcome or "", m.direction or "") for m in calls)
    assert [o for o, _ in by_outcome].count(CallOutcome.VOICEMAIL) == 2
    received = next(m for m in calls if m.handles == ("+17323211010",))
    assert received.duration == timedelta(minutes=12, seconds=51)
    assert received.direction is Direction.IN and received.outcome is CallOutcome.ANSWERED
    voicemail = next(m for m in calls if m.handles == ("+12123214444",))
    assert voicemail.channel is ContactChannel.VOICEMAIL
    assert voicemail.body == "Hi, it's me. I'm just calling to say that I'm coming home."
    assert voicemail.instant == datetime(2014, 5, 17, 2, 54, 27, tzinfo=UTC)
    withheld = [m for m in calls if not m.handles]
    assert len(withheld) == 1 and withheld[0].direction is Direction.OUT
    # The two pages with no type in their name are placed calls, told from the content.
    untyped = [m for m in calls if m.handles == ("+17323218888",)]
    assert [m.direction for m in untyped] == [Direction.OUT, Direction.OUT]
    assert [m.duration for m in untyped] == [timedelta(minutes=1)] * 2
    missed = next(m for m in calls if m.outcome is CallOutcome.MISSED)
    assert missed.handles == ("+17323215555",) and missed.direction is Direction.IN


@NEEDS_SAMPLES
def test_a_group_lists_its_participants_and_a_one_sided_chat_its_title(tmp_path: Path) -> None:
    found = list(read_google_voice(samples_copy(tmp_path)))
    group = [m for m in found if len(m.handles) == 5]
    assert (
        len(group) == 20
    )  # grep -c 'class="message"' on that page and {m.conversation for m in group} == {"group"}
    assert set(group[0].names) == {
        "Debbie One",
        "Missy Two",
        "Trish Three",
        "Mary Four",
        "Laura Five",
    }
    agatha = [m for m in found if m.handles == ("Agatha M Christie",)]
    assert len(agatha) == 4 and all(m.direction is Direction.OUT for m in agatha)
    assert agatha[0].attachments == ("photo",) and agatha[0].body == ""


def test_a_folder_reads_every_page_and_a_repeated_copy_once(tmp_path: Path) -> None:
    calls = tmp_path / "Voice" / "Calls"
    page = conversation(
        "Me to\nRobin",
        line("2026-11-10T09:00:00.000-05:00", party("+15550142", "Robin"), "hello"),
        line("2026-11-10T09:01:00.000-05:00", party(ME, me=True), "hi back"),
    )
    write(calls, "Robin - Text - 2026-11-10T14_00_00Z.html", page)
    write(calls, "Robin - Text - 2026-11-10T14_00_00Z (1).html", page)
    missed = call("Missed call from", "++15550142", "2026-11-11T09:00:00.000-05:00", name="Robin")
    write(calls, "Robin - Missed - 2026-11-11T14_00_00Z.html", missed)
    (calls / "Robin - Text - 2026-11-10T14_00_00Z-1-1.jpg").write_bytes(b"\xff\xd8")
    assert recognise(tmp_path) is recognise(calls) is SourceKind.GOOGLE_VOICE
    for chosen in (tmp_path, tmp_path / "Voice", calls):
        reading = read_google_voice(chosen)
        found = list(reading)
        assert [(m.direction, m.channel) for m in found] == [
            (Direction.IN, ContactChannel.CALL),
            (Direction.IN, ContactChannel.TEXT),
            (Direction.OUT, ContactChannel.TEXT),
        ]
        assert found[0].handles == ("+15550142",)  # "++" written once
        assert found[1].instant == datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
        assert reading.summary.skipped == {}
        assert reading.summary.notes == ("1 page Takeout wrote twice was read once.",)
    # A copy on its own still gives the same keys: they come from the content.
    alone = tmp_path / "alone"
    write(alone, "Robin - Text - 2026-11-10T14_00_00Z (1).html", page)
    keys = {m.source_key for m in read_google_voice(alone)}
    assert keys == {
        m.source_key for m in read_google_voice(calls) if m.channel is ContactChannel.TEXT
    }


def test_a_page_without_a_usable_time_is_skipped_and_counted(tmp_path: Path) -> None:
    page = conversation(
        "x",
        line("2026-11-10T09:00:00", party("+15550142"), "no offset"),
        line("yesterday", party("+15550142"), "no date"),
        line("2026-11-10T09:00:00.000+01:00", party("+15550142"), "fine"),
    )
    reading = read_google_voice(write(tmp_path, "a.html", page))
    assert [m.body for m in reading] == ["fine"]
    assert reading.summary.skipped == {"unreadable date": 2} and reading.summary.records == 3


def test_markup_in_names_and_bodies_is_text_and_nothing_is_fetched(tmp_path: Path) -> None:
    page = conversation(
        "x",
        line("2026-11-10T09:00:00.000-05:00", party("+15550142", "&lt;b&gt;Bo&lt;/b&gt;"),
             "&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; <b>bold</b>&#8239;ok &bogus;"),
    )  # fmt: skip
    found = list(read_google_voice(write(tmp_path, "a.html", page)))
    assert found[0].body == "<script>alert(1)</script> &amp; bold\u202fok &bogus;"
    assert found[0].names == ("<b>Bo</b>",)
    assert "alert" not in repr(found[0]) and "Bo" not in repr(found[0])


def test_invalid_utf8_is_replaced_and_counted(tmp_path: Path) -> None:
    page = conversation("x", line("2026-11-10T09:00:00.000-05:00", party("+1555"), "caf\udce9"))
    path = tmp_path / "a.html"
    path.write_bytes(page.encode("utf-8", "surrogateescape"))
    reading = read_google_voice(path)
    assert [m.body for m in reading] == ["caf\ufffd"]
    assert reading.summary.replaced_bytes == 1


def test_html_that_is_not_a_voice_page_says_what_it_is(tmp_path: Path) -> None:
    plain = write(tmp_path, "page.html", "<!DOCTYPE html><html><body><p>hi</p></body></html>")
    with pytest.raises(WrongKind, match="a web page"):
        recognise(plain)
    takeout = write(
        tmp_path,
        "archive_browser.html",
        "<!DOCTYPE html><html><head><title>Google Takeout</title></head><body>x</body></html>",
    )
    with pytest.raises(WrongKind, match="Google Takeout page from another Google product"):
        read_google_voice(takeout)
    with pytest.raises(WrongKind, match="no Google Voice pages"):
        read_google_voice(tmp_path)
    with pytest.raises(IsADirectoryError):
        recognise(tmp_path)  # a folder of other pages: refused as a folder


def test_a_non_voice_page_in_a_voice_folder_is_skipped_and_counted(tmp_path: Path) -> None:
    write(tmp_path, "a.html", call("Received call from", "+1555", "2026-11-10T09:00:00Z",
                                   duration="PT1H2M3S"))  # fmt: skip
    write(tmp_path, "b.html", "<html><body>Google Takeout</body></html>")
    reading = read_google_voice(tmp_path)
    assert [m.duration for m in reading] == [timedelta(hours=1, minutes=2, seconds=3)]
    assert reading.summary.notes == (
        "1 page in the folder is not a Google Voice page and was not read.",
    )


def test_a_truncated_page_keeps_what_is_whole(tmp_path: Path) -> None:
    page = conversation(
        "x",
        line("2026-11-10T09:00:00.000-05:00", party("+15550142"), "first"),
        line("2026-11-10T09:01:00.000-05:00", party("+15550142"), "second"),
    )
    cut = page[: page.index("second") + 3]
    assert [m.body for m in read_google_voice(write(tmp_path, "a.html", cut))] == ["first", "sec"]
    assert re.search("first", repr(list(read_google_voice(tmp_path / "a.html")))) is None


def test_a_takeout_in_another_language_is_found_and_its_owner_told_by_the_markup(
    tmp_path: Path,
) -> None:
    # A French account's Takeout: its folders and the owner's "Me" are in French.
    calls = tmp_path / "Takeout" / "Voice" / "Appels"
    own = party(ME, me=True).replace(">Me<", ">Moi<")
    page = conversation(
        "Moi à\nRobin",
        line("2026-11-10T09:00:00.000-05:00", party("+15550142", "Robin"), "bonjour"),
        line("2026-11-10T09:01:00.000-05:00", own, "réponse"),
    )
    write(calls, "Robin - Texte - 2026-11-10T14_00_00Z.html", page)
    write(tmp_path / "Takeout", "archive_browser.html", "<html><body>Google Takeout</body></html>")
    assert recognise(tmp_path) is SourceKind.GOOGLE_VOICE
    for chosen in (tmp_path, tmp_path / "Takeout", calls):
        found = list(read_google_voice(chosen))
        assert [m.direction for m in found] == [Direction.IN, Direction.OUT]
        assert found[1].handles == ("+15550142",)  # the reply went to Robin
