"""Close one record with its resolution and closing date (today by default).

`save(resolution, closed_on)` (given by the caller) runs the undo command; a refusal
from the service is shown while the dialog stays open."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.ui.dates import DATE_FORMAT, to_qdate

CloseSave = Callable[[str, date], object]


class CloseIssueDialog(QDialog):
    """Asks for the resolution (required) and the closing date (from raised to today)."""

    def __init__(
        self,
        number: str,
        title: str,
        raised_on: date,
        save: CloseSave,
        today: date,
        resolution: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(f"Close {number}")
        self.setMinimumWidth(480)

        heading = QLabel(f"<b>{number}</b> · {html.escape(title)}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.resolution = QPlainTextEdit(resolution)
        self.resolution.setTabChangesFocus(True)
        self.resolution.setPlaceholderText("How it was answered or settled, and by whom")
        line = self.resolution.fontMetrics().lineSpacing()
        self.resolution.setMinimumHeight(line * 5 + 12)

        self.closed_on = QDateEdit(to_qdate(today))
        self.closed_on.setCalendarPopup(True)
        self.closed_on.setDisplayFormat(DATE_FORMAT)
        self.closed_on.setDateRange(to_qdate(min(raised_on, today)), to_qdate(today))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Resolution:", self.resolution)
        form.addRow("&Closed on:", self.closed_on)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Close issue")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

        self.resolution.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resolution.setFocus()

    def values(self) -> tuple[str, date]:
        d = self.closed_on.date()
        return self.resolution.toPlainText(), date(d.year(), d.month(), d.day())

    def accept(self) -> None:
        resolution, closed_on = self.values()
        try:
            self._save(resolution, closed_on)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            return
        super().accept()

    def _update_ok(self) -> None:
        has_text = bool(self.resolution.toPlainText().strip())
        self.ok_button.setEnabled(has_text)
        self.ok_button.setToolTip("" if has_text else "Write the resolution first")


__all__ = ["CloseIssueDialog"]
