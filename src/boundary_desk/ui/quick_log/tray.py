"""The tray icon: log a contact or lock without first finding the window.

Its tooltip says only whether the vault is locked; it never names a client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from boundary_desk.ui.widgets.style import ACCENT

APP_TITLE = "Boundary Desk"


def tray_tooltip(locked: bool) -> str:
    return f"{APP_TITLE} (locked)" if locked else APP_TITLE


def app_icon(size: int = 64) -> QIcon:
    """A plain teal tile with a "B", drawn here so no image file has to ship."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ACCENT))
    painter.drawRoundedRect(QRectF(2, 2, size - 4, size - 4), size / 5, size / 5)
    font = QFont()
    font.setPixelSize(int(size * 0.6))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, "B")
    painter.end()
    return QIcon(pixmap)


class QuickLogTray(QSystemTrayIcon):
    """The tray icon with its menu; a click on the icon shows the window."""

    def __init__(
        self, actions: Sequence[QAction | None], show_window: Callable[[], None], owner: QWidget
    ) -> None:
        super().__init__(app_icon(), owner)
        self._menu = QMenu(owner)  # a child of the window, so it goes when the window goes
        for action in actions:
            if action is None:
                self._menu.addSeparator()
            else:
                self._menu.addAction(action)
        self.setContextMenu(self._menu)
        self._show_window = show_window
        self.activated.connect(self._activated)
        self.set_locked(True)

    def set_locked(self, locked: bool) -> None:
        self.setToolTip(tray_tooltip(locked))

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()
