"""Printing a finished PDF: each page rendered by pdfium and painted onto the printer.

Qt cannot print a PDF file as it is, so every page becomes an image at the
printer's resolution (capped, to keep memory sensible) and is drawn to fill the
paper. Nothing is written anywhere except what the printer itself receives.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from boundary_desk.errors import UserFacingError
from boundary_desk.system.i18n import _
from boundary_desk.ui.agreements.pdf_preview import PDFIUM_LOCK, page_image

# 300 dpi prints text cleanly and keeps one page image near 25 MB; at a printer's
# full 1200 dpi a page would need 400 MB.
MAX_DPI = 300
POINTS_PER_INCH = 72


class PrintFailed(UserFacingError):
    """The printer could not be started; nothing was printed."""


def prepare_printer(printer: QPrinter, page_size_points: tuple[float, float], name: str) -> None:
    """Match the paper to the PDF's pages and let the PDF's own margins stand."""
    size = QSizeF(*page_size_points)
    printer.setPageSize(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setFullPage(True)
    printer.setDocName(name)


def ask_for_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """The system print dialog; True once the clinician presses Print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print agreement"))
    return dialog.exec() == QDialog.DialogCode.Accepted


def print_pdf(pdf_bytes: bytes, printer: QPrinter) -> int:
    """Print the PDF's pages (the range chosen in the print dialog, or all); returns the count."""
    dpi = min(printer.resolution(), MAX_DPI)
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf_bytes)
        try:
            pages = _chosen_pages(printer, len(document))
            painter = QPainter()
            if not painter.begin(printer):
                raise PrintFailed(
                    _("The printer could not be started. Check that it is connected and try again.")
                )
            try:
                for number, index in enumerate(pages):
                    if number:
                        printer.newPage()
                    page = document[index]
                    try:
                        _paint_page(painter, page, dpi)
                    finally:
                        page.close()
            finally:
                painter.end()
            return len(pages)
        finally:
            document.close()


def _chosen_pages(printer: QPrinter, total: int) -> list[int]:
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(total))
    first, last = max(first, 1), min(last or total, total)
    return list(range(first - 1, last))


def _paint_page(painter: QPainter, page: pdfium.PdfPage, dpi: int) -> None:
    image = page_image(page, dpi / POINTS_PER_INCH)
    area = QRectF(painter.viewport())
    size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRectF(
        area.x() + (area.width() - size.width()) / 2,
        area.y() + (area.height() - size.height()) / 2,
        size.width(),
        size.height(),
    )
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    # The viewport is in device pixels; draw in those, whatever the window says.
    painter.resetTransform()
    painter.setWindow(painter.viewport())
    painter.drawImage(target, image)
