"""The unlocked workspace: a header, a short navigation list, and one page at a time.

Each page is built, and its module imported, the first time it is shown (see
OnDemandPages): unlocking builds only the client list it opens on, so the charts
(pyqtgraph, numpy) and the PDF code load when the clinician first opens a page that
uses them, and the quick log never waits for them. The trade-off: the first visit
to a page takes its build time (the weekly review about a tenth of a second), once
per unlock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.domain.weeks import Week
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, integrity, session
from boundary_desk.services.contacts import refresh_time_warnings
from boundary_desk.services.integrity import IntegrityCheck
from boundary_desk.services.session import KeyMode
from boundary_desk.system.i18n import N_, _, ngettext
from boundary_desk.ui.backups.integrity_watch import IntegrityWatch
from boundary_desk.ui.review.banner import ReviewBanner
from boundary_desk.ui.shell.app_name import APP_NAME
from boundary_desk.ui.shell.day_watch import DayWatch
from boundary_desk.ui.shell.on_demand_pages import OnDemandPages
from boundary_desk.ui.widgets.dialogs import Prompter
from boundary_desk.ui.widgets.style import InlineMessage, label

if TYPE_CHECKING:
    from boundary_desk.ui.agreements.clauses_page import ClausesPage
    from boundary_desk.ui.backups.page import BackupsPage
    from boundary_desk.ui.clients.page import ClientsPage
    from boundary_desk.ui.imports.dialog import ImportDialog
    from boundary_desk.ui.review.page import ReviewPage
    from boundary_desk.ui.settings.page import SettingsPage
    from boundary_desk.ui.timeline.page import TimelinePage

log = logging.getLogger(__name__)

CLIENTS, TIMELINE, REVIEW = N_("Clients"), N_("Timeline"), N_("Weekly review")
SETTINGS, WORDING, BACKUPS = N_("Settings"), N_("Agreement wording"), N_("Backups")
KEY_PLACES = {
    KeyMode.KEYCHAIN: N_("key in system keychain"),
    KeyMode.PASSPHRASE: N_("protected by master passphrase"),
}


def status_line(services: Services, autolock_minutes: int | None) -> str:
    """E.g. "Vault unlocked · key in system keychain · locks after 10 idle minutes"."""
    opened = _("Vault open read-only") if services.vault.read_only else _("Vault unlocked")
    parts = [opened, _(KEY_PLACES[services.vault.key_mode])]
    if autolock_minutes is not None:
        locks = ngettext(
            "locks after {count} idle minute", "locks after {count} idle minutes", autolock_minutes
        )
        parts.append(locks.format(count=autolock_minutes))
    return " · ".join(parts)


class Workspace(QWidget):
    """Everything shown while the vault is open. Deleting it removes all client text."""

    settings_changed = Signal()
    review_due = Signal()  # the weekly review time has come (for a tray notification)
    restore_requested = Signal(object)  # Path of a confirmed backup to restore
    damage_met = Signal(str)  # a page built later met a damaged part of the vault

    def __init__(
        self,
        services: Services,
        prompter: Prompter,
        lock_action: QAction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._prompter = prompter
        # After the first paint, not before it: the client list shown first reads no
        # warnings, and a page that does is shown again once they change.
        QTimer.singleShot(0, self, self._refresh_time_warnings_shown)
        self.import_dialog: ImportDialog | None = None
        self._backup_note = ""
        self.integrity_watch = IntegrityWatch(services, self)
        self.integrity_watch.checked.connect(self._integrity_checked)
        self._integrity_note = ""
        self.integrity_message = InlineMessage("error")  # a failed check, above every page

        self.pages = OnDemandPages()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(_("Sections"))
        for name, build in (
            (CLIENTS, self._build_clients),
            (TIMELINE, self._build_timeline),
            (REVIEW, self._build_review),
            (SETTINGS, self._build_settings),
            (WORDING, self._build_clauses),
            (BACKUPS, self._build_backups),
        ):
            item = QListWidgetItem(_(name))
            item.setData(Qt.ItemDataRole.UserRole, name)  # the page, whatever the language
            item.setSizeHint(QSize(160, 38))
            self.nav.addItem(item)
            self.pages.add_page(name, self._guarded(build))
        # The first page is built here, not in the navigation's slot: damage met as it
        # first reads the vault must reach whoever opens the workspace (the app window
        # says it on the unlock screen), and Qt would swallow it inside a slot.
        self.pages.page(CLIENTS)
        self._opened = True  # from now on, damage met by a page is said through damage_met
        self.nav.currentRowChanged.connect(self.pages.show_index)
        self.nav.setCurrentRow(0)

        self.practice_name = label("", "practiceName")
        self.status = label("", "muted")
        self.toolbar = QToolBar(_("Vault"))
        self.toolbar.setObjectName("headerToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        if lock_action is not None:
            self.toolbar.addAction(lock_action)

        self.read_only_note = InlineMessage("note")
        self.read_only_note.show_message(session.read_only_note(services))
        self.review_banner = ReviewBanner()
        self.review_banner.review_requested.connect(self.open_review)
        self._reminder = QTimer(self)
        self._reminder.setInterval(60_000)
        self._reminder.timeout.connect(self._check_review_time)
        self._next_review: datetime | None = None

        self._lay_out()
        self.refresh_header()
        self._start_reminders()
        self.day_watch: DayWatch | None = None
        self._watch_the_day()

    # The pages, each imported and built on first use ------------------------------

    def _guarded(self, build: Callable[[], QWidget]) -> Callable[[], QWidget]:
        """`build`, with damage met as its page first reads the vault said in a sentence.

        While the workspace is being opened the error goes to whoever opens it; once it
        is open, a page is built inside a slot, where Qt would swallow the error, so it
        is passed on through `damage_met` (the app window closes the vault and offers a
        restore) and an empty page stands in until the workspace goes.
        """

        def guarded() -> QWidget:
            try:
                return build()
            except Exception as exc:
                damage = integrity.damage_met_in_use(exc)
                if damage is None or not getattr(self, "_opened", False):
                    raise
                self.damage_met.emit(damage.message)
                return QWidget()

        return guarded

    def _build_clients(self) -> QWidget:
        from boundary_desk.ui.clients.page import ClientsPage

        page = ClientsPage(self._services, self._prompter)
        page.import_button.setEnabled(not self._services.vault.read_only)
        page.import_requested.connect(self.open_import)
        return page

    def _build_timeline(self) -> QWidget:
        from boundary_desk.ui.timeline.page import TimelinePage

        return TimelinePage(self._services, self._prompter)

    def _build_review(self) -> QWidget:
        from boundary_desk.ui.review.page import ReviewPage  # pyqtgraph and numpy

        return ReviewPage(self._services, self._prompter)

    def _build_settings(self) -> QWidget:
        from boundary_desk.ui.settings.page import SettingsPage

        page = SettingsPage(self._services, self._prompter)
        page.settings_saved.connect(self._settings_saved)
        return page

    def _build_clauses(self) -> QWidget:
        from boundary_desk.ui.agreements.clauses_page import ClausesPage

        return ClausesPage(self._services, self._prompter)

    def _build_backups(self) -> QWidget:
        from boundary_desk.ui.backups.page import BackupsPage

        page = BackupsPage(self._services, self._prompter)
        page.restore_requested.connect(self.restore_requested)
        page.backup_finished.connect(self._backup_finished)
        page.records_fewer.connect(self._backup_held_fewer)
        page.integrity_checked.connect(self._integrity_checked)
        return page

    @property
    def clients_page(self) -> ClientsPage:
        return cast("ClientsPage", self.pages.page(CLIENTS))

    @property
    def timeline_page(self) -> TimelinePage:
        return cast("TimelinePage", self.pages.page(TIMELINE))

    @property
    def review_page(self) -> ReviewPage:
        return cast("ReviewPage", self.pages.page(REVIEW))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.pages.page(SETTINGS))

    @property
    def clauses_page(self) -> ClausesPage:
        return cast("ClausesPage", self.pages.page(WORDING))

    @property
    def backups_page(self) -> BackupsPage:
        return cast("BackupsPage", self.pages.page(BACKUPS))

    def _lay_out(self) -> None:
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        # Wide enough for the longest section name in the language shown (French and
        # Hebrew names run longer): the item's 12 px padding and the sidebar's margins.
        names = (self.nav.item(row).text() for row in range(self.nav.count()))
        longest = max((self.nav.fontMetrics().horizontalAdvance(n) for n in names), default=0)
        sidebar.setFixedWidth(max(200, longest + 12 + 24 + 16))
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(12, 18, 12, 12)
        side.setSpacing(14)
        side.addWidget(label(APP_NAME, "brand"))
        side.addWidget(self.nav, 1)

        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.practice_name)
        titles.addWidget(self.status)
        top = QHBoxLayout(header)
        top.setContentsMargins(24, 14, 18, 14)
        top.addLayout(titles, 1)
        top.addWidget(self.toolbar, 0, Qt.AlignmentFlag.AlignVCenter)

        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        main.addWidget(header)
        page_margin = QVBoxLayout()
        page_margin.setContentsMargins(12, 6, 12, 6)
        page_margin.addWidget(self.read_only_note)
        page_margin.addWidget(self.integrity_message)
        page_margin.addWidget(self.review_banner)
        page_margin.addWidget(self.pages)
        main.addLayout(page_margin, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(sidebar)
        layout.addLayout(main, 1)

    def autolock_minutes(self) -> int | None:
        """The auto-lock setting, or None if the stored settings can't be read."""
        try:
            return self._services.settings.load().autolock_minutes
        except UserFacingError:
            log.warning("practice settings could not be read; using the default auto-lock")
            return None

    def refresh_header(self) -> None:
        try:
            practice = self._services.settings.load().practice
        except UserFacingError:
            practice = ""
        self.practice_name.setText(practice or APP_NAME)
        line = status_line(self._services, self.autolock_minutes())
        notes = (line, self._integrity_note, self._backup_note)
        self.status.setText(" · ".join(filter(None, notes)))

    def _backup_finished(self, failure: str | None) -> None:
        """A failed backup stays in the header until one succeeds."""
        self._backup_note = "" if failure is None else _("Backup failed (see Backups)")
        self.refresh_header()

    def _integrity_checked(self, found: IntegrityCheck) -> None:
        """A failed full check stays in the header and above every page until one passes."""
        text = "" if found.passed else integrity.failure_text(found)
        self._integrity_note = "" if found.passed else _("Integrity check failed (see Backups)")
        self.integrity_message.show_message(text)  # above every page, the Backups one too
        self.refresh_header()

    def _backup_held_fewer(self, _note: str) -> None:
        """Said in the header too: the daily backup runs while another page is showing."""
        self._backup_note = _("The last backup holds fewer records (see Backups)")
        self.refresh_header()

    def show_page(self, name: str) -> None:
        """Switch to the page called `name` ("Clients", "Timeline", "Settings" …)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.nav.setCurrentRow(row)
                return

    def open_review(self, week: Week | None = None) -> None:
        """Show the weekly review, at `week` if given."""
        self.show_page(REVIEW)
        if week is not None:
            self.review_page.show_week(week)

    def _start_reminders(self) -> None:
        """On unlock: a quiet banner if a finished week wasn't reviewed; then the timer."""
        now = datetime.now(UTC)
        try:
            practice = self._services.settings.load()
            self.review_banner.refresh(self._services, now)
        except UserFacingError:
            return
        self._next_review = practice.review.next_occurrence(now, practice.timezone)
        self._reminder.start()

    def _check_review_time(self, now: datetime | None = None) -> None:
        moment = now or datetime.now(UTC)
        if self._next_review is None or moment < self._next_review:
            return
        practice = self._services.settings.load()
        self._next_review = practice.review.next_occurrence(
            moment + timedelta(minutes=1), practice.timezone
        )
        self.review_banner.show_due(Week.of(moment, practice.timezone, practice.week_start))
        self.review_due.emit()

    def open_import(self) -> None:
        """Import… (the File menu, the client list): one import screen, brought forward."""
        if self._services.vault.read_only:
            return
        dialog = self.import_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            from boundary_desk.ui.imports.dialog import ImportDialog  # loaded on first use

            # A window of the workspace's: locking closes it, which stops its reading.
            dialog = ImportDialog(self._services, self._prompter, self)
            dialog.setWindowFlag(Qt.WindowType.Window)
            dialog.imported.connect(self.refresh_events)
            dialog.finished.connect(lambda _result, d=dialog: self._import_finished(d))
            self.import_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _import_finished(self, dialog: ImportDialog) -> None:
        if self.import_dialog is dialog:
            self.import_dialog = None  # it deletes itself once its reading has stopped

    def _refresh_time_warnings(self) -> int:
        """Re-check the date-dependent warnings; how many entries changed."""
        if not self._services.vault.is_open:
            return 0  # locked meanwhile
        if self.import_dialog is not None and self.import_dialog.is_committing():
            return 0  # an import is writing: checked again next time
        try:
            return refresh_time_warnings(self._services, self._services.clock())
        except UserFacingError:
            log.warning("date-dependent warnings could not be refreshed")
            return 0

    def _refresh_time_warnings_shown(self) -> None:
        if self._refresh_time_warnings():
            self.refresh_events()

    def _watch_the_day(self) -> None:
        try:
            zone = self._services.settings.load().timezone
        except UserFacingError:
            return
        self.day_watch = DayWatch(self._services.clock, zone, self)
        self.day_watch.day_changed.connect(self._new_day)

    def _new_day(self) -> None:
        """A new day while open: a request pending a week now reads "unaddressed"."""
        self._refresh_time_warnings()
        self.refresh_events()

    def refresh_events(self) -> None:
        """Show entries logged or changed elsewhere (the quick log) on every page shown.

        A page not built yet reads the vault when first shown, so it needs nothing."""
        from boundary_desk.ui.timeline.page import TimelinePage

        for page in self.findChildren(TimelinePage):
            if page.isVisible():
                page.refresh()
        if self.pages.is_built(REVIEW) and self.review_page.isVisible():
            self.review_page.refresh()
        if self.pages.is_built(CLIENTS) and self.clients_page.isVisible():
            self.clients_page.refresh()

    def _settings_saved(self) -> None:
        self.refresh_header()
        if self.day_watch is not None:  # the time zone may have changed
            self.day_watch.timer.stop()
            self.day_watch.deleteLater()
        self._watch_the_day()
        self.settings_changed.emit()
