"""Undo commands of the issue log. Each calls the IssueService in `do()` and the inverse
in `revert()`; the first `do()` runs before the push (see `run_command`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ownersrep.domain.enums import IssueType
from ownersrep.services.changes import Changes
from ownersrep.services.issue_service import IssueService
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand


class AddIssueCommand(ServiceCommand):
    """Add a record. Undo deletes it (its number stays used); redo brings back the same
    row, id and number."""

    def __init__(
        self,
        service: IssueService,
        bus: ChangeBus,
        project_id: int,
        issue_type: IssueType | str,
        title: str,
        fields: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__("Add issue", bus)
        self._service = service
        self._project_id = project_id
        self._issue_type = issue_type
        self._title = title
        self._fields = dict(fields or {})
        self._snapshot: Snapshot | None = None
        self.issue_id: int | None = None
        self.number: str | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._service.restore(self._snapshot)
        outcome = self._service.create(
            self._project_id, self._issue_type, self._title, **self._fields
        )
        self.issue_id = outcome.value.id
        self.number = outcome.value.number
        self.setText(f"Add {outcome.value.number}")
        return outcome.changes

    def revert(self) -> Changes:
        assert self.issue_id is not None
        outcome = self._service.delete(self.issue_id)
        self._snapshot = outcome.value
        return outcome.changes


class EditIssueCommand(ServiceCommand):
    """Change fields of one or more records in one step: `edits` maps an issue id to the
    values to set. Undo writes back the old values the service returned."""

    def __init__(
        self,
        service: IssueService,
        bus: ChangeBus,
        edits: Mapping[int, Mapping[str, Any]],
        text: str = "Edit issue",
    ) -> None:
        super().__init__(text, bus)
        self._service = service
        self._edits = {iid: dict(values) for iid, values in edits.items()}
        self._old: dict[int, dict[str, Any]] = {}

    def do(self) -> Changes:
        outcome = self._service.update_many(self._edits)
        self._old = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        return self._service.update_many(self._old).changes


class CloseIssueCommand(ServiceCommand):
    """Close a record with its resolution and closing date."""

    def __init__(
        self,
        service: IssueService,
        bus: ChangeBus,
        issue_id: int,
        resolution: str,
        closed_on: date,
        number: str = "",
    ) -> None:
        super().__init__(f"Close {number}".strip() if number else "Close issue", bus)
        self._service = service
        self._issue_id = issue_id
        self._resolution = resolution
        self._closed_on = closed_on
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        outcome = self._service.close(self._issue_id, self._resolution, self._closed_on)
        self._old = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        return self._service.update(self._issue_id, self._old).changes


class DeleteIssueCommand(ServiceCommand):
    """Delete records. Undo restores them with the same ids and numbers."""

    def __init__(
        self,
        service: IssueService,
        bus: ChangeBus,
        issue_ids: Sequence[int],
        text: str = "",
    ) -> None:
        count = len(issue_ids)
        default = "Delete issue" if count == 1 else f"Delete {count} issues"
        super().__init__(text or default, bus)
        self._service = service
        self._ids = list(issue_ids)
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        outcome = self._service.delete_many(self._ids)
        self._snapshot = outcome.value
        return outcome.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None
        return self._service.restore(self._snapshot)


__all__ = ["AddIssueCommand", "CloseIssueCommand", "DeleteIssueCommand", "EditIssueCommand"]
