"""A list of backups (when, what they hold, whether verified) and the question before restoring."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from boundary_desk.services.backups import Backup
from boundary_desk.system.i18n import N_, _, ngettext

COLUMNS = (N_("Made"), N_("Clients"), N_("Contacts logged"), N_("Verified"))
COLUMN_GAP = 24  # pixels between columns, so a date never runs into a count


def made_at(backup: Backup, zone: tzinfo | None) -> str:
    return f"{backup.created_at.astimezone(zone):%Y-%m-%d %H:%M}"


def zone_name(zone: tzinfo | None) -> str:
    """ "America/Toronto"; with None, the computer's own zone ("EST", "UTC")."""
    key = getattr(zone, "key", None)
    if isinstance(key, str):
        return key
    return datetime.now().astimezone(zone).tzname() or _("this computer's time")


def contents(backup: Backup) -> str:
    """E.g. "12 clients and 340 logged contacts", or what is known of an unverified backup."""
    if not backup.counts:
        return _("contents unknown (its description can't be read)")
    clients, events = backup.counts.get("clients", 0), backup.counts.get("events", 0)
    return _("{clients} and {events}").format(
        clients=ngettext("{count} client", "{count} clients", clients).format(count=clients),
        events=ngettext("{count} logged contact", "{count} logged contacts", events).format(
            count=events
        ),
    )


def verified_text(backup: Backup) -> str:
    if backup.verified:
        return "✓"
    return _("damaged") if backup.problem is not None else _("not verified")


def fewer_records_note(made: Backup, zone: tzinfo | None) -> str:
    """Said after a backup that holds fewer records than the one before it."""
    earlier = made.fewer_than
    if earlier is None:
        return ""
    return _(
        "This backup holds fewer records ({contents}) than the one made {made} "
        "({earlier}), so that one is kept beside it. If records are missing from your "
        "vault, restore it."
    ).format(contents=contents(made), made=made_at(earlier, zone), earlier=contents(earlier))


def restore_question(backup: Backup, zone: tzinfo | None, aside: Path) -> str:
    """What restoring means, in the clinician's terms, before they say yes."""
    lines = [
        _("Restore the backup made {made}? It holds {contents}.").format(
            made=made_at(backup, zone), contents=contents(backup)
        ),
        "",
        _(
            "Everything written since then will no longer be in your vault. Your current "
            "vault files are first kept aside, still encrypted, in {aside}, so nothing is "
            "destroyed."
        ).format(aside=aside),
    ]
    if backup.problem is not None:
        damaged = _("This backup looks damaged ({problem}); it is checked again now.")
        lines += ["", damaged.format(problem=backup.problem)]
    elif not backup.verified:
        lines += ["", _("This backup was not verified when it was made; it is checked again now.")]
    return "\n".join(lines)


class BackupList(QTreeWidget):
    """Backups, newest first; one can be selected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([_(column) for column in COLUMNS])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(_("Backups"))
        self._backups: list[Backup] = []

    def show_backups(self, backups: Sequence[Backup], zone: tzinfo | None) -> None:
        self.clear()
        # Which clock the times are on: the practice's, or (no vault open) the computer's.
        self.headerItem().setText(0, f"{_(COLUMNS[0])} ({zone_name(zone)})")
        self._backups = list(backups)
        for backup in self._backups:
            counts = backup.counts
            item = QTreeWidgetItem(
                [
                    made_at(backup, zone),
                    str(counts.get("clients", "–")),
                    str(counts.get("events", "–")),
                    verified_text(backup),
                ]
            )
            item.setData(0, Qt.ItemDataRole.ToolTipRole, str(backup.path))
            if backup.problem is not None:
                damaged = _("Damaged: {problem}").format(problem=backup.problem)
                item.setData(3, Qt.ItemDataRole.ToolTipRole, damaged)
            self.addTopLevelItem(item)
        for column in range(len(COLUMNS) - 1):  # the last one takes what is left
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, self.columnWidth(column) + COLUMN_GAP)

    @property
    def backups(self) -> list[Backup]:
        return list(self._backups)

    def select(self, index: int) -> None:
        item = self.topLevelItem(index)
        if item is not None:
            self.setCurrentItem(item)

    def selected_backup(self) -> Backup | None:
        item = self.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._backups[self.indexOfTopLevelItem(item)]
