"""The week's messages at risk of misunderstanding, each with "Check in session".

The decision is kept in the week's review record beside the warnings' decisions, under
the item's own key (domain/misunderstanding.py); pressing the button again takes it back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from boundary_desk.domain.misunderstanding import CHECK_IN_SESSION, MisunderstandingRisk
from boundary_desk.domain.vocabulary.calendar_names import weekday_day_month
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS, shown
from boundary_desk.domain.words import capitalised
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.review.figures import client_words
from boundary_desk.ui.widgets.style import button, label, tab_order, tab_stops, vbox

EMPTY = N_(
    "None this week: no clinical, personal or crisis contact in a lean or one-way "
    "channel, and no long thread."
)


def risk_heading(risk: MisunderstandingRisk, zone: ZoneInfo, names: Mapping[str, str]) -> str:
    """ "Fri 20 Nov, 22:40 · AR1 · Ana Rising · Text message"."""
    local = risk.occurred_at.astimezone(zone)
    channel = shown(CONTACT_CHANNEL_LABELS[risk.channel])
    moment = f"{weekday_day_month(local.date())}, {local:%H:%M}"
    return f"{moment} · {client_words(risk.client, names)} · {capitalised(channel)}"


class RiskRow(QFrame):
    """One item: when, whose, which channel, why, and its action. Rows are reused from
    week to week, as the warnings' are: only their words change."""

    check_chosen = Signal(str, bool)  # the item's key, checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningRow")
        self.risk: MisunderstandingRisk | None = None
        self.heading = label("", "subheading")
        self.why = label("", selectable=True)
        self.state = label("", "help")
        self.check = button(_("Check in session"))
        self.check.setObjectName("warningAction")
        self.check.setCheckable(True)
        self.check.clicked.connect(self._clicked)
        # Room for the words in bold, as they are once chosen.
        bold = QFont(self.check.font())
        bold.setWeight(QFont.Weight.DemiBold)
        needed = QFontMetrics(bold).horizontalAdvance(self.check.text()) + 32
        self.check.setMinimumWidth(max(needed, self.check.sizeHint().width()))
        actions = QHBoxLayout()
        actions.addWidget(self.state, 1)
        actions.addWidget(self.check, 0, Qt.AlignmentFlag.AlignRight)
        column = vbox(self, 6)
        column.setContentsMargins(14, 10, 14, 10)
        column.addWidget(self.heading)
        column.addWidget(self.why)
        column.addLayout(actions)

    def show_risk(
        self, risk: MisunderstandingRisk, zone: ZoneInfo, names: Mapping[str, str]
    ) -> None:
        self.risk = risk
        self.heading.setText(risk_heading(risk, zone, names))
        self.why.setText(risk.why)
        self.check.setAccessibleName(
            _("Check in session: {message}").format(message=self.heading.text())
        )

    def show_state(self, actions: Mapping[str, str]) -> None:
        chosen = self.risk is not None and actions.get(self.risk.key) == CHECK_IN_SESSION
        self.check.setChecked(chosen)
        self.state.setText(_("Decided: check in session") if chosen else "")

    def _clicked(self, checked: bool) -> None:
        if self.risk is not None:
            self.check_chosen.emit(self.risk.key, checked)


class RiskList(QWidget):
    """Every item of the week, oldest first, or a line saying there are none."""

    check_chosen = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(10)
        self.empty = label(_(EMPTY), "muted")
        self._column.addWidget(self.empty)
        self.rows: list[RiskRow] = []
        self._spare: list[RiskRow] = []

    def show_risks(
        self,
        risks: Sequence[MisunderstandingRisk],
        zone: ZoneInfo,
        names: Mapping[str, str],
        actions: Mapping[str, str],
    ) -> None:
        while len(self.rows) < len(risks):
            row = self._spare.pop() if self._spare else self._new_row()
            self.rows.append(row)
        while len(self.rows) > len(risks):
            spare = self.rows.pop()
            spare.hide()
            self._spare.append(spare)
        for row, risk in zip(self.rows, risks, strict=True):
            row.show_risk(risk, zone, names)
            row.show_state(actions)
            self._column.removeWidget(row)
            self._column.addWidget(row)  # in the order of the items
            row.show()  # a row added to a page already shown stays hidden until told
        self.empty.setVisible(not self.rows)
        tab_order(*(stop for row in self.rows for stop in tab_stops(row)))

    def _new_row(self) -> RiskRow:
        row = RiskRow(self)
        row.check_chosen.connect(self.check_chosen)
        return row

    def update_state(self, actions: Mapping[str, str]) -> None:
        for row in self.rows:
            row.show_state(actions)
