"""Read a Facebook or Instagram "Download your information" in JSON: direct messages,
and the friend and follow requests received.

    facts = inspect_meta(path)               # participants, and who the owner likely is
    reading = read_meta(path, me=facts.owner)
    for message in reading:                  # ImportedMessage, thread by thread
        ...
    reading.summary                          # counts, after the loop

`path` is the download unzipped (a folder), the .zip itself, or one message_N.json.
Each message is a direct message (ContactChannel.DM), a call, or a video call;
reactions, "liked a message", group notices and unsent messages are no contact and are
only counted. Each thread lists its participants as `handles` and its author as
`sender`, matched to clients by name through ties, as a WhatsApp chat is; direction
comes from who "me" is. A request received becomes a record of kind FRIEND_REQUEST,
naming its platform ("Facebook", "Instagram"). Files come newest first (message_1 is the
latest); nothing here depends on it. Message times are in milliseconds, request times
in seconds, both UTC.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from boundary_desk.domain.events import ContactChannel, Direction, EventKind
from boundary_desk.domain.handle_matching import fold
from boundary_desk.domain.vocabulary.calendar_names import whole_number as shown_number
from boundary_desk.importers.meta_layout import Part
from boundary_desk.importers.meta_source import Member, MetaSource
from boundary_desk.importers.meta_text import text_of, whole_number
from boundary_desk.importers.problems import BrokenFile, UnreadableImport, WrongKind, at_character
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import CallOutcome, ImportedMessage
from boundary_desk.system.i18n import _, ngettext

META_KINDS = (SourceKind.META_FOLDER, SourceKind.META_ZIP, SourceKind.META_JSON)
_ATTACHMENTS = (
    ("photos", "photo"),
    ("videos", "video"),
    ("audio_files", "voice message"),
    ("gifs", "GIF"),
    ("files", "file"),
    ("sticker", "sticker"),
    ("share", "link"),
)
_MEDIA_KINDS = {
    ".jpg": "photo",
    ".jpeg": "photo",
    ".png": "photo",
    ".webp": "photo",
    ".heic": "photo",
    ".mp4": "video",
    ".mov": "video",
    ".gif": "GIF",
    ".aac": "voice message",
    ".m4a": "voice message",
    ".mp3": "voice message",
    ".wav": "voice message",
}
_REACTION = re.compile(
    r"^(?:.{0,200}\s)?(?:liked a message|reacted .{1,24} to (?:your|a|their) message)\.?$",
    re.IGNORECASE | re.DOTALL,
)
_NOTICE = re.compile(
    r"\b(?:named the group|changed the group (?:name|photo)|left the group|"
    r"added .{1,200} to the group|removed .{1,200} from the group|set the nickname|"
    r"changed the chat theme|set the emoji to|started sharing (?:their|live) location)\b",
    re.IGNORECASE | re.DOTALL,
)
# Words every notice and every reaction holds: only a body with one is matched against
# the patterns above, which take far longer than this look (most messages hold none).
_NOTICE_WORDS = ("the group", "nickname", "chat theme", "emoji", "sharing")
_REACTION_ENDS = ("message", "message.")
_VIDEO_CALL = re.compile(r"\bvideo (?:chat|call)\b", re.IGNORECASE)
_NOTICE_TYPES = {"Subscribe", "Unsubscribe"}
_PLATFORM_KEYS = {
    "received_requests_v2": "Facebook",
    "received_requests": "Facebook",
    "relationships_follow_requests_received": "Instagram",
}
_SENT_KEYS = ("relationships_follow_requests_sent", "sent_requests_v2", "sent_requests")
_MS_FROM = 10**11  # a request "timestamp" this large is in milliseconds, not seconds


def meta_kind(path: Path) -> SourceKind:
    """Which of the three forms of a download `path` is; `WrongKind` otherwise."""
    kind = recognise(path)
    if kind not in META_KINDS:
        raise WrongKind(
            _(
                "This file looks like {kind}; a Facebook or Instagram download (the folder, "
                "the .zip or a message_1.json) was expected."
            ).format(kind=kind.description)
        )
    return kind


@dataclass(frozen=True)
class MetaFacts:
    """Who is in a download: its threads' participants and the people who sent requests."""

    participants: tuple[str, ...] = field(repr=False)  # first seen first
    owner: str = field(repr=False)  # the download's owner by name; "" when it can't tell
    threads: int
    requests: int


