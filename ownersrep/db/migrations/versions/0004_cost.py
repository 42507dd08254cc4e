"""cost ledger: budget lines, commitments and their lines, change orders, pay applications

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

New tables only. Money columns hold integer cents and the retainage percentage integer
hundredths of a percent (see ownersrep.db.types.Money and ownersrep.db.models.cost).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("group_name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("original", sa.Integer(), nullable=False),
        sa.Column("etc_override", sa.Integer(), nullable=True),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint("original >= 0", name=op.f("ck_budget_line_original_not_negative")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_budget_line_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("project_id", "code", name="uq_budget_line_project_code"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_line_project_id"), ["project_id"], unique=False)

    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("retainage_percent", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_commitment_amount_not_negative")),
        sa.CheckConstraint(
            "retainage_percent BETWEEN 0 AND 10000", name=op.f("ck_commitment_retainage_range")
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
            name=op.f("fk_commitment_party_id_party"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_commitment_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
        sa.UniqueConstraint("project_id", "number", name="uq_commitment_project_number"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_party_id"), ["party_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commitment_project_id"), ["project_id"], unique=False)

    op.create_table(
        "change_order",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("budget_line_id", sa.Integer(), nullable=True),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("time_impact_days", sa.Integer(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("from_contingency", sa.Boolean(), nullable=False),
        sa.Column("contingency_line_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "approved_on IS NULL OR submitted_on IS NULL OR approved_on >= submitted_on",
            name=op.f("ck_change_order_approved_after_submitted"),
        ),
        sa.ForeignKeyConstraint(
            ["budget_line_id"],
            ["budget_line.id"],
            name=op.f("fk_change_order_budget_line_id_budget_line"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_change_order_commitment_id_commitment"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contingency_line_id"],
            ["budget_line.id"],
            name=op.f("fk_change_order_contingency_line_id_budget_line"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_change_order_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_order")),
        sa.UniqueConstraint("project_id", "number", name="uq_change_order_project_number"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("change_order", schema=None) as batch_op:
        for column in ("budget_line_id", "commitment_id", "contingency_line_id", "project_id"):
            batch_op.create_index(batch_op.f(f"ix_change_order_{column}"), [column], unique=False)

    op.create_table(
        "commitment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("budget_line_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_line_id"],
            ["budget_line.id"],
            name=op.f("fk_commitment_line_budget_line_id_budget_line"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_line_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_line")),
        sa.UniqueConstraint("commitment_id", "budget_line_id", name="uq_commitment_line_pair"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("commitment_line", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_line_budget_line_id"), ["budget_line_id"], unique=False
        )

    op.create_table(
        "pay_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("claimed", sa.Integer(), nullable=False),
        sa.Column("certified", sa.Integer(), nullable=False),
        sa.Column("retainage_held", sa.Integer(), nullable=False),
        sa.Column("retainage_released", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "certified >= 0 AND certified <= claimed",
            name=op.f("ck_pay_application_certified_within_claimed"),
        ),
        sa.CheckConstraint("claimed >= 0", name=op.f("ck_pay_application_claimed_not_negative")),
        sa.CheckConstraint(
            "paid_on IS NULL OR paid_on >= period_end",
            name=op.f("ck_pay_application_paid_after_period"),
        ),
        sa.CheckConstraint(
            "retainage_held >= 0 AND retainage_held <= certified",
            name=op.f("ck_pay_application_retainage_within_certified"),
        ),
        sa.CheckConstraint(
            "retainage_released >= 0", name=op.f("ck_pay_application_released_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_pay_application_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pay_application")),
        sa.UniqueConstraint("commitment_id", "number", name="uq_pay_application_commitment_number"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    # New tables only, so going back is a plain drop (children first).
    for table in (
        "pay_application",
        "commitment_line",
        "change_order",
        "commitment",
        "budget_line",
    ):
        op.drop_table(table)
