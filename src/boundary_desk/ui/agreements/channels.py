"""The agreement's channels as a grid: one compact row per channel.

Each row says whether the channel is allowed, what for, how soon the clinician
replies, and (for a signed agreement) lets a withdrawal of consent be recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.agreements import (
    DEFAULT_RESPONSE_TIME,
    Agreement,
    Channel,
    ChannelTerms,
    Purpose,
)
from boundary_desk.domain.channel_profiles import (
    DEFAULT_PROFILES,
    ChannelProfile,
    unencrypted_channels,
)
from boundary_desk.domain.channel_reasons import good_and_not_line, profile_line, profile_of
from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.domain.vocabulary.labels import CHANNEL_LABELS, PURPOSE_LABELS
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.style import button, label

RESPONSE_TIMES = (
    DEFAULT_RESPONSE_TIME,
    N_("within two business days"),
    N_("the same working day"),
    N_("within 48 hours"),
)
PURPOSE_COLUMNS = {
    Purpose.SCHEDULING: N_("Scheduling\nor admin"),
    Purpose.CHECK_IN: N_("Check-in"),
    Purpose.HOMEWORK: N_("Homework"),
}
NEVER_FOR_EMERGENCIES = N_(
    "None of these is for emergencies. In a crisis the client uses the numbers in the "
    "crisis plan below, never a message to you."
)
# The form's own names where the printed one is too long for a compact row.
SHORT_LABELS = {**CHANNEL_LABELS, Channel.DM: N_("Social-media messages")}


def short_label(channel: Channel) -> str:
    """The channel's name in a row, in the app's language."""
    return _(SHORT_LABELS[channel])


def shown_response_time(stored: str) -> str:
    """A reply time as the list shows it: a suggested one in the app's language."""
    return _(stored) if stored in RESPONSE_TIMES else stored


def stored_response_time(shown: str) -> str:
    """A reply time as the agreement keeps it: a suggested one in English, which the
    agreement then prints in its own language; one the clinician typed, as typed."""
    return next((time for time in RESPONSE_TIMES if _(time) == shown), shown)


def in_a_sentence(channel: Channel) -> str:
    text = _(CHANNEL_LABELS[channel])
    return text[0].lower() + text[1:]  # "text messages (SMS)", keeping the acronym


@dataclass(eq=False)  # compared by identity: Qt keeps it as a signal receiver
class ChannelRow:
    """One channel: allowed, what for, how soon you reply, and any withdrawal."""

    channel: Channel
    allowed: QCheckBox
    purposes: dict[Purpose, QCheckBox]
    response: QComboBox
    withdraw: QPushButton
    withdrawn: QLabel
    original: ChannelTerms

    def load(self, terms: ChannelTerms) -> None:
        self.original = terms
        self.allowed.setChecked(terms.in_use)
        for purpose, box in self.purposes.items():
            box.setChecked(purpose in terms.purposes)
        self.response.setCurrentText(
            shown_response_time(terms.response_time or DEFAULT_RESPONSE_TIME)
        )
        editor = self.response.lineEdit()
        if editor is not None:
            editor.setCursorPosition(0)
        withdrawn = terms.withdrawn_on
        self.withdrawn.setText(
            _("Consent withdrawn {date}").format(date=short_date(withdrawn)) if withdrawn else ""
        )
        self.update_enabled()

    def terms(self) -> ChannelTerms:
        allowed = self.allowed.isChecked()
        if not allowed and self.original.withdrawn_on is not None:
            return self.original  # still withdrawn: keep the record as it was
        ticked = frozenset(p for p, box in self.purposes.items() if box.isChecked())
        return ChannelTerms(
            channel=self.channel,
            allowed=allowed,
            purposes=ticked if allowed else frozenset(),
            response_time=stored_response_time(self.response.currentText()),
        )

    def update_enabled(self) -> None:
        ticked = self.allowed.isChecked()
        editable = ticked and self.allowed.isEnabled()
        for box in (*self.purposes.values(), self.response):
            box.setEnabled(editable)
        # A reply time means something only for a channel the client may use; where
        # it stood, a withdrawn channel says when consent was withdrawn.
        self.response.setVisible(ticked)
        self.withdrawn.setVisible(not ticked and self.original.withdrawn_on is not None)

    def is_unfinished(self) -> bool:
        """Allowed, but with no purpose ticked yet."""
        return self.allowed.isChecked() and not any(b.isChecked() for b in self.purposes.values())


