"""Commitments: contracts and purchase orders with a party, and the budget lines they
draw on.

Rules:
- Title, party and amount are required; the amount is never negative. The retainage is
  a percentage between 0 and 100 with two places; a new percentage applies to what is
  certified from then on (pay applications keep the retainage they held).
- The number is the contract's or order's own (unique in the project); left empty it is
  CT-001 / PO-001 from the project's counter, never handed out twice.
- A commitment draws on at least one cost line of its project (never on contingency),
  and what it draws on the lines adds up to its amount exactly. When it draws on a
  single line, changing the amount moves that line's amount with it.
- Claims and certificates to date stay within the revised commitment: lowering the
  amount below what was already billed is refused.
- Deleting a commitment takes its lines and pay applications with it (undo brings them
  back); one that change orders refer to cannot be deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import (
    BudgetLine,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Party,
    PayApplication,
)
from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import BudgetLineKind, CommitmentKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.money import format_money
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_checks import enforce_commitments
from ownersrep.services.cost_fields import (
    line_in,
    money,
    next_sequence,
    party_exists,
    percent,
    project_or_fail,
    reference_id,
)
from ownersrep.services.cost_types import (
    ENTITY_COMMITMENT,
    ENTITY_PAYMENT,
    CommitmentDTO,
    CommitmentLineDTO,
)
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import enum_value, optional_text, required_text

EDITABLE_FIELDS = ("number", "title", "kind", "party_id", "amount", "retainage_percent", "lines")
LINES = "Budget lines"


def _clean_lines(value: Any) -> dict[int, Decimal] | int:
    """{budget line id: amount}, or one line id that takes the whole amount."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, Mapping) or not value:
        raise ValidationError(LINES, "a commitment must draw on at least one budget line")
    clean: dict[int, Decimal] = {}
    for key, amount in value.items():
        line_id = reference_id(key, LINES)
        if line_id is None:
            raise ValidationError(LINES, "every amount needs its budget line")
        clean[line_id] = money(amount, LINES)
    return clean


def _clean(key: str, value: Any) -> Any:
    if key == "number":
        return optional_text(value, "Number", 40)
    if key == "title":
        return required_text(value, "Title", 300)
    if key == "kind":
        return enum_value(CommitmentKind, value, "Kind").value
    if key == "party_id":
        party_id = reference_id(value, "Party")
        if party_id is None:
            raise ValidationError("Party", "is required")
        return party_id
    if key == "amount":
        return money(value, "Amount")
    if key == "retainage_percent":
        return percent(value, "Retainage")
    if key == "lines":
        return _clean_lines(value)
    raise ValidationError(key, "is not a commitment field")


