"""Facebook and Instagram downloads: layouts, forms (folder, .zip, one file), mojibake.

The downloads here are synthetic (tests/importers/meta_layouts.py), written by hand in
the real layouts of two versions of each; the one real-format sample is read in
test_meta_samples.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from boundary_desk.domain.events import ContactChannel, Direction, EventKind
from boundary_desk.importers.meta import inspect_meta, read_meta
from boundary_desk.importers.meta_text import repaired
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from tests.importers.meta_files import (
    CLIENT,
    FRIEND,
    OWNER,
    message,
    mojibake,
    thread,
    write_tree,
    write_zip,
)
from tests.importers.meta_layouts import LAYOUTS, MESSAGES, SKIPPED, T

Build = Callable[[], dict[str, Any]]


def _as(form: str, tmp_path: Path, files: dict[str, Any]) -> Path:
    if form == "folder":
        return write_tree(tmp_path / "facebook-dana-2026", files)
    return write_zip(tmp_path / "instagram-dana-2026.zip", files)


@pytest.mark.parametrize("form", ["folder", "zip"])
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_yields_the_messages_and_the_requests_received(
    layout: str, form: str, tmp_path: Path
) -> None:
    build, platform, requester = LAYOUTS[layout]
    path = _as(form, tmp_path, build())
    kind = SourceKind.META_FOLDER if form == "folder" else SourceKind.META_ZIP
    assert recognise(path) is kind
    facts = inspect_meta(path)
    assert facts.owner == OWNER  # the profile, or else the one person in every thread
    assert {CLIENT, FRIEND, OWNER, requester} <= set(facts.participants)
    reading = read_meta(path, me=facts.owner)
    found = list(reading)
    requests = [m for m in found if m.kind is EventKind.FRIEND_REQUEST]
    messages = [m for m in found if m.kind is EventKind.CONTACT]
    assert sorted(r.sender for r in requests) == sorted([requester, requests[1].sender])
    assert {r.platform for r in requests} == {platform}
    assert all(r.direction is Direction.IN and r.channel is ContactChannel.DM for r in requests)
    dated = {r.sender: r.instant for r in requests}
    assert dated[requester] == T.replace(day=8)  # seconds, read as UTC
    e2ee = 2 if layout == "facebook-new" else 0
    client_thread = [m for m in messages if CLIENT in m.handles]
    assert len(client_thread) == MESSAGES + e2ee
    assert len(messages) == MESSAGES + e2ee + 2  # and the friend's thread
    summary = reading.summary
    assert summary.contacts == len(found)
    for reason, count in SKIPPED.items():
        assert summary.skipped[reason] == count
    sent = 1 if layout == "instagram-old" else 0
    assert summary.records == len(found) + sum(SKIPPED.values()) + sent


def test_messages_carry_direction_kind_and_repaired_text(tmp_path: Path) -> None:
    path = write_tree(tmp_path / "dl", LAYOUTS["facebook-old"][0]())
    found = [m for m in read_meta(path, me=OWNER) if m.kind is EventKind.CONTACT]
    by_time = sorted((m for m in found if CLIENT in m.handles), key=lambda m: m.instant)
    first, reply, photo, call = by_time
    assert first.body == "Café tomorrow? 😊" and first.sender == CLIENT
    assert first.instant == T and first.instant.tzinfo is not None
    assert first.direction is Direction.IN and first.channel is ContactChannel.DM
    assert reply.direction is Direction.OUT and reply.body == "Yes — see you then 👍"
    assert photo.attachments == ("photo",) and photo.body == ""
    assert call.channel is ContactChannel.CALL and call.duration is not None
    assert call.duration.total_seconds() == 125 and call.outcome is CallOutcome.ANSWERED
    assert set(first.handles) == {CLIENT, OWNER}
    assert CLIENT not in repr(first) and "Café" not in repr(first)


def test_without_me_the_direction_is_left_to_the_import(tmp_path: Path) -> None:
    path = write_tree(tmp_path / "dl", LAYOUTS["instagram-old"][0]())
    messages = [m for m in read_meta(path) if m.kind is EventKind.CONTACT]
    assert {m.direction for m in messages} == {None}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_folder_and_the_zip_give_the_same_keys(layout: str, tmp_path: Path) -> None:
    files = LAYOUTS[layout][0]()
    folder = write_tree(tmp_path / "dl", files)
    archive = write_zip(tmp_path / "dl.zip", files)
    keys = [m.source_key for m in read_meta(folder, me=OWNER)]
    assert len(set(keys)) == len(keys)
    assert sorted(keys) == sorted(m.source_key for m in read_meta(archive, me=OWNER))
    # One thread's file on its own gives that thread's keys too.
    name = next(n for n in files if "/zoemartin_" in n and n.endswith("/message_1.json"))
    alone = {m.source_key for m in read_meta(folder / name, me=OWNER)}
    assert len(alone) == 2 and alone <= set(keys)  # the photo and the call


def test_a_single_request_list_is_read_on_its_own(tmp_path: Path) -> None:
    files = LAYOUTS["facebook-old"][0]()
    path = tmp_path / "friend_requests_received.json"
    path.write_text(json.dumps(files["friends_and_followers/friend_requests_received.json"]))
    assert recognise(path) is SourceKind.META_JSON
    found = list(read_meta(path))
    assert [m.kind for m in found] == [EventKind.FRIEND_REQUEST] * 2
    assert {m.sender for m in found} == {CLIENT, FRIEND}


def test_the_newer_layouts_owner_and_names_without_mojibake(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "dl.zip", LAYOUTS["facebook-new"][0]())
    found = list(read_meta(path, me=OWNER))
    e2ee = [m for m in found if m.body == "Encrypted hello, Zoë here"]
    assert len(e2ee) == 1 and e2ee[0].sender == CLIENT and e2ee[0].direction is Direction.IN
    assert any(m.attachments == ("video",) for m in found)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (mojibake("Zoë Martin"), "Zoë Martin"),
        (mojibake("שלום 😊"), "שלום 😊"),
        ("Zoë Martin", "Zoë Martin"),  # already right: é alone is no UTF-8
        ("café", "café"),
        ("שלום 😊", "שלום 😊"),  # beyond Latin-1: already right
        ("plain", "plain"),
        ("Ã", "Ã"),  # a lone lead byte is no UTF-8: left alone
        ("", ""),
    ],
)
def test_mojibake_is_undone_and_right_text_left_alone(written: str, meant: str) -> None:
    assert repaired(written) == meant


def test_markup_in_names_is_kept_as_text_and_never_shown(tmp_path: Path) -> None:
    marked = '<b onload="x()">Zoë</b> & <script>'
    files = {
        "messages/inbox/x_1/message_1.json": {
            "participants": [{"name": mojibake(marked)}, {"name": OWNER}],
            "messages": [
                {
                    "sender_name": mojibake(marked),
                    "timestamp_ms": 1_700_000_000_000,
                    "content": "<i>hi",
                }
            ],
        }
    }
    path = write_tree(tmp_path / "dl", files)
    [found] = list(read_meta(path, me=OWNER))
    assert found.sender == marked and found.body == "<i>hi"
    assert "script" not in repr(found) and "script" not in repr(read_meta(path).summary)


def names_of(found: list[ImportedMessage]) -> set[str]:
    return {m.sender for m in found}


NOTICES = (
    "Zoë named the group Tuesday.",
    "Zoë changed the group name to Tuesday.",
    "Zoë changed the group photo.",
    "Zoë left the group.",
    "Zoë added Sam to the group.",
    "Zoë removed Sam from the group.",
    "Zoë set the nickname for Sam to S.",
    "Zoë changed the chat theme.",
    "Zoë set the emoji to 👍.",
    "Zoë started sharing live location.",
    "ZOË LEFT THE GROUP",
)
REACTIONS = ("Zoë liked a message", "Zoë reacted ❤ to your message.", "reacted 😂 to a MESSAGE")
KEPT = (
    "The group on Tuesday helped",  # a word of a notice, in a message of her own
    "I felt left out of the group",
    "Can you reply to my message",
    "I liked a message you sent, then deleted it and wrote this instead",
)


def test_every_kind_of_notice_and_reaction_is_skipped_and_messages_like_them_kept(
    tmp_path: Path,
) -> None:
    bodies = (*NOTICES, *REACTIONS, *KEPT)
    messages = [message(CLIENT, T + timedelta(minutes=n), body) for n, body in enumerate(bodies)]
    files = {"messages/inbox/zoe_1/message_1.json": thread([CLIENT, OWNER], messages, "zoe_1")}
    reading = read_meta(write_tree(tmp_path, files), me=OWNER)
    kept = [m.body for m in reading]
    assert sorted(kept) == sorted(KEPT)
    assert reading.summary.skipped == {"notice": len(NOTICES), "reaction": len(REACTIONS)}
