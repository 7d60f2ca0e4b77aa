"""Which reader an export needs, and what the practice knows of the clinician's own handles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from boundary_desk.domain.clients import Client
from boundary_desk.domain.handle_matching import fold, suggested_ties
from boundary_desk.domain.practice_settings import TIMEZONE, PracticeSettings
from boundary_desk.errors import InvalidInput
from boundary_desk.importers.email_reader import read_email
from boundary_desk.importers.gvoice import read_google_voice
from boundary_desk.importers.imessage import read_imessage
from boundary_desk.importers.meta import META_KINDS, inspect_meta, read_meta
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.reading import Reading
from boundary_desk.importers.recognise import SourceKind, not_expected, recognise
from boundary_desk.importers.sbr import read_sbr
from boundary_desk.importers.telegram import inspect_telegram, read_telegram, result_file
from boundary_desk.importers.whatsapp import read_whatsapp
from boundary_desk.importers.whatsapp_chat import ChatFacts, inspect_chat
from boundary_desk.importers.whatsapp_time import DateOrder, default_order
from boundary_desk.system.i18n import N_, _

if TYPE_CHECKING:
    from boundary_desk.services.imports import ImportChoices

# The sources as the CLI's --source names them, each with the kinds of file it covers.
FAMILIES: dict[str, tuple[SourceKind, ...]] = {
    "sbr": (SourceKind.SBR_MESSAGES, SourceKind.SBR_CALLS),
    "email": (SourceKind.EMAIL, SourceKind.MBOX, SourceKind.OUTLOOK_MSG),
    "whatsapp": (SourceKind.WHATSAPP_TEXT, SourceKind.WHATSAPP_ZIP),
    "vcard": (SourceKind.VCARD,),
    "google-voice": (SourceKind.GOOGLE_VOICE,),
    "telegram": (SourceKind.TELEGRAM,),
    "imessage": (SourceKind.IMESSAGE, SourceKind.IMESSAGE_CALLS),
    "meta": META_KINDS,
    "calendar": (SourceKind.CALENDAR,),
}
CHATS = FAMILIES["whatsapp"]
META = FAMILIES["meta"]
_NAMES = {
    "sbr": N_("an SMS Backup & Restore export"),
    "email": N_("an e-mail file (.eml, .mbox or Outlook .msg)"),
    "whatsapp": N_("a WhatsApp chat export"),
    "vcard": N_("a file of contact cards (vCard)"),
    "google-voice": N_("Google Voice from Google Takeout (its Voice folder, or one page)"),
    "telegram": N_("a Telegram Desktop export (its folder, or result.json)"),
    "imessage": N_("Apple Messages (chat.db, sms.db) or call history (CallHistory.storedata)"),
    "meta": N_("a Facebook or Instagram download (the folder, the .zip or a message_1.json)"),
    "calendar": N_("a session calendar (.ics)"),
}


_FOLDER = N_("That is a folder; choose the export file inside it.")


def _recognised(path: Path) -> SourceKind:
    try:
        return recognise(path)
    except IsADirectoryError:
        raise UnreadableImport(_(_FOLDER)) from None
    except FileNotFoundError:
        raise UnreadableImport(_("There is no file there; check its name and folder.")) from None
    except OSError as exc:
        reason = exc.strerror or _("an error from the system")
        raise UnreadableImport(
            _("The file can't be read ({reason}).").format(reason=reason)
        ) from None


# The kinds of export that are a folder, each imported whole.
FOLDER_KINDS = (SourceKind.GOOGLE_VOICE, SourceKind.TELEGRAM, SourceKind.META_FOLDER)


def is_export_folder(path: Path) -> bool:
    """Whether `path` is a folder imported whole: Google Takeout's Voice folder, a
    Telegram Desktop export's folder, or a Facebook or Instagram download unzipped."""
    try:
        return path.is_dir() and recognise(path) in FOLDER_KINDS
    except (OSError, UnreadableImport):
        return False


def check_ties(
    ties: Mapping[str, str], codes: Iterable[str], not_clients: Iterable[str] = ()
) -> None:
    """InvalidInput unless every tie names a client by their code, and no one is both tied
    to a client and said to be no client."""
    both = {fold(n) for n in not_clients} & {fold(n) for n in ties}
    if both:
        raise InvalidInput(
            "The same name or handle was both tied to a client and said to be no client; "
            "give it one answer."
        )
    known = {c.upper() for c in codes}
    unknown = sorted({code for code in ties.values() if code.strip().upper() not in known})
    if unknown:
        listed = ", ".join(c[:12] for c in unknown[:5])
        raise InvalidInput(
            f"No client has the code {listed}; `boundary-desk client list` shows them."
        )


def kind_of(path: Path, source: SourceKind | None = None) -> SourceKind:
    """The kind of `path`, recognised from its content; WrongKind if it isn't `source`'s."""
    found = _recognised(path)
    if source is not None and found is not source:
        raise WrongKind(not_expected(found, source.description))
    return found


def kind_in_family(path: Path, family: str) -> SourceKind:
    """The kind of `path`, which must be one of the source `family` ("sbr", "email", …)."""
    found = _recognised(path)
    if found not in FAMILIES[family]:
        raise WrongKind(not_expected(found, _(_NAMES[family])))
    return found


