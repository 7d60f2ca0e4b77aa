"""The audit trail in plain words: who-did-what rows, newest first, and whether the chain holds.

Everything here is shown as plain text: payloads carry whatever a clinician typed,
and a name like "<b>Sam</b>" must read exactly so.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.clients import Client
from boundary_desk.domain.vocabulary.calendar_names import weekday_date
from boundary_desk.services import Services, audit_trail
from boundary_desk.services.audit_trail import AuditRow, ChainCheck
from boundary_desk.services.record_views import viewed_audit
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import button, label

# What each kind of record is called, for "Added …", "Changed …", "Removed …".
_THINGS = {
    "clients": N_("the client's details"),
    "client_handles": N_("a contact detail"),
    "agreements": N_("the agreement"),
    "agreement_channels": N_("a channel in the agreement"),
    "clause_overrides": N_("clause wording"),
    "events": N_("an entry"),
    "event_warnings": N_("a warning"),
    "complex_events": N_("the complex or emotional mark on an entry"),
    "settings": N_("a setting"),
    "weekly_reviews": N_("a weekly review"),
}
_SPECIAL = {
    ("insert", "clients"): N_("Added the client"),
    ("insert", "events"): N_("Logged an entry"),
    ("insert", "agreements"): N_("Started an agreement version"),
    ("delete", "clients"): N_("Deleted the client"),
    ("view", "audit"): N_("Viewed the audit trail"),
    ("view", "events"): N_("Viewed the timeline"),
    ("view", "agreements"): N_("Viewed the agreement"),
    ("export", "agreement"): N_("Exported the agreement"),
    ("export", "record"): N_("Exported the communication record"),
    ("export", "review"): N_("Exported a weekly review"),
    ("export", "vault"): N_("Exported the vault"),
}
_ACTIONS = {
    "unlock": N_("Unlocked the vault"),
    "lock": N_("Locked the vault"),
    "backup": N_("Made a backup"),
    "integrity check": N_("Checked the vault's integrity"),
    "restore": N_("Restored from a backup"),
    "purge": N_("Purged the client's record"),
    "view": N_("Viewed the record"),
    "export": N_("Exported a document"),
}
# Each whole, so a language can word it its own way ("Ajout : une entrée").
_VERBS = {
    "insert": N_("Added {thing}"),
    "update": N_("Changed {thing}"),
    "delete": N_("Removed {thing}"),
}
# Bookkeeping columns that change on every save and say nothing to a reader.
_QUIET_FIELDS = frozenset({"updated_at"})
NOTHING_YET = N_("Nothing has been recorded yet.")


def describe(row: AuditRow) -> str:
    """The action in the clinician's words, e.g. "Changed the client's details"."""
    special = _SPECIAL.get((row.action, row.table_name))
    if special:
        return _(special)
    verb = _VERBS.get(row.action)
    if verb:
        thing = _THINGS.get(row.table_name)
        return _(verb).format(thing=_(thing) if thing else row.table_name.replace("_", " "))
    action = _ACTIONS.get(row.action)
    return _(action) if action else row.action.capitalize()


def _shown(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    return str(value)


def changed_fields(row: AuditRow) -> list[tuple[str, str, str]]:
    """(field, before, after) for the fields an update changed; empty for anything else."""
    details = row.details()
    old, new = details.get("old"), details.get("new")
    if row.action != "update" or not isinstance(old, dict) or not isinstance(new, dict):
        return []
    return [
        (key.replace("_", " ").capitalize(), _shown(old.get(key)), _shown(new.get(key)))
        for key in new
        if key not in _QUIET_FIELDS and old.get(key) != new.get(key)
    ]


def local_time(at: str, zone: tzinfo) -> str:
    """A stored UTC stamp as the practice's wall-clock time, e.g. "Tue 24 Nov 2026 13:00"."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone)
    return f"{weekday_date(local.date())} {local:%H:%M}"


def chain_summary(check: ChainCheck) -> str:
    if check.intact:
        return ngettext(
            "Audit trail intact: {count} row verified",
            "Audit trail intact: {count} rows verified",
            check.rows,
        ).format(count=check.rows)
    return check.summary()


class AuditView(QWidget):
    """The trail for the whole vault, or one client's rows; opening a client's records it."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        client_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self.client_id = client_id
        if client_id is not None:
            viewed_audit(services, client_id)
        self.header = label("", "note", selectable=True)
        self.empty = label(_(NOTHING_YET), "muted")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("When"), _("What")])
        self.tree.setAccessibleName(_("Audit trail"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self.header)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        self.refresh()

    def refresh(self) -> None:
        """Re-check the chain and reload the rows."""
        self.header.setText(chain_summary(audit_trail.verify(self._services)))
        zone = self._services.settings.load().timezone
        rows = audit_trail.rows(self._services, self.client_id)
        self.tree.clear()
        self.tree.addTopLevelItems([self._item(row, zone) for row in rows])
        self.tree.resizeColumnToContents(0)
        self.empty.setVisible(not rows)

    def _item(self, row: AuditRow, zone: tzinfo) -> QTreeWidgetItem:
        item = QTreeWidgetItem([local_time(row.at, zone), describe(row)])
        item.setData(0, Qt.ItemDataRole.UserRole, row.id)
        if row.details() == {"redacted": True}:
            item.setText(
                1,
                _("{action} (details removed when the client was purged)").format(
                    action=describe(row)
                ),
            )
        elif "carried_over" in row.details():
            item.setText(
                1, _("{action} (before a restore; kept as a record)").format(action=describe(row))
            )
        for field, before, after in changed_fields(row):
            item.addChild(QTreeWidgetItem(["", f"{field}: {before} \u2192 {after}"]))
        return item

    def row_texts(self) -> list[str]:
        """Each top-level row as "when · what", newest first (for tests and screen readers)."""
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [f"{item.text(0)} · {item.text(1)}" for item in items if item is not None]


class ClientAuditWindow(QDialog):
    """Not modal, so the client list stays usable beside it."""

    def __init__(
        self, services: Services, prompter: Prompter, client: Client, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if client.id is None:
            raise ValueError("an audit trail needs a saved client")
        self.client_id = client.id
        # The code only: window titles show in task bars and window lists.
        self.setWindowTitle(_("Audit trail · {code}").format(code=client.code))
        self.view = AuditView(services, prompter, client.id, self)
        close = button(_("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 20, 14)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.resize(760, 560)