def _clean_all(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = [k for k in values if k not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError(unknown[0], "is not a commitment field")
    return {k: _clean(k, values[k]) for k in EDITABLE_FIELDS if k in values}


def _current_lines(s: Session, commitment_id: int) -> dict[int, Decimal]:
    query = (
        select(CommitmentLine.budget_line_id, CommitmentLine.amount)
        .where(CommitmentLine.commitment_id == commitment_id)
        .order_by(CommitmentLine.id)
    )
    return {line_id: amount for line_id, amount in s.execute(query)}


def _settle_lines(
    s: Session, project_id: int, amount: Decimal, lines: dict[int, Decimal] | int
) -> dict[int, Decimal]:
    """Check the lines against the project and the amount; returns {line id: amount}."""
    wanted = {lines: amount} if isinstance(lines, int) else lines
    for line_id in wanted:
        line_in(s, project_id, line_id, LINES, BudgetLineKind.COST)
    drawn = total(wanted.values())
    if drawn != amount:
        raise ValidationError(
            LINES,
            f"the amounts drawn on budget lines add up to {format_money(drawn)}, not the "
            f"commitment amount {format_money(amount)}",
        )
    return wanted


def _write_lines(s: Session, commitment_id: int, wanted: Mapping[int, Decimal]) -> None:
    existing = {
        cl.budget_line_id: cl
        for cl in s.scalars(
            select(CommitmentLine).where(CommitmentLine.commitment_id == commitment_id)
        )
    }
    for line_id, row in existing.items():
        if line_id not in wanted:
            s.delete(row)
    for line_id, amount in wanted.items():
        if line_id in existing:
            existing[line_id].amount = amount
        else:
            s.add(
                CommitmentLine(commitment_id=commitment_id, budget_line_id=line_id, amount=amount)
            )


def _check_number(s: Session, project_id: int, number: str, commitment_id: int | None) -> None:
    clash = s.scalar(
        select(Commitment.id).where(
            Commitment.project_id == project_id,
            Commitment.number == number,
            Commitment.id != (commitment_id or 0),
        )
    )
    if clash is not None:
        raise ValidationError("Number", f"{number} is already used by another commitment")


def _auto_number(s: Session, project_id: int, kind: CommitmentKind) -> str:
    while True:
        number = f"{kind.prefix}-{next_sequence(s, project_id, kind.prefix):03d}"
        taken = s.scalar(
            select(Commitment.id).where(
                Commitment.project_id == project_id, Commitment.number == number
            )
        )
        if taken is None:
            return number


_LINES = (
    select(
        CommitmentLine.commitment_id,
        CommitmentLine.budget_line_id,
        BudgetLine.code,
        BudgetLine.description,
        CommitmentLine.amount,
    )
    .join(BudgetLine, BudgetLine.id == CommitmentLine.budget_line_id)
    .order_by(BudgetLine.sort_order, BudgetLine.code)
)


def dtos(s: Session, where: Any) -> list[CommitmentDTO]:
    """Commitments matching `where`, by number, with their party and lines (two reads)."""
    query = (
        select(Commitment, Party.name)
        .outerjoin(Party, Party.id == Commitment.party_id)
        .where(where)
        .order_by(Commitment.number)
    )
    rows = s.execute(query).all()
    lines: dict[int, list[CommitmentLineDTO]] = {}
    ids = [c.id for c, _party in rows]
    for cid, *line in s.execute(_LINES.where(CommitmentLine.commitment_id.in_(ids))):
        lines.setdefault(cid, []).append(CommitmentLineDTO(*line))
    return [
        CommitmentDTO(
            id=c.id,
            project_id=c.project_id,
            number=c.number,
            title=c.title,
            kind=CommitmentKind(c.kind),
            party_id=c.party_id,
            party_name=party or "",
            amount=c.amount,
            retainage_percent=c.retainage_percent,
            lines=tuple(lines.get(c.id, ())),
        )
        for c, party in rows
    ]


def to_dto(s: Session, c: Commitment) -> CommitmentDTO:
    return dtos(s, Commitment.id == c.id)[0]


class CommitmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_commitments(self, project_id: int) -> list[CommitmentDTO]:
        with self._ctx.sessions() as s:
            return dtos(s, Commitment.project_id == project_id)

    def get(self, commitment_id: int) -> CommitmentDTO:
        with self._ctx.sessions() as s:
            return to_dto(s, self._commitment(s, commitment_id))

    # -- commands --------------------------------------------------------------------
    def create(
        self,
        project_id: int,
        title: str,
        party_id: int | None,
        amount: Any,
        lines: Mapping[int, Any] | int,
        **fields: Any,
    ) -> Outcome[CommitmentDTO]:
        """Add a commitment. `lines` maps budget line ids to the amounts drawn on them,
        or is one line id that takes the whole amount. `fields` may hold kind
        (contract by default), number and retainage_percent (0 by default)."""
        values = {"kind": CommitmentKind.CONTRACT, "retainage_percent": Decimal(0), **fields}
        values.update(title=title, party_id=party_id, amount=amount, lines=lines)
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            project_or_fail(s, project_id)
            party_exists(s, clean["party_id"], "Party")
            wanted = _settle_lines(s, project_id, clean["amount"], clean.pop("lines"))
            if clean.get("number"):
                _check_number(s, project_id, clean["number"], None)
            else:
                clean["number"] = _auto_number(s, project_id, CommitmentKind(clean["kind"]))
            commitment = Commitment(project_id=project_id, **clean)
            s.add(commitment)
            s.flush()
            _write_lines(s, commitment.id, wanted)
            s.flush()
            dto = to_dto(s, commitment)
        return Outcome(dto, Changes.of(ENTITY_COMMITMENT, [dto.id], project_id, structural=True))

    def update(self, commitment_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields (`lines` as in create); returns the previous values for undo."""
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            c = self._commitment(s, commitment_id)
            if "number" in clean:
                if not clean["number"]:
                    raise ValidationError("Number", "is required")
                _check_number(s, c.project_id, clean["number"], c.id)
            if "party_id" in clean:
                party_exists(s, clean["party_id"], "Party")
            current = _current_lines(s, c.id)
            new_lines = clean.pop("lines", None)
            amount = clean.get("amount", c.amount)
            if new_lines is None and amount != c.amount and len(current) == 1:
                new_lines = next(iter(current))  # a single line follows the amount
            old: dict[str, Any] = {k: getattr(c, k) for k in clean}
            if new_lines is not None:
                wanted = _settle_lines(s, c.project_id, amount, new_lines)
                if wanted != current:
                    old["lines"] = current
                    _write_lines(s, c.id, wanted)
            elif amount != c.amount:
                _settle_lines(s, c.project_id, amount, current)
            for k, v in clean.items():
                setattr(c, k, v)
            enforce_commitments(s, [c.id], "Amount" if "amount" in clean else None)
            project_id = c.project_id
        return Outcome(old, Changes.of(ENTITY_COMMITMENT, [commitment_id], project_id))

    def delete(self, commitment_id: int) -> Outcome[Snapshot]:
        """Delete a commitment with its lines and pay applications."""
        with self._ctx.sessions.begin() as s:
            c = self._commitment(s, commitment_id)
            changes = list(
                s.scalars(
                    select(ChangeOrder.number)
                    .where(ChangeOrder.commitment_id == c.id)
                    .order_by(ChangeOrder.number)
                )
            )
            if changes:
                listed = ", ".join(changes[:5]) + (" …" if len(changes) > 5 else "")
                raise ValidationError(
                    "Commitment",
                    f"{c.number} has change orders ({listed}); link them elsewhere first",
                )
            lines = list(
                s.scalars(select(CommitmentLine).where(CommitmentLine.commitment_id == c.id))
            )
            pays = list(
                s.scalars(select(PayApplication).where(PayApplication.commitment_id == c.id))
            )
            snap = capture([(Commitment, [c]), (CommitmentLine, lines), (PayApplication, pays)])
            project_id = c.project_id
            pay_ids = [p.id for p in pays]
            for row in [*pays, *lines]:
                s.delete(row)
            s.flush()
            s.delete(c)
        changes_out = Changes.of(ENTITY_COMMITMENT, [commitment_id], project_id, structural=True)
        if pay_ids:
            changes_out |= Changes.of(ENTITY_PAYMENT, pay_ids, project_id, structural=True)
        return Outcome(snap, changes_out)

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        rows = [r for model, rows in snapshot.parts if model is Commitment for r in rows]
        pays = [r for model, rows in snapshot.parts if model is PayApplication for r in rows]
        project_id = rows[0]["project_id"] if rows else None
        out = Changes.of(ENTITY_COMMITMENT, [r["id"] for r in rows], project_id, structural=True)
        if pays:
            out |= Changes.of(ENTITY_PAYMENT, [p["id"] for p in pays], project_id, structural=True)
        return out

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _commitment(s: Session, commitment_id: int) -> Commitment:
        c = s.get(Commitment, commitment_id)
        if c is None:
            raise NotFoundError("commitment", commitment_id)
        return c
