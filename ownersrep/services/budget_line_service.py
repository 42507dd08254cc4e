"""Budget lines of a project: cost codes with their original budget, and contingency.

Rules:
- Code (unique in the project) and description are required; the group is free text
  (a CSI division, a workstream).
- The original budget and an entered estimate to complete are never negative; an empty
  estimate to complete means "derive it" (see domain.cost.forecast).
- A contingency line is never drawn below zero, so its original budget cannot drop
  under what change orders have drawn from it.
- A line may name the WBS element it pays for (`task_id`, a task of the same project);
  earned value spreads its revised budget over the leaf tasks under that element.
- A line that commitments or change orders use cannot be deleted, nor change kind in a
  way that would contradict them (commitments draw only on cost lines; change orders
  draw only on contingency lines).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ownersrep.db.models import BudgetLine, ChangeOrder, Commitment, CommitmentLine, Task
from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_checks import enforce_contingency
from ownersrep.services.cost_fields import (
    money,
    optional_money,
    project_or_fail,
    reference_id,
)
from ownersrep.services.cost_types import ENTITY_LINE, BudgetLineDTO
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import enum_value, optional_text, required_text

EDITABLE_FIELDS = (
    "code",
    "description",
    "group",
    "kind",
    "original",
    "etc_override",
    "sort_order",
    "task_id",
)
TASK_FIELD = "WBS element"


def _clean(key: str, value: Any) -> Any:
    if key == "code":
        return required_text(value, "Code", 40)
    if key == "description":
        return required_text(value, "Description", 300)
    if key == "group":
        return optional_text(value, "Group", 100)
    if key == "kind":
        return enum_value(BudgetLineKind, value, "Kind").value
    if key == "original":
        return money(value, "Original budget")
    if key == "etc_override":
        return optional_money(value, "Estimate to complete")
    if key == "sort_order":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError("Order", f"“{value}” is not a whole number")
        return value
    if key == "task_id":
        return reference_id(value, TASK_FIELD)
    raise ValidationError(key, "is not a budget line field")


def _clean_all(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = [k for k in values if k not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError(unknown[0], "is not a budget line field")
    return {k: _clean(k, values[k]) for k in EDITABLE_FIELDS if k in values}


def to_dto(line: BudgetLine) -> BudgetLineDTO:
    return BudgetLineDTO(
        id=line.id,
        project_id=line.project_id,
        code=line.code,
        description=line.description,
        group=line.group,
        kind=BudgetLineKind(line.kind),
        original=line.original,
        etc_override=line.etc_override,
        sort_order=line.sort_order,
        task_id=line.task_id,
    )


def _check_task(s: Session, project_id: int, task_id: int | None) -> None:
    if task_id is None:
        return
    owner = s.scalar(select(Task.project_id).where(Task.id == task_id))
    if owner != project_id:
        raise ValidationError(TASK_FIELD, f"task #{task_id} is not in this project")


def _check_code(s: Session, project_id: int, code: str, line_id: int | None) -> None:
    clash = s.scalar(
        select(BudgetLine.id).where(
            BudgetLine.project_id == project_id,
            BudgetLine.code == code,
            BudgetLine.id != (line_id or 0),
        )
    )
    if clash is not None:
        raise ValidationError("Code", f"{code} is already used by another budget line")


def _commitments_on(s: Session, line_id: int) -> list[str]:
    return list(
        s.scalars(
            select(Commitment.number)
            .join(CommitmentLine, CommitmentLine.commitment_id == Commitment.id)
            .where(CommitmentLine.budget_line_id == line_id)
            .order_by(Commitment.number)
        )
    )


def _change_numbers(s: Session, *conditions: Any) -> list[str]:
    query = select(ChangeOrder.number).where(*conditions).order_by(ChangeOrder.number)
    return list(s.scalars(query))


def _changes_on(s: Session, line_id: int) -> list[str]:
    """Change orders that use the line, as their budget line or as their contingency."""
    return _change_numbers(
        s,
        or_(ChangeOrder.budget_line_id == line_id, ChangeOrder.contingency_line_id == line_id),
    )


def _listing(noun: str, numbers: list[str]) -> str:
    shown = ", ".join(numbers[:5]) + (" …" if len(numbers) > 5 else "")
    return f"{noun}{'s' if len(numbers) > 1 else ''} {shown}"


def _draw(numbers: list[str]) -> str:
    return "draws" if len(numbers) == 1 else "draw"


def _check_kind(s: Session, line: BudgetLine, kind: str) -> None:
    if kind == line.kind:
        return
    if kind == BudgetLineKind.CONTINGENCY.value:
        users = _commitments_on(s, line.id)
        if users:
            raise ValidationError(
                "Kind",
                f"{line.code} is drawn on by {_listing('commitment', users)}; a contingency "
                "line cannot be committed",
            )
        draws = _change_numbers(
            s, ChangeOrder.budget_line_id == line.id, ChangeOrder.from_contingency.is_(True)
        )
        if draws:
            raise ValidationError(
                "Kind",
                f"{_listing('change order', draws)} {_draw(draws)} contingency onto {line.code}",
            )
    else:
        draws = _change_numbers(s, ChangeOrder.contingency_line_id == line.id)
        if draws:
            raise ValidationError(
                "Kind",
                f"{_listing('change order', draws)} {_draw(draws)} on {line.code} as contingency",
            )


class BudgetLineService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_lines(self, project_id: int) -> list[BudgetLineDTO]:
        with self._ctx.sessions() as s:
            query = (
                select(BudgetLine)
                .where(BudgetLine.project_id == project_id)
                .order_by(BudgetLine.sort_order, BudgetLine.code)
            )
            return [to_dto(line) for line in s.scalars(query)]

    def get(self, line_id: int) -> BudgetLineDTO:
        with self._ctx.sessions() as s:
            return to_dto(self._line(s, line_id))

    # -- commands --------------------------------------------------------------------
    def create(
        self,
        project_id: int,
        code: str,
        description: str,
        original: Any,
        **fields: Any,
    ) -> Outcome[BudgetLineDTO]:
        """Add a line at the end of the project's budget. `fields` may hold group, kind
        (cost by default), etc_override, sort_order and task_id (the WBS element)."""
        values = {"kind": BudgetLineKind.COST, **fields}
        values.update(code=code, description=description, original=original)
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            project_or_fail(s, project_id)
            _check_code(s, project_id, clean["code"], None)
            _check_task(s, project_id, clean.get("task_id"))
            if "sort_order" not in clean:
                last = s.scalar(
                    select(func.max(BudgetLine.sort_order)).where(
                        BudgetLine.project_id == project_id
                    )
                )
                clean["sort_order"] = (last or 0) + 1
            line = BudgetLine(project_id=project_id, **clean)
            s.add(line)
            s.flush()
            dto = to_dto(line)
        return Outcome(dto, Changes.of(ENTITY_LINE, [dto.id], project_id, structural=True))

    def update(self, line_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values, so that undo calls update(old)."""
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            line = self._line(s, line_id)
            if "code" in clean:
                _check_code(s, line.project_id, clean["code"], line.id)
            if "kind" in clean:
                _check_kind(s, line, clean["kind"])
            if "task_id" in clean:
                _check_task(s, line.project_id, clean["task_id"])
            old = {k: getattr(line, k) for k in clean}
            for k, v in clean.items():
                setattr(line, k, v)
            enforce_contingency(s, [line.id], "Original budget")
            project_id = line.project_id
        structural = "sort_order" in clean
        return Outcome(old, Changes.of(ENTITY_LINE, [line_id], project_id, structural=structural))

    def delete(self, line_id: int) -> Outcome[Snapshot]:
        """Delete a line that nothing uses; restore() brings the same row back."""
        with self._ctx.sessions.begin() as s:
            line = self._line(s, line_id)
            users = [
                _listing(noun, numbers)
                for noun, numbers in (
                    ("commitment", _commitments_on(s, line.id)),
                    ("change order", _changes_on(s, line.id)),
                )
                if numbers
            ]
            if users:
                raise ValidationError(
                    "Budget line",
                    f"{line.code} is used by {' and '.join(users)}; remove those first",
                )
            project_id = line.project_id
            snap = capture([(BudgetLine, [line])])
            s.delete(line)
        return Outcome(snap, Changes.of(ENTITY_LINE, [line_id], project_id, structural=True))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        rows = [r for model, rows in snapshot.parts if model is BudgetLine for r in rows]
        project_id = rows[0]["project_id"] if rows else None
        return Changes.of(ENTITY_LINE, [r["id"] for r in rows], project_id, structural=True)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _line(s: Session, line_id: int) -> BudgetLine:
        line = s.get(BudgetLine, line_id)
        if line is None:
            raise NotFoundError("budget line", line_id)
        return line
