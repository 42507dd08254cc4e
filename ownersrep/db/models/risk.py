from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Risk(Audited, Base):
    """An entry in a project's risk register. The score is derived (probability × impact)."""

    __tablename__ = "risk"
    __audit_entity__ = "risk"
    __table_args__ = (
        UniqueConstraint("project_id", "number", name="uq_risk_project_number"),
        CheckConstraint("probability BETWEEN 1 AND 5", name="probability_range"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="impact_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    cause: Mapped[str] = mapped_column(Text, default="")
    effect: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(30))
    probability: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(String(20), default="mitigate")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="open")
    raised_on: Mapped[date] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)
