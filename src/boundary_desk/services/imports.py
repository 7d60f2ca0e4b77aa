"""Importing an export, for the app and the CLI alike: questions, preview, then commit.

    asked = questions(services, path)                 # what must be settled first
    shown = preview(services, path, ImportChoices(me=..., ties=...), cancelled=...)
    result = commit(services, shown)                  # one transaction, one audit row
    result.sentence()                                 # "12 new, 3 already imported, …"

Nothing is written before `commit`. Messages with no client in them are dropped in
memory during the preview and leave only counts; the preview holds the entries it would
add (message text only when the clinician chose to keep it), never shown in its repr.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.domain.clients import Client, ContactHandle
from boundary_desk.domain.events import ContactChannel, Direction
from boundary_desk.domain.handle_matching import HandleIndex
from boundary_desk.domain.imported_entries import AnsweredEntry, StagedEntry
from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.importers.problems import BrokenFile
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind
from boundary_desk.services import import_cards, import_sources
from boundary_desk.services.import_staging import Stager
from boundary_desk.services.import_warnings import judge
from boundary_desk.storage.stores.imports import ImportStore
from boundary_desk.system.i18n import _, ngettext

if TYPE_CHECKING:
    from boundary_desk.services import Services

__all__ = [
    "BrokenFile",
    "ClientImport",
    "ImportCancelled",
    "ImportChoices",
    "ImportPreview",
    "ImportQuestions",
    "ImportResult",
    "PartialMatch",
    "PreviewEntry",
    "SourceKind",
    "UnmatchedHandle",
    "attach_handle",
    "commit",
    "preview",
    "questions",
    "source_kind",
]

SHOWN_ENTRIES = 5  # the first few entries a preview shows per client
UNMATCHED_SHOWN = 20
UNMATCHED_AT_LEAST = 2  # a handle seen once is not worth attaching
_POLL_EVERY = 256  # records between checks for Cancel and progress


class ImportCancelled(Exception):
    """The clinician cancelled; nothing was written and nothing read is kept."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled; nothing was imported.")


@dataclass(frozen=True)
class ImportChoices:
    source: SourceKind | None = None  # None: recognised from the file's content
    me: str = ""  # the chat participant who is the clinician
    # A handle, chat participant or card name -> client code.
    ties: Mapping[str, str] = field(default_factory=dict)
    # Handles, participants or cards the clinician said are no client's: never matched,
    # even when a client's name or handle is the same.
    not_clients: frozenset[str] = frozenset()
    zone: str = ""  # IANA zone the phone was in, for chat exports; "" = the practice's
    date_order: str = ""  # "day-first" | "month-first" | "year-first"; "" = as inferred
    keep_text: bool = False  # keep each message's full text in the vault, or only its summary
    # A damaged file: import the whole records before the damage (True) or refuse (False).
    keep_whole_of_damaged: bool = False


@dataclass(frozen=True)
class ImportQuestions:
    """What must be settled before a preview."""

    kind: SourceKind
    # A chat: who wrote; contact cards: every card's name (each can be tied to a client).
    participants: tuple[str, ...] = field(default=(), repr=False)
    suggested_me: str = field(default="", repr=False)  # chat: the clinician, by name
    # Participant or card name -> client code, when a client's name matches.
    suggested_ties: Mapping[str, str] = field(default_factory=dict, repr=False)
    date_order: str = ""  # chat: as inferred
    date_order_decided: bool = True  # False: the region's convention was used; confirm it
    needs_zone: bool = False  # chat exports carry no zone


@dataclass(frozen=True)
class PreviewEntry:
    instant: datetime
    channel: ContactChannel
    direction: Direction
    summary: str = field(repr=False)
    after_hours: bool
    warnings: tuple[str, ...]  # warning codes


@dataclass(frozen=True)
class ClientImport:
    code: str
    name: str = field(repr=False)
    new: int  # entries to add (for contact cards: handles to add)
    already: int
    first: datetime | None
    last: datetime | None
    after_hours: int
    entries: tuple[PreviewEntry, ...] = ()  # the first few new ones


@dataclass(frozen=True)
class UnmatchedHandle:
    """A handle seen often with no client: how often, never its messages."""

    handle: str = field(repr=False)
    count: int


@dataclass(frozen=True)
class PartialMatch:
    """A handle that only ends a client's number: to confirm, never matched silently."""

    handle: str = field(repr=False)
    client_code: str
    count: int


