"""The executive summary: the rep's narrative, RAG per area this period against the last
closed one, achievements, and the decisions the owner must take in the next 30 days.

"This period" is, in order of precedence: the period's closed snapshot; else the live
derived statuses with the overrides frozen into the period's record when it was issued;
else the live statuses with the live overrides. "Last" is the newest closed period
before this one.
"""

from __future__ import annotations

from datetime import timedelta

from ownersrep.domain.enums import IssueType
from ownersrep.domain.health.rag import AreaStatus, Rag, overall
from ownersrep.domain.rich_text import blocks_of
from ownersrep.services.report_inputs import IssueFact, ProjectInputs
from ownersrep.services.report_period_service import thawed
from ownersrep.services.report_types import DecisionLine, RagLine, Summary

DECISION_DAYS = 30


def this_period_areas(inp: ProjectInputs) -> tuple[AreaStatus, ...]:
    """Each area's status this period (see the module text), in Area order."""
    closed = inp.this_snapshot
    if closed is not None:
        return closed.areas
    live = inp.health.areas
    frozen = thawed(inp.record_and_frozen[1])
    if frozen is None:
        return live
    areas = []
    for status in live:
        given = frozen.get(status.area)
        if given is None:
            areas.append(AreaStatus(status.area, status.derived))
        else:
            areas.append(AreaStatus(status.area, status.derived, given[0], given[1]))
    return tuple(areas)


def rag_lines(inp: ProjectInputs) -> tuple[tuple[RagLine, ...], Rag, Rag | None]:
    """(one line per area, overall this period, overall last period or None)."""
    areas = this_period_areas(inp)
    last = inp.earlier_snapshots[0] if inp.earlier_snapshots else None
    lines = tuple(
        RagLine(
            area=a.area,
            this=a.shown,
            last=last.area(a.area).shown if last is not None else None,
            derived=a.derived,
            overridden=a.is_overridden,
            commentary=a.commentary,
        )
        for a in areas
    )
    return lines, overall(a.shown for a in areas), last.overall if last is not None else None


def _decisions(inp: ProjectInputs) -> tuple[DecisionLine, ...]:
    """Open decisions due within 30 days of the status date (overdue ones too), soonest
    first, then the undated ones."""
    as_of = inp.as_of
    horizon = as_of + timedelta(days=DECISION_DAYS)
    chosen: list[IssueFact] = [
        i
        for i in inp.issues
        if i.issue_type is IssueType.DECISION
        and i.status.is_active
        and (i.due_on is None or i.due_on <= horizon)
    ]
    chosen.sort(key=lambda i: (i.due_on is None, i.due_on or as_of, i.number))
    return tuple(
        DecisionLine(
            i.number, i.title, i.owner, i.due_on, i.due_on is not None and i.due_on < as_of
        )
        for i in chosen
    )


def summary_of(inp: ProjectInputs) -> Summary:
    record = inp.record
    lines, this, last = rag_lines(inp)
    return Summary(
        narrative=blocks_of(record.narrative_html),
        overall=this,
        overall_last=last,
        areas=lines,
        achievements=record.achievements,
        decisions=_decisions(inp),
    )
