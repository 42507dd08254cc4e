"""Project health: the rep's RAG overrides, the closed reporting periods, and the
prioritisation ratings. Workspace-wide thresholds, the EAC formula and the scoring
criteria are settings (see ownersrep.services.health_settings)."""

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


class RagOverride(Audited, Base):
    """The rep's own status for one area of a project, with the reason. The derived
    status is never stored: it is worked out afresh and shown beside the override."""

    __tablename__ = "rag_override"
    __audit_entity__ = "rag_override"
    __table_args__ = (
        # The unique (project_id, area) indexes project_id.
        UniqueConstraint("project_id", "area", name="uq_rag_override_project_area"),
        CheckConstraint("rag IN ('green', 'amber', 'red')", name="rag_value"),
        CheckConstraint("length(trim(commentary)) > 0", name="commentary_required"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(20))
    rag: Mapped[str] = mapped_column(String(10))
    commentary: Mapped[str] = mapped_column(Text)
    set_on: Mapped[date] = mapped_column(Date)
    set_by: Mapped[str] = mapped_column(String(120), default="")


class PeriodSnapshot(Audited, Base):
    """A closed reporting period: the project's KPIs and RAG statuses as they stood when
    the period was closed, as JSON text (see ownersrep.services.period_codec)."""

    __tablename__ = "period_snapshot"
    __audit_entity__ = "period_snapshot"
    __table_args__ = (
        # The unique (project_id, period) indexes project_id.
        UniqueConstraint("project_id", "period", name="uq_period_snapshot_project_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # "2026-11"
    closed_on: Mapped[date] = mapped_column(Date)
    kpis: Mapped[str] = mapped_column(Text)
    rags: Mapped[str] = mapped_column(Text)


class PriorityRating(Audited, Base):
    """How a project rates, 1 to 5, on one prioritisation criterion."""

    __tablename__ = "priority_rating"
    __audit_entity__ = "priority_rating"
    __table_args__ = (
        # The unique (project_id, criterion) indexes project_id.
        UniqueConstraint("project_id", "criterion", name="uq_priority_rating_project_criterion"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(60))
    rating: Mapped[int] = mapped_column(Integer)
