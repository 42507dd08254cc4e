"""One row per project for the portfolio page: counts that are true today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, select

from ownersrep.db.models import Issue, Party, Program, Project, Risk, Task
from ownersrep.domain.enums import ProjectKind, ProjectStatus
from ownersrep.services.context import ServiceContext

_ACTIVE = ("open", "in_progress")


@dataclass(frozen=True, slots=True)
class ProjectSummaryRow:
    id: int
    name: str
    program: str
    kind: ProjectKind
    status: ProjectStatus
    client: str
    planned_start: date | None
    planned_finish: date | None
    status_date: date | None
    tasks: int
    open_issues: int
    overdue_issues: int
    open_risks: int
    high_risks: int


class PortfolioSummaryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self, program_id: int | None = None) -> list[ProjectSummaryRow]:
        """Projects of the whole portfolio, or of one program (and its sub-programs)."""
        today = self._ctx.today()
        issues = (
            select(
                Issue.project_id.label("pid"),
                func.sum(case((Issue.status.in_(_ACTIVE), 1), else_=0)).label("open"),
                func.sum(
                    case((and_(Issue.status.in_(_ACTIVE), Issue.due_on < today), 1), else_=0)
                ).label("overdue"),
            )
            .group_by(Issue.project_id)
            .subquery()
        )
        risks = (
            select(
                Risk.project_id.label("pid"),
                func.sum(case((Risk.status != "closed", 1), else_=0)).label("open"),
                func.sum(
                    case(
                        (and_(Risk.status != "closed", Risk.probability * Risk.impact >= 15), 1),
                        else_=0,
                    )
                ).label("high"),
            )
            .group_by(Risk.project_id)
            .subquery()
        )
        tasks = (
            select(Task.project_id.label("pid"), func.count().label("n"))
            .group_by(Task.project_id)
            .subquery()
        )
        query = (
            select(
                Project.id,
                Project.name,
                func.coalesce(Program.name, ""),
                Project.kind,
                Project.status,
                func.coalesce(Party.name, ""),
                Project.planned_start,
                Project.planned_finish,
                Project.status_date,
                func.coalesce(tasks.c.n, 0),
                func.coalesce(issues.c.open, 0),
                func.coalesce(issues.c.overdue, 0),
                func.coalesce(risks.c.open, 0),
                func.coalesce(risks.c.high, 0),
            )
            .outerjoin(Program, Program.id == Project.program_id)
            .outerjoin(Party, Party.id == Project.client_id)
            .outerjoin(issues, issues.c.pid == Project.id)
            .outerjoin(risks, risks.c.pid == Project.id)
            .outerjoin(tasks, tasks.c.pid == Project.id)
            .order_by(Program.sort_order, Project.sort_order, Project.name)
        )
        with self._ctx.sessions() as s:
            if program_id is not None:
                query = query.where(Project.program_id.in_(self._program_ids(s, program_id)))
            result = s.execute(query).all()
        return [
            ProjectSummaryRow(r[0], r[1], r[2], ProjectKind(r[3]), ProjectStatus(r[4]), *r[5:])
            for r in result
        ]

    def first_project_id(self) -> int | None:
        """The project to show when nothing was shown before: the one with most tasks."""
        with self._ctx.sessions() as s:
            return s.scalar(
                select(Project.id)
                .outerjoin(Task, Task.project_id == Project.id)
                .group_by(Project.id)
                .order_by(func.count(Task.id).desc(), Project.id)
                .limit(1)
            )

    @staticmethod
    def _program_ids(s: object, root: int) -> list[int]:
        pairs = s.execute(select(Program.id, Program.parent_id)).all()  # type: ignore[attr-defined]
        ids, frontier = [root], [root]
        while frontier:
            frontier = [pid for pid, parent in pairs if parent in frontier]
            ids.extend(frontier)
        return ids
