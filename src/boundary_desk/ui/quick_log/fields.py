"""The quick log's own fields: the client type-ahead, the kind row and "when it happened"."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, QStringListModel, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.clients import Client, ClientStatus
from boundary_desk.domain.event_rules import CLOCK_SLACK
from boundary_desk.domain.events import EventKind
from boundary_desk.domain.region import Region, first_week_day
from boundary_desk.domain.vocabulary.calendar_names import (
    clock_time,
    short_month_name,
    weekday_day_month,
)
from boundary_desk.domain.vocabulary.labels import EVENT_KIND_LABELS
from boundary_desk.domain.when import ACCEPTED_WHEN, local_moment, numeric_example, parse_when
from boundary_desk.errors import InvalidInput
from boundary_desk.system.i18n import _, current_language, pgettext
from boundary_desk.ui.quick_log.style import MATCHES_STYLE
from boundary_desk.ui.widgets.style import label

Matching = Callable[[str], list[Client]]  # the clients a typed text matches

_ABSOLUTE = re.compile(r"^\d{4}-\d")  # a date was typed, so the time doesn't move with "now"
_LEAVING = (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.ShortcutFocusReason)
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)

KIND_NAMES = {kind: EVENT_KIND_LABELS[kind].capitalize() for kind in EventKind}


class FieldProblem(Exception):
    """Input the dialog refuses before saving, with the field to put the cursor in."""

    def __init__(self, message: str, field: QWidget) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class LocalTime:
    """The dialog's clock and the practice's time zone, for reading and showing times."""

    now: Callable[[], datetime]
    zone: ZoneInfo
    region: Region | None = None  # which of "27/11" and "11/27" the practice writes

    def parse(self, text: str) -> datetime:
        """The time `text` means, read in the app's language and in English."""
        return parse_when(text, self.now(), self.zone, self.region, current_language())

    def examples(self) -> str:
        """Forms to type, in the app's language: "now", "20 min ago", "22:40" …"""
        forms = _('"now", "20 min ago", "22:40", "fri 22:40", "{numeric}"')
        return forms.format(numeric=numeric_example(self.region))

    def typed(self, moment: datetime) -> str:
        """`moment` written the way the field reads it in any region: "27 Nov 2026 22:40"."""
        local = moment.astimezone(self.zone)
        return f"{local.day} {short_month_name(local.month)} {local.year} {local:%H:%M}"

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()

    def describe(self, moment: datetime) -> str:
        """E.g. "Fri 20 Nov, 22:40" (with the year when it isn't this year)."""
        local = moment.astimezone(self.zone)
        year = f" {local.year}" if local.year != self.today().year else ""
        day = f"{weekday_day_month(local.date())}{year}"
        return f"{day}, {clock_time(local.time())}"


def is_return(event: QKeyEvent) -> bool:
    return event.key() in _RETURN_KEYS


def is_ctrl_return(event: QKeyEvent) -> bool:
    return is_return(event) and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


