"""The rep's narrative for a period: a rich text box with the few styles the report
prints (bold, italic, underline, bullet and numbered lists) and a small toolbar.

It gives and takes HTML. What Qt writes (a whole document, bold as a styled span) is
reduced to the report's subset by the service (`ownersrep.domain.rich_text`), so the
editor keeps no rules of its own about what survives.

Signals:
    changed(): the text or its styling changed (typing, a toolbar button, set_html).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QVBoxLayout, QWidget

Key = QKeySequence.StandardKey
ListStyle = QTextListFormat.Style


class NarrativeEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QTextEdit(self)
        self.edit.setObjectName("narrative_edit")
        self.edit.setAcceptRichText(True)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(
            "What happened this period, in the words the owner should read…"
        )
        self.edit.setMinimumHeight(140)

        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))
        self.bold_action = self._style_action("Bold", Key.Bold, "B", self._on_bold_toggled)
        self.italic_action = self._style_action("Italic", Key.Italic, "I", self._on_italic_toggled)
        self.underline_action = self._style_action(
            "Underline", Key.Underline, "U", self._on_underline_toggled
        )
        self.toolbar.addSeparator()
        self.bullet_action = self._list_action(
            "• List", "Bulleted list (Ctrl+Shift+8)", "Ctrl+Shift+8", ListStyle.ListDisc
        )
        self.numbered_action = self._list_action(
            "1. List", "Numbered list (Ctrl+Shift+7)", "Ctrl+Shift+7", ListStyle.ListDecimal
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.edit)
        self.edit.currentCharFormatChanged.connect(self._on_edit_format_changed)
        self.edit.cursorPositionChanged.connect(self._update_list_actions)
        self.edit.textChanged.connect(self.changed)

    # -- public ----------------------------------------------------------------------
    def html(self) -> str:
        """The text as HTML ("" when empty), for the service to sanitise and store."""
        if self.edit.document().isEmpty():
            return ""
        return self.edit.toHtml()

    def set_html(self, html: str) -> None:
        self.edit.setHtml(html)
        self.edit.document().setModified(False)
        self.edit.moveCursor(QTextCursor.MoveOperation.End)

    def is_modified(self) -> bool:
        return self.edit.document().isModified()

    def set_modified(self, modified: bool) -> None:
        self.edit.document().setModified(modified)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    # -- building --------------------------------------------------------------------
    def _style_action(
        self, name: str, key: QKeySequence.StandardKey, letter: str, slot: object
    ) -> QAction:
        action = QAction(letter, self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(key))
        shortcut = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{name} ({shortcut})")
        font = QFont(self.font())
        font.setBold(name == "Bold")
        font.setItalic(name == "Italic")
        font.setUnderline(name == "Underline")
        action.setFont(font)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.toggled.connect(slot)  # type: ignore[arg-type]
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def _list_action(self, text: str, tip: str, shortcut: str, style: ListStyle) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setToolTip(tip)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda checked: self._set_list(style if checked else None))
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    # -- slots -----------------------------------------------------------------------
    def _on_bold_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(fmt)

    def _on_italic_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge(fmt)

    def _on_underline_toggled(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(on)
        self._merge(fmt)

    def _on_edit_format_changed(self, fmt: QTextCharFormat) -> None:
        for action, on in (
            (self.bold_action, fmt.fontWeight() >= QFont.Weight.DemiBold),
            (self.italic_action, fmt.fontItalic()),
            (self.underline_action, fmt.fontUnderline()),
        ):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)

    def _update_list_actions(self) -> None:
        current = self.edit.textCursor().currentList()
        style = current.format().style() if current is not None else None
        self.bullet_action.setChecked(style == ListStyle.ListDisc)
        self.numbered_action.setChecked(style == ListStyle.ListDecimal)

    # -- editing ---------------------------------------------------------------------
    def _merge(self, fmt: QTextCharFormat) -> None:
        if self.edit.signalsBlocked():
            return
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.WordUnderCursor)
            if not cursor.hasSelection():  # between words: style what is typed next
                self.edit.mergeCurrentCharFormat(fmt)
                return
        cursor.mergeCharFormat(fmt)
        self.edit.mergeCurrentCharFormat(fmt)

    def _set_list(self, style: ListStyle | None) -> None:
        """Turn the selected paragraphs into a list of `style`, or back into paragraphs."""
        cursor = self.edit.textCursor()
        cursor.beginEditBlock()
        current = cursor.currentList()
        if style is None:
            if current is not None:
                block = cursor.block()
                current.remove(block)
                fmt = block.blockFormat()
                fmt.setIndent(0)
                cursor.setBlockFormat(fmt)
        elif current is not None:
            fmt = current.format()
            fmt.setStyle(style)
            current.setFormat(fmt)
        else:
            fmt = QTextListFormat()
            fmt.setStyle(style)
            cursor.createList(fmt)
        cursor.endEditBlock()
        self._update_list_actions()
        self.edit.setFocus()
