"""Undo commands of the cost ledger: add, edit and delete budget lines, commitments,
change orders and pay applications, and move a change order along its life.

Each calls its service in `do()` and the inverse in `revert()`:
- add: undo deletes the row and keeps its snapshot, so that redo restores the same row
  (same id, same CO number) rather than creating another;
- edit: the service returns the values it replaced, which undo puts back;
- delete: the service returns a snapshot, which undo restores (a commitment comes back
  with its lines and pay applications);
- status: `set_status` returns the status fields it replaced, `revert_status` puts them
  back without the transition check (undo may go from approved back to pending).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.services.budget_line_service import BudgetLineService
from ownersrep.services.change_order_service import ChangeOrderService
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.commitment_service import CommitmentService
from ownersrep.services.pay_application_service import PayApplicationService
from ownersrep.services.snapshot import Snapshot
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand

# The verb of each status change, for the undo text ("Approve change order CO-003").
STATUS_VERBS = {
    ChangeStatus.PENDING: "Submit",
    ChangeStatus.APPROVED: "Approve",
    ChangeStatus.REJECTED: "Reject",
    ChangeStatus.VOID: "Void",
    ChangeStatus.POTENTIAL: "Reopen",
}


class LedgerService(Protocol):
    """What the edit and delete commands need of a cost service."""

    def update(self, row_id: int, values: Mapping[str, Any], /) -> Outcome[dict[str, Any]]: ...
    def delete(self, row_id: int, /) -> Outcome[Snapshot]: ...
    def restore(self, snapshot: Snapshot, /) -> Changes: ...


# -- the three shapes -------------------------------------------------------------------
class AddRowCommand(ServiceCommand):
    """Subclasses create the row in `_create()` and name it in `_label(dto)`."""

    noun = ""

    def __init__(self, service: LedgerService, bus: ChangeBus, values: Mapping[str, Any]) -> None:
        super().__init__(f"Add {self.noun}", bus)
        self._service = service
        self._values = dict(values)
        self._snapshot: Snapshot | None = None
        self.row_id: int | None = None
        self.label = ""

    def _create(self) -> Outcome[Any]:
        raise NotImplementedError

    def _label(self, dto: Any) -> str:
        raise NotImplementedError

    def do(self) -> Changes:
        if self._snapshot is not None:
            return self._service.restore(self._snapshot)
        out = self._create()
        self.row_id = out.value.id
        self.label = self._label(out.value)
        self.setText(f"Add {self.noun} {self.label}".strip())
        return out.changes

    def revert(self) -> Changes:
        assert self.row_id is not None, f"undo before the {self.noun} was added"
        out = self._service.delete(self.row_id)
        self._snapshot = out.value
        return out.changes


class _EditCommand(ServiceCommand):
    noun = ""

    def __init__(
        self,
        service: LedgerService,
        bus: ChangeBus,
        row_id: int,
        values: Mapping[str, Any],
        label: str = "",
    ) -> None:
        super().__init__(f"Edit {self.noun} {label}".strip(), bus)
        self._service = service
        self.row_id = row_id
        self._values = dict(values)
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._service.update(self.row_id, self._values)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._service.update(self.row_id, self._old).changes


class _DeleteCommand(ServiceCommand):
    noun = ""

    def __init__(
        self, service: LedgerService, bus: ChangeBus, row_id: int, label: str = ""
    ) -> None:
        super().__init__(f"Delete {self.noun} {label}".strip(), bus)
        self._service = service
        self.row_id = row_id
        self._snapshot: Snapshot | None = None

    def do(self) -> Changes:
        out = self._service.delete(self.row_id)
        self._snapshot = out.value
        return out.changes

    def revert(self) -> Changes:
        assert self._snapshot is not None, f"undo before the {self.noun} was deleted"
        return self._service.restore(self._snapshot)


def _split(values: Mapping[str, Any], *required: str) -> tuple[list[Any], dict[str, Any]]:
    """The positional arguments a service's create() takes, and the rest as keywords."""
    rest = dict(values)
    return [rest.pop(key, None) for key in required], rest


# -- budget lines -----------------------------------------------------------------------
class AddBudgetLineCommand(AddRowCommand):
    """`values`: code, description and original, plus group, kind, etc_override."""

    noun = "budget line"

    def __init__(
        self, lines: BudgetLineService, bus: ChangeBus, project_id: int, values: Mapping[str, Any]
    ) -> None:
        super().__init__(lines, bus, values)
        self._lines = lines
        self._project_id = project_id

    def _create(self) -> Outcome[Any]:
        (code, description, original), rest = _split(
            self._values, "code", "description", "original"
        )
        return self._lines.create(self._project_id, code, description, original, **rest)

    def _label(self, dto: Any) -> str:
        return str(dto.code)