def inspect_meta(path: Path) -> MetaFacts:
    """The participants of every thread, and the owner: as the profile names them, or
    else the one person in every thread (when there are two threads or more)."""
    source = MetaSource(path, meta_kind(path))
    seen: dict[str, None] = {}
    in_threads: Counter[str] = Counter()
    threads: dict[str, set[str]] = {}
    profile: list[str] = []
    requests = 0
    for member in source.members():
        if member.part is Part.SENT:
            continue
        try:
            data = source.load(member)
        except ValueError:
            continue  # the reading says where the damage is
        if member.part is Part.PROFILE:
            profile += _profile_names(data)
            continue
        platform, items = _requests(data)
        if platform:
            for item in items:
                name, _when = _request(item, platform)
                if name:
                    seen.setdefault(name)
                    requests += 1
            continue
        if not _is_thread(data):
            continue
        names = _participants(data)
        seen.update(dict.fromkeys(names))
        threads.setdefault(_thread_id(data, member, path), set()).update(names)
    for people in threads.values():
        in_threads.update(people)
    owner = next((n for n in profile if n in seen), profile[0] if profile else "")
    if not owner and len(threads) > 1:
        everywhere = [n for n, count in in_threads.items() if count == len(threads)]
        owner = everywhere[0] if len(everywhere) == 1 else ""
    return MetaFacts(tuple(seen), owner, len(threads), requests)


class MetaReading:
    """One pass over one download; `summary` is complete once iteration has finished."""

    def __init__(self, path: Path, me: str = "") -> None:
        self.kind = meta_kind(path)
        self._path = path
        self._source = MetaSource(path, self.kind)
        self._me = fold(me)
        self._directions: dict[str, Direction] = {}
        self._records = self._contacts = 0
        self._skipped: Counter[str] = Counter()
        self._threads: set[str] = set()
        self._lists = 0
        self._occurrences: Counter[tuple[str, int, str, str]] = Counter()
        self._thread = ""
        self.bytes_read = 0  # of the members read so far, for progress

    @property
    def bytes_total(self) -> int:
        """The bytes of every member the reading goes through, so progress is told right."""
        return sum(m.size for m in self._members())

    def _members(self) -> list[Member]:
        return [m for m in self._source.members() if m.part is not Part.PROFILE]

    def __iter__(self) -> Iterator[ImportedMessage]:
        members = self._members()
        if not any(m.part in (Part.THREAD, Part.REQUESTS) for m in members):
            raise UnreadableImport(
                _(
                    "This download holds no messages and no requests received; download "
                    "your information again with Messages and Friends (or Followers) chosen."
                )
            )
        for number, member in enumerate(members, 1):
            data = self._load(member, number, len(members))
            for message in self._records_of(data, member):
                self._contacts += 1
                yield message
            self.bytes_read += member.size

    def _load(self, member: Member, number: int, total: int) -> Any:
        try:
            return self._source.load(member)
        except ValueError as exc:  # json.JSONDecodeError, or text that is no JSON
            if self.kind is SourceKind.META_JSON:
                raise _broken_at(getattr(exc, "pos", 0), self._contacts) from None
            raise _broken_in(number, total, self._contacts) from None

    def _records_of(self, data: Any, member: Member) -> Iterator[ImportedMessage]:
        platform, items = _requests(data)
        if platform:
            self._lists += 1
            yield from self._requests(items, platform)
            return
        sent = _sent(data)
        if sent is not None:
            self._records += sent
            self._skipped["request you sent"] += sent
            return
        if not _is_thread(data):
            if self.kind is SourceKind.META_JSON:
                raise WrongKind(
                    _(
                        "This JSON file is neither a message thread nor a list of requests "
                        "received; a message_1.json from Facebook's or Instagram's Download "
                        "your information was expected."
                    )
                )
            self._skipped["file of another layout"] += 1
            return
        yield from self._thread_messages(data, member)

    def _thread_messages(self, data: dict[str, Any], member: Member) -> Iterator[ImportedMessage]:
        thread = _thread_id(data, member, self._path)
        if thread != self._thread:
            self._thread, self._occurrences = thread, Counter()
        self._threads.add(thread)
        handles = _participants(data)
        title = text_of(data.get("title")) or text_of(data.get("threadName"))
        for position, item in enumerate(data["messages"], 1):
            self._records += 1
            message = self._message(item, thread, handles, title, position)
            if message is not None:
                yield message

    def _message(
        self, item: Any, thread: str, handles: tuple[str, ...], title: str, position: int
    ) -> ImportedMessage | None:
        if not isinstance(item, dict):
            self._skipped["unreadable message"] += 1
            return None
        sender = text_of(item.get("sender_name")) or text_of(item.get("senderName"))
        stamp = whole_number(item.get("timestamp_ms", item.get("timestamp")))
        when = _instant(stamp, 1000)
        if when is None or stamp is None:
            self._skipped["unreadable date"] += 1
            return None
        if item.get("is_unsent") is True or item.get("isUnsent") is True:
            self._skipped["unsent message"] += 1
            return None
        body = text_of(item.get("content")) or text_of(item.get("text"))
        lowered = body.lower()
        if item.get("type") in _NOTICE_TYPES or (
            any(w in lowered for w in _NOTICE_WORDS) and _NOTICE.search(body)
        ):
            self._skipped["notice"] += 1
            return None
        if lowered.rstrip().endswith(_REACTION_ENDS) and _REACTION.match(body.strip()):
            self._skipped["reaction"] += 1
            return None
        direction = self._direction(sender)
        channel, duration, outcome = ContactChannel.DM, None, None
        seconds = whole_number(item.get("call_duration"))
        if seconds is not None or item.get("type") == "Call":
            channel = ContactChannel.VIDEO if _VIDEO_CALL.search(body) else ContactChannel.CALL
            duration = timedelta(seconds=max(0, min(seconds or 0, 10**7)))
            outcome = _call_outcome(duration, item, direction)
            body = ""
        attachments = _attachments(item)
        if channel is ContactChannel.DM and not body.strip() and not attachments:
            self._skipped["empty message"] += 1
            return None
        key_text = f"{body}\x1f{len(attachments)}"
        if duration is not None:
            key_text = f"\x1fcall:{duration}"
        occurrence = self._occur(thread, stamp, sender, key_text)
        return ImportedMessage(
            source_key=_key("meta", thread, str(stamp), sender, _digest(key_text), str(occurrence)),
            instant=when,
            direction=direction,
            channel=channel,
            handles=handles or ((sender,) if sender else ()),
            sender=sender,
            names=(sender,) if sender else (),
            conversation=title,
            body=body,
            attachments=attachments,
            duration=duration,
            outcome=outcome,
            record=position,
        )

    def _direction(self, sender: str) -> Direction | None:
        if not self._me:
            return None
        known = self._directions.get(sender)
        if known is None:  # a download has few senders: each is folded once
            known = self._directions[sender] = (
                Direction.OUT if fold(sender) == self._me else Direction.IN
            )
        return known

    def _occur(self, thread: str, stamp: int, sender: str, text: str) -> int:
        self._occurrences[(thread, stamp, sender, text)] += 1
        return self._occurrences[(thread, stamp, sender, text)]

    def _requests(self, items: list[Any], platform: str) -> Iterator[ImportedMessage]:
        for position, item in enumerate(items, 1):
            self._records += 1
            name, stamp = _request(item, platform)
            if not name:
                self._skipped["request with no name"] += 1
                continue
            when = _instant(stamp, 1000 if stamp is not None and stamp >= _MS_FROM else 1)
            if when is None:
                self._skipped["unreadable date"] += 1
                continue
            noun = "Follow request" if platform == "Instagram" else "Friend request"
            yield ImportedMessage(
                source_key=_key("meta-request", platform, fold(name), str(when.timestamp())),
                instant=when,
                direction=Direction.IN,
                channel=ContactChannel.DM,
                handles=(name,),
                sender=name,
                names=(name,),
                body=f"{noun} on {platform}",
                record=position,
                kind=EventKind.FRIEND_REQUEST,
                platform=platform,
            )

    @property
    def summary(self) -> ReadSummary:
        threads = ngettext("{count} conversation", "{count} conversations", len(self._threads))
        lists = ngettext(
            "{count} list of requests received", "{count} lists of requests received", self._lists
        )
        notes = [
            _("{conversations} and {lists} were read.").format(
                conversations=threads.format(count=shown_number(len(self._threads))),
                lists=lists.format(count=shown_number(self._lists)),
            )
        ]
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
            notes=tuple(notes),
        )


