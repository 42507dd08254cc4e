from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Program(Audited, Base):
    """An optional folder of projects in the portfolio. Programs may nest."""

    __tablename__ = "program"
    __audit_entity__ = "program"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Project(Audited, Base):
    __tablename__ = "project"
    __audit_entity__ = "project"
    __table_args__ = (
        CheckConstraint(
            "planned_finish IS NULL OR planned_start IS NULL OR planned_finish >= planned_start",
            name="finish_after_start",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), index=True
    )
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="active")
    client_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_finish: Mapped[date | None] = mapped_column(Date)
    status_date: Mapped[date | None] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    location: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # Where an imported schedule came from ("mspdi" / "xer" and the file name).
    source_format: Mapped[str | None] = mapped_column(String(10))
    source_file: Mapped[str | None] = mapped_column(String(260))
    # The data date as the engine uses it (an instant: P6's is 08:00 of the day after the
    # last one reported); None: the start of the day after `status_date`.
    data_date: Mapped[datetime | None] = mapped_column(DateTime)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime)  # last engine run
