"""Small form widgets every dialog builds the same way: a combo of (text, value) choices,
a multi-line text box sized in lines, and a label that is its widget's buddy (Alt+key)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget


def choice_combo(choices: Sequence[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def text_box(text: str, lines: int, placeholder: str, *, grows: bool = False) -> QPlainTextEdit:
    """A box `lines` lines high (at least that high, and growing with the dialog, when
    `grows`); Tab moves on rather than typing a tab."""
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    height = int(box.fontMetrics().lineSpacing() * lines + 2 * box.frameWidth() + 10)
    if grows:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
    return box


def buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label