def read_meta(path: Path, *, me: str = "") -> MetaReading:
    """A reading of the download at `path`; `me` names its owner, telling direction."""
    return MetaReading(path, me)


def _broken_at(character: int, messages: int) -> BrokenFile:
    """A message_1.json that stops being JSON at `character`."""
    sentence = ngettext(
        "This Facebook or Instagram download is damaged at character {character}; the "
        "{count} message before that point was read whole.",
        "This Facebook or Instagram download is damaged at character {character}; the "
        "{count} messages before that point were read whole.",
        messages,
    ).format(character=shown_number(character), count=shown_number(messages))
    return BrokenFile(sentence, at_character(character), messages)


def _broken_in(number: int, total: int, messages: int) -> BrokenFile:
    """A download whose file `number` of the `total` it reads is no JSON."""
    sentence = ngettext(
        "This Facebook or Instagram download is damaged at file {number} of the {total} it "
        "reads; the {count} message before that point was read whole.",
        "This Facebook or Instagram download is damaged at file {number} of the {total} it "
        "reads; the {count} messages before that point were read whole.",
        messages,
    ).format(number=shown_number(number), total=shown_number(total), count=shown_number(messages))
    where = _("file {number} of the {total} it reads")
    return BrokenFile(
        sentence, where.format(number=shown_number(number), total=shown_number(total)), messages
    )


