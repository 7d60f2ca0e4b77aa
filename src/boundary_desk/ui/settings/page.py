"""Practice settings as a form generated from the declared SETTINGS.

Text settings (names, address, phone, email) are typed; the hours, region, time zone,
vacation days, review time, crisis resources and backup folder each have their own
control (in this package), and a whole number (minutes, years) a spin box with its unit.
Saving checks every field and shows every problem at once; a change that re-judges
logged entries, or reads the phone numbers in another country, says how many and asks
first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.crisis import has_local_defaults, in_language
from boundary_desk.domain.places import first_weekday, region_name
from boundary_desk.domain.practice_settings import (
    LETTERHEAD_KEYS,
    SETTINGS,
    SETTINGS_BY_KEY,
    PracticeSettings,
    SettingSpec,
    validate_setting,
)
from boundary_desk.domain.vocabulary.calendar_names import shown_language
from boundary_desk.errors import InvalidInput, UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.settings import (
    change_impact,
    region_hint,
    save_settings,
    today_in_practice,
)
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.settings.crisis_table import CrisisTable
from boundary_desk.ui.settings.editor import SettingControl, ValueEditor
from boundary_desk.ui.settings.folder import FolderPicker
from boundary_desk.ui.settings.hours_grid import HoursGrid
from boundary_desk.ui.settings.language import LanguagePicker
from boundary_desk.ui.settings.numbers import WholeNumberSetting
from boundary_desk.ui.settings.places import RegionPicker, ZonePicker, guessed_zone
from boundary_desk.ui.settings.review_time import ReviewTimePicker
from boundary_desk.ui.settings.vacation import VacationList
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import InlineMessage, button, label, tab_order

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Your other addresses sit with the ones printed, though they are never printed.
    (N_("Letterhead"), (*LETTERHEAD_KEYS, "own_handles")),
    (N_("Hours and region"), ("timezone", "hours", "region", "week_start", "vacation", "review")),
    (N_("Security and records"), ("autolock", "retention", "backups", "replaced")),
    (N_("Crisis resources"), ("crisis",)),
    (N_("Channels"), ("channels", "long_thread")),
    (N_("Language"), ("language",)),
)
_MULTILINE = {"address"}
# Controls with a help line of their own words: the typed examples don't apply to them.
_CONTROL_HELP = {
    "timezone": N_(
        "Your working hours and the weekly review follow this zone. Type part of a "
        "city's name to search; your region's zones come first."
    ),
    "hours": N_(
        "Tick the days you work; \u201cAdd hours\u201d gives a day a second stretch, "
        "for a split day. An end of 00:00 is midnight."
    ),
    "region": N_(
        "For public holidays and crisis numbers. Type part of the name, e.g. "
        "\u201cOntario\u201d, and pick it."
    ),
    "vacation": N_("Days you are away; contact on them counts as after hours."),
    "review": N_("When your weekly self-review is due, in your time zone."),
    "crisis": N_("Leave empty for your region's defaults, shown below."),
}
_FORM_WIDTH = 760


class SettingField(QWidget):
    """One setting's input, with its help beneath and room for every refusal."""

    edited = Signal()

    def __init__(
        self, spec: SettingSpec[Any], prompter: Prompter, today: Any, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.input = self._make_input(spec, prompter, today)
        help_text = _(_CONTROL_HELP.get(spec.key, spec.help))
        self.input.setToolTip(help_text)
        self.input.setAccessibleName(_(spec.label))
        self.input.setAccessibleDescription(help_text)
        self.help = label(help_text, "help")
        self.error = InlineMessage("error", self)
        self.shown = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.input)
        layout.addWidget(self.help)
        layout.addWidget(self.error)
        self.setFocusProxy(self.input)

    def _make_input(self, spec: SettingSpec[Any], prompter: Prompter, today: Any) -> QWidget:
        key = spec.key
        editor: ValueEditor | None = None
        if spec.bounds is not None:
            editor = WholeNumberSetting(spec, self)
        elif key == "review":
            editor = ReviewTimePicker(self)
        elif key == "timezone":
            editor = ZonePicker(self)
        elif key == "region":
            editor = RegionPicker(self)
        elif key == "hours":
            editor = HoursGrid(self)
        elif key == "crisis":
            editor = CrisisTable(self)
        elif key == "vacation":
            editor = VacationList(today, self)
        elif key == "backups":
            editor = FolderPicker(prompter, self)
        elif key == "language":
            editor = LanguagePicker(self)
        if editor is not None:
            editor.edited.connect(self.edited)
            return editor
        if key in _MULTILINE:
            box = QPlainTextEdit(self)
            box.setTabChangesFocus(True)
            box.setFixedHeight(box.fontMetrics().lineSpacing() * 4 + 12)
            box.textChanged.connect(self.edited)
            return box
        line = QLineEdit(self)
        line.textChanged.connect(self.edited)
        return line

    def text(self) -> str:
        widget = self.input
        if isinstance(widget, SettingControl):
            return widget.value()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def show_value(self, stored: str) -> None:
        """Show a stored value, forgetting any edits and refusals."""
        widget = self.input
        if isinstance(widget, SettingControl):
            widget.set_value(stored)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(stored)
        elif isinstance(widget, QLineEdit):
            widget.setText(stored)
        self.shown = self.text()
        self.error.clear_message()

    def problems(self) -> list[str]:
        """Everything wrong with the value shown, each problem once."""
        if isinstance(self.input, SettingControl) and (found := self.input.problems()):
            return found
        try:
            validate_setting(self.spec.key, self.text())
        except InvalidInput as refusal:
            return [refusal.message]
        return []

    def is_changed(self) -> bool:
        return self.text() != self.shown


