"""Import…: choose an export, answer what the file can't say, see the preview, then import.

The screen is thin: recognising, reading, matching and writing are the import use case's
(services/imports.py). Reading runs off the GUI thread with a progress bar and Cancel;
closing the dialog, or the vault locking, cancels it and waits for it to stop, and
nothing is written before Import is pressed. A closed dialog deletes itself, with what
it read, once its reading has stopped. The import itself runs off the GUI thread
too, with its progress, but can't be stopped half-way (it is one transaction: all of it
or nothing): while it runs the dialog holds the app (modal), refuses to close, and the
vault locking waits for it to finish. Every refusal is the use case's one sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QStackedWidget,
    QWidget,
)

from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, imports, sessions
from boundary_desk.services.clients import list_clients
from boundary_desk.services.import_sources import is_export_folder
from boundary_desk.services.imports import (
    ImportCancelled,
    ImportChoices,
    ImportPreview,
    SourceKind,
)
from boundary_desk.services.sessions import CalendarPreview, SessionsWritten
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.imports.calendar_step import CalendarStep
from boundary_desk.ui.imports.choose_step import (
    NOT_AN_EXPORT_FOLDER,
    ChooseStep,
    ask_export_folder,
    ask_export_path,
    dropped_file,
)
from boundary_desk.ui.imports.preview_step import PreviewStep
from boundary_desk.ui.imports.questions_step import QuestionsStep, needs_asking
from boundary_desk.ui.imports.running import Cancelled, ImportWork, Progress
from boundary_desk.ui.imports.status_steps import DamagedStep, DoneStep, ReadingStep
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.reflow import VerticalScroll
from boundary_desk.ui.widgets.style import (
    InlineMessage,
    button,
    fit_to_screen,
    label,
    tab_order,
    vbox,
)

TITLE = N_("Import")
HEADINGS = (
    N_("Import"),
    N_("Reading the file"),
    N_("A few questions"),
    N_("This file is damaged"),
    N_("What will be added"),
    N_("Imported"),
)
CHOOSE, READING, QUESTIONS, DAMAGED, PREVIEW, DONE = range(6)
CANCELLED = N_("Cancelled. Nothing was imported.")
IMPORTING = N_("Importing")
STILL_IMPORTING = N_("Importing can't be stopped half-way; it closes when it is done.")
NOTHING_IMPORTED = N_("Nothing was imported.")
NOTHING_NEW = N_("There is nothing new to import from this file.")


class ImportDialog(QDialog):
    """The import, one step at a time; `imported` says entries were added to the vault."""

    imported = Signal()

    def __init__(
        self, services: Services, prompter: Prompter, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.setAcceptDrops(True)
        self._services, self._prompter = services, prompter
        settings = services.settings.load()
        self._zone, self._region = settings.timezone, settings.region
        self._clients = list_clients(services)
        self.path: Path | None = None
        self.choices = ImportChoices()
        self.preview: ImportPreview | None = None
        # A session calendar: its preview, and the client chosen for each title.
        self.calendar: CalendarPreview | None = None
        self.calendar_ties: dict[str, str] = {}
        self.calendar_add_away = False
        self.calendar_step: CalendarStep | None = None
        self._asked = False
        self._reading_preview = False
        self._committing = False
        self._confirmed: set[str] = set()
        self.work = ImportWork(self)
        self.work.progressed.connect(self._progressed)
        self.work.finished.connect(self._finished)
        self.work.failed.connect(self._failed)
        self._then: Callable[[object], None] = lambda _result: None
        self.heading = label(_(HEADINGS[CHOOSE]), "heading")
        self.choose = ChooseStep(self)
        self.choose.choose_requested.connect(self.choose_file)
        self.choose.folder_requested.connect(self.choose_folder)
        self.reading = ReadingStep(self)
        self.progress = self.reading.progress
        self.questions: QuestionsStep | None = None
        self.preview_step: PreviewStep | None = None
        self.damaged = DamagedStep(self)
        self.damage = self.damaged.sentence
        self.whole_button, self.nothing_button = (
            self.damaged.whole_button,
            self.damaged.nothing_button,
        )
        self.whole_button.clicked.connect(self.import_whole_records)
        self.nothing_button.clicked.connect(self.import_nothing)
        self.done_step = DoneStep(self)
        self.outcome = self.done_step.outcome
        self.error = InlineMessage("error", self)
        self.note = InlineMessage("note", self)  # what happened, when it is no failure
        self.back_button = button(_("Back"))
        self.back_button.clicked.connect(self.go_back)
        self.cancel_button = button(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.next_button = button(_("Preview"), "primary")
        self.next_button.clicked.connect(self.go_on)
        self.pages = QStackedWidget(self)
        self._lay_out()
        self._show_step(CHOOSE)
        fit_to_screen(self, 980, 700)

    def _lay_out(self) -> None:
        # Each page scrolls on its own, so the tallest never sets the dialog's least height.
        choose = VerticalScroll(self.choose)
        steps = (choose, self.reading, QWidget(self), self.damaged, QWidget(self), self.done_step)
        for page in steps:
            self.pages.addWidget(page)
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.next_button)
        layout = vbox(self, 12)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addLayout(row)

    # The steps ---------------------------------------------------------------------

    def step(self) -> int:
        return self.pages.currentIndex()

    def _show_step(self, step: int) -> None:
        """Show `step`; what was said on the last one goes (a new one is said after)."""
        self.error.clear_message()
        self.note.clear_message()
        self.pages.setCurrentIndex(step)
        self.heading.setText(_(HEADINGS[step]))
        self.back_button.setVisible(step in (QUESTIONS, DAMAGED, PREVIEW))
        self.cancel_button.setVisible(step != DONE and not self._committing)
        self.next_button.setVisible(step in (QUESTIONS, PREVIEW, DONE))
        self.next_button.setText({PREVIEW: _("Import"), DONE: _("Close")}.get(step, _("Preview")))
        self.next_button.setEnabled(self._can_go_on(step))
        self.next_button.setDefault(True)
        self._order_tabs(step)

    def _order_tabs(self, step: int) -> None:
        page: list[QWidget] = []
        if step == CHOOSE:
            page = [self.choose.choose_button, self.choose.folder_button, self.choose.help]
        elif step == DAMAGED:
            page = [self.whole_button, self.nothing_button]
        elif step == QUESTIONS and self.questions is not None:
            page = self.questions.controls()
        elif step == PREVIEW and self.calendar is not None and self.calendar_step is not None:
            page = self.calendar_step.controls()
        elif step == PREVIEW and self.preview_step is not None:
            page = self.preview_step.controls()
        buttons = [self.next_button, self.cancel_button, self.back_button]
        tab_order(*page, *buttons)

    def _replace_page(self, step: int, widget: QWidget) -> None:
        old = self.pages.widget(step)
        self.pages.insertWidget(step, widget)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()

    def choose_file(self) -> None:
        data_dir = self._services.vault.location.paths.data_dir
        chosen = ask_export_path(self._prompter, self, self._services, data_dir)
        if chosen is not None:
            self.open_file(chosen)

    def choose_folder(self) -> None:
        data_dir = self._services.vault.location.paths.data_dir
        chosen = ask_export_folder(self._prompter, self, self._services, data_dir)
        if chosen is None:
            return
        if not is_export_folder(chosen):
            self.choose.show_problem(_(NOT_AN_EXPORT_FOLDER))
            return
        self.open_file(chosen)

    def open_file(self, path: Path) -> None:
        """Start on `path`: what it is and what it needs asking, read off the GUI thread."""
        self.path, self.preview, self._asked = path, None, False
        self.calendar, self.calendar_ties, self.calendar_add_away = None, {}, False
        self._confirmed.clear()
        self.choose.show_problem("")
        self.error.clear_message()
        services = self._services
        self._reading_preview = False
        self._read(_("Looking at “{name}”…").format(name=path.name), self._got_questions,
                   lambda _p, _c: imports.questions(services, path))  # fmt: skip

    def _read(self, what: str, then: Callable[[object], None], work: Callable[..., object]) -> None:
        self.reading.start(what)
        self._then = then
        self._show_step(READING)
        self.work.start(work)

    def _got_questions(self, found: object) -> None:
        assert isinstance(found, imports.ImportQuestions)
        self.choices = ImportChoices(source=found.kind)
        if found.kind is SourceKind.CALENDAR:  # sessions, not contacts
            self.run_calendar_preview()
            return
        if not needs_asking(found):
            self.run_preview()
            return
        self.questions = QuestionsStep(found, self._clients, self._zone.key, self._region, self)
        self.questions.answered.connect(
            lambda: self.next_button.setEnabled(self._can_go_on(self.step()))
        )
        self._replace_page(QUESTIONS, self.questions)  # its fields scroll on their own
        self._asked = True
        self._show_step(QUESTIONS)

    def run_preview(self) -> None:
        """Read the whole file with the answers given, and show what would be added."""
        path, services = self.path, self._services
        if path is None:
            return
        if self.questions is not None and self._asked:
            self.choices = self.questions.choices(self.choices)
        choices = self.choices

        def read(progress: Progress, cancelled: Cancelled) -> object:
            return imports.preview(services, path, choices, progress=progress, cancelled=cancelled)

        self._read(_("Reading “{name}”…").format(name=path.name), self._got_preview, read)
        self._reading_preview = True

    def run_calendar_preview(self) -> None:
        """Read the calendar with the titles tied so far, and show the sessions found."""
        path, services = self.path, self._services
        if path is None:
            return
        exact = [(code, title) for title, code in self.calendar_ties.items() if code]

        def read(_progress: Progress, _cancelled: Cancelled) -> object:
            return sessions.preview_calendar(services, path, (), exact=exact)

        self._read(_("Reading “{name}”…").format(name=path.name), self._got_calendar, read)
        self._reading_preview = True

    def _got_calendar(self, found: object) -> None:
        assert isinstance(found, CalendarPreview)
        self.calendar = found
        step = CalendarStep(
            found, self._clients, dict(self.calendar_ties), self, add_away=self.calendar_add_away
        )
        step.tie_changed.connect(self._calendar_tie_changed)
        step.add_away_changed.connect(self._calendar_add_away_changed)
        self.calendar_step = step
        self._replace_page(PREVIEW, VerticalScroll(step))
        self._show_step(PREVIEW)
        if found.sessions and not found.changes:
            self.note.show_message(_(NOTHING_NEW))

    def _calendar_add_away_changed(self, add: bool) -> None:
        self.calendar_add_away = add
        self.next_button.setEnabled(self._can_go_on(self.step()))

    def _calendar_tie_changed(self, title: str, code: str) -> None:
        self.calendar_ties[title] = code
        self.run_calendar_preview()

    def _got_preview(self, found: object) -> None:
        assert isinstance(found, ImportPreview)
        self.preview = found
        step = PreviewStep(
            found,
            self._zone,
            self._clients,
            keep_text=self.choices.keep_text,
            confirmed=frozenset(self._confirmed),
            parent=self,
        )
        step.attach_requested.connect(self.attach)
        step.partial_confirmed.connect(self._partial_confirmed)
        step.keep_text_changed.connect(self._keep_text_changed)
        self.preview_step = step
        self._replace_page(PREVIEW, VerticalScroll(step))
        self._show_step(PREVIEW)
        if not found.new:
            self.note.show_message(_(NOTHING_NEW))

    def _can_go_on(self, step: int) -> bool:
        if step == QUESTIONS:
            return self.questions is not None and self.questions.complete()
        return step != PREVIEW or self._can_import()

    def _can_import(self) -> bool:
        if self.calendar is not None:
            away = self.calendar_add_away and bool(self.calendar.away)
            return self.calendar.changes > 0 or away
        return self.preview is not None and self.preview.new > 0

    def _damaged(self, sentence: str, whole: int) -> None:
        """The file breaks part-way: import its whole records (after a preview) or nothing."""
        self.damaged.show_damage(sentence, whole)
        self._show_step(DAMAGED)

    def import_whole_records(self) -> None:
        self.choices = replace(self.choices, keep_whole_of_damaged=True)
        self.run_preview()

    def import_nothing(self) -> None:
        self._show_step(CHOOSE)
        self.note.show_message(_(NOTHING_IMPORTED))

    # What the preview's controls change --------------------------------------------

    def attach(self, handle: str, code: str) -> None:
        """Add `handle` to the client `code` (kept in the vault), then preview again."""
        try:
            imports.attach_handle(self._services, code, handle)
        except UserFacingError as problem:
            self.error.show_message(problem.message)
            return
        self._clients = list_clients(self._services)
        self.run_preview()

    def _partial_confirmed(self, handle: str, code: str, confirmed: bool) -> None:
        ties = dict(self.choices.ties)
        if confirmed:
            ties[handle] = code
            self._confirmed.add(handle)
        else:
            ties.pop(handle, None)
            self._confirmed.discard(handle)
        self.choices = replace(self.choices, ties=ties)
        self.run_preview()

    def _keep_text_changed(self, keep: bool) -> None:
        self.choices = replace(self.choices, keep_text=keep)
        self.run_preview()

    # The buttons -------------------------------------------------------------------

    def go_on(self) -> None:
        step = self.step()
        if step == QUESTIONS and self._can_go_on(step):
            self.run_preview()
        elif step == PREVIEW:
            self.commit()
        elif step == DONE:
            self.accept()

    def go_back(self) -> None:
        self.error.clear_message()
        if self.step() in (PREVIEW, DAMAGED) and self._asked:
            self._show_step(QUESTIONS)
        else:
            self._show_step(CHOOSE)

    def cancel(self) -> None:
        """While reading: stop, and go back to choosing; otherwise close without importing."""
        if self._committing:
            return  # one transaction: it finishes, or fails and leaves nothing
        if self.step() != READING:
            self.reject()
            return
        self.work.cancel(wait=False)
        self._show_step(CHOOSE)
        self.choose.show_problem("")
        self.note.show_message(_(CANCELLED))

    def commit(self) -> None:
        """Write the previewed entries in one transaction, off the GUI thread with its
        progress, and say what was added; it can't be stopped half-way."""
        if self.calendar is not None:
            self._commit_calendar(self.calendar)
            return
        found = self.preview
        if found is None or not self._can_import():
            return
        services = self._services

        def write(progress: Progress, _cancelled: Cancelled) -> object:
            return imports.commit(services, found, progress=progress)

        self._start_commit(
            write,
            ngettext("Importing {count} entry…", "Importing {count} entries…", found.new).format(
                count=found.new
            ),
        )

    def _start_commit(self, write: Callable[[Progress, Cancelled], object], what: str) -> None:
        self._committing = True
        self._reading_preview = False
        self._hold_app(Qt.WindowModality.ApplicationModal)
        self.reading.start(what)
        self.reading.progress.setAccessibleName(_(IMPORTING))
        self._then = self._committed
        self._show_step(READING)
        self.heading.setText(_(IMPORTING))
        self.work.start(write, stoppable=False)

    def _commit_calendar(self, found: CalendarPreview) -> None:
        if not self._can_import():
            return
        services = self._services

        add_away = self.calendar_add_away

        def write(_progress: Progress, _cancelled: Cancelled) -> object:
            return sessions.commit_calendar(services, found, add_away=add_away)

        self._start_commit(
            write,
            ngettext("Importing {count} session…", "Importing {count} sessions…", found.new).format(
                count=found.new
            ),
        )

    def is_committing(self) -> bool:
        """Whether an import is being written (the app leaves the vault alone meanwhile)."""
        return self._committing

    def _hold_app(self, modality: Qt.WindowModality) -> None:
        """Hold the rest of the app while the import writes, so nothing else writes into
        its transaction; a shown window takes a new modality only when shown again."""
        shown = self.isVisible()
        if shown:
            self.hide()
        self.setWindowModality(modality)
        if shown:
            self.show()

    def _commit_ended(self) -> None:
        self._committing = False
        self._hold_app(Qt.WindowModality.NonModal)
        self.reading.progress.setAccessibleName(_("Reading the file"))

    def _committed(self, result: object) -> None:
        assert isinstance(result, (imports.ImportResult, SessionsWritten))
        self._commit_ended()
        self.error.clear_message()
        self._show_step(DONE)
        if isinstance(result, SessionsWritten):
            parts = [
                ngettext("{count} new session", "{count} new sessions", result.added).format(
                    count=result.added
                )
            ]
            if result.moved:
                parts.append(
                    ngettext("{count} session moved", "{count} sessions moved", result.moved)
                    .format(count=result.moved)
                )  # fmt: skip
            if result.removed:
                parts.append(
                    ngettext("{count} session removed", "{count} sessions removed", result.removed)
                    .format(count=result.removed)
                )  # fmt: skip
            parts.append(_("{count} already imported").format(count=f"{result.already:,}"))
            sentence = ", ".join(parts) + "."
            if self.calendar_add_away and self.calendar is not None and self.calendar.away:
                away = len(self.calendar.away)
                sentence += " " + ngettext(
                    "{count} away period added to your vacation days.",
                    "{count} away periods added to your vacation days.",
                    away,
                ).format(count=away)
            self.done_step.show_done(sentence, sessions=True)
        else:
            self.done_step.show_done(result.sentence())
        self.imported.emit()

    def _finished(self, result: object) -> None:
        self._then(result)

    def _progressed(self, done: int, total: int) -> None:
        self.reading.advance(done, total)

    def _failed(self, error: object) -> None:
        if self._committing:
            self._commit_failed(error)
            return
        if isinstance(error, ImportCancelled):
            return
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        self.preview = None
        self.calendar = None
        # A damaged file says how many records before the damage were whole.
        if self._reading_preview and isinstance(error, imports.BrokenFile):
            self._damaged(error.message, error.records_read)
            return
        self._show_step(CHOOSE)
        self.choose.show_problem(error.message)

    def _commit_failed(self, error: object) -> None:
        """Nothing was written (one transaction): back to the preview, saying why."""
        self._commit_ended()
        if not isinstance(error, UserFacingError):
            self._show_step(PREVIEW)
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        self._show_step(PREVIEW)
        self.error.show_message(error.message)

    # Dropping a file, and closing ---------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.step() in (CHOOSE, QUESTIONS, PREVIEW) and dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_file(event.mimeData())
        if path is not None and self.step() != READING:
            event.acceptProposedAction()
            self.open_file(path)

    def done(self, result: int) -> None:
        # Closed (or the vault locking) mid-way: the reading stops before the vault closes;
        # an import under way is waited for, whole.
        self.work.cancel(wait=True)
        self._committing = False
        super().done(result)
        self._delete_when_stopped()

    def _delete_when_stopped(self) -> None:
        """Go, with what was read, once no thread of this dialog's is still running (one
        slow to notice its Cancel ends first)."""
        if self.work.has_stopped():
            self.deleteLater()
        else:
            self.work.stopped.connect(self.deleteLater)

    def reject(self) -> None:
        if self._committing:
            self.note.show_message(_(STILL_IMPORTING))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's own close button, mid-import, is refused; the app closing it (the
        # vault locking, quitting) waits for the import to finish.
        if self._committing and event.spontaneous():
            event.ignore()
            self.note.show_message(_(STILL_IMPORTING))
            return
        if self._committing:
            self.done(QDialog.DialogCode.Rejected)
            event.accept()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.step() == READING:
            if not self._committing:
                self.cancel()  # Escape stops the reading first, as Cancel does
            return
        super().keyPressEvent(event)
