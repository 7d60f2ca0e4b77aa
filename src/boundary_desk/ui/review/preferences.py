"""The review's lines on whether contact followed each client's preferred channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boundary_desk.domain.preferred_channel import PreferenceFollowed
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.review.figures import client_words
from boundary_desk.ui.widgets.style import label

NONE_RECORDED = N_(
    "No client with contact this week has a preferred channel recorded. Add one in the "
    "client's details."
)


class PreferenceLines(QWidget):
    """One plain line for each client with a preferred channel and contact this week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(4)
        self.lines: list[QLabel] = []

    def show_preferences(
        self, rows: Sequence[PreferenceFollowed], names: Mapping[str, str]
    ) -> None:
        for line in self.lines:
            self._column.removeWidget(line)
            line.deleteLater()
        recorded = [r for r in rows if r.preference is not None]
        texts = [r.line(client_words(r.client, names)) for r in recorded]
        self.lines = [label(text) for text in texts] or [label(_(NONE_RECORDED), "muted")]
        for line in self.lines:
            self._column.addWidget(line)

    def texts(self) -> list[str]:
        return [line.text() for line in self.lines]
