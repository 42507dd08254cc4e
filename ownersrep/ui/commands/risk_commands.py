"""Undo commands of the risk register: add, edit and delete one risk.

Undoing an add deletes the risk and keeps its snapshot, so that redo restores the same
row (same id, same RSK number) rather than handing out a new number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownersrep.services.changes import Changes
from ownersrep.services.risk_service import RiskService
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand


class AddRiskCommand(ServiceCommand):
    """`values` holds title, probability and impact plus any other risk field."""

    def __init__(
        self, risks: RiskService, bus: ChangeBus, project_id: int, values: Mapping[str, Any]
    ) -> None:
        super().__init__("Add risk", bus)
        self._risks = risks
        self._project_id = project_id
        self._values = dict(values)
        self._snapshot: Snapshot | None = None
        self.risk_id: int | None = None
        self.number = ""

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._risks.restore(self._snapshot)
        fields = dict(self._values)
        title = fields.pop("title", "")
        probability = fields.pop("probability", None)
        impact = fields.pop("impact", None)
        out = self._risks.create(self._project_id, title, probability, impact, **fields)
        self.risk_id = out.value.id
        self.number = out.value.number
        self.setText(f"Add risk {self.number}")
        return out.changes

    def revert(self) -> Changes:
        assert self.risk_id is not None, "undo before the risk was added"
        out = self._risks.delete(self.risk_id)
        self._snapshot = out.value
        return out.changes


class EditRiskCommand(ServiceCommand):
    """Change some fields of a risk; undo puts back the values the service replaced."""

    def __init__(
        self,
        risks: RiskService,
        bus: ChangeBus,
        risk_id: int,
        values: Mapping[str, Any],
        number: str = "",
    ) -> None:
        super().__init__(f"Edit risk {number}".strip(), bus)
        self._risks = risks
        self.risk_id = risk_id
        self._values = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._risks.update(self.risk_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._risks.update(self.risk_id, self._old).changes


class DeleteRiskCommand(ServiceCommand):
    def __init__(self, risks: RiskService, bus: ChangeBus, risk_id: int, number: str = "") -> None:
        super().__init__(f"Delete risk {number}".strip(), bus)
        self._risks = risks
        self.risk_id = risk_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._risks.delete(self.risk_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None, "undo before the risk was deleted"
        return self._risks.restore(self._snapshot)
