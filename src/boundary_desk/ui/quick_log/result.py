"""What the quick log shows once an entry is saved: the hours, each warning, the crisis protocol."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from boundary_desk.domain.after_hours import AfterHours, AfterHoursReason
from boundary_desk.domain.agreement_document import numbers_to_call
from boundary_desk.domain.boundary_warnings import Severity
from boundary_desk.domain.clients import Client
from boundary_desk.domain.vocabulary.calendar_names import clock_time, day_name, shown_language
from boundary_desk.domain.vocabulary.labels import shown, shown_event_title, warning_label
from boundary_desk.domain.words import capitalised
from boundary_desk.services import Services
from boundary_desk.services.agreements import crisis_plan_for
from boundary_desk.services.contacts import LoggedEvent, poor_fit, to_raise
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.quick_log.fields import LocalTime
from boundary_desk.ui.widgets.acknowledge import (
    Acknowledge,
    AcknowledgeAll,
    AcknowledgeAllRow,
    AcknowledgeRow,
    acknowledged_line,
)
from boundary_desk.ui.widgets.style import button, label, vbox

CRISIS_CODE = "crisis_channel"
SUMMARY_SHOWN = 400
FOLLOW_UP = N_(
    "Document your follow-up: what you did, whom you contacted and when. You can log it "
    "here as a contact from you to the client."
)
POOR_FIT_LINE = N_(
    "This reply's channel was a poor fit for what it carried: check in the next session "
    "how it landed."
)
RAISE = N_("Raise in next session")
RAISED = N_("Kept to raise in the next session, with a note on the warning.")
_REASONS = {
    AfterHoursReason.VACATION: N_("{when} is after hours (one of your vacation days)."),
    AfterHoursReason.WEEKEND: N_("{when} is after hours (the weekend)."),
    AfterHoursReason.DAY_OFF: N_("{when} is after hours (a day you don't work)."),
}


@dataclass(frozen=True)
class CrisisProtocol:
    """Who to call, from the client's signed agreement or else the practice settings."""

    numbers: tuple[tuple[str, str], ...]
    extras: tuple[str, ...] = ()

    @classmethod
    def for_client(cls, services: Services, client_id: int) -> CrisisProtocol:
        plan = crisis_plan_for(services, client_id)
        extras = []
        if plan.nearest_er:
            extras.append(_("Nearest emergency room: {place}").format(place=plan.nearest_er))
        if plan.emergency_contact:
            extras.append(_("Emergency contact: {contact}").format(contact=plan.emergency_contact))
        return cls(numbers_to_call(plan), tuple(extras))


def hours_line(logged: LoggedEvent, local: LocalTime) -> str:
    """E.g. "22:40 Friday is after hours." or "10:15 Tuesday is within your working hours."."""
    found: AfterHours | None = logged.after_hours
    moment = found.local if found else logged.event.occurred_at.astimezone(local.zone)
    day = day_name(moment.weekday(), shown_language())
    when = _("{time} {day}").format(time=clock_time(moment.time()), day=day)
    if found is None:
        line = _("{when} is within your working hours.").format(when=when)
    elif found.reason is AfterHoursReason.HOLIDAY:
        line = _("{when} is after hours ({holiday}, a public holiday).").format(
            when=when, holiday=found.holiday
        )
    else:
        line = _(_REASONS.get(found.reason, N_("{when} is after hours."))).format(when=when)
    return capitalised(line)  # "Vendredi à 22 h 40 …"


def headline(logged: LoggedEvent, local: LocalTime) -> tuple[str, str]:
    """The result's heading and the line under it: the problem first, when there is one.

    Crisis content leads; then the hours, after hours ("22:40 Friday is after hours.");
    otherwise the most serious open warning's name does; "Logged." leads only when
    nothing needs a look.
    """
    hours = hours_line(logged, local)
    open_ = [w for w in logged.warnings if w.acknowledged_at is None]
    if not open_:
        return _("Logged."), hours
    below = ngettext(
        "Logged, with {count} warning below.", "Logged, with {count} warnings below.", len(open_)
    ).format(count=len(open_))
    if any(w.code == CRISIS_CODE for w in open_):
        return f"{shown(warning_label(CRISIS_CODE))}.", f"{hours} {below}"
    if logged.after_hours is not None:
        return hours, below
    order = list(Severity)
    worst = max(open_, key=lambda w: order.index(w.severity))
    return f"{shown(warning_label(worst.code))}.", f"{hours} {below}"