class EditBudgetLineCommand(_EditCommand):
    noun = "budget line"


class DeleteBudgetLineCommand(_DeleteCommand):
    noun = "budget line"


# -- commitments ------------------------------------------------------------------------
class AddCommitmentCommand(AddRowCommand):
    """`values`: title, party_id, amount and lines, plus kind, number, retainage_percent."""

    noun = "commitment"

    def __init__(
        self,
        commitments: CommitmentService,
        bus: ChangeBus,
        project_id: int,
        values: Mapping[str, Any],
    ) -> None:
        super().__init__(commitments, bus, values)
        self._commitments = commitments
        self._project_id = project_id

    def _create(self) -> Outcome[Any]:
        (title, party_id, amount, lines), rest = _split(
            self._values, "title", "party_id", "amount", "lines"
        )
        return self._commitments.create(self._project_id, title, party_id, amount, lines, **rest)

    def _label(self, dto: Any) -> str:
        return str(dto.number)


class EditCommitmentCommand(_EditCommand):
    noun = "commitment"


class DeleteCommitmentCommand(_DeleteCommand):
    """Takes the commitment's lines and pay applications with it; undo restores all."""

    noun = "commitment"


# -- change orders ----------------------------------------------------------------------
class AddChangeOrderCommand(AddRowCommand):
    """`values`: title and cost, plus any other change order field. The number the
    service hands out stays with the row through undo and redo."""

    noun = "change order"

    def __init__(
        self,
        changes: ChangeOrderService,
        bus: ChangeBus,
        project_id: int,
        values: Mapping[str, Any],
    ) -> None:
        super().__init__(changes, bus, values)
        self._changes = changes
        self._project_id = project_id

    def _create(self) -> Outcome[Any]:
        (title, cost), rest = _split(self._values, "title", "cost")
        return self._changes.create(self._project_id, title, cost, **rest)

    def _label(self, dto: Any) -> str:
        return str(dto.number)


class EditChangeOrderCommand(_EditCommand):
    noun = "change order"


class DeleteChangeOrderCommand(_DeleteCommand):
    noun = "change order"


class SetChangeOrderStatusCommand(ServiceCommand):
    """Submit, approve, reject or void a change order (`on`: the date submitted or
    approved; `by`: who approved it)."""

    def __init__(
        self,
        changes: ChangeOrderService,
        bus: ChangeBus,
        change_id: int,
        status: ChangeStatus,
        *,
        on: date | None = None,
        by: str | None = None,
        label: str = "",
    ) -> None:
        verb = STATUS_VERBS.get(ChangeStatus(status), "Change status of")
        super().__init__(f"{verb} change order {label}".strip(), bus)
        self._changes = changes
        self.change_id = change_id
        self.status = ChangeStatus(status)
        self._on = on
        self._by = by
        self._old: dict[str, Any] = {}

    def do(self) -> Changes:
        out = self._changes.set_status(self.change_id, self.status, on=self._on, by=self._by)
        self._old = out.value
        return out.changes

    def revert(self) -> Changes:
        return self._changes.revert_status(self.change_id, self._old)


# -- pay applications -------------------------------------------------------------------
class AddPayApplicationCommand(AddRowCommand):
    """`values`: period_end, claimed and certified, plus number, retainage_released and
    paid_on."""

    noun = "pay application"

    def __init__(
        self,
        payments: PayApplicationService,
        bus: ChangeBus,
        commitment_id: int,
        values: Mapping[str, Any],
    ) -> None:
        super().__init__(payments, bus, values)
        self._payments = payments
        self._commitment_id = commitment_id

    def _create(self) -> Outcome[Any]:
        (period_end, claimed, certified), rest = _split(
            self._values, "period_end", "claimed", "certified"
        )
        return self._payments.create(self._commitment_id, period_end, claimed, certified, **rest)

    def _label(self, dto: Any) -> str:
        return f"{dto.commitment_number} #{dto.number}"


class EditPayApplicationCommand(_EditCommand):
    noun = "pay application"


class DeletePayApplicationCommand(_DeleteCommand):
    noun = "pay application"
