"""The report preview: QtPdf shows the file (also an encrypted one), "Page x of y",
printing renders every page (or the chosen range) into a QPrinter, and a Qt without
QtPdf hands the file to the system viewer."""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ownersrep.ui.report_preview import ReportPreview, show_report
from ownersrep.ui.report_printing import page_range, print_document

PAGES = 3


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "CLINIC owner report 2026-11.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(1, PAGES + 1):
        canvas.setFont("Helvetica-Bold", 28)
        canvas.drawString(72, 720, f"Riverside Medical Clinic, page {page}")
        canvas.rect(72, 72, 450, 600)
        canvas.showPage()
    canvas.save()
    return path


@pytest.fixture
def encrypted(pdf: Path, tmp_path: Path) -> Path:
    out = tmp_path / "locked.pdf"
    with pikepdf.open(pdf) as doc:
        doc.save(out, encryption=pikepdf.Encryption(user="s3cret", owner="owner", R=6))
    return out


def preview_of(qtbot: QtBot, path: Path, **kwargs: object) -> ReportPreview:
    window = ReportPreview(path, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    return window


def printer_to(path: Path) -> QPrinter:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(96)  # keeps the rendered images small in the test
    return printer


def test_preview_shows_every_page_and_no_info_bar(qtbot: QtBot, pdf: Path) -> None:
    window = preview_of(qtbot, pdf)
    assert window.document.status() == QPdfDocument.Status.Ready
    assert window.page_count() == PAGES
    assert window.page_label.text().strip() == f"of {PAGES}"
    assert window.page_spin.maximum() == PAGES
    assert window.info.isHidden()
    assert pdf.name in window.windowTitle()
    assert window.print_action.isEnabled()


def test_warnings_are_shown_in_the_info_bar(qtbot: QtBot, pdf: Path) -> None:
    warning = "Client logo: file not found: /nowhere/logo.png"
    window = preview_of(qtbot, pdf, warnings=[warning])
    assert window.info.isVisible()
    assert window.info.text() == warning


def test_zoom_changes_the_view_and_fit_width_restores_it(qtbot: QtBot, pdf: Path) -> None:
    from PySide6.QtPdfWidgets import QPdfView

    window = preview_of(qtbot, pdf)
    before = window.zoom_level()  # what fit-width shows, not zoomFactor()'s 1.0
    window.zoom_in()
    assert window.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert window.view.zoomFactor() == pytest.approx(before * 1.25)
    window.zoom_out()
    window.zoom_out()
    assert window.view.zoomFactor() == pytest.approx(before / 1.25)
    window.fit_width()
    assert window.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_the_page_box_moves_the_view(qtbot: QtBot, pdf: Path) -> None:
    window = preview_of(qtbot, pdf)
    window.page_spin.setValue(3)
    qtbot.waitUntil(lambda: window.current_page() == 3)


def test_an_encrypted_report_opens_with_its_password(qtbot: QtBot, encrypted: Path) -> None:
    window = preview_of(qtbot, encrypted, password="s3cret")
    assert window.document.status() == QPdfDocument.Status.Ready
    assert window.page_count() == PAGES


def test_a_wrong_password_is_said_in_the_info_bar(qtbot: QtBot, encrypted: Path) -> None:
    window = preview_of(qtbot, encrypted, password="wrong")
    assert window.document.status() == QPdfDocument.Status.Error
    assert "password is not right" in window.info.text()
    assert not window.print_action.isEnabled()


def test_printing_renders_every_page_into_the_printer(
    qtbot: QtBot, pdf: Path, tmp_path: Path
) -> None:
    window = preview_of(qtbot, pdf)
    out = tmp_path / "printed.pdf"
    assert print_document(window.document, printer_to(out)) == PAGES
    assert len(PdfReader(out).pages) == PAGES


def test_printing_respects_the_chosen_page_range(qtbot: QtBot, pdf: Path, tmp_path: Path) -> None:
    window = preview_of(qtbot, pdf)
    out = tmp_path / "pages-2-3.pdf"
    printer = printer_to(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert list(page_range(printer, PAGES)) == [1, 2]
    assert print_document(window.document, printer) == 2
    assert len(PdfReader(out).pages) == 2


def test_an_encrypted_report_prints(qtbot: QtBot, encrypted: Path, tmp_path: Path) -> None:
    window = preview_of(qtbot, encrypted, password="s3cret")
    out = tmp_path / "printed.pdf"
    assert print_document(window.document, printer_to(out)) == PAGES
    assert len(PdfReader(out).pages) == PAGES


def test_show_report_opens_the_preview_window(qtbot: QtBot, pdf: Path) -> None:
    window = show_report(pdf, warnings=("A warning",))
    assert isinstance(window, ReportPreview)
    qtbot.addWidget(window)
    assert window.isVisible() and window.page_count() == PAGES


def test_without_qtpdf_the_system_viewer_opens_the_file(
    qapp: object, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A wheel without QtPdf: importing its modules fails.
    monkeypatch.setitem(sys.modules, "PySide6.QtPdfWidgets", None)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    messages: list[str] = []
    assert show_report(pdf, status=messages.append) is None
    assert [url.toLocalFile() for url in opened] == [str(pdf)]
    assert messages == [f"Report saved to {pdf}; opened in the system viewer."]


def test_print_button_asks_for_a_printer_then_prints_the_chosen_pages(
    qtbot: QtBot, pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "from-dialog.pdf"
    asked: list[tuple[int, int]] = []

    def exec_(dialog: QPrintDialog) -> int:  # the user picks "Print to file", pages 1–2
        asked.append((dialog.minPage(), dialog.maxPage()))
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(96)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 2)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    window = preview_of(qtbot, pdf)
    assert window.print_report() == 2
    assert asked == [(1, PAGES)]
    assert len(PdfReader(out).pages) == 2
