"""Which reader an export needs, and what the practice knows of the clinician's own handles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from boundary_desk.domain.practice_settings import PracticeSettings
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr import read_sbr

if TYPE_CHECKING:
    from boundary_desk.services.imports import ImportChoices

# The sources as the CLI's --source names them, each with the kinds of file it covers.
FAMILIES: dict[str, tuple[SourceKind, ...]] = {
    "sbr": (SourceKind.SBR_MESSAGES, SourceKind.SBR_CALLS),
    "email": (SourceKind.EMAIL, SourceKind.MBOX, SourceKind.OUTLOOK_MSG),
    "whatsapp": (SourceKind.WHATSAPP_TEXT, SourceKind.WHATSAPP_ZIP),
    "vcard": (SourceKind.VCARD,),
}
CHATS = FAMILIES["whatsapp"]
_NAMES = {
    "sbr": "an SMS Backup & Restore export",
    "email": "an e-mail file (.eml, .mbox or Outlook .msg)",
    "whatsapp": "a WhatsApp chat export",
    "vcard": "a file of contact cards (vCard)",
}


class MessageReading(Protocol):
    kind: SourceKind

    def __iter__(self) -> Iterator[ImportedMessage]: ...

    @property
    def summary(self) -> ReadSummary: ...


def kind_of(path: Path, source: SourceKind | None = None) -> SourceKind:
    """The kind of `path`, recognised from its content; WrongKind if it isn't `source`'s."""
    found = recognise(path)
    if source is not None and found is not source:
        raise WrongKind(f"This file is {found.description}; {source.description} was expected.")
    return found


def kind_in_family(path: Path, family: str) -> SourceKind:
    """The kind of `path`, which must be one of the source `family` ("sbr", "email", …)."""
    found = recognise(path)
    if found not in FAMILIES[family]:
        raise WrongKind(f"This file is {found.description}; {_NAMES[family]} was expected.")
    return found


def own_handles(practice: PracticeSettings) -> tuple[str, ...]:
    """The clinician's own addresses and numbers: they tell who wrote, and are no client's."""
    return tuple(h for h in (practice.email, practice.phone, *practice.own_handles) if h)


def open_reading(
    path: Path, kind: SourceKind, choices: ImportChoices, practice: PracticeSettings
) -> MessageReading:
    """A reading of `path` with the reader its kind needs."""
    if kind in FAMILIES["sbr"]:
        return read_sbr(path, expected=kind)
    raise UnreadableImport(
        f"This file is {kind.description}, which this version of Boundary Desk can't import yet."
    )
