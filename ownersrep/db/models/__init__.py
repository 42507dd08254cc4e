"""All mapped classes, imported here so that `Base.metadata` knows every table."""

from ownersrep.db.models.audit import AuditEntry
from ownersrep.db.models.issue import Issue, NumberCounter
from ownersrep.db.models.party import Contact, Party
from ownersrep.db.models.portfolio import Program, Project
from ownersrep.db.models.risk import Risk
from ownersrep.db.models.setting import Setting
from ownersrep.db.models.task import Task, TaskLink

__all__ = [
    "AuditEntry",
    "Contact",
    "Issue",
    "NumberCounter",
    "Party",
    "Program",
    "Project",
    "Risk",
    "Setting",
    "Task",
    "TaskLink",
]
