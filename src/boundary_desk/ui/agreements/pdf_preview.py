"""A PDF shown as page images, rendered in memory with pdfium off the GUI thread.

Nothing here writes a file: the PDF arrives as bytes and leaves as QImages. pdfium
is not thread-safe, so every call into it holds `PDFIUM_LOCK`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boundary_desk.errors import UserFacingError
from boundary_desk.system.i18n import _, ngettext
from boundary_desk.ui.widgets.background import BackgroundJobs
from boundary_desk.ui.widgets.style import BORDER, SIDEBAR, SURFACE, label

PDFIUM_LOCK = threading.Lock()
# About 125 dpi: sharp at the width a preview pane has, without holding huge images.
PREVIEW_SCALE = 1.75
_PAGE_GAP = 14
_MARGIN = 16


def page_image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One pdfium page as an RGB QImage that owns its pixels (call with PDFIUM_LOCK held)."""
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    pixels = bytes(bitmap.buffer)
    image = QImage(
        pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # detach from `pixels`, which Python may free


def render_pages(pdf_bytes: bytes, scale: float = PREVIEW_SCALE) -> list[QImage]:
    """Every page of the PDF as an image, `scale` pixels per point."""
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            images = []
            for index in range(len(document)):
                page = document[index]
                try:
                    images.append(page_image(page, scale))
                finally:
                    page.close()
            return images
        finally:
            document.close()


class FitMode(Enum):
    WIDTH = "Page width"
    PAGE = "Whole page"


class PdfPreview(QScrollArea):
    """Page images one below the other, scaled to the pane's width or to a whole page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setAccessibleName(_("Preview of the printed agreement"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet(
            f"QScrollArea#pdfPreview, QWidget#pdfPages {{ background: {SIDEBAR}; }}"
            f"QLabel#pdfPage {{ background: {SURFACE}; border: 1px solid {BORDER}; }}"
        )
        self._images: list[QImage] = []
        self._pages: list[QLabel] = []
        self.fit = FitMode.WIDTH
        holder = QWidget()
        holder.setObjectName("pdfPages")
        self._column = QVBoxLayout(holder)
        self._column.setContentsMargins(_MARGIN, _MARGIN, _MARGIN, _MARGIN)
        self._column.setSpacing(_PAGE_GAP)
        self.message = label("", "muted")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._column.addWidget(self.message)
        self._column.addStretch(1)
        self.setWidget(holder)

    def page_count(self) -> int:
        return len(self._images)

    def page_pixmap(self, index: int) -> QPixmap:
        return self._pages[index].pixmap()

    def show_pages(self, images: list[QImage]) -> None:
        """Replace the pages shown, keeping the reader's place as far as it still exists."""
        position = self.verticalScrollBar().value()
        self._images = list(images)
        while len(self._pages) > len(images):
            gone = self._pages.pop()
            self._column.removeWidget(gone)  # its item let go here, not behind a wrapper
            gone.deleteLater()
        while len(self._pages) < len(images):
            page = QLabel()
            page.setObjectName("pdfPage")
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            centred = Qt.AlignmentFlag.AlignHCenter
            self._column.insertWidget(self._column.count() - 1, page, 0, centred)
            self._pages.append(page)
        self.message.setVisible(not images)
        for number, page in enumerate(self._pages, start=1):
            page.setAccessibleName(
                _("Page {number} of {total}").format(number=number, total=len(images))
            )
        self._scale_pages()
        self.verticalScrollBar().setValue(position)

    def show_message(self, text: str) -> None:
        """A line in place of the pages (before the first ones exist, or if none can be made)."""
        self.message.setText(text)
        self.message.setVisible(bool(text) or not self._images)

    def set_fit(self, fit: FitMode) -> None:
        self.fit = fit
        self._scale_pages()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_pages()

    def _scale_pages(self) -> None:
        viewport = self.viewport().size()
        width = max(120, viewport.width() - 2 * _MARGIN - 2)
        height = max(160, viewport.height() - 2 * _MARGIN - 2)
        ratio = self.devicePixelRatioF()
        for image, page in zip(self._images, self._pages, strict=True):
            size = image.size().scaled(
                width,
                height if self.fit is FitMode.PAGE else 10**6,
                Qt.AspectRatioMode.KeepAspectRatio,
            )
            scaled = image.scaled(
                size * ratio,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            pixmap = QPixmap.fromImage(scaled)
            pixmap.setDevicePixelRatio(ratio)
            page.setPixmap(pixmap)
            page.setFixedSize(size.width() + 2, size.height() + 2)


def _pdf_and_pages(build: Callable[[], bytes]) -> tuple[bytes, list[QImage]]:
    pdf = build()
    return pdf, render_pages(pdf)


class LivePdf(QWidget):
    """A preview that follows what it shows: rebuilt off the GUI thread after a pause in edits.

    `key()` describes the content now (equal keys make the same PDF); `builder(key)`,
    called on the GUI thread, returns the slow part, which runs on the worker.
    """

    failed = Signal(str)  # a build that something was waiting for could not be made
    DELAY_MS = 300

    def __init__(
        self,
        key: Callable[[], object],
        builder: Callable[[Any], Callable[[], bytes]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._key, self._builder = key, builder
        self.pdf: bytes | None = None
        self._pdf_for: object = None
        self._building_for: object = None
        self._job = 0
        self._waiting: list[Callable[[bytes], None]] = []
        self._jobs = BackgroundJobs(self)
        self._jobs.finished.connect(self._built)
        self._jobs.failed.connect(self._not_built)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.view = PdfPreview(self)
        self.pages = label("", "muted")
        self.pages.setWordWrap(False)
        self.whole_pages = QPushButton(_("Whole pages"), self)
        self.whole_pages.setCheckable(True)
        self.whole_pages.setAutoDefault(False)
        self.whole_pages.setToolTip(_("Show each page whole, or fit the pages to the width"))
        self.whole_pages.toggled.connect(self._show_whole_pages)
        top = QHBoxLayout()
        top.addWidget(label(_("Preview"), "subheading"))
        top.addWidget(self.pages, 1)
        top.addWidget(self.whole_pages)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 0, 0, 0)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.view, 1)
        self.setMinimumWidth(340)

    def page_count(self) -> int:
        return self.view.page_count()

    def is_current(self) -> bool:
        """Whether the pages shown (and `pdf`) match the content as it is now."""
        return self.pdf is not None and self._pdf_for == self._key()

    def source_changed(self) -> None:
        """The content changed: rebuild once the edits pause."""
        self._timer.start()

    def refresh(self) -> None:
        """Rebuild now, unless a build of this same content is already under way."""
        self._timer.stop()
        key = self._key()
        if key == self._building_for:
            return
        self._jobs.cancel(self._job)
        self._building_for = key
        self._job = self._jobs.submit(partial(_pdf_and_pages, self._builder(key)))
        self.pages.setText(_("Updating…"))

    def when_ready(self, action: Callable[[bytes], None]) -> None:
        """Run `action` with the PDF for the content as it is now, at once or once built."""
        if self.pdf is not None and self.is_current():
            action(self.pdf)
            return
        self._waiting.append(action)
        self.refresh()

    def stop(self) -> None:
        """No more rebuilding; a build under way is ignored when it ends."""
        self._timer.stop()
        self._jobs.cancel(self._job)
        self._waiting.clear()

    def _built(self, job: int, result: object) -> None:
        if job != self._job or not isinstance(result, tuple):
            return  # built for content since changed; a newer build is on its way
        self.pdf, images = result
        self._pdf_for = self._building_for
        self.view.show_pages(images)
        count = len(images)
        self.pages.setText(ngettext("{count} page", "{count} pages", count).format(count=count))
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action(self.pdf)

    def _not_built(self, job: int, error: object) -> None:
        if not isinstance(error, UserFacingError):
            raise error if isinstance(error, BaseException) else RuntimeError(error)
        if job != self._job:
            return
        self._building_for = None
        self.pages.setText("")
        self.view.show_message(error.message)
        if self._waiting:
            self._waiting.clear()
            self.failed.emit(error.message)

    def _show_whole_pages(self, whole: bool) -> None:
        self.view.set_fit(FitMode.PAGE if whole else FitMode.WIDTH)
        self.whole_pages.setText(_("Fit to width") if whole else _("Whole pages"))
