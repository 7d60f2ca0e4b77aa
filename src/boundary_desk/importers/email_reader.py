"""Read e-mail: one message (.eml), a mailbox (.mbox) or an Outlook item (.msg).

    reading = read_email(path)
    for message in reading:      # ImportedMessage, one at a time, in file order
        ...
    reading.summary              # counts, known once the loop has finished

A mailbox cut short raises `BrokenFile` after its whole messages have been yielded; the
caller decides whether to keep those or nothing. A message of a mailbox with no Date
header is placed at its envelope's date (when it was delivered); any other message
without a readable date is counted as skipped ("unreadable date"), never placed at a
guessed time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from boundary_desk.importers.email_mbox import MboxStream, envelope_instant
from boundary_desk.importers.email_message import read_message
from boundary_desk.importers.email_outlook import check_mail_item, read_outlook
from boundary_desk.importers.problems import UnreadableImport, WrongKind
from boundary_desk.importers.reading import ReadSummary
from boundary_desk.importers.recognise import SourceKind, not_expected, recognise
from boundary_desk.importers.records import ImportedMessage
from boundary_desk.importers.sbr_fields import Skipped
from boundary_desk.system.i18n import N_, _

_KINDS = {SourceKind.EMAIL, SourceKind.MBOX, SourceKind.OUTLOOK_MSG}
# A single message that starts with a mailbox's "From " line is both at once.
_ONE_MESSAGE = {SourceKind.EMAIL, SourceKind.MBOX}
_EMPTY = N_("This file is empty: it holds no e-mails.")


class EmailReading:
    """One pass over one e-mail file."""

    def __init__(self, path: Path, kind: SourceKind) -> None:
        self.kind = kind
        self._path = path
        self._records = 0
        self._contacts = 0
        self._skipped: Counter[str] = Counter()

    def __iter__(self) -> Iterator[ImportedMessage]:
        for read in self._messages():
            self._records += 1
            try:
                message = read()
            except Skipped as skipped:
                self._skipped[skipped.reason] += 1
                continue
            self._contacts += 1
            yield message

    @property
    def summary(self) -> ReadSummary:
        return ReadSummary(
            kind=self.kind,
            records=self._records,
            contacts=self._contacts,
            skipped=dict(self._skipped),
        )

    def _messages(self) -> Iterator[Callable[[], ImportedMessage]]:
        """Each message's reading, to run once the stream has found the message whole."""
        if self.kind is SourceKind.OUTLOOK_MSG:
            yield partial(read_outlook, self._path)
        elif self.kind is SourceKind.MBOX:
            for raw in MboxStream(self._path):
                yield partial(read_message, raw.data, raw.number, envelope_instant(raw.envelope))
        else:  # one message: the whole file
            yield partial(read_message, self._path.read_bytes(), 1)


def read_email(path: Path, expected: SourceKind | None = None) -> EmailReading:
    """A reading of `path`; refuses at once a file that is not e-mail, or not mail."""
    with path.open("rb") as file:
        if not file.read(1 << 12).strip(b"\xef\xbb\xbf \t\r\n"):
            raise UnreadableImport(_(_EMPTY))
    kind = recognise(path)
    if kind not in _KINDS:
        raise WrongKind(
            _(
                "This file looks like {kind}; an e-mail (.eml), a mailbox (.mbox) or an "
                "Outlook message (.msg) was expected."
            ).format(kind=kind.description)
        )
    if expected is not None and kind is not expected and {kind, expected} != _ONE_MESSAGE:
        raise WrongKind(not_expected(kind, expected.description))
    if kind is SourceKind.OUTLOOK_MSG:
        check_mail_item(path)
    return EmailReading(path, kind)
