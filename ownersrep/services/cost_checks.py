"""Rules that span rows, checked inside the writing transaction after its changes are
flushed. A broken rule raises ValidationError, and the transaction rolls back, so a
refused operation leaves nothing behind.

- Claims and certificates to date stay within the revised commitment (amount + approved
  changes), and retainage released within retainage held.
- No contingency line is drawn below zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import BudgetLine, ChangeOrder, Commitment, PayApplication
from ownersrep.domain.cost.amounts import ZERO, net_payment, total
from ownersrep.domain.cost.billing import (
    Billing,
    check_billing,
    check_contingency,
    check_release,
)
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus

APPROVED = ChangeStatus.APPROVED.value


_PAID = PayApplication.paid_on.is_not(None).label("paid")
_BILLING = select(
    PayApplication.commitment_id,
    _PAID,
    func.sum(PayApplication.claimed),
    func.sum(PayApplication.certified),
    func.sum(PayApplication.retainage_held),
    func.sum(PayApplication.retainage_released),
).group_by(PayApplication.commitment_id, _PAID)
_BILLING_OF = _BILLING.where(
    PayApplication.commitment_id.in_(bindparam("commitment_ids", expanding=True))
)
_BILLING_OF_PROJECT = _BILLING.where(
    PayApplication.commitment_id.in_(
        select(Commitment.id).where(Commitment.project_id == bindparam("project_id"))
    )
)


def _billing(rows: Iterable[Any]) -> dict[int, Billing]:
    """Billing per commitment from (commitment, paid?, claimed, certified, held, released)
    sums grouped by commitment and paid."""
    parts: dict[int, list[tuple[bool, Decimal, Decimal, Decimal, Decimal]]] = {}
    for cid, is_paid, claimed, certified, held, released in rows:
        parts.setdefault(cid, []).append((bool(is_paid), claimed, certified, held, released))
    return {
        cid: Billing(
            claimed=total(p[1] for p in groups),
            certified=total(p[2] for p in groups),
            retainage_held=total(p[3] for p in groups),
            retainage_released=total(p[4] for p in groups),
            paid=total(net_payment(p[2], p[3], p[4]) for p in groups if p[0]),
        )
        for cid, groups in parts.items()
    }


def billing_by_commitment(s: Session, commitment_ids: Iterable[int]) -> dict[int, Billing]:
    """Sums of these commitments' pay applications (commitments with none are absent)."""
    return _billing(s.execute(_BILLING_OF, {"commitment_ids": list(commitment_ids)}))


def project_billing(s: Session, project_id: int) -> dict[int, Billing]:
    """Sums of the pay applications of every commitment of the project."""
    return _billing(s.execute(_BILLING_OF_PROJECT, {"project_id": project_id}))


def approved_on_commitment(s: Session, commitment_id: int) -> Decimal:
    value = s.scalar(
        select(func.sum(ChangeOrder.cost)).where(
            ChangeOrder.commitment_id == commitment_id, ChangeOrder.status == APPROVED
        )
    )
    return value if value is not None else ZERO


def enforce_commitments(
    s: Session, commitment_ids: Iterable[int | None], field: str | None = None
) -> None:
    """Billing within the revised commitment, releases within retainage held."""
    ids = sorted({i for i in commitment_ids if i is not None})
    if not ids:
        return
    s.flush()
    billing = billing_by_commitment(s, ids)
    for cid in ids:
        commitment = s.get(Commitment, cid)
        if commitment is None:
            continue
        b = billing.get(cid, Billing())
        check_billing(commitment.amount + approved_on_commitment(s, cid), b, field)
        check_release(b)


def contingency_remaining(s: Session, line: BudgetLine) -> Decimal:
    """Original + approved changes on the line − approved changes drawn from it."""
    added = s.scalar(
        select(func.sum(ChangeOrder.cost)).where(
            ChangeOrder.budget_line_id == line.id, ChangeOrder.status == APPROVED
        )
    )
    drawn = s.scalar(
        select(func.sum(ChangeOrder.cost)).where(
            ChangeOrder.contingency_line_id == line.id, ChangeOrder.status == APPROVED
        )
    )
    return line.original + (added or ZERO) - (drawn or ZERO)


def enforce_contingency(s: Session, line_ids: Iterable[int | None], field: str) -> None:
    """None of these lines, if contingency, is overdrawn."""
    ids = sorted({i for i in line_ids if i is not None})
    if not ids:
        return
    s.flush()
    for line in s.scalars(select(BudgetLine).where(BudgetLine.id.in_(ids))):
        if line.kind == BudgetLineKind.CONTINGENCY.value:
            check_contingency(line.code, contingency_remaining(s, line), field)
