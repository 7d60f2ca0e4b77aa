"""What a chat line is: words, an attachment by kind, a call, or a notice skipped."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from boundary_desk.domain.events import ContactChannel
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.importers.whatsapp import WhatsAppReading, read_whatsapp
from boundary_desk.importers.whatsapp_chat import inspect_chat
from boundary_desk.importers.whatsapp_notices import read_content
from tests.importers.whatsapp_files import Line, android, ios, write

LRM = "\u200e"


def read(path: Path) -> tuple[list[ImportedMessage], WhatsAppReading]:
    reading = read_whatsapp(path, zone=ZoneInfo("Europe/London"), date_order="day-first")
    return list(reading), reading


@pytest.mark.parametrize(
    ("text", "kinds", "body"),
    [
        ("<Media omitted>", ("media",), ""),
        ("<Médias omis>", ("media",), ""),
        ("<המדיה לא נכללה>", ("media",), ""),
        (f"{LRM}image omitted", ("photo",), ""),
        (f"{LRM}video omitted", ("video",), ""),
        (f"{LRM}audio omitted", ("audio",), ""),
        (f"{LRM}sticker omitted", ("sticker",), ""),
        (f"{LRM}GIF omitted", ("GIF",), ""),
        (f"{LRM}Contact card omitted", ("contact card",), ""),
        (f"Report.pdf • 2 pages {LRM}document omitted", ("document",), ""),
        (f"{LRM}image absente", ("photo",), ""),
        (f"{LRM}vidéo absente", ("video",), ""),
        ("התמונה הושמטה", ("photo",), ""),
        ("סטיקר הושמט", ("sticker",), ""),
        (f"{LRM}<attached: 00000012-PHOTO-2020-01-01-12-00-00.jpg>", ("photo",), ""),
        (f"{LRM}<attached: 00000003-AUDIO-2020-01-01-12-00-00.opus>", ("voice note",), ""),
        (f"{LRM}<attached: 00000004-STICKER-2020-01-01-12-00-00.webp>", ("sticker",), ""),
        (f"{LRM}<pièce jointe : 00000005-VIDEO-2020-01-01.mp4>", ("video",), ""),
        (f"{LRM}<מצורף: 00000006-PHOTO-2020-01-01.jpg>", ("photo",), ""),
        ("IMG-20240312-WA0001.jpg (file attached)\nat the beach", ("photo",), "at the beach"),
        ("PTT-20240312-WA0002.opus (file attached)", ("voice note",), ""),
        ("DOC-20240312-WA0003.pdf (fichier joint)", ("document",), ""),
        ("plain words", (), "plain words"),
        ("fixed it <This message was edited>", (), "fixed it"),
        ("תיקון <ההודעה נערכה>", (), "תיקון"),
    ],
)
def test_attachments_are_noted_by_kind(text: str, kinds: tuple[str, ...], body: str) -> None:
    content = read_content(text)
    assert not content.skipped
    assert content.attachments == kinds
    assert content.body == body


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("This message was deleted", "deleted message"),
        (f"{LRM}You deleted this message.", "deleted message"),
        ("Ce message a été supprimé", "deleted message"),
        ("הודעה זו נמחקה", "deleted message"),
        ("Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
         "notice"),
        ("Les messages et les appels sont chiffrés de bout en bout. Aucun tiers ne peut les lire.",
         "notice"),
        ("ההודעות והשיחות מוצפנות מקצה-לקצה.", "notice"),
        ("Your security code with Dana changed. Tap to learn more.", "notice"),
        (f"{LRM}Dana added Sam", "notice"),  # iOS: under the group's name, after U+200E
    ],
)  # fmt: skip
def test_deleted_messages_and_notices_are_skipped(text: str, reason: str) -> None:
    assert read_content(text).skipped == reason


@pytest.mark.parametrize(
    ("text", "channel", "outcome", "duration"),
    [
        (f"{LRM}Missed voice call", ContactChannel.CALL, CallOutcome.MISSED, None),
        (f"{LRM}Missed video call, {LRM}Tap to call back", ContactChannel.VIDEO,
         CallOutcome.MISSED, None),
        ("Appel vocal manqué", ContactChannel.CALL, CallOutcome.MISSED, None),
        ("שיחה קולית שלא נענתה", ContactChannel.CALL, CallOutcome.MISSED, None),
        (f"{LRM}Voice call, {LRM}No answer", ContactChannel.CALL, CallOutcome.NOT_ANSWERED, None),
        (f"{LRM}Voice call, {LRM}12 min", ContactChannel.CALL, CallOutcome.ANSWERED,
         timedelta(minutes=12)),
        (f"{LRM}Video call, {LRM}1 hr 5 min", ContactChannel.VIDEO, CallOutcome.ANSWERED,
         timedelta(minutes=65)),
    ],
)  # fmt: skip
def test_call_lines_become_calls(
    text: str, channel: ContactChannel, outcome: CallOutcome, duration: timedelta | None
) -> None:
    content = read_content(text)
    assert (content.call, content.outcome, content.duration) == (channel, outcome, duration)


GROUP: list[Line] = [
    ("01/03/2026", "09:00", "", "Messages and calls are end-to-end encrypted. Tap to learn more."),
    ("01/03/2026", "09:00", "", 'Dana created group "Tuesday: group"'),
    ("01/03/2026", "09:01", "", "Dana added Sam"),
    ("01/03/2026", "09:02", "", 'Dana changed the subject from "a" to "Re: b"'),
    ("01/03/2026", "09:03", "Dana", "Hello all"),
    ("01/03/2026", "09:04", "Sam", "This message was deleted"),
    ("01/03/2026", "09:05", "Sam", "<Media omitted>"),
    ("01/03/2026", "09:06", "", "Sam left"),
    ("01/03/2026", "09:07", "", "You were added"),
    ("01/03/2026", "09:08", "Lee", "I created group chats for work: it helps"),
]


def test_system_lines_are_skipped_counted_and_never_participants(tmp_path: Path) -> None:
    path = write(tmp_path, android(GROUP))
    messages, reading = read(path)
    assert [(m.sender, m.body, m.attachments) for m in messages] == [
        ("Dana", "Hello all", ()),
        ("Sam", "", ("media",)),
        ("Lee", "I created group chats for work: it helps", ()),
    ]
    assert reading.summary.skipped == {"notice": 6, "deleted message": 1}
    assert reading.summary.records == len(GROUP)
    facts = inspect_chat(path)
    assert [(p.name, p.messages) for p in facts.participants] == [
        ("Dana", 1),
        ("Sam", 1),
        ("Lee", 1),
    ]
    assert all(m.handles == ("Dana", "Sam", "Lee") for m in messages)


def test_every_message_is_a_text_with_its_chat_and_no_direction(tmp_path: Path) -> None:
    path = write(tmp_path, android(GROUP), "WhatsApp Chat with Tuesday group.txt")
    messages, _ = read(path)
    assert {m.channel for m in messages} == {ContactChannel.TEXT}
    assert {m.direction for m in messages} == {None}
    assert {m.conversation for m in messages} == {"Tuesday group"}
    assert [m.record for m in messages] == [5, 7, 10]


def test_a_missed_call_in_an_ios_chat_is_a_call_record(tmp_path: Path) -> None:
    chat = ios([
        ("02/03/2026", "21:14:03", "Dana", f"{LRM}Messages and calls are end-to-end encrypted."),
        ("02/03/2026", "21:15:00", "Dana", f"{LRM}Missed voice call"),
        ("02/03/2026", "21:16:00", "Dana", "call me?"),
    ])  # fmt: skip
    messages, reading = read(write(tmp_path, chat))
    call, text = messages
    assert (call.channel, call.outcome, call.body) == (ContactChannel.CALL, CallOutcome.MISSED, "")
    assert text.channel is ContactChannel.TEXT
    assert reading.summary.skipped == {"notice": 1}


def test_markup_in_names_and_bodies_is_kept_as_text(tmp_path: Path) -> None:
    chat = android([
        ("02/03/2026", "10:00", "<b>Dana</b> & co", "<script>alert(1)</script> &amp; <i>x</i>"),
        ("02/03/2026", "10:01", "Sam", "<para>not markup</para>\n<br/>line two"),
    ])  # fmt: skip
    messages, _ = read(write(tmp_path, chat))
    assert messages[0].sender == "<b>Dana</b> & co"
    assert messages[0].body == "<script>alert(1)</script> &amp; <i>x</i>"
    assert messages[1].body == "<para>not markup</para>\n<br/>line two"


def test_names_and_words_stay_out_of_repr(tmp_path: Path) -> None:
    chat = android([("02/03/2026", "10:00", "Dana Secretname", "a private sentence")])
    path = write(tmp_path, chat, "WhatsApp Chat with Dana Secretname.txt")
    messages, reading = read(path)
    shown = repr(messages[0]) + repr(reading.summary) + repr(inspect_chat(path))
    assert "Secretname" not in shown and "private" not in shown
