"""Read a Telegram Desktop export in JSON (`result.json`): one chat, or the whole account.

    reading = read_telegram(path)
    for message in reading:      # ImportedMessage, one at a time, in file order
        ...
    reading.summary              # counts, known once the loop has finished

The file is walked one message at a time (a whole-account export can be gigabytes).
Instants come from `date_unixtime` (seconds, UTC), never the naive local `date`. A
message's `text` is a string or a list of strings and entities, whose texts are
joined. Calls are service messages (`action: phone_call`) with `duration_seconds` and
a `discard_reason`; other service messages (joins, pins, title changes) are not
contacts and are counted as skipped. Who is the exporter comes from
`personal_information.user_id`, from Saved Messages, from a personal chat, whose `id`
is the other person's, or else from the name the clinician gives (`me`). In a group,
the clinician's own messages are given once the chat is read whole, addressed to
everyone who wrote in it, so one to a client's group reaches that client's record.
`contacts.list` gives phone numbers, matched by user id or by name.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import BrokenFile, WrongKind, at_character
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import TELEGRAM_RESULT, SourceKind, recognise
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.importers.telegram_stream import Damaged, JsonWalker
from boundary_desk.system.i18n import _, ngettext

_CHAT_LISTS = ("chats", "left_chats")
_PERSONAL = {"personal_chat"}
_NOT_CONTACT_CHATS = {
    "saved_messages": "saved message",
    "bot_chat": "message with a bot",
    "public_channel": "channel post",
    "private_channel": "channel post",
}
_MEDIA = {
    "voice_message": "voice message",
    "video_message": "video message",
    "video_file": "video",
    "audio_file": "audio",
    "animation": "animation",
    "sticker": "sticker",
}
_SKIP_SERVICE = "service message"
_SKIP_DATE = "unreadable date"
_SKIP_KIND = "unknown kind of record"


class _Chat:
    def __init__(self, facts: dict[str, Any]) -> None:
        self.name = _string(facts.get("name"))
        self.type = _string(facts.get("type"))
        chat_id = facts.get("id")
        self.id = str(chat_id) if isinstance(chat_id, int | str) and chat_id != "" else ""
        self.authors: dict[str, str] = {}  # in a group: who wrote, by folded handle


class TelegramReading:
    """One pass over one Telegram Desktop export."""

    kind = SourceKind.TELEGRAM

    def __init__(self, path: Path, me: str = "") -> None:
        self._path = path
        self._me_name = " ".join(me.split()).casefold()  # the clinician, as they named themselves
        self._records = 0
        self._contacts = 0
        self._skipped: Counter[str] = Counter()
        self._me = ""  # "user123", once known
        self._phones_by_id: dict[str, str] = {}
        self._phones_by_name: dict[str, str] = {}
        self._walker: JsonWalker | None = None

    @property
    def bytes_read(self) -> int:
        return self._walker.bytes_read if self._walker else 0

    def __iter__(self) -> Iterator[ImportedMessage]:
        with self._path.open("rb") as file:
            walker = self._walker = JsonWalker(file)
            try:
                yield from self._top(walker)
                if not walker.ended():
                    raise Damaged(walker.offset)
            except Damaged as damaged:
                raise _broken(damaged.offset, self._records) from None

    def _top(self, walker: JsonWalker) -> Iterator[ImportedMessage]:
        facts: dict[str, Any] = {}
        for key in walker.members():
            if key == "personal_information":
                self._learn_me(walker.value())
            elif key == "contacts":
                self._learn_phones(walker.value())
            elif key in _CHAT_LISTS and walker.peek() == "{":
                for inner in walker.members():
                    if inner == "list" and walker.peek() == "[":
                        for _element in walker.elements():
                            yield from self._chat(walker)
                    else:
                        walker.value()
            elif key == "messages" and walker.peek() == "[":
                yield from self._messages(walker, _Chat(facts))  # a one-chat export
            else:
                facts[key] = walker.value()

    def _chat(self, walker: JsonWalker) -> Iterator[ImportedMessage]:
        if walker.peek() != "{":
            walker.value()
            self._skipped[_SKIP_KIND] += 1
            return
        facts: dict[str, Any] = {}
        for key in walker.members():
            if key == "messages" and walker.peek() == "[":
                yield from self._messages(walker, _Chat(facts))
            else:
                facts[key] = walker.value()

    def _messages(self, walker: JsonWalker, chat: _Chat) -> Iterator[ImportedMessage]:
        """The chat's messages; in a group, the clinician's own come once the chat is read
        whole, addressed to everyone who wrote in it (the client among them, if there)."""
        held: list[ImportedMessage] = []
        for _element in walker.elements():
            found = walker.value()
            self._records += 1
            message = self._message(found, chat) if isinstance(found, dict) else None
            if message is None:
                continue
            self._contacts += 1
            if message.direction is Direction.OUT and chat.type not in _PERSONAL:
                held.append(message)
            else:
                yield message
        everyone = tuple(chat.authors.values())
        for message in held:
            yield replace(message, handles=everyone)

    def _message(self, found: dict[str, Any], chat: _Chat) -> ImportedMessage | None:
        if chat.type == "saved_messages" and not self._me:
            self._me = _string(found.get("from_id"))
        if chat.type in _NOT_CONTACT_CHATS:
            self._skipped[_NOT_CONTACT_CHATS[chat.type]] += 1
            return None
        kind = found.get("type")
        is_call = kind == "service" and found.get("action") == "phone_call"
        if kind == "service" and not is_call:
            self._skipped[_SKIP_SERVICE] += 1
            return None
        if kind not in ("message", "service"):
            self._skipped[_SKIP_KIND] += 1
            return None
        instant = _instant(found.get("date_unixtime"))
        if instant is None:
            self._skipped[_SKIP_DATE] += 1
            return None
        author_id = _string(found.get("actor_id" if is_call else "from_id"))
        author = _string(found.get("actor" if is_call else "from"))
        direction = self._direction(chat, author_id, author)
        personal = chat.type in _PERSONAL
        people = chat.name if personal else author
        phone = self._phone(chat.id if personal else author_id, people)
        if direction is Direction.OUT:
            # In a group, to everyone who wrote there: given once the chat is read whole.
            handles = tuple(h for h in (phone, people) if h) if personal else ()
            sender = ""
        else:
            if (phone or author) and not personal:
                chat.authors.setdefault(
                    " ".join((phone or author).split()).casefold(), phone or author
                )
            handles = tuple(h for h in (phone, author or people) if h)
            sender = phone or author
        names = (people,) if people else ()
        key_parts: tuple[str, ...] = (
            chat.id or chat.name,
            _string(found.get("id")),
            str(int(instant.timestamp())),
        )
        if not _string(found.get("id")):
            key_parts = (*key_parts, author_id or author, _text(found.get("text")))
        text = ImportedMessage(
            source_key=source_key("telegram", *key_parts),
            instant=instant,
            direction=direction,
            channel=ContactChannel.DM,
            handles=handles,
            sender=sender,
            names=names,
            conversation="" if personal else chat.name,
            body=_text(found.get("text")),
            attachments=_attachments(found),
            record=self._records,
        )
        if not is_call:
            return text
        duration = _seconds(found.get("duration_seconds"))
        return replace(
            text,
            source_key=source_key("telegram-call", *key_parts),
            channel=ContactChannel.CALL,
            body="",
            attachments=(),
            duration=duration,
            outcome=_outcome(_string(found.get("discard_reason")), duration, direction),
        )

    def _direction(self, chat: _Chat, author_id: str, author: str) -> Direction | None:
        if self._me and author_id:
            return Direction.OUT if author_id == self._me else Direction.IN
        if chat.type in _PERSONAL and chat.id and author_id:
            return Direction.IN if author_id == f"user{chat.id}" else Direction.OUT
        if self._me_name and author.strip():  # an export that names no one: by the name given
            return (
                Direction.OUT
                if " ".join(author.split()).casefold() == self._me_name
                else Direction.IN
            )
        return None

    def _phone(self, user: str, name: str) -> str:
        number = self._phones_by_id.get(user.removeprefix("user"), "")
        return number or self._phones_by_name.get(" ".join(name.split()).casefold(), "")

    def _learn_me(self, found: object) -> None:
        if isinstance(found, dict) and isinstance(found.get("user_id"), int | str):
            self._me = f"user{found['user_id']}"

    def _learn_phones(self, found: object) -> None:
        listed = found.get("list") if isinstance(found, dict) else None
        for entry in listed if isinstance(listed, list) else ():
            if not isinstance(entry, dict):
                continue
            phone = _string(entry.get("phone_number")).strip()
            if not phone:
                continue
            user = entry.get("user_id")
            if isinstance(user, int | str) and str(user):
                self._phones_by_id[str(user)] = phone
            name = f"{_string(entry.get('first_name'))} {_string(entry.get('last_name'))}"
            if name.strip():
                self._phones_by_name[" ".join(name.split()).casefold()] = phone

    @property
    def summary(self) -> ReadSummary:
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            replaced_bytes=self._walker.replaced_bytes if self._walker else 0,
        )


def read_telegram(path: Path, me: str = "") -> TelegramReading:
    """A reading of `path` (the export's folder or its result.json); refuses at once
    anything that is not a Telegram export."""
    kind = recognise(path)
    if kind is not SourceKind.TELEGRAM:
        raise WrongKind(
            _(
                "This file looks like {kind}; a Telegram Desktop export (result.json) was expected."
            ).format(kind=kind.description)
        )
    return TelegramReading(result_file(path), me)


def _broken(character: int, messages: int) -> BrokenFile:
    """The export stops being JSON at `character`, after `messages` read whole."""
    sentence = ngettext(
        "This Telegram export is damaged at character {character}; the {count} message "
        "before that point was read whole.",
        "This Telegram export is damaged at character {character}; the {count} messages "
        "before that point were read whole.",
        messages,
    ).format(character=whole_number(character), count=whole_number(messages))
    return BrokenFile(sentence, at_character(character), messages)


@dataclass(frozen=True)
class TelegramFacts:
    """Who is in an export, for the question "which participant is you"."""

    # Who wrote in its groups, first seen first, when the export doesn't name its owner
    # (a whole-account export does; a personal chat's ids tell who wrote without it).
    participants: tuple[str, ...] = field(repr=False)
    suggested_me: str = field(repr=False)  # who wrote to the other person of a personal chat


def inspect_telegram(path: Path) -> TelegramFacts:
    """Whether `path`'s export tells which participant is the clinician, and if not, who
    wrote in its groups (a group's messages can't be told sent or received without it).
    A damaged file is looked at as far as it is whole; its reading says where it breaks."""
    authors: dict[str, None] = {}
    mine: dict[str, None] = {}
    with result_file(path).open("rb") as file:
        walker = JsonWalker(file)

        def chat(facts: dict[str, Any]) -> None:
            kind, chat_id = _string(facts.get("type")), _string(facts.get("id"))
            for _element in walker.elements():
                found = walker.value()
                if not isinstance(found, dict):
                    continue
                is_call = found.get("type") == "service" and found.get("action") == "phone_call"
                if found.get("type") != "message" and not is_call:
                    continue
                author = " ".join(_string(found.get("actor" if is_call else "from")).split())
                author_id = _string(found.get("actor_id" if is_call else "from_id"))
                if kind == "saved_messages" and author:
                    mine.setdefault(author)  # the owner's own notes (read after some groups)
                elif kind in _PERSONAL and chat_id and author_id:
                    if author and author_id != f"user{chat_id}":
                        mine.setdefault(author)
                elif kind not in _NOT_CONTACT_CHATS and author:
                    authors.setdefault(author)

        def one_chat() -> None:
            if walker.peek() != "{":
                walker.value()
                return
            facts: dict[str, Any] = {}
            for key in walker.members():
                if key == "messages" and walker.peek() == "[":
                    chat(facts)
                else:
                    facts[key] = walker.value()

        try:
            top: dict[str, Any] = {}
            for key in walker.members():
                if key == "personal_information":
                    found = walker.value()
                    if isinstance(found, dict) and isinstance(found.get("user_id"), int | str):
                        return TelegramFacts((), "")
                elif key in _CHAT_LISTS and walker.peek() == "{":
                    for inner in walker.members():
                        if inner == "list" and walker.peek() == "[":
                            for _element in walker.elements():
                                one_chat()
                        else:
                            walker.value()
                elif key == "messages" and walker.peek() == "[":
                    chat(top)
                else:
                    top[key] = walker.value()
        except Damaged:
            pass
    if not authors:
        return TelegramFacts((), "")
    suggested = next(iter(mine)) if len(mine) == 1 else ""
    return TelegramFacts(tuple({**mine, **authors}), suggested)


def result_file(path: Path) -> Path:
    """The export's result.json: `path` itself, or the one in the folder `path`."""
    return path / TELEGRAM_RESULT if path.is_dir() else path


def _string(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""


def _instant(value: object) -> datetime | None:
    text = _string(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 12:
        return None
    try:
        return datetime.fromtimestamp(int(text), UTC)
    except (ValueError, OverflowError, OSError):  # beyond the calendar
        return None


def _seconds(value: object) -> timedelta | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1e7:
        return timedelta(seconds=value)
    return None


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict):
            parts.append(_string(part.get("text")))
    return "".join(parts)


def _attachments(found: dict[str, Any]) -> tuple[str, ...]:
    kinds = []
    if "photo" in found:
        kinds.append("photo")
    media = _string(found.get("media_type"))
    if media:
        kinds.append(_MEDIA.get(media, "file"))
    elif "file" in found:
        kinds.append("file")
    if "contact_information" in found:
        kinds.append("contact card")
    if "location_information" in found:
        kinds.append("location")
    if "poll" in found:
        kinds.append("poll")
    return tuple(kinds)


def _outcome(reason: str, duration: timedelta | None, direction: Direction | None) -> CallOutcome:
    talked = bool(duration)
    if talked and reason in ("", "hangup", "disconnect"):
        return CallOutcome.ANSWERED
    if direction is Direction.OUT:
        return CallOutcome.NOT_ANSWERED
    if reason == "busy":
        return CallOutcome.REJECTED
    return CallOutcome.MISSED


def source_key(kind: str, *parts: str) -> str:
    """A stable key for one record: a hash, so no content is kept in the key itself."""
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8", "surrogatepass"))
    return f"{kind}:{digest.hexdigest()}"