@dataclass(frozen=True)
class ImportPreview:
    kind: SourceKind
    clients: tuple[ClientImport, ...]
    unmatched: tuple[UnmatchedHandle, ...]
    partial: tuple[PartialMatch, ...]
    others: int  # messages dropped because no client is in them (only counted)
    damage: str  # "" or where the file breaks and what was read whole
    summary: ReadSummary
    new: int
    already: int
    group_others: int = 0  # other people's messages in a client's group, only counted
    repeated: int = 0  # messages the file holds more than once, counted once
    unusable: int = 0  # dated in the future or over twenty years ago: left out
    keep_text: bool = False
    # What commit writes, held in memory only.
    staged: tuple[StagedEntry, ...] = field(default=(), repr=False, compare=False)
    handles: tuple[tuple[int, tuple[ContactHandle, ...]], ...] = field(
        default=(), repr=False, compare=False
    )
    # Entries already in the vault that a reply in this file answers.
    answered: tuple[AnsweredEntry, ...] = field(default=(), repr=False, compare=False)

    def sentence(self) -> str:
        """What was read and what becomes of it, in counts only, e.g. "214 messages read;
        37 for 2 clients (12 after hours), 3 already imported; 177 from people who are not
        clients were left out.", in the app's language (the CLI's is English)."""
        parts = [_read(self.kind, self.summary.records)]
        clients = _count(
            ngettext("{count} client", "{count} clients", len(self.clients)), len(self.clients)
        )
        if self.kind is SourceKind.VCARD:
            if self.clients:
                kept = ngettext(
                    "{count} contact detail to add for {clients}",
                    "{count} contact details to add for {clients}",
                    self.new,
                )
                parts.append(_count(kept, self.new, clients=clients))
            else:
                parts.append(_("none is a client's"))
            if self.already:
                there = ngettext("{count} already there", "{count} already there", self.already)
                parts[-1] = f"{parts[-1]}, {_count(there, self.already)}"
            if self.others:
                skipped = ngettext(
                    "{count} of people who are not clients was skipped",
                    "{count} of people who are not clients were skipped",
                    self.others,
                )
                parts.append(_count(skipped, self.others))
        else:
            parts.append(self._kept(clients))
            for count, words in (
                (
                    self.others,
                    ngettext(
                        "{count} from people who are not clients was left out",
                        "{count} from people who are not clients were left out",
                        self.others,
                    ),
                ),
                (
                    self.group_others,
                    ngettext(
                        "{count} by others in a client's group was only counted",
                        "{count} by others in a client's group were only counted",
                        self.group_others,
                    ),
                ),
                (
                    self.repeated,
                    ngettext(
                        "{count} held twice was counted once",
                        "{count} held twice were counted once",
                        self.repeated,
                    ),
                ),
                (
                    self.unusable,
                    ngettext(
                        "{count} with an impossible date was left out",
                        "{count} with impossible dates were left out",
                        self.unusable,
                    ),
                ),
            ):
                if count:
                    parts.append(_count(words, count))
        return "; ".join(parts) + "."

    def _kept(self, clients: str) -> str:
        """ "37 for 2 clients (12 after hours), 3 already imported", or "none is a client's"."""
        if not self.clients:
            return _("none is a client's")
        late = sum(c.after_hours for c in self.clients)
        kept = _count(_("{count} for {clients}"), self.new, clients=clients)
        if late:
            after = _("{count} after hours")
            kept = f"{kept} ({_count(after, late)})"
        if self.already:
            already = _("{count} already imported")
            kept = f"{kept}, {_count(already, self.already)}"
        return kept

    def lines(self) -> tuple[str, ...]:
        """The sentence, then what the clinician should know of the reading, one each: the
        count the file declares when it disagrees, and the reader's notes."""
        summary = self.summary
        declared: tuple[str, ...] = ()
        if summary.count_disagrees and summary.declared_count is not None:
            says = _("The file says it holds {count}.")
            declared = (_count(says, summary.declared_count),)
        return (self.sentence(), *declared, *summary.notes)


_EMAIL_KINDS = frozenset({SourceKind.EMAIL, SourceKind.MBOX, SourceKind.OUTLOOK_MSG})


