"""Load and delete projects with everything they hold, inside the caller's transaction.

Shared by `ProjectService.delete` (one project) and `PortfolioService.delete_program`
(every project of a program tree), so that both capture the same rows in the same
insert order and delete them the same audited way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.base import Base
from ownersrep.db.models import Issue, NumberCounter, Project, Risk, Task, TaskLink
from ownersrep.services.snapshot import delete_deepest_first, parents_first


@dataclass
class ProjectRows:
    """The ORM rows of some projects and of all they hold (live in one session)."""

    projects: list[Project]
    counters: list[NumberCounter]
    tasks: list[Task]
    links: list[TaskLink]
    issues: list[Issue]
    risks: list[Risk]

    def parts(self) -> list[tuple[type[Base], Sequence[Base]]]:
        """For `snapshot.capture`: in the order the rows must be inserted again."""
        return [
            (Project, self.projects),
            (NumberCounter, self.counters),
            (Task, parents_first(self.tasks)),
            (TaskLink, self.links),
            (Issue, self.issues),
            (Risk, self.risks),
        ]


def load_project_rows(s: Session, project_ids: Sequence[int]) -> ProjectRows:
    """Every row the given projects hold (missing ids are simply absent)."""
    ids = list(project_ids)
    if not ids:
        return ProjectRows([], [], [], [], [], [])
    return ProjectRows(
        projects=list(s.scalars(select(Project).where(Project.id.in_(ids)))),
        counters=list(s.scalars(select(NumberCounter).where(NumberCounter.project_id.in_(ids)))),
        tasks=list(s.scalars(select(Task).where(Task.project_id.in_(ids)))),
        links=list(s.scalars(select(TaskLink).where(TaskLink.project_id.in_(ids)))),
        issues=list(s.scalars(select(Issue).where(Issue.project_id.in_(ids)))),
        risks=list(s.scalars(select(Risk).where(Risk.project_id.in_(ids)))),
    )


def delete_project_rows(s: Session, rows: ProjectRows) -> None:
    """Delete the rows child tables first. Each row is deleted through the ORM (not by
    FK cascade) so that the audit records it."""
    for group in (rows.issues, rows.risks, rows.links):
        for obj in group:
            s.delete(obj)
        s.flush()
    delete_deepest_first(s, rows.tasks)
    for counter in rows.counters:
        s.delete(counter)
    for project in rows.projects:
        s.delete(project)
    s.flush()
