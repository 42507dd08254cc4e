"""Undo commands for a project's own fields (the Overview tab)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

FIELD_LABELS = {
    "name": "project name",
    "code": "project code",
    "kind": "project kind",
    "status": "project status",
    "client_id": "client",
    "contractor_id": "main contractor",
    "planned_start": "planned start",
    "planned_finish": "planned finish",
    "status_date": "status date",
    "currency": "currency",
    "location": "location",
    "description": "description",
}

_UNSET: Any = object()


class EditProjectFieldCommand(ServiceCommand):
    """Change one field (`field, value`) or several (`{field: value}`) of a project.
    Undo puts back the values the service reported as previous."""

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        project_id: int,
        field_or_values: str | Mapping[str, Any],
        value: Any = _UNSET,
    ) -> None:
        if isinstance(field_or_values, str):
            if value is _UNSET:
                raise TypeError("a single field needs a value")
            values: dict[str, Any] = {field_or_values: value}
        else:
            if value is not _UNSET:
                raise TypeError("give either a field and a value, or a mapping")
            values = dict(field_or_values)
        if len(values) == 1:
            (key,) = values
            text = f"Edit {FIELD_LABELS.get(key, key)}"
        else:
            text = "Edit project"
        super().__init__(text, bus)
        self._projects = services.projects
        self._project_id = project_id
        self._values = values
        self._old: dict[str, Any] = {}

    @property
    def project_id(self) -> int:
        return self._project_id

    def do(self) -> Changes:
        out = self._projects.update(self._project_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._projects.update(self._project_id, self._old).changes
