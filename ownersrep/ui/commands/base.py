"""The base of every undo command, and the one way to run one.

A command is executed once *before* it is pushed, in plain Python, so that a validation
error reaches the caller as an exception (shown in a message box) and nothing is pushed.
QUndoStack.push() then calls redo(), which skips that first run.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus


class ServiceCommand(QUndoCommand):
    """Subclasses implement `do()` and `revert()`, each returning the Changes it made."""

    def __init__(self, text: str, bus: ChangeBus) -> None:
        super().__init__(text)
        self._bus = bus
        self._done_once = False

    def do(self) -> Changes:
        raise NotImplementedError

    def revert(self) -> Changes:
        raise NotImplementedError

    def execute_first(self) -> None:
        self._bus.changed.emit(self.do())
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        self._bus.changed.emit(self.do())

    def undo(self) -> None:
        self._bus.changed.emit(self.revert())


def run_command(stack: QUndoStack, command: ServiceCommand) -> None:
    """Run the command now and push it for undo. Raises (and pushes nothing) if the
    service refuses the change."""
    command.execute_first()
    stack.push(command)
