"""schedule results: the engine's float and critical flag on each task, the data date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21

Until 0003 a task made in OwnersRep kept the dates typed into it; from 0003 the engine
schedules every project. So that nothing moves on the first edit after the upgrade, a
typed start becomes what MS Project makes of a typed start, a start-no-earlier-than
constraint (only for tasks that no link drives), and a task with progress gets the
actual start (and finish, when complete) its dates imply.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NATIVE = "project_id IN (SELECT id FROM project WHERE source_format IS NULL)"


def upgrade() -> None:
    # ADD COLUMN only, for the reason given in 0002 (a rebuild of `task` would fire its
    # ON DELETE actions).
    op.add_column("task", sa.Column("total_float", sa.Integer(), nullable=True))
    op.add_column("task", sa.Column("free_float", sa.Integer(), nullable=True))
    op.add_column(
        "task", sa.Column("critical", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "task_link",
        sa.Column("driving", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("project", sa.Column("data_date", sa.DateTime(), nullable=True))
    op.add_column("project", sa.Column("scheduled_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE task SET constraint_type = 'snet', constraint_date = start || ' 00:00:00.000000' "
        f"WHERE {_NATIVE} AND start IS NOT NULL AND kind <> 'summary' "
        "AND constraint_type = 'asap' "
        "AND id NOT IN (SELECT successor_id FROM task_link)"
    )
    op.execute(
        "UPDATE task SET actual_start = start || ' 00:00:00.000000' "
        f"WHERE {_NATIVE} AND percent_complete > 0 AND actual_start IS NULL "
        "AND start IS NOT NULL AND kind <> 'summary'"
    )
    op.execute(
        "UPDATE task SET actual_finish = date(finish, '+1 day') || ' 00:00:00.000000' "
        f"WHERE {_NATIVE} AND percent_complete = 100 AND actual_finish IS NULL "
        "AND finish IS NOT NULL AND kind <> 'summary'"
    )


def downgrade() -> None:
    raise NotImplementedError(
        "Schema 0003 cannot be downgraded in place; restore the backup taken before the "
        "upgrade (File → Backups)."
    )
