"""The week's headline figures beside the 12-week average, and small tables of counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.events import ContactChannel
from boundary_desk.domain.review import WeeklyReview, client_weeks
from boundary_desk.domain.vocabulary.calendar_names import decimal_number, percent
from boundary_desk.domain.vocabulary.labels import CONTACT_CHANNEL_LABELS, shown
from boundary_desk.domain.weekly import WeekFigures
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.widgets.style import label
from boundary_desk.ui.widgets.tooltips import plain_tooltip


@dataclass(frozen=True)
class Figure:
    """One headline number with its 12-week average and how it compares, as shown."""

    title: str
    value: str
    average: str
    direction: str


NO_BREAK = "\u00a0"


def _number(value: float) -> str:
    return decimal_number(value)


def minutes_text(minutes: float) -> str:
    """ "45 min", "1 h 25 min", "2 h"."""
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if not hours:
        return _("{minutes} min").format(minutes=whole)
    if rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    return _("{hours} h").format(hours=hours)


def direction(value: float, average: float, *, close: float | None = None) -> str:
    """ "▲ Above average", "▼ Below average" or "About average", in words as well as arrows."""
    if abs(value - average) < (close if close is not None else max(0.5, 0.1 * average)):
        return _("About average")
    return _("▲ Above average") if value > average else _("▼ Below average")


def headline_figures(history: Sequence[WeekFigures]) -> list[Figure]:
    """The last week of `history` against the mean of all of it (the share is pooled)."""
    week = history[-1]

    def avg(field: str) -> float:
        return float(mean(getattr(h, field) for h in history))

    def plain(title: str, field: str) -> Figure:
        value, average = getattr(week, field), avg(field)
        return Figure(
            title,
            str(value),
            _("Average {value}").format(value=_number(average)),
            direction(value, average),
        )

    contacts, after = sum(h.contacts for h in history), sum(h.after_hours for h in history)
    pooled = after / contacts if contacts else 0.0
    share = week.after_hours_share
    count_direction = direction(week.after_hours, avg("after_hours"))
    share_direction = direction(share, pooled, close=0.05)
    after_direction = (
        count_direction
        if count_direction == share_direction
        # Each direction as it reads inside a sentence: "Count ▲ above average; share …".
        else _("Count {count}; share {share}").format(
            count=count_direction.lower(), share=share_direction.lower()
        )
    )
    return [
        plain(_("Contacts"), "contacts"),
        Figure(
            _("After hours"),
            f"{week.after_hours} · {percent(share)}",
            _("Average {value}").format(value=f"{_number(avg('after_hours'))} · {percent(pooled)}"),
            after_direction,
        ),
        plain(_("Your own after-hours replies"), "own_after_hours"),
        Figure(
            _("Time on contact"),
            minutes_text(week.minutes),
            _("Average {value}").format(value=minutes_text(avg("minutes"))),
            direction(week.minutes, avg("minutes")),
        ),
        plain(_("Searches, friend requests, approaches"), "boundary_events"),
    ]


def coverage_note(history: Sequence[WeekFigures]) -> str:
    """Say so when the average rests on fewer weeks with entries than it seems."""
    active = sum(1 for h in history if h.contacts or h.boundary_events)
    weeks = ngettext("{count} week", "{count} weeks", len(history)).format(count=len(history))
    if active >= len(history):
        return _("Averages are over the {weeks} in the trend below.").format(weeks=weeks)
    with_entries = ngettext("{count} week has", "{count} weeks have", active).format(count=active)
    return _(
        "Averages are over the {weeks} in the trend below; only {active} entries, "
        "so the averages may read low."
    ).format(weeks=weeks, active=with_entries)


def client_words(code: str, names: Mapping[str, str]) -> str:
    """ "C-001 · Zoë Martin" (the clinician's own screen shows names beside codes)."""
    name = names.get(code, "")
    return f"{code} · {name}" if name else code


def channel_rows(by_channel: Mapping[str, int]) -> list[list[str]]:
    def words(value: str) -> str:
        try:
            return shown(CONTACT_CHANNEL_LABELS[ContactChannel(value)]).capitalize()
        except ValueError:
            return value

    rows = [[words(k), str(v)] for k, v in sorted(by_channel.items(), key=lambda kv: -kv[1])]
    return rows or [[_("No contacts this week"), ""]]


def client_rows(review: WeeklyReview, names: Mapping[str, str]) -> list[list[str]]:
    """Most contacts first: client, contacts, after hours, sessions (from the calendar)."""
    rows = [
        [client_words(w.code, names), str(w.contacts), str(w.after_hours), str(w.sessions)]
        for w in client_weeks(review)
    ]
    return rows or [[_("No contacts this week"), "", "", ""]]


class FigureCard(QFrame):
    """The number first, so the numbers line up across the row; then what it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.value = label("", "figureValue")
        self.value.setWordWrap(False)
        self.title = label("", "figureTitle")
        self.average = label("", "help")
        self.direction = label("", "help")
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 12)
        column.setSpacing(2)
        column.addWidget(self.value)
        column.addWidget(self.title)
        column.addStretch(1)
        column.addSpacing(4)
        column.addWidget(self.average)
        column.addWidget(self.direction)

    def show_figure(self, figure: Figure) -> None:
        self.value.setText(figure.value)
        self.title.setText(figure.title)
        # "Average" may wrap above its figure, but never inside it ("1 h 6 / min").
        word, _space, figure_text = figure.average.partition(" ")
        self.average.setText(f"{word} {figure_text.replace(' ', NO_BREAK)}".strip())
        self.direction.setText(figure.direction)
        self.setAccessibleName(
            f"{figure.title}: {figure.value}. {figure.average}. {figure.direction}."
        )


class HeadlineFigures(QWidget):
    """Five cards in a row: contacts, after hours, own replies, minutes, other events."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = [FigureCard(self) for _ in range(5)]
        self.coverage = label("", "help")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for column, card in enumerate(self.cards):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.coverage, 1, 0, 1, len(self.cards))

    def show_history(self, history: Sequence[WeekFigures]) -> None:
        for card, figure in zip(self.cards, headline_figures(history), strict=True):
            card.show_figure(figure)
        note = coverage_note(history)
        self.coverage.setText(note)
        self.coverage.setVisible(bool(note))

    def figures(self) -> dict[str, str]:
        """Title → value as shown (for tests and screen readers)."""
        return {card.title.text(): card.value.text() for card in self.cards}


