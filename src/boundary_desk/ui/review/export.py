"""Exporting a week's review as a PDF: checked (the supervision copy), asked where, then
made and saved off the GUI thread."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from boundary_desk.domain.review import WeeklyReview
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services
from boundary_desk.services.documents import (
    Exported,
    ReviewRequest,
    record_export,
    write_review_pdf,
)
from boundary_desk.system.i18n import _
from boundary_desk.ui.review.export_preview import ExportPreview
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.save_files import REVIEW, ask_save_path, offer_show_in_folder
from boundary_desk.ui.widgets.style import InlineMessage


def file_name(review: WeeklyReview, *, identified: bool) -> str:
    """ "Boundary review 2026-W47.pdf", or "… (with names).pdf" for the clinician's copy."""
    if identified:
        return _("Boundary review {week} (with names).pdf").format(week=review.week)
    return _("Boundary review {week}.pdf").format(week=review.week)


class ReviewExporter(QObject):
    """One export at a time; the buttons rest while the PDF is made, and `done` says how it went."""

    done = Signal(bool)

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        window: QWidget,
        message: InlineMessage,
        buttons: Sequence[QWidget],
    ) -> None:
        super().__init__(window)
        self._services = services
        self._prompter, self._window, self._message = prompter, window, message
        self._buttons = list(buttons)
        self._privacy = ""
        self.preview: ExportPreview | None = None  # the last supervision copy shown
        self._jobs = BackgroundJobs(self)
        self._jobs.finished.connect(self._saved)
        self._jobs.failed.connect(self._not_saved)

    def export(self, request: ReviewRequest) -> bool:
        """Show what the supervision copy holds, ask where, then start; False if cancelled."""
        identified = request.names is not None
        if request.deidentified is not None:
            if self.preview is not None:
                self.preview.deleteLater()
            self.preview = ExportPreview(request.deidentified, self._window)
            if not self._prompter.review(self.preview):
                return False
            self._privacy = _("It has client codes only: {summary}.").format(
                summary=request.deidentified.summary()
            )
        else:
            self._privacy = _("It has client names: keep it private.")
        title = (
            _("Export my own copy (with client names)")
            if identified
            else _("Export for supervision")
        )
        path = ask_save_path(
            self._prompter,
            self._window,
            kind=REVIEW,
            title=title,
            file_name=file_name(request.review, identified=identified),
            avoid=[self._services.vault.location.paths.data_dir],
            services=self._services,
        )
        if path is None:
            return False
        self._busy(True, _("Making the PDF…"))
        self._jobs.submit(partial(write_review_pdf, request, path))
        return True

    def _busy(self, busy: bool, message: str) -> None:
        for widget in self._buttons:
            widget.setEnabled(not busy)
        self._message.show_message(message)

    def _saved(self, _job: int, exported: object) -> None:
        assert isinstance(exported, Exported)
        if self._services.vault.is_open:  # else locked meanwhile; this page is on its way out
            record_export(self._services, exported)
        path = exported.path
        self._busy(
            False,
            _("Saved “{name}” in {folder}. {privacy}").format(
                name=path.name, folder=path.parent, privacy=self._privacy
            ),
        )
        self.done.emit(True)
        offer_show_in_folder(self._prompter, self._window, path)

    def _not_saved(self, _job: int, error: object) -> None:
        self._busy(False, "")
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        self._prompter.warn(self._window, _("PDF not saved"), error.message)
        self.done.emit(False)