def choice_combo(items: Sequence[tuple[str, Any]], name: str, placeholder: str = "") -> QComboBox:
    """A non-editable list; typing a letter or two selects the matching item."""
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    combo.setAccessibleName(name)
    if placeholder:
        combo.setPlaceholderText(placeholder)
        combo.setCurrentIndex(-1)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the item holding `value`; unknown values (an old draft) are ignored."""
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def client_label(client: Client) -> str:
    return f"{client.display_name} · {client.code}"


class _ClientEdit(QLineEdit):
    """Hands Enter, arrows, Ctrl+Enter and Esc to the client field, whose list it shows."""

    def __init__(self, owner: ClientField) -> None:
        super().__init__(owner)
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._owner.handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab is handled before keyPressEvent, and while the list is open no focus-out
        # arrives, so leaving by Tab settles the choice here.
        if (
            isinstance(event, QKeyEvent)
            and event.type() is QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self._owner.settle()
        return super().event(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() in _LEAVING:
            self._owner.settle()


class ClientField(QWidget):
    """Type part of a name, code or handle; Enter takes the first match, Down opens the list."""

    picked = Signal()
    edited = Signal()
    submit = Signal()

    def __init__(self, matching: Matching, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matching = matching
        self._client: Client | None = None
        self._matches: list[Client] = []
        self.edit = _ClientEdit(self)
        self.edit.setPlaceholderText(_("Type a name or code, then Enter"))
        self.edit.setAccessibleName(_("Client"))
        self.badge = label("", "muted")
        self.badge.setAccessibleName(_("Client code"))
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.popup = QListView()
        self.popup.setAccessibleName(_("Matching clients"))
        self.popup.setStyleSheet(MATCHES_STYLE)  # a window of its own: the dialog's style misses it
        self.completer.setPopup(self.popup)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._pick_label)
        self.edit.textEdited.connect(self._typed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        row.addWidget(self.edit, 1)
        row.addWidget(self.badge)
        self.setFocusProxy(self.edit)

    @property
    def client(self) -> Client | None:
        return self._client

    def set_client(self, client: Client | None, text: str = "") -> None:
        self._client = client
        self.edit.setText(client.display_name if client else text)
        self._show_badge()

    def resolve(self) -> Client:
        """The chosen client; an unambiguous typed text counts as choosing its one match."""
        self.settle()
        if self._client is not None:
            return self._client
        typed = self.edit.text().strip()
        if not typed:
            raise FieldProblem(
                _("Choose a client first: type part of their name or code, then press Enter."),
                self.edit,
            )
        if not self._matches:
            raise FieldProblem(
                _(
                    "No client matches “{typed}”. Check the spelling, or add them on the "
                    "Clients page first."
                ).format(typed=typed),
                self.edit,
            )
        raise FieldProblem(
            _("More than one client matches “{typed}”. Press Down to choose one.").format(
                typed=typed
            ),
            self.edit,
        )

    def handle_key(self, event: QKeyEvent) -> bool:
        """Keys the field handles itself; True when the event is used up."""
        popup = self.popup
        if is_ctrl_return(event):
            popup.hide()
            self.submit.emit()
            return True
        if is_return(event):
            self._pick_highlighted_or_first()
            return True
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_highlight(1 if event.key() == Qt.Key.Key_Down else -1)
            return True
        if event.key() == Qt.Key.Key_Escape and popup.isVisible():
            popup.hide()
            return True
        return False

    def settle(self) -> None:
        """On leaving the field: a typed text with exactly one match picks that client."""
        self.popup.hide()
        if self._client is None and self.edit.text().strip():
            self._refresh(self.edit.text())
            if len(self._matches) == 1:
                self._pick(self._matches[0], advance=False)

    def _typed(self, text: str) -> None:
        self._client = None
        self._refresh(text)
        if text.strip() and self._matches:
            self.completer.complete()
        else:
            self.popup.hide()
        self._show_badge()
        self.edited.emit()

    def _refresh(self, text: str) -> None:
        self._matches = self._matching(text) if text.strip() else []
        self._model.setStringList([client_label(c) for c in self._matches])

    def _move_highlight(self, step: int) -> None:
        popup = self.popup
        if not popup.isVisible():
            self._refresh(self.edit.text())
            if not self._matches:
                return
            self.completer.complete()
            step, row = 0, 0
        else:
            row = popup.currentIndex().row()
        count = self._model.rowCount()
        row = 0 if row < 0 else min(max(row + step, 0), count - 1)
        popup.setCurrentIndex(self._model.index(row, 0))

    def _pick_highlighted_or_first(self) -> None:
        popup = self.popup
        row = popup.currentIndex().row() if popup.isVisible() else -1
        popup.hide()
        if self._client is not None:
            self.picked.emit()  # Enter on an already chosen client moves on
            return
        if row < 0:
            self._refresh(self.edit.text())
            row = 0
        if 0 <= row < len(self._matches):
            self._pick(self._matches[row], advance=True)

    def _pick_label(self, text: str) -> None:
        for client in self._matches:
            if client_label(client) == text:
                self._pick(client, advance=True)
                return

    def _pick(self, client: Client, *, advance: bool) -> None:
        self.popup.hide()
        self.set_client(client)
        self.edited.emit()
        if advance:
            self.picked.emit()

    def _show_badge(self) -> None:
        client = self._client
        if client is not None:
            ended = " · therapy ended" if client.status is ClientStatus.ENDED else ""
            self.badge.setText(f"{client.code}{ended}")
        elif self.edit.text().strip() and not self._matches:
            self.badge.setText(_("no match"))
        else:
            self.badge.setText("")
        self.badge.setVisible(bool(self.badge.text()))  # empty, it would narrow the field


class KindSelector(QWidget):
    """The four kinds of entry as a segmented row: one Tab stop, the arrow keys move."""

    changed = Signal(object)  # EventKind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: dict[EventKind, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        # The style's "first" and "last" are the left and right ends on the screen: in
        # Hebrew the row runs from the right, so there the first kind is the right end.
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        leftmost = len(KIND_NAMES) if right_to_left else 1
        for number, (kind, english) in enumerate(KIND_NAMES.items(), start=1):
            name = _(english)  # the kind in the current language
            segment = QPushButton(name)
            segment.setObjectName("segment")
            segment.setCheckable(True)
            segment.setAutoExclusive(True)
            segment.setAutoDefault(False)
            segment.setToolTip(f"Alt+{number}")
            segment.setAccessibleName(f"{name} (Alt+{number})")
            segment.setCursor(Qt.CursorShape.PointingHandCursor)
            if number in (1, len(KIND_NAMES)):
                segment.setProperty("position", "first" if number == leftmost else "last")
            segment.toggled.connect(lambda on, k=kind: self._toggled(k, on))
            row.addWidget(segment)  # the segments share the field's whole width
            self.buttons[kind] = segment
        self.set_kind(EventKind.CONTACT)

    def kind(self) -> EventKind:
        for kind, segment in self.buttons.items():
            if segment.isChecked():
                return kind
        return EventKind.CONTACT

    def set_kind(self, kind: EventKind) -> None:
        self.buttons[kind].setChecked(True)
        self._update_focus_stops()

    def current_button(self) -> QPushButton:
        return self.buttons[self.kind()]

    def _toggled(self, kind: EventKind, on: bool) -> None:
        if on:
            self._update_focus_stops()
            self.changed.emit(kind)

    def _update_focus_stops(self) -> None:
        # Only the chosen segment is a Tab stop; the arrow keys move between segments.
        for segment in self.buttons.values():
            strong = segment.isChecked()
            segment.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if strong else Qt.FocusPolicy.ClickFocus
            )


class WhenField(QWidget):
    """A line for "now", "fri 22:40" or "27 nov 22:40", a picker, and the time it means."""

    edited = Signal()

    def __init__(self, local: LocalTime, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.local = local
        self.name = name
        self.edit = _WhenEdit(self)
        self.edit.setPlaceholderText(pgettext("when", "now"))  # empty means now, as it says
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(_("Alt+Down opens a calendar to pick the day and time"))
        self.edit.setToolTip(
            _('For example {examples} or "yesterday 22:40". Alt+Down: a calendar').format(
                examples=local.examples()
            )
        )
        iso = self.edit.fontMetrics().horizontalAdvance("2026-11-20 22:40")
        self.edit.setFixedWidth(iso + 26)  # an ISO time stays whole beside the picker
        self.pick = QToolButton()  # a drop-down arrow, as on a list, that opens a calendar
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setAccessibleName(_("{field}: pick a date and time").format(field=name))
        self.pick.setToolTip(_("Choose the day on a calendar and set the time (Alt+Down)"))
        # Not a Tab stop of its own: Tab goes on to the next question, Alt+Down opens it.
        self.pick.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.pick.clicked.connect(self.open_picker)
        self.meaning = label("", "muted")
        self.meaning.setWordWrap(False)
        # A long refusal is cut at the edge rather than widening the dialog; saving
        # shows it in full above the form.
        self.meaning.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.meaning.setAccessibleName(_("{field}, as read").format(field=name))
        self.edit.textChanged.connect(self.refresh)
        self.edit.textChanged.connect(self.edited)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        pair = QHBoxLayout()  # the arrow sits against the field it belongs to
        pair.setSpacing(2)
        pair.addWidget(self.edit)
        pair.addWidget(self.pick)
        row.addLayout(pair)
        row.addWidget(self.meaning, 1)
        self.setFocusProxy(self.edit)
        self.picker: WhenPicker | None = None
        self.refresh()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def is_relative(self) -> bool:
        """Whether the text means something only relative to now ("now", "20 min ago", "22:40")."""
        return _ABSOLUTE.match(self.edit.text().strip()) is None

    def moment(self) -> datetime:
        """The time typed, or FieldProblem saying what is accepted."""
        try:
            return self.local.parse(self.edit.text())
        except InvalidInput as problem:
            raise FieldProblem(problem.message, self.edit) from None

    def refresh(self) -> None:
        try:
            moment = self.local.parse(self.edit.text())
        except InvalidInput as problem:
            self.meaning.setText(_short_problem(problem.message, self.local))
            return
        future = "  " + _("(in the future)") if moment > self.local.now() + CLOCK_SLACK else ""
        self.meaning.setText(self.local.describe(moment) + future)

    def open_picker(self) -> WhenPicker:
        """The calendar and time, starting at what the field reads now (or now)."""
        try:
            start = self.local.parse(self.edit.text())
        except InvalidInput:
            start = self.local.now()
        self.picker = WhenPicker(self.local, start, self.name, self)
        self.picker.accepted.connect(self._picked)
        self.picker.open()
        return self.picker

    def _picked(self) -> None:
        if self.picker is None:
            return
        try:
            moment = self.picker.moment()
        except InvalidInput as problem:  # a time skipped by the clock change
            self.meaning.setText(problem.message)
            return
        self.edit.setText(self.local.typed(moment))
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)


class _WhenEdit(QLineEdit):
    """Alt+Down (or F4) opens the picker, as it opens a drop-down list."""

    def __init__(self, owner: WhenField) -> None:
        super().__init__(owner)
        self._owner = owner

    def event(self, event: QEvent) -> bool:
        # The window's own shortcuts (Down, Alt+digit) would take the key first.
        if event.type() is QEvent.Type.ShortcutOverride and _opens_picker(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _opens_picker(event):
            event.accept()
            self._owner.open_picker()
            return
        super().keyPressEvent(event)


def _opens_picker(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
    return (event.key() == Qt.Key.Key_Down and alt) or event.key() == Qt.Key.Key_F4


class WhenPicker(QDialog):
    """A calendar (no day after today) and a 24-hour time, for the field beside it."""

    def __init__(self, local: LocalTime, start: datetime, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.local = local
        self.setWindowTitle(name)
        wall = start.astimezone(local.zone)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(_("Day"))
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # The week as a calendar of the region shows it: from Sunday in Israel and North
        # America, from Monday in the UK (CLDR); Qt counts Monday 1 to Sunday 7.
        first = 0 if local.region is None else first_week_day(local.region)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek(first + 1))
        today = local.today()
        self.calendar.setMaximumDate(QDate(today.year, today.month, today.day))
        self.calendar.setSelectedDate(QDate(wall.year, wall.month, wall.day))
        _room_for_six_weeks(self.calendar)
        self.time = QTimeEdit(QTime(wall.hour, wall.minute))
        self.time.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # 22:40, in Hebrew too
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(_("Time"))
        time_label = QLabel(_("&Time"))
        time_label.setBuddy(self.time)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        time_row = QHBoxLayout()
        time_row.addWidget(time_label)
        time_row.addWidget(self.time)
        time_row.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.calendar)
        column.addLayout(time_row)
        column.addWidget(buttons)

    def set_moment(self, day: date, clock: time) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.time.setTime(QTime(clock.hour, clock.minute))

    def moment(self) -> datetime:
        picked, clock = self.calendar.selectedDate(), self.time.time()
        day = date(picked.year(), picked.month(), picked.day())
        wall = datetime.combine(day, time(clock.hour(), clock.minute()), self.local.zone)
        return local_moment(wall, self.local.zone)


def _room_for_six_weeks(calendar: QCalendarWidget) -> None:
    """Tall enough for the names of the days and six weeks: its own size hint is a
    little short, and the last week of a month such as November 2026 was cut off."""
    days = calendar.findChild(QTableView)
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    if days is None or bar is None:
        return
    row = days.verticalHeader().minimumSectionSize() + 1
    needed = bar.sizeHint().height() + 7 * row + 2 * days.frameWidth()
    calendar.setMinimumHeight(max(calendar.sizeHint().height(), needed))


def _short_problem(message: str, local: LocalTime) -> str:
    """The refusal's first sentence beside the field; the whole of it comes when saving."""
    if message in (ACCEPTED_WHEN, _(ACCEPTED_WHEN)):
        return _("Try {examples}").format(examples=local.examples())
    return message
