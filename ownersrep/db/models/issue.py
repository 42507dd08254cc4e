from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base
from ownersrep.db.types import Money


class Issue(Audited, Base):
    """An entry in a project's issue log: issue, RFI, decision or action item."""

    __tablename__ = "issue"
    __audit_entity__ = "issue"
    __table_args__ = (
        UniqueConstraint("project_id", "number", name="uq_issue_project_number"),
        Index("ix_issue_project_status", "project_id", "status"),
        Index("ix_issue_task", "task_id"),  # ON DELETE SET NULL from a deleted task
        CheckConstraint("due_on IS NULL OR due_on >= raised_on", name="due_after_raised"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    issue_type: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(20), default="medium")
    status: Mapped[str] = mapped_column(String(20), default="open")
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    raised_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    resolution: Mapped[str] = mapped_column(Text, default="")
    cost_impact: Mapped[Decimal | None] = mapped_column(Money)
    schedule_impact_days: Mapped[int | None] = mapped_column(Integer)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="SET NULL"))
    internal: Mapped[bool] = mapped_column(Boolean, default=False)


class NumberCounter(Base):
    """The last number handed out per project and prefix, so that a number is never
    reused, even after its record is deleted."""

    __tablename__ = "number_counter"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