class CrisisBox(QFrame):
    """The crisis protocol's numbers, large enough to read at a glance, and the follow-up."""

    def __init__(self, protocol: CrisisProtocol) -> None:
        super().__init__()
        self.setObjectName("crisisBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(label(_("Crisis protocol"), "subheading"))
        for name, number in protocol.numbers:
            row = QHBoxLayout()
            row.setSpacing(14)
            digits = label(number, "crisisNumber", selectable=True)
            digits.setWordWrap(False)
            row.addWidget(digits)
            row.addWidget(label(name), 1)
            layout.addLayout(row)
        if not protocol.numbers:
            layout.addWidget(label(_("No crisis numbers are set. Add them in Settings.")))
        for line in protocol.extras:
            layout.addWidget(label(line, selectable=True))
        layout.addWidget(label(_(FOLLOW_UP)))


class ResultPanel(QWidget):
    """The saved entry in a sentence or two, then what it means for your boundaries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = label(_("Logged."), "heading")
        self.hours = label("", "subheading")
        self.what = label("", "muted")
        self.summary = label("", selectable=True)
        self.summary.setObjectName("loggedSummary")
        self.summary.setAccessibleName(_("Summary as saved"))
        self._body = QWidget()
        self._body_layout = vbox(self._body, 10)
        layout = vbox(self, 10)
        for widget in (self.headline, self.hours, self.what, self.summary):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(self._body)
        layout.addStretch(1)
        self.rows: list[AcknowledgeRow] = []
        self.acknowledge_all: AcknowledgeAllRow | None = None
        self.crisis: CrisisBox | None = None
        self.poor_fit: QFrame | None = None
        self.poor_fit_text: QLabel | None = None
        self.raise_button: QPushButton | None = None
        self.raised: QLabel | None = None

    def show_logged(
        self,
        logged: LoggedEvent,
        client: Client,
        local: LocalTime,
        acknowledge: Acknowledge,
        protocol: CrisisProtocol | None,
        acknowledge_all: AcknowledgeAll | None = None,
        raise_session: Callable[[], None] | None = None,
    ) -> None:
        """Show `logged`; `protocol` is given when its content calls for the crisis protocol;
        `raise_session` keeps a poor-fit reply to raise in the next session."""
        self.clear()
        event = logged.event
        head, under = headline(logged, local)
        self.headline.setText(head)
        self.hours.setText(under)
        self.what.setText(
            f"{shown_event_title(event)} · {client.display_name} ({client.code}) · "
            f"{local.describe(event.occurred_at)}"
        )
        text = event.summary or (event.search.found if event.search else "")
        quoted = text if len(text) <= SUMMARY_SHOWN else text[:SUMMARY_SHOWN].rstrip() + "…"
        self.summary.setText(f"“{quoted}”" if quoted else "")
        self.summary.setVisible(bool(quoted))
        if protocol is not None:
            self.crisis = CrisisBox(protocol)
            self._body_layout.addWidget(self.crisis)
        if to_raise(logged):
            self.poor_fit = self._poor_fit_box(logged, raise_session)
            self._body_layout.addWidget(self.poor_fit)
        if logged.warnings:
            self._body_layout.addWidget(
                label(_("What this means for your boundaries"), "subheading")
            )
        else:
            self._body_layout.addWidget(label(_("No boundary warnings for this entry."), "success"))
        for warning in logged.warnings:
            done = acknowledged_line(warning.note) if warning.acknowledged_at else None
            row = AcknowledgeRow(
                warning.code,
                warning.message,
                acknowledge,
                done,
                guidance=logged.guidance_for(warning.code),
            )
            self.rows.append(row)
        if acknowledge_all is not None and self.rows:
            self.acknowledge_all = AcknowledgeAllRow(self.rows, acknowledge_all)
            self._body_layout.addWidget(self.acknowledge_all)
        for row in self.rows:
            self._body_layout.addWidget(row)

    def _poor_fit_box(
        self, logged: LoggedEvent, raise_session: Callable[[], None] | None
    ) -> QFrame:
        """One sentence that the reply was a poor fit, one that the entry is part of a long
        exchange in writing (either or both), and "Raise in next session"."""
        box = QFrame()
        box.setObjectName("poorFitBox")
        raised = logged.event.raise_next_session
        row = QVBoxLayout(box) if raised else QHBoxLayout(box)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(12)
        lines = []
        if poor_fit(logged) is not None:
            lines.append(_(POOR_FIT_LINE))
        if logged.long_exchange is not None:
            lines.append(logged.long_exchange.sentence())
        self.poor_fit_text = label("\n".join(lines))
        self.poor_fit_text.setWordWrap(True)
        row.addWidget(self.poor_fit_text, 1)
        if raised:
            self.raised = label(_(RAISED), "success")
            row.addWidget(self.raised)
        elif raise_session is not None:
            self.raise_button = button(_(RAISE))
            self.raise_button.setAutoDefault(False)
            self.raise_button.clicked.connect(raise_session)
            row.addWidget(self.raise_button)
        return box

    def clear(self) -> None:
        """Remove the previous entry's text entirely."""
        self.rows = []
        self.acknowledge_all = None
        self.crisis = None
        self.poor_fit = None
        self.poor_fit_text = None
        self.raise_button = None
        self.raised = None
        while (item := self._body_layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        for text_label in (self.hours, self.what, self.summary):
            text_label.setText("")

    def texts(self) -> list[str]:
        return [row.message.text() for row in self.rows]
