"""The read side of the cost ledger, inside the caller's session: a handful of column
selects and SQL sums (pay applications are summed per commitment by SQLite), then the
pure computation in domain.cost.ledger."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import (
    BudgetLine,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    Party,
    PayApplication,
    Project,
)
from ownersrep.domain.cost.amounts import ZERO, total
from ownersrep.domain.cost.billing import Billing
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus, CommitmentKind
from ownersrep.domain.cost.ledger import (
    ChangeInput,
    CommitmentFigures,
    CommitmentInput,
    LedgerFigures,
    LineFigures,
    LineInput,
    compute_ledger,
    sum_figures,
)
from ownersrep.domain.cost.reconcile import reconcile
from ownersrep.domain.errors import NotFoundError
from ownersrep.services.cost_checks import project_billing
from ownersrep.services.cost_types import (
    BudgetLineRow,
    CommitmentRow,
    CostLedger,
    LineGroup,
    StatusTotal,
)


@dataclass(frozen=True)
class LedgerInputs:
    """The rows of one project's ledger, as read."""

    project_id: int
    currency: str
    lines: tuple[LineInput, ...]
    line_info: dict[int, tuple[str, str, str, int]]  # id → code, description, group, order
    commitments: tuple[CommitmentInput, ...]
    commitment_info: dict[int, tuple[Any, ...]]  # id → number, title, kind, party, …
    changes: tuple[ChangeInput, ...]

    def figures(self) -> LedgerFigures:
        return compute_ledger(self.lines, self.commitments, self.changes)


# The statements are built once; each read binds the project id (building a statement
# costs about as much as running it on a small project).
_PID = bindparam("project_id")
_CURRENCY = select(Project.currency).where(Project.id == _PID)
_LINES = (
    select(
        BudgetLine.id,
        BudgetLine.code,
        BudgetLine.description,
        BudgetLine.group,
        BudgetLine.kind,
        BudgetLine.original,
        BudgetLine.etc_override,
        BudgetLine.sort_order,
    )
    .where(BudgetLine.project_id == _PID)
    .order_by(BudgetLine.sort_order, BudgetLine.code)
)
_ALLOCATIONS = (
    select(CommitmentLine.commitment_id, CommitmentLine.budget_line_id, CommitmentLine.amount)
    .join(Commitment, Commitment.id == CommitmentLine.commitment_id)
    .join(BudgetLine, BudgetLine.id == CommitmentLine.budget_line_id)
    .where(Commitment.project_id == _PID)
    .order_by(BudgetLine.sort_order, BudgetLine.code)
)
_COMMITMENTS = (
    select(
        Commitment.id,
        Commitment.amount,
        Commitment.number,
        Commitment.title,
        Commitment.kind,
        Commitment.party_id,
        Party.name,
        Commitment.retainage_percent,
    )
    .outerjoin(Party, Party.id == Commitment.party_id)
    .where(Commitment.project_id == _PID)
    .order_by(Commitment.number)
)
_CHANGES = select(
    ChangeOrder.status,
    ChangeOrder.cost,
    ChangeOrder.budget_line_id,
    ChangeOrder.commitment_id,
    ChangeOrder.from_contingency,
    ChangeOrder.contingency_line_id,
).where(ChangeOrder.project_id == _PID)
_CERTIFIED_BY_PERIOD = (
    select(PayApplication.period_end, func.sum(PayApplication.certified))
    .join(Commitment, Commitment.id == PayApplication.commitment_id)
    .where(Commitment.project_id == _PID)
    .group_by(PayApplication.period_end)
    .order_by(PayApplication.period_end)
)


