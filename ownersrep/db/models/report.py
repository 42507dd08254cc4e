"""The owner report's record of one project and reporting period: the rep's narrative,
key achievements, who prepared and reviewed it, its number, when it was issued and the
RAG overrides frozen at that moment, so the report can be rebuilt identically later."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class ReportPeriod(Audited, Base):
    __tablename__ = "report_period"
    __audit_entity__ = "report_period"
    __table_args__ = (
        # The unique (project_id, period) indexes project_id.
        UniqueConstraint("project_id", "period", name="uq_report_period_project_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # "2026-10"
    report_number: Mapped[int] = mapped_column(Integer)
    narrative_html: Mapped[str] = mapped_column(Text, default="")
    achievements: Mapped[str] = mapped_column(Text, default="")  # one per line
    prepared_by: Mapped[str] = mapped_column(String(120), default="")
    reviewed_by: Mapped[str] = mapped_column(String(120), default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    # JSON list of {area, rag, commentary, set_on, set_by, derived} frozen on issue;
    # NULL until the report is issued (then "[]" when no area was overridden).
    frozen_overrides: Mapped[str | None] = mapped_column(Text)
