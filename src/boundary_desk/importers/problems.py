"""Why a file could not be imported, each as one sentence the clinician can act on.

Messages name positions and counts, never anything read from the file, so no
message text or unmatched person's handle can reach a log or a crash report.
"""

from __future__ import annotations

from boundary_desk.errors import InvalidInput


class UnreadableImport(InvalidInput):
    """A chosen file can't be imported as it is."""


class WrongKind(UnreadableImport):
    """The file is not the kind of export that was expected."""


class HostileMarkup(UnreadableImport):
    """The file asks the XML reader to expand entities or fetch outside content."""

    def __init__(self) -> None:
        super().__init__(
            "This file declares its own XML entities or document type, which phone "
            "backups never do; it was refused without being read."
        )


class BrokenFile(UnreadableImport):
    """The file stops being readable part-way; what came before it is whole."""

    def __init__(self, what: str, where: str, records_read: int, unit: str) -> None:
        self.where = where
        self.records_read = records_read
        plural, were = (unit, "was") if records_read == 1 else (f"{unit}s", "were")
        super().__init__(
            f"This {what} is damaged at {where}; the {records_read:,} {plural} "
            f"before that point {were} read whole."
        )
