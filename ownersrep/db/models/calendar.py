from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Calendar(Audited, Base):
    """A project's working calendar. The week, exceptions and recurring days are JSON
    (see `ownersrep.services.calendar_codec`), so a calendar is read and written whole."""

    __tablename__ = "calendar"
    __audit_entity__ = "calendar"
    __table_args__ = (UniqueConstraint("project_id", "key", name="uq_calendar_project_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))  # the source file's id, or "standard"
    name: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes_per_day: Mapped[int] = mapped_column(Integer, default=480)
    week_json: Mapped[str] = mapped_column(Text)
    exceptions_json: Mapped[str] = mapped_column(Text, default="[]")
    recurring_json: Mapped[str] = mapped_column(Text, default="[]")
    country: Mapped[str | None] = mapped_column(String(10))
    region: Mapped[str | None] = mapped_column(String(20))
