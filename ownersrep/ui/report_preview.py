"""The built report inside the app: the PDF on continuous pages, zoom, "Page x of y",
Print…, and the way out to the system's viewer or the file's folder.

QtPdf comes with PySide6-Addons. A build without it still works: `show_report` then
hands the file to the system viewer and says so in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ownersrep.ui.report_printing import print_with_dialog

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

Key = QKeySequence.StandardKey
ZOOM_STEP = 1.25
INFO_STYLE = (
    "QLabel#report_info { background: #fff4ce; color: #3b2f00; border: 1px solid #e6c65c;"
    " border-radius: 3px; padding: 6px 8px; }"
)


def show_report(
    path: Path,
    *,
    password: str = "",
    warnings: Sequence[str] = (),
    parent: QWidget | None = None,
    status: Callable[[str], None] | None = None,
) -> QWidget | None:
    """Show the PDF in a preview window, or in the system viewer when this Qt has no
    QtPdf. Returns the window (None when the system viewer was asked)."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
        from PySide6.QtPdfWidgets import QPdfView  # noqa: F401
    except ImportError:
        return open_in_system_viewer(path, status)
    preview = ReportPreview(path, password=password, warnings=warnings, parent=parent)
    preview.show()
    return preview


def open_in_system_viewer(path: Path, status: Callable[[str], None] | None = None) -> None:
    """The fallback of `show_report`: the system's PDF viewer opens the file."""
    opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    if status is not None:
        status(
            f"Report saved to {path}; opened in the system viewer."
            if opened
            else f"Report saved to {path}. No PDF viewer could be opened."
        )
    return None


class ReportPreview(QMainWindow):
    def __init__(
        self,
        path: Path,
        *,
        password: str = "",
        warnings: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("report_preview")
        self.path = Path(path)
        self.setWindowTitle(f"{self.path.name} — Owner report preview")
        self.resize(1000, 900)

        self.document: QPdfDocument = QPdfDocument(self)
        if password:
            self.document.setPassword(password)
        self.view: QPdfView = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocument(self.document)

        self.info = QLabel(self)
        self.info.setObjectName("report_info")
        self.info.setStyleSheet(INFO_STYLE)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("page_spin")
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setAccelerated(True)
        self.page_spin.valueChanged.connect(self._on_page_spin_changed)
        self.page_label = QLabel(self)
        self._build_toolbar()

        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(centre)

        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)
        self.document.load(str(self.path))
        self._show_info(warnings)
        self._update_pages()

    # -- public ----------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """1-based."""
        return self.view.pageNavigator().currentPage() + 1

    def go_to_page(self, page: int) -> None:
        self.view.pageNavigator().jump(max(0, page - 1), QPointF(), self.view.zoomFactor())

    def print_report(self) -> int:
        try:
            return print_with_dialog(self, self.document, self.path.stem)
        except OSError as exc:
            QMessageBox.warning(self, "Cannot print", str(exc))
            return 0

    def zoom_in(self) -> None:
        self._zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def open_externally(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def show_in_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    # -- building --------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Preview", self)
        bar.setObjectName("preview_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)

        def action(
            text: str, slot: Callable[[], object], key: object = None, icon: str = ""
        ) -> QAction:
            act = QAction(QIcon.fromTheme(icon), text, self)
            if key is not None:
                act.setShortcut(QKeySequence(key))  # type: ignore[call-overload]
                act.setToolTip(f"{text.replace('&', '').rstrip('…')} ({act.shortcut().toString()})")
            act.triggered.connect(lambda _c=False: slot())
            bar.addAction(act)
            return act

        self.print_action = action("&Print…", self.print_report, Key.Print, "document-print")
        bar.addSeparator()
        self.zoom_out_action = action("Zoom out", self.zoom_out, Key.ZoomOut, "zoom-out")
        self.zoom_in_action = action("Zoom in", self.zoom_in, Key.ZoomIn, "zoom-in")
        self.fit_action = action("Fit width", self.fit_width, "Ctrl+0", "zoom-fit-width")
        bar.addSeparator()
        page_text = QLabel(" Page ", self)
        bar.addWidget(page_text)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_label)
        bar.addSeparator()
        self.external_action = action(
            "Open in system viewer", self.open_externally, None, "document-open"
        )
        self.folder_action = action("Show in folder", self.show_in_folder, None, "folder-open")
        close = QAction("Close", self)
        close.setShortcut(QKeySequence(Key.Close))
        close.triggered.connect(self.close)
        self.addAction(close)

    # -- slots -----------------------------------------------------------------------
    def _on_navigator_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def _on_page_spin_changed(self, page: int) -> None:
        self.go_to_page(page)

    # -- helpers ---------------------------------------------------------------------
    def _zoom(self, factor: float) -> None:
        from PySide6.QtPdfWidgets import QPdfView

        zoom = self.zoom_level()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, zoom * factor)))

    def zoom_level(self) -> float:
        """The zoom shown: in Fit width mode, zoomFactor() keeps the last custom value."""
        from PySide6.QtPdfWidgets import QPdfView

        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.page_count():
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        width = self.view.viewport().width() - margins.left() - margins.right()
        points = self.document.pagePointSize(max(0, self.current_page() - 1)).width()
        pixels_per_point = self.logicalDpiX() / 72
        return max(0.1, width / (points * pixels_per_point)) if points else 1.0

    def _update_pages(self) -> None:
        count = self.document.pageCount()
        self.page_spin.setRange(1 if count else 0, count)
        self.page_label.setText(f" of {count} ")
        self.print_action.setEnabled(count > 0)

    def _show_info(self, warnings: Sequence[str]) -> None:
        from PySide6.QtPdf import QPdfDocument

        lines = list(warnings)
        if self.document.status() != QPdfDocument.Status.Ready:
            lines.insert(0, f"The report cannot be shown here: {_error_text(self.document)}")
        self.info.setText("\n".join(lines))
        self.info.setVisible(bool(lines))


def _error_text(document: QPdfDocument) -> str:
    from PySide6.QtPdf import QPdfDocument

    errors = {
        QPdfDocument.Error.IncorrectPassword: "the password is not right",
        QPdfDocument.Error.FileNotFound: "the file is missing",
        QPdfDocument.Error.InvalidFileFormat: "the file is not a readable PDF",
        QPdfDocument.Error.UnsupportedSecurityScheme: "its encryption is not supported",
    }
    return errors.get(document.error(), "it could not be read")