class SettingsPage(QWidget):
    settings_saved = Signal()

    def __init__(self, services: Services, prompter: Prompter, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        self.fields: dict[str, SettingField] = {}
        self._build()
        self.revert()

    def _build(self) -> None:
        title = label(_("Settings"), "heading")
        intro = label(
            _("Printed on agreements and reports, and used for warnings and the weekly review."),
            "muted",
        )
        self.banner = InlineMessage("error", self)
        self.crisis_defaults = label("", "note", selectable=True)
        self.crisis_defaults.setWordWrap(False)  # short lines; wrapping mis-sizes the note
        self._scroll = scroll = QScrollArea(self)
        scroll.setAccessibleName(_("Settings"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._form())
        self.saved_line = label("", "muted")
        self.revert_button = button(_("Revert"))
        self.revert_button.setToolTip(_("Put back the values last saved"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = button(_("Save"), "primary")
        self.save_button.setToolTip(_("Save the changes (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        bar = QHBoxLayout()
        bar.addWidget(self.saved_line, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)
        tab_order(self.save_button, self.revert_button)  # Save first, as OK before Cancel

    def _form(self) -> QWidget:
        """One form for every section, so all the fields line up."""
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 8, 12, 8)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # On a narrow window a wide field goes under its name rather than off the side.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        today = today_in_practice(self._services)
        for index, (section, keys) in enumerate(_sections()):
            heading = label(_(section), "subheading")
            if index:
                form.addItem(QSpacerItem(0, 14))
            form.addRow(heading)
            for key in keys:
                field = SettingField(SETTINGS_BY_KEY[key], self._prompter, today, content)
                field.edited.connect(self._after_edit)
                self.fields[key] = field
                # A lone field named like its section needs no second label.
                same = len(keys) == 1 and field.spec.label == section
                name = label("" if same else _(field.spec.label))
                name.setWordWrap(False)
                (heading if same else name).setBuddy(field)
                form.addRow(name, field)
                if key == "crisis":
                    form.addRow("", self.crisis_defaults)
        content.setMaximumWidth(_FORM_WIDTH)
        return content

    def changed_values(self) -> dict[str, str]:
        return {key: f.text() for key, f in self.fields.items() if f.is_changed()}

    def revert(self) -> None:
        """Show the values stored in the vault, discarding any edits."""
        stored = self._services.settings.values()
        for key, field in self.fields.items():
            field.show_value(stored.get(key, field.spec.default))
        self.banner.clear_message()
        self.saved_line.clear()
        self._follow_region()
        zone = self.fields["timezone"]
        if "timezone" not in stored:  # never chosen: suggest this computer's zone, not UTC
            assert isinstance(zone.input, ZonePicker)
            zone.input.set_value(guessed_zone(self._services.settings.load().region))
            if zone.is_changed():
                self.saved_line.setText(
                    _(
                        "The time zone {zone} is guessed from this computer; save to keep it."
                    ).format(zone=zone.text())
                )
        self._update_buttons()

    def save(self) -> bool:
        """Store every changed value, or nothing at all if any is refused or not confirmed."""
        changes = self.changed_values()
        if not changes:
            self.saved_line.setText(_("No changes to save."))
            return False
        refused = self._refusals(changes)
        if refused:
            names = ", ".join(_(self.fields[key].spec.label) for key in refused)
            self.banner.show_message(
                _("Nothing was saved. Please check: {names}.").format(names=names)
            )
            first = self.fields[next(iter(refused))]
            first.setFocus()
            self._scroll.ensureWidgetVisible(first)
            return False
        try:
            impact = change_impact(self._services, changes)
            if (
                impact is not None
                and impact.asks_first
                and not self._prompter.confirm(
                    self,
                    impact.question(),
                    f"{impact.sentence()}\n\n" + _("Save the change?"),
                )
            ):
                self.saved_line.setText(_("Nothing was saved; your changes are still here."))
                return False
            save_settings(self._services, changes)
        except UserFacingError as refusal:
            self.banner.show_message(
                _("Nothing was saved. {reason}").format(reason=refusal.message)
            )
            return False
        self.revert()
        told = impact is not None and (impact.checked or impact.numbers_read or impact.fits_changed)
        said = f" {impact.sentence()}" if impact is not None and told else ""
        if {"timezone", "region"} & changes.keys() and (hint := region_hint(self._services)):
            said += f" {hint}"
        self.saved_line.setText(_("Saved.") + said)
        self.settings_saved.emit()
        return True

    def _refusals(self, changes: dict[str, str]) -> dict[str, str]:
        """Each changed field's problems, all of them, shown by the field."""
        refused: dict[str, str] = {}
        for key in changes:
            if found := self.fields[key].problems():
                refused[key] = "\n".join(found)
        for key, field in self.fields.items():
            if key in refused:
                field.error.show_message(refused[key])
            else:
                field.error.clear_message()
        return refused

    def _after_edit(self) -> None:
        self.saved_line.clear()
        self._follow_region()
        self._update_buttons()

    def _follow_region(self) -> None:
        """Offer the chosen region's time zones first."""
        region, zone = self.fields["region"].input, self.fields["timezone"].input
        assert isinstance(region, RegionPicker) and isinstance(zone, ZonePicker)
        if (chosen := region.region()) is not None:
            zone.set_region(chosen)
            hours = self.fields["hours"].input
            assert isinstance(hours, HoursGrid)
            hours.start_week_on(first_weekday(chosen))
            review = self.fields["review"].input
            assert isinstance(review, ReviewTimePicker)
            review.start_week_on(first_weekday(chosen))

    def _update_buttons(self) -> None:
        changed = any(field.is_changed() for field in self.fields.values())
        self.save_button.setEnabled(changed)
        self.revert_button.setEnabled(changed)
        self._show_crisis_defaults()

    def _show_crisis_defaults(self) -> None:
        try:
            region = PracticeSettings.from_values({"region": self.fields["region"].text()}).region
        except InvalidInput:  # a half-typed region: keep showing the saved region's defaults
            region = self._services.settings.load().region
        defaults = PracticeSettings.from_values({"region": str(region)}).crisis
        # The region's own numbers, named in the app's language where they are written in it.
        defaults = in_language(defaults, region.country, region.subdivision, shown_language())
        table = self.fields["crisis"].input
        assert isinstance(table, CrisisTable)
        table.defaults = defaults
        name = region_name(region)
        if self.fields["crisis"].text().strip():
            lines = [_("Defaults for {region} (if left empty):").format(region=name)]
        else:
            lines = [_("Defaults for {region} (in use now):").format(region=name)]
        lines += [f"\u2022 {resource.label}: {resource.number}" for resource in defaults]
        if not has_local_defaults(region.country):
            lines.append(
                _("There is no built-in crisis line for {region}; please add yours above.").format(
                    region=name
                )
            )
        self.crisis_defaults.setText("\n".join(lines))


def _sections() -> list[tuple[str, tuple[str, ...]]]:
    """The sections, with any setting not placed in one shown last, so none is ever hidden."""
    placed = {key for _name, keys in SECTIONS for key in keys}
    others = tuple(spec.key for spec in SETTINGS if spec.key not in placed)
    known = [(name, tuple(k for k in keys if k in SETTINGS_BY_KEY)) for name, keys in SECTIONS]
    return known + ([(N_("Other"), others)] if others else [])
