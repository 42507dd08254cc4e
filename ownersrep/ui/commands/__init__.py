"""One QUndoCommand per user action. redo() calls a service, undo() its inverse."""