def _is_thread(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("messages"), list)


def _participants(data: dict[str, Any]) -> tuple[str, ...]:
    """The thread's participants as it lists them, or else everyone who wrote in it."""
    found: dict[str, None] = {}
    listed = data.get("participants")
    for entry in listed if isinstance(listed, list) else ():
        name = text_of(entry.get("name")) if isinstance(entry, dict) else text_of(entry)
        if name.strip():
            found.setdefault(name)
    if not found:
        for item in data["messages"]:
            if isinstance(item, dict):
                name = text_of(item.get("sender_name")) or text_of(item.get("senderName"))
                if name.strip():
                    found.setdefault(name)
    return tuple(found)


def _thread_id(data: Any, member: Member, path: Path) -> str:
    """The thread's folder name ("janedoe_1234"), as `thread_path` or the path says it:
    the same whether the download is read as a folder, a .zip or one file."""
    named = text_of(data.get("thread_path")) if isinstance(data, dict) else ""
    if named.strip("/"):
        return PurePosixPath(named.strip("/")).name
    if member.part is Part.THREAD and "/" in member.name:
        return PurePosixPath(member.name).parent.name
    return path.resolve().parent.name if path.is_file() else ""


def _requests(data: Any) -> tuple[str, list[Any]]:
    if isinstance(data, list):  # an early Instagram list, or a bare list of one kind
        return "", []
    if not isinstance(data, dict):
        return "", []
    for key, platform in _PLATFORM_KEYS.items():
        items = data.get(key)
        if isinstance(items, list):
            return platform, items
    return "", []


def _sent(data: Any) -> int | None:
    if isinstance(data, dict):
        for key in _SENT_KEYS:
            items = data.get(key)
            if isinstance(items, list):
                return len(items)
    return None


def _request(item: Any, platform: str) -> tuple[str, int | None]:
    """Who sent a request, and when (seconds), from Facebook's or Instagram's entry."""
    if not isinstance(item, dict):
        return "", None
    if platform == "Facebook":
        return text_of(item.get("name")).strip(), whole_number(item.get("timestamp"))
    listed = item.get("string_list_data")
    first = listed[0] if isinstance(listed, list) and listed else {}
    first = first if isinstance(first, dict) else {}
    href = text_of(first.get("href")).rstrip("/")
    name = text_of(first.get("value")) or text_of(item.get("title"))
    if not name.strip() and "instagram.com/" in href:
        name = href.rsplit("/", 1)[-1].removeprefix("_u/")
    stamp = whole_number(first.get("timestamp", item.get("timestamp")))
    return name.strip(), stamp


def _profile_names(data: Any) -> list[str]:
    """The owner's names in a profile file: Facebook's full name, Instagram's name and
    username."""
    names: list[str] = []
    if isinstance(data, dict):
        for key in ("profile_v2", "profile"):
            profile = data.get(key)
            if isinstance(profile, dict) and isinstance(profile.get("name"), dict):
                names.append(text_of(profile["name"].get("full_name")))
        users = data.get("profile_user")
        for user in users if isinstance(users, list) else ():
            fields = user.get("string_map_data") if isinstance(user, dict) else None
            if isinstance(fields, dict):
                for label in ("Name", "Username"):
                    value = fields.get(label)
                    if isinstance(value, dict):
                        names.append(text_of(value.get("value")))
    return [n.strip() for n in names if n.strip()]


def _attachments(item: dict[str, Any]) -> tuple[str, ...]:
    kinds = [kind for key, kind in _ATTACHMENTS if item.get(key)]
    media = item.get("media")
    for entry in media if isinstance(media, list) else ():
        uri = text_of(entry.get("uri")) if isinstance(entry, dict) else ""
        kinds.append(_MEDIA_KINDS.get(PurePosixPath(uri.lower()).suffix, "attachment"))
    return tuple(kinds)


def _call_outcome(
    duration: timedelta, item: dict[str, Any], direction: Direction | None
) -> CallOutcome:
    if duration > timedelta(0) and item.get("missed") is not True:
        return CallOutcome.ANSWERED
    return CallOutcome.NOT_ANSWERED if direction is Direction.OUT else CallOutcome.MISSED


def _instant(stamp: int | None, per_second: int) -> datetime | None:
    if stamp is None or stamp <= 0:
        return None
    try:
        return datetime.fromtimestamp(stamp / per_second, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key(prefix: str, *parts: str) -> str:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return f"{prefix}:{hashlib.sha256(joined).hexdigest()}"
