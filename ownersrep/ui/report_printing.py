"""Print a PDF shown in the app: each page rendered by QtPdf at the printer's resolution
(capped, see MAX_RENDER_DPI) and drawn into the printer's page, centred, keeping its
proportions.

QtPdf is imported by the caller (`report_preview`); this module only needs a document
that has `pageCount()`, `pagePointSize(i)` and `render(i, size)`, so it loads without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument

# A page rendered at a laser printer's 1200 dpi would be a 560 MB image; 600 dpi text is
# as sharp as paper shows, at a quarter of that.
MAX_RENDER_DPI = 600


def page_range(printer: QPrinter, page_count: int) -> range:
    """The pages (0-based) the print dialog asked for: all, or its From–To range."""
    first, last = printer.fromPage(), printer.toPage()
    if printer.printRange() != QPrinter.PrintRange.PageRange or first == 0:
        return range(page_count)
    first = max(1, first)
    last = min(page_count, last if last > 0 else page_count)
    return range(first - 1, last)


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Print the document's pages (those of the printer's range) into `printer`.
    Returns the number of pages printed."""
    pages = page_range(printer, document.pageCount())
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"Cannot print to {printer.printerName() or printer.outputFileName()}")
    # About 0.5 s a page at 300 dpi, in the GUI thread (QtPdf documents are not shared
    # across threads): the cursor says the app is busy.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        target = printer.pageLayout().paintRectPixels(printer.resolution())
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            size = document.pagePointSize(index)
            image = document.render(index, _pixels(size, dpi))
            painter.drawImage(_fit(size, target.width(), target.height()), image)
    finally:
        painter.end()
        QApplication.restoreOverrideCursor()
    return len(pages)


def print_with_dialog(parent: QWidget | None, document: QPdfDocument, title: str) -> int:
    """Ask for a printer and a range, then print. Returns the pages printed (0 when the
    user cancelled)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print report")
    dialog.setMinMax(1, max(1, document.pageCount()))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    return print_document(document, printer)


def _pixels(points: QSizeF, dpi: int) -> QSize:
    return QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))


def _fit(points: QSizeF, width: int, height: int) -> QRectF:
    """The largest rectangle of the page's proportions inside width×height, centred
    (painter coordinates start at the printable area's corner)."""
    scale = min(width / points.width(), height / points.height())
    w, h = points.width() * scale, points.height() * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)
