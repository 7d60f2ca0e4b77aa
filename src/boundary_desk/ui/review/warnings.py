"""The week's warnings, grouped by kind and client, each group with its three actions.

A decision ("raise in next session", "revisit the agreement", "note") is kept in the week's
review record under "event_id:code" (or "client:code" for a trend, which has no
event); the page also acknowledges the entries' stored warnings. A note's words go
into the week's notes, where the clinician can see and edit them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import partial, reduce

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from boundary_desk.domain.boundary_warnings import Severity, severity_of
from boundary_desk.domain.review import WARNING_ACTIONS, ReviewWarning, action_key
from boundary_desk.domain.vocabulary.labels import shown, warning_action_label, warning_label
from boundary_desk.domain.words import capitalised
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.review.figures import client_words
from boundary_desk.ui.widgets.acknowledge import severity_badge, show_severity
from boundary_desk.ui.widgets.style import button, label, tab_order, tab_stops, vbox

TREND_CODES = frozenset({"after_hours_trend", "practice_after_hours_drift"})
ACTION_BUTTONS = {  # keyed as the week's record keeps them
    "raise in next session": N_("Raise in next session"),
    "re-contract": N_("Revisit the agreement"),
    "note": N_("Note…"),
}
assert tuple(ACTION_BUTTONS) == WARNING_ACTIONS[:3]  # the fourth is for messages at risk


@dataclass(frozen=True)
class WarningGroup:
    code: str
    client: str
    warnings: tuple[ReviewWarning, ...]

    @property
    def trend(self) -> bool:
        return self.code in TREND_CODES

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(action_key(w) for w in self.warnings)

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)

    def title(self) -> str:
        return shown(warning_label(self.code))

    def guidance(self) -> str:
        """What to do, from the client's signed agreement (the same for the whole group)."""
        return next((w.guidance for w in self.warnings if w.guidance), "")

    def messages(self) -> list[str]:
        """Each different message once, with "(3 times)" where it repeats."""
        counts: dict[str, int] = {}
        for warning in self.warnings:
            counts[warning.message] = counts.get(warning.message, 0) + 1
        if len(counts) == 1:
            return list(counts)  # the title already says how many
        return [
            m
            if n == 1
            else ngettext("{message} ({count} time)", "{message} ({count} times)", n).format(
                message=m, count=n
            )
            for m, n in counts.items()
        ]


def group_warnings(warnings: Iterable[ReviewWarning]) -> list[WarningGroup]:
    """Trends first, then each client's warnings together, in the order they first happened."""
    groups: dict[tuple[str, str], list[ReviewWarning]] = {}
    for warning in warnings:
        groups.setdefault((warning.code, warning.client), []).append(warning)
    found = [WarningGroup(code, client, tuple(ws)) for (code, client), ws in groups.items()]
    return sorted(found, key=lambda g: (not g.trend, g.client))  # stable within a client


