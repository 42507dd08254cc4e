"""Issue-log and risk-register entries: their specs, numbering and counters.

Numbers are handed out per project and prefix in list order (ISS-0001, RFI-0001, ...,
RSK-001) and the project's `number_counter` rows are set to the highest number used, so a
number added later in the app never collides with a demo one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ownersrep.domain.enums import IssueStatus, IssueType, RiskStatus
from ownersrep.domain.issue_rules import format_issue_number
from ownersrep.services.demo.rows import DemoRows
from ownersrep.services.demo.schedule import Scheduled
from ownersrep.services.risk_service import NUMBER_PREFIX as RISK_PREFIX
from ownersrep.services.risk_service import format_risk_number


@dataclass(frozen=True)
class IssueSpec:
    kind: str  # IssueType value
    title: str
    description: str
    raised: date | str
    due_in: int | None  # days after raised; None: no due date
    priority: str = "medium"
    status: str = "open"
    raised_by: str | None = None  # party key
    assigned_to: str | None = None  # party key
    task: str | None = None  # task key
    closed_in: int | None = None  # days after raised (closed items)
    resolution: str = ""
    cost: str | None = None  # Decimal text, e.g. "48250.00"
    days: int | None = None  # schedule impact, calendar days
    internal: bool = False


@dataclass(frozen=True)
class RiskSpec:
    title: str
    cause: str
    effect: str
    category: str  # RiskCategory value
    probability: int
    impact: int
    response: str  # RiskResponse value
    mitigation: str
    owner: str | None  # party key
    raised: date | str
    review_in: int | None  # days after the status date; negative: review overdue
    status: str = "open"


def _date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def add_issues(
    rows: DemoRows,
    project_id: int,
    specs: Sequence[IssueSpec],
    parties: Mapping[str, int],
    tasks: Mapping[str, Scheduled],
) -> None:
    status_date: date = rows.project(project_id)["status_date"]
    last: dict[str, int] = {}
    # Numbers follow the order in which entries were raised, as they would in real use.
    for spec in sorted(specs, key=lambda sp: _date(sp.raised)):
        itype = IssueType(spec.kind)
        status = IssueStatus(spec.status)
        raised = _date(spec.raised)
        due = raised + timedelta(days=spec.due_in) if spec.due_in is not None else None
        closed = raised + timedelta(days=spec.closed_in) if spec.closed_in is not None else None
        if raised > status_date or (closed is not None and closed > status_date):
            raise ValueError(f"{spec.title!r}: dated after the status date")
        if (status is IssueStatus.CLOSED) != (closed is not None):
            raise ValueError(f"{spec.title!r}: closed items (only) need closed_in")
        if not status.is_active and not spec.resolution:
            raise ValueError(f"{spec.title!r}: resolved and closed items need a resolution")
        sequence = last.get(itype.prefix, 0) + 1
        last[itype.prefix] = sequence
        rows.issues.append(
            {
                "id": rows.new_id("issue"),
                "project_id": project_id,
                "issue_type": itype.value,
                "number": format_issue_number(itype, sequence),
                "title": spec.title,
                "description": spec.description,
                "priority": spec.priority,
                "status": status.value,
                "raised_by_id": parties[spec.raised_by] if spec.raised_by else None,
                "assigned_to_id": parties[spec.assigned_to] if spec.assigned_to else None,
                "raised_on": raised,
                "due_on": due,
                "closed_on": closed,
                "resolution": spec.resolution,
                "cost_impact": Decimal(spec.cost) if spec.cost is not None else None,
                "schedule_impact_days": spec.days,
                "task_id": tasks[spec.task].id if spec.task else None,
                "internal": spec.internal,
            }
        )
    for prefix, value in sorted(last.items()):
        rows.set_counter(project_id, prefix, value)


def add_risks(
    rows: DemoRows,
    project_id: int,
    specs: Sequence[RiskSpec],
    parties: Mapping[str, int],
) -> None:
    status_date: date = rows.project(project_id)["status_date"]
    for sequence, spec in enumerate(specs, 1):
        status = RiskStatus(spec.status)
        raised = _date(spec.raised)
        if raised > status_date:
            raise ValueError(f"{spec.title!r}: raised after the status date")
        review = (
            status_date + timedelta(days=spec.review_in) if spec.review_in is not None else None
        )
        if review is not None and review < raised:
            raise ValueError(f"{spec.title!r}: review date before the raised date")
        rows.risks.append(
            {
                "id": rows.new_id("risk"),
                "project_id": project_id,
                "number": format_risk_number(sequence),
                "title": spec.title,
                "cause": spec.cause,
                "effect": spec.effect,
                "category": spec.category,
                "probability": spec.probability,
                "impact": spec.impact,
                "response": spec.response,
                "mitigation": spec.mitigation,
                "owner_id": parties[spec.owner] if spec.owner else None,
                "status": status.value,
                "raised_on": raised,
                "review_on": review,
            }
        )
    if specs:
        rows.set_counter(project_id, RISK_PREFIX, len(specs))
