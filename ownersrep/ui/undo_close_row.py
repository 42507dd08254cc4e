"""The bottom row of a dialog that edits through the undo stack: Undo and Redo buttons
on the left (with the standard shortcuts), Close on the right."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QToolButton


def undo_close_row(
    dialog: QDialog, undo_stack: QUndoStack
) -> tuple[QHBoxLayout, QToolButton, QToolButton]:
    """The row, and its undo and redo buttons."""
    undo_button, redo_button = QToolButton(dialog), QToolButton(dialog)
    for button, action, key in (
        (undo_button, undo_stack.createUndoAction(dialog), QKeySequence.StandardKey.Undo),
        (redo_button, undo_stack.createRedoAction(dialog), QKeySequence.StandardKey.Redo),
    ):  # the stack keeps each action's text ("Undo Edit party name") and state
        action.setShortcuts(QKeySequence.keyBindings(key))
        dialog.addAction(action)
        button.setDefaultAction(action)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    row = QHBoxLayout()
    row.addWidget(undo_button)
    row.addWidget(redo_button)
    row.addStretch(1)
    row.addWidget(buttons)
    return row, undo_button, redo_button
