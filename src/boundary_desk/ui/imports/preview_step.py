"""The import's preview: what would be added for each client, before anything is written.

Per client the counts, the dates, how many are after hours and the first few entries
(in the practice's time zone); then the partial matches to confirm, the handles seen
often that match no client (each can be added to one), whether each message's full
text is kept, and, for a damaged file, whether its whole records are imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from boundary_desk.domain.clients import Client
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.domain.vocabulary.labels import (
    CONTACT_CHANNEL_LABELS,
    DIRECTION_LABELS,
    shown,
    warning_label,
)
from boundary_desk.services.imports import ClientImport, ImportPreview, PreviewEntry, SourceKind
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.timeline.event_words import moment_text, squeezed
from boundary_desk.ui.widgets.style import InlineMessage, label, vbox
from boundary_desk.ui.widgets.tooltips import plain_tooltip

COLUMNS = (N_("When"), N_("Channel"), N_("Direction"), N_("Summary"), N_("Warnings"))
SUMMARY_LIMIT = 90
WARNINGS_WIDTH = 220
KEEP_TEXT = N_("Keep each message's full text")
KEEP_TEXT_HELP = N_(
    "Off: only each message's summary (its first line) is kept, as when you log a contact "
    "by hand. On: the whole text is kept too, encrypted in the vault like everything else."
)
WHOLE_ONLY = N_("Only those whole records are shown here and imported.")
PARTIAL_TITLE = N_("Partial matches to confirm")
UNMATCHED_TITLE = N_("Seen often, but not a client's")
UNMATCHED_HELP = N_("If one of these is a client's, add it to them and the preview is made again.")


def day_range(first: datetime | None, last: datetime | None, zone: ZoneInfo) -> str:
    """ "3 Mar 2026 – 28 Nov 2026" in the practice's zone; one date when both are that day."""
    if first is None or last is None:
        return ""
    start, end = first.astimezone(zone).date(), last.astimezone(zone).date()
    return short_date(start) if start == end else f"{short_date(start)} – {short_date(end)}"


def client_line(found: ClientImport, zone: ZoneInfo, kind: SourceKind) -> str:
    """E.g. "Zoë Martin (C-001): 12 new, 3 already imported · 3 Mar – … · 4 after hours"."""
    if kind is SourceKind.VCARD:
        details = ngettext("{count} contact detail", "{count} contact details", found.new).format(
            count=found.new
        )
        return _("{name} ({code}): {details} to add, {already} already there").format(
            name=found.name, code=found.code, details=details, already=found.already
        )
    parts = [
        _("{new} new, {already} already imported").format(
            new=f"{found.new:,}", already=f"{found.already:,}"
        )
    ]
    dates = day_range(found.first, found.last, zone)
    if dates:
        parts.append(dates)
    if found.after_hours:
        parts.append(_("{count} after hours").format(count=found.after_hours))
    return f"{found.name} ({found.code}): " + " · ".join(parts)


def entry_cells(entry: PreviewEntry, zone: ZoneInfo) -> list[str]:
    """One entry's columns: when (practice's zone), channel, direction, summary, warnings."""
    codes = list(entry.warnings)
    if entry.after_hours and "after_hours" not in codes:
        codes.insert(0, "after_hours")
    marks = [shown(warning_label(code)) for code in codes]
    return [
        moment_text(entry.instant, zone),
        shown(CONTACT_CHANNEL_LABELS[entry.channel]).capitalize(),
        shown(DIRECTION_LABELS[entry.direction]).capitalize(),
        squeezed(entry.summary, SUMMARY_LIMIT),
        ("⚠ " + ", ".join(marks)) if marks else "",
    ]


def reading_line(found: ImportPreview) -> str:
    """What was read, in counts only: the use case's sentence, then its notes."""
    return " ".join(found.lines())