def _read(kind: SourceKind, count: int) -> str:
    """ "214 messages read", in the unit the source counts in."""
    if kind is SourceKind.SBR_CALLS:
        words = ngettext("{count} call read", "{count} calls read", count)
    elif kind in _EMAIL_KINDS:
        words = ngettext("{count} e-mail read", "{count} e-mails read", count)
    elif kind is SourceKind.VCARD:
        words = ngettext("{count} contact card read", "{count} contact cards read", count)
    else:
        words = ngettext("{count} message read", "{count} messages read", count)
    return _count(words, count)


def _count(words: str, count: int, **more: str) -> str:
    """`words` with `count` written as the app's language groups thousands ("1,234";
    "1 234" in French)."""
    return words.format(count=whole_number(count), **more)


@dataclass(frozen=True)
class ImportResult:
    added: int
    already: int
    clients: int

    def sentence(self) -> str:
        """E.g. "12 new, 3 already imported, for 2 clients."."""
        clients = _count(ngettext("{count} client", "{count} clients", self.clients), self.clients)
        words = ngettext(
            "{count} new, {already} already imported, for {clients}.",
            "{count} new, {already} already imported, for {clients}.",
            self.added,
        )
        return _count(words, self.added, already=whole_number(self.already), clients=clients)


SOURCES = tuple(import_sources.FAMILIES)  # "sbr", "email", "whatsapp", "vcard", "meta"


def source_kind(path: Path, source: str = "") -> SourceKind:
    """The kind of `path`, from its content; WrongKind when it is not of `source` (one of
    SOURCES, as the CLI's --source names them) or of any kind Boundary Desk reads."""
    if source:
        return import_sources.kind_in_family(path, source)
    return import_sources.kind_of(path)


def questions(services: Services, path: Path, source: SourceKind | None = None) -> ImportQuestions:
    """What the clinician must settle for `path`; UnreadableImport for a file it can't read."""
    kind = import_sources.kind_of(path, source)
    clients = services.clients.list(include_archived=True)
    if kind is SourceKind.VCARD:
        names, suggested = import_cards.card_names(path, clients)
        return ImportQuestions(kind, participants=names, suggested_ties=suggested)
    if kind in import_sources.META or kind is SourceKind.TELEGRAM:
        answers = (
            import_sources.telegram_answers
            if kind is SourceKind.TELEGRAM
            else import_sources.meta_answers
        )
        found = answers(path, clients, services.settings.load())
        return ImportQuestions(
            kind,
            participants=found.participants,
            suggested_me=found.me,
            suggested_ties=found.ties,
        )
    if kind not in import_sources.CHATS:
        return ImportQuestions(kind)
    chat = import_sources.chat_answers(path, clients, services.settings.load())
    return ImportQuestions(
        kind,
        participants=chat.participants,
        suggested_me=chat.me,
        suggested_ties=chat.ties,
        date_order=chat.order.value,
        date_order_decided=chat.decided,
        needs_zone=True,
    )


