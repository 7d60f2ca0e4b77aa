"""Draws a timeline row: the date and time on the left, then what happened on three lines.

Everything is drawn with drawText, so a summary like "<b>x</b>" is shown as typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boundary_desk.domain.vocabulary.calendar_names import weekday_date
from boundary_desk.domain.vocabulary.labels import shown_event_title
from boundary_desk.system.i18n import _, current_language
from boundary_desk.ui.clients.table_model import ATTENTION
from boundary_desk.ui.timeline.event_words import summary_line
from boundary_desk.ui.timeline.model import (
    ACKNOWLEDGED,
    AFTER_HOURS,
    ENTRY_ROLE,
    TimelineEntry,
    markers,
    meta_line,
)
from boundary_desk.ui.widgets.style import BORDER, INK, MUTED, SURFACE

_PAD_X = 14
_PAD_Y = 10
_LINE_GAP = 3
_CHIP_PAD = 7
_CHIP_GAP = 6
_DOT = 8


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, *, with_client: bool = True) -> None:
        super().__init__(parent)
        self.with_client = with_client
        self._align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        # Narrower than the list, which is never narrower than 330: the text is elided to
        # the row's width, so a wider hint would only add a horizontal scroll bar.
        return QSize(300, 2 * _PAD_Y + 3 * line + 2 * _LINE_GAP + 1)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry = index.data(ENTRY_ROLE)
        if not isinstance(entry, TimelineEntry):
            return
        # The style draws the background (hover, selection) and focus; the text is ours.
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        painter.save()
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, widget
            )
        rect = option.rect
        painter.setPen(QColor(BORDER))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        self._draw_entry(painter, rect, option.font, entry, option.direction)
        painter.restore()

    def _draw_entry(
        self,
        painter: QPainter,
        rect: QRect,
        font: QFont,
        entry: TimelineEntry,
        direction: Qt.LayoutDirection,
    ) -> None:
        """Laid out left to right, each box mirrored for a right-to-left row (Hebrew)."""

        def place(box: QRect) -> QRect:
            return QStyle.visualRect(direction, rect, box)

        self._align = QStyle.visualAlignment(
            direction, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        left, top = rect.left() + _PAD_X, rect.top() + _PAD_Y
        when_width = _when_width(font)
        step = line + _LINE_GAP
        painter.setFont(font)
        self._text(
            painter,
            place(QRect(left, top, when_width, line)),
            weekday_date(entry.local.date()),
            INK,
        )
        time_text = f"{entry.local:%H:%M}"
        self._text(painter, place(QRect(left, top + step, when_width, line)), time_text, MUTED)
        # The marks sit in the date column, so they line up down the list and leave
        # the whole width beside them for what happened.
        flags = markers(entry)
        if entry.after_hours is not None:
            chip_left = left + metrics.horizontalAdvance(time_text) + _CHIP_GAP + 2
            _chip(painter, QPoint(chip_left, top + step), line, font, flags.pop(0), place)
        if flags:
            _chip(painter, QPoint(left, top + 2 * step), line, font, flags[0], place)

        body = QRect(left + when_width, top, rect.right() - _PAD_X - left - when_width, line)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        self._text(painter, place(body), shown_event_title(entry.event), INK)
        painter.setFont(font)
        meta = meta_line(entry, self.with_client)
        self._text(painter, place(body.translated(0, step)), meta, MUTED)
        self._text(painter, place(body.translated(0, 2 * step)), summary_line(entry.event), INK)

    def _text(self, painter: QPainter, box: QRect, text: str, colour: str) -> None:
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        painter.setPen(QColor(colour))
        # At the left in English, at the right in a mirrored (Hebrew) row.
        painter.drawText(box, int(self._align) | int(Qt.TextFlag.TextSingleLine), elided)


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(9.0, font.pointSizeF() - 1.5))
    small.setBold(True)
    return small


def _chip_width(font: QFont, text: str) -> int:
    dot = _DOT + 5 if text == _(AFTER_HOURS) else 0
    return QFontMetrics(_small(font)).horizontalAdvance(text) + 2 * _CHIP_PAD + dot


# Each week day and each month, for the widest date in the current language's names.
_SAMPLE_DAYS = [date(2026, 9, 21 + n) for n in range(7)] + [
    date(2026, month, 28) for month in range(1, 13)
]
_widths: dict[tuple[str, str], int] = {}


def _when_width(font: QFont) -> int:
    """Room for the widest date, or a time with its after-hours mark, and a gap."""
    key = (font.key(), current_language())
    if key not in _widths:
        metrics = QFontMetrics(font)
        dates = ["Wed 30 Sep 2026", *(weekday_date(day) for day in _SAMPLE_DAYS)]
        widest_date = max(metrics.horizontalAdvance(text) for text in dates)
        after_hours = _chip_width(font, _(AFTER_HOURS))
        time_and_mark = metrics.horizontalAdvance("23:59") + _CHIP_GAP + 2 + after_hours
        _widths[key] = max(widest_date, time_and_mark) + 16
    return _widths[key]


def _chip(
    painter: QPainter,
    at: QPoint,
    line: int,
    font: QFont,
    text: str,
    place: Callable[[QRect], QRect],
) -> None:
    """A small rounded label with its top left near `at`, centred on a text line
    (its top right, mirrored by `place`, in a right-to-left row)."""
    small = _small(font)
    height = QFontMetrics(small).height() + 4
    chip = QRect(at.x(), at.y() + (line - height) // 2, _chip_width(font, text), height)
    mirrored = place(chip) != chip
    chip = place(chip)
    fill, ink, edge = _chip_colours(text)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(edge) if edge else Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(chip, height / 2, height / 2)
    dot = 0
    if text == _(AFTER_HOURS):
        dot = _DOT + 5
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ATTENTION))
        y = chip.center().y() - _DOT // 2 + 1
        x = chip.right() - _CHIP_PAD - _DOT + 1 if mirrored else chip.left() + _CHIP_PAD
        painter.drawEllipse(x, y, _DOT, _DOT)
    painter.setFont(small)
    painter.setPen(ink)
    inside = (
        chip.adjusted(_CHIP_PAD, 0, -_CHIP_PAD - dot, 0)
        if mirrored
        else chip.adjusted(_CHIP_PAD + dot, 0, -_CHIP_PAD, 0)
    )
    painter.drawText(inside, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.restore()


def _chip_colours(text: str) -> tuple[QColor, QColor, str]:
    """Fill, ink and edge: warnings in a soft amber (attention, not alarm), the rest quiet."""
    if text == _(AFTER_HOURS):
        return QColor(SURFACE), QColor(INK), BORDER
    if text == _(ACKNOWLEDGED):
        return QColor(SURFACE), QColor(MUTED), BORDER
    fill = QColor(ATTENTION)
    fill.setAlphaF(0.2)  # a tint of the row beneath, selected or not
    return fill, QColor(ATTENTION).darker(190), ""