class ChannelGrid(QWidget):
    """All seven channels, with a note on unencrypted ones and on emergencies."""

    changed = Signal()
    withdraw_requested = Signal(object)  # the Channel

    def __init__(
        self,
        parent: QWidget | None = None,
        profiles: Mapping[ContactChannel, ChannelProfile] = DEFAULT_PROFILES,
    ) -> None:
        super().__init__(parent)
        self.rows: dict[Channel, ChannelRow] = {}
        self._unencrypted = unencrypted_channels(profiles)
        # Under each channel: its five factors in a few words, and what it is good for.
        self.profiles: dict[Channel, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)  # each row's profile sits close under it
        align = Qt.AlignmentFlag
        headers = [_("Allowed"), *(_(text) for text in PURPOSE_COLUMNS.values()), _("You reply")]
        for number, text in enumerate(headers):
            header = label(text, "help")
            header.setWordWrap(False)
            across = align.AlignHCenter if 1 <= number <= 3 else align.AlignLeft
            grid.addWidget(header, 0, number, across | align.AlignBottom)
        for number, channel in enumerate(Channel):
            self.rows[channel] = self._row(grid, 2 * number + 1, channel)
            self.profiles[channel] = self._profile(grid, 2 * number + 2, channel, profiles)
        grid.setColumnStretch(4, 1)
        self.unencrypted_note = label("", "help")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addLayout(grid)
        column.addWidget(self.unencrypted_note)
        column.addSpacing(2)
        column.addWidget(label(_(NEVER_FOR_EMERGENCIES), "note"))
        self.changed.connect(self.update_notes)

    def _row(self, grid: QGridLayout, number: int, channel: Channel) -> ChannelRow:
        # Widgets are made in reading order, which is also the order Tab visits them.
        name = short_label(channel)
        cell, allowed, withdraw = self._name_cell(name, channel)
        grid.addWidget(cell, number, 0)
        purposes = {}
        for column, purpose in enumerate(PURPOSE_COLUMNS, start=1):
            box = QCheckBox(self)
            box.setAccessibleName(
                _("{channel}: for {purpose}").format(
                    channel=name, purpose=_(PURPOSE_LABELS[purpose])
                )
            )
            box.setToolTip(
                _("{channel} may be used for {purpose}").format(
                    channel=name, purpose=_(PURPOSE_LABELS[purpose])
                )
            )
            box.toggled.connect(self.changed)
            grid.addWidget(box, number, column, Qt.AlignmentFlag.AlignCenter)
            purposes[purpose] = box
        response = self._response_box(name)
        grid.addWidget(response, number, 4)
        withdrawn = label("", "muted")
        withdrawn.setWordWrap(False)
        withdrawn.hide()
        grid.addWidget(withdrawn, number, 4)  # shares the cell with the hidden reply time
        row = ChannelRow(channel, allowed, purposes, response, withdraw, withdrawn,
                         ChannelTerms(channel))  # fmt: skip
        allowed.toggled.connect(row.update_enabled)
        allowed.toggled.connect(self.changed)
        return row

    def _profile(
        self,
        grid: QGridLayout,
        number: int,
        channel: Channel,
        profiles: Mapping[ContactChannel, ChannelProfile],
    ) -> QLabel:
        """The channel's profile and "good for / not for", under its row, across the grid."""
        profile = profile_of(channel, profiles)
        line = profile_line(profile, _)
        shown = label(f"{line}\n{good_and_not_line(profile, _)}", "help")
        shown.setAccessibleName(
            _("{channel}: what it is like").format(channel=short_label(channel))
        )
        # Indented to the channel's name, past its tick box.
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 6
        shown.setContentsMargins(indent, 0, 0, 8)
        grid.addWidget(shown, number, 0, 1, 5)
        return shown

    def _name_cell(self, name: str, channel: Channel) -> tuple[QWidget, QCheckBox, QPushButton]:
        """The "allowed" box, then (for a channel in force) "Withdraw…", on one line."""
        cell = QWidget(self)
        line = QHBoxLayout(cell)
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(10)
        allowed = QCheckBox(name, cell)
        allowed.setAccessibleName(_("{channel}: allowed").format(channel=name))
        withdraw = button(_("Withdraw…"), "link")
        withdraw.setAccessibleName(
            _("Record that the client withdrew consent for {channel}").format(channel=name.lower())
        )
        withdraw.setAutoDefault(False)
        withdraw.clicked.connect(lambda: self.withdraw_requested.emit(channel))
        line.addWidget(allowed)
        line.addWidget(withdraw)
        line.addStretch(1)
        withdraw.hide()
        return cell, allowed, withdraw

    def _response_box(self, name: str) -> QComboBox:
        response = QComboBox(self)
        response.setEditable(True)
        response.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        response.addItems([_(time) for time in RESPONSE_TIMES])
        response.setAccessibleName(_("{channel}: you reply").format(channel=name))
        # Wide enough for the usual answer; a longer one shows whole once there is room.
        response.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(_(DEFAULT_RESPONSE_TIME)) + 56
        )
        policy = response.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        response.setSizePolicy(policy)
        response.editTextChanged.connect(self.changed)
        return response

    def load(self, agreement: Agreement) -> None:
        for channel, row in self.rows.items():
            row.load(agreement.terms(channel))
        self.update_notes()

    def channels(self, agreement: Agreement) -> tuple[ChannelTerms, ...]:
        return tuple(self.rows[t.channel].terms() for t in agreement.channels)

    def set_read_only(self, read_only: bool, signed_channels: frozenset[Channel]) -> None:
        """Lock the rows but offer "Withdraw…" on each channel the signed version allows."""
        for row in self.rows.values():
            row.allowed.setEnabled(not read_only)
            row.update_enabled()
            can_withdraw = row.channel in signed_channels and row.original.withdrawn_on is None
            row.withdraw.setVisible(can_withdraw)

    def unfinished_row(self) -> ChannelRow | None:
        return next((row for row in self.rows.values() if row.is_unfinished()), None)

    def mark_withdrawn(self, channel: Channel, on: date) -> None:
        """Show a withdrawal just recorded; the channel is no longer ticked."""
        row = self.rows[channel]
        row.load(replace(row.original, withdrawn_on=on))
        row.withdraw.hide()
        self.changed.emit()

    def update_notes(self) -> None:
        chosen = [
            in_a_sentence(channel)
            for channel, row in self.rows.items()
            if channel in self._unencrypted and row.allowed.isChecked()
        ]
        self.unencrypted_note.setText(
            _(
                "Not encrypted: {channels}. The agreement explains the risks, and "
                "the client's signature records their choice to use them."
            ).format(channels=", ".join(chosen))
            if chosen
            else ""
        )
        self.unencrypted_note.setVisible(bool(chosen))
