"""Pay applications (invoices) per commitment and period.

Rules:
- Period end, claimed and certified are required; amounts are never negative, and the
  rep certifies at most what was claimed.
- Retainage held is worked out, not typed: certified × the commitment's retainage
  percentage, to the cent (ROUND_HALF_UP), whenever the certified amount is set.
- Retainage released to date never exceeds retainage held to date.
- Claims and certificates to date stay within the revised commitment ("billing beyond
  the revised commitment" is refused with both amounts).
- The paid date, when set, is not before the period end.
- Numbers count per commitment (1, 2, 3, … as the contractor numbers them); left empty
  the next one is used.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Commitment, Party, PayApplication
from ownersrep.domain.cost.amounts import ZERO, net_payment, retainage_on
from ownersrep.domain.cost.billing import check_certified_within_claimed
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_checks import enforce_commitments
from ownersrep.services.cost_fields import a_date, money
from ownersrep.services.cost_types import ENTITY_PAYMENT, PayApplicationDTO
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import date_order, int_in_range

LABELS = {
    "number": "Number",
    "period_end": "Period end",
    "claimed": "Claimed",
    "certified": "Certified",
    "retainage_released": "Retainage released",
    "paid_on": "Paid on",
}


def _clean(key: str, value: Any) -> Any:
    label = LABELS.get(key, key)
    if key == "number":
        return int_in_range(value, label, 1, 9999)
    if key == "period_end":
        return a_date(value, label, required=True)
    if key in ("claimed", "certified", "retainage_released"):
        return money(value, label)
    if key == "paid_on":
        return a_date(value, label)
    raise ValidationError(key, "is not a pay application field")


def _clean_all(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = [k for k in values if k not in LABELS]
    if unknown:
        raise ValidationError(unknown[0], "is not a pay application field")
    return {k: _clean(k, values[k]) for k in LABELS if k in values}


def _check_record(rec: Mapping[str, Any]) -> None:
    check_certified_within_claimed(rec["claimed"], rec["certified"])
    date_order(rec["period_end"], rec["paid_on"], "Period end", "Paid on")


def _check_number(s: Session, commitment_id: int, number: int, pay_id: int | None) -> None:
    clash = s.scalar(
        select(PayApplication.id).where(
            PayApplication.commitment_id == commitment_id,
            PayApplication.number == number,
            PayApplication.id != (pay_id or 0),
        )
    )
    if clash is not None:
        raise ValidationError("Number", f"pay application {number} of this commitment exists")


_COLUMNS = (PayApplication, Commitment.number, Commitment.project_id, Party.name)


def _query() -> Any:
    return (
        select(*_COLUMNS)
        .join(Commitment, Commitment.id == PayApplication.commitment_id)
        .outerjoin(Party, Party.id == Commitment.party_id)
    )


def _dtos(rows: Any) -> list[PayApplicationDTO]:
    """DTOs with each commitment's running certified total, in period order."""
    ordered = sorted(rows, key=lambda r: (r[0].commitment_id, r[0].period_end, r[0].number))
    to_date: dict[int, Any] = {}
    out: list[PayApplicationDTO] = []
    for pay, number, project_id, party in ordered:
        to_date[pay.commitment_id] = to_date.get(pay.commitment_id, ZERO) + pay.certified
        out.append(
            PayApplicationDTO(
                id=pay.id,
                project_id=project_id,
                commitment_id=pay.commitment_id,
                commitment_number=number,
                party_name=party or "",
                number=pay.number,
                period_end=pay.period_end,
                claimed=pay.claimed,
                certified=pay.certified,
                retainage_held=pay.retainage_held,
                retainage_released=pay.retainage_released,
                net=net_payment(pay.certified, pay.retainage_held, pay.retainage_released),
                paid_on=pay.paid_on,
                certified_to_date=to_date[pay.commitment_id],
            )
        )
    return sorted(out, key=lambda d: (d.period_end, d.commitment_number, d.number))


def pay_applications_of(
    s: Session, project_id: int, commitment_id: int | None = None
) -> list[PayApplicationDTO]:
    """The project's (or one commitment's) pay applications by period end, inside the
    caller's session."""
    query = _query().where(Commitment.project_id == project_id)
    if commitment_id is not None:
        query = query.where(PayApplication.commitment_id == commitment_id)
    return _dtos(s.execute(query).all())


class PayApplicationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_pay_applications(
        self, project_id: int, commitment_id: int | None = None
    ) -> list[PayApplicationDTO]:
        """The project's (or one commitment's) pay applications by period end."""
        with self._ctx.sessions() as s:
            return pay_applications_of(s, project_id, commitment_id)

    def get(self, pay_id: int) -> PayApplicationDTO:
        with self._ctx.sessions() as s:
            return self._get_dto(s, pay_id)

    # -- commands --------------------------------------------------------------------
    def create(
        self, commitment_id: int, period_end: Any, claimed: Any, certified: Any, **fields: Any
    ) -> Outcome[PayApplicationDTO]:
        """Record a pay application. `fields` may hold number (the next one by default),
        retainage_released (0.00 by default) and paid_on."""
        values = {
            "retainage_released": ZERO,
            **fields,
            "period_end": period_end,
            "claimed": claimed,
            "certified": certified,
        }
        clean = _clean_all(values)
        rec = {"paid_on": None, **clean}
        _check_record(rec)
        with self._ctx.sessions.begin() as s:
            commitment = self._commitment(s, commitment_id)
            if "number" in rec:
                _check_number(s, commitment_id, rec["number"], None)
            else:
                last = s.scalar(
                    select(func.max(PayApplication.number)).where(
                        PayApplication.commitment_id == commitment_id
                    )
                )
                rec["number"] = (last or 0) + 1
            held = retainage_on(rec["certified"], commitment.retainage_percent)
            pay = PayApplication(commitment_id=commitment_id, retainage_held=held, **rec)
            s.add(pay)
            enforce_commitments(s, [commitment_id])
            dto = self._get_dto(s, pay.id)
            project_id = commitment.project_id
        return Outcome(dto, Changes.of(ENTITY_PAYMENT, [dto.id], project_id, structural=True))

    def update(self, pay_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values, so that undo calls update(old)."""
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            pay = self._load(s, pay_id)
            before = {k: getattr(pay, k) for k in LABELS}
            rec = before | clean
            _check_record(rec)
            if rec["number"] != before["number"]:
                _check_number(s, pay.commitment_id, rec["number"], pay.id)
            changed = {k: v for k, v in rec.items() if v != before[k]}
            for k, v in changed.items():
                setattr(pay, k, v)
            commitment = self._commitment(s, pay.commitment_id)
            if "certified" in changed:
                pay.retainage_held = retainage_on(pay.certified, commitment.retainage_percent)
            enforce_commitments(s, [pay.commitment_id])
            project_id = commitment.project_id
        old = {k: before[k] for k in changed}
        return Outcome(old, Changes.of(ENTITY_PAYMENT, [pay_id], project_id))

    def delete(self, pay_id: int) -> Outcome[Snapshot]:
        """Delete a pay application; restore() brings the same row back."""
        with self._ctx.sessions.begin() as s:
            pay = self._load(s, pay_id)
            commitment_id = pay.commitment_id
            project_id = self._commitment(s, commitment_id).project_id
            snap = capture([(PayApplication, [pay])])
            s.delete(pay)
            enforce_commitments(s, [commitment_id])
        return Outcome(snap, Changes.of(ENTITY_PAYMENT, [pay_id], project_id, structural=True))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
            rows = [r for m, rows in snapshot.parts if m is PayApplication for r in rows]
            enforce_commitments(s, [r["commitment_id"] for r in rows])
            project_ids = {self._commitment(s, r["commitment_id"]).project_id for r in rows}
        project_id = next(iter(project_ids)) if len(project_ids) == 1 else None
        return Changes.of(ENTITY_PAYMENT, [r["id"] for r in rows], project_id, structural=True)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _load(s: Session, pay_id: int) -> PayApplication:
        pay = s.get(PayApplication, pay_id)
        if pay is None:
            raise NotFoundError("pay application", pay_id)
        return pay

    @staticmethod
    def _commitment(s: Session, commitment_id: int) -> Commitment:
        commitment = s.get(Commitment, commitment_id)
        if commitment is None:
            raise NotFoundError("commitment", commitment_id)
        return commitment

    @staticmethod
    def _get_dto(s: Session, pay_id: int) -> PayApplicationDTO:
        pay = s.get(PayApplication, pay_id)
        if pay is None:
            raise NotFoundError("pay application", pay_id)
        query = _query().where(PayApplication.commitment_id == pay.commitment_id)
        for dto in _dtos(s.execute(query).all()):
            if dto.id == pay_id:
                return dto
        raise NotFoundError("pay application", pay_id)  # pragma: no cover