def preview(
    services: Services,
    path: Path,
    choices: ImportChoices,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportPreview:
    """What importing `path` would add, per client; nothing is written.

    Raises an UnreadableImport for a wrong, hostile or damaged file (damaged: unless
    `keep_whole_of_damaged`), and ImportCancelled when `cancelled()` says so.
    """
    kind = import_sources.kind_of(path, choices.source)
    practice = services.settings.load()
    clients = services.clients.list(include_archived=True)
    import_sources.check_ties(choices.ties, {c.code for c in clients}, choices.not_clients)
    ties = {name: code.strip().upper() for name, code in choices.ties.items()}
    index = HandleIndex.build(
        clients,
        country=practice.region.country,
        own=import_sources.own_handles(practice),
        ties=ties,
        not_clients=choices.not_clients,
    )
    if kind is SourceKind.VCARD:
        return _card_preview(services, path, ties, clients, choices.not_clients)
    reading = import_sources.open_reading(path, kind, choices, practice)
    stager = Stager(
        index,
        {c.code: c for c in clients},
        me=choices.me,
        now=services.clock(),
        keep_text=choices.keep_text,
    )
    # A folder's reading knows its own size (Google Voice's pages); a file's is its size.
    total = max(1, getattr(reading, "bytes_total", 0) or import_sources.size_to_read(path, kind))
    damage = ""
    try:
        for number, message in enumerate(reading, 1):
            stager.add(message)
            if number % _POLL_EVERY == 0:
                _poll(reading, total, progress, cancelled)
    except BrokenFile as broken:
        if not choices.keep_whole_of_damaged:
            raise
        damage = str(broken)
    _poll(reading, total, progress, cancelled)
    return _message_preview(services, kind, stager, reading.summary, damage, choices.keep_text)


def _poll(
    reading: object,
    total: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    if progress is not None:
        done = getattr(reading, "bytes_read", 0)
        progress(min(int(done), total), total)


def _message_preview(
    services: Services,
    kind: SourceKind,
    stager: Stager,
    summary: ReadSummary,
    damage: str,
    keep_text: bool,
) -> ImportPreview:
    staged = stager.staged
    store = ImportStore(services.vault.conn, services.clock)
    existing = store.existing(
        e.source_key for entries in staged.by_client.values() for e in entries
    )
    practice = services.settings.load()
    clients, kept, new, already = [], [], 0, 0
    answered: list[AnsweredEntry] = []
    for code, entries in sorted(staged.by_client.items()):
        client = services.clients.find(code)
        judged = judge(services, client, entries, existing, practice)
        kept += judged.fresh
        answered += judged.answered
        new += len(judged.fresh)
        already += judged.already
        clients.append(_client_import(client, judged.fresh, judged.already, judged.late))
    return ImportPreview(
        kind=kind,
        clients=tuple(clients),
        unmatched=tuple(
            UnmatchedHandle(handle, count)
            for handle, count in staged.unmatched.most_common(UNMATCHED_SHOWN)
            if count >= UNMATCHED_AT_LEAST
        ),
        partial=tuple(
            PartialMatch(handle, code, count)
            for (handle, code), count in staged.partial.most_common()
        ),
        others=staged.others,
        damage=damage,
        summary=summary,
        new=new,
        already=already,
        group_others=staged.group_others,
        repeated=staged.repeated,
        unusable=staged.unusable,
        keep_text=keep_text,
        staged=tuple(kept),
        answered=tuple(answered),
    )


def _client_import(
    client: Client, fresh: list[StagedEntry], already: int, late: list[bool]
) -> ClientImport:
    moments = [e.event.occurred_at for e in fresh]
    shown = tuple(
        PreviewEntry(
            instant=e.event.occurred_at,
            channel=e.event.channel or ContactChannel.TEXT,
            direction=e.event.direction or Direction.IN,
            summary=e.event.summary,
            after_hours=is_late,
            warnings=tuple(w.code for w in e.warnings),
        )
        for e, is_late in zip(fresh[:SHOWN_ENTRIES], late, strict=False)
    )
    return ClientImport(
        code=client.code,
        name=client.display_name,
        new=len(fresh),
        already=already,
        first=min(moments, default=None),
        last=max(moments, default=None),
        after_hours=sum(late),
        entries=shown,
    )


def _card_preview(
    services: Services,
    path: Path,
    ties: Mapping[str, str],
    clients: list[Client],
    not_clients: frozenset[str],
) -> ImportPreview:
    country = services.settings.load().region.country
    found = import_cards.read(path, clients, ties, country, not_clients)
    rows = tuple(
        ClientImport(c.code, c.display_name, len(add), present, None, None, 0)
        for c, add, present in found.by_client
    )
    return ImportPreview(
        kind=SourceKind.VCARD,
        clients=rows,
        unmatched=(),
        partial=(),
        others=found.others,
        damage="",
        summary=found.summary,
        new=sum(r.new for r in rows),
        already=sum(r.already for r in rows),
        handles=tuple((c.id or 0, add) for c, add, _ in found.by_client if add),
    )


def commit(
    services: Services,
    shown: ImportPreview,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Write what the preview showed, in one transaction with one audit row: all of it,
    or nothing. `progress(done, total)` is told how far the writing is, in entries."""
    store = ImportStore(services.vault.conn, services.clock)
    if shown.kind is SourceKind.VCARD:
        added = import_cards.commit(services, store, shown.handles, shown.already)
        if progress is not None:
            progress(added, added)
        return ImportResult(added, shown.already, len(shown.clients))
    written = store.write(
        shown.kind.value,
        shown.staged,
        kept_text=shown.keep_text,
        already=shown.already,
        clients=len(shown.clients),
        answered=shown.answered,
        progress=progress,
    )
    return ImportResult(written.added, written.already, len(shown.clients))


def attach_handle(services: Services, client_code: str, handle: str) -> None:
    """Tie a handle seen in an export to a client: it joins the client's handles."""
    client = services.clients.find(client_code)
    country = services.settings.load().region.country
    import_cards.attach(services, client, handle, country)
