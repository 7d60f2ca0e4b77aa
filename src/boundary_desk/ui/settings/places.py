"""The region, picked by name, and the time zone, searchable, with the region's zones first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QWidget

from boundary_desk.domain.places import (
    first_place_zone,
    is_place_zone,
    known_zones,
    region_choices,
    region_name,
    zones_for_region,
)
from boundary_desk.domain.region import Region, parse_region
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _
from boundary_desk.system.local_zone import zone_from_localtime_link, zone_from_tz_variable
from boundary_desk.ui.settings.editor import ValueEditor
from boundary_desk.ui.widgets.editable_boxes import replace_on_focus
from boundary_desk.ui.widgets.style import screen_reader_label


def _searchable(box: QComboBox, names: list[str]) -> None:
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.setMaxVisibleItems(16)
    completer = QCompleter(names, box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    replace_on_focus(box)


class RegionPicker(ValueEditor):
    """Pick "Ontario, Canada" by typing part of it; the value is the code, "CA-ON"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QComboBox(self)
        choices = region_choices()
        for choice in choices:
            self.box.addItem(choice.name, choice.code)
        _searchable(self.box, [choice.name for choice in choices])
        self.box.setMinimumWidth(320)
        self.box.setAccessibleName(_("Region"))
        screen_reader_label(self.box)  # the form's label names the picker, not its box
        self.box.editTextChanged.connect(self.edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box)
        row.addStretch(1)
        self.setFocusProxy(self.box)

    def value(self) -> str:
        typed = self.box.currentText().strip()
        index = self.box.findText(typed, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.box.itemData(index))
        try:  # a code typed as such, "CA-ON"
            return str(parse_region(typed))
        except InvalidInput:
            return typed

    def set_value(self, stored: str) -> None:
        try:
            self.box.setCurrentText(region_name(parse_region(stored)))
        except InvalidInput:
            self.box.setCurrentText(stored)

    def region(self) -> Region | None:
        try:
            return parse_region(self.value())
        except InvalidInput:
            return None

    def problems(self) -> list[str]:
        if self.region() is None:
            return [
                _(
                    '"{typed}" is not a region the holiday calendar knows; type part of its '
                    'name, such as "Ontario" or "Israel", and pick it.'
                ).format(typed=self.box.currentText().strip())
            ]
        return []


def computer_zone() -> str | None:
    """The computer's own time zone, if it names a place."""
    return first_place_zone(
        (
            zone_from_tz_variable(),
            bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace"),
            zone_from_localtime_link(),
        )
    )


def guessed_zone(region: Region) -> str:
    """The zone to suggest when none is chosen: the computer's, else the region's first."""
    zones = zones_for_region(region)
    return computer_zone() or (zones[0] if zones else "America/New_York")


class ZonePicker(ValueEditor):
    """A time zone, searched by any part of its name; the region's zones come first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QComboBox(self)
        self._all = sorted(z for z in known_zones() if is_place_zone(z))
        self._all += ["UTC"]
        _searchable(self.box, self._all)
        self.box.setMinimumWidth(320)
        self.box.setAccessibleName(_("Time zone"))
        screen_reader_label(self.box)
        self.box.editTextChanged.connect(self.edited)
        self.region_zones: tuple[str, ...] = ()
        self.set_region(None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box)
        row.addStretch(1)
        self.setFocusProxy(self.box)

    def set_region(self, region: Region | None) -> None:
        """Put the region's zones at the top of the list, keeping what is shown."""
        zones = zones_for_region(region) if region is not None else ()
        if zones == self.region_zones and self.box.count():
            return
        shown = self.box.currentText()
        self.region_zones = zones
        self.box.blockSignals(True)
        self.box.clear()
        self.box.addItems(list(zones))
        if zones:
            self.box.insertSeparator(len(zones))
        self.box.addItems([z for z in self._all if z not in zones])
        self.box.setCurrentText(shown)
        self.box.blockSignals(False)

    def value(self) -> str:
        return self.box.currentText().strip()

    def set_value(self, stored: str) -> None:
        self.box.setCurrentText(stored)
