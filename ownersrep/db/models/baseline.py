from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Baseline(Audited, Base):
    """A named, frozen copy of a project's schedule to measure variance against."""

    __tablename__ = "baseline"
    __audit_entity__ = "baseline"
    __table_args__ = (UniqueConstraint("project_id", "name", name="uq_baseline_project_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[int] = mapped_column(Integer, default=0)  # MS Project's Baseline N
    saved_at: Mapped[datetime | None] = mapped_column(DateTime)


class BaselineTask(Base):
    """One task's dates in a baseline. Written in bulk with its baseline (not audited
    row by row: the baseline's own insert is the audit record)."""

    __tablename__ = "baseline_task"

    baseline_id: Mapped[int] = mapped_column(
        ForeignKey("baseline.id", ondelete="CASCADE"), primary_key=True
    )
    task_id: Mapped[int] = mapped_column(
        ForeignKey("task.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    start: Mapped[datetime | None] = mapped_column(DateTime)
    finish: Mapped[datetime | None] = mapped_column(DateTime)
    work_minutes: Mapped[int | None] = mapped_column(Integer)