def size_to_read(path: Path, kind: SourceKind) -> int:
    """The bytes a reading of `path` goes through, so its progress is told right."""
    return (result_file(path) if kind is SourceKind.TELEGRAM else path).stat().st_size


def own_handles(practice: PracticeSettings) -> tuple[str, ...]:
    """The clinician's own addresses and numbers: they tell who wrote, and are no client's."""
    return tuple(h for h in (practice.email, practice.phone, *practice.own_handles) if h)


def open_reading(
    path: Path, kind: SourceKind, choices: ImportChoices, practice: PracticeSettings
) -> Reading:
    """A reading of `path` with the reader its kind needs."""
    if kind in FAMILIES["sbr"]:
        return read_sbr(path, expected=kind)
    if kind in FAMILIES["email"]:
        return read_email(path, expected=kind)
    if kind is SourceKind.GOOGLE_VOICE:
        return read_google_voice(path)
    if kind is SourceKind.TELEGRAM:
        return read_telegram(path, me=_telegram_me(path, choices.me))
    if kind in FAMILIES["imessage"]:
        return read_imessage(path, expected=kind)
    if kind in CHATS:
        facts = inspect_chat(path)
        if not choices.me.strip():
            raise InvalidInput("Say which participant of the chat is you before it is read.")
        if fold(choices.me) not in {fold(p.name) for p in facts.participants}:
            raise InvalidInput("The name given for you is not one of this chat's participants.")
        order = choices.date_order or date_order(facts, practice).value
        if order not in {o.value for o in DateOrder}:
            raise InvalidInput('The date order must be "day-first", "month-first" or "year-first".')
        zone = TIMEZONE.parse(choices.zone) if choices.zone.strip() else practice.timezone
        return read_whatsapp(path, zone=zone, date_order=order)
    if kind in META:
        return read_meta(path, me=_meta_me(path, choices.me))
    raise UnreadableImport(
        _("This file is {kind}, which this version of Boundary Desk can't import.").format(
            kind=kind.description
        )
    )


def _meta_me(path: Path, given: str) -> str:
    """Who the download's owner is: as the clinician says, or as the download tells."""
    facts = inspect_meta(path)
    if given.strip():
        if facts.threads and fold(given) not in {fold(p) for p in facts.participants}:
            raise InvalidInput("The name given for you is not one of the download's participants.")
        return given
    if facts.threads and not facts.owner:
        raise InvalidInput(
            "Say which participant of the conversations is you before they are read."
        )
    return facts.owner


def _telegram_me(path: Path, given: str) -> str:
    """The name the clinician gives for themself, when it is one the export's groups show
    (an export that names its owner, or has no groups, needs none and shows none)."""
    if not given.strip():
        return given
    participants = inspect_telegram(path).participants
    if participants and fold(given) not in {fold(p) for p in participants}:
        raise InvalidInput(
            "The name given for you is not one of the export's participants; nothing was read."
        )
    return given


def date_order(facts: ChatFacts, practice: PracticeSettings) -> DateOrder:
    """The chat's date order: as the file decides it, or else the region's convention."""
    return facts.date_order or default_order(practice.region.country)


@dataclass(frozen=True)
class ChatAnswers:
    """What a chat export lets the import suggest before the clinician confirms it."""

    participants: tuple[str, ...] = field(repr=False)
    me: str = field(repr=False)
    ties: dict[str, str] = field(repr=False)
    order: DateOrder
    decided: bool


def chat_answers(path: Path, clients: list[Client], practice: PracticeSettings) -> ChatAnswers:
    """Who wrote in the chat, who of them is likely the clinician, and which a client."""
    facts = inspect_chat(path)
    names = tuple(p.name for p in facts.participants)
    me = _likely_me(names, practice.clinician)
    ties = {n: c for n, c in suggested_ties(names, clients).items() if n != me}
    return ChatAnswers(names, me, ties, date_order(facts, practice), facts.decided)


def meta_answers(path: Path, clients: list[Client], practice: PracticeSettings) -> ChatAnswers:
    """A download's participants, its owner (the clinician), and which are clients."""
    facts = inspect_meta(path)
    me = facts.owner or _likely_me(facts.participants, practice.clinician)
    ties = {n: c for n, c in suggested_ties(facts.participants, clients).items() if n != me}
    return ChatAnswers(facts.participants, me, ties, DateOrder.DAY_FIRST, True)


def telegram_answers(path: Path, clients: list[Client], practice: PracticeSettings) -> ChatAnswers:
    """A Telegram export's group participants, when it doesn't name its owner (a one-group
    export doesn't): who of them is likely the clinician, and which a client."""
    facts = inspect_telegram(path)
    names = facts.participants
    me = facts.suggested_me or _likely_me(names, practice.clinician)
    ties = {n: c for n, c in suggested_ties(names, clients).items() if n != me}
    return ChatAnswers(names, me, ties, DateOrder.DAY_FIRST, True)


def _likely_me(names: tuple[str, ...], clinician: str) -> str:
    """The participant named as the clinician is, titles and letters after it aside."""
    words = set(fold(clinician).replace(".", " ").replace(",", " ").split())
    if not words:
        return ""
    found = [n for n in names if (mine := set(fold(n).split())) and len(mine) > 1 and mine <= words]
    exact = [n for n in names if fold(n) == fold(clinician)]
    chosen = exact or found
    return chosen[0] if len(chosen) == 1 else ""
