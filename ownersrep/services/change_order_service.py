"""Change orders: numbered CO-001, CO-002, … per project (never reused), with the owner's
decision on each.

Rules:
- Title and cost are required; the cost may be negative (a credit). The time impact is
  a whole number of days, negative when time is saved.
- The commitment, budget line and contingency line belong to the project. A change on a
  commitment goes on a cost line; a change drawn from contingency goes on a cost line
  and draws on a contingency line (the project's only one when not named).
- The status moves only along domain.cost.status (potential → pending → approved or
  rejected; potential or pending → void) through `set_status`, which stamps the date
  submitted (→ pending) and the date and name of the approval (→ approved; the name is
  required). An approved change needs a budget line, since it revises the budget.
- Approving may not bill a commitment beyond its revised amount (a credit below what was
  already certified) nor overdraw a contingency line.
- An approved change order is final: its cost, links and contingency cannot change, and
  it cannot be deleted. A new change order with the opposite cost takes it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ownersrep.db.models import BudgetLine, ChangeOrder, Commitment
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeReason, ChangeStatus
from ownersrep.domain.cost.status import check_transition
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_checks import enforce_commitments, enforce_contingency
from ownersrep.services.cost_fields import (
    a_date,
    commitment_in,
    flag,
    line_in,
    money,
    next_sequence,
    project_or_fail,
    reference_id,
    whole_days,
)
from ownersrep.services.cost_types import ENTITY_CHANGE, ChangeOrderDTO
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import date_order, enum_value, optional_text, required_text

NUMBER_PREFIX = "CO"

LABELS = {
    "title": "Title",
    "description": "Description",
    "reason": "Reason",
    "commitment_id": "Commitment",
    "budget_line_id": "Budget line",
    "cost": "Cost",
    "time_impact_days": "Time impact",
    "from_contingency": "From contingency",
    "contingency_line_id": "Contingency line",
    "submitted_on": "Submitted on",
    "approved_on": "Approved on",
    "approved_by": "Approved by",
}
#: What an approval fixes: the money and where it goes.
LOCKED_WHEN_APPROVED = (
    "cost",
    "commitment_id",
    "budget_line_id",
    "from_contingency",
    "contingency_line_id",
)
STATUS_FIELDS = ("status", "submitted_on", "approved_on", "approved_by")


def format_change_number(sequence: int) -> str:
    return f"{NUMBER_PREFIX}-{sequence:03d}"


def _clean(key: str, value: Any) -> Any:
    label = LABELS.get(key, key)
    if key == "title":
        return required_text(value, label, 300)
    if key == "description":
        return optional_text(value, label)
    if key == "reason":
        return enum_value(ChangeReason, value, label).value
    if key in ("commitment_id", "budget_line_id", "contingency_line_id"):
        return reference_id(value, label)
    if key == "cost":
        return money(value, label, negative=True)
    if key == "time_impact_days":
        return whole_days(value, label)
    if key == "from_contingency":
        return flag(value, label)
    if key in ("submitted_on", "approved_on"):
        return a_date(value, label)
    if key == "approved_by":
        return optional_text(value, label, 200)
    raise ValidationError(key, "is not a change order field")


def _clean_all(values: Mapping[str, Any]) -> dict[str, Any]:
    if "status" in values:
        raise ValidationError(
            "Status", "changes only by submitting, approving, rejecting or voiding"
        )
    unknown = [k for k in values if k not in LABELS]
    if unknown:
        raise ValidationError(unknown[0], "is not a change order field")
    return {k: _clean(k, values[k]) for k in LABELS if k in values}


def _settle_contingency(s: Session, project_id: int, rec: dict[str, Any]) -> None:
    """Fill in the project's only contingency line for a draw that names none; clear the
    contingency line of a change that does not draw on contingency."""
    if not rec["from_contingency"]:
        rec["contingency_line_id"] = None
        return
    if rec["contingency_line_id"] is None:
        ids = list(
            s.scalars(
                select(BudgetLine.id).where(
                    BudgetLine.project_id == project_id,
                    BudgetLine.kind == BudgetLineKind.CONTINGENCY.value,
                )
            )
        )
        if not ids:
            raise ValidationError("From contingency", "the project has no contingency line")
        if len(ids) > 1:
            raise ValidationError("Contingency line", "choose which contingency to draw on")
        rec["contingency_line_id"] = ids[0]


def _check_record(s: Session, project_id: int, rec: dict[str, Any]) -> None:
    """Links and dates of the whole record (after the change), field by field."""
    if rec["commitment_id"] is not None:
        commitment_in(s, project_id, rec["commitment_id"], "Commitment")
    _settle_contingency(s, project_id, rec)
    needs_cost_line = rec["commitment_id"] is not None or rec["from_contingency"]
    if rec["budget_line_id"] is not None:
        kind = BudgetLineKind.COST if needs_cost_line else None
        line_in(s, project_id, rec["budget_line_id"], "Budget line", kind)
    if rec["contingency_line_id"] is not None:
        line_in(
            s,
            project_id,
            rec["contingency_line_id"],
            "Contingency line",
            BudgetLineKind.CONTINGENCY,
        )
    status = ChangeStatus(rec["status"])
    submitted = status not in (ChangeStatus.POTENTIAL, ChangeStatus.VOID)
    if submitted and rec["submitted_on"] is None:
        raise ValidationError("Submitted on", "is required once a change order is submitted")
    if status is ChangeStatus.APPROVED:
        if rec["budget_line_id"] is None:
            raise ValidationError("Budget line", "is required to approve a change order")
        if rec["approved_on"] is None:
            raise ValidationError("Approved on", "is required for an approved change order")
        if not rec["approved_by"]:
            raise ValidationError("Approved by", "is required to approve a change order")
        date_order(rec["submitted_on"], rec["approved_on"], "Submitted on", "Approved on")
    elif rec["approved_on"] is not None:
        raise ValidationError("Approved on", "only an approved change order has one")


def _record_of(co: ChangeOrder) -> dict[str, Any]:
    return {k: getattr(co, k) for k in (*LABELS, "status")}


def _enforce(s: Session, *records: Mapping[str, Any]) -> None:
    """Billing and contingency rules on every commitment and line the change touches."""
    enforce_commitments(s, [r["commitment_id"] for r in records], "Cost")
    # the line drawn on, and the line itself when a change takes money off contingency
    lines = [r[k] for r in records for k in ("contingency_line_id", "budget_line_id")]
    enforce_contingency(s, lines, "Cost")


_Line = aliased(BudgetLine)
_Contingency = aliased(BudgetLine)
_COLUMNS = (
    ChangeOrder,
    Commitment.number,
    _Line.code,
    _Contingency.code,
)


def _query() -> Any:
    return (
        select(*_COLUMNS)
        .outerjoin(Commitment, Commitment.id == ChangeOrder.commitment_id)
        .outerjoin(_Line, _Line.id == ChangeOrder.budget_line_id)
        .outerjoin(_Contingency, _Contingency.id == ChangeOrder.contingency_line_id)
    )


def _dto(
    co: ChangeOrder, commitment: str | None, line: str | None, cont: str | None
) -> ChangeOrderDTO:
    return ChangeOrderDTO(
        id=co.id,
        project_id=co.project_id,
        number=co.number,
        title=co.title,
        description=co.description,
        reason=ChangeReason(co.reason),
        status=ChangeStatus(co.status),
        commitment_id=co.commitment_id,
        commitment_number=commitment or "",
        budget_line_id=co.budget_line_id,
        budget_line_code=line or "",
        cost=co.cost,
        time_impact_days=co.time_impact_days,
        submitted_on=co.submitted_on,
        approved_on=co.approved_on,
        approved_by=co.approved_by,
        from_contingency=co.from_contingency,
        contingency_line_id=co.contingency_line_id,
        contingency_line_code=cont or "",
    )


def change_orders_of(s: Session, project_id: int) -> list[ChangeOrderDTO]:
    """The project's change log, by number, inside the caller's session."""
    query = _query().where(ChangeOrder.project_id == project_id).order_by(ChangeOrder.number)
    return [_dto(*row) for row in s.execute(query)]


class ChangeOrderService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_change_orders(self, project_id: int) -> list[ChangeOrderDTO]:
        """The change log, by number."""
        with self._ctx.sessions() as s:
            return change_orders_of(s, project_id)

    def get(self, change_id: int) -> ChangeOrderDTO:
        with self._ctx.sessions() as s:
            return self._get_dto(s, change_id)

    # -- commands --------------------------------------------------------------------
    def create(
        self, project_id: int, title: str, cost: Any, **fields: Any
    ) -> Outcome[ChangeOrderDTO]:
        """Record a potential change with the next CO number. `fields` may hold
        description, reason (owner request by default), commitment_id, budget_line_id,
        time_impact_days, from_contingency and contingency_line_id."""
        if "submitted_on" in fields or "approved_on" in fields or "approved_by" in fields:
            raise ValidationError("Status", "a new change order is potential; use set_status")
        values = {"reason": ChangeReason.OWNER_REQUEST, **fields, "title": title, "cost": cost}
        clean = _clean_all(values)
        rec: dict[str, Any] = {k: None for k in LABELS} | {
            "description": "",
            "time_impact_days": 0,
            "from_contingency": False,
            "approved_by": "",
            "status": ChangeStatus.POTENTIAL.value,
            **clean,
        }
        with self._ctx.sessions.begin() as s:
            project_or_fail(s, project_id)
            _check_record(s, project_id, rec)
            number = format_change_number(next_sequence(s, project_id, NUMBER_PREFIX))
            co = ChangeOrder(project_id=project_id, number=number, **rec)
            s.add(co)
            s.flush()
            dto = self._get_dto(s, co.id)
        return Outcome(dto, Changes.of(ENTITY_CHANGE, [dto.id], project_id, structural=True))

    def update(self, change_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields (not the status: see set_status); returns the previous values."""
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            co = self._load(s, change_id)
            before = _record_of(co)
            if co.status == ChangeStatus.APPROVED.value:
                for key in LOCKED_WHEN_APPROVED:
                    if key in clean and clean[key] != before[key]:
                        raise ValidationError(
                            LABELS[key],
                            f"{co.number} is approved; record a new change order to change it",
                        )
            rec = before | clean
            _check_record(s, co.project_id, rec)
            changed = {k: v for k, v in rec.items() if v != before[k]}
            old = {k: before[k] for k in changed}
            for k, v in changed.items():
                setattr(co, k, v)
            _enforce(s, before, rec)
            project_id = co.project_id
        return Outcome(old, Changes.of(ENTITY_CHANGE, [change_id], project_id))

    def set_status(
        self,
        change_id: int,
        status: ChangeStatus | str,
        *,
        on: date | None = None,
        by: str | None = None,
    ) -> Outcome[dict[str, Any]]:
        """Move the change order along its life (see module doc). `on` is the date
        submitted or approved (today by default); `by` who approved it. Returns the
        previous status fields, which `revert_status` puts back (undo)."""
        new = enum_value(ChangeStatus, status, "Status")
        on = a_date(on, "Date") or self._ctx.today()
        with self._ctx.sessions.begin() as s:
            co = self._load(s, change_id)
            check_transition(ChangeStatus(co.status), new)
            rec = _record_of(co)
            old = {k: rec[k] for k in STATUS_FIELDS}
            rec["status"] = new.value
            if new is ChangeStatus.PENDING:
                rec["submitted_on"] = on
            elif new is ChangeStatus.APPROVED:
                rec["approved_on"] = on
                rec["approved_by"] = optional_text(by, "Approved by", 200)
            _check_record(s, co.project_id, rec)
            for k in STATUS_FIELDS:
                setattr(co, k, rec[k])
            _enforce(s, rec)
            project_id = co.project_id
        return Outcome(old, Changes.of(ENTITY_CHANGE, [change_id], project_id))

    def revert_status(self, change_id: int, old: Mapping[str, Any]) -> Changes:
        """Put back the status fields `set_status` returned (undo: no transition check)."""
        with self._ctx.sessions.begin() as s:
            co = self._load(s, change_id)
            rec = _record_of(co)
            rec["status"] = enum_value(ChangeStatus, old["status"], "Status").value
            rec["submitted_on"] = a_date(old["submitted_on"], "Submitted on")
            rec["approved_on"] = a_date(old["approved_on"], "Approved on")
            rec["approved_by"] = optional_text(old["approved_by"], "Approved by", 200)
            _check_record(s, co.project_id, rec)
            for k in STATUS_FIELDS:
                setattr(co, k, rec[k])
            _enforce(s, rec)
            project_id = co.project_id
        return Changes.of(ENTITY_CHANGE, [change_id], project_id)

    def delete(self, change_id: int) -> Outcome[Snapshot]:
        """Delete a change order that is not approved; its number stays used."""
        with self._ctx.sessions.begin() as s:
            co = self._load(s, change_id)
            if co.status == ChangeStatus.APPROVED.value:
                raise ValidationError(
                    "Change order",
                    f"{co.number} is approved and cannot be deleted; record a new change "
                    "order with the opposite cost instead",
                )
            project_id = co.project_id
            snap = capture([(ChangeOrder, [co])])
            s.delete(co)
        return Outcome(snap, Changes.of(ENTITY_CHANGE, [change_id], project_id, structural=True))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
            rows = [r for model, rows in snapshot.parts if model is ChangeOrder for r in rows]
            _enforce(s, *rows)
        project_id = rows[0]["project_id"] if rows else None
        return Changes.of(ENTITY_CHANGE, [r["id"] for r in rows], project_id, structural=True)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, change_id: int) -> ChangeOrder:
        co = s.get(ChangeOrder, change_id)
        if co is None:
            raise NotFoundError("change order", change_id)
        return co

    @staticmethod
    def _get_dto(s: Session, change_id: int) -> ChangeOrderDTO:
        row = s.execute(_query().where(ChangeOrder.id == change_id)).one_or_none()
        if row is None:
            raise NotFoundError("change order", change_id)
        return _dto(*row)
