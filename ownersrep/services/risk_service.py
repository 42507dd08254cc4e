"""The risk register: risks scored on a 5×5 probability × impact matrix.

Numbers (`RSK-001`) come from the project's NumberCounter for the prefix "RSK", bumped in
the transaction that inserts the risk, so a number is never handed out twice, even after
the risk is deleted. Undoing a delete restores the same id and number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import NumberCounter, Party, Project, Risk
from ownersrep.domain.enums import RiskCategory, RiskResponse, RiskStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.risk_rules import (
    SCALE,
    RiskLevel,
    is_review_overdue,
    risk_level,
    risk_score,
)
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.snapshot import Snapshot, capture, restore
from ownersrep.services.validation import (
    date_order,
    enum_value,
    int_in_range,
    optional_int,
    optional_text,
    required_text,
)

ENTITY = "risk"
NUMBER_PREFIX = "RSK"

# Checked in this order, so that the first message names the first wrong field of the form.
EDITABLE_FIELDS = (
    "title",
    "category",
    "cause",
    "effect",
    "probability",
    "impact",
    "response",
    "mitigation",
    "owner_id",
    "status",
    "raised_on",
    "review_on",
)

_DATE_LABELS = {"raised_on": "Raised on", "review_on": "Review date"}


def format_risk_number(sequence: int) -> str:
    return f"{NUMBER_PREFIX}-{sequence:03d}"


@dataclass(frozen=True)
class RiskRow:
    """One line of the register table."""

    id: int
    number: str
    title: str
    category: RiskCategory
    probability: int
    impact: int
    score: int
    level: RiskLevel
    response: RiskResponse
    status: RiskStatus
    owner_id: int | None
    owner_name: str
    review_on: date | None
    review_overdue: bool


@dataclass(frozen=True)
class RiskDTO:
    """Every field of one risk, for the edit dialog."""

    id: int
    project_id: int
    number: str
    title: str
    cause: str
    effect: str
    category: RiskCategory
    probability: int
    impact: int
    score: int
    level: RiskLevel
    response: RiskResponse
    mitigation: str
    owner_id: int | None
    owner_name: str
    status: RiskStatus
    raised_on: date
    review_on: date | None
    review_overdue: bool


def _clean(key: str, value: Any) -> Any:
    """Validate one field and return the value to store; raise ValidationError naming it."""
    if key == "title":
        return required_text(value, "Title", 300)
    if key in ("cause", "effect", "mitigation"):
        return optional_text(value, key.capitalize())
    if key == "category":
        return enum_value(RiskCategory, value, "Category").value
    if key == "probability":
        return int_in_range(value, "Probability", SCALE.start, SCALE.stop - 1)
    if key == "impact":
        return int_in_range(value, "Impact", SCALE.start, SCALE.stop - 1)
    if key == "response":
        return enum_value(RiskResponse, value, "Response").value
    if key == "status":
        return enum_value(RiskStatus, value, "Status").value
    if key == "owner_id":
        return optional_int(value, "Owner")
    if key in _DATE_LABELS:
        if value is not None and not isinstance(value, date):
            raise ValidationError(_DATE_LABELS[key], "must be a date")
        if key == "raised_on" and value is None:
            raise ValidationError(_DATE_LABELS[key], "is required")
        return value
    raise ValidationError(key, "is not a risk field")


def _clean_all(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = [k for k in values if k not in EDITABLE_FIELDS]
    if unknown:
        raise ValidationError(unknown[0], "is not a risk field")
    return {k: _clean(k, values[k]) for k in EDITABLE_FIELDS if k in values}


def _check_owner(s: Session, owner_id: int | None) -> None:
    if owner_id is not None and s.get(Party, owner_id) is None:
        raise ValidationError("Owner", f"party #{owner_id} does not exist")


class RiskService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_risks(self, project_id: int) -> list[RiskRow]:
        """The project's register, oldest first, as one column select."""
        today = self._ctx.today()
        query = (
            select(
                Risk.id,
                Risk.number,
                Risk.title,
                Risk.category,
                Risk.probability,
                Risk.impact,
                Risk.response,
                Risk.status,
                Risk.owner_id,
                Party.name,
                Risk.review_on,
            )
            .outerjoin(Party, Party.id == Risk.owner_id)
            .where(Risk.project_id == project_id)
            .order_by(Risk.id)
        )
        rows: list[RiskRow] = []
        with self._ctx.sessions() as s:
            for rid, number, title, cat, p, i, resp, st, owner_id, owner, review in s.execute(
                query
            ):
                status = RiskStatus(st)
                score = risk_score(p, i)
                rows.append(
                    RiskRow(
                        id=rid,
                        number=number,
                        title=title,
                        category=RiskCategory(cat),
                        probability=p,
                        impact=i,
                        score=score,
                        level=risk_level(score),
                        response=RiskResponse(resp),
                        status=status,
                        owner_id=owner_id,
                        owner_name=owner or "",
                        review_on=review,
                        review_overdue=is_review_overdue(status, review, today),
                    )
                )
        return rows

    def get(self, risk_id: int) -> RiskDTO:
        with self._ctx.sessions() as s:
            return self._to_dto(s, self._risk(s, risk_id))

    def heat_map(self, project_id: int, include_closed: bool = False) -> list[list[int]]:
        """Counts of risks per cell: `counts[probability - 1][impact - 1]`."""
        counts = [[0] * len(SCALE) for _ in SCALE]
        query = (
            select(Risk.probability, Risk.impact, func.count())
            .where(Risk.project_id == project_id)
            .group_by(Risk.probability, Risk.impact)
        )
        if not include_closed:
            query = query.where(Risk.status != RiskStatus.CLOSED.value)
        with self._ctx.sessions() as s:
            for p, i, n in s.execute(query):
                counts[p - 1][i - 1] = n
        return counts

    # -- commands --------------------------------------------------------------------
    def create(
        self, project_id: int, title: str, probability: int, impact: int, **fields: Any
    ) -> Outcome[RiskDTO]:
        """Add a risk with the next `RSK-nnn` number of its project.

        `fields` may hold any other editable field; the category defaults to
        construction, the response to mitigate, the status to open and the raised date
        to today."""
        values: dict[str, Any] = {
            "category": RiskCategory.CONSTRUCTION,
            "response": RiskResponse.MITIGATE,
            "status": RiskStatus.OPEN,
            "raised_on": self._ctx.today(),
            **fields,
            "title": title,
            "probability": probability,
            "impact": impact,
        }
        clean = _clean_all(values)
        date_order(clean["raised_on"], clean.get("review_on"), "Raised on", "Review date")
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            _check_owner(s, clean.get("owner_id"))
            number = format_risk_number(self._next_sequence(s, project_id))
            risk = Risk(project_id=project_id, number=number, **clean)
            s.add(risk)
            s.flush()
            dto = self._to_dto(s, risk)
        return Outcome(dto, Changes.of(ENTITY, [dto.id], project_id, structural=True))

    def update(self, risk_id: int, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change fields; returns the previous values, so that undo calls update(old)."""
        clean = _clean_all(values)
        with self._ctx.sessions.begin() as s:
            risk = self._risk(s, risk_id)
            if "owner_id" in clean:
                _check_owner(s, clean["owner_id"])
            date_order(
                clean.get("raised_on", risk.raised_on),
                clean.get("review_on", risk.review_on),
                "Raised on",
                "Review date",
            )
            old = {k: getattr(risk, k) for k in clean}
            for k, v in clean.items():
                setattr(risk, k, v)
            project_id = risk.project_id
        return Outcome(old, Changes.of(ENTITY, [risk_id], project_id))

    def delete(self, risk_id: int) -> Outcome[Snapshot]:
        """Delete a risk. Its number stays used; restore() brings the same row back."""
        with self._ctx.sessions.begin() as s:
            risk = self._risk(s, risk_id)
            project_id = risk.project_id
            snap = capture([(Risk, [risk])])
            s.delete(risk)
        return Outcome(snap, Changes.of(ENTITY, [risk_id], project_id, structural=True))

    def restore(self, snapshot: Snapshot) -> Changes:
        with self._ctx.sessions.begin() as s:
            restore(s, snapshot)
        rows = [row for model, rows in snapshot.parts if model is Risk for row in rows]
        project_id = rows[0]["project_id"] if rows else None
        return Changes.of(ENTITY, [r["id"] for r in rows], project_id, structural=True)

    # -- helpers ---------------------------------------------------------------------
    @staticmethod
    def _risk(s: Session, risk_id: int) -> Risk:
        risk = s.get(Risk, risk_id)
        if risk is None:
            raise NotFoundError("risk", risk_id)
        return risk

    @staticmethod
    def _next_sequence(s: Session, project_id: int) -> int:
        counter = s.get(NumberCounter, (project_id, NUMBER_PREFIX))
        if counter is None:
            counter = NumberCounter(project_id=project_id, prefix=NUMBER_PREFIX, last=0)
            s.add(counter)
        counter.last += 1
        return counter.last

    def _to_dto(self, s: Session, r: Risk) -> RiskDTO:
        owner = (
            "" if r.owner_id is None else s.scalar(select(Party.name).where(Party.id == r.owner_id))
        )
        status = RiskStatus(r.status)
        score = risk_score(r.probability, r.impact)
        return RiskDTO(
            id=r.id,
            project_id=r.project_id,
            number=r.number,
            title=r.title,
            cause=r.cause,
            effect=r.effect,
            category=RiskCategory(r.category),
            probability=r.probability,
            impact=r.impact,
            score=score,
            level=risk_level(score),
            response=RiskResponse(r.response),
            mitigation=r.mitigation,
            owner_id=r.owner_id,
            owner_name=owner or "",
            status=status,
            raised_on=r.raised_on,
            review_on=r.review_on,
            review_overdue=is_review_overdue(status, r.review_on, self._ctx.today()),
        )


__all__ = [
    "RiskDTO",
    "RiskRow",
    "RiskService",
    "format_risk_number",
    "is_review_overdue",
]
