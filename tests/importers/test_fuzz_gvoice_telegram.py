"""Property tests for the Google Voice and Telegram readers: whatever a file holds, a
reader yields aware records or raises one of the importers' own errors, nothing else."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from boundary_desk.importers.gvoice import read_google_voice
from boundary_desk.importers.problems import BrokenFile, UnreadableImport
from boundary_desk.importers.telegram import read_telegram
from tests.importers.gvoice_files import call, conversation, line, party
from tests.importers.telegram_files import account, chat, message, phone_call

FUZZ = settings(max_examples=150, deadline=None, database=None)

_HTML_PIECES = st.sampled_from([
    '<div class="hChatLog hfeed">', '<div class="haudio">', '<div class="message">', "</div>",
    '<abbr class="dt" title="2016-11-22T17:57:49.000-05:00">', '<abbr class="dt" title="x">',
    '<abbr class="published" title="2016-11-22T17:57:49Z">', "</abbr>",
    '<abbr class="duration" title="PT12M51S">', '<abbr class="duration" title="PT99999999999H">',
    '<cite class="sender vcard">', '<a class="tel" href="tel:++1555">', '<a class="tel" href="">',
    '<abbr class="fn" title="">Me</abbr>', '<span class="fn">', "</span>", "</a>", "</cite>",
    "<q>", "</q>", "<br>", "<br />", '<span class="full-text">', '<div class="participants">',
    "<img src=x />", "<title>Me to\n", "</title>", "&amp;", "&#8239;", "&#0;", "&bogus;",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>", "<script>", "<!--", "\xff", "é", " ", "\n",
])  # fmt: skip
HTML_FILES = st.one_of(
    st.binary(max_size=300),
    st.lists(_HTML_PIECES | st.text(max_size=4), max_size=40)
    .map("".join)
    .map(lambda t: t.encode("utf-8", "surrogatepass").replace("\xff".encode(), b"\xff")),
)
_JSON_PIECES = st.sampled_from([
    "{", "}", "[", "]", ",", ":", '"chats"', '"list"', '"messages"', '"date_unixtime"',
    '"1700000000"', '"99999999999999999999"', '"type"', '"message"', '"service"',
    '"phone_call"', '"action"', '"from_id"', '"user1"', '"text"', '"personal_information"',
    '"user_id"', "1", "-1", "1e999", "null", "true", '"\\ud800"', '"\\u0000"', " ", "\n",
    '"duration_seconds"', '"personal_chat"', '"id"', "\xff", "é",
])  # fmt: skip
JSON_FILES = st.one_of(
    st.binary(max_size=300),
    st.lists(_JSON_PIECES | st.text(max_size=3), max_size=60)
    .map("".join)
    .map(lambda t: t.encode("utf-8", "surrogatepass").replace("\xff".encode(), b"\xff")),
)


def _file_with(data: bytes, name: str) -> tuple[tempfile.TemporaryDirectory[str], Path]:
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name, name)
    path.write_bytes(data)
    return folder, path


@FUZZ
@given(HTML_FILES)
@example(b'<html><div class="haudio"><abbr class="published" title="2016-01-01T00:00:00Z">')
@example(
    b'<p class="hChatLog"><div class="message"><abbr class="dt" title="9999-12-31T23:59-23:59">'
)
@example(  # a duration longer than timedelta holds
    b'<a class="haudio"><abbr class="published"title="0001-01-01\x0000:00:00Z">'
    b'<abbr class="duration"title="PT24000000000H">'
)
def test_google_voice_pages_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data, "x - Text - 2026.html")
    with folder:
        for chosen in (path, path.parent):
            try:
                for found in read_google_voice(chosen):
                    assert found.instant.tzinfo is not None
            except UnreadableImport as problem:
                assert problem.message


@FUZZ
@given(JSON_FILES)
@example(b'{"messages": [{"type": "message", "date_unixtime": "1", "text": [1, null]}]}')
@example(b'{"messages": [{"type": "message", "date_unixtime": "999999999999"}]}')
@example(b'{"date_unixtime": ' + b"[" * 5000)
def test_telegram_exports_fail_only_with_a_sentence(data: bytes) -> None:
    folder, path = _file_with(data, "result.json")
    with folder:
        try:
            for found in read_telegram(path):
                assert found.instant.tzinfo is not None
        except UnreadableImport as problem:
            assert problem.message


REAL_PAGE = conversation(
    "Me to\nRobin",
    *(line(f"2026-11-10T09:0{n}:00.000-05:00", party("+1555", "R"), f"m{n}") for n in range(5)),
)
REAL_CALL = call("Voicemail from", "+1555", "2026-11-10T09:00:00Z", duration="PT5S", transcript="t")
REAL_EXPORT = json.dumps(
    account(
        chat(
            "R",
            "personal_chat",
            2,
            *(message(n, 1_700_000_000 + n, "R", 2, f"m{n}") for n in range(5)),
            phone_call(9, 1_700_000_100, "R", 2, duration_seconds=3),
        )
    ),
    indent=1,
).encode()


TOLD_AT = REAL_EXPORT.index(b'"personal_information"') + len('"personal_information":')


@FUZZ
@given(st.integers(0, len(REAL_EXPORT)))
def test_a_telegram_export_cut_anywhere_keeps_what_was_whole(cut: int) -> None:
    folder, path = _file_with(REAL_EXPORT[:cut], "result.json")
    with folder:
        kept = []
        try:
            kept.extend(read_telegram(path))
        except BrokenFile as broken:
            assert broken.records_read >= len(kept)
        except UnreadableImport:
            assert cut < TOLD_AT  # too little of the file to tell it is Telegram's
        bodies = [m.body for m in kept if m.body]
        assert bodies == [f"m{n}" for n in range(len(bodies))]


@FUZZ
@given(st.integers(0, len(REAL_PAGE)), st.integers(0, len(REAL_CALL)))
def test_google_voice_pages_cut_anywhere_never_invent_a_record(cut: int, cut_call: int) -> None:
    folder, path = _file_with(REAL_PAGE[:cut].encode(), "a.html")
    with folder:
        Path(path.parent, "b.html").write_text(REAL_CALL[:cut_call], encoding="utf-8")
        try:
            found = list(read_google_voice(path.parent))
        except UnreadableImport:
            return
        texts = [m for m in found if m.body.startswith("m")]
        assert len(texts) <= 5 and len(found) <= 6
