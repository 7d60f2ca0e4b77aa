"""The vault's scheduled integrity check, run off the GUI thread after unlocking.

The check itself (services/integrity.py) opens a read-only connection of its own,
so the clinician goes on working meanwhile; its result is kept in the vault here,
on the GUI thread, and handed on by signal for the workspace to show.
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import QObject, Signal

from boundary_desk.domain.clock import Clock, utc_now
from boundary_desk.errors import UserFacingError
from boundary_desk.services import Services, integrity
from boundary_desk.services.integrity import IntegrityCheck
from boundary_desk.ui.widgets.background import BackgroundJobs

log = logging.getLogger(__name__)


class IntegrityWatch(QObject):
    """Runs the check when it is due; `checked` carries each result (an IntegrityCheck)."""

    checked = Signal(object)

    def __init__(self, services: Services, parent: QObject | None = None, now: Clock = utc_now):
        super().__init__(parent)
        self._services = services
        self._now = now
        self._jobs = BackgroundJobs(self)
        self._jobs.finished.connect(self._done)
        self._jobs.failed.connect(self._failed)
        self._job = 0

    def start(self) -> None:
        """Check the vault in the background if the schedule says it is due."""
        if self._job:
            return
        work = partial(integrity.scheduled_check, self._services, self._now())
        self._job = self._jobs.submit(work)

    def is_checking(self) -> bool:
        return bool(self._job)

    def _done(self, job: int, found: object) -> None:
        if job != self._job:
            return
        self._job = 0
        if not isinstance(found, IntegrityCheck) or not self._services.vault.is_open:
            return  # not due, or locked meanwhile
        try:
            integrity.record(self._services, found)
        except UserFacingError:
            log.warning("the integrity check's result could not be kept in the vault")
        self.checked.emit(found)  # shown even if it couldn't be kept

    def _failed(self, job: int, error: object) -> None:
        if job != self._job:
            return
        self._job = 0
        if isinstance(error, UserFacingError) or not self._services.vault.is_open:
            return  # locked before it could start; the next unlock checks again
        raise error if isinstance(error, BaseException) else RuntimeError(error)
