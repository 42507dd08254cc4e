from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Task(Audited, Base):
    """A WBS element: summary, task or milestone. Dates are as entered until the
    scheduling engine lands; duration is in working days."""

    __tablename__ = "task"
    __audit_entity__ = "task"
    __table_args__ = (
        Index("ix_task_project_parent_order", "project_id", "parent_id", "sort_order"),
        CheckConstraint(
            "finish IS NULL OR start IS NULL OR finish >= start", name="finish_after_start"
        ),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint("duration_days >= 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="task")
    start: Mapped[date | None] = mapped_column(Date)
    duration_days: Mapped[int] = mapped_column(Integer, default=0)
    finish: Mapped[date | None] = mapped_column(Date)
    percent_complete: Mapped[int] = mapped_column(Integer, default=0)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")


class TaskLink(Audited, Base):
    """A dependency: predecessor → successor, type FS/SS/FF/SF, lag in working days."""

    __tablename__ = "task_link"
    __audit_entity__ = "task_link"
    __table_args__ = (
        Index("ix_task_link_successor", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    successor_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    link_type: Mapped[str] = mapped_column(String(2), default="FS")
    lag_days: Mapped[int] = mapped_column(Integer, default=0)
