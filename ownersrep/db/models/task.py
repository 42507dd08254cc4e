from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Task(Audited, Base):
    """A WBS element: summary, task or milestone. `start` and `finish` are the engine's
    early dates (typed only for a manual task); duration is in working days of the task's
    calendar. What the user sets is the duration, constraint, actuals and progress."""

    __tablename__ = "task"
    __audit_entity__ = "task"
    __table_args__ = (
        Index("ix_task_project_parent_order", "project_id", "parent_id", "sort_order"),
        # The ON DELETE CASCADE from a parent task looks its children up by parent_id.
        Index("ix_task_parent", "parent_id"),
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

    # -- scheduling (revision 0002) --------------------------------------------------
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendar.id", ondelete="SET NULL"))
    # Exact duration in working minutes when it is not a whole number of days (imported
    # sub-day durations); None means duration_days × the calendar's minutes per day.
    work_minutes: Mapped[int | None] = mapped_column(Integer)
    constraint_type: Mapped[str] = mapped_column(String(10), default="asap", server_default="asap")
    constraint_date: Mapped[datetime | None] = mapped_column(DateTime)
    deadline: Mapped[datetime | None] = mapped_column(DateTime)
    actual_start: Mapped[datetime | None] = mapped_column(DateTime)
    actual_finish: Mapped[datetime | None] = mapped_column(DateTime)
    remaining_minutes: Mapped[int | None] = mapped_column(Integer)
    manual: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )  # dates typed, not computed
    source_key: Mapped[str | None] = mapped_column(String(60))  # UID / task_id in the file
    # The source scheduler's own answers, kept so ours can be compared with them.
    src_early_start: Mapped[datetime | None] = mapped_column(DateTime)
    src_early_finish: Mapped[datetime | None] = mapped_column(DateTime)
    src_late_start: Mapped[datetime | None] = mapped_column(DateTime)
    src_late_finish: Mapped[datetime | None] = mapped_column(DateTime)
    src_total_float: Mapped[int | None] = mapped_column(Integer)  # working minutes
    src_free_float: Mapped[int | None] = mapped_column(Integer)
    src_critical: Mapped[bool | None] = mapped_column(Boolean)

    # -- our engine's answers (revision 0003); start and finish above hold its early dates
    total_float: Mapped[int | None] = mapped_column(Integer)  # working minutes
    free_float: Mapped[int | None] = mapped_column(Integer)
    critical: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class TaskLink(Audited, Base):
    """A dependency: predecessor → successor, type FS/SS/FF/SF, lag in working days."""

    __tablename__ = "task_link"
    __audit_entity__ = "task_link"
    __table_args__ = (
        Index("ix_task_link_successor", "successor_id"),
        Index("ix_task_link_predecessor", "predecessor_id"),
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
    # Exact lag in minutes when imported (working minutes of the successor's calendar,
    # or elapsed minutes); None means lag_days working days.
    lag_minutes: Mapped[int | None] = mapped_column(Integer)
    lag_elapsed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The engine's answer (revision 0003): this link sets the successor's date.
    driving: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