def load_inputs(s: Session, project_id: int) -> LedgerInputs:
    pid = {"project_id": project_id}
    currency = s.scalar(_CURRENCY, pid)
    if currency is None:
        raise NotFoundError("project", project_id)
    lines: list[LineInput] = []
    line_info: dict[int, tuple[str, str, str, int]] = {}
    for lid, code, description, group, kind, original, etc, order in s.execute(_LINES, pid):
        lines.append(LineInput(lid, BudgetLineKind(kind), original, etc))
        line_info[lid] = (code, description, group, order)

    allocations: dict[int, dict[int, Decimal]] = {}
    for cid, lid, amount in s.execute(_ALLOCATIONS, pid):
        allocations.setdefault(cid, {})[lid] = amount

    billing = project_billing(s, project_id)
    commitments: list[CommitmentInput] = []
    commitment_info: dict[int, tuple[Any, ...]] = {}
    for cid, amount, *info in s.execute(_COMMITMENTS, pid):
        commitments.append(
            CommitmentInput(cid, amount, allocations.get(cid, {}), billing.get(cid, Billing()))
        )
        commitment_info[cid] = tuple(info)

    changes = tuple(
        ChangeInput(ChangeStatus(st), cost, line, commitment, cont if drawn else None)
        for st, cost, line, commitment, drawn, cont in s.execute(_CHANGES, pid)
    )
    return LedgerInputs(
        project_id=project_id,
        currency=currency,
        lines=tuple(lines),
        line_info=line_info,
        commitments=tuple(commitments),
        commitment_info=commitment_info,
        changes=changes,
    )


def _values(figures: Any, cls: type) -> dict[str, Any]:
    return {f.name: getattr(figures, f.name) for f in fields(cls)}


def build_ledger(inputs: LedgerInputs) -> CostLedger:
    figures = inputs.figures()
    rows: list[BudgetLineRow] = []
    for line in inputs.lines:
        code, description, group, order = inputs.line_info[line.id]
        rows.append(
            BudgetLineRow(
                **_values(figures.lines[line.id], LineFigures),
                id=line.id,
                code=code,
                description=description,
                group=group,
                kind=line.kind,
                sort_order=order,
                etc_entered=line.etc_override is not None,
            )
        )
    group_names = list(dict.fromkeys(r.group for r in rows))
    groups = tuple(
        LineGroup(name, sum_figures(LineFigures, (r for r in rows if r.group == name)))
        for name in group_names
    )
    codes = {line.id: inputs.line_info[line.id][0] for line in inputs.lines}
    commitments = []
    for m in inputs.commitments:
        number, title, kind, party_id, party, retainage = inputs.commitment_info[m.id]
        commitments.append(
            CommitmentRow(
                **_values(figures.commitments[m.id], CommitmentFigures),
                id=m.id,
                number=number,
                title=title,
                kind=CommitmentKind(kind),
                party_id=party_id,
                party_name=party or "",
                retainage_percent=retainage,
                line_codes=", ".join(codes.get(i, f"#{i}") for i in m.allocations),
            )
        )
    log = tuple(
        StatusTotal(
            status,
            sum(1 for c in inputs.changes if c.status is status),
            total(c.cost for c in inputs.changes if c.status is status),
        )
        for status in ChangeStatus
    )
    return CostLedger(
        project_id=inputs.project_id,
        currency=inputs.currency,
        lines=tuple(rows),
        groups=groups,
        line_totals=figures.line_totals,
        commitments=tuple(commitments),
        commitment_totals=figures.commitment_totals,
        contingency=figures.contingency,
        change_log=log,
    )


def reconcile_inputs(inputs: LedgerInputs) -> list[str]:
    return reconcile(
        inputs.figures(),
        inputs.lines,
        inputs.commitments,
        inputs.changes,
        {i: info[0] for i, info in inputs.line_info.items()},
        {i: info[0] for i, info in inputs.commitment_info.items()},
    )


def certified_by_period(
    s: Session, project_id: int, cumulative: bool = True
) -> list[tuple[date, Decimal]]:
    """Certified amounts per period end, running totals when `cumulative` (the AC line of
    an S-curve), else each period's own."""
    out: list[tuple[date, Decimal]] = []
    running = ZERO
    for day, amount in s.execute(_CERTIFIED_BY_PERIOD, {"project_id": project_id}):
        running = running + amount if cumulative else amount
        out.append((day, running))
    return out
