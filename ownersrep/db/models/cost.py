"""The cost ledger: budget lines, commitments (and the lines they draw on), change orders
and pay applications. Amounts are Money (integer cents); percentages are Percent
(integer hundredths of a percent), so nothing is ever a float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from ownersrep.db.base import Audited, Base
from ownersrep.db.types import Money


class Percent(TypeDecorator[Decimal]):
    """A percentage with two places (5.25 %) as a Decimal in Python and integer
    hundredths (525) in SQLite: SQLite has no exact decimal type, and a Numeric column
    would come back through a float."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"Percent columns take Decimal, got {type(value).__name__}")
        return int((value * 100).to_integral_value())

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


class BudgetLine(Audited, Base):
    """A cost code of the project's budget, or its contingency."""

    __tablename__ = "budget_line"
    __audit_entity__ = "budget_line"
    __table_args__ = (
        UniqueConstraint("project_id", "code", name="uq_budget_line_project_code"),
        CheckConstraint("original >= 0", name="original_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(300))
    # A CSI division or a workstream, free text; the column avoids the SQL word GROUP.
    group: Mapped[str] = mapped_column("group_name", String(100), default="")
    kind: Mapped[str] = mapped_column(String(20), default="cost")
    original: Mapped[Decimal] = mapped_column(Money)
    etc_override: Mapped[Decimal | None] = mapped_column(Money)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # The WBS element the line pays for (revision 0005): earned value spreads the line's
    # revised budget over the leaf tasks under it; None spreads it over the whole project.
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("task.id", ondelete="SET NULL"), index=True
    )


class Commitment(Audited, Base):
    """A contract or purchase order with a party."""

    __tablename__ = "commitment"
    __audit_entity__ = "commitment"
    __table_args__ = (
        UniqueConstraint("project_id", "number", name="uq_commitment_project_number"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
        CheckConstraint("retainage_percent BETWEEN 0 AND 10000", name="retainage_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="contract")
    party_id: Mapped[int | None] = mapped_column(
        ForeignKey("party.id", ondelete="SET NULL"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money)
    retainage_percent: Mapped[Decimal] = mapped_column(Percent, default=Decimal("0.00"))


class CommitmentLine(Audited, Base):
    """How much of a commitment draws on one budget line."""

    __tablename__ = "commitment_line"
    __audit_entity__ = "commitment_line"
    __table_args__ = (
        UniqueConstraint("commitment_id", "budget_line_id", name="uq_commitment_line_pair"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The unique (commitment_id, budget_line_id) indexes commitment_id.
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    budget_line_id: Mapped[int] = mapped_column(
        ForeignKey("budget_line.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(Money)


class ChangeOrder(Audited, Base):
    """A change to the budget or a commitment, positive or negative, with the owner's
    decision on it."""

    __tablename__ = "change_order"
    __audit_entity__ = "change_order"
    __table_args__ = (
        UniqueConstraint("project_id", "number", name="uq_change_order_project_number"),
        CheckConstraint(
            "approved_on IS NULL OR submitted_on IS NULL OR approved_on >= submitted_on",
            name="approved_after_submitted",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(30), default="owner_request")
    status: Mapped[str] = mapped_column(String(20), default="potential")
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitment.id", ondelete="SET NULL"), index=True
    )
    budget_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_line.id", ondelete="SET NULL"), index=True
    )
    cost: Mapped[Decimal] = mapped_column(Money)
    time_impact_days: Mapped[int] = mapped_column(Integer, default=0)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    from_contingency: Mapped[bool] = mapped_column(Boolean, default=False)
    contingency_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_line.id", ondelete="SET NULL"), index=True
    )


class PayApplication(Audited, Base):
    """A contractor's claim for one period on one commitment, and what the rep certified."""

    __tablename__ = "pay_application"
    __audit_entity__ = "pay_application"
    __table_args__ = (
        UniqueConstraint("commitment_id", "number", name="uq_pay_application_commitment_number"),
        CheckConstraint("claimed >= 0", name="claimed_not_negative"),
        CheckConstraint("certified >= 0 AND certified <= claimed", name="certified_within_claimed"),
        CheckConstraint(
            "retainage_held >= 0 AND retainage_held <= certified", name="retainage_within_certified"
        ),
        CheckConstraint("retainage_released >= 0", name="released_not_negative"),
        CheckConstraint("paid_on IS NULL OR paid_on >= period_end", name="paid_after_period"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The unique (commitment_id, number) indexes commitment_id.
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[date] = mapped_column(Date)
    claimed: Mapped[Decimal] = mapped_column(Money)
    certified: Mapped[Decimal] = mapped_column(Money)
    retainage_held: Mapped[Decimal] = mapped_column(Money)
    retainage_released: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    paid_on: Mapped[date | None] = mapped_column(Date)
