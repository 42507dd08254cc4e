"""The issues section: open items (open or in progress) overdue first, then by due date
(undated last); and the items closed in the period. Internal items are never read (see
report_inputs), so they appear nowhere in a report."""

from __future__ import annotations

from datetime import date

from ownersrep.domain.issue_rules import age_days, is_overdue
from ownersrep.services.report_inputs import IssueFact, ProjectInputs
from ownersrep.services.report_types import IssueLine, Issues


def issue_line(i: IssueFact, as_of: date) -> IssueLine:
    """Ages and overdue flags are worked at the status date."""
    return IssueLine(
        number=i.number,
        issue_type=i.issue_type,
        title=i.title,
        priority=i.priority.label,
        status=i.status.label,
        owner=i.owner,
        raised_on=i.raised_on,
        due_on=i.due_on,
        closed_on=i.closed_on,
        age_days=age_days(i.raised_on, i.closed_on, as_of),
        overdue=is_overdue(i.status, i.due_on, as_of),
    )


def issues_of(inp: ProjectInputs) -> Issues:
    as_of = inp.as_of
    open_lines = [issue_line(i, as_of) for i in inp.issues if i.status.is_active]
    open_lines.sort(
        key=lambda line: (
            not line.overdue,
            line.due_on is None,
            line.due_on or date.min,
            line.number,
        )
    )
    closed = [
        issue_line(i, as_of)
        for i in inp.issues
        if not i.status.is_active and inp.period.contains(i.closed_on)
    ]
    closed.sort(key=lambda line: (line.closed_on or date.min, line.number))
    return Issues(open=tuple(open_lines), closed_this_period=tuple(closed))