class WarningRow(QFrame):
    """One group: what happened, for whom, what was decided, and the three actions.

    Rows are reused from week to week (only their words change), so opening another
    week does not build and style dozens of widgets again.
    """

    action_chosen = Signal(object, str, str)  # WarningGroup, action, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = WarningGroup("", "", ())
        self.eyebrow = label(_("TREND"), "eyebrow")
        self.badge = severity_badge(Severity.ATTENTION)
        self.title = label("", "subheading")
        self.who = label("", "muted")
        self.who.setWordWrap(False)
        self.messages = label("", selectable=True)
        self.guidance = label("", "help", selectable=True)
        self.guidance.setAccessibleName(_("What to do"))
        self.state = label("", "help")
        top = QHBoxLayout()
        top.addWidget(self.eyebrow)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title, 1)
        top.addWidget(self.who, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.state, 1)
        self.buttons: dict[str, QPushButton] = {}
        for action, text in ACTION_BUTTONS.items():
            widget = button(_(text))
            widget.setCheckable(True)
            widget.setObjectName("warningAction")
            widget.clicked.connect(partial(self._clicked, action))
            self.buttons[action] = widget
            actions.addWidget(widget)
        self._column = vbox(self, 6)
        self._column.setContentsMargins(14, 10, 14, 10)
        self._column.addLayout(top)
        self._column.addWidget(self.messages)
        self._column.addWidget(self.guidance)
        self._column.addLayout(actions)
        self.note_editor: NoteEditor | None = None  # made when first asked for

    def show_group(self, group: WarningGroup, who: str) -> None:
        self.group = group
        name = "trendWarning" if group.trend else "warningRow"
        if self.objectName() != name:  # a trend stands out: restyle the frame and its words
            self.setObjectName(name)
            self.messages.setObjectName("trendMessage" if group.trend else "")
            for restyled in (self, self.messages):
                restyled.style().unpolish(restyled)
                restyled.style().polish(restyled)
        count = len(group.warnings)
        self.eyebrow.setVisible(group.trend)
        show_severity(self.badge, group.severity)
        title = group.title()
        if count > 1:
            title = _("{warning} · {count} this week").format(warning=title, count=count)
        self.title.setText(title)
        self.who.setText(who)
        bullet = "" if group.trend else "• "
        self.messages.setText("\n".join(bullet + text for text in group.messages()))
        advice = group.guidance()
        self.guidance.setText(advice)
        self.guidance.setVisible(bool(advice))
        for action, widget in self.buttons.items():
            # Nothing to raise in a session or revisit an agreement for the practice as a whole.
            widget.setVisible(bool(group.client) or action == "note")
        if self.note_editor is not None:
            self.note_editor.close_editor()

    def show_state(self, actions: Mapping[str, str], acknowledged: Collection[str]) -> None:
        keys = self.group.keys
        chosen = {actions[k] for k in keys if k in actions}
        for action, widget in self.buttons.items():
            widget.setChecked(action in chosen)
        parts = []
        if chosen:
            decided = sum(1 for k in keys if k in actions)
            words = reduce(
                lambda first, second: _("{first} and {second}").format(first=first, second=second),
                sorted(shown(warning_action_label(a)) for a in chosen),
            )
            if decided < len(keys):
                parts.append(
                    _("Decided: {actions} ({decided} of {total})").format(
                        actions=words, decided=decided, total=len(keys)
                    )
                )
            else:
                parts.append(_("Decided: {actions}").format(actions=words))
        with_events = [w for w in self.group.warnings if w.event_id is not None]
        if with_events:
            done = sum(1 for w in with_events if action_key(w) in acknowledged)
            if done == len(with_events):
                parts.append(_("acknowledged"))
            elif done:
                parts.append(
                    _("{done} of {total} acknowledged").format(done=done, total=len(with_events))
                )
            else:
                parts.append(_("not acknowledged yet"))
        text = " · ".join(parts)
        self.state.setText(capitalised(text))

    def _clicked(self, action: str) -> None:
        if action == "note":
            self.buttons["note"].setChecked(not self.buttons["note"].isChecked())
            self.open_note()
            return
        self.action_chosen.emit(self.group, action, "")

    def open_note(self) -> NoteEditor:
        if self.note_editor is None:
            self.note_editor = NoteEditor(self)
            self.note_editor.saved.connect(
                lambda text: self.action_chosen.emit(self.group, "note", text)
            )
            self._column.addWidget(self.note_editor)
        self.note_editor.show()
        self.note_editor.input.setFocus()
        return self.note_editor


class NoteEditor(QWidget):
    """One line for a note on a warning, with Save note and Cancel."""

    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(_("A note; it is added to this week's notes"))
        self.input.setAccessibleName(_("Note on this warning"))
        self.input.setMaxLength(2000)
        self.input.returnPressed.connect(self._save)
        self.save_button = button(_("Save note"), "primary")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.input.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        cancel = button(_("Cancel"))
        cancel.clicked.connect(self.close_editor)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 1)
        row.addWidget(self.save_button)
        row.addWidget(cancel)

    def _save(self) -> None:
        text = self.input.text().strip()
        if text:
            self.close_editor()
            self.saved.emit(text)

    def close_editor(self) -> None:
        self.input.clear()
        self.hide()


class WarningList(QWidget):
    """Every warning group of the week, trends first; "None this week." when there are none."""

    action_chosen = Signal(object, str, str)  # WarningGroup, action, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(10)
        self.empty = label(_("No warnings this week."), "muted")
        self._column.addWidget(self.empty)
        self.rows: list[WarningRow] = []
        self._spare: list[WarningRow] = []

    def show_warnings(
        self,
        warnings: Iterable[ReviewWarning],
        names: Mapping[str, str],
        actions: Mapping[str, str],
        acknowledged: Collection[str],
    ) -> None:
        groups = group_warnings(warnings)
        while len(self.rows) < len(groups):
            row = self._spare.pop() if self._spare else self._new_row()
            self.rows.append(row)
        while len(self.rows) > len(groups):
            spare = self.rows.pop()
            spare.hide()
            self._spare.append(spare)
        for row, group in zip(self.rows, groups, strict=True):
            who = client_words(group.client, names) if group.client else _("Your whole practice")
            row.show_group(group, who)
            row.show_state(actions, acknowledged)
            self._column.removeWidget(row)
            self._column.addWidget(row)  # in the order of the groups
            row.show()
        self.empty.setVisible(not self.rows)
        tab_order(*(stop for row in self.rows for stop in tab_stops(row)))  # rows are reused

    def _new_row(self) -> WarningRow:
        row = WarningRow(self)
        row.action_chosen.connect(self.action_chosen)
        return row

    def update_state(self, actions: Mapping[str, str], acknowledged: Collection[str]) -> None:
        for row in self.rows:
            row.show_state(actions, acknowledged)