class PreviewStep(QWidget):
    """One preview, shown; the clinician's answers come back by signal."""

    attach_requested = Signal(str, str)  # handle, client code
    partial_confirmed = Signal(str, str, bool)  # handle, client code, confirmed
    keep_text_changed = Signal(bool)

    def __init__(
        self,
        found: ImportPreview,
        zone: ZoneInfo,
        clients: Sequence[Client],
        *,
        keep_text: bool = False,
        confirmed: frozenset[str] = frozenset(),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.found, self._zone, self._clients = found, zone, list(clients)
        self.summary = label(reading_line(found))
        self.damage = InlineMessage("note", self)
        self.damage.show_message(found.damage and f"{found.damage} {_(WHOLE_ONLY)}")
        self.table = self._make_table()
        self.partial_boxes = self._partial_boxes(confirmed)
        self.add_buttons = self._add_buttons()
        self.keep_text = QCheckBox(_(KEEP_TEXT), self)
        self.keep_text.setChecked(keep_text)
        self.keep_text.toggled.connect(self.keep_text_changed)
        self._lay_out()

    def _make_table(self) -> QTreeWidget:
        table = QTreeWidget(self)
        table.setAccessibleName(_("What will be added"))
        table.setColumnCount(len(COLUMNS))
        table.setHeaderLabels([_(column) for column in COLUMNS])
        table.setRootIsDecorated(False)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Warnings give way to the summary: what no longer fits ends in "…", in full on hover.
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(4, WARNINGS_WIDTH)
        bold = QFont(table.font())
        bold.setBold(True)
        for found in self.found.clients:
            item = QTreeWidgetItem(table, [client_line(found, self._zone, self.found.kind)])
            item.setFont(0, bold)
            item.setFirstColumnSpanned(True)
            for entry in found.entries:
                row = QTreeWidgetItem(item, entry_cells(entry, self._zone))
                for column in (3, 4):
                    row.setToolTip(column, plain_tooltip(row.text(column)))
            more = found.new + found.already - len(found.entries)
            if found.entries and more > 0:
                rest = QTreeWidgetItem(
                    item,
                    [
                        ngettext("and {count} more entry", "and {count} more entries", more)
                        .format(count=more)
                    ],
                )  # fmt: skip
                rest.setFirstColumnSpanned(True)
            item.setExpanded(True)
        table.setVisible(bool(self.found.clients))
        table.setHeaderHidden(not any(found.entries for found in self.found.clients))
        return table

    def table_height(self) -> int:
        """The height that shows every row, so the preview scrolls as one page."""
        rows, item = 0, self.table.topLevelItem(0)
        while item is not None:
            rows += self.table.visualItemRect(item).height() or self.table.sizeHintForRow(0)
            item = self.table.itemBelow(item)
        header = 0 if self.table.isHeaderHidden() else self.table.header().sizeHint().height()
        return rows + header + 2 * self.table.frameWidth()

    def _partial_boxes(self, confirmed: frozenset[str]) -> list[QCheckBox]:
        names = {client.code: client.display_name for client in self._clients}
        boxes = []
        for match in self.found.partial:
            name = names.get(match.client_code, match.client_code)
            messages = ngettext("{count} message", "{count} messages", match.count).format(
                count=match.count
            )
            box = QCheckBox(
                _("{handle} could be {name} ({code}): {messages}").format(
                    handle=match.handle, name=name, code=match.client_code, messages=messages
                )
            )
            box.setChecked(match.handle in confirmed)
            box.toggled.connect(
                lambda on, m=match: self.partial_confirmed.emit(m.handle, m.client_code, on)
            )
            boxes.append(box)
        return boxes

    def _add_buttons(self) -> list[QPushButton]:
        buttons = []
        for unmatched in self.found.unmatched:
            add = QPushButton(_("Add to a client…"), self)
            add.setAccessibleName(_("Add {handle} to a client").format(handle=unmatched.handle))
            menu = QMenu(add)
            for client in self._clients:
                action = menu.addAction(f"{client.display_name} ({client.code})")
                action.triggered.connect(
                    lambda _on=False, h=unmatched.handle, c=client.code: self.attach_requested.emit(
                        h, c
                    )
                )
            add.setMenu(menu)
            add.setEnabled(bool(self._clients))
            buttons.append(add)
        return buttons

    def _lay_out(self) -> None:
        layout = vbox(self, 10)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.damage)
        layout.addWidget(self.table)
        if self.found.clients:
            self.table.setFixedHeight(self.table_height())
        if self.partial_boxes:
            group = QGroupBox(_(PARTIAL_TITLE), self)
            column = vbox(group, 6)
            for box in self.partial_boxes:
                column.addWidget(box)
            layout.addWidget(group)
        if self.add_buttons:
            layout.addWidget(self._unmatched_group())
        self.keep_text.setVisible(self.found.kind is not SourceKind.VCARD)
        layout.addWidget(self.keep_text)
        if self.found.kind is not SourceKind.VCARD:
            layout.addWidget(label(_(KEEP_TEXT_HELP), "muted"))
        layout.addStretch(1)

    def _unmatched_group(self) -> QGroupBox:
        group = QGroupBox(_(UNMATCHED_TITLE), self)
        column = vbox(group, 6)
        column.addWidget(label(_(UNMATCHED_HELP), "muted"))
        for unmatched, add in zip(self.found.unmatched, self.add_buttons, strict=True):
            row = QHBoxLayout()
            messages = ngettext("{count} message", "{count} messages", unmatched.count).format(
                count=unmatched.count
            )
            row.addWidget(label(f"{unmatched.handle} · {messages}"), 1)
            row.addWidget(add)
            column.addLayout(row)
        return group

    def controls(self) -> list[QWidget]:
        """The controls in reading order, for the dialog's Tab order."""
        shown = [self.table] if self.found.clients else []
        keep = [self.keep_text] if self.found.kind is not SourceKind.VCARD else []
        return [*shown, *self.partial_boxes, *self.add_buttons, *keep]
