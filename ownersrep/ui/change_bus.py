"""One signal that carries every `Changes` value to the views that care."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """Emitted after every successful service call made by an undo command.

    Views compare `changes.touches(entity, project_id)` with what they show and refresh
    only then (see `ownersrep.services.changes.Changes`)."""

    changed = Signal(object)  # Changes
