"""One pass over a chat export's entries, from a .txt or from the .zip that holds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.recognise import SourceKind, recognise
from boundary_desk.importers.whatsapp_messages import ChatEntry, chat_entries
from boundary_desk.importers.whatsapp_source import chat_name, open_chat
from boundary_desk.importers.whatsapp_text import ChatText
from boundary_desk.importers.zip_safety import ZIP_DAMAGE
from boundary_desk.system.i18n import _

CHAT_KINDS = (SourceKind.WHATSAPP_TEXT, SourceKind.WHATSAPP_ZIP)


def chat_kind(path: Path) -> SourceKind:
    """Which of the two chat exports `path` is; `WrongKind` saying what it is otherwise."""
    kind = recognise(path)
    if kind not in CHAT_KINDS:
        raise WrongKind(
            _(
                "This file looks like {kind}; a WhatsApp chat export (.txt or .zip) was expected."
            ).format(kind=kind.description)
        )
    return kind


class ChatStream:
    """The entries of one chat export; `replaced_bytes` is final once they are all read."""

    def __init__(self, path: Path, kind: SourceKind) -> None:
        self.path = path
        self.kind = kind
        self.chat_name = chat_name(path)
        self.replaced_bytes = 0

    def entries(self) -> Iterator[ChatEntry]:
        read = 0
        with open_chat(self.path, self.kind) as raw:
            text = ChatText(raw)
            try:
                for entry in chat_entries(text):
                    read += 1
                    yield entry
            except ZIP_DAMAGE:
                # Deflate garbles on silently and the checksum is only met at the end, so
                # no part of a damaged member can be trusted: the first pass refuses it.
                raise UnreadableImport(
                    _(
                        "The chat inside this ZIP archive is damaged (it fails the archive's "
                        "own check), so none of it can be trusted; export the chat again."
                    )
                ) from None
            finally:
                self.replaced_bytes = text.replaced_bytes
        if read == 0:
            raise UnreadableImport(_("This WhatsApp export is empty: it holds no messages."))
