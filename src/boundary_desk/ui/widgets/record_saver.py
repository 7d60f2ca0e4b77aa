"""Saving a client's communication record, the one way both the timeline and the client
list do it.

With or without the clinician's self-review (the "Include my self-review" box, unticked
by default): asked where (the shared save helper), made off the GUI thread by the
documents use case, recorded in the audit trail, then offered Show in folder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from boundary_desk.domain.clients import Client
from boundary_desk.domain.clock import utc_now
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.documents import (
    Exported,
    record_export,
    record_request,
    write_record_pdf,
)
from boundary_desk.services.settings import today_in_practice
from boundary_desk.system.i18n import N_, _
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.save_files import RECORD, ask_save_path, offer_show_in_folder

SELF_REVIEW_BOX = N_("Include my self-review")
SELF_REVIEW_TIP = N_(
    "Your own motive for each search and the app's warnings, with your "
    "acknowledgements. They are not part of the clinical record; by default they stay "
    "in the vault and the weekly review."
)
RECORD_ONLY = N_("It holds the clinical record only; your self-review stayed in the vault.")
RECORD_WITH_SELF_REVIEW = N_(
    "It includes your self-review, which is not part of the clinical record."
)


def self_review_box(parent: QWidget) -> QCheckBox:
    """ "Include my self-review", unticked: the record is the clinical record unless asked."""
    box = QCheckBox(_(SELF_REVIEW_BOX), parent)
    box.setToolTip(_(SELF_REVIEW_TIP))
    return box


def record_file_name(client: Client, today_iso: str) -> str:
    """Named by the client's code, never their name, in the app's language."""
    return _("Communication record {code} {date}.pdf").format(code=client.code, date=today_iso)


class RecordSaver(QObject):
    """One record at a time. `busy` says when one is being made; `done` whether it was saved."""

    busy = Signal(bool)
    done = Signal(bool)

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        window: QWidget,
        status: QLabel,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(window)
        self._services, self._prompter = services, prompter
        self._window, self._status, self._now = window, status, now
        self._job = 0
        self._jobs = BackgroundJobs(self)
        self._jobs.finished.connect(self._saved)
        self._jobs.failed.connect(self._failed)

    def is_saving(self) -> bool:
        return bool(self._job)

    def save(self, client: Client, *, include_self_review: bool = False) -> bool:
        """Ask where, then start; False if cancelled or one is already being made."""
        if self._job:
            return False
        today = today_in_practice(self._services, self._now())
        path = ask_save_path(
            self._prompter,
            self._window,
            kind=RECORD,
            title=_("Save communication record as PDF"),
            file_name=record_file_name(client, today.isoformat()),
            avoid=[self._services.vault.location.paths.data_dir],
            services=self._services,
        )
        if path is None:
            return False
        request = record_request(
            self._services, client, today, include_self_review=include_self_review
        )
        self._status.setText(
            _("Making the communication record for {code}…").format(code=client.code)
        )
        self._job = self._jobs.submit(partial(write_record_pdf, request, path))
        self.busy.emit(True)
        return True

    def _saved(self, job: int, exported: object) -> None:
        if job != self._job or not isinstance(exported, Exported):
            return
        self._job = 0
        self.busy.emit(False)
        if not self._services.vault.is_open:
            return  # locked meanwhile; the window is on its way out
        record_export(self._services, exported)
        path = exported.path
        holds = RECORD_WITH_SELF_REVIEW if exported.details.get("self_review") else RECORD_ONLY
        saved = _("Saved “{name}” in {folder}.").format(name=path.name, folder=path.parent)
        self._status.setText(f"{saved} {_(holds)}")
        self.done.emit(True)
        offer_show_in_folder(self._prompter, self._window, path)

    def _failed(self, job: int, error: object) -> None:
        if job != self._job:
            return
        self._job = 0
        self.busy.emit(False)
        self._status.setText("")
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        self._prompter.warn(self._window, _("Communication record not saved"), error.message)
        self.done.emit(False)
