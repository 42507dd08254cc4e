"""The workspace's report branding: who we are, the client's logo and ours (each with a
preview), and the confidentiality marking printed on every page.

The service decides what is acceptable (a PNG or JPEG that exists); a refusal is shown
and the dialog stays open. Logos are kept as file paths: the report reads them when it
is built, and says so when one has gone missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.report_types import Branding

Submit = Callable[[Mapping[str, Any]], None]
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg);;All files (*)"
PREVIEW_SIZE = QSize(200, 80)
LOGOS = (("client_logo", "&Client's logo"), ("our_logo", "O&ur logo"))


class BrandingDialog(QDialog):
    def __init__(self, branding: Branding, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Report branding")
        self._submit = submit
        self.organisation = QLineEdit(branding.organisation, self)
        self.organisation.setObjectName("organisation")
        self.organisation.setPlaceholderText("Our firm's name, as the cover prints it")
        self.confidentiality = QLineEdit(branding.confidentiality, self)
        self.confidentiality.setObjectName("confidentiality")
        self.confidentiality.setPlaceholderText("Printed in every page's footer")
        self.paths: dict[str, QLineEdit] = {}
        self.previews: dict[str, QLabel] = {}

        intro = QLabel(
            "Printed on the cover and in the footer of every owner report of this workspace.",
            self,
        )
        intro.setWordWrap(True)
        self.warning_label = QLabel("\n".join(branding.warnings), self)
        self.warning_label.setObjectName("branding_warnings")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(
            "background: #fff4ce; color: #3b2f00; border: 1px solid #e6c65c;"
            " border-radius: 3px; padding: 6px 8px;"
        )
        self.warning_label.setVisible(bool(branding.warnings))

        form = QFormLayout()
        form.addRow("&Organisation:", self.organisation)
        current = {"client_logo": branding.client_logo, "our_logo": branding.our_logo}
        for key, label in LOGOS:
            field = self._logo_field(key, current[key])
            form.addRow(label + ":", field)
            form.labelForField(field).setBuddy(self.paths[key])  # type: ignore[union-attr]
        form.addRow("Confidentiality &marking:", self.confidentiality)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.warning_label)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    # -- public ----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What is chosen, in the form `ReportSettingsService.set_branding` takes."""
        return {
            "organisation": self.organisation.text().strip(),
            "client_logo": self.paths["client_logo"].text().strip() or None,
            "our_logo": self.paths["our_logo"].text().strip() or None,
            "confidentiality": self.confidentiality.text().strip(),
        }

    def set_logo(self, key: str, path: str | None) -> None:
        self.paths[key].setText(path or "")
        self._show_preview(key)

    def accept(self) -> None:
        try:
            self._submit(self.values())
        except OwnersRepError as exc:
            QMessageBox.warning(self, "Cannot save", str(exc))
            return
        super().accept()

    # -- building --------------------------------------------------------------------
    def _logo_field(self, key: str, path: Path | None) -> QWidget:
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(str(path) if path else "", box)
        edit.setObjectName(key)
        edit.setPlaceholderText("No logo")
        edit.editingFinished.connect(lambda: self._show_preview(key))
        browse = QPushButton("&Browse…" if key == "client_logo" else "Bro&wse…", box)
        browse.setObjectName(f"{key}_browse")
        browse.clicked.connect(lambda: self._on_browse_clicked(key))
        clear = QPushButton("Clear", box)
        clear.setObjectName(f"{key}_clear")
        clear.clicked.connect(lambda: self.set_logo(key, None))
        preview = QLabel(box)
        preview.setObjectName(f"{key}_preview")
        preview.setFixedSize(PREVIEW_SIZE + QSize(8, 8))
        preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        preview.setFrameShape(QFrame.Shape.StyledPanel)
        # White, as the printed page: a logo made for paper is judged on paper.
        preview.setStyleSheet("background: white; color: #707070;")
        preview.setToolTip("How the logo looks on the report's white page")
        grid.addWidget(edit, 0, 0)
        grid.addWidget(browse, 0, 1)
        grid.addWidget(clear, 0, 2)
        grid.addWidget(preview, 1, 0, 1, 3, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(0, 1)
        self.paths[key] = edit
        self.previews[key] = preview
        self._show_preview(key)
        return box

    # -- slots -----------------------------------------------------------------------
    def _on_browse_clicked(self, key: str) -> None:
        current = self.paths[key].text().strip()
        start = str(Path(current).parent) if current else ""
        title = "Choose the client's logo" if key == "client_logo" else "Choose our logo"
        path, _ = QFileDialog.getOpenFileName(self, title, start, IMAGE_FILTER)
        if path:
            self.set_logo(key, path)

    def _show_preview(self, key: str) -> None:
        label = self.previews[key]
        text = self.paths[key].text().strip()
        if not text:
            label.setPixmap(QPixmap())
            label.setText("No logo")
            return
        pixmap = QPixmap(text)
        if pixmap.isNull():
            label.setPixmap(QPixmap())
            label.setText("Cannot show this file" if Path(text).exists() else "File not found")
            return
        label.setPixmap(
            pixmap.scaled(
                PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
