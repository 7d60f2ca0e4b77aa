"""Facebook and Instagram downloads that are damaged, hostile or not downloads at all;
the real-format sample, counted independently; and fuzzing. The damaged downloads are
synthetic, built from tests/importers/meta_layouts.py."""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boundary_desk.domain.events import Direction
from boundary_desk.importers.meta import inspect_meta, read_meta
from boundary_desk.importers.meta_source import MetaSource
from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind
from boundary_desk.importers.recognise import KNOWN_FORMATS, SourceKind, recognise
from tests.importers.meta_files import CLIENT, OWNER, write_tree, write_zip
from tests.importers.meta_layouts import facebook_old
from tests.importers.samples import params

FUZZ = settings(max_examples=150, deadline=None, database=None)


@pytest.mark.parametrize("path", params("instagram_facebook", "*.json"))
def test_the_sample_is_read_with_counts_taken_independently(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    senders = re.findall(r'"sender_name":\s*"([^"]*)"', raw)
    stamps = [int(s) for s in re.findall(r'"timestamp_ms":\s*(\d+)', raw)]
    assert recognise(path) is SourceKind.META_JSON
    facts = inspect_meta(path)
    assert set(facts.participants) == set(senders)
    me = senders[-1]  # the sample names no owner; say who is
    reading = read_meta(path, me=me)
    found = list(reading)
    assert len(found) == len(senders) == reading.summary.records
    assert [int(m.instant.timestamp() * 1000) for m in found] == stamps
    assert stamps == sorted(stamps, reverse=True)  # newest first, as the downloads are
    assert [m.direction for m in found] == [
        Direction.OUT if s == me else Direction.IN for s in senders
    ]


@pytest.mark.parametrize(
    "text",
    ['{"foo": 1, "bar": [1, 2]}', "[1, 2, 3]", '{"messages": [{"text": "hi"}]}', "{"],
)
def test_a_json_of_another_layout_is_named_and_what_was_expected(text: str, tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(text)
    with pytest.raises(WrongKind) as raised:
        recognise(path)
    message = str(raised.value)
    assert "JSON file of a layout it doesn't know" in message and "message_1.json" in message
    assert message.endswith(KNOWN_FORMATS)


def test_a_recognised_json_of_no_known_shape_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "message_1.json"
    path.write_text('{"sender_name": "x", "other": []}')
    with pytest.raises(WrongKind) as raised:
        list(read_meta(path))
    assert "neither a message thread nor a list of requests" in str(raised.value)


def test_a_truncated_message_file_says_where_it_breaks(tmp_path: Path) -> None:
    files = facebook_old()
    whole = json.dumps(files["messages/inbox/zoemartin_1234/message_1.json"])
    path = tmp_path / "message_1.json"
    path.write_text(whole[: len(whole) // 2])
    assert recognise(path) is SourceKind.META_JSON
    with pytest.raises(BrokenFile) as raised:
        list(read_meta(path))
    assert "damaged at character" in str(raised.value)
    assert CLIENT not in str(raised.value)


def test_a_truncated_file_in_a_download_comes_after_the_whole_ones(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "dl", facebook_old())
    broken = folder / "messages/inbox/zoemartin_1234/message_2.json"
    broken.write_text(broken.read_text()[:100])
    reading = read_meta(folder, me=OWNER)
    found = []
    with pytest.raises(BrokenFile) as raised:
        found.extend(reading)
    # The requests (2), the friend's thread (2) and the client's newest file (2) came first.
    assert len(found) == raised.value.records_read == 6
    assert "file 4 of the 4" in str(raised.value) and "zoemartin" not in str(raised.value)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages/inbox/x_1/message_1.json", b" " * (24 << 20))
    assert recognise(path) is SourceKind.META_ZIP
    with pytest.raises(UnreadableImport) as raised:
        list(read_meta(path))
    assert "refused without being unpacked" in str(raised.value)


def test_a_damaged_zip_member_is_refused_whole(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "dl.zip", facebook_old())
    data = bytearray(path.read_bytes())
    at = data.find(b"message_2.json") + 60  # inside that member's compressed bytes
    data[at : at + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableImport):
        list(read_meta(path, me=OWNER))


def test_a_folder_that_is_no_download_is_refused_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "a.json").write_text("{}")
    with pytest.raises(IsADirectoryError):
        recognise(tmp_path)


def test_a_download_with_only_its_profile_is_no_download_to_import(tmp_path: Path) -> None:
    profile = {k: v for k, v in facebook_old().items() if k.startswith("profile")}
    with pytest.raises(IsADirectoryError):
        recognise(write_tree(tmp_path / "dl", profile))
    empty = {"friends_and_followers/friend_requests_received.json": {"received_requests_v2": []}}
    assert list(read_meta(write_tree(tmp_path / "dl2", empty))) == []


def test_a_zip_of_something_else_is_not_taken_for_a_download(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "x.zip", {"photos/a.json": {"messages": []}})
    with pytest.raises(WrongKind):
        recognise(path)


_PIECES = st.sampled_from([
    "{", "}", "[", "]", ",", ":", '"', '"participants"', '"messages"', '"sender_name"',
    '"senderName"', '"timestamp_ms"', '"timestamp"', '"content"', '"text"', '"name"',
    '"call_duration"', '"photos"', '"is_unsent"', '"received_requests_v2"',
    '"relationships_follow_requests_received"', '"string_list_data"', '"thread_path"',
    "1700000000000", "-1", "1e400", "99999999999999999999999", "true", "null", "0.5",
    '"\\u00c3\\u00a9"', '"\\ud83d"', '"\\u0000"', '"Liked a message"', '"x"', "\xff", "é",
])  # fmt: skip


def _check(path: Path) -> None:
    try:
        reading = read_meta(path, me="x")
        for _ in reading:
            pass
        assert reading.summary.records >= reading.summary.contacts
    except UnreadableImport:
        pass


@FUZZ
@given(st.lists(_PIECES, max_size=60))
def test_fuzzed_json_text_never_raises_anything_else(pieces: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "message_1.json")
        path.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
        _check(path)


_KEYS = st.sampled_from([
    "participants", "messages", "sender_name", "senderName", "timestamp_ms", "timestamp",
    "content", "text", "name", "call_duration", "photos", "media", "uri", "share",
    "is_unsent", "type", "thread_path", "title", "received_requests", "value", "href",
    "relationships_follow_requests_received", "string_list_data", "profile_v2", "full_name",
    "relationships_follow_requests_sent",
])  # fmt: skip
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=30,
)


@FUZZ
@given(_JSON, st.sampled_from(["message_1.json", "zip"]))
def test_fuzzed_json_structures_never_raise_anything_else(data: object, form: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if form == "zip":
            path = write_zip(
                Path(folder, "dl.zip"),
                {
                    "messages/inbox/a_1/message_1.json": data,
                    "friends_and_followers/friend_requests_received.json": data,
                    "profile_information/profile_information.json": data,
                },
            )
        else:
            path = Path(folder, form)
            path.write_text(json.dumps({"messages": [], "x": data}))
        with contextlib.suppress(UnreadableImport):
            inspect_meta(path)
        _check(path)


def test_the_files_read_never_show_their_paths(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "dl", facebook_old())
    members = MetaSource(folder, SourceKind.META_FOLDER).members()
    assert len(members) == 5 and "zoemartin" not in repr(members)
