"""What every section of one project's report reads, inside the report's one session:
the project, the period and its record, the health facts (shared with the dashboard's
computation), the closed periods, the issue log without internal items, the register.
Each part is read on first use and kept, so a section that is not chosen costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ownersrep.db.models import Issue, Party, Project, Risk
from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.domain.errors import NotFoundError
from ownersrep.domain.evm import EacMethod, EvmFigures
from ownersrep.domain.health.rag import Area
from ownersrep.domain.health.thresholds import Thresholds
from ownersrep.services.cost_ledger import LedgerInputs, load_inputs
from ownersrep.services.health_compute import evm_of, health_of
from ownersrep.services.health_facts import ProjectFacts, load_facts
from ownersrep.services.health_settings import load_eac_method, load_thresholds
from ownersrep.services.health_types import OverrideDTO, PeriodSnapshotDTO, ProjectHealth
from ownersrep.services.period_snapshots import snapshots_of
from ownersrep.services.rag_overrides import load_overrides
from ownersrep.services.report_period import Period
from ownersrep.services.report_period_service import load_record
from ownersrep.services.report_types import PeriodRecord


@dataclass(frozen=True, slots=True)
class IssueFact:
    """An issue-log entry that is not internal (internal ones are never read)."""

    number: str
    issue_type: IssueType
    title: str
    priority: Priority
    status: IssueStatus
    owner: str
    raised_on: date
    due_on: date | None
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class RiskFact:
    number: str
    title: str
    category: str
    probability: int
    impact: int
    response: str
    mitigation: str
    owner: str
    status: str


@dataclass(frozen=True, slots=True)
class ProjectHead:
    project_id: int
    name: str
    code: str
    client_name: str
    currency: str
    status_date: date | None
    planned_finish: date | None


def project_heads(s: Session, project_ids: list[int] | None) -> dict[int, ProjectHead]:
    client = aliased(Party)
    query = select(
        Project.id,
        Project.name,
        Project.code,
        client.name,
        Project.currency,
        Project.status_date,
        Project.planned_finish,
    ).outerjoin(client, client.id == Project.client_id)
    if project_ids is not None:
        query = query.where(Project.id.in_(project_ids))
    return {
        row[0]: ProjectHead(row[0], row[1], row[2], row[3] or "", row[4], row[5], row[6])
        for row in s.execute(query)
    }


class ProjectInputs:
    """One project's report inputs for one period (see the module text)."""

    def __init__(
        self,
        s: Session,
        head: ProjectHead,
        period: Period,
        today: date,
        facts: ProjectFacts | None = None,
        shared: SharedInputs | None = None,
    ) -> None:
        self.s = s
        self.head = head
        self.project_id = head.project_id
        self.period = period
        self.today = today
        self._facts = facts
        self.shared = shared if shared is not None else SharedInputs(s)

    @property
    def as_of(self) -> date:
        """The status date, today when the project has none."""
        return self.head.status_date or self.today

    @cached_property
    def facts(self) -> ProjectFacts:
        if self._facts is not None:
            return self._facts
        found = load_facts(self.s, [self.project_id], self.today).get(self.project_id)
        if found is None:
            raise NotFoundError("project", self.project_id)
        return found

    @cached_property
    def record_and_frozen(self) -> tuple[PeriodRecord, str | None]:
        return load_record(self.s, self.project_id, self.period.text)

    @property
    def record(self) -> PeriodRecord:
        return self.record_and_frozen[0]

    @cached_property
    def snapshots(self) -> list[PeriodSnapshotDTO]:
        """Closed periods, newest first."""
        return snapshots_of(self.s, self.project_id)

    @cached_property
    def this_snapshot(self) -> PeriodSnapshotDTO | None:
        return next((p for p in self.snapshots if p.period == self.period.text), None)

    @cached_property
    def earlier_snapshots(self) -> list[PeriodSnapshotDTO]:
        """Closed periods before this one, newest first."""
        return [p for p in self.snapshots if p.period < self.period.text]

    @cached_property
    def ledger_inputs(self) -> LedgerInputs:
        return load_inputs(self.s, self.project_id)

    @cached_property
    def evm(self) -> EvmFigures | None:
        """As EvmService.figures works them (the workspace's EAC formula)."""
        facts = self.facts
        if not facts.lines:
            return None
        inputs = self.ledger_inputs
        cost_ids = [line.id for line in inputs.lines if line.kind is BudgetLineKind.COST]
        etc: Decimal | None = None
        if cost_ids:
            figures = inputs.figures()
            etc = total(figures.lines[i].etc for i in cost_ids)
        return evm_of(facts, self.shared.eac_method, etc)

    @cached_property
    def overrides(self) -> dict[Area, OverrideDTO]:
        return load_overrides(self.s, [self.project_id]).get(self.project_id, {})

    @cached_property
    def health(self) -> ProjectHealth:
        """Live KPIs and statuses with the live overrides, as HealthService.status."""
        return health_of(self.facts, self.evm, self.shared.thresholds, self.overrides)

    @cached_property
    def issues(self) -> list[IssueFact]:
        """Every entry of the log that is not internal, by number."""
        assignee = aliased(Party)
        query = (
            select(
                Issue.number,
                Issue.issue_type,
                Issue.title,
                Issue.priority,
                Issue.status,
                assignee.name,
                Issue.raised_on,
                Issue.due_on,
                Issue.closed_on,
            )
            .outerjoin(assignee, assignee.id == Issue.assigned_to_id)
            .where(Issue.project_id == self.project_id, Issue.internal.is_(False))
            .order_by(Issue.number)
        )
        types = {t.value: t for t in IssueType}
        priorities = {p.value: p for p in Priority}
        statuses = {st.value: st for st in IssueStatus}
        return [
            IssueFact(
                number,
                types[kind],
                title,
                priorities[prio],
                statuses[status],
                owner or "",
                raised,
                due,
                closed,
            )
            for number, kind, title, prio, status, owner, raised, due, closed in (
                self.s.connection().execute(query).all()
            )
        ]

    @cached_property
    def risks(self) -> list[RiskFact]:
        """The whole register, by number."""
        query = (
            select(
                Risk.number,
                Risk.title,
                Risk.category,
                Risk.probability,
                Risk.impact,
                Risk.response,
                Risk.mitigation,
                Party.name,
                Risk.status,
            )
            .outerjoin(Party, Party.id == Risk.owner_id)
            .where(Risk.project_id == self.project_id)
            .order_by(Risk.number)
        )
        return [
            RiskFact(n, t, c, p, i, r, m, owner or "", st)
            for n, t, c, p, i, r, m, owner, st in self.s.connection().execute(query).all()
        ]


class SharedInputs:
    """Workspace-wide settings read once for every project of a report."""

    def __init__(self, s: Session) -> None:
        self.s = s

    @cached_property
    def thresholds(self) -> Thresholds:
        return load_thresholds(self.s)

    @cached_property
    def eac_method(self) -> EacMethod:
        return load_eac_method(self.s)
