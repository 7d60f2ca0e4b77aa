"""Crisis resources as a table of names and numbers; empty means the region's defaults."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.crisis import (
    CrisisResource,
    parse_crisis_resources,
)
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.style import button

_COLUMNS = (N_("Name"), N_("Number"))


class CrisisTable(ValueEditor):
    """A row for each resource; rows left blank are dropped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([_(column) for column in _COLUMNS])
        self.table.setAccessibleName(_("Crisis resources"))
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 160)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        self.table.itemChanged.connect(self.edited)
        self.add_button = button(_("Add a line"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = button(_("Remove line"))
        self.remove_button.clicked.connect(self.remove_row)
        self.defaults_button = button(_("Start from the defaults"))
        self.defaults_button.setToolTip(_("Put your region's default numbers in the table to edit"))
        self.defaults_button.clicked.connect(self._start_from_defaults)
        self.defaults: tuple[CrisisResource, ...] = ()
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.defaults_button)
        bar.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(bar)
        self.setFocusProxy(self.table)
        self._fit()

    def _fit(self) -> None:
        rows = max(self.table.rowCount(), 2)
        height = (
            self.table.horizontalHeader().height()
            + self.table.verticalHeader().defaultSectionSize() * rows
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + 2)
        self.remove_button.setEnabled(self.table.rowCount() > 0)

    def rows(self) -> list[tuple[str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, column) for column in range(2)]
            name, number = (" ".join(c.text().split()) if c else "" for c in cells)
            found.append((name, number))
        return found

    def add_row(self, name: str = "", number: str = "") -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(number))
        self.table.blockSignals(False)
        self._fit()
        self.defaults_button.setEnabled(self.table.rowCount() == 0)
        if not name:
            self.table.setCurrentCell(row, 0)
            if (first := self.table.item(row, 0)) is not None:
                self.table.editItem(first)
            self.edited.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self._fit()
            self.defaults_button.setEnabled(self.table.rowCount() == 0)
            self.edited.emit()

    def _start_from_defaults(self) -> None:
        for resource in self.defaults:
            self.add_row(resource.label, resource.number)
        self.edited.emit()

    def _filled(self) -> list[tuple[int, str, str]]:
        return [
            (n, name, number) for n, (name, number) in enumerate(self.rows(), 1) if name or number
        ]

    def value(self) -> str:
        return "; ".join(f"{name}: {number}" for _, name, number in self._filled())

    def set_value(self, stored: str) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        try:
            resources = parse_crisis_resources(stored) if stored.strip() else ()
        except InvalidInput:
            resources = ()
        for resource in resources:
            self.add_row(resource.label, resource.number)
        self._fit()
        self.defaults_button.setEnabled(self.table.rowCount() == 0)

    def problems(self) -> list[str]:
        """Each line's problem, named by its line, all at once."""
        found = []
        for line, name, number in self._filled():
            if not name:
                found.append(
                    _("Line {line}: give the number {number} a name.").format(
                        line=line, number=number
                    )
                )
            elif not number:
                found.append(_("Line {line}: {name} needs a number.").format(line=line, name=name))
            elif ":" in number:
                found.append(_("Line {line}: the number can't hold a colon.").format(line=line))
            else:
                try:
                    parse_crisis_resources(f"{name}: {number}")
                except InvalidInput as refusal:
                    found.append(
                        _("Line {line}: {problem}").format(
                            line=line,
                            problem=refusal.message.partition(" Crisis resources must")[0],
                        )
                    )
        return found
