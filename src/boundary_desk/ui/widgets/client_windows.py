"""Per-client windows (timeline, audit trail): one per client, brought forward if open."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)


def show_client_window(
    kind: type[W], client_id: int | None, make: Callable[[], W], parent: QWidget
) -> W:
    """Show the open `kind` window for the client, or a new one from `make`."""
    for window in parent.findChildren(kind):
        if getattr(window, "client_id", None) == client_id and window.isVisible():
            break
    else:
        window = make()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.activateWindow()
    return window
