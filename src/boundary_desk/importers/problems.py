"""Why a file could not be imported, each as one sentence the clinician can act on.

Messages name positions and counts, never anything read from the file, so no
message text or unmatched person's handle can reach a log or a crash report. Each is
in the app's language, made when it is raised.
"""

from __future__ import annotations

from boundary_desk.domain.vocabulary.calendar_names import whole_number
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _


class UnreadableImport(InvalidInput):
    """A chosen file can't be imported as it is."""


class WrongKind(UnreadableImport):
    """The file is not the kind of export that was expected."""


class HostileMarkup(UnreadableImport):
    """The file asks the XML reader to expand entities or fetch outside content."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "This file declares its own XML entities or document type, which phone "
                "backups never do; it was refused without being read."
            )
        )


class BrokenFile(UnreadableImport):
    """The file stops being readable part-way; what came before it is whole.

    `sentence` says it whole, in the app's language ("This mailbox is damaged at line
    12; the 3 e-mails before that point were read whole."); `where` is the place alone
    ("line 12"), from `at_line`, `at_character` or `at_row`.
    """

    def __init__(self, sentence: str, where: str, records_read: int) -> None:
        self.where = where
        self.records_read = records_read
        super().__init__(sentence)


def at_line(number: int) -> str:
    """ "line 1,234": where in a file its damage begins."""
    return _("line {number}").format(number=whole_number(number))


def at_character(number: int) -> str:
    """ "character 1,234", of a JSON file."""
    return _("character {number}").format(number=whole_number(number))


def at_row(number: int) -> str:
    """ "row 1,234", of a database table."""
    return _("row {number}").format(number=whole_number(number))