class CountTable(QTableWidget):
    """A small read-only table that is exactly as tall as its rows."""

    def __init__(
        self, headers: Sequence[str], parent: QWidget | None = None, *, stretch_first: bool = True
    ) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        fitted = QHeaderView.ResizeMode.ResizeToContents
        for column in range(len(headers)):
            header.setSectionResizeMode(
                column, fitted if stretch_first else QHeaderView.ResizeMode.Fixed
            )
        if stretch_first:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._stretch_first = stretch_first
        header.setHighlightSections(False)

    def show_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if not c:
                    item.setToolTip(
                        plain_tooltip(text)
                    )  # in full where a narrow window cuts it short
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, item)
            self.setRowHeight(r, 30)
        self._fit_height()

    def _fit_height(self) -> None:
        height = self.horizontalHeader().sizeHint().height() + 30 * self.rowCount() + 2
        if (self.minimumHeight(), self.maximumHeight()) != (height, height):
            self.setFixedHeight(height)  # only when it changes: it lays out the whole page
        if not self._stretch_first:  # as wide as its columns, so nothing is cut short
            header = self.horizontalHeader()
            for column in range(self.columnCount()):
                needed = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
                header.resizeSection(column, needed + 14)
            width = sum(header.sectionSize(c) for c in range(self.columnCount()))
            width += 2 * self.frameWidth()
            if (self.minimumWidth(), self.maximumWidth()) != (width, width):
                self.setFixedWidth(width)

    def rows(self) -> list[list[str]]:
        """The rows as shown: hidden columns left out."""
        shown = [c for c in range(self.columnCount()) if not self.isColumnHidden(c)]
        return [[_text(self.item(r, c)) for c in shown] for r in range(self.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""
