"""One client's timeline in a window of its own, opened from the client list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.services import Services
from boundary_desk.services.record_views import viewed_timeline
from boundary_desk.system.i18n import _
from boundary_desk.ui.timeline.page import TimelinePage
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import button


class ClientTimeline(QDialog):
    """Not modal, so the quick log and the client list stay usable beside it."""

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        client: Client,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        if client.id is None:
            raise ValueError("a timeline needs a saved client")
        self.client_id = client.id
        # The code only: window titles show in task bars and window lists.
        self.setWindowTitle(_("Timeline · {code}").format(code=client.code))
        self.page = TimelinePage(services, prompter, self, client_id=client.id, now=now)
        viewed_timeline(services, client.id)
        self.close_button = button(_("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 20, 14)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.page, 1)
        layout.addLayout(row)
        screen = self.screen().availableGeometry()
        self.resize(min(1180, int(screen.width() * 0.9)), min(780, int(screen.height() * 0.9)))
