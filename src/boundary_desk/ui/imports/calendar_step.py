"""The calendar's preview: which events are sessions with which client, before any is kept.

The titles that recur in the calendar are listed, most frequent first, each with a
choice of client; choosing one previews again with that title tied to them. Events with
a client's e-mail address among the guests are tied without asking. Per client, the
sessions found and their dates; nothing is written until Import.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.domain.vocabulary.calendar_names import short_date
from boundary_desk.services.sessions import CalendarPreview, ClientSessions
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.timeline.event_words import squeezed
from boundary_desk.ui.widgets.style import label, vbox
from boundary_desk.ui.widgets.tooltips import plain_tooltip

NOT_A_SESSION = N_("Not a session")
TITLES_TITLE = N_("Which events are sessions?")
TITLES_HELP = N_(
    "Choose the client each title is a session with. Only sessions are kept, "
    "as the client, the start and the end: never a title, a place or a description. "
    "An event with a client's e-mail address among its guests is theirs already; with two "
    "clients' addresses, it is a joint session with each."
)
NO_SESSIONS = N_("No event is a session with a client yet.")
NO_TITLE = N_("(no title)")
TITLE_LIMIT = 70  # characters of a title shown; the whole title is in its tooltip
ADD_AWAY = N_("Add these away days to your vacation days")
AWAY_HELP = N_("Contact on vacation days counts as after hours, in the warnings and the review.")


def away_text(away: Sequence[tuple[date, date]]) -> str:
    """ "21 Dec 2026 – 24 Dec 2026, 1 Jul 2027"."""
    return ", ".join(
        short_date(a) if a == b else f"{short_date(a)} – {short_date(b)}" for a, b in away
    )


def client_sessions_line(found: ClientSessions) -> str:
    """E.g. "Robin Bell (RB1): 9 sessions, 9 new · 5 Oct 2026 – 7 Dec 2026", then how many
    were tied by a guest's address, and which ("· 2 by address robin@example.org"), and
    how many were joint sessions with another client."""
    dates = (
        short_date(found.first)
        if found.first == found.last
        else f"{short_date(found.first)} – {short_date(found.last)}"
    )
    sessions = ngettext("{count} session", "{count} sessions", found.sessions).format(
        count=found.sessions
    )
    line = _("{name} ({code}): {sessions}, {new} new · {dates}").format(
        name=found.name, code=found.code, sessions=sessions, new=f"{found.new:,}", dates=dates
    )
    for address, count in found.by_address:
        line += " · " + _("{count} by address {address}").format(
            count=f"{count:,}", address=address
        )
    if found.joint:
        line += " · " + ngettext(
            "{count} joint session", "{count} joint sessions", found.joint
        ).format(count=found.joint)
    return line


def reading_lines(found: CalendarPreview) -> list[str]:
    """What was read, in counts only."""
    seen = found.events_seen
    lines = [
        ngettext(
            "{count} timed event in the calendar.", "{count} timed events in the calendar.", seen
        ).format(count=seen)
    ]
    if found.all_day:
        lines.append(
            ngettext(
                "{count} all-day event: never sessions.",
                "{count} all-day events: never sessions.",
                found.all_day,
            ).format(count=found.all_day)
        )
    if found.claimed_twice:
        lines.append(
            ngettext(
                "{count} event matched two clients' title rules and was left out; choosing "
                "its title's client settles it.",
                "{count} events matched two clients' title rules and were left out; choosing "
                "its title's client settles it.",
                found.claimed_twice,
            ).format(count=found.claimed_twice)
        )
    if found.unreadable_events:
        lines.append(
            ngettext(
                "{count} event could not be read and was left out.",
                "{count} events could not be read and were left out.",
                found.unreadable_events,
            ).format(count=found.unreadable_events)
        )
    if found.floating:
        lines.append(_("Some times carry no time zone: they were read in the practice's."))
    return lines


class CalendarStep(QWidget):
    """One calendar preview, shown; each title's client comes back by signal."""

    tie_changed = Signal(str, str)  # title, client code ("" for not a session)
    add_away_changed = Signal(bool)

    def __init__(
        self,
        found: CalendarPreview,
        clients: Sequence[Client],
        chosen: dict[str, str],
        parent: QWidget | None = None,
        *,
        add_away: bool = False,
    ) -> None:
        super().__init__(parent)
        self.found = found
        self.summary = label(" ".join(reading_lines(found)))
        lines = [client_sessions_line(c) for c in found.per_client] or [_(NO_SESSIONS)]
        self.sessions = label("\n".join(lines))
        self.sessions.setAccessibleName(_("Sessions found"))
        self.boxes: dict[str, QComboBox] = {}
        # Every title no address ties, and those chosen here, in one order that stays put.
        shown = {t for t, _count in found.untied_titles} | {t for t, code in chosen.items() if code}
        for title in (t for t, _count in found.title_counts if t in shown):
            box = QComboBox(self)
            box.setAccessibleName(_("Client for “{title}”").format(title=title or _(NO_TITLE)))
            box.addItem(_(NOT_A_SESSION), "")
            for client in clients:
                box.addItem(f"{client.display_name} ({client.code})", client.code)
            index = box.findData(chosen.get(title, ""))
            box.setCurrentIndex(max(index, 0))
            box.currentIndexChanged.connect(
                lambda _i, t=title, b=box: self.tie_changed.emit(t, str(b.currentData()))
            )
            self.boxes[title] = box
        self._counts = dict(found.title_counts)
        self.add_away = QCheckBox(f"{_(ADD_AWAY)}: {away_text(found.away)}", self)
        self.add_away.setChecked(add_away)
        self.add_away.toggled.connect(self.add_away_changed)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = vbox(self, 10)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.sessions)
        if self.boxes:
            group = QGroupBox(_(TITLES_TITLE), self)
            column = vbox(group, 8)
            column.setContentsMargins(12, 14, 12, 12)
            column.addWidget(label(_(TITLES_HELP), "muted"))
            grid = QGridLayout()
            grid.setHorizontalSpacing(16)
            grid.setVerticalSpacing(6)
            for row, (title, box) in enumerate(self.boxes.items()):
                count = self._counts.get(title, 0)
                events = ngettext("{count} event", "{count} events", count).format(count=count)
                shown = label(f"{squeezed(title or _(NO_TITLE), TITLE_LIMIT)} · {events}")
                shown.setWordWrap(False)  # one line each, beside its choice
                shown.setToolTip(plain_tooltip(title))
                shown.setBuddy(box)
                grid.addWidget(shown, row, 0)
                grid.addWidget(box, row, 1)
            grid.setColumnStretch(2, 1)  # each choice beside its title, not across the page
            column.addLayout(grid)
            layout.addWidget(group)
        self.add_away.setVisible(bool(self.found.away))
        if self.found.away:
            layout.addWidget(self.add_away)
            layout.addWidget(label(_(AWAY_HELP), "muted"))
        layout.addStretch(1)

    def controls(self) -> list[QWidget]:
        """The controls in reading order, for the dialog's Tab order."""
        away = [self.add_away] if self.found.away else []
        return [*self.boxes.values(), *away]
