"""All mapped classes, imported here so that `Base.metadata` knows every table."""

from ownersrep.db.models.audit import AuditEntry
from ownersrep.db.models.baseline import Baseline, BaselineTask
from ownersrep.db.models.calendar import Calendar
from ownersrep.db.models.cost import (
    BudgetLine,
    ChangeOrder,
    Commitment,
    CommitmentLine,
    PayApplication,
)
from ownersrep.db.models.health import PeriodSnapshot, PriorityRating, RagOverride
from ownersrep.db.models.issue import Issue, NumberCounter
from ownersrep.db.models.party import Contact, Party
from ownersrep.db.models.portfolio import Program, Project
from ownersrep.db.models.report import ReportPeriod
from ownersrep.db.models.risk import Risk
from ownersrep.db.models.setting import Setting
from ownersrep.db.models.task import Task, TaskLink

__all__ = [
    "AuditEntry",
    "Baseline",
    "BaselineTask",
    "BudgetLine",
    "Calendar",
    "ChangeOrder",
    "Commitment",
    "CommitmentLine",
    "Contact",
    "Issue",
    "NumberCounter",
    "Party",
    "PayApplication",
    "PeriodSnapshot",
    "PriorityRating",
    "Program",
    "Project",
    "RagOverride",
    "ReportPeriod",
    "Risk",
    "Setting",
    "Task",
    "TaskLink",
]


def _never_reuse_ids() -> None:
    """AUTOINCREMENT on every integer-keyed table: SQLite then never hands out the id of a
    deleted row again, so an audit entry's entity id names one record for ever, and an
    undone delete can put its row back under the same id."""
    from ownersrep.db.base import Base

    for table in Base.metadata.tables.values():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].name == "id":
            table.dialect_kwargs["sqlite_autoincrement"] = True


_never_reuse_ids()
