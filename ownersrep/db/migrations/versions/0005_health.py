"""health: the WBS element of a budget line, RAG overrides, period snapshots, priority
ratings

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

budget_line.task_id is added with a plain ALTER TABLE ADD COLUMN, not a batch rebuild:
rebuilding budget_line means DROP TABLE budget_line, which with foreign keys on would
delete every commitment line and empty the change orders' budget lines through their
ON DELETE actions (see 0002). The other three are new tables.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _project_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["project_id"],
        ["project.id"],
        name=op.f(f"fk_{table}_project_id_project"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.execute(
        "ALTER TABLE budget_line ADD COLUMN task_id INTEGER "
        "CONSTRAINT fk_budget_line_task_id_task REFERENCES task (id) ON DELETE SET NULL"
    )
    # The ON DELETE SET NULL from a deleted task looks its lines up by task_id.
    op.create_index("ix_budget_line_task_id", "budget_line", ["task_id"])

    op.create_table(
        "rag_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=20), nullable=False),
        sa.Column("rag", sa.String(length=10), nullable=False),
        sa.Column("commentary", sa.Text(), nullable=False),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "length(trim(commentary)) > 0", name=op.f("ck_rag_override_commentary_required")
        ),
        sa.CheckConstraint(
            "rag IN ('green', 'amber', 'red')", name=op.f("ck_rag_override_rag_value")
        ),
        _project_fk("rag_override"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rag_override")),
        sa.UniqueConstraint("project_id", "area", name="uq_rag_override_project_area"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "period_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("kpis", sa.Text(), nullable=False),
        sa.Column("rags", sa.Text(), nullable=False),
        _project_fk("period_snapshot"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_snapshot")),
        sa.UniqueConstraint("project_id", "period", name="uq_period_snapshot_project_period"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "priority_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=60), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_priority_rating_rating_range")),
        _project_fk("priority_rating"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_priority_rating")),
        sa.UniqueConstraint("project_id", "criterion", name="uq_priority_rating_project_criterion"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    # Dropping budget_line.task_id would mean rebuilding budget_line, whose DROP fires the
    # ON DELETE actions described above; the backup taken before the upgrade is the way
    # back.
    raise NotImplementedError(
        "Schema 0005 cannot be downgraded in place; restore the backup taken before the "
        "upgrade (File → Backups)."
    )
