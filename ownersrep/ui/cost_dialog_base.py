"""What the four cost dialogs share: an OK/Cancel form whose `save(values)` (given by the
caller) runs the undo command; a refusal from the service is shown with
QMessageBox.warning while the dialog stays open with what the user typed, and the field
it names gets the focus.

Also the money helpers: amounts are edited as text ("12,500.00", "(300)") and parsed by
the service, so a typing mistake comes back as a message naming the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError, ValidationError
from ownersrep.domain.money import format_money, parse_money

Save = Callable[[dict[str, Any]], object]


def money_edit(amount: Decimal | None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(format_money(amount))
    edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("14,000,000.00") + 24)
    return edit


def parsed(text: str) -> Decimal | None:
    """The amount typed, or None when empty or not a number (the service will say so)."""
    try:
        return parse_money(text)
    except ValidationError:
        return None


def same_money(old: Decimal | None, text: str | None) -> bool:
    """Whether the text still says the old amount (an unparsable text has changed)."""
    if text is None or not text.strip():
        return old is None
    try:
        return parse_money(text) == old
    except ValidationError:
        return False


def enum_combo(enum: type[StrEnum], current: StrEnum) -> QComboBox:
    combo = QComboBox()
    for member in enum:
        combo.addItem(member.label, member.value)  # type: ignore[attr-defined]
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


class CostDialog(QDialog):
    """Subclasses lay out their fields in `body`, give `changed_values()` and map the
    service's field names to widgets in `field_widgets()`."""

    def __init__(self, save: Save, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        self.body = QVBoxLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

    def changed_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {}

    def accept(self) -> None:
        try:
            self._save(self.changed_values())
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            widget = self.field_widgets().get(getattr(err, "field", ""))
            if widget is not None and widget.isEnabled():
                widget.setFocus()
            return
        super().accept()
